//! Problems the parser noticed: annotation lines with no task above them,
//! task numbers out of sequence, documents with no task.

use super::{Problem, ProblemKind};
use crate::model::WarningKind;
use crate::store::{DocId, Store, TaskId};

/// The parse warnings of every document that are review problems.
pub(super) fn check(store: &Store) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, document) in store.documents().iter().enumerate() {
        let Ok(doc_id) = DocId::try_from(index) else {
            break;
        };
        for warning in &document.warnings {
            let kind = match warning.kind {
                WarningKind::OrphanAnnotation => ProblemKind::OrphanAnnotation,
                WarningKind::NumberOutOfSequence => ProblemKind::NumberOutOfSequence,
                WarningKind::NoTasks => ProblemKind::NoTasks,
                WarningKind::Other => continue,
            };
            let task = warning
                .line
                .and_then(|line| task_at_line(store, document.tasks.clone(), line));
            problems.push(Problem {
                level: kind.level(),
                kind,
                document: doc_id,
                source: document.source.clone(),
                line: warning.line,
                task,
                message: warning.message.clone(),
            });
        }
    }
    problems
}

/// The task of a document that starts at `line`, if one does.
fn task_at_line(store: &Store, tasks: std::ops::Range<TaskId>, line: u32) -> Option<TaskId> {
    tasks.into_iter().find(|&id| store.task(id).line == line)
}
