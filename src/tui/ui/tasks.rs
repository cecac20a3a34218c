//! The Tasks pane: number, text cut to fit (search matches highlighted) and
//! the lead units of each task.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::list::{PaneFrame, render_list};
use crate::model::UNIT_SEPARATOR;
use crate::review::Status;
use crate::search::FuzzyQuery;
use crate::store::Store;
use crate::tui::app::{App, Pane};
use crate::tui::text::{ELLIPSIS, char_width, truncate, visible_char, width};
use crate::tui::theme::Theme;

/// Cells for the task number.
const NUMBER_CELLS: usize = 4;

/// The widest lead-units column.
const MAX_LEAD_CELLS: usize = 24;

/// Draws the Tasks pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &mut App) -> usize {
    let labels = app.lang.labels();
    let theme = app.theme;
    let shown = app.view.tasks.len();
    let total = app.store().tasks().len();
    let pane = PaneFrame {
        title: format!("3 {} {shown}/{total}", labels.tasks),
        focused: app.focus == Pane::Tasks,
        theme: &theme,
    };
    let store = app.shared_store();
    let marks: Vec<RowMark> = visible_marks(app, area);
    // Borrowed beside the cursor, never copied: the list can hold a million
    // tasks, and only the visible rows are drawn.
    let tasks = &app.view.tasks;
    let query = app.filters.query.as_deref().and_then(FuzzyQuery::new);
    if tasks.is_empty() {
        let block = pane.block();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Span::styled(labels.no_tasks, theme.dim), inner);
        return usize::from(inner.height);
    }
    let first = app.cursors[2].offset;
    render_list(
        frame,
        area,
        &pane,
        &mut app.cursors[2],
        tasks.len(),
        |index, cells| {
            let mark = marks
                .get(index.wrapping_sub(first))
                .copied()
                .unwrap_or_default();
            let text_cells = cells.saturating_sub(MARK_CELLS);
            let mut line = task_row(&store, tasks[index], query.as_ref(), &theme, text_cells);
            line.spans.insert(0, mark_span(mark, &theme));
            line
        },
    )
}

fn task_row<'a>(
    store: &Store,
    id: u32,
    query: Option<&FuzzyQuery>,
    theme: &Theme,
    cells: usize,
) -> Line<'a> {
    let task = store.task(id);
    let number = task.number.as_deref().unwrap_or("·");
    let number = format!("{:>NUMBER_CELLS$} ", truncate(number, NUMBER_CELLS));
    let leads: Vec<&str> = task
        .effective_lead()
        .map(|unit| store.unit_name(unit.unit))
        .collect();
    let lead_text = leads.join(UNIT_SEPARATOR);
    let lead_cells = (cells / 4).min(MAX_LEAD_CELLS);
    let text_cells = cells.saturating_sub(width(&number) + lead_cells + 1);
    let matched = query
        .map(|query| query.matched_chars(store.text_of(task)))
        .unwrap_or_default();
    let mut spans = vec![Span::styled(number, theme.dim)];
    spans.extend(highlighted(
        store.text_of(task),
        &matched,
        text_cells,
        theme.matched,
    ));
    let lead_shown = truncate(&lead_text, lead_cells);
    let lead_style = if task.lead_inferred {
        theme.dim
    } else {
        theme.lead
    };
    let gap = cells.saturating_sub(Line::from(spans.clone()).width() + width(&lead_shown));
    spans.push(Span::raw(" ".repeat(gap)));
    spans.push(Span::styled(lead_shown, lead_style));
    Line::from(spans)
}

/// `text` cut to `cells` with an ellipsis, the characters at `matched`
/// (character positions) in `style`.
pub fn highlighted<'a>(text: &str, matched: &[usize], cells: usize, style: Style) -> Vec<Span<'a>> {
    let fits = width(text) <= cells;
    let budget = if fits { cells } else { cells.saturating_sub(1) };
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    let mut used = 0;
    for (position, c) in text.chars().enumerate() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        let is_match = matched.contains(&position);
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled_run(std::mem::take(&mut run), run_matched, style));
        }
        run_matched = is_match;
        run.push(visible_char(c));
    }
    if !run.is_empty() {
        spans.push(styled_run(run, run_matched, style));
    }
    if !fits && cells > 0 {
        spans.push(Span::raw(ELLIPSIS.to_string()));
    }
    spans
}

fn styled_run<'a>(run: String, matched: bool, style: Style) -> Span<'a> {
    if matched {
        Span::styled(run, style)
    } else {
        Span::raw(run)
    }
}

/// Cells for the review mark at the start of a row.
const MARK_CELLS: usize = 2;

/// What the mark cells of a row show.
#[derive(Debug, Clone, Copy, Default)]
struct RowMark {
    status: Option<Status>,
    note: bool,
    changed: bool,
}

/// The review status, note presence and change since review of the rows
/// that will be on screen.
fn visible_marks(app: &mut App, area: Rect) -> Vec<RowMark> {
    let height = usize::from(area.height.saturating_sub(2));
    app.cursors[2].scroll_into_view(height);
    let Some(review) = &app.review else {
        return Vec::new();
    };
    app.view
        .tasks
        .iter()
        .skip(app.cursors[2].offset)
        .take(height)
        .map(|&id| RowMark {
            status: review.status(id),
            note: review.note(id).is_some(),
            changed: review.changed(id),
        })
        .collect()
}

/// `✓` reviewed, `!` flagged, then `~` when the task's text changed since it
/// was reviewed, else `*` when the task has a note.
fn mark_span(mark: RowMark, theme: &Theme) -> Span<'static> {
    let note = if mark.changed {
        "~"
    } else if mark.note {
        "*"
    } else {
        " "
    };
    match mark.status {
        Some(Status::Reviewed) => Span::styled(format!("✓{note}"), theme.reviewed),
        Some(Status::Flagged) => Span::styled(format!("!{note}"), theme.flagged),
        None => Span::raw(format!(" {note}")),
    }
}
