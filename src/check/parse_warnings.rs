//! Problems the parser noticed: annotation lines with no task above them,
//! task numbers out of sequence, documents with no task.

use rustc_hash::FxHashMap;

use super::{Detail, Problem, ProblemKind};
use crate::model::WarningKind;
use crate::store::{DocId, Store, TaskId};

/// The parse warnings of every document that are review problems.
pub(super) fn check(store: &Store) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, document) in store.documents().iter().enumerate() {
        let Ok(doc_id) = DocId::try_from(index) else {
            break;
        };
        let mut tasks_by_line: Option<FxHashMap<u32, TaskId>> = None;
        for warning in &document.warnings {
            let kind = match warning.kind {
                WarningKind::OrphanAnnotation => ProblemKind::OrphanAnnotation,
                WarningKind::NumberOutOfSequence => ProblemKind::NumberOutOfSequence,
                WarningKind::NoTasks => ProblemKind::NoTasks,
                WarningKind::Other => continue,
            };
            let task = warning.line.and_then(|line| {
                tasks_by_line
                    .get_or_insert_with(|| first_task_by_line(store, document.tasks.clone()))
                    .get(&line)
                    .copied()
            });
            problems.push(Problem {
                level: kind.level(),
                kind,
                document: doc_id,
                source: document.source.clone(),
                line: warning.line,
                task,
                detail: Detail::Parser {
                    kind: warning.kind,
                    message: warning.message.clone(),
                },
            });
        }
    }
    problems
}

/// The first task starting at each line of a document, so that finding the
/// task of each of many warnings stays linear.
fn first_task_by_line(store: &Store, tasks: std::ops::Range<TaskId>) -> FxHashMap<u32, TaskId> {
    let mut by_line = FxHashMap::default();
    for id in tasks {
        by_line.entry(store.task(id).line).or_insert(id);
    }
    by_line
}
