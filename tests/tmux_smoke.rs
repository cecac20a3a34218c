//! The dashboard in a real terminal, driven through tmux the way a person
//! would use it. Skipped (with a message) where tmux is not installed.

mod support;

use support::tmux::{Tmux, available};

#[test]
fn a_new_user_session_in_tmux() {
    if !available() {
        return;
    }
    let home = tempfile::tempdir().expect("temp home");
    let tmux = Tmux::new();
    tmux.start("smoke", env!("CARGO_BIN_EXE_zeren"), home.path());
    let first = tmux.wait_for("smoke", "the dashboard", |s| {
        s.contains("Places") && s.contains("299 of 299")
    });
    assert!(
        first.contains("济源市") && first.contains("齐齐哈尔市"),
        "{first}"
    );

    tmux.keys("smoke", &["/"]);
    tmux.literal("smoke", "东院区");
    tmux.keys("smoke", &["Enter"]);
    let searched = tmux.wait_for("smoke", "the search result", |s| {
        s.contains("search: 东院区") && !s.contains("searching")
    });
    assert!(searched.contains("人民医院东院区"), "{searched}");

    tmux.keys("smoke", &["Escape", "d"]);
    tmux.literal("smoke", "rsj");
    tmux.keys("smoke", &["Enter"]);
    let filtered = tmux.wait_for("smoke", "the department filter", |s| {
        s.contains("25 of 299")
    });
    assert!(!filtered.contains("卫生健康委员会"), "{filtered}");

    tmux.keys("smoke", &["?"]);
    tmux.wait_for("smoke", "the help", |s| {
        s.contains("Show or hide this help")
    });
    tmux.keys("smoke", &["Escape", "q"]);
    let after = tmux.wait_for("smoke", "the exit", |s| s.contains("ZEREN-EXITED-"));
    assert!(after.contains("ZEREN-EXITED-0"), "{after}");
    assert!(
        !after.contains("Places"),
        "the screen is restored:\n{after}"
    );
}
