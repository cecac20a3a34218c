//! `zeren [PATH]...`: the dashboard, started with the shared filters set.

use std::path::PathBuf;
use std::time::Duration;

use super::args::{DashboardArgs, FilterArgs};
use crate::load::load_with_progress;
use crate::review::{Review, ReviewBook, default_review_path};
use crate::store::Store;
use crate::tui::app::ReviewState;
use crate::tui::filters::{DeptChoice, Filters};
use crate::tui::i18n::Lang;
use crate::tui::keymap::Keymap;
use crate::tui::loading::Loading;
use crate::tui::theme::Theme;
use crate::tui::{self, Options, Screen};

/// The user's keymap file, when there is a config folder.
fn user_keymap_path() -> Option<PathBuf> {
    crate::paths::config_dir().map(|dir| dir.join("keymap.toml"))
}

/// How long loading may take before the dashboard opens on a gauge.
const PATIENCE: Duration = Duration::from_millis(300);

/// Loads the documents and opens the dashboard over them; a load that takes
/// longer than a moment shows a gauge in the dashboard meanwhile. Fails when
/// no document could be loaded.
pub fn run(args: &DashboardArgs) -> anyhow::Result<()> {
    let lang = args
        .lang
        .unwrap_or_else(|| Lang::from_env_value(std::env::var("LANG").ok().as_deref()));
    let theme = Theme::new(Theme::no_color_requested(
        std::env::var("NO_COLOR").ok().as_deref(),
    ));
    let keymap = match user_keymap_path().filter(|path| path.exists()) {
        Some(path) => Keymap::with_user_file(&path).unwrap_or_else(|error| {
            eprintln!("warning: {error}; using the default keys");
            Keymap::builtin()
        }),
        None => Keymap::builtin(),
    };
    let paths = args.input.paths.clone();
    let table = super::department_table();
    let loading = Loading::start(move |report| load_with_progress(&paths, &table, report))?;
    let (store, screen) = match loading.wait(PATIENCE)? {
        Ok(store) => (store, None),
        Err(loading) => {
            let mut screen = Screen::start()?;
            match loading.show(&mut screen, &keymap, lang, &theme)? {
                Some(store) => (store, Some(screen)),
                None => return Ok(()),
            }
        }
    };
    let print = screen.is_none();
    let screen = match screen {
        Some(screen) if !store.documents().is_empty() => screen,
        screen => {
            // On the normal screen, where the warnings can be read.
            drop(screen);
            super::report_and_require_documents(&store)?;
            Screen::start()?
        }
    };
    let filters = initial_filters(&store, &args.filters);
    let (review, message) = open_review(&store, args, print);
    tui::run(
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
        },
    )
}

/// The review file of `--review`, or the default one beside the documents;
/// a file set aside because it was unusable is reported (on stderr too when
/// `print`).
fn open_review(
    store: &Store,
    args: &DashboardArgs,
    print: bool,
) -> (Option<ReviewState>, Option<String>) {
    let Some(path) = args
        .review
        .clone()
        .or_else(|| default_review_path(&args.input.paths))
    else {
        return (None, None);
    };
    let (book, warning) = ReviewBook::open(path);
    let message = warning.map(|warning| {
        if print {
            eprintln!("warning: {warning}");
        }
        warning.to_string()
    });
    (Some(ReviewState::new(Review::new(book, store))), message)
}

/// The dashboard filters the command-line options ask for.
fn initial_filters(store: &Store, args: &FilterArgs) -> Filters {
    let mut filters = Filters::default();
    if let Some(text) = &args.city
        && let Some((index, city)) = store
            .cities()
            .iter()
            .enumerate()
            .find(|(_, city)| city.name.contains(text.as_str()))
    {
        filters.set_city(u32::try_from(index).unwrap_or(u32::MAX), city.name.clone());
    }
    if let Some(text) = &args.dept {
        filters.set_department(DeptChoice {
            label: text.clone(),
            departments: store.departments().matching(text),
        });
    }
    filters.role = args.role;
    if let Some(query) = &args.query {
        filters.set_query(query);
    }
    filters
}
