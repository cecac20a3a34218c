//! The dashboard in a real terminal, for what only a terminal shows: the
//! config files' bad lines listed while it runs, the source opened in the
//! user's editor with the terminal handed over and taken back, the task put
//! on the clipboard. Skipped (saying so) where tmux is not installed.

mod support;

use std::fs;

use support::tmux::{PLAN, Tmux, available, home_with_plan, ready, zeren};

#[test]
fn bad_config_lines_are_listed_by_w_and_the_good_ones_apply() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let config = home.path().join("config/zeren");
    fs::create_dir_all(&config).unwrap();
    fs::write(
        config.join("keymap.toml"),
        "[normal]\n\"x\" = \"fly\"\n\"F2\" = \"help\"\n",
    )
    .unwrap();
    fs::write(
        config.join("departments.tsv"),
        "联络办\n联络工作办公室\tdepartment\t联络办\n",
    )
    .unwrap();
    let tmux = Tmux::new();
    tmux.start("a", &format!("{} plans", zeren()), home.path());
    let shown = tmux.wait_for("a", "the dashboard", ready);
    assert!(shown.contains("2 warnings [w]"), "{shown}");
    tmux.keys("a", &["w"]);
    let listed = tmux.wait_for("a", "the warnings", |s| s.contains("Warnings 2"));
    assert!(
        listed.contains("keymap.toml: line 2: unknown action \"fly\" for key x; the line"),
        "{listed}"
    );
    assert!(
        listed.contains("departments.tsv: line 1: expected"),
        "{listed}"
    );
    tmux.keys("a", &["Escape", "F2"]);
    tmux.wait_for("a", "the help by the good line", |s| {
        s.contains("Show or hide this help")
    });
    tmux.keys("a", &["Escape", "q"]);
    tmux.wait_for("a", "the exit", |s| s.contains("ZEREN-EXITED-0"));
}

#[test]
fn o_hands_the_terminal_to_the_editor_at_the_tasks_line_and_takes_it_back() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let editor = home.path().join("editor.sh");
    let args = home.path().join("editor-args");
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nstty -a | grep -o -- '-icanon' > '{}.raw'\necho EDITOR-SAYS-HELLO\nsleep 1\n",
            args.display(),
            args.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let tmux = Tmux::new();
    tmux.start(
        "a",
        &format!("EDITOR='{}' {} plans", editor.display(), zeren()),
        home.path(),
    );
    tmux.wait_for("a", "the dashboard", ready);
    tmux.keys("a", &["j", "o"]);
    let editing = tmux.wait_for("a", "the editor", |s| s.contains("EDITOR-SAYS-HELLO"));
    assert!(
        !editing.contains("Cities"),
        "the dashboard let go of the screen: {editing}"
    );
    let back = tmux.wait_for("a", "the dashboard again", ready);
    assert!(!back.contains("EDITOR-SAYS-HELLO"), "{back}");
    let given = fs::read_to_string(&args).unwrap();
    assert_eq!(
        given.trim(),
        format!("+5 plans/{PLAN}"),
        "the second task, line 5"
    );
    let raw = fs::read_to_string(format!("{}.raw", args.display())).unwrap_or_default();
    assert!(
        raw.trim().is_empty(),
        "the editor had a cooked terminal: {raw}"
    );
    // Keys reach the dashboard again.
    tmux.keys("a", &["2"]);
    tmux.wait_for("a", "a key after the editor", |s| s.contains("2 Sections"));
    tmux.keys("a", &["q"]);
    tmux.wait_for("a", "the exit", |s| s.contains("ZEREN-EXITED-0"));
}

#[test]
fn y_puts_the_task_on_the_clipboard() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let tmux = Tmux::new();
    tmux.command(&["start-server"]);
    tmux.start("a", &format!("{} plans", zeren()), home.path());
    tmux.command(&["set-option", "-g", "set-clipboard", "on"]);
    tmux.wait_for("a", "the dashboard", ready);
    tmux.keys("a", &["y"]);
    tmux.wait_for("a", "the message", |s| {
        s.contains("task copied to the clipboard")
    });
    let copied = tmux.command(&["show-buffer"]);
    assert!(copied.starts_with("1. 生产总值增长8%。\n"), "{copied}");
    assert!(copied.contains("\nLead: 发展改革和统计局"), "{copied}");
    assert!(
        copied.contains(&format!("\nSource: plans/{PLAN}:")),
        "{copied}"
    );
    tmux.keys("a", &["q"]);
    tmux.wait_for("a", "the exit", |s| s.contains("ZEREN-EXITED-0"));
}
