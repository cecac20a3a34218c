//! The status lines: counts, the active filters as chips, warnings, and the
//! key hints of the focused pane (built from the keymap).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Pane, progress};
use crate::tui::filters::{Active, ReviewFilter};
use crate::tui::i18n::{hint_label, message};
use crate::tui::text::{truncate, visible, width};

/// The longest chip, in cells, but a department's or a place's: a
/// department with its role, and a place, are always shown in full.
const MAX_CHIP: usize = 28;

/// Key hints per pane, in the order shown.
fn pane_actions(pane: Pane) -> &'static [Action] {
    match pane {
        Pane::Cities => &[
            Action::Help,
            Action::Select,
            Action::Collapse,
            Action::Expand,
            Action::Compare,
            Action::DeptFilter,
            Action::PopFilter,
            Action::NextPane,
            Action::Quit,
        ],
        Pane::Sections => &[
            Action::Help,
            Action::Select,
            Action::Collapse,
            Action::Expand,
            Action::Search,
            Action::DeptFilter,
            Action::PopFilter,
            Action::NextPane,
            Action::Quit,
        ],
        Pane::Tasks => &[
            Action::Help,
            Action::ToggleReviewed,
            Action::ToggleFlagged,
            Action::EditNote,
            Action::Undo,
            Action::CycleReviewFilter,
            Action::Search,
            Action::DeptFilter,
            Action::PopFilter,
            Action::Export,
            Action::Quit,
        ],
        Pane::Leads => &[
            Action::Help,
            Action::Select,
            Action::CycleRole,
            Action::CycleKinds,
            Action::Compare,
            Action::Search,
            Action::PopFilter,
            Action::NextPane,
            Action::Quit,
        ],
    }
}

/// Draws the two status lines in `area` (two rows high).
pub fn draw(frame: &mut Frame, area: Rect, app: &App) {
    let top = Rect { height: 1, ..area };
    let bottom = Rect {
        y: area.y + 1,
        height: 1,
        ..area
    };
    match &app.mode {
        Mode::Search { .. } | Mode::Department { .. } | Mode::Note { .. } => {
            draw_prompt(frame, top, app);
            let mut actions = vec![Action::Accept, Action::Cancel];
            if matches!(app.mode, Mode::Department { .. }) {
                actions.push(Action::CompletionDown);
            }
            frame.render_widget(hints(app, &actions, usize::from(area.width)), bottom);
        }
        _ => {
            frame.render_widget(summary(app, usize::from(area.width)), top);
            let cells = usize::from(area.width);
            frame.render_widget(hints(app, pane_actions(app.focus), cells), bottom);
        }
    }
}

/// `N of M tasks`, the filter chips, and the warning count on the right.
fn summary(app: &App, cells: usize) -> Line<'static> {
    let labels = app.lang.labels();
    let theme = &app.theme;
    let mut spans = vec![Span::styled(
        format!(
            "{} {} {} {}",
            app.view.tasks.len(),
            labels.of,
            app.store().tasks().len(),
            labels.tasks.to_lowercase()
        ),
        theme.title,
    )];
    if app.waiting {
        spans.push(Span::styled(format!(" {}", labels.searching), theme.dim));
    }
    for active in app.filters.active() {
        let text = chip(app, active);
        let text = match active {
            Active::Department(_) | Active::Place => text,
            _ => truncate(&text, MAX_CHIP),
        };
        spans.push(Span::raw(" "));
        spans.push(Span::styled(format!(" {text} "), theme.chip));
    }
    let alert = app.failure.clone().or_else(|| {
        app.review
            .as_ref()
            .and_then(|review| review.failure())
            .map(|error| message::save_retrying(app.lang, error))
    });
    for text in [app.message.clone(), alert].into_iter().flatten() {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(visible(&text).into_owned(), theme.warning));
    }
    let mut right = Vec::new();
    if let Some(review) = &app.review {
        let orphans = review.orphan_count();
        if orphans > 0 {
            right.push(Span::styled(
                format!(
                    "{} [{}]  ",
                    message::orphaned(app.lang, orphans),
                    app.keymap.hint(Action::Orphans)
                ),
                theme.warning,
            ));
        }
        right.push(Span::styled(
            progress(review, app.store().tasks().len(), app.lang),
            theme.reviewed,
        ));
    }
    let warnings = app.store().warnings().len();
    if warnings > 0 {
        if !right.is_empty() {
            right.push(Span::raw("  "));
        }
        right.push(Span::styled(
            format!(
                "{warnings} {} [{}]",
                labels.warnings.to_lowercase(),
                app.keymap.hint(Action::Warnings)
            ),
            theme.warning,
        ));
    }
    let used: usize = spans.iter().map(Span::width).sum();
    let right_width: usize = right.iter().map(Span::width).sum();
    if !right.is_empty() && used + right_width < cells {
        spans.push(Span::raw(" ".repeat(cells - used - right_width)));
        spans.extend(right);
    }
    Line::from(spans)
}

/// The text of one filter chip.
fn chip(app: &App, active: Active) -> String {
    let labels = app.lang.labels();
    let filters = &app.filters;
    match active {
        Active::Place => match &filters.place {
            Some(choice) if choice.own_only => format!(
                "{}: {} ({})",
                labels.place, choice.label, labels.own_documents
            ),
            Some(choice) => format!("{}: {}", labels.place, choice.label),
            None => String::new(),
        },
        Active::Scope => format!(
            "{}: {}",
            labels.section,
            filters
                .scope
                .as_ref()
                .map(|scope| scope.label.as_str())
                .unwrap_or_default()
        ),
        Active::Department(index) => match filters.departments.get(index) {
            Some(filter) => format!(
                "{}: {} ({})",
                labels.dept,
                filter.choice.label,
                labels.role(filter.role)
            ),
            None => String::new(),
        },
        Active::Role => format!("{}: {}", labels.role, labels.role(filters.unit_role)),
        Active::Query => format!(
            "{}: {}",
            labels.query,
            filters.query.as_deref().unwrap_or_default()
        ),
        Active::Review => match filters.review {
            ReviewFilter::All => String::new(),
            ReviewFilter::Unreviewed => labels.unreviewed.to_string(),
            ReviewFilter::Flagged => labels.flagged.to_string(),
        },
    }
}

/// `key action` pairs from the keymap, for `actions`, in `cells`: a pair
/// that does not fit is left out whole, never cut.
fn hints(app: &App, actions: &[Action], cells: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for &action in actions {
        let keys = app.keymap.hint(action);
        if keys.is_empty() {
            continue;
        }
        let label = format!(" {}", hint_label(action, app.lang));
        let gap = if spans.is_empty() { 0 } else { 2 };
        let needed = gap + width(&keys) + width(&label);
        if used + needed > cells {
            continue;
        }
        used += needed;
        if gap > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys, app.theme.key));
        spans.push(Span::styled(label, app.theme.dim));
    }
    Line::from(spans)
}

/// The input field with its prompt; the terminal cursor goes to the caret.
fn draw_prompt(frame: &mut Frame, area: Rect, app: &App) {
    let labels = app.lang.labels();
    let Some(input) = app.input() else {
        return;
    };
    let prompt = match app.mode {
        Mode::Department { .. } => format!(
            "{} ({}): ",
            labels.dept_prompt,
            labels.role(app.filters.role())
        ),
        Mode::Note { .. } => format!("{}: ", labels.note_prompt),
        _ => format!("{}: ", labels.search_prompt),
    };
    let prompt_cells = width(&prompt);
    let room = usize::from(area.width).saturating_sub(prompt_cells);
    let (shown, caret) = input.visible(room);
    frame.render_widget(
        Line::from(vec![Span::styled(prompt, app.theme.key), Span::raw(shown)]),
        area,
    );
    let column = u16::try_from(prompt_cells + caret).unwrap_or(u16::MAX);
    frame.set_cursor_position(Position::new(area.x.saturating_add(column), area.y));
}
