//! Counts per department and per city over a set of tasks.

use crate::departments::DeptId;
use crate::model::Role;
use crate::store::{CityId, Store, TaskId};

/// How many tasks name one department, by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeptCounts {
    pub dept: DeptId,
    /// Tasks it leads, named or inferred.
    pub lead: usize,
    /// Of those, tasks where the lead is inferred from the first responsible unit.
    pub lead_inferred: usize,
    pub responsible: usize,
    pub cooperating: usize,
    /// Tasks naming it in any role.
    pub tasks: usize,
}

/// Department counts over `tasks`, most leads first; departments that no task
/// names are left out.
pub fn department_counts(store: &Store, tasks: &[TaskId]) -> Vec<DeptCounts> {
    let mut counts: Vec<DeptCounts> = (0..store.departments().len())
        .map(|index| DeptCounts {
            dept: DeptId(u32::try_from(index).unwrap_or(u32::MAX)),
            lead: 0,
            lead_inferred: 0,
            responsible: 0,
            cooperating: 0,
            tasks: 0,
        })
        .collect();
    // Per department, the position in `tasks` of the last task that named it
    // and the roles it has there; `named` lists a task's departments once
    // each, so a task naming thousands of units costs linear time.
    let mut roles: Vec<(usize, u8)> = vec![(usize::MAX, 0); counts.len()];
    let mut named: Vec<DeptId> = Vec::new();
    for (position, &id) in tasks.iter().enumerate() {
        let task = store.task(id);
        named.clear();
        for unit in task.units.iter() {
            let slot = &mut roles[unit.dept.0 as usize];
            if slot.0 != position {
                *slot = (position, 0);
                named.push(unit.dept);
            }
            slot.1 |= role_bit(unit.role);
        }
        let inferred = task
            .lead_inferred
            .then(|| {
                task.units_in(Role::Responsible)
                    .next()
                    .map(|unit| unit.dept)
            })
            .flatten();
        for &dept in &named {
            let bits = roles[dept.0 as usize].1;
            let entry = &mut counts[dept.0 as usize];
            entry.tasks += 1;
            entry.lead += usize::from(bits & role_bit(Role::Lead) != 0 || inferred == Some(dept));
            entry.lead_inferred += usize::from(inferred == Some(dept));
            entry.responsible += usize::from(bits & role_bit(Role::Responsible) != 0);
            entry.cooperating += usize::from(bits & role_bit(Role::Cooperating) != 0);
        }
    }
    counts.retain(|entry| entry.tasks > 0);
    counts.sort_by(|a, b| {
        b.lead
            .cmp(&a.lead)
            .then(b.tasks.cmp(&a.tasks))
            .then_with(|| {
                let departments = store.departments();
                departments
                    .get(a.dept)
                    .canonical
                    .cmp(&departments.get(b.dept).canonical)
            })
    });
    counts
}

fn role_bit(role: Role) -> u8 {
    match role {
        Role::Lead => 1,
        Role::Responsible => 2,
        Role::Cooperating => 4,
    }
}

/// Task counts of one city (or of the documents whose city is unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CityCounts {
    /// `None` for documents whose city the text does not tell.
    pub city: Option<CityId>,
    pub documents: usize,
    pub tasks: usize,
    /// Tasks with a named lead.
    pub named_lead: usize,
    /// Tasks whose lead is inferred from the first responsible unit.
    pub inferred_lead: usize,
    /// Tasks naming no unit at all.
    pub no_unit: usize,
}

/// Counts per city over `tasks`, in the store's city order, unknown city last.
pub fn city_counts(store: &Store, tasks: &[TaskId]) -> Vec<CityCounts> {
    let slots = store.cities().len() + 1;
    let mut counts: Vec<CityCounts> = (0..slots)
        .map(|index| CityCounts {
            city: CityId::try_from(index)
                .ok()
                .filter(|_| index < store.cities().len()),
            documents: 0,
            tasks: 0,
            named_lead: 0,
            inferred_lead: 0,
            no_unit: 0,
        })
        .collect();
    let mut last_document = None;
    for &id in tasks {
        let task = store.task(id);
        let slot = store
            .city_of_task(task)
            .map_or(slots - 1, |city| city as usize);
        let entry = &mut counts[slot];
        if last_document != Some(task.document) {
            entry.documents += 1;
            last_document = Some(task.document);
        }
        entry.tasks += 1;
        entry.named_lead += usize::from(task.units_in(Role::Lead).next().is_some());
        entry.inferred_lead += usize::from(task.lead_inferred);
        entry.no_unit += usize::from(task.has_no_unit());
    }
    counts.retain(|entry| entry.tasks > 0);
    counts
}
