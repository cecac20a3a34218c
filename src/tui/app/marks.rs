//! Reviewing in the dashboard: marks and notes saved at once, the review
//! filter, the Problems view, and exporting the current view.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Command, DEFAULT_PAGE, Mode, Pane};
use crate::clock::Timestamp;
use crate::export::{ExportView, Format, default_export_path};
use crate::review::{Review, Status};
use crate::store::{Store, TaskId};
use crate::tui::action::{Action, Context};
use crate::tui::filters::ReviewFilter;
use crate::tui::i18n::{Lang, message};

/// Which mark a key toggles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toggle {
    Reviewed,
    Flagged,
}

/// The review file bound to the store, with running counts.
#[derive(Debug)]
pub struct ReviewState {
    review: Review,
    reviewed: usize,
    flagged: usize,
    /// The review filter's task mask, kept until a mark changes.
    keep: Option<(ReviewFilter, Arc<Vec<bool>>)>,
}

impl ReviewState {
    /// The review of `store`'s tasks, counting the marks it already holds.
    pub fn new(review: Review) -> Self {
        let marks = review.marked_tasks();
        let count = |status: Status| marks.values().filter(|m| m.status == status).count();
        Self {
            reviewed: count(Status::Reviewed),
            flagged: count(Status::Flagged),
            review,
            keep: None,
        }
    }

    /// The status of a task; `None` when unmarked.
    pub fn status(&self, task: TaskId) -> Option<Status> {
        self.review.status(task)
    }

    /// The note of a task, if it has one.
    pub fn note(&self, task: TaskId) -> Option<&str> {
        self.review.mark(task).and_then(|mark| mark.note.as_deref())
    }

    /// Tasks marked reviewed and flagged.
    pub fn counts(&self) -> (usize, usize) {
        (self.reviewed, self.flagged)
    }

    /// The review file.
    pub fn path(&self) -> &Path {
        self.review.book().path()
    }

    /// Counts a status change of one task.
    fn changed(&mut self, before: Option<Status>, after: Option<Status>) {
        for (status, delta) in [(before, -1isize), (after, 1)] {
            let counter = match status {
                Some(Status::Reviewed) => &mut self.reviewed,
                Some(Status::Flagged) => &mut self.flagged,
                None => continue,
            };
            *counter = counter.saturating_add_signed(delta);
        }
        if before != after {
            self.keep = None;
        }
    }

    /// Per task id, whether `filter` keeps it.
    fn keep(&mut self, filter: ReviewFilter, tasks: usize) -> Arc<Vec<bool>> {
        if let Some((cached, keep)) = &self.keep
            && *cached == filter
        {
            return Arc::clone(keep);
        }
        let keep: Arc<Vec<bool>> = Arc::new(
            (0..tasks)
                .map(|index| {
                    let status = u32::try_from(index)
                        .ok()
                        .and_then(|task| self.review.status(task));
                    match filter {
                        ReviewFilter::All => true,
                        ReviewFilter::Unreviewed => status != Some(Status::Reviewed),
                        ReviewFilter::Flagged => status == Some(Status::Flagged),
                    }
                })
                .collect(),
        );
        self.keep = Some((filter, Arc::clone(&keep)));
        keep
    }
}

impl App {
    /// The review filter's mask, when the filter is on.
    pub(super) fn review_keep(&mut self) -> Option<Arc<Vec<bool>>> {
        let filter = self.filters.review;
        if filter == ReviewFilter::All {
            return None;
        }
        let tasks = self.store.tasks().len();
        self.review
            .as_mut()
            .map(|review| review.keep(filter, tasks))
    }

    /// The review, or a message saying there is none.
    fn review_or_explain(&mut self) -> Option<&mut ReviewState> {
        if self.review.is_none() {
            self.message = Some(message::no_review_file(self.lang).to_string());
        }
        self.review.as_mut()
    }

    pub(super) fn toggle_mark(&mut self, toggle: Toggle) -> Option<Command> {
        let task = self.selected_task?;
        let store = Arc::clone(&self.store);
        let lang = self.lang;
        let review = self.review_or_explain()?;
        let before = review.status(task);
        let outcome = match toggle {
            Toggle::Reviewed => review.review.toggle_reviewed(&store, task),
            Toggle::Flagged => review.review.toggle_flagged(&store, task),
        };
        match outcome {
            Ok(after) => {
                review.changed(before, after);
                self.refresh_if_review_filtered()
            }
            Err(error) => {
                self.message = Some(message::save_failed(lang, &error.to_string()));
                None
            }
        }
    }

    fn refresh_if_review_filtered(&mut self) -> Option<Command> {
        if self.filters.review == ReviewFilter::All {
            None
        } else {
            self.refresh()
        }
    }

    pub(super) fn start_note(&mut self) {
        let Some(task) = self.selected_task else {
            return;
        };
        let Some(review) = self.review_or_explain() else {
            return;
        };
        let note = review.note(task).unwrap_or_default().to_string();
        self.mode = Mode::Note {
            input: crate::tui::input::LineInput::with_text(&note),
            task,
        };
    }

    /// Saves the note typed for `task` (blank clears it).
    pub(super) fn save_note(&mut self, task: TaskId, note: &str) -> Option<Command> {
        let store = Arc::clone(&self.store);
        let lang = self.lang;
        let review = self.review.as_mut()?;
        let before = review.status(task);
        match review.review.set_note(&store, task, note) {
            Ok(()) => {
                let after = review.status(task);
                review.changed(before, after);
                self.refresh_if_review_filtered()
            }
            Err(error) => {
                self.message = Some(message::save_failed(lang, &error.to_string()));
                None
            }
        }
    }

    pub(super) fn cycle_review_filter(&mut self) -> Option<Command> {
        self.review_or_explain()?;
        let next = self.filters.review.next();
        self.filters.set_review(next);
        self.refresh()
    }

    pub(super) fn problems_key(&mut self, key: KeyEvent) -> Option<Command> {
        let action = self.keymap.action(Context::Normal, &key);
        let len = self.problems.as_ref().map_or(0, Vec::len);
        let Mode::Problems { cursor } = &mut self.mode else {
            return None;
        };
        let step = isize::try_from(DEFAULT_PAGE).unwrap_or(1);
        match action {
            Some(Action::Down) => cursor.move_by(1, len),
            Some(Action::Up) => cursor.move_by(-1, len),
            Some(Action::PageDown) => cursor.move_by(step, len),
            Some(Action::PageUp) => cursor.move_by(-step, len),
            Some(Action::Top) => cursor.move_by(isize::MIN / 2, len),
            Some(Action::Bottom) => cursor.move_by(isize::MAX / 2, len),
            Some(Action::Select) => {
                let index = cursor.selected;
                return self.jump_to_problem(index);
            }
            Some(Action::Quit) if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.quit = true;
            }
            Some(Action::Quit | Action::Problems | Action::PopFilter | Action::Help) => {
                self.mode = Mode::Normal;
            }
            _ if key.code == KeyCode::Esc => self.mode = Mode::Normal,
            _ => {}
        }
        None
    }

    /// Shows the task of a problem: selected in the Tasks pane, filters cleared
    /// when they hide it.
    fn jump_to_problem(&mut self, index: usize) -> Option<Command> {
        let task = self.problems.as_ref()?.get(index)?.task;
        self.mode = Mode::Normal;
        let task = task?;
        self.focus = Pane::Tasks;
        self.selected_task = Some(task);
        if let Some(position) = self.view.tasks.iter().position(|&id| id == task) {
            self.cursors[Pane::Tasks.index()].selected = position;
            return None;
        }
        self.filters.clear();
        self.refresh()
    }

    pub(super) fn export(&mut self) -> Option<Command> {
        if self.view.tasks.is_empty() {
            self.message = Some(message::nothing_to_export(self.lang).to_string());
            return None;
        }
        let marks = self
            .review
            .as_ref()
            .map(|review| review.review.marked_tasks())
            .unwrap_or_default();
        let view = ExportView::from_tasks(&self.store, self.view.tasks.clone()).with_marks(marks);
        let path = default_export_path(&self.export_paths, Format::Xlsx, Timestamp::now());
        self.message = Some(message::exporting(self.lang, view.tasks.len()));
        Some(Command::Export { view, path })
    }

    pub(super) fn exported(&mut self, outcome: Result<PathBuf, String>) {
        self.message = Some(match outcome {
            Ok(path) => message::exported(self.lang, &path),
            Err(error) => message::export_failed(self.lang, &error),
        });
    }
}

/// Writes an export requested by [`Command::Export`]; the message for the app.
pub fn run_export(store: &Store, view: &ExportView, path: &Path) -> Result<PathBuf, String> {
    crate::export::write_file(store, view, Format::Xlsx, path)
        .map(|()| path.to_path_buf())
        .map_err(|error| error.to_string())
}

/// The review progress line: `12/299 reviewed, 1 flagged`.
pub fn progress(review: &ReviewState, total: usize, lang: Lang) -> String {
    let (reviewed, flagged) = review.counts();
    message::review_progress(lang, reviewed, total, flagged)
}
