//! One character of a query, found in UTF-8 bytes forwards and backwards
//! with `memchr`, without decoding the text.
//!
//! UTF-8 is self-synchronising: the encoding of a whole character can only
//! be found where a character starts, so byte searches give character
//! boundaries.

use memchr::memmem::{Finder, FinderRev};

/// A query character to look for.
#[derive(Debug, Clone)]
pub enum Needle {
    /// An ASCII character matched exactly.
    Byte(u8),
    /// An ASCII letter matched in either case.
    Letter { lower: u8, upper: u8 },
    /// Any other character: its UTF-8 encoding.
    Encoded(Box<Encoded>),
}

/// Searchers for the UTF-8 encoding of a character.
#[derive(Debug, Clone)]
pub struct Encoded {
    forward: Finder<'static>,
    backward: FinderRev<'static>,
}

impl Needle {
    /// The needle for `c`; ASCII letters match either case when `ignore_case`.
    pub fn new(c: char, ignore_case: bool) -> Self {
        if c.is_ascii() {
            let byte = c as u8;
            if ignore_case && byte.is_ascii_alphabetic() {
                return Needle::Letter {
                    lower: byte.to_ascii_lowercase(),
                    upper: byte.to_ascii_uppercase(),
                };
            }
            return Needle::Byte(byte);
        }
        let mut buffer = [0u8; 4];
        let encoded = c.encode_utf8(&mut buffer).as_bytes();
        Needle::Encoded(Box::new(Encoded {
            forward: Finder::new(encoded).into_owned(),
            backward: FinderRev::new(encoded).into_owned(),
        }))
    }

    /// Length of the character in bytes.
    pub fn len(&self) -> usize {
        match self {
            Needle::Byte(_) | Needle::Letter { .. } => 1,
            Needle::Encoded(encoded) => encoded.forward.needle().len(),
        }
    }

    /// Offset of the first occurrence in `haystack`.
    pub fn find(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            Needle::Byte(byte) => memchr::memchr(*byte, haystack),
            Needle::Letter { lower, upper } => memchr::memchr2(*lower, *upper, haystack),
            Needle::Encoded(encoded) => encoded.forward.find(haystack),
        }
    }

    /// Offset of the last occurrence in `haystack`.
    pub fn rfind(&self, haystack: &[u8]) -> Option<usize> {
        match self {
            Needle::Byte(byte) => memchr::memrchr(*byte, haystack),
            Needle::Letter { lower, upper } => memchr::memrchr2(*lower, *upper, haystack),
            Needle::Encoded(encoded) => encoded.backward.rfind(haystack),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_characters_both_ways() {
        let text = "市发改委、市财政局、发改".as_bytes();
        let needle = Needle::new('发', false);
        assert_eq!(needle.len(), 3);
        assert_eq!(needle.find(text), Some(3));
        assert_eq!(needle.rfind(text), Some(30));
        assert_eq!(Needle::new('区', false).find(text), None);
    }

    #[test]
    fn letters_ignore_case_only_when_asked() {
        assert_eq!(Needle::new('g', true).find(b"5G network"), Some(1));
        assert_eq!(Needle::new('g', false).find(b"5G network"), None);
        assert_eq!(Needle::new('5', true).rfind(b"5G 5"), Some(3));
    }
}
