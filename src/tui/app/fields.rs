//! The text fields: the fuzzy search, the department filter with its
//! completions, and a task's note.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Command, ListCursor, Mode, Pane};
use crate::store::{DeptGroup, Store};
use crate::tui::action::{Action, Context};
use crate::tui::filters::DeptChoice;
use crate::tui::input::LineInput;

impl App {
    pub(super) fn input_key(&mut self, key: KeyEvent) -> Option<Command> {
        match self.keymap.action(Context::Input, &key) {
            Some(Action::Accept) => self.accept_input(false),
            Some(Action::AcceptAndFlag) => self.accept_input(true),
            Some(Action::Cancel) => self.cancel_input(),
            Some(Action::Suspend) => {
                self.suspend = true;
                None
            }
            Some(Action::Quit) => {
                self.quit = true;
                None
            }
            Some(Action::CompletionUp) => {
                self.move_completion(-1);
                None
            }
            Some(Action::CompletionDown) => {
                self.move_completion(1);
                None
            }
            Some(action) => self.edit_input(|input| match action {
                Action::CursorLeft => input.left(),
                Action::CursorRight => input.right(),
                Action::CursorHome => input.home(),
                Action::CursorEnd => input.end(),
                Action::DeleteBack => input.delete_back(),
                Action::DeleteForward => input.delete_forward(),
                _ => {}
            }),
            None => match key.code {
                KeyCode::Char(c)
                    if !key
                        .modifiers
                        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
                {
                    self.edit_input(|input| input.insert(c.encode_utf8(&mut [0; 4])))
                }
                _ => None,
            },
        }
    }

    pub(super) fn paste(&mut self, text: &str) -> Option<Command> {
        match self.mode {
            Mode::Search { .. } | Mode::Department { .. } => {
                self.edit_input(|input| input.insert(text))
            }
            _ => None,
        }
    }

    /// The field being edited, if any.
    pub fn input(&self) -> Option<&LineInput> {
        match &self.mode {
            Mode::Search { input, .. }
            | Mode::Department { input, .. }
            | Mode::Note { input, .. } => Some(input),
            _ => None,
        }
    }

    /// Applies an edit to the field; a search filters as you type, a
    /// department field updates its completions.
    fn edit_input(&mut self, edit: impl FnOnce(&mut LineInput)) -> Option<Command> {
        let store = Arc::clone(&self.store);
        match &mut self.mode {
            Mode::Search { input, .. } => {
                let before = input.text().to_string();
                edit(input);
                if input.text() == before {
                    return None;
                }
                let text = input.text().to_string();
                self.filters.set_query(&text);
                self.cursors[Pane::Tasks] = ListCursor::default();
                self.show_task(None);
                self.refresh()
            }
            Mode::Department {
                input,
                completions,
                picked,
            } => {
                edit(input);
                *completions = completions_for(&store, input.text());
                *picked = None;
                None
            }
            Mode::Note { input, .. } => {
                edit(input);
                None
            }
            _ => None,
        }
    }

    fn move_completion(&mut self, step: isize) {
        if let Mode::Department {
            completions,
            picked,
            ..
        } = &mut self.mode
        {
            if completions.is_empty() {
                return;
            }
            let last = completions.len() - 1;
            *picked = Some(match (*picked, step) {
                (None, s) if s > 0 => 0,
                (None, _) => last,
                (Some(i), s) if s > 0 => (i + 1).min(last),
                (Some(i), _) => i.saturating_sub(1),
            });
        }
    }

    /// Applies the field; `flag` also flags the task of a note (elsewhere it
    /// is a plain Enter).
    fn accept_input(&mut self, flag: bool) -> Option<Command> {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Search { .. } => {
                self.filters.end_query();
                None
            }
            Mode::Note { input, task } => self.save_note(task, input.text(), flag),
            Mode::Department {
                input,
                completions,
                picked,
            } => {
                let Some(group) = completions.get(picked.unwrap_or(0)) else {
                    if !input.text().trim().is_empty() {
                        self.message = Some(format!(
                            "{}: {}",
                            self.lang.labels().no_department,
                            input.text().trim()
                        ));
                    }
                    return None;
                };
                let choice = DeptChoice {
                    label: group.describe(&self.store),
                    departments: group.departments.clone(),
                };
                self.filters.set_department(choice);
                self.cursors[Pane::Tasks] = ListCursor::default();
                self.refresh()
            }
            other => {
                self.mode = other;
                None
            }
        }
    }

    fn cancel_input(&mut self) -> Option<Command> {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        if let Mode::Search { .. } = mode {
            self.filters.pop();
            return self.refresh();
        }
        None
    }
}

/// What the typed text finds, best first: exact names, aliases, prefixes,
/// words; then by tasks.
fn completions_for(store: &Store, text: &str) -> Vec<DeptGroup> {
    store.find_departments(text.trim())
}
