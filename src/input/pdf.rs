//! stub
use super::{Decoded, LoadError};
pub(crate) fn decode_pdf(_bytes: &[u8]) -> Result<Decoded, LoadError> {
    Err(LoadError::NoText)
}
