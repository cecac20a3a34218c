//! Numbering markers at the start of a line: 一、 (一) 1. (1) ⑴ ① 第一部分 第一条.

/// The kinds of numbering official documents use, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NumberStyle {
    /// 第一部分, 第一章.
    Part,
    /// 第一条.
    Article,
    /// 一、
    ChineseComma,
    /// (一)
    ChineseParen,
    /// 1. 1、
    ArabicDot,
    /// (1) 1) ⑴
    ArabicParen,
    /// ①
    Circled,
    /// 第一项: (an item of a list, wherever it stands)
    Item,
}

impl NumberStyle {
    /// All styles, outermost first.
    pub const ALL: [NumberStyle; 8] = [
        NumberStyle::Part,
        NumberStyle::Article,
        NumberStyle::ChineseComma,
        NumberStyle::ChineseParen,
        NumberStyle::ArabicDot,
        NumberStyle::ArabicParen,
        NumberStyle::Circled,
        NumberStyle::Item,
    ];

    /// Nesting depth: smaller is outer.
    pub fn rank(self) -> u8 {
        self as u8
    }

    /// True for the styles that number headings (第一部分, 一、, (一)), not
    /// tasks.
    pub fn is_heading(self) -> bool {
        matches!(
            self,
            NumberStyle::Part | NumberStyle::ChineseComma | NumberStyle::ChineseParen
        )
    }
}

/// A numbering marker found at the start of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker<'a> {
    pub style: NumberStyle,
    /// The number's value (一 → 1, 12 → 12).
    pub value: u32,
    /// The marker as written, separator included (`12.`, `(一)`, `一、`).
    pub written: &'a str,
    /// The separator after an arabic number (`.`, `、`), if any.
    pub separator: Option<char>,
    /// The text after the marker, leading spaces removed.
    pub rest: &'a str,
}

/// Reads a numbering marker at the start of `line` (already trimmed).
pub fn marker(line: &str) -> Option<Marker<'_>> {
    let first = line.chars().next()?;
    match first {
        '0'..='9' => arabic(line),
        '(' => parenthesized(line),
        '第' => part(line),
        '①'..='⑳' => circled(line, first),
        '⑴'..='⒇' => parenthesized_digit(line, first),
        c if is_numeral(c) => chinese_comma(line),
        _ => None,
    }
}

/// True for a character of a Chinese numeral (一 … 九, 十, 百, 〇).
pub fn is_numeral(c: char) -> bool {
    chinese_digit(c).is_some() || matches!(c, '十' | '百')
}

/// Spaces a copy puts between a number and its separator (`1 . 严格`).
fn skip_spaces(text: &str) -> &str {
    let trimmed = text.trim_start_matches([' ', '\u{3000}']);
    if text.len() - trimmed.len() <= 3 {
        trimmed
    } else {
        text
    }
}

fn arabic(line: &str) -> Option<Marker<'_>> {
    let (digits, value) = leading_digits(line)?;
    let after = skip_spaces(&line[digits.len()..]);
    let separator = after.chars().next()?;
    let value = value?;
    let style = match separator {
        '.' | '、' | ',' | '。' => NumberStyle::ArabicDot,
        ')' => NumberStyle::ArabicParen,
        _ => return None,
    };
    let written_end = line.len() - after.len() + separator.len_utf8();
    Some(Marker {
        style,
        value,
        written: &line[..written_end],
        separator: Some(separator),
        rest: trim_start(&after[separator.len_utf8()..]),
    })
}

/// ⑴ … ⒇, the parenthesized digits.
fn parenthesized_digit(line: &str, first: char) -> Option<Marker<'_>> {
    let value = first as u32 - '⑴' as u32 + 1;
    Some(Marker {
        style: NumberStyle::ArabicParen,
        value,
        written: &line[..first.len_utf8()],
        separator: None,
        rest: trim_start(&line[first.len_utf8()..]),
    })
}

fn parenthesized(line: &str) -> Option<Marker<'_>> {
    let open = line.chars().next()?;
    let inner = skip_spaces(&line[open.len_utf8()..]);
    let inner_first = inner.chars().next()?;
    let (written, value, style) = if inner_first.is_ascii_digit() {
        let (digits, value) = leading_digits(inner)?;
        (digits, value?, NumberStyle::ArabicParen)
    } else {
        let numeral = leading_chinese_numeral(inner)?;
        (numeral, chinese_value(numeral)?, NumberStyle::ChineseParen)
    };
    let after = skip_spaces(&inner[written.len()..]);
    let close = after.chars().next()?;
    if close != ')' {
        return None;
    }
    let mut rest = &after[close.len_utf8()..];
    if let Some(stripped) = rest.strip_prefix('、') {
        rest = stripped;
    }
    Some(Marker {
        style,
        value,
        written: &line[..line.len() - after.len() + close.len_utf8()],
        separator: None,
        rest: trim_start(rest),
    })
}

fn chinese_comma(line: &str) -> Option<Marker<'_>> {
    let numeral = leading_chinese_numeral(line)?;
    let value = chinese_value(numeral)?;
    let after = skip_spaces(&line[numeral.len()..]);
    let separator = after.chars().next()?;
    if !matches!(separator, '、' | '.' | ',') {
        return None;
    }
    Some(Marker {
        style: NumberStyle::ChineseComma,
        value,
        written: &line[..line.len() - after.len() + separator.len_utf8()],
        separator: Some(separator),
        rest: trim_start(&after[separator.len_utf8()..]),
    })
}

fn part(line: &str) -> Option<Marker<'_>> {
    let inner = line.strip_prefix('第')?;
    let numeral = leading_chinese_numeral(inner)?;
    let value = chinese_value(numeral)?;
    let after = &inner[numeral.len()..];
    let unit = after.chars().next()?;
    if !matches!(unit, '部' | '章' | '篇' | '条' | '项') {
        return None;
    }
    let mut rest = &after[unit.len_utf8()..];
    if unit == '部' {
        rest = rest.strip_prefix('分')?;
    }
    if unit == '项' {
        // 第一项:新建农村公路, never 第一项任务 inside a sentence.
        rest = rest.strip_prefix([':', '、', '.', ' ', '\u{3000}'])?;
    }
    let rest = trim_start(rest);
    let style = match unit {
        '条' => NumberStyle::Article,
        '项' => NumberStyle::Item,
        _ => NumberStyle::Part,
    };
    Some(Marker {
        style,
        value,
        written: &line[..line.len() - rest.len()],
        separator: None,
        rest,
    })
}

fn circled(line: &str, first: char) -> Option<Marker<'_>> {
    let value = first as u32 - '①' as u32 + 1;
    let written = &line[..first.len_utf8()];
    Some(Marker {
        style: NumberStyle::Circled,
        value,
        written,
        separator: None,
        rest: trim_start(&line[first.len_utf8()..]),
    })
}

/// Leading ASCII digits and their value (`None` when too large).
fn leading_digits(text: &str) -> Option<(&str, Option<u32>)> {
    let mut end = 0;
    let mut value: Option<u32> = Some(0);
    for c in text.chars() {
        let Some(digit) = c.to_digit(10) else {
            break;
        };
        value = value
            .and_then(|v| v.checked_mul(10))
            .and_then(|v| v.checked_add(digit));
        end += c.len_utf8();
    }
    if end == 0 || end > 4 {
        return None;
    }
    Some((&text[..end], value))
}

fn leading_chinese_numeral(text: &str) -> Option<&str> {
    let end: usize = text
        .chars()
        .take_while(|&c| chinese_digit(c).is_some() || matches!(c, '十' | '百'))
        .map(char::len_utf8)
        .sum();
    (end > 0).then(|| &text[..end])
}

fn chinese_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// The value of a Chinese numeral up to 999 (十二 → 12, 二十 → 20, 一百零五 → 105).
pub fn chinese_value(numeral: &str) -> Option<u32> {
    let mut total = 0;
    let mut pending: Option<u32> = None;
    for c in numeral.chars() {
        match c {
            '十' => {
                total += pending.take().unwrap_or(1) * 10;
            }
            '百' => {
                total += pending.take().unwrap_or(1) * 100;
            }
            _ => {
                let digit = chinese_digit(c)?;
                pending = Some(pending.map_or(digit, |p| p * 10 + digit));
                if pending.is_some_and(|p| p > 999) {
                    return None;
                }
            }
        }
    }
    let value = total + pending.unwrap_or(0);
    (value > 0).then_some(value)
}

fn trim_start(text: &str) -> &str {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style_value(line: &str) -> Option<(NumberStyle, u32, &str)> {
        marker(line).map(|m| (m.style, m.value, m.rest))
    }

    #[test]
    fn chinese_comma_headings() {
        assert_eq!(
            style_value("一、工作目标"),
            Some((NumberStyle::ChineseComma, 1, "工作目标"))
        );
        assert_eq!(
            style_value("十二、其他"),
            Some((NumberStyle::ChineseComma, 12, "其他"))
        );
        assert_eq!(style_value("一是推动"), None);
    }

    #[test]
    fn parenthesized_headings_full_and_half_width() {
        assert_eq!(
            style_value("(一)强力推进十大工程"),
            Some((NumberStyle::ChineseParen, 1, "强力推进十大工程"))
        );
        assert_eq!(
            style_value("(八)持续开展"),
            Some((NumberStyle::ChineseParen, 8, "持续开展"))
        );
        assert_eq!(
            style_value("(3)细化"),
            Some((NumberStyle::ArabicParen, 3, "细化"))
        );
        assert_eq!(marker("(一)建立").map(|m| m.written), Some("(一)"));
    }

    #[test]
    fn arabic_numbers_with_each_separator() {
        for line in ["9.开工", "9、开工", "9,开工"] {
            assert_eq!(
                style_value(line),
                Some((NumberStyle::ArabicDot, 9, "开工")),
                "{line}"
            );
        }
        assert_eq!(
            style_value("4.3月初至5月末"),
            Some((NumberStyle::ArabicDot, 4, "3月初至5月末"))
        );
        assert_eq!(style_value("2020年工作"), None);
        assert_eq!(
            style_value("3)加强"),
            Some((NumberStyle::ArabicParen, 3, "加强"))
        );
    }

    #[test]
    fn parts_and_circled() {
        assert_eq!(
            style_value("第二部分 重点任务"),
            Some((NumberStyle::Part, 2, "重点任务"))
        );
        assert_eq!(
            style_value("②推进"),
            Some((NumberStyle::Circled, 2, "推进"))
        );
        assert_eq!(
            style_value("第三条 加强管理"),
            Some((NumberStyle::Article, 3, "加强管理"))
        );
        assert_eq!(
            style_value("第二项:改造农村危房"),
            Some((NumberStyle::Item, 2, "改造农村危房"))
        );
        assert_eq!(style_value("第二项任务已完成"), None);
        assert_eq!(
            style_value("⑵加强"),
            Some((NumberStyle::ArabicParen, 2, "加强"))
        );
    }

    #[test]
    fn spaces_and_other_separators() {
        assert_eq!(
            style_value("1 . 严格管控"),
            Some((NumberStyle::ArabicDot, 1, "严格管控"))
        );
        assert_eq!(
            style_value("一 、 承担的任务"),
            Some((NumberStyle::ChineseComma, 1, "承担的任务"))
        );
        assert_eq!(
            style_value("( 一 )经济"),
            Some((NumberStyle::ChineseParen, 1, "经济"))
        );
        assert_eq!(
            style_value("1。推动轨道交通"),
            Some((NumberStyle::ArabicDot, 1, "推动轨道交通"))
        );
        assert_eq!(marker("1 . 严格").map(|m| m.written), Some("1 ."));
    }

    #[test]
    fn chinese_values() {
        assert_eq!(chinese_value("十"), Some(10));
        assert_eq!(chinese_value("十五"), Some(15));
        assert_eq!(chinese_value("二十三"), Some(23));
        assert_eq!(chinese_value("一百零五"), Some(105));
        assert_eq!(chinese_value("〇"), None);
    }
}
