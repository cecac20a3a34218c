//! Where the review file is when `--review FILE` is not given.

use std::path::PathBuf;

use crate::paths::{data_dir, documents_folder};

/// The review file's name beside the documents.
pub const REVIEW_FILE_NAME: &str = ".zeren-review.json";

/// The review file's name for the built-in samples, in the data folder.
pub const SAMPLES_REVIEW_FILE_NAME: &str = "samples-review.json";

/// The default review file for `paths`: `.zeren-review.json` in the first
/// PATH that is a directory (the folder of the first file otherwise); for the
/// built-in samples (no PATH) `$XDG_DATA_HOME/zeren/samples-review.json`.
/// `None` only when there is no PATH and no home folder.
pub fn default_review_path(paths: &[PathBuf]) -> Option<PathBuf> {
    match documents_folder(paths) {
        Some(folder) => Some(folder.join(REVIEW_FILE_NAME)),
        None => data_dir().map(|dir| dir.join(SAMPLES_REVIEW_FILE_NAME)),
    }
}
