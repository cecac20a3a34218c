//! The status lines: counts, the active filters as chips, warnings, and the
//! key hints of the focused pane (built from the keymap).

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

use crate::tui::action::Action;
use crate::tui::app::{App, Mode, Pane, progress};
use crate::tui::filters::{Active, ReviewFilter};
use crate::tui::i18n::{HintWord, Noun, counted, hint_label, hint_word, message};
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
            Action::Select,
            Action::OpenSource,
            Action::CopyTask,
            Action::Search,
            Action::DeptFilter,
            Action::PopFilter,
            Action::Undo,
            Action::CycleReviewFilter,
            Action::Export,
            Action::Quit,
        ],
        Pane::Detail => &[
            Action::Help,
            Action::Down,
            Action::Up,
            Action::Select,
            Action::ToggleReviewed,
            Action::ToggleFlagged,
            Action::EditNote,
            Action::OpenSource,
            Action::CopyTask,
            Action::NextPane,
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
            match app.mode {
                Mode::Department { .. } => actions.push(Action::CompletionDown),
                Mode::Note { .. } => actions.insert(1, Action::AcceptAndFlag),
                _ => {}
            }
            let actions: Vec<(Action, Option<HintWord>)> =
                actions.into_iter().map(|action| (action, None)).collect();
            frame.render_widget(hints(app, &actions, usize::from(area.width)), bottom);
        }
        _ => {
            frame.render_widget(summary(app, usize::from(area.width)), top);
            let cells = usize::from(area.width);
            frame.render_widget(hints(app, &hinted(app), cells), bottom);
        }
    }
}

/// `N of M tasks`, the filter chips, and the warning count on the right.
fn summary(app: &App, cells: usize) -> Line<'static> {
    let labels = app.lang.labels();
    let theme = &app.theme;
    let shown = app.view.tasks.len();
    let total = counted(app.lang, app.store().tasks().len(), Noun::Task);
    let mut spans = vec![Span::styled(
        format!("{shown} {} {total}", labels.of),
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
    let warnings = app.warning_count();
    if warnings > 0 {
        if !right.is_empty() {
            right.push(Span::raw("  "));
        }
        right.push(Span::styled(
            format!(
                "{} [{}]",
                counted(app.lang, warnings, Noun::Warning),
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

/// The keys to hint in the current mode and pane, with the word that says
/// what a key does there when it differs from its usual one.
fn hinted(app: &App) -> Vec<(Action, Option<HintWord>)> {
    let plain = |actions: &[Action]| actions.iter().map(|&action| (action, None)).collect();
    match &app.mode {
        Mode::Task { .. } => {
            let mut actions: Vec<_> = plain(pane_actions(Pane::Detail));
            actions.retain(|(action, _)| {
                !matches!(action, Action::Help | Action::Select | Action::NextPane)
            });
            actions.pop();
            actions.push((Action::PopFilter, Some(HintWord::Close)));
            actions
        }
        Mode::Problems { confirm: None, .. } => vec![
            (Action::Select, Some(HintWord::ShowTask)),
            (Action::CycleSeverity, None),
            (Action::ToggleProblemScope, None),
            (Action::Down, None),
            (Action::PopFilter, Some(HintWord::Close)),
        ],
        Mode::Problems { .. } => Vec::new(),
        Mode::Orphans { .. } => vec![
            (Action::ReattachMark, None),
            (Action::DropMark, None),
            (Action::Undo, None),
            (Action::PopFilter, Some(HintWord::Close)),
        ],
        Mode::Compare(_) => vec![
            (Action::Select, None),
            (Action::CycleRole, None),
            (Action::CycleKinds, None),
            (Action::PopFilter, Some(HintWord::Close)),
        ],
        Mode::Help { .. } | Mode::Warnings { .. } => vec![
            (Action::Down, None),
            (Action::Up, None),
            (Action::PopFilter, Some(HintWord::Close)),
        ],
        _ => {
            let mut actions: Vec<_> = plain(pane_actions(app.focus));
            if matches!(app.focus, Pane::Tasks | Pane::Detail) {
                for (action, word) in &mut actions {
                    if *action == Action::Select {
                        *word = Some(HintWord::FullScreen);
                    }
                }
            }
            actions
        }
    }
}

/// `key action` pairs from the keymap in `cells`: a pair that does not fit
/// is left out whole, never cut; room is kept for the last one (quit or
/// close).
fn hints(app: &App, actions: &[(Action, Option<HintWord>)], cells: usize) -> Line<'static> {
    let pair = |(action, word): (Action, Option<HintWord>)| -> Option<(String, String)> {
        let keys = app.keymap.hint(action);
        if keys.is_empty() {
            return None;
        }
        let label = match word {
            Some(word) => hint_word(word, app.lang),
            None => hint_label(action, app.lang),
        };
        Some((keys, format!(" {label}")))
    };
    let needed = |(keys, label): &(String, String)| width(keys) + width(label);
    let last = actions.last().and_then(|&action| pair(action));
    let reserved = last.as_ref().map_or(0, |last| needed(last) + 2);
    let mut spans = Vec::new();
    let mut used = 0;
    for &action in &actions[..actions.len().saturating_sub(1)] {
        let Some(pair) = pair(action) else {
            continue;
        };
        let gap = if spans.is_empty() { 0 } else { 2 };
        if used + gap + needed(&pair) + reserved > cells {
            continue;
        }
        used += gap + needed(&pair);
        push_pair(&mut spans, app, pair, gap > 0);
    }
    if let Some(last) = last
        && used + needed(&last) + 2 <= cells
    {
        let gap = !spans.is_empty();
        push_pair(&mut spans, app, last, gap);
    }
    Line::from(spans)
}

/// A key and its label as spans, after a gap when `gap`.
fn push_pair(
    spans: &mut Vec<Span<'static>>,
    app: &App,
    (keys, label): (String, String),
    gap: bool,
) {
    if gap {
        spans.push(Span::raw("  "));
    }
    spans.push(Span::styled(keys, app.theme.key));
    spans.push(Span::styled(label, app.theme.dim));
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
