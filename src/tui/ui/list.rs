//! A list pane that draws only its visible rows, the selected row
//! highlighted across the full width. A row may take several lines (a
//! wrapped problem) and may carry lines above it that are not part of it (a
//! section mark); the list scrolls just far enough to show the selected row
//! and reports what it showed where.

use std::collections::HashMap;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use super::Shown;
use crate::tui::app::ListCursor;
use crate::tui::text::{truncate, width};
use crate::tui::theme::Theme;

/// A bordered pane: its title, whether it has focus, and a line in its
/// bottom border.
pub struct PaneFrame<'a> {
    pub title: String,
    pub focused: bool,
    pub theme: &'a Theme,
    pub footer: Option<Line<'static>>,
}

impl PaneFrame<'_> {
    /// The pane's bordered block.
    pub fn block(&self) -> Block<'static> {
        let border = if self.focused {
            self.theme.border_focused
        } else {
            self.theme.border
        };
        let block = Block::bordered()
            .border_style(border)
            .title(Span::styled(format!(" {} ", self.title), self.theme.title));
        match &self.footer {
            Some(footer) => block.title_bottom(footer.clone()),
            None => block,
        }
    }

    /// The style of the selected row.
    fn selected(&self) -> Style {
        if self.focused {
            self.theme.selected
        } else {
            self.theme.selected_unfocused
        }
    }
}

/// One row of a list as drawn: lines above it that belong to no row (a
/// section mark), then its own lines.
#[derive(Debug, Clone, Default)]
pub struct Row<'a> {
    pub above: Vec<Line<'a>>,
    pub lines: Vec<Line<'a>>,
}

impl<'a> Row<'a> {
    /// A row of one line.
    pub fn line(line: Line<'a>) -> Self {
        Self {
            above: Vec::new(),
            lines: vec![line],
        }
    }

    /// Lines the row takes on screen, at least one.
    fn height(&self) -> usize {
        (self.above.len() + self.lines.len()).max(1)
    }
}

/// Draws a list of `len` rows in `area`, inside the pane's border, under an
/// optional header line. `row(index, cells)` builds one row of at most
/// `cells` cells and is called only for rows near the screen. Returns what
/// was shown: the first row, and the row on each line.
pub fn render_list<'a>(
    frame: &mut Frame,
    area: Rect,
    pane: &PaneFrame,
    cursor: ListCursor,
    len: usize,
    header: Option<Line<'a>>,
    row: impl Fn(usize, usize) -> Row<'a>,
) -> Shown {
    let block = pane.block();
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let mut shown = Shown {
        area,
        inner,
        offset: cursor.offset,
        ..Shown::default()
    };
    let mut body = inner;
    if let Some(header) = header
        && inner.height > 0
    {
        frame.render_widget(header, Rect { height: 1, ..inner });
        body.y += 1;
        body.height -= 1;
        shown.items.push(None);
    }
    let height = usize::from(body.height);
    if height == 0 || body.width == 0 || len == 0 {
        shown.offset = 0;
        return shown;
    }
    let cells = usize::from(body.width);
    let mut rows: HashMap<usize, Row<'a>> = HashMap::new();
    let offset = scroll_offset(cursor.offset, cursor.selected, len, height, &mut |index| {
        rows.entry(index)
            .or_insert_with(|| row(index, cells))
            .height()
    });
    shown.offset = offset;
    let mut lines: Vec<Line> = Vec::with_capacity(height);
    let selected_style = pane.selected();
    for index in offset..len {
        if lines.len() >= height {
            break;
        }
        let drawn = rows.remove(&index).unwrap_or_else(|| row(index, cells));
        if index != offset && lines.len() + drawn.above.len() >= height {
            // No mark line without its row under it.
            break;
        }
        for line in drawn.above {
            lines.push(line);
            shown.items.push(None);
        }
        for line in drawn.lines {
            lines.push(if index == cursor.selected {
                pad(line, cells).style(selected_style)
            } else {
                line
            });
            shown.items.push(Some(index));
        }
    }
    lines.truncate(height);
    shown.items.truncate(usize::from(inner.height));
    frame.render_widget(Paragraph::new(lines), body);
    shown
}

/// The first row to show so that the `selected` row is among `height`
/// lines: `offset` when it already is, else as little further up or down
/// as needed; pulled back up when the rows below would leave lines empty.
/// `height_of(index)` gives a row's lines. Looks at most at about `height`
/// rows, however long the list.
pub fn scroll_offset(
    offset: usize,
    selected: usize,
    len: usize,
    height: usize,
    height_of: &mut impl FnMut(usize) -> usize,
) -> usize {
    if len == 0 || height == 0 {
        return 0;
    }
    let selected = selected.min(len - 1);
    let mut offset = offset.min(selected);
    // The first row from which the selected one still fits.
    let mut used = 0;
    let mut start = selected;
    loop {
        used += height_of(start);
        if start == offset || used >= height {
            break;
        }
        let above = height_of(start - 1);
        if used + above > height {
            break;
        }
        start -= 1;
    }
    if used > height || start > offset {
        offset = start;
    }
    // Fill the lines left empty below the last row from above.
    let mut filled = 0;
    for index in offset..len {
        filled += height_of(index);
        if filled >= height {
            return offset;
        }
    }
    while offset > 0 && filled + height_of(offset - 1) <= height {
        offset -= 1;
        filled += height_of(offset);
    }
    offset
}

/// Pads a line with spaces to `cells` so a highlight covers the whole row.
pub fn pad(mut line: Line<'_>, cells: usize) -> Line<'_> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn offset(offset: usize, selected: usize, heights: &[usize], height: usize) -> usize {
        scroll_offset(offset, selected, heights.len(), height, &mut |index| {
            heights[index]
        })
    }

    #[test]
    fn the_list_scrolls_only_as_far_as_the_selected_row_needs() {
        let ones = [1; 20];
        assert_eq!(offset(0, 3, &ones, 5), 0);
        assert_eq!(offset(0, 7, &ones, 5), 3);
        assert_eq!(offset(10, 4, &ones, 5), 4);
        assert_eq!(offset(3, 5, &ones, 5), 3);
        assert_eq!(offset(0, 19, &ones, 5), 15);
    }

    #[test]
    fn rows_of_several_lines_count_all_their_lines() {
        let heights = [2, 1, 3, 2, 1, 1];
        assert_eq!(offset(0, 2, &heights, 6), 0);
        assert_eq!(offset(0, 3, &heights, 6), 1);
        assert_eq!(offset(0, 5, &heights, 4), 3);
        // A row taller than the screen is shown from its top.
        assert_eq!(offset(0, 2, &[1, 1, 9], 4), 2);
    }

    #[test]
    fn a_list_that_shrank_is_pulled_back_to_fill_the_screen() {
        assert_eq!(offset(8, 9, &[1; 10], 5), 5);
        assert_eq!(offset(2, 2, &[1; 3], 5), 0);
    }
}
