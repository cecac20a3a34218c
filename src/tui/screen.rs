//! The terminal while the dashboard owns it: raw mode, the alternate screen,
//! mouse capture and bracketed paste, a thread reading its events, and one
//! catching signals. The terminal is restored when the screen is dropped, on
//! a panic of the main thread, and on SIGTERM, SIGHUP, SIGINT and SIGQUIT;
//! Ctrl-Z (or SIGTSTP) suspends with the terminal restored, and `fg` resumes
//! with a full redraw.

use std::io::stdout;
use std::sync::atomic::{AtomicI32, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

use anyhow::Context;
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::layout::Rect;
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use super::app::Msg;

/// How long the dashboard has to quit by itself (saving what is pending)
/// after a terminating signal, before the terminal is restored and the
/// process ends regardless.
const SIGNAL_GRACE: Duration = Duration::from_secs(10);

/// The terminating signal received, 0 for none.
static SIGNALLED: AtomicI32 = AtomicI32::new(0);

/// How long the input thread waits for an event before it looks whether it
/// is asked to stop reading.
const INPUT_POLL: Duration = Duration::from_millis(200);

/// What the event loop waits for.
pub enum Incoming {
    /// A key, mouse, paste or resize event.
    Terminal(Event),
    /// The terminal could not be read.
    TerminalFailed(std::io::Error),
    /// A result of work done off the input thread.
    App(Msg),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: quit now.
    Signal(i32),
    /// SIGTSTP: suspend.
    Suspend,
    /// SIGCONT: continued after a stop; take the terminal back.
    Resumed,
}

/// The terminal in the dashboard's hands, and the events coming from it.
pub struct Screen {
    pub terminal: DefaultTerminal,
    /// Terminal events, and whatever else is sent through [`Screen::sender`].
    pub inbox: Receiver<Incoming>,
    /// Sends into [`Screen::inbox`].
    pub sender: Sender<Incoming>,
    /// Stops and restarts the input thread's reading.
    reading: Arc<Reading>,
}

/// Whether the input thread may read the terminal, and whether it is
/// waiting to be allowed to.
#[derive(Default)]
struct Reading {
    state: Mutex<ReadingState>,
    changed: Condvar,
}

#[derive(Default)]
struct ReadingState {
    /// Asked to stop reading.
    paused: bool,
    /// Not reading: waiting for `paused` to be lifted.
    idle: bool,
}

impl Reading {
    /// Asks the input thread to stop reading and waits until it has.
    fn pause(&self) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        state.paused = true;
        while !state.idle {
            match self.changed.wait_timeout(state, INPUT_POLL * 4) {
                Ok((next, timeout)) if !timeout.timed_out() => state = next,
                // The thread is gone or stuck: nothing more to wait for.
                _ => return,
            }
        }
    }

    /// Lets the input thread read again.
    fn resume(&self) {
        if let Ok(mut state) = self.state.lock() {
            state.paused = false;
            self.changed.notify_all();
        }
    }

    /// Waits while reading is paused (as the input thread).
    fn wait_while_paused(&self) {
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        while state.paused {
            state.idle = true;
            self.changed.notify_all();
            match self.changed.wait(state) {
                Ok(next) => state = next,
                Err(_) => return,
            }
        }
        state.idle = false;
    }
}

impl Screen {
    /// Takes over the terminal and starts reading its events and signals.
    pub fn start() -> anyhow::Result<Self> {
        let terminal = ratatui::try_init().context("cannot start the terminal dashboard")?;
        install_panic_hook();
        let (sender, inbox) = channel();
        let screen = Screen {
            terminal,
            inbox,
            sender,
            reading: Arc::new(Reading::default()),
        };
        execute!(stdout(), EnableMouseCapture, EnableBracketedPaste)
            .context("cannot set up the terminal")?;
        let to_screen = screen.sender.clone();
        let reading = Arc::clone(&screen.reading);
        thread::Builder::new()
            .name("zeren-input".to_string())
            .spawn(move || read_terminal(&to_screen, &reading))
            .context("cannot start the input thread")?;
        let signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])
            .context("cannot watch for signals")?;
        let to_screen = screen.sender.clone();
        thread::Builder::new()
            .name("zeren-signals".to_string())
            .spawn(move || watch_signals(signals, &to_screen))
            .context("cannot start the signal thread")?;
        Ok(screen)
    }

    /// Gives the terminal back to the shell and stops the process (as
    /// Ctrl-Z does elsewhere); when continued (`fg`), takes the terminal
    /// again and redraws everything.
    pub fn suspend(&mut self) -> anyhow::Result<()> {
        restore_terminal();
        signal_hook::low_level::raise(SIGSTOP).context("cannot suspend")?;
        self.resume()
    }

    /// Gives the terminal to `run` (an editor): the terminal restored and
    /// nothing read from it meanwhile; then takes it back and redraws.
    pub fn hand_over<T>(&mut self, run: impl FnOnce() -> T) -> anyhow::Result<T> {
        self.reading.pause();
        restore_terminal();
        let outcome = run();
        let resumed = self.resume();
        self.reading.resume();
        resumed.map(|()| outcome)
    }

    /// Takes the terminal again after a stop: raw mode, the alternate
    /// screen, mouse capture, and a full redraw at the next draw.
    pub fn resume(&mut self) -> anyhow::Result<()> {
        enable_raw_mode().context("cannot resume the terminal")?;
        execute!(
            stdout(),
            EnterAlternateScreen,
            EnableMouseCapture,
            EnableBracketedPaste
        )
        .context("cannot resume the terminal")?;
        // A resize to the same size clears the screen and forgets what was
        // drawn, so the next draw paints everything (`clear` would ask the
        // terminal for the cursor, whose answer the input thread reads).
        let size = self.terminal.size().context("cannot redraw the terminal")?;
        self.terminal
            .resize(Rect::new(0, 0, size.width, size.height))
            .context("cannot redraw the terminal")
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        restore_terminal();
    }
}

/// Mouse capture and bracketed paste off, cooked mode, the main screen, the
/// cursor shown.
fn restore_terminal() {
    let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
    ratatui::restore();
}

/// The terminating signal the dashboard received, if any.
pub fn received_signal() -> Option<i32> {
    match SIGNALLED.load(Ordering::SeqCst) {
        0 => None,
        signal => Some(signal),
    }
}

/// A panic on the main thread restores the terminal first (ratatui's hook,
/// then the default message). A panic on a worker thread is only logged:
/// the worker reports it on the status line, and the dashboard goes on.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    let main = thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        let thread = thread::current();
        if thread.id() == main {
            let _ = execute!(stdout(), DisableMouseCapture, DisableBracketedPaste);
            previous(info);
        } else {
            crate::logfile::note(&format!(
                "panic in thread {}: {info}",
                thread.name().unwrap_or("?")
            ));
        }
    }));
}

/// Reads terminal events and passes them on, except while reading is
/// paused (the terminal lent to an editor).
fn read_terminal(sender: &Sender<Incoming>, reading: &Reading) {
    loop {
        reading.wait_while_paused();
        let incoming = match event::poll(INPUT_POLL) {
            Ok(false) => continue,
            Ok(true) => match event::read() {
                Ok(event) => Incoming::Terminal(event),
                Err(error) => Incoming::TerminalFailed(error),
            },
            Err(error) => Incoming::TerminalFailed(error),
        };
        let failed = matches!(incoming, Incoming::TerminalFailed(_));
        if sender.send(incoming).is_err() || failed {
            return;
        }
    }
}

/// Passes signals to the event loop. After a terminating one the loop has
/// [`SIGNAL_GRACE`] to quit; then the terminal is restored here and the
/// process ends.
fn watch_signals(mut signals: Signals, sender: &Sender<Incoming>) {
    for signal in signals.forever() {
        let incoming = match signal {
            SIGTSTP => Incoming::Suspend,
            SIGCONT => Incoming::Resumed,
            signal => {
                SIGNALLED.store(signal, Ordering::SeqCst);
                let _ = thread::Builder::new()
                    .name("zeren-grace".to_string())
                    .spawn(move || {
                        thread::sleep(SIGNAL_GRACE);
                        restore_terminal();
                        std::process::exit(128 + signal);
                    });
                Incoming::Signal(signal)
            }
        };
        if sender.send(incoming).is_err() {
            return;
        }
    }
}
