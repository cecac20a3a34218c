//! The Sections pane: documents, plans and headings as a collapsible tree.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::Shown;
use super::list::{PaneFrame, Row, label_and_count, render_list};
use crate::tui::app::{App, Pane};
use crate::tui::tree::{Node, node_label, node_tasks};

/// Cells of indentation per tree level.
const INDENT: usize = 2;

/// Draws the Sections pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Shown {
    let theme = app.theme;
    let pane = PaneFrame {
        title: format!("2 {}", app.lang.labels().sections),
        focused: app.focus == Pane::Sections,
        theme: &theme,
        footer: None,
    };
    let rows = app.tree_rows();
    let store = app.store();
    let active = app.filters.scope.as_ref().map(|scope| scope.tasks.clone());
    let len = rows.len();
    render_list(
        frame,
        area,
        &pane,
        app.cursors[Pane::Sections],
        len,
        None,
        |index, cells| {
            let row = &rows[index];
            let toggle = match (row.has_children, row.expanded) {
                (false, _) => "  ",
                (true, true) => "- ",
                (true, false) => "+ ",
            };
            let is_active = active
                .as_ref()
                .is_some_and(|tasks| *tasks == node_tasks(store, row.node));
            let style = match (is_active, row.node) {
                (true, _) => theme.active,
                (false, Node::Document(_) | Node::Plan(..)) => theme.title,
                (false, Node::Section(_)) => Default::default(),
            };
            let indent = " ".repeat(row.depth * INDENT);
            Row::line(label_and_count(
                &format!("{indent}{toggle}{}", node_label(store, row.node)),
                style,
                row.count.to_string(),
                theme.dim,
                cells,
            ))
        },
    )
}
