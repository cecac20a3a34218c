//! Exporting to a file, whole or not at all, and the default export file name
//! the dashboard uses.

use std::path::{Path, PathBuf};

use super::{ExportView, Format, write};
use crate::atomic_write::write_atomically;
use crate::clock::Timestamp;
use crate::paths::documents_folder;
use crate::store::Store;

/// An export file that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {error}", path.display())]
pub struct ExportError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

/// Writes `view` in `format` to the file `path` through a temp file renamed
/// over it, so `path` is never left half-written.
pub fn write_file(
    store: &Store,
    view: &ExportView,
    format: Format,
    path: &Path,
) -> Result<(), ExportError> {
    write_atomically(path, |out| write(store, view, format, out)).map_err(|error| ExportError {
        path: path.to_path_buf(),
        error,
    })
}

/// Where the dashboard exports to: `zeren-export-YYYYMMDD-HHMMSS.EXT` (UTC)
/// beside the documents (the folder the default review file is in), or in the
/// current folder for the built-in samples; `-2`, `-3`, … is added when the
/// name is taken.
pub fn default_export_path(paths: &[PathBuf], format: Format, now: Timestamp) -> PathBuf {
    let folder = documents_folder(paths).unwrap_or_else(|| PathBuf::from("."));
    let stem = format!("zeren-export-{}", now.compact());
    let extension = format.extension();
    let mut path = folder.join(format!("{stem}.{extension}"));
    let mut counter = 2;
    while path.symlink_metadata().is_ok() {
        path = folder.join(format!("{stem}-{counter}.{extension}"));
        counter += 1;
    }
    path
}
