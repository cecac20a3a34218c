//! The keymap: key names such as `q`, `C-c`, `S-Tab` mapped to actions. The
//! defaults come from `assets/keymap.toml`; a user file with the same layout
//! overrides them key by key. The help overlay and the key hints are built
//! from the keymap, so they always show the real bindings.

use std::collections::HashMap;
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;

use super::action::{Action, Context};

/// The default keymap, embedded in the binary.
const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key with its modifiers, as the keymap names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyBinding {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

impl KeyBinding {
    /// The binding a key press stands for; `None` for releases and repeats of
    /// nothing. Shift is dropped for characters (`G` is already upper case).
    pub fn from_event(event: &KeyEvent) -> Option<Self> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(event.code, KeyCode::Char(_) | KeyCode::BackTab) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Some(Self {
            code: event.code,
            modifiers,
        })
    }
}

/// Named keys, as written in the keymap file.
const NAMED_KEYS: [(&str, KeyCode); 15] = [
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
];

impl FromStr for KeyBinding {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, Self::Err> {
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            if let Some(after) = rest.strip_prefix("C-") {
                modifiers |= KeyModifiers::CONTROL;
                rest = after;
            } else if let Some(after) = rest.strip_prefix("M-") {
                modifiers |= KeyModifiers::ALT;
                rest = after;
            } else if let Some(after) = rest.strip_prefix("S-").filter(|after| !after.is_empty()) {
                modifiers |= KeyModifiers::SHIFT;
                rest = after;
            } else {
                break;
            }
        }
        let code = parse_code(rest).ok_or_else(|| format!("unknown key name {name:?}"))?;
        if code == KeyCode::Tab && modifiers.contains(KeyModifiers::SHIFT) {
            modifiers.remove(KeyModifiers::SHIFT);
            return Ok(Self {
                code: KeyCode::BackTab,
                modifiers,
            });
        }
        if matches!(code, KeyCode::Char(_)) {
            modifiers.remove(KeyModifiers::SHIFT);
        }
        Ok(Self { code, modifiers })
    }
}

fn parse_code(name: &str) -> Option<KeyCode> {
    if let Some((_, code)) = NAMED_KEYS.iter().find(|(key, _)| *key == name) {
        return Some(*code);
    }
    if let Some(number) = name.strip_prefix('F').and_then(|n| n.parse::<u8>().ok()) {
        return (1..=12).contains(&number).then_some(KeyCode::F(number));
    }
    let mut chars = name.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => Some(KeyCode::Char(c)),
        _ => None,
    }
}

impl fmt::Display for KeyBinding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.modifiers.contains(KeyModifiers::CONTROL) {
            f.write_str("C-")?;
        }
        if self.modifiers.contains(KeyModifiers::ALT) {
            f.write_str("M-")?;
        }
        if self.modifiers.contains(KeyModifiers::SHIFT) {
            f.write_str("S-")?;
        }
        if self.code == KeyCode::BackTab {
            return f.write_str("S-Tab");
        }
        if let Some((name, _)) = NAMED_KEYS.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(number) => write!(f, "F{number}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl<'de> Deserialize<'de> for KeyBinding {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        name.parse().map_err(serde::de::Error::custom)
    }
}

/// The keymap file: one table per context, key name = action name.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeymapFile {
    #[serde(default)]
    normal: HashMap<KeyBinding, Action>,
    #[serde(default)]
    input: HashMap<KeyBinding, Action>,
}

/// Key bindings per context.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: HashMap<(Context, KeyBinding), Action>,
}

impl Keymap {
    /// The built-in keymap.
    pub fn builtin() -> Self {
        let mut keymap = Self {
            bindings: HashMap::new(),
        };
        if let Ok(file) = toml::from_str::<KeymapFile>(DEFAULT_KEYMAP) {
            keymap.apply(file);
        }
        keymap
    }

    /// The built-in keymap with the user's file laid over it, key by key.
    pub fn with_user_file(path: &Path) -> Result<Self, String> {
        let mut keymap = Self::builtin();
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let file: KeymapFile =
            toml::from_str(&text).map_err(|error| format!("{}: {error}", path.display()))?;
        keymap.apply(file);
        Ok(keymap)
    }

    fn apply(&mut self, file: KeymapFile) {
        for (context, table) in [(Context::Normal, file.normal), (Context::Input, file.input)] {
            for (key, action) in table {
                self.bindings.insert((context, key), action);
            }
        }
    }

    /// The action a key press stands for in `context`.
    pub fn action(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        let key = KeyBinding::from_event(event)?;
        self.bindings.get(&(context, key)).copied()
    }

    /// The keys bound to `action`, sorted by name length then name (`j` before `Down`).
    pub fn keys_for(&self, action: Action) -> Vec<KeyBinding> {
        let mut keys: Vec<KeyBinding> = self
            .bindings
            .iter()
            .filter(|(_, bound)| **bound == action)
            .map(|((_, key), _)| *key)
            .collect();
        keys.sort_unstable_by_key(|key| key.to_string());
        keys.dedup();
        keys.sort_by_key(|key| {
            let name = key.to_string();
            (name.chars().count() > 1, name)
        });
        keys
    }

    /// The keys of `action` joined for display (`j/Down`), empty when unbound.
    pub fn hint(&self, action: Action) -> String {
        self.keys_for(action)
            .iter()
            .map(KeyBinding::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_default_keymap_parses_completely() {
        let file: KeymapFile = toml::from_str(DEFAULT_KEYMAP).expect("default keymap");
        let bound: Vec<Action> = file
            .normal
            .values()
            .chain(file.input.values())
            .copied()
            .collect();
        for action in Action::ALL {
            assert!(bound.contains(&action), "{action:?} has no default key");
        }
    }

    #[test]
    fn key_names_round_trip() {
        for name in [
            "q", "C-c", "S-Tab", "Enter", "PageDown", "G", "?", "Space", "M-x", "F5",
        ] {
            let key: KeyBinding = name.parse().expect(name);
            assert_eq!(key.to_string(), name);
        }
        assert!("C-Foo".parse::<KeyBinding>().is_err());
    }

    #[test]
    fn events_map_to_actions() {
        let keymap = Keymap::builtin();
        let quit = keymap.action(
            Context::Normal,
            &press(KeyCode::Char('c'), KeyModifiers::CONTROL),
        );
        assert_eq!(quit, Some(Action::Quit));
        let back = keymap.action(
            Context::Normal,
            &press(KeyCode::BackTab, KeyModifiers::SHIFT),
        );
        assert_eq!(back, Some(Action::PrevPane));
        let bottom = keymap.action(
            Context::Normal,
            &press(KeyCode::Char('G'), KeyModifiers::SHIFT),
        );
        assert_eq!(bottom, Some(Action::Bottom));
        let typed = keymap.action(
            Context::Input,
            &press(KeyCode::Char('q'), KeyModifiers::NONE),
        );
        assert_eq!(typed, None);
    }

    #[test]
    fn a_user_file_overrides_single_keys() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("keymap.toml");
        std::fs::write(&path, "[normal]\n\"x\" = \"quit\"\n").expect("write keymap");
        let keymap = Keymap::with_user_file(&path).expect("user keymap");
        assert_eq!(
            keymap.action(
                Context::Normal,
                &press(KeyCode::Char('x'), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
        assert_eq!(keymap.hint(Action::Help), "?");
        std::fs::write(&path, "[normal]\n\"x\" = \"fly\"\n").expect("write keymap");
        let error = Keymap::with_user_file(&path).expect_err("bad action");
        assert!(error.contains("keymap.toml"), "{error}");
    }

    #[test]
    fn hints_list_every_bound_key() {
        let keymap = Keymap::builtin();
        assert_eq!(keymap.hint(Action::Down), "j/Down");
        assert_eq!(keymap.hint(Action::Quit), "q/C-c");
    }
}
