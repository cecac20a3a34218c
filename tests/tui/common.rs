//! Driving the dashboard without a terminal: load the samples, send keys,
//! compute views synchronously, draw into a `TestBackend`.

use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use zeren::departments::DepartmentTable;
use zeren::load::load;
use zeren::tui::app::{App, Msg};
use zeren::tui::i18n::Lang;
use zeren::tui::keymap::Keymap;
use zeren::tui::theme::Theme;
use zeren::tui::ui;
use zeren::tui::view::{MatchCache, ViewRequest, compute};

/// An app over the built-in samples, with views computed at once.
pub struct Harness {
    pub app: App,
    cache: MatchCache,
}

impl Harness {
    /// The dashboard over the samples, English labels, no colour.
    pub fn samples() -> Self {
        Self::with_lang(Lang::En)
    }

    /// The dashboard over the samples with labels in `lang`.
    pub fn with_lang(lang: Lang) -> Self {
        let store = load(&[], DepartmentTable::builtin());
        let (app, request) = App::new(Arc::new(store), Keymap::builtin(), lang, Theme::new(true));
        let mut harness = Self {
            app,
            cache: MatchCache::default(),
        };
        harness.settle(Some(request));
        harness
    }

    fn settle(&mut self, request: Option<ViewRequest>) {
        if let Some(request) = request {
            let view = compute(self.app.store(), &request, &mut self.cache);
            self.app.update(Msg::View(view));
        }
    }

    /// Sends one key with modifiers.
    pub fn key_with(&mut self, code: KeyCode, modifiers: KeyModifiers) {
        let request = self.app.update(Msg::Key(KeyEvent::new(code, modifiers)));
        self.settle(request);
    }

    /// Sends one key.
    pub fn key(&mut self, code: KeyCode) {
        self.key_with(code, KeyModifiers::NONE);
    }

    /// Types each character of `text` as a key press.
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyCode::Char(c));
        }
    }

    /// Sends a message other than a key.
    pub fn send(&mut self, msg: Msg) {
        let request = self.app.update(msg);
        self.settle(request);
    }

    /// Draws the dashboard on a `width` × `height` test terminal.
    pub fn draw(&mut self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        terminal
            .draw(|frame| ui::draw(frame, &mut self.app))
            .expect("draw");
        terminal
    }
}

/// The text of each row of a buffer, wide characters counted once.
pub fn rows(buffer: &Buffer) -> Vec<String> {
    let area = buffer.area;
    (area.y..area.y + area.height)
        .map(|y| {
            let mut row = String::new();
            let mut skip = 0;
            for x in area.x..area.x + area.width {
                if skip > 0 {
                    skip -= 1;
                    continue;
                }
                let symbol = buffer[(x, y)].symbol();
                row.push_str(symbol);
                skip = unicode_width::UnicodeWidthStr::width(symbol).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// The whole screen as one string.
pub fn screen(terminal: &Terminal<TestBackend>) -> String {
    rows(terminal.backend().buffer()).join("\n")
}
