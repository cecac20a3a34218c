//! Popups drawn over the panes: the help (built from the keymap), the
//! warnings, the task on the whole screen, the review problems, the
//! orphaned marks and the department completions.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use strum::VariantArray;

use super::Shown;
use super::detail::draw_text;
use super::list::{PaneFrame, Row, label_and_count, render_list};
use crate::check::Level;
use crate::store::DeptGroup;
use crate::tui::action::{Action, Group};
use crate::tui::app::{App, ListCursor, MAX_COMPLETIONS, Mode, ProblemScope};
use crate::tui::i18n::{describe, message, problem_message};
use crate::tui::text::{truncate, width, wrap};
use crate::tui::theme::Theme;

/// Cells between the two columns of the help.
const COLUMN_GAP: usize = 4;

/// Lines of a problem's task text shown under its message.
const PROBLEM_TEXT_LINES: usize = 2;

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
    Group::VARIANTS
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

/// Draws the popup of the current mode, if it has one; returns what it
/// showed.
pub fn draw(frame: &mut Frame, area: Rect, app: &App) -> Shown {
    let labels = app.lang.labels();
    match &app.mode {
        Mode::Help { scroll } => {
            let cells = usize::from(popup_rect(area).width.saturating_sub(2));
            let title = format!("{} · {}", labels.help, labels.close_hint);
            popup(frame, area, app, &title, help_columns(app, cells), *scroll)
        }
        Mode::Warnings { scroll } => {
            let cells = usize::from(popup_rect(area).width.saturating_sub(2));
            let mut lines: Vec<Line> = Vec::new();
            for warning in app.warnings() {
                let text = format!("{}: {}", warning.source, warning.message);
                for (index, part) in wrap(&text, cells.saturating_sub(2)).into_iter().enumerate() {
                    let indent = if index == 0 { "" } else { "  " };
                    lines.push(Line::raw(format!("{indent}{part}")));
                }
            }
            if lines.is_empty() {
                lines.push(Line::raw(labels.no_warnings));
            }
            let title = format!(
                "{} {} · {}",
                labels.warnings,
                app.warning_count(),
                labels.close_hint
            );
            popup(frame, area, app, &title, vec![lines], *scroll)
        }
        Mode::Task { scroll } => {
            clear_around(frame, area, area);
            let pane = PaneFrame {
                title: format!("{} · {}", labels.detail, labels.close_hint),
                focused: true,
                theme: &app.theme,
                footer: None,
            };
            draw_text(frame, area, app, pane, *scroll)
        }
        Mode::Department {
            completions,
            picked,
            ..
        } => {
            completions_popup(frame, area, app, completions, *picked);
            Shown::default()
        }
        Mode::Problems { cursor, confirm } => {
            problems_popup(frame, area, app, *cursor, confirm.is_some())
        }
        Mode::Orphans { cursor } => orphans_popup(frame, area, app, *cursor),
        Mode::Normal | Mode::Search { .. } | Mode::Note { .. } | Mode::Compare(_) => {
            Shown::default()
        }
    }
}

/// The review problems under the current filters, errors first, each
/// wrapped by cell width: severity and place, the message, and the start of
/// the task's text. The title counts them by severity and names the keys;
/// when the filters hide a task the user picked, the bottom line asks
/// whether to clear them.
fn problems_popup(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    cursor: ListCursor,
    confirming: bool,
) -> Shown {
    let labels = app.lang.labels();
    let rect = popup_rect(area);
    clear_around(frame, rect, area);
    let filter = app.problem_filter;
    let scope = match filter.scope {
        ProblemScope::UnderFilters => labels.under_filters,
        ProblemScope::All => labels.all_problems,
    };
    let level = filter
        .level
        .map_or(labels.all_levels, |level| labels.level(level));
    let title = match &app.problems {
        Some(_) => {
            let [errors, warnings, infos] = app.problem_counts();
            let counts = format!(
                "{} {errors} · {} {warnings} · {} {infos}",
                labels.level(Level::Error),
                labels.level(Level::Warning),
                labels.level(Level::Info)
            );
            format!(
                "{} {} ({counts}) · {level} · {scope}",
                labels.problems,
                app.problem_rows().len()
            )
        }
        None => format!("{} · {}", labels.problems, labels.searching),
    };
    let pane = PaneFrame {
        title,
        focused: true,
        theme: &app.theme,
        footer: None,
    };
    let Some(problems) = &app.problems else {
        let block = pane.block();
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        return Shown {
            area: rect,
            inner,
            ..Shown::default()
        };
    };
    let rows = app.problem_rows();
    if rows.is_empty() {
        let block = pane.block();
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(Line::raw(labels.no_problems), inner);
        return Shown {
            area: rect,
            inner,
            ..Shown::default()
        };
    }
    let pane = PaneFrame {
        footer: confirming.then(|| {
            let prompt = message::clear_filters_for_task(
                app.lang,
                &app.keymap.hint(Action::Select),
                &app.keymap.hint(Action::PopFilter),
            );
            Line::styled(format!(" {prompt} "), app.theme.warning)
        }),
        ..pane
    };
    let store = app.store();
    let theme = &app.theme;
    render_list(
        frame,
        rect,
        &pane,
        cursor,
        rows.len(),
        None,
        |index, cells| {
            let problem = &problems[rows[index]];
            let place = match problem.line {
                Some(line) => format!("{}:{line}", problem.source),
                None => problem.source.clone(),
            };
            let level_style = level_style(theme, problem.level);
            let mut lines = vec![Line::from(vec![
                Span::styled(format!("{} ", labels.level(problem.level)), level_style),
                Span::styled(truncate(&place, cells), theme.dim),
            ])];
            let text = problem_message(problem, store, app.lang, false);
            for part in wrap(&text, cells.saturating_sub(2)) {
                lines.push(Line::raw(format!("  {part}")));
            }
            if let Some(task) = problem.task {
                let task_text = store.task_text(task);
                let mut parts = wrap(task_text, cells.saturating_sub(2));
                if parts.len() > PROBLEM_TEXT_LINES {
                    parts.truncate(PROBLEM_TEXT_LINES);
                    if let Some(last) = parts.last_mut() {
                        *last = truncate(&format!("{last}…"), cells.saturating_sub(2));
                    }
                }
                for part in parts {
                    lines.push(Line::styled(format!("  {part}"), theme.dim));
                }
            }
            Row {
                above: Vec::new(),
                lines,
            }
        },
    )
}

/// The colour of a severity.
fn level_style(theme: &Theme, level: Level) -> Style {
    match level {
        Level::Error => theme.flagged,
        Level::Warning => theme.warning,
        Level::Info => theme.dim,
    }
}

/// The marks whose task is gone: document, number, the text reviewed,
/// status, who and when, note; the selected one highlighted. The title says
/// which keys attach or drop it.
fn orphans_popup(frame: &mut Frame, area: Rect, app: &App, cursor: ListCursor) -> Shown {
    let labels = app.lang.labels();
    let rect = popup_rect(area);
    clear_around(frame, rect, area);
    let orphans = app
        .review
        .as_ref()
        .map(|review| review.orphans())
        .unwrap_or_default();
    let pane = PaneFrame {
        title: format!("{} {}", labels.orphans, orphans.len()),
        focused: true,
        theme: &app.theme,
        footer: None,
    };
    if orphans.is_empty() {
        let block = pane.block();
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        frame.render_widget(Line::raw(labels.no_orphans), inner);
        return Shown {
            area: rect,
            inner,
            ..Shown::default()
        };
    }
    render_list(
        frame,
        rect,
        &pane,
        cursor,
        orphans.len(),
        None,
        |index, cells| {
            let (_, id, mark) = orphans[index];
            let mut text = format!(
                "{}  {}  {}…  {}",
                id.document,
                mark.task.number.as_deref().unwrap_or("·"),
                mark.task.text,
                labels.status(Some(mark.status))
            );
            if !mark.reviewer.is_empty() {
                text.push_str(&format!(" {} {}", labels.by, mark.reviewer));
            }
            text.push_str(&format!(" {}", mark.updated.iso()));
            if let Some(note) = &mark.note {
                text.push_str(&format!("  · {note}"));
            }
            Row::line(Line::raw(truncate(&text, cells)))
        },
    )
}

/// Where a scrolling popup goes on a screen of `area`.
fn popup_rect(area: Rect) -> Rect {
    area.centered(Constraint::Percentage(90), Constraint::Percentage(80))
}

/// A framed popup showing `columns` side by side, scrolled together by
/// `scroll` lines; returns how far it can scroll. When it can scroll, the
/// bottom border tells which lines are showing.
fn popup(
    frame: &mut Frame,
    area: Rect,
    app: &App,
    title: &str,
    columns: Vec<Vec<Line>>,
    scroll: usize,
) -> Shown {
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
        footer: None,
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
    Shown {
        area: rect,
        inner,
        offset: scroll,
        items: Vec::new(),
        max_scroll,
    }
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
        footer: None,
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
