//! Writes a synthetic corpus to a folder, for load tests:
//!
//! ```text
//! cargo run --release --example make_corpus -- DIR N [SEED]
//! ```
//!
//! N documents of about 30 KB each (10,000 ≈ 300 MB), named `00000.txt`…,
//! the same files for the same N and SEED (see `zeren::synthetic`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rayon::prelude::*;
use zeren::synthetic::{DEFAULT_SEED, Generator};

const USAGE: &str = "usage: make_corpus DIR N [SEED]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(dir), Some(count)) = (args.first(), args.get(1)) else {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    };
    let Ok(count) = count.parse::<u64>() else {
        eprintln!("N must be a number\n{USAGE}");
        return ExitCode::from(2);
    };
    let seed = match args.get(2).map(|seed| seed.parse::<u64>()) {
        None => DEFAULT_SEED,
        Some(Ok(seed)) => seed,
        Some(Err(_)) => {
            eprintln!("SEED must be a number\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match write_corpus(Path::new(dir), count, seed) {
        Ok((bytes, tasks)) => {
            eprintln!(
                "wrote {count} documents, {:.1} MB, {tasks} tasks to {dir}",
                bytes as f64 / 1e6
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(1)
        }
    }
}

/// Writes the documents in parallel; returns the bytes and tasks written.
fn write_corpus(dir: &Path, count: u64, seed: u64) -> std::io::Result<(usize, usize)> {
    std::fs::create_dir_all(dir)?;
    let generator = Generator::new(seed);
    (0..count)
        .into_par_iter()
        .map(|index| {
            let document = generator.document(index);
            let path: PathBuf = dir.join(&document.name);
            std::fs::write(&path, &document.text)?;
            Ok((document.text.len(), document.tasks))
        })
        .try_reduce(|| (0, 0), |a, b| Ok((a.0 + b.0, a.1 + b.1)))
}
