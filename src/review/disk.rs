//! The review file on disk, handled with care: opened as a regular file only
//! (never blocking on a FIFO, never reading a device), size-capped, followed
//! through symlinks to the file they name, never replaced when read-only,
//! saved whole under a lock, and its stale temporary files removed.

use std::ffi::OsString;
use std::fs::{File, OpenOptions};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use crate::atomic_write::{folder_of, write_atomically_named};
use crate::clock::Timestamp;

/// The largest review file read: about five million marks.
pub const MAX_REVIEW_FILE_BYTES: u64 = 1 << 30;

/// Symlinks followed at most before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// Suffix of zeren's temporary review files (`.NAME.XXXXXX.zeren-tmp`).
const TEMP_SUFFIX: &str = ".zeren-tmp";

/// The temporary files of earlier zeren versions: `.zeren-XXXXXX.tmp`.
const OLD_TEMP_PREFIX: &str = ".zeren-";
const OLD_TEMP_SUFFIX: &str = ".tmp";

/// How old a temporary file of the earlier pattern must be to be removed (a
/// current export may still be writing a young one).
const OLD_TEMP_AGE: Duration = Duration::from_secs(3600);

/// Why a review file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadProblem {
    /// A FIFO, a device, a folder…: never read, never replaced.
    NotRegular(&'static str),
    /// Larger than [`MAX_REVIEW_FILE_BYTES`].
    TooLarge(u64),
    /// The system refused (permission denied…).
    Io(String),
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadProblem::NotRegular(kind) => write!(f, "not a regular file ({kind})"),
            ReadProblem::TooLarge(size) => write!(
                f,
                "too large for a review file ({} MB; the limit is {} MB)",
                size / 1_000_000,
                MAX_REVIEW_FILE_BYTES / 1_000_000
            ),
            ReadProblem::Io(error) => write!(f, "cannot read it: {error}"),
        }
    }
}

/// An error of saving, in words: what is wrong rather than the system's
/// code.
pub fn describe(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let words = match error.kind() {
        ErrorKind::PermissionDenied => "permission denied (the folder or the file is not writable)",
        ErrorKind::ReadOnlyFilesystem => "the disk is mounted read-only",
        ErrorKind::StorageFull => "the disk is full",
        ErrorKind::QuotaExceeded => "the disk quota is used up",
        ErrorKind::AlreadyExists | ErrorKind::NotADirectory => "its folder is not a folder",
        ErrorKind::NotFound => "its folder does not exist",
        _ => return error.to_string(),
    };
    format!("{words} ({error})")
}

/// What the file looked like when read or written, to tell whether someone
/// else has changed it since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

impl FileStamp {
    fn of(metadata: &std::fs::Metadata) -> Self {
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(metadata);
        #[cfg(not(unix))]
        let inode = 0;
        Self {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            inode,
        }
    }

    /// The stamp of the file at `path` now; `None` when there is none.
    pub fn now(path: &Path) -> Option<Self> {
        std::fs::metadata(path).ok().map(|meta| Self::of(&meta))
    }
}

/// A review file's content as read.
#[derive(Debug)]
pub struct Content {
    pub bytes: Vec<u8>,
    pub stamp: FileStamp,
    /// True when no write permission bit is set: the file must not be
    /// replaced.
    pub read_only: bool,
}

/// Reads the review file at `path` (following symlinks): `None` when there
/// is none. The file is opened without blocking, checked to be a regular
/// file after opening, and read up to the size cap.
pub fn read(path: &Path) -> Result<Option<Content>, ReadProblem> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = match options.open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(ReadProblem::Io(error.to_string())),
    };
    let metadata = file
        .metadata()
        .map_err(|error| ReadProblem::Io(error.to_string()))?;
    if !metadata.is_file() {
        return Err(ReadProblem::NotRegular(kind_of(&metadata)));
    }
    if metadata.len() > MAX_REVIEW_FILE_BYTES {
        return Err(ReadProblem::TooLarge(metadata.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(MAX_REVIEW_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| ReadProblem::Io(error.to_string()))?;
    if bytes.len() as u64 > MAX_REVIEW_FILE_BYTES {
        return Err(ReadProblem::TooLarge(bytes.len() as u64));
    }
    Ok(Some(Content {
        bytes,
        stamp: FileStamp::of(&metadata),
        read_only: metadata.permissions().readonly(),
    }))
}

/// What kind of non-regular file `metadata` describes, in words.
fn kind_of(metadata: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = metadata.file_type();
        if kind.is_fifo() {
            return "a FIFO";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "a device";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    if metadata.is_dir() {
        "a folder"
    } else {
        "not a plain file"
    }
}

/// The file a review path stands for: symlinks followed to their target
/// (which may not exist yet), so that a save replaces the target and keeps
/// the link.
pub fn resolve(path: &Path) -> PathBuf {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let Ok(target) = std::fs::read_link(&current) else {
            return current;
        };
        current = if target.is_absolute() {
            target
        } else {
            folder_of(&current).join(target)
        };
    }
    current
}

/// The lock file of the review file `target`: `.NAME.lock` beside it.
fn lock_path(target: &Path) -> PathBuf {
    target.with_file_name(format!("{}.lock", hidden_name(target)))
}

/// The target's file name with one leading dot: `.zeren-review.json`,
/// `.team.json`.
fn hidden_name(target: &Path) -> String {
    let name = target.file_name().unwrap_or_default().to_string_lossy();
    format!(".{}", name.trim_start_matches('.'))
}

/// An exclusive lock on a review file, held by every save: while it is held
/// no other zeren writes the file.
pub struct Lock(#[allow(dead_code)] File);

/// Waits for the lock of the review file `target`, creating its folder and
/// lock file when needed.
pub fn lock(target: &Path) -> std::io::Result<Lock> {
    let folder = folder_of(target);
    if folder.exists() && !folder.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!("{} is a file", folder.display()),
        ));
    }
    std::fs::create_dir_all(folder)?;
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(target))?;
    lock_exclusive(&file)?;
    Ok(Lock(file))
}

/// Waits for an exclusive `flock` on `file` (released when it is closed).
#[cfg(unix)]
fn lock_exclusive(file: &File) -> std::io::Result<()> {
    use std::os::unix::io::AsRawFd;
    loop {
        // SAFETY: `flock` only reads the descriptor, which `file` keeps open.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } == 0 {
            return Ok(());
        }
        let error = std::io::Error::last_os_error();
        if error.kind() != std::io::ErrorKind::Interrupted {
            return Err(error);
        }
    }
}

/// Without `flock`, saves rely on the atomic rename alone.
#[cfg(not(unix))]
fn lock_exclusive(_file: &File) -> std::io::Result<()> {
    Ok(())
}

/// Writes the review file `target` whole, with what `write` produces, under
/// the caller's lock: a temporary file beside it renamed over it. Returns the
/// stamp of the file written.
pub fn write(
    target: &Path,
    _lock: &Lock,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<FileStamp> {
    write_atomically_named(target, &temp_prefix(target), TEMP_SUFFIX, write)?;
    std::fs::metadata(target).map(|meta| FileStamp::of(&meta))
}

/// `.NAME.`: the start of the name of a temporary review file.
fn temp_prefix(target: &Path) -> String {
    format!("{}.", hidden_name(target))
}

/// The temporary files a killed zeren left beside `target`: those of this
/// review file, and old-style `.zeren-XXXXXX.tmp` files over an hour old.
pub fn stale_temp_files(target: &Path) -> Vec<PathBuf> {
    let prefix = temp_prefix(target);
    let Ok(entries) = std::fs::read_dir(folder_of(target)) else {
        return Vec::new();
    };
    let now = SystemTime::now();
    entries
        .flatten()
        .filter(|entry| entry.file_type().is_ok_and(|kind| kind.is_file()))
        .filter(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let ours = name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX);
            ours || is_old_temp_name(&name)
                && entry
                    .metadata()
                    .ok()
                    .and_then(|meta| meta.modified().ok())
                    .and_then(|modified| now.duration_since(modified).ok())
                    .is_some_and(|age| age >= OLD_TEMP_AGE)
        })
        .map(|entry| entry.path())
        .collect()
}

/// Removes [`stale_temp_files`] under the review file's lock, while no save
/// can be writing one; returns how many were removed.
pub fn remove_stale_temp_files(target: &Path, _lock: &Lock) -> usize {
    stale_temp_files(target)
        .into_iter()
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count()
}

/// `.zeren-` + six letters or digits + `.tmp`, as earlier versions named
/// their temporary files.
fn is_old_temp_name(name: &str) -> bool {
    name.strip_prefix(OLD_TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(OLD_TEMP_SUFFIX))
        .is_some_and(|middle| {
            middle.len() == 6 && middle.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// Renames the review file `target` to `NAME.corrupt-YYYYMMDD-HHMMSS` (UTC)
/// beside it, adding `-2`, `-3`, … when that name is taken, so nothing is
/// ever overwritten. Returns the new path.
pub fn set_aside(target: &Path, _lock: &Lock, now: Timestamp) -> std::io::Result<PathBuf> {
    let mut base = target.file_name().map(OsString::from).unwrap_or_default();
    base.push(format!(".corrupt-{}", now.compact()));
    let mut aside = target.with_file_name(&base);
    let mut counter = 2;
    while aside.symlink_metadata().is_ok() {
        let mut name = base.clone();
        name.push(format!("-{counter}"));
        aside = target.with_file_name(name);
        counter += 1;
    }
    std::fs::rename(target, &aside)?;
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_temp_names_are_recognised() {
        assert!(is_old_temp_name(".zeren-a1B2c3.tmp"));
        assert!(!is_old_temp_name(".zeren-review.json"));
        assert!(!is_old_temp_name(".zeren-a1B2c3.tmp.txt"));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_resolves_to_its_target_even_before_it_exists() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("team/review.json", &link).unwrap();
        assert_eq!(resolve(&link), dir.path().join("team/review.json"));
        assert_eq!(
            resolve(&dir.path().join("plain.json")),
            dir.path().join("plain.json")
        );
    }
}
