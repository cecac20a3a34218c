//! The review book: every mark of a review file, changed one at a time and
//! saved at once after each change.

use std::fmt;
use std::path::{Path, PathBuf};

use super::file::{self, Marks, ReadOutcome};
use super::identity::TaskKey;
use super::mark::{Mark, MarkContext, Status};
use crate::clock::Timestamp;

/// The marks of one review file.
///
/// Marks are never dropped for tasks that are not loaded: they stay in the
/// file for when their document comes back. Clearing a task's status removes
/// its mark, note included; a note on an unmarked task flags it (a note
/// usually says what is wrong).
#[derive(Debug, Clone)]
pub struct ReviewBook {
    path: PathBuf,
    marks: Marks,
    /// Why the book must not save over `path`, when it must not.
    locked: Option<String>,
}

/// A problem met while opening a review file; the book starts empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewWarning {
    /// The file could not be used and was renamed to `aside`.
    SetAside {
        path: PathBuf,
        aside: PathBuf,
        reason: String,
    },
    /// The file could not be used nor moved aside, so it is left alone and
    /// marks are not saved.
    Locked {
        path: PathBuf,
        reason: String,
        error: String,
    },
    /// The file could not be used and was ignored (read-only open).
    Ignored { path: PathBuf, reason: String },
}

impl fmt::Display for ReviewWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReviewWarning::SetAside {
                path,
                aside,
                reason,
            } => write!(
                f,
                "{}: {reason}; kept as {} and starting with no marks",
                path.display(),
                aside.display()
            ),
            ReviewWarning::Locked {
                path,
                reason,
                error,
            } => write!(
                f,
                "{}: {reason}; cannot move it aside ({error}), so marks will not be saved",
                path.display()
            ),
            ReviewWarning::Ignored { path, reason } => {
                write!(f, "{}: {reason}; ignoring its marks", path.display())
            }
        }
    }
}

/// A change that could not be saved; the book is left as it was.
#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("cannot save the review file {}: {error}", path.display())]
    Save {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("not saving the review file {}: {reason}", path.display())]
    Locked { path: PathBuf, reason: String },
    #[error("no task {0} in the loaded documents")]
    UnknownTask(u32),
}

impl ReviewBook {
    /// Opens the review file at `path`. A missing file gives an empty book; a
    /// file that cannot be read or parsed is renamed aside (never
    /// overwritten), reported, and the book starts empty.
    pub fn open(path: PathBuf) -> (Self, Option<ReviewWarning>) {
        match file::read(&path) {
            ReadOutcome::Missing => (Self::empty(path), None),
            ReadOutcome::Marks(marks) => (
                Self {
                    path,
                    marks,
                    locked: None,
                },
                None,
            ),
            ReadOutcome::Unusable(reason) => Self::set_aside(path, reason),
        }
    }

    /// Opens the review file at `path` for reading only: an unusable file is
    /// reported and left where it is, and the book refuses every change.
    pub fn open_read_only(path: PathBuf) -> (Self, Option<ReviewWarning>) {
        let (marks, warning) = match file::read(&path) {
            ReadOutcome::Missing => (Marks::new(), None),
            ReadOutcome::Marks(marks) => (marks, None),
            ReadOutcome::Unusable(reason) => (
                Marks::new(),
                Some(ReviewWarning::Ignored {
                    path: path.clone(),
                    reason,
                }),
            ),
        };
        let book = Self {
            path,
            marks,
            locked: Some("opened read-only".to_string()),
        };
        (book, warning)
    }

    fn empty(path: PathBuf) -> Self {
        Self {
            path,
            marks: Marks::new(),
            locked: None,
        }
    }

    fn set_aside(path: PathBuf, reason: String) -> (Self, Option<ReviewWarning>) {
        let is_file = path.symlink_metadata().is_ok_and(|meta| meta.is_file());
        let moved = if is_file {
            file::set_aside(&path, Timestamp::now()).map_err(|error| error.to_string())
        } else {
            Err("it is not a regular file".to_string())
        };
        match moved {
            Ok(aside) => {
                let warning = ReviewWarning::SetAside {
                    path: path.clone(),
                    aside,
                    reason,
                };
                (Self::empty(path), Some(warning))
            }
            Err(error) => {
                let warning = ReviewWarning::Locked {
                    path: path.clone(),
                    reason: reason.clone(),
                    error,
                };
                let book = Self {
                    path,
                    marks: Marks::new(),
                    locked: Some(reason),
                };
                (book, Some(warning))
            }
        }
    }

    /// The review file's path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Every mark, by task key, including those of tasks not loaded now.
    pub fn marks(&self) -> impl Iterator<Item = (&TaskKey, &Mark)> {
        self.marks.iter()
    }

    /// The mark of one task.
    pub fn mark(&self, key: &TaskKey) -> Option<&Mark> {
        self.marks.get(key)
    }

    /// The status of one task; `None` when unmarked.
    pub fn status_of(&self, key: &TaskKey) -> Option<Status> {
        self.mark(key).map(|mark| mark.status)
    }

    /// Sets or clears (with `None`) a task's status and saves. Clearing removes
    /// the mark with its note.
    pub fn set_status(
        &mut self,
        key: &TaskKey,
        status: Option<Status>,
        context: MarkContext,
    ) -> Result<(), ReviewError> {
        let note = self.mark(key).and_then(|mark| mark.note.clone());
        self.store(key, status.map(|status| (status, note)), context)
    }

    /// Unmarked or flagged → reviewed; reviewed → unmarked. Saves, and returns
    /// the new status.
    pub fn toggle_reviewed(
        &mut self,
        key: &TaskKey,
        context: MarkContext,
    ) -> Result<Option<Status>, ReviewError> {
        self.toggle(key, Status::Reviewed, context)
    }

    /// Unmarked or reviewed → flagged; flagged → unmarked. Saves, and returns
    /// the new status.
    pub fn toggle_flagged(
        &mut self,
        key: &TaskKey,
        context: MarkContext,
    ) -> Result<Option<Status>, ReviewError> {
        self.toggle(key, Status::Flagged, context)
    }

    fn toggle(
        &mut self,
        key: &TaskKey,
        status: Status,
        context: MarkContext,
    ) -> Result<Option<Status>, ReviewError> {
        let next = (self.status_of(key) != Some(status)).then_some(status);
        self.set_status(key, next, context)?;
        Ok(next)
    }

    /// Sets a task's note (blank text clears it) and saves. A note on an
    /// unmarked task flags it.
    pub fn set_note(
        &mut self,
        key: &TaskKey,
        note: &str,
        context: MarkContext,
    ) -> Result<(), ReviewError> {
        let note = Some(note.trim().to_string()).filter(|note| !note.is_empty());
        let status = match (self.status_of(key), &note) {
            (Some(status), _) => status,
            (None, Some(_)) => Status::Flagged,
            (None, None) => return Ok(()),
        };
        self.store(key, Some((status, note)), context)
    }

    /// Puts `wanted` (status and note, or nothing) as the mark of `key` and
    /// saves; on failure the book is left as it was.
    fn store(
        &mut self,
        key: &TaskKey,
        wanted: Option<(Status, Option<String>)>,
        context: MarkContext,
    ) -> Result<(), ReviewError> {
        let before = self.marks.get(key).cloned();
        let unchanged = match (&before, &wanted) {
            (None, None) => true,
            (Some(mark), Some((status, note))) => mark.status == *status && mark.note == *note,
            _ => false,
        };
        if unchanged {
            return Ok(());
        }
        if let Some(reason) = &self.locked {
            return Err(ReviewError::Locked {
                path: self.path.clone(),
                reason: reason.clone(),
            });
        }
        match wanted {
            Some((status, note)) => {
                let mark = Mark {
                    status,
                    note,
                    updated: Timestamp::now().iso(),
                    task: context,
                };
                self.marks.insert(key.clone(), mark);
            }
            None => {
                self.marks.remove(key);
            }
        }
        if let Err(error) = file::write(&self.path, &self.marks) {
            match before {
                Some(mark) => self.marks.insert(key.clone(), mark),
                None => self.marks.remove(key),
            };
            return Err(ReviewError::Save {
                path: self.path.clone(),
                error,
            });
        }
        Ok(())
    }
}
