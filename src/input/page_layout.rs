//! Glyphs placed on pages (of a PDF or an OFD document) into lines of text
//! in reading order: glyphs on
//! one baseline make a line, read left to right (a wide gap between them is
//! a column gap, written `\t`); lines are read top to bottom. Running
//! headers and footers (the same text at the top or bottom of most pages,
//! page numbers) are dropped, and a line that runs to the right margin is
//! joined to the next unless the next starts a paragraph (indented, or
//! numbered after a finished sentence).

mod ruled;

use std::collections::HashMap;

pub(crate) use ruled::Rule;

/// A glyph where the content stream put it, in page space (y up).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedGlyph {
    pub x: f32,
    pub y: f32,
    pub width: f32,
    pub size: f32,
    pub text: String,
}

/// One page's glyphs and its height.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub glyphs: Vec<PlacedGlyph>,
    /// Ruling lines drawn on the page (table borders).
    pub rules: Vec<Rule>,
    pub height: f32,
}

/// Glyphs whose baselines differ by less than this share of their size are
/// on one line.
const SAME_LINE: f32 = 0.5;

/// A gap wider than this many font sizes between glyphs of a line is a
/// column gap.
const COLUMN_GAP: f32 = 2.0;

/// A gap wider than this many font sizes between two Latin letters is a
/// space.
const WORD_GAP: f32 = 0.2;

/// Lines within this share of the page height from its top or bottom may
/// be running headers and footers.
const CHROME_BAND: f32 = 0.12;

/// A line ends at the right margin when it ends within this many font
/// sizes of it: in justified text every line but a paragraph's last ends
/// right at the margin, in ragged text anywhere near it.
const JUSTIFIED_SLACK: f32 = 0.15;
const RAGGED_SLACK: f32 = 1.5;

/// Text is justified when at least this share of its long lines end within
/// a point of the right margin.
const JUSTIFIED_SHARE: f32 = 0.5;

/// A vertical gap this many times the usual line pitch ends a paragraph.
const PARAGRAPH_GAP: f32 = 1.6;

/// A line starts a paragraph when it starts this many font sizes right of
/// the left margin.
const INDENT: f32 = 1.0;

/// One line of a page.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    text: String,
    left: f32,
    right: f32,
    y: f32,
    size: f32,
    /// It has column gaps: a table row, never joined.
    is_row: bool,
    /// It is the first line left on its page.
    starts_page: bool,
}

/// Where the text's lines start and end, and how they are spaced.
#[derive(Debug, Clone, Copy)]
struct Geometry {
    left: f32,
    right: f32,
    slack: f32,
    pitch: f32,
}

/// The document's text, one line per paragraph or table row.
pub(crate) fn text(pages: Vec<Page>) -> String {
    let mut page_lines: Vec<(Vec<Line>, f32)> = pages
        .into_iter()
        .map(|page| {
            let mut glyphs = page.glyphs;
            let rows = ruled::take_table_rows(&mut glyphs, &page.rules);
            let mut lines = page_lines(glyphs);
            if !rows.is_empty() {
                lines.extend(rows);
                lines.sort_by(|a, b| b.y.total_cmp(&a.y));
            }
            (lines, page.height)
        })
        .collect();
    drop_chrome(&mut page_lines);
    join_split_rows(&mut page_lines);
    for (lines, _) in &mut page_lines {
        if let Some(first) = lines.first_mut() {
            first.starts_page = true;
        }
    }
    let lines: Vec<Line> = page_lines
        .into_iter()
        .flat_map(|(lines, _)| lines)
        .collect();
    join_paragraphs(&lines)
}

/// A table row broken across a page: the first row of a page whose first
/// field (the task's number) is empty continues the last row of the page
/// before when both have the same fields; their fields are joined.
fn join_split_rows(pages: &mut [(Vec<Line>, f32)]) {
    for index in 1..pages.len() {
        let (before, after) = pages.split_at_mut(index);
        let (Some(previous), Some(first)) = (
            before.last_mut().and_then(|(lines, _)| lines.last_mut()),
            after.first().and_then(|(lines, _)| lines.first()),
        ) else {
            continue;
        };
        let fields = |line: &Line| line.text.matches('\t').count();
        let continues = previous.is_row
            && first.is_row
            && first.text.starts_with('\t')
            && fields(previous) == fields(first);
        if !continues {
            continue;
        }
        let joined: Vec<String> = previous
            .text
            .split('\t')
            .zip(first.text.split('\t'))
            .map(|(upper, lower)| format!("{upper}{lower}"))
            .collect();
        previous.text = joined.join("\t");
        after[0].0.remove(0);
    }
}

/// Groups a page's glyphs into lines, top to bottom.
fn page_lines(mut glyphs: Vec<PlacedGlyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines = Vec::new();
    let mut current: Vec<PlacedGlyph> = Vec::new();
    for glyph in glyphs {
        let same_line = current.first().is_some_and(|first| {
            let size = first.size.max(glyph.size).max(1.0);
            (first.y - glyph.y).abs() < SAME_LINE * size
        });
        if !same_line && !current.is_empty() {
            lines.push(line_of(std::mem::take(&mut current)));
        }
        current.push(glyph);
    }
    if !current.is_empty() {
        lines.push(line_of(current));
    }
    lines.retain(|line| !line.text.trim().is_empty());
    lines
}

/// One line's glyphs, left to right, as text.
fn line_of(mut glyphs: Vec<PlacedGlyph>) -> Line {
    glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    let size = median(glyphs.iter().map(|glyph| glyph.size)).max(1.0);
    let mut text = String::new();
    let mut end: Option<f32> = None;
    let mut previous: Option<&PlacedGlyph> = None;
    let mut is_row = false;
    for glyph in &glyphs {
        if let (Some(end), Some(previous)) = (end, previous) {
            // Fake bold: the same glyph drawn again a hair to the right.
            if glyph.text == previous.text && (glyph.x - previous.x).abs() < 0.2 * size {
                continue;
            }
            let gap = glyph.x - end;
            if gap > COLUMN_GAP * size && !text.trim().is_empty() {
                text.truncate(text.trim_end().len());
                text.push('\t');
                is_row = true;
            } else if gap > WORD_GAP * size && ends_latin(&text) && starts_latin(&glyph.text) {
                text.push(' ');
            }
        }
        let text_glyph = glyph.text.replace('\t', " ");
        text.push_str(&text_glyph);
        end = Some(glyph.x + glyph.width);
        previous = Some(glyph);
    }
    let left = glyphs.first().map_or(0.0, |glyph| glyph.x);
    let right = glyphs
        .iter()
        .filter(|glyph| !glyph.text.trim().is_empty())
        .map(|glyph| glyph.x + glyph.width)
        .fold(left, f32::max);
    let y = glyphs.first().map_or(0.0, |glyph| glyph.y);
    Line {
        text: text.trim().to_string(),
        left,
        right,
        y,
        size,
        is_row,
        starts_page: false,
    }
}

fn ends_latin(text: &str) -> bool {
    text.chars()
        .last()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

fn starts_latin(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphanumeric())
}

fn median(values: impl Iterator<Item = f32>) -> f32 {
    let mut values: Vec<f32> = values.collect();
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f32::total_cmp);
    values[values.len() / 2]
}

/// Drops page numbers and running headers and footers: lines in the top or
/// bottom band of a page that are page numbers, or whose text (digits
/// aside) is in that band on at least half the pages (two at least).
fn drop_chrome(pages: &mut [(Vec<Line>, f32)]) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (lines, height) in pages.iter() {
        let mut seen = Vec::new();
        for line in lines.iter().filter(|line| in_band(line, *height)) {
            let key = chrome_key(&line.text);
            if !seen.contains(&key) {
                *counts.entry(key.clone()).or_default() += 1;
                seen.push(key);
            }
        }
    }
    let repeated = (pages.len() / 2).max(2);
    for (lines, height) in pages.iter_mut() {
        let height = *height;
        lines.retain(|line| {
            let chrome = in_band(line, height)
                && (is_page_number(&line.text)
                    || counts.get(&chrome_key(&line.text)).copied().unwrap_or(0) >= repeated);
            !chrome
        });
    }
}

fn in_band(line: &Line, height: f32) -> bool {
    height > 0.0 && (line.y > height * (1.0 - CHROME_BAND) || line.y < height * CHROME_BAND)
}

/// A line's text with digits made alike and spaces dropped.
fn chrome_key(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect()
}

/// `3`, `- 3 -`, `— 3 —`, `第 3 页`, `第3页 共18页`, `3/18`, `Page 3`.
fn is_page_number(text: &str) -> bool {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let trimmed = compact.trim_matches(|c: char| "-—–－~·.".contains(c));
    let without_words = trimmed
        .replace("Page", "")
        .replace("page", "")
        .replace(['第', '页', '共', '/', '／'], "");
    !without_words.is_empty()
        && without_words.len() <= 8
        && without_words.chars().all(|c| c.is_ascii_digit())
}

/// The lines as paragraphs: each line joined to the next while it runs to
/// the right margin and the next does not start a paragraph.
fn join_paragraphs(lines: &[Line]) -> String {
    let geometry = geometry(lines);
    let mut text = String::new();
    let mut open = false;
    for (index, line) in lines.iter().enumerate() {
        if open {
            if ends_latin(&text) && starts_latin(&line.text) {
                text.push(' ');
            }
        } else if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&line.text);
        open = lines
            .get(index + 1)
            .is_some_and(|next| continues(line, next, &geometry));
    }
    if !text.is_empty() {
        text.push('\n');
    }
    text
}

/// Whether `next` continues the paragraph `line` ends.
fn continues(line: &Line, next: &Line, geometry: &Geometry) -> bool {
    let runs_to_margin = line.right >= geometry.right - geometry.slack * line.size;
    let indented = next.left > geometry.left + INDENT * next.size;
    let gap_before = !next.starts_page && line.y - next.y > PARAGRAPH_GAP * geometry.pitch;
    let same_size = (next.size - line.size).abs() <= 0.2 * line.size;
    let starts_new_item = ends_sentence(&line.text) && starts_numbered(&next.text);
    !line.is_row
        && !next.is_row
        && runs_to_margin
        && !indented
        && !gap_before
        && same_size
        && !starts_new_item
}

/// The left margin (where most lines start), the right margin (where most
/// long lines end), whether lines are justified, and the usual distance
/// between lines.
fn geometry(lines: &[Line]) -> Geometry {
    let most_common = |values: Vec<f32>| {
        let mut counts: HashMap<i32, usize> = HashMap::new();
        for value in &values {
            *counts.entry((value / 2.0).round() as i32).or_default() += 1;
        }
        counts
            .into_iter()
            .max_by_key(|(bucket, count)| (*count, -bucket.abs()))
            .map_or(0.0, |(bucket, _)| bucket as f32 * 2.0)
    };
    let left = most_common(lines.iter().map(|line| line.left).collect());
    let widest = lines.iter().map(|line| line.right).fold(0.0, f32::max);
    let long_ends: Vec<f32> = lines
        .iter()
        .filter(|line| line.right > left + (widest - left) * 0.8)
        .map(|line| line.right)
        .collect();
    let right = if long_ends.is_empty() {
        widest
    } else {
        most_common(long_ends.clone())
    };
    let at_margin = long_ends
        .iter()
        .filter(|end| (**end - right).abs() <= 1.0)
        .count();
    let justified = at_margin as f32 >= JUSTIFIED_SHARE * long_ends.len() as f32;
    let pitches = lines
        .windows(2)
        .filter(|pair| !pair[1].starts_page && pair[0].y > pair[1].y)
        .map(|pair| pair[0].y - pair[1].y);
    let pitch = median(pitches);
    Geometry {
        left,
        right,
        slack: if justified {
            JUSTIFIED_SLACK
        } else {
            RAGGED_SLACK
        },
        pitch: if pitch > 0.0 { pitch } else { f32::MAX },
    }
}

fn ends_sentence(text: &str) -> bool {
    text.chars()
        .last()
        .is_some_and(|c| "。;；!！?？:：)）」”".contains(c))
}

/// Starts with a list or heading number: 1. 1、 (1) (一) 一、 第一 ①.
fn starts_numbered(text: &str) -> bool {
    let mut chars = text.chars().peekable();
    let Some(first) = chars.next() else {
        return false;
    };
    const CHINESE: &str = "一二三四五六七八九十";
    if ('①'..='⑳').contains(&first) || ('⑴'..='⒇').contains(&first) {
        return true;
    }
    if first == '(' || first == '（' {
        let inner: String = chars
            .by_ref()
            .take_while(|c| *c != ')' && *c != '）')
            .collect();
        return !inner.is_empty()
            && inner
                .chars()
                .all(|c| c.is_ascii_digit() || CHINESE.contains(c));
    }
    if first == '第' {
        return chars
            .peek()
            .is_some_and(|c| CHINESE.contains(*c) || c.is_ascii_digit());
    }
    if first.is_ascii_digit() {
        let rest: String = chars.skip_while(|c| c.is_ascii_digit()).take(1).collect();
        return matches!(rest.as_str(), "." | "、" | "．" | ")" | "）");
    }
    if CHINESE.contains(first) {
        let rest: String = chars.skip_while(|c| CHINESE.contains(*c)).take(1).collect();
        return rest == "、";
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32, size: f32) -> Vec<PlacedGlyph> {
        text.chars()
            .enumerate()
            .map(|(index, c)| PlacedGlyph {
                x: x + index as f32 * size,
                y,
                width: size,
                size,
                text: c.to_string(),
            })
            .collect()
    }

    fn page(rows: &[(&str, f32, f32)]) -> Page {
        Page {
            glyphs: rows
                .iter()
                .flat_map(|(text, x, y)| glyphs(text, *x, *y, 10.0))
                .collect(),
            rules: Vec::new(),
            height: 800.0,
        }
    }

    #[test]
    fn wrapped_lines_join_and_paragraphs_stay_apart() {
        let pages = vec![page(&[
            ("一、总体要求", 100.0, 700.0),
            ("1.推进项目建设，全年完成投资三百", 100.0, 680.0),
            ("亿元。", 100.0, 660.0),
            ("2.扩大有效消费，举办促消费活动。", 100.0, 640.0),
            ("(牵头单位：市商务局)", 100.0, 620.0),
        ])];
        assert_eq!(
            text(pages),
            "一、总体要求\n1.推进项目建设，全年完成投资三百亿元。\n2.扩大有效消费，举办促消费活动。(牵头单位：市商务局)\n"
        );
    }

    #[test]
    fn indented_lines_start_paragraphs() {
        let pages = vec![page(&[
            ("深化就业服务质量提升行动坚持就业优", 100.0, 700.0),
            ("先战略。", 100.0, 680.0),
            ("深化社会保障提升行动积极促进法定人", 120.0, 660.0),
            ("群应保尽保。", 100.0, 640.0),
        ])];
        assert_eq!(
            text(pages),
            "深化就业服务质量提升行动坚持就业优先战略。\n深化社会保障提升行动积极促进法定人群应保尽保。\n"
        );
    }

    #[test]
    fn page_numbers_and_running_headers_are_dropped() {
        let body = |number: &str| {
            page(&[
                ("某市人民政府文件", 100.0, 780.0),
                ("正文写满一整行的文字", 100.0, 700.0),
                ("结束。", 100.0, 680.0),
                (number, 300.0, 40.0),
            ])
        };
        let pages = vec![body("— 1 —"), body("— 2 —"), body("— 3 —")];
        assert_eq!(text(pages), "正文写满一整行的文字结束。\n".repeat(3));
        assert!(is_page_number("第 3 页 共 18 页"));
        assert!(is_page_number("-12-"));
        assert!(!is_page_number("2024年"));
    }

    #[test]
    fn wide_gaps_are_column_gaps() {
        let pages = vec![page(&[
            ("1", 100.0, 700.0),
            ("推进项目", 150.0, 700.0),
            ("市发改委", 300.0, 700.0),
        ])];
        assert_eq!(text(pages), "1\t推进项目\t市发改委\n");
    }

    #[test]
    fn numbered_starts() {
        for numbered in [
            "1.推进",
            "12、建设",
            "(一)总体",
            "（3）任务",
            "一、目标",
            "第一章",
            "①加快",
        ] {
            assert!(starts_numbered(numbered), "{numbered}");
        }
        for plain in ["2024年", "推进", "(牵头单位", "一是加快"] {
            assert!(!starts_numbered(plain), "{plain}");
        }
    }
}
