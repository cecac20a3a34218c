//! Cleaning a unit name as written: character widths, spaces, clinging
//! punctuation and traditional characters.

use super::traditional::to_simplified;

/// Punctuation that clings to either end of a unit name cut out of running text.
const CLINGING_PUNCTUATION: &[char] = &[
    '。', '.', ',', '、', ';', ':', '!', '?', '"', '\'', '“', '”', '‘', '’', '·', '…', '—', '-',
    '*',
];

/// Offset from a full-width ASCII form (U+FF01..U+FF5E) to its ASCII character.
const FULL_WIDTH_OFFSET: u32 = 0xFEE0;

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

/// The ASCII form of a full-width character; any other character unchanged.
fn half_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - FULL_WIDTH_OFFSET).unwrap_or(c),
        _ => c,
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
