//! `zeren stats`: counts per place (as a tree) and per department, or with
//! `--by place` departments × places.

use super::args::{StatsArgs, StatsBy};
use super::output::{self, escaped};
use super::table::{Align, render};
use crate::compare::{Matrix, matrix};
use crate::stats::{department_counts, place_counts};
use crate::store::{Filter, RoleFilter, Store, TaskId};
use crate::tui::i18n::{Lang, Noun, counted};

/// Indentation of a place under its parent, per level.
const INDENT: &str = "  ";

/// Prints the counts of the filtered tasks, worded in `lang`.
pub fn run(store: &Store, filter: &Filter, args: &StatsArgs, lang: Lang) -> anyhow::Result<()> {
    if let Some(problem) = super::describe_empty(filter) {
        output::warn(problem);
    }
    let tasks = store.filter(filter);
    let text = match args.by {
        Some(StatsBy::Place) => {
            let role = args.filters.role.unwrap_or(RoleFilter::Lead);
            compare_report(store, &matrix(store, &tasks, role), lang)
        }
        None => report(store, &tasks, lang),
    };
    output::print(&text)
}

/// The stats report for `tasks`: a place table (a province, its cities
/// indented under it, their counties under them), then a department table.
pub fn report(store: &Store, tasks: &[TaskId], lang: Lang) -> String {
    let places = store.places();
    let unknown = unknown_place(lang);
    let place_rows: Vec<Vec<String>> = place_counts(store, tasks)
        .into_iter()
        .map(|counts| {
            let name = counts.place.map_or_else(
                || unknown.to_owned(),
                |place| {
                    let node = places.get(place);
                    format!("{}{}", INDENT.repeat(node.depth), node.name)
                },
            );
            vec![
                escaped(&name).into_owned(),
                counts.documents.to_string(),
                counts.tasks.to_string(),
                counts.named_lead.to_string(),
                counts.inferred_lead.to_string(),
                counts.no_unit.to_string(),
            ]
        })
        .collect();
    let dept_rows: Vec<Vec<String>> = department_counts(store, tasks)
        .into_iter()
        .map(|counts| {
            let department = store.departments().get(counts.dept);
            vec![
                escaped(&department.canonical).into_owned(),
                lang.pick(department.kind.name(), department.kind.label())
                    .to_string(),
                counts.lead.to_string(),
                counts.lead_inferred.to_string(),
                counts.responsible.to_string(),
                counts.cooperating.to_string(),
                counts.tasks.to_string(),
            ]
        })
        .collect();
    let right = Align::Right;
    let mut out = format!("{}\n\n", counted(lang, tasks.len(), Noun::Task));
    out.push_str(&render(
        &lang.pick(
            [
                "place",
                "documents",
                "tasks",
                "named lead",
                "inferred lead",
                "no unit",
            ],
            ["地区", "文件", "任务", "列明牵头", "推定牵头", "未列明单位"],
        ),
        &[Align::Left, right, right, right, right, right],
        &place_rows,
    ));
    out.push('\n');
    out.push_str(&render(
        &lang.pick(
            [
                "department",
                "kind",
                "lead",
                "inferred",
                "responsible",
                "cooperating",
                "tasks",
            ],
            ["部门", "类型", "牵头", "推定牵头", "责任", "配合", "任务"],
        ),
        &[Align::Left, Align::Left, right, right, right, right, right],
        &dept_rows,
    ));
    out
}

/// Departments × places: a row per department, most tasks first; a column
/// per place that issued documents, in tree order; the total last.
pub fn compare_report(store: &Store, matrix: &Matrix, lang: Lang) -> String {
    let mut headers: Vec<String> = vec![format!(
        "{} ({})",
        lang.pick("department", "部门"),
        role_words(matrix.role, lang)
    )];
    headers.extend(matrix.places.iter().map(|&place| match place {
        Some(place) => escaped(&store.places().get(place).name).into_owned(),
        None => unknown_place(lang).to_owned(),
    }));
    headers.push(lang.labels().total.to_owned());
    let rows: Vec<Vec<String>> = matrix
        .rows
        .iter()
        .map(|row| {
            let name = &store.departments().get(row.dept).canonical;
            let mut cells = vec![escaped(name).into_owned()];
            cells.extend(
                (0..matrix.places.len()).map(|column| match row.cell(column) {
                    0 => ".".to_owned(),
                    count => count.to_string(),
                }),
            );
            cells.push(row.total.to_string());
            cells
        })
        .collect();
    let mut align = vec![Align::Left];
    align.extend(std::iter::repeat_n(Align::Right, matrix.places.len() + 1));
    let header_refs: Vec<&str> = headers.iter().map(String::as_str).collect();
    render(&header_refs, &align, &rows)
}

/// What the matrix counts, in words.
fn role_words(role: RoleFilter, lang: Lang) -> &'static str {
    match role {
        RoleFilter::Lead => lang.pick("tasks led", "牵头任务"),
        RoleFilter::Responsible => lang.pick("tasks responsible for", "责任任务"),
        RoleFilter::Cooperating => lang.pick("tasks cooperating on", "配合任务"),
        RoleFilter::Any => lang.pick("tasks in any role", "任意角色任务"),
    }
}

/// The name of the documents whose place is unknown.
fn unknown_place(lang: Lang) -> &'static str {
    lang.pick("(unknown)", "(未知)")
}
