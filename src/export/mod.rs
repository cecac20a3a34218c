//! Writing the store out: JSON (the contract's export), CSV and Excel.

mod columns;
pub mod csv;
mod file;
pub mod json;
pub mod xlsx;

pub use file::{ExportError, default_export_path, write_file, write_to_path};

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::review::{Mark, TaskMark};
use crate::store::{DocId, Filter, RoleFilter, Store, StoreWarning, TaskId};
use crate::tui::i18n::Lang;

/// The most characters (UTF-16 units, as Excel counts) an Excel cell holds.
pub const MAX_CELL_CHARS: usize = 32_767;

/// A text cut to fit a cell: its task, the column (its header) and how
/// many characters the whole text has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    pub task: TaskId,
    pub column: &'static str,
    pub chars: usize,
}

/// An export file written, and the texts that had to be cut in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub cut: Vec<Cut>,
}

/// The export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Json,
    Csv,
    Xlsx,
}

impl Format {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// Writes `view` in `format` to `out`, the headers of a table in `lang`;
/// returns the texts cut to fit a cell.
pub fn write(
    store: &Store,
    view: &ExportView,
    format: Format,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<Vec<Cut>> {
    match format {
        Format::Json => json::write(store, view, out).map(|()| Vec::new()),
        Format::Csv => csv::write(store, view, lang, out).map(|()| Vec::new()),
        Format::Xlsx => xlsx::write(store, view, lang, out),
    }
}

/// The documents and tasks an export holds, with the review marks of its tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportView {
    /// Documents of the filtered places (all when no place filter is set).
    pub documents: Vec<DocId>,
    /// Tasks passing every filter, in document order.
    pub tasks: Vec<TaskId>,
    /// Review marks by task (empty when no review file is used).
    pub marks: BTreeMap<TaskId, TaskMark>,
    /// The role the departments × places sheet counts (lead by default).
    pub compare_role: RoleFilter,
}

impl ExportView {
    /// The view of `store` through `filter`.
    pub fn new(store: &Store, filter: &Filter) -> Self {
        let documents = store
            .documents()
            .iter()
            .enumerate()
            .filter(|(_, document)| {
                filter
                    .places
                    .as_ref()
                    .is_none_or(|places| places.admits(store, document.place))
            })
            .filter_map(|(index, _)| DocId::try_from(index).ok())
            .collect();
        Self {
            documents,
            tasks: store.filter(filter),
            marks: BTreeMap::new(),
            compare_role: RoleFilter::Lead,
        }
    }

    /// The view of exactly `tasks` (a dashboard list, say) and the documents
    /// holding them.
    pub fn from_tasks(store: &Store, tasks: Vec<TaskId>) -> Self {
        let mut documents: Vec<DocId> = tasks.iter().map(|&id| store.task(id).document).collect();
        documents.sort_unstable();
        documents.dedup();
        Self {
            documents,
            tasks,
            marks: BTreeMap::new(),
            compare_role: RoleFilter::Lead,
        }
    }

    /// The same view carrying review marks (see [`crate::review::Review::marked_tasks`]).
    pub fn with_marks(mut self, marks: BTreeMap<TaskId, TaskMark>) -> Self {
        self.marks = marks;
        self
    }

    /// The same view, its departments × places sheet counting `role`.
    pub fn with_compare_role(mut self, role: RoleFilter) -> Self {
        self.compare_role = role;
        self
    }

    /// The review mark of a task, if it has one.
    pub fn mark(&self, task: TaskId) -> Option<&Mark> {
        self.marks.get(&task).map(|marked| &marked.mark)
    }

    /// True when a marked task's text changed since it was reviewed.
    pub fn changed(&self, task: TaskId) -> bool {
        self.marks.get(&task).is_some_and(|marked| marked.changed)
    }

    /// True when a warning belongs in the export: it is about a document in
    /// the view, or about a file that did not load at all.
    pub fn includes_warning(&self, warning: &StoreWarning) -> bool {
        warning
            .document
            .is_none_or(|document| self.documents.binary_search(&document).is_ok())
    }
}
