//! The README's key table is the keymap: every action with its default keys
//! and its help text, so the documentation cannot drift from the bindings.

use zeren::tui::action::Action;
use zeren::tui::i18n::{Lang, describe};
use zeren::tui::keymap::Keymap;

const README: &str = include_str!("../README.md");

/// The README row of `action`: its keys and what it does.
fn row(keymap: &Keymap, action: Action) -> Option<String> {
    let keys = keymap.hint(action);
    (!keys.is_empty()).then(|| format!("| `{keys}` | {} |", describe(action, Lang::En)))
}

#[test]
fn readme_lists_every_key_of_the_default_keymap() {
    let keymap = Keymap::builtin();
    let missing: Vec<String> = Action::ALL
        .iter()
        .filter_map(|&action| row(&keymap, action))
        .filter(|row| !README.contains(row.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md lacks these rows of its key table:\n{}",
        missing.join("\n")
    );
}

#[test]
fn readme_names_the_two_commands() {
    assert!(README.contains("cargo run --release"));
    assert!(README.contains("cargo test"));
}
