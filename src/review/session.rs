//! A review book bound to a loaded store: marks looked up and changed by
//! [`TaskId`].

use std::collections::BTreeMap;

use super::book::{ReviewBook, ReviewError};
use super::identity::{TaskKey, task_keys};
use super::mark::{Mark, MarkContext, Status};
use crate::store::{Store, TaskId};

/// The review book and the keys of the store's tasks.
#[derive(Debug, Clone)]
pub struct Review {
    book: ReviewBook,
    /// Task keys indexed by [`TaskId`].
    keys: Vec<TaskKey>,
}

impl Review {
    /// Binds `book` to the tasks of `store`.
    pub fn new(book: ReviewBook, store: &Store) -> Self {
        Self {
            book,
            keys: task_keys(store),
        }
    }

    /// The underlying book.
    pub fn book(&self) -> &ReviewBook {
        &self.book
    }

    /// The stable key of a task.
    pub fn key(&self, task: TaskId) -> Option<&TaskKey> {
        self.keys.get(task as usize)
    }

    /// The mark of a task, if it has one.
    pub fn mark(&self, task: TaskId) -> Option<&Mark> {
        self.key(task).and_then(|key| self.book.mark(key))
    }

    /// The status of a task; `None` when unmarked.
    pub fn status(&self, task: TaskId) -> Option<Status> {
        self.mark(task).map(|mark| mark.status)
    }

    /// Toggles a task between reviewed and unmarked (see
    /// [`ReviewBook::toggle_reviewed`]); saves at once.
    pub fn toggle_reviewed(
        &mut self,
        store: &Store,
        task: TaskId,
    ) -> Result<Option<Status>, ReviewError> {
        let key = self.owned_key(task)?;
        self.book
            .toggle_reviewed(&key, MarkContext::of(store, task))
    }

    /// Toggles a task between flagged and unmarked (see
    /// [`ReviewBook::toggle_flagged`]); saves at once.
    pub fn toggle_flagged(
        &mut self,
        store: &Store,
        task: TaskId,
    ) -> Result<Option<Status>, ReviewError> {
        let key = self.owned_key(task)?;
        self.book.toggle_flagged(&key, MarkContext::of(store, task))
    }

    /// Sets a task's note, blank to clear it (see [`ReviewBook::set_note`]);
    /// saves at once.
    pub fn set_note(&mut self, store: &Store, task: TaskId, note: &str) -> Result<(), ReviewError> {
        let key = self.owned_key(task)?;
        self.book.set_note(&key, note, MarkContext::of(store, task))
    }

    /// The marks of the loaded tasks, by task id (for an export view).
    pub fn marked_tasks(&self) -> BTreeMap<TaskId, Mark> {
        self.keys
            .iter()
            .enumerate()
            .filter_map(|(index, key)| {
                let mark = self.book.mark(key)?;
                Some((TaskId::try_from(index).ok()?, mark.clone()))
            })
            .collect()
    }

    /// How many marks of the book belong to no loaded task (kept in the file).
    pub fn unmatched(&self) -> usize {
        let mut loaded: Vec<&TaskKey> = self.keys.iter().collect();
        loaded.sort_unstable();
        self.book
            .marks()
            .filter(|(key, _)| loaded.binary_search(key).is_err())
            .count()
    }

    fn owned_key(&self, task: TaskId) -> Result<TaskKey, ReviewError> {
        self.key(task)
            .cloned()
            .ok_or(ReviewError::UnknownTask(task))
    }
}
