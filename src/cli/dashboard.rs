//! `zeren [PATH]...`: the dashboard, started with the shared filters set.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use super::args::{DashboardArgs, FilterArgs};
use super::choice::{choose_departments, choose_places};
use crate::load::load_with_progress;
use crate::review::{Book, OpenWarning, Places, Review, reviewer_name};

/// The review of the loaded documents and the files it is saved to, and the
/// message for the status line.
type OpenedReview = (Option<(Review, Vec<Book>)>, Option<String>);
use crate::store::{RoleFilter, Store, StoreWarning};
use crate::tui::filters::{DeptChoice, Filters, PlaceChoice};
use crate::tui::i18n::Lang;
use crate::tui::keymap::Keymap;
use crate::tui::loading::Loading;
use crate::tui::theme::Theme;
use crate::tui::{self, Options, Screen, received_signal};

/// The user's keymap file, when there is a config folder.
fn user_keymap_path() -> Option<PathBuf> {
    crate::paths::config_dir().map(|dir| dir.join("keymap.toml"))
}

/// How long loading may take before the dashboard opens on a gauge.
const PATIENCE: Duration = Duration::from_millis(300);

/// Loads the documents and opens the dashboard over them; a load that takes
/// longer than a moment shows a gauge in the dashboard meanwhile. Fails when
/// no document could be loaded, or when `--review FILE` is not a review file.
pub fn run(args: &DashboardArgs, lang: Lang) -> anyhow::Result<ExitCode> {
    let theme = Theme::new(Theme::no_color_requested(
        std::env::var("NO_COLOR").ok().as_deref(),
    ));
    let (keymap, mut config_warnings) = keymap();
    let paths = args.input.paths.clone();
    let (table, table_warnings) = super::department_table();
    config_warnings.extend(table_warnings);
    for warning in &config_warnings {
        crate::logfile::note(&format!("{}: {}", warning.source, warning.message));
    }
    let loading = Loading::start(move |report| load_with_progress(&paths, &table, report))?;
    let (store, screen) = match loading.wait(PATIENCE)? {
        Ok(store) => (store, None),
        Err(loading) => {
            let mut screen = Screen::start()?;
            match loading.show(&mut screen, &keymap, lang, &theme)? {
                Some(store) => (store, Some(screen)),
                None => return Ok(exit_code(received_signal())),
            }
        }
    };
    let print = screen.is_none();
    let screen = match screen {
        Some(screen) if !store.documents().is_empty() => screen,
        screen => {
            // On the normal screen, where the warnings can be read.
            drop(screen);
            super::report_and_require_documents(&store, &args.input.paths)?;
            Screen::start()?
        }
    };
    let filters = initial_filters(&store, &args.filters);
    let (review, message) = match open_review(&store, args, print) {
        Ok(opened) => opened,
        Err(error) => {
            drop(screen);
            return Err(error);
        }
    };
    let ended = tui::run(
        screen,
        store,
        Options {
            lang,
            theme,
            keymap,
            filters,
            review,
            paths: args.input.paths.clone(),
            message,
            config_warnings,
        },
    )?;
    report_unsaved(&ended.unsaved);
    Ok(exit_code(ended.signal))
}

/// The keymap: the built-in one with the user's file laid over it, and the
/// lines of that file that could not be used (shown by `w`).
fn keymap() -> (Keymap, Vec<StoreWarning>) {
    let Some(path) = user_keymap_path().filter(|path| path.exists()) else {
        return (Keymap::builtin(), Vec::new());
    };
    let source = path.display().to_string();
    let warning = |message: String| StoreWarning {
        source: source.clone(),
        document: None,
        message,
    };
    match Keymap::with_user_file(&path) {
        Ok((keymap, bad)) => {
            let warnings = bad
                .into_iter()
                .map(|bad| {
                    warning(format!(
                        "line {}: {}; the line is left out",
                        bad.line, bad.problem
                    ))
                })
                .collect();
            (keymap, warnings)
        }
        Err(error) => (
            Keymap::builtin(),
            vec![warning(format!("{error}; using the default keys"))],
        ),
    }
}

/// 0, or 128 + the signal that ended the dashboard.
fn exit_code(signal: Option<i32>) -> ExitCode {
    match signal {
        Some(signal) => ExitCode::from(u8::try_from(128 + signal).unwrap_or(1)),
        None => ExitCode::SUCCESS,
    }
}

/// Says which marks could not be saved before quitting, and where they were
/// kept instead.
fn report_unsaved(unsaved: &crate::review::saver::Unsaved) {
    if unsaved.changes.is_empty() {
        return;
    }
    for error in &unsaved.errors {
        super::output::warn(error);
    }
    match crate::review::rescue::keep(&unsaved.changes) {
        Some(path) => super::output::warn(format_args!(
            "{} mark changes could not be saved; they are kept in {}",
            unsaved.changes.len(),
            path.display()
        )),
        None => super::output::warn(format_args!(
            "{} mark changes could not be saved",
            unsaved.changes.len()
        )),
    }
}

/// The review files of each document (`--review FILE`, or the defaults);
/// the problems met opening them are reported (on stderr too when
/// `print`). A `--review FILE` that zeren must leave alone is an error.
fn open_review(store: &Store, args: &DashboardArgs, print: bool) -> anyhow::Result<OpenedReview> {
    let places = Places::new(store, &args.input.paths, args.review.as_deref());
    if places.books.is_empty() {
        return Ok((None, None));
    }
    let reviewer = reviewer_name(args.reviewer.as_deref());
    let (review, books, warnings) = Review::open(store, places, &reviewer);
    let mut messages = Vec::new();
    for warning in warnings {
        if args.review.is_some() && matches!(warning, OpenWarning::Refused { .. }) {
            anyhow::bail!("{warning}");
        }
        if print {
            super::output::warn(&warning);
        }
        crate::logfile::note(&warning.to_string());
        messages.push(warning.to_string());
    }
    let message = (!messages.is_empty()).then(|| messages.join("; "));
    Ok((Some((review, books)), message))
}

/// The dashboard filters the command-line options ask for; which
/// department each `--dept` was taken to mean goes to stderr.
fn initial_filters(store: &Store, args: &FilterArgs) -> Filters {
    let mut filters = Filters::default();
    if let Some(text) = &args.city {
        let places = choose_places(store, text);
        if !places.is_empty() {
            filters.set_place(PlaceChoice {
                label: text.clone(),
                places,
                own_only: false,
            });
        }
    }
    let choices = choose_departments(store, &args.dept);
    for note in &choices.notes {
        super::output::note(note);
    }
    if !choices.chosen.is_empty() {
        let labels: Vec<String> = choices
            .chosen
            .iter()
            .map(|(_, group)| group.describe(store))
            .collect();
        let mut departments: Vec<_> = choices
            .chosen
            .iter()
            .flat_map(|(_, group)| group.departments.iter().copied())
            .collect();
        departments.sort_unstable();
        departments.dedup();
        let choice = DeptChoice {
            label: labels.join(", "),
            departments,
        };
        filters.narrow_department(choice, args.role());
    }
    if choices.chosen.is_empty() && args.role() != RoleFilter::Any {
        while filters.role() != args.role() {
            filters.cycle_role();
        }
    }
    if let Some(query) = &args.query {
        filters.begin_query();
        filters.set_query(query);
    }
    filters
}
