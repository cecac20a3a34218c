//! The Cities pane: the place tree (province → city → county or district),
//! each place with its tasks under the other filters.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Shown;
use super::list::{PaneFrame, Row, label_and_count, render_list};
use crate::tui::app::{App, Pane};

/// Cells of indentation per tree level.
const INDENT: usize = 1;

/// Draws the Cities pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Shown {
    let labels = app.lang.labels();
    let theme = app.theme;
    let pane = PaneFrame {
        title: format!("1 {}", labels.cities),
        focused: app.focus == Pane::Cities,
        theme: &theme,
        footer: None,
    };
    let rows = app.place_rows();
    let active = app
        .filters
        .place
        .as_ref()
        .map(|choice| choice.places.clone())
        .unwrap_or_default();
    let store = app.store();
    let len = rows.len();
    render_list(
        frame,
        area,
        &pane,
        app.cursors[Pane::Cities],
        len,
        None,
        |index, cells| {
            let row = rows[index];
            let name = match row.place {
                Some(place) => store.places().get(place).name.as_str(),
                None => labels.unknown_city,
            };
            let is_active = row.place.is_some_and(|place| active.contains(&place));
            let style = if is_active {
                theme.active
            } else if row.depth == 0 {
                theme.title
            } else {
                Default::default()
            };
            let toggle = match (row.has_children, row.expanded) {
                (false, _) => "  ",
                (true, true) => "- ",
                (true, false) => "+ ",
            };
            let indent = " ".repeat(row.depth * INDENT);
            Row::line(label_and_count(
                &format!("{indent}{toggle}{name}"),
                style,
                row.count.to_string(),
                theme.dim,
                cells,
            ))
        },
    )
}
