//! Hostile files cost bounded time and memory: each is refused with a
//! message saying what is too large, before it is unpacked.

use std::io::{Cursor, Write};

use lopdf::{Document, Object, Stream, dictionary};
use zeren::input::{FileKind, LoadError, decode_bytes};
use zip::write::{SimpleFileOptions, ZipWriter};

/// A one-page PDF whose content stream inflates to `size` bytes.
fn pdf_with_content_of(size: usize) -> Vec<u8> {
    let mut document = Document::with_version("1.5");
    let pages_id = document.new_object_id();
    let mut content = Stream::new(dictionary! {}, vec![b' '; size]);
    content.compress().expect("compress");
    let content_id = document.add_object(content);
    let page_id = document.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "Contents" => content_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    document.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog = document.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    document.trailer.set("Root", catalog);
    let mut bytes = Vec::new();
    document.save_to(&mut bytes).expect("save");
    bytes
}

#[test]
fn a_pdf_stream_that_inflates_without_end_is_refused() {
    let bytes = pdf_with_content_of(65 * 1024 * 1024);
    assert!(bytes.len() < 1024 * 1024, "compressed to {}", bytes.len());
    assert_eq!(
        decode_bytes(FileKind::Pdf, &bytes).map_err(|error| error.to_string()),
        Err("too large: a stream inflates to more than 64 MB".to_string())
    );
}

#[test]
fn a_pdf_page_that_draws_no_text_has_no_text_layer() {
    assert_eq!(
        decode_bytes(FileKind::Pdf, &pdf_with_content_of(10)),
        Err(LoadError::NeedsOcr { pages: 1 })
    );
}

#[test]
fn a_spreadsheet_of_endlessly_repeated_cells_is_refused() {
    let content = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
        <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
        xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
        xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
        <office:body><office:spreadsheet><table:table table:name=\"表\">\
        <table:table-row table:number-rows-repeated=\"1000000\">\
        <table:table-cell table:number-columns-repeated=\"16000\" office:value-type=\"string\"><text:p>任务</text:p></table:table-cell>\
        </table:table-row></table:table></office:spreadsheet></office:body></office:document-content>";
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).expect("zip");
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .expect("zip");
    writer
        .start_file("content.xml", SimpleFileOptions::default())
        .expect("zip");
    writer.write_all(content.as_bytes()).expect("zip");
    let bytes = writer.finish().expect("zip").into_inner();
    assert_eq!(
        decode_bytes(FileKind::Workbook, &bytes).map_err(|error| error.to_string()),
        Err("too large: its sheets span more than 4000000 cells".to_string())
    );
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("OFD.xml", SimpleFileOptions::default())
        .expect("zip");
    let chunk = vec![b' '; 1024 * 1024];
    for _ in 0..201 {
        writer.write_all(&chunk).expect("zip");
    }
    let bytes = writer.finish().expect("zip").into_inner();
    assert!(
        bytes.len() < 2 * 1024 * 1024,
        "compressed to {}",
        bytes.len()
    );
    for kind in [FileKind::Ofd, FileKind::Workbook] {
        assert_eq!(
            decode_bytes(kind, &bytes).map_err(|error| error.to_string()),
            Err("too large: OFD.xml unpacks to more than 200 MB".to_string())
        );
    }
}

#[test]
fn a_page_nested_without_end_is_refused() {
    let page = "<div>".repeat(200_000);
    assert_eq!(
        decode_bytes(FileKind::Html, page.as_bytes()).map_err(|error| error.to_string()),
        Err("too large: the page nests elements more than 512 deep".to_string())
    );
}

#[test]
fn a_page_of_endlessly_reopened_formatting_costs_bounded_work() {
    // Each </p> closes 300 formatting elements that the text of the next
    // paragraph reopens, so the tree grows by 300 elements per 8 bytes.
    let mut page = String::from("<p>");
    for index in 0..300 {
        page.push_str(&format!("<b class=c{index}>"));
    }
    page.push_str("x</p>");
    page.push_str(&"<p>x</p>".repeat(40_000));
    assert_eq!(
        decode_bytes(FileKind::Html, page.as_bytes()).map_err(|error| error.to_string()),
        Err("too large: the page has more than 4000000 elements and runs of text".to_string())
    );
}
