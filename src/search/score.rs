//! Scoring a fuzzy match: every matched character earns points, more at the
//! start of a phrase and next to the previous match; the characters skipped
//! between matches cost points. The weights follow fzf's, but a match next
//! to the previous one earns as much as one at a phrase start: Chinese
//! writes no spaces between words, so an unbroken run is the best sign of
//! the phrase sought.

/// Points for each matched character.
const MATCH: i32 = 16;
/// Penalty for the first character of a gap between two matches.
const GAP_START: i32 = 5;
/// Penalty for each further character of a gap.
const GAP_EXTENSION: i32 = 1;
/// Bonus for a match at the start of the text or after punctuation or space.
const BOUNDARY: i32 = 8;
/// Bonus for a match right after the previous one.
const CONSECUTIVE: i32 = BOUNDARY;
/// The first matched character's bonus counts this many times.
const FIRST_MULTIPLIER: i32 = 2;

/// The score of one matched character at byte `at` of `text`.
/// `gap` is the number of characters skipped since the previous match
/// (`None` for the first matched character).
pub fn char_score(text: &[u8], at: usize, gap: Option<usize>) -> i32 {
    let bonus = if starts_phrase(text, at) {
        BOUNDARY
    } else if gap == Some(0) {
        CONSECUTIVE
    } else {
        0
    };
    match gap {
        None => MATCH + bonus * FIRST_MULTIPLIER,
        Some(0) => MATCH + bonus,
        Some(skipped) => {
            let extension = i32::try_from(skipped - 1).unwrap_or(i32::MAX / 4);
            MATCH + bonus - GAP_START - extension.saturating_mul(GAP_EXTENSION)
        }
    }
}

/// Number of characters in UTF-8 bytes (bytes that start a character).
pub fn chars_in(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&byte| byte & 0xc0 != 0x80).count()
}

/// True when byte `at` of `text` starts the text or follows a character that
/// is neither a letter nor a digit (punctuation, space).
fn starts_phrase(text: &[u8], at: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let start = before
        .iter()
        .rposition(|&byte| byte & 0xc0 != 0x80)
        .unwrap_or(0);
    // The common case first: a CJK ideograph (U+4E00 to U+9FFF starts with
    // E4 to E9) is a letter.
    if before
        .get(start)
        .is_some_and(|lead| (0xe4..=0xe9).contains(lead))
    {
        return false;
    }
    match std::str::from_utf8(before.get(start..).unwrap_or_default()) {
        Ok(previous) => previous.chars().next().is_none_or(|c| !c.is_alphanumeric()),
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_start_after_punctuation() {
        let text = "推进,养老服务".as_bytes();
        assert!(starts_phrase(text, 0));
        assert!(!starts_phrase(text, 3));
        assert!(starts_phrase(text, 7));
    }

    #[test]
    fn consecutive_matches_beat_gaps() {
        let text = "养老服务".as_bytes();
        assert!(char_score(text, 3, Some(0)) > char_score(text, 3, Some(1)));
        assert!(char_score(text, 3, Some(1)) > char_score(text, 3, Some(5)));
        assert_eq!(chars_in(text), 4);
    }
}
