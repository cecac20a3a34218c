//! Bytes to text, saving what can be saved: UTF-8 (with or without BOM),
//! UTF-16 (with a BOM, or without one when its NUL bytes show it), and legacy
//! encodings (GBK/GB18030, Big5) found by detection. A file that changes
//! encoding part-way (UTF-8 pasted after GBK) is decoded line by line, each
//! line in the encoding that reads it best; a few bad byte sequences or NUL
//! bytes are replaced by U+FFFD with a note saying how many. Line ends
//! become `\n` and NBSP a plain space. Only what is mostly not text is
//! refused, with the encoding it was read in.

use std::borrow::Cow;
use std::str::Utf8Error;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{BIG5, DecoderResult, Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

use super::{Decoded, LoadError, TRUNCATED_NOTE};

/// A decode may replace at most one sequence (or NUL byte) in this many
/// characters: a short file with a dozen bad bytes is still read.
const MAX_MALFORMED_SHARE: usize = 10;

/// Text may hold at most one stray control character in this many characters.
const MAX_CONTROL_SHARE: usize = 100;

/// How much of a file the encoding detectors read.
const DETECTION_SAMPLE_BYTES: usize = 64 * 1024;

/// UTF-16 without a BOM: at least one code unit in this many is an ASCII
/// character (a NUL byte on one side of the pair) ...
const MIN_ASCII_SHARE_UTF16: usize = 100;

/// ... and at least this share (in percent) of the code units are
/// characters Chinese documents are written in.
const MIN_PLAUSIBLE_PERCENT_UTF16: usize = 90;

/// Part-by-part decoding lists at most this many parts in its note.
const MAX_PARTS_NOTED: usize = 6;

/// Decodes a text file. `declared` is an encoding named by the file itself
/// (an HTML `<meta charset>`); it is used for what is not UTF-8.
/// Owned UTF-8 bytes become the text without being copied.
pub(crate) fn decode_text<'a>(
    bytes: impl Into<Cow<'a, [u8]>>,
    declared: Option<&'static Encoding>,
) -> Result<Decoded, LoadError> {
    let bytes = bytes.into();
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let raw = match Encoding::for_bom(&bytes) {
        Some((encoding, bom_length)) if encoding == UTF_8 => {
            decode_unmarked(drop_front(bytes, bom_length), None)
        }
        Some((encoding, bom_length)) => {
            Raw::decode_whole(encoding, bytes.get(bom_length..).unwrap_or_default())
        }
        None => match utf16_without_bom(&bytes) {
            Some(encoding) => Raw::decode_whole(encoding, &bytes),
            None => decode_unmarked(bytes, declared),
        },
    };
    raw.into_decoded()
}

/// The bytes without their first `count`.
fn drop_front(bytes: Cow<'_, [u8]>, count: usize) -> Cow<'_, [u8]> {
    match bytes {
        Cow::Borrowed(bytes) => Cow::Borrowed(bytes.get(count..).unwrap_or_default()),
        Cow::Owned(mut bytes) => {
            bytes.drain(..count.min(bytes.len()));
            Cow::Owned(bytes)
        }
    }
}

/// Decodes bytes without a UTF-16 byte-order mark: UTF-8 when they are, else
/// part by part.
fn decode_unmarked(bytes: Cow<'_, [u8]>, declared: Option<&'static Encoding>) -> Raw {
    let (bytes, error) = match into_string(bytes) {
        Ok(text) => return Raw::utf8(text),
        Err(failure) => failure,
    };
    if error.error_len().is_none() {
        // Valid up to a character cut at the very end.
        let mut valid = bytes.into_owned();
        valid.truncate(error.valid_up_to());
        let text = String::from_utf8(valid)
            .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
        return Raw {
            truncated: true,
            ..Raw::utf8(text)
        };
    }
    decode_in_parts(&bytes, declared)
}

/// UTF-8 bytes as a string (copied only when borrowed), or the bytes back
/// with what is wrong with them.
fn into_string(bytes: Cow<'_, [u8]>) -> Result<String, (Cow<'_, [u8]>, Utf8Error)> {
    match bytes {
        Cow::Borrowed(bytes) => std::str::from_utf8(bytes)
            .map(str::to_owned)
            .map_err(|error| (Cow::Borrowed(bytes), error)),
        Cow::Owned(bytes) => String::from_utf8(bytes).map_err(|error| {
            let cause = error.utf8_error();
            (Cow::Owned(error.into_bytes()), cause)
        }),
    }
}

/// The UTF-16 byte order of bytes without a BOM, when a sample shows it:
/// NUL bytes, mostly on one side of the pairs (the ASCII characters: line
/// ends, digits), and nearly every code unit a character of Chinese text.
/// Judged on a sample, so that a NUL-free file costs one short scan.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..DETECTION_SAMPLE_BYTES).unwrap_or(bytes);
    memchr::memchr(0, sample)?;
    let nuls = memchr::memchr_iter(0, sample).count();
    let utf8 =
        std::str::from_utf8(sample).map_or_else(|error| error.error_len().is_none(), |_| true);
    if utf8 && nuls.saturating_mul(10) < sample.len() {
        // UTF-8 with a few NUL bytes.
        return None;
    }
    let units = sample.len() / 2;
    let nul_at = |parity: usize| {
        sample
            .chunks_exact(2)
            .filter(|pair| pair[parity] == 0)
            .count()
    };
    // The other side has NULs too, fewer: 一 is U+4E00.
    let (even, odd) = (nul_at(0), nul_at(1));
    let (encoding, ascii) = if odd >= even {
        (UTF_16LE, odd)
    } else {
        (UTF_16BE, even)
    };
    if ascii.saturating_mul(MIN_ASCII_SHARE_UTF16) < units {
        return None;
    }
    let unit_of = |pair: &[u8]| {
        if encoding == UTF_16LE {
            u16::from_le_bytes([pair[0], pair[1]])
        } else {
            u16::from_be_bytes([pair[0], pair[1]])
        }
    };
    let (mut plausible, mut wide, mut ascii_pairs) = (0, 0, 0);
    for pair in sample.chunks_exact(2) {
        let unit = unit_of(pair);
        plausible += usize::from(is_plausible_unit(unit));
        if unit > 0xFF {
            wide += 1;
            // ASCII text read as UTF-16 gives ideographs made of two letters.
            ascii_pairs += usize::from(pair.iter().all(|byte| (0x20..0x7F).contains(byte)));
        }
    }
    let looks_like_ascii = ascii_pairs * 2 > wide;
    (!looks_like_ascii && plausible * 100 >= units * MIN_PLAUSIBLE_PERCENT_UTF16)
        .then_some(encoding)
}

/// A UTF-16 code unit of a character Chinese documents are written in:
/// ASCII text, Latin, general punctuation, numbers and shapes, CJK
/// punctuation, ideographs, full-width forms.
fn is_plausible_unit(unit: u16) -> bool {
    matches!(unit,
        0x09 | 0x0A | 0x0C | 0x0D
        | 0x20..=0x7E
        | 0xA0..=0x24F
        | 0x2000..=0x206F
        | 0x2150..=0x218F
        | 0x2460..=0x24FF
        | 0x2500..=0x25FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x303F
        | 0x3200..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
    )
}

/// How one line of a file that is not all UTF-8 reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineKind {
    /// ASCII alone: the same in any encoding.
    Ascii,
    /// UTF-8, perhaps with a few bad sequences.
    Utf8,
    /// Valid UTF-8 of two-byte characters only (Latin, Greek…), which GBK
    /// pairs often make by chance (牵头 is ǣͷ): read as the file mostly is.
    Ambiguous,
    /// The file's legacy encoding.
    Legacy,
}

/// Decodes bytes that are not all UTF-8, one line at a time: a line stays
/// UTF-8 when it has at least as many good three- or four-byte characters
/// (Chinese in UTF-8) as bad sequences, or when the legacy encoding of the
/// file reads it no better; otherwise it is read in that legacy encoding. A
/// line that could be either goes the way most of the file goes.
fn decode_in_parts(bytes: &[u8], declared: Option<&'static Encoding>) -> Raw {
    let legacy = legacy_encoding(bytes, declared);
    let lines: Vec<&[u8]> = bytes.split_inclusive(|&byte| byte == b'\n').collect();
    let mut scratch = String::new();
    let kinds: Vec<LineKind> = lines
        .iter()
        .map(|line| classify_line(line, legacy, &mut scratch))
        .collect();
    let bytes_of = |wanted: LineKind| -> usize {
        lines
            .iter()
            .zip(&kinds)
            .filter(|(_, kind)| **kind == wanted)
            .map(|(line, _)| line.len())
            .sum()
    };
    let mostly_legacy = bytes_of(LineKind::Legacy) > bytes_of(LineKind::Utf8);
    let mut raw = Raw::empty(UTF_8, bytes.len());
    let mut parts = Parts::default();
    let mut legacy_bytes = 0;
    for (index, (line, &kind)) in lines.iter().zip(&kinds).enumerate() {
        let is_last = index + 1 == lines.len();
        let kind = match kind {
            LineKind::Ambiguous if mostly_legacy => {
                let outcome = Counted::decode_into(legacy, line, &mut scratch, is_last);
                if outcome.malformed + outcome.stray == 0 {
                    LineKind::Legacy
                } else {
                    LineKind::Utf8
                }
            }
            LineKind::Ambiguous => LineKind::Utf8,
            kind => kind,
        };
        match kind {
            LineKind::Legacy => {
                let outcome = Counted::decode_into(legacy, line, &mut scratch, is_last);
                raw.text.push_str(&scratch);
                raw.malformed += outcome.malformed;
                raw.stray += outcome.stray;
                raw.truncated |= outcome.truncated;
                legacy_bytes += line.len();
                parts.add(index, Some(legacy));
            }
            LineKind::Ascii => {
                raw.push_utf8_lossy(line, is_last);
                parts.add(index, None);
            }
            _ => {
                raw.push_utf8_lossy(line, is_last);
                parts.add(index, Some(UTF_8));
            }
        }
    }
    if legacy_bytes * 2 > bytes.len() {
        raw.encoding = legacy;
    }
    raw.parts = parts.note();
    raw
}

/// What `line` is: see [`LineKind`]. Decodes it with `legacy` (into
/// `scratch`) only when it is not UTF-8.
fn classify_line(line: &[u8], legacy: &'static Encoding, scratch: &mut String) -> LineKind {
    let counts = utf8_counts(line);
    if counts.bad == 0 {
        return if counts.wide > 0 {
            LineKind::Utf8
        } else if counts.narrow > 0 {
            LineKind::Ambiguous
        } else {
            LineKind::Ascii
        };
    }
    if counts.wide >= counts.bad {
        return LineKind::Utf8;
    }
    let outcome = Counted::decode_into(legacy, line, scratch, false);
    if outcome.malformed + outcome.stray < counts.bad {
        LineKind::Legacy
    } else {
        LineKind::Utf8
    }
}

/// A line read as UTF-8: its characters of two bytes and of three or four,
/// and its bad sequences.
struct Utf8Counts {
    narrow: usize,
    wide: usize,
    bad: usize,
}

/// Counts the characters and bad sequences of `line` read as UTF-8.
fn utf8_counts(line: &[u8]) -> Utf8Counts {
    let mut counts = Utf8Counts {
        narrow: 0,
        wide: 0,
        bad: 0,
    };
    for chunk in line.utf8_chunks() {
        for &byte in chunk.valid().as_bytes() {
            counts.narrow += usize::from((0xC0..0xE0).contains(&byte));
            counts.wide += usize::from(byte >= 0xE0);
        }
        counts.bad += usize::from(!chunk.invalid().is_empty());
    }
    counts
}

/// The legacy encoding of the parts of `bytes` that are not UTF-8: the
/// declared one, else the one that reads a sample of those parts with the
/// fewest bad sequences and stray characters among the detector's guess,
/// GB18030 and Big5 (the guess first, so it wins ties).
fn legacy_encoding(bytes: &[u8], declared: Option<&'static Encoding>) -> &'static Encoding {
    if let Some(declared) = declared.filter(|encoding| *encoding != UTF_8) {
        return widen(declared);
    }
    let sample = not_utf8_sample(bytes);
    let guess = widen(detect(&sample));
    let mut candidates = vec![GB18030, BIG5];
    if guess != UTF_8 {
        candidates.retain(|candidate| *candidate != guess);
        candidates.insert(0, guess);
    }
    let mut scratch = String::new();
    let cost = |encoding: &'static Encoding, scratch: &mut String| {
        let outcome = Counted::decode_into(encoding, &sample, scratch, false);
        outcome.malformed + outcome.stray
    };
    let mut best = (usize::MAX, GB18030);
    for candidate in candidates {
        let cost = cost(candidate, &mut scratch);
        if cost < best.0 {
            best = (cost, candidate);
        }
    }
    best.1
}

/// The first lines of `bytes` that are not UTF-8, up to
/// [`DETECTION_SAMPLE_BYTES`].
fn not_utf8_sample(bytes: &[u8]) -> Vec<u8> {
    let mut sample = Vec::new();
    for line in bytes.split_inclusive(|&byte| byte == b'\n') {
        if sample.len() + line.len() > DETECTION_SAMPLE_BYTES {
            break;
        }
        if std::str::from_utf8(line).is_err() {
            sample.extend_from_slice(line);
        }
    }
    if sample.is_empty() {
        // One very long line: a window of it, cut after an ASCII byte.
        sample.extend_from_slice(detection_sample(bytes));
    }
    sample
}

/// The most likely legacy encoding of bytes that are not UTF-8, judged
/// on a sample: the detector reads about 12 MB/s, and a few pages of
/// Chinese are plenty to tell GBK from Big5 or Shift_JIS.
fn detect(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(detection_sample(bytes), true);
    // The documents come from Chinese government sites: let the `.cn`
    // top-level domain break ties toward GBK.
    detector.guess(Some(b"cn"), Utf8Detection::Allow)
}

/// Up to [`DETECTION_SAMPLE_BYTES`] starting at the first non-ASCII byte
/// (a page's ASCII head tells nothing) and ending after an ASCII byte, so
/// that no character is cut.
fn detection_sample(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|byte| !byte.is_ascii()).unwrap_or(0);
    let window = bytes.get(start..).unwrap_or_default();
    if window.len() <= DETECTION_SAMPLE_BYTES {
        return window;
    }
    let window = window.get(..DETECTION_SAMPLE_BYTES).unwrap_or(window);
    match window.iter().rposition(u8::is_ascii) {
        Some(last_ascii) => window.get(..=last_ascii).unwrap_or(window),
        None => window,
    }
}

/// GB18030 decodes everything GBK does, and more.
fn widen(encoding: &'static Encoding) -> &'static Encoding {
    if encoding == GBK { GB18030 } else { encoding }
}

/// The name shown to users for an encoding.
fn display_name(encoding: &'static Encoding) -> &'static str {
    if encoding == GB18030 {
        "GB18030"
    } else {
        encoding.name()
    }
}

/// Which encoding each stretch of lines was read in, for a note when there
/// was more than one.
#[derive(Default)]
struct Parts {
    /// (encoding, first line, last line), lines counted from 0; lines of
    /// ASCII alone belong to the stretch they are in.
    runs: Vec<(&'static Encoding, usize, usize)>,
}

impl Parts {
    /// Line `index` was read in `encoding` (`None`: ASCII, readable in any).
    fn add(&mut self, index: usize, encoding: Option<&'static Encoding>) {
        match (self.runs.last_mut(), encoding) {
            (Some(run), None) => run.2 = index,
            (Some(run), Some(encoding)) if run.0 == encoding => run.2 = index,
            (_, Some(encoding)) => self.runs.push((encoding, index, index)),
            (None, None) => {}
        }
    }

    /// `decoded in parts: lines 1–40 UTF-8, 41–80 GB18030`, when more than
    /// one encoding was used.
    fn note(&self) -> Option<String> {
        if self.runs.len() < 2 {
            return None;
        }
        let mut listed: Vec<String> = self
            .runs
            .iter()
            .take(MAX_PARTS_NOTED)
            .map(|&(encoding, first, last)| {
                format!("{}–{} {}", first + 1, last + 1, display_name(encoding))
            })
            .collect();
        if self.runs.len() > MAX_PARTS_NOTED {
            listed.push(format!("and {} more", self.runs.len() - MAX_PARTS_NOTED));
        }
        Some(format!("decoded in parts: lines {}", listed.join(", ")))
    }
}

/// Decoded text before it is judged: what was replaced, what looks odd.
struct Raw {
    text: String,
    /// The encoding most of the text was read in.
    encoding: &'static Encoding,
    /// Invalid sequences met, each replaced by U+FFFD.
    malformed: usize,
    /// C1 controls and private-use characters decoding produced (what
    /// random bytes turn into in a legacy encoding).
    stray: usize,
    /// The input ended inside a character; that part is dropped.
    truncated: bool,
    /// The note of a part-by-part decoding.
    parts: Option<String>,
}

impl Raw {
    fn empty(encoding: &'static Encoding, capacity: usize) -> Raw {
        Raw {
            text: String::with_capacity(capacity + capacity / 2),
            encoding,
            malformed: 0,
            stray: 0,
            truncated: false,
            parts: None,
        }
    }

    fn utf8(text: String) -> Raw {
        Raw {
            text,
            ..Raw::empty(UTF_8, 0)
        }
    }

    /// All of `bytes` in `encoding`.
    fn decode_whole(encoding: &'static Encoding, bytes: &[u8]) -> Raw {
        let mut raw = Raw::empty(encoding, bytes.len());
        let outcome = Counted::decode_into(encoding, bytes, &mut raw.text, true);
        raw.malformed = outcome.malformed;
        raw.stray = outcome.stray;
        raw.truncated = outcome.truncated;
        raw
    }

    /// Appends `line` read as UTF-8, each bad sequence replaced; a
    /// character cut at the end of the last line is dropped and noted.
    fn push_utf8_lossy(&mut self, line: &[u8], is_last: bool) {
        let mut chunks = line.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            self.text.push_str(chunk.valid());
            let invalid = chunk.invalid();
            if invalid.is_empty() {
                continue;
            }
            let cut_at_end = is_last
                && chunks.peek().is_none()
                && std::str::from_utf8(invalid).is_err_and(|error| error.error_len().is_none());
            if cut_at_end {
                self.truncated = true;
            } else {
                self.malformed += 1;
                self.text.push('\u{FFFD}');
            }
        }
    }

    /// The text, or why it is not text: too many control characters (binary
    /// data) or too many bad sequences; NUL bytes replaced by U+FFFD, with
    /// notes of what was replaced.
    fn into_decoded(self) -> Result<Decoded, LoadError> {
        let encoding = display_name(self.encoding);
        if self
            .text
            .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
            .is_empty()
        {
            return Err(LoadError::Empty);
        }
        let (characters, controls, nuls) = count_characters_and_controls(self.text.as_bytes());
        let stray = controls + self.stray;
        if stray.saturating_mul(MAX_CONTROL_SHARE) > characters {
            return Err(LoadError::Binary {
                encoding,
                controls: stray,
            });
        }
        let replaced = self.malformed + nuls;
        if replaced.saturating_mul(MAX_MALFORMED_SHARE) > characters {
            return Err(LoadError::Undecodable {
                encoding,
                malformed: replaced,
            });
        }
        let mut notes = Vec::new();
        notes.extend(self.parts);
        if self.malformed > 0 {
            notes.push(format!(
                "{} malformed sequences in {encoding} replaced with \u{FFFD}",
                self.malformed
            ));
        }
        let text = if nuls > 0 {
            notes.push(format!("{nuls} NUL bytes replaced with \u{FFFD}"));
            self.text.replace('\0', "\u{FFFD}")
        } else {
            self.text
        };
        if self.truncated {
            notes.push(TRUNCATED_NOTE.to_string());
        }
        Ok(Decoded {
            text: normalize_text(text),
            encoding,
            notes,
        })
    }
}

/// What a decode that counts its problems met.
struct Counted {
    /// Invalid sequences met before the end, each replaced by U+FFFD.
    malformed: usize,
    /// C1 controls and private-use characters produced.
    stray: usize,
    /// The input ended inside a character (only looked at for the last
    /// part of a file).
    truncated: bool,
}

impl Counted {
    /// Decodes all of `bytes` into `text` (cleared first), counting
    /// malformed sequences and stray characters; `last` when `bytes` end the
    /// file (a character cut there is noted, not replaced).
    fn decode_into(
        encoding: &'static Encoding,
        bytes: &[u8],
        text: &mut String,
        last: bool,
    ) -> Counted {
        text.clear();
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let mut malformed = 0;
        let mut rest = bytes;
        loop {
            reserve_for(&decoder, text, rest.len());
            let (result, read) = decoder.decode_to_string_without_replacement(rest, text, false);
            rest = rest.get(read..).unwrap_or_default();
            match result {
                DecoderResult::InputEmpty => break,
                DecoderResult::OutputFull => {}
                DecoderResult::Malformed(_, _) => {
                    malformed += 1;
                    text.push('\u{FFFD}');
                }
            }
        }
        let cut = finish(&mut decoder, text);
        if cut && !last {
            malformed += 1;
            text.push('\u{FFFD}');
        }
        let stray = text
            .chars()
            .filter(|&c| matches!(c, '\u{80}'..='\u{9F}' | '\u{E000}'..='\u{F8FF}'))
            .count();
        Counted {
            malformed,
            stray,
            truncated: last && cut,
        }
    }
}

/// Makes room in `text` for what `decoder` makes of `input` more bytes.
fn reserve_for(decoder: &encoding_rs::Decoder, text: &mut String, input: usize) {
    let needed = decoder
        .max_utf8_buffer_length_without_replacement(input)
        .unwrap_or(input.saturating_mul(3));
    text.reserve(needed.max(16));
}

/// Flushes a decoder at the end of input; true when it held part of a
/// character (the input was cut in the middle of one).
fn finish(decoder: &mut encoding_rs::Decoder, text: &mut String) -> bool {
    let mut truncated = false;
    // A decoder holds at most a few pending bytes, so this ends quickly;
    // the bound only guards against surprises.
    for _ in 0..8 {
        reserve_for(decoder, text, 0);
        let (result, _) = decoder.decode_to_string_without_replacement(&[], text, true);
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => truncated = true,
        }
    }
    truncated
}

/// Counts UTF-8 characters, stray control bytes (NUL included) and NUL
/// bytes in one pass, in blocks small enough for byte counters so that the
/// loop vectorises.
fn count_characters_and_controls(bytes: &[u8]) -> (usize, usize, usize) {
    let (mut characters, mut controls, mut nuls) = (0usize, 0usize, 0usize);
    for block in bytes.chunks(255) {
        let (mut block_characters, mut block_controls, mut block_nuls) = (0u8, 0u8, 0u8);
        for &byte in block {
            block_characters += u8::from(!is_continuation(byte));
            block_controls += u8::from(is_stray_ascii_control(byte));
            block_nuls += u8::from(byte == 0);
        }
        characters += usize::from(block_characters);
        controls += usize::from(block_controls);
        nuls += usize::from(block_nuls);
    }
    (characters, controls, nuls)
}

/// A byte continuing a UTF-8 multi-byte character.
fn is_continuation(byte: u8) -> bool {
    byte & 0xC0 == 0x80
}

/// An ASCII control byte that text does not hold. Tab, line feed,
/// carriage return, vertical tab and form feed (page breaks copied out of
/// a PDF) are allowed.
fn is_stray_ascii_control(byte: u8) -> bool {
    // Written without branches: below tab, between carriage return and
    // space, or DEL.
    (byte < b'\t') | (byte.wrapping_sub(0x0E) < 0x12) | (byte == 0x7F)
}

/// Turns CRLF and lone CR into LF and NBSP into a plain space, copying only
/// when there is something to change.
pub(crate) fn normalize_text(text: String) -> String {
    let text = if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        normalize_line_ends(&text)
    } else {
        text
    };
    if memchr::memmem::find(text.as_bytes(), "\u{A0}".as_bytes()).is_some() {
        text.replace('\u{A0}', " ")
    } else {
        text
    }
}

/// Rewrites CRLF and lone CR as LF.
fn normalize_line_ends(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut start = 0;
    for position in memchr::memchr_iter(b'\r', bytes) {
        out.push_str(text.get(start..position).unwrap_or_default());
        if bytes.get(position + 1) != Some(&b'\n') {
            out.push('\n');
        }
        start = position + 1;
    }
    out.push_str(text.get(start..).unwrap_or_default());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

    fn text_of(bytes: &[u8]) -> String {
        match decode_text(bytes, None) {
            Ok(decoded) => decoded.text,
            Err(error) => panic!("unexpected error: {error}"),
        }
    }

    fn with_bom(bom: &[u8], encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let mut bytes = bom.to_vec();
        for unit in text.encode_utf16() {
            let pair = if encoding == UTF_16LE {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            };
            bytes.extend_from_slice(&pair);
        }
        bytes
    }

    #[test]
    fn plain_utf8_is_kept_as_is() {
        let decoded = decode_text("1.任务(责任单位:市发改委)\n".as_bytes(), None);
        assert_eq!(
            decoded,
            Ok(Decoded {
                text: "1.任务(责任单位:市发改委)\n".into(),
                encoding: "UTF-8",
                notes: vec![],
            })
        );
    }

    #[test]
    fn utf8_bom_is_dropped_and_crlf_becomes_lf() {
        assert_eq!(text_of(b"\xEF\xBB\xBFa\r\nb\r\n"), "a\nb\n");
    }

    #[test]
    fn lone_cr_becomes_lf() {
        assert_eq!(text_of(b"one\rtwo\r\rthree\r"), "one\ntwo\n\nthree\n");
        assert_eq!(text_of(b"a\r\n\rb"), "a\n\nb");
    }

    #[test]
    fn nbsp_becomes_space_but_ideographic_space_stays() {
        assert_eq!(
            text_of("\u{3000}\u{3000}一、\u{A0}总体要求".as_bytes()),
            "\u{3000}\u{3000}一、 总体要求"
        );
    }

    #[test]
    fn utf16_le_and_be_with_bom() {
        let text = "一、工作目标\r\n1.完成任务\n";
        let le = decode_text(with_bom(b"\xFF\xFE", UTF_16LE, text), None);
        let be = decode_text(with_bom(b"\xFE\xFF", UTF_16BE, text), None);
        assert_eq!(
            le.as_ref().map(|d| (d.text.as_str(), d.encoding)),
            Ok(("一、工作目标\n1.完成任务\n", "UTF-16LE"))
        );
        assert_eq!(
            be.as_ref().map(|d| (d.text.as_str(), d.encoding)),
            Ok(("一、工作目标\n1.完成任务\n", "UTF-16BE"))
        );
    }

    #[test]
    fn utf16_with_odd_length_is_truncated() {
        let mut bytes = with_bom(b"\xFF\xFE", UTF_16LE, "责任单位");
        bytes.push(0x41);
        let decoded = decode_text(&bytes, None);
        assert_eq!(
            decoded.map(|d| (d.text, d.notes)),
            Ok(("责任单位".to_string(), vec![TRUNCATED_NOTE.to_string()]))
        );
    }

    #[test]
    fn gbk_is_detected_and_read_as_gb18030() {
        let text =
            "一、总体要求\n1.推进项目建设。(牵头单位:市发展改革委;责任单位:各县市区人民政府)\n";
        let (bytes, _, _) = GB18030.encode(text);
        let decoded = decode_text(&bytes[..], None);
        assert_eq!(
            decoded.map(|d| (d.text, d.encoding)),
            Ok((text.to_string(), "GB18030"))
        );
    }

    #[test]
    fn gb18030_cut_in_a_character_is_truncated() {
        let (bytes, _, _) = GB18030.encode("各县市区人民政府负责落实各项工作任务");
        let cut = &bytes[..bytes.len() - 1];
        let decoded = decode_text(cut, None);
        assert_eq!(
            decoded.map(|d| (d.text, d.notes)),
            Ok((
                "各县市区人民政府负责落实各项工作任".to_string(),
                vec![TRUNCATED_NOTE.to_string()]
            ))
        );
    }

    #[test]
    fn utf8_cut_in_a_character_is_truncated() {
        let bytes = "责任单位".as_bytes();
        let decoded = decode_text(&bytes[..bytes.len() - 2], None);
        assert_eq!(
            decoded.map(|d| (d.text, d.encoding, d.notes)),
            Ok((
                "责任单".to_string(),
                "UTF-8",
                vec![TRUNCATED_NOTE.to_string()]
            ))
        );
    }

    #[test]
    fn declared_encoding_is_used_for_non_utf8() {
        let (bytes, _, _) = encoding_rs::BIG5.encode("責任單位:市政府辦公室");
        let decoded = decode_text(&bytes[..], Some(encoding_rs::BIG5));
        assert_eq!(
            decoded.map(|d| (d.text, d.encoding)),
            Ok(("責任單位:市政府辦公室".to_string(), "Big5"))
        );
    }

    #[test]
    fn valid_utf8_wins_over_a_declared_legacy_encoding() {
        let decoded = decode_text("责任单位".as_bytes(), Some(GBK));
        assert_eq!(decoded.map(|d| d.encoding), Ok("UTF-8"));
    }

    #[test]
    fn slightly_damaged_utf8_stays_utf8_with_a_note() {
        let mut bytes = "一、总体要求。".repeat(10).into_bytes();
        bytes.insert(9, 0xFF);
        let decoded = decode_text(&bytes, None);
        assert_eq!(
            decoded.map(|d| (d.encoding, d.notes)),
            Ok((
                "UTF-8",
                vec!["1 malformed sequences in UTF-8 replaced with \u{FFFD}".to_string()]
            ))
        );
    }

    /// A page of a work plan, lines of Chinese with numbers and units.
    fn plan_text() -> String {
        let mut text = String::from("关于印发2021年重点工作任务分解方案的通知\n一、总体要求\n");
        for number in 1..=30 {
            text.push_str(&format!(
                "{number}.推进重点项目建设,完成年度投资任务。(牵头单位:市发展改革委;责任单位:各县市区人民政府)\n"
            ));
        }
        text
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_anywhere_stays_utf8() {
        let text = plan_text();
        let mut bytes = text.clone().into_bytes();
        // 14 bad bytes, one on each of 14 lines, at character boundaries.
        let starts: Vec<usize> = text.match_indices("推进").map(|(at, _)| at).collect();
        for &at in starts.iter().take(14).rev() {
            bytes.insert(at, 0xFF);
        }
        let decoded = decode_text(&bytes, None).expect("damaged UTF-8 is text");
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(
            decoded.notes,
            ["14 malformed sequences in UTF-8 replaced with \u{FFFD}"]
        );
        assert_eq!(decoded.text.matches('\u{FFFD}').count(), 14);
        assert_eq!(decoded.text.replace('\u{FFFD}', ""), text);
    }

    #[test]
    fn a_few_nul_bytes_are_replaced_with_a_note() {
        let text = plan_text();
        let mut bytes = text.clone().into_bytes();
        bytes.insert(text.find("一、").unwrap(), 0);
        bytes.insert(text.rfind("推进").unwrap(), 0);
        let decoded = decode_text(&bytes, None).expect("text with two NULs is text");
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.notes, ["2 NUL bytes replaced with \u{FFFD}"]);
        assert_eq!(decoded.text.replace('\u{FFFD}', ""), text);
    }

    #[test]
    fn utf8_followed_by_gbk_is_decoded_in_parts() {
        let first = plan_text();
        let second =
            "二、保障措施\n1.加强组织领导,压实工作责任。(牵头单位:市政府办公室)\n".repeat(5);
        let mut bytes = first.clone().into_bytes();
        bytes.extend_from_slice(&GB18030.encode(&second).0);
        let decoded = decode_text(&bytes, None).expect("both parts decode");
        assert_eq!(decoded.text, format!("{first}{second}"));
        let first_lines = first.lines().count();
        let last_line = first_lines + second.lines().count();
        assert_eq!(
            decoded.notes,
            [format!(
                "decoded in parts: lines 1–{first_lines} UTF-8, {}–{last_line} GB18030",
                first_lines + 1
            )]
        );
    }

    #[test]
    fn short_gbk_lines_that_happen_to_be_utf8_are_read_as_gbk() {
        // 牵头单位 in GBK is C7A3 CDB7 B5A5 CEBB: three valid two-byte UTF-8
        // characters and one bad sequence; 牵头 alone is valid UTF-8 (ǣͷ).
        let text = "<td>牵头单位</td>\n<td>牵头</td>\n".to_string() + &plan_text();
        let bytes = GB18030.encode(&text).0.into_owned();
        let decoded = decode_text(&bytes[..], None).expect("GBK decodes");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text.as_str(), "GB18030")
        );
        assert_eq!(decoded.notes, Vec::<String>::new());
    }

    #[test]
    fn latin_lines_in_damaged_utf8_stay_utf8() {
        let text = "café résumé\n".to_string() + &plan_text();
        let mut bytes = text.clone().into_bytes();
        bytes.push(0xFF);
        let decoded = decode_text(&bytes[..], None).expect("UTF-8 decodes");
        assert_eq!(decoded.encoding, "UTF-8");
        assert_eq!(decoded.text, format!("{text}\u{FFFD}"));
    }

    #[test]
    fn gbk_followed_by_utf8_is_decoded_in_parts() {
        let first = plan_text();
        let second = "二、保障措施\n1.加强组织领导。(牵头单位:市政府办公室)\n";
        let mut bytes = GB18030.encode(&first).0.into_owned();
        bytes.extend_from_slice(second.as_bytes());
        let decoded = decode_text(&bytes, None).expect("both parts decode");
        assert_eq!(decoded.text, format!("{first}{second}"));
        assert_eq!(decoded.encoding, "GB18030");
    }

    #[test]
    fn big5_is_recognised_without_a_declaration() {
        let text = "關於印發重點工作任務分解方案的通知\n一、總體要求\n".to_string()
            + &"1.推進重點項目建設,完成年度投資任務。(牽頭單位:市發展改革委;責任單位:各縣市區人民政府)\n"
                .repeat(20);
        let (bytes, _, unmappable) = BIG5.encode(&text);
        assert!(!unmappable);
        let decoded = decode_text(&bytes[..], None).expect("Big5 decodes");
        assert_eq!(
            (decoded.text.as_str(), decoded.encoding),
            (text.as_str(), "Big5")
        );
        assert_eq!(decoded.notes, Vec::<String>::new());
    }

    #[test]
    fn utf16_without_bom_is_recognised_in_both_byte_orders() {
        let text = plan_text();
        let le = with_bom(b"", UTF_16LE, &text);
        let be = with_bom(b"", UTF_16BE, &text);
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let decoded = decode_text(&bytes, None).expect("UTF-16 decodes");
            assert_eq!(
                (decoded.text.as_str(), decoded.encoding),
                (text.as_str(), name)
            );
        }
    }

    #[test]
    fn ascii_with_a_nul_is_not_utf16() {
        let decoded = decode_text(b"abc\0def ghi jkl mno pqr stu vwx yz 0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZ abcdefghijklmnopqrstuvwxyz ABCDEFGHIJ".to_vec(), None);
        assert_eq!(
            decoded.map(|d| (d.encoding, d.notes)),
            Ok((
                "UTF-8",
                vec!["1 NUL bytes replaced with \u{FFFD}".to_string()]
            ))
        );
    }

    #[test]
    fn empty_and_blank_files_are_empty() {
        assert_eq!(decode_text(b"", None), Err(LoadError::Empty));
        assert_eq!(decode_text(b" \r\n\t\n", None), Err(LoadError::Empty));
        assert_eq!(decode_text(b"\xEF\xBB\xBF", None), Err(LoadError::Empty));
        assert_eq!(decode_text(b"\xFF\xFE", None), Err(LoadError::Empty));
        assert_eq!(
            decode_text("\u{3000}\n".as_bytes(), None),
            Err(LoadError::Empty)
        );
    }

    #[test]
    fn nul_and_control_bytes_are_binary() {
        assert_eq!(
            decode_text(b"abc\0def", None),
            Err(LoadError::Binary {
                encoding: "UTF-8",
                controls: 1
            })
        );
        assert_eq!(
            decode_text(b"\x01\x02\x03text", None),
            Err(LoadError::Binary {
                encoding: "UTF-8",
                controls: 3
            })
        );
        assert_eq!(
            decode_text(b"page one\x0Cpage two", None).map(|d| d.text),
            Ok("page one\x0Cpage two".into())
        );
    }

    #[test]
    fn random_bytes_without_nul_are_refused() {
        let mut state: u32 = 0x1234_5678;
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                (state >> 24) as u8
            })
            .map(|byte| byte.max(1))
            .collect();
        let result = decode_text(&bytes, None);
        assert!(
            matches!(
                result,
                Err(LoadError::Binary { .. } | LoadError::Undecodable { .. })
            ),
            "{result:?}"
        );
    }

    #[test]
    fn mostly_undecodable_gbk_is_refused() {
        let mut bytes = GB18030.encode("责任单位市政府办公室").0.into_owned();
        bytes.extend(std::iter::repeat_n([0x81, 0x20], 40).flatten());
        let result = decode_text(&bytes, Some(GB18030));
        assert!(
            matches!(
                result,
                Err(LoadError::Undecodable {
                    encoding: "GB18030",
                    ..
                })
            ),
            "{result:?}"
        );
    }

    #[test]
    fn detection_sample_skips_the_ascii_head_and_ends_between_characters() {
        let mut bytes = b"<html>".repeat(20_000);
        let text = "责任单位\n".repeat(20_000);
        let (chinese, _, _) = GB18030.encode(&text);
        bytes.extend_from_slice(&chinese);
        let sample = detection_sample(&bytes);
        assert!(
            sample.len() <= DETECTION_SAMPLE_BYTES && sample.len() > DETECTION_SAMPLE_BYTES - 10
        );
        assert!(chinese.starts_with(sample));
        assert_eq!(sample.last(), Some(&b'\n'));
        let decoded = decode_text(bytes, None).map(|d| d.encoding);
        assert_eq!(decoded, Ok("GB18030"));
    }

    #[test]
    fn owned_utf8_after_a_bom_is_decoded_in_place() {
        let decoded = decode_text(b"\xEF\xBB\xBF\xE8\xB4\xA3\xE4\xBB".to_vec(), None);
        assert_eq!(
            decoded.map(|d| (d.text, d.notes)),
            Ok(("责".to_string(), vec![TRUNCATED_NOTE.to_string()]))
        );
    }

    #[test]
    fn stray_control_bytes_are_the_ones_text_never_holds() {
        let stray: Vec<u8> = (0..=255u8)
            .filter(|byte| is_stray_ascii_control(*byte))
            .collect();
        let mut expected: Vec<u8> = (0..9).collect();
        expected.extend(0x0E..0x20);
        expected.push(0x7F);
        assert_eq!(stray, expected);
    }

    #[test]
    fn line_end_normalisation_copies_only_when_needed() {
        assert_eq!(normalize_text("no change\n".into()), "no change\n");
        assert_eq!(normalize_text("x\r\ny\rz\u{A0}".into()), "x\ny\nz ");
    }
}
