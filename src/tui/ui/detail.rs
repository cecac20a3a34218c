//! The Detail pane and the task on the whole screen: the units of the
//! selected task first (lead — marked when inferred —, responsible,
//! cooperating, the leaders in charge, the deadline) and its review, then
//! its full text wrapped by cell width, then city, plan, section path and
//! `source:line`. The pane scrolls when it holds more than it shows.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::Shown;
use super::list::PaneFrame;
use crate::model::{Role, UNIT_SEPARATOR};
use crate::review::Status;
use crate::store::{Store, TaskId};
use crate::tui::app::{App, Pane, ReviewState};
use crate::tui::i18n::{Labels, Lang};
use crate::tui::text::{width, wrap};
use crate::tui::theme::Theme;

/// Draws the Detail pane; returns how far it can scroll.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Shown {
    let labels = app.lang.labels();
    let pane = PaneFrame {
        title: format!("5 {}", labels.detail),
        focused: app.focus == Pane::Detail,
        theme: &app.theme,
        footer: None,
    };
    let scroll = app.cursors[Pane::Detail].offset;
    draw_text(frame, area, app, pane, scroll)
}

/// Draws the selected task's detail in `area` under `pane`'s frame,
/// scrolled by `scroll` lines; the bottom border tells which lines show
/// when not all do.
pub fn draw_text(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    pane: PaneFrame,
    scroll: usize,
) -> Shown {
    let mut block = pane.block();
    let inner = block.inner(area);
    let mut shown = Shown {
        area,
        inner,
        ..Shown::default()
    };
    let Some(id) = app.selected_task() else {
        frame.render_widget(block, area);
        return shown;
    };
    let cells = usize::from(inner.width);
    let lines = detail_lines(app, id, cells);
    let rows = usize::from(inner.height);
    shown.max_scroll = lines.len().saturating_sub(rows);
    shown.offset = scroll.min(shown.max_scroll);
    if shown.max_scroll > 0 {
        let position = format!(
            " {}–{}/{} ",
            shown.offset + 1,
            (shown.offset + rows).min(lines.len()),
            lines.len()
        );
        block = block.title_bottom(Line::from(position).right_aligned());
    }
    frame.render_widget(block, area);
    let offset = u16::try_from(shown.offset).unwrap_or(u16::MAX);
    frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), inner);
    shown
}

/// One labelled fact of a task: label, value, style.
type Fact = (&'static str, String, Style);

/// The detail of task `id` as lines of at most `cells` cells.
fn detail_lines<'a>(app: &App, id: TaskId, cells: usize) -> Vec<Line<'a>> {
    let store = app.store();
    let labels = app.lang.labels();
    let theme = &app.theme;
    let (head, place) = facts(store, id, app.review.as_ref(), labels, theme);
    let label_cells = head
        .iter()
        .chain(&place)
        .map(|(label, _, _)| width(label))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for (label, value, style) in &head {
        push_field(&mut lines, label, label_cells, value, *style, theme, cells);
    }
    lines.push(Line::default());
    for line in wrap(&numbered_text(store, id), cells) {
        lines.push(Line::from(line));
    }
    lines.push(Line::default());
    for (label, value, style) in &place {
        push_field(&mut lines, label, label_cells, value, *style, theme, cells);
    }
    lines
}

/// The task's number and text: `9. 开工建设…`.
fn numbered_text(store: &Store, id: TaskId) -> String {
    let task = store.task(id);
    let number = task
        .number
        .as_deref()
        .map(|number| format!("{number}. "))
        .unwrap_or_default();
    format!("{number}{}", store.text_of(task))
}

/// The task as plain text, for the clipboard: number and text, then every
/// fact on a line of its own.
pub fn plain_text(store: &Store, id: TaskId, review: Option<&ReviewState>, lang: Lang) -> String {
    let labels = lang.labels();
    let theme = Theme::new(true);
    let (head, place) = facts(store, id, review, labels, &theme);
    let mut text = numbered_text(store, id);
    text.push('\n');
    for (label, value, _) in head.iter().chain(&place) {
        text.push_str(&format!("{label}: {value}\n"));
    }
    text
}

/// The facts shown above the text (units, leaders, deadline, review) and
/// below it (city, plan, section, source).
fn facts(
    store: &Store,
    id: TaskId,
    review: Option<&ReviewState>,
    labels: &'static Labels,
    theme: &Theme,
) -> (Vec<Fact>, Vec<Fact>) {
    let task = store.task(id);
    let document = store.document(task.document);
    let mut head: Vec<Fact> = Vec::new();
    let lead: Vec<&str> = task
        .effective_lead()
        .map(|unit| store.unit_name(unit.unit))
        .collect();
    if task.has_no_unit() {
        head.push((labels.field_lead, labels.no_unit.to_string(), theme.warning));
    } else if !lead.is_empty() {
        let mut value = lead.join(UNIT_SEPARATOR);
        if task.lead_inferred {
            value.push_str(&format!(" ({})", labels.inferred));
        }
        head.push((labels.field_lead, value, theme.lead));
    }
    for (role, label) in [
        (Role::Responsible, labels.field_responsible),
        (Role::Cooperating, labels.field_cooperating),
    ] {
        let names = store.unit_names_in(task, role);
        if !names.is_empty() {
            head.push((label, names.join(UNIT_SEPARATOR), Style::new()));
        }
    }
    if !task.leaders.is_empty() {
        let leaders: Vec<&str> = task.leaders.iter().map(AsRef::as_ref).collect();
        head.push((labels.leaders, leaders.join(UNIT_SEPARATOR), Style::new()));
    }
    if let Some(deadline) = &task.deadline {
        head.push((labels.deadline, deadline.to_string(), Style::new()));
    }
    if let Some(review) = review {
        head.push(review_fact(review, id, labels, theme));
    }
    let mut place: Vec<Fact> = Vec::new();
    if let Some(city) = &document.meta.city {
        place.push((labels.field_city, city.clone(), Style::new()));
    }
    if let Some(plan) = store.plan_of(task) {
        place.push((labels.plan, plan.to_string(), Style::new()));
    }
    let path = store.section_path(task.section);
    if !path.is_empty() {
        place.push((labels.field_section, path.join(" › "), Style::new()));
    }
    place.push((
        labels.source,
        format!("{}:{}", document.source, task.line),
        theme.dim,
    ));
    (head, place)
}

/// The review line: status, who and when, changed since review, note.
fn review_fact(review: &ReviewState, id: TaskId, labels: &'static Labels, theme: &Theme) -> Fact {
    let status = review.status(id);
    let mut value = labels.status(status).to_string();
    if let Some(mark) = review.mark(id) {
        if !mark.reviewer.is_empty() {
            value.push_str(&format!(" · {} {}", labels.by, mark.reviewer));
        }
        value.push_str(&format!(" · {}", mark.updated.iso()));
    }
    if review.changed(id) {
        value.push_str(&format!(" · {}", labels.changed));
    }
    if let Some(note) = review.note(id) {
        value.push_str(&format!(" · {}: {note}", labels.note));
    }
    let style = match status {
        Some(Status::Reviewed) => theme.reviewed,
        Some(Status::Flagged) => theme.flagged,
        Some(Status::Unreviewed) | None => Style::new(),
    };
    (labels.review, value, style)
}

/// `label: value`, labels padded to `label_cells`, the value wrapped and
/// indented under itself.
fn push_field<'a>(
    lines: &mut Vec<Line<'a>>,
    label: &str,
    label_cells: usize,
    value: &str,
    style: Style,
    theme: &Theme,
    cells: usize,
) {
    let padding = " ".repeat(label_cells.saturating_sub(width(label)));
    let head = format!("{label}:{padding} ");
    let indent = width(&head);
    let room = cells.saturating_sub(indent).max(4);
    for (index, part) in wrap(value, room).into_iter().enumerate() {
        let lead = if index == 0 {
            Span::styled(head.clone(), theme.title)
        } else {
            Span::raw(" ".repeat(indent))
        };
        lines.push(Line::from(vec![lead, Span::styled(part, style)]));
    }
}
