//! The text fields: the fuzzy search, the department filter with its
//! completions, and a task's note.

use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Command, ListCursor, Mode, Pane};
use crate::departments::DeptId;
use crate::store::Store;
use crate::tui::action::{Action, Context};
use crate::tui::filters::DeptChoice;
use crate::tui::input::LineInput;

impl App {
    pub(super) fn input_key(&mut self, key: KeyEvent) -> Option<Command> {
        match self.keymap.action(Context::Input, &key) {
            Some(Action::Accept) => self.accept_input(),
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
                self.cursors[Pane::Tasks.index()] = ListCursor::default();
                self.selected_task = None;
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

    fn accept_input(&mut self) -> Option<Command> {
        let mode = std::mem::replace(&mut self.mode, Mode::Normal);
        match mode {
            Mode::Search { .. } => None,
            Mode::Note { input, task } => self.save_note(task, input.text()),
            Mode::Department {
                input,
                completions,
                picked,
            } => {
                let choice = match picked.and_then(|index| completions.get(index)) {
                    Some(&dept) => DeptChoice {
                        label: self.store.departments().get(dept).canonical.clone(),
                        departments: vec![dept],
                    },
                    None if !input.text().trim().is_empty() => {
                        let typed = input.text().trim();
                        let departments = self.store.departments().matching(typed);
                        // One department: its name says more than what was typed.
                        let label = match departments.as_slice() {
                            [only] => self.store.departments().get(*only).canonical.clone(),
                            _ => typed.to_string(),
                        };
                        DeptChoice { label, departments }
                    }
                    None => return None,
                };
                self.filters.set_department(choice);
                self.cursors[Pane::Tasks.index()] = ListCursor::default();
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
        if let Mode::Search { previous, .. } = mode {
            self.filters
                .set_query(previous.as_deref().unwrap_or_default());
            return self.refresh();
        }
        None
    }
}

/// Departments matching what was typed, the busiest first.
fn completions_for(store: &Store, text: &str) -> Vec<DeptId> {
    let text = text.trim();
    if text.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(DeptId, usize)> = store
        .departments()
        .matching(text)
        .into_iter()
        .map(|dept| (dept, store.postings(dept).any.len()))
        .filter(|(_, tasks)| *tasks > 0)
        .collect();
    found.sort_by_key(|(_, tasks)| std::cmp::Reverse(*tasks));
    found.into_iter().map(|(dept, _)| dept).collect()
}
