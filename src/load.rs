//! Loading documents into a store: the built-in samples, or the files under
//! the user's paths, read, decoded and parsed in parallel.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::departments::{DepartmentTable, Departments};
use crate::input::{self, Decoded, FileKind};
use crate::parse::parse_document;
use crate::samples::samples;
use crate::store::{LoadedDocument, Store, StoreBuilder, content_hash};

/// The outcome of reading one file: a parsed document or why it failed.
type FileOutcome = Result<(LoadedDocument, Vec<String>), String>;

/// Loads the documents under `paths`, or the built-in samples when `paths` is
/// empty. Files that cannot be read become warnings in the store.
pub fn load(paths: &[PathBuf], table: &DepartmentTable) -> Store {
    let mut builder = StoreBuilder::new(Departments::new(table));
    let outcomes: Vec<(String, FileOutcome)> = if paths.is_empty() {
        samples()
            .par_iter()
            .map(|sample| {
                let source = sample.source();
                let outcome = input::decode_bytes(FileKind::Text, sample.bytes)
                    .map_err(|error| error.to_string())
                    .map(|decoded| parse(&source, decoded));
                (source, outcome)
            })
            .collect()
    } else {
        let discovery = input::discover(paths);
        for problem in discovery.problems {
            builder.add_warning(problem.source, problem.message);
        }
        discovery
            .files
            .par_iter()
            .map(|entry| {
                let outcome = input::read_entry(entry)
                    .map_err(|error| error.to_string())
                    .map(|decoded| parse(&entry.source, decoded));
                (entry.source.clone(), outcome)
            })
            .collect()
    };
    for (source, outcome) in outcomes {
        match outcome {
            Ok((document, notes)) => {
                for note in notes {
                    builder.add_warning(source.clone(), note);
                }
                builder.add_document(document);
            }
            Err(message) => builder.add_warning(source, message),
        }
    }
    builder.finish()
}

fn parse(source: &str, decoded: Decoded) -> (LoadedDocument, Vec<String>) {
    let document = LoadedDocument {
        source: source.to_string(),
        content_hash: content_hash(&decoded.text),
        parsed: parse_document(&decoded.text),
    };
    (document, decoded.notes)
}
