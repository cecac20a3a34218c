//! Checks of the units named for each task: none at all, an inferred lead,
//! several leads.

use super::{Detail, Problem, ProblemKind};
use crate::model::Role;
use crate::store::{Store, TaskId};

/// The unit problems of every task.
pub(super) fn check(store: &Store) -> Vec<Problem> {
    let mut problems = Vec::new();
    for (index, task) in store.tasks().iter().enumerate() {
        let Ok(id) = TaskId::try_from(index) else {
            break;
        };
        if task.has_no_unit() {
            problems.push(Problem::at_task(
                store,
                ProblemKind::NoUnit,
                id,
                Detail::NoUnit,
            ));
            continue;
        }
        if task.lead_inferred
            && let Some(first) = task.units_in(Role::Responsible).next()
        {
            problems.push(Problem::at_task(
                store,
                ProblemKind::InferredLead,
                id,
                Detail::InferredLead { unit: first.unit },
            ));
        }
        let leads: Vec<_> = task.units_in(Role::Lead).map(|unit| unit.unit).collect();
        if leads.len() > 1 {
            problems.push(Problem::at_task(
                store,
                ProblemKind::SeveralLeads,
                id,
                Detail::SeveralLeads { units: leads },
            ));
        }
    }
    problems
}
