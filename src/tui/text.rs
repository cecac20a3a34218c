//! Text measured in terminal cells: truncation with an ellipsis and wrapping
//! by cell width, so Chinese runs wrap anywhere and never split a character.
//! Control characters are shown, one cell each, as the symbols of Unicode's
//! Control Pictures (ESC as ␛, a tab as a space), so that text from a file
//! can neither act on the terminal nor shift the columns.

use std::borrow::Cow;

use unicode_width::UnicodeWidthChar;

use crate::escape::is_control;

/// The ellipsis that marks cut text (one cell wide).
pub const ELLIPSIS: char = '…';

/// Characters that should not start a line (kinsoku).
const NO_LINE_START: &str = ",.;:!?)]。、》」』”’";

/// Display width of `text` in cells, as drawn: each control character
/// takes the one cell of its picture.
pub fn width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

/// Display width of one character as drawn (a control character: one cell).
pub fn char_width(c: char) -> usize {
    if is_control(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// The character drawn for `c`: a tab as a space, another C0 control or DEL
/// as its Control Picture (␛, ␇, ␡), a C1 control or a bidirectional mark as
/// the replacement character; any other character as itself.
pub fn visible_char(c: char) -> char {
    match c {
        '\t' => ' ',
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{FFFD}'),
        '\u{7f}' => '\u{2421}',
        c if is_control(c) => '\u{FFFD}',
        c => c,
    }
}

/// `text` as drawn (see [`visible_char`]), borrowed when it holds no control
/// character.
pub fn visible(text: &str) -> Cow<'_, str> {
    if text.chars().any(is_control) {
        Cow::Owned(text.chars().map(visible_char).collect())
    } else {
        Cow::Borrowed(text)
    }
}

/// `text` cut to at most `max` cells at a character boundary, with an
/// ellipsis when anything was cut.
pub fn truncate(text: &str, max: usize) -> String {
    if width(text) <= max {
        return visible(text).into_owned();
    }
    if max == 0 {
        return String::new();
    }
    let budget = max - 1;
    let mut used = 0;
    let mut out = String::new();
    for c in text.chars() {
        let w = char_width(c);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(visible_char(c));
    }
    out.push(ELLIPSIS);
    out
}

/// Byte index in `text` of the character at cell column `column` (the end
/// when the column is past the text).
pub fn byte_at_column(text: &str, column: usize) -> usize {
    let mut used = 0;
    for (index, c) in text.char_indices() {
        if used >= column {
            return index;
        }
        used += char_width(c);
    }
    text.len()
}

/// Lines of at most `max` cells: breaks at a space when one is near in
/// Latin text, anywhere between Chinese characters, and keeps closing
/// punctuation off the start of a line.
pub fn wrap(text: &str, max: usize) -> Vec<String> {
    let max = max.max(2);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max, &mut lines);
    }
    lines
}

fn wrap_paragraph(paragraph: &str, max: usize, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut used = 0;
    for c in paragraph.chars() {
        let w = char_width(c);
        if used + w > max {
            let carried = carry_over(&mut line, c);
            lines.push(std::mem::take(&mut line));
            line = carried;
            used = width(&line);
        }
        let c = visible_char(c);
        if line.is_empty() && c == ' ' {
            continue;
        }
        line.push(c);
        used += w;
    }
    lines.push(line);
}

/// What moves from a full line to the next: a Latin word cut in the middle,
/// or the last character when `next` may not start a line.
fn carry_over(line: &mut String, next: char) -> String {
    if next.is_ascii_alphanumeric()
        && let Some(space) = line.rfind(' ')
        && line[space + 1..].chars().all(|c| c.is_ascii_alphanumeric())
        && space > 0
    {
        let word = line[space + 1..].to_string();
        line.truncate(space);
        return word;
    }
    if NO_LINE_START.contains(next)
        && let Some(last) = line.pop()
    {
        if line.is_empty() {
            line.push(last);
            return String::new();
        }
        return last.to_string();
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_at_a_character_boundary_with_an_ellipsis() {
        assert_eq!(truncate("开工建设人民医院东院区项目", 9), "开工建设…");
        assert_eq!(truncate("开工建设人民医院东院区项目", 10), "开工建设…");
        assert_eq!(truncate("开工建设", 8), "开工建设");
        assert_eq!(truncate("ab中文", 4), "ab…");
        assert_eq!(truncate("中文", 1), "…");
        assert_eq!(truncate("中文", 0), "");
        assert!(width(&truncate("“三线一单”生态环境分区管控", 7)) <= 7);
    }

    #[test]
    fn ambiguous_punctuation_is_narrow() {
        assert_eq!(width("“”…—─"), 5);
        assert_eq!(width("中文"), 4);
    }

    #[test]
    fn wraps_chinese_by_cell_width() {
        assert_eq!(
            wrap("一二三四五六七八九十", 6),
            ["一二三", "四五六", "七八九", "十"]
        );
        assert_eq!(wrap("一二三四五", 5), ["一二", "三四", "五"]);
    }

    #[test]
    fn keeps_closing_punctuation_off_a_line_start() {
        assert_eq!(wrap("一二三,四五", 6), ["一二", "三,四", "五"]);
    }

    #[test]
    fn wraps_latin_words_at_spaces() {
        assert_eq!(wrap("Hello 你好世界", 9), ["Hello 你", "好世界"]);
        assert_eq!(wrap("PM2.5 density", 8), ["PM2.5", "density"]);
    }

    #[test]
    fn control_characters_are_drawn_as_one_cell_pictures() {
        let text = "a\u{1b}[2Jb\tc\u{7f}\u{9b}\u{202e}";
        assert_eq!(visible(text), "a␛[2Jb c␡\u{FFFD}\u{FFFD}");
        assert_eq!(width(text), 11);
        assert_eq!(width(&visible(text)), width(text));
        assert_eq!(truncate(text, 4), "a␛[…");
        assert_eq!(truncate(text, 20), visible(text));
        assert_eq!(wrap("\u{1b}]0;title\u{7}", 4), ["␛]0;", "titl", "e␇"]);
        assert!(matches!(visible("中文"), Cow::Borrowed(_)));
    }

    #[test]
    fn finds_the_byte_at_a_column() {
        assert_eq!(byte_at_column("中文ab", 2), 3);
        assert_eq!(byte_at_column("中文ab", 5), 7);
        assert_eq!(byte_at_column("中文ab", 99), 8);
    }
}
