//! Helpers shared by the integration tests. Each test file is a crate of
//! its own and uses only some of them, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod score;
pub mod tmux;

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

/// The `zeren` binary with `home` as its home, config and data folders, and
/// English labels, so no user file or locale changes what it prints.
pub fn zeren_in(home: &Path) -> Command {
    let mut command = Command::cargo_bin("zeren").expect("the zeren binary");
    command
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("LANG");
    command
}

/// A home of this test process alone, named after `label`.
pub fn process_home(label: &str) -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{label}-home-{}", std::process::id()))
}

/// The text of a sample document in `assets/corpus`.
pub fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// 4 KB of reproducible noise (xorshift from `seed`).
pub fn noise(seed: u64) -> Vec<u8> {
    let mut state = seed;
    (0..4096)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 56) as u8
        })
        .collect()
}

/// The byte offset of the middle byte of the first 3-byte character after
/// the middle of `text`.
pub fn middle_of_a_character(text: &str) -> usize {
    let (start, _) = text
        .char_indices()
        .find(|(index, character)| *index > text.len() / 2 && character.len_utf8() == 3)
        .expect("the sample has Chinese text in its second half");
    start + 1
}

/// Escapes `&`, `<` and `>` for XML.
pub fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The strings of a JSON array (none when `value` is not one).
pub fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// `zeren` as [`zeren_in`] makes it, run through `sh` with its address
/// space limited to `megabytes` (`ulimit -v`), and killed after `seconds`:
/// a run that would take hours or gigabytes fails the test instead of the
/// machine.
#[cfg(unix)]
pub fn zeren_bounded(home: &Path, megabytes: u64, seconds: u64) -> Command {
    let binary = Path::new(env!("CARGO_BIN_EXE_zeren"));
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(format!(
            "ulimit -v {}; exec \"$0\" \"$@\"",
            megabytes * 1024
        ))
        .arg(binary)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env_remove("LANG")
        .timeout(std::time::Duration::from_secs(seconds));
    command
}

/// Waits for `child` at most `seconds`, then kills it; its exit status, or
/// `None` when it had to be killed.
pub fn wait_bounded(
    child: &mut std::process::Child,
    seconds: u64,
) -> Option<std::process::ExitStatus> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(seconds);
    while std::time::Instant::now() < deadline {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}
