//! The command line's output behaves like a Unix tool's: a reader that
//! stops early ends it quietly, a full disk is a clear error, `--output` to
//! a device or a FIFO streams to it (never renaming anything over it, also as
//! root), a failed write names its target, control characters in names and
//! text are escaped, and CSV cells never run as formulas.

mod support;

use std::fs;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use support::{wait_bounded, zeren_in};

/// 128 + SIGPIPE: what a shell reports for `yes | head -1`.
const CLOSED_OUTPUT: i32 = 141;

/// The plain `zeren` binary with an isolated home, for spawning by hand.
fn zeren_process(home: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_zeren"));
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("LANG")
        .stdin(Stdio::null());
    command
}

/// Runs `zeren ARGS` with a stdout whose reader is gone before anything is
/// written; the exit status and stderr.
fn with_closed_stdout(args: &[&str]) -> (Option<std::process::ExitStatus>, String) {
    let home = tempfile::tempdir().unwrap();
    let mut child = zeren_process(home.path())
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let status = wait_bounded(&mut child, 60);
    (status, reader.join().unwrap_or_default())
}

#[test]
fn a_closed_stdout_ends_quietly_with_the_sigpipe_status() {
    for args in [
        &["stats"][..],
        &["check"],
        &["export"],
        &["export", "--format", "csv"],
    ] {
        let (status, stderr) = with_closed_stdout(args);
        let status = status.expect("zeren ends");
        assert_eq!(status.code(), Some(CLOSED_OUTPUT), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert!(!stderr.contains("error"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_reader_taking_one_line_ends_the_export_quietly() {
    let home = tempfile::tempdir().unwrap();
    let mut child = zeren_process(home.path())
        .arg("export")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    assert_eq!(first, "{\n");
    drop(stdout);
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = wait_bounded(&mut child, 60).expect("zeren ends");
    assert_eq!(status.code(), Some(CLOSED_OUTPUT), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    for command in ["stats", "check", "export"] {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = zeren_process(home.path())
            .arg(command)
            .stdout(full)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{command}: {stderr}");
        assert!(
            stderr.ends_with("error: cannot write to stdout: no space left on device\n"),
            "{command}: {stderr}"
        );
    }
    let output = zeren_in(home.path())
        .args(["export", "--output", "/dev/full"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "error: cannot write /dev/full: no space left on device\n"
    );
    assert!(is_char_device(Path::new("/dev/full")));
}

#[cfg(unix)]
fn is_char_device(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    fs::symlink_metadata(path).is_ok_and(|metadata| metadata.file_type().is_char_device())
}

/// A character device that discards what is written to it, made in `dir`
/// (a copy of /dev/null, which needs root); /dev/null itself otherwise, where
/// only root could rename anything.
#[cfg(unix)]
fn null_device(dir: &Path) -> PathBuf {
    let path = dir.join("null");
    let made = Command::new("mknod")
        .arg(&path)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if made {
        path
    } else {
        eprintln!("NOTE: mknod needs root: streaming to /dev/null itself");
        PathBuf::from("/dev/null")
    }
}

#[cfg(unix)]
#[test]
fn output_to_a_device_streams_to_it_and_leaves_it_a_device() {
    let dir = tempfile::tempdir().unwrap();
    let device = null_device(dir.path());
    for format in ["json", "csv", "xlsx"] {
        let output = zeren_in(dir.path())
            .args(["export", "--format", format, "--output"])
            .arg(&device)
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(is_char_device(&device), "{format}: {}", device.display());
    }
    let leftovers: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.file_name())
        .filter(|name| name.to_string_lossy().starts_with(".zeren-"))
        .collect();
    assert_eq!(leftovers, Vec::<std::ffi::OsString>::new());
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_streams_to_its_reader() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("export.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo");
    let (sender, receiver) = mpsc::channel();
    let reading = fifo.clone();
    std::thread::spawn(move || {
        let _ = sender.send(fs::read_to_string(&reading));
    });
    let output = zeren_in(dir.path())
        .arg("export")
        .arg("--output")
        .arg(&fifo)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let read = receiver
        .recv_timeout(Duration::from_secs(60))
        .expect("the reader of the FIFO got the export")
        .unwrap();
    let json: serde_json::Value = serde_json::from_str(&read).unwrap();
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(5));
    use std::os::unix::fs::FileTypeExt;
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
}

#[cfg(target_os = "linux")]
#[test]
fn output_to_dev_stdout_writes_to_stdout_whatever_it_is() {
    let home = tempfile::tempdir().unwrap();
    let piped = zeren_in(home.path())
        .args(["export", "--output", "/dev/stdout"])
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert_eq!(json["documents"].as_array().map(Vec::len), Some(5));
    // Into a file, as `> FILE` and `>> FILE` do.
    let file = home.path().join("out.json");
    let written = fs::File::create(&file).unwrap();
    let status = zeren_process(home.path())
        .args(["export", "--output", "/dev/stdout"])
        .stdout(written)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    let once = fs::read(&file).unwrap();
    assert_eq!(once, piped.stdout);
    let appended = fs::OpenOptions::new().append(true).open(&file).unwrap();
    let status = zeren_process(home.path())
        .args(["export", "--output", "/dev/stdout"])
        .stdout(appended)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(fs::read(&file).unwrap(), [once.clone(), once].concat());
    assert!(
        fs::symlink_metadata("/dev/stdout")
            .unwrap()
            .file_type()
            .is_symlink()
    );
}

#[test]
fn a_failed_write_names_the_target_not_the_temp_file() {
    let home = tempfile::tempdir().unwrap();
    let target = home.path().join("missing").join("out.json");
    let output = zeren_in(home.path())
        .arg("export")
        .arg("--output")
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        format!(
            "error: cannot write {}: no such file or directory\n",
            target.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn control_characters_in_file_names_and_text_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // Recolours the terminal, sets the window title, clears the screen.
    let name = "plan\u{1b}[31m\u{1b}]0;pwned\u{7}\u{1b}[2J.txt";
    let mut text = String::from("一、总体要求\n1.推进项目建设。(责任单位:市\u{1b}[5m发改委)\n");
    for number in 2..=9 {
        text.push_str(&format!(
            "{number}.完成第{number}项年度重点工作任务。(牵头单位:市财政局)\n"
        ));
    }
    fs::write(dir.path().join(name), text).unwrap();
    fs::write(dir.path().join(format!("bad-{name}")), [0u8; 64]).unwrap();
    let output = zeren_in(dir.path())
        .arg("check")
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    for printed in [&stdout, &stderr] {
        assert!(!printed.contains('\u{1b}'), "{printed:?}");
        assert!(!printed.contains('\u{7}'), "{printed:?}");
    }
    let escaped_name = "plan\\u{1b}[31m\\u{1b}]0;pwned\\u{7}\\u{1b}[2J.txt";
    assert!(
        stdout.contains(&format!(
            "{escaped_name}:2: info: lead inferred from the first responsible unit: 市\\u{{1b}}[5m发改委"
        )),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!("/bad-{escaped_name}: binary data, not text")),
        "{stderr}"
    );
    let stats = zeren_in(dir.path())
        .arg("stats")
        .arg(dir.path())
        .output()
        .unwrap();
    let stats = String::from_utf8_lossy(&stats.stdout);
    assert!(!stats.contains('\u{1b}'), "{stats:?}");
    assert!(stats.contains("\\u{1b}[5m发改委"), "{stats}");
}

#[test]
fn csv_cells_that_look_like_formulas_are_written_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formulas.txt");
    fs::write(
        &path,
        "一、总体要求\n\
         1.=HYPERLINK(\"http://example.com\",\"点击\")推进项目建设。(责任单位:市发改委)\n\
         2.@SUM(1,2)推进另一项工作。(责任单位:+市财政局、-市人社局)\n",
    )
    .unwrap();
    let output = zeren_in(dir.path())
        .args(["export", "--format", "csv"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{FEFF}').as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let text_column = 7;
    let responsible_column = 10;
    assert_eq!(
        &rows[0][text_column],
        "'=HYPERLINK(\"http://example.com\",\"点击\")推进项目建设。"
    );
    assert_eq!(&rows[1][text_column], "'@SUM(1,2)推进另一项工作。");
    assert_eq!(&rows[1][responsible_column], "'+市财政局、-市人社局");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "{cell}"
            );
        }
    }
}
