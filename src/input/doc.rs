//! Word 97–2003 documents (.doc, and .wps files saved in that format): the
//! compound file is opened with the cfb crate and the main text of the
//! WordDocument stream read through its piece table, paragraph by
//! paragraph. Table cells end in cell marks and rows in row marks (told
//! apart by the paragraph properties of the FKP pages); each row becomes one
//! `\t`-separated line. Field codes are left out and their results kept.

mod paragraphs;

use std::io::{Cursor, Read};

use cfb::CompoundFile;

use super::limits::OLE_SIGNATURE;
use super::table::{Cell, Table};
use super::{Decoded, LoadError, MAX_INPUT_BYTES};
use paragraphs::{MarkKind, ParagraphMarks};

const FORMAT: &str = "Word 97";

/// The smallest FIB of Word 97 and later (nFib 0x00C1).
const MIN_WORD97_FIB: u16 = 0x00C1;

/// Offsets in the FIB.
const FIB_IDENT: usize = 0x00;
const FIB_NFIB: usize = 0x02;
const FIB_FLAGS: usize = 0x0A;
const FIB_CCP_TEXT: usize = 0x4C;
const FIB_FC_PLCF_BTE_PAPX: usize = 0x0102;
const FIB_FC_CLX: usize = 0x01A2;

/// `fEncrypted` and `fWhichTblStm` in the FIB flags.
const FLAG_ENCRYPTED: u16 = 0x0100;
const FLAG_TABLE_STREAM_1: u16 = 0x0200;

/// A piece's `fc` holds this bit when its text is 8-bit (cp1252).
const FC_COMPRESSED: u32 = 0x4000_0000;

/// Characters with a meaning in the text stream.
const PARAGRAPH_END: u16 = 0x0D;
const CELL_MARK: u16 = 0x07;
const LINE_BREAK: u16 = 0x0B;
const PAGE_BREAK: u16 = 0x0C;
const FIELD_BEGIN: u16 = 0x13;
const FIELD_SEPARATOR: u16 = 0x14;
const FIELD_END: u16 = 0x15;
const NON_BREAKING_HYPHEN: u16 = 0x1E;

/// Fields nest at most this deep; deeper ones are read as text.
const MAX_FIELD_DEPTH: usize = 64;

/// Reads the text of a .doc held in memory.
pub(crate) fn decode_doc(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    if !bytes.starts_with(&OLE_SIGNATURE) {
        let reason = if bytes.starts_with(b"PK\x03\x04") {
            "a .docx saved under the name .doc".to_string()
        } else if bytes.starts_with(b"{\\rtf") {
            "an RTF file".to_string()
        } else {
            "not a compound file".to_string()
        };
        return Err(LoadError::NotFormat {
            format: FORMAT,
            reason,
        });
    }
    let document = WordDocument::open(bytes)?;
    let text = document.text()?;
    if text.trim().is_empty() {
        return Err(LoadError::NoText);
    }
    Ok(Decoded {
        text,
        encoding: "UTF-16LE",
        notes: Vec::new(),
    })
}

/// Reads a .wps file: a Word 97 file under WPS Office's name is read as
/// one; WPS's own older format is skipped without a warning.
pub(crate) fn decode_wps(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if !bytes.starts_with(&OLE_SIGNATURE) || lacks_word_stream(bytes) {
        return Err(LoadError::NotWord97Wps);
    }
    decode_doc(bytes)
}

/// A compound file that opens and has no WordDocument stream (a broken one
/// is read as Word 97, to say what is wrong with it).
fn lacks_word_stream(bytes: &[u8]) -> bool {
    CompoundFile::open(Cursor::new(bytes)).is_ok_and(|file| !file.is_stream("/WordDocument"))
}

/// The streams of a Word 97 document.
struct WordDocument {
    word: Vec<u8>,
    table: Vec<u8>,
}

impl WordDocument {
    fn open(bytes: &[u8]) -> Result<WordDocument, LoadError> {
        let mut file = CompoundFile::open(Cursor::new(bytes)).map_err(|error| broken(&error))?;
        if !file.is_stream("/WordDocument") {
            let reason = if file.is_stream("/Workbook") || file.is_stream("/Book") {
                "an Excel workbook saved under the name .doc"
            } else if file.is_stream("/EncryptedPackage") {
                return Err(LoadError::Encrypted(FORMAT));
            } else {
                "no WordDocument stream"
            };
            return Err(LoadError::NotFormat {
                format: FORMAT,
                reason: reason.into(),
            });
        }
        let word = read_stream(&mut file, "/WordDocument")?;
        if read_u16(&word, FIB_IDENT) != Some(0xA5EC) {
            return Err(broken_reason("the WordDocument stream has no Word header"));
        }
        let fib = read_u16(&word, FIB_NFIB).unwrap_or(0);
        if fib < MIN_WORD97_FIB {
            return Err(LoadError::NotFormat {
                format: FORMAT,
                reason: "a Word 6 or Word 95 document".into(),
            });
        }
        let flags = read_u16(&word, FIB_FLAGS).unwrap_or(0);
        if flags & FLAG_ENCRYPTED != 0 {
            return Err(LoadError::Encrypted(FORMAT));
        }
        let table_name = if flags & FLAG_TABLE_STREAM_1 != 0 {
            "/1Table"
        } else {
            "/0Table"
        };
        if !file.is_stream(table_name) {
            return Err(broken_reason("its table stream is missing"));
        }
        let table = read_stream(&mut file, table_name)?;
        Ok(WordDocument { word, table })
    }

    /// The main text as lines.
    fn text(&self) -> Result<String, LoadError> {
        let main_length = read_u32(&self.word, FIB_CCP_TEXT).unwrap_or(0);
        let pieces = self.pieces()?;
        let marks = ParagraphMarks::read(&self.word, &self.table, FIB_FC_PLCF_BTE_PAPX);
        let mut writer = TextWriter::default();
        for piece in &pieces {
            if piece.cp_start >= main_length {
                break;
            }
            let end = piece.cp_end.min(main_length);
            for offset in 0..end - piece.cp_start {
                let (unit, fc) = match piece.char_at(&self.word, offset) {
                    Some(found) => found,
                    None => return Err(broken_reason("a text piece lies outside the stream")),
                };
                writer.push(unit, || marks.at(fc));
            }
        }
        Ok(writer.finish())
    }

    /// The piece table from the CLX in the table stream.
    fn pieces(&self) -> Result<Vec<Piece>, LoadError> {
        let fc = read_u32(&self.word, FIB_FC_CLX).unwrap_or(0) as usize;
        let length = read_u32(&self.word, FIB_FC_CLX + 4).unwrap_or(0) as usize;
        let clx = self
            .table
            .get(fc..fc.saturating_add(length))
            .ok_or_else(|| broken_reason("its piece table lies outside the table stream"))?;
        let mut position = 0;
        // Skip the Prc entries (formatting) before the piece table.
        while clx.get(position) == Some(&0x01) {
            let size = read_u16(clx, position + 1).unwrap_or(0) as usize;
            position += 3 + size;
        }
        if clx.get(position) != Some(&0x02) {
            return Err(broken_reason("no piece table"));
        }
        let size = read_u32(clx, position + 1).unwrap_or(0) as usize;
        let plc = clx
            .get(position + 5..position + 5 + size)
            .ok_or_else(|| broken_reason("its piece table is cut short"))?;
        // (n + 1) character positions, then n piece descriptors of 8 bytes.
        let count = size.saturating_sub(4) / 12;
        let mut pieces = Vec::with_capacity(count);
        for index in 0..count {
            let cp_start = read_u32(plc, index * 4).unwrap_or(0);
            let cp_end = read_u32(plc, (index + 1) * 4).unwrap_or(0);
            let descriptor = (count + 1) * 4 + index * 8;
            let fc = read_u32(plc, descriptor + 2).unwrap_or(0);
            if cp_end <= cp_start {
                continue;
            }
            pieces.push(Piece {
                cp_start,
                cp_end,
                compressed: fc & FC_COMPRESSED != 0,
                fc: fc & !FC_COMPRESSED,
            });
        }
        Ok(pieces)
    }
}

/// One piece of the text: a run of character positions stored together.
#[derive(Debug)]
struct Piece {
    cp_start: u32,
    cp_end: u32,
    compressed: bool,
    fc: u32,
}

impl Piece {
    /// The UTF-16 unit at `offset` characters into the piece, and its file
    /// position.
    fn char_at(&self, word: &[u8], offset: u32) -> Option<(u16, u32)> {
        if self.compressed {
            let position = (self.fc / 2).checked_add(offset)?;
            let byte = *word.get(position as usize)?;
            Some((cp1252(byte), position))
        } else {
            let position = self.fc.checked_add(offset.checked_mul(2)?)?;
            Some((read_u16(word, position as usize)?, position))
        }
    }
}

/// A byte of an 8-bit piece as UTF-16.
fn cp1252(byte: u8) -> u16 {
    let bytes = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.encode_utf16().next().unwrap_or(u16::from(byte))
}

/// Builds lines from the text stream's characters.
#[derive(Default)]
struct TextWriter {
    units: Vec<u16>,
    lines: Vec<String>,
    /// Open fields: true while in the field's code (before its separator).
    fields: Vec<bool>,
    table: Table,
    row: Vec<Cell>,
    cell: Option<Cell>,
}

impl TextWriter {
    /// Takes one character; `mark` tells what a paragraph or cell mark at
    /// this position ends.
    fn push(&mut self, unit: u16, mark: impl FnOnce() -> MarkKind) {
        match unit {
            FIELD_BEGIN if self.fields.len() < MAX_FIELD_DEPTH => self.fields.push(true),
            FIELD_SEPARATOR => {
                if let Some(in_code) = self.fields.last_mut() {
                    *in_code = false;
                }
            }
            FIELD_END => {
                self.fields.pop();
            }
            _ if self.fields.iter().any(|in_code| *in_code) => {}
            PARAGRAPH_END | PAGE_BREAK => match mark() {
                MarkKind::InTable => self.end_cell_paragraph(),
                _ => self.end_paragraph(),
            },
            CELL_MARK => match mark() {
                MarkKind::RowEnd(continued) => self.end_row(continued),
                _ => self.end_cell(),
            },
            LINE_BREAK => self.units.push(u16::from(b'\n')),
            NON_BREAKING_HYPHEN => self.units.push(u16::from(b'-')),
            0x09 => self.units.push(unit),
            0xA0 => self.units.push(u16::from(b' ')),
            unit if unit < 0x20 => {}
            unit => self.units.push(unit),
        }
    }

    fn take_text(&mut self) -> Vec<String> {
        let text = String::from_utf16_lossy(&self.units);
        self.units.clear();
        text.split('\n')
            .map(str::trim_end)
            .filter(|line| !line.trim().is_empty())
            .map(String::from)
            .collect()
    }

    /// A paragraph mark outside tables: a table before it is done.
    fn end_paragraph(&mut self) {
        self.close_table();
        let lines = self.take_text();
        self.lines.extend(lines);
    }

    /// A paragraph mark inside a cell adds a line to the cell.
    fn end_cell_paragraph(&mut self) {
        let lines = self.take_text();
        self.cell.get_or_insert_with(Cell::new).lines.extend(lines);
    }

    /// A cell mark ends the open cell.
    fn end_cell(&mut self) {
        let lines = self.take_text();
        let mut cell = match self.cell.take() {
            Some(cell) => cell,
            None => Cell::new(),
        };
        cell.lines.extend(lines);
        self.row.push(cell);
    }

    /// A row mark ends the row; the table stays open for the next one.
    /// `continued` has bit `i` set when cell `i` is merged with the one above.
    fn end_row(&mut self, continued: u64) {
        self.take_text();
        self.cell = None;
        let mut row = std::mem::take(&mut self.row);
        for (index, cell) in row.iter_mut().enumerate().take(64) {
            cell.continues_above = continued & (1 << index) != 0;
        }
        if !row.is_empty() {
            self.table.rows.push(row);
        }
    }

    /// Writes out the open table, if any.
    fn close_table(&mut self) {
        if !self.row.is_empty() || self.cell.is_some() {
            self.end_row(0);
        }
        if !self.table.rows.is_empty() {
            let table = std::mem::take(&mut self.table);
            self.lines.extend(padded(table.into_lines()));
        }
    }

    fn finish(mut self) -> String {
        self.end_paragraph();
        let mut text = String::new();
        for line in self.lines {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }
}

/// Rows with fewer cells than the widest row of their table, padded with
/// empty fields: in Word 97 a cell merged across columns is one cell, and a
/// heading row merged across the table must still read as a table row.
fn padded(mut lines: Vec<String>) -> Vec<String> {
    let count = |line: &String| line.matches('\t').count();
    let widest = lines.iter().map(count).max().unwrap_or(0);
    for line in &mut lines {
        let missing = widest - count(line);
        line.extend(std::iter::repeat_n('\t', missing));
    }
    lines
}

fn read_stream(file: &mut CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, LoadError> {
    let stream = file.open_stream(name).map_err(|error| broken(&error))?;
    let mut bytes = Vec::new();
    stream
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| broken(&error))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(LoadError::TooLarge(format!(
            "{} is more than {} MB",
            name.trim_start_matches('/'),
            MAX_INPUT_BYTES / (1024 * 1024)
        )));
    }
    Ok(bytes)
}

pub(super) fn read_u16(bytes: &[u8], at: usize) -> Option<u16> {
    let slice = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([slice[0], slice[1]]))
}

pub(super) fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let slice = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([slice[0], slice[1], slice[2], slice[3]]))
}

fn broken(error: &impl std::fmt::Display) -> LoadError {
    broken_reason(&error.to_string())
}

fn broken_reason(reason: &str) -> LoadError {
    LoadError::Broken {
        format: FORMAT,
        reason: reason.to_string(),
    }
}
