//! CSV export: one row per task, UTF-8 with a byte-order mark so that Excel
//! reads the Chinese text right.

use std::io::Write;

use super::{ExportView, JoinedCells};
use crate::store::Store;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

const HEADER: [&str; 17] = [
    "id",
    "city",
    "source",
    "title",
    "plan",
    "section",
    "number",
    "text",
    "lead",
    "lead_inferred",
    "responsible",
    "cooperating",
    "deadline",
    "line",
    "document",
    "review_status",
    "review_note",
];

/// Writes the tasks of `view` as CSV to `out`.
pub fn write(store: &Store, view: &ExportView, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER)?;
    for &id in &view.tasks {
        let task = store.task(id);
        let document = store.document(task.document);
        let mark = view.mark(id);
        let cells = JoinedCells::of(store, task);
        writer.write_record([
            id.to_string().as_str(),
            document.meta.city.as_deref().unwrap_or_default(),
            &document.source,
            document.meta.title.as_deref().unwrap_or_default(),
            store.plan_of(task).unwrap_or_default(),
            &cells.section,
            task.number.as_deref().unwrap_or_default(),
            store.text_of(task),
            &cells.lead,
            if task.lead_inferred { "true" } else { "false" },
            &cells.responsible,
            &cells.cooperating,
            task.deadline.as_deref().unwrap_or_default(),
            &task.line.to_string(),
            &task.document.to_string(),
            mark.map_or("", |mark| mark.status.name()),
            mark.and_then(|mark| mark.note.as_deref())
                .unwrap_or_default(),
        ])?;
    }
    writer.flush()
}
