//! What `--dept` and `--city` name in the loaded documents (contract v2):
//! each `--dept` the best department it finds, said on stderr with the
//! others it matched; `--city` every place whose name holds the text.

use crate::store::{DeptGroup, PlaceId, Store};

/// Other matches listed on stderr at most.
const OTHERS_SHOWN: usize = 8;

/// The departments chosen for some `--dept` texts, and what to tell about
/// each choice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeptChoices {
    /// The best group of each text that matched, in the order given.
    pub chosen: Vec<(String, DeptGroup)>,
    /// One line per text: which department it means and which others it matched.
    pub notes: Vec<String>,
    /// True when a text matched nothing.
    pub unmatched: bool,
}

/// The best department of each of `texts`.
pub fn choose_departments(store: &Store, texts: &[String]) -> DeptChoices {
    let mut choices = DeptChoices::default();
    for text in texts {
        let mut groups = store.find_departments(text).into_iter();
        let Some(best) = groups.next() else {
            choices.unmatched = true;
            choices
                .notes
                .push(format!("--dept {text} matches no department"));
            continue;
        };
        let others: Vec<DeptGroup> = groups.collect();
        choices.notes.push(note(store, text, &best, &others));
        choices.chosen.push((text.clone(), best));
    }
    choices
}

/// `--dept mzj: using 民政局 (17 tasks); also matched: 民族宗教事务局 (1 task)`.
fn note(store: &Store, text: &str, best: &DeptGroup, others: &[DeptGroup]) -> String {
    let mut note = format!(
        "--dept {text}: using {} ({})",
        best.describe(store),
        tasks(best.tasks)
    );
    if !others.is_empty() {
        let listed: Vec<String> = others
            .iter()
            .take(OTHERS_SHOWN)
            .map(|group| format!("{} ({})", group.describe(store), tasks(group.tasks)))
            .collect();
        note.push_str("; also matched: ");
        note.push_str(&listed.join(", "));
        if others.len() > OTHERS_SHOWN {
            note.push_str(&format!(" and {} more", others.len() - OTHERS_SHOWN));
        }
    }
    note
}

fn tasks(count: usize) -> String {
    if count == 1 {
        "1 task".to_owned()
    } else {
        format!("{count} tasks")
    }
}

/// The places whose name holds `text`, or that `text` names by a short
/// name or a nickname the gazetteer knows (鹤城 is 齐齐哈尔市), each with the
/// places under it (`--city 鞍山` is 鞍山市 with 立山区 and 海城市).
pub fn choose_places(store: &Store, text: &str) -> Vec<PlaceId> {
    let places = store.places();
    let named = crate::gazetteer::builtin().place_named(text.trim());
    places
        .preorder()
        .iter()
        .copied()
        .filter(|&place| {
            let name = places.get(place).name.as_str();
            name.contains(text) || Some(name) == named
        })
        .collect()
}
