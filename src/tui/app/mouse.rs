//! Mouse clicks select rows; the wheel scrolls the pane under the pointer.

use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Pane};

/// Rows the mouse wheel scrolls.
const WHEEL_ROWS: isize = 3;

impl App {
    /// Reacts to a mouse event.
    pub(super) fn mouse(&mut self, mouse: MouseEvent) {
        let position = Position::new(mouse.column, mouse.row);
        let Some(pane) = Pane::ALL
            .into_iter()
            .find(|pane| self.areas.panes[pane.index()].contains(position))
        else {
            return;
        };
        match mouse.kind {
            MouseEventKind::Down(_) => {
                self.focus = pane;
                let area = self.areas.panes[pane.index()];
                let row = usize::from(mouse.row.saturating_sub(area.y + 1));
                let len = self.pane_len(pane);
                let cursor = &mut self.cursors[pane.index()];
                let target = cursor.offset + row;
                if mouse.row > area.y && target < len {
                    cursor.selected = target;
                }
                if pane == Pane::Tasks {
                    self.sync_selected_task();
                }
            }
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta = if mouse.kind == MouseEventKind::ScrollDown {
                    WHEEL_ROWS
                } else {
                    -WHEEL_ROWS
                };
                let len = self.pane_len(pane);
                self.cursors[pane.index()].move_by(delta, len);
                if pane == Pane::Tasks {
                    self.sync_selected_task();
                }
            }
            _ => {}
        }
    }
}
