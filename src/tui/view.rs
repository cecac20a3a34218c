//! What the panes show under the current filters: the matching tasks (ranked
//! by the fuzzy query) and, for each pane, the counts of its own choices under
//! every other filter. Computed off the input thread for large stores.

use std::collections::HashMap;
use std::sync::Arc;

mod matches;
mod tally;
mod task_set;

pub use matches::MatchCache;
pub use task_set::TaskSet;

use matches::{Match, rank};
use tally::{Parts, tally};

use super::filters::{FilterKind, Filters};
use crate::compare::{Matrix, matrix};
use crate::departments::DeptId;
use crate::store::{DocId, Filter, RoleFilter, Store, TaskId};

/// A request to recompute the view; the newest generation wins.
#[derive(Debug, Clone)]
pub struct ViewRequest {
    pub generation: u64,
    pub filters: Filters,
    /// Per task id, whether the review filter keeps it, when one is active.
    pub review_keep: Option<Arc<Vec<bool>>>,
    /// The role of the departments × places matrix, when the compare view
    /// is open.
    pub compare: Option<RoleFilter>,
}

/// What the panes show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewResult {
    pub generation: u64,
    /// Matching tasks: best match first under a query, else document order.
    pub tasks: Vec<TaskId>,
    /// Per place (by id), tasks matching every filter but the place filter,
    /// the places under it included.
    pub place_counts: Vec<usize>,
    /// Tasks of documents with no known place, under the same filters.
    pub unknown_place_count: usize,
    /// Per document, tasks matching every filter but the section filter.
    pub document_counts: Vec<usize>,
    /// Per (document, plan), under the same filters.
    pub plan_counts: HashMap<(DocId, u32), usize>,
    /// Per section (by id), under the same filters.
    pub section_counts: Vec<usize>,
    /// Departments leading the matching tasks, most tasks first.
    pub lead_counts: Vec<(DeptId, usize)>,
    /// Departments × places over the tasks matching every filter but the
    /// departments, when asked for.
    pub compare: Option<Box<Matrix>>,
}

/// Computes what the panes show for `request`.
pub fn compute(store: &Store, request: &ViewRequest, cache: &mut MatchCache) -> ViewResult {
    let filters = &request.filters;
    let matches: Option<&[Match]> = filters
        .query
        .as_deref()
        .map(|query| cache.matches(store, query));
    let matching = |except: Option<FilterKind>| -> Vec<TaskId> {
        let mut tasks = select(store, &filters.to_store_filter(except), matches);
        if let Some(keep) = &request.review_keep {
            tasks.retain(|&id| keep.get(id as usize).copied().unwrap_or(false));
        }
        tasks
    };
    let mut tasks = matching(None);
    // The place and tree panes count under every filter but their own.
    let for_kind = |kind: FilterKind| filters.has(kind).then(|| matching(Some(kind)));
    let place_tasks = for_kind(FilterKind::Place);
    let scope_tasks = for_kind(FilterKind::Scope);
    let mut counts = tally(
        store,
        &tasks,
        Parts {
            places: place_tasks.is_none(),
            tree: scope_tasks.is_none(),
            leads: true,
        },
    );
    if let Some(place_tasks) = &place_tasks {
        let places = tally(
            store,
            place_tasks,
            Parts {
                places: true,
                ..Parts::default()
            },
        );
        counts.places = places.places;
        counts.unknown_place = places.unknown_place;
    }
    if let Some(scope_tasks) = &scope_tasks {
        let tree = tally(
            store,
            scope_tasks,
            Parts {
                tree: true,
                ..Parts::default()
            },
        );
        counts.documents = tree.documents;
        counts.plans = tree.plans;
        counts.sections = tree.sections;
    }
    // The compare view's rows are departments: it counts under every
    // filter but theirs.
    let compare = request.compare.map(|role| {
        let without_departments = match for_kind(FilterKind::Department) {
            Some(list) => list,
            None => tasks.clone(),
        };
        Box::new(matrix(store, &without_departments, role))
    });
    if let Some(matches) = matches {
        rank(&mut tasks, matches);
    }
    ViewResult {
        generation: request.generation,
        tasks,
        place_counts: subtree_counts(store, counts.places),
        unknown_place_count: counts.unknown_place,
        document_counts: counts.documents,
        plan_counts: counts.plans,
        section_counts: counts.sections,
        lead_counts: lead_ranking(store, counts.leads),
        compare,
    }
}

/// Each place's count with the counts of the places under it added.
fn subtree_counts(store: &Store, mut counts: Vec<usize>) -> Vec<usize> {
    let places = store.places();
    for &place in places.preorder().iter().rev() {
        if let Some(parent) = places.get(place).parent {
            let own = counts.get(place as usize).copied().unwrap_or(0);
            if let Some(total) = counts.get_mut(parent as usize) {
                *total += own;
            }
        }
    }
    counts
}

/// Tasks passing the structured conditions of `filter` and, under a query,
/// found in `matches`; in id order.
fn select(store: &Store, filter: &Filter, matches: Option<&[Match]>) -> Vec<TaskId> {
    match matches {
        Some(matches) if !filter.restricts() => matches.iter().map(|found| found.id).collect(),
        Some(matches) => {
            let mut found = matches.iter().map(|found| found.id).peekable();
            let mut tasks = store.filter_structured(filter);
            tasks.retain(|&id| {
                while found.next_if(|&next| next < id).is_some() {}
                found.next_if_eq(&id).is_some()
            });
            tasks
        }
        None if !filter.restricts() => (0..store.tasks().len())
            .filter_map(|id| TaskId::try_from(id).ok())
            .collect(),
        None => store.filter_structured(filter),
    }
}

/// Departments with their lead counts, most tasks first, then by name.
fn lead_ranking(store: &Store, counts: Vec<usize>) -> Vec<(DeptId, usize)> {
    let mut leads: Vec<(DeptId, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .filter_map(|(index, n)| Some((DeptId(u32::try_from(index).ok()?), n)))
        .collect();
    let departments = store.departments();
    leads.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            departments
                .get(a.0)
                .canonical
                .cmp(&departments.get(b.0).canonical)
        })
    });
    leads
}
