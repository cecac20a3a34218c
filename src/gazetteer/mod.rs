//! The gazetteer: the provinces, cities and counties of China read from
//! `assets/gazetteer.tsv`, and [`detect_place`], which tells which
//! government issued a work plan, at its own level.

mod issuer;

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Anchored, BuildError, Input, MatchKind, StartKind};

use crate::lexicon::{List, lexicon};

/// The embedded table; its header comment documents the columns.
const BUILTIN_TABLE: &str = include_str!("../../assets/gazetteer.tsv");

/// The embedded table, read once on first use.
static BUILTIN: LazyLock<Gazetteer> = LazyLock::new(|| {
    Gazetteer::parse(BUILTIN_TABLE)
        .expect("the embedded assets/gazetteer.tsv is broken: run `cargo test --lib gazetteer`")
});

/// Columns of a table row: kind, name, city, province, short, former,
/// nicknames, doc_abbr.
const COLUMNS: usize = 8;

/// How much of the body's start the issuer and frequency steps read.
const OPENING_BYTES: usize = 4096;

/// Vote weights in the last step: a nickname counts most, a full name of a
/// city or county less, a bare short name least.
const NICKNAME_WEIGHT: u32 = 3;
const FULL_NAME_WEIGHT: u32 = 2;
const SHORT_NAME_WEIGHT: u32 = 1;

/// The least score that decides a vote: one nickname does, one full or
/// short name does not.
const MIN_VOTE_SCORE: u32 = 3;

/// How often a city must be named in the body's opening to be taken.
const MIN_REPEATS: u32 = 2;

/// Shorter county names (宾县, 和县) hide inside ordinary words.
const MIN_COUNTY_NAME_CHARS: usize = 3;

/// Shorter short names (宾, 城) are single characters of ordinary words.
const MIN_SHORT_NAME_CHARS: usize = 2;

/// Characters ending the place part of a document number (哈|政办发).
const DOC_NUMBER_ORGANS: [char; 9] = ['政', '府', '办', '发', '委', '文', '规', '函', '字'];

/// The longest place part of a document number (鄂尔多斯).
const MAX_DOC_PREFIX_CHARS: usize = 4;

/// What a document tells about where it comes from, for [`detect_place`].
#[derive(Debug, Clone, Copy, Default)]
pub struct PlaceHints<'a> {
    /// The document's title, when known.
    pub title: Option<&'a str>,
    /// The lines before the body: title, issuing office, recipients, signature.
    pub head: &'a str,
    /// The document number, such as 齐政办文〔2020〕5号.
    pub doc_number: Option<&'a str>,
    /// The rest of the document.
    pub body: &'a str,
    /// The units its tasks name, as written (folded to simplified).
    pub units: &'a [&'a str],
}

impl<'a> PlaceHints<'a> {
    /// The texts a place is looked for in: the title, the head and the
    /// body's opening.
    fn texts(&self) -> [&'a str; 3] {
        [self.title.unwrap_or(""), self.head, opening(self.body)]
    }
}

/// The government that issued a document: its place, with its suffix, and
/// the path from the province down to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    /// 济源市, 立山区, 安徽省.
    pub name: String,
    /// 辽宁省 / 鞍山市 / 立山区.
    pub region: Vec<String>,
}

/// The government a document comes from at its own level (济源市, 立山区,
/// 安徽省), or `None` when the text does not tell; uses the [`builtin`]
/// gazetteer.
pub fn detect_place(hints: &PlaceHints) -> Option<Issuer> {
    let gazetteer = builtin();
    let place = gazetteer.detect_place(hints)?;
    Some(Issuer {
        name: gazetteer.places[place].name.clone(),
        region: gazetteer.region_of(place),
    })
}

/// The gazetteer built from the embedded `assets/gazetteer.tsv`.
pub fn builtin() -> &'static Gazetteer {
    &BUILTIN
}

/// Why a gazetteer table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    /// A row has more columns than the table defines.
    #[error("line {line}: {found} columns, at most {COLUMNS} expected")]
    Columns {
        /// The row's line number, from 1.
        line: usize,
        /// How many columns it has.
        found: usize,
    },
    /// A row's kind is not province, city, county or common.
    #[error("line {line}: unknown kind `{kind}`")]
    Kind {
        /// The row's line number, from 1.
        line: usize,
        /// The kind found.
        kind: String,
    },
    /// A row has no name.
    #[error("line {line}: empty name")]
    EmptyName {
        /// The row's line number, from 1.
        line: usize,
    },
    /// A row's city or province column names no row of that kind.
    #[error("line {line}: `{name}` is not a {expected} of the table")]
    Reference {
        /// The row's line number, from 1.
        line: usize,
        /// The name referred to.
        name: String,
        /// The kind of row it should name.
        expected: &'static str,
    },
    /// The name matchers could not be built.
    #[error("building the name matcher: {0}")]
    Matcher(#[from] BuildError),
}

/// The level of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Province,
    City,
    County,
}

impl Level {
    fn label(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::County => "county",
        }
    }
}

/// One province, city or county.
#[derive(Debug)]
struct Place {
    level: Level,
    name: String,
    short: String,
    /// The city it belongs to (itself for a city, none for a province).
    city: Option<usize>,
    /// The province it belongs to (itself for a province).
    province: usize,
}

/// What a word found in the text tells: a province named, and the city it
/// votes for.
#[derive(Debug, Clone, Copy, Default)]
struct Mention {
    province: Option<usize>,
    vote: Option<Vote>,
}

/// A vote for a city, with its weight.
#[derive(Debug, Clone, Copy)]
struct Vote {
    city: usize,
    weight: u32,
}

/// One meaning of a word, before the meanings of a word are merged.
#[derive(Debug, Clone, Copy)]
enum Meaning {
    Province(usize),
    City(Vote),
}

/// An Aho-Corasick automaton finding the leftmost-longest words, each with
/// what it means.
struct Matcher<T> {
    automaton: AhoCorasick,
    meanings: Vec<T>,
}

/// A word found by a [`Matcher`].
struct Found<'m, T> {
    /// The word's index in the matcher.
    word: usize,
    meaning: &'m T,
    start: usize,
    end: usize,
}

impl<T> Matcher<T> {
    fn build(words: Vec<(String, T)>) -> Result<Self, BuildError> {
        let (patterns, meanings): (Vec<String>, Vec<T>) = words.into_iter().unzip();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(&patterns)?;
        Ok(Matcher {
            automaton,
            meanings,
        })
    }

    /// The words in `text`, leaving out city names that are the start of 市场.
    fn find_iter<'m>(&'m self, text: &'m str) -> impl Iterator<Item = Found<'m, T>> + 'm {
        self.automaton
            .find_iter(text)
            .filter(move |found| !starts_market_word(text, found.end()))
            .map(|found| self.found(found))
    }

    /// The longest word starting at each character of `text`, overlapping
    /// words included (更新龙湾 holds 新龙 and 龙湾): each search is anchored
    /// and ends within the longest word, so the pass stays linear.
    fn find_everywhere<'m>(&'m self, text: &'m str) -> impl Iterator<Item = Found<'m, T>> + 'm {
        text.char_indices().filter_map(move |(at, _)| {
            let input = Input::new(text).range(at..).anchored(Anchored::Yes);
            let found = self.automaton.try_find(input).ok().flatten()?;
            (!starts_market_word(text, found.end())).then(|| self.found(found))
        })
    }

    /// The longest word `text` starts with.
    fn find_at_start<'m>(&'m self, text: &str) -> Option<Found<'m, T>> {
        let input = Input::new(text).anchored(Anchored::Yes);
        let found = self.automaton.try_find(input).ok().flatten()?;
        (!starts_market_word(text, found.end())).then(|| self.found(found))
    }

    fn found(&self, found: aho_corasick::Match) -> Found<'_, T> {
        let word = found.pattern().as_usize();
        Found {
            word,
            meaning: &self.meanings[word],
            start: found.start(),
            end: found.end(),
        }
    }
}

/// True when the word ending at `end` ends in 市 and 场 follows: 吉林市场 is a
/// market, not 吉林市.
fn starts_market_word(text: &str, end: usize) -> bool {
    text[..end].ends_with('市') && text[end..].starts_with('场')
}

/// Provinces, cities and counties with the matchers that find them in text.
pub struct Gazetteer {
    places: Vec<Place>,
    /// Full and former names of places, each with the places so named.
    names: HashMap<String, Vec<usize>>,
    /// Ordinary words that look like place names.
    common_words: HashSet<String>,
    /// Full and former names, for the issuer and title steps.
    full_names: Matcher<Vec<usize>>,
    /// Every word that names a province or votes for a city.
    mentions: Matcher<Mention>,
    /// Short names of counties (蔡甸, 吉水), each with the counties so named.
    county_shorts: Matcher<Vec<usize>>,
    /// Document-number abbreviations and short names of cities.
    city_abbrs: HashMap<String, Vec<usize>>,
    /// Document-number abbreviations of provinces.
    province_abbrs: HashMap<String, usize>,
}

/// One data row of the table.
struct Row<'t> {
    line: usize,
    level: Level,
    name: &'t str,
    city: &'t str,
    province: &'t str,
    short: &'t str,
    former: &'t str,
    nicknames: &'t str,
    doc_abbrs: &'t str,
}

/// A table line: a place row, an ordinary word or a kind of zone.
enum Line<'t> {
    Place(Row<'t>),
    Common(&'t str),
    /// A development zone every city may have, named by the city's short
    /// name before `ending` (济宁 + 高新区), or before one of `others`.
    Zone {
        ending: &'t str,
        others: &'t str,
    },
}

/// The shortest short name of a city that its zones are named by.
const MIN_ZONE_CITY_CHARS: usize = 2;

/// Rows in the table's format for the zones of every city (济宁高新区 of
/// 济宁市, also written 济宁高新技术产业开发区): county-level places named in
/// full only, as their issuing 管委会 writes them.
fn zone_rows(places: &[Row], zones: &[(&str, &str)]) -> String {
    let cities = places
        .iter()
        .filter(|row| row.level == Level::City && row.short.chars().count() >= MIN_ZONE_CITY_CHARS);
    let mut rows = String::new();
    for Row {
        name: city,
        province,
        short,
        ..
    } in cities
    {
        for (ending, others) in zones {
            let others: Vec<String> = list(others)
                .map(|other| format!("{short}{other}"))
                .collect();
            rows.push_str(&format!(
                "county\t{short}{ending}\t{city}\t{province}\t\t{}\t\t\n",
                others.join("|")
            ));
        }
    }
    rows
}

impl Gazetteer {
    /// Reads a table in the format of `assets/gazetteer.tsv`.
    pub fn parse(table: &str) -> Result<Self, GazetteerError> {
        let mut rows = Vec::new();
        let mut zones = Vec::new();
        let mut common_words = HashSet::new();
        for line in read_lines(table) {
            match line? {
                Line::Place(row) => rows.push(row),
                Line::Common(word) => {
                    common_words.insert(word.to_string());
                }
                Line::Zone { ending, others } => zones.push((ending, others)),
            }
        }
        let zone_table = zone_rows(&rows, &zones);
        for line in read_lines(&zone_table) {
            if let Line::Place(row) = line? {
                rows.push(row);
            }
        }
        let places = resolve_places(&rows)?;
        let names = index_names(&rows);
        let full_names = Matcher::build(
            names
                .iter()
                .filter(|(name, _)| !common_words.contains(*name))
                .map(|(name, places)| (name.clone(), places.clone()))
                .collect(),
        )?;
        let mentions = Matcher::build(mention_words(&rows, &places, &common_words))?;
        let county_shorts = Matcher::build(county_short_words(&rows, &places, &common_words))?;
        let (city_abbrs, province_abbrs) = index_abbrs(&rows, &places);
        Ok(Gazetteer {
            places,
            names,
            common_words,
            full_names,
            mentions,
            county_shorts,
            city_abbrs,
            province_abbrs,
        })
    }

    /// Full names of all cities: prefecture-level cities, municipalities and
    /// units administered directly by their province (济源市).
    pub fn city_names(&self) -> impl Iterator<Item = &str> {
        self.places
            .iter()
            .filter(|place| place.level == Level::City)
            .map(|place| place.name.as_str())
    }

    /// The name without its suffix (齐齐哈尔 for 齐齐哈尔市, 龙沙 for 龙沙区) of a
    /// province, city or county named in full.
    pub fn short_name<'a>(&'a self, name: &str) -> Option<&'a str> {
        let place = &self.places[*self.names.get(name)?.first()?];
        (!place.short.is_empty()).then_some(place.short.as_str())
    }

    /// True when `name` is the full or former name of a province, city or
    /// county (赤壁市, 崇阳县, 咸安区), and not an ordinary word (城区).
    pub fn is_place_name(&self, name: &str) -> bool {
        self.names.contains_key(name) && !self.common_words.contains(name)
    }

    /// The city a place named in full belongs to (咸宁市 for 咸安区 and for
    /// the county-level city 赤壁市, 济源市 for itself); `None` for provinces,
    /// unknown and ambiguous names (朝阳区).
    pub fn city_of<'a>(&'a self, name: &str) -> Option<&'a str> {
        let city = self.resolve(self.names.get(name)?, false)?;
        Some(self.places[city].name.as_str())
    }

    /// The full name of the city (or province) that `word`, as a whole,
    /// names or nicknames: 齐齐哈尔市 for 鹤城 or 齐齐哈尔.
    pub fn place_named(&self, word: &str) -> Option<&str> {
        let found = self.mentions.find_at_start(word)?;
        if found.end != word.len() {
            return None;
        }
        let place = found
            .meaning
            .vote
            .map(|vote| vote.city)
            .or(found.meaning.province)?;
        Some(self.places[place].name.as_str())
    }

    /// The longest place name in full that `text` starts with: 崇阳县 in
    /// 崇阳县人民政府.
    pub fn leading_place<'t>(&self, text: &'t str) -> Option<&'t str> {
        let found = self.full_names.find_at_start(text)?;
        Some(&text[..found.end])
    }

    /// The city a document comes from, or `None`. Tries in turn the title,
    /// the head, the body's opening, the document number, and last nicknames
    /// and place names voting over the whole text.
    fn detect_city_index(&self, hints: &PlaceHints) -> Option<usize> {
        let opening = opening(hints.body);
        let city = hints
            .title
            .and_then(|title| self.first_named_city(title))
            .or_else(|| self.issuing_city(hints.head, is_issuer_at))
            .or_else(|| self.first_named_city(hints.head))
            .or_else(|| self.issuing_city(opening, announces_at))
            .or_else(|| self.most_named_city(opening))
            .or_else(|| self.city_by_doc_number(hints))
            .or_else(|| self.city_by_votes(hints))?;
        Some(city)
    }

    /// The city of the first place named in full that tells one.
    fn first_named_city(&self, text: &str) -> Option<usize> {
        self.full_names
            .find_iter(text)
            .find_map(|found| self.resolve(found.meaning, is_issuer_at(text, found.end)))
    }

    /// The city of the first place named as an issuer (X市人民政府办公室),
    /// `issues_at` telling whether the name ending at an offset is one.
    fn issuing_city(&self, text: &str, issues_at: fn(&str, usize) -> bool) -> Option<usize> {
        self.full_names
            .find_iter(text)
            .filter(|found| issues_at(text, found.end) && !is_quoted(text, found.start))
            .find_map(|found| self.resolve(found.meaning, true))
    }

    /// The city named in full clearly more often than any other.
    fn most_named_city(&self, text: &str) -> Option<usize> {
        let mut counts = HashMap::new();
        for found in self.full_names.find_iter(text) {
            if let Some(city) = self.city_row(found.meaning) {
                *counts.entry(city).or_insert(0) += 1;
            }
        }
        clear_winner(&counts, MIN_REPEATS)
    }

    /// The city whose abbreviation starts the document number (齐 in
    /// 齐政办文〔2020〕5号), told apart from others by a province named.
    fn city_by_doc_number(&self, hints: &PlaceHints) -> Option<usize> {
        let (key, city_level) = doc_number_key(hints.doc_number?)?;
        let owner = if city_level {
            None
        } else {
            self.province_abbrs.get(key).copied()
        };
        let candidates: Vec<usize> = self
            .city_abbrs
            .get(key)?
            .iter()
            .copied()
            .filter(|&city| Some(self.places[city].province) != owner)
            .collect();
        if let (None, [only]) = (owner, candidates.as_slice()) {
            return Some(*only);
        }
        let named = self.provinces_named(&hints.texts());
        single(
            candidates
                .into_iter()
                .filter(|&city| named.contains(&self.places[city].province)),
        )
    }

    /// The provinces named in the texts (黑龙江省, 湖北, 龙江).
    fn provinces_named(&self, texts: &[&str]) -> HashSet<usize> {
        texts
            .iter()
            .flat_map(|text| self.mentions.find_iter(text))
            .filter_map(|found| found.meaning.province)
            .collect()
    }

    /// The city that nicknames and place names in the whole text vote for
    /// with a clear majority; each word votes once however often it is
    /// repeated, so one project name (中国白银城) cannot decide.
    fn city_by_votes(&self, hints: &PlaceHints) -> Option<usize> {
        let mut voted = HashSet::new();
        let mut scores = HashMap::new();
        for text in [hints.title.unwrap_or(""), hints.head, hints.body] {
            for found in self.mentions.find_iter(text) {
                if let Some(vote) = found.meaning.vote
                    && !is_local_name_at(text, found.end)
                    && voted.insert(found.word)
                {
                    *scores.entry(vote.city).or_insert(0) += vote.weight;
                }
            }
        }
        clear_winner(&scores, MIN_VOTE_SCORE)
    }

    /// The one city the places of a name tell, if they agree.
    fn resolve(&self, places: &[usize], as_issuer: bool) -> Option<usize> {
        let mut cities = places
            .iter()
            .filter_map(|&place| self.city_for(place, as_issuer));
        let first = cities.next()?;
        cities.all(|city| city == first).then_some(first)
    }

    /// The city a place tells: itself for a city or a county-level city named
    /// as issuer (赤壁市人民政府), its city for a county, none for a province.
    fn city_for(&self, place: usize, as_issuer: bool) -> Option<usize> {
        let found = &self.places[place];
        match found.level {
            Level::Province => None,
            Level::City => Some(place),
            Level::County if as_issuer && found.name.ends_with('市') => Some(place),
            Level::County => found.city,
        }
    }

    /// The city row among the places of a name.
    fn city_row(&self, places: &[usize]) -> Option<usize> {
        places
            .iter()
            .copied()
            .find(|&place| self.places[place].level == Level::City)
    }
}

/// True when an issuing office follows the name ending at `end`.
fn is_issuer_at(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let words = lexicon();
    words.list(List::IssuerSuffix).iter().any(|suffix| {
        rest.strip_prefix(suffix.as_str())
            .is_some_and(|after| words.opening_in(List::WebsiteWord, after).is_none())
    })
}

/// True when the word ending at `end` names a street, a town or a road.
fn is_local_name_at(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let lexicon = lexicon();
    if lexicon.opening_in(List::LocalName, rest).is_some() {
        return true;
    }
    // 清河、西三旗街道: the names of a list share the last one's ending.
    let Some(list) = rest.strip_prefix('、') else {
        return false;
    };
    let list = crate::cjk::first_chars(list, MAX_SHARED_LIST_CHARS);
    let end = list
        .find(|c: char| !crate::cjk::is_han(c) && c != '、')
        .unwrap_or(list.len());
    let list = &list[..end];
    let last = list.rsplit('、').next().unwrap_or(list);
    last.chars().count() >= MIN_SHARING_NAME_CHARS
        && lexicon.ending_in(List::LocalName, last).is_some()
}

/// How far a list sharing its last name's ending is read.
const MAX_SHARED_LIST_CHARS: usize = 24;

/// The shortest last name of such a list (西三旗街道, not 宁乡).
const MIN_SHARING_NAME_CHARS: usize = 3;

/// True when `at` sits inside 《》 or quotes opened before it: a document
/// quoted, not the one at hand.
fn is_quoted(text: &str, at: usize) -> bool {
    let before = &text[..at];
    before.matches(['《', '“']).count() > before.matches(['》', '”']).count()
}

/// True when an issuing office and an announcing word follow the name ending
/// at `end`.
fn announces_at(text: &str, end: usize) -> bool {
    let rest = &text[end..];
    let words = lexicon();
    words
        .list(List::IssuerSuffix)
        .iter()
        .filter_map(|suffix| rest.strip_prefix(suffix.as_str()))
        .any(|after| words.opening_in(List::AnnouncingWord, after).is_some())
}

/// The start of the body read by the issuer and frequency steps.
fn opening(body: &str) -> &str {
    let mut end = body.len().min(OPENING_BYTES);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    &body[..end]
}

/// The key with the best score when it reaches `min` and at least doubles
/// every other score.
fn clear_winner(scores: &HashMap<usize, u32>, min: u32) -> Option<usize> {
    let (&best, &score) = scores.iter().max_by_key(|(_, score)| **score)?;
    let runner_up = scores
        .iter()
        .filter(|(key, _)| **key != best)
        .map(|(_, score)| *score)
        .max()
        .unwrap_or(0);
    (score >= min && score >= 2 * runner_up).then_some(best)
}

/// The only item, if there is exactly one.
fn single(mut items: impl Iterator<Item = usize>) -> Option<usize> {
    let first = items.next()?;
    items.next().is_none().then_some(first)
}

/// The place part of a document number and whether it was marked as a city
/// (吉市政发 → 吉, true): the Chinese characters before the first organ
/// character (政, 府, 办…).
fn doc_number_key(number: &str) -> Option<(&str, bool)> {
    let word_end = number
        .char_indices()
        .find(|(_, c)| !crate::cjk::is_han(*c))
        .map_or(number.len(), |(index, _)| index);
    let word = &number[..word_end];
    let prefix = &word[..word.find(DOC_NUMBER_ORGANS)?];
    let (key, city_level) = match prefix.strip_suffix('市') {
        Some(stem) if !stem.is_empty() => (stem, true),
        _ => (prefix, false),
    };
    (1..=MAX_DOC_PREFIX_CHARS)
        .contains(&key.chars().count())
        .then_some((key, city_level))
}

/// The data lines of a table, skipping comments, blank lines and the header.
fn read_lines(table: &str) -> impl Iterator<Item = Result<Line<'_>, GazetteerError>> {
    table
        .lines()
        .enumerate()
        .map(|(index, text)| (index + 1, text))
        .filter(|(_, text)| {
            !text.trim().is_empty() && !text.starts_with('#') && !text.starts_with("kind\t")
        })
        .map(|(line, text)| read_line(line, text))
}

fn read_line(line: usize, text: &str) -> Result<Line<'_>, GazetteerError> {
    let found = text.split('\t').count();
    if found > COLUMNS {
        return Err(GazetteerError::Columns { line, found });
    }
    let mut fields = [""; COLUMNS];
    for (slot, field) in fields.iter_mut().zip(text.split('\t')) {
        *slot = field.trim();
    }
    let [
        kind,
        name,
        city,
        province,
        short,
        former,
        nicknames,
        doc_abbrs,
    ] = fields;
    if name.is_empty() {
        return Err(GazetteerError::EmptyName { line });
    }
    let level = match kind {
        "province" => Level::Province,
        "city" => Level::City,
        "county" => Level::County,
        "common" => return Ok(Line::Common(name)),
        "zone" => {
            return Ok(Line::Zone {
                ending: name,
                others: former,
            });
        }
        other => {
            return Err(GazetteerError::Kind {
                line,
                kind: other.to_string(),
            });
        }
    };
    Ok(Line::Place(Row {
        line,
        level,
        name,
        city,
        province,
        short,
        former,
        nicknames,
        doc_abbrs,
    }))
}

/// The `|`-separated items of a list cell.
fn list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Places in row order, their city and province columns resolved to rows.
fn resolve_places(rows: &[Row]) -> Result<Vec<Place>, GazetteerError> {
    let index_of = |level: Level| -> HashMap<&str, usize> {
        rows.iter()
            .enumerate()
            .filter(|(_, row)| row.level == level)
            .map(|(index, row)| (row.name, index))
            .collect()
    };
    let provinces = index_of(Level::Province);
    let cities = index_of(Level::City);
    let lookup = |index: &HashMap<&str, usize>, row: &Row, name: &str, level: Level| {
        index
            .get(name)
            .copied()
            .ok_or_else(|| GazetteerError::Reference {
                line: row.line,
                name: name.to_string(),
                expected: level.label(),
            })
    };
    rows.iter()
        .enumerate()
        .map(|(index, row)| {
            let (city, province) = match row.level {
                Level::Province => (None, index),
                Level::City => (
                    Some(index),
                    lookup(&provinces, row, row.province, Level::Province)?,
                ),
                Level::County => (
                    Some(lookup(&cities, row, row.city, Level::City)?),
                    lookup(&provinces, row, row.province, Level::Province)?,
                ),
            };
            Ok(Place {
                level: row.level,
                name: row.name.to_string(),
                short: row.short.to_string(),
                city,
                province,
            })
        })
        .collect()
}

/// Full and former names, each with the places so named.
fn index_names(rows: &[Row]) -> HashMap<String, Vec<usize>> {
    let mut names: HashMap<String, Vec<usize>> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        for name in std::iter::once(row.name).chain(list(row.former)) {
            names.entry(name.to_string()).or_default().push(index);
        }
    }
    names
}

/// Every word that names a province or may vote for a city, each with what it
/// tells once all its meanings are merged.
fn mention_words(
    rows: &[Row],
    places: &[Place],
    common: &HashSet<String>,
) -> Vec<(String, Mention)> {
    let mut meanings: HashMap<&str, Vec<Meaning>> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        for (word, meaning) in row_meanings(row, index, &places[index]) {
            meanings.entry(word).or_default().push(meaning);
        }
    }
    meanings
        .into_iter()
        .map(|(word, meanings)| {
            let mention = if common.contains(word) {
                Mention::default()
            } else {
                merge_meanings(&meanings, places)
            };
            (word.to_string(), mention)
        })
        .collect()
}

/// The words of one row and what each would mean alone.
fn row_meanings<'t>(row: &Row<'t>, index: usize, place: &Place) -> Vec<(&'t str, Meaning)> {
    let names = std::iter::once(row.name).chain(list(row.former));
    let short = Some(row.short).filter(|short| short.chars().count() >= MIN_SHORT_NAME_CHARS);
    let vote = |city, weight| Meaning::City(Vote { city, weight });
    match (row.level, place.city) {
        (Level::Province, _) => names
            .chain(short)
            .chain(list(row.nicknames))
            .map(|word| (word, Meaning::Province(index)))
            .collect(),
        (Level::City, _) => names
            .map(|word| (word, vote(index, FULL_NAME_WEIGHT)))
            .chain(list(row.nicknames).map(|word| (word, vote(index, NICKNAME_WEIGHT))))
            .chain(short.map(|word| (word, vote(index, SHORT_NAME_WEIGHT))))
            .collect(),
        (Level::County, Some(city)) => names
            .filter(|name| name.chars().count() >= MIN_COUNTY_NAME_CHARS)
            .map(|word| (word, vote(city, FULL_NAME_WEIGHT)))
            .chain(short.map(|word| (word, vote(city, SHORT_NAME_WEIGHT))))
            .collect(),
        (Level::County, None) => Vec::new(),
    }
}

/// What a word tells given all its meanings: the province it names, and a
/// vote when its strongest meanings all point at the same city (鹤城 is
/// 齐齐哈尔's nickname before the short name of 怀化's 鹤城区), a
/// municipality's province being that city.
fn merge_meanings(meanings: &[Meaning], places: &[Place]) -> Mention {
    let province = meanings.iter().find_map(|meaning| match meaning {
        Meaning::Province(province) => Some(*province),
        Meaning::City(_) => None,
    });
    let votes: Vec<Vote> = meanings
        .iter()
        .filter_map(|meaning| match meaning {
            Meaning::City(vote) => Some(*vote),
            Meaning::Province(_) => None,
        })
        .collect();
    let Some(weight) = votes.iter().map(|vote| vote.weight).max() else {
        return Mention {
            province,
            vote: None,
        };
    };
    let strongest = single_city(votes.iter().filter(|vote| vote.weight == weight));
    let vote = strongest
        .filter(|&city| province.is_none_or(|p| places[p].name == places[city].name))
        .map(|city| Vote { city, weight });
    Mention { province, vote }
}

/// The city all the votes are for, if they agree.
fn single_city<'v>(mut votes: impl Iterator<Item = &'v Vote>) -> Option<usize> {
    let first = votes.next()?.city;
    votes.all(|vote| vote.city == first).then_some(first)
}

/// The short names of counties that can be told in text: two characters or
/// more, no ordinary word.
fn county_short_words(
    rows: &[Row],
    places: &[Place],
    common: &HashSet<String>,
) -> Vec<(String, Vec<usize>)> {
    let mut words: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        if places[index].level == Level::County
            && row.short.chars().count() >= MIN_SHORT_NAME_CHARS
            && !common.contains(row.short)
        {
            words.entry(row.short).or_default().push(index);
        }
    }
    words
        .into_iter()
        .map(|(word, places)| (word.to_string(), places))
        .collect()
}

/// Cities by document-number abbreviation and short name, and provinces by
/// abbreviation.
fn index_abbrs(
    rows: &[Row],
    places: &[Place],
) -> (HashMap<String, Vec<usize>>, HashMap<String, usize>) {
    let mut cities: HashMap<String, Vec<usize>> = HashMap::new();
    let mut provinces = HashMap::new();
    for (index, row) in rows.iter().enumerate() {
        match places[index].level {
            Level::Province => {
                provinces.extend(list(row.doc_abbrs).map(|abbr| (abbr.to_string(), index)))
            }
            Level::City => {
                for key in city_abbrs(row) {
                    let entry = cities.entry(key.to_string()).or_default();
                    if !entry.contains(&index) {
                        entry.push(index);
                    }
                }
            }
            Level::County => {}
        }
    }
    (cities, provinces)
}

/// The abbreviations of a city row (default: the first character of its
/// short name) and its short name.
fn city_abbrs<'t>(row: &Row<'t>) -> Vec<&'t str> {
    let mut keys: Vec<&str> = list(row.doc_abbrs).collect();
    if keys.is_empty() {
        keys.extend(
            row.short
                .chars()
                .next()
                .map(|first| &row.short[..first.len_utf8()]),
        );
    }
    keys.extend(Some(row.short).filter(|short| !short.is_empty()));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(hints: PlaceHints) -> Option<String> {
        detect_place(&hints).map(|issuer| issuer.name)
    }

    fn title(text: &str) -> Option<String> {
        city(PlaceHints {
            title: Some(text),
            ..PlaceHints::default()
        })
    }

    fn head(text: &str) -> Option<String> {
        city(PlaceHints {
            head: text,
            ..PlaceHints::default()
        })
    }

    fn body(text: &str) -> Option<String> {
        city(PlaceHints {
            body: text,
            ..PlaceHints::default()
        })
    }

    fn doc_number(number: &str, head: &str) -> Option<String> {
        city(PlaceHints {
            doc_number: Some(number),
            head,
            ..PlaceHints::default()
        })
    }

    fn some(name: &str) -> Option<String> {
        Some(name.to_string())
    }

    #[test]
    fn embedded_table_parses() {
        let gazetteer = Gazetteer::parse(BUILTIN_TABLE);
        assert!(gazetteer.is_ok(), "{:?}", gazetteer.err());
    }

    #[test]
    fn parse_reports_bad_rows() {
        let header = "kind\tname\tcity\tprovince\tshort\tformer\tnicknames\tdoc_abbr\n";
        let unknown_kind = format!("{header}town\t某镇\n");
        assert!(matches!(
            Gazetteer::parse(&unknown_kind),
            Err(GazetteerError::Kind { line: 2, .. })
        ));
        let missing_city = format!(
            "{header}province\t湖北省\t\t湖北省\t湖北\ncounty\t咸安区\t咸宁市\t湖北省\t咸安\n"
        );
        assert!(matches!(
            Gazetteer::parse(&missing_city),
            Err(GazetteerError::Reference { line: 3, .. })
        ));
        let too_wide = format!("{header}common\t城区\t\t\t\t\t\t\t\textra\n");
        assert!(matches!(
            Gazetteer::parse(&too_wide),
            Err(GazetteerError::Columns { line: 2, .. })
        ));
    }

    #[test]
    fn lookups() {
        let gazetteer = builtin();
        let cities: Vec<&str> = gazetteer.city_names().collect();
        for name in [
            "济源市",
            "北京市",
            "齐齐哈尔市",
            "咸宁市",
            "仙桃市",
            "那曲市",
        ] {
            assert!(cities.contains(&name), "{name}");
        }
        assert!(!cities.contains(&"黑龙江省"));
        assert!(!cities.contains(&"莱芜市"));
        assert_eq!(gazetteer.short_name("齐齐哈尔市"), Some("齐齐哈尔"));
        assert_eq!(gazetteer.short_name("龙沙区"), Some("龙沙"));
        assert_eq!(gazetteer.short_name("恩施土家族苗族自治州"), Some("恩施"));
        assert_eq!(gazetteer.short_name("市场"), None);
        for name in ["赤壁市", "崇阳县", "咸安区", "嫩江市", "嫩江县"] {
            assert!(gazetteer.is_place_name(name), "{name}");
        }
        for word in ["城区", "市场", "全市", "咸安"] {
            assert!(!gazetteer.is_place_name(word), "{word}");
        }
        assert_eq!(gazetteer.city_of("龙沙区"), Some("齐齐哈尔市"));
        assert_eq!(gazetteer.city_of("莱芜市"), Some("济南市"));
        assert_eq!(gazetteer.city_of("济源市"), Some("济源市"));
        assert_eq!(gazetteer.city_of("朝阳区"), None);
        assert_eq!(gazetteer.city_of("湖北省"), None);
        assert_eq!(gazetteer.leading_place("崇阳县人民政府"), Some("崇阳县"));
        assert_eq!(gazetteer.leading_place("市发改委"), None);
    }

    #[test]
    fn title_names_the_city() {
        assert_eq!(
            title("咸宁市人民政府办公室关于印发2023年咸宁市重点工作的通知"),
            some("咸宁市")
        );
        assert_eq!(
            title("(湖北省)2023年咸宁市《政府工作报告》确定的主要目标任务责任分解方案"),
            some("咸宁市")
        );
        assert_eq!(
            title("北京市人民政府关于印发2024年工作要点的通知"),
            some("北京市")
        );
    }

    #[test]
    fn a_county_issues_at_its_own_level() {
        assert_eq!(
            title("崇阳县人民政府关于印发2023年工作要点的通知"),
            some("崇阳县")
        );
        assert_eq!(title("咸安区2023年重点工作责任分解方案"), some("咸安区"));
        assert_eq!(
            title("赤壁市人民政府关于印发2023年工作要点的通知"),
            some("赤壁市")
        );
        assert_eq!(
            title("关于支持赤壁市建设产业新城的实施方案"),
            some("咸宁市")
        );
    }

    #[test]
    fn head_issuing_office_wins_over_earlier_names() {
        let text = "黑龙江省政府网 首页\n齐齐哈尔市人民政府办公室\n2020年7月22日";
        assert_eq!(head(text), some("齐齐哈尔市"));
        let recipients = "各区、县(市)人民政府:\n哈尔滨市人民政府办公厅\n2024年9月23日";
        assert_eq!(head(recipients), some("哈尔滨市"));
        assert_eq!(head("转发吉林市关于春耕生产的经验做法"), some("吉林市"));
        // The offices a document is sent to never issue it.
        let sent_to = "各县(市、区)人民政府,市城乡一体化示范区、东城区管委会,市人民政府各部门:\n\
                       对有明确时间节点的重许昌市人民政府文件许政〔2020〕21号大工作实行专项督查";
        assert_eq!(head(sent_to), some("许昌市"));
    }

    #[test]
    fn body_issuing_phrase_and_frequency() {
        assert_eq!(
            body("日前,济源市人民政府发布通知,明确2021年重点工作责任单位。"),
            some("济源市")
        );
        let repeated = "学习借鉴武汉市经验,推动咸宁市高质量发展,把咸宁市建设成为……";
        assert_eq!(body(repeated), some("咸宁市"));
        assert_eq!(body("学习借鉴武汉市经验,推动高质量发展。"), None);
        assert_eq!(body("学习武汉市和咸宁市的经验。"), None);
        // A river (大宁河) and a word (沿河) are no county's short names.
        let rivers = "县城管局牵头,组织开展长江、大宁河集中清漂。县移民局牵头,做好长江、大宁河消落区域库岸治理;县林业局牵头,做好沿江、沿河创面植被恢复。";
        assert_eq!(body(rivers), None);
        assert_eq!(
            body("(牵头单位:市文旅局;责任单位:赤壁市人民政府、崇阳县人民政府)"),
            some("咸宁市")
        );
    }

    #[test]
    fn doc_number_abbreviation() {
        assert_eq!(doc_number("齐政办文〔2020〕5号", ""), some("齐齐哈尔市"));
        assert_eq!(doc_number("穗府办〔2023〕3号", ""), some("广州市"));
        assert_eq!(
            doc_number("咸政办发〔2023〕1号", "湖北省人民政府"),
            some("咸宁市")
        );
        assert_eq!(doc_number("咸政办发〔2023〕1号", "陕西省"), some("咸阳市"));
        assert_eq!(doc_number("咸政办发〔2023〕1号", ""), None);
        assert_eq!(doc_number("宁政发〔2020〕8号", "江苏省"), some("南京市"));
        assert_eq!(doc_number("吉市政发〔2021〕2号", "吉林省"), some("吉林市"));
    }

    #[test]
    fn provincial_document_number_is_no_city() {
        assert_eq!(doc_number("黑政办发〔2024〕27号", "黑龙江省"), None);
        assert_eq!(doc_number("云政发〔2022〕1号", "云南省"), None);
        assert_eq!(doc_number("国办发〔2022〕1号", ""), None);
    }

    #[test]
    fn votes_need_a_clear_majority() {
        assert_eq!(
            body("深化健康鹤城行动,举办卜奎之魂展览。"),
            some("齐齐哈尔市")
        );
        assert_eq!(body("打造冰城夏都品牌。"), None);
        assert_eq!(body("举办龙沙音乐会。"), None);
        assert_eq!(body("龙沙音乐会、龙沙公园、龙沙文化节。"), None);
        assert_eq!(
            body("举办龙沙音乐会,推进龙沙区、建华区老旧小区改造。"),
            some("齐齐哈尔市")
        );
    }

    #[test]
    fn false_friends_are_not_cities() {
        assert_eq!(body("全市城市建设和市场监管工作要点。"), None);
        assert_eq!(head("开拓吉林市场,服务全市发展。"), None);
        assert_eq!(body("开工建设中国白银城国际时尚产业园项目。"), None);
        assert_eq!(
            title("黑龙江省人民政府关于印发2024年工作要点的通知"),
            some("黑龙江省")
        );
        assert_eq!(
            body("推进中心城区、老城区改造,完善交通通道和公安检查站。"),
            None
        );
    }

    #[test]
    fn ambiguous_names_give_nothing() {
        assert_eq!(title("朝阳区人民政府关于印发工作要点的通知"), None);
        assert_eq!(body("江城、龙城携手发展。"), None);
    }

    /// Hints from a sample document: the first 15 lines are the head, the
    /// title is its line with 关于, the number its line with 〔.
    fn sample(text: &str) -> Option<String> {
        let split = text
            .match_indices('\n')
            .nth(14)
            .map_or(text.len(), |(index, _)| index);
        let (head, body) = text.split_at(split);
        let title = head.lines().find(|line| line.contains("关于"));
        let doc_number = head.lines().map(str::trim).find(|line| line.contains('〔'));
        city(PlaceHints {
            title,
            head,
            doc_number,
            body,
            units: &[],
        })
    }

    #[test]
    fn samples() {
        let cases = [
            (
                include_str!("../../assets/corpus/000_5d1acf1f898862e1.txt"),
                "齐齐哈尔市",
            ),
            (
                include_str!("../../assets/corpus/001_475ad2ca59a2f801.txt"),
                "哈尔滨市",
            ),
            (
                include_str!("../../assets/corpus/002_1174e347716747d5.txt"),
                "齐齐哈尔市",
            ),
            (
                include_str!("../../assets/corpus/003_f52a14d2b16fe9b2.txt"),
                "济源市",
            ),
            (
                include_str!("../../assets/corpus/004_7a10bbdabf87c04e.txt"),
                "咸宁市",
            ),
        ];
        for (index, (text, expected)) in cases.into_iter().enumerate() {
            assert_eq!(sample(text), some(expected), "sample {index:03}");
        }
    }

    #[test]
    fn sample_without_title_is_found_by_votes() {
        let text = include_str!("../../assets/corpus/002_1174e347716747d5.txt");
        let gazetteer = builtin();
        assert_eq!(gazetteer.first_named_city(text), None);
        let hints = PlaceHints {
            body: text,
            ..PlaceHints::default()
        };
        assert_eq!(
            gazetteer
                .city_by_votes(&hints)
                .map(|city| gazetteer.places[city].name.as_str()),
            Some("齐齐哈尔市")
        );
    }

    #[test]
    fn a_county_level_city_speaking_of_its_own_shi() {
        let units = ["市教育局", "市卫健局"];
        let plan = |body| {
            city(PlaceHints {
                body,
                units: &units,
                ..PlaceHints::default()
            })
        };
        assert_eq!(
            plan("推进乐清平阳山海协作,助力文成、永嘉和乐清的10所学校。首届温州市夏令营。"),
            some("乐清市")
        );
        // A city's own plan names several of its counties.
        assert_ne!(
            plan("完成福清、长乐、连江、闽侯等县(市)的任务,推广长乐、闽侯、连江、福清的经验。"),
            some("福清市")
        );
        // 津市 inside 天津市 is no mention of 津市市.
        assert_ne!(
            plan("《天津市规划纲要》实施,天津市人民政府决定。"),
            some("津市市")
        );
    }

    #[test]
    fn a_city_zone_issues_through_its_committee() {
        let found = detect_place(&PlaceHints {
            head: "济高新管发〔2021〕 号\n济宁高新区管委会\n关于做好2021年为民办实事的通知",
            ..PlaceHints::default()
        });
        assert_eq!(
            found.map(|issuer| (issuer.name, issuer.region)),
            Some((
                "济宁高新区".to_string(),
                vec![
                    "山东省".to_string(),
                    "济宁市".to_string(),
                    "济宁高新区".to_string()
                ]
            ))
        );
        assert_eq!(
            head("长沙经济技术开发区管理委员会\n2024年3月1日"),
            some("长沙经济技术开发区")
        );
    }

    #[test]
    fn names_sharing_the_ending_of_a_list_are_local() {
        let units = ["区委宣传部", "区教委"];
        let found = city(PlaceHints {
            body: "清河、西三旗街道和东北旺乡,要组织人力在禁放区一侧设立明显禁放标志。",
            units: &units,
            ..PlaceHints::default()
        });
        assert_ne!(found, some("清河区"));
    }
}
