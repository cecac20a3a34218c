//! The functions of merged departments (`assets/department_functions.tsv`):
//! 发展改革和统计局 does the work of 发展和改革委员会 and of 统计局, so a query
//! for either finds it.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

use super::table::DepartmentTable;
use super::text::clean_text;

/// The table, as shipped.
const SOURCE: &str = include_str!("../../assets/department_functions.tsv");

/// Separates the functions in the second column.
const SEPARATOR: char = '|';

static BUILTIN: LazyLock<FunctionTable> = LazyLock::new(|| FunctionTable::parse(SOURCE));

/// Merged departments and the departments whose work each does, by
/// canonical name.
#[derive(Debug, Clone, Default)]
pub struct FunctionTable {
    by_merged: FxHashMap<String, Vec<String>>,
}

impl FunctionTable {
    /// The built-in table.
    pub fn builtin() -> &'static FunctionTable {
        &BUILTIN
    }

    /// The table in `text`; lines without two columns are left out (the
    /// tests check the built-in table has none).
    fn parse(text: &str) -> Self {
        let mut by_merged = FxHashMap::default();
        for line in text.lines() {
            let line = line.trim_end();
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((merged, functions)) = line.split_once('\t') else {
                continue;
            };
            let functions: Vec<String> = functions
                .split(SEPARATOR)
                .map(clean_text)
                .filter(|name| !name.is_empty())
                .collect();
            by_merged.insert(clean_text(merged), functions);
        }
        Self { by_merged }
    }

    /// The departments whose work the department `canonical` does; empty
    /// for a department that merged nothing. A name with a second name in
    /// brackets (发改局(粮食局)) does the work of both, where the department
    /// table knows them.
    pub fn functions_of(&self, canonical: &str, table: &DepartmentTable) -> Vec<String> {
        if let Some(functions) = self.by_merged.get(canonical) {
            return functions.clone();
        }
        bracketed_names(canonical)
            .map(|(first, second)| {
                [first, second]
                    .into_iter()
                    .filter_map(|name| table.lookup(strip_level(name)))
                    .map(|entry| entry.canonical.clone())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Every merged department, with its functions.
    #[cfg(test)]
    fn entries(&self) -> impl Iterator<Item = (&String, &Vec<String>)> {
        self.by_merged.iter()
    }
}

/// `A(B)` as A and B.
fn bracketed_names(name: &str) -> Option<(&str, &str)> {
    let inner = name.strip_suffix(')')?;
    let (first, second) = inner.split_once('(')?;
    (!first.is_empty() && !second.is_empty()).then_some((first, second))
}

/// A name without a leading 市, 省, 区 or 县 (市粮食和物资储备局 → 粮食和物资储备局).
fn strip_level(name: &str) -> &str {
    name.strip_prefix(['市', '省', '区', '县']).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_names_departments_of_the_table() {
        let lines = SOURCE
            .lines()
            .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
            .count();
        let table = DepartmentTable::builtin();
        let functions = FunctionTable::builtin();
        assert_eq!(functions.entries().count(), lines);
        for (merged, names) in functions.entries() {
            let entry = table.lookup(merged).map(|entry| entry.canonical.as_str());
            assert_eq!(entry, Some(merged.as_str()), "{merged}");
            assert!(!names.is_empty(), "{merged}");
            for name in names {
                let entry = table.lookup(name).map(|entry| entry.canonical.as_str());
                assert_eq!(entry, Some(name.as_str()), "{merged}: {name}");
            }
        }
    }

    #[test]
    fn merged_departments_and_bracketed_names() {
        let table = DepartmentTable::builtin();
        let functions = FunctionTable::builtin();
        assert_eq!(
            functions.functions_of("发展改革和统计局", table),
            ["发展和改革委员会", "统计局"]
        );
        assert_eq!(
            functions.functions_of("发改局(粮食局)", table),
            ["发展和改革委员会", "粮食和物资储备局"]
        );
        assert_eq!(
            functions.functions_of("商务局(市粮食和物资储备局)", table),
            ["商务局", "粮食和物资储备局"]
        );
        assert!(functions.functions_of("民政局", table).is_empty());
    }
}
