//! Where each document's marks live: `.zeren-review.json` in the folder given
//! on the command line that holds the document (a file given directly: its
//! parent folder), `$XDG_DATA_HOME/zeren/samples-review.json` for the
//! built-in samples, or the one file of `--review FILE`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::atomic_write::folder_of;
use crate::paths::data_dir;
use crate::samples::SAMPLE_FOLDER;
use crate::store::{DocId, Store};

/// The review file's name beside the documents.
pub const REVIEW_FILE_NAME: &str = ".zeren-review.json";

/// The review file's name for the built-in samples, in the data folder.
pub const SAMPLES_REVIEW_FILE_NAME: &str = "samples-review.json";

/// One review file and what it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BookPlace {
    pub path: PathBuf,
    /// True when a whole folder's documents are loaded into it, so a mark of
    /// a document not loaded belongs to a document that is gone (and is
    /// listed as orphaned); false when only single files were given.
    pub whole_folder: bool,
}

/// A loaded document's review file and its name in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocPlace {
    /// Index into [`Places::books`].
    pub book: usize,
    /// The document's path below its folder, `/`-separated.
    pub name: Arc<str>,
}

/// The review files of a load and the place of each document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub books: Vec<BookPlace>,
    /// Per [`DocId`]; `None` for a document outside every PATH.
    pub documents: Vec<Option<DocPlace>>,
}

impl Places {
    /// The places for `store` loaded from `paths` (none: the built-in
    /// samples), every document's marks in `explicit` when given.
    pub fn new(store: &Store, paths: &[PathBuf], explicit: Option<&Path>) -> Self {
        let mut places = Places::default();
        let roots: Vec<Root> = if paths.is_empty() {
            data_dir()
                .map(|dir| dir.join(SAMPLES_REVIEW_FILE_NAME))
                .or_else(|| explicit.map(Path::to_path_buf))
                .map(|path| Root {
                    source: SAMPLE_FOLDER.to_string(),
                    is_folder: true,
                    book: path,
                })
                .into_iter()
                .collect()
        } else {
            paths.iter().map(|path| Root::of(path)).collect()
        };
        let mut root_books = Vec::with_capacity(roots.len());
        for root in &roots {
            let path = explicit.map_or_else(|| root.book.clone(), Path::to_path_buf);
            let index = match places
                .books
                .iter()
                .position(|book| same_file(&book.path, &path))
            {
                Some(index) => index,
                None => {
                    places.books.push(BookPlace {
                        path,
                        whole_folder: false,
                    });
                    places.books.len() - 1
                }
            };
            places.books[index].whole_folder |= root.is_folder;
            root_books.push(index);
        }
        places.documents = store
            .documents()
            .iter()
            .map(|document| {
                roots.iter().zip(&root_books).find_map(|(root, &book)| {
                    root.name_of(&document.source).map(|name| DocPlace {
                        book,
                        name: name.into(),
                    })
                })
            })
            .collect();
        places
    }

    /// The place of a document.
    pub fn document(&self, document: DocId) -> Option<&DocPlace> {
        self.documents.get(document as usize)?.as_ref()
    }

    /// The loaded documents kept in book `book`, with their names.
    pub fn documents_of(&self, book: usize) -> Vec<(DocId, Arc<str>)> {
        self.documents
            .iter()
            .enumerate()
            .filter_map(|(index, place)| {
                let place = place.as_ref().filter(|place| place.book == book)?;
                Some((DocId::try_from(index).ok()?, Arc::clone(&place.name)))
            })
            .collect()
    }
}

/// A PATH of the command line.
struct Root {
    /// The PATH as the documents' `source` spells it.
    source: String,
    is_folder: bool,
    /// Its default review file.
    book: PathBuf,
}

impl Root {
    fn of(path: &Path) -> Self {
        let is_folder = path.is_dir();
        let folder = if is_folder {
            path.to_path_buf()
        } else {
            folder_of(path).to_path_buf()
        };
        Self {
            source: display(path),
            is_folder,
            book: folder.join(REVIEW_FILE_NAME),
        }
    }

    /// The name of the document `source` below this root, if it is one of
    /// its documents.
    fn name_of<'a>(&self, source: &'a str) -> Option<&'a str> {
        if !self.is_folder {
            return (source == self.source).then(|| source.rsplit('/').next().unwrap_or(source));
        }
        let rest = source.strip_prefix(self.source.as_str())?;
        if self.source.ends_with('/') {
            return (!rest.is_empty()).then_some(rest);
        }
        rest.strip_prefix('/').filter(|rest| !rest.is_empty())
    }
}

/// A path as document sources spell it: `/`-separated.
fn display(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// True when two review paths name the same file (spelled alike, or the same
/// file once resolved).
fn same_file(a: &Path, b: &Path) -> bool {
    if a == b {
        return true;
    }
    let resolve = |path: &Path| {
        std::fs::canonicalize(folder_of(path))
            .ok()
            .map(|folder| folder.join(path.file_name().unwrap_or_default()))
    };
    matches!((resolve(a), resolve(b)), (Some(x), Some(y)) if x == y)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_named_below_their_root() {
        let folder = Root {
            source: "plans".into(),
            is_folder: true,
            book: PathBuf::from("plans/.zeren-review.json"),
        };
        assert_eq!(folder.name_of("plans/sub/a.txt"), Some("sub/a.txt"));
        assert_eq!(folder.name_of("plansx/a.txt"), None);
        let slash = Root {
            source: "plans/".into(),
            ..folder
        };
        assert_eq!(slash.name_of("plans/a.txt"), Some("a.txt"));
        let file = Root {
            source: "plans/a.txt".into(),
            is_folder: false,
            book: PathBuf::from("plans/.zeren-review.json"),
        };
        assert_eq!(file.name_of("plans/a.txt"), Some("a.txt"));
        assert_eq!(file.name_of("plans/b.txt"), None);
    }
}
