//! Bounds shared by the readers of packaged formats: how big the parts of a
//! zip archive may unpack to, and reading one part within that bound.

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::{LoadError, MAX_INPUT_BYTES};

/// How an OLE compound file starts: Word 97, Excel 97, or an encrypted
/// Office document.
pub(crate) const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// All parts of one archive together unpack to at most this many bytes.
pub(crate) const MAX_UNPACKED_BYTES: u64 = 2 * MAX_INPUT_BYTES;

/// Refuses an archive whose parts say they unpack to more than
/// [`MAX_INPUT_BYTES`] each or [`MAX_UNPACKED_BYTES`] together (a zip bomb).
pub(crate) fn check_zip_sizes(bytes: &[u8], format: &'static str) -> Result<(), LoadError> {
    let mut archive = open_zip(bytes, format)?;
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let file = archive
            .by_index_raw(index)
            .map_err(|error| LoadError::Broken {
                format,
                reason: error.to_string(),
            })?;
        let size = file.size();
        if size > MAX_INPUT_BYTES {
            return Err(unpacks_too_large(&file.name().unwrap_or_default()));
        }
        total = total.saturating_add(size);
        if total > MAX_UNPACKED_BYTES {
            return Err(LoadError::TooLarge(format!(
                "its parts unpack to more than {} MB",
                MAX_UNPACKED_BYTES / (1024 * 1024)
            )));
        }
    }
    Ok(())
}

/// Opens a zip archive held in memory.
pub(crate) fn open_zip<'a>(
    bytes: &'a [u8],
    format: &'static str,
) -> Result<ZipArchive<Cursor<&'a [u8]>>, LoadError> {
    ZipArchive::new(Cursor::new(bytes)).map_err(|error| match error {
        ZipError::UnsupportedArchive(detail) => LoadError::Broken {
            format,
            reason: format!("unsupported zip archive: {detail}"),
        },
        _ if bytes.starts_with(b"PK\x03\x04") => LoadError::Broken {
            format,
            reason: "the zip archive is cut short or damaged".into(),
        },
        _ => LoadError::NotFormat {
            format,
            reason: "not a zip archive".into(),
        },
    })
}

/// The bytes of one part, or `None` when the archive has no such part. A
/// part that unpacks to more than [`MAX_INPUT_BYTES`], whatever its header
/// says, is refused.
pub(crate) fn read_zip_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
    format: &'static str,
) -> Result<Option<Vec<u8>>, LoadError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(error) => {
            return Err(LoadError::Broken {
                format,
                reason: format!("{name}: {error}"),
            });
        }
    };
    if file.size() > MAX_INPUT_BYTES {
        return Err(unpacks_too_large(name));
    }
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| LoadError::Broken {
            format,
            reason: format!("{name}: {error}"),
        })?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(unpacks_too_large(name));
    }
    Ok(Some(bytes))
}

fn unpacks_too_large(name: &str) -> LoadError {
    LoadError::TooLarge(format!(
        "{name} unpacks to more than {} MB",
        MAX_INPUT_BYTES / (1024 * 1024)
    ))
}
