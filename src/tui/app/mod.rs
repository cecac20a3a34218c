//! The dashboard's state and how actions change it. Nothing here touches
//! the terminal: tests drive an [`App`] with messages and read its state;
//! drawing reads it and reports what it measured back through
//! [`App::measured`].

mod compare;
mod fields;
mod marks;
mod mouse;
mod outside;
mod panes;
mod places;
mod problems;

pub use compare::CompareCursor;
pub use marks::{ReviewState, progress, run_export};
pub use panes::{ListCursor, Pane, PaneMap};
pub use places::{PlaceRow, PlaceTree};
pub use problems::{ProblemFilter, ProblemScope};

use std::path::PathBuf;
use std::sync::Arc;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers, MouseEvent};

use super::action::{Action, Context};
use super::filters::{DeptChoice, Filters, Scope};
use super::i18n::Lang;
use super::input::LineInput;
use super::keymap::Keymap;
use super::theme::Theme;
use super::tree::{Node, SectionTree, TreeRow, node_label, node_tasks};
use super::ui::Drawn;
use super::view::{ViewRequest, ViewResult};
use crate::check::Problem;
use crate::departments::{DeptId, UnitKind};
use crate::export::ExportView;
use crate::review::SaveRequest;
use crate::review::saver::SaverEvent;
use crate::store::{DeptGroup, RoleFilter, Store, StoreWarning, TaskId};

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
    /// The selected task on the whole screen.
    Task {
        scroll: usize,
    },
    /// The list of review problems, one selected; `confirm` holds a task
    /// hidden by the filters while the user is asked whether to clear them.
    Problems {
        cursor: ListCursor,
        confirm: Option<TaskId>,
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
    /// An export finished: the file written and what had to be cut, or why
    /// it was not written.
    Exported(Result<crate::export::Written, String>),
    /// What the background saver reports.
    Saver(SaverEvent),
    /// A background worker failed; the text says which and why.
    WorkerFailed(String),
    /// The editor opened on a task's source has ended; the text says why
    /// it could not run, when it could not.
    EditorClosed(Option<String>),
}

/// Work the dashboard asks the event loop to do off the input thread.
#[derive(Debug, Clone)]
pub enum Command {
    /// Compute the panes for new filters.
    View(ViewRequest),
    /// Write these tasks to an Excel file, its headers in `lang`.
    Export {
        view: ExportView,
        path: PathBuf,
        lang: Lang,
    },
    /// Open `$VISUAL` or `$EDITOR` on a file at a line, the terminal given
    /// to it meanwhile.
    Edit(super::source::EditRequest),
    /// Put this text on the terminal's clipboard (OSC 52).
    Copy(String),
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
    /// Each pane's cursor; the Detail's offset is its scroll.
    pub cursors: PaneMap<ListCursor>,
    /// The task shown in the detail pane, kept selected across updates.
    selected_task: Option<TaskId>,
    /// What the last draw measured: areas, rows shown, scroll limits.
    pub drawn: Drawn,
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
    /// Review problems, once computed: errors first, then warnings, then
    /// info, each in document order.
    pub problems: Option<Vec<Problem>>,
    /// Which problems the Problems view lists.
    pub problem_filter: ProblemFilter,
    /// The problems the view lists (indexes into `problems`), for the
    /// filter and the view they were picked for.
    problem_rows: problems::ProblemRows,
    /// Lines of the config files that could not be used.
    pub config_warnings: Vec<StoreWarning>,
    /// A one-line message for the status line, cleared by the next key.
    pub message: Option<String>,
    /// The paths the documents came from (where exports go).
    export_paths: Vec<PathBuf>,
    /// True when some task has a deadline: the Tasks pane then has a
    /// column for it.
    has_deadlines: bool,
}

impl App {
    /// A dashboard over `store`; ask for [`App::first_view`] to fill it.
    pub fn new(store: Arc<Store>, keymap: Keymap, lang: Lang, theme: Theme) -> Self {
        let tree = SectionTree::new(&store);
        let has_deadlines = store.tasks().iter().any(|task| task.deadline.is_some());
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
            cursors: PaneMap::default(),
            selected_task: None,
            drawn: Drawn::default(),
            quit: false,
            suspend: false,
            failure: None,
            saves: Vec::new(),
            review: None,
            problems: None,
            problem_filter: ProblemFilter::default(),
            problem_rows: problems::ProblemRows::default(),
            config_warnings: Vec::new(),
            message: None,
            export_paths: Vec::new(),
            has_deadlines,
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

    /// Lists these config file problems among the warnings (`w`).
    pub fn with_config_warnings(mut self, warnings: Vec<StoreWarning>) -> Self {
        self.config_warnings = warnings;
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

    /// True when some loaded task has a deadline.
    pub fn has_deadlines(&self) -> bool {
        self.has_deadlines
    }

    /// The task in the detail pane.
    pub fn selected_task(&self) -> Option<TaskId> {
        self.selected_task
    }

    /// Every warning `w` lists: the config files' first, then the load's.
    pub fn warnings(&self) -> impl Iterator<Item = &StoreWarning> {
        self.config_warnings
            .iter()
            .chain(self.store.warnings().iter())
    }

    /// How many warnings `w` lists.
    pub fn warning_count(&self) -> usize {
        self.config_warnings.len() + self.store.warnings().len()
    }

    /// Number of rows in a list pane (0 for the Detail).
    pub fn pane_len(&self, pane: Pane) -> usize {
        match pane {
            Pane::Cities => self.place_rows.len(),
            Pane::Sections => self.tree_rows.len(),
            Pane::Tasks => self.view.tasks.len(),
            Pane::Leads => self.lead_rows.len(),
            Pane::Detail => 0,
        }
    }

    /// Takes in what the last draw measured: the first row each list showed
    /// (so lists scroll only as far as needed), the scroll limits, and the
    /// areas clicks land in.
    pub fn measured(&mut self, drawn: Drawn) {
        for pane in Pane::LISTS {
            self.cursors[pane].offset = drawn.panes[pane].offset;
        }
        let detail = drawn.panes[Pane::Detail].max_scroll;
        self.cursors[Pane::Detail].scroll_by(0, detail);
        let popup = &drawn.popup;
        match &mut self.mode {
            Mode::Help { scroll } | Mode::Warnings { scroll } | Mode::Task { scroll } => {
                *scroll = (*scroll).min(popup.max_scroll);
            }
            Mode::Problems { cursor, .. } | Mode::Orphans { cursor } => {
                cursor.offset = popup.offset;
            }
            Mode::Compare(cursor) => {
                if let Some(shown) = &drawn.compare {
                    cursor.row_offset = shown.row_offset;
                    cursor.column_offset = shown.column_offset;
                }
            }
            _ => {}
        }
        self.drawn = drawn;
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
                self.set_problems(problems);
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
            Msg::EditorClosed(failure) => {
                self.message = failure;
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
        self.refresh_problem_rows();
    }

    /// Rebuilds the rows of the panes from the view, each pane keeping the
    /// item it had selected when that item is still listed.
    fn rebuild_rows(&mut self) {
        let store = Arc::clone(&self.store);
        let place = self
            .place_rows
            .get(self.cursors[Pane::Cities].selected)
            .map(|row| row.place);
        let node = self
            .tree_rows
            .get(self.cursors[Pane::Sections].selected)
            .map(|row| row.node);
        let lead = self
            .lead_rows
            .get(self.cursors[Pane::Leads].selected)
            .map(|(dept, _)| *dept);
        self.place_rows = self.place_tree.rows(&store, &self.view);
        self.tree_rows = self.tree.rows(&store, &self.view);
        self.lead_rows = self
            .view
            .lead_counts
            .iter()
            .copied()
            .filter(|(dept, _)| self.kinds.shows(store.departments().get(*dept).kind))
            .collect();
        let keep = |cursor: &mut ListCursor, found: Option<usize>, len: usize| {
            if let Some(index) = found {
                cursor.selected = index;
            }
            cursor.clamp(len);
        };
        let found =
            place.and_then(|place| self.place_rows.iter().position(|row| row.place == place));
        keep(
            &mut self.cursors[Pane::Cities],
            found,
            self.place_rows.len(),
        );
        let found = node.and_then(|node| self.tree_rows.iter().position(|row| row.node == node));
        keep(
            &mut self.cursors[Pane::Sections],
            found,
            self.tree_rows.len(),
        );
        let found = lead.and_then(|lead| self.lead_rows.iter().position(|row| row.0 == lead));
        keep(&mut self.cursors[Pane::Leads], found, self.lead_rows.len());
        let found = self
            .selected_task
            .and_then(|id| self.view.tasks.iter().position(|t| *t == id));
        let tasks = &mut self.cursors[Pane::Tasks];
        tasks.selected = found.unwrap_or(0);
        tasks.clamp(self.view.tasks.len());
        self.sync_selected_task();
        self.clamp_compare();
    }

    /// The task at the Tasks cursor becomes the selected task.
    fn sync_selected_task(&mut self) {
        let index = self.cursors[Pane::Tasks].selected;
        let task = self.view.tasks.get(index).copied();
        self.show_task(task);
    }

    /// Selects `task`; the detail of a new task starts at its top.
    fn show_task(&mut self, task: Option<TaskId>) {
        if self.selected_task != task {
            self.cursors[Pane::Detail] = ListCursor::default();
            if let Mode::Task { scroll } = &mut self.mode {
                *scroll = 0;
            }
        }
        self.selected_task = task;
    }

    /// Selects `task` and puts the Tasks cursor on it when it is listed;
    /// true when it is.
    fn select_listed_task(&mut self, task: TaskId) -> bool {
        self.show_task(Some(task));
        match self.view.tasks.iter().position(|&id| id == task) {
            Some(position) => {
                self.cursors[Pane::Tasks].selected = position;
                true
            }
            None => false,
        }
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
            Mode::Task { .. } => self.task_key(key),
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
            Action::FocusDetail => self.focus = Pane::Detail,
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
            Action::Problems => self.open_problems(),
            Action::Export => return self.export(),
            Action::OpenSource => return self.open_source(),
            Action::CopyTask => return self.copy_task(),
            _ => {}
        }
        None
    }

    /// Rows (or lines, in the Detail) a page key moves in the focused pane.
    fn page(&self) -> isize {
        let page = self.drawn.panes[self.focus].page();
        isize::try_from(if page == 0 { DEFAULT_PAGE } else { page }).unwrap_or(1)
    }

    fn cycle_focus(&mut self, step: isize) {
        let count = Pane::ALL.len() as isize;
        let index = Pane::ALL
            .iter()
            .position(|&pane| pane == self.focus)
            .unwrap_or(0) as isize;
        self.focus = Pane::ALL[(index + step).rem_euclid(count) as usize];
    }

    fn move_cursor(&mut self, delta: isize) {
        if self.focus == Pane::Detail {
            // Clamped by the next draw, which knows the task's lines; the
            // last one's may be of another task.
            self.cursors[Pane::Detail].scroll_by(delta, usize::MAX);
            return;
        }
        let len = self.pane_len(self.focus);
        self.cursors[self.focus].move_by(delta, len);
        if self.focus == Pane::Tasks {
            self.sync_selected_task();
        }
    }

    fn selected_node(&self) -> Option<&TreeRow> {
        self.tree_rows.get(self.cursors[Pane::Sections].selected)
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
        self.cursors[Pane::Sections].clamp(self.tree_rows.len());
    }

    fn select_parent_of(&mut self, row: &TreeRow) {
        let cursor = &mut self.cursors[Pane::Sections];
        if let Some(parent) = self.tree_rows[..cursor.selected.min(self.tree_rows.len())]
            .iter()
            .rposition(|candidate| candidate.depth < row.depth)
        {
            cursor.selected = parent;
        }
    }

    /// Enter: a place, section or lead unit becomes a filter step; a task
    /// opens on the whole screen. The pane keeps its place.
    fn select(&mut self) -> Option<Command> {
        let index = self.cursors[self.focus].selected;
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
            Pane::Tasks | Pane::Detail => {
                if self.selected_task.is_some() {
                    self.mode = Mode::Task { scroll: 0 };
                }
                return None;
            }
        }
        self.refresh()
    }

    /// A key in the help or the warnings: scroll, or close.
    fn overlay_key(&mut self, key: KeyEvent) {
        let action = self.keymap.action(Context::Normal, &key);
        let max = self.drawn.popup.max_scroll;
        let page = self.drawn.popup.page().max(1);
        let (Mode::Help { scroll } | Mode::Warnings { scroll }) = &mut self.mode else {
            return;
        };
        if scroll_text(scroll, action, max, page) {
            return;
        }
        match action {
            Some(Action::Quit) if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            Some(Action::Quit | Action::Help | Action::Warnings | Action::PopFilter) => {
                self.mode = Mode::Normal
            }
            _ if key.code == KeyCode::Esc => self.mode = Mode::Normal,
            _ => {}
        }
    }

    /// A key while a task fills the screen: scroll, close, or act on the
    /// task (mark, note, open, copy) as in the Tasks pane.
    fn task_key(&mut self, key: KeyEvent) -> Option<Command> {
        let action = self.keymap.action(Context::Normal, &key);
        let max = self.drawn.popup.max_scroll;
        let page = self.drawn.popup.page().max(1);
        let Mode::Task { scroll } = &mut self.mode else {
            return None;
        };
        if scroll_text(scroll, action, max, page) {
            return None;
        }
        match action {
            Some(Action::Quit) if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            Some(Action::Quit | Action::Select | Action::PopFilter | Action::Help) => {
                self.mode = Mode::Normal;
            }
            Some(
                action @ (Action::ToggleReviewed
                | Action::ToggleFlagged
                | Action::EditNote
                | Action::Undo
                | Action::OpenSource
                | Action::CopyTask
                | Action::Suspend),
            ) => return self.act(action),
            _ if key.code == KeyCode::Esc => self.mode = Mode::Normal,
            _ => {}
        }
        None
    }
}

/// Scrolls a text by a movement action, at most to `max`; true when the
/// action was a movement.
fn scroll_text(scroll: &mut usize, action: Option<Action>, max: usize, page: usize) -> bool {
    let target = match action {
        Some(Action::Down) => scroll.saturating_add(1),
        Some(Action::Up) => scroll.saturating_sub(1),
        Some(Action::PageDown) => scroll.saturating_add(page),
        Some(Action::PageUp) => scroll.saturating_sub(page),
        Some(Action::Top) => 0,
        Some(Action::Bottom) => max,
        _ => return false,
    };
    *scroll = target.min(max);
    true
}
