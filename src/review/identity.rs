//! Stable task identities: what a mark is keyed by, so that it finds its task
//! again after a re-parse, a restart or the folder being moved.
//!
//! A key is the string `DOC:PLAN:NUMBER:TEXT:N`:
//! - `DOC`: the document's content hash ([`crate::store::content_hash`] of the
//!   decoded text), 16 hex digits. It does not depend on the file's path, so
//!   renaming or moving files keeps every key; editing a document's text
//!   changes its keys (the old marks stay in the review file, unmatched).
//! - `PLAN`: the task's plan index in the document, `-` when it has none.
//! - `NUMBER`: the task's number as written, `-` when it has none.
//! - `TEXT`: xxh3 of the task text with all whitespace removed, 16 hex digits.
//! - `N`: how many earlier tasks of the document share the four parts above
//!   (0 for the first), so that identical tasks get distinct keys.

use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::store::{Store, Task};

/// The stable identity of one task; see the module documentation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct TaskKey(String);

impl TaskKey {
    /// The key as written in the review file.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for TaskKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The keys of every task in `store`, indexed by [`crate::store::TaskId`].
pub fn task_keys(store: &Store) -> Vec<TaskKey> {
    let mut keys = Vec::with_capacity(store.tasks().len());
    for document in store.documents() {
        let mut seen: HashMap<(Option<u32>, Option<&str>, u64), u32> = HashMap::new();
        for id in document.tasks.clone() {
            let task = store.task(id);
            let text_hash = text_hash(store.text_of(task));
            let occurrence = seen
                .entry((task.plan, task.number.as_deref(), text_hash))
                .or_insert(0);
            keys.push(key(document.content_hash, task, text_hash, *occurrence));
            *occurrence += 1;
        }
    }
    keys
}

fn key(content_hash: u64, task: &Task, text_hash: u64, occurrence: u32) -> TaskKey {
    let plan = task
        .plan
        .map_or_else(|| "-".to_string(), |plan| plan.to_string());
    let number = task.number.as_deref().unwrap_or("-");
    TaskKey(format!(
        "{content_hash:016x}:{plan}:{number}:{text_hash:016x}:{occurrence}"
    ))
}

/// Hash of a task's text, blind to whitespace (which parsers may reflow):
/// the xxh3 of the text with all whitespace removed.
fn text_hash(text: &str) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for piece in text.split_whitespace() {
        hasher.update(piece.as_bytes());
    }
    hasher.digest()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_change_the_text_hash() {
        assert_eq!(text_hash("加快 建设\n项目"), text_hash("加快建设项目"));
        assert_eq!(
            text_hash("加快建设项目"),
            xxhash_rust::xxh3::xxh3_64("加快建设项目".as_bytes())
        );
        assert_ne!(text_hash("加快建设项目"), text_hash("加快建设工程"));
    }
}
