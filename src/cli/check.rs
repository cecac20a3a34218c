//! `zeren check`: review problems, one line each, grouped by file, then a
//! count per kind, worded in the chosen language.

use std::process::ExitCode;

use super::output::{escaped, write_output};
use super::table::{Align, render};
use crate::check::{Level, Problem, check, count_by_kind};
use crate::store::Store;
use crate::tui::i18n::{Lang, Noun, counted, kind_name, problem_message};

/// Exit status when an error-level problem is found.
const EXIT_PROBLEMS: u8 = 1;

/// Prints the problems of `store`; exit status 1 when one is an error.
pub fn run(store: &Store, lang: Lang) -> anyhow::Result<ExitCode> {
    let problems = check(store);
    let text = report(store, &problems, lang);
    write_output(None, |out| out.write_all(text.as_bytes()))?;
    if problems.iter().any(|problem| problem.level == Level::Error) {
        Ok(ExitCode::from(EXIT_PROBLEMS))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// The report: `SOURCE:LINE: level: message [task N]` lines with a blank line
/// between files, then a summary.
pub fn report(store: &Store, problems: &[Problem], lang: Lang) -> String {
    if problems.is_empty() {
        return format!("{}\n", lang.pick("no problems found", "没有发现问题"));
    }
    let mut out = String::new();
    let mut previous_source: Option<&str> = None;
    for problem in problems {
        if previous_source.is_some_and(|source| source != problem.source) {
            out.push('\n');
        }
        previous_source = Some(&problem.source);
        out.push_str(&problem_line(store, problem, lang));
        out.push('\n');
    }
    out.push('\n');
    out.push_str(&summary(problems, lang));
    out
}

fn problem_line(store: &Store, problem: &Problem, lang: Lang) -> String {
    let source = escaped(&problem.source);
    let place = match problem.line {
        Some(line) => format!("{source}:{line}"),
        None => source.into_owned(),
    };
    let task = problem
        .task
        .map(|task| lang.pick(format!(" [task {task}]"), format!(" [任务 {task}]")))
        .unwrap_or_default();
    format!(
        "{place}: {}: {}{task}",
        lang.labels().level(problem.level),
        escaped(&problem_message(problem, store, lang, true))
    )
}

fn summary(problems: &[Problem], lang: Lang) -> String {
    let count = |level: Level, noun: Noun| {
        counted(
            lang,
            problems.iter().filter(|p| p.level == level).count(),
            noun,
        )
    };
    let (all, errors, warnings, infos) = (
        counted(lang, problems.len(), Noun::Problem),
        count(Level::Error, Noun::Error),
        count(Level::Warning, Noun::Warning),
        count(Level::Info, Noun::Info),
    );
    let mut out = lang.pick(
        format!("{all}: {errors}, {warnings}, {infos}\n\n"),
        format!("{all}:{errors},{warnings},{infos}\n\n"),
    );
    let labels = lang.labels();
    let rows: Vec<Vec<String>> = count_by_kind(problems)
        .into_iter()
        .map(|(kind, count)| {
            vec![
                kind_name(kind, lang).to_string(),
                labels.level(kind.level()).to_string(),
                count.to_string(),
            ]
        })
        .collect();
    let headers = lang.pick(["kind", "level", "count"], ["类别", "级别", "数量"]);
    out.push_str(&render(
        &headers,
        &[Align::Left, Align::Left, Align::Right],
        &rows,
    ));
    out
}
