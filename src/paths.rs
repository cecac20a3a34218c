//! Where zeren keeps the user's files: the XDG config and data folders, and
//! the folder of the documents being read.

use std::path::PathBuf;

/// `$XDG_CONFIG_HOME/zeren` (default `~/.config/zeren`).
pub fn config_dir() -> Option<PathBuf> {
    xdg_dir("XDG_CONFIG_HOME", ".config")
}

/// `$XDG_DATA_HOME/zeren` (default `~/.local/share/zeren`).
pub fn data_dir() -> Option<PathBuf> {
    xdg_dir("XDG_DATA_HOME", ".local/share")
}

fn xdg_dir(variable: &str, fallback: &str) -> Option<PathBuf> {
    let base = std::env::var_os(variable)
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(fallback)))?;
    Some(base.join("zeren"))
}

/// The folder the user's documents are in: the first PATH that is a
/// directory, else the folder of the first PATH (`.` for a bare file name);
/// `None` for the built-in samples (no PATH).
pub fn documents_folder(paths: &[PathBuf]) -> Option<PathBuf> {
    if let Some(folder) = paths.iter().find(|path| path.is_dir()) {
        return Some(folder.clone());
    }
    let first = paths.first()?;
    Some(crate::atomic_write::folder_of(first).to_path_buf())
}
