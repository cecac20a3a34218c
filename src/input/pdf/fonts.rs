//! The fonts of a PDF as text: how a shown string splits into character
//! codes, what Unicode text each code stands for, and how wide it is.
//!
//! A font's ToUnicode map is used whenever it has one (what office suites
//! write for embedded subset fonts); lopdf parses it. Without one, the
//! predefined CMaps of Chinese fonts that are not embedded are decoded
//! directly: UniGB-UCS2-H and UniGB-UTF16-H codes are UTF-16, GBK-EUC-H,
//! GB-EUC-H, GBKp-EUC-H and GBK2K-H codes are GBK / GB18030 bytes. Simple
//! fonts use their encoding (WinAnsi, Differences…) as lopdf reads it.

use std::collections::HashMap;

use encoding_rs::GB18030;
use lopdf::{Dictionary, Document, Encoding, Object};

use super::STREAM_LIMIT;

/// How a font's strings split into codes, and what codes mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Codes {
    /// One byte per code (simple fonts).
    OneByte,
    /// Two bytes per code, read through the font's encoding or ToUnicode.
    TwoBytes,
    /// Two-byte UTF-16 codes (UniGB-UCS2-H, UniGB-UTF16-H) with no ToUnicode.
    Utf16,
    /// GBK or GB18030 byte sequences (GBK-EUC-H and kin) with no ToUnicode.
    Gbk,
    /// Two-byte codes of a CID font with neither a ToUnicode map nor a
    /// predefined CMap whose codes tell the text (Identity-H alone).
    Unmapped,
}

/// Predefined CMaps whose codes are GBK or GB18030 bytes.
const GBK_CMAPS: [&[u8]; 8] = [
    b"GBK-EUC-H",
    b"GBK-EUC-V",
    b"GB-EUC-H",
    b"GB-EUC-V",
    b"GBKp-EUC-H",
    b"GBKp-EUC-V",
    b"GBK2K-H",
    b"GBK2K-V",
];

/// Predefined CMaps whose codes are UTF-16.
const UTF16_CMAPS: [&[u8]; 4] = [
    b"UniGB-UCS2-H",
    b"UniGB-UCS2-V",
    b"UniGB-UTF16-H",
    b"UniGB-UTF16-V",
];

/// One font, ready to decode strings.
pub(super) struct Font<'a> {
    codes: Codes,
    encoding: Option<Encoding<'a>>,
    widths: Widths,
}

/// A decoded character code.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Glyph {
    /// The text it stands for; empty when the font cannot tell.
    pub text: String,
    /// Its advance in thousandths of the font size.
    pub width: f32,
    /// True for the single-byte code 32, which word spacing applies to.
    pub is_space_code: bool,
}

impl<'a> Font<'a> {
    /// Reads a font. `plain` is the font dictionary without its /Encoding
    /// when it has a ToUnicode map, so lopdf reads the map.
    pub(super) fn new(
        document: &'a Document,
        font: &'a Dictionary,
        plain: &'a Dictionary,
    ) -> Font<'a> {
        let is_type0 = name(document, font, b"Subtype") == Some(b"Type0".as_slice());
        let has_to_unicode = font.has(b"ToUnicode");
        let cmap = name(document, font, b"Encoding");
        let codes = match (is_type0, has_to_unicode, cmap) {
            (false, _, _) => Codes::OneByte,
            (true, true, _) => Codes::TwoBytes,
            (true, false, Some(cmap)) if GBK_CMAPS.contains(&cmap) => Codes::Gbk,
            (true, false, Some(cmap)) if UTF16_CMAPS.contains(&cmap) => Codes::Utf16,
            (true, false, _) => Codes::Unmapped,
        };
        let encoding = match codes {
            Codes::Gbk | Codes::Utf16 | Codes::Unmapped => None,
            _ => plain
                .get_font_encoding_with_limit(document, STREAM_LIMIT)
                .ok(),
        };
        let widths = if is_type0 {
            Widths::of_cid_font(document, font)
        } else {
            Widths::of_simple_font(document, font)
        };
        Font {
            codes,
            encoding,
            widths,
        }
    }

    /// Splits a shown string into its glyphs.
    pub(super) fn glyphs(&self, bytes: &[u8]) -> Vec<Glyph> {
        let mut glyphs = Vec::new();
        let mut position = 0;
        while position < bytes.len() {
            let length = self.code_length(&bytes[position..]);
            let end = (position + length).min(bytes.len());
            let code = &bytes[position..end];
            glyphs.push(self.glyph(code));
            position = end;
        }
        glyphs
    }

    fn code_length(&self, rest: &[u8]) -> usize {
        match self.codes {
            Codes::OneByte => 1,
            Codes::TwoBytes | Codes::Utf16 | Codes::Unmapped => 2,
            Codes::Gbk => match rest {
                [first, ..] if *first < 0x81 => 1,
                [_, second, ..] if (0x30..=0x39).contains(second) => 4,
                _ => 2,
            },
        }
    }

    fn glyph(&self, code: &[u8]) -> Glyph {
        let number = code
            .iter()
            .fold(0u32, |value, byte| (value << 8) | u32::from(*byte));
        let text = match self.codes {
            Codes::Gbk => GB18030.decode_without_bom_handling(code).0.into_owned(),
            Codes::Utf16 => encoding_rs::UTF_16BE
                .decode_without_bom_handling(code)
                .0
                .into_owned(),
            _ => self
                .encoding
                .as_ref()
                .and_then(|encoding| encoding.bytes_to_string(code).ok())
                .unwrap_or_default(),
        };
        let text: String = text
            .chars()
            .filter(|c| *c != '\u{FFFD}' && *c != '\0')
            .collect();
        let width = match self.codes {
            Codes::OneByte | Codes::TwoBytes | Codes::Unmapped => self.widths.of(number),
            // Codes of predefined CMaps are not CIDs: half width for ASCII.
            _ if code.len() == 1 || number < 0x80 => 500.0,
            _ => self.widths.default,
        };
        Glyph {
            text,
            width,
            is_space_code: code == [32],
        }
    }
}

/// Glyph widths by code (simple fonts) or CID (CID fonts).
#[derive(Debug, Default)]
struct Widths {
    by_code: HashMap<u32, f32>,
    default: f32,
}

/// A CID font's W array is read for at most this many entries.
const MAX_WIDTH_ENTRIES: usize = 100_000;

impl Widths {
    fn of(&self, code: u32) -> f32 {
        self.by_code.get(&code).copied().unwrap_or(self.default)
    }

    /// FirstChar and Widths of a simple font.
    fn of_simple_font(document: &Document, font: &Dictionary) -> Widths {
        let first = number(document, font.get(b"FirstChar").ok()).unwrap_or(0.0) as u32;
        let missing = font
            .get_deref(b"FontDescriptor", document)
            .and_then(Object::as_dict)
            .ok()
            .and_then(|descriptor| number(document, descriptor.get(b"MissingWidth").ok()))
            .filter(|width| *width > 0.0)
            .unwrap_or(500.0);
        let mut widths = Widths {
            by_code: HashMap::new(),
            default: missing,
        };
        if let Some(array) = array(document, font.get(b"Widths").ok()) {
            for (offset, width) in array.iter().take(256).enumerate() {
                if let Some(width) = number(document, Some(width)) {
                    widths.by_code.insert(first + offset as u32, width);
                }
            }
        }
        widths
    }

    /// DW and W of a Type0 font's descendant.
    fn of_cid_font(document: &Document, font: &Dictionary) -> Widths {
        let descendant = array(document, font.get(b"DescendantFonts").ok())
            .and_then(|fonts| fonts.first())
            .and_then(|first| document.dereference(first).ok())
            .and_then(|(_, object)| object.as_dict().ok());
        let Some(descendant) = descendant else {
            return Widths {
                by_code: HashMap::new(),
                default: 1000.0,
            };
        };
        let mut widths = Widths {
            by_code: HashMap::new(),
            default: number(document, descendant.get(b"DW").ok()).unwrap_or(1000.0),
        };
        let Some(entries) = array(document, descendant.get(b"W").ok()) else {
            return widths;
        };
        let mut index = 0;
        while index + 1 < entries.len() && widths.by_code.len() < MAX_WIDTH_ENTRIES {
            let Some(first) = number(document, entries.get(index)) else {
                break;
            };
            let first = first as u32;
            if let Some(list) = array(document, entries.get(index + 1)) {
                for (offset, width) in list.iter().enumerate().take(MAX_WIDTH_ENTRIES) {
                    if let Some(width) = number(document, Some(width)) {
                        widths.by_code.insert(first + offset as u32, width);
                    }
                }
                index += 2;
            } else {
                let last = number(document, entries.get(index + 1)).unwrap_or(0.0) as u32;
                let width = number(document, entries.get(index + 2)).unwrap_or(widths.default);
                let last = last.min(first.saturating_add(MAX_WIDTH_ENTRIES as u32));
                for code in first..=last {
                    widths.by_code.insert(code, width);
                }
                index += 3;
            }
        }
        widths
    }
}

/// A name entry of a dictionary, through references.
fn name<'a>(document: &'a Document, dictionary: &'a Dictionary, key: &[u8]) -> Option<&'a [u8]> {
    dictionary.get_deref(key, document).ok()?.as_name().ok()
}

/// A number, through a reference.
pub(super) fn number(document: &Document, object: Option<&Object>) -> Option<f32> {
    let (_, object) = document.dereference(object?).ok()?;
    object.as_float().ok()
}

/// An array, through a reference.
fn array<'a>(document: &'a Document, object: Option<&'a Object>) -> Option<&'a Vec<Object>> {
    let (_, object) = document.dereference(object?).ok()?;
    object.as_array().ok()
}
