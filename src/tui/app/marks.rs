//! Reviewing in the dashboard: marks and notes shown at once and saved in
//! the background, mark-and-advance, undo, the orphaned marks, the review
//! filter, and exporting the current view.

use std::path::Path;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Command, DEFAULT_PAGE, ListCursor, Mode, Pane};
use crate::clock::Timestamp;
use crate::export::{ExportView, Format, Written, default_export_path};
use crate::review::saver::SaverEvent;
use crate::review::{Mark, MarkId, Review, SaveRequest, Status};
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

/// The review of the loaded tasks, with what the dashboard keeps about it.
#[derive(Debug)]
pub struct ReviewState {
    review: Review,
    /// The review filter's task mask, patched as marks change.
    keep: Option<(ReviewFilter, Arc<Vec<bool>>)>,
    /// Per review file, why its last save failed, until one succeeds.
    failures: Vec<Option<String>>,
}

impl ReviewState {
    /// The dashboard's view of `review`.
    pub fn new(review: Review) -> Self {
        let books = review.paths().count();
        Self {
            review,
            keep: None,
            failures: vec![None; books],
        }
    }

    /// The review itself.
    pub fn review(&self) -> &Review {
        &self.review
    }

    /// The status of a task; `None` when unmarked.
    pub fn status(&self, task: TaskId) -> Option<Status> {
        self.review.status(task)
    }

    /// The mark of a task, if it has one.
    pub fn mark(&self, task: TaskId) -> Option<&Mark> {
        self.review.mark(task)
    }

    /// The note of a task, if it has one.
    pub fn note(&self, task: TaskId) -> Option<&str> {
        self.review.mark(task).and_then(|mark| mark.note.as_deref())
    }

    /// True when the task's text changed since it was reviewed.
    pub fn changed(&self, task: TaskId) -> bool {
        self.review.changed(task)
    }

    /// Tasks marked reviewed and flagged.
    pub fn counts(&self) -> (usize, usize) {
        self.review.counts()
    }

    /// The first review file (where marks go when there is one).
    pub fn path(&self) -> Option<&Path> {
        self.review.paths().next()
    }

    /// Why a save is failing, if one is: the first failing review file's
    /// error.
    pub fn failure(&self) -> Option<&str> {
        self.failures.iter().flatten().next().map(String::as_str)
    }

    /// How many marks are orphaned.
    pub fn orphan_count(&self) -> usize {
        self.review.orphan_count()
    }

    /// The orphaned marks, in the order the Orphans view lists them.
    pub fn orphans(&self) -> Vec<(usize, &MarkId, &Mark)> {
        self.review.orphans()
    }

    /// Per task id, whether `filter` keeps it.
    fn keep(&mut self, filter: ReviewFilter, tasks: usize) -> Arc<Vec<bool>> {
        if let Some((cached, keep)) = &self.keep
            && *cached == filter
        {
            return Arc::clone(keep);
        }
        let mut keep = vec![filter == ReviewFilter::Unreviewed; tasks];
        for (task, status) in self.review.statuses() {
            if let Some(slot) = keep.get_mut(task as usize) {
                *slot = keeps(filter, Some(status));
            }
        }
        let keep = Arc::new(keep);
        self.keep = Some((filter, Arc::clone(&keep)));
        keep
    }

    /// Brings the cached mask up to date for `task`.
    fn patch_keep(&mut self, task: Option<TaskId>) {
        let status = task.and_then(|task| self.review.status(task));
        if let (Some(task), Some((filter, keep))) = (task, &mut self.keep)
            && let Some(slot) = Arc::make_mut(keep).get_mut(task as usize)
        {
            *slot = keeps(*filter, status);
        }
    }
}

/// Whether `filter` keeps a task of `status`.
fn keeps(filter: ReviewFilter, status: Option<Status>) -> bool {
    match filter {
        ReviewFilter::All => true,
        ReviewFilter::Unreviewed => status != Some(Status::Reviewed),
        ReviewFilter::Flagged => status == Some(Status::Flagged),
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

    /// The saves the last updates asked for, for the saver.
    pub fn take_saves(&mut self) -> Vec<SaveRequest> {
        std::mem::take(&mut self.saves)
    }

    /// Queues `request`, brings the filter mask up to date for `task`, and
    /// asks for a new view when the review filter is on.
    fn after_change(&mut self, request: SaveRequest, task: Option<TaskId>) -> Option<Command> {
        self.saves.push(request);
        if let Some(review) = self.review.as_mut() {
            review.patch_keep(task);
        }
        if self.filters.review == ReviewFilter::All {
            None
        } else {
            self.refresh()
        }
    }

    /// Toggles the selected task's mark and moves on to the next task of the
    /// list on screen, so that the next key acts on what the user sees.
    pub(super) fn toggle_mark(&mut self, toggle: Toggle) -> Option<Command> {
        let task = self.selected_task?;
        let store = Arc::clone(&self.store);
        let lang = self.lang;
        let review = self.review_or_explain()?;
        let status = match toggle {
            Toggle::Reviewed => Status::Reviewed,
            Toggle::Flagged => Status::Flagged,
        };
        match review.review.toggle(&store, task, status) {
            Ok(request) => {
                self.advance_from(task);
                self.after_change(request, Some(task))
            }
            Err(error) => {
                self.message = Some(message::save_failed(lang, &error.to_string()));
                None
            }
        }
    }

    /// Selects the task after `task` in the list on screen, if there is one.
    fn advance_from(&mut self, task: TaskId) {
        let Some(position) = self.view.tasks.iter().position(|&id| id == task) else {
            return;
        };
        if let Some(&next) = self.view.tasks.get(position + 1) {
            self.cursors[Pane::Tasks].selected = position + 1;
            self.show_task(Some(next));
        }
    }

    /// Undoes the last mark change and selects its task.
    pub(super) fn undo_mark(&mut self) -> Option<Command> {
        let lang = self.lang;
        let review = self.review_or_explain()?;
        let Some((request, task)) = review.review.undo() else {
            self.message = Some(message::nothing_to_undo(lang).to_string());
            return None;
        };
        if let Some(task) = task {
            self.select_listed_task(task);
        }
        self.after_change(request, task)
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

    /// Saves the note typed for `task` (blank clears it); the task's status
    /// stays as it is, unless `flag` asks to flag it.
    pub(super) fn save_note(&mut self, task: TaskId, note: &str, flag: bool) -> Option<Command> {
        let store = Arc::clone(&self.store);
        let lang = self.lang;
        let review = self.review.as_mut()?;
        match review.review.set_note(&store, task, note, flag) {
            Ok(Some(request)) => self.after_change(request, Some(task)),
            Ok(None) => None,
            Err(error) => {
                self.message = Some(message::save_failed(lang, &error.to_string()));
                None
            }
        }
    }

    /// What the saver reports: a save done, other reviewers' marks to show,
    /// or a save that failed (kept in memory and tried again).
    pub(super) fn saver_event(&mut self, event: SaverEvent) -> Option<Command> {
        let review = self.review.as_mut()?;
        match event {
            SaverEvent::Saved { book, seq } => {
                review.review.saved(book, seq);
                if let Some(failure) = review.failures.get_mut(book) {
                    *failure = None;
                }
                None
            }
            SaverEvent::Refreshed {
                book,
                seq,
                view,
                notice,
            } => {
                review.review.replace_book(book, *view, seq);
                review.keep = None;
                if let Some(failure) = review.failures.get_mut(book) {
                    *failure = None;
                }
                if notice.is_some() {
                    self.message = notice;
                }
                if self.filters.review == ReviewFilter::All {
                    None
                } else {
                    self.refresh()
                }
            }
            SaverEvent::Failed { book, error } => {
                if let Some(failure) = review.failures.get_mut(book) {
                    *failure = Some(error);
                }
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

    /// Opens the list of orphaned marks.
    pub(super) fn open_orphans(&mut self) {
        if self.review_or_explain().is_some() {
            self.mode = Mode::Orphans {
                cursor: ListCursor::default(),
            };
        }
    }

    pub(super) fn orphans_key(&mut self, key: KeyEvent) -> Option<Command> {
        let action = self.keymap.action(Context::Normal, &key);
        let len = self.review.as_ref().map_or(0, ReviewState::orphan_count);
        let Mode::Orphans { cursor } = &mut self.mode else {
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
            Some(Action::ReattachMark | Action::Select) => {
                let index = cursor.selected;
                return self.reattach_orphan(index);
            }
            Some(Action::DropMark) => {
                let index = cursor.selected;
                return self.drop_orphan(index);
            }
            Some(Action::Undo) => return self.undo_mark(),
            Some(Action::Quit) if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.quit = true;
            }
            Some(Action::Quit | Action::Orphans | Action::PopFilter | Action::Help) => {
                self.mode = Mode::Normal;
            }
            _ if key.code == KeyCode::Esc => self.mode = Mode::Normal,
            _ => {}
        }
        None
    }

    /// The orphan at `index` of the list, owned.
    fn orphan_at(&self, index: usize) -> Option<(usize, MarkId)> {
        let review = self.review.as_ref()?;
        let orphans = review.orphans();
        let (book, id, _) = orphans.get(index)?;
        Some((*book, (*id).clone()))
    }

    /// Moves the orphan at `index` to the task selected in the Tasks pane.
    fn reattach_orphan(&mut self, index: usize) -> Option<Command> {
        let (book, id) = self.orphan_at(index)?;
        let Some(task) = self.selected_task else {
            self.message = Some(message::no_task_selected(self.lang).to_string());
            return None;
        };
        let store = Arc::clone(&self.store);
        let lang = self.lang;
        let review = self.review.as_mut()?;
        match review.review.reattach(&store, book, &id, task) {
            Ok(Some(request)) => {
                self.message = Some(message::reattached(lang, &self.keymap.hint(Action::Undo)));
                self.clamp_orphan_cursor();
                self.after_change(request, Some(task))
            }
            Ok(None) => None,
            Err(error) => {
                self.message = Some(message::save_failed(lang, &error.to_string()));
                None
            }
        }
    }

    /// Drops the orphan at `index` from its review file (`u` brings it back).
    fn drop_orphan(&mut self, index: usize) -> Option<Command> {
        let (book, id) = self.orphan_at(index)?;
        let lang = self.lang;
        let request = self.review.as_mut()?.review.drop_orphan(book, &id)?;
        self.message = Some(message::dropped(lang, &self.keymap.hint(Action::Undo)));
        self.clamp_orphan_cursor();
        self.after_change(request, None)
    }

    fn clamp_orphan_cursor(&mut self) {
        let len = self.review.as_ref().map_or(0, ReviewState::orphan_count);
        if let Mode::Orphans { cursor } = &mut self.mode {
            cursor.clamp(len);
        }
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
        Some(Command::Export {
            view,
            path,
            lang: self.lang,
        })
    }

    pub(super) fn exported(&mut self, outcome: Result<Written, String>) {
        self.message = Some(match outcome {
            Ok(written) => message::exported(self.lang, &self.store, &written),
            Err(error) => message::export_failed(self.lang, &error),
        });
    }
}

/// Writes an export requested by [`Command::Export`]; what was written, or
/// the reason it was not.
pub fn run_export(
    store: &Store,
    view: &ExportView,
    path: &Path,
    lang: Lang,
) -> Result<Written, String> {
    crate::export::write_file(store, view, Format::Xlsx, lang, path)
        .map(|cut| Written {
            path: path.to_path_buf(),
            cut,
        })
        .map_err(|error| error.to_string())
}

/// The review progress line: `12/299 reviewed, 1 flagged`.
pub fn progress(review: &ReviewState, total: usize, lang: Lang) -> String {
    let (reviewed, flagged) = review.counts();
    message::review_progress(lang, reviewed, total, flagged)
}
