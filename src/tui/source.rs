//! A task's source opened at its line in the user's editor (`$VISUAL`, else
//! `$EDITOR`, else `vi`), and text put on the terminal's clipboard (OSC 52,
//! crossterm's `CopyToClipboard`).
//!
//! A plain-text document opens as it is. A document of another format
//! (Word, PDF, a web page, a sheet) opens as the text zeren read from it,
//! written to a temporary folder of this dashboard, so that the line number
//! points where the task is; so does a built-in sample, which is no file on
//! disk.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use ratatui::crossterm::clipboard::CopyToClipboard;
use ratatui::crossterm::execute;

use crate::input::{FileKind, decode_bytes};
use crate::samples::samples;

/// What to open: a document by its source, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRequest {
    /// The document's path as the user gave it (or `assets/corpus/NAME`).
    pub source: String,
    /// The task's 1-based line in the text zeren read.
    pub line: u32,
    /// True for the built-in samples.
    pub builtin: bool,
}

/// The file to open for `request`, and whether it is a copy of the text
/// read (written into `copies`).
pub fn file_to_open(request: &EditRequest, copies: &Path) -> Result<(PathBuf, bool), String> {
    if request.builtin {
        let sample = samples()
            .into_iter()
            .find(|sample| sample.source() == request.source)
            .ok_or_else(|| format!("{}: not a built-in sample", request.source))?;
        let text = decode_bytes(FileKind::Text, sample.bytes)
            .map_err(|error| error.to_string())?
            .text;
        return write_copy(copies, sample.name, &text).map(|path| (path, true));
    }
    let path = PathBuf::from(&request.source);
    match FileKind::from_path(&path) {
        Some(FileKind::Text) | None => Ok((path, false)),
        Some(kind) => {
            let bytes =
                std::fs::read(&path).map_err(|error| format!("{}: {error}", request.source))?;
            let text = decode_bytes(kind, &bytes)
                .map_err(|error| format!("{}: {error}", request.source))?
                .text;
            let name = path
                .file_name()
                .map_or_else(|| "document".into(), |name| name.to_string_lossy());
            write_copy(copies, &format!("{name}.txt"), &text).map(|path| (path, true))
        }
    }
}

/// Writes `text` as `name` in `folder`.
fn write_copy(folder: &Path, name: &str, text: &str) -> Result<PathBuf, String> {
    let path = folder.join(name);
    std::fs::write(&path, text).map_err(|error| format!("{}: {error}", path.display()))?;
    Ok(path)
}

/// The editor command line the user chose.
fn editor() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.trim().is_empty())
        .unwrap_or_else(|| "vi".to_string())
}

/// Runs the editor on `path` at `line` and waits for it (the terminal must
/// be the editor's meanwhile). The editor variable may hold arguments
/// (`code --wait`): it is run by the shell, as git does.
pub fn run_editor(path: &Path, line: u32) -> Result<(), String> {
    let editor = editor();
    let status = Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$@\""))
        .arg("zeren-editor")
        .arg(format!("+{line}"))
        .arg(path)
        .status()
        .map_err(|error| format!("{editor}: {error}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{editor} ended with {status}"))
    }
}

/// Puts `text` on the terminal's clipboard through `out` (the terminal).
pub fn copy_to_clipboard(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    execute!(out, CopyToClipboard::to_clipboard_from(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clipboard_sequence_carries_the_text_in_base64() {
        let mut out = Vec::new();
        copy_to_clipboard(&mut out, "牵头").expect("written");
        assert_eq!(out, b"\x1b]52;c;54m15aS0\x1b\\");
    }

    #[test]
    fn a_sample_opens_as_a_copy_and_a_text_file_as_itself() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sample = samples()[0];
        let request = EditRequest {
            source: sample.source(),
            line: 3,
            builtin: true,
        };
        let (path, copy) = file_to_open(&request, dir.path()).expect("a copy");
        assert!(copy);
        let written = std::fs::read_to_string(&path).expect("written");
        let read = decode_bytes(FileKind::Text, sample.bytes)
            .expect("decodes")
            .text;
        assert!(written == read, "the copy is the text read, line for line");
        let plain = EditRequest {
            source: "plans/a.txt".to_string(),
            line: 1,
            builtin: false,
        };
        assert_eq!(
            file_to_open(&plain, dir.path()),
            Ok((PathBuf::from("plans/a.txt"), false))
        );
    }
}
