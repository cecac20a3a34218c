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
//! Candidates are found by the pigeonhole principle, without building any
//! masked spelling: a name cut into `d + 2` blocks, `d` the differences
//! allowed, keeps at least two blocks intact under `d` slips, so a rare name
//! and its frequent original share the hash of some pair of blocks at the
//! same places. Each name gives at most six such keys, hashed in place, and
//! only names of at most [`MAX_NAME_CHARS`] characters are compared (a longer
//! "name" is a parse gone wrong, not something anyone types), so the check
//! costs O(names × [`MAX_NAME_CHARS`]). A rare name verifies at most
//! [`MAX_CANDIDATES`] frequent names, which caps the cost even when many
//! frequent names share half their characters.

use std::hash::{Hash, Hasher};

use pinyin::ToPinyinMulti;
use rustc_hash::{FxHashMap, FxHasher};

use super::{Detail, Problem, ProblemKind};
use crate::store::{Store, TaskId, UnitId};

/// Uses that make a name frequent.
const FREQUENT_USES: usize = 3;
/// Names at least this long may differ in two characters.
const LONG_NAME_CHARS: usize = 8;
/// Longer names are not compared.
const MAX_NAME_CHARS: usize = 64;
/// Frequent names verified at most for one rare name.
const MAX_CANDIDATES: usize = 256;

/// How often a unit name is used, and the first task using it.
#[derive(Clone, Copy)]
struct Uses {
    count: usize,
    first_task: TaskId,
}

/// A frequent name: its unit, characters and number of uses.
struct Frequent {
    unit: UnitId,
    chars: Vec<char>,
    count: usize,
}

/// A likely-typo problem for every rare unit name that is a near-homophone
/// of a frequent one.
pub(super) fn check(store: &Store) -> Vec<Problem> {
    let uses = count_uses(store);
    let comparable = |unit: UnitId| {
        let name = store.unit_name(unit);
        // Cheap bound first: a name of more bytes than 4 × the limit is too long.
        name.len() <= 4 * MAX_NAME_CHARS && name.chars().count() <= MAX_NAME_CHARS
    };
    let frequent: Vec<Frequent> = uses
        .iter()
        .filter(|&(&unit, uses)| uses.count >= FREQUENT_USES && comparable(unit))
        .map(|(&unit, uses)| Frequent {
            unit,
            chars: store.unit_name(unit).chars().collect(),
            count: uses.count,
        })
        .collect();
    let mut index: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
    for (position, name) in frequent.iter().enumerate() {
        for key in block_keys(&name.chars) {
            index.entry(key).or_default().push(position);
        }
    }
    let mut rare: Vec<(UnitId, TaskId)> = uses
        .iter()
        .filter(|&(&unit, uses)| uses.count == 1 && comparable(unit))
        .map(|(&unit, uses)| (unit, uses.first_task))
        .collect();
    rare.sort_unstable();
    let mut problems = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (unit, task) in rare {
        let chars: Vec<char> = store.unit_name(unit).chars().collect();
        candidates.clear();
        for key in block_keys(&chars) {
            if let Some(positions) = index.get(&key) {
                candidates.extend(positions);
            }
            if candidates.len() >= MAX_CANDIDATES {
                break;
            }
        }
        candidates.truncate(MAX_CANDIDATES);
        candidates.sort_unstable();
        candidates.dedup();
        let best = candidates
            .iter()
            .map(|&position| &frequent[position])
            .filter(|name| is_likely_typo(&chars, &name.chars))
            .max_by(|a, b| {
                a.count
                    .cmp(&b.count)
                    .then_with(|| store.unit_name(b.unit).cmp(store.unit_name(a.unit)))
            });
        if let Some(original) = best {
            problems.push(Problem::at_task(
                store,
                ProblemKind::LikelyTypo,
                task,
                Detail::LikelyTypo {
                    unit,
                    original: original.unit,
                    uses: original.count,
                },
            ));
        }
    }
    problems
}

/// How many tasks name each unit (in any role), with the first such task.
fn count_uses(store: &Store) -> FxHashMap<UnitId, Uses> {
    let mut uses: FxHashMap<UnitId, Uses> = FxHashMap::default();
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

/// The keys of a name: for each pair of its `d + 2` blocks, a hash of the
/// name's length, the pair's places and the characters in them. Two names of
/// one length differing in at most `d` characters share at least one key.
fn block_keys(chars: &[char]) -> impl Iterator<Item = u64> + '_ {
    let blocks = allowed_differences(chars.len()) + 2;
    let block = move |index: usize| {
        let start = index * chars.len() / blocks;
        let end = (index + 1) * chars.len() / blocks;
        chars.get(start..end).unwrap_or_default()
    };
    (0..blocks).flat_map(move |first| {
        (first + 1..blocks).map(move |second| {
            let mut hasher = FxHasher::default();
            (chars.len(), first, second).hash(&mut hasher);
            block(first).hash(&mut hasher);
            block(second).hash(&mut hasher);
            hasher.finish()
        })
    })
}

/// True when `rare` differs from `frequent` only in a few characters that
/// each sound like the one they replace.
fn is_likely_typo(rare: &[char], frequent: &[char]) -> bool {
    if rare.len() != frequent.len() {
        return false;
    }
    let allowed = allowed_differences(rare.len());
    let mut differences = 0;
    for (&a, &b) in rare.iter().zip(frequent) {
        if a != b {
            differences += 1;
            if differences > allowed || !sound_alike(a, b) {
                return false;
            }
        }
    }
    differences > 0
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

    fn share_a_key(a: &str, b: &str) -> bool {
        let (a, b) = (chars(a), chars(b));
        let keys: Vec<u64> = block_keys(&a).collect();
        block_keys(&b).any(|key| keys.contains(&key))
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
    fn names_differing_in_allowed_places_share_a_key() {
        assert!(share_a_key("市人设局", "市人社局"));
        assert!(share_a_key("设", "社"));
        let frequent = "市人力资源和社会保障局";
        // Two slips anywhere, next to each other or apart.
        let letters = chars(frequent);
        for first in 0..letters.len() {
            for second in first + 1..letters.len() {
                let mut slipped = letters.clone();
                slipped[first] = '某';
                slipped[second] = '某';
                let slipped: String = slipped.into_iter().collect();
                assert!(share_a_key(&slipped, frequent), "{slipped}");
            }
        }
        assert!(!share_a_key("市人社局", "市人社局办"));
    }

    #[test]
    fn a_name_has_at_most_six_keys() {
        assert_eq!(block_keys(&chars("市人社局")).count(), 3);
        assert_eq!(block_keys(&chars(&"局".repeat(MAX_NAME_CHARS))).count(), 6);
    }
}
