//! The log file, `$XDG_DATA_HOME/zeren/zeren.log`: what went wrong where no
//! one would see it otherwise (a worker's panic, a failed save, a config
//! file that could not be used). One line per entry, time first; the file is
//! started afresh as `zeren.log.1` once it passes a megabyte.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Mutex;

use crate::clock::Timestamp;

/// The log's file name in the data folder.
pub const LOG_FILE_NAME: &str = "zeren.log";

/// The size at which the log is moved to `zeren.log.1` and started afresh.
const MAX_LOG_BYTES: u64 = 1 << 20;

/// One writer at a time, so lines never interleave.
static WRITING: Mutex<()> = Mutex::new(());

/// Where the log is, when there is a data folder.
pub fn path() -> Option<PathBuf> {
    crate::paths::data_dir().map(|dir| dir.join(LOG_FILE_NAME))
}

/// Appends `message` (control characters escaped) to the log; a log that
/// cannot be written is given up on quietly.
pub fn note(message: &str) {
    let Some(path) = path() else {
        return;
    };
    let _guard = WRITING.lock();
    if let Some(folder) = path.parent() {
        let _ = std::fs::create_dir_all(folder);
    }
    if std::fs::metadata(&path).is_ok_and(|meta| meta.len() > MAX_LOG_BYTES) {
        let _ = std::fs::rename(&path, path.with_extension("log.1"));
    }
    let line: String = message
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if let Ok(mut file) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
    {
        let _ = writeln!(
            file,
            "{} [{}] {line}",
            Timestamp::now().iso_millis(),
            std::process::id()
        );
    }
}
