//! Exporting to a path: a regular file is written whole or not at all (a
//! temp file beside it renamed over it); a device, a FIFO or a descriptor
//! already open (`/dev/stdout`) is written as a stream, never renamed over.
//! Also the default export file name the dashboard uses.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufWriter, Write};
use std::path::{Component, Path, PathBuf};

use super::{Cut, ExportView, Format, write};
use crate::atomic_write::{folder_of, write_atomically};
use crate::clock::Timestamp;
use crate::input::describe_io;
use crate::paths::documents_folder;
use crate::store::Store;
use crate::tui::i18n::Lang;

/// Symbolic links followed at most to find what a path names (Linux's own
/// limit).
const MAX_LINKS: usize = 40;

/// An export that could not be written. The message names the path asked
/// for, never a temp file.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {error}", crate::escape::escape_controls(&path.to_string_lossy()))]
pub struct ExportError {
    pub path: PathBuf,
    pub error: io::Error,
}

/// Writes `view` in `format` to `path` (see [`write_to_path`]), a table's
/// headers in `lang`; returns the texts cut to fit a cell.
pub fn write_file(
    store: &Store,
    view: &ExportView,
    format: Format,
    lang: Lang,
    path: &Path,
) -> Result<Vec<Cut>, ExportError> {
    let mut cut = Vec::new();
    write_to_path(path, |out| {
        cut = write(store, view, format, lang, out)?;
        Ok(())
    })?;
    Ok(cut)
}

/// What an export path names.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Destination {
    /// A regular file, or nothing yet: written through a temp file renamed
    /// over this path, which is the named path with its symbolic links
    /// followed, so that a link stays a link.
    Whole(PathBuf),
    /// A device, a FIFO or an open descriptor: opened and written in place.
    Stream,
}

/// What `path` names, its symbolic links followed one by one.
fn destination(path: &Path) -> Destination {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_open_descriptor(&current) {
            return Destination::Stream;
        }
        let Ok(metadata) = fs::symlink_metadata(&current) else {
            return Destination::Whole(current);
        };
        let file_type = metadata.file_type();
        if file_type.is_symlink() {
            let Ok(target) = fs::read_link(&current) else {
                return Destination::Whole(current);
            };
            current = folder_of(&current).join(target);
        } else if file_type.is_file() || file_type.is_dir() {
            // A folder: the rename fails, and says so.
            return Destination::Whole(current);
        } else {
            return Destination::Stream;
        }
    }
    Destination::Whole(current)
}

/// True for a path into a process's table of open files (`/dev/stdout` is
/// a link to `/proc/self/fd/1`): what it names is already open, perhaps for
/// appending, and must be written in place.
fn is_open_descriptor(path: &Path) -> bool {
    let parts: Vec<&std::ffi::OsStr> = path
        .components()
        .filter_map(|component| match component {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    let has_root = path.has_root();
    match parts.as_slice() {
        [dev, fd, _] if has_root && *dev == "dev" && *fd == "fd" => true,
        [proc, _, fd, _] if has_root && *proc == "proc" && *fd == "fd" => true,
        _ => false,
    }
}

/// Writes what `write` produces to `path`: whole or not at all to a regular
/// file, as a stream to a device, a FIFO or an open descriptor.
pub fn write_to_path(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), ExportError> {
    let failed = |error: io::Error| ExportError {
        path: path.to_path_buf(),
        error: io::Error::new(error.kind(), describe_io(&error)),
    };
    match destination(path) {
        Destination::Whole(target) => write_atomically(&target, write).map_err(failed),
        Destination::Stream => match open_stream(path).map_err(failed)? {
            Some(file) => {
                let mut out = BufWriter::new(file);
                write(&mut out).and_then(|()| out.flush()).map_err(failed)
            }
            // Turned into a regular file since it was looked at.
            None => match destination(path) {
                Destination::Whole(target) => write_atomically(&target, write).map_err(failed),
                Destination::Stream => Err(failed(io::Error::other("changed while being opened"))),
            },
        },
    }
}

/// Opens a device, FIFO or descriptor for writing, without creating or
/// truncating anything (a FIFO waits for its reader, as with `cat > FIFO`).
/// `None` when what is open is a regular file not reached through a
/// descriptor, which is to be written whole instead.
fn open_stream(path: &Path) -> io::Result<Option<File>> {
    let file = OpenOptions::new().append(true).open(path)?;
    let through_descriptor = is_open_descriptor(path) || resolves_to_descriptor(path);
    if file.metadata()?.is_file() && !through_descriptor {
        return Ok(None);
    }
    Ok(Some(file))
}

/// True when following `path`'s links reaches an open descriptor.
fn resolves_to_descriptor(path: &Path) -> bool {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        if is_open_descriptor(&current) {
            return true;
        }
        match fs::read_link(&current) {
            Ok(target) => current = folder_of(&current).join(target),
            Err(_) => return false,
        }
    }
    false
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptor_paths_are_recognised() {
        for path in ["/dev/fd/1", "/proc/self/fd/2", "/proc/123/fd/7"] {
            assert!(is_open_descriptor(Path::new(path)), "{path}");
        }
        for path in ["/dev/null", "dev/fd/1", "/proc/self/fdinfo/1", "/tmp/fd/1"] {
            assert!(!is_open_descriptor(Path::new(path)), "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_descriptors_are_streams_and_files_whole() {
        assert_eq!(destination(Path::new("/dev/null")), Destination::Stream);
        assert_eq!(destination(Path::new("/dev/stdout")), Destination::Stream);
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("new.json");
        assert_eq!(destination(&missing), Destination::Whole(missing.clone()));
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("new.json", &link).unwrap();
        assert_eq!(destination(&link), Destination::Whole(missing));
        let null_link = dir.path().join("null.json");
        std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
        assert_eq!(destination(&null_link), Destination::Stream);
    }

    #[test]
    fn a_link_to_a_file_is_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.json");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.json");
        #[cfg(unix)]
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        #[cfg(not(unix))]
        std::fs::write(&link, "old").unwrap();
        write_to_path(&link, |out| out.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "new");
        #[cfg(unix)]
        {
            assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
            assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
        }
    }

    #[test]
    fn a_missing_folder_is_named_not_the_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("missing").join("out.json");
        let error = write_to_path(&path, |out| out.write_all(b"x")).unwrap_err();
        let message = error.to_string();
        assert!(
            message.starts_with(&format!("cannot write {}: ", path.display())),
            "{message}"
        );
        assert!(!message.contains(".zeren-"), "{message}");
        assert!(message.ends_with("no such file or directory"), "{message}");
    }
}
