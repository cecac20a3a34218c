//! Handing the selected task to the world outside the dashboard: its source
//! opened in the user's editor, its text put on the clipboard.

use super::{App, Command};
use crate::tui::i18n::message;
use crate::tui::source::EditRequest;
use crate::tui::ui::plain_text;

impl App {
    /// Asks for the selected task's source to be opened at its line.
    pub(super) fn open_source(&mut self) -> Option<Command> {
        let task = self.store.task(self.selected_task?);
        let document = self.store.document(task.document);
        Some(Command::Edit(EditRequest {
            source: document.source.clone(),
            line: task.line,
            builtin: self.export_paths.is_empty(),
        }))
    }

    /// Asks for the selected task, as plain text, to go to the clipboard.
    pub(super) fn copy_task(&mut self) -> Option<Command> {
        let task = self.selected_task?;
        let text = plain_text(&self.store, task, self.review.as_ref(), self.lang);
        self.message = Some(message::copied(self.lang).to_string());
        Some(Command::Copy(text))
    }
}
