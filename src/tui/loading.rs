//! Loading documents on a background thread, and the gauge the dashboard
//! shows while a large folder loads.

use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use ratatui::Frame;
use ratatui::crossterm::event::{Event, KeyEventKind};
use ratatui::layout::{Constraint, Layout};
use ratatui::text::Line;
use ratatui::widgets::{Block, Gauge, Paragraph};

use super::action::{Action, Context as KeyContext};
use super::i18n::Lang;
use super::keymap::Keymap;
use super::screen::{Incoming, Screen};
use super::theme::Theme;
use crate::load::Progress;
use crate::store::Store;

/// How often the gauge is redrawn while files load.
const TICK: Duration = Duration::from_millis(50);

/// What the loading thread reports.
enum LoadEvent {
    Progress(Progress),
    Done(Box<Store>),
}

/// A load running on its own thread.
pub struct Loading {
    events: Receiver<LoadEvent>,
    latest: Progress,
    started: Instant,
}

impl Loading {
    /// Runs `load` on a new thread; `load` reports its progress through the
    /// callback it is given.
    pub fn start<F>(load: F) -> anyhow::Result<Self>
    where
        F: FnOnce(&mut dyn FnMut(Progress)) -> Store + Send + 'static,
    {
        let (sender, events) = channel();
        thread::Builder::new()
            .name("zeren-load".to_string())
            .spawn(move || {
                let progress = sender.clone();
                let store = load(&mut |report| {
                    let _ = progress.send(LoadEvent::Progress(report));
                });
                let _ = sender.send(LoadEvent::Done(Box::new(store)));
            })
            .context("cannot start loading the documents")?;
        Ok(Loading {
            events,
            latest: Progress::default(),
            started: Instant::now(),
        })
    }

    /// The store, when the load ends within `patience`; else the load, still
    /// running.
    pub fn wait(mut self, patience: Duration) -> anyhow::Result<Result<Store, Loading>> {
        let deadline = self.started + patience;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if let Some(store) = self.poll(left)? {
                return Ok(Ok(store));
            }
            if Instant::now() >= deadline {
                return Ok(Err(self));
            }
        }
    }

    /// Takes the reports that come within `timeout`; the store once done.
    fn poll(&mut self, timeout: Duration) -> anyhow::Result<Option<Store>> {
        let first = match self.events.recv_timeout(timeout) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => return Ok(None),
            Err(RecvTimeoutError::Disconnected) => {
                anyhow::bail!("loading the documents stopped unexpectedly")
            }
        };
        for event in std::iter::once(first).chain(self.events.try_iter()) {
            match event {
                LoadEvent::Progress(progress) => self.latest = progress,
                LoadEvent::Done(store) => return Ok(Some(*store)),
            }
        }
        Ok(None)
    }

    /// Shows the gauge on `screen` until the load ends (the store) or the
    /// user quits (`None`).
    pub fn show(
        mut self,
        screen: &mut Screen,
        keymap: &Keymap,
        lang: Lang,
        theme: &Theme,
    ) -> anyhow::Result<Option<Store>> {
        loop {
            screen
                .terminal
                .draw(|frame| self.draw(frame, lang, theme))?;
            if let Some(store) = self.poll(TICK)? {
                return Ok(Some(store));
            }
            let queued: Vec<Incoming> = screen.inbox.try_iter().collect();
            for incoming in queued {
                match incoming {
                    Incoming::Terminal(Event::Key(key))
                        if key.kind != KeyEventKind::Release
                            && matches!(
                                keymap.action(KeyContext::Normal, &key),
                                Some(Action::Quit)
                            ) =>
                    {
                        return Ok(None);
                    }
                    Incoming::TerminalFailed(error) => {
                        return Err(error).context("cannot read the terminal");
                    }
                    Incoming::Signal(_) => return Ok(None),
                    Incoming::Suspend => screen.suspend()?,
                    Incoming::Resumed => screen.resume()?,
                    _ => {}
                }
            }
        }
    }

    /// The gauge in the middle of the screen: files and megabytes done, and
    /// the rate so far.
    fn draw(&self, frame: &mut Frame, lang: Lang, theme: &Theme) {
        let labels = lang.labels();
        let progress = self.latest;
        let megabytes = |bytes: u64| bytes as f64 / 1e6;
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        let ratio = if progress.bytes_total > 0 {
            megabytes(progress.bytes_done) / megabytes(progress.bytes_total)
        } else if progress.files_total > 0 {
            progress.files_done as f64 / progress.files_total as f64
        } else {
            0.0
        };
        let label = format!(
            "{}/{} · {:.0}/{:.0} MB · {:.0} MB/s",
            progress.files_done,
            super::i18n::counted(lang, progress.files_total, super::i18n::Noun::File),
            megabytes(progress.bytes_done),
            megabytes(progress.bytes_total),
            megabytes(progress.bytes_done) / seconds,
        );
        let area = frame
            .area()
            .centered(Constraint::Percentage(60), Constraint::Length(4));
        let [title, gauge] =
            Layout::vertical([Constraint::Length(1), Constraint::Length(3)]).areas(area);
        frame.render_widget(
            Paragraph::new(Line::styled(labels.loading, theme.title)).centered(),
            title,
        );
        frame.render_widget(
            Gauge::default()
                .block(Block::bordered().border_style(theme.border))
                .gauge_style(theme.bar)
                .ratio(ratio.clamp(0.0, 1.0))
                .label(label),
            gauge,
        );
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::sync_channel;

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::departments::DepartmentTable;

    /// A load that reports half its files, then waits for `go` to finish.
    fn half_done_load() -> (Loading, std::sync::mpsc::SyncSender<()>) {
        let (go, wait) = sync_channel(0);
        let loading = Loading::start(move |report| {
            report(Progress {
                files_done: 5,
                files_total: 10,
                bytes_done: 3_000_000,
                bytes_total: 6_000_000,
            });
            let _ = wait.recv();
            crate::load::load(&[], DepartmentTable::builtin())
        })
        .expect("loading starts");
        (loading, go)
    }

    #[test]
    fn the_gauge_shows_files_and_megabytes_then_the_store_arrives() {
        let (mut loading, go) = half_done_load();
        while loading.latest.files_done == 0 {
            assert!(loading.poll(TICK).expect("still loading").is_none());
        }
        let mut terminal = Terminal::new(TestBackend::new(80, 12)).expect("terminal");
        terminal
            .draw(|frame| loading.draw(frame, Lang::En, &Theme::new(true)))
            .expect("draws");
        let screen: String = terminal
            .backend()
            .buffer()
            .content()
            .iter()
            .map(|cell| cell.symbol())
            .collect();
        assert!(screen.contains("Loading documents"), "{screen}");
        assert!(screen.contains("5/10 files · 3/6 MB"), "{screen}");

        let loading = match loading.wait(Duration::ZERO).expect("no failure") {
            Ok(_) => panic!("the load cannot end before it is let go"),
            Err(loading) => loading,
        };
        go.send(()).expect("the load waits");
        let store = loading
            .wait(Duration::from_secs(3600))
            .expect("no failure")
            .ok()
            .expect("the store");
        assert_eq!(store.tasks().len(), 299);
    }

    #[test]
    fn a_load_that_dies_is_an_error_not_a_hang() {
        let loading = Loading::start(|_| panic!("the loader fails")).expect("starts");
        let outcome = loading.wait(Duration::from_secs(3600));
        assert!(outcome.is_err());
    }
}
