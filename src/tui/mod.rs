//! The dashboard: a ratatui + crossterm terminal app over the store.
//!
//! `App` holds the state and turns actions into new state, `ui` draws the
//! state, `worker` computes filtered views off the input thread, the review
//! saver saves marks off it too, `screen` owns the terminal and always
//! restores it (on panic and on signals too), `loading` shows a gauge while
//! a large folder loads, and this module runs the thin event loop.

pub mod action;
pub mod app;
pub mod filters;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod loading;
mod screen;
pub mod source;
pub mod text;
pub mod theme;
pub mod tree;
pub mod ui;
pub mod view;
mod worker;

use std::cell::OnceCell;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use anyhow::Context;
use ratatui::crossterm::event::{Event, MouseEventKind};

use app::{App, Command, Msg, ReviewState};
use filters::Filters;
use i18n::Lang;
use keymap::Keymap;
use screen::Incoming;
pub use screen::{Screen, received_signal};
use theme::Theme;
use worker::{Worker, panic_text};

use crate::review::saver::{Saver, SaverContext, Unsaved};
use crate::review::{Book, Review};
use crate::store::Store;

/// How long quitting waits for the last saves.
const SAVE_PATIENCE: Duration = Duration::from_secs(8);

/// How the dashboard starts.
#[derive(Debug)]
pub struct Options {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub filters: Filters,
    /// Marks and notes, with the review files they are saved to.
    pub review: Option<(Review, Vec<Book>)>,
    /// The paths the documents came from (exports go beside them).
    pub paths: Vec<PathBuf>,
    /// A message for the status line at start (a review file set aside…).
    pub message: Option<String>,
    /// Lines of the config files that could not be used, listed by `w`.
    pub config_warnings: Vec<crate::store::StoreWarning>,
}

/// How the dashboard ended.
#[derive(Debug, Default)]
pub struct Ended {
    /// Marks that could not be saved before quitting, and why.
    pub unsaved: Unsaved,
    /// The terminating signal that ended it, if one did.
    pub signal: Option<i32>,
}

/// Runs the dashboard on `screen` until the user quits or a signal ends it;
/// saves what is pending, then restores the terminal (also on error and on
/// panic).
pub fn run(mut screen: Screen, store: Store, options: Options) -> anyhow::Result<Ended> {
    let store = Arc::new(store);
    let to_loop = screen.sender.clone();
    let worker = Worker::spawn(Arc::clone(&store), move |outcome| {
        let msg = match outcome {
            Ok(view) => Msg::View(view),
            Err(panic) => Msg::WorkerFailed(failure_text("view", &panic)),
        };
        to_loop.send(Incoming::App(msg)).is_ok()
    })
    .context("cannot start the view worker")?;
    spawn_problem_check(Arc::clone(&store), screen.sender.clone());
    let mut app = App::new(
        Arc::clone(&store),
        options.keymap,
        options.lang,
        options.theme,
    )
    .with_filters(options.filters)
    .with_export_paths(options.paths)
    .with_message(options.message)
    .with_config_warnings(options.config_warnings);
    let mut saver = None;
    if let Some((review, books)) = options.review {
        let context = SaverContext {
            store: Arc::clone(&store),
            keys: Arc::clone(review.keys()),
            places: Arc::clone(review.places()),
        };
        let to_loop = screen.sender.clone();
        saver = Some(
            Saver::spawn(books, context, move |event| {
                to_loop.send(Incoming::App(Msg::Saver(event))).is_ok()
            })
            .context("cannot start saving marks")?,
        );
        app = app.with_review(ReviewState::new(review));
    }
    let jobs = Jobs {
        store,
        worker,
        saver,
        sender: screen.sender.clone(),
        copies: OnceCell::new(),
    };
    let first = app.first_view();
    jobs.run(first, &mut screen);
    let outcome = event_loop(&mut screen, &mut app, &jobs);
    jobs.submit_saves(&mut app);
    let unsaved = jobs
        .saver
        .as_ref()
        .map(|saver| saver.flush(SAVE_PATIENCE))
        .unwrap_or_default();
    drop(screen);
    let signal = outcome?;
    Ok(Ended { unsaved, signal })
}

/// Draws and handles messages until the app quits; returns the terminating
/// signal, if one ended it.
fn event_loop(screen: &mut Screen, app: &mut App, jobs: &Jobs) -> anyhow::Result<Option<i32>> {
    let mut redraw = true;
    while !app.quit {
        if redraw {
            let mut drawn = ui::Drawn::default();
            screen.terminal.draw(|frame| drawn = ui::draw(frame, app))?;
            app.measured(drawn);
        }
        redraw = match handle_next(screen, app, jobs)? {
            Handled::Redraw(redraw) => redraw,
            Handled::Signal(signal) => return Ok(Some(signal)),
            Handled::Suspend => {
                screen.suspend()?;
                true
            }
            Handled::Resumed => {
                screen.resume()?;
                true
            }
        };
        if app.suspend {
            app.suspend = false;
            screen.suspend()?;
            redraw = true;
        }
    }
    Ok(None)
}

/// The text on the status line for a worker that failed.
fn failure_text(worker: &str, panic: &str) -> String {
    let log = crate::logfile::path()
        .map(|path| format!(" (see {})", path.display()))
        .unwrap_or_default();
    crate::logfile::note(&format!("the {worker} worker failed: {panic}"));
    format!("the {worker} worker failed: {panic}{log}")
}

/// Where the app's commands are carried out, off the input thread (but
/// the editor, which takes the terminal).
struct Jobs {
    store: Arc<Store>,
    worker: Worker,
    saver: Option<Saver>,
    sender: Sender<Incoming>,
    /// Where the text of a document opened in the editor is written when
    /// the document is no text file; removed when the dashboard ends.
    copies: OnceCell<tempfile::TempDir>,
}

impl Jobs {
    fn run(&self, command: Command, screen: &mut Screen) {
        match command {
            Command::View(request) => {
                if !self.worker.submit(request) {
                    let failure = failure_text("view", "it stopped");
                    let _ = self.sender.send(Incoming::App(Msg::WorkerFailed(failure)));
                }
            }
            Command::Edit(request) => {
                let outcome = self.edit(&request, screen);
                let _ = self
                    .sender
                    .send(Incoming::App(Msg::EditorClosed(outcome.err())));
            }
            Command::Copy(text) => {
                let mut out = std::io::stdout();
                if let Err(error) = source::copy_to_clipboard(&mut out, &text) {
                    let failure = Some(format!("cannot copy: {error}"));
                    let _ = self.sender.send(Incoming::App(Msg::EditorClosed(failure)));
                }
            }
            Command::Export { view, path, lang } => {
                let store = Arc::clone(&self.store);
                let sender = self.sender.clone();
                let spawned = thread::Builder::new()
                    .name("zeren-export".to_string())
                    .spawn(move || {
                        let outcome =
                            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                                app::run_export(&store, &view, &path, lang)
                            }))
                            .unwrap_or_else(|panic| {
                                Err(failure_text("export", &panic_text(panic.as_ref())))
                            });
                        let _ = sender.send(Incoming::App(Msg::Exported(outcome)));
                    });
                if let Err(error) = spawned {
                    let outcome = Err(format!("cannot start the export: {error}"));
                    let _ = self.sender.send(Incoming::App(Msg::Exported(outcome)));
                }
            }
        }
    }

    /// Opens a task's source in the editor, the terminal handed over to it.
    fn edit(&self, request: &source::EditRequest, screen: &mut Screen) -> Result<(), String> {
        let copies = match self.copies.get() {
            Some(dir) => dir,
            None => {
                let dir = tempfile::Builder::new()
                    .prefix("zeren-sources-")
                    .tempdir()
                    .map_err(|error| format!("cannot make a folder for the text: {error}"))?;
                self.copies.get_or_init(|| dir)
            }
        };
        let (path, _) = source::file_to_open(request, copies.path())?;
        screen
            .hand_over(|| source::run_editor(&path, request.line))
            .map_err(|error| format!("{error:#}"))?
    }

    /// Hands the saves the app asked for to the saver.
    fn submit_saves(&self, app: &mut App) {
        for request in app.take_saves() {
            if let Some(saver) = &self.saver {
                saver.submit(request);
            }
        }
    }
}

/// Computes the review problems in the background; the Problems view shows
/// them when they arrive.
fn spawn_problem_check(store: Arc<Store>, sender: Sender<Incoming>) {
    let _ = thread::Builder::new()
        .name("zeren-check".to_string())
        .spawn(move || {
            let msg = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                crate::check::check(&store)
            })) {
                Ok(problems) => Msg::Problems(problems),
                Err(panic) => Msg::WorkerFailed(failure_text("check", &panic_text(panic.as_ref()))),
            };
            let _ = sender.send(Incoming::App(msg));
        });
}

/// What handling the queued messages came to.
enum Handled {
    /// Whether anything changed on screen.
    Redraw(bool),
    Signal(i32),
    Suspend,
    Resumed,
}

/// Waits for the next message, then handles every message already queued.
fn handle_next(screen: &mut Screen, app: &mut App, jobs: &Jobs) -> anyhow::Result<Handled> {
    let first = screen.inbox.recv().context("the input thread stopped")?;
    let queued: Vec<Incoming> = std::iter::once(first)
        .chain(screen.inbox.try_iter())
        .collect();
    let mut redraw = false;
    for incoming in queued {
        let msg = match incoming {
            Incoming::Terminal(Event::Key(key)) => Msg::Key(key),
            Incoming::Terminal(Event::Mouse(mouse)) if mouse.kind == MouseEventKind::Moved => {
                continue;
            }
            Incoming::Terminal(Event::Mouse(mouse)) => Msg::Mouse(mouse),
            Incoming::Terminal(Event::Paste(text)) => Msg::Paste(text),
            Incoming::Terminal(_) => {
                redraw = true;
                continue;
            }
            Incoming::TerminalFailed(error) => {
                return Err(error).context("cannot read the terminal");
            }
            Incoming::Signal(signal) => return Ok(Handled::Signal(signal)),
            Incoming::Suspend => return Ok(Handled::Suspend),
            Incoming::Resumed => return Ok(Handled::Resumed),
            Incoming::App(msg) => msg,
        };
        redraw = true;
        if let Some(command) = app.update(msg) {
            jobs.run(command, screen);
        }
        jobs.submit_saves(app);
        if app.quit || app.suspend {
            break;
        }
    }
    Ok(Handled::Redraw(redraw))
}
