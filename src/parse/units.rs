//! Splitting a written list of units into names: 市教育局、市民政局,各县(市)区政府.

/// Suffixes that a list may share: 赤壁市、崇阳县人民政府 → two governments.
const SHARED_SUFFIXES: [&str; 8] = [
    "人民政府",
    "政府",
    "街道办事处",
    "办事处",
    "管理委员会",
    "管委会",
    "党委",
    "党工委",
];

/// Trailing words meaning "and the others concerned", removed from a unit.
const ET_CETERA: [&str; 9] = [
    "等有关单位",
    "等相关单位",
    "等有关部门",
    "等相关部门",
    "等单位",
    "等部门",
    "等县市区",
    "等地",
    "等",
];

/// Characters that end a place name that a shared suffix can follow.
const PLACE_ENDINGS: [char; 7] = ['市', '县', '区', '镇', '乡', '旗', '州'];

/// Splits a list of units written in a document into names, in order.
///
/// Separators are 、 , , ; ; / and spaces, outside parentheses; a trailing
/// 等有关单位 is removed; a suffix shared by bare place names is expanded.
pub fn split_units(list: &str) -> Vec<String> {
    let mut units: Vec<String> = top_level_items(list)
        .into_iter()
        .filter_map(clean_unit)
        .collect();
    expand_shared_suffix(&mut units);
    let mut seen = Vec::with_capacity(units.len());
    for unit in units {
        if !seen.contains(&unit) {
            seen.push(unit);
        }
    }
    seen
}

/// Items separated at the top level (not inside parentheses).
fn top_level_items(list: &str) -> Vec<&str> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, c) in list.char_indices() {
        match c {
            '(' | '[' | '【' | '〔' => depth += 1,
            ')' | ']' | '】' | '〕' => depth = depth.saturating_sub(1),
            '、' | ',' | ';' | '/' | ' ' | '\t' | '\u{3000}' | '\u{a0}' if depth == 0 => {
                items.push(&list[start..index]);
                start = index + c.len_utf8();
            }
            _ => {}
        }
    }
    items.push(&list[start..]);
    items
}

/// Trims punctuation and "etc." words from one item; `None` when nothing is left.
fn clean_unit(item: &str) -> Option<String> {
    let mut unit = item.trim_matches(is_unit_trim);
    loop {
        let before = unit;
        for word in ET_CETERA {
            if let Some(stripped) = unit.strip_suffix(word) {
                unit = stripped.trim_matches(is_unit_trim);
                break;
            }
        }
        if let Some(stripped) = strip_unbalanced_close(unit) {
            unit = stripped;
        }
        if unit == before {
            break;
        }
    }
    if unit.chars().count() < 2 || !unit.chars().any(is_han) {
        return None;
    }
    Some(unit.to_string())
}

fn is_unit_trim(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '。' | '.' | ',' | ';' | ':' | '、' | '\u{3000}' | '"' | '“' | '”'
        )
}

/// Drops a closing parenthesis left over from an enclosing annotation: `市教育局)`.
fn strip_unbalanced_close(unit: &str) -> Option<&str> {
    let last = unit.chars().last()?;
    if !matches!(last, ')' | '】' | ']') {
        return None;
    }
    let opens = unit
        .chars()
        .filter(|c| matches!(c, '(' | '【' | '['))
        .count();
    let closes = unit
        .chars()
        .filter(|c| matches!(c, ')' | '】' | ']'))
        .count();
    (closes > opens).then(|| unit[..unit.len() - last.len_utf8()].trim_matches(is_unit_trim))
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// 赤壁市、崇阳县、通山县人民政府 → each place gets 人民政府.
fn expand_shared_suffix(units: &mut [String]) {
    let Some((last, before)) = units.split_last_mut() else {
        return;
    };
    let Some(suffix) = shared_suffix(last) else {
        return;
    };
    for unit in before.iter_mut().rev() {
        if !is_bare_place(unit) {
            break;
        }
        unit.push_str(suffix);
    }
}

/// The shared suffix of a unit such as 通山县人民政府, when it follows a place name.
fn shared_suffix(unit: &str) -> Option<&'static str> {
    SHARED_SUFFIXES.into_iter().find(|suffix| {
        unit.strip_suffix(suffix)
            .is_some_and(|place| place.chars().count() >= 2 && is_bare_place(place))
    })
}

/// A place name with nothing after it: 赤壁市, 崇阳县, 咸安区, 济水街道.
fn is_bare_place(text: &str) -> bool {
    let count = text.chars().count();
    if !(2..=8).contains(&count) || text.starts_with('各') || text.starts_with('市') {
        return false;
    }
    if text.ends_with("街道") {
        return count >= 4;
    }
    text.chars()
        .last()
        .is_some_and(|c| PLACE_ENDINGS.contains(&c))
        && !text.ends_with("城区")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_every_separator() {
        assert_eq!(
            split_units("市教育局、市经信局,市农业农村局,市民政局;市财政局 市医保局"),
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
    fn keeps_parentheses_inside_names() {
        assert_eq!(
            split_units("市住建局、城管局、各县(市)区政府。"),
            ["市住建局", "城管局", "各县(市)区政府"]
        );
        assert_eq!(
            split_units("城市管理(综合执法)局、市公安局"),
            ["城市管理(综合执法)局", "市公安局"]
        );
    }

    #[test]
    fn removes_et_cetera() {
        assert_eq!(
            split_units("交通运输局、财政金融局等有关单位"),
            ["交通运输局", "财政金融局"]
        );
        assert_eq!(split_units("市发改委等部门"), ["市发改委"]);
        assert_eq!(split_units("各有关单位"), ["各有关单位"]);
    }

    #[test]
    fn expands_a_shared_suffix() {
        assert_eq!(
            split_units("赤壁市、崇阳县、通山县人民政府"),
            ["赤壁市人民政府", "崇阳县人民政府", "通山县人民政府"]
        );
        assert_eq!(
            split_units("市经信局,咸安区、赤壁市人民政府"),
            ["市经信局", "咸安区人民政府", "赤壁市人民政府"]
        );
        assert_eq!(
            split_units("济水街道、天坛街道办事处"),
            ["济水街道办事处", "天坛街道办事处"]
        );
    }

    #[test]
    fn does_not_expand_across_departments() {
        assert_eq!(
            split_units("市发改委、教育局、科技局、财政局、龙沙区"),
            ["市发改委", "教育局", "科技局", "财政局", "龙沙区"]
        );
        assert_eq!(
            split_units("各镇人民政府、街道办事处"),
            ["各镇人民政府", "街道办事处"]
        );
    }

    #[test]
    fn drops_leftover_brackets_and_duplicates() {
        assert_eq!(split_units("市教育局)"), ["市教育局"]);
        assert_eq!(split_units("市教育局、市教育局"), ["市教育局"]);
        assert!(split_units("。、").is_empty());
    }
}
