//! The dashboard's active filters and the steps that set them: each change
//! is a step, and `Esc` takes the last step back, so a drill-down (a place,
//! then a department it leads, then a unit leading those tasks) unwinds one
//! choice at a time.

use std::ops::Range;

use crate::departments::DeptId;
use crate::store::{DeptCondition, Filter, PlaceFilter, PlaceId, RoleFilter, TaskId};

/// The kinds of filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    Place,
    Scope,
    Department,
    Query,
    Review,
}

/// One active filter, as the status line shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Active {
    Place,
    Scope,
    /// The department condition at this index.
    Department(usize),
    /// A role alone: tasks naming some unit in it.
    Role,
    Query,
    Review,
}

/// A place of the place tree used as a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceChoice {
    pub label: String,
    pub places: Vec<PlaceId>,
    /// Only the documents the place issued itself (a cell of the compare view).
    pub own_only: bool,
}

/// A part of the section tree used as a filter: a document, a plan or a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub label: String,
    pub tasks: Range<TaskId>,
}

/// A department filter: what it is called, and the departments it means
/// (one, or one with the merged departments doing its work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptChoice {
    pub label: String,
    pub departments: Vec<DeptId>,
}

/// A department in a role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptFilter {
    pub choice: DeptChoice,
    pub role: RoleFilter,
}

/// Which tasks the review filter keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ReviewFilter {
    #[default]
    All,
    Unreviewed,
    Flagged,
}

impl ReviewFilter {
    /// The next choice: all → unreviewed → flagged → all.
    pub fn next(self) -> Self {
        match self {
            ReviewFilter::All => ReviewFilter::Unreviewed,
            ReviewFilter::Unreviewed => ReviewFilter::Flagged,
            ReviewFilter::Flagged => ReviewFilter::All,
        }
    }
}

/// The most steps `Esc` can take back.
const MAX_STEPS: usize = 100;

/// What a step changed, so that repeated presses of one cycling key make
/// one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Role,
    Review,
    Other,
}

/// Every active filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterState {
    pub place: Option<PlaceChoice>,
    pub scope: Option<Scope>,
    /// Every condition must hold, in the order they were set.
    pub departments: Vec<DeptFilter>,
    /// With no department: tasks naming some unit in this role.
    pub unit_role: RoleFilter,
    pub query: Option<String>,
    pub review: ReviewFilter,
}

/// The active filters and the states before each step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    state: FilterState,
    earlier: Vec<FilterState>,
    last_change: Option<Change>,
}

impl std::ops::Deref for Filters {
    type Target = FilterState;

    fn deref(&self) -> &FilterState {
        &self.state
    }
}

impl Filters {
    /// Records the state before a step.
    fn step(&mut self, change: Change) {
        let repeated = change != Change::Other && self.last_change == Some(change);
        if !repeated {
            if self.earlier.len() == MAX_STEPS {
                self.earlier.remove(0);
            }
            self.earlier.push(self.state.clone());
        }
        self.last_change = Some(change);
    }

    /// Sets the place filter, or removes it when it is the place already set.
    pub fn set_place(&mut self, choice: PlaceChoice) {
        self.step(Change::Other);
        if self.state.place.as_ref() == Some(&choice) {
            self.state.place = None;
        } else {
            self.state.place = Some(choice);
        }
    }

    /// Sets the section-tree filter, or removes it when it is the one set.
    pub fn set_scope(&mut self, scope: Scope) {
        self.step(Change::Other);
        if self.state.scope.as_ref() == Some(&scope) {
            self.state.scope = None;
        } else {
            self.state.scope = Some(scope);
        }
    }

    /// Sets the department filter typed with `d`: it replaces the
    /// departments set before, in the current role.
    pub fn set_department(&mut self, choice: DeptChoice) {
        let role = self.role();
        self.step(Change::Other);
        self.state.departments = vec![DeptFilter { choice, role }];
    }

    /// Narrows to the tasks where `choice` has `role` as well (a drill-down);
    /// the same department in the same role set again is taken off.
    pub fn narrow_department(&mut self, choice: DeptChoice, role: RoleFilter) {
        self.step(Change::Other);
        let filter = DeptFilter { choice, role };
        match self.state.departments.iter().position(|set| *set == filter) {
            Some(index) => {
                self.state.departments.remove(index);
            }
            None => self.state.departments.push(filter),
        }
    }

    /// Filters to one cell of the compare view, as one step: `choice` in
    /// `role`, in `place`, replacing the departments and place set before.
    pub fn set_cell(&mut self, place: PlaceChoice, choice: DeptChoice, role: RoleFilter) {
        self.step(Change::Other);
        self.state.place = Some(place);
        self.state.departments = vec![DeptFilter { choice, role }];
    }

    /// Opens a text search: the step its typing belongs to.
    pub fn begin_query(&mut self) {
        self.step(Change::Other);
    }

    /// Sets the text query while it is typed, in the step [`Filters::begin_query`]
    /// opened; a blank one removes it.
    pub fn set_query(&mut self, query: &str) {
        let query = query.trim();
        self.state.query = (!query.is_empty()).then(|| query.to_string());
    }

    /// Ends a text search: a search that changed nothing is no step.
    pub fn end_query(&mut self) {
        if self.earlier.last() == Some(&self.state) {
            self.earlier.pop();
            self.last_change = None;
        }
    }

    /// Sets the review filter; `All` removes it.
    pub fn set_review(&mut self, review: ReviewFilter) {
        self.step(Change::Review);
        self.state.review = review;
    }

    /// The role of the last department filter, or of the role alone.
    pub fn role(&self) -> RoleFilter {
        self.state
            .departments
            .last()
            .map_or(self.state.unit_role, |filter| filter.role)
    }

    /// Cycles the role of the last department filter (any → lead →
    /// responsible → cooperating); with no department, the role alone keeps
    /// tasks that name some unit in that role.
    pub fn cycle_role(&mut self) {
        self.step(Change::Role);
        match self.state.departments.last_mut() {
            Some(filter) => filter.role = filter.role.next(),
            None => self.state.unit_role = self.state.unit_role.next(),
        }
    }

    /// Takes the last step back; false when there was none.
    pub fn pop(&mut self) -> bool {
        self.last_change = None;
        match self.earlier.pop() {
            Some(state) => {
                self.state = state;
                true
            }
            None => false,
        }
    }

    /// Removes every filter, as one step.
    pub fn clear(&mut self) {
        self.step(Change::Other);
        self.state = FilterState::default();
    }

    /// The active filters, in the order the status line shows them.
    pub fn active(&self) -> Vec<Active> {
        let state = &self.state;
        let mut active = Vec::new();
        if state.place.is_some() {
            active.push(Active::Place);
        }
        if state.scope.is_some() {
            active.push(Active::Scope);
        }
        active.extend((0..state.departments.len()).map(Active::Department));
        if state.departments.is_empty() && state.unit_role != RoleFilter::Any {
            active.push(Active::Role);
        }
        if state.query.is_some() {
            active.push(Active::Query);
        }
        if state.review != ReviewFilter::All {
            active.push(Active::Review);
        }
        active
    }

    /// True when a filter of `kind` is active.
    pub fn has(&self, kind: FilterKind) -> bool {
        let state = &self.state;
        match kind {
            FilterKind::Place => state.place.is_some(),
            FilterKind::Scope => state.scope.is_some(),
            FilterKind::Department => {
                !state.departments.is_empty() || state.unit_role != RoleFilter::Any
            }
            FilterKind::Query => state.query.is_some(),
            FilterKind::Review => state.review != ReviewFilter::All,
        }
    }

    /// True when no filter is active.
    pub fn is_empty(&self) -> bool {
        self.active().is_empty()
    }

    /// The store filter for every active filter but `except` (for the counts
    /// a pane shows of its own choices). The review filter is applied apart.
    pub fn to_store_filter(&self, except: Option<FilterKind>) -> Filter {
        let keep = |kind: FilterKind| except != Some(kind);
        let state = &self.state;
        let departments = if keep(FilterKind::Department) {
            state
                .departments
                .iter()
                .map(|filter| DeptCondition {
                    departments: filter.choice.departments.clone(),
                    role: filter.role,
                })
                .collect()
        } else {
            Vec::new()
        };
        Filter {
            places: state
                .place
                .as_ref()
                .filter(|_| keep(FilterKind::Place))
                .map(|choice| PlaceFilter {
                    places: choice.places.clone(),
                    own_only: choice.own_only,
                }),
            range: state
                .scope
                .as_ref()
                .filter(|_| keep(FilterKind::Scope))
                .map(|scope| scope.tasks.clone()),
            departments,
            unit_role: if keep(FilterKind::Department) {
                state.unit_role
            } else {
                RoleFilter::Any
            },
            query: state.query.clone().filter(|_| keep(FilterKind::Query)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: PlaceId, name: &str) -> PlaceChoice {
        PlaceChoice {
            label: name.to_string(),
            places: vec![id],
            own_only: false,
        }
    }

    fn dept(id: u32, name: &str) -> DeptChoice {
        DeptChoice {
            label: name.to_string(),
            departments: vec![DeptId(id)],
        }
    }

    #[test]
    fn escape_takes_the_last_step_back() {
        let mut filters = Filters::default();
        filters.set_place(place(0, "辽宁省"));
        filters.begin_query();
        filters.set_query("东");
        filters.set_query("东院区");
        filters.end_query();
        filters.set_place(place(1, "鞍山市"));
        assert_eq!(
            filters.active(),
            [Active::Place, Active::Query],
            "one chip per filter"
        );
        assert!(filters.pop());
        assert_eq!(filters.place, Some(place(0, "辽宁省")));
        assert_eq!(filters.query.as_deref(), Some("东院区"));
        assert!(filters.pop());
        assert_eq!(filters.query, None);
        assert!(filters.pop());
        assert!(filters.is_empty());
        assert!(!filters.pop());
    }

    #[test]
    fn a_drill_down_narrows_and_unwinds() {
        let mut filters = Filters::default();
        filters.set_department(dept(7, "人力资源和社会保障局"));
        filters.narrow_department(dept(9, "医疗保障局"), RoleFilter::Lead);
        let store_filter = filters.to_store_filter(None);
        assert_eq!(store_filter.departments.len(), 2);
        assert_eq!(store_filter.departments[0].role, RoleFilter::Any);
        assert_eq!(store_filter.departments[1].role, RoleFilter::Lead);
        assert!(filters.pop());
        assert_eq!(filters.departments.len(), 1);
        assert!(filters.pop());
        assert!(filters.is_empty());
    }

    #[test]
    fn cycling_a_role_is_one_step() {
        let mut filters = Filters::default();
        filters.set_department(dept(7, "民政局"));
        filters.cycle_role();
        filters.cycle_role();
        assert_eq!(filters.role(), RoleFilter::Responsible);
        assert!(filters.pop());
        assert_eq!(filters.role(), RoleFilter::Any);
        assert_eq!(filters.departments.len(), 1);
    }

    #[test]
    fn a_search_that_changed_nothing_is_no_step() {
        let mut filters = Filters::default();
        filters.set_place(place(0, "济源市"));
        filters.begin_query();
        filters.end_query();
        assert!(filters.pop());
        assert!(filters.is_empty());
    }

    #[test]
    fn a_pane_counts_without_its_own_filter() {
        let mut filters = Filters::default();
        filters.set_place(place(3, "济源市"));
        filters.set_department(dept(7, "人力资源和社会保障局"));
        filters.cycle_role();
        let all = filters.to_store_filter(None);
        assert_eq!(all.places.map(|places| places.places), Some(vec![3]));
        assert_eq!(all.departments[0].role, RoleFilter::Lead);
        let for_leads = filters.to_store_filter(Some(FilterKind::Department));
        assert!(for_leads.departments.is_empty());
        assert_eq!(for_leads.unit_role, RoleFilter::Any);
        assert!(for_leads.places.is_some());
    }
}
