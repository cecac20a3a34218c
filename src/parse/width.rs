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
    if !has_full_width(text.as_bytes()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(fold_char).collect())
}

/// Full-width forms are encoded EF BC 81..EF BD 9E in UTF-8.
fn has_full_width(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xef, bytes).any(|at| matches!(bytes.get(at + 1), Some(0xbc | 0xbd)))
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
    fn leaves_other_text_alone() {
        let text = "一、工作目标。“三线一单”、〔2020〕";
        assert!(matches!(fold_width(text), Cow::Borrowed(_)));
        assert_eq!(fold_width("\u{3000}全角空格"), "\u{3000}全角空格");
    }
}
