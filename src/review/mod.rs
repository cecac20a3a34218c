//! Review marks: a status (reviewed or flagged) and a note per task, kept in a
//! JSON review file beside the documents and saved atomically after every
//! change.
//!
//! The file (version 1) maps stable task keys ([`TaskKey`]) to marks:
//!
//! ```json
//! {
//!   "version": 1,
//!   "marks": {
//!     "3f0c…:-:9:8a1e…:0": {
//!       "status": "flagged",
//!       "note": "牵头单位应为市住建局",
//!       "updated": "2024-05-01T04:30:00Z",
//!       "task": {"file": "003_f52a14d2b16fe9b2.txt", "number": "9", "text": "开工建设人民医院东院区项目,……"}
//!     }
//!   }
//! }
//! ```

mod book;
mod file;
mod identity;
mod location;
mod mark;
mod session;

pub use book::{ReviewBook, ReviewError, ReviewWarning};
pub use identity::{TaskKey, task_keys};
pub use location::{REVIEW_FILE_NAME, SAMPLES_REVIEW_FILE_NAME, default_review_path};
pub use mark::{Mark, MarkContext, Status};
pub use session::Review;
