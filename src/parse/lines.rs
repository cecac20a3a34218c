//! Splitting a document into trimmed lines and telling what each line is.

use super::annotation;
use super::annotation::{Annotation, Found};
use super::noise::{is_footer, is_noise};
use super::numbering::{self, Marker};

/// One line of the document, trimmed, with its 1-based number.
#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub number: u32,
    pub text: &'a str,
    pub kind: Kind<'a>,
    /// The unit annotation in the text of a `Text` line or after the marker
    /// of a `Numbered` one, looked for once here for every later use (the
    /// walk over the body takes it out).
    pub inline: Option<Found>,
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
    Block(Annotation),
    /// A table row: cells separated by tabs.
    Row(Vec<&'a str>),
    /// Any other text.
    Text,
}

/// Splits `text` into classified lines.
pub fn split(text: &str) -> Vec<Line<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(index, raw)| {
            let number = u32::try_from(index + 1).unwrap_or(u32::MAX);
            classify(number, raw)
        })
        .collect()
}

fn classify(number: u32, raw: &str) -> Line<'_> {
    let text = trim(raw);
    let kind = if text.is_empty() {
        Kind::Blank
    } else if let Some(cells) = table_cells(raw) {
        Kind::Row(cells)
    } else if let Some(marker) = numbering::marker(text) {
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
    }
}

/// Trims spaces of every width, byte-order marks and carriage returns.
pub fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// The cells of a tab-separated row, when the line has at least two tabs.
fn table_cells(raw: &str) -> Option<Vec<&str>> {
    let raw = raw.trim_end_matches(['\r', '\n']);
    if memchr::memchr_iter(b'\t', raw.as_bytes()).count() < 2 {
        return None;
    }
    Some(raw.split('\t').map(trim).collect())
}

/// Sentence-final punctuation.
pub fn ends_sentence(text: &str) -> bool {
    text.ends_with(['。', '!', '?', ';', '.', ')'])
}

/// Number of characters (not bytes).
pub fn char_count(text: &str) -> usize {
    text.chars().count()
}
