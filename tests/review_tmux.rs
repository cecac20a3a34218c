//! Reviewing in a real terminal, driven through tmux as a person would:
//! quick keys mark what the user sees, two dashboards share a folder, a
//! failed save keeps the note, the orphaned marks are listed, odd review
//! files neither hang nor get replaced, and every signal leaves a usable
//! terminal. Each test says SKIPPED where tmux is not installed.

mod support;

use std::fs;
use std::path::Path;
use std::time::Duration;

use serde_json::Value;
use support::corpus;
use support::tmux::{PLAN, Tmux, available, home_with_plan, ready, zeren};

/// Every mark of a review file: (document, status, note, reviewer).
fn marks_in(path: &Path) -> Vec<(String, String, Option<String>, String)> {
    let json: Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    let mut marks = Vec::new();
    for (document, entries) in json["documents"].as_object().unwrap() {
        for mark in entries.as_object().unwrap().values() {
            marks.push((
                document.clone(),
                mark["status"].as_str().unwrap().to_string(),
                mark["note"].as_str().map(str::to_string),
                mark["reviewer"].as_str().unwrap().to_string(),
            ));
        }
    }
    marks
}

fn quit(tmux: &Tmux, name: &str) -> String {
    tmux.keys(name, &["q"]);
    tmux.wait_for(name, "the exit", |s| s.contains("ZEREN-EXITED-"))
}

#[test]
fn four_quick_spaces_in_the_unreviewed_view_mark_four_tasks() {
    if !available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::new();
    tmux.start("a", &format!("USER=wang {}", zeren()), home.path());
    tmux.wait_for("a", "the dashboard", ready);
    tmux.keys("a", &["f"]);
    tmux.wait_for("a", "the unreviewed view", |s| s.contains(" unreviewed "));
    tmux.literal("a", "    ");
    let marked = tmux.wait_for("a", "four marks", |s| s.contains("4/299 reviewed"));
    assert!(marked.contains("295 of 299 tasks"), "{marked}");
    assert!(quit(&tmux, "a").contains("ZEREN-EXITED-0"));
    let marks = marks_in(&home.path().join("data/zeren/samples-review.json"));
    assert_eq!(marks.len(), 4, "{marks:?}");
    assert!(
        marks
            .iter()
            .all(|(_, status, _, who)| status == "reviewed" && who == "wang")
    );
}

#[test]
fn two_dashboards_on_one_folder_keep_each_others_marks() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let tmux = Tmux::new();
    tmux.start("a", &format!("USER=alice {} plans", zeren()), home.path());
    tmux.start("b", &format!("USER=bob {} plans", zeren()), home.path());
    tmux.wait_for("a", "dashboard a", ready);
    tmux.wait_for("b", "dashboard b", ready);
    tmux.keys("a", &["Space"]);
    tmux.keys("b", &["j", "!"]);
    let file = home.path().join("plans/.zeren-review.json");
    let started = std::time::Instant::now();
    while marks_in_or_none(&file).len() < 2 && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(100));
    }
    let seen = tmux.wait_for("a", "bob's mark in alice's dashboard", |s| {
        s.contains("1/143 reviewed, 1 flagged")
    });
    assert!(seen.contains("1/143 reviewed, 1 flagged"), "{seen}");
    tmux.keys("a", &["j", "j", "Space"]);
    tmux.wait_for("a", "alice's second mark", |s| {
        s.contains("2/143 reviewed, 1 flagged")
    });
    quit(&tmux, "a");
    quit(&tmux, "b");
    let mut marks = marks_in(&file);
    marks.sort();
    let who: Vec<(&str, &str)> = marks
        .iter()
        .map(|(_, status, _, who)| (status.as_str(), who.as_str()))
        .collect();
    assert_eq!(
        who,
        [
            ("flagged", "bob"),
            ("reviewed", "alice"),
            ("reviewed", "alice")
        ]
    );
}

fn marks_in_or_none(path: &Path) -> Vec<(String, String, Option<String>, String)> {
    fs::read(path)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .map(|_| marks_in(path))
        .unwrap_or_default()
}

#[test]
fn a_mark_on_a_task_of_the_second_folder_goes_to_its_file() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    fs::create_dir(home.path().join("other")).unwrap();
    fs::write(
        home.path().join("other/000.txt"),
        corpus("000_5d1acf1f898862e1.txt"),
    )
    .unwrap();
    let tmux = Tmux::new();
    tmux.start("a", &format!("{} other plans", zeren()), home.path());
    tmux.wait_for("a", "the dashboard", ready);
    tmux.keys("a", &["G", "Space"]);
    tmux.wait_for("a", "the mark", |s| {
        s.contains("1/") && s.contains(" reviewed, 0 flagged")
    });
    quit(&tmux, "a");
    assert!(!home.path().join("other/.zeren-review.json").exists());
    let marks = marks_in(&home.path().join("plans/.zeren-review.json"));
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].0, PLAN);
}

#[test]
fn a_failed_save_keeps_the_note_says_why_and_retries() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    fs::create_dir(home.path().join("shared")).unwrap();
    let tmux = Tmux::new();
    tmux.start(
        "a",
        &format!("{} --review shared/review.json plans", zeren()),
        home.path(),
    );
    tmux.wait_for("a", "the dashboard", ready);
    // The review file's folder goes away and a file takes its name.
    fs::remove_dir(home.path().join("shared")).unwrap();
    fs::write(home.path().join("shared"), "").unwrap();
    tmux.keys("a", &["n"]);
    tmux.literal("a", "牵头单位应为市住建局");
    tmux.keys("a", &["Enter"]);
    let failing = tmux.wait_for("a", "the save error", |s| s.contains("not saved yet"));
    assert!(failing.contains("shared/review.json"), "{failing}");
    assert!(failing.contains("its folder is not a folder"), "{failing}");
    assert!(!failing.contains("zeren-tmp"), "{failing}");
    assert!(
        failing.contains("牵头单位应为市住建局"),
        "the note is kept:\n{failing}"
    );
    fs::remove_file(home.path().join("shared")).unwrap();
    fs::create_dir(home.path().join("shared")).unwrap();
    tmux.wait_for("a", "the retry", |s| !s.contains("not saved yet"));
    quit(&tmux, "a");
    let marks = marks_in(&home.path().join("shared/review.json"));
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].2.as_deref(), Some("牵头单位应为市住建局"));
}

#[test]
fn marks_whose_task_is_gone_are_listed_and_kept() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let tmux = Tmux::new();
    tmux.start("a", &format!("{} plans", zeren()), home.path());
    tmux.wait_for("a", "the dashboard", ready);
    tmux.keys("a", &["n"]);
    tmux.literal("a", "再核实");
    // C-f saves the note and flags the task (Enter would leave it unreviewed).
    tmux.keys("a", &["C-f"]);
    tmux.wait_for("a", "the flag", |s| s.contains("0/143 reviewed, 1 flagged"));
    quit(&tmux, "a");
    let path = home.path().join("plans").join(PLAN);
    let text = fs::read_to_string(&path).unwrap();
    let first = text.lines().find(|line| line.starts_with("1.")).unwrap();
    fs::write(
        &path,
        text.replace(first, "1.完全不同的一项任务。(责任单位:财政金融局)"),
    )
    .unwrap();

    tmux.start("b", &format!("{} plans", zeren()), home.path());
    let shown = tmux.wait_for("b", "the orphan count", |s| {
        s.contains("1 orphaned mark [O]")
    });
    assert!(shown.contains("0/143 reviewed, 0 flagged"), "{shown}");
    tmux.keys("b", &["O"]);
    let listed = tmux.wait_for("b", "the orphans view", |s| s.contains("Orphaned marks 1"));
    assert!(
        listed.contains("再核实") && listed.contains(PLAN),
        "{listed}"
    );
    tmux.keys("b", &["a"]);
    tmux.wait_for("b", "the list emptied", |s| s.contains("Orphaned marks 0"));
    tmux.keys("b", &["Escape"]);
    let attached = tmux.wait_for("b", "the re-attached mark", |s| {
        s.contains("0/143 reviewed, 1 flagged") && !s.contains("orphaned mark")
    });
    assert!(attached.contains("changed since review"), "{attached}");
    quit(&tmux, "b");
    let marks = marks_in(&home.path().join("plans/.zeren-review.json"));
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].2.as_deref(), Some("再核实"));
}

#[test]
fn a_document_given_as_review_file_stops_the_dashboard_untouched() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let plan = home.path().join("plans").join(PLAN);
    let tmux = Tmux::new();
    tmux.start(
        "a",
        &format!("{} --review plans/{PLAN} plans", zeren()),
        home.path(),
    );
    let ended = tmux.wait_for("a", "the error", |s| s.contains("ZEREN-EXITED-"));
    assert!(ended.contains("ZEREN-EXITED-1"), "{ended}");
    assert!(ended.contains("not a zeren review file"), "{ended}");
    assert_eq!(fs::read_to_string(&plan).unwrap(), corpus(PLAN));
    assert_eq!(fs::read_dir(home.path().join("plans")).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_at_the_review_path_neither_hangs_nor_is_replaced() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let fifo = home.path().join("plans/.zeren-review.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let tmux = Tmux::new();
    tmux.start("a", &format!("{} plans", zeren()), home.path());
    let shown = tmux.wait_for("a", "the dashboard", ready);
    assert!(shown.contains("not a regular file (a FIFO)"), "{shown}");
    tmux.keys("a", &["Space"]);
    let refused = tmux.wait_for("a", "the refusal", |s| s.contains("not saved yet"));
    assert!(refused.contains(".zeren-review.json"), "{refused}");
    assert!(quit(&tmux, "a").contains("ZEREN-EXITED-0"));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[test]
fn stale_temporary_files_of_killed_saves_are_removed() {
    if !available() {
        return;
    }
    let home = home_with_plan();
    let stale = home
        .path()
        .join("plans/.zeren-review.json.Ab12Cd.zeren-tmp");
    fs::write(&stale, "half a save").unwrap();
    let tmux = Tmux::new();
    tmux.start("a", &format!("{} plans", zeren()), home.path());
    tmux.wait_for("a", "the dashboard", ready);
    let started = std::time::Instant::now();
    while stale.exists() && started.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(!stale.exists());
    quit(&tmux, "a");
}

/// Sends `signal` to the dashboard and checks the terminal it leaves.
fn signal_restores_the_terminal(signal: &str, number: i32) {
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::new();
    tmux.start("a", zeren(), home.path());
    tmux.wait_for("a", "the dashboard", ready);
    assert_eq!(tmux.format("a", "#{alternate_on}"), "1");
    let pid = tmux.zeren_pid("a");
    let sent = std::process::Command::new("kill")
        .args([format!("-{signal}"), pid.to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let ended = tmux.wait_for("a", "the exit", |s| s.contains("ZEREN-EXITED-"));
    assert!(
        ended.contains(&format!("ZEREN-EXITED-{}", 128 + number)),
        "{signal}: {ended}"
    );
    assert!(
        !ended.contains("Places"),
        "{signal}: the screen is restored:\n{ended}"
    );
    assert_eq!(tmux.format("a", "#{alternate_on}"), "0", "{signal}");
    assert_eq!(tmux.format("a", "#{mouse_any_flag}"), "0", "{signal}");
    let stty = tmux.stty("a");
    assert!(
        stty.contains(" icanon") && !stty.contains("-icanon"),
        "{signal}: {stty}"
    );
    assert!(
        stty.contains(" echo ") && !stty.contains("-echo "),
        "{signal}: {stty}"
    );
}

#[test]
fn sigterm_restores_the_terminal() {
    if available() {
        signal_restores_the_terminal("TERM", 15);
    }
}

#[test]
fn sighup_restores_the_terminal() {
    if available() {
        signal_restores_the_terminal("HUP", 1);
    }
}

#[test]
fn sigint_restores_the_terminal() {
    if available() {
        signal_restores_the_terminal("INT", 2);
    }
}

#[test]
fn sigquit_restores_the_terminal() {
    if available() {
        signal_restores_the_terminal("QUIT", 3);
    }
}

#[test]
fn ctrl_z_suspends_and_fg_redraws_the_dashboard() {
    if !available() {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let tmux = Tmux::new();
    tmux.open(
        "a",
        &format!(
            "cd '{home}' && HOME='{home}' XDG_DATA_HOME='{home}/data' XDG_CONFIG_HOME='{home}/config' LANG=C.UTF-8 PS1='prompt$ ' bash --norc --noprofile -i",
            home = home.path().display()
        ),
    );
    tmux.wait_for("a", "the shell", |s| s.contains("prompt$"));
    tmux.literal("a", zeren());
    tmux.keys("a", &["Enter"]);
    tmux.wait_for("a", "the dashboard", ready);
    tmux.keys("a", &["C-z"]);
    let stopped = tmux.wait_for("a", "the stop", |s| s.contains("Stopped"));
    assert!(!stopped.contains("Places"), "{stopped}");
    // The shell has its own screen and keys back (its line editor sets the
    // terminal modes while it waits, so those are not the dashboard's).
    assert_eq!(tmux.format("a", "#{alternate_on}"), "0");
    assert_eq!(tmux.format("a", "#{mouse_any_flag}"), "0");
    tmux.literal("a", "fg");
    tmux.keys("a", &["Enter"]);
    let back = tmux.wait_for("a", "the redraw", ready);
    assert!(
        back.contains("Lead units") && back.contains("Detail"),
        "{back}"
    );
    assert!(!back.contains("Stopped"), "every cell redrawn:\n{back}");
    assert_eq!(tmux.format("a", "#{alternate_on}"), "1");
    tmux.keys("a", &["j", "Space"]);
    tmux.wait_for("a", "a key after fg", |s| s.contains("1/299 reviewed"));
    tmux.keys("a", &["q"]);
    tmux.wait_for("a", "the shell again", |s| {
        s.contains("prompt$") && !s.contains("Places")
    });
}
