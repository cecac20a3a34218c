//! The dashboard drawn into ratatui's `TestBackend`: snapshots of whole
//! screens, and checks of the cursor, CJK truncation and colours.

use crate::common::{Harness, rows, screen};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::Color;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
use zeren::tui::i18n::Lang;

#[test]
fn first_screen() {
    let mut harness = Harness::samples();
    let terminal = harness.draw(160, 45);
    let text = screen(&terminal);
    assert!(text.contains("济源市") && text.contains("齐齐哈尔市"));
    insta::assert_snapshot!("first_screen_160x45", screen(&terminal));
}

#[test]
fn small_terminal_80x24() {
    let mut harness = Harness::samples();
    let terminal = harness.draw(80, 24);
    insta::assert_snapshot!("first_screen_80x24", screen(&terminal));
}

#[test]
fn search_active_puts_the_cursor_after_the_chinese_text() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('/'));
    harness.type_text("东院区");
    let mut terminal = harness.draw(120, 30);
    // "Search: " is 8 cells, 东院区 is 6 cells: the caret is at column 14
    // of the first status line.
    terminal.backend_mut().assert_cursor_position((14, 28));
    let status = &rows(terminal.backend().buffer())[28];
    assert!(status.starts_with("Search: 东院区"), "{status}");
    insta::assert_snapshot!("search_active", screen(&terminal));
}

#[test]
fn the_cursor_follows_editing_by_display_width() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('/'));
    harness.type_text("人民a");
    harness.key(KeyCode::Left);
    harness.key(KeyCode::Left);
    let mut terminal = harness.draw(100, 30);
    terminal.backend_mut().assert_cursor_position((8 + 2, 28));
}

#[test]
fn department_field_with_completions() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("rsj");
    let mut terminal = harness.draw(120, 30);
    let text = screen(&terminal);
    assert!(text.contains("人力资源和社会保障局"), "{text}");
    let prompt = "Department (any role): ";
    terminal
        .backend_mut()
        .assert_cursor_position((u16::try_from(prompt.width() + 3).unwrap_or(0), 28));
    insta::assert_snapshot!("department_completions", screen(&terminal));
}

#[test]
fn help_overlay_lists_the_keymap() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('?'));
    let terminal = harness.draw(120, 50);
    let text = screen(&terminal);
    for expected in [
        "q/C-c",
        "Quit",
        "Fuzzy search in task text",
        "Filter by department",
        "S-Tab",
        "Mark the task reviewed",
        "Next completion",
    ] {
        assert!(
            text.contains(expected),
            "{expected} missing from help:\n{text}"
        );
    }
    insta::assert_snapshot!("help_overlay", screen(&terminal));
}

#[test]
fn help_scrolls_to_its_last_key_on_a_small_screen() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('?'));
    let first = screen(&harness.draw(80, 24));
    assert!(first.contains("Show or hide this help"), "{first}");
    assert!(!first.contains("Next completion"), "{first}");
    assert!(first.contains(" 1–16/61 "), "{first}");
    harness.key(KeyCode::Char('G'));
    let last = screen(&harness.draw(80, 24));
    assert!(last.contains("Next completion"), "{last}");
    assert!(last.contains(" 46–61/61 "), "{last}");
    harness.key(KeyCode::Char('k'));
    let up = screen(&harness.draw(80, 24));
    assert!(up.contains(" 45–60/61 "), "{up}");
}

#[test]
fn chinese_labels() {
    let mut harness = Harness::with_lang(Lang::Zh);
    let terminal = harness.draw(120, 30);
    let text = screen(&terminal);
    for label in ["城市", "章节", "任务", "牵头单位", "详情"] {
        assert!(text.contains(label), "{label} missing");
    }
    insta::assert_snapshot!("chinese_labels", screen(&terminal));
}

#[test]
fn long_chinese_lines_are_cut_at_a_character_with_an_ellipsis() {
    let mut harness = Harness::samples();
    let terminal = harness.draw(80, 24);
    let buffer = terminal.backend().buffer();
    let task_rows: Vec<String> = rows(buffer)
        .into_iter()
        .filter(|row| row.contains("完善人力资源服务体系"))
        .collect();
    assert_eq!(
        task_rows.len(),
        2,
        "the task row and the detail: {task_rows:?}"
    );
    let row = &task_rows[0];
    assert_eq!(row.width(), 80);
    assert!(row.contains('…'), "{row}");
    let before_ellipsis = row.split('…').next().unwrap_or_default();
    assert!(
        before_ellipsis.ends_with(|c: char| c.width() == Some(2)),
        "{row}"
    );
}

#[test]
fn lists_draw_only_their_visible_rows() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('G'));
    let terminal = harness.draw(120, 30);
    let text = screen(&terminal);
    assert!(
        text.contains("对照富水和鄂东南"),
        "the last task is scrolled into view"
    );
    assert!(
        !text.contains("完善人力资源服务体系"),
        "the first task scrolled out"
    );
}

#[test]
fn no_color_draws_without_colours() {
    let mut harness = Harness::samples();
    let terminal = harness.draw(100, 30);
    let buffer = terminal.backend().buffer();
    assert!(
        buffer
            .content()
            .iter()
            .all(|cell| cell.fg == Color::Reset && cell.bg == Color::Reset)
    );
}

#[test]
fn every_size_from_tiny_to_large_draws_without_panicking() {
    let mut harness = Harness::samples();
    for (width, height) in [(1, 1), (10, 5), (40, 12), (80, 24), (100, 30), (200, 60)] {
        let terminal = harness.draw(width, height);
        assert_eq!(terminal.backend().buffer().area.width, width);
    }
    harness.key(KeyCode::Char('?'));
    for (width, height) in [(1, 1), (20, 6), (80, 24)] {
        harness.draw(width, height);
    }
}

#[test]
fn control_characters_in_task_text_are_drawn_as_pictures_and_keep_the_columns() {
    let mut text = String::from("一、总体要求\n");
    text.push_str("1.推进\u{1b}[2J\u{1b}]0;title\u{7}项目建设。(牵头单位:市发改委)\n");
    text.push_str("2.推进\t制表项目建设。(牵头单位:市发改委)\n");
    for number in 3..=12 {
        text.push_str(&format!("{number}.推进项目建设。(牵头单位:市发改委)\n"));
    }
    let mut harness = Harness::with_texts(&[("esc.txt".to_string(), text)]);
    let terminal = harness.draw(140, 30);
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    for y in 0..area.height {
        for x in 0..area.width {
            let symbol = buffer[(x, y)].symbol();
            assert!(!symbol.contains(char::is_control), "({x}, {y}): {symbol:?}");
        }
    }
    let rows = rows(buffer);
    let task_rows: Vec<&String> = rows
        .iter()
        .filter(|row| row.contains("项目建设。") && row.contains("市发改委"))
        .collect();
    assert_eq!(task_rows.len(), 12, "{rows:#?}");
    assert!(
        task_rows[0].contains("推进␛[2J␛]0;title␇项目建设"),
        "{}",
        task_rows[0]
    );
    assert!(
        task_rows[1].contains("推进 制表项目建设"),
        "{}",
        task_rows[1]
    );
    // The lead column ends at the same cell on every row.
    let lead_end = |row: &str| {
        let at = row.find("市发改委").expect("lead shown");
        UnicodeWidthStr::width(&row[..at]) + UnicodeWidthStr::width("市发改委")
    };
    let ends: Vec<usize> = task_rows.iter().map(|row| lead_end(row)).collect();
    assert!(
        ends.windows(2).all(|pair| pair[0] == pair[1]),
        "{ends:?}\n{task_rows:#?}"
    );
}
