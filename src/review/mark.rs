//! What a reviewer records about a task: a status and an optional note.

use serde::{Deserialize, Serialize};

use crate::store::{Store, TaskId};

/// How many characters of the task text a mark keeps for a human reader.
const CONTEXT_TEXT_CHARS: usize = 30;

/// The review status of a marked task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Checked and fine.
    Reviewed,
    /// Something is wrong; the note says what.
    Flagged,
}

impl Status {
    /// The lowercase English name used in exports.
    pub fn name(self) -> &'static str {
        match self {
            Status::Reviewed => "reviewed",
            Status::Flagged => "flagged",
        }
    }

    /// The Chinese label used in the Excel export.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Reviewed => "已审核",
            Status::Flagged => "有问题",
        }
    }
}

/// One task's mark. A task without a mark is unreviewed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    pub status: Status,
    #[serde(default)]
    pub note: Option<String>,
    /// When the mark last changed, ISO 8601 UTC (`2024-05-01T04:30:00Z`).
    #[serde(default)]
    pub updated: String,
    /// Where the task is, for a person reading the review file; not used to
    /// find the task.
    #[serde(default)]
    pub task: MarkContext,
}

/// A human-readable pointer to a marked task.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkContext {
    /// The document's file name (without its folder, which may move).
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub number: Option<String>,
    /// The first 30 characters of the task text.
    #[serde(default)]
    pub text: String,
}

impl MarkContext {
    /// The context of one task of `store`.
    pub fn of(store: &Store, id: TaskId) -> Self {
        let task = store.task(id);
        let source = &store.document(task.document).source;
        let file = source
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(source)
            .to_string();
        Self {
            file,
            number: task.number.as_deref().map(str::to_string),
            text: store
                .text_of(task)
                .chars()
                .take(CONTEXT_TEXT_CHARS)
                .collect(),
        }
    }
}
