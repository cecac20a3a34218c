//! Excel export: a sheet of tasks, one row per task under a bold, frozen
//! header with an autofilter, the long text columns wrapping; and a sheet of
//! departments × places (the compare view), its cells shaded by count.

use std::io::Write;

use rust_xlsxwriter::{
    Color, ConditionalFormat2ColorScale, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::{ExportView, JoinedCells};
use crate::compare::{Matrix, matrix};
use crate::store::{RoleFilter, Store, TaskId};

/// The tasks sheet's name.
const SHEET_NAME: &str = "任务";

/// The departments × places sheet's name.
const COMPARE_SHEET_NAME: &str = "部门×地区";

/// The compare sheet's column of documents whose place is unknown.
const UNKNOWN_PLACE: &str = "(地区未知)";

/// Width of the department column of the compare sheet.
const DEPARTMENT_WIDTH: f64 = 28.0;

/// Width of a place column of the compare sheet.
const PLACE_WIDTH: f64 = 10.0;

/// The colours of the lowest and highest count of the compare sheet.
const SHADES: (u32, u32) = (0xFF_FF_FF, 0x3A_7D_C9);

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
    let compared = matrix(store, &view.tasks, view.compare_role);
    write_compare(workbook.add_worksheet(), store, &compared, &header)?;
    Ok(workbook)
}

/// The compare sheet: a row per department, a column per place, the
/// total last; counts are numbers, shaded from white to blue.
fn write_compare(
    sheet: &mut Worksheet,
    store: &Store,
    compared: &Matrix,
    header: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name(COMPARE_SHEET_NAME)?;
    let corner = format!("部门({})", role_label(compared.role));
    sheet.write_string_with_format(0, 0, &corner, header)?;
    sheet.set_column_width(0, DEPARTMENT_WIDTH)?;
    let columns = u16::try_from(compared.places.len()).unwrap_or(u16::MAX - 2);
    for (column, &place) in (1u16..).zip(&compared.places) {
        let name = place.map_or(UNKNOWN_PLACE, |place| &store.places().get(place).name);
        sheet.write_string_with_format(0, column, name, header)?;
        sheet.set_column_width(column, PLACE_WIDTH)?;
    }
    let total_column = columns + 1;
    sheet.write_string_with_format(0, total_column, "合计", header)?;
    for (row, counts) in (1u32..).zip(&compared.rows) {
        let name = &store.departments().get(counts.dept).canonical;
        sheet.write_string(row, 0, name)?;
        for &(column, count) in &counts.cells {
            let column = u16::try_from(column + 1).unwrap_or(u16::MAX);
            sheet.write_number(row, column, count as f64)?;
        }
        sheet.write_number(row, total_column, counts.total as f64)?;
    }
    let last_row = u32::try_from(compared.rows.len()).unwrap_or(u32::MAX);
    if last_row > 0 && columns > 0 {
        let scale = ConditionalFormat2ColorScale::new()
            .set_minimum_color(SHADES.0)
            .set_maximum_color(SHADES.1);
        sheet.add_conditional_format(1, 1, last_row, columns, &scale)?;
    }
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// What the compare sheet counts, in Chinese.
fn role_label(role: RoleFilter) -> &'static str {
    match role {
        RoleFilter::Lead => "牵头任务数",
        RoleFilter::Responsible => "责任任务数",
        RoleFilter::Cooperating => "配合任务数",
        RoleFilter::Any => "任务数",
    }
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
