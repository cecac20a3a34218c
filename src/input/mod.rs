//! Turning what the user's paths hold into decoded text: plain text in any
//! common Chinese encoding, saved web pages, Word documents (.docx, Word 97
//! .doc and .wps), PDF text layers, spreadsheets (.xlsx .xls .xlsb .ods
//! .csv .tsv) and OFD documents. Table rows come out as one line each with
//! cells separated by `\t`.
//!
//! Everything here is free of shared state, so files can be read from many
//! threads at once.

mod decode;
mod doc;
mod docx;
mod html;
mod limits;
mod ofd;
mod page_layout;
mod pdf;
mod sheet;
mod table;
mod walk;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use walk::discover;

/// Files bigger than this are refused, and so is a .docx whose text part
/// unpacks to more than this (a zip bomb).
pub const MAX_INPUT_BYTES: u64 = 200 * 1024 * 1024;

/// The note added to [`Decoded::notes`] when a file ends in the middle of a
/// character.
pub const TRUNCATED_NOTE: &str = "truncated: ends in the middle of a character";

/// How a file's bytes are turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// Plain text in any encoding (.txt, or any file named explicitly).
    Text,
    /// A saved web page (.htm, .html).
    Html,
    /// A Word document (.docx).
    Docx,
    /// A Word 97–2003 document (.doc).
    Doc,
    /// A WPS Office document (.wps): read when it is a Word 97 file.
    Wps,
    /// A PDF's text layer (.pdf).
    Pdf,
    /// A workbook (.xlsx, .xlsm, .xls, .xlsb, .ods), its format told by its bytes.
    Workbook,
    /// Comma-separated values (.csv).
    Csv,
    /// Tab-separated values (.tsv).
    Tsv,
    /// An OFD document (GB/T 33190, .ofd).
    Ofd,
}

/// The file name extensions read, each with the kind it means.
pub const EXTENSIONS: [(&str, FileKind); 15] = [
    ("txt", FileKind::Text),
    ("htm", FileKind::Html),
    ("html", FileKind::Html),
    ("docx", FileKind::Docx),
    ("doc", FileKind::Doc),
    ("wps", FileKind::Wps),
    ("pdf", FileKind::Pdf),
    ("xlsx", FileKind::Workbook),
    ("xlsm", FileKind::Workbook),
    ("xls", FileKind::Workbook),
    ("xlsb", FileKind::Workbook),
    ("ods", FileKind::Workbook),
    ("csv", FileKind::Csv),
    ("tsv", FileKind::Tsv),
    ("ofd", FileKind::Ofd),
];

impl FileKind {
    /// The kind implied by a file name's extension (case-insensitive), or
    /// `None` for files a directory walk should skip.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        EXTENSIONS
            .iter()
            .find(|(name, _)| *name == extension)
            .map(|(_, kind)| *kind)
    }
}

/// A file found under the user's paths, before it is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// Where the file is on disk.
    pub path: PathBuf,
    /// The path as the user would write it: the given PATH joined with the
    /// part below it, displayed with `/`.
    pub source: String,
    /// Size in bytes when it was found.
    pub size: u64,
    /// How the file will be decoded.
    pub kind: FileKind,
}

/// Everything found under the user's paths.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discovery {
    /// Files to read, in a stable order: the paths in the order given, each
    /// directory walked in sorted order.
    pub files: Vec<FileEntry>,
    /// Paths that could not be looked at; shown as warnings.
    pub problems: Vec<FileProblem>,
}

/// A path that could not be looked at, printed as `warning: SOURCE: MESSAGE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    /// The path as the user would write it.
    pub source: String,
    /// What went wrong, in a few words.
    pub message: String,
}

/// A file's text, ready for the parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, with `\n` line ends; table rows as `\t`-separated cells.
    pub text: String,
    /// The encoding the bytes were read in (`"UTF-8"`, `"GB18030"`, ...).
    pub encoding: &'static str,
    /// Non-fatal problems, such as [`TRUNCATED_NOTE`].
    pub notes: Vec<String>,
}

/// Why a file gives no text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read from disk.
    #[error("cannot read: {0}")]
    Io(String),
    /// The path holds a FIFO, a device or a socket, not a file (checked on
    /// the opened file, so a file swapped for one after the folder scan is
    /// refused too).
    #[error("not a regular file")]
    NotRegularFile,
    /// The file is bigger than [`MAX_INPUT_BYTES`].
    #[error("too large: {0}")]
    TooLarge(String),
    /// The file holds no bytes, or only whitespace and a byte-order mark.
    #[error("empty file")]
    Empty,
    /// The file holds something other than text: too many control
    /// characters when read in the most likely encoding.
    #[error("binary data, not text ({controls} control characters as {encoding})")]
    Binary {
        /// The encoding that was tried.
        encoding: &'static str,
        /// How many control characters it gave.
        controls: usize,
    },
    /// Too many byte sequences are invalid in the most likely encoding.
    #[error("cannot decode as {encoding}: {malformed} malformed sequences")]
    Undecodable {
        /// The encoding that was tried.
        encoding: &'static str,
        /// How many invalid sequences were met.
        malformed: usize,
    },
    /// A file named .docx that is not a Word document; says why.
    #[error("not a .docx file ({0})")]
    NotDocx(String),
    /// A .docx whose document part cannot be read; says what is wrong.
    #[error("broken .docx: {0}")]
    BrokenDocx(String),
    /// A page or document that decodes but holds no visible text.
    #[error("no text found")]
    NoText,
    /// The bytes are not in the format the file's name says.
    #[error("not {} {format} file ({reason})", article(format))]
    NotFormat {
        /// The format expected from the name (`PDF`, `Word 97`, ...).
        format: &'static str,
        /// What the bytes are instead, or what is missing.
        reason: String,
    },
    /// The file is in its format but damaged or cut short.
    #[error("broken {format}: {reason}")]
    Broken {
        /// The format (`PDF`, `Word 97`, ...).
        format: &'static str,
        /// What is wrong, in a few words.
        reason: String,
    },
    /// The file is encrypted or password-protected.
    #[error("encrypted {0}: cannot be read without its password")]
    Encrypted(&'static str),
    /// A PDF whose pages are images only.
    #[error("no text layer: the PDF holds {pages} scanned page(s) and needs OCR")]
    NeedsOcr {
        /// How many pages it has.
        pages: usize,
    },
    /// A .wps file in WPS Office's own format rather than Word 97: such
    /// files are skipped without a warning.
    #[error("a WPS file in its own format, not Word 97")]
    NotWord97Wps,
}

/// "an OFD file", "a PDF file".
fn article(format: &str) -> &'static str {
    if format.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

impl LoadError {
    /// True for files the contract says are skipped quietly, without a
    /// warning.
    pub fn is_quiet_skip(&self) -> bool {
        matches!(self, LoadError::NotWord97Wps)
    }
}

/// Reads a file found by [`discover`] and decodes it according to its kind.
pub fn read_entry(entry: &FileEntry) -> Result<Decoded, LoadError> {
    let bytes = read_limited(&entry.path)?;
    match entry.kind {
        // UTF-8 read from disk becomes the text without a copy.
        FileKind::Text => decode::decode_text(bytes, None),
        kind => decode_bytes(kind, &bytes),
    }
}

/// Decodes in-memory bytes (a built-in sample, a test fixture) as `kind`.
pub fn decode_bytes(kind: FileKind, bytes: &[u8]) -> Result<Decoded, LoadError> {
    match kind {
        FileKind::Text => decode::decode_text(bytes, None),
        FileKind::Html => html::decode_html(bytes),
        FileKind::Docx => docx::decode_docx(bytes),
        FileKind::Doc => doc::decode_doc(bytes),
        FileKind::Wps => doc::decode_wps(bytes),
        FileKind::Pdf => pdf::decode_pdf(bytes),
        FileKind::Workbook => sheet::decode_workbook(bytes),
        FileKind::Csv => sheet::decode_delimited(bytes, b','),
        FileKind::Tsv => sheet::decode_delimited(bytes, b'\t'),
        FileKind::Ofd => ofd::decode_ofd(bytes),
    }
}

/// Reads a whole regular file, refusing more than [`MAX_INPUT_BYTES`].
///
/// The file is opened without blocking and checked once open, so a FIFO or a
/// device put in a file's place is refused rather than read (or waited on
/// forever); the buffer is sized from the open file, so the bytes are read
/// once, without a copy.
fn read_limited(path: &Path) -> Result<Vec<u8>, LoadError> {
    let io_error = |error: io::Error| LoadError::Io(describe_io(&error));
    let file = open_without_blocking(path).map_err(io_error)?;
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        return Err(LoadError::NotRegularFile);
    }
    let too_large =
        || LoadError::TooLarge(format!("more than {} MB", MAX_INPUT_BYTES / (1024 * 1024)));
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    // One byte more than the size, so that reaching the end needs no regrowth.
    let capacity = usize::try_from(metadata.len())
        .unwrap_or(0)
        .saturating_add(1);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Opens `path` for reading without waiting: opening a FIFO with no writer
/// returns at once (and the check of the open file then refuses it), and a
/// terminal device never becomes the controlling terminal.
fn open_without_blocking(path: &Path) -> io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// A short lowercase description of an I/O error, without the OS error code
/// or the path of a temp file some libraries add.
pub(crate) fn describe_io(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a directory".to_string(),
        _ => strip_os_code(&error.to_string()),
    }
}

/// Turns `Some error (os error 5)` into `some error`, and so too
/// `Some error at path "/tmp/x"`.
fn strip_os_code(message: &str) -> String {
    let message = message.split(" at path ").next().unwrap_or(message);
    let without_code = match message.find(" (os error ") {
        Some(position) => &message[..position],
        None => message,
    };
    let mut chars = without_code.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_from_extension_ignores_case() {
        assert_eq!(
            FileKind::from_path(Path::new("a/B.TXT")),
            Some(FileKind::Text)
        );
        assert_eq!(
            FileKind::from_path(Path::new("x.Htm")),
            Some(FileKind::Html)
        );
        assert_eq!(
            FileKind::from_path(Path::new("x.html")),
            Some(FileKind::Html)
        );
        assert_eq!(
            FileKind::from_path(Path::new("x.DocX")),
            Some(FileKind::Docx)
        );
        assert_eq!(FileKind::from_path(Path::new("x.DOC")), Some(FileKind::Doc));
        assert_eq!(
            FileKind::from_path(Path::new("表.Xls")),
            Some(FileKind::Workbook)
        );
        assert_eq!(FileKind::from_path(Path::new("x.ofd")), Some(FileKind::Ofd));
        assert_eq!(FileKind::from_path(Path::new("x.pptx")), None);
        assert_eq!(FileKind::from_path(Path::new("README")), None);
    }

    #[test]
    fn io_messages_are_short() {
        let missing = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(describe_io(&missing), "no such file or directory");
        assert_eq!(
            LoadError::Io(describe_io(&io::Error::from(
                io::ErrorKind::PermissionDenied
            )))
            .to_string(),
            "cannot read: permission denied"
        );
        assert_eq!(
            strip_os_code("Disk quota exceeded (os error 122)"),
            "disk quota exceeded"
        );
        assert_eq!(
            strip_os_code("No space left on device (os error 28) at path \"/x/.zeren-1.tmp\""),
            "no space left on device"
        );
    }

    #[test]
    fn error_messages_read_well() {
        let undecodable = LoadError::Undecodable {
            encoding: "GB18030",
            malformed: 312,
        };
        assert_eq!(
            undecodable.to_string(),
            "cannot decode as GB18030: 312 malformed sequences"
        );
        assert_eq!(LoadError::Empty.to_string(), "empty file");
        let binary = LoadError::Binary {
            encoding: "UTF-8",
            controls: 97,
        };
        assert_eq!(
            binary.to_string(),
            "binary data, not text (97 control characters as UTF-8)"
        );
        assert_eq!(
            LoadError::NotDocx("not a zip archive".into()).to_string(),
            "not a .docx file (not a zip archive)"
        );
    }
}
