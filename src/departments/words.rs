//! Cutting a unit name into words, so that a department query matches on
//! word boundaries: 民政 is a word of 民政局 (民政|局) but not of 人民政府
//! (人民|政府).
//!
//! The words are those of `assets/department_words.txt` and the places of
//! the gazetteer (海城|市, not 海|城市). A name is cut into as few pieces as
//! possible, a character that starts no word costing twice a word; such
//! characters that follow one another stay together as one word (嵊山).
//! Brackets and other punctuation are words of their own.

use std::sync::LazyLock;

use rustc_hash::FxHashSet;

use crate::gazetteer;

/// The word list, as shipped.
const WORDS_SOURCE: &str = include_str!("../../assets/department_words.txt");

/// The cost of a character that starts no word, against 1 for a word.
const UNKNOWN_COST: u32 = 2;

/// The word list and the length of its longest word, in characters.
struct WordList {
    words: FxHashSet<&'static str>,
    longest: usize,
}

static WORDS: LazyLock<WordList> = LazyLock::new(|| {
    let words: FxHashSet<&'static str> = WORDS_SOURCE
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect();
    let longest = words
        .iter()
        .map(|word| word.chars().count())
        .max()
        .unwrap_or(1);
    WordList { words, longest }
});

/// The byte offsets where the words of `name` start, in order, followed by
/// `name.len()`: every offset in the list is a word boundary.
pub fn boundaries(name: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = name.char_indices().collect();
    let count = chars.len();
    let offset = |index: usize| chars.get(index).map_or(name.len(), |&(at, _)| at);
    // best[i]: the cheapest cut of chars[i..] and the length of its first piece.
    let mut best: Vec<(u32, usize, bool)> = vec![(0, 0, false); count + 1];
    for start in (0..count).rev() {
        let (_, c) = chars[start];
        if !is_word_char(c) {
            best[start] = (1 + best[start + 1].0, 1, false);
            continue;
        }
        let mut choice = (UNKNOWN_COST + best[start + 1].0, 1, true);
        let rest = &name[offset(start)..];
        let mut consider = |length: usize| {
            let cost = 1 + best[start + length].0;
            if cost < choice.0 || (cost == choice.0 && length > choice.1) {
                choice = (cost, length, false);
            }
        };
        for length in 1..=WORDS.longest.min(count - start) {
            let word = &name[offset(start)..offset(start + length)];
            if !word.chars().all(is_word_char) {
                break;
            }
            if WORDS.words.contains(word) {
                consider(length);
            }
        }
        if let Some(place) = gazetteer::builtin().leading_place(rest) {
            place_pieces(place, &mut consider);
        }
        best[start] = choice;
    }
    let mut cuts = Vec::with_capacity(count + 1);
    let mut index = 0;
    let mut previous_unknown = false;
    while index < count {
        let (_, length, unknown) = best[index];
        if !(unknown && previous_unknown) {
            cuts.push(offset(index));
        }
        previous_unknown = unknown;
        index += length.max(1);
    }
    cuts.push(name.len());
    cuts
}

/// Offers the place name found at the start of the rest of a name as a
/// word: without its one-character suffix (海城 of 海城市, the suffix being
/// a word of its own), or whole when it ends otherwise (…自治州).
fn place_pieces(place: &str, consider: &mut impl FnMut(usize)) {
    let length = place.chars().count();
    let one_character_suffix = place
        .chars()
        .next_back()
        .is_some_and(|c| WORDS.words.contains(c.encode_utf8(&mut [0; 4]) as &str));
    if one_character_suffix && length > 2 {
        consider(length - 1);
    } else if !one_character_suffix {
        consider(length);
    }
}

/// True for characters that make up words: letters and digits of any
/// script. Brackets, separators and other punctuation are pieces of their own.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The words of `name`, for tests and measurements.
pub fn words(name: &str) -> Vec<&str> {
    boundaries(name)
        .windows(2)
        .map(|pair| &name[pair[0]..pair[1]])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn department_names_cut_at_their_words() {
        assert_eq!(words("民政局"), ["民政", "局"]);
        assert_eq!(words("人民政府"), ["人民", "政府"]);
        assert_eq!(words("市民政局"), ["市", "民政", "局"]);
        assert_eq!(
            words("发展改革和统计局"),
            ["发展", "改革", "和", "统计", "局"]
        );
        assert_eq!(
            words("人力资源和社会保障局"),
            ["人力", "资源", "和", "社会", "保障", "局"]
        );
        assert_eq!(words("市场监督管理局"), ["市场", "监督", "管理", "局"]);
        assert_eq!(words("卫健委"), ["卫健", "委"]);
    }

    #[test]
    fn places_and_unknown_characters_stay_whole() {
        assert_eq!(words("海城市人民政府"), ["海城", "市", "人民", "政府"]);
        assert_eq!(words("嵊山镇人民政府"), ["嵊山", "镇", "人民", "政府"]);
        assert_eq!(words("城投建设发展有限公司")[0], "城投");
    }

    #[test]
    fn punctuation_is_a_piece_of_its_own() {
        assert_eq!(
            words("各县(市、区)人民政府"),
            ["各", "县", "(", "市", "、", "区", ")", "人民", "政府"]
        );
        assert_eq!(words("5G办"), ["5G", "办"]);
        assert_eq!(boundaries(""), [0]);
    }
}
