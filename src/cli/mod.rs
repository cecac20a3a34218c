//! The command line: `zeren [PATH]...`, `zeren export`, `zeren stats`,
//! `zeren check`.

mod args;
mod check;
mod choice;
mod dashboard;
mod export;
mod output;
mod progress;
mod stats;
mod table;

pub use args::{Cli, Command};

use std::borrow::Cow;
use std::path::PathBuf;
use std::process::ExitCode;

use output::escaped;

use crate::departments::DepartmentTable;
use crate::input::EXTENSIONS;
use crate::store::{Filter, Store, StoreWarning};
use crate::tui::i18n::Lang;

/// Exit status when nothing could be loaded or written.
const EXIT_FAILURE: u8 = 1;

/// Exit status for bad usage.
const EXIT_USAGE: u8 = 2;

/// Runs the command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
    if let Some(error) = args::mistyped_command(&cli) {
        // Printing the usage can only fail when stderr is gone.
        let _ = error.print();
        return ExitCode::from(EXIT_USAGE);
    }
    match execute(cli) {
        Ok(code) => code,
        Err(error) if error.is::<output::ClosedOutput>() => {
            ExitCode::from(output::EXIT_CLOSED_OUTPUT)
        }
        Err(error) => {
            output::error(format_args!("{error:#}"));
            ExitCode::from(EXIT_FAILURE)
        }
    }
}

fn execute(cli: Cli) -> anyhow::Result<ExitCode> {
    let lang = Lang::chosen(cli.lang);
    match cli.command {
        Some(Command::Export(args)) => {
            let store = load_or_fail(&args.input.paths)?;
            let filter = args.filters.to_filter(&store);
            let outcome = export::run(&store, &filter, &args, lang);
            leave_to_exit(store);
            outcome.map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Check(args)) => {
            let store = load_or_fail(&args.input.paths)?;
            let outcome = check::run(&store, lang);
            leave_to_exit(store);
            outcome
        }
        Some(Command::Stats(args)) => {
            let store = load_or_fail(&args.input.paths)?;
            let filter = args.filters.to_filter(&store);
            let outcome = stats::run(&store, &filter, &args, lang);
            leave_to_exit(store);
            outcome.map(|()| ExitCode::SUCCESS)
        }
        None => dashboard::run(&cli.dashboard, lang),
    }
}

/// Leaves the store's memory to the operating system, which takes it back
/// at exit all at once: freeing a million tasks one allocation at a time
/// took 3 % of a `zeren stats` of 10,000 documents.
fn leave_to_exit(store: Store) {
    std::mem::forget(store);
}

/// Loads the store (with a progress bar on a terminal when it takes a
/// while), printing load warnings on stderr; fails when no document could be
/// loaded.
fn load_or_fail(paths: &[PathBuf]) -> anyhow::Result<Store> {
    let (table, problems) = department_table();
    for problem in &problems {
        output::warn(format_args!("{}: {}", problem.source, problem.message));
    }
    let store = progress::load_showing_progress(paths, &table);
    report_and_require_documents(&store, paths)?;
    Ok(store)
}

/// Prints the load warnings; fails when no document could be loaded, saying
/// where it looked and for what.
fn report_and_require_documents(store: &Store, paths: &[PathBuf]) -> anyhow::Result<()> {
    report_warnings(store);
    if !store.documents().is_empty() {
        return Ok(());
    }
    let places: Vec<String> = paths
        .iter()
        .map(|path| escaped(&path.to_string_lossy()).into_owned())
        .collect();
    let places = places.join(", ");
    if store.warnings().is_empty() {
        let extensions: Vec<String> = EXTENSIONS
            .iter()
            .map(|(extension, _)| format!(".{extension}"))
            .collect();
        anyhow::bail!(
            "no document found in {places}: zeren reads {} files",
            extensions.join(" ")
        );
    }
    anyhow::bail!("no document could be loaded from {places} (see the warnings above)")
}

/// The built-in department table, extended with the user's
/// `departments.tsv` in the config folder when there is one, and the
/// problems of that file: a line that cannot be used is left out, naming
/// its line; the other lines apply. A file that cannot be read at all is
/// left out whole.
pub(crate) fn department_table() -> (Cow<'static, DepartmentTable>, Vec<StoreWarning>) {
    let builtin = DepartmentTable::builtin();
    let Some(path) = crate::paths::config_dir()
        .map(|dir| dir.join("departments.tsv"))
        .filter(|path| path.exists())
    else {
        return (Cow::Borrowed(builtin), Vec::new());
    };
    let source = path.display().to_string();
    let problems = |message: String| {
        crate::logfile::note(&format!("{source}: {message}"));
        StoreWarning {
            source: source.clone(),
            document: None,
            message,
        }
    };
    match DepartmentTable::with_user_file(&path) {
        Ok((table, bad_lines)) => {
            let warnings = bad_lines
                .into_iter()
                .map(|bad| {
                    problems(format!(
                        "line {}: {}; the line is left out",
                        bad.line, bad.problem
                    ))
                })
                .collect();
            (Cow::Owned(table), warnings)
        }
        Err(error) => {
            let error = anyhow::Error::from(error);
            let warning = problems(format!("{error:#}; using the built-in department table"));
            (Cow::Borrowed(builtin), vec![warning])
        }
    }
}

/// Prints file problems one per line and parse problems as a count.
fn report_warnings(store: &Store) {
    let mut parse_warnings = 0;
    for warning in store.warnings() {
        if warning.document.is_some() {
            parse_warnings += 1;
        } else {
            output::warn(format_args!("{}: {}", warning.source, warning.message));
        }
    }
    if parse_warnings > 0 {
        output::note(format_args!(
            "{} (listed in the export's \"warnings\")",
            crate::tui::i18n::counted(
                Lang::En,
                parse_warnings,
                crate::tui::i18n::Noun::ParseWarning
            )
        ));
    }
}

/// Why a filter of the shared options can match nothing, if it can't.
fn describe_empty(filter: &Filter) -> Option<&'static str> {
    if filter
        .places
        .as_ref()
        .is_some_and(|places| places.places.is_empty())
    {
        return Some("no city matches --city");
    }
    if filter
        .departments
        .iter()
        .any(|condition| condition.departments.is_empty())
    {
        return Some("no department matches --dept");
    }
    None
}
