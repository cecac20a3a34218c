//! Cleaning a unit name as written: character widths, spaces, clinging
//! punctuation and traditional characters.

use crate::cjk::{half_width, to_simplified};

/// Punctuation that clings to either end of a unit name cut out of running text.
const CLINGING_PUNCTUATION: &[char] = &[
    '。', '.', ',', '、', ';', ':', '!', '?', '"', '\'', '“', '”', '‘', '’', '·', '…', '—', '-',
    '*',
];

/// `written` with full-width ASCII forms made half-width (`(` → `(`), all
/// whitespace removed, traditional characters simplified and punctuation
/// trimmed from both ends.
pub fn clean_text(written: &str) -> String {
    let unified: String = written
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(half_width)
        .map(to_simplified)
        .collect();
    let trimmed = unified.trim_matches(CLINGING_PUNCTUATION);
    if trimmed.len() == unified.len() {
        unified
    } else {
        trimmed.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unifies_brackets_and_removes_spaces() {
        assert_eq!(clean_text(" 各县(市)区 政府\u{3000}"), "各县(市)区政府");
    }

    #[test]
    fn trims_clinging_punctuation() {
        assert_eq!(clean_text("龙沙区。"), "龙沙区");
        assert_eq!(clean_text("“市财政局”,"), "市财政局");
    }

    #[test]
    fn keeps_closing_bracket_of_a_name() {
        assert_eq!(clean_text("各区县(市)"), "各区县(市)");
    }

    #[test]
    fn simplifies_traditional_characters() {
        assert_eq!(clean_text("市衛健委"), "市卫健委");
    }
}
