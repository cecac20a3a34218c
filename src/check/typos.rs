//! Likely typos in unit names: a name written once that differs from a
//! frequent name (used for at least three tasks) in one character, or in two
//! for names of eight characters or more, where every differing character
//! sounds the same as the one it replaces: an input-method slip such as
//! 市人设局 for 市人社局.
//!
//! Plain edit distance is not enough: on the sample documents it pairs real,
//! different units (市妇联 and 市残联, 市体育局 and 市教育局) and the same
//! unit with and without its city prefix (体育局, 市体育局). So only
//! same-length names differing by homophones count.
//!
//! Frequent names are indexed under every spelling with one (or two) of their
//! characters masked; a rare name looks up its own masked spellings, so the
//! check costs O(names × length²), not O(names²).

use std::collections::{HashMap, HashSet};

use pinyin::ToPinyinMulti;

use super::{Problem, ProblemKind};
use crate::store::{Store, TaskId, UnitId};

/// Uses that make a name frequent.
const FREQUENT_USES: usize = 3;
/// Names at least this long may differ in two characters.
const LONG_NAME_CHARS: usize = 8;
/// Stands for the masked character in an index key.
const MASK: char = '\0';

/// How often a unit name is used, and the first task using it.
struct Uses {
    count: usize,
    first_task: TaskId,
}

/// A likely-typo problem for every rare unit name that is a near-homophone
/// of a frequent one.
pub(super) fn check(store: &Store) -> Vec<Problem> {
    let uses = count_uses(store);
    let frequent: Vec<(UnitId, Vec<char>, usize)> = uses
        .iter()
        .filter(|(_, uses)| uses.count >= FREQUENT_USES)
        .map(|(&unit, uses)| (unit, store.unit_name(unit).chars().collect(), uses.count))
        .collect();
    let mut index: HashMap<Vec<char>, Vec<usize>> = HashMap::new();
    for (position, (_, chars, _)) in frequent.iter().enumerate() {
        for key in masked_spellings(chars) {
            index.entry(key).or_default().push(position);
        }
    }
    let mut rare: Vec<(UnitId, TaskId)> = uses
        .iter()
        .filter(|(_, uses)| uses.count == 1)
        .map(|(&unit, uses)| (unit, uses.first_task))
        .collect();
    rare.sort_unstable();
    let mut problems = Vec::new();
    for (unit, task) in rare {
        let chars: Vec<char> = store.unit_name(unit).chars().collect();
        let candidates: HashSet<usize> = masked_spellings(&chars)
            .iter()
            .filter_map(|key| index.get(key))
            .flatten()
            .copied()
            .collect();
        let best = candidates
            .into_iter()
            .map(|position| &frequent[position])
            .filter(|(_, frequent_chars, _)| is_likely_typo(&chars, frequent_chars))
            .max_by(|a, b| {
                a.2.cmp(&b.2)
                    .then_with(|| store.unit_name(b.0).cmp(store.unit_name(a.0)))
            });
        if let Some((frequent_unit, _, count)) = best {
            let message = format!(
                "unit \"{}\" is used once; likely a typo of \"{}\" (used {count} times)",
                store.unit_name(unit),
                store.unit_name(*frequent_unit)
            );
            problems.push(Problem::at_task(
                store,
                ProblemKind::LikelyTypo,
                task,
                message,
            ));
        }
    }
    problems
}

/// How many tasks name each unit (in any role), with the first such task.
fn count_uses(store: &Store) -> HashMap<UnitId, Uses> {
    let mut uses: HashMap<UnitId, Uses> = HashMap::new();
    let mut in_task: Vec<UnitId> = Vec::new();
    for (index, task) in store.tasks().iter().enumerate() {
        let Ok(id) = TaskId::try_from(index) else {
            break;
        };
        in_task.clear();
        in_task.extend(task.units.iter().map(|unit| unit.unit));
        in_task.sort_unstable();
        in_task.dedup();
        for &unit in &in_task {
            uses.entry(unit)
                .or_insert(Uses {
                    count: 0,
                    first_task: id,
                })
                .count += 1;
        }
    }
    uses
}

/// How many characters two names of `length` characters may differ in.
fn allowed_differences(length: usize) -> usize {
    if length >= LONG_NAME_CHARS { 2 } else { 1 }
}

/// The name with each allowed set of positions masked.
fn masked_spellings(chars: &[char]) -> Vec<Vec<char>> {
    let mut keys = Vec::new();
    for first in 0..chars.len() {
        let mut key = chars.to_vec();
        key[first] = MASK;
        if allowed_differences(chars.len()) >= 2 {
            for second in first + 1..chars.len() {
                let mut pair = key.clone();
                pair[second] = MASK;
                keys.push(pair);
            }
        }
        keys.push(key);
    }
    keys
}

/// True when `rare` differs from `frequent` only in a few characters that
/// each sound like the one they replace.
fn is_likely_typo(rare: &[char], frequent: &[char]) -> bool {
    if rare.len() != frequent.len() {
        return false;
    }
    let differences: Vec<(char, char)> = rare
        .iter()
        .zip(frequent)
        .filter(|(a, b)| a != b)
        .map(|(&a, &b)| (a, b))
        .collect();
    !differences.is_empty()
        && differences.len() <= allowed_differences(rare.len())
        && differences.iter().all(|&(a, b)| sound_alike(a, b))
}

/// True when two characters share a reading, tones ignored.
fn sound_alike(a: char, b: char) -> bool {
    let (Some(a), Some(b)) = (a.to_pinyin_multi(), b.to_pinyin_multi()) else {
        return false;
    };
    a.into_iter()
        .any(|x| b.into_iter().any(|y| x.plain() == y.plain()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(name: &str) -> Vec<char> {
        name.chars().collect()
    }

    #[test]
    fn a_homophone_slip_is_a_likely_typo() {
        assert!(is_likely_typo(&chars("市人设局"), &chars("市人社局")));
    }

    #[test]
    fn different_units_and_prefixes_are_not_typos() {
        assert!(!is_likely_typo(&chars("市妇联"), &chars("市残联")));
        assert!(!is_likely_typo(&chars("市体育局"), &chars("市教育局")));
        assert!(!is_likely_typo(&chars("体育局"), &chars("市体育局")));
    }

    #[test]
    fn long_names_may_differ_in_two_homophones() {
        let frequent = chars("市人力资源和社会保障局");
        assert!(is_likely_typo(&chars("市人力资源和设会保章局"), &frequent));
        let three_slips = chars("市人历资源和设会保章局");
        assert!(!is_likely_typo(&three_slips, &frequent));
    }

    #[test]
    fn a_short_name_may_not_differ_in_two() {
        assert!(!is_likely_typo(&chars("市人设居"), &chars("市人社局")));
    }

    #[test]
    fn masked_spellings_meet_for_one_difference() {
        let rare: HashSet<Vec<char>> = masked_spellings(&chars("市人设局")).into_iter().collect();
        let frequent = masked_spellings(&chars("市人社局"));
        assert!(frequent.iter().any(|key| rare.contains(key)));
        assert_eq!(frequent.len(), 4);
    }
}
