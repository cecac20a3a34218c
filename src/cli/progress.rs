//! A progress bar on stderr while a long load runs: shown only when stderr
//! is a terminal and the load is still going after a moment, so piped and
//! quick runs print nothing extra.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::departments::DepartmentTable;
use crate::load::{Progress, load, load_with_progress};
use crate::store::Store;

/// How long a load runs before the bar appears.
const SHOW_AFTER: Duration = Duration::from_millis(300);

/// The bar's layout.
const TEMPLATE: &str = "loading {wide_bar} {bytes}/{total_bytes} {bytes_per_sec} {msg} eta {eta}";

/// Loads `paths` like [`load`], with a progress bar on stderr when the load
/// is long and stderr is a terminal.
pub fn load_showing_progress(paths: &[PathBuf], table: &DepartmentTable) -> Store {
    if !std::io::stderr().is_terminal() {
        return load(paths, table);
    }
    let started = Instant::now();
    let mut bar: Option<ProgressBar> = None;
    let store = load_with_progress(paths, table, |progress| {
        if bar.is_none()
            && progress.files_done < progress.files_total
            && started.elapsed() >= SHOW_AFTER
        {
            bar = Some(new_bar(progress));
        }
        if let Some(bar) = &bar {
            bar.set_position(progress.bytes_done);
            bar.set_message(format!(
                "{}/{} files",
                progress.files_done, progress.files_total
            ));
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    store
}

fn new_bar(progress: Progress) -> ProgressBar {
    // Hidden until the rate counts from here rather than from the start.
    let bar =
        ProgressBar::with_draw_target(Some(progress.bytes_total), ProgressDrawTarget::hidden());
    if let Ok(style) = ProgressStyle::with_template(TEMPLATE) {
        bar.set_style(style);
    }
    bar.set_position(progress.bytes_done);
    bar.reset_eta();
    bar.set_draw_target(ProgressDrawTarget::stderr());
    bar
}
