//! The keymap: key names such as `q`, `C-c`, `S-Tab` mapped to actions. The
//! defaults come from `assets/keymap.toml`; a user file with the same layout
//! overrides them key by key, read line by line: a line that cannot be used
//! is reported with its number and left out, and the others apply. The help
//! overlay and the key hints are built from the keymap, so they always show
//! the real bindings.

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

/// A line of a keymap file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadLine {
    /// 1-based.
    pub line: usize,
    pub problem: String,
}

impl BadLine {
    fn new(line: usize, problem: String) -> Self {
        Self { line, problem }
    }
}

/// What a line of a keymap file says.
enum Line {
    /// `[normal]` or `[input]`; `None` for another section.
    Table(Option<Context>),
    /// `"key" = "action"`.
    Binding(KeyBinding, Action),
}

/// Reads one line of a keymap file (not blank, not a comment).
fn parse_line(line: &str) -> Result<Line, String> {
    if let Some(name) = line.strip_prefix('[') {
        let name = name.split('#').next().unwrap_or_default().trim();
        let name = name.strip_suffix(']').unwrap_or(name).trim();
        return Ok(Line::Table(match name {
            "normal" => Some(Context::Normal),
            "input" => Some(Context::Input),
            _ => None,
        }));
    }
    let table: toml::Table = toml::from_str(line)
        .map_err(|_| format!("not a binding of the form \"key\" = \"action\": {line}"))?;
    let Some((key, value)) = table.into_iter().next() else {
        return Err(format!(
            "not a binding of the form \"key\" = \"action\": {line}"
        ));
    };
    let key: KeyBinding = key.parse()?;
    let action = value
        .as_str()
        .and_then(|name| {
            Action::deserialize(
                serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name),
            )
            .ok()
        })
        .ok_or_else(|| format!("unknown action {value} for key {key}"))?;
    Ok(Line::Binding(key, action))
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
        // Every line is good: `the_default_keymap_binds_every_action`.
        keymap.apply_lines(DEFAULT_KEYMAP);
        keymap
    }

    /// The built-in keymap with the user's file laid over it, key by key;
    /// the lines that could not be used, each with its number and why. An
    /// error when the file cannot be read at all.
    pub fn with_user_file(path: &Path) -> Result<(Self, Vec<BadLine>), String> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| format!("{}: {error}", path.display()))?;
        let mut keymap = Self::builtin();
        let bad = keymap.apply_lines(&text);
        Ok((keymap, bad))
    }

    /// Lays the bindings of a keymap file's `text` over this keymap, line
    /// by line; returns the lines left out.
    fn apply_lines(&mut self, text: &str) -> Vec<BadLine> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut context = None;
        let mut bad = Vec::new();
        for (index, line) in text.lines().enumerate() {
            let line_number = index + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line) {
                Ok(Line::Table(table)) => {
                    context = table;
                    if table.is_none() {
                        bad.push(BadLine::new(line_number, format!("unknown section {line}")));
                    }
                }
                Ok(Line::Binding(key, action)) => match context {
                    Some(context) => {
                        self.bindings.insert((context, key), action);
                    }
                    None => bad.push(BadLine::new(
                        line_number,
                        "a key outside [normal] or [input]".to_string(),
                    )),
                },
                Err(problem) => bad.push(BadLine::new(line_number, problem)),
            }
        }
        bad
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
    fn the_default_keymap_binds_every_action() {
        let mut keymap = Keymap {
            bindings: HashMap::new(),
        };
        assert_eq!(keymap.apply_lines(DEFAULT_KEYMAP), []);
        for &action in Action::ALL {
            assert!(
                !keymap.hint(action).is_empty(),
                "{action:?} has no default key"
            );
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
        let (keymap, bad) = Keymap::with_user_file(&path).expect("user keymap");
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(
            keymap.action(
                Context::Normal,
                &press(KeyCode::Char('x'), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
        assert_eq!(keymap.hint(Action::Help), "?");
        let error = Keymap::with_user_file(&dir.path().join("none.toml")).expect_err("no file");
        assert!(error.contains("none.toml"), "{error}");
    }

    #[test]
    fn a_bad_line_is_left_out_and_the_good_ones_apply() {
        let mut keymap = Keymap::builtin();
        let bad = keymap.apply_lines(
            "# mine\n[normal]\n\"x\" = \"fly\"\n\"z\" = \"quit\"\n\"C-Foo\" = \"help\"\nnonsense\n[input]\n\"C-b\" = \"cursor_left\"\n[other]\n\"y\" = \"help\"\n",
        );
        let lines: Vec<usize> = bad.iter().map(|bad| bad.line).collect();
        assert_eq!(lines, [3, 5, 6, 9, 10], "{bad:?}");
        assert!(bad[0].problem.contains("unknown action \"fly\""), "{bad:?}");
        assert!(bad[1].problem.contains("C-Foo"), "{bad:?}");
        assert_eq!(
            keymap.action(
                Context::Normal,
                &press(KeyCode::Char('z'), KeyModifiers::NONE)
            ),
            Some(Action::Quit)
        );
        assert_eq!(
            keymap.action(
                Context::Input,
                &press(KeyCode::Char('b'), KeyModifiers::CONTROL)
            ),
            Some(Action::CursorLeft)
        );
        assert_eq!(
            keymap.action(
                Context::Normal,
                &press(KeyCode::Char('y'), KeyModifiers::NONE)
            ),
            Some(Action::CopyTask),
            "a key in an unknown section changes nothing"
        );
    }

    #[test]
    fn hints_list_every_bound_key() {
        let keymap = Keymap::builtin();
        assert_eq!(keymap.hint(Action::Down), "j/Down");
        assert_eq!(keymap.hint(Action::Quit), "q/C-c");
    }
}
