//! The Detail: units first, focusable with Tab, scrollable, Enter shows the
//! task on the whole screen; the source opens in the editor and the task
//! goes to the clipboard.

use crate::common::{Harness, rows, screen};
use ratatui::crossterm::event::KeyCode;
use zeren::tui::app::{Mode, Pane};

/// The Detail pane's lines on a `width` × `height` screen.
fn detail_rows(harness: &mut Harness, width: u16, height: u16) -> Vec<String> {
    let terminal = harness.draw(width, height);
    let area = harness.app.drawn.panes[Pane::Detail].inner;
    rows(terminal.backend().buffer())[usize::from(area.y)..usize::from(area.y + area.height)]
        .iter()
        .map(|row| row.chars().skip_while(|c| *c != '│').collect::<String>())
        .collect()
}

#[test]
fn at_80x24_the_detail_shows_the_units_first() {
    let mut harness = Harness::samples();
    let lines = detail_rows(&mut harness, 80, 24);
    let joined = lines.join("\n");
    assert!(
        lines[0].contains("Lead:") && lines[0].contains("市人社局"),
        "{joined}"
    );
    assert!(
        joined.contains("Cooperating: 市发改委、教育局、科技局、财政局、龙沙区"),
        "{joined}"
    );
    assert!(joined.contains("1. 完善人力资源服务体系"), "{joined}");
}

#[test]
fn tab_focuses_the_detail_and_it_scrolls_to_the_source() {
    let mut harness = Harness::samples();
    let before = screen(&harness.draw(120, 34));
    assert!(
        before.contains(" 1–10/14 "),
        "the pane says it holds more: {before}"
    );
    assert!(!before.contains("Source:"), "{before}");
    harness.key(KeyCode::Tab);
    assert_eq!(harness.app.focus, Pane::Detail);
    harness.key(KeyCode::Char('j'));
    assert_eq!(harness.app.cursors[Pane::Detail].offset, 1);
    let scrolled = screen(&harness.draw(120, 34));
    assert!(scrolled.contains(" 2–11/14 "), "{scrolled}");
    harness.key(KeyCode::Char('G'));
    let bottom = screen(&harness.draw(120, 34));
    assert!(
        bottom.contains("Source:      assets/corpus/000_5d1acf1f898862e1.txt:27"),
        "{bottom}"
    );
    assert!(
        bottom.contains("Section:     一、实施促进就业创业行动"),
        "{bottom}"
    );
    assert!(bottom.contains(" 5–14/14 "), "{bottom}");
    // The task list did not move.
    assert_eq!(harness.app.cursors[Pane::Tasks].selected, 0);
    // Another task starts at its top.
    harness.key(KeyCode::Char('3'));
    harness.key(KeyCode::Char('j'));
    assert_eq!(harness.app.cursors[Pane::Detail].offset, 0);
}

#[test]
fn enter_opens_the_task_on_the_whole_screen() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.mode, Mode::Task { scroll: 0 });
    let terminal = harness.draw(120, 34);
    let text = screen(&terminal);
    for expected in [
        "Lead:        市人社局",
        "1. 完善人力资源服务体系",
        "Section:     一、实施促进就业创业行动",
        "Source:      assets/corpus/000_5d1acf1f898862e1.txt:27",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    insta::assert_snapshot!("task_full_screen_120x34", text);
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.mode, Mode::Normal);
}

#[test]
fn o_asks_for_the_source_at_the_tasks_line() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('j'));
    harness.key(KeyCode::Char('o'));
    assert_eq!(harness.edits.len(), 1);
    let edit = &harness.edits[0];
    assert_eq!(edit.source, "assets/corpus/000_5d1acf1f898862e1.txt");
    assert_eq!(edit.line, 28);
    assert!(edit.builtin);
}

#[test]
fn y_copies_the_task_with_its_units_and_source() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('y'));
    assert_eq!(harness.copied.len(), 1);
    let copied = &harness.copied[0];
    assert!(copied.starts_with("1. 完善人力资源服务体系。"), "{copied}");
    assert!(copied.contains("\nLead: 市人社局\n"), "{copied}");
    assert!(
        copied.contains("\nSource: assets/corpus/000_5d1acf1f898862e1.txt:27\n"),
        "{copied}"
    );
    assert_eq!(
        harness.app.message.as_deref(),
        Some("task copied to the clipboard (OSC 52)")
    );
}

#[test]
fn leaders_and_deadlines_show_in_the_detail_and_as_a_column() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/genre/docs");
    let mut harness = Harness::with_paths(&[
        folder.join("gA15_kunming.txt"),
        folder.join("gA02_guangdong.txt"),
    ]);
    let text = screen(&harness.draw(120, 34));
    assert!(
        text.contains("Deadline"),
        "a column when tasks have deadlines: {text}"
    );
    let store = harness.app.store();
    let with_leaders = harness
        .app
        .view
        .tasks
        .iter()
        .position(|&task| !store.task(task).leaders.is_empty())
        .expect("a task with leaders");
    let leader = store.task(harness.app.view.tasks[with_leaders]).leaders[0].to_string();
    for _ in 0..with_leaders {
        harness.key(KeyCode::Char('j'));
    }
    let lines = detail_rows(&mut harness, 120, 34).join("\n");
    assert!(
        lines.contains("Leaders:") && lines.contains(&leader),
        "{lines}"
    );
}
