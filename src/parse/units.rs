//! Splitting a written list of units into names: 市教育局、市民政局,各县(市)区政府.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use crate::cjk::{char_count, is_han};
use crate::lexicon::{List, lexicon};

/// A unit's name as found in the text: one piece of it, or pieces that make
/// the name together (赤壁市 and the shared 人民政府 of a later name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name<'t> {
    pub parts: Pieces<'t>,
    /// The list marks it as the lead: `★区发改委`, `市发改委(牵头)`.
    pub marked_lead: bool,
}

/// The pieces of a name: nearly always one, held without an allocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pieces<'t> {
    One(&'t str),
    /// Two pieces or more.
    Many(Vec<&'t str>),
}

impl<'t> Pieces<'t> {
    /// The pieces in order.
    pub fn as_slice(&self) -> &[&'t str] {
        match self {
            Pieces::One(piece) => std::slice::from_ref(piece),
            Pieces::Many(pieces) => pieces,
        }
    }

    /// The pieces in order.
    pub fn iter(&self) -> std::slice::Iter<'_, &'t str> {
        self.as_slice().iter()
    }

    /// Adds a piece after the others.
    fn push(&mut self, piece: &'t str) {
        match self {
            Pieces::One(first) => *self = Pieces::Many(vec![first, piece]),
            Pieces::Many(pieces) => pieces.push(piece),
        }
    }
}

impl<'t> From<Vec<&'t str>> for Pieces<'t> {
    fn from(pieces: Vec<&'t str>) -> Self {
        match pieces.as_slice() {
            [only] => Pieces::One(only),
            _ => Pieces::Many(pieces),
        }
    }
}

impl<'t> Name<'t> {
    fn of(piece: &'t str) -> Self {
        Name {
            parts: Pieces::One(piece),
            marked_lead: false,
        }
    }

    /// The name's text (folded): its one piece, or its pieces joined.
    pub fn text(&self) -> Cow<'t, str> {
        match &self.parts {
            Pieces::One(only) => Cow::Borrowed(only),
            Pieces::Many(parts) => Cow::Owned(parts.concat()),
        }
    }
}

/// Splits a list of units written in a document into names, in order.
///
/// Separators are 、 , ; / and spaces outside brackets (a space inside a
/// broken name such as `市 财政局` is no separator), and 和 / 及 between two
/// names; a trailing 等有关单位 is removed, remarks that state a rule
/// (`(列第一位的为牵头单位)`) are dropped, a single place character between
/// 、 stays in its name (各县、市、区政府), a collective 各 is shared with a
/// bare kind of place after it, and a suffix shared by bare place names is
/// expanded.
pub fn split_names(list: &str) -> Vec<Name<'_>> {
    let mut items: Vec<&str> = Vec::new();
    let mut marked = FxHashSet::default();
    let mut raw = top_level_items(list);
    for item in &mut raw {
        *item = item.trim_matches(|c| is_unit_trim(c) && !is_lead_sign(c) && !is_lead_mark(c));
    }
    let mut parts = Vec::new();
    for item in join_single_characters(list, raw) {
        parts.clear();
        split_conjunctions(item, &mut parts);
        for part in &parts {
            let (part, is_marked) = without_lead_mark(part);
            if let Some(clean) = clean_item(part) {
                if is_marked {
                    marked.insert(clean.as_ptr() as usize);
                }
                items.push(clean);
            }
        }
    }
    let mut names = share_collective_prefix(&items);
    if !marked.is_empty() {
        for name in &mut names {
            name.marked_lead = name
                .parts
                .iter()
                .any(|part| marked.contains(&(part.as_ptr() as usize)));
        }
    }
    expand_shared_suffix(&mut names);
    keep_first_of_each(&mut names);
    names
}

/// Lists up to this long are rid of repeats by comparing each name with
/// those before it; longer ones by hashing.
const SHORT_LIST: usize = 8;

/// Drops the names whose text an earlier name has.
fn keep_first_of_each(names: &mut Vec<Name<'_>>) {
    if names.len() <= SHORT_LIST {
        let mut index = 1;
        while index < names.len() {
            let text = names[index].text();
            if names[..index].iter().any(|earlier| earlier.text() == text) {
                names.remove(index);
            } else {
                index += 1;
            }
        }
    } else {
        let mut seen = FxHashSet::default();
        names.retain(|name| seen.insert(name.text()));
    }
}

/// True for a bracket that opens.
fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '【' | '〔' | '［' | '﹝')
}

/// True for a bracket that closes.
fn closes(c: char) -> bool {
    matches!(c, ')' | ']' | '】' | '〕' | '］' | '﹞')
}

/// Items separated at the top level (not inside brackets); bracketed
/// remarks stating a rule are separators too. Runs of spaces separate only
/// where the text before them is a whole name.
fn top_level_items(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut bracket_start = None;
    let mut chars = list.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        if opens(c) {
            if depth == 0 {
                bracket_start = Some(index);
            }
            depth += 1;
            continue;
        }
        if closes(c) {
            depth = depth.saturating_sub(1);
            if depth == 0
                && let Some(open) = bracket_start.take()
                && lexicon().holds_note(&list[open..index])
            {
                items.push(&list[start..open]);
                start = index + c.len_utf8();
            }
            continue;
        }
        if depth > 0 {
            continue;
        }
        let is_separator = match c {
            '、' | ',' | ';' | '/' | '\n' | '。' => true,
            ' ' | '\t' | '\u{3000}' => space_separates(&list[start..index], &list[index..]),
            _ => false,
        };
        if is_separator && c.is_whitespace() && ends_names(&list[index..]) {
            // 宁波电业局 鄞州 海曙 合计: a table the text runs on into.
            items.push(&list[start..index]);
            return items;
        }
        if is_separator {
            items.push(&list[start..index]);
            start = index + c.len_utf8();
            while let Some((_, next)) = chars.peek()
                && next.is_whitespace()
                && matches!(c, ' ' | '\t' | '\u{3000}')
            {
                let (at, next) = chars.next().unwrap_or_default();
                start = at + next.len_utf8();
            }
        }
    }
    items.push(&list[start..]);
    items
}

/// True when a run of spaces between `before` (the item so far) and `after`
/// separates two names: `县教体局 各相关乡镇政府`, not `市 财政局` or `资源规划 局`.
fn space_separates(before: &str, after: &str) -> bool {
    let before = before.trim();
    let after = after.trim_start();
    // 市安委办 (工作专班办公室): a bracket after a name is the name's own.
    if after.starts_with(opens) {
        return false;
    }
    char_count(before) >= 2
        && lexicon().ends_like_unit(before)
        && char_count(&next_word(after)) >= 2
}

/// The word `text` starts with after its spaces, up to a space or separator.
fn next_word(text: &str) -> String {
    text.trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '、' | ',' | ';'))
        .collect()
}

/// True when the names stop at a space: a table of figures the text runs on
/// into, its totals (合计) ahead, starts with a word that is no unit
/// (`宁波电业局 鄞州 海曙 … 合计`: 海曙 and the rest are its columns).
fn ends_names(after: &str) -> bool {
    let lexicon = lexicon();
    !lexicon.ends_like_unit(&next_word(after))
        && lexicon.holds(
            List::TotalWord,
            crate::cjk::first_chars(after, TOTALS_REACH),
        )
}

/// How far after a space the totals of a table running on are looked for.
const TOTALS_REACH: usize = 64;

/// `统计局和市直相关单位` → 统计局, 市直相关单位: a conjunction between two names
/// (人力资源和社会保障局 is one name); the parts are added to `parts`.
fn split_conjunctions<'t>(item: &'t str, parts: &mut Vec<&'t str>) {
    if !lexicon().holds(List::Conjunction, item) {
        parts.push(item);
        return;
    }
    let mut rest = item;
    'search: loop {
        let mut depth = 0usize;
        for (index, c) in rest.char_indices() {
            if opens(c) {
                depth += 1;
            } else if closes(c) {
                depth = depth.saturating_sub(1);
            }
            if depth > 0 {
                continue;
            }
            let Some(word) = lexicon().opening_in(List::Conjunction, &rest[index..]) else {
                continue;
            };
            let left = rest[..index].trim();
            let right = rest[index + word.len()..].trim();
            let left_name = left
                .strip_suffix(|c: char| c == '等')
                .unwrap_or(left)
                .trim();
            if char_count(left_name) >= 2
                && lexicon().ends_like_unit(left_name)
                && char_count(right) >= 2
                && lexicon().ends_like_unit(right)
                && !is_bare_collective(left_name)
                && !lexicon().is_in(List::BareBody, right)
            {
                parts.push(left);
                rest = right;
                continue 'search;
            }
        }
        parts.push(rest);
        return;
    }
}

/// A collective of bare kinds of place, which the governments named after
/// it share: 各县(市) in 各县(市)及相关区政府.
fn is_bare_collective(name: &str) -> bool {
    let words = lexicon();
    let Some(collective) = words.opening_in(List::Collective, name) else {
        return false;
    };
    let kinds = crate::lexicon::without_brackets(&name[collective.len()..]);
    !kinds.is_empty() && kinds.chars().all(|c| words.is_place_end(c))
}

/// An item without its lead mark, and whether it had one.
fn without_lead_mark(item: &str) -> (&str, bool) {
    let trimmed = item.trim();
    if let Some(sign) = lexicon().opening_in(List::LeadSign, trimmed) {
        return (&trimmed[sign.len()..], true);
    }
    match lexicon().ending_in(List::LeadMark, trimmed) {
        Some(mark) if mark.len() < trimmed.len() => (&trimmed[..trimmed.len() - mark.len()], true),
        _ => (item, false),
    }
}

/// True for a sign that marks a name as the lead (★).
fn is_lead_sign(c: char) -> bool {
    lexicon()
        .list(List::LeadSign)
        .iter()
        .any(|sign| sign.chars().eq(std::iter::once(c)))
}

/// True for a one-character mark after a name that marks it as the lead (*).
fn is_lead_mark(c: char) -> bool {
    lexicon()
        .list(List::LeadMark)
        .iter()
        .any(|mark| mark.chars().eq(std::iter::once(c)))
}

/// Trims punctuation and "etc." words from one item; `None` when no name is
/// left.
fn clean_item(item: &str) -> Option<&str> {
    let mut unit = item.trim_matches(is_unit_trim);
    loop {
        let before = unit;
        if let Some(length) = lexicon().et_cetera_ending(unit) {
            unit = unit[..unit.len() - length].trim_matches(is_unit_trim);
        }
        unit = strip_collective_tail(unit);
        if let Some(stripped) = strip_unbalanced(unit) {
            unit = stripped;
        }
        if unit == before {
            break;
        }
    }
    (char_count(unit) >= 2 && unit.chars().any(is_han)).then_some(unit)
}

/// `省农业厅等省直有关部门` → 省农业厅: 等 followed by a collective name.
fn strip_collective_tail(unit: &str) -> &str {
    let Some(at) = unit.rfind('等') else {
        return unit;
    };
    let (head, tail) = (&unit[..at], &unit[at + '等'.len_utf8()..]);
    let collective = lexicon().holds(List::CollectiveMark, tail) && lexicon().ends_like_unit(tail);
    if collective && char_count(head.trim()) >= 2 {
        head.trim_matches(is_unit_trim)
    } else {
        unit
    }
}

fn is_unit_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '。' | '.' | ',' | ';' | ':' | '、' | '"' | '“' | '”' | '‘' | '’' | '*' | '★' | '☆'
        )
}

/// Drops a bracket left over from an enclosing annotation: `市教育局)`, `(市教育局`.
fn strip_unbalanced(unit: &str) -> Option<&str> {
    let (mut opened, mut closed) = (0usize, 0usize);
    for c in unit.chars() {
        if opens(c) {
            opened += 1;
        } else if closes(c) {
            closed += 1;
        }
    }
    if closed > opened {
        let last = unit.chars().last()?;
        if closes(last) {
            return Some(unit[..unit.len() - last.len_utf8()].trim_matches(is_unit_trim));
        }
    }
    if opened > closed {
        let first = unit.chars().next()?;
        if opens(first) {
            return Some(unit[first.len_utf8()..].trim_matches(is_unit_trim));
        }
    }
    None
}

/// `各县`, `市`, `区政府` → `各县、市、区政府`: a single place character
/// between 、 belongs to one collective name with its neighbours.
fn join_single_characters<'t>(list: &'t str, items: Vec<&'t str>) -> Vec<&'t str> {
    let mut joined: Vec<&'t str> = Vec::with_capacity(items.len());
    let mut index = 0;
    while index < items.len() {
        let mut end = index;
        while end + 1 < items.len() && is_place_character(items[end + 1]) && end + 2 < items.len() {
            end += 2;
        }
        if end == index
            && is_collective_place(items[index])
            && items
                .get(index + 1)
                .and_then(|next| next.chars().next())
                .is_some_and(|c| lexicon().is_place_end(c))
        {
            end = index + 1;
        }
        if end > index {
            joined.push(span(list, items[index], items[end]));
        } else {
            joined.push(items[index]);
        }
        index = end + 1;
    }
    joined
}

/// True for a collective and one place character (各乡, 相关市), which the
/// next item completes: 各乡、镇人民政府, 相关市、县政府.
fn is_collective_place(item: &str) -> bool {
    let lexicon = lexicon();
    let ends_with_place = item
        .chars()
        .next_back()
        .is_some_and(|c| lexicon.is_place_end(c));
    ends_with_place
        && lexicon.list(List::Collective).iter().any(|collective| {
            item.strip_prefix(collective.as_str())
                .is_some_and(is_place_character)
        })
}

/// True for an item that is one place character (市, 区, 县).
fn is_place_character(item: &str) -> bool {
    let mut chars = item.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if lexicon().is_place_end(c))
}

/// The part of `list` from the start of `first` to the end of `last`, both
/// parts of it.
fn span<'t>(list: &'t str, first: &'t str, last: &'t str) -> &'t str {
    let base = list.as_ptr() as usize;
    let start = (first.as_ptr() as usize).saturating_sub(base);
    let end = (last.as_ptr() as usize + last.len()).saturating_sub(base);
    list.get(start..end).unwrap_or(first)
}

/// Names of the items, a collective 各 shared with bare kinds of place after it.
fn share_collective_prefix<'t>(items: &[&'t str]) -> Vec<Name<'t>> {
    let mut names = Vec::with_capacity(items.len());
    let mut shared: Option<&'t str> = None;
    for item in items {
        if item.starts_with('各') {
            shared = Some(&item[..'各'.len_utf8()]);
            names.push(Name::of(item));
            continue;
        }
        match shared {
            Some(prefix) if lexicon().is_in(List::BarePlaceKind, item) => names.push(Name {
                parts: Pieces::Many(vec![prefix, item]),
                marked_lead: false,
            }),
            _ => {
                shared = None;
                names.push(Name::of(item));
            }
        }
    }
    names
}

/// 赤壁市、崇阳县、通山县人民政府 → each place gets 人民政府.
fn expand_shared_suffix(names: &mut [Name<'_>]) {
    for index in (1..names.len()).rev() {
        let [last] = names[index].parts.as_slice() else {
            continue;
        };
        let last: &str = last;
        let Some(length) = shared_suffix(last).or_else(|| street_suffix(last)) else {
            continue;
        };
        let suffix = &last[last.len() - length..];
        let street = lexicon().is_in(List::OfficeSuffix, suffix);
        // 哈尔滨、黑河、绥芬河市政府: short names of places share 市政府.
        let place_suffix = last[..last.len() - length]
            .chars()
            .next_back()
            .filter(|c| lexicon().is_place_end(*c))
            .map(|c| &last[last.len() - length - c.len_utf8()..]);
        for name in names[..index].iter_mut().rev() {
            match name.parts.as_slice() {
                [only] if is_bare_place(only) || street && is_bare_street_name(only) => {
                    name.parts.push(suffix);
                }
                [only] if place_suffix.is_some_and(|full| names_a_place(only, full)) => {
                    if let Some(place_suffix) = place_suffix {
                        name.parts.push(place_suffix);
                    }
                }
                _ => break,
            }
        }
    }
}

/// True when `short` with the place character that starts `full` (市 of
/// 市政府) names a place the gazetteer knows: 黑河 + 市.
fn names_a_place(short: &str, full: &str) -> bool {
    let Some(place_end) = full.chars().next() else {
        return false;
    };
    (2..=4).contains(&char_count(short))
        && short.chars().all(is_han)
        && !lexicon().ends_like_unit(short)
        && crate::gazetteer::builtin().is_place_name(&format!("{short}{place_end}"))
}

/// A street's name without its office: two to four characters that are no
/// unit of their own (未央湖).
fn is_bare_street_name(text: &str) -> bool {
    (2..=4).contains(&char_count(text))
        && text.chars().all(is_han)
        && !lexicon().ends_like_unit(text)
        && !text.starts_with(['各', '市', '区', '县'])
}

/// The length in bytes of the shared suffix of a name such as 通山县人民政府,
/// when it follows a place name.
fn shared_suffix(unit: &str) -> Option<usize> {
    lexicon()
        .shared_suffixes()
        .find(|suffix| {
            unit.strip_suffix(suffix)
                .is_some_and(|place| char_count(place) >= 2 && is_bare_place(place))
        })
        .map(str::len)
}

/// The length of the street office suffix of a name such as 大明宫街办.
fn street_suffix(unit: &str) -> Option<usize> {
    lexicon().ending_in(List::OfficeSuffix, unit)?;
    lexicon()
        .list(List::OfficeSuffix)
        .iter()
        .find(|suffix| {
            unit.strip_suffix(suffix.as_str())
                .is_some_and(|street| char_count(street) >= 2 && !street.starts_with('各'))
        })
        .map(|suffix| suffix.len())
}

/// A place name with nothing after it: 赤壁市, 崇阳县, 咸安区, 济水街道.
fn is_bare_place(text: &str) -> bool {
    let count = char_count(text);
    if !(2..=8).contains(&count) || text.starts_with('各') || text.starts_with('市') {
        return false;
    }
    if text.ends_with("街道") {
        return count >= 4;
    }
    text.chars()
        .last()
        .is_some_and(|c| lexicon().is_place_end(c) && c != '省')
        && !text.ends_with("城区")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(list: &str) -> Vec<String> {
        split_names(list)
            .iter()
            .map(|name| name.text().into_owned())
            .collect()
    }

    #[test]
    fn a_table_of_figures_after_the_names_ends_them() {
        assert_eq!(
            names("市工商局、宁波电业局 海曙 江东 江北 合计 新辟线路年度目标 2 5 1"),
            ["市工商局", "宁波电业局"]
        );
        assert_eq!(
            names("县教体局 各相关乡镇政府"),
            ["县教体局", "各相关乡镇政府"]
        );
    }

    #[test]
    fn splits_on_every_separator() {
        assert_eq!(
            names("市教育局、市经信局,市农业农村局,市民政局;市财政局 市医保局"),
            [
                "市教育局",
                "市经信局",
                "市农业农村局",
                "市民政局",
                "市财政局",
                "市医保局"
            ]
        );
    }

    #[test]
    fn keeps_brackets_inside_names() {
        assert_eq!(
            names("市住建局、城管局、各县(市)区政府。"),
            ["市住建局", "城管局", "各县(市)区政府"]
        );
        assert_eq!(
            names("城市管理(综合执法)局、市公安局"),
            ["城市管理(综合执法)局", "市公安局"]
        );
        assert_eq!(
            names("县发改局(粮食局);责任单位"),
            ["县发改局(粮食局)", "责任单位"]
        );
    }

    #[test]
    fn removes_et_cetera() {
        assert_eq!(
            names("交通运输局、财政金融局等有关单位"),
            ["交通运输局", "财政金融局"]
        );
        assert_eq!(names("市发改委等部门"), ["市发改委"]);
        assert_eq!(names("各有关单位"), ["各有关单位"]);
        assert_eq!(
            names("省财政厅、省人事厅、省农业厅等省直有关部门和各市人民政府"),
            ["省财政厅", "省人事厅", "省农业厅", "各市人民政府"]
        );
    }

    #[test]
    fn conjunctions_between_names() {
        assert_eq!(
            names("统计局和市直相关单位、各区县市"),
            ["统计局", "市直相关单位", "各区县市"]
        );
        assert_eq!(
            names("审计局、财政局和市直各单位"),
            ["审计局", "财政局", "市直各单位"]
        );
        assert_eq!(names("人力资源和社会保障局"), ["人力资源和社会保障局"]);
        assert_eq!(names("工业和信息化厅"), ["工业和信息化厅"]);
    }

    #[test]
    fn spaces_inside_broken_names() {
        assert_eq!(
            names("市发展改革委、住建局, 各乡镇政府、街道办事处 、伏羲 山管委 会"),
            [
                "市发展改革委",
                "住建局",
                "各乡镇政府",
                "街道办事处",
                "伏羲 山管委 会"
            ]
        );
        assert_eq!(
            names("市 住建局 、资源规划 局、 大数据局"),
            ["市 住建局", "资源规划 局", "大数据局"]
        );
        assert_eq!(
            names("县教体局 各相关乡镇政府"),
            ["县教体局", "各相关乡镇政府"]
        );
    }

    #[test]
    fn notes_are_no_names() {
        assert_eq!(
            names("省商务厅、省文化厅(除标注为“牵头”单位外,列第一位的为牵头或汇总单位,下同)"),
            ["省商务厅", "省文化厅"]
        );
    }

    #[test]
    fn collective_names_and_prefixes() {
        assert_eq!(
            names("市经信局、各县、市、区政府"),
            ["市经信局", "各县、市、区政府"]
        );
        assert_eq!(
            names("各有关部门,各开发区、镇(街道)"),
            ["各有关部门", "各开发区", "各镇(街道)"]
        );
        assert_eq!(
            names("各镇人民政府、街道办事处"),
            ["各镇人民政府", "街道办事处"]
        );
    }

    #[test]
    fn expands_a_shared_suffix() {
        assert_eq!(
            names("赤壁市、崇阳县、通山县人民政府"),
            ["赤壁市人民政府", "崇阳县人民政府", "通山县人民政府"]
        );
        assert_eq!(
            names("市经信局,咸安区、赤壁市人民政府"),
            ["市经信局", "咸安区人民政府", "赤壁市人民政府"]
        );
        assert_eq!(
            names("济水街道、天坛街道办事处"),
            ["济水街道办事处", "天坛街道办事处"]
        );
        assert_eq!(names("未央湖、大明宫街办"), ["未央湖街办", "大明宫街办"]);
        assert_eq!(
            names("哈尔滨机场扩建指挥部、哈尔滨、黑河、绥芬河市政府、省农垦总局"),
            [
                "哈尔滨机场扩建指挥部",
                "哈尔滨市政府",
                "黑河市政府",
                "绥芬河市政府",
                "省农垦总局"
            ]
        );
        assert_eq!(
            names("各乡、镇人民政府、人民大垸、荒湖管理区"),
            ["各乡、镇人民政府", "人民大垸管理区", "荒湖管理区"]
        );
        assert_eq!(names("相关市、县政府负责"), ["相关市、县政府负责"]);
        assert_eq!(
            names("市发改委、教育局、科技局、财政局、龙沙区"),
            ["市发改委", "教育局", "科技局", "财政局", "龙沙区"]
        );
    }

    #[test]
    fn drops_leftover_brackets_and_duplicates() {
        assert_eq!(names("市教育局)"), ["市教育局"]);
        assert_eq!(names("市教育局、市教育局"), ["市教育局"]);
        assert!(names("。、").is_empty());
        assert_eq!(names("★区发改委、统计局"), ["区发改委", "统计局"]);
        let marked: Vec<bool> = split_names("★区发改委、统计局、市财政局(牵头)")
            .iter()
            .map(|name| name.marked_lead)
            .collect();
        assert_eq!(marked, [true, false, true]);
    }
}
