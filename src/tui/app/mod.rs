//! The dashboard's state and how actions change it. Nothing here touches
//! the terminal: tests drive an [`App`] with messages and read its state.

mod compare;
mod fields;
mod marks;
mod mouse;
mod places;

pub use compare::CompareCursor;
pub use marks::{ReviewState, progress, run_export};
pub use places::{PlaceRow, PlaceTree};

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};
use ratatui::layout::Rect;

use super::action::{Action, Context};
use super::filters::{DeptChoice, Filters, Scope};
use super::i18n::Lang;
use super::input::LineInput;
use super::keymap::Keymap;
use super::theme::Theme;
use super::tree::{Node, SectionTree, TreeRow, node_label, node_tasks};
use super::view::{ViewRequest, ViewResult};
use crate::check::Problem;
use crate::departments::{DeptId, UnitKind};
use crate::export::ExportView;
use crate::review::SaveRequest;
use crate::review::saver::SaverEvent;
use crate::store::{DeptGroup, RoleFilter, Store, TaskId};

/// The four browsable panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Cities,
    Sections,
    Tasks,
    Leads,
}

impl Pane {
    /// The panes in `Tab` order.
    pub const ALL: [Pane; 4] = [Pane::Cities, Pane::Sections, Pane::Tasks, Pane::Leads];

    fn index(self) -> usize {
        self as usize
    }
}

/// What the keyboard is doing right now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    Normal,
    /// Typing a fuzzy search; cancelling takes its step back.
    Search {
        input: LineInput,
    },
    /// Typing a department name, alias or pinyin.
    Department {
        input: LineInput,
        /// What the text finds, best first.
        completions: Vec<DeptGroup>,
        /// The completion picked with Up/Down; `None` takes the first.
        picked: Option<usize>,
    },
    /// Typing the note of a task.
    Note {
        input: LineInput,
        task: TaskId,
    },
    Help {
        scroll: usize,
    },
    Warnings {
        scroll: usize,
    },
    /// The list of review problems, one selected.
    Problems {
        cursor: ListCursor,
    },
    /// The marks whose task is gone, one selected.
    Orphans {
        cursor: ListCursor,
    },
    /// Departments × places, one cell selected.
    Compare(CompareCursor),
}

/// Which unit kinds the Lead units pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KindFilter {
    #[default]
    All,
    Departments,
    Governments,
}

impl KindFilter {
    fn next(self) -> Self {
        match self {
            KindFilter::All => KindFilter::Departments,
            KindFilter::Departments => KindFilter::Governments,
            KindFilter::Governments => KindFilter::All,
        }
    }

    fn shows(self, kind: UnitKind) -> bool {
        match self {
            KindFilter::All => true,
            KindFilter::Departments => kind == UnitKind::Department,
            KindFilter::Governments => kind == UnitKind::LowerGovernment,
        }
    }
}

/// The selected row of a pane and the first row on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize, len: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.selected = target.min(len.saturating_sub(1));
    }

    /// Scrolls so the selected row is among `height` visible rows.
    pub fn scroll_into_view(&mut self, height: usize) {
        let height = height.max(1);
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + height {
            self.offset = self.selected + 1 - height;
        }
    }
}

/// Where the panes were drawn last, for mouse clicks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PaneAreas {
    pub panes: [Rect; 4],
}

/// Rows a page key moves when the pane's height is not known yet.
const DEFAULT_PAGE: usize = 10;

/// Completions shown under the department field.
pub const MAX_COMPLETIONS: usize = 8;

/// A message the dashboard reacts to.
#[derive(Debug, Clone)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    Paste(String),
    View(ViewResult),
    /// The review problems of the store, computed in the background.
    Problems(Vec<Problem>),
    /// An export finished: the file written, or why it was not.
    Exported(Result<PathBuf, String>),
    /// What the background saver reports.
    Saver(SaverEvent),
    /// A background worker failed; the text says which and why.
    WorkerFailed(String),
}

/// Work the dashboard asks the event loop to do off the input thread.
#[derive(Debug, Clone)]
pub enum Command {
    /// Compute the panes for new filters.
    View(ViewRequest),
    /// Write these tasks to a file.
    Export { view: ExportView, path: PathBuf },
}

/// The dashboard's whole state.
pub struct App {
    store: Arc<Store>,
    pub keymap: Keymap,
    pub lang: Lang,
    pub theme: Theme,
    pub focus: Pane,
    pub mode: Mode,
    pub filters: Filters,
    pub kinds: KindFilter,
    pub view: ViewResult,
    /// True while a newer view than the one shown is being computed.
    pub waiting: bool,
    generation: u64,
    tree: SectionTree,
    tree_rows: Vec<TreeRow>,
    place_tree: PlaceTree,
    place_rows: Vec<PlaceRow>,
    lead_rows: Vec<(DeptId, usize)>,
    pub cursors: [ListCursor; 4],
    /// The task shown in the detail pane, kept selected across updates.
    selected_task: Option<TaskId>,
    pub areas: PaneAreas,
    /// Visible rows per pane at the last draw, for page keys.
    pub heights: [usize; 4],
    /// How far the open help or warnings overlay could scroll at the last
    /// draw.
    pub overlay_max_scroll: usize,
    pub quit: bool,
    /// Set when the user asks to suspend (Ctrl-Z); the event loop suspends
    /// and clears it.
    pub suspend: bool,
    /// A background worker that failed, and why: shown until it is fixed
    /// (a restart).
    pub failure: Option<String>,
    /// Saves asked for by the last updates, taken by [`App::take_saves`].
    saves: Vec<SaveRequest>,
    /// Marks and notes, when a review file is in use.
    pub review: Option<ReviewState>,
    /// Review problems, once computed.
    pub problems: Option<Vec<Problem>>,
    /// A one-line message for the status line, cleared by the next key.
    pub message: Option<String>,
    /// The paths the documents came from (where exports go).
    export_paths: Vec<PathBuf>,
}

impl App {
    /// A dashboard over `store`; ask for [`App::first_view`] to fill it.
    pub fn new(store: Arc<Store>, keymap: Keymap, lang: Lang, theme: Theme) -> Self {
        let tree = SectionTree::new(&store);
        Self {
            store,
            keymap,
            lang,
            theme,
            focus: Pane::Tasks,
            mode: Mode::Normal,
            filters: Filters::default(),
            kinds: KindFilter::All,
            view: ViewResult::default(),
            waiting: true,
            generation: 0,
            tree,
            tree_rows: Vec::new(),
            place_tree: PlaceTree::default(),
            place_rows: Vec::new(),
            lead_rows: Vec::new(),
            cursors: [ListCursor::default(); 4],
            selected_task: None,
            areas: PaneAreas::default(),
            heights: [0; 4],
            overlay_max_scroll: 0,
            quit: false,
            suspend: false,
            failure: None,
            saves: Vec::new(),
            review: None,
            problems: None,
            message: None,
            export_paths: Vec::new(),
        }
    }

    /// Starts with `filters` set.
    pub fn with_filters(mut self, filters: Filters) -> Self {
        self.filters = filters;
        self
    }

    /// Marks and notes go to this review.
    pub fn with_review(mut self, review: ReviewState) -> Self {
        self.review = Some(review);
        self
    }

    /// Exports go beside the documents loaded from `paths`.
    pub fn with_export_paths(mut self, paths: Vec<PathBuf>) -> Self {
        self.export_paths = paths;
        self
    }

    /// Shows `message` on the status line until the first key.
    pub fn with_message(mut self, message: Option<String>) -> Self {
        self.message = message;
        self
    }

    /// The request for the first view.
    pub fn first_view(&mut self) -> Command {
        Command::View(self.request())
    }

    /// The store the dashboard shows.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// A shared handle to the store, for drawing while the app is borrowed.
    pub fn shared_store(&self) -> Arc<Store> {
        Arc::clone(&self.store)
    }

    /// Rows of the Cities pane: the place tree.
    pub fn place_rows(&self) -> &[PlaceRow] {
        &self.place_rows
    }

    /// Rows of the Sections pane.
    pub fn tree_rows(&self) -> &[TreeRow] {
        &self.tree_rows
    }

    /// Rows of the Lead units pane.
    pub fn lead_rows(&self) -> &[(DeptId, usize)] {
        &self.lead_rows
    }

    /// The task in the detail pane.
    pub fn selected_task(&self) -> Option<TaskId> {
        self.selected_task
    }

    /// Number of rows in a pane.
    pub fn pane_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Cities => self.place_rows.len(),
            Pane::Sections => self.tree_rows.len(),
            Pane::Tasks => self.view.tasks.len(),
            Pane::Leads => self.lead_rows.len(),
        }
    }

    /// Reacts to one message; returns the work it needs done, if any.
    pub fn update(&mut self, msg: Msg) -> Option<Command> {
        match msg {
            Msg::Key(key) => {
                self.message = None;
                self.key(key)
            }
            Msg::Mouse(mouse) => {
                self.mouse(mouse);
                None
            }
            Msg::Paste(text) => self.paste(&text),
            Msg::View(view) => {
                self.show(view);
                None
            }
            Msg::Problems(problems) => {
                self.problems = Some(problems);
                None
            }
            Msg::Exported(outcome) => {
                self.exported(outcome);
                None
            }
            Msg::Saver(event) => self.saver_event(event),
            Msg::WorkerFailed(failure) => {
                self.failure = Some(failure);
                self.waiting = false;
                None
            }
        }
    }

    fn request(&mut self) -> ViewRequest {
        self.generation += 1;
        self.waiting = true;
        ViewRequest {
            generation: self.generation,
            filters: self.filters.clone(),
            review_keep: self.review_keep(),
            compare: match &self.mode {
                Mode::Compare(cursor) => Some(cursor.role),
                _ => None,
            },
        }
    }

    /// A view request for the current filters, as a command.
    fn refresh(&mut self) -> Option<Command> {
        Some(Command::View(self.request()))
    }

    fn show(&mut self, view: ViewResult) {
        if view.generation != self.generation {
            return;
        }
        self.view = view;
        self.waiting = false;
        self.rebuild_rows();
    }

    fn rebuild_rows(&mut self) {
        let store = Arc::clone(&self.store);
        self.place_rows = self.place_tree.rows(&store, &self.view);
        self.tree_rows = self.tree.rows(&store, &self.view);
        self.lead_rows = self
            .view
            .lead_counts
            .iter()
            .copied()
            .filter(|(dept, _)| self.kinds.shows(store.departments().get(*dept).kind))
            .collect();
        self.cursors[Pane::Cities.index()].clamp(self.place_rows.len());
        self.cursors[Pane::Sections.index()].clamp(self.tree_rows.len());
        self.cursors[Pane::Leads.index()].clamp(self.lead_rows.len());
        let tasks = &mut self.cursors[Pane::Tasks.index()];
        tasks.selected = self
            .selected_task
            .and_then(|id| self.view.tasks.iter().position(|t| *t == id))
            .unwrap_or(0);
        tasks.clamp(self.view.tasks.len());
        self.sync_selected_task();
        self.clamp_compare();
    }

    fn sync_selected_task(&mut self) {
        let index = self.cursors[Pane::Tasks.index()].selected;
        self.selected_task = self.view.tasks.get(index).copied();
    }

    fn key(&mut self, key: KeyEvent) -> Option<Command> {
        match &self.mode {
            Mode::Normal => {
                let action = self.keymap.action(Context::Normal, &key)?;
                self.act(action)
            }
            Mode::Help { .. } | Mode::Warnings { .. } => {
                self.overlay_key(key);
                None
            }
            Mode::Problems { .. } => self.problems_key(key),
            Mode::Orphans { .. } => self.orphans_key(key),
            Mode::Compare(_) => self.compare_key(key),
            Mode::Search { .. } | Mode::Department { .. } | Mode::Note { .. } => {
                self.input_key(key)
            }
        }
    }

    /// Performs an action in normal mode.
    pub fn act(&mut self, action: Action) -> Option<Command> {
        match action {
            Action::Quit => self.quit = true,
            Action::Help => self.mode = Mode::Help { scroll: 0 },
            Action::Warnings => self.mode = Mode::Warnings { scroll: 0 },
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::FocusCities => self.focus = Pane::Cities,
            Action::FocusSections => self.focus = Pane::Sections,
            Action::FocusTasks => self.focus = Pane::Tasks,
            Action::FocusLeads => self.focus = Pane::Leads,
            Action::Up => self.move_cursor(-1),
            Action::Down => self.move_cursor(1),
            Action::PageUp => self.move_cursor(-self.page()),
            Action::PageDown => self.move_cursor(self.page()),
            Action::Top => self.move_cursor(isize::MIN / 2),
            Action::Bottom => self.move_cursor(isize::MAX / 2),
            Action::Collapse => self.open_selected_node(false),
            Action::Expand => self.open_selected_node(true),
            Action::Select => return self.select(),
            Action::Search => {
                self.filters.begin_query();
                self.mode = Mode::Search {
                    input: LineInput::with_text(self.filters.query.as_deref().unwrap_or_default()),
                }
            }
            Action::Compare => return self.open_compare(),
            Action::DeptFilter => {
                self.mode = Mode::Department {
                    input: LineInput::default(),
                    completions: Vec::new(),
                    picked: None,
                }
            }
            Action::CycleRole => {
                self.filters.cycle_role();
                return self.refresh();
            }
            Action::CycleKinds => {
                self.kinds = self.kinds.next();
                self.rebuild_rows();
            }
            Action::PopFilter if self.filters.pop() => return self.refresh(),
            Action::ClearFilters if !self.filters.is_empty() => {
                self.filters.clear();
                return self.refresh();
            }
            Action::ToggleReviewed => return self.toggle_mark(marks::Toggle::Reviewed),
            Action::ToggleFlagged => return self.toggle_mark(marks::Toggle::Flagged),
            Action::EditNote => self.start_note(),
            Action::Undo => return self.undo_mark(),
            Action::Orphans => self.open_orphans(),
            Action::Suspend => self.suspend = true,
            Action::CycleReviewFilter => return self.cycle_review_filter(),
            Action::Problems => {
                self.mode = Mode::Problems {
                    cursor: ListCursor::default(),
                }
            }
            Action::Export => return self.export(),
            _ => {}
        }
        None
    }

    fn page(&self) -> isize {
        let height = self.heights[self.focus.index()];
        isize::try_from(if height == 0 { DEFAULT_PAGE } else { height }).unwrap_or(1)
    }

    fn cycle_focus(&mut self, step: isize) {
        let count = Pane::ALL.len() as isize;
        let index = (self.focus.index() as isize + step).rem_euclid(count);
        self.focus = Pane::ALL[index as usize];
    }

    fn move_cursor(&mut self, delta: isize) {
        let len = self.pane_len(self.focus);
        self.cursors[self.focus.index()].move_by(delta, len);
        if self.focus == Pane::Tasks {
            self.sync_selected_task();
        }
    }

    fn selected_node(&self) -> Option<&TreeRow> {
        self.tree_rows
            .get(self.cursors[Pane::Sections.index()].selected)
    }

    fn open_selected_node(&mut self, open: bool) {
        if self.focus == Pane::Cities {
            self.open_selected_place(open);
            return;
        }
        if self.focus != Pane::Sections {
            return;
        }
        let Some(row) = self.selected_node().cloned() else {
            return;
        };
        if !open && (!row.has_children || !row.expanded) {
            self.select_parent_of(&row);
            return;
        }
        self.tree.set_open(row.node, open);
        self.tree_rows = self.tree.rows(&self.store, &self.view);
        self.cursors[Pane::Sections.index()].clamp(self.tree_rows.len());
    }

    fn select_parent_of(&mut self, row: &TreeRow) {
        let cursor = &mut self.cursors[Pane::Sections.index()];
        if let Some(parent) = self.tree_rows[..cursor.selected.min(self.tree_rows.len())]
            .iter()
            .rposition(|candidate| candidate.depth < row.depth)
        {
            cursor.selected = parent;
        }
    }

    fn select(&mut self) -> Option<Command> {
        let index = self.cursors[self.focus.index()].selected;
        match self.focus {
            Pane::Cities => {
                let place = self.place_rows.get(index)?.place?;
                self.filters.set_place(self.place_choice(place, false));
            }
            Pane::Sections => {
                let node = self.tree_rows.get(index)?.node;
                let tasks = node_tasks(&self.store, node);
                let label = match node {
                    Node::Section(_) | Node::Plan(..) => node_label(&self.store, node),
                    Node::Document(doc) => self.store.document(doc).source.clone(),
                };
                self.filters.set_scope(Scope { label, tasks });
            }
            Pane::Leads => {
                let (dept, _) = *self.lead_rows.get(index)?;
                let label = self.store.departments().get(dept).canonical.clone();
                let choice = DeptChoice {
                    label,
                    departments: vec![dept],
                };
                self.filters.narrow_department(choice, RoleFilter::Lead);
            }
            Pane::Tasks => return None,
        }
        self.cursors[self.focus.index()] = ListCursor::default();
        self.refresh()
    }

    fn overlay_key(&mut self, key: KeyEvent) {
        let action = self.keymap.action(Context::Normal, &key);
        let (Mode::Help { scroll } | Mode::Warnings { scroll }) = &mut self.mode else {
            return;
        };
        match action {
            Some(Action::Down) => *scroll = (*scroll + 1).min(self.overlay_max_scroll),
            Some(Action::Up) => *scroll = scroll.saturating_sub(1),
            Some(Action::PageDown) => {
                *scroll = (*scroll + DEFAULT_PAGE).min(self.overlay_max_scroll)
            }
            Some(Action::PageUp) => *scroll = scroll.saturating_sub(DEFAULT_PAGE),
            Some(Action::Top) => *scroll = 0,
            Some(Action::Bottom) => *scroll = self.overlay_max_scroll,
            Some(Action::Quit) if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            Some(Action::Quit | Action::Help | Action::Warnings | Action::PopFilter) => {
                self.mode = Mode::Normal
            }
            _ if key.code == KeyCode::Esc => self.mode = Mode::Normal,
            _ => {}
        }
    }
}
