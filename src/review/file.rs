//! The review file's format: reading versions 1, 2 and 3, writing version 2,
//! or version 3 when a mark holds a note only (status `unreviewed`, which a
//! zeren reading version 2 does not know: it then leaves the file alone as
//! newer, instead of taking it for a broken file).
//!
//! Version 2 groups marks by document, one mark per line:
//!
//! ```json
//! {
//!   "version": 2,
//!   "documents": {
//!     "003_f52a14d2b16fe9b2.txt": {
//!       "-:9:8a1e2b3c4d5e6f70:0": {"status": "flagged", "note": "牵头单位应为市住建局", "reviewer": "wang", "updated": "2024-05-01T04:30:00.123Z", "number": "9", "text": "开工建设人民医院东院区项目,拟设置2000余张床位,", "fingerprint": "1f0c33a2b4d5e6f7"}
//!     }
//!   }
//! }
//! ```
//!
//! Version 1 (one map of keys that began with the document's content hash)
//! is read and written back as version 2.

use std::collections::BTreeMap;
use std::io::Write;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::key::{MarkId, TaskKey};
use super::mark::{Mark, Reviewed, Status};
use crate::clock::Timestamp;

/// The newest format version zeren reads and writes.
pub const VERSION: u32 = 3;

/// The version written when every mark has a status older versions know.
const VERSION_WITHOUT_NOTE_ONLY_MARKS: u32 = 2;

/// Every mark of a review file.
pub type Marks = BTreeMap<MarkId, Mark>;

/// Why the content of a review file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unusable {
    /// Not a file zeren wrote (no review-file header): never touched.
    NotReviewFile,
    /// A file zeren wrote that no longer parses: it may be set aside.
    Corrupt(String),
    /// Written by a newer zeren: read nothing, change nothing.
    NewerVersion(u32),
}

impl std::fmt::Display for Unusable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unusable::NotReviewFile => f.write_str("not a zeren review file"),
            Unusable::Corrupt(reason) => write!(f, "not a valid review file: {reason}"),
            Unusable::NewerVersion(version) => write!(
                f,
                "review file version {version} is newer than this zeren reads (version {VERSION})"
            ),
        }
    }
}

/// True when `bytes` start like a file zeren wrote: `{` then `"version"`.
fn has_review_header(bytes: &[u8]) -> bool {
    let mut rest = bytes.trim_ascii_start();
    let Some(after) = rest.strip_prefix(b"{") else {
        return false;
    };
    rest = after.trim_ascii_start();
    rest.starts_with(b"\"version\"")
}

#[derive(Deserialize)]
struct Header {
    version: u32,
}

#[derive(Deserialize)]
struct FileV2 {
    #[serde(default)]
    documents: BTreeMap<String, BTreeMap<String, MarkOnDisk>>,
}

#[derive(Deserialize)]
struct FileV1 {
    #[serde(default)]
    marks: BTreeMap<String, MarkV1>,
}

#[derive(Deserialize)]
struct MarkV1 {
    status: Status,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    updated: String,
    #[serde(default)]
    task: ContextV1,
}

#[derive(Deserialize, Default)]
struct ContextV1 {
    #[serde(default)]
    file: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    text: String,
}

/// A mark as written.
#[derive(Serialize)]
struct MarkOut<'a> {
    status: Status,
    note: Option<&'a str>,
    reviewer: &'a str,
    updated: String,
    number: Option<&'a str>,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    fingerprint: Option<String>,
    #[serde(skip_serializing_if = "is_false")]
    changed: bool,
}

/// A mark as read.
#[derive(Deserialize)]
struct MarkOnDisk {
    status: Status,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    reviewer: String,
    #[serde(default)]
    updated: String,
    #[serde(default)]
    number: Option<String>,
    #[serde(default)]
    text: String,
    #[serde(default)]
    fingerprint: Option<String>,
    /// The mark was moved by hand to a task whose text differs.
    #[serde(default)]
    changed: bool,
}

fn is_false(value: &bool) -> bool {
    !value
}

/// Reads the marks of a review file's content (a UTF-8 BOM allowed).
pub fn parse(bytes: &[u8]) -> Result<Marks, Unusable> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    if !has_review_header(bytes) {
        return Err(Unusable::NotReviewFile);
    }
    let corrupt = |error: serde_json::Error| Unusable::Corrupt(error.to_string());
    let header: Header = serde_json::from_slice(bytes).map_err(corrupt)?;
    match header.version {
        1 => from_v1(serde_json::from_slice(bytes).map_err(corrupt)?),
        2 | VERSION => from_v2(serde_json::from_slice(bytes).map_err(corrupt)?),
        version if version > VERSION => Err(Unusable::NewerVersion(version)),
        version => Err(Unusable::Corrupt(format!("unknown version {version}"))),
    }
}

fn from_v2(file: FileV2) -> Result<Marks, Unusable> {
    let mut marks = Marks::new();
    let mut reviewers = Interner::default();
    for (document, entries) in file.documents {
        let document: Arc<str> = document.into();
        for (key, mark) in entries {
            let key: TaskKey = key.parse().map_err(Unusable::Corrupt)?;
            let fingerprint = match &mark.fingerprint {
                Some(text) => Some(u64::from_str_radix(text, 16).map_err(|_| {
                    Unusable::Corrupt(format!("bad fingerprint {text:?} of task {key}"))
                })?),
                None => None,
            };
            let id = MarkId {
                document: Arc::clone(&document),
                key,
            };
            marks.insert(
                id,
                Mark {
                    status: mark.status,
                    note: mark.note,
                    reviewer: reviewers.get(&mark.reviewer),
                    updated: parse_time(&mark.updated),
                    task: Reviewed {
                        number: mark.number,
                        text: mark.text,
                        fingerprint,
                        changed: mark.changed,
                    },
                },
            );
        }
    }
    Ok(marks)
}

/// Version 1 keys were `CONTENTHASH:PLAN:NUMBER:TEXT:N`; the document was
/// named only by its file name in the mark's context.
fn from_v1(file: FileV1) -> Result<Marks, Unusable> {
    let mut marks = Marks::new();
    for (key, mark) in file.marks {
        let task_key = key
            .split_once(':')
            .ok_or_else(|| format!("not a task key: {key:?}"))
            .and_then(|(_, rest)| rest.parse::<TaskKey>())
            .map_err(Unusable::Corrupt)?;
        let id = MarkId {
            document: mark.task.file.into(),
            key: task_key,
        };
        marks.insert(
            id,
            Mark {
                status: mark.status,
                note: mark.note,
                reviewer: "".into(),
                updated: parse_time(&mark.updated),
                task: Reviewed {
                    number: mark.task.number,
                    text: mark.task.text,
                    fingerprint: None,
                    changed: false,
                },
            },
        );
    }
    Ok(marks)
}

/// A time written by zeren; the epoch when missing or unreadable, so any
/// newer change wins over it.
fn parse_time(text: &str) -> Timestamp {
    Timestamp::parse_iso(text)
        .or_else(|| Timestamp::from_millis(0))
        .unwrap_or_else(Timestamp::now)
}

/// One shared string per reviewer name.
#[derive(Default)]
struct Interner(BTreeMap<String, Arc<str>>);

impl Interner {
    fn get(&mut self, name: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(name) {
            return Arc::clone(shared);
        }
        let shared: Arc<str> = name.into();
        self.0.insert(name.to_string(), Arc::clone(&shared));
        shared
    }
}

/// Writes `marks` one mark per line, in key order: a version 2 file, or
/// version 3 when a mark holds a note only.
pub fn write(marks: &Marks, out: &mut dyn Write) -> std::io::Result<()> {
    let version = if marks.values().any(|mark| mark.status == Status::Unreviewed) {
        VERSION
    } else {
        VERSION_WITHOUT_NOTE_ONLY_MARKS
    };
    writeln!(out, "{{\n  \"version\": {version},\n  \"documents\": {{")?;
    let mut current: Option<&str> = None;
    let mut first_mark = true;
    for (id, mark) in marks {
        if current != Some(&*id.document) {
            if current.is_some() {
                write!(out, "\n    }},\n")?;
            }
            write!(out, "    ")?;
            serde_json::to_writer(&mut *out, &*id.document)?;
            writeln!(out, ": {{")?;
            current = Some(&id.document);
            first_mark = true;
        }
        if !first_mark {
            writeln!(out, ",")?;
        }
        first_mark = false;
        write!(out, "      ")?;
        serde_json::to_writer(&mut *out, &id.key.to_string())?;
        write!(out, ": ")?;
        let on_disk = MarkOut {
            status: mark.status,
            note: mark.note.as_deref(),
            reviewer: &mark.reviewer,
            updated: mark.updated.iso_millis(),
            number: mark.task.number.as_deref(),
            text: &mark.task.text,
            fingerprint: mark.task.fingerprint.map(|print| format!("{print:016x}")),
            changed: mark.task.changed,
        };
        serde_json::to_writer(&mut *out, &on_disk)?;
    }
    if current.is_some() {
        write!(out, "\n    }}\n")?;
    }
    writeln!(out, "  }}\n}}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(status: Status, note: Option<&str>) -> Mark {
        Mark {
            status,
            note: note.map(str::to_string),
            reviewer: "wang".into(),
            updated: Timestamp::parse_iso("2024-05-01T04:30:00.123Z").unwrap(),
            task: Reviewed {
                number: Some("9".into()),
                text: "开工建设".into(),
                fingerprint: Some(0xabc),
                changed: false,
            },
        }
    }

    fn id(document: &str, key: &str) -> MarkId {
        MarkId {
            document: document.into(),
            key: key.parse().unwrap(),
        }
    }

    #[test]
    fn marks_round_trip_and_the_file_is_json() {
        let mut marks = Marks::new();
        marks.insert(
            id("a.txt", "-:9:00000000000000ff:0"),
            mark(Status::Flagged, Some("再核实")),
        );
        marks.insert(
            id("a.txt", "-:10:00000000000000fe:0"),
            mark(Status::Reviewed, None),
        );
        marks.insert(
            id("sub/b.txt", "1:-:00000000000000fd:2"),
            mark(Status::Reviewed, None),
        );
        let mut bytes = Vec::new();
        write(&marks, &mut bytes).unwrap();
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(json["version"], 2);
        assert_eq!(
            json["documents"]["a.txt"]["-:9:00000000000000ff:0"]["note"],
            "再核实"
        );
        assert_eq!(parse(&bytes), Ok(marks.clone()));
        let mut with_bom = "\u{feff}".as_bytes().to_vec();
        with_bom.extend_from_slice(&bytes);
        assert_eq!(parse(&with_bom), Ok(marks));
        let mut empty = Vec::new();
        write(&Marks::new(), &mut empty).unwrap();
        assert_eq!(parse(&empty), Ok(Marks::new()));
    }

    #[test]
    fn only_files_with_the_header_are_ours() {
        assert_eq!(parse(b"1. plan text"), Err(Unusable::NotReviewFile));
        assert_eq!(parse(b"PK\x03\x04"), Err(Unusable::NotReviewFile));
        assert_eq!(parse(b"{\"marks\": {}}"), Err(Unusable::NotReviewFile));
        assert!(matches!(
            parse(b"{\n  \"version\": 2, \"documents\": {"),
            Err(Unusable::Corrupt(_))
        ));
        assert_eq!(parse(b"{\"version\": 4}"), Err(Unusable::NewerVersion(4)));
    }

    #[test]
    fn version_one_files_are_read() {
        let v1 = r#"{"version": 1, "marks": {"0011223344556677:-:9:00000000000000ff:0": {"status": "flagged", "note": "x", "updated": "2024-05-01T04:30:00Z", "task": {"file": "a.txt", "number": "9", "text": "开工"}}}}"#;
        let marks = parse(v1.as_bytes()).unwrap();
        let (id, mark) = marks.iter().next().unwrap();
        assert_eq!(&*id.document, "a.txt");
        assert_eq!(id.key.to_string(), "-:9:00000000000000ff:0");
        assert_eq!(mark.note.as_deref(), Some("x"));
        assert_eq!(mark.task.fingerprint, None);
    }
}
