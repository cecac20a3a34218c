//! `zeren stats`: counts per place (as a tree) and per department, or with
//! `--by place` departments × places.

use super::args::{StatsArgs, StatsBy};
use super::output::{self, escaped};
use super::table::{Align, render};
use crate::compare::{Matrix, matrix};
use crate::stats::{department_counts, place_counts};
use crate::store::{Filter, RoleFilter, Store, TaskId};

/// The name of the documents whose place is unknown.
const UNKNOWN_PLACE: &str = "(unknown)";

/// Indentation of a place under its parent, per level.
const INDENT: &str = "  ";

/// Prints the counts of the filtered tasks.
pub fn run(store: &Store, filter: &Filter, args: &StatsArgs) -> anyhow::Result<()> {
    if let Some(problem) = super::describe_empty(filter) {
        output::warn(problem);
    }
    let tasks = store.filter(filter);
    let text = match args.by {
        Some(StatsBy::Place) => {
            let role = args.filters.role.unwrap_or(RoleFilter::Lead);
            compare_report(store, &matrix(store, &tasks, role))
        }
        None => report(store, &tasks),
    };
    output::print(&text)
}

/// The stats report for `tasks`: a place table (a province, its cities
/// indented under it, their counties under them), then a department table.
pub fn report(store: &Store, tasks: &[TaskId]) -> String {
    let places = store.places();
    let place_rows: Vec<Vec<String>> = place_counts(store, tasks)
        .into_iter()
        .map(|counts| {
            let name = counts.place.map_or_else(
                || UNKNOWN_PLACE.to_owned(),
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
                department.kind.name().to_string(),
                counts.lead.to_string(),
                counts.lead_inferred.to_string(),
                counts.responsible.to_string(),
                counts.cooperating.to_string(),
                counts.tasks.to_string(),
            ]
        })
        .collect();
    let right = Align::Right;
    let mut out = format!("{} tasks\n\n", tasks.len());
    out.push_str(&render(
        &[
            "place",
            "documents",
            "tasks",
            "named lead",
            "inferred lead",
            "no unit",
        ],
        &[Align::Left, right, right, right, right, right],
        &place_rows,
    ));
    out.push('\n');
    out.push_str(&render(
        &[
            "department",
            "kind",
            "lead",
            "inferred",
            "responsible",
            "cooperating",
            "tasks",
        ],
        &[Align::Left, Align::Left, right, right, right, right, right],
        &dept_rows,
    ));
    out
}

/// Departments × places: a row per department, most tasks first; a column
/// per place that issued documents, in tree order; the total last.
pub fn compare_report(store: &Store, matrix: &Matrix) -> String {
    let mut headers: Vec<String> = vec![format!("department ({})", role_words(matrix.role))];
    headers.extend(matrix.places.iter().map(|&place| match place {
        Some(place) => escaped(&store.places().get(place).name).into_owned(),
        None => UNKNOWN_PLACE.to_owned(),
    }));
    headers.push("total".to_owned());
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
fn role_words(role: RoleFilter) -> &'static str {
    match role {
        RoleFilter::Lead => "tasks led",
        RoleFilter::Responsible => "tasks responsible for",
        RoleFilter::Cooperating => "tasks cooperating on",
        RoleFilter::Any => "tasks in any role",
    }
}
