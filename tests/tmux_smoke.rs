//! The dashboard in a real terminal, driven through tmux the way a person
//! would use it. Skipped (with a message) where tmux is not installed.

use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something.
const PATIENCE: Duration = Duration::from_secs(20);

struct Tmux {
    socket: String,
    session: String,
}

impl Tmux {
    fn start(command: &str, home: &std::path::Path) -> Option<Self> {
        let available = Command::new("tmux")
            .arg("-V")
            .output()
            .is_ok_and(|out| out.status.success());
        if !available {
            eprintln!("skipped: tmux is not installed");
            return None;
        }
        let tmux = Self {
            socket: format!("zeren-test-{}", std::process::id()),
            session: "smoke".to_string(),
        };
        let script = format!(
            "HOME='{home}' XDG_DATA_HOME='{home}/data' XDG_CONFIG_HOME='{home}/config' LANG=C.UTF-8 {command}; echo ZEREN-EXITED-$?; sleep 30",
            home = home.display()
        );
        let started = tmux
            .run(&[
                "new-session",
                "-d",
                "-x",
                "160",
                "-y",
                "45",
                "-s",
                &tmux.session,
                &script,
            ])
            .status
            .success();
        assert!(started, "tmux new-session failed");
        Some(tmux)
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    fn keys(&self, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", &self.session, key]);
            sleep(Duration::from_millis(150));
        }
    }

    fn literal(&self, text: &str) {
        self.run(&["send-keys", "-t", &self.session, "-l", text]);
        sleep(Duration::from_millis(150));
    }

    fn screen(&self) -> String {
        String::from_utf8_lossy(
            &self
                .run(&["capture-pane", "-p", "-t", &self.session])
                .stdout,
        )
        .into_owned()
    }

    /// Waits until the screen satisfies `ready`; returns the screen.
    fn wait_for(&self, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if ready(&screen) {
                return screen;
            }
            assert!(
                start.elapsed() < PATIENCE,
                "waited for {what}; screen:\n{screen}"
            );
            sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

#[test]
fn a_new_user_session_in_tmux() {
    let home = tempfile::tempdir().expect("temp home");
    let Some(tmux) = Tmux::start(env!("CARGO_BIN_EXE_zeren"), home.path()) else {
        return;
    };
    let first = tmux.wait_for("the dashboard", |s| {
        s.contains("Places") && s.contains("299 of 299")
    });
    assert!(
        first.contains("济源市") && first.contains("齐齐哈尔市"),
        "{first}"
    );

    tmux.keys(&["/"]);
    tmux.literal("东院区");
    tmux.keys(&["Enter"]);
    let searched = tmux.wait_for("the search result", |s| {
        s.contains("search: 东院区") && !s.contains("searching")
    });
    assert!(searched.contains("人民医院东院区"), "{searched}");

    tmux.keys(&["Escape", "d"]);
    tmux.literal("rsj");
    tmux.keys(&["Enter"]);
    let filtered = tmux.wait_for("the department filter", |s| s.contains("25 of 299"));
    assert!(!filtered.contains("卫生健康委员会"), "{filtered}");

    tmux.keys(&["?"]);
    tmux.wait_for("the help", |s| s.contains("Show or hide this help"));
    tmux.keys(&["Escape", "q"]);
    let after = tmux.wait_for("the exit", |s| s.contains("ZEREN-EXITED-"));
    assert!(after.contains("ZEREN-EXITED-0"), "{after}");
    assert!(
        !after.contains("Places"),
        "the screen is restored:\n{after}"
    );
}
