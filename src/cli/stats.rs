//! `zeren stats`: counts per city and per department.

use super::output::{self, escaped};
use super::table::{Align, render};
use crate::stats::{city_counts, department_counts};
use crate::store::{Filter, Store};

/// Prints the counts of the filtered tasks.
pub fn run(store: &Store, filter: &Filter) -> anyhow::Result<()> {
    if let Some(problem) = super::describe_empty(filter) {
        output::warn(problem);
    }
    let tasks = store.filter(filter);
    output::print(&report(store, &tasks))
}

/// The stats report for `tasks`: a city table, then a department table.
pub fn report(store: &Store, tasks: &[crate::store::TaskId]) -> String {
    let city_rows: Vec<Vec<String>> = city_counts(store, tasks)
        .into_iter()
        .map(|counts| {
            let name = counts.city.map_or("(unknown)", |city| {
                store.cities()[city as usize].name.as_str()
            });
            vec![
                escaped(name).into_owned(),
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
            "city",
            "documents",
            "tasks",
            "named lead",
            "inferred lead",
            "no unit",
        ],
        &[Align::Left, right, right, right, right, right],
        &city_rows,
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
