//! Numbered tables flattened into a stream of cells: one cell a line or a
//! paragraph (`序号` / `民生实事` / `责任单位` / `完成时限`, then `1` / `启动建设…` /
//! `县水务局` / `县住建局` / `12月底前`), cells closed by ` |`, or rows whose cells
//! are parted by spaces. Rows start at their number; a row's lines are placed
//! in the columns by what they hold, several lines may fill one cell (units one
//! a line, a name broken over lines), and lines that start the columns over
//! again without a number are a sub-row sharing the row's merged cells.

use super::flattened::{Item, Source};
use super::numbering::{self, NumberStyle};
use super::table::{
    Cell, Shape, compact, fit, group_beside_tasks, header, header_cell, is_header_text,
    is_number_cell, shape, starts_with_header_text,
};
use crate::cjk::char_count;
use crate::lexicon::Column;

/// The longest header cell, in characters, brackets left out.
const MAX_HEADER_CHARS: usize = 16;

/// How many lines a header may take.
const MAX_HEADER_LINES: usize = 40;

/// The longest piece of a header cell broken over lines, or remark after it.
const REMARK_CHARS: usize = 8;

/// A piece of a unit's name broken over lines: at most this many characters
/// (区新兴产业 / 服务中心), or a level's prefix and at most this many.
const NAME_PIECE_CHARS: usize = 5;

/// A line of at most this many characters is a piece of a name, whatever it starts with.
const FRAGMENT_CHARS: usize = 2;

/// The fewest columns of a numbered table.
const MIN_COLUMNS: usize = 3;

/// What leaving columns out costs, per column.
const SKIP_COST: i32 = 1;

/// What one more line in the same cell costs.
const CONTINUE_COST: i32 = 1;

/// What one more line in a lead cell costs: leads are few, the units after
/// them in the next columns many.
const LEAD_CONTINUE_COST: i32 = 2;

/// What starting the columns over (a sub-row) costs.
const SUB_ROW_COST: i32 = 3;

/// How a table's header and rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Each cell on its own line (or paragraph).
    CellLines,
    /// Cells closed by `|` (on their last line, or on a line of their own);
    /// `||` closes an empty cell too.
    PipeCells,
    /// Each row on one line, cells parted by spaces.
    SpacedRows,
}

/// A cell of the stream, with the line it starts on.
#[derive(Debug, Clone)]
struct Token<'a> {
    number: u32,
    lines: Vec<&'a str>,
}

impl<'a> Token<'a> {
    fn text(&self) -> String {
        self.lines.concat()
    }

    fn is_empty(&self) -> bool {
        self.lines.iter().all(|line| line.trim().is_empty())
    }
}

/// A numbered table flattened into a stream whose header starts at
/// `start`: its rows (header first) and the index of the first line after it.
pub fn numbered_table<'a>(lines: &[Source<'a>], start: usize) -> Option<(Vec<Item<'a>>, usize)> {
    let first = lines[start].text;
    if first.is_empty() || first.chars().all(|c| c == '|') || first.contains('\t') {
        return None;
    }
    if !starts_numbered_header(lines, start) {
        return None;
    }
    let layout = layout_at(lines, start);
    let (head, _) = read_tokens(lines, start, layout, Some(MAX_HEADER_LINES));
    let (head_cells, _) = header_cells(&head, layout)?;
    header(&head_cells)?;
    let (tokens, end) = read_tokens(lines, start, layout, None);
    let (header_cells, width) = header_cells(&tokens, layout)?;
    let tokens = join_broken_names(tokens, width);
    let texts: Vec<String> = header_cells
        .iter()
        .map(|cell| compact(&cell.concat()).into_owned())
        .collect();
    let mut kinds: Vec<Vec<Column>> = texts.iter().map(|text| header_cell(text)).collect();
    group_beside_tasks(&texts, &mut kinds);
    let number_column = kinds
        .iter()
        .position(|kinds| kinds.contains(&Column::Number));
    let own_numbers = number_column.is_none();
    let number_column = match number_column {
        Some(column) => column,
        None => numbered_task_column(&kinds, &tokens[width..])?,
    };
    let mut items = vec![Item::Row {
        number: lines[start].number,
        cells: header_cells,
        placed: None,
        cut: false,
    }];
    let groups_before_number = kinds[..number_column]
        .iter()
        .any(|kinds| kinds.contains(&Column::Category));
    let mut row: Vec<Token<'a>> = Vec::new();
    let mut expected: Option<u32> = None;
    for token in tokens.into_iter().skip(width) {
        let text = token.text();
        if is_heading(text.trim()) && token.lines.len() == 1 {
            flush(&mut items, &kinds, number_column, &mut row, false);
            items.push(Item::Row {
                number: token.number,
                cells: vec![token.lines],
                placed: None,
                cut: false,
            });
            continue;
        }
        let value = if own_numbers {
            item_number(&text)
        } else {
            is_number_cell(text.trim())
                .then(|| {
                    text.trim()
                        .trim_end_matches(['.', '、', '*'])
                        .parse::<u32>()
                        .ok()
                })
                .flatten()
        };
        let starts_row = value.is_some_and(|value| {
            expected.is_none_or(|expected| value == expected || value == 1 && names_units(&row))
        });
        if starts_row {
            if groups_before_number && row.last().is_some_and(names_a_group) {
                row.pop();
            }
            flush(&mut items, &kinds, number_column, &mut row, false);
            expected = value.map(|value| value + 1);
        }
        if starts_row || !row.is_empty() {
            row.push(token);
        }
    }
    flush(
        &mut items,
        &kinds,
        number_column,
        &mut row,
        end >= lines.len(),
    );
    Some((items, end))
}

/// True when a row's cells after its number name units: a row read that
/// far may end where the numbering starts over at 1, where one that has not
/// holds a 1 as a figure (家禽出栏 / 万只 / 1).
fn names_units(row: &[Token]) -> bool {
    row.iter().skip(1).any(|token| shape(&token.lines).units)
}

/// True for a line that can start a numbered table's header: a header cell,
/// with 序号 among the first header lines, or a task column and a role
/// column (the rows then number their tasks in the task cell).
fn starts_numbered_header(lines: &[Source], start: usize) -> bool {
    let first = lines[start]
        .text
        .trim_matches(|c: char| c == '|' || c.is_whitespace());
    if !starts_with_header_text(first) {
        return false;
    }
    let (mut task, mut role) = (false, false);
    for part in lines[start..]
        .iter()
        .take(MAX_HEADER_LINES)
        .flat_map(|line| line.text.split(|c: char| c == '|' || c.is_whitespace()))
    {
        let kinds = header_cell(&compact(part));
        if kinds.contains(&Column::Number) {
            return true;
        }
        task |= kinds.contains(&Column::Task);
        role |= kinds
            .iter()
            .any(|kind| matches!(kind, Column::Label(crate::lexicon::Duty::Role(_))));
    }
    task && role
}

/// True for the cell before a row's number that names the group the rows
/// from there on belong to, in a category column left of the numbers
/// (`高品质生活`, then `9、城乡登记失业人数`): short, no figures, no units.
fn names_a_group(token: &Token) -> bool {
    let text = token.text();
    token.lines.len() == 1
        && char_count(&text) <= MAX_HEADER_CHARS
        && !text.chars().any(|c| c.is_ascii_digit())
        && !shape(&token.lines).units
}

/// The first task or name column of a table with no number column whose
/// rows number their tasks in that cell (`1、地区生产总值增长率`): the first
/// cells after the header hold task 1.
fn numbered_task_column(kinds: &[Vec<Column>], tokens: &[Token]) -> Option<usize> {
    let column = kinds
        .iter()
        .position(|kinds| kinds.contains(&Column::Task) || kinds.contains(&Column::Name))?;
    let first = tokens
        .iter()
        .take(kinds.len())
        .find(|token| item_number(&token.text()).is_some())?;
    (item_number(&first.text()) == Some(1)).then_some(column)
}

/// The number a cell gives its own task: 1 for `1、地区生产总值增长率`.
fn item_number(text: &str) -> Option<u32> {
    let text = text.trim();
    if !starts_with_item_number(text) {
        return None;
    }
    numbering::marker(text)
        .filter(|marker| marker.style == NumberStyle::ArabicDot)
        .map(|marker| marker.value)
}

/// The cells after the header with names broken over lines joined: a
/// bracket that goes on the line before (`应急管理局` / `(安委办)`), a piece
/// that only the next line makes a unit's name (`区新兴产业` / `服务中心`).
fn join_broken_names(tokens: Vec<Token<'_>>, header_width: usize) -> Vec<Token<'_>> {
    let lexicon = crate::lexicon::lexicon();
    let mut joined: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut tokens = tokens.into_iter().enumerate().peekable();
    while let Some((index, mut token)) = tokens.next() {
        if index < header_width {
            joined.push(token);
            continue;
        }
        let text = token.text();
        if text.starts_with('(')
            && char_count(&text) <= REMARK_CHARS
            && let Some(previous) = joined.last_mut()
            && previous.lines.len() == 1
            && lexicon.ends_like_unit(&previous.text())
        {
            previous.lines.extend(token.lines);
            continue;
        }
        let plain = !text.is_empty() && text.chars().all(crate::cjk::is_han);
        let starts_a_name = text.starts_with(['区', '县', '市', '省', '镇', '乡'])
            || char_count(&text) <= FRAGMENT_CHARS;
        if plain
            && starts_a_name
            && char_count(&text) <= NAME_PIECE_CHARS
            && !lexicon.ends_like_unit(&text)
            && !super::leaders::is_personal_name(&text)
            && let Some((_, next)) = tokens.peek()
            && lexicon.ends_like_unit(&format!("{text}{}", next.text()))
            && next.text().chars().all(crate::cjk::is_han)
            && let Some((_, next)) = tokens.next()
        {
            token.lines.extend(next.lines);
        }
        joined.push(token);
    }
    joined
}

/// True for a line of nothing but `|`.
fn is_pipes(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c == '|')
}

/// The fewest cells of a table body that run on after its header on one
/// line for the line to be a whole table run together.
const MIN_RUN_ON_CELLS: usize = 20;

/// The most short words a run-together header may hold (its header cells
/// and the sub-headers between them: 类型, 条款).
const MAX_RUN_ON_HEADER_WORDS: usize = 16;

/// True for a line that holds a whole table run together, its cells parted
/// by spaces: text, a header of short words naming a number and a role
/// column (`…任务分解表 国家卫生县城标准 工作内容及要求 牵头单位 责任单位 类型 序号
/// 条款`), then the rows' cells. Its rows cannot be told apart, so none of
/// its items is a task.
pub fn is_run_together_table(text: &str) -> bool {
    // Most lines have too few spaces to be one, told without splitting them.
    if memchr::memchr_iter(b' ', text.as_bytes()).count() < MIN_COLUMNS + MIN_RUN_ON_CELLS - 1 {
        return false;
    }
    let parts: Vec<&str> = text.split_whitespace().collect();
    if parts.len() < MIN_COLUMNS + MIN_RUN_ON_CELLS {
        return false;
    }
    // The header: the short words after the text that opens the line.
    let header: Vec<&str> = parts[1..]
        .iter()
        .take(MAX_RUN_ON_HEADER_WORDS)
        .take_while(|part| crate::cjk::char_count(part) <= super::table::MAX_HEADER_CHARS)
        .copied()
        .collect();
    if parts.len() - 1 - header.len() < MIN_RUN_ON_CELLS {
        return false;
    }
    let kinds: Vec<Column> = header
        .iter()
        .filter(|part| is_header_text(part))
        .flat_map(|part| header_cell(part))
        .collect();
    let cells = header.iter().filter(|part| is_header_text(part)).count();
    cells >= MIN_COLUMNS
        && kinds.contains(&Column::Number)
        && kinds
            .iter()
            .any(|kind| matches!(kind, Column::Label(crate::lexicon::Duty::Role(_))))
}

/// Where a numbered table's header starts when it ends a line of other
/// text, its cells parted by spaces (`…政府工作任务分解表 序号 名称 工作任务
/// 牵头责任单位`): a copy that ran the lines before the table together.
pub fn trailing_header(text: &str) -> Option<usize> {
    let mut rest = text;
    let mut start = None;
    let (mut cells, mut numbered, mut roles) = (0, false, false);
    while let Some((before, part)) = rest.rsplit_once(' ') {
        if part.is_empty() || !is_header_text(part) {
            break;
        }
        let kinds = header_cell(part);
        numbered |= kinds.contains(&Column::Number);
        roles |= kinds
            .iter()
            .any(|kind| matches!(kind, Column::Label(crate::lexicon::Duty::Role(_))));
        cells += 1;
        start = Some(before.len() + ' '.len_utf8());
        rest = before;
    }
    // Whether the text before the cells is a header cell too is asked last:
    // most lines have no header cells at their end.
    let found = cells >= MIN_COLUMNS
        && numbered
        && roles
        && !rest.trim().is_empty()
        && (rest.contains(' ') || !is_header_text(rest));
    start.filter(|_| found)
}

/// How the table starting at `start` is written, told by its first lines.
fn layout_at(lines: &[Source], start: usize) -> Layout {
    let first = lines[start].text.trim_end_matches(['|', ' ']);
    let parts: Vec<&str> = first.split_whitespace().collect();
    if parts.len() >= MIN_COLUMNS && parts.iter().all(|part| is_header_text(part)) {
        return Layout::SpacedRows;
    }
    let piped = lines[start..]
        .iter()
        .take(4)
        .any(|line| is_pipes(line.text) || line.text.ends_with(" |") || line.text.ends_with('|'));
    if piped {
        Layout::PipeCells
    } else {
        Layout::CellLines
    }
}

/// The cells of the lines from `start` on, until the table ends, and the
/// index of the first line after it.
fn read_tokens<'a>(
    lines: &[Source<'a>],
    start: usize,
    layout: Layout,
    limit: Option<usize>,
) -> (Vec<Token<'a>>, usize) {
    let mut tokens: Vec<Token<'a>> = Vec::new();
    let mut open: Option<Token<'a>> = None;
    let mut index = start;
    let end = limit.map_or(lines.len(), |limit| lines.len().min(start + limit));
    while index < end {
        let line = lines[index];
        let text = line.text;
        if index > start && ends_table(text) {
            break;
        }
        match layout {
            Layout::CellLines => {
                if !text.is_empty() {
                    tokens.push(Token {
                        number: line.number,
                        lines: vec![text],
                    });
                }
            }
            Layout::SpacedRows => tokens.extend(text.split_whitespace().map(|part| Token {
                number: line.number,
                lines: vec![part],
            })),
            Layout::PipeCells => {
                let content = text
                    .trim_end_matches(['|', ' '])
                    .trim_start_matches(['|', ' ']);
                let pipes = text.len() - text.trim_end_matches('|').len();
                if !content.is_empty() {
                    open.get_or_insert_with(|| Token {
                        number: line.number,
                        lines: Vec::new(),
                    })
                    .lines
                    .push(content);
                }
                for _ in 0..pipes {
                    tokens.push(open.take().unwrap_or(Token {
                        number: line.number,
                        lines: Vec::new(),
                    }));
                }
            }
        }
        index += 1;
    }
    tokens.extend(open);
    (tokens, index)
}

/// The header's cells, from the start of the tokens (a cell broken over two
/// lines joined, a label first of all: `责任` / `领导` is 责任领导, a remark such as `(万元)` kept with its cell), and how many
/// tokens they took; at least three cells.
fn header_cells<'a>(tokens: &[Token<'a>], layout: Layout) -> Option<(Vec<Cell<'a>>, usize)> {
    let mut cells: Vec<Cell<'a>> = Vec::new();
    let mut index = 0;
    if layout == Layout::SpacedRows {
        let line = tokens.first()?.number;
        while index < tokens.len() && tokens[index].number == line {
            cells.push(tokens[index].lines.clone());
            index += 1;
        }
        return (cells.len() >= MIN_COLUMNS).then_some((cells, index));
    }
    while index < tokens.len() {
        let token = &tokens[index];
        let text = token.text();
        if token.is_empty() {
            break;
        }
        let label_broken = tokens.get(index + 1).is_some_and(|next| {
            let lexicon = crate::lexicon::lexicon();
            char_count(&text) <= FRAGMENT_CHARS
                && lexicon.label(&format!("{text}{}", next.text())).is_some()
        });
        if label_broken {
            let mut cell = token.lines.clone();
            cell.extend(tokens[index + 1].lines.iter().copied());
            cells.push(cell);
            index += 2;
        } else if is_header_text(&text) {
            cells.push(token.lines.clone());
            index += 1;
        } else if text.starts_with('(') && char_count(&text) <= REMARK_CHARS && !cells.is_empty() {
            if let Some(cell) = cells.last_mut() {
                cell.extend(token.lines.iter().copied());
            }
            index += 1;
        } else if let Some(next) = tokens.get(index + 1)
            && char_count(&text) <= REMARK_CHARS
            && is_header_text(&format!("{text}{}", next.text()))
        {
            let mut cell = token.lines.clone();
            cell.extend(next.lines.iter().copied());
            cells.push(cell);
            index += 2;
        } else {
            break;
        }
    }
    let unknown = unknown_header_cells(&tokens[index..]);
    cells.extend(
        tokens[index..index + unknown]
            .iter()
            .map(|token| token.lines.clone()),
    );
    index += unknown;
    (cells.len() >= MIN_COLUMNS).then_some((cells, index))
}

/// The most header cells of no known kind a header may end with.
const MAX_UNKNOWN_HEADER_CELLS: usize = 3;

/// How many short cells of no known kind end a header, when the first row's
/// number follows them (`区本级` / `任务数`, then `1`): columns the table has
/// but the lexicon does not know.
fn unknown_header_cells(tokens: &[Token]) -> usize {
    let count = tokens
        .iter()
        .take(MAX_UNKNOWN_HEADER_CELLS + 1)
        .take_while(|token| {
            let text = token.text();
            !token.is_empty() && !is_number_cell(text.trim()) && char_count(&text) <= REMARK_CHARS
        })
        .count();
    let first_row = tokens
        .get(count)
        .is_some_and(|token| token.text().trim().trim_end_matches(['.', '、']) == "1");
    if count <= MAX_UNKNOWN_HEADER_CELLS && first_row {
        count
    } else {
        0
    }
}

/// True for a line a numbered table does not go on after: an attachment's
/// label, a plan's title.
fn ends_table(text: &str) -> bool {
    let text = text.trim_matches(|c: char| c == '|' || c.is_whitespace());
    (text.starts_with("附件") && char_count(text) <= 4) || super::metadata::is_plan_title(text)
}

/// True for a cell that starts with an item's own number: `(4)实际使用外资…`,
/// `2.一般公共预算收入…`.
fn starts_with_item_number(text: &str) -> bool {
    numbering::marker(text).is_some_and(|marker| {
        matches!(
            marker.style,
            NumberStyle::ArabicDot | NumberStyle::ArabicParen | NumberStyle::Circled
        ) && !marker.rest.is_empty()
            && !marker.rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// True for a heading row inside a table: `一、…`, `(一)…`.
fn is_heading(text: &str) -> bool {
    numbering::marker(text).is_some_and(|marker| marker.style.is_heading())
}

/// Places a row's cells in the columns and adds the row (and its sub-rows).
fn flush<'a>(
    items: &mut Vec<Item<'a>>,
    kinds: &[Vec<Column>],
    number_column: usize,
    row: &mut Vec<Token<'a>>,
    at_end: bool,
) {
    let mut tokens = std::mem::take(row);
    while tokens.len() > 1 && tokens.last().is_some_and(Token::is_empty) {
        tokens.pop();
    }
    let Some(first) = tokens.first().cloned() else {
        return;
    };
    let placed = place(kinds, number_column, &tokens[1..]);
    let mut rows: Vec<(Vec<Cell<'a>>, Vec<usize>, u32)> = Vec::new();
    let mut cells: Vec<Cell<'a>> = vec![first.lines.clone()];
    let mut columns = vec![number_column];
    let mut first_line = first.number;
    let mut previous = number_column;
    for (token, column) in tokens[1..].iter().zip(placed) {
        if is_labelled_line(&token.text()) {
            cells.push(token.lines.clone());
            columns.push(previous);
            continue;
        }
        if column < previous {
            rows.push((
                std::mem::take(&mut cells),
                std::mem::take(&mut columns),
                first_line,
            ));
            first_line = token.number;
        }
        match cells.last_mut() {
            Some(cell) if column == previous => cell.extend(token.lines.iter().copied()),
            _ => {
                cells.push(token.lines.clone());
                columns.push(column);
            }
        }
        previous = column;
    }
    rows.push((cells, columns, first_line));
    let count = rows.len();
    let last_named = kinds
        .iter()
        .rposition(|kinds| kinds.iter().any(Column::names_charge))
        .unwrap_or(kinds.len().saturating_sub(1));
    for (index, (cells, columns, number)) in rows.into_iter().enumerate() {
        let last_column = columns.last().copied().unwrap_or(0);
        let cut = at_end
            && index + 1 == count
            && (last_column < last_named
                || super::table::ends_inside_name(
                    &cells,
                    kinds.get(last_column).map_or(&[], Vec::as_slice),
                ));
        items.push(Item::Row {
            number,
            cells,
            placed: Some(columns),
            cut,
        });
    }
}

/// True for a cell that names its role itself: `省牵头单位:省农业农村厅`.
fn is_labelled_line(text: &str) -> bool {
    text.split_once(':').is_some_and(|(label, _)| {
        crate::lexicon::lexicon()
            .label(label.trim())
            .is_some_and(|duty| {
                matches!(
                    duty,
                    crate::lexicon::Duty::Role(_) | crate::lexicon::Duty::Leader
                )
            })
    })
}

/// The column of each cell after a row's number: the placement that fits
/// them best, where a cell may take several lines, columns may be left out
/// (merged from above) and the columns may start over (a sub-row).
fn place(kinds: &[Vec<Column>], number_column: usize, tokens: &[Token]) -> Vec<usize> {
    let columns = kinds.len();
    if tokens.is_empty() || columns < 2 {
        return Vec::new();
    }
    let shapes: Vec<Shape> = tokens.iter().map(|token| shape(&token.lines)).collect();
    let numbered: Vec<bool> = tokens
        .iter()
        .map(|token| starts_with_item_number(&token.text()))
        .collect();
    let none = i32::MIN / 4;
    let open = |column: usize| column > number_column;
    let step = |previous: usize, column: usize, index: usize| -> i32 {
        if column > previous {
            SKIP_COST * (column - previous - 1) as i32
        } else if column == previous {
            if shapes[index].empty || numbered[index] {
                SUB_ROW_COST + CONTINUE_COST
            } else if kinds[column].contains(&Column::Label(crate::lexicon::Duty::Role(
                crate::model::Role::Lead,
            ))) {
                LEAD_CONTINUE_COST
            } else {
                CONTINUE_COST
            }
        } else {
            SUB_ROW_COST
        }
    };
    let mut best = vec![vec![none; columns]; tokens.len()];
    let mut from = vec![vec![0usize; columns]; tokens.len()];
    for column in (0..columns).filter(|column| open(*column)) {
        best[0][column] = fit(shapes[0], &kinds[column]) - step(number_column, column, 0);
    }
    for index in 1..tokens.len() {
        for column in (0..columns).filter(|column| open(*column)) {
            let gain = fit(shapes[index], &kinds[column]);
            let (mut top, mut arg) = (none, column);
            for (previous, &base) in best[index - 1].iter().enumerate() {
                if base == none || !open(previous) {
                    continue;
                }
                let score = base + gain - step(previous, column, index);
                if score > top {
                    top = score;
                    arg = previous;
                }
            }
            best[index][column] = top;
            from[index][column] = arg;
        }
    }
    let last = tokens.len() - 1;
    let mut column = (0..columns)
        .filter(|column| open(*column))
        .max_by_key(|column| best[last][*column])
        .unwrap_or(0);
    let mut placed = vec![0; tokens.len()];
    for index in (0..tokens.len()).rev() {
        placed[index] = column;
        column = from[index][column];
    }
    placed
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

    fn rows(text: &str) -> Vec<(Vec<String>, Option<Vec<usize>>)> {
        let lines = sources(text);
        let (items, _) = numbered_table(&lines, 0).expect("table");
        items
            .into_iter()
            .filter_map(|item| match item {
                Item::Row { cells, placed, .. } => {
                    Some((cells.iter().map(|cell| cell.join("/")).collect(), placed))
                }
                Item::Line(_) => None,
            })
            .collect()
    }

    #[test]
    fn one_cell_a_line_with_units_one_a_line() {
        let found = rows(
            "序号\n民生实事\n责任单位\n完成时限\n1\n启动建设东柳河城区段综合治理工程和东湖湿地公园。\n县水务局\n县住建局\n12月底前\n2\n新建2座人行天桥。\n县住建局\n9月投入使用",
        );
        assert_eq!(
            found[1].0,
            [
                "1",
                "启动建设东柳河城区段综合治理工程和东湖湿地公园。",
                "县水务局/县住建局",
                "12月底前"
            ]
        );
        assert_eq!(found[1].1, Some(vec![0, 1, 2, 3]));
        assert_eq!(
            found[2].0,
            ["2", "新建2座人行天桥。", "县住建局", "9月投入使用"]
        );
    }

    #[test]
    fn a_sub_row_shares_the_merged_cells() {
        let found = rows(
            "序号\n民生实事\n责任单位\n完成时限\n5\n开工建设县老年养护楼。\n县民政局\n5月底前动工\n开工建设老年大学。\n12月底前\n6\n迁建县政务服务中心。\n县政务服务中心\n12月底前",
        );
        assert_eq!(
            found[1].0,
            ["5", "开工建设县老年养护楼。", "县民政局", "5月底前动工"]
        );
        assert_eq!(found[2].0, ["开工建设老年大学。", "12月底前"]);
        assert_eq!(found[2].1, Some(vec![1, 3]));
        assert_eq!(found[3].0[0], "6");
    }

    #[test]
    fn rows_parted_by_spaces() {
        let found = rows(
            "序号 目标任务 责任单位 上半年推进情况\n一、经济社会发展主要预期目标\n1 地区生产总值增长6%以上。 区发展改革委 地区生产总值同比增长2.9%。\n2 第一产业增加值增长5%。 区农业农村委\n区林业局\n第一产业增加值同比增长3.4%。",
        );
        assert_eq!(found[1].0, ["一、经济社会发展主要预期目标"]);
        assert_eq!(
            found[2].0,
            [
                "1",
                "地区生产总值增长6%以上。",
                "区发展改革委",
                "地区生产总值同比增长2.9%。"
            ]
        );
        assert_eq!(
            found[3].0,
            [
                "2",
                "第一产业增加值增长5%。",
                "区农业农村委/区林业局",
                "第一产业增加值同比增长3.4%。"
            ]
        );
    }

    #[test]
    fn cells_closed_by_pipes_and_a_header_broken_over_lines() {
        let found = rows(
            "序号 |\n重点工作 |\n区政府\n分管领导 |\n责任单位 |\n1 |\n坚持服务跟着项目走,优化工作机制。 |\n叶林 |\n招商工作部、安商工作部 |\n",
        );
        assert_eq!(
            found[0].0,
            ["序号", "重点工作", "区政府/分管领导", "责任单位"]
        );
        assert_eq!(
            found[1].0,
            [
                "1",
                "坚持服务跟着项目走,优化工作机制。",
                "叶林",
                "招商工作部、安商工作部"
            ]
        );
    }
}
