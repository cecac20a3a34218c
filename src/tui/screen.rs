//! The terminal while the dashboard owns it: raw mode, the alternate screen,
//! mouse capture and bracketed paste, and a thread reading its events. The
//! terminal is restored when the screen is dropped, and on panic.

use std::io::stdout;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;

use super::app::Msg;

/// What the event loop waits for.
pub enum Incoming {
    /// A key, mouse, paste or resize event.
    Terminal(Event),
    /// The terminal could not be read.
    TerminalFailed(std::io::Error),
    /// A result of work done off the input thread.
    App(Msg),
}

/// The terminal in the dashboard's hands, and the events coming from it.
pub struct Screen {
    pub terminal: DefaultTerminal,
    /// Terminal events, and whatever else is sent through [`Screen::sender`].
    pub inbox: Receiver<Incoming>,
    /// Sends into [`Screen::inbox`].
    pub sender: Sender<Incoming>,
}

impl Screen {
    /// Takes over the terminal and starts reading its events.
    pub fn start() -> anyhow::Result<Self> {
        install_panic_hook();
        let terminal = ratatui::try_init().context("cannot start the terminal dashboard")?;
        let (sender, inbox) = channel();
        let screen = Screen {
            terminal,
            inbox,
            sender,
        };
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
            .context("cannot set up the terminal")?;
        let to_screen = screen.sender.clone();
        thread::Builder::new()
            .name("zeren-input".to_string())
            .spawn(move || read_terminal(&to_screen))
            .context("cannot start the input thread")?;
        Ok(screen)
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
        ratatui::restore();
    }
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

fn read_terminal(sender: &Sender<Incoming>) {
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
