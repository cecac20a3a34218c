//! What the panes show under the current filters: the matching tasks (ranked
//! by the fuzzy query) and, for each pane, the counts of its own choices under
//! every other filter. Computed off the input thread for large stores.

use std::collections::HashMap;
use std::sync::Arc;

use super::filters::{FilterKind, Filters};
use crate::departments::DeptId;
use crate::search::FuzzyQuery;
use crate::store::{DocId, Store, TaskId};

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

/// Fuzzy matches kept between requests, so a query that grows narrows the
/// previous matches instead of scanning every task again.
#[derive(Debug, Default)]
pub struct MatchCache {
    query: String,
    /// Matching tasks with their scores, in id order.
    matches: Vec<(TaskId, i64)>,
}

impl MatchCache {
    /// Tasks matching `query` with their scores, in id order.
    fn matches(&mut self, store: &Store, query: &str) -> &[(TaskId, i64)] {
        if query == self.query && !query.is_empty() {
            return &self.matches;
        }
        let Some(fuzzy) = FuzzyQuery::new(query) else {
            self.query.clear();
            self.matches.clear();
            return &self.matches;
        };
        let narrows = !self.query.is_empty() && query.starts_with(self.query.as_str());
        let candidates: Vec<TaskId> = if narrows {
            self.matches.iter().map(|(id, _)| *id).collect()
        } else {
            (0..count(store.tasks().len())).collect()
        };
        self.matches = candidates
            .into_iter()
            .filter_map(|id| fuzzy.score(&store.task(id).text).map(|score| (id, score)))
            .collect();
        self.query = query.to_string();
        &self.matches
    }
}

fn count(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}

/// Computes what the panes show for `request`.
pub fn compute(store: &Store, request: &ViewRequest, cache: &mut MatchCache) -> ViewResult {
    let filters = &request.filters;
    let scores: Option<HashMap<TaskId, i64>> = filters
        .query
        .as_deref()
        .map(|query| cache.matches(store, query).iter().copied().collect());
    let matching = |except: Option<FilterKind>| -> Vec<TaskId> {
        let mut tasks = store.filter_structured(&filters.to_store_filter(except));
        if let Some(scores) = &scores {
            tasks.retain(|id| scores.contains_key(id));
        }
        if let Some(keep) = &request.review_keep {
            tasks.retain(|&id| keep.get(id as usize).copied().unwrap_or(false));
        }
        tasks
    };
    let mut tasks = matching(None);
    let for_kind = |kind: FilterKind, tasks: &Vec<TaskId>| {
        if filters.active().contains(&kind) {
            matching(Some(kind))
        } else {
            tasks.clone()
        }
    };
    let city_tasks = for_kind(FilterKind::City, &tasks);
    let scope_tasks = for_kind(FilterKind::Scope, &tasks);
    let mut result = ViewResult {
        generation: request.generation,
        lead_counts: lead_counts(store, &tasks),
        ..ViewResult::default()
    };
    count_cities(store, &city_tasks, &mut result);
    count_tree(store, &scope_tasks, &mut result);
    if let Some(scores) = &scores {
        tasks.sort_by(|a, b| scores[b].cmp(&scores[a]).then(a.cmp(b)));
    }
    result.tasks = tasks;
    result
}

fn count_cities(store: &Store, tasks: &[TaskId], result: &mut ViewResult) {
    result.city_counts = vec![0; store.cities().len()];
    for &id in tasks {
        match store.city_of_task(store.task(id)) {
            Some(city) => result.city_counts[city as usize] += 1,
            None => result.unknown_city_count += 1,
        }
    }
}

fn count_tree(store: &Store, tasks: &[TaskId], result: &mut ViewResult) {
    result.document_counts = vec![0; store.documents().len()];
    result.section_counts = vec![0; store.sections().len()];
    for &id in tasks {
        let task = store.task(id);
        result.document_counts[task.document as usize] += 1;
        if let Some(plan) = task.plan {
            *result.plan_counts.entry((task.document, plan)).or_default() += 1;
        }
        let mut section = task.section;
        while let Some(current) = section {
            result.section_counts[current as usize] += 1;
            section = store.section(current).parent;
        }
    }
}

fn lead_counts(store: &Store, tasks: &[TaskId]) -> Vec<(DeptId, usize)> {
    let mut counts = vec![0usize; store.departments().len()];
    let mut seen: Vec<DeptId> = Vec::new();
    for &id in tasks {
        seen.clear();
        for unit in store.task(id).effective_lead() {
            if !seen.contains(&unit.dept) {
                seen.push(unit.dept);
                counts[unit.dept.0 as usize] += 1;
            }
        }
    }
    let mut leads: Vec<(DeptId, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|(_, n)| *n > 0)
        .map(|(index, n)| (DeptId(count(index)), n))
        .collect();
    leads.sort_by(|a, b| {
        b.1.cmp(&a.1).then_with(|| {
            let departments = store.departments();
            departments
                .get(a.0)
                .canonical
                .cmp(&departments.get(b.0).canonical)
        })
    });
    leads
}
