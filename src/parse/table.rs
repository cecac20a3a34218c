//! Task tables (任务分解表): a header row such as
//! `序号 | 重点任务 | 牵头单位 | 责任单位 | 完成时限` and one task per row.

use super::annotation::{RoleWord, column_role, parse_cell};
use super::numbering::{self, NumberStyle};
use crate::model::{Assignment, Role};

/// Headers of the column holding the task's number.
const NUMBER_HEADERS: [&str; 4] = ["序号", "编号", "序", "号"];

/// Headers of columns holding the task's text, strongest first.
const TASK_HEADERS: [&str; 18] = [
    "工作任务",
    "重点任务",
    "主要任务",
    "具体任务",
    "任务内容",
    "目标任务",
    "重点工作",
    "工作内容",
    "工作措施",
    "具体措施",
    "主要措施",
    "任务举措",
    "主要举措",
    "工作事项",
    "重点事项",
    "主要内容",
    "任务",
    "内容",
];

/// Headers of the column holding the deadline.
const DEADLINE_HEADERS: [&str; 8] = [
    "完成时限",
    "时间节点",
    "完成时间",
    "完成期限",
    "时限",
    "时间要求",
    "进度安排",
    "时间",
];

/// Headers of a column grouping rows into sections.
const CATEGORY_HEADERS: [&str; 6] = ["类别", "领域", "分类", "板块", "方面", "项目类别"];

/// What each column of a task table holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    number: Option<usize>,
    text: Vec<usize>,
    roles: Vec<(usize, RoleWord)>,
    deadline: Option<usize>,
    category: Option<usize>,
}

/// One row of a task table, read through its columns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A row that only names a section: `一、稳增长` spanning the table.
    Heading(String),
    /// A task row.
    Task(TableTask),
    /// A row with nothing to read.
    Empty,
}

/// A task read from a table row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableTask {
    pub category: Option<String>,
    pub number: Option<String>,
    pub text: String,
    pub assignment: Assignment,
    pub deadline: Option<String>,
}

/// Recognises a header row: at least one task column and one role column.
pub fn header(cells: &[&str]) -> Option<Columns> {
    let mut columns = Columns {
        number: None,
        text: Vec::new(),
        roles: Vec::new(),
        deadline: None,
        category: None,
    };
    for (index, cell) in cells.iter().enumerate() {
        let cell = compact(cell);
        if cell.is_empty() || cell.chars().count() > 12 {
            continue;
        }
        if let Some(role) = column_role(&cell) {
            columns.roles.push((index, role));
        } else if NUMBER_HEADERS.contains(&cell.as_str()) {
            columns.number.get_or_insert(index);
        } else if DEADLINE_HEADERS.iter().any(|h| cell.contains(h)) {
            columns.deadline.get_or_insert(index);
        } else if CATEGORY_HEADERS.iter().any(|h| cell.contains(h)) {
            columns.category.get_or_insert(index);
        } else if TASK_HEADERS.iter().any(|h| cell.contains(h)) {
            columns.text.push(index);
        }
    }
    let has_lead = columns
        .roles
        .iter()
        .any(|(_, role)| *role == RoleWord::Plain(Role::Lead));
    if has_lead {
        columns
            .roles
            .retain(|(_, role)| *role != RoleWord::LeadIfAlone);
    }
    (!columns.text.is_empty() && !columns.roles.is_empty()).then_some(columns)
}

/// Header cells with spaces removed (`牵 头 单 位` → `牵头单位`).
fn compact(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect()
}

/// Reads one data row through the header's columns.
pub fn row(columns: &Columns, cells: &[&str]) -> Row {
    let cell = |index: Option<usize>| {
        index
            .and_then(|index| cells.get(index))
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
    };
    let filled: Vec<(usize, &str)> = cells
        .iter()
        .map(|cell| cell.trim())
        .enumerate()
        .filter(|(_, cell)| !cell.is_empty())
        .collect();
    if filled.is_empty() {
        return Row::Empty;
    }
    if let Some(heading) = heading_row(columns, &filled) {
        return Row::Heading(heading);
    }
    let text = columns
        .text
        .iter()
        .filter_map(|index| cell(Some(*index)))
        .collect::<Vec<_>>()
        .join(" ");
    if text.is_empty() {
        return Row::Empty;
    }
    let mut assignment = Assignment::default();
    for (index, role) in &columns.roles {
        if let Some(units) = cell(Some(*index)) {
            assignment.merge(&parse_cell(units, *role));
        }
    }
    Row::Task(TableTask {
        category: cell(columns.category).map(str::to_string),
        number: cell(columns.number).map(number_text),
        text,
        assignment,
        deadline: cell(columns.deadline).map(str::to_string),
    })
}

/// A row whose only content is a numbered heading (一、 or (一)), or one short
/// cell outside the task columns (a merged row naming a group).
fn heading_row(columns: &Columns, filled: &[(usize, &str)]) -> Option<String> {
    let (index, first) = *filled.first()?;
    if filled.iter().any(|(_, cell)| *cell != first) {
        return None;
    }
    let is_numbered_heading = numbering::marker(first).is_some_and(|marker| {
        matches!(
            marker.style,
            NumberStyle::Part | NumberStyle::ChineseComma | NumberStyle::ChineseParen
        )
    });
    let outside_text = !columns.text.contains(&index) || filled.len() > 1;
    (is_numbered_heading || (outside_text && first.chars().count() <= 40))
        .then(|| first.to_string())
}

/// The number cell without its trailing separator (`1.` → `1`).
fn number_text(cell: &str) -> String {
    cell.trim_end_matches(['.', '、']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_task_table() {
        let columns =
            header(&["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]).expect("header");
        let Row::Task(task) = row(
            &columns,
            &[
                "1",
                "建设人民医院东院区",
                "市卫健委",
                "市住建局、市财政局",
                "2024年12月底",
            ],
        ) else {
            panic!("not a task row");
        };
        assert_eq!(task.number.as_deref(), Some("1"));
        assert_eq!(task.text, "建设人民医院东院区");
        assert_eq!(task.assignment.lead, ["市卫健委"]);
        assert_eq!(task.assignment.responsible, ["市住建局", "市财政局"]);
        assert_eq!(task.deadline.as_deref(), Some("2024年12月底"));
    }

    #[test]
    fn spaced_headers_and_cooperating_columns() {
        let columns = header(&["序 号", "工作任务", "牵头部门", "配合部门"]).expect("header");
        let Row::Task(task) = row(&columns, &["2", "推进", "市人社局", "市财政局 市教育局"])
        else {
            panic!("not a task row");
        };
        assert_eq!(task.assignment.cooperating, ["市财政局", "市教育局"]);
    }

    #[test]
    fn heading_rows() {
        let columns = header(&["序号", "重点任务", "牵头单位"]).expect("header");
        assert_eq!(
            row(&columns, &["一、稳增长", "", ""]),
            Row::Heading("一、稳增长".to_string())
        );
        assert_eq!(row(&columns, &["", "", ""]), Row::Empty);
    }

    #[test]
    fn a_row_without_role_columns_is_not_a_header() {
        assert!(header(&["序号", "重点任务", "完成时限"]).is_none());
        assert!(header(&["姓名", "职务", "电话"]).is_none());
    }
}
