//! HTML character references: the named ones Chinese government pages use
//! and all numeric ones (`&#12289;`, `&#x3001;`).

use std::borrow::Cow;

/// Longest entity name looked up.
const MAX_NAME_LENGTH: usize = 32;

/// Replaces character references in `text`; unknown ones stay as written.
pub(super) fn decode_entities(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut decoded = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(ampersand) = memchr::memchr(b'&', rest.as_bytes()) {
        decoded.push_str(rest.get(..ampersand).unwrap_or_default());
        let after = rest.get(ampersand + 1..).unwrap_or_default();
        match reference(after) {
            Some((character, length)) => {
                decoded.push(character);
                rest = after.get(length..).unwrap_or_default();
            }
            None => {
                decoded.push('&');
                rest = after;
            }
        }
    }
    decoded.push_str(rest);
    Cow::Owned(decoded)
}

/// The character a reference after `&` stands for, and how many bytes of
/// `text` it takes (including the `;`, which may be missing).
fn reference(text: &str) -> Option<(char, usize)> {
    match text.strip_prefix('#') {
        Some(number) => {
            numeric_reference(number).map(|(character, length)| (character, length + 1))
        }
        None => named_reference(text),
    }
}

/// `&#...;` and `&#x...;`.
fn numeric_reference(text: &str) -> Option<(char, usize)> {
    let (digits_start, radix) = match text.as_bytes().first() {
        Some(b'x' | b'X') => (1, 16),
        _ => (0, 10),
    };
    let digits = text.get(digits_start..)?;
    let digit_count = digits
        .bytes()
        .take_while(|byte| (*byte as char).is_digit(radix))
        .count();
    if digit_count == 0 {
        return None;
    }
    let value = digits
        .bytes()
        .take(digit_count)
        .filter_map(|byte| (byte as char).to_digit(radix))
        .fold(0u32, |value, digit| {
            value.saturating_mul(radix).saturating_add(digit)
        });
    let length =
        digits_start + digit_count + usize::from(digits.as_bytes().get(digit_count) == Some(&b';'));
    Some((code_point_character(value), length))
}

/// What a browser shows for a numeric reference: C1 codes as in
/// windows-1252, invalid ones as U+FFFD.
fn code_point_character(value: u32) -> char {
    match value {
        0x80..=0x9F => windows_1252_character(value as u8),
        0 => '\u{FFFD}',
        _ => char::from_u32(value).unwrap_or('\u{FFFD}'),
    }
}

/// The windows-1252 character for a byte.
fn windows_1252_character(byte: u8) -> char {
    let bytes = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.chars().next().unwrap_or('\u{FFFD}')
}

/// `&name;` (or `&name` without the `;`).
fn named_reference(text: &str) -> Option<(char, usize)> {
    let length = text
        .bytes()
        .take(MAX_NAME_LENGTH)
        .take_while(u8::is_ascii_alphanumeric)
        .count();
    let name = text.get(..length)?;
    if let Some(character) = named_character(name) {
        let semicolon = usize::from(text.as_bytes().get(length) == Some(&b';'));
        return Some((character, length + semicolon));
    }
    legacy_prefix(name)
}

/// Old references browsers still read without a `;` even when letters
/// follow, as in `&nbspand`.
fn legacy_prefix(name: &str) -> Option<(char, usize)> {
    const LEGACY: [&str; 6] = ["nbsp", "amp", "quot", "copy", "lt", "gt"];
    let prefix = LEGACY.iter().find(|legacy| name.starts_with(*legacy))?;
    Some((named_character(prefix)?, prefix.len()))
}

/// The named references worth knowing. Spacing entities (`&ensp;`,
/// `&emsp;`, `&thinsp;`), used to indent paragraphs, become plain spaces.
fn named_character(name: &str) -> Option<char> {
    let character = match name {
        "nbsp" | "ensp" | "emsp" | "thinsp" | "NonBreakingSpace" => ' ',
        "amp" | "AMP" => '&',
        "lt" | "LT" => '<',
        "gt" | "GT" => '>',
        "quot" | "QUOT" => '"',
        "apos" => '\'',
        "ldquo" => '\u{201C}',
        "rdquo" => '\u{201D}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "sbquo" => '\u{201A}',
        "bdquo" => '\u{201E}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "middot" => '\u{00B7}',
        "bull" => '\u{2022}',
        "laquo" => '\u{00AB}',
        "raquo" => '\u{00BB}',
        "lsaquo" => '\u{2039}',
        "rsaquo" => '\u{203A}',
        "copy" | "COPY" => '\u{00A9}',
        "reg" | "REG" => '\u{00AE}',
        "trade" => '\u{2122}',
        "times" => '\u{00D7}',
        "divide" => '\u{00F7}',
        "deg" => '\u{00B0}',
        "plusmn" => '\u{00B1}',
        "minus" => '\u{2212}',
        "le" => '\u{2264}',
        "ge" => '\u{2265}',
        "ne" => '\u{2260}',
        "permil" => '\u{2030}',
        "sect" => '\u{00A7}',
        "para" => '\u{00B6}',
        "yen" => '\u{00A5}',
        "cent" => '\u{00A2}',
        "pound" => '\u{00A3}',
        "euro" => '\u{20AC}',
        "larr" => '\u{2190}',
        "uarr" => '\u{2191}',
        "rarr" => '\u{2192}',
        "darr" => '\u{2193}',
        "harr" => '\u{2194}',
        "prime" => '\u{2032}',
        "Prime" => '\u{2033}',
        "dagger" => '\u{2020}',
        "Dagger" => '\u{2021}',
        "sup1" => '\u{00B9}',
        "sup2" => '\u{00B2}',
        "sup3" => '\u{00B3}',
        "frac12" => '\u{00BD}',
        "frac14" => '\u{00BC}',
        "frac34" => '\u{00BE}',
        "micro" => '\u{00B5}',
        "iexcl" => '\u{00A1}',
        "iquest" => '\u{00BF}',
        "shy" => '\u{00AD}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "star" => '\u{2606}',
        "starf" => '\u{2605}',
        "check" => '\u{2713}',
        "radic" => '\u{221A}',
        "infin" => '\u{221E}',
        "sim" => '\u{223C}',
        "asymp" => '\u{2248}',
        "loz" => '\u{25CA}',
        _ => return None,
    };
    Some(character)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn named_references() {
        assert_eq!(
            decode_entities("&ldquo;放管服&rdquo;&mdash;改革&hellip;&middot;A&amp;B&lt;&gt;&quot;"),
            "\u{201C}放管服\u{201D}\u{2014}改革\u{2026}\u{00B7}A&B<>\""
        );
    }

    #[test]
    fn nbsp_and_spacing_entities_are_spaces() {
        assert_eq!(decode_entities("&nbsp;&emsp;x&nbspy"), "  x y");
    }

    #[test]
    fn numeric_references() {
        assert_eq!(
            decode_entities("一&#12289;二&#x3001;三&#X3001"),
            "一、二、三、"
        );
        assert_eq!(
            decode_entities("&#150;&#0;&#xD800;&#99999999999999;"),
            "\u{2013}\u{FFFD}\u{FFFD}\u{FFFD}"
        );
    }

    #[test]
    fn unknown_or_broken_references_stay() {
        assert_eq!(
            decode_entities("a & b &unknown; &#; &#x; &"),
            "a & b &unknown; &#; &#x; &"
        );
        assert_eq!(decode_entities("no entities"), "no entities");
    }
}
