//! The compare view: departments × places as a table over the panes, the
//! cells shaded by count, the rows by total; the selected cell told in full
//! on the last line.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::list::PaneFrame;
use crate::compare::MatrixRow;
use crate::tui::app::{App, CompareCursor, Mode};
use crate::tui::text::{truncate, width};

/// The widest department column, in cells.
const MAX_NAME: usize = 24;

/// The widest place column, in cells (a gap included).
const MAX_COLUMN: usize = 11;

/// The narrowest place column, in cells (a gap included).
const MIN_COLUMN: usize = 5;

/// Rows above and below the table: its header, and the selected cell told
/// in full.
const CHROME_ROWS: usize = 2;

/// Draws the compare view over `area` when it is open; returns its cursor
/// scrolled so the selected cell shows.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Option<CompareCursor> {
    let Mode::Compare(mut cursor) = app.mode else {
        return None;
    };
    let rect = area;
    frame.render_widget(Clear, rect);
    let labels = app.lang.labels();
    let title = format!(
        "{} · {} · {}",
        labels.compare,
        labels.role(cursor.role),
        labels.close_hint
    );
    let block = PaneFrame {
        title,
        focused: true,
        theme: &app.theme,
        footer: None,
    }
    .block();
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let lines = table_lines(app, &mut cursor, inner);
    frame.render_widget(Paragraph::new(lines), inner);
    Some(cursor)
}

/// The table's lines for `area`, scrolled so the selected cell shows.
fn table_lines(app: &App, cursor: &mut CompareCursor, area: Rect) -> Vec<Line<'static>> {
    let labels = app.lang.labels();
    let theme = &app.theme;
    let store = app.store();
    let rows: Vec<&MatrixRow> = app.compare_rows();
    let Some(matrix) = app.view.compare.as_ref() else {
        return vec![Line::styled(labels.searching.to_string(), theme.dim)];
    };
    if rows.is_empty() || matrix.places.is_empty() {
        return vec![Line::raw(labels.nothing_to_compare.to_string())];
    }
    let cells = usize::from(area.width);
    let place_names: Vec<&str> = matrix
        .places
        .iter()
        .map(|&place| place.map_or(labels.unknown_city, |place| &store.places().get(place).name))
        .collect();
    let column = place_names
        .iter()
        .map(|name| width(name) + 1)
        .max()
        .unwrap_or(MIN_COLUMN)
        .clamp(MIN_COLUMN, MAX_COLUMN);
    let total_width =
        width(labels.total).max(digits(rows.iter().map(|row| row.total).max().unwrap_or(0))) + 1;
    let name_width = rows
        .iter()
        .map(|row| width(&store.departments().get(row.dept).canonical))
        .max()
        .unwrap_or(0)
        .clamp(4, MAX_NAME)
        .min(cells.saturating_sub(total_width + column));
    let fit = (cells.saturating_sub(name_width + total_width) / column).max(1);
    cursor.column_offset = scrolled(cursor.column_offset, cursor.column, fit);
    let height = usize::from(area.height).saturating_sub(CHROME_ROWS).max(1);
    cursor.row_offset = scrolled(cursor.row_offset, cursor.row, height);
    let shown_columns = cursor.column_offset..(cursor.column_offset + fit).min(place_names.len());

    let mut header = vec![Span::styled(
        pad_right(&truncate(labels.dept, name_width), name_width),
        theme.title,
    )];
    for index in shown_columns.clone() {
        let style = if index == cursor.column {
            theme.active
        } else {
            theme.title
        };
        let name = truncate(place_names[index], column - 1);
        header.push(Span::styled(pad_left(&name, column), style));
    }
    header.push(Span::styled(
        pad_left(labels.total, total_width),
        theme.title,
    ));
    let mut lines = vec![Line::from(header)];

    let max = matrix.max.max(1);
    for (index, row) in rows.iter().enumerate().skip(cursor.row_offset).take(height) {
        let name = &store.departments().get(row.dept).canonical;
        let name_style = if index == cursor.row {
            theme.active
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(
            pad_right(&truncate(name, name_width), name_width),
            name_style,
        )];
        for column_index in shown_columns.clone() {
            let count = row.cell(column_index);
            let text = if count == 0 {
                "·".to_string()
            } else {
                count.to_string()
            };
            let style = if index == cursor.row && column_index == cursor.column {
                theme.selected
            } else {
                shade(theme, count, max)
            };
            spans.push(Span::raw(" "));
            spans.push(Span::styled(pad_left(&text, column - 1), style));
        }
        spans.push(Span::styled(
            pad_left(&row.total.to_string(), total_width),
            theme.dim,
        ));
        lines.push(Line::from(spans));
    }
    while lines.len() < height + 1 {
        lines.push(Line::default());
    }
    if let (Some(row), Some(place)) = (rows.get(cursor.row), place_names.get(cursor.column)) {
        let told = format!(
            "{} · {}: {} ({})",
            store.departments().get(row.dept).canonical,
            place,
            row.cell(cursor.column),
            labels.role(cursor.role)
        );
        lines.push(Line::styled(truncate(&told, cells), theme.key));
    }
    lines
}

/// The style of a cell of `count` when the largest is `max`: four shades.
fn shade(theme: &crate::tui::theme::Theme, count: usize, max: usize) -> Style {
    if count == 0 {
        return theme.dim;
    }
    let level = (count * theme.shades.len())
        .div_ceil(max)
        .clamp(1, theme.shades.len());
    theme.shades[level - 1]
}

/// The first of `shown` items on screen so that `selected` is among them.
fn scrolled(offset: usize, selected: usize, shown: usize) -> usize {
    if selected < offset {
        selected
    } else if selected >= offset + shown {
        selected + 1 - shown
    } else {
        offset
    }
}

/// The number of digits of `number`.
fn digits(number: usize) -> usize {
    number.to_string().len()
}

/// `text` followed by spaces up to `cells`.
fn pad_right(text: &str, cells: usize) -> String {
    format!("{text}{}", " ".repeat(cells.saturating_sub(width(text))))
}

/// Spaces then `text`, `cells` in all.
fn pad_left(text: &str, cells: usize) -> String {
    format!("{}{text}", " ".repeat(cells.saturating_sub(width(text))))
}
