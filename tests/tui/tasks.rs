//! The Tasks pane: column headers, a mark where the section changes, search
//! hits shown past the cut; the Sections pane keeps its place; a message
//! below the smallest size.

use crate::common::{Harness, rows, screen};
use ratatui::crossterm::event::KeyCode;
use zeren::tui::app::Pane;

#[test]
fn the_task_list_has_column_headers_and_section_marks() {
    let mut harness = Harness::samples();
    let terminal = harness.draw(120, 34);
    let rows = rows(terminal.backend().buffer());
    assert!(
        rows[1].contains("No. Task") && rows[1].contains("Lead"),
        "{}",
        rows[1]
    );
    let mark = rows
        .iter()
        .position(|row| row.contains("▸ 二、实施社保扩面提高待遇行动"))
        .expect("a mark where the section changes");
    assert!(
        rows[mark - 1].contains("     6 实施挖潜增岗行动"),
        "{}",
        rows[mark - 1]
    );
    assert!(
        rows[mark + 1].contains("     7 实施全民参保扩面计划"),
        "{}",
        rows[mark + 1]
    );
    insta::assert_snapshot!("first_screen_120x34", screen(&terminal));
}

#[test]
fn clicks_on_a_section_mark_select_nothing_and_rows_map_to_their_task() {
    let mut harness = Harness::samples();
    harness.draw(120, 34);
    let shown = harness.app.drawn.panes[Pane::Tasks].clone();
    assert_eq!(shown.items[0], None, "the header");
    assert_eq!(shown.items[1], None, "the first section mark");
    assert_eq!(shown.items[2], Some(0));
    let mark = shown
        .items
        .iter()
        .skip(3)
        .position(Option::is_none)
        .unwrap_or(0)
        + 3;
    assert_eq!(shown.items[mark + 1], Some(6));
}

#[test]
fn a_search_hit_past_the_cut_is_brought_into_view() {
    let long = "推进".repeat(30);
    let text = format!("一、重点任务\n1.{long}东院区项目建设。(牵头单位:市卫健委)\n");
    let mut harness = Harness::with_texts(&[("hit.txt".to_string(), text)]);
    harness.key(KeyCode::Char('/'));
    harness.type_text("东院区");
    harness.key(KeyCode::Enter);
    let text = screen(&harness.draw(120, 34));
    let row = text
        .lines()
        .find(|line| line.contains("市卫健委") && line.contains("     1 "))
        .unwrap_or_default();
    assert!(row.contains("…推进东院区项目"), "{row}");
}

#[test]
fn sections_keep_their_place_after_enter() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('2'));
    for _ in 0..6 {
        harness.key(KeyCode::Char('j'));
    }
    let before = harness.app.cursors[Pane::Sections].selected;
    let node = harness.app.tree_rows()[before].node;
    harness.key(KeyCode::Enter);
    assert!(harness.app.filters.scope.is_some());
    assert_eq!(harness.app.cursors[Pane::Sections].selected, before);
    assert_eq!(harness.app.tree_rows()[before].node, node);
    harness.key(KeyCode::Enter);
    assert!(harness.app.filters.scope.is_none(), "Enter again lifts it");
    assert_eq!(
        harness.app.tree_rows()[harness.app.cursors[Pane::Sections].selected].node,
        node
    );
}

#[test]
fn below_80x24_the_screen_says_it_is_too_small() {
    let mut harness = Harness::samples();
    for (width, height) in [(79, 24), (80, 23), (40, 12)] {
        let text = screen(&harness.draw(width, height));
        assert!(
            text.contains(&format!("Terminal too small: {width}×{height}")),
            "{text}"
        );
        assert!(text.contains("zeren needs at least 80×24"), "{text}");
        assert!(text.contains("q/C-c quits"), "{text}");
    }
    let fits = screen(&harness.draw(80, 24));
    assert!(!fits.contains("too small"), "{fits}");
}
