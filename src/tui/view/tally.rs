//! Counting a list of tasks for the panes: per place, per document, plan and
//! section, per lead department.
//!
//! A short list is counted task by task. A long one (a good share of the
//! store) is put in a [`TaskSet`] and counted by id range instead: every
//! document, plan run and section holds a contiguous range of tasks, and
//! every department a list of the tasks it leads, so the counts never touch
//! the tasks themselves, scattered over a large part of memory.

use std::collections::HashMap;

use rayon::prelude::*;

use super::task_set::TaskSet;
use crate::departments::DeptId;
use crate::store::{DocId, Store, TaskId};

/// From this share of all tasks (one in this many) on, a list is counted
/// by id range.
const BY_RANGE: usize = 32;

/// Which counts to make.
#[derive(Debug, Clone, Copy, Default)]
pub struct Parts {
    pub places: bool,
    pub tree: bool,
    pub leads: bool,
}

/// Counts over a list of tasks; the parts not asked for stay empty.
#[derive(Debug, Default)]
pub struct Tally {
    /// Per place id, the tasks of the documents it issued itself.
    pub places: Vec<usize>,
    /// Tasks of documents with no known place.
    pub unknown_place: usize,
    /// Per document id.
    pub documents: Vec<usize>,
    /// Per (document, plan).
    pub plans: HashMap<(DocId, u32), usize>,
    /// Per section id, a heading counting the tasks of its subheadings.
    pub sections: Vec<usize>,
    /// Per department id, the tasks it leads (named or inferred).
    pub leads: Vec<usize>,
}

/// Counts `tasks` (in id order).
pub fn tally(store: &Store, tasks: &[TaskId], parts: Parts) -> Tally {
    if tasks.len().saturating_mul(BY_RANGE) >= store.tasks().len() {
        by_range(store, &TaskSet::new(store.tasks().len(), tasks), parts)
    } else {
        by_task(store, tasks, parts)
    }
}

fn by_range(store: &Store, set: &TaskSet, parts: Parts) -> Tally {
    let mut tally = Tally::default();
    let documents: Vec<usize> = store
        .documents()
        .iter()
        .map(|document| set.count(&document.tasks))
        .collect();
    if parts.places {
        tally.places = vec![0; store.places().all().len()];
        for (document, &count) in store.documents().iter().zip(&documents) {
            match document.place {
                Some(place) => tally.places[place as usize] += count,
                None => tally.unknown_place += count,
            }
        }
    }
    if parts.tree {
        tally.sections = store
            .sections()
            .par_iter()
            .with_min_len(16 * 1024)
            .map(|section| set.count(&section.tasks))
            .collect();
        for run in store.plan_runs() {
            let count = set.count(&run.tasks);
            if count > 0 {
                *tally.plans.entry((run.document, run.plan)).or_default() += count;
            }
        }
        tally.documents = documents;
    }
    if parts.leads {
        tally.leads = (0..store.departments().len())
            .into_par_iter()
            .map(|index| {
                let dept = DeptId(u32::try_from(index).unwrap_or(u32::MAX));
                let led = &store.postings(dept).lead;
                led.iter().filter(|&&id| set.contains(id)).count()
            })
            .collect();
    }
    tally
}

fn by_task(store: &Store, tasks: &[TaskId], parts: Parts) -> Tally {
    let sized = |wanted: bool, len: usize| if wanted { vec![0; len] } else { Vec::new() };
    let mut tally = Tally {
        places: sized(parts.places, store.places().all().len()),
        documents: sized(parts.tree, store.documents().len()),
        sections: sized(parts.tree, store.sections().len()),
        leads: sized(parts.leads, store.departments().len()),
        ..Tally::default()
    };
    // The position in `tasks` of the last task counted for each department,
    // so a task naming a department many times counts once, in linear time.
    let mut last_counted: Vec<usize> = if parts.leads {
        vec![usize::MAX; store.departments().len()]
    } else {
        Vec::new()
    };
    for (position, &id) in tasks.iter().enumerate() {
        let task = store.task(id);
        if parts.places {
            match store.place_of_task(task) {
                Some(place) => tally.places[place as usize] += 1,
                None => tally.unknown_place += 1,
            }
        }
        if parts.tree {
            tally.documents[task.document as usize] += 1;
            if let Some(plan) = task.plan {
                *tally.plans.entry((task.document, plan)).or_default() += 1;
            }
            let mut section = task.section;
            while let Some(current) = section {
                tally.sections[current as usize] += 1;
                section = store.section(current).parent;
            }
        }
        if parts.leads {
            for unit in task.effective_lead() {
                let index = unit.dept.0 as usize;
                if last_counted[index] != position {
                    last_counted[index] = position;
                    tally.leads[index] += 1;
                }
            }
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_by_range_equal_counts_by_task() {
        let store = crate::load::load(&[], crate::departments::DepartmentTable::builtin());
        let all: Vec<TaskId> = (0..store.tasks().len())
            .filter_map(|id| TaskId::try_from(id).ok())
            .collect();
        let parts = Parts {
            places: true,
            tree: true,
            leads: true,
        };
        let some: Vec<TaskId> = all.iter().copied().filter(|id| id % 3 == 0).collect();
        for tasks in [&all, &some] {
            let set = TaskSet::new(store.tasks().len(), tasks);
            let (ranged, counted) = (by_range(&store, &set, parts), by_task(&store, tasks, parts));
            assert_eq!(ranged.places, counted.places);
            assert_eq!(ranged.unknown_place, counted.unknown_place);
            assert_eq!(ranged.documents, counted.documents);
            assert_eq!(ranged.plans, counted.plans);
            assert_eq!(ranged.sections, counted.sections);
            assert_eq!(ranged.leads, counted.leads);
        }
        assert!(!store.plan_runs().is_empty());
    }
}
