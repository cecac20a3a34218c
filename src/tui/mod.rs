//! The dashboard: a ratatui + crossterm terminal app over the store.
//!
//! `App` holds the state and turns actions into new state, `ui` draws the
//! state, `worker` computes filtered views off the input thread, and this
//! module runs the thin event loop and always restores the terminal.

pub mod action;
pub mod app;
pub mod filters;
pub mod i18n;
pub mod input;
pub mod keymap;
pub mod text;
pub mod theme;
pub mod tree;
pub mod ui;
pub mod view;
mod worker;

use std::io::stdout;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, channel};
use std::thread;

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, MouseEventKind,
};
use ratatui::crossterm::execute;

use app::{App, Msg};
use filters::Filters;
use i18n::Lang;
use keymap::Keymap;
use theme::Theme;
use view::ViewResult;
use worker::Worker;

use crate::store::Store;

/// How the dashboard starts.
#[derive(Debug, Clone)]
pub struct Options {
    pub lang: Lang,
    pub theme: Theme,
    pub keymap: Keymap,
    pub filters: Filters,
}

/// What the event loop waits for.
enum Incoming {
    Terminal(Event),
    TerminalFailed(std::io::Error),
    View(ViewResult),
}

/// Runs the dashboard until the user quits; the terminal is restored on
/// quit, on error and on panic.
pub fn run(store: Store, options: Options) -> anyhow::Result<()> {
    install_panic_hook();
    let mut terminal = ratatui::try_init().context("cannot start the terminal dashboard")?;
    let enabled = execute!(stdout(), EnableMouseCapture, EnableBracketedPaste);
    let result = enabled
        .map_err(anyhow::Error::from)
        .and_then(|()| event_loop(&mut terminal, Arc::new(store), options));
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
    result
}

/// Turns mouse capture and bracketed paste off before ratatui's own hook
/// restores the screen, so a panic leaves a usable shell.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        previous(info);
    }));
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    store: Arc<Store>,
    options: Options,
) -> anyhow::Result<()> {
    let (sender, inbox) = channel::<Incoming>();
    let to_loop = sender.clone();
    thread::Builder::new()
        .name("zeren-input".to_string())
        .spawn(move || read_terminal(&to_loop))
        .context("cannot start the input thread")?;
    let worker = Worker::spawn(Arc::clone(&store), move |view| {
        sender.send(Incoming::View(view)).is_ok()
    })
    .context("cannot start the view worker")?;
    let (app, request) = App::new(store, options.keymap, options.lang, options.theme);
    let (mut app, request) = if options.filters == Filters::default() {
        (app, request)
    } else {
        app.with_filters(options.filters)
    };
    worker.submit(request);
    let mut redraw = true;
    while !app.quit {
        if redraw {
            terminal.draw(|frame| ui::draw(frame, &mut app))?;
        }
        redraw = handle_next(&inbox, &mut app, &worker)?;
    }
    Ok(())
}

/// Waits for the next message, then handles every message already queued;
/// returns whether anything changed on screen.
fn handle_next(inbox: &Receiver<Incoming>, app: &mut App, worker: &Worker) -> anyhow::Result<bool> {
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
            Incoming::View(view) => Msg::View(view),
        };
        redraw = true;
        if let Some(request) = app.update(msg) {
            worker.submit(request);
        }
        if app.quit {
            break;
        }
    }
    Ok(redraw)
}

fn read_terminal(sender: &std::sync::mpsc::Sender<Incoming>) {
    loop {
        let incoming = match event::read() {
            Ok(event) => Incoming::Terminal(event),
            Err(error) => Incoming::TerminalFailed(error),
        };
        let failed = matches!(incoming, Incoming::TerminalFailed(_));
        if sender.send(incoming).is_err() || failed {
            return;
        }
    }
}
