//! Tables from web pages and .docx files, written out as one line per row
//! with `\t` between cells. Merged cells keep the columns aligned: a cell
//! spanning columns is followed by empty fields, and a cell spanning rows
//! repeats its text in the rows below (task tables merge the 牵头单位 cell
//! over several tasks).

/// No table is wider than this many columns; wider spans are cut.
const MAX_COLUMNS: usize = 1000;

/// No cell spans more rows than this (the HTML limit).
const MAX_ROW_SPAN: usize = 65_534;

/// Tables nested deeper than this are read as part of the cell holding
/// them; it keeps hostile nesting from costing quadratic time.
pub(crate) const MAX_TABLE_DEPTH: usize = 16;

/// One cell as read from the document.
#[derive(Debug, Default)]
pub(crate) struct Cell {
    /// The cell's lines (paragraphs, or rows of a nested table).
    pub lines: Vec<String>,
    /// How many columns it covers.
    pub column_span: usize,
    /// How many rows it covers (HTML `rowspan`; later rows leave it out).
    pub row_span: usize,
    /// It continues the cell above (Word `vMerge`; later rows include it).
    pub continues_above: bool,
    /// It holds a nested table.
    pub has_table: bool,
}

impl Cell {
    /// An empty cell covering one column and one row.
    pub fn new() -> Cell {
        Cell {
            column_span: 1,
            row_span: 1,
            ..Cell::default()
        }
    }

    /// Sets the column span, kept between 1 and [`MAX_COLUMNS`].
    pub fn set_column_span(&mut self, span: usize) {
        self.column_span = span.clamp(1, MAX_COLUMNS);
    }

    /// Sets the row span, kept between 1 and [`MAX_ROW_SPAN`].
    pub fn set_row_span(&mut self, span: usize) {
        self.row_span = span.clamp(1, MAX_ROW_SPAN);
    }

    /// The cell's text on one line: its lines joined by spaces, tabs made
    /// spaces so they cannot shift the columns.
    fn joined(&self) -> String {
        let mut text = String::new();
        for line in self
            .lines
            .iter()
            .map(|line| line.trim())
            .filter(|line| !line.is_empty())
        {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(line);
        }
        text.replace('\t', " ")
    }
}

/// A table being read: rows of cells.
#[derive(Debug, Default)]
pub(crate) struct Table {
    /// Rows in document order.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The table as lines of text. A layout table (one column, or holding
    /// other tables) gives its cells' lines as they are; a data table gives
    /// one `\t`-separated line per row.
    pub fn into_lines(self) -> Vec<String> {
        if self.is_layout() {
            self.layout_lines()
        } else {
            self.row_lines()
        }
    }

    /// One-column tables and tables holding tables only arrange content.
    fn is_layout(&self) -> bool {
        let cells = || self.rows.iter().flatten();
        cells().any(|cell| cell.has_table) || self.rows.iter().all(|row| row_width(row) <= 1)
    }

    /// Each cell's lines in reading order, skipping continuation cells.
    fn layout_lines(self) -> Vec<String> {
        self.rows
            .into_iter()
            .flatten()
            .filter(|cell| !cell.continues_above)
            .flat_map(|cell| cell.lines)
            .filter(|line| !line.trim().is_empty())
            .collect()
    }

    /// One line per row, merged cells resolved.
    fn row_lines(self) -> Vec<String> {
        let mut grid = Grid::default();
        self.rows
            .iter()
            .map(|row| grid.place_row(row).join("\t"))
            .filter(|line| !line.trim().is_empty())
            .collect()
    }
}

/// How many columns a row covers.
fn row_width(row: &[Cell]) -> usize {
    row.iter().map(|cell| cell.column_span).sum()
}

/// Places rows on a grid of columns, remembering what spans down.
#[derive(Debug, Default)]
struct Grid {
    /// Per column: rows still covered by a cell from above, and its text.
    carried: Vec<Option<(usize, String)>>,
    /// Per column: the text placed there in the previous row.
    above: Vec<String>,
}

impl Grid {
    /// The fields of one row, cells from above filled in.
    fn place_row(&mut self, row: &[Cell]) -> Vec<String> {
        let mut fields: Vec<String> = Vec::new();
        for cell in row {
            self.fill_carried(&mut fields);
            if fields.len() >= MAX_COLUMNS {
                break;
            }
            self.place_cell(cell, &mut fields);
        }
        self.fill_trailing(&mut fields);
        self.above = fields.clone();
        fields
    }

    /// Appends the fields of cells spanning down into the next columns.
    fn fill_carried(&mut self, fields: &mut Vec<String>) {
        while let Some(text) = self.take_carried(fields.len()) {
            fields.push(text);
        }
    }

    /// After the row's own cells, fills columns still covered from above
    /// (and the gaps before them with empty fields).
    fn fill_trailing(&mut self, fields: &mut Vec<String>) {
        let last_carried = self.carried.iter().rposition(Option::is_some);
        let Some(last) = last_carried else { return };
        while fields.len() <= last {
            let text = self.take_carried(fields.len()).unwrap_or_default();
            fields.push(text);
        }
    }

    /// Text carried into `column` from a cell above, counting the row off.
    fn take_carried(&mut self, column: usize) -> Option<String> {
        let slot = self.carried.get_mut(column)?;
        let (remaining, text) = slot.as_mut()?;
        let result = text.clone();
        *remaining -= 1;
        if *remaining == 0 {
            *slot = None;
        }
        Some(result)
    }

    /// Appends a cell's fields and remembers it if it spans down.
    fn place_cell(&mut self, cell: &Cell, fields: &mut Vec<String>) {
        let column = fields.len();
        let text = if cell.continues_above {
            self.above.get(column).cloned().unwrap_or_default()
        } else {
            cell.joined()
        };
        let span = cell.column_span.min(MAX_COLUMNS.saturating_sub(column));
        for offset in 0..span {
            let field = if offset == 0 {
                text.clone()
            } else {
                String::new()
            };
            if cell.row_span > 1 {
                self.carry(column + offset, cell.row_span - 1, field.clone());
            }
            fields.push(field);
        }
    }

    /// Remembers that `column` is covered for `rows` more rows by `text`.
    fn carry(&mut self, column: usize, rows: usize, text: String) {
        if self.carried.len() <= column {
            self.carried.resize(column + 1, None);
        }
        if let Some(slot) = self.carried.get_mut(column) {
            *slot = Some((rows, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Cell {
        Cell {
            lines: vec![text.to_string()],
            ..Cell::new()
        }
    }

    fn spanning(text: &str, columns: usize, rows: usize) -> Cell {
        let mut cell = cell(text);
        cell.set_column_span(columns);
        cell.set_row_span(rows);
        cell
    }

    #[test]
    fn rows_become_tab_separated_lines() {
        let table = Table {
            rows: vec![
                vec![cell("序号"), cell("任务"), cell("牵头单位")],
                vec![cell("1"), cell(""), cell("市发改委")],
            ],
        };
        assert_eq!(
            table.into_lines(),
            vec!["序号\t任务\t牵头单位", "1\t\t市发改委"]
        );
    }

    #[test]
    fn column_span_adds_empty_fields() {
        let table = Table {
            rows: vec![
                vec![spanning("一、总体要求", 3, 1)],
                vec![cell("1"), cell("任务"), cell("单位")],
            ],
        };
        assert_eq!(
            table.into_lines(),
            vec!["一、总体要求\t\t", "1\t任务\t单位"]
        );
    }

    #[test]
    fn row_span_repeats_text_below() {
        let table = Table {
            rows: vec![
                vec![cell("1"), cell("甲"), spanning("市发改委", 1, 3)],
                vec![cell("2"), cell("乙")],
                vec![cell("3"), cell("丙")],
                vec![cell("4"), cell("丁"), cell("市财政局")],
            ],
        };
        assert_eq!(
            table.into_lines(),
            vec![
                "1\t甲\t市发改委",
                "2\t乙\t市发改委",
                "3\t丙\t市发改委",
                "4\t丁\t市财政局"
            ]
        );
    }

    #[test]
    fn row_span_in_the_middle_shifts_later_cells() {
        let table = Table {
            rows: vec![
                vec![cell("a"), spanning("B", 1, 2), cell("c")],
                vec![cell("d"), cell("f")],
            ],
        };
        assert_eq!(table.into_lines(), vec!["a\tB\tc", "d\tB\tf"]);
    }

    #[test]
    fn continued_cells_repeat_the_text_above() {
        let continuation = Cell {
            continues_above: true,
            ..Cell::new()
        };
        let table = Table {
            rows: vec![
                vec![cell("1"), cell("市文旅局")],
                vec![cell("2"), continuation],
            ],
        };
        assert_eq!(table.into_lines(), vec!["1\t市文旅局", "2\t市文旅局"]);
    }

    #[test]
    fn cell_lines_and_tabs_become_spaces() {
        let multi = Cell {
            lines: vec!["第一段".into(), " ".into(), "a\tb".into()],
            ..Cell::new()
        };
        let table = Table {
            rows: vec![vec![cell("1"), multi]],
        };
        assert_eq!(table.into_lines(), vec!["1\t第一段 a b"]);
    }

    #[test]
    fn one_column_and_nested_tables_keep_their_lines() {
        let one_column = Table {
            rows: vec![vec![Cell {
                lines: vec!["标题".into(), "正文".into()],
                ..Cell::new()
            }]],
        };
        assert_eq!(one_column.into_lines(), vec!["标题", "正文"]);
        let layout = Table {
            rows: vec![vec![
                cell("左"),
                Cell {
                    lines: vec!["1\t任务".into()],
                    has_table: true,
                    ..Cell::new()
                },
            ]],
        };
        assert_eq!(layout.into_lines(), vec!["左", "1\t任务"]);
    }

    #[test]
    fn huge_spans_are_bounded() {
        let table = Table {
            rows: vec![vec![
                spanning("x", usize::MAX, usize::MAX),
                spanning("y", 5000, 1),
            ]],
        };
        let lines = table.into_lines();
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].matches('\t').count(), MAX_COLUMNS - 1);
    }
}
