//! Driving the dashboard without a terminal: load the samples, send keys,
//! compute views synchronously, draw into a `TestBackend`.

use std::path::Path;
use std::sync::Arc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use zeren::check::check;
use zeren::departments::DepartmentTable;
use zeren::load::{load, load_texts};
use zeren::review::saver::SaverEvent;
use zeren::review::{Book, Places, Review, save_now};
use zeren::store::Store;
use zeren::tui::app::{App, Command, Msg, ReviewState, run_export};
use zeren::tui::i18n::Lang;
use zeren::tui::keymap::Keymap;
use zeren::tui::source::EditRequest;
use zeren::tui::theme::Theme;
use zeren::tui::ui;
use zeren::tui::view::{MatchCache, compute};

/// An app over the built-in samples, with views computed at once.
pub struct Harness {
    pub app: App,
    cache: MatchCache,
    /// The review files, saved at once after each change.
    pub books: Vec<Book>,
    /// What the app asked to open in the editor, in order.
    pub edits: Vec<EditRequest>,
    /// What the app asked to put on the clipboard, in order.
    pub copied: Vec<String>,
}

impl Harness {
    /// The dashboard over the samples, English labels, no colour.
    pub fn samples() -> Self {
        Self::with_lang(Lang::En)
    }

    /// The dashboard over the samples with labels in `lang`.
    pub fn with_lang(lang: Lang) -> Self {
        Self::build(lang, None, None)
    }

    /// The dashboard over the samples, marks kept in the review file `path`.
    pub fn with_review(path: &Path) -> Self {
        Self::build(Lang::En, Some(path), None)
    }

    /// Marks kept in `path`, exports written into `exports`.
    pub fn with_review_and_exports(path: &Path, exports: &Path) -> Self {
        Self::build(Lang::En, Some(path), Some(exports))
    }

    /// The dashboard over documents given as `(source, text)` pairs.
    pub fn with_texts(texts: &[(String, String)]) -> Self {
        Self::over(
            load_texts(texts, DepartmentTable::builtin()),
            Lang::En,
            None,
            None,
        )
    }

    /// The dashboard over the documents under `paths`.
    pub fn with_paths(paths: &[std::path::PathBuf]) -> Self {
        Self::over(
            load(paths, DepartmentTable::builtin()),
            Lang::En,
            None,
            None,
        )
    }

    fn build(lang: Lang, review: Option<&Path>, exports: Option<&Path>) -> Self {
        Self::over(load(&[], DepartmentTable::builtin()), lang, review, exports)
    }

    fn over(store: Store, lang: Lang, review: Option<&Path>, exports: Option<&Path>) -> Self {
        let store = Arc::new(store);
        let mut app = App::new(
            Arc::clone(&store),
            Keymap::builtin(),
            lang,
            Theme::new(true),
        );
        if let Some(folder) = exports {
            app = app.with_export_paths(vec![folder.to_path_buf()]);
        }
        let mut books = Vec::new();
        if let Some(path) = review {
            let places = Places::new(&store, &[], Some(path));
            let (review, opened, _) = Review::open(&store, places, "tester");
            books = opened;
            app = app.with_review(ReviewState::new(review));
        }
        let first = app.first_view();
        let mut harness = Self {
            app,
            cache: MatchCache::default(),
            books,
            edits: Vec::new(),
            copied: Vec::new(),
        };
        harness.settle(Some(first));
        harness.send(Msg::Problems(check(&store)));
        harness
    }

    /// Carries out a command at once, as the event loop does in the
    /// background, and saves what the app asked to save.
    fn settle(&mut self, command: Option<Command>) {
        self.save();
        let Some(command) = command else {
            return;
        };
        let msg = match command {
            Command::View(request) => {
                Msg::View(compute(self.app.store(), &request, &mut self.cache))
            }
            Command::Export { view, path, lang } => {
                Msg::Exported(run_export(self.app.store(), &view, &path, lang))
            }
            Command::Edit(request) => {
                self.edits.push(request);
                Msg::EditorClosed(None)
            }
            Command::Copy(text) => {
                self.copied.push(text);
                return;
            }
        };
        let next = self.app.update(msg);
        self.settle(next);
    }

    /// Saves the app's pending changes at once and tells it how that went.
    fn save(&mut self) {
        for request in self.app.take_saves() {
            let event = match save_now(&mut self.books, &request) {
                Ok(_) => SaverEvent::Saved {
                    book: request.book,
                    seq: request.seq,
                },
                Err(error) => SaverEvent::Failed {
                    book: request.book,
                    error: error.to_string(),
                },
            };
            let next = self.app.update(Msg::Saver(event));
            self.settle(next);
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

    /// Draws the dashboard on a `width` × `height` test terminal and hands
    /// what the draw measured to the app, as the event loop does.
    pub fn draw(&mut self, width: u16, height: u16) -> Terminal<TestBackend> {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test terminal");
        let mut drawn = ui::Drawn::default();
        terminal
            .draw(|frame| drawn = ui::draw(frame, &self.app))
            .expect("draw");
        self.app.measured(drawn);
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
