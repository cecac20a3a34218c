//! What a reviewer records about a task: a status, an optional note, who and
//! when, and what the task said when it was reviewed.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::fingerprint::fingerprint;
use crate::clock::Timestamp;
use crate::store::{Store, TaskId};

/// How many characters of the task text a mark keeps for a human reader.
pub const CONTEXT_TEXT_CHARS: usize = 30;

/// The review status of a marked task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Checked and fine.
    Reviewed,
    /// Something is wrong; the note says what.
    Flagged,
    /// Not reviewed yet, with a note: a note never changes the status by
    /// itself.
    Unreviewed,
}

impl Status {
    /// The lowercase English name used in exports.
    pub fn name(self) -> &'static str {
        match self {
            Status::Reviewed => "reviewed",
            Status::Flagged => "flagged",
            Status::Unreviewed => "unreviewed",
        }
    }
}

/// One task's mark. A task without a mark is unreviewed; a mark of status
/// [`Status::Unreviewed`] holds a note only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub status: Status,
    pub note: Option<String>,
    /// Who made the mark (`$USER` or `--reviewer`); empty when not known.
    pub reviewer: Arc<str>,
    /// When the mark last changed; the newer mark wins when two reviewers
    /// changed the same task.
    pub updated: Timestamp,
    /// The task as it was reviewed.
    pub task: Reviewed,
}

/// What a marked task looked like when it was reviewed: enough to find it
/// again after an edit, and to show a person reading the file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Reviewed {
    /// The task's number as written.
    pub number: Option<String>,
    /// The first [`CONTEXT_TEXT_CHARS`] characters of the text.
    pub text: String,
    /// [`super::fingerprint::fingerprint`] of the whole text; `None` in marks
    /// of the first review file format.
    pub fingerprint: Option<u64>,
    /// True when the mark was moved by hand to a task whose text differs
    /// from the text reviewed.
    pub changed: bool,
}

impl Reviewed {
    /// One task of `store` as it is now.
    pub fn of(store: &Store, task: TaskId) -> Self {
        let text = store.task_text(task);
        Self {
            number: store.task(task).number.as_deref().map(str::to_string),
            text: text.chars().take(CONTEXT_TEXT_CHARS).collect(),
            fingerprint: Some(fingerprint(text)),
            changed: false,
        }
    }
}

impl Mark {
    /// When the mark was made, as ISO 8601 UTC text.
    pub fn updated_iso(&self) -> String {
        self.updated.iso()
    }
}
