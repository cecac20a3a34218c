//! Chinese text as the rest of zeren reads it: character classes, width
//! folding, traditional characters folded to simplified ones, pinyin that
//! converters insert into traditional text, and [`Folded`], a document's
//! text in that folded form beside the text as written.

use std::borrow::Cow;
use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashMap;

/// The traditional → simplified table, derived from OpenCC's TSCharacters
/// (see the header of the file).
const TRADITIONAL_TABLE: &str = include_str!("../assets/traditional.tsv");

/// The first and last full-width ASCII forms (！ to ～).
const FULL_WIDTH: std::ops::RangeInclusive<char> = '\u{ff01}'..='\u{ff5e}';

/// Distance from a full-width form to its ASCII character.
const FULL_WIDTH_OFFSET: u32 = 0xfee0;

/// The block of common Han characters the dense part of the table covers
/// (CJK Extension A and the Unified Ideographs).
const DENSE_HAN: Range<u32> = 0x3400..0xa000;

/// The longest pinyin syllable a converter inserts (zhuàng).
const MAX_PINYIN_CHARS: usize = 6;

/// True for a Han character (CJK Unified Ideographs and their extensions,
/// and the compatibility ideographs).
pub fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{f900}'..='\u{faff}'
            | '\u{20000}'..='\u{3134f}'
    )
}

/// Number of characters (not bytes).
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}

/// The first `count` characters of `text` (all of it when shorter).
pub fn first_chars(text: &str, count: usize) -> &str {
    text.char_indices()
        .nth(count)
        .map_or(text, |(at, _)| &text[..at])
}

/// The ASCII form of a full-width character (（ → (); any other unchanged.
pub fn half_width(c: char) -> char {
    if FULL_WIDTH.contains(&c) {
        char::from_u32(c as u32 - FULL_WIDTH_OFFSET).unwrap_or(c)
    } else {
        c
    }
}

/// Text with full-width ASCII forms (（）：，；１２．) folded to half width;
/// borrowed unchanged when there are none.
pub fn fold_width(text: &str) -> Cow<'_, str> {
    let mut forms = full_width_starts(text).peekable();
    if forms.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut folded = String::with_capacity(text.len());
    let mut copied = 0;
    for at in forms {
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            continue;
        };
        let narrow = half_width(c);
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

/// The traditional → simplified table, read once.
struct Simplifier {
    /// For each character of [`DENSE_HAN`]: its simplified form (itself
    /// when it has none).
    dense: Vec<char>,
    /// Characters outside that block.
    sparse: FxHashMap<char, char>,
}

static SIMPLIFIER: LazyLock<Simplifier> = LazyLock::new(|| {
    let mut dense: Vec<char> = DENSE_HAN
        .map(|code| char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    let mut sparse = FxHashMap::default();
    for (from, to) in traditional_pairs(TRADITIONAL_TABLE) {
        let code = from as u32;
        if DENSE_HAN.contains(&code) {
            dense[(code - DENSE_HAN.start) as usize] = to;
        } else {
            sparse.insert(from, to);
        }
    }
    Simplifier { dense, sparse }
});

/// The pairs of a table in the format of `assets/traditional.tsv`; lines
/// that are not one character, a tab and one character are skipped.
fn traditional_pairs(table: &str) -> impl Iterator<Item = (char, char)> + '_ {
    table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (from, to) = line.split_once('\t')?;
            let mut from = from.chars();
            let mut to = to.chars();
            match (from.next(), from.next(), to.next(), to.next()) {
                (Some(from), None, Some(to), None) => Some((from, to)),
                _ => None,
            }
        })
}

impl Simplifier {
    /// The simplified form of `c`, or `c`.
    fn simplified(&self, c: char) -> char {
        let code = c as u32;
        if code < DENSE_HAN.start {
            c
        } else if DENSE_HAN.contains(&code) {
            self.dense[(code - DENSE_HAN.start) as usize]
        } else {
            self.sparse.get(&c).copied().unwrap_or(c)
        }
    }
}

/// The simplified form of a traditional character; any other character
/// unchanged (衛 → 卫, 卫 → 卫, a → a).
pub fn to_simplified(c: char) -> char {
    SIMPLIFIER.simplified(c)
}

/// Text with every traditional character simplified.
pub fn simplify(text: &str) -> Cow<'_, str> {
    if text.chars().all(|c| to_simplified(c) == c) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(to_simplified).collect())
}

/// Punctuation in its small and other forms, folded for reading: ﹒ → `.`.
fn fold_punctuation(c: char) -> char {
    match c {
        '﹒' | '．' => '.',
        '﹐' => ',',
        '﹑' => '、',
        '﹔' => ';',
        '﹕' => ':',
        '﹙' => '(',
        '﹚' => ')',
        '\u{a0}' | '\u{2002}' | '\u{2003}' | '\u{2009}' => ' ',
        _ => c,
    }
}

/// True for a letter of pinyin: lower-case ASCII and the vowels with tone marks.
fn is_pinyin_letter(c: char) -> bool {
    c.is_ascii_lowercase() || "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹ".contains(c)
}

/// The length in bytes of a pinyin syllable in brackets at the start of
/// `text` (`(jīng)…` → 7), as converters insert after a character.
fn pinyin_at(text: &str) -> Option<usize> {
    let inner = text.strip_prefix('(')?;
    let letters: usize = inner
        .chars()
        .take_while(|c| is_pinyin_letter(*c))
        .take(MAX_PINYIN_CHARS + 1)
        .map(char::len_utf8)
        .sum();
    let syllable = &inner[..letters];
    let count = char_count(syllable);
    let has_vowel = syllable
        .chars()
        .any(|c| !"bcdfghjklmnpqrstwxyz".contains(c));
    ((1..=MAX_PINYIN_CHARS).contains(&count) && has_vowel && inner[letters..].starts_with(')'))
        .then(|| 1 + letters + 1)
}

/// `written` without the pinyin a converter inserted after its characters:
/// 市經(jīng)貿(mào)委 → 市經貿委.
pub fn strip_pinyin(written: &str) -> Cow<'_, str> {
    if !written.contains('(') {
        return Cow::Borrowed(written);
    }
    let mut out = String::with_capacity(written.len());
    let mut previous_han = false;
    let mut rest = written;
    while let Some(c) = rest.chars().next() {
        if previous_han && let Some(length) = pinyin_at(rest) {
            rest = &rest[length..];
            previous_han = false;
            continue;
        }
        out.push(c);
        previous_han = is_han(c);
        rest = &rest[c.len_utf8()..];
    }
    if out.len() == written.len() {
        Cow::Borrowed(written)
    } else {
        Cow::Owned(out)
    }
}

/// The index in [`DENSE_HAN`] of the character whose UTF-8 encoding starts
/// at `at` of `bytes` (a whole text), when it lies in that block: such
/// characters take three bytes, read here without the checks of a general
/// decoder.
fn dense_index(bytes: &[u8], at: usize) -> Option<usize> {
    let &[lead, second, third] = bytes.get(at..)?.first_chunk::<3>()?;
    if lead & 0xf0 != 0xe0 {
        return None;
    }
    let code =
        (u32::from(lead & 0x0f) << 12) | (u32::from(second & 0x3f) << 6) | u32::from(third & 0x3f);
    code.checked_sub(DENSE_HAN.start)
        .filter(|index| *index < DENSE_HAN.end - DENSE_HAN.start)
        .map(|index| index as usize)
}

/// True when the character at `index` of [`DENSE_HAN`] is a Han character
/// (the block holds the Yijing hexagrams between its two parts).
fn is_dense_han(index: usize) -> bool {
    let code = DENSE_HAN.start + index as u32;
    code <= 0x4dbf || code >= 0x4e00
}

/// A document's text folded for reading — traditional characters
/// simplified, small punctuation folded, inserted pinyin left out — with
/// the way back to the text as written, so what is found in the folded text
/// can be reported as the document wrote it.
#[derive(Debug, Clone)]
pub struct Folded<'a> {
    written: &'a str,
    view: String,
    /// Points after which view offsets map to written offsets with a new
    /// distance: (view offset, written offset), increasing.
    anchors: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    /// Folds `written`. The characters that stay as they are (nearly all)
    /// are copied a run at a time, from the last change to the next; ASCII
    /// is stepped over a byte at a time, and the common Han characters are
    /// read straight from their three bytes.
    pub fn new(written: &'a str) -> Self {
        let simplifier = &*SIMPLIFIER;
        let bytes = written.as_bytes();
        let mut view = String::with_capacity(written.len());
        let mut anchors = Vec::new();
        let mut previous_han = false;
        // The written text before `copied` is in the view (or left out).
        let mut copied = 0;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii() {
                if byte == b'('
                    && previous_han
                    && let Some(length) = pinyin_at(&written[at..])
                {
                    view.push_str(&written[copied..at]);
                    copied = at + length;
                    anchors.push((view.len(), copied));
                    at = copied;
                } else {
                    at += 1;
                }
                previous_han = false;
                continue;
            }
            if let Some(index) = dense_index(bytes, at) {
                let simplified = simplifier.dense[index];
                if u32::from(simplified) != DENSE_HAN.start + index as u32 {
                    view.push_str(&written[copied..at]);
                    view.push(simplified);
                    copied = at + 3;
                    if simplified.len_utf8() != 3 {
                        anchors.push((view.len(), copied));
                    }
                }
                previous_han = is_dense_han(index);
                at += 3;
                continue;
            }
            let Some(c) = written[at..].chars().next() else {
                break;
            };
            let folded = fold_punctuation(simplifier.simplified(c));
            if folded != c {
                view.push_str(&written[copied..at]);
                view.push(folded);
                copied = at + c.len_utf8();
                if folded.len_utf8() != c.len_utf8() {
                    anchors.push((view.len(), copied));
                }
            }
            at += c.len_utf8();
            previous_han = is_han(c);
        }
        view.push_str(&written[copied..]);
        Folded {
            written,
            view,
            anchors,
        }
    }

    /// The folded text.
    pub fn view(&self) -> &str {
        &self.view
    }

    /// The text as written.
    pub fn written_text(&self) -> &'a str {
        self.written
    }

    /// The written offset of a view offset (on a character boundary).
    fn written_offset(&self, view_offset: usize) -> usize {
        let index = self
            .anchors
            .partition_point(|(view, _)| *view <= view_offset);
        match index.checked_sub(1).map(|index| self.anchors[index]) {
            Some((view, written)) => written + (view_offset - view),
            None => view_offset,
        }
        .min(self.written.len())
    }

    /// The written text of a range of the view.
    pub fn written_range(&self, range: Range<usize>) -> &'a str {
        let start = self.written_offset(range.start);
        let end = self.written_offset(range.end).max(start);
        self.written.get(start..end).unwrap_or_default()
    }

    /// Where `piece`, a part of [`Folded::view`], lies in it.
    pub fn range_of(&self, piece: &str) -> Option<Range<usize>> {
        let base = self.view.as_ptr() as usize;
        let start = (piece.as_ptr() as usize).checked_sub(base)?;
        let end = start + piece.len();
        (end <= self.view.len()).then_some(start..end)
    }

    /// The written text of `piece`, a part of [`Folded::view`]; `piece`
    /// itself when it is not one.
    pub fn written<'p>(&self, piece: &'p str) -> Cow<'p, str>
    where
        'a: 'p,
    {
        match self.range_of(piece) {
            Some(range) => Cow::Borrowed(self.written_range(range)),
            None => Cow::Borrowed(piece),
        }
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
        assert_eq!(
            fold_width("一、（一）推进：ａ～｟ｂ！"),
            "一、(一)推进:a~｟b!"
        );
        let text = "一、工作目标。“三线一单”、〔2020〕";
        assert!(matches!(fold_width(text), Cow::Borrowed(_)));
        assert_eq!(fold_width("\u{3000}全角空格"), "\u{3000}全角空格");
    }

    #[test]
    fn simplifies_from_the_opencc_table() {
        assert_eq!(simplify("牽頭單位:市衛健委"), "牵头单位:市卫健委");
        assert_eq!(simplify("責任單位:省財政廳"), "责任单位:省财政厅");
        assert_eq!(to_simplified('卫'), '卫');
        assert_eq!(to_simplified('a'), 'a');
        assert!(matches!(simplify("已是简体"), Cow::Borrowed(_)));
    }

    #[test]
    fn the_table_is_well_formed() {
        let lines = TRADITIONAL_TABLE
            .lines()
            .filter(|line| !line.starts_with('#'))
            .count();
        let pairs: Vec<_> = traditional_pairs(TRADITIONAL_TABLE).collect();
        assert_eq!(pairs.len(), lines, "every line is one pair");
        assert!(pairs.len() > 3000);
        assert!(pairs.windows(2).all(|pair| pair[0].0 < pair[1].0), "sorted");
        assert!(pairs.iter().all(|(from, to)| from != to));
    }

    #[test]
    fn strips_inserted_pinyin() {
        assert_eq!(strip_pinyin("市經(jīng)貿(mào)委"), "市經貿委");
        assert_eq!(strip_pinyin("黃埔區(qū)政府"), "黃埔區政府");
        assert_eq!(strip_pinyin("各县(市)区"), "各县(市)区");
        assert_eq!(strip_pinyin("县发改局(粮食局)"), "县发改局(粮食局)");
        assert_eq!(strip_pinyin("A(b)"), "A(b)", "only after a Han character");
    }

    #[test]
    fn a_folded_view_maps_back_to_the_written_text() {
        let written = "(牽頭單位:市經(jīng)貿(mào)委;配合單位:市發(fā)改委)";
        let folded = Folded::new(written);
        assert_eq!(folded.view(), "(牵头单位:市经贸委;配合单位:市发改委)");
        let view = folded.view();
        let unit_start = view.find("市经贸委").expect("unit");
        let unit = &view[unit_start..unit_start + "市经贸委".len()];
        assert_eq!(folded.written(unit), "市經(jīng)貿(mào)委");
        let last = &view[view.find("市发改委").expect("unit")..view.len() - 1];
        assert_eq!(folded.written(last), "市發(fā)改委");
        assert_eq!(folded.written(view), written);
    }

    #[test]
    fn a_view_without_changes_is_the_written_text() {
        let written = "1.推进就业。(牵头单位:市人社局)";
        let folded = Folded::new(written);
        assert_eq!(folded.view(), written);
        assert_eq!(folded.written(&folded.view()[2..8]), &written[2..8]);
        assert_eq!(folded.written("not a part"), "not a part");
    }

    #[test]
    fn characters_of_other_lengths_keep_the_map_aligned() {
        let written = "﹒乾县和𠀋第二";
        let folded = Folded::new(written);
        let view = folded.view();
        let tail = &view[view.find('第').expect("tail")..];
        assert_eq!(folded.written(tail), "第二");
    }
}
