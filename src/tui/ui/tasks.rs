//! The Tasks pane: under a header, each task's review mark, number, text
//! cut to fit (search matches highlighted, and shown even when they lie
//! past the cut), lead units and deadline; in document order a mark line
//! where the section changes, so that numbers starting over read right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use super::Shown;
use super::list::{PaneFrame, Row, render_list};
use crate::model::UNIT_SEPARATOR;
use crate::review::Status;
use crate::search::FuzzyQuery;
use crate::store::{Store, TaskId};
use crate::tui::app::{App, Pane};
use crate::tui::i18n::Labels;
use crate::tui::text::{ELLIPSIS, char_width, truncate, visible_char, width};
use crate::tui::theme::Theme;
use crate::tui::tree::{Node, node_label};

/// Cells for the task number.
const NUMBER_CELLS: usize = 4;

/// The widest lead-units column.
const MAX_LEAD_CELLS: usize = 24;

/// The widest deadline column.
const MAX_DEADLINE_CELLS: usize = 14;

/// Cells for the review mark at the start of a row.
const MARK_CELLS: usize = 2;

/// Characters shown before a search match that lies past the cut.
const MATCH_CONTEXT_CHARS: usize = 2;

/// The column widths of a row of `cells` cells (the review mark apart).
#[derive(Debug, Clone, Copy)]
struct Columns {
    text: usize,
    lead: usize,
    deadline: usize,
}

impl Columns {
    /// The columns of a row of `cells`; no deadline column when no task has
    /// one.
    fn new(cells: usize, deadlines: bool) -> Self {
        let lead = (cells / 4).min(MAX_LEAD_CELLS);
        let deadline = if deadlines {
            (cells / 5).min(MAX_DEADLINE_CELLS)
        } else {
            0
        };
        let gaps = if deadlines { 2 } else { 1 };
        let text = cells.saturating_sub(NUMBER_CELLS + 1 + lead + deadline + gaps);
        Self {
            text,
            lead,
            deadline,
        }
    }
}

/// Draws the Tasks pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Shown {
    let labels = app.lang.labels();
    let theme = app.theme;
    let shown = app.view.tasks.len();
    let total = app.store().tasks().len();
    let pane = PaneFrame {
        title: format!("3 {} {shown}/{total}", labels.tasks),
        focused: app.focus == Pane::Tasks,
        theme: &theme,
        footer: None,
    };
    let store = app.store();
    // Borrowed, never copied: the list can hold a million tasks, and only
    // the visible rows are drawn.
    let tasks = &app.view.tasks;
    let query = app.filters.query.as_deref().and_then(FuzzyQuery::new);
    if tasks.is_empty() {
        let block = pane.block();
        let inner = block.inner(area);
        frame.render_widget(block, area);
        frame.render_widget(Span::styled(labels.no_tasks, theme.dim), inner);
        return Shown {
            area,
            inner,
            ..Shown::default()
        };
    }
    let inner_cells = usize::from(area.width.saturating_sub(2));
    let columns = Columns::new(inner_cells.saturating_sub(MARK_CELLS), app.has_deadlines());
    // Ranked by a query, neighbours share no section: no marks then.
    let marks_sections = query.is_none();
    render_list(
        frame,
        area,
        &pane,
        app.cursors[Pane::Tasks],
        tasks.len(),
        Some(header(labels, &theme, columns)),
        |index, cells| {
            let id = tasks[index];
            let mark = row_mark(app, id);
            let mut line = task_row(store, id, query.as_ref(), &theme, columns);
            line.spans.insert(0, mark_span(mark, &theme));
            let above = if marks_sections {
                section_mark(store, tasks, index, &theme, cells)
                    .into_iter()
                    .collect()
            } else {
                Vec::new()
            };
            Row {
                above,
                lines: vec![line],
            }
        },
    )
}

/// The column headers, aligned over the columns.
fn header(labels: &Labels, theme: &Theme, columns: Columns) -> Line<'static> {
    let number = format!(
        "{} ",
        pad_left(&truncate(labels.number, NUMBER_CELLS), NUMBER_CELLS)
    );
    let text = pad_to(&truncate(labels.task, columns.text), columns.text);
    let lead = truncate(labels.lead_units, columns.lead);
    let mut header = format!("{}{number}{text} {lead}", " ".repeat(MARK_CELLS));
    if columns.deadline > 0 {
        let deadline = truncate(labels.deadline, columns.deadline);
        header.push_str(&format!(
            "{} {deadline}",
            " ".repeat(columns.lead.saturating_sub(width(&lead)))
        ));
    }
    Line::styled(header, theme.title)
}

/// `text` after spaces, to `cells` cells.
fn pad_left(text: &str, cells: usize) -> String {
    format!("{}{text}", " ".repeat(cells.saturating_sub(width(text))))
}

/// `text` padded with spaces to `cells`.
fn pad_to(text: &str, cells: usize) -> String {
    format!("{text}{}", " ".repeat(cells.saturating_sub(width(text))))
}

/// The mark line above the task at `index` when its section differs from
/// the task above it: the heading (and the document, when that changes too).
fn section_mark<'a>(
    store: &Store,
    tasks: &[TaskId],
    index: usize,
    theme: &Theme,
    cells: usize,
) -> Option<Line<'a>> {
    let task = store.task(tasks[index]);
    let previous = index.checked_sub(1).map(|before| store.task(tasks[before]));
    let new_document = previous.is_none_or(|before| before.document != task.document);
    let new_section = previous.is_none_or(|before| before.section != task.section);
    if !new_document && !new_section {
        return None;
    }
    // Each part gets at most a third of the line, so the heading shows.
    let part = (cells / 3).max(8);
    let mut parts: Vec<String> = Vec::new();
    if new_document {
        parts.push(truncate(
            &node_label(store, Node::Document(task.document)),
            part,
        ));
    }
    let document = store.document(task.document);
    let new_plan = previous.is_none_or(|before| before.plan != task.plan || new_document);
    if document.plans.len() > 1
        && new_plan
        && let Some(plan) = store.plan_of(task)
    {
        parts.push(truncate(plan, part));
    }
    if let Some(section) = task.section {
        parts.push(store.section(section).title.to_string());
    }
    if parts.is_empty() {
        return None;
    }
    Some(Line::styled(
        truncate(&format!("▸ {}", parts.join(" › ")), cells),
        theme.section,
    ))
}

fn task_row<'a>(
    store: &Store,
    id: TaskId,
    query: Option<&FuzzyQuery>,
    theme: &Theme,
    columns: Columns,
) -> Line<'a> {
    let task = store.task(id);
    let number = task.number.as_deref().unwrap_or("·");
    let number = format!(
        "{} ",
        pad_left(&truncate(number, NUMBER_CELLS), NUMBER_CELLS)
    );
    let leads: Vec<&str> = task
        .effective_lead()
        .map(|unit| store.unit_name(unit.unit))
        .collect();
    let matched = query
        .map(|query| query.matched_chars(store.text_of(task)))
        .unwrap_or_default();
    let mut spans = vec![Span::styled(number, theme.dim)];
    spans.extend(highlighted(
        store.text_of(task),
        &matched,
        columns.text,
        theme.matched,
    ));
    let used: usize = spans.iter().map(Span::width).sum();
    let text_end = NUMBER_CELLS + 1 + columns.text;
    spans.push(Span::raw(" ".repeat(text_end.saturating_sub(used) + 1)));
    let lead_shown = truncate(&leads.join(UNIT_SEPARATOR), columns.lead);
    let lead_style = if task.lead_inferred {
        theme.dim
    } else {
        theme.lead
    };
    let lead_gap = columns.lead.saturating_sub(width(&lead_shown));
    spans.push(Span::styled(lead_shown, lead_style));
    if columns.deadline > 0
        && let Some(deadline) = &task.deadline
    {
        spans.push(Span::raw(" ".repeat(lead_gap + 1)));
        spans.push(Span::styled(
            truncate(deadline, columns.deadline),
            theme.dim,
        ));
    }
    Line::from(spans)
}

/// `text` cut to `cells` with an ellipsis, the characters at `matched`
/// (character positions, ascending) in `style`. When the first match lies
/// past the cut, the text is shown from a little before it, after an
/// ellipsis, so the match is always in sight.
pub fn highlighted<'a>(text: &str, matched: &[usize], cells: usize, style: Style) -> Vec<Span<'a>> {
    if cells == 0 {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let total: usize = chars.iter().map(|&c| char_width(c)).sum();
    if total <= cells {
        return runs(&chars, 0, chars.len(), matched, style);
    }
    let mut start = 0;
    if let Some(&first) = matched.first() {
        let through_first: usize = chars.iter().take(first + 1).map(|&c| char_width(c)).sum();
        if through_first > cells - 1 {
            start = first.saturating_sub(MATCH_CONTEXT_CHARS);
        }
    }
    let lead = usize::from(start > 0);
    let rest: usize = chars[start..].iter().map(|&c| char_width(c)).sum();
    let fits = lead + rest <= cells;
    let budget = cells - lead - usize::from(!fits);
    let mut end = start;
    let mut used = 0;
    while end < chars.len() && used + char_width(chars[end]) <= budget {
        used += char_width(chars[end]);
        end += 1;
    }
    let mut spans = Vec::new();
    if lead > 0 {
        spans.push(Span::raw(ELLIPSIS.to_string()));
    }
    spans.extend(runs(&chars, start, end, matched, style));
    if end < chars.len() {
        spans.push(Span::raw(ELLIPSIS.to_string()));
    }
    spans
}

/// `chars[start..end]` as spans, the matched positions in `style`.
fn runs<'a>(
    chars: &[char],
    start: usize,
    end: usize,
    matched: &[usize],
    style: Style,
) -> Vec<Span<'a>> {
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_matched = false;
    for (position, &c) in chars.iter().enumerate().take(end).skip(start) {
        let is_match = matched.binary_search(&position).is_ok();
        if is_match != run_matched && !run.is_empty() {
            spans.push(styled_run(std::mem::take(&mut run), run_matched, style));
        }
        run_matched = is_match;
        run.push(visible_char(c));
    }
    if !run.is_empty() {
        spans.push(styled_run(run, run_matched, style));
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

/// What the mark cells of a row show.
#[derive(Debug, Clone, Copy, Default)]
struct RowMark {
    status: Option<Status>,
    note: bool,
    changed: bool,
}

/// The review status, note presence and change since review of a task.
fn row_mark(app: &App, id: TaskId) -> RowMark {
    let Some(review) = &app.review else {
        return RowMark::default();
    };
    RowMark {
        status: review.status(id),
        note: review.note(id).is_some(),
        changed: review.changed(id),
    }
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
        Some(Status::Unreviewed) | None => Span::raw(format!(" {note}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(spans: &[Span]) -> String {
        spans.iter().map(|span| span.content.as_ref()).collect()
    }

    #[test]
    fn a_match_past_the_cut_is_brought_into_view() {
        let text = "一二三四五六七八九十东院区";
        let matched = [10, 11, 12];
        let spans = highlighted(text, &matched, 10, Style::new());
        let line = shown(&spans);
        assert_eq!(line, "…九十东院…");
        assert!(width(&line) <= 10, "{line}");
        assert_eq!(
            shown(&highlighted(text, &[0], 10, Style::new())),
            "一二三四…"
        );
    }

    #[test]
    fn a_text_that_fits_is_shown_whole() {
        assert_eq!(
            shown(&highlighted("东院区", &[1], 6, Style::new())),
            "东院区"
        );
    }
}
