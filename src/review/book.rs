//! A review file as zeren keeps it: its marks as last read or written, and
//! saves that take the file's lock, re-read it when someone else changed it,
//! and merge task by task, the newer mark winning.

use std::fmt;
use std::path::{Path, PathBuf};

use super::disk::{self, FileStamp, Lock, ReadProblem};
use super::file::{self, Marks, Unusable};
use super::key::MarkId;
use super::mark::Mark;
use crate::clock::Timestamp;

/// One change to a review file: the mark `id` set to `mark` (or removed, with
/// `None`) at `at`. It is kept unless the file holds a newer mark there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub id: MarkId,
    pub mark: Option<Mark>,
    pub at: Timestamp,
}

/// A problem met while opening a review file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenWarning {
    /// A review file zeren wrote that no longer parses, renamed to `aside`;
    /// the book starts empty.
    SetAside {
        path: PathBuf,
        aside: PathBuf,
        reason: String,
    },
    /// The file is kept as it is and no mark is saved to it.
    Refused { path: PathBuf, reason: String },
    /// The file has no write permission: its marks are shown, changes are
    /// not saved.
    ReadOnly { path: PathBuf },
}

impl fmt::Display for OpenWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OpenWarning::SetAside {
                path,
                aside,
                reason,
            } => write!(
                f,
                "{}: {reason}; kept as {} and starting with no marks",
                path.display(),
                aside.display()
            ),
            OpenWarning::Refused { path, reason } => write!(
                f,
                "{}: {reason}; leaving it as it is, marks are not saved to it",
                path.display()
            ),
            OpenWarning::ReadOnly { path } => write!(
                f,
                "{}: the review file is read-only; its marks are shown, changes are not saved",
                path.display()
            ),
        }
    }
}

/// Why a save did not happen; the changes are still to be saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("cannot save the review file {}: {reason}", path.display())]
pub struct SaveError {
    pub path: PathBuf,
    pub reason: String,
}

/// What a save found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Saved {
    /// True when the file held changes from someone else, or a newer mark
    /// than one of ours: what the dashboard shows must be refreshed.
    pub foreign: bool,
    /// A corrupt file found and set aside on the way, if any.
    pub set_aside: Option<OpenWarning>,
}

/// The marks of one review file.
#[derive(Debug, Clone)]
pub struct Book {
    /// The path as the user or the defaults gave it (for messages).
    path: PathBuf,
    /// The file written: `path` with symlinks followed.
    target: PathBuf,
    marks: Marks,
    /// The file as last read or written; `None` when there was none.
    stamp: Option<FileStamp>,
    /// Why the file must be read again before any save (it was not usable).
    unverified: bool,
}

impl Book {
    /// Opens the review file at `path` for reading and saving. A missing file
    /// gives an empty book; a review file zeren wrote that no longer parses
    /// is renamed aside (never overwritten); any other unusable file is left
    /// alone and reported.
    pub fn open(path: PathBuf) -> (Self, Option<OpenWarning>) {
        let mut book = Self::empty(path);
        let warning = match disk::read(&book.target) {
            Ok(None) => None,
            Ok(Some(content)) => match file::parse(&content.bytes) {
                Ok(marks) => {
                    book.marks = marks;
                    book.stamp = Some(content.stamp);
                    content.read_only.then(|| OpenWarning::ReadOnly {
                        path: book.path.clone(),
                    })
                }
                Err(unusable @ Unusable::Corrupt(_)) => {
                    Some(book.set_aside_at_open(unusable.to_string()))
                }
                Err(unusable) => Some(book.refuse(unusable.to_string())),
            },
            Err(problem) => Some(book.refuse(problem.to_string())),
        };
        (book, warning)
    }

    /// Opens the review file at `path` only to read its marks (an export):
    /// nothing on disk is changed, an unusable file is reported and ignored.
    pub fn open_read_only(path: PathBuf) -> (Self, Option<OpenWarning>) {
        let mut book = Self::empty(path);
        let warning = match disk::read(&book.target) {
            Ok(None) => None,
            Ok(Some(content)) => match file::parse(&content.bytes) {
                Ok(marks) => {
                    book.marks = marks;
                    None
                }
                Err(unusable) => Some(book.refuse(unusable.to_string())),
            },
            Err(problem) => Some(book.refuse(problem.to_string())),
        };
        (book, warning)
    }

    fn empty(path: PathBuf) -> Self {
        Self {
            target: disk::resolve(&path),
            path,
            marks: Marks::new(),
            stamp: None,
            unverified: false,
        }
    }

    fn refuse(&mut self, reason: String) -> OpenWarning {
        self.unverified = true;
        OpenWarning::Refused {
            path: self.path.clone(),
            reason,
        }
    }

    fn set_aside_at_open(&mut self, reason: String) -> OpenWarning {
        let moved = disk::lock(&self.target)
            .and_then(|lock| disk::set_aside(&self.target, &lock, Timestamp::now()));
        match moved {
            Ok(aside) => OpenWarning::SetAside {
                path: self.path.clone(),
                aside,
                reason,
            },
            Err(error) => self.refuse(format!("{reason}; cannot move it aside ({error})")),
        }
    }

    /// The review file's path, as given.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every mark of the file.
    pub fn marks(&self) -> &Marks {
        &self.marks
    }

    /// Removes the temporary files a killed zeren left beside the file
    /// (under its lock); returns how many.
    pub fn remove_stale_temp_files(&self) -> usize {
        if disk::stale_temp_files(&self.target).is_empty() {
            return 0;
        }
        match disk::lock(&self.target) {
            Ok(lock) => disk::remove_stale_temp_files(&self.target, &lock),
            Err(_) => 0,
        }
    }

    /// Saves `changes`: takes the file's lock, reads the file again when it
    /// changed since this book last saw it, applies each change unless the
    /// file holds a newer mark for that task, and writes the file whole.
    pub fn save(&mut self, changes: &[Change]) -> Result<Saved, SaveError> {
        let lock = disk::lock(&self.target).map_err(|error| self.error(disk::describe(&error)))?;
        let mut saved = Saved::default();
        let now = FileStamp::now(&self.target);
        if self.unverified || now != self.stamp {
            saved.foreign = true;
            match disk::read(&self.target) {
                Ok(None) => self.marks = Marks::new(),
                Ok(Some(content)) => match file::parse(&content.bytes) {
                    Ok(marks) => self.marks = marks,
                    Err(unusable @ Unusable::Corrupt(_)) => {
                        let reason = unusable.to_string();
                        let aside = disk::set_aside(&self.target, &lock, Timestamp::now())
                            .map_err(|error| {
                                self.error(format!("{reason}; cannot move it aside ({error})"))
                            })?;
                        saved.set_aside = Some(OpenWarning::SetAside {
                            path: self.path.clone(),
                            aside,
                            reason,
                        });
                        self.marks = Marks::new();
                    }
                    Err(unusable) => {
                        return Err(self.error(format!("{unusable}; leaving it as it is")));
                    }
                },
                Err(problem) => return Err(self.refusal(&problem)),
            }
            self.unverified = false;
        }
        if let Ok(metadata) = std::fs::metadata(&self.target)
            && metadata.permissions().readonly()
        {
            return Err(self.error("it is read-only; leaving it as it is".to_string()));
        }
        let previous = std::fs::metadata(&self.target)
            .ok()
            .map(|metadata| metadata.permissions());
        // Merged in place: should the write fail, the same changes are
        // applied again by the next try, which changes nothing twice.
        saved.foreign |= merge(&mut self.marks, changes);
        let marks = &self.marks;
        let written = disk::write(&self.target, &lock, |out| file::write(marks, out));
        let stamp = written.map_err(|error| self.error(disk::describe(&error)))?;
        if let Some(permissions) = previous {
            let _ = std::fs::set_permissions(&self.target, permissions);
        }
        self.stamp = FileStamp::now(&self.target).or(Some(stamp));
        Ok(saved)
    }

    /// Reads the file again when it changed since this book last saw it
    /// (another reviewer saved). `Ok(true)` when the marks were replaced.
    pub fn reload_if_changed(&mut self) -> Result<bool, SaveError> {
        let now = FileStamp::now(&self.target);
        if now == self.stamp {
            return Ok(false);
        }
        self.stamp = now;
        match disk::read(&self.target) {
            Ok(None) => {
                let changed = !self.marks.is_empty();
                self.marks.clear();
                Ok(changed)
            }
            Ok(Some(content)) => match file::parse(&content.bytes) {
                Ok(marks) => {
                    self.unverified = false;
                    let changed = marks != self.marks;
                    self.marks = marks;
                    Ok(changed)
                }
                Err(unusable) => {
                    self.unverified = true;
                    Err(self.error(unusable.to_string()))
                }
            },
            Err(problem) => {
                self.unverified = true;
                Err(self.refusal(&problem))
            }
        }
    }

    fn refusal(&self, problem: &ReadProblem) -> SaveError {
        self.error(format!("{problem}; leaving it as it is"))
    }

    fn error(&self, reason: String) -> SaveError {
        SaveError {
            path: self.path.clone(),
            reason,
        }
    }

    /// Locks the file as a save does (for tests of concurrent saving).
    pub fn lock(&self) -> std::io::Result<Lock> {
        disk::lock(&self.target)
    }
}

/// Applies `changes` to `marks`, each unless `marks` holds a newer mark for
/// its task; returns whether any change lost to a newer mark.
pub fn merge(marks: &mut Marks, changes: &[Change]) -> bool {
    let mut lost = false;
    for change in changes {
        let newer_on_disk = marks
            .get(&change.id)
            .is_some_and(|existing| existing.updated > change.at);
        if newer_on_disk {
            lost = true;
            continue;
        }
        match &change.mark {
            Some(mark) => {
                marks.insert(change.id.clone(), mark.clone());
            }
            None => {
                marks.remove(&change.id);
            }
        }
    }
    lost
}
