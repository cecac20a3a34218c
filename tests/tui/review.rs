//! Reviewing in the dashboard: marks and notes kept in the review file, the
//! review filter, the Problems view and the export key.

use crate::common::{Harness, screen};
use ratatui::crossterm::event::KeyCode;
use zeren::review::Status;
use zeren::tui::app::Mode;

fn status_of(harness: &Harness, position: usize) -> Option<Status> {
    let task = harness.app.view.tasks[position];
    harness
        .app
        .review
        .as_ref()
        .and_then(|review| review.status(task))
}

#[test]
fn marks_and_notes_survive_quitting_and_reopening() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("review.json");
    let mut harness = Harness::with_review(&file);
    harness.key(KeyCode::Char(' '));
    harness.key(KeyCode::Char('j'));
    harness.key(KeyCode::Char(' '));
    harness.key(KeyCode::Char(' '));
    harness.key(KeyCode::Char('!'));
    harness.key(KeyCode::Char('k'));
    harness.key(KeyCode::Char('n'));
    assert!(matches!(harness.app.mode, Mode::Note { .. }));
    harness.type_text("牵头单位应为市住建局");
    harness.key(KeyCode::Enter);
    let text = screen(&harness.draw(160, 45));
    assert!(text.contains("3/299 reviewed, 1 flagged"), "{text}");
    assert!(
        text.contains("牵头单位应为市住建局"),
        "the note shows in the detail"
    );
    harness.key(KeyCode::Char('q'));

    let reopened = Harness::with_review(&file);
    assert_eq!(status_of(&reopened, 0), Some(Status::Reviewed));
    assert_eq!(status_of(&reopened, 1), None);
    assert_eq!(status_of(&reopened, 2), Some(Status::Reviewed));
    assert_eq!(status_of(&reopened, 3), Some(Status::Reviewed));
    assert_eq!(status_of(&reopened, 4), Some(Status::Flagged));
    let task = reopened.app.view.tasks[4];
    let note = reopened
        .app
        .review
        .as_ref()
        .and_then(|review| review.note(task));
    assert_eq!(note, Some("牵头单位应为市住建局"));
}

#[test]
fn space_twice_unmarks_and_escape_cancels_a_note() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = Harness::with_review(&dir.path().join("review.json"));
    harness.key(KeyCode::Char(' '));
    assert_eq!(status_of(&harness, 0), Some(Status::Reviewed));
    assert_eq!(harness.app.selected_task(), Some(harness.app.view.tasks[1]));
    harness.key(KeyCode::Char('k'));
    harness.key(KeyCode::Char(' '));
    assert_eq!(status_of(&harness, 0), None);
    harness.key(KeyCode::Char('n'));
    harness.type_text("不保存");
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.mode, Mode::Normal);
    assert_eq!(status_of(&harness, 0), None);
}

#[test]
fn the_review_filter_shows_unreviewed_then_flagged_tasks() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = Harness::with_review(&dir.path().join("review.json"));
    harness.key(KeyCode::Char(' '));
    harness.key(KeyCode::Char('!'));
    harness.key(KeyCode::Char('f'));
    assert_eq!(
        harness.app.view.tasks.len(),
        298,
        "unreviewed (a flagged task is not reviewed)"
    );
    harness.key(KeyCode::Char('f'));
    assert_eq!(harness.app.view.tasks.len(), 1, "flagged");
    harness.key(KeyCode::Char('f'));
    assert_eq!(harness.app.view.tasks.len(), 299, "all");
}

#[test]
fn marking_in_the_unreviewed_view_moves_on_to_the_next_task() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = Harness::with_review(&dir.path().join("review.json"));
    harness.key(KeyCode::Char('f'));
    let first = harness.app.view.tasks[0];
    harness.key(KeyCode::Char(' '));
    assert_eq!(harness.app.view.tasks.len(), 298);
    assert_ne!(harness.app.view.tasks[0], first);
}

#[test]
fn without_a_review_file_a_mark_key_explains_why() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char(' '));
    assert!(
        harness
            .app
            .message
            .as_deref()
            .is_some_and(|message| message.contains("--review")),
        "{:?}",
        harness.app.message
    );
}

#[test]
fn the_export_key_writes_the_filtered_view_to_excel() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = Harness::with_review_and_exports(&dir.path().join("review.json"), dir.path());
    harness.key(KeyCode::Char('/'));
    harness.type_text("东院区");
    harness.key(KeyCode::Enter);
    harness.key(KeyCode::Char('e'));
    let message = harness.app.message.clone().unwrap_or_default();
    assert!(message.starts_with("exported to "), "{message}");
    let written: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".xlsx"))
        .collect();
    assert_eq!(written.len(), 1, "{written:?}");
    assert!(written[0].starts_with("zeren-export-"));
}

#[test]
fn a_failed_worker_says_so_on_the_status_line() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('/'));
    harness.type_text("东院区");
    harness.send(zeren::tui::app::Msg::WorkerFailed(
        "the view worker failed: index out of bounds".to_string(),
    ));
    harness.key(KeyCode::Enter);
    let text = screen(&harness.draw(160, 45));
    assert!(
        text.contains("the view worker failed: index out of bounds"),
        "{text}"
    );
    assert!(!harness.app.waiting);
}

#[test]
fn undo_brings_back_the_last_mark_and_selects_its_task() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut harness = Harness::with_review(&dir.path().join("review.json"));
    harness.key(KeyCode::Char(' '));
    harness.key(KeyCode::Char('!'));
    assert_eq!(status_of(&harness, 1), Some(Status::Flagged));
    harness.key(KeyCode::Char('u'));
    assert_eq!(status_of(&harness, 1), None);
    assert_eq!(harness.app.selected_task(), Some(harness.app.view.tasks[1]));
    harness.key(KeyCode::Char('u'));
    assert_eq!(status_of(&harness, 0), None);
    let text = screen(&harness.draw(160, 45));
    assert!(text.contains("0/299 reviewed, 0 flagged"), "{text}");
    harness.key(KeyCode::Char('u'));
    assert_eq!(harness.app.message.as_deref(), Some("nothing to undo"));
}
