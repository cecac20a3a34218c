//! The Lead units pane: departments by the number of tasks they lead under
//! the other filters, with a bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::Shown;
use super::list::{PaneFrame, Row, render_list};
use crate::tui::app::{App, KindFilter, Pane};
use crate::tui::text::{truncate, width};

/// Eighths of a cell, for smooth bars.
const BAR_EIGHTHS: [char; 8] = ['▏', '▎', '▍', '▌', '▋', '▊', '▉', '█'];

/// The widest bar, in cells.
const MAX_BAR: usize = 8;

/// Draws the Lead units pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Shown {
    let labels = app.lang.labels();
    let theme = app.theme;
    let kinds = match app.kinds {
        KindFilter::All => String::new(),
        KindFilter::Departments => format!(" · {}", labels.kinds_departments),
        KindFilter::Governments => format!(" · {}", labels.kinds_governments),
    };
    let pane = PaneFrame {
        title: format!("4 {}{kinds}", labels.leads),
        focused: app.focus == Pane::Leads,
        theme: &theme,
        footer: None,
    };
    let rows = app.lead_rows();
    let max = rows.iter().map(|(_, count)| *count).max().unwrap_or(1);
    let active: Vec<_> = app
        .filters
        .departments
        .iter()
        .flat_map(|filter| filter.choice.departments.iter().copied())
        .collect();
    let store = app.store();
    let len = rows.len();
    render_list(
        frame,
        area,
        &pane,
        app.cursors[Pane::Leads],
        len,
        None,
        |index, cells| {
            let (dept, count) = rows[index];
            let name = &store.departments().get(dept).canonical;
            let bar_room = (cells / 4).min(MAX_BAR);
            let count_text = format!("{count:>3}");
            let name_room = cells.saturating_sub(bar_room + width(&count_text) + 2);
            let shown = truncate(name, name_room);
            let gap = name_room.saturating_sub(width(&shown));
            let style = if active.contains(&dept) {
                theme.active
            } else {
                Default::default()
            };
            Row::line(Line::from(vec![
                Span::styled(shown, style),
                Span::raw(" ".repeat(gap + 1)),
                Span::styled(count_text, theme.dim),
                Span::raw(" "),
                Span::styled(bar(count, max, bar_room), theme.bar),
            ]))
        },
    )
}

/// A bar of `count / max` of `cells`, in eighths of a cell.
fn bar(count: usize, max: usize, cells: usize) -> String {
    let eighths = (count * cells * 8).div_ceil(max.max(1));
    let mut bar = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        bar.push(BAR_EIGHTHS[eighths % 8 - 1]);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_scale_to_the_largest_count() {
        assert_eq!(bar(10, 10, 4), "████");
        assert_eq!(bar(5, 10, 4), "██");
        assert_eq!(bar(1, 16, 2), "▏");
    }
}
