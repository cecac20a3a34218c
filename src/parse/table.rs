//! Task tables (任务分解表): a header row such as
//! `序号 | 重点任务 | 分管领导 | 牵头单位 | 责任单位 | 完成时限` and one task per row.
//! A row with fewer cells than the header (cells merged down from the row
//! above, dropped by the copy) is aligned to the columns by what its cells
//! hold, and takes the missing units and leaders from the row above.

use super::annotation::{
    Annotation, LEVEL_PREFIXES, assigns_by_verb, parse_labelled, parse_role_value,
};
use super::leaders::{is_personal_name, leader_in, split_leaders};
use super::numbering::{self, NumberStyle};
use super::units::{Name, split_names};
use crate::cjk::{char_count, is_han};
use crate::lexicon::{Column, Duty, List, lexicon};
use crate::model::{Assignment, Role};

/// A table cell: its lines.
pub type Cell<'a> = Vec<&'a str>;

/// The longest header cell, in characters (spaces removed).
pub(super) const MAX_HEADER_CHARS: usize = 16;

/// The least share, in percent, of a header cell its header words make.
const MIN_HEADER_SHARE: usize = 40;

/// Text of at least this many characters reads as a task, not a name.
const LONG_TEXT_CHARS: usize = 15;

/// A cell line of at most this many characters is a piece of a name broken
/// over lines (市政 / 府办 / 公厅).
const FRAGMENT_CHARS: usize = 2;

/// What each column of a task table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    kinds: Vec<Vec<Column>>,
}

impl Columns {
    /// What column `index` holds (nothing past the header).
    pub fn kinds_of(&self, index: usize) -> &[Column] {
        self.kinds.get(index).map_or(&[], Vec::as_slice)
    }

    /// How many columns the header has.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    fn has(&self, column: usize, wanted: impl Fn(&Column) -> bool) -> bool {
        self.kinds
            .get(column)
            .is_some_and(|kinds| kinds.iter().any(wanted))
    }
}

/// One row of a task table, read through its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row<'a> {
    /// A row that only names a section: `一、稳增长` spanning the table.
    Heading(&'a str),
    /// A task row.
    Task(TableTask),
    /// A row of units alone, its task's cells merged from the row above
    /// (`2021.8 | 城投集团`): more units of that task.
    Units(Assignment),
    /// A row with nothing to read.
    Empty,
}

/// A task read from a table row, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableTask {
    /// The row has cells up to the last column of units or leaders (a row
    /// the text cuts after them is complete).
    pub reaches_units: bool,
    pub category: Option<String>,
    pub number: Option<String>,
    pub text: String,
    pub assignment: Assignment,
    pub deadline: Option<String>,
}

/// The text of a cell's lines, joined.
fn cell_text(cell: &[&str]) -> String {
    cell.concat()
}

/// Header cells with spaces removed (`牵 头 单 位` → `牵头单位`); borrowed when
/// there are none.
pub(super) fn compact(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(char::is_whitespace) {
        std::borrow::Cow::Owned(text.chars().filter(|c| !c.is_whitespace()).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Recognises a header row: a column of task text, and one of units,
/// leaders or numbers.
pub fn header(cells: &[Cell]) -> Option<Columns> {
    let mut kinds = Vec::with_capacity(cells.len());
    let mut texts = Vec::with_capacity(cells.len());
    let mut filled = 0;
    let mut known = 0;
    for cell in cells {
        let text = cell_text(cell);
        let text = compact(&text);
        texts.push(text.to_string());
        if text.is_empty() {
            kinds.push(Vec::new());
            continue;
        }
        filled += 1;
        if crate::lexicon::header_length(text.chars(), MAX_HEADER_CHARS).is_none() {
            kinds.push(Vec::new());
            continue;
        }
        let found = header_cell(&text);
        if !found.is_empty() {
            known += 1;
        }
        kinds.push(found);
    }
    group_beside_tasks(&texts, &mut kinds);
    let any = |wanted: &dyn Fn(&Column) -> bool| kinds.iter().flatten().any(wanted);
    let has_text = any(&|column| matches!(column, Column::Task | Column::Name));
    let has_units = any(&|column| {
        matches!(
            column,
            Column::Label(Duty::Role(_)) | Column::Label(Duty::Leader)
        )
    });
    (has_text && has_units && known * 2 > filled).then_some(Columns { kinds })
}

/// Makes a group of the column headed by a word that names the task alone
/// but a group beside another task column (`指标 | 工作任务`): its cells,
/// written once over their rows, are then the rows' category.
pub(super) fn group_beside_tasks(texts: &[String], kinds: &mut [Vec<Column>]) {
    let is_group = |index: usize| {
        texts
            .get(index)
            .is_some_and(|text| lexicon().is_in(List::GroupHeader, text))
    };
    let other_task =
        (0..kinds.len()).any(|index| !is_group(index) && kinds[index].contains(&Column::Task));
    if !other_task {
        return;
    }
    for (index, column) in kinds.iter_mut().enumerate() {
        if is_group(index) {
            for kind in column.iter_mut().filter(|kind| **kind == Column::Task) {
                *kind = Column::Category;
            }
        }
    }
}

/// True for a text that can be a header cell: at most `MAX_HEADER_CHARS`
/// characters, spaces and bracketed remarks left out, that name what a
/// column holds. Most lines are too long to be one, which is told without
/// reading their words.
pub(super) fn is_header_text(text: &str) -> bool {
    crate::lexicon::header_length(text.chars(), MAX_HEADER_CHARS).is_some_and(|length| length > 0)
        && !header_cell(&compact(text)).is_empty()
}

/// True when the first word of `text` (up to a space) can be a header cell;
/// the rest of a line is not read once its first word is too long.
pub(super) fn starts_with_header_text(text: &str) -> bool {
    let word = text.chars().take_while(|c| !c.is_whitespace());
    crate::lexicon::header_length(word, MAX_HEADER_CHARS).is_some_and(|length| length > 0)
        && text.split_whitespace().next().is_some_and(is_header_text)
}

/// What a header cell (spaces removed) says its column holds; nothing for a
/// cell that is a sentence or a numbered heading, or mostly other words.
pub fn header_cell(text: &str) -> Vec<Column> {
    if text.contains(['。', ',', ';', ':']) || numbering::marker(text).is_some() {
        return Vec::new();
    }
    let mut columns = lexicon().header_columns(text, MIN_HEADER_SHARE);
    // A compound names its column by its last word: 民生事项名称 holds names,
    // not a second copy of the task.
    let is_text = |column: &Column| matches!(column, Column::Task | Column::Name);
    if let Some(last) = columns.iter().rposition(is_text) {
        let head = columns[last];
        // 事项分类 groups the rows: a text word before a group word only
        // says what is grouped.
        let groups = columns[last..].contains(&Column::Category);
        columns.retain(|column| !is_text(column) || *column == head && !groups);
    }
    columns
}

/// True when a row that the text ends in stops inside a unit's name: its
/// last cell, in a column of units (`last_kinds`), ends with Han characters
/// but no unit's ending (`区机关事务`).
pub(super) fn ends_inside_name(cells: &[Cell], last_kinds: &[Column]) -> bool {
    if !last_kinds
        .iter()
        .any(|kind| matches!(kind, Column::Label(Duty::Role(_))))
    {
        return false;
    }
    let Some(last) = cells.last().and_then(|cell| cell.last()) else {
        return false;
    };
    let last = last.trim();
    let names = split_names(last);
    let Some(name) = names.last() else {
        return false;
    };
    let name = name.text();
    name.chars().any(is_han) && !lexicon().ends_like_unit(&name) && leader_in(&name).is_none()
}

/// What a cell holds, for aligning a short row to the header.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Shape {
    pub(super) empty: bool,
    number: bool,
    /// A note that starts with a unit and a colon (`区投促局:对楼宇…`): progress
    /// or duties, not a task.
    unit_note: bool,
    long: bool,
    pub(super) units: bool,
    persons: bool,
    deadline: bool,
    /// Text after an item's own number (`15.推进学校塑胶运动场地建设`): a task,
    /// never a group's name.
    numbered_text: bool,
    /// A figure, no number of a row (`56280`, `393942.9144`, `77.1%`).
    figure: bool,
}

pub(super) fn shape(cell: &[&str]) -> Shape {
    let text = cell_text(cell);
    let text = text.trim();
    if text.is_empty() {
        return Shape {
            empty: true,
            ..Shape::default()
        };
    }
    let lexicon = lexicon();
    let number = is_number_cell(text);
    // 市法制局牵头,市有关单位负责: the names before the verbs.
    let by_verb = assigns_by_verb(text).then(|| parse_role_value(text, Role::Responsible));
    let names = match &by_verb {
        Some(annotation) => annotation
            .units
            .iter()
            .map(|(_, name)| name.clone())
            .collect(),
        None => split_names(text),
    };
    let units = !names.is_empty()
        && !text.contains(['。', ';'])
        && names.iter().all(|name| {
            let text = name.text();
            name.marked_lead || lexicon.ends_like_unit(&text) && !ends_with_count(&text)
        });
    let long = text.contains(['。', ';'])
        || !units && (char_count(text) >= LONG_TEXT_CHARS || text.contains(','));
    let mut leaders = cell.iter().flat_map(|line| split_leaders(line)).peekable();
    let persons = leaders.peek().is_some()
        && leaders.all(|item| is_personal_name(item) || leader_in(item).is_some());
    let deadline = char_count(text) <= 20 && is_deadline_like(text);
    let unit_note = text.split_once(':').is_some_and(|(before, _)| {
        char_count(before) <= 20
            && lexicon.ends_like_unit(before.trim())
            && lexicon.label(before.trim()).is_none()
    });
    let numbered_text = numbering::marker(text).is_some_and(|marker| {
        marker.style == NumberStyle::ArabicDot
            && marker.rest.starts_with(|c: char| crate::cjk::is_han(c))
    });
    let figure = !number
        && text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '%' | ','));
    Shape {
        figure,
        numbered_text,
        unit_note,
        empty: false,
        number,
        long,
        units,
        persons,
        deadline,
    }
}

/// True for a text ending in a count, not a name: `新建幼儿园3所`.
fn ends_with_count(text: &str) -> bool {
    let mut chars = text.chars().rev();
    chars.next().is_some() && chars.next().is_some_and(|c| c.is_ascii_digit())
}

/// True for a text that names a time: `12月底前`, `2024年`, `全年`.
pub(super) fn is_deadline_like(text: &str) -> bool {
    if lexicon().holds(List::DeadlineWord, text) {
        return true;
    }
    let chars: Vec<char> = text.chars().collect();
    chars
        .windows(2)
        .any(|pair| pair[0].is_ascii_digit() && matches!(pair[1], '年' | '月' | '日'))
        || is_dotted_date(text.trim())
}

/// A date written with dots: `2021.8`, `2021.12.31`.
fn is_dotted_date(text: &str) -> bool {
    let mut parts = text.split('.');
    let year = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    year.len() == 4
        && year.starts_with("20")
        && year.chars().all(|c| c.is_ascii_digit())
        && (1..=2).contains(&rest.len())
        && rest
            .iter()
            .all(|part| (1..=2).contains(&part.len()) && part.chars().all(|c| c.is_ascii_digit()))
}

/// A 序号 cell: `1`, `12.`, `1*`.
pub(super) fn is_number_cell(text: &str) -> bool {
    let digits = text.trim_end_matches(['.', '、', '*', ' ']);
    !digits.is_empty() && digits.len() <= 4 && digits.chars().all(|c| c.is_ascii_digit())
}

/// How well a cell of `shape` fits a column holding `kinds`.
pub(super) fn fit(shape: Shape, kinds: &[Column]) -> i32 {
    if shape.empty {
        return 0;
    }
    kinds
        .iter()
        .map(|kind| match kind {
            Column::Number => {
                if shape.number {
                    4
                } else {
                    -4
                }
            }
            Column::Task | Column::Name if shape.figure => -3,
            Column::Task => {
                if shape.number {
                    -4
                } else if shape.unit_note {
                    -2
                } else if shape.long {
                    3
                } else if shape.units || shape.persons {
                    -2
                } else {
                    1
                }
            }
            Column::Label(Duty::Role(_)) => {
                if shape.units {
                    3
                } else if shape.long || shape.number {
                    -3
                } else if shape.persons {
                    -1
                } else {
                    0
                }
            }
            Column::Label(Duty::Leader) => {
                if shape.persons && !shape.units {
                    3
                } else if shape.long || shape.number {
                    -3
                } else {
                    -1
                }
            }
            Column::Deadline | Column::Label(Duty::Deadline) => {
                if shape.deadline {
                    3
                } else {
                    -1
                }
            }
            Column::Category if shape.numbered_text => -2,
            Column::Name | Column::Category => {
                if shape.number {
                    -2
                } else if shape.long {
                    0
                } else if *kind == Column::Name {
                    // A group cell is written once over its rows: a row
                    // short of one leaves the group out, not its name.
                    2
                } else {
                    1
                }
            }
            Column::Label(Duty::Support) if shape.units => 2,
            Column::Ignore | Column::Label(_) => {
                if shape.unit_note {
                    2
                } else if shape.long {
                    1
                } else {
                    0
                }
            }
        })
        .max()
        .unwrap_or(0)
}

/// The column of each cell of a row with fewer cells than the header: the
/// order-keeping placement that fits them best, leaving the leftmost columns
/// out where fits tie.
fn align(columns: &Columns, cells: &[Cell]) -> Vec<usize> {
    let (k, n) = (cells.len(), columns.len());
    if k == n || n > MAX_ALIGNED_COLUMNS || k > MAX_ALIGNED_COLUMNS * 2 {
        // Past a real table's width the cells are taken in order: the
        // placement's cost grows with cells times columns.
        return (0..k).collect();
    }
    if k > n {
        return align_wide(columns, cells);
    }
    let shapes: Vec<Shape> = cells.iter().map(|cell| shape(cell)).collect();
    let none = i32::MIN / 2;
    let mut best = vec![vec![none; n + 1]; k + 1];
    let mut took = vec![vec![false; n + 1]; k + 1];
    for row in best[0].iter_mut() {
        *row = 0;
    }
    for i in 1..=k {
        for j in i..=n {
            let skip = best[i][j - 1];
            let take = best[i - 1][j - 1].saturating_add(fit(shapes[i - 1], &columns.kinds[j - 1]));
            if take > skip {
                best[i][j] = take;
                took[i][j] = true;
            } else {
                best[i][j] = skip;
            }
        }
    }
    let mut placed = vec![0; k];
    let (mut i, mut j) = (k, n);
    while i > 0 && j > 0 {
        if took[i][j] {
            placed[i - 1] = j - 1;
            i -= 1;
        }
        j -= 1;
    }
    placed
}

/// The most columns whose cells are placed by their fit; wider tables (no
/// plan has them) are read cell by cell.
const MAX_ALIGNED_COLUMNS: usize = 64;

/// The cost of a cell sharing the column of the cell before it.
const SHARE_COST: i32 = 3;

/// The column of each cell of a row with more cells than the header, the
/// header writing one cell over several columns below it (进展情况 over
/// 完成投资 / 完成率 / 实施情况): the order-keeping placement that fits them
/// best, cells in a row sharing a column at a cost. Linear in cells times
/// columns.
fn align_wide(columns: &Columns, cells: &[Cell]) -> Vec<usize> {
    let (k, n) = (cells.len(), columns.len());
    let none = i32::MIN / 2;
    let mut best = vec![vec![none; n]; k];
    let mut from_same = vec![vec![false; n]; k];
    for (j, slot) in best[0].iter_mut().enumerate() {
        *slot = fit(shape(&cells[0]), &columns.kinds[j]);
    }
    for i in 1..k {
        let gain_shape = shape(&cells[i]);
        let mut best_left = none;
        for j in 0..n {
            let gain = fit(gain_shape, &columns.kinds[j]);
            let shared = best[i - 1][j].saturating_sub(SHARE_COST);
            let (base, same) = if shared > best_left {
                (shared, true)
            } else {
                (best_left, false)
            };
            if base > none {
                best[i][j] = base.saturating_add(gain);
                from_same[i][j] = same;
            }
            best_left = best_left.max(best[i - 1][j]);
        }
    }
    let mut column = (0..n).max_by_key(|&j| best[k - 1][j]).unwrap_or(0);
    let mut placed = vec![0; k];
    for i in (0..k).rev() {
        placed[i] = column;
        if i > 0 && !from_same[i][column] {
            column = (0..column).max_by_key(|&j| best[i - 1][j]).unwrap_or(0);
        }
    }
    placed
}

/// What the rows above left in columns that span down: per column, the
/// cell of the last row that had one.
#[derive(Debug, Default, Clone)]
pub struct Carried<'a> {
    cells: Vec<Option<Cell<'a>>>,
}

/// Reads one data row through the header's columns; `written` gives the
/// text as written of a piece of the folded text.
pub fn row<'a>(
    columns: &Columns,
    cells: &[Cell<'a>],
    placed: Option<&[usize]>,
    carried: &mut Carried<'a>,
    written: &dyn Fn(&str) -> String,
) -> Row<'a> {
    let filled: Vec<&Cell> = cells
        .iter()
        .filter(|cell| !cell_text(cell).trim().is_empty())
        .collect();
    if filled.is_empty() {
        return Row::Empty;
    }
    if let Some(heading) = heading_row(columns, cells, &filled) {
        return Row::Heading(heading);
    }
    if filled.iter().any(|cell| is_total_cell(cell)) {
        // A row of totals holds no task; its group's heading may open it
        // (一、社保惠民 | 社保惠民5个项目合计 | 94148 |).
        return filled
            .iter()
            .find_map(|cell| numbered_heading(cell))
            .map_or(Row::Empty, Row::Heading);
    }
    let starts_group = placed
        .and_then(|placed| placed.first())
        .is_some_and(|column| columns.has(*column, |kind| *kind == Column::Number));
    let mut labelled = Vec::new();
    let mut kept = Vec::with_capacity(cells.len());
    let mut kept_placed = Vec::with_capacity(cells.len());
    for (index, cell) in cells.iter().enumerate() {
        if is_labelled(cell) {
            labelled.push(cell.clone());
        } else {
            kept.push(cell.clone());
            kept_placed.extend(placed.and_then(|placed| placed.get(index)).copied());
        }
    }
    let cells = kept;
    let placed = if placed.is_some() && kept_placed.len() == cells.len() {
        kept_placed
    } else {
        align(columns, &cells)
    };
    let last_named = columns
        .kinds
        .iter()
        .rposition(|kinds| kinds.iter().any(Column::names_charge))
        .unwrap_or(0);
    let reaches_units = placed.iter().any(|column| *column >= last_named);
    let mut by_column: Vec<Option<Cell<'a>>> = vec![None; columns.len()];
    for (cell, column) in cells.into_iter().zip(placed) {
        if column < by_column.len() {
            by_column[column] = Some(cell);
        }
    }
    if starts_group {
        // A numbered row of a table read as a stream starts its group: what
        // spans down comes from it, not from the group before.
        *carried = Carried::default();
    }
    carried.cells.resize(columns.len(), None);
    for (column, slot) in by_column.iter_mut().enumerate() {
        let spans_down = columns.has(column, |kind| {
            matches!(kind, Column::Label(_) | Column::Category | Column::Deadline)
        });
        match slot {
            Some(cell) => carried.cells[column] = Some(cell.clone()),
            None if spans_down => slot.clone_from(&carried.cells[column]),
            None => {}
        }
    }
    let mut extra = Annotation::default();
    for cell in &labelled {
        for line in cell {
            extra.extend(parse_labelled(line));
        }
    }
    let mut row = read_task(columns, &by_column, extra, written);
    if let Row::Task(task) = &mut row {
        task.reaches_units = reaches_units;
    }
    row
}

/// A cell that names its own role: `省牵头单位:省农业农村厅`.
fn is_labelled(cell: &[&str]) -> bool {
    let first = cell.first().map_or("", |line| line.trim());
    first.split_once(':').is_some_and(|(label, _)| {
        lexicon()
            .label(label.trim())
            .is_some_and(|duty| matches!(duty, Duty::Role(_) | Duty::Leader))
    })
}

/// A row whose only content is a numbered heading (一、 or (一)), or one
/// short cell outside the task columns (a merged row naming a group).
fn heading_row<'a>(columns: &Columns, cells: &[Cell<'a>], filled: &[&Cell<'a>]) -> Option<&'a str> {
    let first = filled.first()?;
    let text = cell_text(first);
    if filled.iter().any(|cell| cell_text(cell) != text) || first.len() != 1 {
        return None;
    }
    if let Some(heading) = numbered_heading(first) {
        return Some(heading);
    }
    let line = first[0];
    if cells.len() < columns.len() {
        return None;
    }
    let index = cells
        .iter()
        .position(|cell| std::ptr::eq(cell, *first))
        .unwrap_or(0);
    let in_text_column = columns.has(index, |kind| matches!(kind, Column::Task));
    let alone = filled.len() == 1;
    let short = char_count(&text) <= 40 && !text.contains('。');
    (short && (alone || !in_text_column) && !is_number_cell(&text)).then_some(line.trim())
}

/// The cell's text when it is a numbered heading alone (一、 or (一)).
fn numbered_heading<'a>(cell: &Cell<'a>) -> Option<&'a str> {
    let [line] = cell.as_slice() else {
        return None;
    };
    let line = line.trim();
    numbering::marker(line)
        .is_some_and(|marker| marker.style.is_heading())
        .then_some(line)
}

/// True for a cell of totals: it starts or ends with 合计, 小计 or 总计.
fn is_total_cell(cell: &[&str]) -> bool {
    let text = cell_text(cell);
    let text = text.trim().trim_end_matches([':', ' ']);
    let lexicon = lexicon();
    lexicon.opening_in(List::TotalWord, text).is_some()
        || lexicon.ending_in(List::TotalWord, text).is_some()
}

/// True for a row right under a header that only names sub-columns of its
/// cells (完成投资 | 完成率 | 实施情况 under 进展情况): short words, no
/// figures, no units.
pub fn continues_header(cells: &[Cell]) -> bool {
    let filled: Vec<&Cell> = cells
        .iter()
        .filter(|cell| !cell_text(cell).trim().is_empty())
        .collect();
    !filled.is_empty()
        && filled.iter().all(|cell| {
            let text = cell_text(cell);
            let text = compact(&text);
            char_count(&text) <= MAX_HEADER_CHARS
                && !text.chars().any(|c| c.is_ascii_digit())
                && !shape(cell).units
        })
        && filled
            .iter()
            .any(|cell| !header_cell(&compact(&cell_text(cell))).is_empty())
}

/// The task a row holds, its cells placed in columns.
fn read_task<'a>(
    columns: &Columns,
    cells: &[Option<Cell<'a>>],
    mut annotation: Annotation<'a>,
    written: &dyn Fn(&str) -> String,
) -> Row<'a> {
    let mut number = None;
    let mut name = String::new();
    let mut text = String::new();
    let mut category = None;
    let mut deadline = None;
    let mut units_and_dates_only = true;
    let task_cells = cells
        .iter()
        .enumerate()
        .filter(|(index, cell)| {
            columns.has(*index, |kind| matches!(kind, Column::Task))
                && cell
                    .as_ref()
                    .is_some_and(|cell| !cell_text(cell).trim().is_empty())
        })
        .count();
    for (index, cell) in cells.iter().enumerate() {
        let Some(cell) = cell else { continue };
        if cell_text(cell).trim().is_empty() {
            continue;
        }
        // 工作任务 | 具体要求: a numbered heading in one task column beside
        // the text of another is the group of the rows it is written on.
        if task_cells > 1
            && columns.has(index, |kind| matches!(kind, Column::Task))
            && numbered_heading(cell).is_some()
        {
            category.get_or_insert_with(|| joined_written(cell, written));
            continue;
        }
        units_and_dates_only &= columns.kinds[index].iter().all(|kind| {
            matches!(
                kind,
                Column::Label(_) | Column::Deadline | Column::Number | Column::Category
            )
        });
        for kind in &columns.kinds[index] {
            match kind {
                Column::Number => {
                    let cell = cell_text(cell);
                    number.get_or_insert_with(|| number_text(&cell));
                }
                Column::Task => {
                    let (own_number, cell_text) = task_text(cell, written);
                    if own_number.is_some() && text.is_empty() {
                        number = own_number;
                    }
                    if !text.is_empty() && !cell_text.is_empty() {
                        text.push(' ');
                    }
                    text.push_str(&cell_text);
                }
                Column::Name => {
                    let (own_number, cell_text) = task_text(cell, written);
                    if own_number.is_some() && number.is_none() {
                        number = own_number;
                    }
                    name.push_str(&cell_text);
                }
                Column::Category => {
                    category.get_or_insert_with(|| joined_written(cell, written));
                }
                Column::Deadline | Column::Label(Duty::Deadline) => {
                    deadline.get_or_insert_with(|| joined_written(cell, written));
                }
                Column::Label(duty) => {
                    annotation.extend(read_names(cell, *duty, &columns.kinds[index]));
                }
                Column::Ignore => {}
            }
        }
    }
    let text = format!("{name}{text}").trim().to_string();
    if text.is_empty() {
        if annotation.units.is_empty() || !units_and_dates_only {
            return Row::Empty;
        }
        return Row::Units(annotation.to_assignment(written));
    }
    Row::Task(TableTask {
        reaches_units: true,
        category,
        number,
        text,
        assignment: annotation.to_assignment(written),
        deadline,
    })
}

/// A cell's lines joined, as written.
fn joined_written(cell: &[&str], written: &dyn Fn(&str) -> String) -> String {
    cell.iter()
        .map(|line| written(line.trim()))
        .collect::<Vec<_>>()
        .concat()
}

/// The text of a task cell as written, and the task's own number when the
/// cell starts with one (`1.地区生产总值增长5%以上。` under a 序号 of its group).
fn task_text(cell: &[&str], written: &dyn Fn(&str) -> String) -> (Option<String>, String) {
    let first = cell.first().map_or("", |line| line.trim());
    if let Some(marker) = numbering::marker(first)
        && matches!(
            marker.style,
            NumberStyle::ArabicDot | NumberStyle::ArabicParen
        )
        && !marker.rest.is_empty()
        && !marker.rest.starts_with(|c: char| c.is_ascii_digit())
    {
        let mut text = written(marker.rest);
        for line in &cell[1..] {
            text.push_str(&written(line.trim()));
        }
        return (Some(marker.value.to_string()), text);
    }
    (None, joined_written(cell, written))
}

/// The number cell without its trailing marks (`1.` → `1`, `1*` → `1`).
fn number_text(cell: &str) -> String {
    cell.trim().trim_end_matches(['.', '、', '*']).to_string()
}

/// The units and leaders of a cell under a role or leader column.
fn read_names<'a>(cell: &[&'a str], duty: Duty, kinds: &[Column]) -> Annotation<'a> {
    let mut annotation = Annotation::default();
    let first = cell.first().map_or("", |line| line.trim());
    if lexicon()
        .label_ending(first.split(':').next().unwrap_or(""))
        .is_some()
        && first.contains(':')
    {
        for line in cell {
            annotation.extend(parse_labelled(line));
        }
        return annotation;
    }
    let takes_persons = kinds
        .iter()
        .any(|kind| matches!(kind, Column::Label(Duty::Leader)));
    match duty {
        Duty::Leader if kinds.len() == 1 => {
            for line in cell {
                annotation.leaders.extend(split_leaders(line));
            }
        }
        // 市法制局牵头,市有关单位负责: the verbs tell the roles.
        Duty::Role(role) if cell.iter().any(|line| assigns_by_verb(line)) => {
            for line in cell {
                annotation.extend(parse_role_value(line.trim(), role));
            }
        }
        Duty::Role(role) => {
            for group in name_groups(cell) {
                for name in group {
                    let text = name.text();
                    match name.parts.as_slice() {
                        [only] if takes_persons && is_personal_name(only) => {
                            annotation.leaders.push(only);
                        }
                        [only] if leader_in(&text).is_some() => {
                            annotation.leaders.extend(leader_in(only));
                        }
                        _ => {
                            let role = if name.marked_lead { Role::Lead } else { role };
                            annotation.units.push((role, name));
                        }
                    }
                }
            }
        }
        _ => {}
    }
    annotation
}

/// The names of a cell's lines: a line of its own names, or the pieces of
/// one name broken over lines (市政 / 府办 / 公厅 → 市政府办公厅, 应急管理局 /
/// (安委办) → 应急管理局(安委办)).
fn name_groups<'a>(cell: &[&'a str]) -> Vec<Vec<Name<'a>>> {
    let lexicon = lexicon();
    let lines: Vec<&'a str> = cell
        .iter()
        .map(|line| line.trim())
        .filter(|line| !line.is_empty())
        .collect();
    let mut groups = Vec::new();
    let mut pieces: Vec<&'a str> = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        pieces.push(line);
        let joined = pieces.concat();
        let plain = joined.chars().all(|c| is_han(c) || matches!(c, '(' | ')'));
        let continues = lines.get(index + 1).is_some_and(|next| {
            // After a level's name, a next line of a level's unit is a name of
            // its own (省人口计生 / 省妇联), not the rest (长沙先导 / 区管委会).
            let own_name = joined.starts_with(LEVEL_PREFIXES)
                && next.starts_with(LEVEL_PREFIXES)
                && char_count(next) > FRAGMENT_CHARS
                && lexicon.ends_like_unit(next);
            next.starts_with('(')
                || plain
                    && !own_name
                    && (char_count(line) <= FRAGMENT_CHARS
                        || char_count(next) <= FRAGMENT_CHARS && next.chars().all(is_han)
                        || !lexicon.ends_like_unit(&joined))
        });
        if continues {
            continue;
        }
        match pieces.as_slice() {
            [only] => groups.push(split_names(only)),
            _ => groups.push(vec![Name {
                parts: std::mem::take(&mut pieces).into(),
                marked_lead: false,
            }]),
        }
        pieces.clear();
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells<'a>(texts: &[&'a str]) -> Vec<Cell<'a>> {
        texts.iter().map(|text| vec![*text]).collect()
    }

    fn same(piece: &str) -> String {
        piece.to_string()
    }

    fn task<'a>(columns: &Columns, row_cells: &[Cell<'a>], carried: &mut Carried<'a>) -> TableTask {
        match row(columns, row_cells, None, carried, &same) {
            Row::Task(task) => task,
            other => panic!("not a task row: {other:?}"),
        }
    }

    #[test]
    fn reads_a_task_table() {
        let columns = header(&cells(&[
            "序号",
            "重点任务",
            "牵头单位",
            "责任单位",
            "完成时限",
        ]))
        .expect("header");
        let task = task(
            &columns,
            &cells(&[
                "1",
                "建设人民医院东院区",
                "市卫健委",
                "市住建局、市财政局",
                "2024年12月底",
            ]),
            &mut Carried::default(),
        );
        assert_eq!(task.number.as_deref(), Some("1"));
        assert_eq!(task.text, "建设人民医院东院区");
        assert_eq!(task.assignment.lead, ["市卫健委"]);
        assert_eq!(task.assignment.responsible, ["市住建局", "市财政局"]);
        assert_eq!(task.deadline.as_deref(), Some("2024年12月底"));
    }

    #[test]
    fn leaders_and_persons_beside_units() {
        let columns = header(&cells(&[
            "大类",
            "序号",
            "工作任务",
            "分管市领导",
            "牵头单位及主要负责人",
            "落实进展情况",
        ]))
        .expect("header");
        let mut carried = Carried::default();
        let first = task(
            &columns,
            &cells(&[
                "一、继续提高底线民生保障水平",
                "1",
                "将城镇、农村低保人均最低补差水平提高。",
                "陈宣群",
                "市民政局 伍泽国",
                "已完成。从2020年1月1日起,已将我市城乡低保标准提高。",
            ]),
            &mut carried,
        );
        assert_eq!(first.assignment.lead, ["市民政局"]);
        assert_eq!(first.assignment.leaders, ["陈宣群", "伍泽国"]);
        assert_eq!(
            first.category.as_deref(),
            Some("一、继续提高底线民生保障水平")
        );
        let second = task(
            &columns,
            &cells(&[
                "2",
                "特困供养人员基本生活标准不低于当地最低生活保障标准的1.6倍。",
                "陈宣群",
                "市民政局 伍泽国",
                "已完成。从2020年1月1日起,已提高我市城乡特困人员供养最低标准。",
            ]),
            &mut carried,
        );
        assert_eq!(second.number.as_deref(), Some("2"));
        assert!(second.text.starts_with("特困供养"));
        assert_eq!(second.assignment.lead, ["市民政局"]);
    }

    #[test]
    fn cells_merged_from_the_row_above() {
        let columns = header(&cells(&["牵头单位", "目 标 任 务", "责 任 单 位"])).expect("header");
        let mut carried = Carried::default();
        let first = task(
            &columns,
            &[
                vec!["市政", "府办", "公厅"],
                vec!["强化行政监督,自觉接受人大和政协监督"],
                vec!["市直各单位、各区县市"],
            ],
            &mut carried,
        );
        assert_eq!(first.assignment.lead, ["市政府办公厅"]);
        let second = task(
            &columns,
            &cells(&["推进国家安全工作发展", "市直各单位、各区县市"]),
            &mut carried,
        );
        assert_eq!(second.text, "推进国家安全工作发展");
        assert_eq!(second.assignment.lead, ["市政府办公厅"]);
        assert_eq!(second.assignment.responsible, ["市直各单位", "各区县市"]);
        let third = task(&columns, &cells(&["固定资产投资增长20%"]), &mut carried);
        assert_eq!(third.assignment.responsible, ["市直各单位", "各区县市"]);
    }

    #[test]
    fn heading_rows() {
        let columns = header(&cells(&["序号", "重点任务", "牵头单位"])).expect("header");
        let mut carried = Carried::default();
        assert_eq!(
            row(
                &columns,
                &cells(&["一、稳增长", "", ""]),
                None,
                &mut carried,
                &same
            ),
            Row::Heading("一、稳增长")
        );
        assert_eq!(
            row(&columns, &cells(&["", "", ""]), None, &mut carried, &same),
            Row::Empty
        );
    }

    #[test]
    fn a_row_without_role_columns_is_not_a_header() {
        assert!(header(&cells(&["序号", "重点任务", "完成时限"])).is_none());
        assert!(header(&cells(&["姓名", "职务", "电话"])).is_none());
    }
}
