//! Tables drawn with ruling lines: the horizontal rules cut the table into
//! rows and the vertical rules crossing a row cut it into cells, so a cell
//! whose text wraps onto several lines still gives one field of one row.
//! A cell spanning columns (no rule crosses it) is followed by empty fields,
//! as merged cells are written elsewhere.

use super::{Line, PlacedGlyph};

/// A ruling line on a page, in page space.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rule {
    /// True for a horizontal rule (at `position` = y), else vertical (x).
    pub horizontal: bool,
    pub position: f32,
    pub from: f32,
    pub to: f32,
}

/// Rules closer than this (in page units) are one rule.
const SAME_RULE: f32 = 1.5;

/// A rule reaches a point when it ends within this distance of it.
const REACH: f32 = 2.0;

/// Room left between a cell's text and its rules, in page units.
const CELL_PADDING: f32 = 3.0;

/// A table has at most this many rows and columns read; a page ruled more
/// finely than that is read as plain lines.
const MAX_BANDS: usize = 2000;

/// Takes the glyphs inside the page's ruled table out of `glyphs` and gives
/// its rows as lines (one field per cell).
pub(super) fn take_table_rows(glyphs: &mut Vec<PlacedGlyph>, rules: &[Rule]) -> Vec<Line> {
    let mut rows_at = positions(rules.iter().filter(|rule| rule.horizontal));
    let columns_at = positions(rules.iter().filter(|rule| !rule.horizontal));
    // Two rows and two columns at least: a frame around the page is no table.
    if rows_at.len() < 3
        || columns_at.len() < 3
        || rows_at.len() > MAX_BANDS
        || columns_at.len() > MAX_BANDS
    {
        return Vec::new();
    }
    rows_at.sort_by(|a, b| b.total_cmp(a));
    let (left, right) = (columns_at[0], columns_at[columns_at.len() - 1]);
    let (top, bottom) = (rows_at[0], rows_at[rows_at.len() - 1]);
    let inside = |glyph: &PlacedGlyph| {
        let middle_x = glyph.x + glyph.width / 2.0;
        let middle_y = glyph.y + glyph.size * 0.3;
        middle_x > left && middle_x < right && middle_y < top && middle_y > bottom
    };
    let (table, rest): (Vec<PlacedGlyph>, Vec<PlacedGlyph>) = glyphs.drain(..).partition(inside);
    *glyphs = rest;
    if table.is_empty() {
        return Vec::new();
    }
    let mut cells: Vec<Vec<Vec<PlacedGlyph>>> = Vec::new();
    let mut separators: Vec<Vec<usize>> = Vec::new();
    for band in rows_at.windows(2) {
        let (upper, lower) = (band[0], band[1]);
        let middle = (upper + lower) / 2.0;
        // The column rules crossing this row, as indexes into `columns_at`.
        let crossing: Vec<usize> = columns_at
            .iter()
            .enumerate()
            .filter(|(_, x)| {
                rules.iter().any(|rule| {
                    !rule.horizontal
                        && (rule.position - **x).abs() <= SAME_RULE
                        && rule.from - REACH <= middle
                        && rule.to + REACH >= middle
                })
            })
            .map(|(index, _)| index)
            .collect();
        cells.push(vec![Vec::new(); crossing.len().saturating_sub(1)]);
        separators.push(crossing);
    }
    for glyph in table {
        let middle_y = glyph.y + glyph.size * 0.3;
        let Some(row) = rows_at
            .windows(2)
            .position(|band| middle_y <= band[0] && middle_y > band[1])
        else {
            continue;
        };
        let middle_x = glyph.x + glyph.width / 2.0;
        let cell = separators[row]
            .windows(2)
            .position(|pair| middle_x > columns_at[pair[0]] && middle_x <= columns_at[pair[1]]);
        if let Some(cell) = cell {
            cells[row][cell].push(glyph);
        }
    }
    let texts = merged_texts(cells, &separators, &rows_at, &columns_at, rules);
    let mut lines = Vec::new();
    for (row, (row_texts, size)) in texts.into_iter().enumerate() {
        let mut fields: Vec<String> = Vec::new();
        for (index, text) in row_texts.into_iter().enumerate() {
            fields.push(text);
            let spanned = separators[row][index + 1] - separators[row][index];
            fields.extend(std::iter::repeat_n(String::new(), spanned - 1));
        }
        if fields.iter().all(|field| field.is_empty()) {
            continue;
        }
        lines.push(Line {
            text: fields.join("\t"),
            left,
            right,
            y: rows_at[row] - size,
            size: size.max(1.0),
            is_row: true,
            starts_page: false,
        });
    }
    lines
}

/// A cell still open downwards: its left and right column rules, the rows
/// it covers so far and its glyphs.
type OpenCell = ((usize, usize), Vec<usize>, Vec<PlacedGlyph>);

/// Each row's cell texts and font size. A cell with no horizontal rule
/// below it is merged with the cell under it (a lead unit shared by several
/// tasks): the merged cell's text is given in each of its rows.
fn merged_texts(
    cells: Vec<Vec<Vec<PlacedGlyph>>>,
    separators: &[Vec<usize>],
    rows_at: &[f32],
    columns_at: &[f32],
    rules: &[Rule],
) -> Vec<(Vec<String>, f32)> {
    let ruled_below = |row: usize, from: f32, to: f32| {
        let y = rows_at[row + 1];
        let middle = (from + to) / 2.0;
        rules.iter().any(|rule| {
            rule.horizontal
                && (rule.position - y).abs() <= SAME_RULE
                && rule.from - REACH <= middle
                && rule.to + REACH >= middle
        })
    };
    let mut texts: Vec<(Vec<String>, f32)> = Vec::new();
    // Per (left, right) separator pair: the rows of the merged cell so far.
    let mut open: Vec<OpenCell> = Vec::new();
    for (row, row_cells) in cells.into_iter().enumerate() {
        let mut size = 0.0f32;
        let mut row_texts = vec![String::new(); row_cells.len()];
        for (index, glyphs) in row_cells.into_iter().enumerate() {
            size = size.max(glyphs.iter().map(|glyph| glyph.size).fold(0.0, f32::max));
            let key = (separators[row][index], separators[row][index + 1]);
            let (from, to) = (columns_at[key.0], columns_at[key.1]);
            let slot = match open.iter().position(|(open_key, _, _)| *open_key == key) {
                Some(slot) => slot,
                None => {
                    open.push((key, Vec::new(), Vec::new()));
                    open.len() - 1
                }
            };
            open[slot].1.push(row);
            open[slot].2.extend(glyphs);
            let last_row = row + 2 >= rows_at.len();
            if last_row || ruled_below(row, from, to) {
                let (_, rows, glyphs) = open.swap_remove(slot);
                let text = cell_text(glyphs, to);
                for merged_row in rows {
                    if merged_row == row {
                        row_texts[index] = text.clone();
                    } else if let Some((earlier, _)) = texts.get_mut(merged_row) {
                        let position = separators[merged_row]
                            .windows(2)
                            .position(|pair| (pair[0], pair[1]) == key);
                        if let Some(field) = position.and_then(|at| earlier.get_mut(at)) {
                            *field = text.clone();
                        }
                    }
                }
            }
        }
        texts.push((row_texts, size));
    }
    texts
}

/// The distinct positions of rules, in increasing order.
fn positions<'a>(rules: impl Iterator<Item = &'a Rule>) -> Vec<f32> {
    let mut values: Vec<f32> = rules.map(|rule| rule.position).collect();
    values.sort_by(f32::total_cmp);
    values.dedup_by(|later, earlier| (*later - *earlier).abs() <= SAME_RULE);
    values
}

/// A cell's text: its lines top to bottom, a line that reaches the cell's
/// right edge joined to the next (a wrapped line), others separated by a
/// space (the parser splits units on spaces).
fn cell_text(glyphs: Vec<PlacedGlyph>, cell_right: f32) -> String {
    let lines = super::page_lines(glyphs);
    let mut text = String::new();
    let mut wrapped = false;
    for line in &lines {
        if !text.is_empty() && !wrapped {
            text.push(' ');
        }
        text.push_str(&line.text.replace('\t', " "));
        // A wrapped line ends within a character (and the cell padding) of
        // the cell's right rule.
        wrapped = line.right >= cell_right - 1.0 * line.size - CELL_PADDING;
    }
    text
}
