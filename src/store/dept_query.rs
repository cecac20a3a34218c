//! What a department query means in the loaded documents: the departments
//! it finds, grouped and ranked (contract v2). A merged department found
//! through one of its functions joins the department of that function:
//! 发改 finds 发展和改革委员会 and 发展改革和统计局 as one choice.

use super::{Store, TaskId};
use crate::departments::{DeptId, DeptMatch, MatchRank};

/// One choice a department query offers: a department, with the merged
/// departments doing its work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptGroup {
    /// The department's canonical name (the function's, for a group found
    /// through a merged department only).
    pub label: String,
    /// The departments of the choice: the department itself first when it
    /// is loaded, then the merged ones.
    pub departments: Vec<DeptId>,
    /// How well the query matched, the best of the group.
    pub rank: MatchRank,
    /// Tasks naming any of the departments, in any role.
    pub tasks: usize,
}

impl DeptGroup {
    /// The names of the group's departments, joined: 发展和改革委员会 +
    /// 发展改革和统计局.
    pub fn describe(&self, store: &Store) -> String {
        let names: Vec<&str> = self
            .departments
            .iter()
            .map(|&dept| store.departments().get(dept).canonical.as_str())
            .collect();
        if names.is_empty() {
            self.label.clone()
        } else {
            names.join(" + ")
        }
    }
}

impl Store {
    /// The choices `query` offers, best first: by how well it matched
    /// (exact name, alias, prefix, word), then by tasks, then by name.
    pub fn find_departments(&self, query: &str) -> Vec<DeptGroup> {
        let mut groups: Vec<DeptGroup> = Vec::new();
        let mut merged: Vec<(String, DeptMatch)> = Vec::new();
        for found in self.departments().find(query) {
            match found.function.clone() {
                Some(function) => merged.push((function, found)),
                None => groups.push(DeptGroup {
                    label: self.departments().get(found.dept).canonical.clone(),
                    departments: vec![found.dept],
                    rank: found.rank,
                    tasks: 0,
                }),
            }
        }
        for (function, found) in merged {
            match groups.iter_mut().find(|group| group.label == function) {
                Some(group) => {
                    group.departments.push(found.dept);
                    group.rank = group.rank.min(found.rank);
                }
                None => groups.push(DeptGroup {
                    label: function,
                    departments: vec![found.dept],
                    rank: found.rank,
                    tasks: 0,
                }),
            }
        }
        for group in &mut groups {
            group.tasks = self.tasks_naming(&group.departments);
        }
        groups.sort_by(|a, b| {
            a.rank
                .cmp(&b.rank)
                .then(b.tasks.cmp(&a.tasks))
                .then_with(|| a.label.cmp(&b.label))
        });
        groups
    }

    /// The number of tasks naming any of `departments` in any role.
    fn tasks_naming(&self, departments: &[DeptId]) -> usize {
        match departments {
            [only] => self.postings(*only).any.len(),
            _ => {
                let mut tasks: Vec<TaskId> = departments
                    .iter()
                    .flat_map(|&dept| self.postings(dept).any.iter().copied())
                    .collect();
                tasks.sort_unstable();
                tasks.dedup();
                tasks.len()
            }
        }
    }
}
