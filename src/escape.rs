//! Control characters made harmless before text reaches a terminal. A file
//! name or a document can hold escape sequences that recolour the terminal,
//! clear the screen or retitle the window, and bidirectional overrides that
//! reorder what is shown; printed as they are, they act instead of showing.

use std::borrow::Cow;
use std::fmt::Write;

/// True for a character a terminal acts on rather than shows: the C0
/// controls (tab and line feed included), DEL, the C1 controls, and the
/// bidirectional embeddings, overrides, isolates and marks.
pub fn is_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with each control character written as an escape: `\t`, `\n`,
/// `\r`, else `\u{1b}` and the like. Borrowed when there is none.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_control) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => escaped.push_str("\\t"),
            '\n' => escaped.push_str("\\n"),
            '\r' => escaped.push_str("\\r"),
            c if is_control(c) => {
                // Writing to a String cannot fail.
                let _ = write!(escaped, "\\u{{{:x}}}", u32::from(c));
            }
            c => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_written_out() {
        assert_eq!(
            escape_controls("a\u{1b}[31mred\u{7}\u{9b}"),
            "a\\u{1b}[31mred\\u{7}\\u{9b}"
        );
        assert_eq!(escape_controls("x\ty\nz\r"), "x\\ty\\nz\\r");
        assert_eq!(escape_controls("abc\u{202E}txt"), "abc\\u{202e}txt");
        assert_eq!(escape_controls("\u{7f}"), "\\u{7f}");
    }

    #[test]
    fn ordinary_text_is_borrowed() {
        let text = "济源市人民政府 “三线一单”\u{3000}①";
        assert!(matches!(escape_controls(text), Cow::Borrowed(_)));
    }
}
