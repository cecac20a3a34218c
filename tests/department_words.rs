//! The word list that department queries match on, measured on the unit
//! names of the samples and the genre corpus
//! (`tests/fixtures/department_names.tsv`, taken from zeren's catalogue of
//! them, so the measure stays put while the corpus grows) against the
//! hand-made answers of `tests/fixtures/department_queries.tsv`: each query
//! must find exactly the departments holding it on their word boundaries
//! (民政 finds 民政局, never 人民政府), where matching characters alone
//! finds more.

use std::collections::{BTreeMap, BTreeSet};

use zeren::departments::words::boundaries;

const ANSWERS: &str = include_str!("fixtures/department_queries.tsv");

const NAMES: &str = include_str!("fixtures/department_names.tsv");

/// The names of the departments, by canonical name.
fn corpus_names() -> BTreeMap<String, BTreeSet<String>> {
    NAMES
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .filter_map(|line| line.split_once('\t'))
        .map(|(canonical, names)| {
            let names = names.split('|').map(str::to_owned).collect();
            (canonical.to_owned(), names)
        })
        .collect()
}

/// The departments with a name holding `query` where `is_cut` allows it.
fn found(
    names: &BTreeMap<String, BTreeSet<String>>,
    query: &str,
    is_cut: impl Fn(&str, usize) -> bool,
) -> BTreeSet<String> {
    names
        .iter()
        .filter(|(_, names)| {
            names.iter().any(|name| {
                name.match_indices(query)
                    .any(|(start, _)| is_cut(name, start) && is_cut(name, start + query.len()))
            })
        })
        .map(|(canonical, _)| canonical.clone())
        .collect()
}

/// (query, expected departments) of the answers file.
fn answers() -> Vec<(&'static str, BTreeSet<String>)> {
    ANSWERS
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let (query, expected) = line.split_once('\t').unwrap_or((line, ""));
            let expected = expected
                .split('|')
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
                .collect();
            (query, expected)
        })
        .collect()
}

/// Precision and recall of `finder` over all answers, and the queries it
/// gets wrong.
fn measure(finder: impl Fn(&str) -> BTreeSet<String>) -> (f64, f64, Vec<String>) {
    let (mut right, mut extra, mut missed) = (0usize, 0usize, 0usize);
    let mut wrong = Vec::new();
    for (query, expected) in answers() {
        let got = finder(query);
        let hits = got.intersection(&expected).count();
        right += hits;
        extra += got.len() - hits;
        missed += expected.len() - hits;
        if got != expected {
            let more: Vec<_> = got.difference(&expected).collect();
            let less: Vec<_> = expected.difference(&got).collect();
            wrong.push(format!("{query}: also {more:?}, not {less:?}"));
        }
    }
    let precision = right as f64 / (right + extra).max(1) as f64;
    let recall = right as f64 / (right + missed).max(1) as f64;
    (precision, recall, wrong)
}

#[test]
fn the_word_list_finds_exactly_the_departments_a_query_means() {
    let names = corpus_names();
    let name_count: usize = names.values().map(BTreeSet::len).sum();
    let by_words = |query: &str| {
        found(&names, query, |name, at| {
            boundaries(name).binary_search(&at).is_ok()
        })
    };
    let by_characters = |query: &str| found(&names, query, |_, _| true);
    let (precision, recall, wrong) = measure(by_words);
    let (char_precision, char_recall, char_wrong) = measure(by_characters);
    println!(
        "{} queries over {name_count} names of {} departments",
        answers().len(),
        names.len()
    );
    println!(
        "word list: precision {precision:.3}, recall {recall:.3}, {} queries wrong",
        wrong.len()
    );
    println!(
        "characters alone: precision {char_precision:.3}, recall {char_recall:.3}, {} queries wrong",
        char_wrong.len()
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        char_precision < 0.9,
        "matching characters alone finds too much"
    );
    assert!(
        char_wrong.iter().any(|line| line.starts_with("民政:")),
        "{char_wrong:?}"
    );
}
