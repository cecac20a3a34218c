//! CSV export: one row per task, UTF-8 with a byte-order mark so that Excel
//! reads the Chinese text right. A cell a spreadsheet would take for a
//! formula (`=HYPERLINK(…)`, `@SUM(1,2)`, `+1`, `-1`, or one starting with a
//! tab or a carriage return) is written with a leading `'`, so it shows as
//! text and never runs.

use std::borrow::Cow;
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

/// First characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// `cell` as written to the file: with a leading `'` when it starts like a
/// formula.
pub fn neutralised(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes the tasks of `view` as CSV to `out`.
pub fn write(store: &Store, view: &ExportView, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(HEADER).map_err(into_io)?;
    for &id in &view.tasks {
        let task = store.task(id);
        let document = store.document(task.document);
        let mark = view.mark(id);
        let cells = JoinedCells::of(store, task);
        let (id, line, document_id) = (
            id.to_string(),
            task.line.to_string(),
            task.document.to_string(),
        );
        let record = [
            id.as_str(),
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
            &line,
            &document_id,
            mark.map_or("", |mark| mark.status.name()),
            mark.and_then(|mark| mark.note.as_deref())
                .unwrap_or_default(),
        ];
        writer
            .write_record(record.map(neutralised).iter().map(|cell| cell.as_bytes()))
            .map_err(into_io)?;
    }
    writer.flush()
}

/// The I/O error under a CSV error, so that its kind (a closed pipe, a full
/// disk) reaches the caller.
fn into_io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_written_as_text() {
        for cell in [
            "=HYPERLINK(\"http://x\")",
            "@SUM(1,2)",
            "+1",
            "-1",
            "\tx",
            "\rx",
        ] {
            assert_eq!(neutralised(cell), format!("'{cell}"));
        }
        for cell in ["市发改委", "", "1", "2021年12月底前", "x=1"] {
            assert!(matches!(neutralised(cell), Cow::Borrowed(_)), "{cell}");
        }
    }
}
