//! CSV export: one row per task, UTF-8 with a byte-order mark so that Excel
//! reads the Chinese text right. A cell a spreadsheet would take for a
//! formula (`=HYPERLINK(…)`, `@SUM(1,2)`, `+1`, `-1`, or one starting with a
//! tab or a carriage return) is written with a leading `'`, so it shows as
//! text and never runs.

use std::borrow::Cow;
use std::io::Write;

use super::ExportView;
use super::columns::{CSV_COLUMNS, TaskCells};
use crate::store::Store;
use crate::tui::i18n::Lang;

/// The UTF-8 byte-order mark.
const BOM: &[u8] = b"\xef\xbb\xbf";

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

/// Writes the tasks of `view` as CSV to `out`, headers in `lang`.
pub fn write(
    store: &Store,
    view: &ExportView,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(BOM)?;
    let mut writer = csv::Writer::from_writer(out);
    writer
        .write_record(CSV_COLUMNS.map(|column| column.csv_header(lang)))
        .map_err(into_io)?;
    for &id in &view.tasks {
        let cells = TaskCells::new(store, view, id, lang);
        let record = CSV_COLUMNS.map(|column| cells.cell(column));
        let safe = record.each_ref().map(|cell| neutralised(cell));
        writer
            .write_record(safe.iter().map(|cell| cell.as_bytes()))
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
