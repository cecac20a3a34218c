//! Combined filters: place AND section AND each department condition AND
//! fuzzy text.
//! The most selective index gives the candidates; the other conditions are
//! checked per candidate in constant time.

use std::ops::Range;

use super::{PlaceId, Store, Task, TaskId};
use crate::departments::DeptId;
use crate::model::Role;
use crate::search::FuzzyQuery;

/// Which role a department filter applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, clap::ValueEnum)]
pub enum RoleFilter {
    /// Any role.
    #[default]
    Any,
    /// Lead, named or inferred from the first responsible unit.
    Lead,
    /// Responsible (责任单位).
    Responsible,
    /// Cooperating (配合单位).
    Cooperating,
}

impl RoleFilter {
    /// The next role in the cycle any → lead → responsible → cooperating.
    pub fn next(self) -> Self {
        match self {
            RoleFilter::Any => RoleFilter::Lead,
            RoleFilter::Lead => RoleFilter::Responsible,
            RoleFilter::Responsible => RoleFilter::Cooperating,
            RoleFilter::Cooperating => RoleFilter::Any,
        }
    }

    /// The lowercase name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            RoleFilter::Any => "any",
            RoleFilter::Lead => "lead",
            RoleFilter::Responsible => "responsible",
            RoleFilter::Cooperating => "cooperating",
        }
    }
}

/// Tasks naming one of some departments in a role.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeptCondition {
    pub departments: Vec<DeptId>,
    pub role: RoleFilter,
}

impl DeptCondition {
    /// True when `task` names one of the departments in the role.
    pub fn holds_for(&self, task: &Task) -> bool {
        let named = |unit: &super::UnitRef| self.departments.contains(&unit.dept);
        match self.role {
            RoleFilter::Any => task.units.iter().any(named),
            RoleFilter::Lead => task.effective_lead().any(named),
            RoleFilter::Responsible => task.units_in(Role::Responsible).any(named),
            RoleFilter::Cooperating => task.units_in(Role::Cooperating).any(named),
        }
    }
}

/// Tasks of documents issued in some places.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PlaceFilter {
    pub places: Vec<PlaceId>,
    /// Only the documents each place issued itself, not those of the places
    /// under it.
    pub own_only: bool,
}

impl PlaceFilter {
    /// Every place, with the places under it.
    pub fn within(places: Vec<PlaceId>) -> Self {
        Self {
            places,
            own_only: false,
        }
    }

    /// True when a document issued in `place` passes.
    pub fn admits(&self, store: &Store, place: Option<PlaceId>) -> bool {
        let Some(place) = place else {
            return false;
        };
        self.places.iter().any(|&chosen| {
            if self.own_only {
                chosen == place
            } else {
                store.places().is_within(place, chosen)
            }
        })
    }
}

/// What to show: every condition that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Tasks of documents issued in these places.
    pub places: Option<PlaceFilter>,
    /// Tasks in this id range: a document, a plan or a heading with its
    /// subheadings (each holds a contiguous range of tasks).
    pub range: Option<Range<TaskId>>,
    /// Every condition must hold (a drill-down narrows with each).
    pub departments: Vec<DeptCondition>,
    /// Without department conditions, tasks that name some unit in this role.
    pub unit_role: RoleFilter,
    /// Fuzzy text over the task text.
    pub query: Option<String>,
}

impl Filter {
    /// True when a condition other than the text query is set.
    pub fn restricts(&self) -> bool {
        self.places.is_some()
            || self.range.is_some()
            || !self.departments.is_empty()
            || self.unit_role != RoleFilter::Any
    }
}

/// Candidate tasks, before the per-task checks.
enum Candidates {
    Range(Range<TaskId>),
    List(Vec<TaskId>),
}

impl Store {
    /// Tasks passing every condition but the text query, in document order.
    pub fn filter_structured(&self, filter: &Filter) -> Vec<TaskId> {
        let (candidates, checked) = self.candidates(filter);
        let keep = |id: &TaskId| self.passes_structured(filter, checked, *id);
        match candidates {
            Candidates::Range(range) => range.filter(keep).collect(),
            Candidates::List(list) => list.into_iter().filter(keep).collect(),
        }
    }

    /// Tasks passing every condition, in document order.
    pub fn filter(&self, filter: &Filter) -> Vec<TaskId> {
        let structured = self.filter_structured(filter);
        match filter.query.as_deref().and_then(FuzzyQuery::new) {
            Some(query) => structured
                .into_iter()
                .filter(|&id| query.score(self.task_text(id)).is_some())
                .collect(),
            None => structured,
        }
    }

    /// The candidates, and the department condition they come from (which
    /// needs no check), if any.
    fn candidates(&self, filter: &Filter) -> (Candidates, Option<usize>) {
        let listed = |condition: &DeptCondition| -> usize {
            condition
                .departments
                .iter()
                .map(|&dept| self.postings(dept).for_role(condition.role).len())
                .sum()
        };
        let narrowest = filter
            .departments
            .iter()
            .enumerate()
            .min_by_key(|(_, condition)| listed(condition));
        if let Some((index, condition)) = narrowest {
            let mut list: Vec<TaskId> = condition
                .departments
                .iter()
                .flat_map(|&dept| self.postings(dept).for_role(condition.role).iter().copied())
                .collect();
            if condition.departments.len() > 1 {
                list.sort_unstable();
                list.dedup();
            }
            return (Candidates::List(list), Some(index));
        }
        if let Some(range) = &filter.range {
            return (Candidates::Range(range.clone()), None);
        }
        if let Some(places) = &filter.places {
            let list: Vec<TaskId> = self
                .documents()
                .iter()
                .filter(|document| places.admits(self, document.place))
                .flat_map(|document| document.tasks.clone())
                .collect();
            return (Candidates::List(list), None);
        }
        let all = 0..TaskId::try_from(self.tasks().len()).unwrap_or(TaskId::MAX);
        (Candidates::Range(all), None)
    }

    fn passes_structured(&self, filter: &Filter, checked: Option<usize>, id: TaskId) -> bool {
        let task = self.task(id);
        if let Some(places) = &filter.places
            && !places.admits(self, self.place_of_task(task))
        {
            return false;
        }
        if let Some(range) = &filter.range
            && !range.contains(&id)
        {
            return false;
        }
        let unchecked = filter
            .departments
            .iter()
            .enumerate()
            .filter(|(index, _)| Some(*index) != checked);
        if unchecked
            .into_iter()
            .any(|(_, condition)| !condition.holds_for(task))
        {
            return false;
        }
        if filter.departments.is_empty() {
            names_role(task, filter.unit_role)
        } else {
            true
        }
    }
}

/// True when the task names some unit in `role` (always, for any role).
fn names_role(task: &Task, role: RoleFilter) -> bool {
    match role {
        RoleFilter::Any => true,
        RoleFilter::Lead => task.effective_lead().next().is_some(),
        RoleFilter::Responsible => task.units_in(Role::Responsible).next().is_some(),
        RoleFilter::Cooperating => task.units_in(Role::Cooperating).next().is_some(),
    }
}
