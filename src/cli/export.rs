//! `zeren export`.

use super::args::{ExportArgs, Format};
use super::output::write_output;
use crate::export::{ExportView, csv, json};
use crate::store::{Filter, Store};

/// Writes the filtered store in the chosen format.
pub fn run(store: &Store, filter: &Filter, args: &ExportArgs) -> anyhow::Result<()> {
    if let Some(problem) = super::describe_empty(filter) {
        eprintln!("warning: {problem}");
    }
    let view = ExportView::new(store, filter);
    write_output(args.output.as_deref(), |out| match args.format {
        Format::Json => json::write(store, &view, out),
        Format::Csv => csv::write(store, &view, out),
    })
}
