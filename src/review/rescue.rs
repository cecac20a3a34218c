//! Marks that could not be saved before quitting are written to a file of
//! their own in the data folder (`unsaved-marks-YYYYMMDD-HHMMSS.json`, in
//! the review file format), so that nothing typed is lost.

use std::path::PathBuf;

use super::book::Change;
use super::file::{self, Marks};
use crate::atomic_write::write_atomically;
use crate::clock::Timestamp;

/// Writes the marks set by `changes` to a new file in the data folder;
/// returns its path, or `None` when it could not be written.
pub fn keep(changes: &[Change]) -> Option<PathBuf> {
    let folder = crate::paths::data_dir()?;
    std::fs::create_dir_all(&folder).ok()?;
    let marks: Marks = changes
        .iter()
        .filter_map(|change| Some((change.id.clone(), change.mark.clone()?)))
        .collect();
    let path = folder.join(format!("unsaved-marks-{}.json", Timestamp::now().compact()));
    write_atomically(&path, |out| file::write(&marks, out)).ok()?;
    Some(path)
}
