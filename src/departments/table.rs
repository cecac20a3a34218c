//! The alias table: for each department, its canonical name, its kind and the
//! other names cities write for it. Built in from `assets/departments.tsv`,
//! extendable with a user file in the same format.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use thiserror::Error;

use super::kind::UnitKind;
use super::text::clean_text;

/// The built-in table, as shipped with zeren.
const BUILTIN_SOURCE: &str = include_str!("../../assets/departments.tsv");

/// Separates the aliases in the third column.
const ALIAS_SEPARATOR: char = '|';

/// The built-in table, parsed on first use. A malformed line would be
/// skipped rather than fail at run time; the tests check there is none.
static BUILTIN: LazyLock<DepartmentTable> = LazyLock::new(|| {
    let mut table = DepartmentTable::default();
    for line in BUILTIN_SOURCE.lines() {
        // Cannot fail: `builtin_table_parses` checks every line.
        let _ = table.add_line(line);
    }
    table
});

/// One department of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableEntry {
    /// The one name shown for the department (人力资源和社会保障局).
    pub canonical: String,
    /// What sort of body it is.
    pub kind: UnitKind,
    /// Other names of the same department (人社局, 人力资源社会保障局), in file order.
    pub aliases: Vec<String>,
}

/// Department names and their aliases, looked up by exact name.
#[derive(Debug, Clone, Default)]
pub struct DepartmentTable {
    entries: Vec<TableEntry>,
    /// Every canonical name and alias → index into `entries`.
    by_name: HashMap<String, usize>,
}

/// A line of a table file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{origin}:{line}: {problem}")]
pub struct LineError {
    /// The file the line is in.
    pub origin: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with the line.
    pub problem: LineProblem,
}

/// What is wrong with a line of a table file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LineProblem {
    /// Not two or three tab-separated columns.
    #[error("expected `canonical<TAB>kind<TAB>aliases`, found {0} column(s)")]
    Columns(usize),
    /// The first column is empty.
    #[error("the canonical name is empty")]
    EmptyCanonical,
    /// The second column names no [`UnitKind`].
    #[error(
        "unknown kind `{0}` (expected department, lower-government, company, coordinating-group or other)"
    )]
    UnknownKind(String),
    /// A name already belongs to another department.
    #[error("`{name}` already belongs to `{canonical}`")]
    NameTaken {
        /// The name given again.
        name: String,
        /// The department it belongs to.
        canonical: String,
    },
}

/// Why a table could not be loaded.
#[derive(Debug, Error)]
pub enum TableError {
    /// The user file could not be read.
    #[error("cannot read department table {}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The reason.
        #[source]
        source: std::io::Error,
    },
    /// A line of the built-in table or of the user file cannot be used.
    #[error(transparent)]
    Line(#[from] LineError),
}

impl DepartmentTable {
    /// The built-in table, from `assets/departments.tsv`.
    pub fn builtin() -> &'static DepartmentTable {
        &BUILTIN
    }

    /// The built-in table extended with the user's table file at `path`.
    pub fn with_user_file(path: &Path) -> Result<(DepartmentTable, Vec<LineError>), TableError> {
        let text = std::fs::read_to_string(path).map_err(|source| TableError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let mut table = Self::builtin().clone();
        let bad = table.extend_leniently(&text, &path.display().to_string());
        Ok((table, bad))
    }

    /// Adds the lines of `text` that can be used, one by one (a name
    /// already taken is left out, the rest of its line applies); returns
    /// the problems, each with its line.
    pub fn extend_leniently(&mut self, text: &str, origin: &str) -> Vec<LineError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut bad = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let mut report = |problem| {
                bad.push(LineError {
                    origin: origin.to_owned(),
                    line: index + 1,
                    problem,
                })
            };
            let entry = match parse_line(line) {
                Ok(Some(entry)) => entry,
                Ok(None) => continue,
                Err(problem) => {
                    report(problem);
                    continue;
                }
            };
            match self.entry_for(&entry.canonical, entry.kind) {
                Ok(target) => {
                    for alias in entry.aliases {
                        if let Err(problem) = self.add_alias(target, alias) {
                            report(problem);
                        }
                    }
                }
                Err(problem) => report(problem),
            }
        }
        bad
    }

    /// A table holding the lines of `text`; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<DepartmentTable, LineError> {
        let mut table = DepartmentTable::default();
        table.extend_from_str(text, origin)?;
        Ok(table)
    }

    /// Adds the lines of `text` (same format as the built-in file): new
    /// departments, or aliases and a kind for listed ones. On error the
    /// table is left unchanged.
    pub fn extend_from_str(&mut self, text: &str, origin: &str) -> Result<(), LineError> {
        let mut extended = self.clone();
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (index, line) in text.lines().enumerate() {
            let error = |problem| LineError {
                origin: origin.to_owned(),
                line: index + 1,
                problem,
            };
            extended.add_line(line).map_err(error)?;
        }
        *self = extended;
        Ok(())
    }

    /// The department whose canonical name or alias is exactly `name`.
    pub fn lookup(&self, name: &str) -> Option<&TableEntry> {
        self.by_name
            .get(name)
            .and_then(|&index| self.entries.get(index))
    }

    /// All departments, in file order.
    pub fn entries(&self) -> &[TableEntry] {
        &self.entries
    }

    /// The number of departments.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when the table holds no department.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds one line of a table file; blank and comment lines add nothing.
    fn add_line(&mut self, line: &str) -> Result<(), LineProblem> {
        match parse_line(line)? {
            Some(entry) => self.add(entry),
            None => Ok(()),
        }
    }

    /// Adds one parsed line, merging it into the department it names.
    fn add(&mut self, line: TableEntry) -> Result<(), LineProblem> {
        let index = self.entry_for(&line.canonical, line.kind)?;
        for alias in line.aliases {
            self.add_alias(index, alias)?;
        }
        Ok(())
    }

    /// The index of the department named `canonical`, created when new.
    fn entry_for(&mut self, canonical: &str, kind: UnitKind) -> Result<usize, LineProblem> {
        match self.by_name.get(canonical) {
            Some(&index) => match self.entries.get_mut(index) {
                Some(entry) if entry.canonical == canonical => {
                    entry.kind = kind;
                    Ok(index)
                }
                other => Err(name_taken(canonical, other.map(|entry| &*entry))),
            },
            None => {
                let index = self.entries.len();
                self.entries.push(TableEntry {
                    canonical: canonical.to_owned(),
                    kind,
                    aliases: Vec::new(),
                });
                self.by_name.insert(canonical.to_owned(), index);
                Ok(index)
            }
        }
    }

    /// Records `alias` as a name of the department at `index`.
    fn add_alias(&mut self, index: usize, alias: String) -> Result<(), LineProblem> {
        match self.by_name.get(&alias) {
            Some(&owner) if owner == index => Ok(()),
            Some(&owner) => Err(name_taken(&alias, self.entries.get(owner))),
            None => {
                self.by_name.insert(alias.clone(), index);
                if let Some(entry) = self.entries.get_mut(index) {
                    entry.aliases.push(alias);
                }
                Ok(())
            }
        }
    }
}

/// The problem of giving `name` that already belongs to `owner`.
fn name_taken(name: &str, owner: Option<&TableEntry>) -> LineProblem {
    LineProblem::NameTaken {
        name: name.to_owned(),
        canonical: owner.map_or_else(String::new, |entry| entry.canonical.clone()),
    }
}

/// The department on one line; `None` for a blank or comment line.
fn parse_line(line: &str) -> Result<Option<TableEntry>, LineProblem> {
    let trimmed = line.trim();
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return Ok(None);
    }
    let columns: Vec<&str> = line.split('\t').collect();
    let (canonical, kind, aliases) = match columns.as_slice() {
        [canonical, kind] => (*canonical, *kind, ""),
        [canonical, kind, aliases] => (*canonical, *kind, *aliases),
        _ => return Err(LineProblem::Columns(columns.len())),
    };
    let canonical = clean_text(canonical);
    if canonical.is_empty() {
        return Err(LineProblem::EmptyCanonical);
    }
    let kind = kind.trim();
    let kind =
        UnitKind::from_name(kind).ok_or_else(|| LineProblem::UnknownKind(kind.to_owned()))?;
    let aliases = aliases
        .split(ALIAS_SEPARATOR)
        .map(clean_text)
        .filter(|alias| !alias.is_empty() && *alias != canonical)
        .collect();
    Ok(Some(TableEntry {
        canonical,
        kind,
        aliases,
    }))
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;
    use std::io::Write;

    use super::*;
    use crate::departments::kind::classify;

    fn builtin() -> &'static DepartmentTable {
        DepartmentTable::builtin()
    }

    #[test]
    fn builtin_table_parses() {
        let strict = DepartmentTable::parse(BUILTIN_SOURCE, "assets/departments.tsv");
        assert_eq!(strict.as_ref().err(), None);
        let parsed = strict.map(|table| table.len()).unwrap_or_default();
        assert_eq!(parsed, builtin().len());
        assert!(
            builtin().len() >= 60,
            "only {} departments",
            builtin().len()
        );
    }

    #[test]
    fn no_name_belongs_to_two_departments() {
        let mut seen = HashSet::new();
        for entry in builtin().entries() {
            for name in std::iter::once(&entry.canonical).chain(&entry.aliases) {
                assert!(seen.insert(name.as_str()), "{name} listed twice");
            }
        }
    }

    #[test]
    fn every_canonical_kind_agrees_with_its_name() {
        for entry in builtin().entries() {
            assert_eq!(
                classify(&entry.canonical),
                entry.kind,
                "{}",
                entry.canonical
            );
        }
    }

    #[test]
    fn looks_up_canonical_and_alias() {
        let table = builtin();
        let by_alias = table.lookup("人社局").map(|entry| entry.canonical.as_str());
        assert_eq!(by_alias, Some("人力资源和社会保障局"));
        let by_canonical = table.lookup("人力资源和社会保障局").map(|entry| entry.kind);
        assert_eq!(by_canonical, Some(UnitKind::Department));
        assert!(table.lookup("市人社局").is_none());
    }

    #[test]
    fn brackets_in_the_file_are_unified() {
        let table = builtin();
        let entry = table
            .lookup("各县(市)区政府")
            .map(|entry| entry.canonical.as_str());
        assert_eq!(entry, Some("各县(市、区)人民政府"));
    }

    #[test]
    fn user_file_extends_the_table() -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        writeln!(file, "# my city")?;
        writeln!(file, "招商和投资促进局\tdepartment\t招商局|投促局")?;
        writeln!(file, "水利局\tdepartment\t水利和水产局")?;
        let (table, bad) = DepartmentTable::with_user_file(file.path())?;
        assert_eq!(bad, []);
        let canonical = |name| table.lookup(name).map(|entry| entry.canonical.as_str());
        assert_eq!(canonical("投促局"), Some("招商和投资促进局"));
        assert_eq!(canonical("水利和水产局"), Some("水利局"));
        assert_eq!(canonical("水务局"), Some("水利局"));
        assert_eq!(table.len(), builtin().len() + 1);
        Ok(())
    }

    #[test]
    fn a_bad_line_of_a_user_file_is_left_out_naming_file_and_line()
    -> Result<(), Box<dyn std::error::Error>> {
        let mut file = tempfile::NamedTempFile::new()?;
        writeln!(file, "招商局\tdepartment")?;
        writeln!(file, "招商局\tagency")?;
        writeln!(file, "河湖局\tdepartment\t水务局|河长办")?;
        writeln!(file, "投促局\tdepartment")?;
        let (table, bad) = DepartmentTable::with_user_file(file.path())?;
        let messages: Vec<String> = bad.iter().map(ToString::to_string).collect();
        let origin = file.path().display();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(
            messages[0].starts_with(&format!("{origin}:2: unknown kind `agency`")),
            "{messages:?}"
        );
        assert_eq!(
            messages[1],
            format!("{origin}:3: `水务局` already belongs to `水利局`")
        );
        let canonical = |name| table.lookup(name).map(|entry| entry.canonical.as_str());
        assert_eq!(canonical("招商局"), Some("招商局"));
        assert_eq!(
            canonical("河长办"),
            Some("河湖局"),
            "the rest of line 3 applies"
        );
        assert_eq!(canonical("水务局"), Some("水利局"));
        assert_eq!(canonical("投促局"), Some("投促局"));
        Ok(())
    }

    #[test]
    fn a_name_cannot_move_to_another_department() {
        let text = "水利局\tdepartment\t水务局\n河湖局\tdepartment\t水务局\n";
        let error = DepartmentTable::parse(text, "user.tsv").err();
        let expected = LineError {
            origin: "user.tsv".to_owned(),
            line: 2,
            problem: LineProblem::NameTaken {
                name: "水务局".to_owned(),
                canonical: "水利局".to_owned(),
            },
        };
        assert_eq!(error, Some(expected));
    }

    #[test]
    fn wrong_column_count_is_reported() {
        let error = DepartmentTable::parse("人社局", "user.tsv").err();
        assert_eq!(
            error.map(|error| error.problem),
            Some(LineProblem::Columns(1))
        );
    }

    #[test]
    fn missing_file_is_reported() {
        let error = DepartmentTable::with_user_file(Path::new("no-such-departments.tsv")).err();
        assert!(matches!(error, Some(TableError::Read { .. })));
    }
}
