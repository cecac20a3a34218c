//! Writing output whole or not at all: to stdout, or to a temp file beside the
//! target that is renamed over it when complete.

use std::io::Write;
use std::path::Path;

use anyhow::Context;

use crate::atomic_write::write_atomically;

/// Writes what `write` produces to `path` (or stdout when `None`). A file is
/// written to a temp file in the same folder first and renamed over `path`
/// only when complete, so a reader never sees half a file.
pub fn write_output(
    path: Option<&Path>,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let Some(path) = path else {
        let stdout = std::io::stdout();
        let mut lock = std::io::BufWriter::new(stdout.lock());
        return write(&mut lock)
            .and_then(|()| lock.flush())
            .or_else(ignore_broken_pipe)
            .context("cannot write to stdout");
    };
    write_atomically(path, write).with_context(|| format!("cannot write {}", path.display()))
}

/// A reader that stops early (`zeren export | head`) is not an error.
fn ignore_broken_pipe(error: std::io::Error) -> std::io::Result<()> {
    if error.kind() == std::io::ErrorKind::BrokenPipe {
        Ok(())
    } else {
        Err(error)
    }
}
