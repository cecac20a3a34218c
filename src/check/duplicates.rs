//! The same task text twice, within a document or across documents.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::{Detail, Problem, ProblemKind};
use crate::store::{Store, TaskId};

/// A problem for every task whose text (whitespace ignored) repeats an
/// earlier task's; the first occurrence is not reported.
pub(super) fn check(store: &Store) -> Vec<Problem> {
    let mut first_with_text: HashMap<String, TaskId> = HashMap::new();
    let mut problems = Vec::new();
    for (index, task) in store.tasks().iter().enumerate() {
        let Ok(id) = TaskId::try_from(index) else {
            break;
        };
        let normalised: String = store
            .text_of(task)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if normalised.is_empty() {
            continue;
        }
        match first_with_text.entry(normalised) {
            Entry::Vacant(slot) => {
                slot.insert(id);
            }
            Entry::Occupied(slot) => {
                problems.push(Problem::at_task(
                    store,
                    ProblemKind::DuplicateText,
                    id,
                    Detail::DuplicateText { first: *slot.get() },
                ));
            }
        }
    }
    problems
}
