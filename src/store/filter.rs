//! Combined filters: city AND section AND department in a role AND fuzzy text.
//! The most selective index gives the candidates; the other conditions are
//! checked per candidate in constant time.

use std::ops::Range;

use super::{CityId, Store, Task, TaskId};
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

/// What to show: every condition that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Tasks of documents in these cities.
    pub cities: Option<Vec<CityId>>,
    /// Tasks in this id range: a document, a plan or a heading with its
    /// subheadings (each holds a contiguous range of tasks).
    pub range: Option<Range<TaskId>>,
    /// Tasks naming one of these departments in `role`.
    pub departments: Option<Vec<DeptId>>,
    /// The role the department filter applies to; without departments, tasks
    /// that name any unit in this role.
    pub role: RoleFilter,
    /// Fuzzy text over the task text.
    pub query: Option<String>,
}

impl Filter {
    /// True when a condition other than the text query is set.
    pub fn restricts(&self) -> bool {
        self.cities.is_some()
            || self.range.is_some()
            || self.departments.is_some()
            || self.role != RoleFilter::Any
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
        let keep = |id: &TaskId| self.passes_structured(filter, *id);
        match self.candidates(filter) {
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

    fn candidates(&self, filter: &Filter) -> Candidates {
        if let Some(departments) = &filter.departments {
            let mut list: Vec<TaskId> = departments
                .iter()
                .flat_map(|&dept| self.postings(dept).for_role(filter.role).iter().copied())
                .collect();
            if departments.len() > 1 {
                list.sort_unstable();
                list.dedup();
            }
            return Candidates::List(list);
        }
        if let Some(range) = &filter.range {
            return Candidates::Range(range.clone());
        }
        if let Some(cities) = &filter.cities {
            let mut list: Vec<TaskId> = cities
                .iter()
                .flat_map(|&city| self.cities()[city as usize].documents.iter())
                .flat_map(|&doc| self.document(doc).tasks.clone())
                .collect();
            if cities.len() > 1 {
                list.sort_unstable();
            }
            return Candidates::List(list);
        }
        Candidates::Range(0..TaskId::try_from(self.tasks().len()).unwrap_or(TaskId::MAX))
    }

    fn passes_structured(&self, filter: &Filter, id: TaskId) -> bool {
        let task = self.task(id);
        if let Some(cities) = &filter.cities
            && !self
                .city_of_task(task)
                .is_some_and(|city| cities.contains(&city))
        {
            return false;
        }
        if let Some(range) = &filter.range
            && !range.contains(&id)
        {
            return false;
        }
        if filter.departments.is_none() && !names_role(task, filter.role) {
            return false;
        }
        true
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
