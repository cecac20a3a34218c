//! Splitting a document into trimmed lines and telling what each line is.
//! Tables flattened into text are read back into rows first, and a line
//! that runs several numbered items together (`1.…(…) 2.…(…)`) is split at
//! each item.

use super::annotation::{self, Annotation, Found};
use super::flattened::{self, Item, Source};
use super::noise::{is_file_name, is_footer, is_noise};
use super::numbering::{self, Marker, NumberStyle};
use super::table::Cell;

/// One line of the document, trimmed, with its 1-based number.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub number: u32,
    pub text: &'a str,
    pub kind: Kind<'a>,
    /// The unit annotation in the text of a `Text` line or after the marker
    /// of a `Numbered` one, looked for once here for every later use (the
    /// walk over the body takes it out).
    pub inline: Option<Found<'a>>,
    /// A table row the text ends inside.
    pub cut: bool,
    /// The column of each cell of a table row, when the table reader knows it.
    pub placed: Option<Vec<usize>>,
}

/// What a line is, judged on its own.
#[derive(Debug, Clone)]
pub enum Kind<'a> {
    Blank,
    /// Page chrome: navigation, credits.
    Noise,
    /// Chrome that ends the article: what follows is page furniture.
    Footer,
    /// A line starting with a numbering marker.
    Numbered(Marker<'a>),
    /// A line that only names units: `牵头部门:市人社局;配合部门:…`.
    Block(Annotation<'a>),
    /// A table row: its cells, each a list of lines.
    Row(Vec<Cell<'a>>),
    /// Any other text.
    Text,
}

/// The last number seen of each numbering style, to tell where a line that
/// runs items together starts the next one.
#[derive(Debug, Default)]
struct Sequence {
    last: [Option<u32>; NumberStyle::ALL.len()],
}

impl Sequence {
    fn note(&mut self, marker: &Marker) {
        self.last[usize::from(marker.style.rank())] = Some(marker.value);
    }

    /// True when `marker` goes on from the last number of its style, or
    /// starts it again at 1.
    fn continues(&self, marker: &Marker) -> bool {
        let last = self.last[usize::from(marker.style.rank())];
        marker.value == 1 || last.is_some_and(|last| marker.value == last + 1)
    }
}

/// The lines of a document, and the numbers of those that hold a whole
/// table run together: they stand among the lines as chrome, their rows
/// not told apart.
pub struct Split<'a> {
    pub lines: Vec<Line<'a>>,
    pub run_together_tables: Vec<u32>,
}

/// Splits `text` into classified lines.
pub fn split(text: &str) -> Split<'_> {
    let sources: Vec<Source> = text
        .split('\n')
        .enumerate()
        .map(|(index, raw)| Source {
            number: u32::try_from(index + 1).unwrap_or(u32::MAX),
            text: raw.trim_end_matches('\r'),
        })
        .collect();
    let trimmed: Vec<Source> = sources
        .iter()
        .flat_map(|source| {
            let text = without_field_name(without_bullet(without_lost_indent(trim(source.text))));
            let header = (!text.contains('\t'))
                .then(|| super::stream::trailing_header(text))
                .flatten();
            let (before, header) = match header {
                Some(at) => (text[..at].trim_end(), Some(&text[at..])),
                None => (text, None),
            };
            std::iter::once(before).chain(header).map(|text| Source {
                number: source.number,
                text,
            })
        })
        .collect();
    let mut sequence = Sequence::default();
    let mut lines = Vec::with_capacity(sources.len());
    let mut run_together_tables = Vec::new();
    for item in flattened::recover(&trimmed) {
        match item {
            Item::Row {
                number,
                cells,
                placed,
                cut,
            } => lines.push(Line {
                number,
                text: cells
                    .first()
                    .and_then(|cell| cell.first())
                    .copied()
                    .unwrap_or(""),
                kind: Kind::Row(cells),
                inline: None,
                cut,
                placed,
            }),
            Item::Line(source) => {
                let raw = sources[(source.number - 1) as usize].text;
                if let Some(cells) = table_cells(raw) {
                    lines.push(Line {
                        number: source.number,
                        text: source.text,
                        kind: Kind::Row(cells),
                        inline: None,
                        cut: false,
                        placed: None,
                    });
                    continue;
                }
                if super::stream::is_run_together_table(source.text) {
                    run_together_tables.push(source.number);
                    lines.push(Line {
                        number: source.number,
                        text: source.text,
                        kind: Kind::Noise,
                        inline: None,
                        cut: false,
                        placed: None,
                    });
                    continue;
                }
                for segment in segments(source.text, &mut sequence) {
                    lines.push(classify(source.number, segment, &mut sequence));
                }
            }
        }
    }
    join_awaited_names(&mut lines);
    Split {
        lines,
        run_together_tables,
    }
}

/// Gives a label left without its value (`责任单位:`) the units on the
/// line after it (`水务局、城管局、自然资源局`): the names join the label's
/// block line, and their own line is left out.
fn join_awaited_names(lines: &mut [Line]) {
    for index in 0..lines.len().saturating_sub(1) {
        let waiting = matches!(lines[index].kind, Kind::Block(_));
        let Some(role) = waiting
            .then(|| annotation::awaited_role(lines[index].text))
            .flatten()
        else {
            continue;
        };
        let next = &lines[index + 1];
        let Some(names) = matches!(next.kind, Kind::Text)
            .then(|| annotation::awaited_names(next.text, role))
            .flatten()
        else {
            continue;
        };
        lines[index + 1].kind = Kind::Noise;
        lines[index + 1].inline = None;
        if let Kind::Block(annotation) = &mut lines[index].kind {
            annotation.extend(names);
        }
    }
}

fn classify<'a>(number: u32, text: &'a str, sequence: &mut Sequence) -> Line<'a> {
    let kind = if text.is_empty() {
        Kind::Blank
    } else if is_file_name(text) {
        Kind::Noise
    } else if let Some(marker) = numbering::marker(text) {
        sequence.note(&marker);
        Kind::Numbered(marker)
    } else if let Some(annotation) = annotation::parse_block(text) {
        Kind::Block(annotation)
    } else if is_footer(text) {
        Kind::Footer
    } else if is_noise(text) {
        Kind::Noise
    } else {
        Kind::Text
    };
    let inline = match &kind {
        Kind::Numbered(marker) => annotation::find_inline(marker.rest),
        Kind::Text => annotation::find_inline(text),
        _ => None,
    };
    Line {
        number,
        text,
        kind,
        inline,
        cut: false,
        placed: None,
    }
}

/// The parts of a line that runs numbered items together: it is split
/// before a marker that follows spaces, or a sentence's end, and goes on
/// from the numbers before it.
fn segments<'a>(text: &'a str, sequence: &mut Sequence) -> Vec<&'a str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut scan = Sequence {
        last: sequence.last,
    };
    if let Some(marker) = numbering::marker(text) {
        scan.note(&marker);
    }
    let mut previous = None;
    for (index, c) in text.char_indices() {
        // The character before `index`: the text since the last split ends
        // with it, as nothing is split before its first character.
        let Some(last) = previous.replace(c) else {
            continue;
        };
        let after_space = last.is_whitespace();
        let after_stop = matches!(last, '。' | ';' | ')' | '】' | ']');
        if !after_space && !after_stop || !starts_marker(c) {
            continue;
        }
        let before = &text[start..index];
        let Some(marker) = numbering::marker(&text[index..]) else {
            continue;
        };
        if !is_strong(&marker) || !scan.continues(&marker) {
            continue;
        }
        let heading_style = marker.style.is_heading();
        let closes_bracket = before.ends_with([')', '】', ']']);
        if !after_space && heading_style && !(closes_bracket && marker.value >= 2) {
            continue;
        }
        let part = trim(before);
        if !part.is_empty() {
            parts.push(part);
        }
        scan.note(&marker);
        start = index;
    }
    parts.push(trim(&text[start..]));
    parts
}

/// True for a character that can start a numbering marker.
fn starts_marker(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(c, '(' | '第' | '①'..='⑳' | '⑴'..='⒇')
        || numbering::is_numeral(c)
}

/// True for a marker that cannot be a number inside a sentence (`3.5%`, `2020年`).
fn is_strong(marker: &Marker) -> bool {
    let next = marker.rest.chars().next();
    match marker.style {
        NumberStyle::ArabicDot => {
            marker.written.len() <= 5 && next.is_some_and(|c| !c.is_ascii_digit() && c != '%')
        }
        _ => next.is_some(),
    }
}

/// The most characters of a field's name opening a line (`目标任务:`).
const MAX_FIELD_NAME_CHARS: usize = 6;

/// The line without the name of the field it gives when that name is a
/// table header naming the task or its project, whole (`目标任务:城镇新增就业3万人。`
/// → `城镇新增就业3万人。`): a form's fields copied as lines.
fn without_field_name(text: &str) -> &str {
    let Some((colon, _)) = text
        .char_indices()
        .take(MAX_FIELD_NAME_CHARS + 1)
        .find(|(_, c)| *c == ':')
    else {
        return text;
    };
    let (name, rest) = (&text[..colon], trim(&text[colon + ':'.len_utf8()..]));
    let lexicon = crate::lexicon::lexicon();
    let names_the_task = matches!(
        lexicon.header_columns(name, 100).as_slice(),
        [crate::lexicon::Column::Task | crate::lexicon::Column::Name]
    );
    if names_the_task && !rest.is_empty() && lexicon.label(name).is_none() {
        rest
    } else {
        text
    }
}

/// Marks that open an item of a list in place of a number.
const BULLETS: [char; 12] = ['●', '◆', '■', '▲', '•', '▪', '◇', '□', '○', '◎', '➢', '►'];

/// The line without the bullet opening it (`● 新建幼儿园3所` → `新建幼儿园3所`).
fn without_bullet(text: &str) -> &str {
    match text.strip_prefix(BULLETS) {
        Some(rest) => trim(rest),
        None => text,
    }
}

/// The line without the indent a lost encoding turned into question marks
/// (`??1.加强系统集成…`, two ideographic spaces written as `??`).
fn without_lost_indent(text: &str) -> &str {
    let rest = text.trim_start_matches(['?', '\u{fffd}']);
    if text.len() - rest.len() >= 2 || text.starts_with('\u{fffd}') {
        trim(rest)
    } else {
        text
    }
}

/// Trims spaces of every width, byte-order marks and carriage returns.
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// The cells of a tab-separated row, when the line has at least two tabs.
fn table_cells(raw: &str) -> Option<Vec<Cell<'_>>> {
    let raw = raw.trim_end_matches(['\r', '\n']);
    if memchr::memchr_iter(b'\t', raw.as_bytes()).count() < 2 {
        return None;
    }
    Some(raw.split('\t').map(|cell| vec![trim(cell)]).collect())
}

/// Sentence-final punctuation.
pub fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '!', '?', ';', '.', ')', ']', '】', '〕'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split(text).lines.iter().map(|line| line.text).collect()
    }

    #[test]
    fn items_run_together_are_split() {
        assert_eq!(
            texts("1.加快建设项目。(牵头单位:市发改委) 2.推进养老服务。(牵头单位:市民政局)"),
            [
                "1.加快建设项目。(牵头单位:市发改委)",
                "2.推进养老服务。(牵头单位:市民政局)"
            ]
        );
        assert_eq!(
            texts("8.市民政局:负责做好储备保障工作。9.市教育局:负责建设应急避难场所。"),
            [
                "8.市民政局:负责做好储备保障工作。",
                "9.市教育局:负责建设应急避难场所。"
            ]
        );
        assert_eq!(
            texts(
                "完成。 一、加快提振市场信心 (一)全面促进消费增长。 1.把恢复和扩大消费摆在优先位置。"
            ),
            [
                "完成。",
                "一、加快提振市场信心",
                "(一)全面促进消费增长。",
                "1.把恢复和扩大消费摆在优先位置。"
            ]
        );
    }

    #[test]
    fn an_indent_lost_to_question_marks_is_dropped() {
        assert_eq!(
            texts("??1.加强系统集成。(责任单位:区府办)\n?为什么"),
            ["1.加强系统集成。(责任单位:区府办)", "?为什么"]
        );
    }

    #[test]
    fn numbers_inside_sentences_stay() {
        assert_eq!(texts("1.增长6%。 3.5万人就业"), ["1.增长6%。 3.5万人就业"]);
        assert_eq!(
            texts("2.一般公共预算。2020年完成"),
            ["2.一般公共预算。2020年完成"]
        );
        assert_eq!(
            texts("3.规上工业。(1)加强管理"),
            ["3.规上工业。", "(1)加强管理"]
        );
    }
}
