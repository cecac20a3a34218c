//! `zeren export`.

use std::collections::BTreeMap;

use super::args::ExportArgs;
use super::output::{self, write_output};
use crate::export::{self, ExportView};
use crate::review::{OpenWarning, Places, Review, TaskMark};
use crate::store::{Filter, RoleFilter, Store, TaskId};
use crate::tui::i18n::{Lang, message};

/// Writes the filtered store in the chosen format, with the review marks, a
/// table's headers in `lang`; a text cut to fit a spreadsheet cell is a
/// warning naming its task.
pub fn run(store: &Store, filter: &Filter, args: &ExportArgs, lang: Lang) -> anyhow::Result<()> {
    if let Some(problem) = super::describe_empty(filter) {
        output::warn(problem);
    }
    let compare_role = args.filters.role.unwrap_or(RoleFilter::Lead);
    let view = ExportView::new(store, filter)
        .with_marks(review_marks(store, args)?)
        .with_compare_role(compare_role);
    let mut cut = Vec::new();
    write_output(args.output.as_deref(), |out| {
        cut = export::write(store, &view, args.format, lang, out)?;
        Ok(())
    })?;
    for cell in &cut {
        output::warn(message::cut_cell(lang, store, cell));
    }
    Ok(())
}

/// The marks of each document's review file (`--review FILE`, or the
/// defaults), read without changing or moving any file. A `--review FILE`
/// that is not a review file is an error; a default one is a warning.
fn review_marks(store: &Store, args: &ExportArgs) -> anyhow::Result<BTreeMap<TaskId, TaskMark>> {
    if let Some(path) = &args.review
        && !path.exists()
        && path.symlink_metadata().is_err()
    {
        output::warn(format_args!("{}: review file not found", path.display()));
    }
    let places = Places::new(store, &args.input.paths, args.review.as_deref());
    let (review, warnings) = Review::open_read_only(store, places);
    for warning in warnings {
        match warning {
            OpenWarning::Refused { .. } if args.review.is_some() => {
                anyhow::bail!("{warning}");
            }
            warning => output::warn(warning),
        }
    }
    Ok(review.marked_tasks())
}
