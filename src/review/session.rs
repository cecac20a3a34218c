//! The marks of a load, by task: every review file's marks attached to the
//! loaded tasks, changed in memory at once; each change is returned as a
//! [`SaveRequest`] for whoever saves (the dashboard's saver thread, or a
//! test or command saving at once). Changes can be undone.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::attach::{Attachment, TaskKeys, attach};
use super::book::{Book, Change, OpenWarning};
use super::file::Marks;
use super::key::MarkId;
use super::location::Places;
use super::mark::{Mark, Reviewed, Status};
use crate::clock::Timestamp;
use crate::store::{Store, TaskId};

/// The marks of one review file, attached to the loaded tasks.
#[derive(Debug, Clone)]
pub struct BookView {
    pub path: PathBuf,
    pub marks: Marks,
    pub attachment: Attachment,
    reviewed: usize,
    flagged: usize,
}

impl BookView {
    /// The view of `marks` of book `book` of `places` over `store`.
    pub fn new(book: usize, marks: Marks, places: &Places, store: &Store, keys: &TaskKeys) -> Self {
        let place = &places.books[book];
        let attachment = attach(
            &marks,
            &places.documents_of(book),
            place.whole_folder,
            store,
            keys,
        );
        let count = |status: Status| {
            attachment
                .by_task
                .values()
                .filter(|(_, candidate)| *candidate == status)
                .count()
        };
        Self {
            path: place.path.clone(),
            reviewed: count(Status::Reviewed),
            flagged: count(Status::Flagged),
            marks,
            attachment,
        }
    }

    /// Takes `id` off its task, or out of the orphans.
    fn detach(&mut self, id: &MarkId) {
        if let Some(task) = self.attachment.task_of.remove(id)
            && let Some((_, status)) = self.attachment.by_task.remove(&task)
        {
            self.count(status, false);
        }
        self.attachment.orphans.remove(id);
    }

    /// Puts `id` on `task`, or among the orphans when there is none; a mark
    /// already on `task` becomes an orphan.
    fn place(&mut self, id: MarkId, status: Status, task: Option<TaskId>) {
        let Some(task) = task else {
            self.attachment.orphans.insert(id);
            return;
        };
        if let Some((previous, old_status)) = self.attachment.by_task.remove(&task) {
            self.count(old_status, false);
            self.attachment.task_of.remove(&previous);
            self.attachment.orphans.insert(previous);
        }
        self.count(status, true);
        self.attachment.task_of.insert(id.clone(), task);
        self.attachment.by_task.insert(task, (id, status));
    }

    fn count(&mut self, status: Status, add: bool) {
        let counter = match status {
            Status::Reviewed => &mut self.reviewed,
            Status::Flagged => &mut self.flagged,
            Status::Unreviewed => return,
        };
        *counter = if add {
            counter.saturating_add(1)
        } else {
            counter.saturating_sub(1)
        };
    }
}

/// Changes to save to book `book`; `seq` orders them among all requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveRequest {
    pub book: usize,
    pub seq: u64,
    pub changes: Vec<Change>,
}

/// One mark set (or removed) and where it goes: on `task`, or among the
/// orphans when `task` is `None`.
#[derive(Debug, Clone)]
struct Edit {
    id: MarkId,
    mark: Option<Mark>,
    task: Option<TaskId>,
}

/// Edits sent to be saved and not confirmed yet: applied again over a
/// fresher copy of the file.
#[derive(Debug, Clone)]
struct Pending {
    book: usize,
    seq: u64,
    edits: Vec<Edit>,
}

/// How to undo one change: the edits that restore what was there, and the
/// task it was about.
#[derive(Debug, Clone)]
struct Undo {
    book: usize,
    edits: Vec<Edit>,
    task: Option<TaskId>,
}

/// Why a mark cannot be changed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MarkError {
    #[error("the task's document has no review file")]
    NoReviewFile,
    #[error("the task already has a mark; clear it first")]
    TaskMarked,
    #[error("that task's marks are kept in another review file")]
    OtherFile,
}

/// A task's mark for an export: the mark and whether the task's text changed
/// since it was reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskMark {
    pub mark: Mark,
    pub changed: bool,
}

/// How many undo steps are kept.
const UNDO_DEPTH: usize = 1000;

/// Every review file's marks over the loaded tasks.
#[derive(Debug, Clone)]
pub struct Review {
    places: Arc<Places>,
    keys: Arc<TaskKeys>,
    books: Vec<BookView>,
    reviewer: Arc<str>,
    seq: u64,
    unsynced: Vec<Pending>,
    undo: Vec<Undo>,
}

impl Review {
    /// The review over `books` (one view per book of `places`), marks made
    /// by `reviewer`.
    pub fn new(
        places: Arc<Places>,
        keys: Arc<TaskKeys>,
        books: Vec<BookView>,
        reviewer: &str,
    ) -> Self {
        Self {
            places,
            keys,
            books,
            reviewer: reviewer.into(),
            seq: 0,
            unsynced: Vec::new(),
            undo: Vec::new(),
        }
    }

    /// Opens every review file of `places` for saving (see [`Book::open`]);
    /// returns the review, the books to save to, and what went wrong.
    pub fn open(
        store: &Store,
        places: Places,
        reviewer: &str,
    ) -> (Self, Vec<Book>, Vec<OpenWarning>) {
        Self::open_with(store, places, reviewer, Book::open)
    }

    /// Opens every review file of `places` only to read it (see
    /// [`Book::open_read_only`]).
    pub fn open_read_only(store: &Store, places: Places) -> (Self, Vec<OpenWarning>) {
        let (review, _, warnings) = Self::open_with(store, places, "", Book::open_read_only);
        (review, warnings)
    }

    fn open_with(
        store: &Store,
        places: Places,
        reviewer: &str,
        open: fn(PathBuf) -> (Book, Option<OpenWarning>),
    ) -> (Self, Vec<Book>, Vec<OpenWarning>) {
        let keys = Arc::new(TaskKeys::of(store));
        let mut books = Vec::new();
        let mut warnings = Vec::new();
        let mut views = Vec::new();
        for (index, place) in places.books.iter().enumerate() {
            let (book, warning) = open(place.path.clone());
            warnings.extend(warning);
            views.push(BookView::new(
                index,
                book.marks().clone(),
                &places,
                store,
                &keys,
            ));
            books.push(book);
        }
        let review = Self::new(Arc::new(places), keys, views, reviewer);
        (review, books, warnings)
    }

    /// Where each document's marks go.
    pub fn places(&self) -> &Arc<Places> {
        &self.places
    }

    /// The key of every loaded task.
    pub fn keys(&self) -> &Arc<TaskKeys> {
        &self.keys
    }

    /// The review files' paths, by book.
    pub fn paths(&self) -> impl Iterator<Item = &Path> {
        self.books.iter().map(|book| book.path.as_path())
    }

    /// Who marks.
    pub fn reviewer(&self) -> &str {
        &self.reviewer
    }

    fn attached(&self, task: TaskId) -> Option<(usize, &MarkId, Status)> {
        self.books.iter().enumerate().find_map(|(index, book)| {
            book.attachment
                .by_task
                .get(&task)
                .map(|(id, status)| (index, id, *status))
        })
    }

    /// The status of a task; `None` when unmarked.
    pub fn status(&self, task: TaskId) -> Option<Status> {
        self.attached(task).map(|(_, _, status)| status)
    }

    /// The mark of a task, if it has one.
    pub fn mark(&self, task: TaskId) -> Option<&Mark> {
        let (book, id, _) = self.attached(task)?;
        self.books[book].marks.get(id)
    }

    /// True when the task's text differs from the text its mark was made on.
    pub fn changed(&self, task: TaskId) -> bool {
        let Some((book, id, _)) = self.attached(task) else {
            return false;
        };
        let moved = self.books[book]
            .marks
            .get(id)
            .is_some_and(|mark| mark.task.changed);
        moved
            || self
                .keys
                .get(task)
                .is_some_and(|key| key.text_hash != id.key.text_hash)
    }

    /// Tasks marked reviewed and flagged.
    pub fn counts(&self) -> (usize, usize) {
        self.books.iter().fold((0, 0), |(reviewed, flagged), book| {
            (reviewed + book.reviewed, flagged + book.flagged)
        })
    }

    /// Every marked task with its status, in no order.
    pub fn statuses(&self) -> impl Iterator<Item = (TaskId, Status)> + '_ {
        self.books.iter().flat_map(|book| {
            book.attachment
                .by_task
                .iter()
                .map(|(task, (_, status))| (*task, *status))
        })
    }

    /// How many marks are orphaned.
    pub fn orphan_count(&self) -> usize {
        self.books
            .iter()
            .map(|book| book.attachment.orphans.len())
            .sum()
    }

    /// The orphaned marks (whose task is gone), by book, in file order.
    pub fn orphans(&self) -> Vec<(usize, &MarkId, &Mark)> {
        self.books
            .iter()
            .enumerate()
            .flat_map(|(index, book)| {
                book.attachment
                    .orphans
                    .iter()
                    .filter_map(move |id| Some((index, id, book.marks.get(id)?)))
            })
            .collect()
    }

    /// The marks of the loaded tasks, by task id (for an export).
    pub fn marked_tasks(&self) -> BTreeMap<TaskId, TaskMark> {
        self.books
            .iter()
            .flat_map(|book| book.attachment.by_task.iter())
            .filter_map(|(&task, _)| {
                Some((
                    task,
                    TaskMark {
                        mark: self.mark(task)?.clone(),
                        changed: self.changed(task),
                    },
                ))
            })
            .collect()
    }

    /// The book and the mark id a new mark on `task` gets.
    fn place_of(&self, store: &Store, task: TaskId) -> Result<(usize, MarkId), MarkError> {
        let place = self
            .places
            .document(store.task(task).document)
            .ok_or(MarkError::NoReviewFile)?;
        let key = self.keys.get(task).ok_or(MarkError::NoReviewFile)?;
        if place.book >= self.books.len() {
            return Err(MarkError::NoReviewFile);
        }
        Ok((
            place.book,
            MarkId {
                document: Arc::clone(&place.name),
                key: key.clone(),
            },
        ))
    }

    fn new_mark(&self, store: &Store, task: TaskId, status: Status, note: Option<String>) -> Mark {
        Mark {
            status,
            note,
            reviewer: Arc::clone(&self.reviewer),
            updated: Timestamp::now(),
            task: Reviewed::of(store, task),
        }
    }

    /// Marks `task` with `status`, or clears its status when it already has
    /// it and its text did not change since (a changed task is marked again
    /// on its current text). Clearing keeps the note: the task is then
    /// unreviewed with its note.
    pub fn toggle(
        &mut self,
        store: &Store,
        task: TaskId,
        status: Status,
    ) -> Result<SaveRequest, MarkError> {
        let (book, new_id) = self.place_of(store, task)?;
        let changed = self.changed(task);
        let current = self
            .attached(task)
            .map(|(_, id, _)| id.clone())
            .and_then(|id| Some((self.books[book].marks.get(&id)?.clone(), id)));
        let next = match &current {
            Some((mark, _)) if mark.status == status && !changed => {
                mark.note.is_some().then_some(Status::Unreviewed)
            }
            _ => Some(status),
        };
        let mut edits = Vec::new();
        if let Some((_, old)) = &current
            && (*old != new_id || next.is_none())
        {
            edits.push(Edit {
                id: old.clone(),
                mark: None,
                task: None,
            });
        }
        if let Some(status) = next {
            let note = current.and_then(|(mark, _)| mark.note);
            edits.push(Edit {
                id: new_id,
                mark: Some(self.new_mark(store, task, status, note)),
                task: Some(task),
            });
        }
        Ok(self.commit(book, edits, Some(task)))
    }

    /// Sets a task's note (blank text clears it), leaving its status as it
    /// is; with `flag`, the task is flagged too. A note on an unmarked task
    /// leaves it unreviewed. `None` when nothing changes.
    pub fn set_note(
        &mut self,
        store: &Store,
        task: TaskId,
        note: &str,
        flag: bool,
    ) -> Result<Option<SaveRequest>, MarkError> {
        let note = Some(note.trim().to_string()).filter(|note| !note.is_empty());
        let (book, new_id) = self.place_of(store, task)?;
        let current = self.attached(task).map(|(_, id, _)| id.clone());
        let edit = match current {
            Some(id) => {
                let Some(mark) = self.books[book].marks.get(&id) else {
                    return Ok(None);
                };
                let status = if flag { Status::Flagged } else { mark.status };
                if mark.note == note && mark.status == status {
                    return Ok(None);
                }
                let mut mark = mark.clone();
                mark.note = note;
                mark.status = status;
                mark.reviewer = Arc::clone(&self.reviewer);
                mark.updated = Timestamp::now();
                // A note-only mark whose note is gone is no mark at all.
                let keep = mark.status != Status::Unreviewed || mark.note.is_some();
                Edit {
                    id,
                    mark: keep.then_some(mark),
                    task: keep.then_some(task),
                }
            }
            None if note.is_none() && !flag => return Ok(None),
            None => {
                let status = if flag {
                    Status::Flagged
                } else {
                    Status::Unreviewed
                };
                Edit {
                    id: new_id,
                    mark: Some(self.new_mark(store, task, status, note)),
                    task: Some(task),
                }
            }
        };
        Ok(Some(self.commit(book, vec![edit], Some(task))))
    }

    /// Moves the orphaned mark `id` of book `book` to `task` (which must have
    /// no mark); it shows as changed when the texts differ.
    pub fn reattach(
        &mut self,
        store: &Store,
        book: usize,
        id: &MarkId,
        task: TaskId,
    ) -> Result<Option<SaveRequest>, MarkError> {
        let (task_book, new_id) = self.place_of(store, task)?;
        if task_book != book {
            return Err(MarkError::OtherFile);
        }
        if self.attached(task).is_some() {
            return Err(MarkError::TaskMarked);
        }
        let Some(mut mark) = self.books[book].marks.get(id).cloned() else {
            return Ok(None);
        };
        mark.task.changed |= id.key.text_hash != new_id.key.text_hash;
        let edits = vec![
            Edit {
                id: id.clone(),
                mark: None,
                task: None,
            },
            Edit {
                id: new_id,
                mark: Some(mark),
                task: Some(task),
            },
        ];
        Ok(Some(self.commit(book, edits, Some(task))))
    }

    /// Drops the orphaned mark `id` of book `book` from its file.
    pub fn drop_orphan(&mut self, book: usize, id: &MarkId) -> Option<SaveRequest> {
        self.books.get(book)?.marks.get(id)?;
        let edit = Edit {
            id: id.clone(),
            mark: None,
            task: None,
        };
        Some(self.commit(book, vec![edit], None))
    }

    /// Undoes the last change; returns what to save and the task it was
    /// about. `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<(SaveRequest, Option<TaskId>)> {
        let undo = self.undo.pop()?;
        self.apply(undo.book, &undo.edits);
        Some((self.request(undo.book, undo.edits), undo.task))
    }

    /// True when there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Applies `edits` to `book`, remembers how to undo them, and returns
    /// them to be saved.
    fn commit(&mut self, book: usize, edits: Vec<Edit>, task: Option<TaskId>) -> SaveRequest {
        let inverse = self.apply(book, &edits);
        self.undo.push(Undo {
            book,
            edits: inverse,
            task,
        });
        if self.undo.len() > UNDO_DEPTH {
            self.undo.remove(0);
        }
        self.request(book, edits)
    }

    fn request(&mut self, book: usize, edits: Vec<Edit>) -> SaveRequest {
        self.seq += 1;
        let at = Timestamp::now();
        let changes = edits
            .iter()
            .map(|edit| Change {
                id: edit.id.clone(),
                mark: edit.mark.clone(),
                at,
            })
            .collect();
        self.unsynced.push(Pending {
            book,
            seq: self.seq,
            edits,
        });
        SaveRequest {
            book,
            seq: self.seq,
            changes,
        }
    }

    /// Applies `edits` to the marks of `book`; returns the edits that undo
    /// them.
    fn apply(&mut self, book: usize, edits: &[Edit]) -> Vec<Edit> {
        let view = &mut self.books[book];
        let mut inverse = Vec::with_capacity(edits.len());
        for edit in edits {
            inverse.push(Edit {
                id: edit.id.clone(),
                mark: view.marks.get(&edit.id).cloned(),
                task: view.attachment.task_of.get(&edit.id).copied(),
            });
            view.detach(&edit.id);
            match &edit.mark {
                Some(mark) => {
                    view.marks.insert(edit.id.clone(), mark.clone());
                    view.place(edit.id.clone(), mark.status, edit.task);
                }
                None => {
                    view.marks.remove(&edit.id);
                }
            }
        }
        inverse.reverse();
        inverse
    }

    /// Book `book` was saved with every request up to `seq`.
    pub fn saved(&mut self, book: usize, seq: u64) {
        self.unsynced
            .retain(|pending| pending.book != book || pending.seq > seq);
    }

    /// Book `book` as its file now holds it, with every request up to `seq`
    /// merged in: shown instead, with the later requests applied again.
    pub fn replace_book(&mut self, book: usize, view: BookView, seq: u64) {
        if book >= self.books.len() {
            return;
        }
        self.books[book] = view;
        self.saved(book, seq);
        let replay: Vec<Edit> = self
            .unsynced
            .iter()
            .filter(|pending| pending.book == book)
            .flat_map(|pending| pending.edits.iter().cloned())
            .collect();
        self.apply(book, &replay);
    }

    /// True when a change has not been confirmed saved.
    pub fn has_unsaved(&self) -> bool {
        !self.unsynced.is_empty()
    }
}
