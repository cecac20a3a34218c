//! Counts per department and per place over a set of tasks.

use crate::departments::DeptId;
use crate::model::Role;
use crate::store::{PlaceId, Store, TaskId};

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

/// Task counts of one place, the places under it included (or of the
/// documents whose place is unknown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceCounts {
    /// `None` for documents whose place the text does not tell.
    pub place: Option<PlaceId>,
    pub documents: usize,
    pub tasks: usize,
    /// Tasks with a named lead.
    pub named_lead: usize,
    /// Tasks whose lead is inferred from the first responsible unit.
    pub inferred_lead: usize,
    /// Tasks naming no unit at all.
    pub no_unit: usize,
}

impl PlaceCounts {
    fn new(place: Option<PlaceId>) -> Self {
        Self {
            place,
            documents: 0,
            tasks: 0,
            named_lead: 0,
            inferred_lead: 0,
            no_unit: 0,
        }
    }

    fn add(&mut self, other: &PlaceCounts) {
        self.documents += other.documents;
        self.tasks += other.tasks;
        self.named_lead += other.named_lead;
        self.inferred_lead += other.inferred_lead;
        self.no_unit += other.no_unit;
    }
}

/// Counts per place over `tasks` (in document order), a place counting the
/// places under it: in tree order (a province, then its cities, each
/// followed by its counties), places without a task left out, the unknown
/// place last.
pub fn place_counts(store: &Store, tasks: &[TaskId]) -> Vec<PlaceCounts> {
    let places = store.places();
    let slots = places.all().len();
    let mut counts: Vec<PlaceCounts> = (0..slots)
        .map(|index| PlaceCounts::new(PlaceId::try_from(index).ok()))
        .collect();
    counts.push(PlaceCounts::new(None));
    let mut last_document = None;
    for &id in tasks {
        let task = store.task(id);
        let slot = store
            .place_of_task(task)
            .map_or(slots, |place| place as usize);
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
    let order = places.preorder();
    for &place in order.iter().rev() {
        if let Some(parent) = places.get(place).parent {
            let own = counts[place as usize].clone();
            counts[parent as usize].add(&own);
        }
    }
    let unknown = counts.pop();
    let mut listed: Vec<PlaceCounts> = order
        .iter()
        .map(|&place| counts[place as usize].clone())
        .chain(unknown)
        .collect();
    listed.retain(|entry| entry.tasks > 0);
    listed
}
