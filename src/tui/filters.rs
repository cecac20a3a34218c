//! The dashboard's active filters, kept in the order they were set so that
//! `Esc` removes the last one.

use std::ops::Range;

use crate::departments::DeptId;
use crate::store::{CityId, Filter, RoleFilter, TaskId};

/// The kinds of filter, one of each at most.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterKind {
    City,
    Scope,
    Department,
    Query,
    Review,
}

/// A part of the section tree used as a filter: a document, a plan or a heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub label: String,
    pub tasks: Range<TaskId>,
}

/// A department filter: what was typed or picked, and the departments it means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptChoice {
    pub label: String,
    pub departments: Vec<DeptId>,
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

/// Every active filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    pub city: Option<(CityId, String)>,
    pub scope: Option<Scope>,
    pub department: Option<DeptChoice>,
    pub role: RoleFilter,
    pub query: Option<String>,
    pub review: ReviewFilter,
    order: Vec<FilterKind>,
}

impl Filters {
    /// Sets (or replaces) the city filter.
    pub fn set_city(&mut self, city: CityId, name: String) {
        self.city = Some((city, name));
        self.touch(FilterKind::City);
    }

    /// Sets (or replaces) the section-tree filter.
    pub fn set_scope(&mut self, scope: Scope) {
        self.scope = Some(scope);
        self.touch(FilterKind::Scope);
    }

    /// Sets (or replaces) the department filter.
    pub fn set_department(&mut self, choice: DeptChoice) {
        self.department = Some(choice);
        self.touch(FilterKind::Department);
    }

    /// Sets the text query; a blank one removes it.
    pub fn set_query(&mut self, query: &str) {
        let query = query.trim();
        if query.is_empty() {
            self.remove(FilterKind::Query);
        } else {
            self.query = Some(query.to_string());
            self.touch(FilterKind::Query);
        }
    }

    /// Sets the review filter; `All` removes it.
    pub fn set_review(&mut self, review: ReviewFilter) {
        if review == ReviewFilter::All {
            self.remove(FilterKind::Review);
        } else {
            self.review = review;
            self.touch(FilterKind::Review);
        }
    }

    /// Cycles the role the department filter applies to; a role alone (no
    /// department) keeps tasks that name some unit in that role.
    pub fn cycle_role(&mut self) {
        self.role = self.role.next();
        if self.role == RoleFilter::Any && self.department.is_none() {
            self.order.retain(|kind| *kind != FilterKind::Department);
        } else if !self.order.contains(&FilterKind::Department) {
            self.order.push(FilterKind::Department);
        }
    }

    /// Removes the filter set last; false when there was none.
    pub fn pop(&mut self) -> bool {
        match self.order.last().copied() {
            Some(kind) => {
                self.remove(kind);
                true
            }
            None => false,
        }
    }

    /// Removes every filter (the role goes back to any).
    pub fn clear(&mut self) {
        *self = Self::default();
    }

    /// Removes one kind of filter.
    pub fn remove(&mut self, kind: FilterKind) {
        match kind {
            FilterKind::City => self.city = None,
            FilterKind::Scope => self.scope = None,
            FilterKind::Department => {
                self.department = None;
                self.role = RoleFilter::Any;
            }
            FilterKind::Query => self.query = None,
            FilterKind::Review => self.review = ReviewFilter::All,
        }
        self.order.retain(|k| *k != kind);
    }

    /// The active filters, oldest first.
    pub fn active(&self) -> &[FilterKind] {
        &self.order
    }

    fn touch(&mut self, kind: FilterKind) {
        self.order.retain(|k| *k != kind);
        self.order.push(kind);
    }

    /// The store filter for every active filter but `except` (for the counts
    /// a pane shows of its own choices). The review filter is applied apart.
    pub fn to_store_filter(&self, except: Option<FilterKind>) -> Filter {
        let keep = |kind: FilterKind| except != Some(kind);
        Filter {
            cities: self
                .city
                .as_ref()
                .filter(|_| keep(FilterKind::City))
                .map(|(city, _)| vec![*city]),
            range: self
                .scope
                .as_ref()
                .filter(|_| keep(FilterKind::Scope))
                .map(|scope| scope.tasks.clone()),
            departments: self
                .department
                .as_ref()
                .filter(|_| keep(FilterKind::Department))
                .map(|choice| choice.departments.clone()),
            role: if keep(FilterKind::Department) {
                self.role
            } else {
                RoleFilter::Any
            },
            query: self.query.clone().filter(|_| keep(FilterKind::Query)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_removes_the_last_filter_set() {
        let mut filters = Filters::default();
        filters.set_city(0, "济源市".to_string());
        filters.set_query("东院区");
        filters.set_city(1, "咸宁市".to_string());
        assert_eq!(filters.active(), [FilterKind::Query, FilterKind::City]);
        assert!(filters.pop());
        assert_eq!(filters.city, None);
        assert!(filters.pop());
        assert_eq!(filters.query, None);
        assert!(!filters.pop());
    }

    #[test]
    fn a_pane_counts_without_its_own_filter() {
        let mut filters = Filters::default();
        filters.set_city(3, "济源市".to_string());
        filters.set_department(DeptChoice {
            label: "rsj".to_string(),
            departments: vec![DeptId(7)],
        });
        filters.role = RoleFilter::Lead;
        let all = filters.to_store_filter(None);
        assert_eq!(all.cities, Some(vec![3]));
        assert_eq!(all.role, RoleFilter::Lead);
        let for_leads = filters.to_store_filter(Some(FilterKind::Department));
        assert_eq!(for_leads.departments, None);
        assert_eq!(for_leads.role, RoleFilter::Any);
        assert_eq!(for_leads.cities, Some(vec![3]));
    }
}
