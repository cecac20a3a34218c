//! What the panes show under the current filters: the matching tasks (ranked
//! by the fuzzy query) and, for each pane, the counts of its own choices under
//! every other filter. Computed off the input thread for large stores.

use std::collections::HashMap;
use std::sync::Arc;

mod matches;
mod tally;
mod task_set;

pub use matches::MatchCache;

use matches::{Match, rank};
use tally::{Parts, tally};

use super::filters::{FilterKind, Filters};
use crate::departments::DeptId;
use crate::store::{DocId, Filter, Store, TaskId};

/// A request to recompute the view; the newest generation wins.
#[derive(Debug, Clone)]
pub struct ViewRequest {
    pub generation: u64,
    pub filters: Filters,
    /// Per task id, whether the review filter keeps it, when one is active.
    pub review_keep: Option<Arc<Vec<bool>>>,
}

/// What the panes show.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ViewResult {
    pub generation: u64,
    /// Matching tasks: best match first under a query, else document order.
    pub tasks: Vec<TaskId>,
    /// Per city (by id), tasks matching every filter but the city filter.
    pub city_counts: Vec<usize>,
    /// Tasks of documents with no known city, under the same filters.
    pub unknown_city_count: usize,
    /// Per document, tasks matching every filter but the section filter.
    pub document_counts: Vec<usize>,
    /// Per (document, plan), under the same filters.
    pub plan_counts: HashMap<(DocId, u32), usize>,
    /// Per section (by id), under the same filters.
    pub section_counts: Vec<usize>,
    /// Departments leading the matching tasks, most tasks first.
    pub lead_counts: Vec<(DeptId, usize)>,
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
    // The city and tree panes count under every filter but their own.
    let for_kind = |kind: FilterKind| {
        filters
            .active()
            .contains(&kind)
            .then(|| matching(Some(kind)))
    };
    let city_tasks = for_kind(FilterKind::City);
    let scope_tasks = for_kind(FilterKind::Scope);
    let mut counts = tally(
        store,
        &tasks,
        Parts {
            cities: city_tasks.is_none(),
            tree: scope_tasks.is_none(),
            leads: true,
        },
    );
    if let Some(city_tasks) = &city_tasks {
        let cities = tally(
            store,
            city_tasks,
            Parts {
                cities: true,
                ..Parts::default()
            },
        );
        counts.cities = cities.cities;
        counts.unknown_city = cities.unknown_city;
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
    if let Some(matches) = matches {
        rank(&mut tasks, matches);
    }
    ViewResult {
        generation: request.generation,
        tasks,
        city_counts: counts.cities,
        unknown_city_count: counts.unknown_city,
        document_counts: counts.documents,
        plan_counts: counts.plans,
        section_counts: counts.sections,
        lead_counts: lead_ranking(store, counts.leads),
    }
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
