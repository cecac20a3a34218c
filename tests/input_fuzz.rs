//! Arbitrary bytes never make decoding panic, whatever kind of file they
//! are taken for, and whatever comes out is clean text.

use proptest::prelude::*;
use zeren::input::{self, FileKind};

const KINDS: [FileKind; 3] = [FileKind::Text, FileKind::Html, FileKind::Docx];

/// Checks what a successful decode promises.
fn check_decoded(bytes: &[u8]) {
    for kind in KINDS {
        if let Ok(decoded) = input::decode_bytes(kind, bytes) {
            assert!(!decoded.text.contains('\r'), "{kind:?} left a CR");
            assert!(!decoded.text.contains('\u{A0}'), "{kind:?} left an NBSP");
            assert!(
                !decoded.text.trim().is_empty(),
                "{kind:?} accepted blank text"
            );
        }
    }
}

/// Markup-heavy input reaches deeper into the HTML reader than random bytes.
fn html_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<",
        ">",
        "</",
        "/>",
        "<p>",
        "</p>",
        "<table>",
        "<tr>",
        "<td colspan=3>",
        "<td rowspan=99999>",
        "</td>",
        "</tr>",
        "</table>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<div class=nav>",
        "</div>",
        "&",
        "&#",
        "&#x",
        ";",
        "&nbsp",
        "&amp;",
        "\"",
        "'",
        "=",
        " ",
        "\n",
        "\r",
        "一",
        "责任单位",
        "<br>",
        "<pre>",
        "</pre>",
        "<meta charset=gbk>",
        "\u{a0}",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|pieces| pieces.concat())
}

/// Word XML pieces put in a real zip, to fuzz the document reader.
fn docx_like() -> impl Strategy<Value = Vec<u8>> {
    let pieces = prop::sample::select(vec![
        "<w:p>",
        "</w:p>",
        "<w:p/>",
        "<w:r>",
        "</w:r>",
        "<w:t>",
        "</w:t>",
        "<w:tab/>",
        "<w:br/>",
        "<w:tbl>",
        "</w:tbl>",
        "<w:tr>",
        "</w:tr>",
        "<w:tc>",
        "</w:tc>",
        "<w:vMerge/>",
        "<w:gridSpan w:val=\"4000000000\"/>",
        "<w:gridBefore w:val=\"3\"/>",
        "<w:del>",
        "</w:del>",
        "<w:pPr>",
        "</w:pPr>",
        "<w:numId w:val=\"1\"/>",
        "<w:ilvl w:val=\"8\"/>",
        "任务",
        "&amp;",
        "&#12289;",
        "&bogus;",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|pieces| {
        use std::io::Write;
        let xml = format!(
            "<w:document><w:body>{}</w:body></w:document>",
            pieces.concat()
        );
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        let written = writer
            .start_file("word/document.xml", options)
            .and_then(|()| writer.write_all(xml.as_bytes()).map_err(Into::into))
            .and_then(|()| writer.finish());
        written
            .map(|cursor| cursor.into_inner())
            .unwrap_or_default()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_decoded(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        check_decoded(text.as_bytes());
    }

    #[test]
    fn html_like_input_never_panics(html in html_like()) {
        check_decoded(html.as_bytes());
    }

    #[test]
    fn docx_like_input_never_panics(bytes in docx_like()) {
        check_decoded(&bytes);
    }

    #[test]
    fn damaged_zip_never_panics(bytes in docx_like(), position in any::<prop::sample::Index>(), byte in any::<u8>()) {
        let mut bytes = bytes;
        if !bytes.is_empty() {
            let index = position.index(bytes.len());
            bytes[index] = byte;
        }
        check_decoded(&bytes);
    }
}
