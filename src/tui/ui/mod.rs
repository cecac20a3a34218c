//! Drawing the dashboard: the layout, then one module per pane. Drawing
//! reads the app and changes nothing in it; each pane returns what it
//! measured ([`Shown`]) and [`draw`] returns them all ([`Drawn`]) for
//! [`App::measured`](super::app::App::measured).

mod cities;
mod compare;
mod detail;
mod leads;
mod list;
mod overlay;
mod sections;
mod status;
mod tasks;

pub use detail::plain_text;
pub use overlay::help_lines;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use super::app::{App, CompareCursor, Pane, PaneMap};

/// The smallest screen the dashboard is laid out on.
pub const MIN_WIDTH: u16 = 80;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 24;

/// Widths at and above which the Lead units pane gets its own column.
const WIDE: u16 = 110;

/// Rows of the status lines.
const STATUS_ROWS: u16 = 2;

/// What a pane or popup showed, measured while drawing it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shown {
    /// The whole pane, border included (where clicks land).
    pub area: Rect,
    /// Inside the border.
    pub inner: Rect,
    /// The first row (of a list) or line (of a text) shown.
    pub offset: usize,
    /// For a list, the row on each line inside the border from the top;
    /// `None` for a header, a section mark or an empty line.
    pub items: Vec<Option<usize>>,
    /// For a text, how far it can scroll.
    pub max_scroll: usize,
}

impl Shown {
    /// How far a page key moves: the rows of a list on screen, or the lines
    /// of a text.
    pub fn page(&self) -> usize {
        let mut rows: Vec<usize> = self.items.iter().flatten().copied().collect();
        rows.dedup();
        if rows.is_empty() {
            usize::from(self.inner.height)
        } else {
            rows.len()
        }
    }
}

/// What a draw measured: each pane, the popup of the current mode, and
/// the compare view's cursor scrolled to show its cell.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drawn {
    pub panes: PaneMap<Shown>,
    pub popup: Shown,
    pub compare: Option<CompareCursor>,
}

/// Where each pane goes on a screen of `area`.
struct Areas {
    cities: Rect,
    sections: Rect,
    tasks: Rect,
    detail: Rect,
    leads: Rect,
    status: Rect,
}

fn layout(area: Rect, cities: usize) -> Areas {
    let [main, status] =
        Layout::vertical([Constraint::Min(0), Constraint::Length(STATUS_ROWS)]).areas(area);
    let city_rows = u16::try_from(cities + 2).unwrap_or(u16::MAX);
    if area.width >= WIDE {
        let detail_rows = (main.height * 2 / 5).clamp(6, 16);
        let side = (area.width / 5).clamp(26, 36);
        let [left, middle, right] = Layout::horizontal([
            Constraint::Length(side),
            Constraint::Min(0),
            Constraint::Length(side),
        ])
        .areas(main);
        let [cities, sections] = Layout::vertical([
            Constraint::Length(city_rows.min(left.height / 3).max(3)),
            Constraint::Min(0),
        ])
        .areas(left);
        let [tasks, detail] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(detail_rows)]).areas(middle);
        Areas {
            cities,
            sections,
            tasks,
            detail,
            leads: right,
            status,
        }
    } else {
        // Narrow: the side panes share one column, and the Detail, where
        // the units of the selected task are, gets half the height.
        let detail_rows = (main.height / 2).max(6);
        let side = (area.width * 3 / 10).clamp(20, 30);
        let [left, middle] =
            Layout::horizontal([Constraint::Length(side), Constraint::Min(0)]).areas(main);
        let [cities, sections, leads] = Layout::vertical([
            Constraint::Length(city_rows.min(left.height / 4).max(3)),
            Constraint::Percentage(55),
            Constraint::Min(0),
        ])
        .areas(left);
        let [tasks, detail] =
            Layout::vertical([Constraint::Min(0), Constraint::Length(detail_rows)]).areas(middle);
        Areas {
            cities,
            sections,
            tasks,
            detail,
            leads,
            status,
        }
    }
}

/// Draws the whole dashboard; returns what each pane showed where.
pub fn draw(frame: &mut Frame, app: &App) -> Drawn {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        draw_too_small(frame, area, app);
        return Drawn::default();
    }
    let areas = layout(area, app.place_rows().len());
    let mut drawn = Drawn::default();
    drawn.panes[Pane::Cities] = cities::draw(frame, areas.cities, app);
    drawn.panes[Pane::Sections] = sections::draw(frame, areas.sections, app);
    drawn.panes[Pane::Tasks] = tasks::draw(frame, areas.tasks, app);
    drawn.panes[Pane::Leads] = leads::draw(frame, areas.leads, app);
    drawn.panes[Pane::Detail] = detail::draw(frame, areas.detail, app);
    status::draw(frame, areas.status, app);
    let over = Rect {
        height: area.height.saturating_sub(STATUS_ROWS),
        ..area
    };
    drawn.popup = overlay::draw(frame, over, app);
    drawn.compare = compare::draw(frame, over, app);
    drawn
}

/// Below the smallest size: what the size is and what is needed, and how
/// to quit.
fn draw_too_small(frame: &mut Frame, area: Rect, app: &App) {
    let text = super::i18n::message::too_small(
        app.lang,
        (area.width, area.height),
        (MIN_WIDTH, MIN_HEIGHT),
        &app.keymap.hint(super::action::Action::Quit),
    );
    let lines = u16::try_from(text.lines().count()).unwrap_or(1);
    let top = area.height.saturating_sub(lines) / 2;
    let rect = Rect {
        y: area.y + top,
        height: area.height - top,
        ..area
    };
    let lines: Vec<Line> = text
        .lines()
        .map(|line| Line::raw(line.to_string()))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).centered().wrap(Wrap { trim: true }),
        rect,
    );
}
