//! Any bytes, taken as a text file, a web page and a .docx, decode and
//! parse without a panic; the bytes read as UTF-8 also go to the parser
//! directly, past the decoder's refusal of binary data.

#![no_main]

use libfuzzer_sys::fuzz_target;
use zeren::input::{self, FileKind};
use zeren::parse::parse_document;

fuzz_target!(|data: &[u8]| {
    for kind in [FileKind::Text, FileKind::Html, FileKind::Docx] {
        if let Ok(decoded) = input::decode_bytes(kind, data) {
            parse_document(&decoded.text);
        }
    }
    parse_document(&String::from_utf8_lossy(data));
});
