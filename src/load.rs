//! Loading documents into a store: the built-in samples, or the files under
//! the user's paths, read, decoded and parsed in parallel.
//!
//! Files are handed to the rayon pool in order, and each parsed document goes
//! into the store as soon as the documents before it are in, so the store is
//! built while the next files are parsed and a parsed document is dropped
//! right after it is added. A progress callback hears of every file done.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

use crate::departments::{DepartmentTable, Departments};
use crate::input::{self, FileKind};
use crate::parse::parse_document;
use crate::samples::samples;
use crate::store::{LoadedDocument, PreparedDocument, Store, StoreBuilder, content_hash};

/// How far a load has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files read and parsed (or given up on) so far.
    pub files_done: usize,
    /// Files found.
    pub files_total: usize,
    /// Bytes of the files done, as found on disk.
    pub bytes_done: u64,
    /// Bytes of all files found.
    pub bytes_total: u64,
}

/// The outcome of reading one file: a parsed document, nothing (a file
/// skipped quietly), or why it failed.
type FileOutcome = Result<Option<(PreparedDocument, Vec<String>)>, String>;

/// Parsed documents waiting for the ones before them, per worker thread.
const QUEUE_PER_THREAD: usize = 8;

/// Loads the documents under `paths`, or the built-in samples when `paths` is
/// empty. Files that cannot be read become warnings in the store.
pub fn load(paths: &[PathBuf], table: &DepartmentTable) -> Store {
    load_with_progress(paths, table, |_| {})
}

/// [`load`], calling `report` after each file (in file order, from the
/// calling thread).
pub fn load_with_progress(
    paths: &[PathBuf],
    table: &DepartmentTable,
    report: impl FnMut(Progress),
) -> Store {
    let mut builder = StoreBuilder::new(Departments::new(table));
    if paths.is_empty() {
        let samples = samples();
        let outcome = |sample: &crate::samples::Sample| {
            let source = sample.source();
            let outcome = input::decode_bytes(FileKind::Text, sample.bytes)
                .map_err(|error| error.to_string())
                .map(|decoded| Some((parse(&source, &decoded.text), decoded.notes)));
            (source, outcome)
        };
        let size = |sample: &crate::samples::Sample| sample.bytes.len() as u64;
        build_in_order(&samples, size, outcome, &mut builder, report);
    } else {
        let discovery = input::discover(paths);
        for problem in discovery.problems {
            builder.add_warning(problem.source, problem.message);
        }
        let outcome = |entry: &input::FileEntry| {
            let outcome = match input::read_entry(entry) {
                Ok(decoded) => Ok(Some((parse(&entry.source, &decoded.text), decoded.notes))),
                Err(error) if error.is_quiet_skip() => Ok(None),
                Err(error) => Err(error.to_string()),
            };
            (entry.source.clone(), outcome)
        };
        let size = |entry: &input::FileEntry| entry.size;
        build_in_order(&discovery.files, size, outcome, &mut builder, report);
    }
    builder.finish()
}

/// Builds a store from texts in memory, `(source, text)` pairs, parsed in
/// parallel like files (for benchmarks and tests).
pub fn load_texts(texts: &[(String, String)], table: &DepartmentTable) -> Store {
    let mut builder = StoreBuilder::new(Departments::new(table));
    let outcome = |(source, text): &(String, String)| {
        (source.clone(), Ok(Some((parse(source, text), Vec::new()))))
    };
    let size = |(_, text): &(String, String)| text.len() as u64;
    build_in_order(texts, size, outcome, &mut builder, |_| {});
    builder.finish()
}

/// Runs `outcome` on every item in the rayon pool, adding the results to
/// `builder` in item order as they come in.
fn build_in_order<T: Sync>(
    items: &[T],
    size: impl Fn(&T) -> u64,
    outcome: impl Fn(&T) -> (String, FileOutcome) + Sync,
    builder: &mut StoreBuilder,
    mut report: impl FnMut(Progress),
) {
    let mut progress = Progress {
        files_total: items.len(),
        bytes_total: items.iter().map(&size).sum(),
        ..Progress::default()
    };
    let bound = rayon::current_num_threads().max(1) * QUEUE_PER_THREAD;
    let (sender, receiver) = sync_channel::<(usize, (String, FileOutcome))>(bound);
    std::thread::scope(|scope| {
        // `par_bridge` hands items out in order as threads come free, so
        // results arrive nearly in order and few wait in `early`.
        scope.spawn(|| {
            items
                .iter()
                .enumerate()
                .par_bridge()
                .for_each_with(sender, |sender, (index, item)| {
                    // A send fails only when the receiver is gone; stop quietly.
                    let _ = sender.send((index, outcome(item)));
                });
        });
        let mut early = HashMap::new();
        let mut next = 0;
        for (index, result) in receiver {
            early.insert(index, result);
            while let Some((source, outcome)) = early.remove(&next) {
                add(builder, source, outcome);
                progress.files_done += 1;
                progress.bytes_done += items.get(next).map_or(0, &size);
                report(progress);
                next += 1;
            }
        }
    });
}

fn add(builder: &mut StoreBuilder, source: String, outcome: FileOutcome) {
    match outcome {
        Ok(None) => {}
        Ok(Some((document, notes))) => {
            for note in notes {
                builder.add_warning(source.clone(), note);
            }
            builder.add_prepared(document);
        }
        Err(message) => builder.add_warning(source, message),
    }
}

/// Parses a document and puts it in store form (on a worker thread).
fn parse(source: &str, text: &str) -> PreparedDocument {
    PreparedDocument::new(LoadedDocument {
        source: source.to_string(),
        content_hash: content_hash(text),
        parsed: parse_document(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn progress_counts_every_sample_in_order() {
        let mut seen = Vec::new();
        let store = load_with_progress(&[], DepartmentTable::builtin(), |progress| {
            seen.push(progress);
        });
        let total = samples().len();
        assert_eq!(seen.len(), total);
        assert_eq!(store.documents().len(), total);
        let last = seen.last().copied().unwrap_or_default();
        assert_eq!(last.files_done, total);
        assert_eq!(last.bytes_done, last.bytes_total);
        assert!(
            seen.windows(2)
                .all(|pair| pair[0].files_done < pair[1].files_done)
        );
    }

    #[test]
    fn texts_load_in_the_order_given() {
        let texts: Vec<(String, String)> = samples()
            .iter()
            .rev()
            .map(|sample| {
                let text = String::from_utf8_lossy(sample.bytes).into_owned();
                (sample.source(), text)
            })
            .collect();
        let store = load_texts(&texts, DepartmentTable::builtin());
        let sources: Vec<&str> = store
            .documents()
            .iter()
            .map(|document| document.source.as_str())
            .collect();
        let expected: Vec<&str> = texts.iter().map(|(source, _)| source.as_str()).collect();
        assert_eq!(sources, expected);
        assert_eq!(
            store.tasks().len(),
            load(&[], DepartmentTable::builtin()).tasks().len()
        );
    }
}
