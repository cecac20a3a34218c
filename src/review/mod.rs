//! Review marks: a status (reviewed or flagged), a note, who and when, per
//! task, kept in JSON review files beside the documents.
//!
//! - [`key`]: what a mark is keyed by (document, plan, number, text);
//! - [`attach`]: finding each mark's task again after documents change;
//! - [`file`] and [`disk`]: the file format, and reading and writing it
//!   safely;
//! - [`book`]: one review file, saved under a lock and merged task by task;
//! - [`location`]: which review file holds which document's marks;
//! - [`session`]: the marks of a load, changed in memory and undoable;
//! - [`saver`]: saving in the background, retrying, and watching for other
//!   reviewers' saves.

pub mod attach;
pub mod book;
pub mod disk;
pub mod file;
pub mod fingerprint;
pub mod key;
pub mod location;
pub mod mark;
pub mod rescue;
pub mod saver;
pub mod session;

pub use attach::TaskKeys;
pub use book::{Book, Change, OpenWarning, SaveError};
pub use key::{MarkId, TaskKey};
pub use location::{Places, REVIEW_FILE_NAME, SAMPLES_REVIEW_FILE_NAME};
pub use mark::{Mark, Reviewed, Status};
pub use session::{BookView, MarkError, Review, SaveRequest, TaskMark};

/// Who marks: `NAME` of `--reviewer NAME`, else `$USER` (`$USERNAME` on
/// Windows), else empty.
pub fn reviewer_name(given: Option<&str>) -> String {
    given
        .map(str::to_string)
        .or_else(|| std::env::var("USER").ok())
        .or_else(|| std::env::var("USERNAME").ok())
        .map(|name| name.trim().to_string())
        .unwrap_or_default()
}

/// Saves `request` to `books` at once (for commands and tests that do not
/// save in the background).
pub fn save_now(books: &mut [Book], request: &SaveRequest) -> Result<book::Saved, SaveError> {
    match books.get_mut(request.book) {
        Some(book) => book.save(&request.changes),
        None => Ok(book::Saved::default()),
    }
}
