//! Finding the files under the user's paths: a file is taken as given, a
//! directory is walked (following symbolic links, in sorted order) for
//! .txt, .htm, .html and .docx files, leaving out hidden names.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::{Discovery, FileEntry, FileKind, FileProblem, describe_io};

/// Finds the files to read under `paths`, in order: each path as given,
/// each directory's files sorted by path. A file reached twice (through a
/// link, or by naming it and its directory) is listed once. Paths that
/// cannot be looked at become problems.
pub fn discover(paths: &[PathBuf]) -> Discovery {
    let mut found = Found::default();
    for path in paths {
        found.discover_path(path);
    }
    found.discovery
}

/// What has been found so far.
#[derive(Default)]
struct Found {
    discovery: Discovery,
    /// Canonical paths of the files already listed.
    seen: HashSet<PathBuf>,
}

impl Found {
    /// Adds a path the user named: a file, whatever its extension, or a
    /// directory to walk.
    fn discover_path(&mut self, path: &Path) {
        let source = display_path(path);
        match fs::metadata(path) {
            Err(error) => self.problem(source, describe_io(&error)),
            Ok(metadata) if metadata.is_dir() => self.walk_directory(path, &source),
            Ok(metadata) if metadata.is_file() => {
                let kind = FileKind::from_path(path).unwrap_or(FileKind::Text);
                self.add_file(path, source, metadata.len(), kind);
            }
            Ok(_) => self.problem(source, "not a regular file".to_string()),
        }
    }

    /// Adds the readable files below `root`, skipping hidden names.
    fn walk_directory(&mut self, root: &Path, root_source: &str) {
        let walker = WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
        for item in walker {
            match item {
                Ok(entry) => self.add_walked(root, root_source, &entry),
                Err(error) => self.walk_problem(root, root_source, &error),
            }
        }
    }

    /// Adds a file met in a walk if its extension is one that is read.
    fn add_walked(&mut self, root: &Path, root_source: &str, entry: &walkdir::DirEntry) {
        if !entry.file_type().is_file() {
            return;
        }
        let Some(kind) = FileKind::from_path(entry.path()) else {
            return;
        };
        let size = entry.metadata().map(|metadata| metadata.len()).unwrap_or(0);
        let source = source_below(root, root_source, entry.path());
        self.add_file(entry.path(), source, size, kind);
    }

    /// Notes what went wrong in a walk. Link loops and broken links to
    /// files that would not be read anyway are reported mildly or not at all.
    fn walk_problem(&mut self, root: &Path, root_source: &str, error: &walkdir::Error) {
        let source = error.path().map_or_else(
            || root_source.to_string(),
            |path| source_below(root, root_source, path),
        );
        if error.loop_ancestor().is_some() {
            self.problem(source, "skipped: symbolic link loop".to_string());
            return;
        }
        let io_error = error.io_error();
        if io_error.is_some_and(|io_error| io_error.kind() == io::ErrorKind::NotFound) {
            let would_read = error
                .path()
                .is_some_and(|path| FileKind::from_path(path).is_some());
            if would_read {
                self.problem(source, "broken symbolic link".to_string());
            }
            return;
        }
        let message = io_error.map_or_else(|| error.to_string(), describe_io);
        self.problem(source, message);
    }

    /// Lists a file unless it was listed already.
    fn add_file(&mut self, path: &Path, source: String, size: u64, kind: FileKind) {
        let identity = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        if !self.seen.insert(identity) {
            return;
        }
        self.discovery.files.push(FileEntry {
            path: path.to_path_buf(),
            source,
            size,
            kind,
        });
    }

    fn problem(&mut self, source: String, message: String) {
        self.discovery
            .problems
            .push(FileProblem { source, message });
    }
}

/// Names starting with `.` are hidden.
fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// A path as the user would write it, with `/` between components.
fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    if std::path::MAIN_SEPARATOR == '/' {
        text.into_owned()
    } else {
        text.replace(std::path::MAIN_SEPARATOR, "/")
    }
}

/// The user's directory path joined with the part of `path` below it.
fn source_below(root: &Path, root_source: &str, path: &Path) -> String {
    let Ok(relative) = path.strip_prefix(root) else {
        return display_path(path);
    };
    let mut source = root_source.to_string();
    for component in relative.components() {
        if !source.is_empty() && !source.ends_with('/') {
            source.push('/');
        }
        source.push_str(&component.as_os_str().to_string_lossy());
    }
    source
}

#[cfg(test)]
mod tests {
    use super::*;
    use tempfile::TempDir;

    fn write(root: &Path, relative: &str, content: &str) {
        let path = root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(path, content).unwrap();
    }

    fn sources(discovery: &Discovery) -> Vec<&str> {
        discovery
            .files
            .iter()
            .map(|file| file.source.as_str())
            .collect()
    }

    fn tree() -> TempDir {
        let dir = TempDir::new().unwrap();
        for name in [
            "b.txt",
            "a.HTML",
            "sub/c.docx",
            "sub/z.htm",
            "a2.txt",
            "notes.md",
            "image.png",
        ] {
            write(dir.path(), name, "x");
        }
        write(dir.path(), ".hidden.txt", "x");
        write(dir.path(), ".git/config.txt", "x");
        write(dir.path(), "sub/.cache/d.txt", "x");
        dir
    }

    #[test]
    fn walks_sorted_skipping_hidden_and_other_extensions() {
        let dir = tree();
        let discovery = discover(&[dir.path().to_path_buf()]);
        let prefix = display_path(dir.path());
        let expected: Vec<String> = ["a.HTML", "a2.txt", "b.txt", "sub/c.docx", "sub/z.htm"]
            .iter()
            .map(|name| format!("{prefix}/{name}"))
            .collect();
        assert_eq!(sources(&discovery), expected);
        assert_eq!(discovery.problems, vec![]);
        let kinds: Vec<FileKind> = discovery.files.iter().map(|file| file.kind).collect();
        use FileKind::*;
        assert_eq!(kinds, vec![Html, Text, Text, Docx, Html]);
        assert!(discovery.files.iter().all(|file| file.size == 1));
    }

    #[test]
    fn hidden_names_are_skipped_at_any_depth() {
        let dir = tree();
        let discovery = discover(&[dir.path().to_path_buf()]);
        let prefix = display_path(dir.path());
        let below: Vec<&str> = sources(&discovery)
            .into_iter()
            .filter_map(|source| source.strip_prefix(prefix.as_str()))
            .collect();
        assert_eq!(
            below,
            vec!["/a.HTML", "/a2.txt", "/b.txt", "/sub/c.docx", "/sub/z.htm"]
        );
    }

    #[test]
    fn source_keeps_the_users_spelling() {
        let dir = tree();
        let with_slash = PathBuf::from(format!("{}/", display_path(dir.path())));
        let discovery = discover(&[with_slash]);
        let first = discovery.files.first().map(|file| file.source.clone());
        assert_eq!(first, Some(format!("{}/a.HTML", display_path(dir.path()))));
        assert_eq!(
            source_below(Path::new("."), ".", Path::new("./x/y.txt")),
            "./x/y.txt"
        );
        assert_eq!(
            source_below(Path::new("/"), "/", Path::new("/y.txt")),
            "/y.txt"
        );
    }

    #[test]
    fn explicit_files_are_read_whatever_their_extension() {
        let dir = tree();
        let notes = dir.path().join("notes.md");
        let hidden = dir.path().join(".hidden.txt");
        let discovery = discover(&[notes.clone(), hidden]);
        assert_eq!(discovery.files.len(), 2);
        assert_eq!(discovery.files[0].kind, FileKind::Text);
        assert_eq!(discovery.files[0].source, display_path(&notes));
    }

    #[test]
    fn missing_path_is_a_problem() {
        let dir = TempDir::new().unwrap();
        let missing = dir.path().join("nope");
        let discovery = discover(std::slice::from_ref(&missing));
        assert_eq!(discovery.files, vec![]);
        assert_eq!(
            discovery.problems,
            vec![FileProblem {
                source: display_path(&missing),
                message: "no such file or directory".into()
            }]
        );
    }

    #[test]
    fn a_file_named_twice_is_listed_once() {
        let dir = tree();
        let file = dir.path().join("b.txt");
        let discovery = discover(&[file.clone(), dir.path().to_path_buf(), file]);
        assert_eq!(discovery.files.len(), 5);
        assert_eq!(
            discovery.files[0].source,
            display_path(&dir.path().join("b.txt"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_survived_and_links_followed() {
        use std::os::unix::fs::symlink;
        let dir = TempDir::new().unwrap();
        write(dir.path(), "plans/a.txt", "x");
        write(dir.path(), "elsewhere/b.txt", "x");
        symlink(dir.path().join("plans"), dir.path().join("plans/loop")).unwrap();
        symlink(
            dir.path().join("elsewhere"),
            dir.path().join("plans/linked"),
        )
        .unwrap();
        symlink(
            dir.path().join("missing.txt"),
            dir.path().join("plans/broken.txt"),
        )
        .unwrap();
        symlink(
            dir.path().join("missing.png"),
            dir.path().join("plans/broken.png"),
        )
        .unwrap();
        let root = dir.path().join("plans");
        let discovery = discover(std::slice::from_ref(&root));
        let prefix = display_path(&root);
        assert_eq!(
            sources(&discovery),
            vec![format!("{prefix}/a.txt"), format!("{prefix}/linked/b.txt")]
        );
        assert_eq!(
            discovery.problems,
            vec![
                FileProblem {
                    source: format!("{prefix}/broken.txt"),
                    message: "broken symbolic link".into()
                },
                FileProblem {
                    source: format!("{prefix}/loop"),
                    message: "skipped: symbolic link loop".into()
                },
            ]
        );
    }
}
