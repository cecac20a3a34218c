//! How the command line prints, like a Unix tool: reports go to stdout, and a
//! reader that stops early (`zeren stats | head -1`) ends the command quietly
//! with the status of a process killed by SIGPIPE; a full disk is an error
//! naming what could not be written; warnings and errors go to stderr, never
//! failing the command; names and text are printed with control characters
//! escaped. `--output` goes through [`crate::export::write_to_path`]: whole or
//! not at all to a regular file, as a stream to a device or a FIFO.

use std::fmt::Display;
use std::io::{self, Write};
use std::path::Path;

use crate::export::write_to_path;
use crate::input::describe_io;

pub use crate::escape::escape_controls as escaped;

/// Exit status when stdout is closed before all is written: 128 + SIGPIPE,
/// what a shell reports for `yes | head -1`.
pub const EXIT_CLOSED_OUTPUT: u8 = 128 + 13;

/// Stdout (or a stream given as `--output`) was closed by its reader.
#[derive(Debug, thiserror::Error)]
#[error("output closed by its reader")]
pub struct ClosedOutput;

/// Writes `text` to stdout.
pub fn print(text: &str) -> anyhow::Result<()> {
    write_output(None, |out| out.write_all(text.as_bytes()))
}

/// Writes what `write` produces to `path` (see [`write_to_path`]), or to
/// stdout when `None`. A closed reader gives [`ClosedOutput`].
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> anyhow::Result<()> {
    let Some(path) = path else {
        let stdout = io::stdout();
        let mut out = io::BufWriter::new(stdout.lock());
        return match write(&mut out).and_then(|()| out.flush()) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Err(ClosedOutput.into()),
            Err(error) => Err(anyhow::anyhow!(
                "cannot write to stdout: {}",
                describe_io(&error)
            )),
        };
    };
    write_to_path(path, write).map_err(|error| {
        if error.error.kind() == io::ErrorKind::BrokenPipe {
            ClosedOutput.into()
        } else {
            anyhow::Error::from(error)
        }
    })
}

/// Prints `warning: MESSAGE` on stderr.
pub fn warn(message: impl Display) {
    to_stderr("warning", message);
}

/// Prints `note: MESSAGE` on stderr.
pub fn note(message: impl Display) {
    to_stderr("note", message);
}

/// Prints `error: MESSAGE` on stderr.
pub fn error(message: impl Display) {
    to_stderr("error", message);
}

/// One line on stderr, its control characters escaped. A stderr that
/// cannot be written to is left alone: there is nowhere else to say so.
fn to_stderr(label: &str, message: impl Display) {
    let line = format!("{label}: {}\n", escaped(&message.to_string()));
    let _ = io::stderr().lock().write_all(line.as_bytes());
}
