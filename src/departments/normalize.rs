//! From a unit name as written in a document to its canonical name: the
//! city's prefix removed, "etc." words dropped, aliases resolved.

use super::kind::{UnitKind, classify, governed_place, is_place_name};
use super::table::{DepartmentTable, TableEntry};
use super::text::clean_text;
use crate::lexicon::{List, lexicon};

/// The level words a unit's name starts with when it belongs to the
/// issuing government itself: 市人社局, 省财政厅, 区发改委, 县住建局.
const LEVEL_PREFIXES: [char; 4] = ['市', '省', '区', '县'];

/// A provincial 厅 is the city's 局 one level up: 省财政厅 is the 财政局 of
/// a province.
const PROVINCIAL_ENDING: char = '厅';

/// What a city's department of the same work ends with.
const CITY_ENDING: &str = "局";

/// What the province part of a city's name ends with (湖北省咸宁市).
const PROVINCE_ENDING: char = '省';

/// The canonical name of the city government itself (市政府, 济源市).
const CITY_GOVERNMENT: &str = "人民政府";

/// The name of the city a document belongs to, in full (济源市) and short (济源).
struct CityNames<'a> {
    full: &'a str,
    short: &'a str,
}

impl<'a> CityNames<'a> {
    /// The names of `city`; `None` when it is empty.
    fn new(city: &'a str) -> Option<Self> {
        let full = city
            .rsplit_once(PROVINCE_ENDING)
            .map(|(_, after)| after.trim())
            .filter(|after| !after.is_empty())
            .unwrap_or(city)
            .trim();
        if full.is_empty() {
            return None;
        }
        let short = lexicon()
            .list(List::PlaceSuffix)
            .iter()
            .find_map(|suffix| full.strip_suffix(suffix.as_str()))
            .filter(|short| short.chars().count() >= 2)
            .unwrap_or(full);
        Some(Self { full, short })
    }

    /// True when `name` is the city itself.
    fn is_whole(&self, name: &str) -> bool {
        name == self.full || name == self.short
    }
}

/// The canonical name of a unit written `written` in a document of `city`
/// (its full name, e.g. `Some("济源市")`).
///
/// The name is cleaned (widths, spaces, traditional characters, trailing
/// 等有关单位), its city prefix removed step by step until the alias table
/// knows it; a name the table does not know is its own canonical name, with
/// a government's name completed to …人民政府.
pub fn canonical_name(written: &str, city: Option<&str>, table: &DepartmentTable) -> String {
    let cleaned = clean_text(written);
    let name = strip_et_cetera(&cleaned);
    if name.is_empty() {
        return cleaned;
    }
    let city = city.and_then(CityNames::new);
    if city.as_ref().is_some_and(|city| city.is_whole(name)) {
        return in_table(CITY_GOVERNMENT, table);
    }
    let mut current = name;
    loop {
        if let Some(entry) = lookup_any_level(current, table) {
            return entry.canonical.clone();
        }
        match strip_prefix_once(current, city.as_ref()) {
            Some(shorter) => current = shorter,
            None => break,
        }
    }
    in_table(&complete_government_name(current), table)
}

/// The department `name` stands for in the table, a provincial 厅 found
/// under its city's 局 (财政厅 → 财政局; 办公厅 is a name of its own).
fn lookup_any_level<'t>(name: &str, table: &'t DepartmentTable) -> Option<&'t TableEntry> {
    table.lookup(name).or_else(|| {
        let stem = name.strip_suffix(PROVINCIAL_ENDING)?;
        table.lookup(&format!("{stem}{CITY_ENDING}"))
    })
}

/// `name`, or its department's canonical name when the table knows it.
fn in_table(name: &str, table: &DepartmentTable) -> String {
    table
        .lookup(name)
        .map_or_else(|| name.to_owned(), |entry| entry.canonical.clone())
}

/// `name` without a trailing 等有关单位 / 等部门 / 等.
pub fn strip_et_cetera(name: &str) -> &str {
    lexicon()
        .et_cetera_ending(name)
        .map(|length| &name[..name.len() - length])
        .filter(|rest| !rest.is_empty())
        .unwrap_or(name)
}

/// `name` without its leading city prefix, removed as often as one is there:
/// 市人社局 → 人社局, 济源市发展改革和统计局 → 发展改革和统计局,
/// 市市场监管局 → 市场监管局, while 市场监督管理局 keeps its 市.
pub fn strip_city_prefix<'a>(name: &'a str, city: Option<&str>) -> &'a str {
    let city = city.and_then(CityNames::new);
    let mut current = name;
    while let Some(shorter) = strip_prefix_once(current, city.as_ref()) {
        current = shorter;
    }
    current
}

/// `name` without one prefix naming the city; `None` when it has none.
fn strip_prefix_once<'a>(name: &'a str, city: Option<&CityNames>) -> Option<&'a str> {
    strip_branch_prefix(name, city)
        .or_else(|| city.and_then(|city| strip_city_name(name, city)))
        .or_else(|| strip_level(name))
}

/// 国网哈尔滨供电公司 → 供电公司: the local branch of a national body.
fn strip_branch_prefix<'a>(name: &'a str, city: Option<&CityNames>) -> Option<&'a str> {
    let rest = lexicon()
        .list(List::BranchPrefix)
        .iter()
        .find_map(|prefix| name.strip_prefix(prefix.as_str()))?;
    city.and_then(|city| strip_city_name(rest, city))
        .or_else(|| strip_level(rest))
}

/// 济源市人社局 / 济源人社局 → 人社局. The short name is removed only when
/// what is left is not an institution of its own (哈尔滨工业大学 stays).
fn strip_city_name<'a>(name: &'a str, city: &CityNames) -> Option<&'a str> {
    let after_full = name
        .strip_prefix(city.full)
        .filter(|rest| is_word_start(rest, city.full));
    let after_short = || {
        name.strip_prefix(city.short)
            .filter(|rest| is_word_start(rest, city.short) && classify(rest) != UnitKind::Other)
    };
    after_full.or_else(after_short)
}

/// 市人社局 → 人社局, 省财政厅 → 财政厅, 区发改委 → 发改委; `None` for
/// 市场监督管理局, 省委改革办 and the other words of the lexicon's
/// word-after-shi and word-after-level lists.
fn strip_level(name: &str) -> Option<&str> {
    let level = name.chars().next().filter(|c| LEVEL_PREFIXES.contains(c))?;
    let rest = &name[level.len_utf8()..];
    let prefix = level.encode_utf8(&mut [0; 4]).to_owned();
    let level_word = level != '市' && lexicon().opening_in(List::WordAfterLevel, rest).is_some();
    (is_word_start(rest, &prefix) && !level_word).then_some(rest)
}

/// True when `rest`, following `prefix`, can start a unit's name.
fn is_word_start(rest: &str, prefix: &str) -> bool {
    let splits_a_word =
        prefix.ends_with('市') && lexicon().opening_in(List::WordAfterShi, rest).is_some();
    let starts_with_a_word = rest.chars().next().is_some_and(char::is_alphanumeric);
    starts_with_a_word && !splits_a_word
}

/// A government's name in one form: 北三区政府 → 北三区人民政府,
/// 龙沙区 → 龙沙区人民政府; any other name unchanged.
pub fn complete_government_name(name: &str) -> String {
    let short_form = governed_place(name)
        .filter(|_| !name.ends_with(CITY_GOVERNMENT))
        .filter(|place| place.ends_with(lexicon().place_ends()) || place.ends_with(')'));
    match short_form {
        Some(place) => format!("{place}{CITY_GOVERNMENT}"),
        None if is_place_name(name) && lexicon().ending_in(List::ZoneSuffix, name).is_none() => {
            format!("{name}{CITY_GOVERNMENT}")
        }
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> &'static DepartmentTable {
        DepartmentTable::builtin()
    }

    fn canonical(written: &str, city: Option<&str>) -> String {
        canonical_name(written, city, table())
    }

    #[test]
    fn strips_leading_shi() {
        assert_eq!(strip_city_prefix("市人社局", None), "人社局");
        assert_eq!(canonical("市人社局", None), "人力资源和社会保障局");
    }

    #[test]
    fn strips_the_city_names() {
        let city = Some("济源市");
        assert_eq!(
            strip_city_prefix("济源市发展改革和统计局", city),
            "发展改革和统计局"
        );
        assert_eq!(
            canonical("济源市发展改革和统计局", city),
            "发展改革和统计局"
        );
        assert_eq!(
            canonical("济源人力资源和社会保障局", city),
            "人力资源和社会保障局"
        );
        assert_eq!(
            canonical("济源市卫健委", Some("河南省济源市")),
            "卫生健康委员会"
        );
    }

    #[test]
    fn market_regulation_keeps_its_shi() {
        assert_eq!(strip_city_prefix("市场监督管理局", None), "市场监督管理局");
        assert_eq!(strip_city_prefix("市市场监管局", None), "市场监管局");
        assert_eq!(canonical("市场监督管理局", None), "市场监督管理局");
        assert_eq!(canonical("市市场监管局", None), "市场监督管理局");
        assert_eq!(
            canonical("济源市市场监督管理局", Some("济源市")),
            "市场监督管理局"
        );
        assert_eq!(canonical("市监局", None), "市场监督管理局");
    }

    #[test]
    fn keeps_words_that_start_with_shi() {
        assert_eq!(strip_city_prefix("市委宣传部", None), "市委宣传部");
        assert_eq!(strip_city_prefix("市政公用局", None), "市政公用局");
        assert_eq!(
            strip_city_prefix("市政务服务和大数据管理局", None),
            "政务服务和大数据管理局"
        );
        assert_eq!(
            strip_city_prefix("中共济源市委宣传部", Some("济源市")),
            "市委宣传部"
        );
    }

    #[test]
    fn city_government_itself() {
        assert_eq!(canonical("市政府", None), "人民政府");
        assert_eq!(canonical("济源市人民政府", Some("济源市")), "人民政府");
        assert_eq!(canonical("济源市", Some("济源市")), "人民政府");
        assert_eq!(canonical("市政府办公室", None), "政府办公室");
    }

    #[test]
    fn short_city_name_kept_in_an_institution() {
        let city = Some("哈尔滨市");
        assert_eq!(strip_city_prefix("哈尔滨工业大学", city), "哈尔滨工业大学");
        assert_eq!(canonical("国网哈尔滨供电公司", city), "供电公司");
    }

    #[test]
    fn strips_et_cetera() {
        assert_eq!(
            canonical("发展改革和统计局等有关单位", None),
            "发展改革和统计局"
        );
        assert_eq!(canonical("财政局等", None), "财政局");
        assert_eq!(strip_et_cetera("等"), "等");
    }

    #[test]
    fn four_spellings_reach_one_department() {
        let groups: [(&str, [&str; 4]); 4] = [
            (
                "人力资源和社会保障局",
                [
                    "市人社局",
                    "人社局",
                    "人力资源和社会保障局",
                    "人力资源社会保障局",
                ],
            ),
            (
                "卫生健康委员会",
                ["市卫健委", "卫生健康委员会", "卫健委", "市卫生健康委"],
            ),
            (
                "文化广电和旅游局",
                ["市文旅局", "文广旅游局", "市文广旅游局", "文化广电和旅游局"],
            ),
            (
                "市场监督管理局",
                ["市市场监管局", "市场监督管理局", "市场监管局", "市监局"],
            ),
        ];
        for (expected, spellings) in groups {
            for written in spellings {
                assert_eq!(
                    canonical(written, Some("齐齐哈尔市")),
                    expected,
                    "{written}"
                );
            }
        }
        assert_eq!(canonical("文化和旅游局", None), "文化广电和旅游局");
    }

    #[test]
    fn traditional_characters_reach_the_same_department() {
        assert_eq!(canonical("市衛健委", None), "卫生健康委员会");
        assert_eq!(
            canonical("人力資源和社會保障局", None),
            "人力资源和社会保障局"
        );
    }

    #[test]
    fn older_names_and_merged_departments() {
        assert_eq!(canonical("市经信局", None), "工业和信息化局");
        assert_eq!(canonical("扶贫开发办公室", None), "乡村振兴局");
        assert_eq!(canonical("教育体育局", None), "教育体育局");
        assert_eq!(canonical("财政金融局", None), "财政金融局");
    }

    #[test]
    fn level_prefixes_of_provinces_districts_and_counties() {
        assert_eq!(canonical("区发改委", Some("通州区")), "发展和改革委员会");
        assert_eq!(canonical("县住建局", Some("金乡县")), "住房和城乡建设局");
        assert_eq!(
            canonical("省发展改革委", Some("辽宁省")),
            "发展和改革委员会"
        );
        assert_eq!(canonical("省财政厅", Some("辽宁省")), "财政局");
        assert_eq!(
            canonical("省人力资源社会保障厅", None),
            "人力资源和社会保障局"
        );
        assert_eq!(canonical("省政府办公厅", None), "政府办公室");
        assert_eq!(canonical("辽宁省财政厅", Some("辽宁省")), "财政局");
        assert_eq!(canonical("立山区财政局", Some("立山区")), "财政局");
        assert_eq!(canonical("省委改革办", None), "省委改革办");
        assert_eq!(canonical("区域合作办", None), "区域合作办");
        assert_eq!(canonical("县城管局", None), "城市管理局");
        assert_eq!(canonical("省(中)直有关单位", None), "省(中)直有关单位");
        assert_eq!(canonical("区政府", Some("立山区")), "人民政府");
    }

    #[test]
    fn government_names_take_one_form() {
        assert_eq!(canonical("北三区政府", None), "北三区人民政府");
        assert_eq!(canonical("龙沙区。", None), "龙沙区人民政府");
        assert_eq!(canonical("各县(市)区政府", None), "各县(市、区)人民政府");
        assert_eq!(canonical("各县市区人民政府", None), "各县(市、区)人民政府");
        assert_eq!(canonical("虎岭高新片区", None), "虎岭高新片区");
        assert_eq!(canonical("玉泉街道办事处", None), "玉泉街道办事处");
    }
}
