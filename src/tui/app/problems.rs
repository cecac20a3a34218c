//! The Problems view: the review problems, errors first, filtered by
//! severity and by the dashboard's filters; Enter shows a problem's task,
//! keeping the filters when the task is among them and asking before
//! clearing them when it is not.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Command, DEFAULT_PAGE, ListCursor, Mode, Pane};
use crate::check::{Level, Problem};
use crate::tui::action::{Action, Context};
use crate::tui::view::TaskSet;

/// Which problems the view lists by the dashboard's filters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProblemScope {
    /// Problems of the tasks (and documents) the filters keep.
    #[default]
    UnderFilters,
    /// Every problem.
    All,
}

/// Which problems the view lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ProblemFilter {
    /// Only this severity; `None` for all.
    pub level: Option<Level>,
    pub scope: ProblemScope,
}

impl ProblemFilter {
    /// The next severity: all → errors → warnings → info → all.
    fn next_level(self) -> Option<Level> {
        match self.level {
            None => Some(Level::Error),
            Some(Level::Error) => Some(Level::Warning),
            Some(Level::Warning) => Some(Level::Info),
            Some(Level::Info) => None,
        }
    }
}

/// The problems listed, and what they were picked for.
#[derive(Debug, Clone, Default)]
pub(super) struct ProblemRows {
    /// Indexes into the app's problems.
    rows: Vec<usize>,
    /// Problems of each severity (error, warning, info) in the scope.
    counts: [usize; 3],
    /// The generation of the view, the filter and the number of problems
    /// the rows are for.
    key: Option<(u64, ProblemFilter, usize)>,
}

impl App {
    /// Keeps the problems sorted by severity, errors first, each severity in
    /// document order.
    pub(super) fn set_problems(&mut self, mut problems: Vec<Problem>) {
        problems.sort_by_key(|problem| std::cmp::Reverse(problem.level));
        self.problems = Some(problems);
        self.refresh_problem_rows();
    }

    /// The problems the view lists, as indexes into [`App::problems`].
    pub fn problem_rows(&self) -> &[usize] {
        &self.problem_rows.rows
    }

    /// How many problems there are of each severity (error, warning, info)
    /// among those the scope keeps.
    pub fn problem_counts(&self) -> [usize; 3] {
        self.problem_rows.counts
    }

    /// Recomputes the listed problems when the Problems view is open and
    /// they are out of date (a new view, a new filter).
    pub(super) fn refresh_problem_rows(&mut self) {
        if !matches!(self.mode, Mode::Problems { .. }) {
            return;
        }
        let key = Some((
            self.view.generation,
            self.problem_filter,
            self.problems.as_ref().map_or(0, Vec::len),
        ));
        if self.problem_rows.key == key {
            return;
        }
        let in_scope = self.in_scope(self.problem_filter.scope);
        let problems = self.problems.as_deref().unwrap_or_default();
        let mut counts = [0; 3];
        for &index in &in_scope {
            counts[match problems[index].level {
                Level::Error => 0,
                Level::Warning => 1,
                Level::Info => 2,
            }] += 1;
        }
        let level = self.problem_filter.level;
        let rows = in_scope
            .into_iter()
            .filter(|&index| level.is_none_or(|level| problems[index].level == level))
            .collect();
        self.problem_rows = ProblemRows { rows, counts, key };
        if let Mode::Problems { cursor, .. } = &mut self.mode {
            cursor.clamp(self.problem_rows.rows.len());
        }
    }

    /// The problems `scope` keeps, in order: under the filters, those of
    /// the tasks listed (and of the documents they are in).
    fn in_scope(&self, scope: ProblemScope) -> Vec<usize> {
        let Some(problems) = &self.problems else {
            return Vec::new();
        };
        if scope == ProblemScope::All || self.filters.active().is_empty() {
            return (0..problems.len()).collect();
        }
        let shown = TaskSet::new(self.store.tasks().len(), &self.view.tasks);
        problems
            .iter()
            .enumerate()
            .filter(|(_, problem)| match problem.task {
                Some(task) => shown.contains(task),
                None => shown.count(&self.store.document(problem.document).tasks) > 0,
            })
            .map(|(index, _)| index)
            .collect()
    }

    /// Opens the Problems view.
    pub(super) fn open_problems(&mut self) {
        self.mode = Mode::Problems {
            cursor: ListCursor::default(),
            confirm: None,
        };
        self.refresh_problem_rows();
    }

    pub(super) fn problems_key(&mut self, key: KeyEvent) -> Option<Command> {
        let action = self.keymap.action(Context::Normal, &key);
        let len = self.problem_rows.rows.len();
        let page = isize::try_from(match self.drawn.popup.page() {
            0 => DEFAULT_PAGE,
            page => page,
        })
        .unwrap_or(1);
        let Mode::Problems { cursor, confirm } = &mut self.mode else {
            return None;
        };
        if let Some(task) = *confirm {
            match (action, key.code) {
                (Some(Action::Select), _) | (_, KeyCode::Char('y')) => {
                    self.mode = Mode::Normal;
                    self.filters.clear();
                    self.focus = Pane::Tasks;
                    self.show_task(Some(task));
                    return self.refresh();
                }
                (Some(Action::Quit), _) if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.quit = true;
                }
                (Some(Action::PopFilter | Action::Quit), _)
                | (_, KeyCode::Esc | KeyCode::Char('n')) => *confirm = None,
                _ => {}
            }
            return None;
        }
        match action {
            Some(Action::Down) => cursor.move_by(1, len),
            Some(Action::Up) => cursor.move_by(-1, len),
            Some(Action::PageDown) => cursor.move_by(page, len),
            Some(Action::PageUp) => cursor.move_by(-page, len),
            Some(Action::Top) => cursor.move_by(isize::MIN / 2, len),
            Some(Action::Bottom) => cursor.move_by(isize::MAX / 2, len),
            Some(Action::Select) => {
                let index = cursor.selected;
                return self.jump_to_problem(index);
            }
            Some(Action::CycleSeverity) => {
                self.problem_filter.level = self.problem_filter.next_level();
                *cursor = ListCursor::default();
                self.refresh_problem_rows();
            }
            Some(Action::ToggleProblemScope) => {
                self.problem_filter.scope = match self.problem_filter.scope {
                    ProblemScope::UnderFilters => ProblemScope::All,
                    ProblemScope::All => ProblemScope::UnderFilters,
                };
                *cursor = ListCursor::default();
                self.refresh_problem_rows();
            }
            Some(Action::Quit) if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.quit = true;
            }
            Some(Action::Quit | Action::Problems | Action::PopFilter | Action::Help) => {
                self.mode = Mode::Normal;
            }
            _ if key.code == KeyCode::Esc => self.mode = Mode::Normal,
            _ => {}
        }
        None
    }

    /// Shows the task of the listed problem at `index`: selected in the
    /// Tasks pane when the filters keep it; else the user is asked whether
    /// to clear them.
    fn jump_to_problem(&mut self, index: usize) -> Option<Command> {
        let problem = *self.problem_rows.rows.get(index)?;
        let task = self.problems.as_ref()?.get(problem)?.task?;
        if self.view.tasks.contains(&task) {
            self.mode = Mode::Normal;
            self.focus = Pane::Tasks;
            self.select_listed_task(task);
            return None;
        }
        if let Mode::Problems { confirm, .. } = &mut self.mode {
            *confirm = Some(task);
        }
        None
    }
}
