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
use std::process::ExitCode;

use crate::departments::DepartmentTable;
use crate::store::{Filter, Store};

/// Exit status when nothing could be loaded or written.
const EXIT_FAILURE: u8 = 1;

/// Runs the command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitCode {
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
    match cli.command {
        Some(Command::Export(args)) => {
            let store = load_or_fail(&args.input.paths)?;
            let filter = args.filters.to_filter(&store);
            let outcome = export::run(&store, &filter, &args);
            leave_to_exit(store);
            outcome.map(|()| ExitCode::SUCCESS)
        }
        Some(Command::Check(args)) => {
            let store = load_or_fail(&args.input.paths)?;
            let outcome = check::run(&store);
            leave_to_exit(store);
            outcome
        }
        Some(Command::Stats(args)) => {
            let store = load_or_fail(&args.input.paths)?;
            let filter = args.filters.to_filter(&store);
            let outcome = stats::run(&store, &filter, &args);
            leave_to_exit(store);
            outcome.map(|()| ExitCode::SUCCESS)
        }
        None => dashboard::run(&cli.dashboard),
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
fn load_or_fail(paths: &[std::path::PathBuf]) -> anyhow::Result<Store> {
    let table = department_table();
    let store = progress::load_showing_progress(paths, &table);
    report_and_require_documents(&store)?;
    Ok(store)
}

/// Prints the load warnings; fails when no document could be loaded.
fn report_and_require_documents(store: &Store) -> anyhow::Result<()> {
    report_warnings(store);
    anyhow::ensure!(!store.documents().is_empty(), "no document could be loaded");
    Ok(())
}

/// The built-in department table, extended with the user's
/// `departments.tsv` in the config folder when there is one; a user file that
/// cannot be used is reported and left out.
fn department_table() -> Cow<'static, DepartmentTable> {
    let builtin = DepartmentTable::builtin();
    let Some(path) = crate::paths::config_dir()
        .map(|dir| dir.join("departments.tsv"))
        .filter(|path| path.exists())
    else {
        return Cow::Borrowed(builtin);
    };
    match DepartmentTable::with_user_file(&path) {
        Ok(table) => Cow::Owned(table),
        Err(error) => {
            let error = anyhow::Error::from(error);
            output::warn(format_args!(
                "{error:#}; using the built-in department table"
            ));
            crate::logfile::note(&format!("{error:#}; using the built-in department table"));
            Cow::Borrowed(builtin)
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
            "{parse_warnings} parse warnings (listed in the export's \"warnings\")"
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
