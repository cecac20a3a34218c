//! The compare view (`c`): departments × places, the tasks each department
//! leads (or has in another role, `r`) in the documents of each place; the
//! arrows move between cells, `Enter` filters the dashboard to one.

use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use super::{App, Command, Mode};
use crate::compare::MatrixRow;
use crate::store::RoleFilter;
use crate::tui::action::{Action, Context};
use crate::tui::filters::DeptChoice;

/// Rows a page key moves in the compare view.
const PAGE_ROWS: usize = 10;

/// The selected cell of the compare view, what is on screen, and the role
/// counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompareCursor {
    pub role: RoleFilter,
    /// The selected row among the rows shown.
    pub row: usize,
    /// The selected place column.
    pub column: usize,
    /// The first row on screen.
    pub row_offset: usize,
    /// The first place column on screen.
    pub column_offset: usize,
}

impl CompareCursor {
    fn new() -> Self {
        Self {
            role: RoleFilter::Lead,
            row: 0,
            column: 0,
            row_offset: 0,
            column_offset: 0,
        }
    }

    /// Keeps the selection inside a matrix of `rows` × `columns`.
    pub fn clamp(&mut self, rows: usize, columns: usize) {
        self.row = self.row.min(rows.saturating_sub(1));
        self.column = self.column.min(columns.saturating_sub(1));
    }
}

impl App {
    /// The rows of the compare view: the departments of the unit kinds shown.
    pub fn compare_rows(&self) -> Vec<&MatrixRow> {
        let departments = self.store.departments();
        self.view
            .compare
            .iter()
            .flat_map(|matrix| matrix.rows.iter())
            .filter(|row| self.kinds.shows(departments.get(row.dept).kind))
            .collect()
    }

    /// Opens the compare view, counting leads.
    pub(super) fn open_compare(&mut self) -> Option<Command> {
        self.mode = Mode::Compare(CompareCursor::new());
        self.refresh()
    }

    /// Keeps the compare cursor inside the matrix shown.
    pub(super) fn clamp_compare(&mut self) {
        let rows = self.compare_rows().len();
        let columns = self
            .view
            .compare
            .as_ref()
            .map_or(0, |matrix| matrix.places.len());
        if let Mode::Compare(cursor) = &mut self.mode {
            cursor.clamp(rows, columns);
        }
    }

    pub(super) fn compare_key(&mut self, key: KeyEvent) -> Option<Command> {
        let action = self.keymap.action(Context::Normal, &key)?;
        let Mode::Compare(cursor) = &mut self.mode else {
            return None;
        };
        match action {
            Action::Up => cursor.row = cursor.row.saturating_sub(1),
            Action::Down => cursor.row += 1,
            Action::PageUp => cursor.row = cursor.row.saturating_sub(PAGE_ROWS),
            Action::PageDown => cursor.row += PAGE_ROWS,
            Action::Top => cursor.row = 0,
            Action::Bottom => cursor.row = usize::MAX / 2,
            Action::Collapse => cursor.column = cursor.column.saturating_sub(1),
            Action::Expand | Action::NextPane => cursor.column += 1,
            Action::PrevPane => cursor.column = cursor.column.saturating_sub(1),
            Action::CycleRole => {
                cursor.role = next_compared_role(cursor.role);
                return self.refresh();
            }
            Action::CycleKinds => self.kinds = self.kinds.next(),
            Action::Select => return self.filter_to_cell(),
            Action::Quit if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            Action::Quit | Action::Compare | Action::PopFilter | Action::Help => {
                self.mode = Mode::Normal
            }
            _ => {}
        }
        self.clamp_compare();
        None
    }

    /// Filters the dashboard to the selected cell's department (in the role
    /// counted) and place, and closes the view.
    fn filter_to_cell(&mut self) -> Option<Command> {
        let Mode::Compare(cursor) = self.mode else {
            return None;
        };
        let dept = self.compare_rows().get(cursor.row)?.dept;
        let Some(place) = *self.view.compare.as_ref()?.places.get(cursor.column)? else {
            self.message = Some(self.lang.labels().unknown_place_filter.to_string());
            return None;
        };
        let choice = DeptChoice {
            label: self.store.departments().get(dept).canonical.clone(),
            departments: vec![dept],
        };
        let place = self.place_choice(place, true);
        self.filters.set_cell(place, choice, cursor.role);
        self.mode = Mode::Normal;
        self.show_task(None);
        self.cursors = Default::default();
        self.refresh()
    }
}

/// The role `r` turns to in the compare view: lead → any → responsible →
/// cooperating → lead.
fn next_compared_role(role: RoleFilter) -> RoleFilter {
    match role {
        RoleFilter::Lead => RoleFilter::Any,
        RoleFilter::Any => RoleFilter::Responsible,
        RoleFilter::Responsible => RoleFilter::Cooperating,
        RoleFilter::Cooperating => RoleFilter::Lead,
    }
}
