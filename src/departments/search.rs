//! The search keys of one department, computed once, and how well a
//! reviewer's query matches them (contract v2): a name, canonical name or
//! alias holding the query on its word boundaries, or whose pinyin (full or
//! initials, any reading of each character) starts a word with the query.

use super::pinyin_keys::Readings;
use super::text::clean_text;
use super::words::boundaries;

/// How well a query matches a department, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchRank {
    /// The query is the department's name (民政局, `mzj` for 民政局).
    Exact,
    /// The query is one of its aliases (人社局, `rsj`).
    Alias,
    /// The query is the start of a name, ending on a word boundary (民政).
    Prefix,
    /// The query starts at a later word of a name (统计 in 发展改革和统计局).
    Word,
}

impl MatchRank {
    /// The lowercase English name shown in messages.
    pub fn name(self) -> &'static str {
        match self {
            MatchRank::Exact => "name",
            MatchRank::Alias => "alias",
            MatchRank::Prefix => "prefix",
            MatchRank::Word => "word",
        }
    }
}

/// Whether a key is a name the department goes by or one of its aliases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameSource {
    /// Its canonical name or a name as written in a document.
    Name,
    /// An alias from the department table.
    Alias,
}

/// One name of a department, ready for matching.
#[derive(Debug, Clone)]
struct NameKey {
    /// The name cleaned like a query (simplified, no spaces), lowercase.
    text: String,
    source: NameSource,
    /// Byte offsets of the word boundaries of `text`, ending with its length.
    boundaries: Vec<usize>,
    /// The characters that have a pinyin reading, with whether each starts a word.
    syllables: Vec<(char, bool)>,
}

impl NameKey {
    fn new(name: &str, source: NameSource) -> Self {
        let text = clean_text(name).to_lowercase();
        let boundaries = boundaries(&text);
        let syllables = text
            .char_indices()
            .filter(|(_, c)| !Readings::of(*c).is_empty())
            .map(|(at, c)| (c, boundaries.binary_search(&at).is_ok()))
            .collect();
        Self {
            text,
            source,
            boundaries,
            syllables,
        }
    }

    fn rank(&self, whole: bool, from_start: bool) -> MatchRank {
        match (whole, from_start, self.source) {
            (true, true, NameSource::Name) => MatchRank::Exact,
            (true, true, NameSource::Alias) => MatchRank::Alias,
            (_, true, _) => MatchRank::Prefix,
            _ => MatchRank::Word,
        }
    }

    /// How well `query` matches this name, if it does.
    fn matches(&self, query: &Query) -> Option<MatchRank> {
        if query.text.is_empty() {
            return None;
        }
        if query.latin {
            self.matches_pinyin(query.text.as_bytes())
        } else {
            self.matches_text(&query.text)
        }
    }

    /// The query as text, from a word boundary to a word boundary.
    fn matches_text(&self, query: &str) -> Option<MatchRank> {
        let is_boundary = |at: usize| self.boundaries.binary_search(&at).is_ok();
        self.text
            .match_indices(query)
            .filter(|(start, _)| is_boundary(*start) && is_boundary(start + query.len()))
            .map(|(start, _)| self.rank(start + query.len() == self.text.len(), start == 0))
            .min()
    }

    /// The query as pinyin, full or initials, from the start of a word.
    fn matches_pinyin(&self, query: &[u8]) -> Option<MatchRank> {
        let first = *query.first()?;
        (0..self.syllables.len())
            .filter(|&start| self.syllables[start].1)
            .filter(|&start| Readings::of(self.syllables[start].0).has_initial(first))
            .filter_map(|start| {
                let rest = &self.syllables[start..];
                let whole = match (full_pinyin(rest, query), initials(rest, query)) {
                    (None, None) => return None,
                    (full, initials) => full == Some(true) || initials == Some(true),
                };
                Some(self.rank(whole, start == 0))
            })
            .min()
    }
}

/// Whether `query` is a start of the full pinyin of `syllables` (any
/// reading of each): `Some(true)` when it covers them all, ending with a
/// whole syllable.
fn full_pinyin(syllables: &[(char, bool)], query: &[u8]) -> Option<bool> {
    let Some(((c, _), rest)) = syllables.split_first() else {
        return query.is_empty().then_some(true);
    };
    if query.is_empty() {
        return Some(false);
    }
    let readings = Readings::of(*c);
    let mut buffer = [0u8; 4];
    let mut found = None;
    for reading in readings.each(&mut buffer) {
        let reading = reading.as_bytes();
        let outcome = if let Some(after) = query.strip_prefix(reading) {
            full_pinyin(rest, after)
        } else if reading.starts_with(query) {
            Some(false)
        } else {
            None
        };
        found = found.max(outcome);
        if found == Some(true) {
            break;
        }
    }
    found
}

/// Whether `query` is the initials of the first syllables: `Some(true)`
/// when it covers them all.
fn initials(syllables: &[(char, bool)], query: &[u8]) -> Option<bool> {
    if query.len() > syllables.len() {
        return None;
    }
    let all = query
        .iter()
        .zip(syllables)
        .all(|(&letter, (c, _))| Readings::of(*c).has_initial(letter));
    all.then_some(query.len() == syllables.len())
}

/// A reviewer's query, cleaned like a unit name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Query {
    text: String,
    /// Only latin letters and digits: matched as pinyin.
    latin: bool,
}

impl Query {
    /// The query `text` means: simplified, without spaces, lowercase.
    pub fn new(text: &str) -> Self {
        let text = clean_text(text).to_lowercase();
        let latin = text.bytes().all(|b| b.is_ascii_alphanumeric());
        Self { text, latin }
    }

    /// True when nothing is left to match.
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }
}

/// The names of one department, ready for matching.
#[derive(Debug, Clone, Default)]
pub struct SearchKeys {
    keys: Vec<NameKey>,
}

impl SearchKeys {
    /// Adds `name`; a name already added costs nothing more.
    pub fn add_name(&mut self, name: &str, source: NameSource) {
        let key = NameKey::new(name, source);
        if key.text.is_empty() {
            return;
        }
        match self.keys.iter_mut().find(|known| known.text == key.text) {
            Some(known) if source == NameSource::Name => known.source = NameSource::Name,
            Some(_) => {}
            None => self.keys.push(key),
        }
    }

    /// How well `query` matches the best of the names, if it matches one.
    pub fn rank(&self, query: &Query) -> Option<MatchRank> {
        self.keys.iter().filter_map(|key| key.matches(query)).min()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &[(&str, NameSource)]) -> SearchKeys {
        let mut keys = SearchKeys::default();
        for (name, source) in names {
            keys.add_name(name, *source);
        }
        keys
    }

    fn rank(keys: &SearchKeys, query: &str) -> Option<MatchRank> {
        keys.rank(&Query::new(query))
    }

    #[test]
    fn text_matches_on_word_boundaries_only() {
        let civil = keys(&[("民政局", NameSource::Name)]);
        let government = keys(&[("人民政府", NameSource::Name)]);
        assert_eq!(rank(&civil, "民政"), Some(MatchRank::Prefix));
        assert_eq!(rank(&civil, "民政局"), Some(MatchRank::Exact));
        assert_eq!(rank(&government, "民政"), None);
        assert_eq!(rank(&government, "政府"), Some(MatchRank::Word));
        assert_eq!(rank(&civil, "民"), None);
    }

    #[test]
    fn aliases_rank_below_names() {
        let renshe = keys(&[
            ("人力资源和社会保障局", NameSource::Name),
            ("人社局", NameSource::Alias),
        ]);
        assert_eq!(rank(&renshe, "人社局"), Some(MatchRank::Alias));
        assert_eq!(rank(&renshe, "人社"), Some(MatchRank::Prefix));
        assert_eq!(rank(&renshe, "社会保障"), Some(MatchRank::Word));
        assert_eq!(rank(&renshe, "人力資源"), Some(MatchRank::Prefix));
        assert_eq!(rank(&renshe, "人力资"), None);
        assert_eq!(rank(&renshe, "rsj"), Some(MatchRank::Alias));
        assert_eq!(rank(&renshe, "renshe"), Some(MatchRank::Prefix));
        assert_eq!(rank(&renshe, "ren she"), Some(MatchRank::Prefix));
        assert_eq!(rank(&renshe, "RSJ"), Some(MatchRank::Alias));
        assert_eq!(rank(&renshe, "shbz"), Some(MatchRank::Word));
        assert_eq!(rank(&renshe, "wjw"), None);
    }

    #[test]
    fn pinyin_starts_at_a_word() {
        let civil = keys(&[("民政局", NameSource::Name)]);
        let government = keys(&[("人民政府", NameSource::Name)]);
        assert_eq!(rank(&civil, "mzj"), Some(MatchRank::Exact));
        assert_eq!(rank(&civil, "minzhengju"), Some(MatchRank::Exact));
        assert_eq!(rank(&civil, "minzh"), Some(MatchRank::Prefix));
        assert_eq!(rank(&government, "mz"), None);
        assert_eq!(rank(&government, "zf"), Some(MatchRank::Word));
    }

    #[test]
    fn every_reading_counts() {
        let changsha = keys(&[("长沙市人民政府", NameSource::Name)]);
        let chongqing = keys(&[("重庆市人民政府", NameSource::Name)]);
        assert_eq!(rank(&changsha, "changsha"), Some(MatchRank::Prefix));
        assert_eq!(rank(&changsha, "zhangsha"), Some(MatchRank::Prefix));
        assert_eq!(rank(&chongqing, "chongqing"), Some(MatchRank::Prefix));
        assert_eq!(rank(&chongqing, "cqs"), Some(MatchRank::Prefix));
    }
}
