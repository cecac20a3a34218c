//! Word's automatic list numbers. A numbered paragraph holds no number in
//! its text: `word/numbering.xml` says how to count ("一、", "（一）",
//! "1.") and the number is worked out while the document is read.

use std::collections::HashMap;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use super::{NUMBERING_PART, STYLES_PART, attribute, number_attribute, value_attribute, xml_error};
use crate::input::LoadError;

/// Word lists have nine levels.
const LEVELS: usize = 9;

/// How far a style's `basedOn` chain is followed.
const MAX_STYLE_DEPTH: usize = 8;

/// List definitions, style links and the running counters.
#[derive(Debug, Default)]
pub(super) struct Numbering {
    /// `w:num` instances by `w:numId`.
    lists: HashMap<u32, List>,
    /// `w:abstractNum` level definitions by `w:abstractNumId`.
    definitions: HashMap<u32, Levels>,
    /// Paragraph styles that carry numbering, by `w:styleId`.
    styles: HashMap<String, Style>,
    /// Current count at each level, per counter.
    counters: HashMap<CounterKey, [Option<u32>; LEVELS]>,
}

/// Level definitions, indexed by level.
type Levels = [Option<Level>; LEVELS];

/// One `w:num`: which definition it uses and what it overrides.
#[derive(Debug, Default, Clone)]
struct List {
    definition: u32,
    /// `w:startOverride` by level.
    starts: HashMap<usize, u32>,
    /// Levels redefined by `w:lvlOverride/w:lvl`.
    levels: Levels,
}

/// How one level counts.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Level {
    start: u32,
    /// `w:numFmt`, e.g. `decimal`, `chineseCounting`, `bullet`.
    format: String,
    /// `w:lvlText`, e.g. `%1、` or `（%2）`.
    text: String,
    /// `w:isLgl`: show all levels' numbers as decimals.
    legal: bool,
}

impl Default for Level {
    fn default() -> Level {
        Level {
            start: 1,
            format: "decimal".to_string(),
            text: String::new(),
            legal: false,
        }
    }
}

/// A paragraph style's numbering and parent style.
#[derive(Debug, Default, Clone)]
struct Style {
    list: Option<u32>,
    level: Option<u32>,
    based_on: Option<String>,
}

/// Lists sharing a definition count together unless one restarts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum CounterKey {
    Definition(u32),
    List(u32),
}

impl Numbering {
    /// Reads `word/numbering.xml` and `word/styles.xml` when present.
    pub fn parse(numbering: Option<&str>, styles: Option<&str>) -> Result<Numbering, LoadError> {
        let mut result = Numbering::default();
        if let Some(xml) = numbering {
            NumberingReader::default().read(xml, &mut result)?;
        }
        if let Some(xml) = styles {
            result.styles = read_styles(xml)?;
        }
        Ok(result)
    }

    /// The number of a paragraph with these properties, counting it; `None`
    /// for paragraphs that are not numbered (or only bulleted).
    pub fn label(
        &mut self,
        list: Option<u32>,
        level: Option<u32>,
        style: Option<&str>,
    ) -> Option<String> {
        let (list_id, level) = self.resolve(list, level, style)?;
        let level = usize::try_from(level)
            .ok()
            .filter(|level| *level < LEVELS)?;
        let list = self.lists.get(&list_id)?;
        let levels = self.levels_of(list)?;
        let definition = levels.get(level)?.as_ref()?;
        if definition.format == "bullet" {
            return None;
        }
        let key = if list.starts.is_empty() {
            CounterKey::Definition(list.definition)
        } else {
            CounterKey::List(list_id)
        };
        let starts = level_starts(&levels, &list.starts);
        let counts = self.counters.entry(key).or_insert([None; LEVELS]);
        advance(counts, level, &starts);
        let label = format_label(definition, &levels, counts, &starts);
        Some(label).filter(|label| !label.trim().is_empty())
    }

    /// The list and level a paragraph uses, directly or through its style.
    fn resolve(
        &self,
        list: Option<u32>,
        level: Option<u32>,
        style: Option<&str>,
    ) -> Option<(u32, u32)> {
        if let Some(list) = list {
            return (list != 0).then_some((list, level.unwrap_or(0)));
        }
        let mut style_id = style?;
        for _ in 0..MAX_STYLE_DEPTH {
            let found = self.styles.get(style_id)?;
            if let Some(list) = found.list {
                return (list != 0).then_some((list, level.or(found.level).unwrap_or(0)));
            }
            style_id = found.based_on.as_deref()?;
        }
        None
    }

    /// A list's levels: its definition's, with its own overrides.
    fn levels_of(&self, list: &List) -> Option<Levels> {
        let mut levels = self.definitions.get(&list.definition)?.clone();
        for (slot, own) in levels.iter_mut().zip(&list.levels) {
            if own.is_some() {
                slot.clone_from(own);
            }
        }
        Some(levels)
    }
}

/// Where each level starts counting.
fn level_starts(levels: &Levels, overrides: &HashMap<usize, u32>) -> [u32; LEVELS] {
    let mut starts = [1; LEVELS];
    for (index, start) in starts.iter_mut().enumerate() {
        let defined = levels
            .get(index)
            .and_then(Option::as_ref)
            .map_or(1, |level| level.start);
        *start = overrides.get(&index).copied().unwrap_or(defined);
    }
    starts
}

/// Counts one more paragraph at `level`; deeper levels start again.
fn advance(counts: &mut [Option<u32>; LEVELS], level: usize, starts: &[u32; LEVELS]) {
    if let Some(count) = counts.get_mut(level) {
        let start = starts.get(level).copied().unwrap_or(1);
        *count = Some(count.map_or(start, |count| count.saturating_add(1)));
    }
    for deeper in counts.iter_mut().skip(level + 1) {
        *deeper = None;
    }
}

/// Fills `%1`...`%9` in a level's text with the counts of those levels.
fn format_label(
    definition: &Level,
    levels: &Levels,
    counts: &[Option<u32>; LEVELS],
    starts: &[u32; LEVELS],
) -> String {
    let mut label = String::new();
    let mut characters = definition.text.chars().peekable();
    while let Some(character) = characters.next() {
        let placeholder = characters
            .peek()
            .and_then(|next| next.to_digit(10))
            .filter(|digit| (1..=9).contains(digit));
        match (character, placeholder) {
            ('%', Some(digit)) => {
                characters.next();
                let index = digit as usize - 1;
                let count = counts
                    .get(index)
                    .copied()
                    .flatten()
                    .unwrap_or_else(|| starts.get(index).copied().unwrap_or(1));
                let format = match levels.get(index).and_then(Option::as_ref) {
                    Some(_) if definition.legal => "decimal",
                    Some(level) => level.format.as_str(),
                    None => "decimal",
                };
                label.push_str(&format_number(count, format));
            }
            _ => label.push(character),
        }
    }
    label
}

/// Writes a count in a Word number format.
fn format_number(value: u32, format: &str) -> String {
    let formatted = match format {
        "none" => Some(String::new()),
        "decimalZero" if value < 10 => Some(format!("0{value}")),
        "upperRoman" => roman(value),
        "lowerRoman" => roman(value).map(|text| text.to_lowercase()),
        "upperLetter" => letters(value, b'A'),
        "lowerLetter" => letters(value, b'a'),
        "chineseCounting"
        | "chineseCountingThousand"
        | "japaneseCounting"
        | "taiwaneseCounting" => chinese(value, &SIMPLE_CHINESE),
        "chineseLegalSimplified" => chinese(value, &LEGAL_CHINESE),
        "ideographTraditional" => from_list(value, &HEAVENLY_STEMS),
        "ideographZodiac" => from_list(value, &EARTHLY_BRANCHES),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => enclosed(value, '\u{2460}', 20),
        "decimalEnclosedParen" => enclosed(value, '\u{2474}', 20),
        "decimalEnclosedFullstop" => enclosed(value, '\u{2488}', 20),
        "decimalFullWidth" | "decimalFullWidth2" => Some(full_width(value)),
        "ideographDigital" | "taiwaneseDigital" | "japaneseDigitalTenThousand" => {
            Some(digit_by_digit(value))
        }
        _ => None,
    };
    formatted.unwrap_or_else(|| value.to_string())
}

/// Digits and unit characters of a Chinese number style.
struct ChineseNumerals {
    digits: [char; 10],
    /// Written for a gap of zeros inside a number (一百零五).
    zero: char,
    /// Thousands, hundreds, tens.
    units: [char; 3],
    /// Whether 10–19 drop the leading "one" (十一, not 一十一).
    short_teens: bool,
}

const SIMPLE_CHINESE: ChineseNumerals = ChineseNumerals {
    digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'],
    zero: '零',
    units: ['千', '百', '十'],
    short_teens: true,
};

const LEGAL_CHINESE: ChineseNumerals = ChineseNumerals {
    digits: ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'],
    zero: '零',
    units: ['仟', '佰', '拾'],
    short_teens: false,
};

const HEAVENLY_STEMS: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];

const EARTHLY_BRANCHES: [&str; 12] = [
    "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
];

/// 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五 (below 10000).
fn chinese(value: u32, numerals: &ChineseNumerals) -> Option<String> {
    if value == 0 || value >= 10_000 {
        return None;
    }
    let digit = |d: u32| numerals.digits.get(d as usize).copied().unwrap_or('?');
    let mut text = String::new();
    let mut rest = value;
    let mut zero_pending = false;
    for (place, unit) in [1000, 100, 10].into_iter().zip(numerals.units) {
        let count = rest / place;
        rest %= place;
        if count == 0 {
            zero_pending = !text.is_empty();
            continue;
        }
        if zero_pending {
            text.push(numerals.zero);
            zero_pending = false;
        }
        if !(numerals.short_teens && place == 10 && count == 1 && text.is_empty()) {
            text.push(digit(count));
        }
        text.push(unit);
    }
    if rest > 0 {
        if zero_pending {
            text.push(numerals.zero);
        }
        text.push(digit(rest));
    }
    Some(text)
}

/// The `value`th item of a cyclic list (甲乙丙...).
fn from_list(value: u32, items: &[&str]) -> Option<String> {
    let index = (value as usize).checked_sub(1)? % items.len();
    items.get(index).map(|item| item.to_string())
}

/// ①, ⑴, ⒈ and the like, for 1 to `count`.
fn enclosed(value: u32, first: char, count: u32) -> Option<String> {
    if value == 0 || value > count {
        return None;
    }
    char::from_u32(first as u32 + value - 1).map(String::from)
}

/// １２ for 12.
fn full_width(value: u32) -> String {
    value
        .to_string()
        .chars()
        .map(|digit| {
            digit
                .to_digit(10)
                .and_then(|d| char::from_u32(0xFF10 + d))
                .unwrap_or(digit)
        })
        .collect()
}

/// 一〇五 for 105.
fn digit_by_digit(value: u32) -> String {
    value
        .to_string()
        .chars()
        .map(|digit| {
            digit
                .to_digit(10)
                .and_then(|d| SIMPLE_CHINESE.digits.get(d as usize).copied())
                .unwrap_or(digit)
        })
        .collect()
}

/// XIV for 14 (1 to 3999).
fn roman(value: u32) -> Option<String> {
    if value == 0 || value >= 4000 {
        return None;
    }
    const NUMERALS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = value;
    let mut text = String::new();
    for (amount, numeral) in NUMERALS {
        while rest >= amount {
            text.push_str(numeral);
            rest -= amount;
        }
    }
    Some(text)
}

/// A, B, ... Z, AA, BB, ... as Word counts letters.
fn letters(value: u32, first: u8) -> Option<String> {
    let index = value.checked_sub(1)?;
    let letter = char::from(first + (index % 26) as u8);
    let repeat = (index / 26 + 1).min(100) as usize;
    Some(std::iter::repeat_n(letter, repeat).collect())
}

/// What is being read in `word/numbering.xml`.
#[derive(Debug, Default)]
struct NumberingReader {
    definition: Option<(u32, Levels)>,
    list: Option<(u32, List)>,
    /// The `w:lvl` being read and its index.
    level: Option<(usize, Level)>,
    /// The level a `w:lvlOverride` applies to.
    override_level: Option<usize>,
}

impl NumberingReader {
    fn read(mut self, xml: &str, numbering: &mut Numbering) -> Result<(), LoadError> {
        let mut reader = Reader::from_str(xml);
        loop {
            match reader.read_event() {
                Err(error) => return Err(xml_error(NUMBERING_PART, &reader, &error)),
                Ok(Event::Eof) => return Ok(()),
                Ok(Event::Start(element)) => self.start(&element),
                Ok(Event::Empty(element)) => {
                    self.start(&element);
                    self.end(element.local_name().as_ref(), numbering);
                }
                Ok(Event::End(element)) => self.end(element.local_name().as_ref(), numbering),
                Ok(_) => {}
            }
        }
    }

    fn start(&mut self, element: &BytesStart<'_>) {
        let name = element.local_name();
        match name.as_ref() {
            "abstractNum" => {
                let id = number_of(element, "abstractNumId");
                self.definition = id.map(|id| (id, Levels::default()));
            }
            "num" => self.list = number_of(element, "numId").map(|id| (id, List::default())),
            "abstractNumId" => {
                if let (Some((_, list)), Some(id)) = (self.list.as_mut(), number_attribute(element))
                {
                    list.definition = id;
                }
            }
            "lvlOverride" => self.override_level = level_index(element),
            "startOverride" => self.start_override(number_attribute(element)),
            "lvl" => self.level = level_index(element).map(|index| (index, Level::default())),
            "start" | "numFmt" | "lvlText" | "isLgl" => self.level_property(name.as_ref(), element),
            _ => {}
        }
    }

    fn start_override(&mut self, start: Option<u32>) {
        if let (Some((_, list)), Some(level), Some(start)) =
            (self.list.as_mut(), self.override_level, start)
        {
            list.starts.insert(level, start);
        }
    }

    fn level_property(&mut self, name: &str, element: &BytesStart<'_>) {
        let Some((_, level)) = self.level.as_mut() else {
            return;
        };
        let value = value_attribute(element);
        match name {
            "start" => {
                level.start = value
                    .and_then(|value| value.trim().parse().ok())
                    .unwrap_or(1)
            }
            "numFmt" => level.format = value.unwrap_or_default(),
            "lvlText" => level.text = value.unwrap_or_default(),
            _ => level.legal = !matches!(value.as_deref(), Some("0" | "false" | "off")),
        }
    }

    fn end(&mut self, name: &str, numbering: &mut Numbering) {
        match name {
            "lvl" => self.end_level(),
            "lvlOverride" => self.override_level = None,
            "abstractNum" => {
                if let Some((id, levels)) = self.definition.take() {
                    numbering.definitions.insert(id, levels);
                }
            }
            "num" => {
                if let Some((id, list)) = self.list.take() {
                    numbering.lists.insert(id, list);
                }
            }
            _ => {}
        }
    }

    /// Stores a finished `w:lvl` in its definition or list override.
    fn end_level(&mut self) {
        let Some((index, level)) = self.level.take() else {
            return;
        };
        let levels = match (self.list.as_mut(), self.definition.as_mut()) {
            (Some((_, list)), _) => &mut list.levels,
            (None, Some((_, levels))) => levels,
            (None, None) => return,
        };
        if let Some(slot) = levels.get_mut(index) {
            *slot = Some(level);
        }
    }
}

/// A numeric attribute other than `w:val`.
fn number_of(element: &BytesStart<'_>, name: &str) -> Option<u32> {
    attribute(element, name)?.trim().parse().ok()
}

/// The `w:ilvl` attribute as a level index.
fn level_index(element: &BytesStart<'_>) -> Option<usize> {
    number_of(element, "ilvl")
        .map(|level| level as usize)
        .filter(|level| *level < LEVELS)
}

/// Paragraph styles with numbering or a parent, from `word/styles.xml`.
fn read_styles(xml: &str) -> Result<HashMap<String, Style>, LoadError> {
    let mut reader = Reader::from_str(xml);
    let mut styles = HashMap::new();
    let mut current: Option<(String, Style)> = None;
    loop {
        let event = reader
            .read_event()
            .map_err(|error| xml_error(STYLES_PART, &reader, &error))?;
        match event {
            Event::Eof => return Ok(styles),
            Event::Start(element) | Event::Empty(element) => {
                let name = element.local_name();
                match (name.as_ref(), current.as_mut()) {
                    ("style", _) => {
                        current = attribute(&element, "styleId").map(|id| (id, Style::default()))
                    }
                    ("basedOn", Some((_, style))) => style.based_on = value_attribute(&element),
                    ("numId", Some((_, style))) => style.list = number_attribute(&element),
                    ("ilvl", Some((_, style))) => style.level = number_attribute(&element),
                    _ => {}
                }
            }
            Event::End(element) if element.local_name().as_ref() == "style" => {
                if let Some((id, style)) = current.take() {
                    styles.insert(id, style);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NUMBERING: &str = r#"<w:numbering xmlns:w="w">
        <w:abstractNum w:abstractNumId="0">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
          <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
          <w:lvl w:ilvl="3"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#61623;"/></w:lvl>
        </w:abstractNum>
        <w:abstractNum w:abstractNumId="1">
          <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
          <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:isLgl/><w:lvlText w:val="%1.%2"/></w:lvl>
        </w:abstractNum>
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
        <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
        <w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
      </w:numbering>"#;

    const STYLES: &str = r#"<w:styles xmlns:w="w">
        <w:style w:type="paragraph" w:styleId="Heading1"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
        <w:style w:type="paragraph" w:styleId="MyHeading"><w:basedOn w:val="Heading1"/></w:style>
      </w:styles>"#;

    fn numbering() -> Numbering {
        match Numbering::parse(Some(NUMBERING), Some(STYLES)) {
            Ok(numbering) => numbering,
            Err(error) => panic!("{error}"),
        }
    }

    #[test]
    fn chinese_outline_numbers_count_and_restart() {
        let mut numbering = numbering();
        let mut label = |level| numbering.label(Some(1), Some(level), None);
        let labels: Vec<Option<String>> = vec![
            label(0),
            label(1),
            label(2),
            label(2),
            label(1),
            label(2),
            label(0),
            label(1),
            label(3),
        ];
        let expected = [
            "一、",
            "（一）",
            "1.",
            "2.",
            "（二）",
            "1.",
            "二、",
            "（一）",
        ];
        let mut expected: Vec<Option<String>> =
            expected.iter().map(|s| Some(s.to_string())).collect();
        expected.push(None);
        assert_eq!(labels, expected);
    }

    #[test]
    fn styles_carry_numbering_through_based_on() {
        let mut numbering = numbering();
        assert_eq!(
            numbering.label(None, None, Some("MyHeading")),
            Some("一、".into())
        );
        assert_eq!(
            numbering.label(None, None, Some("Heading1")),
            Some("二、".into())
        );
        assert_eq!(numbering.label(None, None, Some("Normal")), None);
        assert_eq!(numbering.label(Some(0), None, Some("Heading1")), None);
    }

    #[test]
    fn legal_numbering_and_start_override() {
        let mut numbering = numbering();
        assert_eq!(numbering.label(Some(2), Some(0), None), Some("1.".into()));
        assert_eq!(numbering.label(Some(2), Some(1), None), Some("1.1".into()));
        assert_eq!(numbering.label(Some(3), Some(0), None), Some("5.".into()));
        assert_eq!(numbering.label(Some(3), Some(0), None), Some("6.".into()));
        assert_eq!(numbering.label(Some(2), Some(0), None), Some("2.".into()));
        assert_eq!(numbering.label(Some(9), Some(0), None), None);
        assert_eq!(numbering.label(Some(2), Some(99), None), None);
    }

    #[test]
    fn number_formats() {
        let cases = [
            (1, "chineseCounting", "一"),
            (10, "chineseCounting", "十"),
            (11, "chineseCounting", "十一"),
            (20, "chineseCounting", "二十"),
            (105, "chineseCounting", "一百零五"),
            (110, "chineseCountingThousand", "一百一十"),
            (1001, "chineseCounting", "一千零一"),
            (12, "chineseLegalSimplified", "壹拾贰"),
            (3, "ideographTraditional", "丙"),
            (2, "decimalEnclosedCircle", "②"),
            (21, "decimalEnclosedCircle", "21"),
            (12, "decimalFullWidth", "１２"),
            (14, "upperRoman", "XIV"),
            (4, "lowerRoman", "iv"),
            (28, "upperLetter", "BB"),
            (3, "lowerLetter", "c"),
            (7, "decimalZero", "07"),
            (7, "cardinalText", "7"),
            (0, "chineseCounting", "0"),
        ];
        for (value, format, expected) in cases {
            assert_eq!(format_number(value, format), expected, "{value} {format}");
        }
    }

    #[test]
    fn broken_numbering_is_an_error() {
        let error = Numbering::parse(Some("<w:numbering><w:num></w:abstractNum>"), None);
        assert!(
            matches!(error, Err(LoadError::BrokenDocx(message)) if message.starts_with("word/numbering.xml: bad XML"))
        );
    }
}
