//! Tables flattened into text by a copy from a web page or a Word file,
//! read back as rows of cells:
//! - one row a line, cells between `|`: `1 | 推动… | 毛晓青 | 县教体局 |`;
//! - one cell a line, `|` lines between cells (`序号` / `|` / `项目` / `|`…),
//!   `||||` standing for empty cells, or `| ` opening each cell after the
//!   first with a lone `|` ending the row;
//! - one cell a paragraph, under a header written the same way
//!   (`序号` / `2022年预期目标` / `责任单位`), rows starting at their number.
//!
//! A cell may run over several lines (a name broken one or two characters a
//! line, several units one a line); its lines stay apart for the table
//! reader to join.

use super::table::{Cell, header, header_cell, is_header_text};
use crate::cjk::char_count;
use crate::lexicon::Column;

/// One line of the document, trimmed, with its 1-based number.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub number: u32,
    pub text: &'a str,
}

/// What the lines of a document are, tables read back.
#[derive(Debug, Clone)]
pub enum Item<'a> {
    /// An ordinary line.
    Line(Source<'a>),
    /// A table row, with the number of its first line; `placed` the
    /// column of each cell when the reader knows it; `cut` when the text
    /// ends inside it.
    Row {
        number: u32,
        cells: Vec<Cell<'a>>,
        placed: Option<Vec<usize>>,
        cut: bool,
    },
}

/// A line of at most this many characters is a piece of a cell broken over
/// lines, however many such lines there are.
const FRAGMENT_CHARS: usize = 2;

/// The most lines of a table written one cell a line between two `|` lines.
const MAX_LINES_BETWEEN_PIPES: usize = 3;

/// Reads the tables flattened into `lines`.
pub fn recover<'a>(lines: &[Source<'a>]) -> Vec<Item<'a>> {
    let mut items = Vec::with_capacity(lines.len());
    let mut index = 0;
    while index < lines.len() {
        let text = lines[index].text;
        if text.is_empty() || is_rule_row(text) || super::noise::is_always_chrome(text) {
            items.push(Item::Line(lines[index]));
            index += 1;
        } else if let Some((rows, next)) = leading_pipe_cells(lines, index)
            .or_else(|| {
                opens_closed_cells(lines, index)
                    .then(|| pipe_cells(lines, index))
                    .flatten()
            })
            .or_else(|| super::stream::numbered_table(lines, index))
            .or_else(|| pipe_cells(lines, index))
        {
            items.extend(rows);
            index = next;
        } else if let Some((rows, next)) = paragraph_cells(lines, index) {
            items.extend(rows);
            index = next;
        } else if let Some(cells) = pipe_row(lines[index].text) {
            // A row of a table closes with `|`: the last line of the text
            // without it was cut.
            let last = lines[index + 1..].iter().all(|line| line.text.is_empty());
            items.push(Item::Row {
                number: lines[index].number,
                cells,
                placed: None,
                cut: last && !lines[index].text.ends_with('|'),
            });
            index += 1;
        } else {
            items.push(Item::Line(lines[index]));
            index += 1;
        }
    }
    items
}

/// The cells of a row written on one line between `|`, when it has at least
/// three of them.
fn pipe_row(text: &str) -> Option<Vec<Cell<'_>>> {
    if text.matches('|').count() < 2 || is_pipes(text) {
        return None;
    }
    let mut cells: Vec<&str> = text.split('|').map(str::trim).collect();
    // Empty cells at the end stand for cells merged down from the row above.
    while cells.len() > 1 && cells.last().is_some_and(|cell| cell.is_empty()) {
        cells.pop();
    }
    if cells.first().is_some_and(|cell| cell.is_empty()) {
        cells.remove(0);
    }
    (cells.len() >= 2).then(|| cells.into_iter().map(|cell| vec![cell]).collect())
}

/// True for the rule under a header of a table written in Markdown
/// (`| --- | :---: |`): bars, dashes and colons only.
fn is_rule_row(text: &str) -> bool {
    text.contains('-')
        && text
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '—' | '='))
}

/// True for a line of nothing but `|`.
fn is_pipes(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c == '|')
}

/// True for a line that is part of a table written one cell a line.
fn is_pipe_line(text: &str) -> bool {
    is_pipes(text) || text.starts_with("| ") || text.ends_with(" |")
}

/// A table whose cells after the first of a row open with `| `, starting at
/// `start`.
fn leading_pipe_cells<'a>(lines: &[Source<'a>], start: usize) -> Option<(Vec<Item<'a>>, usize)> {
    let next = lines.get(start + 1)?.text;
    next.starts_with("| ")
        .then(|| pipe_cells(lines, start))
        .flatten()
}

/// A table written one cell a line, starting at `start`: its rows and the
/// index of the first line after it.
fn pipe_cells<'a>(lines: &[Source<'a>], start: usize) -> Option<(Vec<Item<'a>>, usize)> {
    let text = lines[start].text;
    let closed_cells = opens_closed_cells(lines, start);
    if text.is_empty() || is_pipe_line(text) && !closed_cells {
        return None;
    }
    let next = lines.get(start + 1)?.text;
    if !closed_cells && (!is_pipe_line(next) || next.matches('|').count() > 1 && !is_pipes(next)) {
        return None;
    }
    let end = region_end(lines, start);
    let leading = lines[start..end]
        .iter()
        .any(|line| line.text.starts_with("| "));
    let rows = if leading {
        leading_pipe_rows(&lines[start..end])
    } else {
        trailing_pipe_rows(&lines[start..end])?
    };
    let has_header = rows.iter().any(|item| match item {
        Item::Row { cells, .. } => header(cells).is_some(),
        Item::Line(_) => false,
    });
    has_header.then_some((rows, end))
}

/// True when a table written one cell a line, each closed by its bar,
/// starts at `start` (`主要任务 |` then `重点工作和要求 |`).
/// Rows ended by a lone bar after their last cell are not such a table:
/// they are read by their numbers.
fn opens_closed_cells(lines: &[Source], start: usize) -> bool {
    let one_bar = |line: &str| line.ends_with('|') && line.matches('|').count() == 1;
    let text = lines[start].text;
    if !(text.ends_with(" |")
        && one_bar(text)
        && lines.get(start + 1).is_some_and(|next| one_bar(next.text)))
    {
        return false;
    }
    let after_header = lines[start..]
        .iter()
        .find(|line| !line.text.strip_suffix(" |").is_some_and(is_header_text));
    after_header.is_some_and(|line| line.text != "|")
}

/// The end of a run of lines with a `|` line at least every third line.
fn region_end(lines: &[Source], start: usize) -> usize {
    let mut last_pipe = start;
    let mut since_pipe = 0;
    let mut index = start;
    while index < lines.len() {
        let text = lines[index].text;
        if is_pipe_line(text) {
            last_pipe = index;
            since_pipe = 0;
        } else if char_count(text) > FRAGMENT_CHARS {
            since_pipe += 1;
            if since_pipe > MAX_LINES_BETWEEN_PIPES {
                break;
            }
        }
        index += 1;
    }
    if index >= lines.len() {
        lines.len()
    } else {
        last_pipe + 1
    }
}

/// `牵头单位` / `| 目标任务` / `| 责任单位` / `|`: a `| ` line opens the next
/// cell, a lone `|` ends the row.
fn leading_pipe_rows<'a>(lines: &[Source<'a>]) -> Vec<Item<'a>> {
    let mut rows = Vec::new();
    let mut cells: Vec<Cell<'a>> = Vec::new();
    let mut number = None;
    for line in lines {
        let text = line.text;
        if text.is_empty() {
            continue;
        }
        if is_pipes(text) {
            if !cells.is_empty() {
                rows.push(Item::Row {
                    number: number.take().unwrap_or(line.number),
                    cells: std::mem::take(&mut cells),
                    placed: None,
                    cut: false,
                });
            }
            continue;
        }
        number.get_or_insert(line.number);
        if let Some(rest) = text.strip_prefix('|') {
            cells.push(vec![rest.trim()]);
        } else if let Some(cell) = cells.last_mut() {
            cell.push(text);
        } else {
            cells.push(vec![text]);
        }
    }
    if !cells.is_empty() {
        rows.push(Item::Row {
            number: number.unwrap_or(0),
            cells,
            placed: None,
            cut: true,
        });
    }
    rows
}

/// `序号` / `|` / `项目` / `|` / … / `||||`: each cell ends at a `|` line, a
/// line of n `|` ends the cell and adds n-1 empty ones; rows are as wide as
/// the header, the first run of header cells.
fn trailing_pipe_rows<'a>(lines: &[Source<'a>]) -> Option<Vec<Item<'a>>> {
    let mut cells: Vec<(u32, Cell<'a>)> = Vec::new();
    let mut current: Option<(u32, Cell<'a>)> = None;
    for line in lines {
        let text = line.text;
        if text.is_empty() {
            continue;
        }
        let (content, pipes) = match text.strip_suffix(" |") {
            Some(content) if !is_pipes(text) => (content.trim(), 1),
            _ if is_pipes(text) => ("", char_count(text)),
            _ => (text, 0),
        };
        if !content.is_empty() {
            current
                .get_or_insert_with(|| (line.number, Vec::new()))
                .1
                .push(content);
        }
        for _ in 0..pipes {
            cells.push(current.take().unwrap_or((line.number, Vec::new())));
        }
    }
    let tail = current;
    let width = header_width(cells.iter().map(|(_, cell)| cell))?;
    let mut rows = Vec::new();
    for chunk in cells.chunks(width) {
        let mut row: Vec<Cell<'a>> = chunk.iter().map(|(_, cell)| cell.clone()).collect();
        // Empty cells at the end stand for cells merged down from above.
        while row.len() > 1 && row.last().is_some_and(Vec::is_empty) {
            row.pop();
        }
        rows.push(Item::Row {
            number: chunk[0].0,
            cells: row,
            placed: None,
            cut: chunk.len() < width,
        });
    }
    if let Some((number, cell)) = tail {
        match rows.last_mut() {
            Some(Item::Row { cells, cut, .. }) if *cut => cells.push(cell),
            _ => rows.push(Item::Row {
                number,
                cells: vec![cell],
                placed: None,
                cut: true,
            }),
        }
        if let Some(Item::Row { cut, .. }) = rows.last_mut() {
            *cut = true;
        }
    }
    Some(rows)
}

/// How many cells from the start make a header.
fn header_width<'c, 'a: 'c>(cells: impl Iterator<Item = &'c Cell<'a>>) -> Option<usize> {
    let names: Vec<String> = cells
        .take_while(|cell| is_header_text(&cell.concat()))
        .map(|cell| cell.concat())
        .collect();
    let cells: Vec<Cell> = names.iter().map(|name| vec![name.as_str()]).collect();
    header(&cells).map(|_| cells.len())
}

/// A table written one cell a paragraph whose header starts at `start`.
fn paragraph_cells<'a>(lines: &[Source<'a>], start: usize) -> Option<(Vec<Item<'a>>, usize)> {
    let mut header_lines = Vec::new();
    let mut index = start;
    let mut blank_separated = false;
    while index < lines.len() {
        let text = lines[index].text;
        if text.is_empty() {
            blank_separated |= !header_lines.is_empty();
            index += 1;
            continue;
        }
        if !is_header_text(text) {
            break;
        }
        header_lines.push(text);
        index += 1;
    }
    if header_lines.len() < 2 {
        return None;
    }
    let header_cells: Vec<Cell> = header_lines.iter().map(|text| vec![*text]).collect();
    let columns = header(&header_cells)?;
    let numbered = header_cell(&header_lines[0].replace(' ', "")).contains(&Column::Number);
    let mut items = vec![Item::Row {
        number: lines[start].number,
        cells: header_cells,
        placed: None,
        cut: false,
    }];
    let mut cells: Vec<Cell<'a>> = Vec::new();
    let mut row_start = None;
    let mut expected = 1u32;
    let mut last_blank = true;
    while index < lines.len() {
        let line = lines[index];
        let text = line.text;
        if text.is_empty() {
            last_blank = true;
            index += 1;
            continue;
        }
        if ends_paragraph_table(text) {
            break;
        }
        let number = row_number(text);
        let starts_row = if numbered {
            number == Some(expected) || number == Some(1) && !cells.is_empty()
        } else {
            cells.len() >= columns.len()
        };
        if starts_row || is_heading_line(text) {
            if !cells.is_empty() {
                items.push(Item::Row {
                    number: row_start.unwrap_or(line.number),
                    cells: std::mem::take(&mut cells),
                    placed: None,
                    cut: false,
                });
            }
            if is_heading_line(text) && !starts_row {
                items.push(Item::Row {
                    number: line.number,
                    cells: vec![vec![text]],
                    placed: None,
                    cut: false,
                });
                index += 1;
                last_blank = false;
                continue;
            }
            if let Some(number) = number {
                expected = number + 1;
            }
            row_start = Some(line.number);
        } else if cells.is_empty() && numbered {
            break;
        }
        if cells.is_empty() {
            row_start = Some(line.number);
        }
        if blank_separated
            && !last_blank
            && let Some(cell) = cells.last_mut()
        {
            cell.push(text);
        } else {
            cells.push(vec![text]);
        }
        last_blank = false;
        index += 1;
    }
    if !cells.is_empty() {
        let complete = cells.len() >= columns.len() || index < lines.len();
        items.push(Item::Row {
            number: row_start.unwrap_or(lines[start].number),
            cells,
            placed: None,
            cut: !complete,
        });
    }
    Some((items, index))
}

/// A 序号 paragraph: `12`, `1*`.
fn row_number(text: &str) -> Option<u32> {
    let digits = text.trim_end_matches(['*', '.', '、']);
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    digits.parse().ok()
}

/// True for a heading inside a table written one cell a paragraph:
/// `(一)王宏副市长牵头重点工作`, `一、…`.
fn is_heading_line(text: &str) -> bool {
    super::numbering::marker(text).is_some_and(|marker| marker.style.is_heading())
}

/// True for a line after which a table written one cell a paragraph does not
/// go on: an attachment's label, a plan's title.
fn ends_paragraph_table(text: &str) -> bool {
    text.starts_with("附件") && char_count(text) <= 4 || super::metadata::is_plan_title(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(text: &str) -> Vec<Source<'_>> {
        text.split('\n')
            .enumerate()
            .map(|(index, line)| Source {
                number: index as u32 + 1,
                text: line.trim(),
            })
            .collect()
    }

    fn rows(text: &str) -> Vec<Vec<String>> {
        recover(&sources(text))
            .into_iter()
            .filter_map(|item| match item {
                Item::Row { cells, .. } => Some(cells.iter().map(|cell| cell.join("/")).collect()),
                Item::Line(_) => None,
            })
            .collect()
    }

    #[test]
    fn rows_on_one_line() {
        let found = rows(
            "序号 | 具体工作任务和要求 | 责任领导 | 责任单位 | 落实情况 |\n1 | 推动义务教育 | 毛晓青 | 县教体局 各相关乡镇政府 | 完成 |",
        );
        assert_eq!(
            found[1],
            [
                "1",
                "推动义务教育",
                "毛晓青",
                "县教体局 各相关乡镇政府",
                "完成"
            ]
        );
    }

    #[test]
    fn cells_opened_by_pipes() {
        let found = rows(
            "牵头单位\n| 目 标 任 务\n| 责 任 单 位\n|\n市政\n府办\n公厅\n| 强化行政监督\n| 市直各单位\n|\n推进国家安全工作发展\n| 市直各单位、各区县市\n|",
        );
        assert_eq!(found[0], ["牵头单位", "目 标 任 务", "责 任 单 位"]);
        assert_eq!(found[1], ["市政/府办/公厅", "强化行政监督", "市直各单位"]);
        assert_eq!(found[2], ["推进国家安全工作发展", "市直各单位、各区县市"]);
    }

    #[test]
    fn cells_closed_by_pipes() {
        let found = rows(
            "序号\n|\n项目\n|\n重点工作目标任务\n|\n牵头领导\n|\n责任单位\n|\n一、主要预期目标\n|\n||||\n1\n|\n主要预期目标\n|\n1.地区生产总值增长5%以上。\n|\n钱 宇\n|\n★区发改委、统计局\n|\n2.一般公共预算收入增长6%以上。\n|\n★区财政局、税务局\n|\n|||\n",
        );
        assert_eq!(found[0].len(), 5);
        assert_eq!(found[1], ["一、主要预期目标"]);
        assert_eq!(found[2][4], "★区发改委、统计局");
        assert_eq!(
            found[3],
            ["2.一般公共预算收入增长6%以上。", "★区财政局、税务局"]
        );
    }

    #[test]
    fn cells_one_a_paragraph() {
        let found = rows(
            "序号\n\n2022年预期目标\n\n责任单位\n\n1\n\n地区生产总值增长5.5%左右\n\n区发展改革委\n\n2\n\n固定资产投资增长6%左右\n\n区发展改革委\n\n附件2",
        );
        assert_eq!(found.len(), 3);
        assert_eq!(found[2], ["2", "固定资产投资增长6%左右", "区发展改革委"]);
    }
}
