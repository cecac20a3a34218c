//! `zeren export`.

use std::collections::BTreeMap;

use super::args::ExportArgs;
use super::output::write_output;
use crate::export::{self, ExportView};
use crate::review::{Mark, Review, ReviewBook, default_review_path};
use crate::store::{Filter, Store, TaskId};

/// Writes the filtered store in the chosen format, with the review marks.
pub fn run(store: &Store, filter: &Filter, args: &ExportArgs) -> anyhow::Result<()> {
    if let Some(problem) = super::describe_empty(filter) {
        eprintln!("warning: {problem}");
    }
    let view = ExportView::new(store, filter).with_marks(review_marks(store, args));
    write_output(args.output.as_deref(), |out| {
        export::write(store, &view, args.format, out)
    })
}

/// The marks of the review file (`--review FILE` or the default), read
/// without changing or moving the file.
fn review_marks(store: &Store, args: &ExportArgs) -> BTreeMap<TaskId, Mark> {
    let path = match &args.review {
        Some(path) => {
            if !path.exists() {
                eprintln!("warning: {}: review file not found", path.display());
            }
            path.clone()
        }
        None => match default_review_path(&args.input.paths) {
            Some(path) => path,
            None => return BTreeMap::new(),
        },
    };
    let (book, warning) = ReviewBook::open_read_only(path);
    if let Some(warning) = warning {
        eprintln!("warning: {warning}");
    }
    Review::new(book, store).marked_tasks()
}
