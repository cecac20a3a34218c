//! Departments × places: how many tasks each department leads (or has in
//! another role) in the documents each place issued. The dashboard's
//! compare view, `zeren stats --by place` and the Excel export's second
//! sheet show it.

use rustc_hash::FxHashMap;

use crate::departments::DeptId;
use crate::model::Role;
use crate::store::{PlaceId, RoleFilter, Store, Task, TaskId};

/// The matrix over a list of tasks.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Matrix {
    /// The role counted.
    pub role: RoleFilter,
    /// The columns: the places that issued a document of the tasks, in tree
    /// order (a province, then its cities, each followed by its counties),
    /// and last `None` for the documents whose place is unknown, when some
    /// are among them.
    pub places: Vec<Option<PlaceId>>,
    /// One row per department with a task in the role, most tasks first.
    pub rows: Vec<MatrixRow>,
    /// The largest cell.
    pub max: usize,
}

/// One department's counts, by column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatrixRow {
    pub dept: DeptId,
    /// (column, tasks) for each column with tasks, by column.
    pub cells: Vec<(usize, usize)>,
    /// Tasks over all columns.
    pub total: usize,
}

impl MatrixRow {
    /// The tasks in `column`.
    pub fn cell(&self, column: usize) -> usize {
        self.cells
            .binary_search_by_key(&column, |&(at, _)| at)
            .map_or(0, |index| self.cells[index].1)
    }
}

/// The matrix of `tasks` (in document order) for `role`: each task counts
/// once per department naming it in the role (`Any`: in any role), in the
/// column of the place that issued its document (documents of no known
/// place in a column of their own). Linear in the units of the tasks.
pub fn matrix(store: &Store, tasks: &[TaskId], role: RoleFilter) -> Matrix {
    let places = store.places();
    let slots = places.all().len();
    let slot = |place: Option<PlaceId>| place.map_or(slots, |place| place as usize);
    let mut used = vec![false; slots + 1];
    for &id in tasks {
        used[slot(store.place_of_task(store.task(id)))] = true;
    }
    let mut columns: Vec<Option<PlaceId>> = places
        .preorder()
        .iter()
        .copied()
        .filter(|&place| used[place as usize])
        .map(Some)
        .collect();
    if used[slots] {
        columns.push(None);
    }
    let mut column_of: Vec<Option<usize>> = vec![None; slots + 1];
    for (column, &place) in columns.iter().enumerate() {
        column_of[slot(place)] = Some(column);
    }
    let counts = count(
        store,
        tasks,
        role,
        &column_of,
        columns.len(),
        MAX_DENSE_CELLS,
    );
    let mut rows: Vec<MatrixRow> = counts
        .by_department()
        .into_iter()
        .map(|(dept, cells)| {
            let total = cells.iter().map(|&(_, count)| count).sum();
            MatrixRow { dept, cells, total }
        })
        .collect();
    let departments = store.departments();
    rows.sort_by(|a, b| {
        b.total.cmp(&a.total).then_with(|| {
            departments
                .get(a.dept)
                .canonical
                .cmp(&departments.get(b.dept).canonical)
        })
    });
    let max = rows
        .iter()
        .flat_map(|row| row.cells.iter().map(|&(_, count)| count))
        .max()
        .unwrap_or(0);
    Matrix {
        role,
        places: columns,
        rows,
        max,
    }
}

/// Counts each task once per department naming it in `role`, in the
/// column of its document's place (`column_of`, by place id, the unknown
/// place last), densely when the matrix has at most `max_dense` cells.
fn count(
    store: &Store,
    tasks: &[TaskId],
    role: RoleFilter,
    column_of: &[Option<usize>],
    columns: usize,
    max_dense: usize,
) -> Counts {
    let mut counts = Counts::new(store.departments().len(), columns, max_dense);
    let mut last_counted: Vec<usize> = vec![usize::MAX; store.departments().len()];
    for (position, &id) in tasks.iter().enumerate() {
        let task = store.task(id);
        let slot = store
            .place_of_task(task)
            .map_or(column_of.len().saturating_sub(1), |place| place as usize);
        let Some(column) = column_of.get(slot).copied().flatten() else {
            continue;
        };
        each_department(task, role, |dept| {
            let seen = &mut last_counted[dept.0 as usize];
            if *seen != position {
                *seen = position;
                counts.add(dept, column);
            }
        });
    }
    counts
}

/// The most cells counted in a dense table; a larger matrix is counted in
/// a map of its cells with tasks.
const MAX_DENSE_CELLS: usize = 1 << 22;

/// Tasks per (department, column): a dense table when the matrix is small
/// enough, a map of the cells with tasks otherwise.
enum Counts {
    Dense { columns: usize, cells: Vec<u32> },
    Sparse(FxHashMap<(DeptId, usize), usize>),
}

impl Counts {
    fn new(departments: usize, columns: usize, max_dense: usize) -> Self {
        match departments.checked_mul(columns) {
            Some(cells) if cells <= max_dense => Counts::Dense {
                columns,
                cells: vec![0; cells],
            },
            _ => Counts::Sparse(FxHashMap::default()),
        }
    }

    fn add(&mut self, dept: DeptId, column: usize) {
        match self {
            Counts::Dense { columns, cells } => {
                if let Some(cell) = cells.get_mut(dept.0 as usize * *columns + column) {
                    *cell += 1;
                }
            }
            Counts::Sparse(map) => *map.entry((dept, column)).or_default() += 1,
        }
    }

    /// Each department with tasks, with its (column, tasks) by column.
    fn by_department(self) -> Vec<(DeptId, Vec<(usize, usize)>)> {
        match self {
            Counts::Dense { columns, cells } => cells
                .chunks(columns.max(1))
                .enumerate()
                .filter_map(|(index, row)| {
                    let counted: Vec<(usize, usize)> = row
                        .iter()
                        .enumerate()
                        .filter(|(_, count)| **count > 0)
                        .map(|(column, &count)| (column, count as usize))
                        .collect();
                    let dept = DeptId(u32::try_from(index).ok()?);
                    (!counted.is_empty()).then_some((dept, counted))
                })
                .collect(),
            Counts::Sparse(map) => {
                let mut by_dept: FxHashMap<DeptId, Vec<(usize, usize)>> = FxHashMap::default();
                for ((dept, column), count) in map {
                    by_dept.entry(dept).or_default().push((column, count));
                }
                by_dept
                    .into_iter()
                    .map(|(dept, mut cells)| {
                        cells.sort_unstable();
                        (dept, cells)
                    })
                    .collect()
            }
        }
    }
}

/// Calls `visit` with each department a task names in `role`, perhaps
/// more than once.
fn each_department(task: &Task, role: RoleFilter, mut visit: impl FnMut(DeptId)) {
    match role {
        RoleFilter::Any => task.units.iter().for_each(|unit| visit(unit.dept)),
        RoleFilter::Lead => task.effective_lead().for_each(|unit| visit(unit.dept)),
        RoleFilter::Responsible => task
            .units_in(Role::Responsible)
            .for_each(|unit| visit(unit.dept)),
        RoleFilter::Cooperating => task
            .units_in(Role::Cooperating)
            .for_each(|unit| visit(unit.dept)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::departments::DepartmentTable;

    fn all_tasks(store: &Store) -> Vec<TaskId> {
        (0..store.tasks().len())
            .filter_map(|id| TaskId::try_from(id).ok())
            .collect()
    }

    #[test]
    fn each_cell_counts_the_tasks_a_department_leads_in_a_place() {
        let store = crate::load::load(&[], DepartmentTable::builtin());
        let tasks = all_tasks(&store);
        let compared = matrix(&store, &tasks, RoleFilter::Lead);
        assert_eq!(compared.places.len(), 4);
        for row in &compared.rows {
            let led = &store.postings(row.dept).lead;
            assert_eq!(row.total, led.len(), "every lead task is in a column");
            for (column, &place) in compared.places.iter().enumerate() {
                let in_place = led
                    .iter()
                    .filter(|&&id| store.place_of_task(store.task(id)) == place)
                    .count();
                assert_eq!(row.cell(column), in_place);
            }
        }
        assert!(
            compared
                .rows
                .windows(2)
                .all(|pair| pair[0].total >= pair[1].total)
        );
        assert_eq!(
            compared.max,
            compared
                .rows
                .iter()
                .flat_map(|row| row.cells.iter().map(|&(_, count)| count))
                .max()
                .unwrap_or(0)
        );
    }

    #[test]
    fn a_large_matrix_is_counted_sparsely_to_the_same_cells() {
        let store = crate::load::load(&[], DepartmentTable::builtin());
        let tasks = all_tasks(&store);
        let places = store.places().all().len() + 1;
        let column_of: Vec<Option<usize>> = (0..places).map(Some).collect();
        for role in [RoleFilter::Any, RoleFilter::Lead, RoleFilter::Cooperating] {
            let dense = count(&store, &tasks, role, &column_of, places, usize::MAX);
            let sparse = count(&store, &tasks, role, &column_of, places, 0);
            assert!(matches!(dense, Counts::Dense { .. }));
            assert!(matches!(sparse, Counts::Sparse(_)));
            let mut dense = dense.by_department();
            let mut sparse = sparse.by_department();
            dense.sort();
            sparse.sort();
            assert_eq!(dense, sparse, "{role:?}");
        }
    }
}
