//! The Problems view: errors first, filtered by severity and by the
//! dashboard's filters, worded in the dashboard's language, wrapped by cell
//! width; Enter keeps the filters when they keep the task and asks before
//! clearing them when they do not.

use crate::common::{Harness, screen};
use ratatui::crossterm::event::KeyCode;
use unicode_width::UnicodeWidthStr;
use zeren::check::Level;
use zeren::tui::app::Mode;
use zeren::tui::i18n::Lang;

/// The severities of the listed problems, in order.
fn listed_levels(harness: &Harness) -> Vec<Level> {
    let problems = harness.app.problems.as_deref().unwrap_or_default();
    harness
        .app
        .problem_rows()
        .iter()
        .map(|&index| problems[index].level)
        .collect()
}

#[test]
fn errors_come_first_then_warnings_then_info() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('p'));
    let levels = listed_levels(&harness);
    assert_eq!(levels.len(), 187);
    let errors = levels
        .iter()
        .take_while(|&&level| level == Level::Error)
        .count();
    assert_eq!(errors, 9, "the nine errors first");
    assert!(
        levels.windows(2).all(|pair| pair[0] >= pair[1]),
        "{levels:?}"
    );
    let text = screen(&harness.draw(120, 34));
    assert!(
        text.contains("Problems 187 (error 9 · warning 21 · info 157)"),
        "{text}"
    );
    let first_row = text
        .lines()
        .find(|line| line.contains("assets/corpus/"))
        .unwrap_or_default();
    assert!(
        first_row.contains("error assets/corpus/002_"),
        "{first_row}"
    );
}

#[test]
fn s_shows_one_severity_at_a_time() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('p'));
    harness.key(KeyCode::Char('s'));
    assert_eq!(listed_levels(&harness), vec![Level::Error; 9]);
    harness.key(KeyCode::Char('s'));
    assert_eq!(listed_levels(&harness), vec![Level::Warning; 21]);
    harness.key(KeyCode::Char('s'));
    assert_eq!(listed_levels(&harness).len(), 157);
    let text = screen(&harness.draw(120, 34));
    assert!(
        text.contains("Problems 157") && text.contains("· info ·"),
        "{text}"
    );
    harness.key(KeyCode::Char('s'));
    assert_eq!(listed_levels(&harness).len(), 187);
}

#[test]
fn the_view_follows_the_filters_and_v_shows_every_problem() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("rsj");
    harness.key(KeyCode::Enter);
    harness.key(KeyCode::Char('p'));
    let store = harness.app.store();
    let problems = harness.app.problems.clone().unwrap_or_default();
    let shown: Vec<u32> = harness
        .app
        .problem_rows()
        .iter()
        .filter_map(|&index| problems[index].task)
        .collect();
    assert!(!shown.is_empty());
    for task in &shown {
        assert!(
            harness.app.view.tasks.contains(task),
            "{}",
            store.task_text(*task)
        );
    }
    assert!(shown.len() < 187);
    let text = screen(&harness.draw(120, 34));
    assert!(text.contains("under the filters"), "{text}");
    harness.key(KeyCode::Char('v'));
    assert_eq!(harness.app.problem_rows().len(), 187);
    let text = screen(&harness.draw(120, 34));
    assert!(text.contains("all tasks"), "{text}");
}

#[test]
fn problems_are_worded_in_the_dashboards_language() {
    let mut harness = Harness::with_lang(Lang::Zh);
    harness.key(KeyCode::Char('p'));
    let text = screen(&harness.draw(120, 34));
    assert!(
        text.contains("问题 187 (错误 9 · 警告 21 · 提示 157) · 全部级别 · 当前筛选内"),
        "{text}"
    );
    assert!(text.contains("错误 assets/corpus/002_"), "{text}");
    assert!(text.contains("未列明责任单位"), "{text}");
    assert!(!text.contains("no unit named"), "{text}");
    harness.key(KeyCode::Char('s'));
    harness.key(KeyCode::Char('s'));
    let text = screen(&harness.draw(120, 34));
    assert!(text.contains("个牵头单位(多头牵头)"), "{text}");
}

#[test]
fn a_problem_is_wrapped_by_cell_width_not_cut() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('p'));
    let terminal = harness.draw(120, 34);
    let text = screen(&terminal);
    // The first error's task text, over two lines of the popup.
    assert!(
        text.contains("强化生态资源保护和修复。开展山水林田湖草沙一体化保护和修复工程"),
        "{text}"
    );
    assert!(text.contains("态环境治理。"), "{text}");
    for line in text.lines() {
        assert_eq!(line.width(), 120, "{line}");
    }
}

#[test]
fn enter_keeps_the_filters_when_they_keep_the_task() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("rsj");
    harness.key(KeyCode::Enter);
    let filters = harness.app.filters.clone();
    harness.key(KeyCode::Char('p'));
    harness.key(KeyCode::Char('j'));
    let problems = harness.app.problems.clone().unwrap_or_default();
    let picked = problems[harness.app.problem_rows()[1]].task;
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.mode, Mode::Normal);
    assert_eq!(harness.app.filters, filters, "the filters stay");
    assert_eq!(harness.app.selected_task(), picked);
}

#[test]
fn enter_asks_before_clearing_filters_that_hide_the_task() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("rsj");
    harness.key(KeyCode::Enter);
    let filters = harness.app.filters.clone();
    harness.key(KeyCode::Char('p'));
    harness.key(KeyCode::Char('v'));
    let problems = harness.app.problems.clone().unwrap_or_default();
    let hidden = problems[harness.app.problem_rows()[0]].task;
    harness.key(KeyCode::Enter);
    assert!(
        matches!(
            harness.app.mode,
            Mode::Problems {
                confirm: Some(_),
                ..
            }
        ),
        "{:?}",
        harness.app.mode
    );
    let text = screen(&harness.draw(120, 34));
    assert!(
        text.contains("The filters hide this task: Enter clears them and shows it, Esc keeps them"),
        "{text}"
    );
    harness.key(KeyCode::Esc);
    assert!(matches!(
        harness.app.mode,
        Mode::Problems { confirm: None, .. }
    ));
    assert_eq!(harness.app.filters, filters, "Esc keeps the filters");
    harness.key(KeyCode::Enter);
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.mode, Mode::Normal);
    assert!(
        harness.app.filters.active().is_empty(),
        "cleared when asked"
    );
    assert_eq!(harness.app.selected_task(), hidden);
    assert!(harness.app.view.tasks.contains(&hidden.unwrap_or_default()));
}
