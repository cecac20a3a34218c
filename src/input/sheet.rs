//! Spreadsheets: workbooks (.xlsx .xlsm .xls .xlsb .ods, read with calamine)
//! and delimited text (.csv .tsv, read with the csv crate), written out as
//! the lines of a task table.
//!
//! Each sheet whose rows include a task table header (序号 | 重点任务 | 牵头单位
//! …) is a plan: the rows above the header (the title) become plain lines,
//! the header and the rows below it `\t`-separated lines. A cell merged down
//! over several rows (a 牵头单位 shared by several tasks) repeats its text in
//! each row; a row merged across the table has its text in the first field
//! only, which the parser reads as a section heading; a cell of several lines
//! is written on one line with spaces between them. When no sheet has such a
//! header, every sheet's rows are written as they are.

mod ods_spans;

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Data, DataType, Dimensions, Reader, Sheets, open_workbook_auto_from_rs};

use super::decode::decode_text;
use super::limits::{self, check_zip_sizes};
use super::{Decoded, LoadError};
use crate::parse::is_table_header;

/// Cells read from one file at most; the rest of a bigger file is left out
/// with a note (a real task table has a few thousand).
const MAX_CELLS: usize = 1_000_000;

/// Columns read at most; cells further right are left out.
const MAX_COLUMNS: u32 = 256;

/// Rows of delimited text read at most, empty ones included.
const MAX_RECORDS: usize = 5_000_000;

/// A merged cell repeats its text down at most this many rows.
const MAX_MERGE_ROWS: u32 = 10_000;

/// The note added when a file holds more cells than are read.
const CELLS_CUT_NOTE: &str = "only the first 1000000 cells were read";

/// The non-empty cells of one sheet, by (row, column).
#[derive(Debug, Default)]
struct Sheet {
    name: String,
    cells: BTreeMap<(u32, u32), String>,
}

/// Counts cells across the sheets of a file against [`MAX_CELLS`].
#[derive(Debug, Default)]
struct Budget {
    cells: usize,
    cut: bool,
}

impl Budget {
    /// Takes one cell from the budget; false once it is spent.
    fn take(&mut self) -> bool {
        if self.cells >= MAX_CELLS {
            self.cut = true;
            return false;
        }
        self.cells += 1;
        true
    }
}

impl Sheet {
    fn new(name: &str) -> Sheet {
        Sheet {
            name: name.to_string(),
            cells: BTreeMap::new(),
        }
    }

    /// Stores a cell's text when it has some and the budget allows.
    fn put(&mut self, budget: &mut Budget, row: u32, column: u32, text: &str) {
        let text = cell_text(text);
        if text.is_empty() || column >= MAX_COLUMNS || !budget.take() {
            return;
        }
        self.cells.insert((row, column), text);
    }

    /// Repeats the text of each merged block's top-left cell down its first
    /// column.
    fn fill_merges(&mut self, budget: &mut Budget, merges: &[Dimensions]) {
        for merge in merges {
            let (top, column) = merge.start;
            let bottom = merge.end.0.min(top.saturating_add(MAX_MERGE_ROWS));
            let Some(text) = self.cells.get(&(top, column)).cloned() else {
                continue;
            };
            for row in top + 1..=bottom {
                if budget.take() {
                    self.cells.insert((row, column), text.clone());
                }
            }
        }
    }

    /// The rows that have content, each as its fields from column 0 to the
    /// sheet's last used column.
    fn rows(&self) -> Vec<Vec<&str>> {
        let width = self
            .cells
            .keys()
            .map(|(_, column)| *column as usize + 1)
            .max()
            .unwrap_or(0);
        let mut rows: Vec<Vec<&str>> = Vec::new();
        let mut current: Option<u32> = None;
        for ((row, column), text) in &self.cells {
            if current != Some(*row) {
                rows.push(vec![""; width]);
                current = Some(*row);
            }
            if let Some(field) = rows
                .last_mut()
                .and_then(|fields| fields.get_mut(*column as usize))
            {
                *field = text;
            }
        }
        rows
    }
}

/// A cell's text on one line: its lines joined by spaces, tabs made spaces.
fn cell_text(text: &str) -> String {
    let mut joined = String::new();
    for line in text.lines().map(str::trim).filter(|line| !line.is_empty()) {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(line);
    }
    joined.replace('\t', " ")
}

/// The text of a workbook held in memory.
pub(crate) fn decode_workbook(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    if is_zip {
        check_zip_sizes(bytes, "spreadsheet")?;
    }
    // An OpenDocument spreadsheet is scanned first: for its merged cells,
    // and to refuse repeated cells that would unfold into millions.
    let ods_merges = if is_zip && is_ods(bytes) {
        ods_spans::merges(bytes)?
    } else {
        BTreeMap::new()
    };
    if bytes.starts_with(&limits::OLE_SIGNATURE) {
        let xls = calamine::Xls::new(Cursor::new(bytes)).map_err(|error| broken(&error))?;
        let mut budget = Budget::default();
        let sheets = read_sheets(Sheets::Xls(xls), &BTreeMap::new(), &mut budget)?;
        return finish(&sheets, &budget);
    }
    let workbook = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|error| {
        let reason = error.to_string();
        if is_zip {
            LoadError::Broken {
                format: "spreadsheet",
                reason: short(&reason),
            }
        } else {
            LoadError::NotFormat {
                format: "spreadsheet",
                reason: "not an .xlsx, .xls, .xlsb or .ods workbook".into(),
            }
        }
    })?;
    let mut budget = Budget::default();
    let sheets = read_sheets(workbook, &ods_merges, &mut budget)?;
    finish(&sheets, &budget)
}

/// ODF packages start with their stored `mimetype` part.
fn is_ods(bytes: &[u8]) -> bool {
    let head = bytes.get(..200).unwrap_or(bytes);
    memchr::memmem::find(head, b"application/vnd.oasis.opendocument.spreadsheet").is_some()
}

/// Every sheet of a workbook, merged cells filled.
fn read_sheets(
    mut workbook: Sheets<Cursor<&[u8]>>,
    ods_merges: &BTreeMap<String, Vec<Dimensions>>,
    budget: &mut Budget,
) -> Result<Vec<Sheet>, LoadError> {
    let names = workbook.sheet_names();
    let mut sheets = Vec::new();
    for name in &names {
        let mut sheet = Sheet::new(name);
        let merges = match &mut workbook {
            Sheets::Xlsx(xlsx) => {
                read_xlsx_cells(xlsx, name, &mut sheet, budget)?;
                xlsx.merge_cells_by_sheet_name(name).unwrap_or_default()
            }
            other => {
                let range = other
                    .worksheet_range(name)
                    .map_err(|error| broken(&error))?;
                let (top, left) = range.start().unwrap_or((0, 0));
                for (row, column, value) in range.used_cells() {
                    let (row, column) = (top + row as u32, left + column as u32);
                    sheet.put(budget, row, column, &data_text(value));
                }
                match other {
                    Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(name).unwrap_or_default(),
                    _ => ods_merges.get(name).cloned().unwrap_or_default(),
                }
            }
        };
        sheet.fill_merges(budget, &merges);
        sheets.push(sheet);
    }
    Ok(sheets)
}

/// Streams an .xlsx sheet's cells, so a sheet whose used range is huge
/// costs only its filled cells.
fn read_xlsx_cells(
    xlsx: &mut calamine::Xlsx<Cursor<&[u8]>>,
    name: &str,
    sheet: &mut Sheet,
    budget: &mut Budget,
) -> Result<(), LoadError> {
    let mut reader = xlsx
        .worksheet_cells_reader(name)
        .map_err(|error| broken(&error))?;
    while let Some(cell) = reader.next_cell().map_err(|error| broken(&error))? {
        let (row, column) = cell.get_position();
        let value: Data = cell.get_value().clone().into();
        sheet.put(budget, row, column, &data_text(&value));
        if budget.cut {
            break;
        }
    }
    Ok(())
}

/// A cell value as text: numbers as written (1, not 1.0), dates as
/// 2024-12-31.
fn data_text(value: &Data) -> String {
    match value {
        Data::DateTime(date) if date.is_datetime() => {
            let (year, month, day, ..) = date.to_ymd_hms_milli();
            format!("{year}-{month:02}-{day:02}")
        }
        Data::Error(_) => String::new(),
        other => {
            if let Some(text) = other.get_string() {
                text.to_string()
            } else {
                other.to_string()
            }
        }
    }
}

fn broken(error: &impl std::fmt::Display) -> LoadError {
    LoadError::Broken {
        format: "spreadsheet",
        reason: short(&error.to_string()),
    }
}

/// An error message cut to one short line.
fn short(message: &str) -> String {
    let first = message.lines().next().unwrap_or_default();
    let mut text: String = first.chars().take(120).collect();
    if first.chars().count() > 120 {
        text.push('…');
    }
    text
}

/// The text of a .csv or .tsv file, in whatever encoding it is written.
pub(crate) fn decode_delimited(bytes: &[u8], delimiter: u8) -> Result<Decoded, LoadError> {
    let decoded = decode_text(bytes, None)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(decoded.text.as_bytes());
    let mut sheet = Sheet::new("");
    let mut budget = Budget::default();
    let mut record = csv::StringRecord::new();
    let mut row = 0u32;
    let mut notes = decoded.notes.clone();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(error) => {
                notes.push(format!(
                    "read up to a bad row: {}",
                    short(&error.to_string())
                ));
                break;
            }
        }
        for (column, field) in record.iter().enumerate() {
            let column = u32::try_from(column).unwrap_or(u32::MAX);
            sheet.put(&mut budget, row, column, field);
        }
        row = row.saturating_add(1);
        if budget.cut || row as usize >= MAX_RECORDS {
            budget.cut = true;
            break;
        }
    }
    let mut result = finish(&[sheet], &budget)?;
    notes.append(&mut result.notes);
    result.notes = notes;
    result.encoding = decoded.encoding;
    Ok(result)
}

/// The lines of all sheets: those with a task table header, or all of
/// them when none has one.
fn finish(sheets: &[Sheet], budget: &Budget) -> Result<Decoded, LoadError> {
    let mut planned = String::new();
    let mut plain = String::new();
    for sheet in sheets {
        let rows = sheet.rows();
        match rows.iter().position(|row| is_table_header(row)) {
            Some(header) => write_plan(&mut planned, &sheet.name, &rows, header),
            None => write_rows(&mut plain, &rows),
        }
    }
    let text = if planned.is_empty() { plain } else { planned };
    if text.trim().is_empty() {
        return Err(LoadError::NoText);
    }
    let mut notes = Vec::new();
    if budget.cut {
        notes.push(CELLS_CUT_NOTE.to_string());
    }
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        notes,
    })
}

/// One sheet's plan: its title rows as plain lines (or the sheet's name
/// when it has none), then the table.
fn write_plan(out: &mut String, name: &str, rows: &[Vec<&str>], header: usize) {
    if !out.is_empty() {
        out.push('\n');
    }
    let titles = rows.get(..header).unwrap_or_default();
    if titles.is_empty() && !name.trim().is_empty() && !is_default_sheet_name(name) {
        out.push_str(name.trim());
        out.push('\n');
    }
    for row in titles {
        let filled: Vec<&str> = row
            .iter()
            .copied()
            .filter(|cell| !cell.is_empty())
            .collect();
        out.push_str(&filled.join(" "));
        out.push('\n');
    }
    write_rows(out, rows.get(header..).unwrap_or_default());
}

/// Names spreadsheet programs give new sheets: Sheet1, 工作表1.
fn is_default_sheet_name(name: &str) -> bool {
    let stem = name.trim_end_matches(|c: char| c.is_ascii_digit());
    ["Sheet", "sheet", "工作表", "Tabelle", "Feuille"].contains(&stem)
}

fn write_rows(out: &mut String, rows: &[Vec<&str>]) {
    for row in rows {
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_title_header_and_rows() {
        let csv = "重点工作任务分解表,,,\n序号,重点任务,牵头单位,责任单位\n一、稳增长,,,\n1,推进项目,市发改委,\"市财政局\n市住建局\"\n";
        let decoded = decode_delimited(csv.as_bytes(), b',').map(|d| d.text);
        assert_eq!(
            decoded,
            Ok("重点工作任务分解表\n序号\t重点任务\t牵头单位\t责任单位\n一、稳增长\t\t\t\n1\t推进项目\t市发改委\t市财政局 市住建局\n".to_string())
        );
    }

    #[test]
    fn gbk_tsv_is_decoded() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("序号\t工作任务\t责任单位\n1\t推进\t市人社局\n");
        let decoded = decode_delimited(&bytes, b'\t').map(|d| (d.text, d.encoding));
        assert_eq!(
            decoded,
            Ok((
                "序号\t工作任务\t责任单位\n1\t推进\t市人社局\n".to_string(),
                "GB18030"
            ))
        );
    }

    #[test]
    fn a_million_empty_rows_cost_nothing() {
        let mut csv = "序号,工作任务,责任单位\n".to_string();
        csv.push_str(&",,\n".repeat(1_000_000));
        csv.push_str("1,推进,市人社局\n");
        let decoded = decode_delimited(csv.as_bytes(), b',').map(|d| d.text);
        assert_eq!(
            decoded,
            Ok("序号\t工作任务\t责任单位\n1\t推进\t市人社局\n".to_string())
        );
    }

    #[test]
    fn too_many_cells_are_cut_with_a_note() {
        let mut csv = "序号,工作任务,责任单位\n".to_string();
        for row in 0..400_000 {
            csv.push_str(&format!("{row},任务,单位\n"));
        }
        let decoded = decode_delimited(csv.as_bytes(), b',');
        let notes = decoded.map(|d| d.notes);
        assert_eq!(notes, Ok(vec![CELLS_CUT_NOTE.to_string()]));
    }

    #[test]
    fn merges_fill_down_their_first_column() {
        let mut sheet = Sheet::new("表");
        let mut budget = Budget::default();
        sheet.put(&mut budget, 0, 0, "1");
        sheet.put(&mut budget, 0, 1, "市文旅局");
        sheet.put(&mut budget, 1, 0, "2");
        sheet.fill_merges(
            &mut budget,
            &[Dimensions {
                start: (0, 1),
                end: (1, 2),
            }],
        );
        assert_eq!(
            sheet.rows(),
            vec![vec!["1", "市文旅局"], vec!["2", "市文旅局"]]
        );
    }

    #[test]
    fn bytes_that_are_no_workbook_are_named() {
        let error = decode_workbook(b"hello, not a workbook").map_err(|e| e.to_string());
        assert_eq!(
            error,
            Err("not a spreadsheet file (not an .xlsx, .xls, .xlsb or .ods workbook)".into())
        );
        assert_eq!(decode_workbook(b""), Err(LoadError::Empty));
    }
}
