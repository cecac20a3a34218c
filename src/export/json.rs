//! The export JSON of the contract (version 2).

use std::io::Write;

use serde::Serialize;

use super::ExportView;
use crate::model::Role;
use crate::review::Status;
use crate::stats::department_counts;
use crate::store::{Store, Task, TaskId};

/// The export format version.
const VERSION: u32 = 2;

#[derive(Serialize)]
struct Export<'a> {
    version: u32,
    documents: Vec<DocumentOut<'a>>,
    tasks: Streamed<'a>,
    departments: Vec<DepartmentOut<'a>>,
    warnings: Vec<WarningOut<'a>>,
}

#[derive(Serialize)]
struct DocumentOut<'a> {
    id: u32,
    source: &'a str,
    title: Option<&'a str>,
    city: Option<&'a str>,
    region: &'a [String],
    year: Option<u16>,
    doc_number: Option<&'a str>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct TaskOut<'a> {
    id: TaskId,
    document: u32,
    plan: Option<&'a str>,
    section: Vec<&'a str>,
    number: Option<&'a str>,
    text: &'a str,
    lead: Vec<&'a str>,
    lead_inferred: bool,
    responsible: Vec<&'a str>,
    cooperating: Vec<&'a str>,
    leaders: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline: Option<&'a str>,
    line: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    review: Option<ReviewOut<'a>>,
}

/// A task's review mark: present only for a task reviewed or flagged.
#[derive(Serialize)]
struct ReviewOut<'a> {
    status: Status,
    note: Option<&'a str>,
    /// The task's text differs from the text that was reviewed.
    changed: bool,
}

#[derive(Serialize)]
struct DepartmentOut<'a> {
    name: &'a str,
    canonical: &'a str,
    kind: &'a str,
    names: Vec<&'a str>,
    lead: usize,
    lead_inferred: usize,
    responsible: usize,
    cooperating: usize,
}

#[derive(Serialize)]
struct WarningOut<'a> {
    source: &'a str,
    message: &'a str,
}

/// Writes the export JSON of `view` to `out`, pretty-printed.
pub fn write(store: &Store, view: &ExportView, out: &mut dyn Write) -> std::io::Result<()> {
    let export = Export {
        version: VERSION,
        documents: view
            .documents
            .iter()
            .map(|&id| document_out(store, id))
            .collect(),
        tasks: Streamed { store, view },
        departments: department_counts(store, &view.tasks)
            .into_iter()
            .map(|counts| {
                let department = store.departments().get(counts.dept);
                DepartmentOut {
                    name: &department.canonical,
                    canonical: &department.canonical,
                    kind: department.kind.name(),
                    names: department.names.iter().map(String::as_str).collect(),
                    lead: counts.lead,
                    lead_inferred: counts.lead_inferred,
                    responsible: counts.responsible,
                    cooperating: counts.cooperating,
                }
            })
            .collect(),
        warnings: store
            .warnings()
            .iter()
            .filter(|warning| view.includes_warning(warning))
            .map(|warning| WarningOut {
                source: &warning.source,
                message: &warning.message,
            })
            .collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &export)?;
    writeln!(out)
}

/// The tasks of a view, made one at a time as they are written, so a large
/// export never holds every task's output at once.
struct Streamed<'a> {
    store: &'a Store,
    view: &'a ExportView,
}

impl Serialize for Streamed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(
            self.view
                .tasks
                .iter()
                .map(|&id| task_out(self.store, self.view, id)),
        )
    }
}

fn document_out(store: &Store, id: u32) -> DocumentOut<'_> {
    let document = store.document(id);
    DocumentOut {
        id,
        source: &document.source,
        title: document.meta.title.as_deref(),
        city: document.meta.city.as_deref(),
        region: &document.meta.region,
        year: document.meta.year,
        doc_number: document.meta.doc_number.as_deref(),
        date: document.meta.date.as_deref(),
    }
}

fn task_out<'a>(store: &'a Store, view: &'a ExportView, id: TaskId) -> TaskOut<'a> {
    let task: &Task = store.task(id);
    let lead = if task.lead_inferred {
        store
            .unit_names_in(task, Role::Responsible)
            .into_iter()
            .take(1)
            .collect()
    } else {
        store.unit_names_in(task, Role::Lead)
    };
    TaskOut {
        id,
        document: task.document,
        plan: store.plan_of(task),
        section: store.section_path(task.section),
        number: task.number.as_deref(),
        text: store.text_of(task),
        lead,
        lead_inferred: task.lead_inferred,
        responsible: store.unit_names_in(task, Role::Responsible),
        cooperating: store.unit_names_in(task, Role::Cooperating),
        leaders: task.leaders.iter().map(AsRef::as_ref).collect(),
        deadline: task.deadline.as_deref(),
        line: task.line,
        // The contract's `review` is a mark, reviewed or flagged: a note on an
        // unreviewed task is in the CSV and Excel exports and the review file.
        review: view
            .mark(id)
            .filter(|mark| mark.status != Status::Unreviewed)
            .map(|mark| ReviewOut {
                status: mark.status,
                note: mark.note.as_deref(),
                changed: view.changed(id),
            }),
    }
}
