//! Word documents (.docx): the zip archive is opened and `word/document.xml`
//! read paragraph by paragraph, tables as `\t`-separated rows, with Word's
//! automatic list numbers ("一、", "（一）", "1.") written out.

mod document;
mod numbering;

use std::io::{Cursor, Read};

use quick_xml::events::BytesStart;
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;
use zip::result::ZipError;

use super::{Decoded, LoadError, MAX_INPUT_BYTES};
use numbering::Numbering;

/// The part holding the document's body.
const DOCUMENT_PART: &str = "word/document.xml";
/// The part defining automatic list numbering.
const NUMBERING_PART: &str = "word/numbering.xml";
/// The part defining paragraph styles (some carry list numbering).
const STYLES_PART: &str = "word/styles.xml";

/// How an OLE compound file starts: an old .doc, or an encrypted .docx.
const OLE_SIGNATURE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads the text of a .docx held in memory.
pub(crate) fn decode_docx(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    if bytes.starts_with(&OLE_SIGNATURE) {
        return Err(LoadError::NotDocx(
            "an old .doc or an encrypted document".into(),
        ));
    }
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| not_a_zip(&error))?;
    let body = read_part(&mut archive, DOCUMENT_PART)?
        .ok_or_else(|| LoadError::NotDocx(format!("no {DOCUMENT_PART} inside")))?;
    let mut notes = Vec::new();
    let numbering = read_numbering(&mut archive).unwrap_or_else(|error| {
        let reason = match error {
            LoadError::BrokenDocx(reason) => reason,
            other => other.to_string(),
        };
        notes.push(format!("list numbers left out: {reason}"));
        Numbering::default()
    });
    let text = document::document_text(&body, numbering)?;
    if text.trim().is_empty() {
        return Err(LoadError::NoText);
    }
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        notes,
    })
}

/// Why the bytes are not a zip archive.
fn not_a_zip(error: &ZipError) -> LoadError {
    let reason = match error {
        ZipError::UnsupportedArchive(detail) => format!("unsupported zip archive: {detail}"),
        _ => "not a zip archive".to_string(),
    };
    LoadError::NotDocx(reason)
}

/// The list numbering and style definitions, when the document has them.
fn read_numbering(archive: &mut ZipArchive<Cursor<&[u8]>>) -> Result<Numbering, LoadError> {
    let numbering = read_part(archive, NUMBERING_PART)?;
    let styles = read_part(archive, STYLES_PART)?;
    Numbering::parse(numbering.as_deref(), styles.as_deref())
}

/// The text of one part of the archive, or `None` when it is missing.
/// Parts that unpack to more than [`MAX_INPUT_BYTES`] are refused.
fn read_part(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, LoadError> {
    let file = match archive.by_name(name) {
        Ok(file) => file,
        Err(ZipError::FileNotFound) => return Ok(None),
        Err(error) => return Err(LoadError::BrokenDocx(format!("{name}: {error}"))),
    };
    if file.size() > MAX_INPUT_BYTES {
        return Err(too_large(name));
    }
    let mut bytes = Vec::new();
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| LoadError::BrokenDocx(format!("{name}: {error}")))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(name));
    }
    xml_text(name, bytes).map(Some)
}

fn too_large(name: &str) -> LoadError {
    LoadError::TooLarge(format!(
        "{name} unpacks to more than {} MB",
        MAX_INPUT_BYTES / (1024 * 1024)
    ))
}

/// An XML part as text: UTF-8 (BOM dropped), or UTF-16 with a BOM.
fn xml_text(name: &str, bytes: Vec<u8>) -> Result<String, LoadError> {
    if let Some((encoding, bom_length)) = encoding_rs::Encoding::for_bom(&bytes)
        && encoding != encoding_rs::UTF_8
    {
        let rest = bytes.get(bom_length..).unwrap_or_default();
        let (text, had_errors) = encoding.decode_without_bom_handling(rest);
        return match had_errors {
            false => Ok(text.into_owned()),
            true => Err(LoadError::BrokenDocx(format!("{name} is not valid UTF-16"))),
        };
    }
    let mut text = String::from_utf8(bytes)
        .map_err(|_| LoadError::BrokenDocx(format!("{name} is not valid UTF-8")))?;
    if text.starts_with('\u{FEFF}') {
        text.remove(0);
    }
    Ok(text)
}

/// Describes an XML error in a part, with where it happened.
fn xml_error(part: &str, reader: &Reader<&[u8]>, error: &quick_xml::Error) -> LoadError {
    LoadError::BrokenDocx(format!(
        "{part}: bad XML at byte {}: {error}",
        reader.error_position()
    ))
}

/// An attribute of an element by local name (any namespace prefix).
fn attribute(element: &BytesStart<'_>, name: &str) -> Option<String> {
    element
        .attributes()
        .filter_map(Result::ok)
        .find(|attribute| attribute.key.local_name().as_ref() == name)
        .map(
            |attribute| match attribute.normalized_value(XmlVersion::Implicit1_0) {
                Ok(value) => value.into_owned(),
                Err(_) => attribute.value.into_owned(),
            },
        )
}

/// The `w:val` attribute of an element.
fn value_attribute(element: &BytesStart<'_>) -> Option<String> {
    attribute(element, "val")
}

/// The `w:val` attribute read as a number.
fn number_attribute(element: &BytesStart<'_>) -> Option<u32> {
    value_attribute(element)?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use zip::write::{SimpleFileOptions, ZipWriter};

    fn archive(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        for (name, content) in parts {
            writer
                .start_file(*name, SimpleFileOptions::default())
                .unwrap();
            writer.write_all(content.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn body(inner: &str) -> String {
        format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
             <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
             <w:body>{inner}</w:body></w:document>"
        )
    }

    #[test]
    fn paragraphs_become_lines() {
        let bytes = archive(&[(
            DOCUMENT_PART,
            &body(
                "<w:p><w:r><w:t>一、总体</w:t></w:r><w:r><w:t>要求</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>1.推进</w:t></w:r></w:p>",
            ),
        )]);
        assert_eq!(
            decode_docx(&bytes),
            Ok(Decoded {
                text: "一、总体要求\n1.推进\n".into(),
                encoding: "UTF-8",
                notes: vec![]
            })
        );
    }

    #[test]
    fn random_bytes_are_not_a_zip() {
        assert_eq!(
            decode_docx(b"this is plain text, not a zip").map_err(|e| e.to_string()),
            Err("not a .docx file (not a zip archive)".to_string())
        );
        assert_eq!(decode_docx(b""), Err(LoadError::Empty));
        let mut ole = OLE_SIGNATURE.to_vec();
        ole.extend_from_slice(&[0; 100]);
        assert_eq!(
            decode_docx(&ole),
            Err(LoadError::NotDocx(
                "an old .doc or an encrypted document".into()
            ))
        );
    }

    #[test]
    fn zip_without_document_part_is_refused() {
        let bytes = archive(&[("hello.txt", "hi")]);
        assert_eq!(
            decode_docx(&bytes).map_err(|e| e.to_string()),
            Err("not a .docx file (no word/document.xml inside)".to_string())
        );
    }

    #[test]
    fn broken_xml_is_named() {
        let bytes = archive(&[(DOCUMENT_PART, &body("<w:p><w:r><w:t>x</w:r></w:p>"))]);
        let message = decode_docx(&bytes).map_err(|e| e.to_string());
        assert!(
            matches!(&message, Err(text) if text.starts_with("broken .docx: word/document.xml: bad XML at byte")),
            "{message:?}"
        );
    }

    #[test]
    fn document_part_in_latin1_is_refused() {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        writer
            .start_file(DOCUMENT_PART, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(b"<w:document>\xFF</w:document>").unwrap();
        let bytes = writer.finish().unwrap().into_inner();
        assert_eq!(
            decode_docx(&bytes),
            Err(LoadError::BrokenDocx(
                "word/document.xml is not valid UTF-8".into()
            ))
        );
    }

    #[test]
    fn document_without_text_is_refused() {
        let bytes = archive(&[(
            DOCUMENT_PART,
            &body("<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>"),
        )]);
        assert_eq!(decode_docx(&bytes), Err(LoadError::NoText));
    }

    #[test]
    fn oversized_part_is_refused() {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        writer.start_file(DOCUMENT_PART, options).unwrap();
        let chunk = vec![b' '; 1024 * 1024];
        for _ in 0..=(MAX_INPUT_BYTES / (1024 * 1024)) {
            writer.write_all(&chunk).unwrap();
        }
        let bytes = writer.finish().unwrap().into_inner();
        assert!(
            bytes.len() < 2 * 1024 * 1024,
            "compressed to {}",
            bytes.len()
        );
        assert_eq!(
            decode_docx(&bytes).map_err(|e| e.to_string()),
            Err("too large: word/document.xml unpacks to more than 200 MB".to_string())
        );
    }
}
