//! Drawing the dashboard: the layout, then one module per pane.

mod cities;
mod compare;
mod detail;
mod leads;
mod list;
mod overlay;
mod sections;
mod status;
mod tasks;

pub use overlay::help_lines;

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Pane};

/// Widths at and above which the Lead units pane gets its own column.
const WIDE: u16 = 110;

/// Rows of the status lines.
const STATUS_ROWS: u16 = 2;

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
    let detail_rows = (main.height * 2 / 5).clamp(6, 14);
    if area.width >= WIDE {
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

/// Draws the whole dashboard and remembers where the panes went.
pub fn draw(frame: &mut Frame, app: &mut App) {
    let area = frame.area();
    let areas = layout(area, app.place_rows().len());
    app.areas.panes = [areas.cities, areas.sections, areas.tasks, areas.leads];
    app.heights[Pane::Cities as usize] = cities::draw(frame, areas.cities, app);
    app.heights[Pane::Sections as usize] = sections::draw(frame, areas.sections, app);
    app.heights[Pane::Tasks as usize] = tasks::draw(frame, areas.tasks, app);
    app.heights[Pane::Leads as usize] = leads::draw(frame, areas.leads, app);
    detail::draw(frame, areas.detail, app);
    status::draw(frame, areas.status, app);
    let over = Rect {
        height: area.height.saturating_sub(STATUS_ROWS),
        ..area
    };
    app.overlay_max_scroll = overlay::draw(frame, over, app);
    compare::draw(frame, over, app);
}
