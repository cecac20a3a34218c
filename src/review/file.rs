//! The review file on disk: its JSON format (version 1), reading it, saving
//! it atomically, and setting an unusable one aside.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::identity::TaskKey;
use super::mark::Mark;
use crate::atomic_write::{folder_of, write_atomically};
use crate::clock::Timestamp;

/// The review file format version.
const VERSION: u32 = 1;

/// The marks of a review file, by task key.
pub(super) type Marks = BTreeMap<TaskKey, Mark>;

#[derive(Deserialize)]
struct FileIn {
    version: u32,
    #[serde(default)]
    marks: Marks,
}

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    marks: &'a Marks,
}

/// What reading a review file found.
pub(super) enum ReadOutcome {
    /// No file yet: no marks.
    Missing,
    /// A valid file.
    Marks(Marks),
    /// A file that cannot be used, and why.
    Unusable(String),
}

/// Reads the review file at `path`.
pub(super) fn read(path: &Path) -> ReadOutcome {
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return ReadOutcome::Missing,
        Err(error) => return ReadOutcome::Unusable(format!("cannot read it: {error}")),
    };
    match serde_json::from_slice::<FileIn>(&bytes) {
        Ok(file) if file.version == VERSION => ReadOutcome::Marks(file.marks),
        Ok(file) => ReadOutcome::Unusable(format!(
            "unsupported review file version {} (this zeren reads version {VERSION})",
            file.version
        )),
        Err(error) => ReadOutcome::Unusable(format!("not a valid review file: {error}")),
    }
}

/// Saves `marks` to `path` atomically, creating its folder when needed.
pub(super) fn write(path: &Path, marks: &Marks) -> std::io::Result<()> {
    std::fs::create_dir_all(folder_of(path))?;
    write_atomically(path, |out| {
        serde_json::to_writer_pretty(
            &mut *out,
            &FileOut {
                version: VERSION,
                marks,
            },
        )?;
        writeln!(out)
    })
}

/// Renames the file at `path` to `NAME.corrupt-YYYYMMDD-HHMMSS` (UTC) beside
/// it, adding `-2`, `-3`, … when that name is taken, so nothing is ever
/// overwritten. Returns the new path.
pub(super) fn set_aside(path: &Path, now: Timestamp) -> std::io::Result<PathBuf> {
    let mut base = path.file_name().map(OsString::from).unwrap_or_default();
    base.push(format!(".corrupt-{}", now.compact()));
    let mut aside = path.with_file_name(&base);
    let mut counter = 2;
    while aside.symlink_metadata().is_ok() {
        let mut name = base.clone();
        name.push(format!("-{counter}"));
        aside = path.with_file_name(name);
        counter += 1;
    }
    std::fs::rename(path, &aside)?;
    Ok(aside)
}
