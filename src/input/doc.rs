//! stub
use super::{Decoded, LoadError};
pub(crate) fn decode_doc(_bytes: &[u8]) -> Result<Decoded, LoadError> {
    Err(LoadError::NoText)
}
pub(crate) fn decode_wps(_bytes: &[u8]) -> Result<Decoded, LoadError> {
    Err(LoadError::NoText)
}
