//! Mouse clicks select rows; the wheel scrolls the pane under the pointer.
//! Both go by what the last draw showed where.

use ratatui::crossterm::event::{MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Mode, Pane};

/// Rows the mouse wheel scrolls.
const WHEEL_ROWS: isize = 3;

impl App {
    /// Reacts to a mouse event.
    pub(super) fn mouse(&mut self, mouse: MouseEvent) {
        if self.mode != Mode::Normal {
            return;
        }
        let position = Position::new(mouse.column, mouse.row);
        let Some(pane) = Pane::ALL
            .into_iter()
            .find(|&pane| self.drawn.panes[pane].area.contains(position))
        else {
            return;
        };
        match mouse.kind {
            MouseEventKind::Down(_) => {
                self.focus = pane;
                let shown = &self.drawn.panes[pane];
                let row = usize::from(mouse.row.saturating_sub(shown.inner.y));
                let item = (mouse.row >= shown.inner.y)
                    .then(|| shown.items.get(row).copied().flatten())
                    .flatten();
                if let Some(item) = item
                    && item < self.pane_len(pane)
                {
                    self.cursors[pane].selected = item;
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
                if pane == Pane::Detail {
                    self.cursors[Pane::Detail].scroll_by(delta, usize::MAX);
                    return;
                }
                let len = self.pane_len(pane);
                self.cursors[pane].move_by(delta, len);
                if pane == Pane::Tasks {
                    self.sync_selected_task();
                }
            }
            _ => {}
        }
    }
}
