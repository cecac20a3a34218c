//! The dashboard: a ratatui + crossterm terminal app over the store.
//!
//! `App` holds the state and turns actions into new state, `ui` draws the
//! state, `worker` computes filtered views off the input thread, `screen`
//! owns the terminal and always restores it, `loading` shows a gauge while
//! a large folder loads, and this module runs the thin event loop.

pub mod action;
pub mod app;
pub mod filters;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod loading;
mod screen;
pub mod text;
pub mod theme;
pub mod tree;
pub mod ui;
pub mod view;
mod worker;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::thread;

use anyhow::Context;
use ratatui::crossterm::event::{Event, MouseEventKind};

use app::{App, Command, Msg, ReviewState};
use filters::Filters;
use i18n::Lang;
use keymap::Keymap;
use screen::Incoming;
pub use screen::Screen;
use theme::Theme;
use worker::Worker;

use crate::store::Store;

/// How the dashboard starts.
#[derive(Debug)]
pub struct Options {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub filters: Filters,
    /// Marks and notes, when a review file is in use.
    pub review: Option<ReviewState>,
    /// The paths the documents came from (exports go beside them).
    pub paths: Vec<PathBuf>,
    /// A message for the status line at start (a review file set aside…).
    pub message: Option<String>,
}

/// Runs the dashboard on `screen` until the user quits; the terminal is
/// restored when `screen` is dropped, also on error and on panic.
pub fn run(mut screen: Screen, store: Store, options: Options) -> anyhow::Result<()> {
    let store = Arc::new(store);
    let to_loop = screen.sender.clone();
    let worker = Worker::spawn(Arc::clone(&store), move |view| {
        to_loop.send(Incoming::App(Msg::View(view))).is_ok()
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
    .with_message(options.message);
    if let Some(review) = options.review {
        app = app.with_review(review);
    }
    let jobs = Jobs {
        store,
        worker,
        sender: screen.sender.clone(),
    };
    let first = app.first_view();
    jobs.run(first);
    let mut redraw = true;
    while !app.quit {
        if redraw {
            screen.terminal.draw(|frame| ui::draw(frame, &mut app))?;
        }
        redraw = handle_next(&screen.inbox, &mut app, &jobs)?;
    }
    Ok(())
}

/// Where the app's commands are carried out, off the input thread.
struct Jobs {
    store: Arc<Store>,
    worker: Worker,
    sender: Sender<Incoming>,
}

impl Jobs {
    fn run(&self, command: Command) {
        match command {
            Command::View(request) => self.worker.submit(request),
            Command::Export { view, path } => {
                let store = Arc::clone(&self.store);
                let sender = self.sender.clone();
                let spawned = thread::Builder::new()
                    .name("zeren-export".to_string())
                    .spawn(move || {
                        let outcome = app::run_export(&store, &view, &path);
                        let _ = sender.send(Incoming::App(Msg::Exported(outcome)));
                    });
                if let Err(error) = spawned {
                    let outcome = Err(format!("cannot start the export: {error}"));
                    let _ = self.sender.send(Incoming::App(Msg::Exported(outcome)));
                }
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
            let _ = sender.send(Incoming::App(Msg::Problems(crate::check::check(&store))));
        });
}

/// Waits for the next message, then handles every message already queued;
/// returns whether anything changed on screen.
fn handle_next(inbox: &Receiver<Incoming>, app: &mut App, jobs: &Jobs) -> anyhow::Result<bool> {
    let first = inbox.recv().context("the input thread stopped")?;
    let mut redraw = false;
    for incoming in std::iter::once(first).chain(inbox.try_iter()) {
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
            Incoming::App(msg) => msg,
        };
        redraw = true;
        if let Some(command) = app.update(msg) {
            jobs.run(command);
        }
        if app.quit {
            break;
        }
    }
    Ok(redraw)
}
