//! A list pane that draws only its visible rows, with the selected row
//! highlighted across the full width.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::super::app::ListCursor;
use super::super::text::{truncate, width};
use super::super::theme::Theme;

/// A bordered pane: its title, whether it has focus.
pub struct PaneFrame<'a> {
    pub title: String,
    pub focused: bool,
    pub theme: &'a Theme,
}

impl PaneFrame<'_> {
    /// The pane's bordered block.
    pub fn block(&self) -> Block<'static> {
        let border = if self.focused {
            self.theme.border_focused
        } else {
            self.theme.border
        };
        Block::bordered()
            .border_style(border)
            .title(Span::styled(format!(" {} ", self.title), self.theme.title))
    }
}

/// Draws `len` rows in `area` inside the pane's border; `row(index, width)`
/// builds one row and is called only for the rows on screen. Returns the
/// number of visible rows.
pub fn render_list<'a>(
    frame: &mut Frame,
    area: Rect,
    pane: &PaneFrame,
    cursor: &mut ListCursor,
    len: usize,
    row: impl Fn(usize, usize) -> Line<'a>,
) -> usize {
    let block = pane.block();
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let height = usize::from(inner.height);
    if height == 0 || inner.width == 0 {
        return height;
    }
    cursor.scroll_into_view(height);
    let cells = usize::from(inner.width);
    let end = len.min(cursor.offset + height);
    let lines: Vec<Line> = (cursor.offset..end)
        .map(|index| {
            let line = row(index, cells);
            if index == cursor.selected {
                let style = if pane.focused {
                    pane.theme.selected
                } else {
                    pane.theme.selected_unfocused
                };
                pad(line, cells).style(style)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
    height
}

/// Pads a line with spaces to `cells` so a highlight covers the whole row.
fn pad(mut line: Line<'_>, cells: usize) -> Line<'_> {
    let used = line.width();
    if used < cells {
        line.spans.push(Span::raw(" ".repeat(cells - used)));
    }
    line
}

/// A row with `label` on the left (cut to fit) and `right` flush right.
pub fn label_and_count<'a>(
    label: &str,
    label_style: Style,
    right: String,
    right_style: Style,
    cells: usize,
) -> Line<'a> {
    let right_width = width(&right);
    let room = cells.saturating_sub(right_width + 1);
    let shown = truncate(label, room);
    let gap = cells.saturating_sub(width(&shown) + right_width);
    Line::from(vec![
        Span::styled(shown, label_style),
        Span::raw(" ".repeat(gap)),
        Span::styled(right, right_style),
    ])
}
