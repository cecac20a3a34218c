//! Excel export: one sheet, one row per task under a bold, frozen header
//! with an autofilter; the long text columns wrap.

use std::io::Write;

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{ExportView, JoinedCells};
use crate::store::{Store, TaskId};

/// The sheet's name.
const SHEET_NAME: &str = "任务";

/// The columns: header and width (in Excel character units; a Chinese
/// character takes about two).
const COLUMNS: [(&str, f64); 14] = [
    ("城市", 10.0),
    ("文件", 28.0),
    ("计划", 28.0),
    ("章节", 30.0),
    ("序号", 6.0),
    ("任务", 60.0),
    ("牵头单位", 22.0),
    ("责任单位", 28.0),
    ("配合单位", 28.0),
    ("审核状态", 10.0),
    ("备注", 36.0),
    ("审核人", 10.0),
    ("审核时间", 20.0),
    ("审核后已修改", 12.0),
];

/// The 序号 column, written as a number when the task number is one so that
/// it sorts numerically.
const NUMBER_COLUMN: u16 = 4;

/// Writes the tasks of `view` as an .xlsx workbook to `out`.
pub fn write(store: &Store, view: &ExportView, out: &mut dyn Write) -> std::io::Result<()> {
    let bytes = workbook(store, view)
        .and_then(|mut workbook| workbook.save_to_buffer())
        .map_err(|error| std::io::Error::other(format!("cannot build the Excel file: {error}")))?;
    out.write_all(&bytes)
}

fn workbook(store: &Store, view: &ExportView) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    let header = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_background_color(Color::RGB(0xDD_EB_F7))
        .set_border_bottom(FormatBorder::Thin);
    let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    for (column, (title, width)) in (0u16..).zip(COLUMNS) {
        sheet.write_string_with_format(0, column, title, &header)?;
        sheet.set_column_width(column, width)?;
    }
    let mut last_row = 0;
    for (row, &id) in (1u32..).zip(&view.tasks) {
        write_task(sheet, row, store, view, id, &cell)?;
        last_row = row;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_column = u16::try_from(COLUMNS.len() - 1).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, last_row, last_column)?;
    Ok(workbook)
}

fn write_task(
    sheet: &mut Worksheet,
    row: u32,
    store: &Store,
    view: &ExportView,
    id: TaskId,
    cell: &Format,
) -> Result<(), XlsxError> {
    let task = store.task(id);
    let document = store.document(task.document);
    let cells = JoinedCells::of(store, task);
    let mark = view.mark(id);
    let reviewed_at = mark.map(|mark| mark.updated_iso()).unwrap_or_default();
    let texts = [
        document.meta.city.as_deref().unwrap_or_default(),
        &document.source,
        store.plan_of(task).unwrap_or_default(),
        &cells.section,
        task.number.as_deref().unwrap_or_default(),
        store.text_of(task),
        &cells.lead,
        &cells.responsible,
        &cells.cooperating,
        mark.map_or("", |mark| mark.status.label_zh()),
        mark.and_then(|mark| mark.note.as_deref())
            .unwrap_or_default(),
        mark.map_or("", |mark| &mark.reviewer),
        &reviewed_at,
        if view.changed(id) { "是" } else { "" },
    ];
    for (column, text) in (0u16..).zip(texts) {
        match text.parse::<u32>() {
            Ok(number) if column == NUMBER_COLUMN => {
                sheet.write_number_with_format(row, column, number, cell)?;
            }
            _ if text.is_empty() => {
                sheet.write_blank(row, column, cell)?;
            }
            _ => {
                sheet.write_string_with_format(row, column, text, cell)?;
            }
        }
    }
    Ok(())
}
