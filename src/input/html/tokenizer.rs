//! A small, forgiving HTML tokenizer: start tags with their attributes, end
//! tags, text, and the raw content of `<script>`-like elements. Comments,
//! `<!DOCTYPE>`, CDATA sections and processing instructions are dropped. It
//! accepts anything: unclosed tags, stray `<`, uppercase names, unquoted
//! attributes.

use memchr::memmem;

/// One piece of a page.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Token<'a> {
    /// Character data between tags, entities still encoded.
    Text(&'a str),
    /// The content of a raw-text element such as `<script>` or `<textarea>`.
    Raw(&'a str),
    /// A start tag.
    Start(Tag<'a>),
    /// An end tag, its name in lowercase.
    End(String),
}

/// A start tag: lowercase name, attributes, and whether it ends in `/>`.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Tag<'a> {
    /// The element name in ASCII lowercase.
    pub name: String,
    /// Attributes in order: lowercase name and raw value.
    pub attributes: Vec<(String, &'a str)>,
    /// The tag ended in `/>`.
    pub self_closing: bool,
}

impl Tag<'_> {
    /// The value of the first attribute called `name` (lowercase).
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(attribute, _)| attribute == name)
            .map(|(_, value)| *value)
    }
}

/// Elements whose content is not markup; the tokenizer hands it over whole.
const RAW_TEXT_ELEMENTS: [&str; 10] = [
    "script",
    "style",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "title",
    "textarea",
    "plaintext",
];

/// Splits a page into tokens.
pub(super) struct Tokenizer<'a> {
    html: &'a str,
    position: usize,
    /// Set after the start tag of a raw-text element: its name.
    raw_element: Option<String>,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer at the start of `html`.
    pub fn new(html: &'a str) -> Tokenizer<'a> {
        Tokenizer {
            html,
            position: 0,
            raw_element: None,
        }
    }

    fn bytes(&self) -> &'a [u8] {
        self.html.as_bytes()
    }

    fn byte_at(&self, index: usize) -> Option<u8> {
        self.bytes().get(index).copied()
    }

    /// The text between two byte offsets (always ASCII-delimited).
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.html.get(start..end).unwrap_or_default()
    }

    /// Moves past the next `pattern` (or to the end when there is none).
    fn skip_past(&mut self, pattern: &[u8]) {
        let rest = self.bytes().get(self.position..).unwrap_or_default();
        self.position = match memmem::find(rest, pattern) {
            Some(offset) => self.position + offset + pattern.len(),
            None => self.html.len(),
        };
    }

    /// Reads the content of a raw-text element, up to its end tag.
    fn raw_text(&mut self, name: &str) -> Token<'a> {
        let start = self.position;
        let end = if name == "plaintext" {
            self.html.len()
        } else {
            self.find_end_tag(name).unwrap_or(self.html.len())
        };
        self.position = end;
        Token::Raw(self.slice(start, end))
    }

    /// Where `</name` (any case, then a delimiter) next starts.
    fn find_end_tag(&self, name: &str) -> Option<usize> {
        let bytes = self.bytes();
        let rest = bytes.get(self.position..)?;
        memmem::find_iter(rest, b"</")
            .map(|offset| self.position + offset)
            .find(|&start| {
                let name_end = start + 2 + name.len();
                let candidate = bytes.get(start + 2..name_end);
                candidate.is_some_and(|found| found.eq_ignore_ascii_case(name.as_bytes()))
                    && bytes
                        .get(name_end)
                        .is_none_or(|&byte| is_tag_name_end(byte))
            })
    }

    /// Reads what follows a `<` at the current position.
    fn markup(&mut self) -> Option<Token<'a>> {
        let next = self.byte_at(self.position + 1);
        match next {
            Some(byte) if byte.is_ascii_alphabetic() => Some(self.start_tag()),
            Some(b'/') => self.end_tag(),
            Some(b'!') => {
                self.declaration();
                None
            }
            Some(b'?') => {
                self.skip_past(b">");
                None
            }
            _ => {
                let start = self.position;
                self.position += 1;
                Some(Token::Text(self.slice(start, start + 1)))
            }
        }
    }

    /// Skips a comment, CDATA section, `<!DOCTYPE>` or other `<!...>`.
    fn declaration(&mut self) {
        let rest = self.bytes().get(self.position..).unwrap_or_default();
        if rest.starts_with(b"<!--") {
            self.position += 4;
            if self.bytes().get(self.position) == Some(&b'>') {
                self.position += 1;
            } else {
                self.skip_past(b"-->");
            }
        } else if rest.starts_with(b"<![CDATA[") {
            self.skip_past(b"]]>");
        } else {
            self.skip_past(b">");
        }
    }

    /// Reads `</name ...>`; `</>` and `</ junk>` give nothing.
    fn end_tag(&mut self) -> Option<Token<'a>> {
        let name_start = self.position + 2;
        let starts_name = self
            .byte_at(name_start)
            .is_some_and(|byte| byte.is_ascii_alphabetic());
        if !starts_name {
            self.skip_past(b">");
            return None;
        }
        let name_end = self.scan_while(name_start, |byte| !is_tag_name_end(byte));
        let name = self.slice(name_start, name_end).to_ascii_lowercase();
        self.position = name_end;
        self.skip_past(b">");
        Some(Token::End(name))
    }

    /// Reads `<name attr=value ...>` and notes raw-text elements.
    fn start_tag(&mut self) -> Token<'a> {
        let name_start = self.position + 1;
        let name_end = self.scan_while(name_start, |byte| !is_tag_name_end(byte));
        let name = self.slice(name_start, name_end).to_ascii_lowercase();
        self.position = name_end;
        let (attributes, self_closing) = self.attributes();
        if !self_closing && RAW_TEXT_ELEMENTS.contains(&name.as_str()) {
            self.raw_element = Some(name.clone());
        }
        Token::Start(Tag {
            name,
            attributes,
            self_closing,
        })
    }

    /// Reads attributes up to and including the closing `>` or `/>`.
    fn attributes(&mut self) -> (Vec<(String, &'a str)>, bool) {
        let mut attributes = Vec::new();
        loop {
            self.position = self.scan_while(self.position, |byte| byte.is_ascii_whitespace());
            match self.byte_at(self.position) {
                None => return (attributes, false),
                Some(b'>') => {
                    self.position += 1;
                    return (attributes, false);
                }
                Some(b'/') if self.byte_at(self.position + 1) == Some(b'>') => {
                    self.position += 2;
                    return (attributes, true);
                }
                Some(b'/') => self.position += 1,
                Some(_) => attributes.push(self.attribute()),
            }
        }
    }

    /// Reads one `name`, `name=value`, `name="value"` or `name='value'`.
    fn attribute(&mut self) -> (String, &'a str) {
        let name_start = self.position;
        // The first byte belongs to the name whatever it is, so this always
        // moves forward.
        let name_end = self.scan_while(name_start + 1, |byte| {
            !byte.is_ascii_whitespace() && !matches!(byte, b'=' | b'>' | b'/')
        });
        let name = self.slice(name_start, name_end).to_ascii_lowercase();
        self.position = self.scan_while(name_end, |byte| byte.is_ascii_whitespace());
        if self.byte_at(self.position) != Some(b'=') {
            return (name, "");
        }
        self.position = self.scan_while(self.position + 1, |byte| byte.is_ascii_whitespace());
        (name, self.attribute_value())
    }

    /// Reads an attribute value, quoted or not. A quote never closed ends at
    /// the next `>`.
    fn attribute_value(&mut self) -> &'a str {
        let start = self.position;
        match self.byte_at(start) {
            Some(quote @ (b'"' | b'\'')) => {
                let rest = self.bytes().get(start + 1..).unwrap_or_default();
                let length = memchr::memchr(quote, rest)
                    .or_else(|| memchr::memchr(b'>', rest))
                    .unwrap_or(rest.len());
                let value = self.slice(start + 1, start + 1 + length);
                let after = start + 1 + length;
                self.position = if self.byte_at(after) == Some(quote) {
                    after + 1
                } else {
                    after
                };
                value
            }
            _ => {
                let end =
                    self.scan_while(start, |byte| !byte.is_ascii_whitespace() && byte != b'>');
                self.position = end;
                self.slice(start, end)
            }
        }
    }

    /// The first offset from `start` whose byte fails `keep` (or the end).
    fn scan_while(&self, start: usize, keep: impl Fn(u8) -> bool) -> usize {
        let rest = self.bytes().get(start..).unwrap_or_default();
        let length = rest
            .iter()
            .position(|&byte| !keep(byte))
            .unwrap_or(rest.len());
        start.saturating_add(length).min(self.html.len())
    }

    /// Reads text up to the next `<`.
    fn text(&mut self) -> Token<'a> {
        let start = self.position;
        let rest = self.bytes().get(start + 1..).unwrap_or_default();
        let end = memchr::memchr(b'<', rest).map_or(self.html.len(), |offset| start + 1 + offset);
        self.position = end;
        Token::Text(self.slice(start, end))
    }
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(name) = self.raw_element.take() {
            return Some(self.raw_text(&name));
        }
        while self.position < self.html.len() {
            if self.byte_at(self.position) != Some(b'<') {
                return Some(self.text());
            }
            if let Some(token) = self.markup() {
                return Some(token);
            }
        }
        None
    }
}

/// A byte that ends a tag name.
fn is_tag_name_end(byte: u8) -> bool {
    byte.is_ascii_whitespace() || byte == b'/' || byte == b'>'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<Token<'_>> {
        Tokenizer::new(html).collect()
    }

    fn start<'a>(name: &str, attributes: Vec<(&str, &'a str)>, self_closing: bool) -> Token<'a> {
        Token::Start(Tag {
            name: name.to_string(),
            attributes: attributes
                .into_iter()
                .map(|(n, v)| (n.to_string(), v))
                .collect(),
            self_closing,
        })
    }

    #[test]
    fn tags_text_and_attributes() {
        assert_eq!(
            tokens(r#"<P CLASS="a b" id=x data-y='1' hidden>Hi</p>"#),
            vec![
                start(
                    "p",
                    vec![
                        ("class", "a b"),
                        ("id", "x"),
                        ("data-y", "1"),
                        ("hidden", "")
                    ],
                    false
                ),
                Token::Text("Hi"),
                Token::End("p".into()),
            ]
        );
    }

    #[test]
    fn comments_doctype_cdata_and_pi_are_dropped() {
        assert_eq!(
            tokens("<!DOCTYPE html><!-- <p>x</p> --><?xml x?><![CDATA[y]]><!-->a"),
            vec![Token::Text("a")]
        );
    }

    #[test]
    fn script_content_is_raw_until_its_end_tag() {
        assert_eq!(
            tokens("<script>if (a</b) { x = '<p>'; }</SCRIPT >z"),
            vec![
                start("script", vec![], false),
                Token::Raw("if (a</b) { x = '<p>'; }"),
                Token::End("script".into()),
                Token::Text("z"),
            ]
        );
    }

    #[test]
    fn stray_angle_brackets_are_text() {
        assert_eq!(
            tokens("a < b <3 </> c"),
            vec![
                Token::Text("a "),
                Token::Text("<"),
                Token::Text(" b "),
                Token::Text("<"),
                Token::Text("3 "),
                Token::Text(" c")
            ]
        );
    }

    #[test]
    fn unfinished_markup_ends_quietly() {
        assert_eq!(
            tokens("x<div class=\"a"),
            vec![Token::Text("x"), start("div", vec![("class", "a")], false)]
        );
        assert_eq!(tokens("<br/>"), vec![start("br", vec![], true)]);
        assert_eq!(
            tokens("<script>never closed"),
            vec![start("script", vec![], false), Token::Raw("never closed")]
        );
        assert_eq!(tokens("<!-- open"), vec![]);
        assert_eq!(tokens("<"), vec![Token::Text("<")]);
        assert_eq!(tokens("</"), vec![]);
    }

    #[test]
    fn non_ascii_around_markup_is_kept() {
        assert_eq!(
            tokens("<td 宽=一>牵头<单位"),
            vec![
                start("td", vec![("宽", "一")], false),
                Token::Text("牵头"),
                Token::Text("<"),
                Token::Text("单位")
            ]
        );
    }
}
