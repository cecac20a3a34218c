//! The issuing government's own place, at its own level: a province's plan
//! is the province's, a district's plan the district's (立山区), a
//! county-level city's its own (海城市).
//!
//! In turn: a place named as the issuer (`西安市未央区人民政府关于…`, a signature,
//! `昆明市人民政府办公室印发`), else the level the document speaks at (`区人民政府
//! 办公室关于…`, `省政府各部门`, units named 县财政局, 全县) and the place of that
//! level it names most, else the city the older steps tell.

use std::collections::HashMap;

use super::{Gazetteer, Level, PlaceHints, is_issuer_at};
use crate::lexicon::{List, lexicon};

/// What may stand between two place names of one issuer (北京市!!!通州区).
fn is_glue(c: char) -> bool {
    !crate::cjk::is_han(c) && !c.is_ascii_alphanumeric()
}

/// True for the line of a document's head that names whom it is sent to
/// (`各县(市、区)人民政府,市城乡一体化示范区、东城区管委会,市人民政府各部门:`):
/// it ends with a colon, and the offices it names receive the document.
fn is_recipients(line: &str) -> bool {
    line.trim_end().ends_with(':')
}

/// How strongly each kind of hint tells the level a document speaks at.
const LEVEL_WORD_WEIGHT: usize = 3;
const UNIT_PREFIX_WEIGHT: usize = 1;
const WHOLE_PLACE_WEIGHT: usize = 1;

/// Level prefixes of units and of 全X / 我X / X政府.
const LEVEL_CHARS: [(char, Level); 7] = [
    ('省', Level::Province),
    ('市', Level::City),
    ('区', Level::County),
    ('县', Level::County),
    ('旗', Level::County),
    ('州', Level::City),
    ('盟', Level::City),
];

impl Gazetteer {
    /// The place (an index into the table) that issued the document.
    pub(super) fn detect_place(&self, hints: &PlaceHints) -> Option<usize> {
        if let Some(place) = self.issuer(hints) {
            return Some(place);
        }
        match self.spoken_level(hints) {
            Some((Level::Province, _)) => self.named_province(hints),
            Some((Level::County, level_char)) => self.named_county(hints, level_char),
            Some((Level::City, _)) => self
                .county_level_city(hints)
                .or_else(|| self.detect_city_index(hints)),
            None => self
                .most_named_county(hints)
                .or_else(|| self.county_level_city(hints))
                .or_else(|| self.detect_city_index(hints)),
        }
    }

    /// A place named as the issuer: before 人民政府 / 政府 (the innermost of
    /// a chain such as 重庆市沙坪坝区), or first in the title.
    fn issuer(&self, hints: &PlaceHints) -> Option<usize> {
        let context = hints.texts();
        let context = &context[..];
        if let Some(title) = hints.title {
            let start = title.find('】').map_or(0, |end| end + '】'.len_utf8());
            if let Some(place) = self.issuer_in(&title[start..], Where::Title, context) {
                return Some(place);
            }
        }
        let signature = hints
            .head
            .lines()
            .chain(super::opening(hints.body).lines())
            .find_map(|line| self.signature(line, context));
        if let Some(place) = signature {
            return Some(self.refined_by_number(place, hints.doc_number));
        }
        let mut named: Option<usize> = None;
        for line in hints.head.lines().filter(|line| !is_recipients(line)) {
            let Some(place) = self.issuer_in(line, Where::Head, context) else {
                continue;
            };
            named = match named {
                Some(above) if self.contains(above, place) => Some(place),
                Some(above) => Some(above),
                None => Some(place),
            };
        }
        if let Some(place) = named {
            return Some(self.refined_by_number(place, hints.doc_number));
        }
        super::opening(hints.body)
            .lines()
            .take(BODY_ISSUER_LINES)
            .find_map(|line| self.issuer_in(line, Where::Body, context))
    }

    /// The issuer a signature line names: nothing but places and an office
    /// (`沁县人民政府办公室`, `苏州市吴江区人民政府`).
    fn signature(&self, line: &str, context: &[&str]) -> Option<usize> {
        let line = line.trim();
        let office = lexicon()
            .list(List::SignatureOffice)
            .iter()
            .find_map(|office| line.strip_suffix(office.as_str()))?;
        let found: Vec<_> = self.full_names.find_iter(office).collect();
        let (first, last) = (found.first()?, found.last()?);
        let covered = first.start == 0
            && last.end == office.len()
            && found
                .windows(2)
                .all(|pair| office[pair[0].end..pair[1].start].chars().all(is_glue));
        if !covered {
            return None;
        }
        let places: Vec<&Vec<usize>> = found.iter().map(|found| found.meaning).collect();
        self.innermost(&places, context)
    }

    /// True when `outer` is a province or city above `place`.
    fn contains(&self, outer: usize, inner: usize) -> bool {
        let place = &self.places[inner];
        outer != inner && (place.city == Some(outer) || place.province == outer)
    }

    /// A province named in the head and a document number of one of its
    /// cities (湖北省人民政府 and 咸政办发): the city.
    fn refined_by_number(&self, place: usize, number: Option<&str>) -> usize {
        if self.places[place].level != Level::Province {
            return place;
        }
        let Some((key, _)) = number.and_then(super::doc_number_key) else {
            return place;
        };
        let cities: Vec<usize> = self
            .city_abbrs
            .get(key)
            .into_iter()
            .flatten()
            .copied()
            .filter(|&city| self.places[city].province == place && city != place)
            .collect();
        match cities.as_slice() {
            [only] => *only,
            _ => place,
        }
    }

    /// The issuer a line names: a chain of place names followed by an
    /// issuing office (in the body, one announcing the document), or (in a
    /// title) starting it.
    fn issuer_in(&self, line: &str, place: Where, context: &[&str]) -> Option<usize> {
        let is_title = place == Where::Title;
        let found: Vec<_> = self.full_names.find_iter(line).collect();
        let mut index = 0;
        while index < found.len() {
            let start = found[index].start;
            let mut chain = vec![index];
            while let Some(next) = found.get(chain[chain.len() - 1] + 1) {
                let previous_end = found[chain[chain.len() - 1]].end;
                let next_start = next.start;
                if next_start >= previous_end && line[previous_end..next_start].chars().all(is_glue)
                {
                    chain.push(chain[chain.len() - 1] + 1);
                } else {
                    break;
                }
            }
            let last = &found[chain[chain.len() - 1]];
            let after = line[last.end..].trim_start_matches(is_glue);
            let office = if place == Where::Body {
                super::announces_at(line, last.end)
            } else {
                is_issuer_at(line, last.end)
            };
            let issues = office
                || is_title
                    && start == 0
                    && (lexicon().opening_in(List::TitleIssuerWord, after).is_some()
                        || !after.starts_with('、'));
            if issues && !super::is_quoted(line, start) {
                let places: Vec<&Vec<usize>> = chain.iter().map(|at| found[*at].meaning).collect();
                if let Some(found) = self.innermost(&places, context) {
                    return Some(found);
                }
            }
            index = chain[chain.len() - 1] + 1;
        }
        None
    }

    /// The place the last name of a chain means, the names before it
    /// telling which of its namesakes (北京市通州区, not 南通's).
    fn innermost(&self, chain: &[&Vec<usize>], context: &[&str]) -> Option<usize> {
        let (last, outer) = chain.split_last()?;
        let inside = |place: usize| {
            outer.iter().all(|names| {
                names.iter().any(|&parent| {
                    let place = &self.places[place];
                    place.city == Some(parent) || place.province == parent
                })
            })
        };
        let candidates: Vec<usize> = last
            .iter()
            .copied()
            .filter(|&place| inside(place))
            .collect();
        match candidates.as_slice() {
            [only] => Some(*only),
            [] => None,
            many => self.best_supported(many, context),
        }
    }

    /// The one of namesakes (市中区 of 济南, 枣庄, 内江, 乐山) whose city or
    /// province the document names most, when one does.
    fn best_supported(&self, candidates: &[usize], context: &[&str]) -> Option<usize> {
        let provinces = self.provinces_named(context);
        let mut cities: HashMap<usize, u32> = HashMap::new();
        for text in context {
            for found in self.mentions.find_iter(text) {
                if let Some(vote) = found.meaning.vote {
                    *cities.entry(vote.city).or_insert(0) += vote.weight;
                }
            }
        }
        let support: HashMap<usize, u32> = candidates
            .iter()
            .map(|&place| {
                let found = &self.places[place];
                let by_city = found
                    .city
                    .and_then(|city| cities.get(&city))
                    .copied()
                    .unwrap_or(0);
                let by_province = u32::from(provinces.contains(&found.province));
                (place, by_city * 2 + by_province)
            })
            .filter(|(_, score)| *score > 0)
            .collect();
        super::clear_winner(&support, 1)
    }

    /// The level a document speaks at, from its words (区人民政府办公室关于,
    /// 县政府各部门), its units' prefixes (区发改局) and 全县 / 我省.
    pub(super) fn spoken_level(&self, hints: &PlaceHints) -> Option<(Level, char)> {
        let mut by_char: HashMap<char, usize> = HashMap::new();
        let mut add = |level_char: char, weight: usize| {
            *by_char.entry(level_char).or_insert(0) += weight;
        };
        let opening = super::opening(hints.body);
        let regional = hints
            .texts()
            .iter()
            .any(|text| text.contains(AUTONOMOUS_REGION))
            || hints
                .units
                .iter()
                .any(|unit| unit.starts_with(AUTONOMOUS_REGION));
        for text in [hints.title.unwrap_or(""), hints.head] {
            for level_char in government_levels(&as_province_words(text, regional)) {
                add(level_char, LEVEL_WORD_WEIGHT);
            }
        }
        for unit in hints.units {
            if let Some(level_char) = unit_level(&as_province_words(unit, regional)) {
                add(level_char, UNIT_PREFIX_WEIGHT);
            }
        }
        let opening = as_province_words(opening, regional);
        for level_char in whole_place_levels(&opening) {
            add(level_char, WHOLE_PLACE_WEIGHT);
        }
        for level_char in government_levels(&opening) {
            add(level_char, WHOLE_PLACE_WEIGHT);
        }
        let mut scores: HashMap<LevelKey, usize> = HashMap::new();
        for (level_char, score) in &by_char {
            *scores
                .entry(LevelKey::of(level_of(*level_char)))
                .or_insert(0) += score;
        }
        let (&best, &score) = scores
            .iter()
            .max_by_key(|(key, score)| (**score, key.rank()))?;
        let runner_up = scores
            .iter()
            .filter(|(key, _)| **key != best)
            .map(|(_, score)| *score)
            .max()
            .unwrap_or(0);
        if score <= runner_up {
            return None;
        }
        let level = best.level();
        let level_char = by_char
            .iter()
            .filter(|(c, _)| level_of(**c) == level)
            .max_by_key(|(c, score)| (**score, **c))
            .map(|(c, _)| *c)?;
        Some((level, level_char))
    }

    /// The province the document names most (河南, 辽宁省), or the one its
    /// number's abbreviation (辽政发) or its cities tell.
    fn named_province(&self, hints: &PlaceHints) -> Option<usize> {
        let texts = hints.texts();
        let mut counts: HashMap<usize, u32> = HashMap::new();
        for text in texts {
            for found in self.mentions.find_iter(text) {
                if let Some(province) = found.meaning.province {
                    *counts.entry(province).or_insert(0) += 1;
                }
            }
        }
        if let Some(province) = super::clear_winner(&counts, 1) {
            return Some(province);
        }
        if let Some(number) = hints.doc_number
            && let Some(first) = number.chars().next()
            && let Some(&province) = self.province_abbrs.get(&first.to_string())
        {
            return Some(province);
        }
        let city = self.detect_city_index(hints)?;
        Some(self.places[city].province)
    }

    /// The short names of counties `text` holds, overlapping ones included,
    /// but not those naming a street, a town or a road (锦城街道).
    fn county_short_mentions<'m>(
        &'m self,
        text: &'m str,
    ) -> impl Iterator<Item = super::Found<'m, Vec<usize>>> + 'm {
        self.county_shorts
            .find_everywhere(text)
            .filter(move |found| !super::is_local_name_at(text, found.end))
    }

    /// The county the document names most, in full or by its short name,
    /// among those of the city or province it names when it names one.
    fn named_county(&self, hints: &PlaceHints, level_char: char) -> Option<usize> {
        let texts = hints.texts();
        let mut full: HashMap<usize, u32> = HashMap::new();
        let mut short: HashMap<usize, u32> = HashMap::new();
        for text in texts {
            for found in self.full_names.find_iter(text) {
                if found.end - found.start < super::MIN_COUNTY_NAME_CHARS * 3 {
                    continue;
                }
                for &place in found.meaning {
                    if self.places[place].level == Level::County {
                        *full.entry(place).or_insert(0) += 1;
                    }
                }
            }
            for found in self.county_short_mentions(text) {
                for &place in found.meaning {
                    *short.entry(place).or_insert(0) += 1;
                }
            }
        }
        let within = self.named_city_or_province(hints);
        for counts in [&mut full, &mut short] {
            counts.retain(|place, _| self.places[*place].name.ends_with(level_char));
            if let Some(within) = within {
                counts.retain(|place, _| {
                    let place = &self.places[*place];
                    place.city == Some(within) || place.province == within
                });
            }
            if let Some(place) = super::clear_winner(counts, 1) {
                return Some(place);
            }
            if let Some(place) = self.namesake_winner(counts, &texts) {
                return Some(place);
            }
        }
        None
    }

    /// The county-level city (乐清市, 余姚市) a plan speaking of 市 (or of no
    /// level: 安陆 twice, 孝感日报 once) is of
    /// when it names no issuer: the county it names at least twice, in full
    /// or by its short name, clearly more than any other county and more
    /// often than the city above it (首届温州市…夏令营 once, 乐清 twice).
    fn county_level_city(&self, hints: &PlaceHints) -> Option<usize> {
        let texts = hints.texts();
        let is_county = |place: usize| self.places[place].level == Level::County;
        let mut counties: HashMap<usize, u32> = HashMap::new();
        let mut cities: HashMap<usize, u32> = HashMap::new();
        for text in texts {
            let mut spans = Vec::new();
            for found in self.full_names.find_iter(text) {
                spans.push(found.start..found.end);
                for &place in found.meaning {
                    let counts = if is_county(place) {
                        &mut counties
                    } else {
                        &mut cities
                    };
                    *counts.entry(place).or_insert(0) += 1;
                }
            }
            for found in self.county_short_mentions(text) {
                let inside_full = spans
                    .iter()
                    .any(|span| span.start < found.end && found.start < span.end);
                if inside_full {
                    continue;
                }
                for &place in found.meaning.iter().filter(|&&place| is_county(place)) {
                    *counties.entry(place).or_insert(0) += 1;
                }
            }
        }
        let winner = super::clear_winner(&counties, super::MIN_REPEATS)?;
        let above = self.places[winner]
            .city
            .and_then(|city| cities.get(&city))
            .copied()
            .unwrap_or(0);
        (self.places[winner].name.ends_with('市') && counties[&winner] > above).then_some(winner)
    }

    /// Of the places named most, all namesakes (普陀区 of 上海 and of 舟山),
    /// the one the document's other names support.
    fn namesake_winner(&self, counts: &HashMap<usize, u32>, context: &[&str]) -> Option<usize> {
        let top = counts.values().copied().max()?;
        let tied: Vec<usize> = counts
            .iter()
            .filter(|(_, count)| **count == top)
            .map(|(place, _)| *place)
            .collect();
        let name = &self.places[*tied.first()?].name;
        let namesakes =
            tied.len() > 1 && tied.iter().all(|place| self.places[*place].name == *name);
        let others = counts
            .iter()
            .filter(|(_, count)| **count < top)
            .map(|(_, count)| *count);
        (namesakes && others.max().unwrap_or(0) * 2 <= top)
            .then(|| self.best_supported(&tied, context))
            .flatten()
    }

    /// A county the document names in full at least twice, and clearly more
    /// than any other place, where it names no city or province in full:
    /// a county's plan that never says 区政府 (新建甘井子区婴幼儿早期教育指导中心).
    fn most_named_county(&self, hints: &PlaceHints) -> Option<usize> {
        let texts = hints.texts();
        let mut counts: HashMap<usize, u32> = HashMap::new();
        for text in texts {
            for found in self.full_names.find_iter(text) {
                match found.meaning.as_slice() {
                    [place] if self.places[*place].level == Level::County => {
                        *counts.entry(*place).or_insert(0) += 1;
                    }
                    _ => return None,
                }
            }
        }
        super::clear_winner(&counts, super::MIN_REPEATS)
    }

    /// A city or province the document names in full, above its counties.
    fn named_city_or_province(&self, hints: &PlaceHints) -> Option<usize> {
        let texts = [hints.title.unwrap_or(""), hints.head];
        for text in texts {
            for found in self.full_names.find_iter(text) {
                if let [place] = found.meaning.as_slice()
                    && self.places[*place].level != Level::County
                {
                    return Some(*place);
                }
            }
        }
        None
    }

    /// The path from the province down to `place`: 辽宁省 / 鞍山市 / 立山区,
    /// a municipality named once (重庆市 / 沙坪坝区).
    pub(super) fn region_of(&self, place: usize) -> Vec<String> {
        let found = &self.places[place];
        let mut path = vec![self.places[found.province].name.clone()];
        if let Some(city) = found.city {
            path.push(self.places[city].name.clone());
        }
        if found.level == Level::County {
            path.push(found.name.clone());
        }
        path.dedup();
        path
    }
}

/// Levels as map keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct LevelKey(u8);

impl LevelKey {
    fn of(level: Level) -> Self {
        LevelKey(match level {
            Level::Province => 0,
            Level::City => 1,
            Level::County => 2,
        })
    }

    fn level(self) -> Level {
        match self.0 {
            0 => Level::Province,
            1 => Level::City,
            _ => Level::County,
        }
    }

    /// Ties go to the lower level: a county's plan names the city above it
    /// more often than a city's plan names a county.
    fn rank(self) -> u8 {
        self.0
    }
}

/// Where in a document a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Where {
    Title,
    Head,
    Body,
}

/// How many lines of the body may announce its issuer (日前,济源市人民政府发布通知).
const BODY_ISSUER_LINES: usize = 3;

/// The levels of governments a text names without a place name before them:
/// `区人民政府办公室关于…`, `县政府各部门`, `省政府印发…`.
fn government_levels(text: &str) -> Vec<char> {
    let mut levels = Vec::new();
    for (level_char, _) in LEVEL_CHARS {
        for (at, _) in text.match_indices(level_char) {
            let rest = &text[at + level_char.len_utf8()..];
            if lexicon().opening_in(List::GovernmentWord, rest).is_none() {
                continue;
            }
            let before = text[..at].chars().next_back();
            let free = before.is_none_or(|c| {
                !crate::cjk::is_han(c) || "本全我年".contains(c) || c.is_ascii_digit()
            });
            if free {
                levels.push(level_char);
            }
        }
    }
    levels
}

/// What a province-level autonomous region calls itself: 自治区人民政府,
/// 自治区农牧厅.
const AUTONOMOUS_REGION: &str = "自治区";

/// `text` with an autonomous region's words read as a province's: 自治区 as
/// 省, and, in a region's document (`regional`), 全区 and 我区 as 全省 and 我省.
fn as_province_words(text: &str, regional: bool) -> std::borrow::Cow<'_, str> {
    if !regional {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.replace(AUTONOMOUS_REGION, "省")
            .replace("全区", "全省")
            .replace("我区", "我省"),
    )
}

/// The level a unit's prefix tells: 区发改局 → a district's, 省财政厅 → a
/// province's.
fn unit_level(unit: &str) -> Option<char> {
    let mut chars = unit.chars();
    let first = chars.next()?;
    let second = chars.next()?;
    let third = chars.next();
    let municipal_works = first == '市' && second == '政' && third != Some('府');
    if second == '场' || second == '直' && first == '市' || municipal_works {
        return None;
    }
    LEVEL_CHARS
        .iter()
        .find(|(level_char, _)| *level_char == first)
        .map(|(level_char, _)| *level_char)
        .filter(|_| crate::cjk::is_han(second) && !"级属委".contains(second) || second == '委')
}

/// The levels `全县`, `我区`, `全省` tell in a text.
fn whole_place_levels(text: &str) -> Vec<char> {
    let mut levels = Vec::new();
    for prefix in ['全', '我'] {
        for (at, _) in text.match_indices(prefix) {
            let rest = &text[at + prefix.len_utf8()..];
            let Some(next) = rest.chars().next() else {
                continue;
            };
            if LEVEL_CHARS.iter().any(|(c, _)| *c == next) {
                let after = rest[next.len_utf8()..].chars().next();
                if after != Some('场') {
                    levels.push(next);
                }
            }
        }
    }
    levels
}

/// The level a level's character stands for.
fn level_of(level_char: char) -> Level {
    LEVEL_CHARS
        .iter()
        .find(|(c, _)| *c == level_char)
        .map_or(Level::City, |(_, level)| *level)
}

#[cfg(test)]
mod tests {
    use super::super::{PlaceHints, builtin};

    fn place(hints: PlaceHints) -> Option<(String, Vec<String>)> {
        let gazetteer = builtin();
        let place = gazetteer.detect_place(&hints)?;
        Some((
            gazetteer.places[place].name.clone(),
            gazetteer.region_of(place),
        ))
    }

    fn by_title(title: &str) -> Option<(String, Vec<String>)> {
        place(PlaceHints {
            title: Some(title),
            ..PlaceHints::default()
        })
    }

    fn named(name: &str, region: &[&str]) -> Option<(String, Vec<String>)> {
        Some((
            name.to_string(),
            region.iter().map(|part| part.to_string()).collect(),
        ))
    }

    #[test]
    fn issuers_at_their_own_level() {
        assert_eq!(
            by_title(
                "立山区人民政府关于印发《立山区政府2023年重点工作任务分解和责任分工方案》的通知"
            ),
            named("立山区", &["辽宁省", "鞍山市", "立山区"])
        );
        assert_eq!(
            by_title("西安市未央区人民政府关于印发《未央区2017年民生提升重点工作任务》的通知"),
            named("未央区", &["陕西省", "西安市", "未央区"])
        );
        assert_eq!(
            by_title("重庆市沙坪坝区人民政府办公室关于印发2022年区政府工作报告目标任务的通知"),
            named("沙坪坝区", &["重庆市", "沙坪坝区"])
        );
        assert_eq!(
            by_title("北京市!!!通州区!!!关于印发分工方案的通知"),
            named("通州区", &["北京市", "通州区"])
        );
        assert_eq!(
            by_title("安徽省人民政府关于2022年重点工作及责任分解的通知"),
            named("安徽省", &["安徽省"])
        );
        assert_eq!(
            by_title(
                "趙縣人民政府辦公室關于印發的通知"
                    .chars()
                    .map(crate::cjk::to_simplified)
                    .collect::<String>()
                    .as_str()
            ),
            named("赵县", &["河北省", "石家庄市", "赵县"])
        );
        assert_eq!(
            by_title("海城市人民政府关于印发2024年重点工作的通知"),
            named("海城市", &["辽宁省", "鞍山市", "海城市"])
        );
        assert_eq!(
            by_title("济源市人民政府关于印发工作要点的通知"),
            named("济源市", &["河南省", "济源市"])
        );
    }

    #[test]
    fn a_signature_names_the_issuer() {
        assert_eq!(
            place(PlaceHints {
                head: "各街道办事处:\n现印发给你们。\n蔡甸区人民政府办公室\n2023年1月3日",
                ..PlaceHints::default()
            }),
            named("蔡甸区", &["湖北省", "武汉市", "蔡甸区"])
        );
        let quoting = PlaceHints {
            head: "根据《郑州市人民政府办公厅关于做好工作的通知》要求",
            ..PlaceHints::default()
        };
        assert_eq!(
            builtin().issuer(&quoting),
            None,
            "a quoted document is not the issuer"
        );
        assert_eq!(
            place(PlaceHints {
                body: "县示范区管委会:\n一、责任到人。\n沁县人民政府办公室\n2025年5月18日",
                ..PlaceHints::default()
            }),
            named("沁县", &["山西省", "长治市", "沁县"])
        );
    }

    #[test]
    fn a_signature_after_a_cover_letter() {
        assert_eq!(
            place(PlaceHints {
                head: "各镇人民政府、街道办事处,区直各单位:\n为认真贯彻落实区委十四届四次全会和区两会精神。\n附件:2018年《政府工作报告》工作任务分解表\n杭州市余杭区人民政府办公室\n2018年3月18日\n附件",
                ..PlaceHints::default()
            }),
            named("余杭区", &["浙江省", "杭州市", "余杭区"])
        );
    }

    #[test]
    fn the_level_a_document_speaks_at() {
        let units = ["县教体局", "县卫健委", "县住建局"];
        assert_eq!(
            place(PlaceHints {
                body: "完成吉水二中迁建项目",
                units: &units,
                ..PlaceHints::default()
            }),
            named("吉水县", &["江西省", "吉安市", "吉水县"])
        );
        let units = ["省发展改革委", "省财政厅", "省商务厅"];
        assert_eq!(
            place(PlaceHints {
                doc_number: Some("辽政发〔2026〕2号"),
                units: &units,
                ..PlaceHints::default()
            }),
            named("辽宁省", &["辽宁省"])
        );
        assert_eq!(
            place(PlaceHints {
                title: Some("陕西《政府工作报告》部门分工确定"),
                body: "省政府就落实重点工作提出分工意见",
                units: &units,
                ..PlaceHints::default()
            }),
            named("陕西省", &["陕西省"])
        );
    }

    #[test]
    fn an_autonomous_region_speaks_as_a_province() {
        let units = [
            "自治区农牧厅",
            "自治区财政厅",
            "自治区商务厅",
            "自治区工信厅",
        ];
        assert_eq!(
            place(PlaceHints {
                head: "各盟行政公署、市人民政府,自治区各委、办、厅、局:",
                body: "现将《内蒙古自治区2022年政策清单》印发给你们。深入贯彻自治区党委全会暨全区经济工作会议精神",
                units: &units,
                ..PlaceHints::default()
            }),
            named("内蒙古自治区", &["内蒙古自治区"])
        );
    }

    #[test]
    fn a_county_named_and_nothing_above_it() {
        assert_eq!(
            place(PlaceHints {
                head: "普陀区2021年上半年国民经济和社会发展计划执行情况",
                body: "深入学习贯彻习近平总书记考察上海重要讲话精神,全区扎实做好“六稳”工作",
                ..PlaceHints::default()
            }),
            named("普陀区", &["上海市", "普陀区"])
        );
        assert_eq!(
            place(PlaceHints {
                body: "1.建立区高校毕业生创业中心。\n3.新建甘井子区婴幼儿早期教育指导中心,设立甘井子区社区学院分院。",
                ..PlaceHints::default()
            }),
            named("甘井子区", &["辽宁省", "大连市", "甘井子区"])
        );
    }
}
