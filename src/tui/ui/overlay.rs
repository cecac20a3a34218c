//! Popups drawn over the panes: the help (built from the keymap), the load
//! warnings, and the department completions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::list::{PaneFrame, label_and_count};
use crate::check::Level;
use crate::store::DeptGroup;
use crate::tui::action::{Action, Group};
use crate::tui::app::{App, ListCursor, MAX_COMPLETIONS, Mode};
use crate::tui::i18n::{describe, hint_label};
use crate::tui::text::{truncate, width};

/// Help groups in the order shown.
const GROUPS: [Group; 5] = [
    Group::General,
    Group::Navigation,
    Group::Filters,
    Group::Review,
    Group::Editing,
];

/// Cells between the two columns of the help.
const COLUMN_GAP: usize = 4;

/// The lines of the help overlay: every action with its keys, by group.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    join_groups(help_groups(app))
}

/// One block of lines per help group: its title, then each action with its
/// keys.
fn help_groups(app: &App) -> Vec<Vec<Line<'static>>> {
    let labels = app.lang.labels();
    let rows: Vec<(Group, String, &str)> = Action::ALL
        .iter()
        .map(|&action| {
            (
                action.group(),
                app.keymap.hint(action),
                describe(action, app.lang),
            )
        })
        .filter(|(_, keys, _)| !keys.is_empty())
        .collect();
    let key_cells = rows
        .iter()
        .map(|(_, keys, _)| width(keys))
        .max()
        .unwrap_or(0);
    GROUPS
        .iter()
        .filter_map(|&group| {
            let members: Vec<&(Group, String, &str)> =
                rows.iter().filter(|(g, _, _)| *g == group).collect();
            if members.is_empty() {
                return None;
            }
            let mut lines = vec![Line::styled(
                labels.group(group).to_string(),
                app.theme.title,
            )];
            for (_, keys, description) in members {
                let pad = " ".repeat(key_cells - width(keys) + 2);
                lines.push(Line::from(vec![
                    Span::raw("  "),
                    Span::styled(keys.clone(), app.theme.key),
                    Span::raw(pad),
                    Span::raw(description.to_string()),
                ]));
            }
            Some(lines)
        })
        .collect()
}

/// The groups one after the other, a blank line between two.
fn join_groups(groups: Vec<Vec<Line<'static>>>) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    for group in groups {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.extend(group);
    }
    lines
}

/// The help in two columns when two fit in `cells`, else in one; the groups
/// split where the taller column is shortest.
fn help_columns(app: &App, cells: usize) -> Vec<Vec<Line<'static>>> {
    let mut groups = help_groups(app);
    let widest = groups.iter().flatten().map(Line::width).max().unwrap_or(0);
    if 2 * widest + COLUMN_GAP > cells || groups.len() < 2 {
        return vec![join_groups(groups)];
    }
    let height = |blocks: &[Vec<Line>]| -> usize {
        blocks.iter().map(|block| block.len() + 1).sum::<usize>() - 1
    };
    let split = (1..groups.len())
        .min_by_key(|&split| height(&groups[..split]).max(height(&groups[split..])))
        .unwrap_or(1);
    let right = groups.split_off(split);
    vec![join_groups(groups), join_groups(right)]
}

/// Draws the overlay of the current mode, if it has one; returns how far a
/// scrolling overlay can scroll.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> usize {
    match &app.mode {
        Mode::Help { scroll } => {
            let labels = app.lang.labels();
            let cells = usize::from(popup_rect(area).width.saturating_sub(2));
            let title = format!("{} · {}", labels.help, labels.close_hint);
            popup(frame, area, app, &title, help_columns(app, cells), *scroll)
        }
        Mode::Warnings { scroll } => {
            let labels = app.lang.labels();
            let inner_cells = usize::from(area.width.saturating_sub(4));
            let mut lines: Vec<Line> = app
                .store()
                .warnings()
                .iter()
                .map(|warning| {
                    Line::raw(truncate(
                        &format!("{}: {}", warning.source, warning.message),
                        inner_cells,
                    ))
                })
                .collect();
            if lines.is_empty() {
                lines.push(Line::raw(labels.no_warnings));
            }
            let title = format!("{} · {}", labels.warnings, labels.close_hint);
            popup(frame, area, app, &title, vec![lines], *scroll)
        }
        Mode::Department {
            completions,
            picked,
            ..
        } => {
            completions_popup(frame, area, app, completions, *picked);
            0
        }
        Mode::Problems { cursor } => {
            problems_popup(frame, area, app, *cursor);
            0
        }
        Mode::Orphans { cursor } => {
            orphans_popup(frame, area, app, *cursor);
            0
        }
        Mode::Normal | Mode::Search { .. } | Mode::Note { .. } | Mode::Compare(_) => 0,
    }
}

/// The review problems, one per line, the selected one highlighted.
fn problems_popup(frame: &mut Frame, area: Rect, app: &App, mut cursor: ListCursor) {
    let labels = app.lang.labels();
    let rect = area.centered(Constraint::Percentage(90), Constraint::Percentage(80));
    clear_around(frame, rect, area);
    let problems = app.problems.as_deref();
    let title = match problems {
        Some(problems) => format!(
            "{} {} · {}",
            labels.problems,
            problems.len(),
            labels.problems_hint
        ),
        None => format!("{} · {}", labels.problems, labels.searching),
    };
    let block = PaneFrame {
        title,
        focused: true,
        theme: &app.theme,
    }
    .block();
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let Some(problems) = problems else {
        return;
    };
    if problems.is_empty() {
        frame.render_widget(Line::raw(labels.no_problems), inner);
        return;
    }
    let height = usize::from(inner.height);
    cursor.scroll_into_view(height);
    let cells = usize::from(inner.width);
    let lines: Vec<Line> = problems
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(height)
        .map(|(index, problem)| {
            let place = match problem.line {
                Some(line) => format!("{}:{line}", problem.source),
                None => problem.source.clone(),
            };
            let level = problem.level.name();
            let text = truncate(&format!("{level:<7} {place}  {}", problem.message), cells);
            let style = match (index == cursor.selected, problem.level) {
                (true, _) => app.theme.selected,
                (false, Level::Error) => app.theme.flagged,
                (false, Level::Warning) => app.theme.warning,
                (false, Level::Info) => app.theme.dim,
            };
            let line = Line::styled(text, style);
            if index == cursor.selected {
                let used = line.width();
                Line::from(vec![
                    Span::styled(line.to_string(), style),
                    Span::styled(" ".repeat(cells.saturating_sub(used)), style),
                ])
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The marks whose task is gone: document, number, the text reviewed,
/// status, who and when, note; the selected one highlighted. The title says
/// which keys attach or drop it.
fn orphans_popup(frame: &mut Frame, area: Rect, app: &App, mut cursor: ListCursor) {
    let labels = app.lang.labels();
    let rect = popup_rect(area);
    clear_around(frame, rect, area);
    let orphans = app
        .review
        .as_ref()
        .map(|review| review.orphans())
        .unwrap_or_default();
    let keys: Vec<String> = [
        Action::ReattachMark,
        Action::DropMark,
        Action::Undo,
        Action::Orphans,
    ]
    .iter()
    .map(|&action| {
        format!(
            "{} {}",
            app.keymap.hint(action),
            hint_label(action, app.lang)
        )
    })
    .collect();
    let block = PaneFrame {
        title: format!("{} {} · {}", labels.orphans, orphans.len(), keys.join("  ")),
        focused: true,
        theme: &app.theme,
    }
    .block();
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    if orphans.is_empty() {
        frame.render_widget(Line::raw(labels.no_orphans), inner);
        return;
    }
    let height = usize::from(inner.height);
    cursor.scroll_into_view(height);
    let cells = usize::from(inner.width);
    let lines: Vec<Line> = orphans
        .iter()
        .enumerate()
        .skip(cursor.offset)
        .take(height)
        .map(|(index, (_, id, mark))| {
            let status = match mark.status {
                crate::review::Status::Reviewed => labels.reviewed,
                crate::review::Status::Flagged => labels.flagged,
            };
            let mut text = format!(
                "{}  {}  {}…  {status}",
                id.document,
                mark.task.number.as_deref().unwrap_or("·"),
                mark.task.text
            );
            if !mark.reviewer.is_empty() {
                text.push_str(&format!(" {} {}", labels.by, mark.reviewer));
            }
            text.push_str(&format!(" {}", mark.updated.iso()));
            if let Some(note) = &mark.note {
                text.push_str(&format!("  · {note}"));
            }
            let text = truncate(&text, cells);
            if index == cursor.selected {
                let used = width(&text);
                Line::from(vec![
                    Span::styled(text, app.theme.selected),
                    Span::styled(" ".repeat(cells.saturating_sub(used)), app.theme.selected),
                ])
            } else {
                Line::raw(text)
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Where a scrolling popup goes on a screen of `area`.
fn popup_rect(area: Rect) -> Rect {
    area.centered(Constraint::Percentage(90), Constraint::Percentage(80))
}

/// A framed popup showing `columns` side by side, scrolled together by
/// `scroll` lines; returns the furthest it can scroll. When it can scroll,
/// the bottom border tells which lines are showing.
fn popup(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: &str,
    columns: Vec<Vec<Line>>,
    scroll: usize,
) -> usize {
    let rect = popup_rect(area);
    clear_around(frame, rect, area);
    let rows = usize::from(rect.height.saturating_sub(2));
    let longest = columns.iter().map(Vec::len).max().unwrap_or(0);
    let max_scroll = longest.saturating_sub(rows);
    let scroll = scroll.min(max_scroll);
    let mut block = PaneFrame {
        title: title.to_string(),
        focused: true,
        theme: &app.theme,
    }
    .block();
    if max_scroll > 0 {
        let shown = format!(
            " {}–{}/{longest} ",
            scroll + 1,
            (scroll + rows).min(longest)
        );
        block = block.title_bottom(Line::from(shown).right_aligned());
    }
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let constraints = vec![Constraint::Fill(1); columns.len()];
    let areas = Layout::horizontal(constraints)
        .spacing(u16::try_from(COLUMN_GAP).unwrap_or(0))
        .split(inner);
    let offset = u16::try_from(scroll).unwrap_or(u16::MAX);
    for (lines, column) in columns.into_iter().zip(areas.iter()) {
        frame.render_widget(Paragraph::new(lines).scroll((offset, 0)), *column);
    }
    max_scroll
}

/// Clears `rect`; a wide character whose right half lies under the popup's
/// left edge is blanked too, so it does not spill over the border.
fn clear_around(frame: &mut Frame, rect: Rect, bounds: Rect) {
    frame.render_widget(Clear, rect);
    if rect.x <= bounds.x {
        return;
    }
    let buffer = frame.buffer_mut();
    for y in rect.y..rect.y + rect.height {
        let cell = &mut buffer[(rect.x - 1, y)];
        if width(cell.symbol()) > 1 {
            cell.set_symbol(" ");
        }
    }
}

/// The department completions, just above the status lines.
fn completions_popup(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    completions: &[DeptGroup],
    picked: Option<usize>,
) {
    if completions.is_empty() {
        return;
    }
    let shown = completions.len().min(MAX_COMPLETIONS);
    let height = u16::try_from(shown + 2)
        .unwrap_or(u16::MAX)
        .min(area.height);
    let popup_width = area.width.min(60);
    let rect = Rect {
        x: area.x,
        y: area.y + area.height.saturating_sub(height),
        width: popup_width,
        height,
    };
    clear_around(frame, rect, area);
    let block = PaneFrame {
        title: app.lang.labels().dept_prompt.to_string(),
        focused: true,
        theme: &app.theme,
    }
    .block();
    let inner = block.inner(rect);
    frame.render_widget(block, rect);
    let store = app.store();
    let cells = usize::from(inner.width);
    let first = picked.map_or(0, |index| index.saturating_sub(shown - 1));
    let lines: Vec<Line> = completions
        .iter()
        .enumerate()
        .skip(first)
        .take(shown)
        .map(|(index, group)| {
            let label = completion_label(store, group);
            let count = group.tasks.to_string();
            let line = label_and_count(&label, Default::default(), count, app.theme.dim, cells);
            let top = picked.is_none() && index == 0;
            if picked == Some(index) || top {
                line.style(app.theme.selected)
            } else {
                line
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A completion as shown: the department with its aliases, or the
/// departments of a merged choice.
fn completion_label(store: &crate::store::Store, group: &DeptGroup) -> String {
    let [dept] = group.departments.as_slice() else {
        return group.describe(store);
    };
    let department = store.departments().get(*dept);
    if department.aliases.is_empty() {
        department.canonical.clone()
    } else {
        format!(
            "{} ({})",
            department.canonical,
            department.aliases.join(" ")
        )
    }
}
