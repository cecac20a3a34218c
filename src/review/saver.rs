//! Saving off the input thread: changes are queued as they are made, and a
//! background thread saves each review file with every change queued so far
//! (so a burst of keys costs one save), retries a failed save, and watches
//! the files for other reviewers' saves.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::thread;
use std::time::{Duration, Instant};

use super::attach::TaskKeys;
use super::book::{Book, Change};
use super::key::MarkId;
use super::location::Places;
use super::session::{BookView, SaveRequest};
use crate::store::Store;

/// How often the review files are checked for other reviewers' saves.
pub const WATCH_EVERY: Duration = Duration::from_secs(2);

/// The first wait before a failed save is tried again; it doubles up to
/// [`MAX_RETRY`].
const FIRST_RETRY: Duration = Duration::from_secs(1);
const MAX_RETRY: Duration = Duration::from_secs(30);

/// What the saver tells the dashboard.
#[derive(Debug, Clone)]
pub enum SaverEvent {
    /// Book `book` is saved with every request up to `seq`.
    Saved { book: usize, seq: u64 },
    /// Book `book` holds other reviewers' marks too, or lost a change to a
    /// newer mark: show `view` (every request up to `seq` merged in).
    Refreshed {
        book: usize,
        seq: u64,
        view: Box<BookView>,
        notice: Option<String>,
    },
    /// A save of book `book` failed; it is tried again.
    Failed { book: usize, error: String },
}

/// What the loaded store looks like, to attach re-read marks.
pub struct SaverContext {
    pub store: Arc<Store>,
    pub keys: Arc<TaskKeys>,
    pub places: Arc<Places>,
}

enum Request {
    Save(SaveRequest),
    /// Save what is queued now; answer with the changes that could not be
    /// saved, and why.
    Flush(Sender<Unsaved>),
}

/// Changes that could not be saved before quitting, by review file.
#[derive(Debug, Default)]
pub struct Unsaved {
    pub errors: Vec<String>,
    pub changes: Vec<Change>,
}

/// The background saver.
pub struct Saver {
    requests: Sender<Request>,
}

impl Saver {
    /// Starts saving `books`; events go through `deliver` (which returns
    /// false once nobody listens).
    pub fn spawn<F>(books: Vec<Book>, context: SaverContext, deliver: F) -> std::io::Result<Self>
    where
        F: Fn(SaverEvent) -> bool + Send + 'static,
    {
        let (requests, inbox) = channel();
        thread::Builder::new()
            .name("zeren-save".to_string())
            .spawn(move || Worker::new(books, context).serve(&inbox, &deliver))?;
        Ok(Self { requests })
    }

    /// Queues changes to save.
    pub fn submit(&self, request: SaveRequest) -> bool {
        self.requests.send(Request::Save(request)).is_ok()
    }

    /// Saves everything queued, waiting at most `patience`; returns what
    /// could not be saved.
    pub fn flush(&self, patience: Duration) -> Unsaved {
        let (answer, reply) = channel();
        if self.requests.send(Request::Flush(answer)).is_err() {
            return Unsaved {
                errors: vec!["the saver stopped".to_string()],
                changes: Vec::new(),
            };
        }
        reply.recv_timeout(patience).unwrap_or_else(|_| Unsaved {
            errors: vec!["saving took too long".to_string()],
            changes: Vec::new(),
        })
    }
}

/// The saver thread's state.
struct Worker {
    books: Vec<Book>,
    context: SaverContext,
    /// Per book, the changes not saved yet (the latest per mark).
    pending: Vec<BTreeMap<MarkId, Change>>,
    /// Per book, the newest request received.
    seq: Vec<u64>,
    /// Per book, the last error and when to try again.
    failing: Vec<Option<(String, Duration, Instant)>>,
}

impl Worker {
    fn new(books: Vec<Book>, context: SaverContext) -> Self {
        let count = books.len();
        Self {
            books,
            context,
            pending: vec![BTreeMap::new(); count],
            seq: vec![0; count],
            failing: vec![None; count],
        }
    }

    fn serve(mut self, inbox: &Receiver<Request>, deliver: &dyn Fn(SaverEvent) -> bool) {
        for book in &self.books {
            let removed = book.remove_stale_temp_files();
            if removed > 0 {
                crate::logfile::note(&format!(
                    "{}: removed {removed} stale temporary files",
                    book.path().display()
                ));
            }
        }
        let mut next_watch = Instant::now() + WATCH_EVERY;
        loop {
            let now = Instant::now();
            let wake = self
                .failing
                .iter()
                .flatten()
                .map(|(_, _, at)| *at)
                .chain([next_watch])
                .min()
                .unwrap_or(next_watch);
            let mut flushes = Vec::new();
            match inbox.recv_timeout(wake.saturating_duration_since(now)) {
                Ok(request) => self.take(request, &mut flushes),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    self.save_all(true, deliver);
                    return;
                }
            }
            for request in inbox.try_iter() {
                self.take(request, &mut flushes);
            }
            if !self.save_all(!flushes.is_empty(), deliver) {
                return;
            }
            for answer in flushes {
                let _ = answer.send(self.unsaved());
            }
            if Instant::now() >= next_watch {
                if !self.watch(deliver) {
                    return;
                }
                next_watch = Instant::now() + WATCH_EVERY;
            }
        }
    }

    fn take(&mut self, request: Request, flushes: &mut Vec<Sender<Unsaved>>) {
        match request {
            Request::Save(request) => {
                let Some(pending) = self.pending.get_mut(request.book) else {
                    return;
                };
                for change in request.changes {
                    pending.insert(change.id.clone(), change);
                }
                self.seq[request.book] = self.seq[request.book].max(request.seq);
            }
            Request::Flush(answer) => flushes.push(answer),
        }
    }

    /// Saves every book with pending changes whose retry time has come (all
    /// of them when `now_all`); false once nobody listens.
    fn save_all(&mut self, now_all: bool, deliver: &dyn Fn(SaverEvent) -> bool) -> bool {
        for book in 0..self.books.len() {
            if self.pending[book].is_empty() {
                continue;
            }
            let due = self.failing[book]
                .as_ref()
                .is_none_or(|(_, _, at)| Instant::now() >= *at);
            if !(due || now_all) {
                continue;
            }
            let changes: Vec<Change> = self.pending[book].values().cloned().collect();
            let event = match self.books[book].save(&changes) {
                Ok(saved) => {
                    self.pending[book].clear();
                    self.failing[book] = None;
                    let seq = self.seq[book];
                    let notice = saved.set_aside.map(|warning| warning.to_string());
                    if let Some(notice) = &notice {
                        crate::logfile::note(notice);
                    }
                    if saved.foreign || notice.is_some() {
                        SaverEvent::Refreshed {
                            book,
                            seq,
                            view: Box::new(self.view(book)),
                            notice,
                        }
                    } else {
                        SaverEvent::Saved { book, seq }
                    }
                }
                Err(error) => {
                    let error = error.to_string();
                    let wait = match &self.failing[book] {
                        Some((previous, wait, _)) => {
                            if *previous != error {
                                crate::logfile::note(&error);
                            }
                            (*wait * 2).min(MAX_RETRY)
                        }
                        None => {
                            crate::logfile::note(&error);
                            FIRST_RETRY
                        }
                    };
                    self.failing[book] = Some((error.clone(), wait, Instant::now() + wait));
                    SaverEvent::Failed { book, error }
                }
            };
            if !deliver(event) {
                return false;
            }
        }
        true
    }

    /// Reads again the files that others changed; false once nobody listens.
    fn watch(&mut self, deliver: &dyn Fn(SaverEvent) -> bool) -> bool {
        for book in 0..self.books.len() {
            if !self.pending[book].is_empty() {
                continue;
            }
            let event = match self.books[book].reload_if_changed() {
                Ok(false) => continue,
                Ok(true) => SaverEvent::Refreshed {
                    book,
                    seq: self.seq[book],
                    view: Box::new(self.view(book)),
                    notice: None,
                },
                Err(error) => {
                    crate::logfile::note(&error.to_string());
                    SaverEvent::Failed {
                        book,
                        error: error.to_string(),
                    }
                }
            };
            if !deliver(event) {
                return false;
            }
        }
        true
    }

    fn view(&self, book: usize) -> BookView {
        let context = &self.context;
        BookView::new(
            book,
            self.books[book].marks().clone(),
            &context.places,
            &context.store,
            &context.keys,
        )
    }

    fn unsaved(&self) -> Unsaved {
        let mut unsaved = Unsaved::default();
        for (book, pending) in self.pending.iter().enumerate() {
            if pending.is_empty() {
                continue;
            }
            if let Some((error, _, _)) = &self.failing[book] {
                unsaved.errors.push(error.clone());
            }
            unsaved.changes.extend(pending.values().cloned());
        }
        unsaved
    }
}
