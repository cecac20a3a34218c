//! Excel export: a sheet of tasks, one row per task under a bold, frozen
//! header with an autofilter; the long text columns wrap, an inferred lead
//! is in grey italics. And a sheet of departments × places (the compare
//! view), its cells shaded by count. The sheet is written row by row in rust_xlsxwriter's
//! constant-memory mode (rows go to a temporary file, not to memory), and
//! the workbook is assembled in a temporary file before it is copied out,
//! so a large export takes no more memory than a small one. A text longer
//! than a cell holds (32,767 characters) is cut, with a mark saying so, and
//! reported.

use std::borrow::Cow;
use std::io::{Seek, Write};

use rust_xlsxwriter::{
    Color, ConditionalFormat2ColorScale, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

use super::columns::{Column, SHEET_COLUMNS, TaskCells};
use super::{Cut, ExportView, MAX_CELL_CHARS};
use crate::compare::{Matrix, matrix};
use crate::store::{RoleFilter, Store, TaskId};
use crate::tui::i18n::Lang;

/// Width of the department column of the compare sheet.
const DEPARTMENT_WIDTH: f64 = 28.0;

/// Width of a place column of the compare sheet.
const PLACE_WIDTH: f64 = 10.0;

/// The colours of the lowest and highest count of the compare sheet.
const SHADES: (u32, u32) = (0xFF_FF_FF, 0x3A_7D_C9);

/// The formats of the sheet's cells.
struct Formats {
    header: Format,
    cell: Format,
    inferred: Format,
}

impl Formats {
    fn new() -> Self {
        let cell = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Self {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xDD_EB_F7))
                .set_border_bottom(FormatBorder::Thin),
            inferred: cell.clone().set_italic().set_font_color(Color::Gray),
            cell,
        }
    }
}

/// Writes the tasks of `view` as an .xlsx workbook to `out`, headers in
/// `lang`; returns the cells that had to be cut.
pub fn write(
    store: &Store,
    view: &ExportView,
    lang: Lang,
    out: &mut dyn Write,
) -> std::io::Result<Vec<Cut>> {
    let failed =
        |error: XlsxError| std::io::Error::other(format!("cannot build the Excel file: {error}"));
    let mut workbook = Workbook::new();
    let cut = fill(&mut workbook, store, view, lang).map_err(failed)?;
    let mut assembled = tempfile::tempfile()?;
    workbook.save_to_writer(&mut assembled).map_err(failed)?;
    assembled.rewind()?;
    std::io::copy(&mut assembled, out)?;
    Ok(cut)
}

fn fill(
    workbook: &mut Workbook,
    store: &Store,
    view: &ExportView,
    lang: Lang,
) -> Result<Vec<Cut>, XlsxError> {
    let sheet = workbook.add_worksheet_with_constant_memory()?;
    sheet.set_name(lang.pick("Tasks", "任务"))?;
    let formats = Formats::new();
    for (column, (field, width)) in (0u16..).zip(SHEET_COLUMNS) {
        sheet.set_column_width(column, width)?;
        sheet.write_string_with_format(0, column, field.sheet_header(lang), &formats.header)?;
    }
    let mut cut = Vec::new();
    let mut last_row = 0;
    for (row, &id) in (1u32..).zip(&view.tasks) {
        write_task(sheet, row, store, view, id, lang, &formats, &mut cut)?;
        last_row = row;
    }
    sheet.set_freeze_panes(1, 0)?;
    let last_column = u16::try_from(SHEET_COLUMNS.len() - 1).unwrap_or(u16::MAX);
    sheet.autofilter(0, 0, last_row, last_column)?;
    let compared = matrix(store, &view.tasks, view.compare_role);
    write_compare(
        workbook.add_worksheet(),
        store,
        &compared,
        &formats.header,
        lang,
    )?;
    Ok(cut)
}

/// The compare sheet: a row per department, a column per place, the
/// total last; counts are numbers, shaded from white to blue.
fn write_compare(
    sheet: &mut Worksheet,
    store: &Store,
    compared: &Matrix,
    header: &Format,
    lang: Lang,
) -> Result<(), XlsxError> {
    sheet.set_name(lang.pick("Departments × places", "部门×地区"))?;
    let corner = lang.pick(
        format!("Department ({})", role_label(compared.role, lang)),
        format!("部门({})", role_label(compared.role, lang)),
    );
    sheet.write_string_with_format(0, 0, &corner, header)?;
    sheet.set_column_width(0, DEPARTMENT_WIDTH)?;
    let columns = u16::try_from(compared.places.len()).unwrap_or(u16::MAX - 2);
    let unknown = lang.labels().unknown_city;
    for (column, &place) in (1u16..).zip(&compared.places) {
        let name = place.map_or(unknown, |place| &store.places().get(place).name);
        sheet.write_string_with_format(0, column, name, header)?;
        sheet.set_column_width(column, PLACE_WIDTH)?;
    }
    let total_column = columns + 1;
    sheet.write_string_with_format(0, total_column, lang.labels().total, header)?;
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

/// What the compare sheet counts.
fn role_label(role: RoleFilter, lang: Lang) -> &'static str {
    match role {
        RoleFilter::Lead => lang.pick("tasks led", "牵头任务数"),
        RoleFilter::Responsible => lang.pick("tasks responsible for", "责任任务数"),
        RoleFilter::Cooperating => lang.pick("tasks cooperating on", "配合任务数"),
        RoleFilter::Any => lang.pick("tasks", "任务数"),
    }
}

#[allow(clippy::too_many_arguments)]
fn write_task(
    sheet: &mut Worksheet,
    row: u32,
    store: &Store,
    view: &ExportView,
    id: TaskId,
    lang: Lang,
    formats: &Formats,
    cut: &mut Vec<Cut>,
) -> Result<(), XlsxError> {
    let cells = TaskCells::new(store, view, id, lang);
    for (column, (field, _)) in (0u16..).zip(SHEET_COLUMNS) {
        let text = cells.cell(field);
        let format = if field == Column::Lead && cells.lead_inferred() {
            &formats.inferred
        } else {
            &formats.cell
        };
        match text.parse::<u32>() {
            Ok(number) if field == Column::Number => {
                sheet.write_number_with_format(row, column, number, format)?;
            }
            _ if text.is_empty() => {
                sheet.write_blank(row, column, format)?;
            }
            _ => {
                let (fitted, was_cut) = fit_cell(&text, lang);
                if was_cut {
                    cut.push(Cut {
                        task: id,
                        column: field.sheet_header(lang),
                        chars: text.chars().count(),
                    });
                }
                sheet.write_string_with_format(row, column, fitted.as_ref(), format)?;
            }
        }
    }
    Ok(())
}

/// `text` as it fits a cell: whole, or cut at a character with a mark
/// saying it was cut. Excel counts UTF-16 units; true when cut.
fn fit_cell(text: &str, lang: Lang) -> (Cow<'_, str>, bool) {
    let units: usize = text.chars().map(char::len_utf16).sum();
    if units <= MAX_CELL_CHARS {
        return (Cow::Borrowed(text), false);
    }
    let total = text.chars().count();
    let mark = lang.pick(
        format!("…[cut: {total} characters in all]"),
        format!("…[已截断,全文共 {total} 字]"),
    );
    let room = MAX_CELL_CHARS - mark.chars().map(char::len_utf16).sum::<usize>();
    let mut kept = String::with_capacity(room * 3);
    let mut used = 0;
    for c in text.chars() {
        if used + c.len_utf16() > room {
            break;
        }
        used += c.len_utf16();
        kept.push(c);
    }
    kept.push_str(&mark);
    (Cow::Owned(kept), true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_to_the_cell_limit_with_a_mark() {
        let long = "开".repeat(40_000);
        let (fitted, cut) = fit_cell(&long, Lang::Zh);
        assert!(cut);
        assert_eq!(
            fitted.chars().map(char::len_utf16).sum::<usize>(),
            MAX_CELL_CHARS
        );
        assert!(fitted.ends_with("…[已截断,全文共 40000 字]"));
        let wide = "𠀀".repeat(20_000);
        let (fitted, cut) = fit_cell(&wide, Lang::En);
        assert!(cut);
        assert!(fitted.chars().map(char::len_utf16).sum::<usize>() <= MAX_CELL_CHARS);
        assert_eq!(fit_cell("短", Lang::En), (Cow::Borrowed("短"), false));
    }
}
