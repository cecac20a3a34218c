//! One name per department across cities, kinds, aliases and pinyin.
//!
//! Cities write the same department differently (市人社局, 人社局,
//! 人力资源和社会保障局, 人力资源社会保障局). The [`Departments`] catalogue
//! maps every written unit name to one canonical department, using the
//! alias table in `assets/departments.tsv` (see [`DepartmentTable`]), and
//! finds departments by name or pinyin.

pub mod functions;
pub mod kind;
pub mod normalize;
pub mod pinyin_keys;
pub mod table;
pub mod words;

mod search;
mod text;

use rustc_hash::{FxHashMap, FxHashSet};

pub use functions::FunctionTable;
pub use kind::{UnitKind, classify};
pub use normalize::canonical_name;
pub use search::{MatchRank, Query};
pub use table::{DepartmentTable, LineError, LineProblem, TableEntry, TableError};

use search::{NameSource, SearchKeys};

/// The number of a department in its [`Departments`] catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeptId(pub u32);

impl DeptId {
    /// The position of the department in the catalogue's list.
    fn index(self) -> usize {
        self.0 as usize
    }
}

/// One department, with every name it was written under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    /// The one name shown for it (人力资源和社会保障局).
    pub canonical: String,
    /// What sort of body it is.
    pub kind: UnitKind,
    /// The names it was written under in documents, first seen first.
    pub names: Vec<String>,
    /// Its other names from the alias table.
    pub aliases: Vec<String>,
    /// For a merged department, the departments whose work it does (by
    /// canonical name): 发展改革和统计局 → 发展和改革委员会, 统计局.
    pub functions: Vec<String>,
}

/// A department found by a query, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeptMatch {
    pub dept: DeptId,
    pub rank: MatchRank,
    /// The function (a department's canonical name) through which a merged
    /// department matched: 统计局 for 发展改革和统计局 found by 统计.
    pub function: Option<String>,
}

/// The departments named in the loaded documents, one per canonical name.
#[derive(Debug, Clone)]
pub struct Departments {
    table: DepartmentTable,
    departments: Vec<Department>,
    /// Search keys of each department, in the order of `departments`.
    search_keys: Vec<SearchKeys>,
    /// Search keys of the functions of each merged department, by function.
    function_keys: Vec<Vec<(String, SearchKeys)>>,
    by_canonical: FxHashMap<String, DeptId>,
    /// City (empty when unknown) → name as written → department.
    by_written: FxHashMap<String, FxHashMap<String, DeptId>>,
    /// The names recorded in each department's `names`, so that a department
    /// written in many ways records each one in constant time.
    recorded: FxHashSet<(DeptId, String)>,
}

impl Departments {
    /// An empty catalogue resolving names with `table`.
    pub fn new(table: &DepartmentTable) -> Self {
        Self {
            table: table.clone(),
            departments: Vec::new(),
            search_keys: Vec::new(),
            function_keys: Vec::new(),
            by_canonical: FxHashMap::default(),
            by_written: FxHashMap::default(),
            recorded: FxHashSet::default(),
        }
    }

    /// Registers a written unit name seen in a document of `city` (its full
    /// name, 济源市); returns its department. A name already seen in the
    /// same city costs two hash lookups and no allocation.
    pub fn intern(&mut self, written: &str, city: Option<&str>) -> DeptId {
        let city_key = city.unwrap_or_default();
        let known = self
            .by_written
            .get(city_key)
            .and_then(|names| names.get(written));
        if let Some(&id) = known {
            return id;
        }
        let id = self.resolve(written, city);
        self.by_written
            .entry(city_key.to_owned())
            .or_default()
            .insert(written.to_owned(), id);
        id
    }

    /// The department with number `id`.
    ///
    /// # Panics
    ///
    /// If `id` was not returned by this catalogue.
    pub fn get(&self, id: DeptId) -> &Department {
        &self.departments[id.index()]
    }

    /// The number of departments.
    pub fn len(&self) -> usize {
        self.departments.len()
    }

    /// True when no unit has been registered.
    pub fn is_empty(&self) -> bool {
        self.departments.is_empty()
    }

    /// All departments with their numbers, in the order they were first seen.
    pub fn iter(&self) -> impl Iterator<Item = (DeptId, &Department)> {
        self.departments
            .iter()
            .enumerate()
            .map(|(index, department)| (id_at(index), department))
    }

    /// Departments matching `query` (contract v2), in catalogue order: a
    /// written name, canonical name or alias holding the query on its word
    /// boundaries, or whose pinyin, full or initials, starts a word with it
    /// (`rsj`, `renshe` and `人社` all find 人力资源和社会保障局); a merged
    /// department also through the names of each function it merged. An
    /// empty query matches nothing.
    pub fn find(&self, query: &str) -> Vec<DeptMatch> {
        let query = Query::new(query);
        if query.is_empty() {
            return Vec::new();
        }
        self.search_keys
            .iter()
            .zip(&self.function_keys)
            .enumerate()
            .filter_map(|(index, (keys, functions))| {
                let direct = keys.rank(&query);
                let through_function = functions
                    .iter()
                    .filter_map(|(function, keys)| Some((keys.rank(&query)?, function)))
                    .min();
                let (rank, function) = match (direct, through_function) {
                    (Some(rank @ (MatchRank::Exact | MatchRank::Alias)), _) => (rank, None),
                    (_, Some((rank, function))) => (rank, Some(function.clone())),
                    (Some(rank), None) => (rank, None),
                    (None, None) => return None,
                };
                Some(DeptMatch {
                    dept: id_at(index),
                    rank,
                    function,
                })
            })
            .collect()
    }

    /// The department of a name not seen before in this city, recording the
    /// name as written.
    fn resolve(&mut self, written: &str, city: Option<&str>) -> DeptId {
        let canonical = canonical_name(written, city, &self.table);
        let id = match self.by_canonical.get(&canonical) {
            Some(&id) => id,
            None => self.add_department(canonical),
        };
        self.record_written_name(id, written.trim());
        id
    }

    /// Adds a department named `canonical`, with its kind and aliases from
    /// the table when it is listed there, and the functions it merged.
    fn add_department(&mut self, canonical: String) -> DeptId {
        let entry = self.table.lookup(&canonical);
        let kind = entry.map_or_else(|| classify(&canonical), |entry| entry.kind);
        let aliases = entry.map(|entry| entry.aliases.clone()).unwrap_or_default();
        let mut keys = SearchKeys::default();
        keys.add_name(&canonical, NameSource::Name);
        for alias in &aliases {
            keys.add_name(alias, NameSource::Alias);
        }
        let functions = FunctionTable::builtin().functions_of(&canonical, &self.table);
        let function_keys = functions
            .iter()
            .filter(|function| **function != canonical)
            .map(|function| (function.clone(), self.table_keys(function)))
            .collect();
        let id = id_at(self.departments.len());
        self.by_canonical.insert(canonical.clone(), id);
        self.departments.push(Department {
            canonical,
            kind,
            names: Vec::new(),
            aliases,
            functions,
        });
        self.search_keys.push(keys);
        self.function_keys.push(function_keys);
        id
    }

    /// The search keys of the department table's names for `canonical`.
    fn table_keys(&self, canonical: &str) -> SearchKeys {
        let mut keys = SearchKeys::default();
        keys.add_name(canonical, NameSource::Name);
        if let Some(entry) = self.table.lookup(canonical) {
            for alias in &entry.aliases {
                keys.add_name(alias, NameSource::Alias);
            }
        }
        keys
    }

    /// Adds `written` to the names of department `id` when it is new there.
    fn record_written_name(&mut self, id: DeptId, written: &str) {
        let index = id.index();
        let (Some(department), Some(keys)) = (
            self.departments.get_mut(index),
            self.search_keys.get_mut(index),
        ) else {
            return;
        };
        if self.recorded.insert((id, written.to_owned())) {
            department.names.push(written.to_owned());
            keys.add_name(written, NameSource::Name);
        }
    }
}

/// The id of the department at `index`; a catalogue holds one department per
/// distinct unit name, far fewer than `u32::MAX`.
fn id_at(index: usize) -> DeptId {
    DeptId(u32::try_from(index).unwrap_or(u32::MAX))
}

#[cfg(test)]
mod tests;
