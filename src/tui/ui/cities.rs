//! The Cities pane: each city with its task count under the other filters.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::list::{PaneFrame, label_and_count, render_list};
use crate::tui::app::{App, Pane};

/// Draws the Cities pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &mut App) -> usize {
    let labels = app.lang.labels();
    let theme = app.theme;
    let pane = PaneFrame {
        title: format!("1 {}", labels.cities),
        focused: app.focus == Pane::Cities,
        theme: &theme,
    };
    let rows = app.city_rows().to_vec();
    let active = app.filters.city.as_ref().map(|(city, _)| *city);
    let store = app.shared_store();
    let names: Vec<String> = rows
        .iter()
        .map(|row| match row.city {
            Some(city) => store.cities()[city as usize].name.clone(),
            None => labels.unknown_city.to_string(),
        })
        .collect();
    let len = rows.len();
    render_list(
        frame,
        area,
        &pane,
        &mut app.cursors[0],
        len,
        |index, cells| {
            let row = rows[index];
            let is_active = row.city.is_some() && row.city == active;
            let style = if is_active {
                theme.active
            } else {
                Default::default()
            };
            let marker = if is_active { "* " } else { "" };
            label_and_count(
                &format!("{marker}{}", names[index]),
                style,
                row.count.to_string(),
                theme.dim,
                cells,
            )
        },
    )
}
