//! The zeren binary in a real terminal: a tmux server of the test's own,
//! one window per dashboard, keys sent and screens read as a person would.

use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::sleep;
use std::time::{Duration, Instant};

/// How long to wait for the screen to show something.
pub const PATIENCE: Duration = Duration::from_secs(30);

static SERVERS: AtomicUsize = AtomicUsize::new(0);

/// True when tmux can be run; says loudly when it cannot.
pub fn available() -> bool {
    let found = Command::new("tmux")
        .arg("-V")
        .output()
        .is_ok_and(|out| out.status.success());
    if !found {
        eprintln!("SKIPPED: tmux is not installed, this terminal test did not run");
    }
    found
}

/// The sample plan a dashboard test opens.
pub const PLAN: &str = "003_f52a14d2b16fe9b2.txt";

/// The zeren binary under test.
pub fn zeren() -> &'static str {
    env!("CARGO_BIN_EXE_zeren")
}

/// A home with a `plans` folder holding the sample plan.
pub fn home_with_plan() -> tempfile::TempDir {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join("plans")).unwrap();
    std::fs::write(home.path().join("plans").join(PLAN), super::corpus(PLAN)).unwrap();
    home
}

/// True once the dashboard shows its panes and status line.
pub fn ready(screen: &str) -> bool {
    screen.contains("Places") && screen.contains(" reviewed, ")
}

/// A tmux server with windows running shell commands.
pub struct Tmux {
    socket: String,
}

impl Tmux {
    /// A server of this test alone.
    pub fn new() -> Self {
        let number = SERVERS.fetch_add(1, Ordering::SeqCst);
        Self {
            socket: format!("zeren-test-{}-{number}", std::process::id()),
        }
    }

    /// Starts `command` in a new 160×45 window named `name`, with `home` as
    /// its home, data and config folders; when it ends the window shows
    /// `ZEREN-EXITED-<status>`.
    pub fn start(&self, name: &str, command: &str, home: &Path) {
        let script = format!(
            "cd '{home}' && HOME='{home}' XDG_DATA_HOME='{home}/data' XDG_CONFIG_HOME='{home}/config' LANG=C.UTF-8 {command}; echo ZEREN-EXITED-$?; sleep 60",
            home = home.display()
        );
        self.open(name, &script);
    }

    /// Starts `script` as it is in a new 160×45 window named `name`.
    pub fn open(&self, name: &str, script: &str) {
        let started = self
            .run(&[
                "new-session",
                "-d",
                "-x",
                "160",
                "-y",
                "45",
                "-s",
                name,
                script,
            ])
            .status
            .success();
        assert!(started, "tmux new-session failed");
    }

    fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    /// Sends keys (tmux key names) one at a time.
    pub fn keys(&self, name: &str, keys: &[&str]) {
        for key in keys {
            self.run(&["send-keys", "-t", name, key]);
            sleep(Duration::from_millis(150));
        }
    }

    /// Sends `text` as typed, in one go.
    pub fn literal(&self, name: &str, text: &str) {
        self.run(&["send-keys", "-t", name, "-l", text]);
        sleep(Duration::from_millis(150));
    }

    /// Runs a tmux command on this server; its standard output.
    pub fn command(&self, args: &[&str]) -> String {
        String::from_utf8_lossy(&self.run(args).stdout).into_owned()
    }

    /// What window `name` shows.
    pub fn screen(&self, name: &str) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", name]).stdout).into_owned()
    }

    /// A tmux format of window `name` (`#{pane_pid}`, `#{alternate_on}`…).
    pub fn format(&self, name: &str, format: &str) -> String {
        String::from_utf8_lossy(&self.run(&["display", "-p", "-t", name, format]).stdout)
            .trim()
            .to_string()
    }

    /// Waits until window `name` satisfies `ready`; returns the screen.
    pub fn wait_for(&self, name: &str, what: &str, ready: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen(name);
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

    /// The process id of the zeren started in window `name`.
    pub fn zeren_pid(&self, name: &str) -> u32 {
        let shell = self.format(name, "#{pane_pid}");
        let start = Instant::now();
        loop {
            let out = Command::new("pgrep")
                .args(["-P", &shell, "zeren"])
                .output()
                .expect("pgrep runs");
            let text = String::from_utf8_lossy(&out.stdout);
            if let Some(pid) = text
                .split_whitespace()
                .next()
                .and_then(|pid| pid.parse().ok())
            {
                return pid;
            }
            assert!(start.elapsed() < PATIENCE, "no zeren process in {name}");
            sleep(Duration::from_millis(50));
        }
    }

    /// The terminal settings of window `name` (`stty -a`).
    pub fn stty(&self, name: &str) -> String {
        let tty = self.format(name, "#{pane_tty}");
        let out = Command::new("stty")
            .args(["-a", "-F", &tty])
            .output()
            .expect("stty runs");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}
