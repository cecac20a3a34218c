//! Folding full-width ASCII forms to half width, so the parser reads
//! `（牵头单位：X）` and `(牵头单位:X)` alike.

use std::borrow::Cow;

/// The first and last full-width ASCII forms (！ to ～).
const FULL_WIDTH: std::ops::RangeInclusive<char> = '\u{ff01}'..='\u{ff5e}';

/// Distance from a full-width form to its ASCII character.
const OFFSET: u32 = 0xfee0;

/// Text with full-width ASCII forms (（）：，；１２．) folded to half width;
/// borrowed unchanged when there are none.
pub fn fold_width(text: &str) -> Cow<'_, str> {
    let mut forms = full_width_starts(text).peekable();
    if forms.peek().is_none() {
        return Cow::Borrowed(text);
    }
    // Copy the runs between full-width forms as they are.
    let mut folded = String::with_capacity(text.len());
    let mut copied = 0;
    for at in forms {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let narrow = fold_char(c);
        if narrow != c {
            folded.push_str(text.get(copied..at).unwrap_or_default());
            folded.push(narrow);
            copied = at + c.len_utf8();
        }
    }
    folded.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(folded)
}

/// Where characters that may be full-width forms start: they are encoded
/// EF BC 80..EF BD BF in UTF-8, and EF only ever starts a character.
fn full_width_starts(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    memchr::memchr_iter(0xef, bytes).filter(|&at| matches!(bytes.get(at + 1), Some(0xbc | 0xbd)))
}

fn fold_char(c: char) -> char {
    if FULL_WIDTH.contains(&c) {
        char::from_u32(c as u32 - OFFSET).unwrap_or(c)
    } else {
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width_forms() {
        assert_eq!(
            fold_width("１２．推进（牵头单位：市发改委；责任单位：市财政局，市教育局）"),
            "12.推进(牵头单位:市发改委;责任单位:市财政局,市教育局)"
        );
    }

    #[test]
    fn folds_forms_among_other_text() {
        assert_eq!(
            fold_width("一、（一）推进：ａ～｟ｂ！"),
            "一、(一)推进:a~｟b!"
        );
        assert_eq!(fold_width("１"), "1");
    }

    #[test]
    fn leaves_other_text_alone() {
        let text = "一、工作目标。“三线一单”、〔2020〕";
        assert!(matches!(fold_width(text), Cow::Borrowed(_)));
        assert_eq!(fold_width("\u{3000}全角空格"), "\u{3000}全角空格");
    }
}
