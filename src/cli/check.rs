//! `zeren check`: review problems, one line each, grouped by file, then a
//! count per kind.

use std::process::ExitCode;

use super::output::{escaped, write_output};
use super::table::{Align, render};
use crate::check::{Level, Problem, check, count_by_kind};
use crate::store::Store;

/// Exit status when an error-level problem is found.
const EXIT_PROBLEMS: u8 = 1;

/// Prints the problems of `store`; exit status 1 when one is an error.
pub fn run(store: &Store) -> anyhow::Result<ExitCode> {
    let problems = check(store);
    let text = report(&problems);
    write_output(None, |out| out.write_all(text.as_bytes()))?;
    if problems.iter().any(|problem| problem.level == Level::Error) {
        Ok(ExitCode::from(EXIT_PROBLEMS))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// The report: `SOURCE:LINE: level: message [task N]` lines with a blank line
/// between files, then a summary.
pub fn report(problems: &[Problem]) -> String {
    if problems.is_empty() {
        return "no problems found\n".to_string();
    }
    let mut out = String::new();
    let mut previous_source: Option<&str> = None;
    for problem in problems {
        if previous_source.is_some_and(|source| source != problem.source) {
            out.push('\n');
        }
        previous_source = Some(&problem.source);
        out.push_str(&problem_line(problem));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&summary(problems));
    out
}

fn problem_line(problem: &Problem) -> String {
    let source = escaped(&problem.source);
    let place = match problem.line {
        Some(line) => format!("{source}:{line}"),
        None => source.into_owned(),
    };
    let task = problem
        .task
        .map(|task| format!(" [task {task}]"))
        .unwrap_or_default();
    format!(
        "{place}: {}: {}{task}",
        problem.level.name(),
        escaped(&problem.message)
    )
}

fn summary(problems: &[Problem]) -> String {
    let count = |level: Level| problems.iter().filter(|p| p.level == level).count();
    let mut out = format!(
        "{} problems: {} errors, {} warnings, {} info\n\n",
        problems.len(),
        count(Level::Error),
        count(Level::Warning),
        count(Level::Info)
    );
    let rows: Vec<Vec<String>> = count_by_kind(problems)
        .into_iter()
        .map(|(kind, count)| {
            vec![
                kind.name().to_string(),
                kind.level().name().to_string(),
                count.to_string(),
            ]
        })
        .collect();
    out.push_str(&render(
        &["kind", "level", "count"],
        &[Align::Left, Align::Left, Align::Right],
        &rows,
    ));
    out
}
