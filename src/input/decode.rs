//! Bytes to text: UTF-8 (with or without BOM), UTF-16 with BOM, and legacy
//! encodings (GBK/GB18030 above all) found by detection. Line ends become
//! `\n` and NBSP becomes a plain space; anything that is not text is refused.

use std::borrow::Cow;
use std::str::Utf8Error;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, GB18030, GBK, UTF_8};

use super::{Decoded, LoadError, TRUNCATED_NOTE};

/// A decode may replace at most one sequence in this many characters.
const MAX_MALFORMED_SHARE: usize = 50;

/// Damaged UTF-8 is still read as UTF-8 when it has at least this many good
/// non-ASCII characters per malformed sequence.
const MIN_GOOD_PER_MALFORMED_UTF8: usize = 20;

/// Text may hold at most one stray control character in this many characters.
const MAX_CONTROL_SHARE: usize = 100;

/// How much of a file the encoding detector reads.
const DETECTION_SAMPLE_BYTES: usize = 64 * 1024;

/// Size of the buffer legacy decoding writes through.
const CHUNK_BYTES: usize = 16 * 1024;

/// Decodes a text file. `declared` is an encoding named by the file itself
/// (an HTML `<meta charset>`); it is used when the bytes are not UTF-8.
/// Owned UTF-8 bytes become the text without being copied.
pub(crate) fn decode_text<'a>(
    bytes: impl Into<Cow<'a, [u8]>>,
    declared: Option<&'static Encoding>,
) -> Result<Decoded, LoadError> {
    let bytes = bytes.into();
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let decoded = match Encoding::for_bom(&bytes) {
        Some((encoding, bom_length)) if encoding == UTF_8 => {
            decode_utf8_or_damaged(drop_front(bytes, bom_length))?
        }
        Some((encoding, bom_length)) => {
            let after_bom = bytes.get(bom_length..).unwrap_or_default();
            Counted::decode(encoding, after_bom).accept(encoding)?
        }
        None => decode_unmarked(bytes, declared)?,
    };
    check_is_text(&decoded.text)?;
    Ok(Decoded {
        text: normalize_text(decoded.text),
        ..decoded
    })
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

/// Decodes bytes after a UTF-8 byte-order mark: UTF-8, if need be with a
/// few bad sequences replaced.
fn decode_utf8_or_damaged(bytes: Cow<'_, [u8]>) -> Result<Decoded, LoadError> {
    refuse_nul(&bytes)?;
    match decode_utf8(bytes) {
        Ok(decoded) => Ok(decoded),
        Err(bytes) => Counted::decode(UTF_8, &bytes).accept(UTF_8),
    }
}

/// Decodes bytes without a byte-order mark: UTF-8 if they are, else the
/// declared or detected legacy encoding.
fn decode_unmarked(
    bytes: Cow<'_, [u8]>,
    declared: Option<&'static Encoding>,
) -> Result<Decoded, LoadError> {
    refuse_nul(&bytes)?;
    let bytes = match decode_utf8(bytes) {
        Ok(decoded) => return Ok(decoded),
        Err(bytes) => bytes,
    };
    if is_damaged_utf8(&bytes) {
        return Counted::decode(UTF_8, &bytes).accept(UTF_8);
    }
    let encoding = declared
        .filter(|encoding| *encoding != UTF_8)
        .unwrap_or_else(|| detect(&bytes));
    let encoding = widen(encoding);
    Counted::decode(encoding, &bytes).accept(encoding)
}

/// NUL bytes never occur in text outside UTF-16.
fn refuse_nul(bytes: &[u8]) -> Result<(), LoadError> {
    match memchr::memchr(0, bytes) {
        Some(_) => Err(LoadError::Binary),
        None => Ok(()),
    }
}

/// The fast path: valid UTF-8, or UTF-8 cut in the middle of its last
/// character. Gives the bytes back when they are not UTF-8.
fn decode_utf8(bytes: Cow<'_, [u8]>) -> Result<Decoded, Cow<'_, [u8]>> {
    let (bytes, error) = match into_string(bytes) {
        Ok(text) => return Ok(decoded(UTF_8, text, Vec::new())),
        Err(failure) => failure,
    };
    if error.error_len().is_some() {
        return Err(bytes);
    }
    let mut valid = bytes.into_owned();
    valid.truncate(error.valid_up_to());
    let text = String::from_utf8(valid)
        .unwrap_or_else(|error| String::from_utf8_lossy(error.as_bytes()).into_owned());
    Ok(decoded(UTF_8, text, vec![TRUNCATED_NOTE.to_string()]))
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

/// Bytes that fail as UTF-8 only here and there: many good multi-byte
/// characters for each bad sequence, and few bad sequences overall.
fn is_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut characters, mut malformed) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid().as_bytes();
        good += valid.iter().filter(|byte| **byte >= 0xC0).count();
        characters += valid.iter().filter(|byte| !is_continuation(**byte)).count();
        malformed += usize::from(!chunk.invalid().is_empty());
    }
    good >= malformed.saturating_mul(MIN_GOOD_PER_MALFORMED_UTF8)
        && malformed.saturating_mul(MAX_MALFORMED_SHARE) <= characters + malformed
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

/// Wraps decoded text with its encoding's name and notes.
fn decoded(encoding: &'static Encoding, text: String, notes: Vec<String>) -> Decoded {
    Decoded {
        text,
        encoding: display_name(encoding),
        notes,
    }
}

/// The outcome of a decode that counts what it could not decode.
struct Counted {
    text: String,
    /// Invalid sequences met before the end, each replaced by U+FFFD.
    malformed: usize,
    /// The input ended inside a character; that part is dropped.
    truncated: bool,
}

impl Counted {
    /// Decodes all of `bytes`, counting malformed sequences. Output goes
    /// through a fixed buffer so that many malformed sequences cost no more
    /// than a few.
    fn decode(encoding: &'static Encoding, bytes: &[u8]) -> Counted {
        let mut decoder = encoding.new_decoder_without_bom_handling();
        let mut chunk = "\0".repeat(CHUNK_BYTES);
        let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
        let mut malformed = 0;
        let mut rest = bytes;
        loop {
            let (result, read, written) =
                decoder.decode_to_str_without_replacement(rest, &mut chunk, false);
            text.push_str(chunk.get(..written).unwrap_or_default());
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
        let truncated = finish(&mut decoder, &mut chunk, &mut text);
        Counted {
            text,
            malformed,
            truncated,
        }
    }

    /// More than one character in [`MAX_MALFORMED_SHARE`] was replaced.
    fn has_too_many_malformed(&self) -> bool {
        self.malformed.saturating_mul(MAX_MALFORMED_SHARE) > self.text.chars().count()
    }

    /// The decoded text, or why it is not good enough.
    fn accept(self, encoding: &'static Encoding) -> Result<Decoded, LoadError> {
        if self.has_too_many_malformed() {
            return Err(LoadError::Undecodable {
                encoding: display_name(encoding),
                malformed: self.malformed,
            });
        }
        check_characters(&self.text)?;
        let mut notes = Vec::new();
        if self.malformed > 0 {
            notes.push(format!(
                "{} malformed sequences replaced with \u{FFFD}",
                self.malformed
            ));
        }
        if self.truncated {
            notes.push(TRUNCATED_NOTE.to_string());
        }
        Ok(decoded(encoding, self.text, notes))
    }
}

/// Flushes a decoder at the end of input; true when it held part of a
/// character (the input was cut in the middle of one).
fn finish(decoder: &mut encoding_rs::Decoder, chunk: &mut str, text: &mut String) -> bool {
    let mut truncated = false;
    // A decoder holds at most a few pending bytes, so this ends quickly;
    // the bound only guards against surprises.
    for _ in 0..8 {
        let (result, _, written) = decoder.decode_to_str_without_replacement(&[], chunk, true);
        text.push_str(chunk.get(..written).unwrap_or_default());
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => {}
            DecoderResult::Malformed(_, _) => truncated = true,
        }
    }
    truncated
}

/// Refuses text that is empty or has too many stray control bytes. Works
/// on bytes, so it keeps up with UTF-8 validation.
fn check_is_text(text: &str) -> Result<(), LoadError> {
    if text
        .trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .is_empty()
    {
        return Err(LoadError::Empty);
    }
    let (characters, controls) = count_characters_and_controls(text.as_bytes());
    refuse_if_too_many(controls, characters)
}

/// Counts UTF-8 characters and stray control bytes in one pass, in blocks
/// small enough for byte counters so that the loop vectorises.
fn count_characters_and_controls(bytes: &[u8]) -> (usize, usize) {
    let (mut characters, mut controls) = (0usize, 0usize);
    for block in bytes.chunks(255) {
        let (mut block_characters, mut block_controls) = (0u8, 0u8);
        for &byte in block {
            block_characters += u8::from(!is_continuation(byte));
            block_controls += u8::from(is_stray_ascii_control(byte));
        }
        characters += usize::from(block_characters);
        controls += usize::from(block_controls);
    }
    (characters, controls)
}

/// Refuses decoded legacy text holding C1 controls or private-use
/// characters (what random bytes turn into) besides stray control bytes.
fn check_characters(text: &str) -> Result<(), LoadError> {
    let (characters, stray) = text.chars().fold((0, 0), |(characters, stray), c| {
        (characters + 1, stray + usize::from(is_stray_character(c)))
    });
    refuse_if_too_many(stray, characters)
}

/// More than one stray character in [`MAX_CONTROL_SHARE`] means binary.
fn refuse_if_too_many(stray: usize, characters: usize) -> Result<(), LoadError> {
    if stray.saturating_mul(MAX_CONTROL_SHARE) > characters {
        Err(LoadError::Binary)
    } else {
        Ok(())
    }
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

/// A character that text does not hold: a stray control character, a C1
/// control, or a private-use character.
fn is_stray_character(c: char) -> bool {
    match u8::try_from(c) {
        Ok(byte) if byte.is_ascii() => is_stray_ascii_control(byte),
        _ => matches!(c, '\u{80}'..='\u{9F}' | '\u{E000}'..='\u{F8FF}'),
    }
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
                vec!["1 malformed sequences replaced with \u{FFFD}".to_string()]
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
        assert_eq!(decode_text(b"abc\0def", None), Err(LoadError::Binary));
        assert_eq!(
            decode_text(b"\x01\x02\x03text", None),
            Err(LoadError::Binary)
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
                Err(LoadError::Binary | LoadError::Undecodable { .. })
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
