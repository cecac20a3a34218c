//! Checks of the units named for each task: none at all, an inferred lead,
//! several leads.

use super::{Problem, ProblemKind, excerpt};
use crate::model::{Role, UNIT_SEPARATOR};
use crate::store::{Store, TaskId};

/// The unit problems of every task.
pub(super) fn check(store: &Store) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, task) in store.tasks().iter().enumerate() {
        let Ok(id) = TaskId::try_from(index) else {
            break;
        };
        if task.has_no_unit() {
            let message = format!("no unit named for「{}」", excerpt(store.text_of(task)));
            problems.push(Problem::at_task(store, ProblemKind::NoUnit, id, message));
            continue;
        }
        if task.lead_inferred
            && let Some(first) = task.units_in(Role::Responsible).next()
        {
            let message = format!(
                "lead inferred from the first responsible unit: {}",
                store.unit_name(first.unit)
            );
            problems.push(Problem::at_task(
                store,
                ProblemKind::InferredLead,
                id,
                message,
            ));
        }
        let leads = store.unit_names_in(task, Role::Lead);
        if leads.len() > 1 {
            let message = format!(
                "{} lead units (多头牵头): {}",
                leads.len(),
                leads.join(UNIT_SEPARATOR)
            );
            problems.push(Problem::at_task(
                store,
                ProblemKind::SeveralLeads,
                id,
                message,
            ));
        }
    }
    problems
}
