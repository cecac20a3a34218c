//! Persons and posts in charge: 牵头领导:王 健, 由杨志武副市长负责,
//! 分管副省长. They are never units.

use crate::cjk::{char_count, is_han};
use crate::lexicon::{List, lexicon};

/// The most characters of a personal name (复姓 with a two-character given name).
const MAX_NAME_CHARS: usize = 4;

/// The leaders of a list written under a leader label or in a leader
/// column: `陈仲朝、陈炳荣`, `市长,副市长`, `沈 昱 祝振偉` (a two-character name
/// padded with a space stays one name, also run into the next: `陆 明俞 悦`).
pub fn split_leaders(list: &str) -> Vec<&str> {
    let mut leaders = Vec::new();
    for piece in list.split(['、', ',', ';', '/', '\n', '。', '|']) {
        let words: Vec<&str> = piece.split_whitespace().collect();
        if let Some(names) = padded_names_run_together(piece, &words) {
            leaders.extend(names);
            continue;
        }
        let mut index = 0;
        while index < words.len() {
            let word = words[index];
            let next = words.get(index + 1);
            let padded = char_count(word) == 1 && next.is_some_and(|next| char_count(next) == 1);
            let item = if padded {
                index += 2;
                let end = next.map_or(word, |next| *next);
                span(piece, word, end)
            } else {
                index += 1;
                word
            };
            let item = item.trim_matches(|c: char| matches!(c, '.' | ':' | '“' | '”'));
            if item.chars().any(is_han) {
                let item = without_bracketed_post(item);
                leaders.push(leader_in(item).unwrap_or(item));
            }
        }
    }
    // Posts written beside a person's name are that person's (县委常委、
    // 常务副县长 李四 → 李四); a list of posts alone stays (市长,副市长).
    if leaders.iter().any(|item| is_personal_name(item)) {
        let lexicon = lexicon();
        leaders.retain(|item| is_personal_name(item) || lexicon.post_ending(item).is_none());
    }
    leaders
}

/// Two-character names each padded with a space and written one after the
/// other (`陆 明俞 悦` → 陆 明, 俞 悦): words of one, two, …, two and one
/// characters, every one of them Han.
fn padded_names_run_together<'a>(piece: &'a str, words: &[&str]) -> Option<Vec<&'a str>> {
    let (first, rest) = words.split_first()?;
    let (last, middle) = rest.split_last()?;
    let shaped = !middle.is_empty()
        && char_count(first) == 1
        && char_count(last) == 1
        && middle.iter().all(|word| char_count(word) == 2)
        && words.iter().all(|word| word.chars().all(is_han));
    if !shaped {
        return None;
    }
    let han: Vec<(usize, char)> = piece.char_indices().filter(|(_, c)| is_han(*c)).collect();
    Some(
        han.chunks(2)
            .filter_map(|pair| match pair {
                [(start, _), (end, c)] => piece.get(*start..end + c.len_utf8()),
                _ => None,
            })
            .collect(),
    )
}

/// The fewest digits of a telephone number (a local number has seven).
const MIN_TELEPHONE_DIGITS: usize = 7;

/// A name with its post or telephone number in brackets after it, without
/// them (`张三(副县长)`, `张三(电话:13800000000)` → `张三`).
fn without_bracketed_post(item: &str) -> &str {
    let Some(inner_end) = item.strip_suffix([')', '）']).map(str::len) else {
        return item;
    };
    let Some(open) = item[..inner_end].rfind(['(', '（']) else {
        return item;
    };
    let name = item[..open].trim();
    let post = &item[open..inner_end];
    let post = post.trim_start_matches(['(', '（']);
    let is_post = lexicon()
        .post_ending(post)
        .is_some_and(|length| length == post.len());
    // 张三(电话:13800000000): a telephone number beside the name.
    let is_telephone = post.chars().filter(char::is_ascii_digit).count() >= MIN_TELEPHONE_DIGITS;
    if (is_post || is_telephone) && is_personal_name(name) {
        name
    } else {
        item
    }
}

/// The part of `text` from the start of `first` to the end of `last`.
fn span<'t>(text: &'t str, first: &'t str, last: &'t str) -> &'t str {
    let base = text.as_ptr() as usize;
    let start = (first.as_ptr() as usize).saturating_sub(base);
    let end = (last.as_ptr() as usize + last.len()).saturating_sub(base);
    text.get(start..end).unwrap_or(first)
}

/// The leader an item names by a post: the person's name when a name comes
/// before the post (杨志武副市长 → 杨志武), else the post as written
/// (分管副省长, 省政府分管领导同志); `None` when the item ends with no post.
pub fn leader_in(item: &str) -> Option<&str> {
    let lexicon = lexicon();
    if let Some(name) = name_after_post(item) {
        return Some(name);
    }
    // 市政府副市长王五: the body the post belongs to before the post.
    if let Some(body) = lexicon.opening_in(List::PostBody, item)
        && let Some(name) = name_after_post(&item[body.len()..])
    {
        return Some(name);
    }
    let post = lexicon.post_ending(item)?;
    let before = item[..item.len() - post].trim();
    if before.is_empty() {
        return Some(item);
    }
    if is_personal_name(before) {
        return Some(before);
    }
    // 张盈军区政府党组成员: the body the post belongs to after the name.
    if let Some(body) = lexicon.ending_in(List::PostBody, before) {
        let name = before[..before.len() - body.len()].trim();
        if is_personal_name(name) {
            return Some(name);
        }
    }
    Some(item)
}

/// The longest post that may open an item before a person's name.
const MAX_POST_CHARS: usize = 8;

/// The person's name after the post opening `item` (县长张三 → 张三, 常务副县长
/// 李四 → 李四).
fn name_after_post(item: &str) -> Option<&str> {
    let lexicon = lexicon();
    item.char_indices()
        .skip(1)
        .take(MAX_POST_CHARS)
        .map(|(at, _)| at)
        .filter(|&at| lexicon.is_post(&item[..at]))
        .map(|at| item[at..].trim())
        .find(|name| is_personal_name(name))
}

/// True for a personal name: two to four Han characters (or one and one
/// with a space between) that do not end like a unit or a post qualifier.
pub fn is_personal_name(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let count = char_count(&compact);
    let lexicon = lexicon();
    (2..=MAX_NAME_CHARS).contains(&count)
        && compact.chars().all(is_han)
        && !lexicon.ends_like_unit(&compact)
        && !lexicon.ends_with_post_qualifier(&compact)
        && lexicon.post_ending(&compact).is_none()
        && !compact.starts_with(['各', '相', '有', '其'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leader_lists() {
        assert_eq!(split_leaders("王 健"), ["王 健"]);
        assert_eq!(split_leaders("陈仲朝、陈炳荣"), ["陈仲朝", "陈炳荣"]);
        assert_eq!(split_leaders("市长,副市长"), ["市长", "副市长"]);
        assert_eq!(split_leaders("沈 昱 祝振偉"), ["沈 昱", "祝振偉"]);
        assert_eq!(split_leaders("陆 明俞 悦"), ["陆 明", "俞 悦"]);
        assert_eq!(split_leaders("祝振偉 陳夏林"), ["祝振偉", "陳夏林"]);
        assert_eq!(split_leaders("金力。"), ["金力"]);
        assert_eq!(split_leaders("王 嵘\n方 勇"), ["王 嵘", "方 勇"]);
        assert_eq!(split_leaders("省政府分管领导同志"), ["省政府分管领导同志"]);
        assert_eq!(split_leaders("张三(副县长)"), ["张三"]);
        assert_eq!(split_leaders("张三(电话:13800000000)"), ["张三"]);
        assert_eq!(split_leaders("张三(0871-6123456)、李四"), ["张三", "李四"]);
        assert_eq!(split_leaders("县委常委、常务副县长 李四"), ["李四"]);
        assert_eq!(split_leaders("王五副县长、分管副县长"), ["王五"]);
    }

    #[test]
    fn names_before_posts() {
        assert_eq!(leader_in("杨志武副市长"), Some("杨志武"));
        assert_eq!(leader_in("宋晖常务副县长"), Some("宋晖"));
        assert_eq!(leader_in("分管副省长"), Some("分管副省长"));
        assert_eq!(leader_in("协管副秘书长"), Some("协管副秘书长"));
        assert_eq!(leader_in("市发改委"), None);
        assert_eq!(leader_in("县长张三"), Some("张三"));
        assert_eq!(leader_in("市政府副市长王五"), Some("王五"));
        assert_eq!(leader_in("常务副县长 李四"), Some("李四"));
        assert_eq!(leader_in("市长"), Some("市长"));
    }

    #[test]
    fn personal_names() {
        assert!(is_personal_name("伍泽国"));
        assert!(is_personal_name("王 健"));
        assert!(!is_personal_name("市民政局"));
        assert!(!is_personal_name("分管"));
        assert!(!is_personal_name("各地"));
    }
}
