//! Saved web pages (.htm, .html): decoded in the charset the page declares
//! (or the one detected), parsed by html5ever as browsers parse them, then
//! reduced to the body text in reading order.

mod extract;
mod tree;

use encoding_rs::Encoding;

use super::decode::decode_text;
use super::{Decoded, LoadError};

/// How much of the start of a page is searched for `<meta charset>`.
const CHARSET_SCAN_BYTES: usize = 8192;

/// Decodes a page and extracts its text. If leaving out navigation chrome
/// leaves nothing, the page is read again with the chrome kept.
pub(crate) fn decode_html(bytes: &[u8]) -> Result<Decoded, LoadError> {
    let page = decode_text(bytes, declared_charset(bytes))?;
    let tree = tree::Tree::parse(&page.text)?;
    let mut text = extract::extract_text(&tree, true);
    if text.trim().is_empty() {
        text = extract::extract_text(&tree, false);
    }
    if text.trim().is_empty() {
        return Err(LoadError::NoText);
    }
    Ok(Decoded { text, ..page })
}

/// The encoding named by a `<meta charset=...>` or `<meta http-equiv=
/// "Content-Type" content="...; charset=...">` near the start of the page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..CHARSET_SCAN_BYTES).unwrap_or(bytes);
    memchr::memchr_iter(b'<', head)
        .filter_map(|start| head.get(start..))
        .filter(|tag| {
            tag.get(1..5)
                .is_some_and(|name| name.eq_ignore_ascii_case(b"meta"))
        })
        .find_map(|tag| {
            let end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
            charset_in_tag(tag.get(..end)?)
        })
}

/// The encoding after `charset=` in the text of one tag.
fn charset_in_tag(tag: &[u8]) -> Option<&'static Encoding> {
    let lowercase = tag.to_ascii_lowercase();
    let after_word = memchr::memmem::find(&lowercase, b"charset")? + b"charset".len();
    let rest = skip_spaces(lowercase.get(after_word..)?);
    let rest = skip_spaces(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let length = rest
        .iter()
        .position(|byte| {
            !(byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b':' | b'.'))
        })
        .unwrap_or(rest.len());
    let encoding = Encoding::for_label(rest.get(..length)?)?;
    Some(encoding.output_encoding())
}

fn skip_spaces(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|byte| !byte.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{GB18030, GBK, UTF_8};

    #[test]
    fn meta_charset_forms_are_found() {
        assert_eq!(declared_charset(b"<html><META CHARSET=\"gbk\">"), Some(GBK));
        assert_eq!(declared_charset(b"<meta charset=gb2312 />"), Some(GBK));
        assert_eq!(
            declared_charset(
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=GB18030\">"
            ),
            Some(GB18030)
        );
        assert_eq!(declared_charset(b"<meta charset='utf-16'>"), Some(UTF_8));
        assert_eq!(
            declared_charset(b"<meta name=\"x\" content=\"charset\"><p>charset=gbk"),
            None
        );
        assert_eq!(declared_charset(b"<meta charset=\"nonsense\">"), None);
        assert_eq!(declared_charset(b"<p>no meta</p>"), None);
    }

    #[test]
    fn gbk_page_with_meta_charset_is_decoded() {
        let page = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gbk\"></head>\
                    <body><p>1.推进项目。(牵头单位:市发改委)</p></body></html>";
        let (bytes, _, _) = GBK.encode(page);
        let decoded = decode_html(&bytes);
        assert_eq!(
            decoded.map(|d| (d.text, d.encoding)),
            Ok(("1.推进项目。(牵头单位:市发改委)\n".to_string(), "GB18030"))
        );
    }

    #[test]
    fn meta_charset_is_honoured_over_detection() {
        // Two bytes that detection alone would not read as 中文.
        let mut bytes = b"<meta charset=\"gbk\"><p>".to_vec();
        bytes.extend_from_slice(&[0xD6, 0xD0, 0xCE, 0xC4]);
        let decoded = decode_html(&bytes);
        assert_eq!(decoded.map(|d| d.text), Ok("中文\n".to_string()));
    }

    #[test]
    fn page_without_text_is_refused() {
        assert_eq!(
            decode_html(b"<html><head><title>x</title></head><body> </body></html>"),
            Err(LoadError::NoText)
        );
        assert_eq!(decode_html(b""), Err(LoadError::Empty));
    }

    #[test]
    fn page_with_crlf_and_nbsp() {
        let decoded = decode_html(b"<p>a\r\nb</p>\r\n<p>c\xC2\xA0d&nbsp;e</p>");
        assert_eq!(decoded.map(|d| d.text), Ok("a b\nc d e\n".to_string()));
    }
}
