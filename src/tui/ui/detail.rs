//! The Detail pane: the selected task's full text wrapped by cell width,
//! every unit with its role, plan, section path and `source:line`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::list::PaneFrame;
use crate::model::{Role, UNIT_SEPARATOR};
use crate::review::Status;
use crate::store::{Store, Task};
use crate::tui::app::App;
use crate::tui::i18n::Labels;
use crate::tui::text::{width, wrap};
use crate::tui::theme::Theme;

/// Draws the Detail pane.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let labels = app.lang.labels();
    let pane = PaneFrame {
        title: labels.detail.to_string(),
        focused: false,
        theme: &app.theme,
    };
    let block = pane.block();
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(id) = app.selected_task() else {
        return;
    };
    let store = app.store();
    let cells = usize::from(inner.width);
    let mut lines = detail_lines(store, store.task(id), labels, &app.theme, cells);
    if let Some(review) = &app.review {
        let status = review.status(id);
        let mut value = match status {
            Some(Status::Reviewed) => labels.reviewed,
            Some(Status::Flagged) => labels.flagged,
            None => labels.unreviewed,
        }
        .to_string();
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
            value.push_str(" · ");
            value.push_str(note);
        }
        let style = match status {
            Some(Status::Reviewed) => app.theme.reviewed,
            Some(Status::Flagged) => app.theme.flagged,
            None => Style::new(),
        };
        let review_label = capitalized(labels.review);
        push_field(
            &mut lines,
            &review_label,
            width(&review_label),
            &value,
            style,
            &app.theme,
            cells,
        );
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The detail of `task` as lines of at most `cells` cells.
pub fn detail_lines<'a>(
    store: &Store,
    task: &Task,
    labels: &Labels,
    theme: &Theme,
    cells: usize,
) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    let number = task
        .number
        .as_deref()
        .map(|number| format!("{number}. "))
        .unwrap_or_default();
    for line in wrap(&format!("{number}{}", store.text_of(task)), cells) {
        lines.push(Line::from(line));
    }
    lines.push(Line::default());
    let fields = fields(store, task, labels, theme);
    let label_cells = fields
        .iter()
        .map(|(label, _, _)| width(label))
        .max()
        .unwrap_or(0);
    for (label, value, style) in fields {
        push_field(&mut lines, &label, label_cells, &value, style, theme, cells);
    }
    lines
}

/// The labelled facts of a task, in the order shown.
fn fields(
    store: &Store,
    task: &Task,
    labels: &Labels,
    theme: &Theme,
) -> Vec<(String, String, Style)> {
    let document = store.document(task.document);
    let mut fields = Vec::new();
    let mut field = |label: &str, value: String, style: Style| {
        fields.push((capitalized(label), value, style));
    };
    let lead: Vec<&str> = task
        .effective_lead()
        .map(|unit| store.unit_name(unit.unit))
        .collect();
    if task.has_no_unit() {
        field(labels.lead, labels.no_unit.to_string(), theme.warning);
    } else if !lead.is_empty() {
        let mut value = lead.join(UNIT_SEPARATOR);
        if task.lead_inferred {
            value.push_str(&format!(" ({})", labels.inferred));
        }
        field(labels.lead, value, theme.lead);
    }
    for (role, label) in [
        (Role::Responsible, labels.responsible),
        (Role::Cooperating, labels.cooperating),
    ] {
        let names = store.unit_names_in(task, role);
        if !names.is_empty() {
            field(label, names.join(UNIT_SEPARATOR), Style::new());
        }
    }
    if let Some(deadline) = &task.deadline {
        field(labels.deadline, deadline.to_string(), Style::new());
    }
    if let Some(city) = &document.meta.city {
        field(labels.city, city.clone(), Style::new());
    }
    if let Some(plan) = store.plan_of(task) {
        field(labels.plan, plan.to_string(), Style::new());
    }
    let path = store.section_path(task.section);
    if !path.is_empty() {
        field(labels.section, path.join(" > "), Style::new());
    }
    field(
        labels.source,
        format!("{}:{}", document.source, task.line),
        theme.dim,
    );
    fields
}

/// The label with its first letter in upper case (Chinese labels unchanged).
fn capitalized(label: &str) -> String {
    let mut chars = label.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
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
