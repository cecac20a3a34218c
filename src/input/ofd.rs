//! OFD documents (GB/T 33190): a zip package whose `OFD.xml` names the
//! document root (`Doc_0/Document.xml`), which lists the pages; each page's
//! `Content.xml` holds text objects (`TextObject`, placed by `Boundary` and
//! `CTM`) whose `TextCode` elements give the characters with their `X`, `Y`
//! and `DeltaX` positions. The characters are laid out into lines like a
//! PDF's glyphs: reading order, running headers and page numbers dropped,
//! wrapped lines joined.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::limits::{check_zip_sizes, open_zip, read_zip_part};
use super::page_layout::{self, Page, PlacedGlyph};
use super::{Decoded, LoadError};

const FORMAT: &str = "OFD";

/// A document has at most this many pages read.
const MAX_PAGES: usize = 20_000;

/// At most this many characters are placed in one document.
const MAX_GLYPHS: usize = 20_000_000;

/// An A4 page's height in millimetres, when the document does not say.
const DEFAULT_PAGE_HEIGHT: f32 = 297.0;

/// Reads the text of an OFD document held in memory.
pub(crate) fn decode_ofd(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    check_zip_sizes(bytes, FORMAT)?;
    let mut archive = open_zip(bytes, FORMAT)?;
    let entry =
        read_zip_part(&mut archive, "OFD.xml", FORMAT)?.ok_or_else(|| LoadError::NotFormat {
            format: FORMAT,
            reason: "no OFD.xml inside".into(),
        })?;
    let root = first_text_of(&entry, "DocRoot", "OFD.xml")?
        .ok_or_else(|| broken("OFD.xml names no DocRoot"))?;
    let root = package_path("", &root);
    let document = read_zip_part(&mut archive, &root, FORMAT)?
        .ok_or_else(|| broken(&format!("no {root} inside")))?;
    let listing = read_document(&document, &root)?;
    let folder = root.rsplit_once('/').map_or("", |(folder, _)| folder);
    let mut pages = Vec::new();
    let mut budget = MAX_GLYPHS;
    let mut notes = Vec::new();
    if listing.pages.len() > MAX_PAGES {
        notes.push(format!("only the first {MAX_PAGES} pages were read"));
    }
    for location in listing.pages.iter().take(MAX_PAGES) {
        let path = package_path(folder, location);
        let Some(content) = read_zip_part(&mut archive, &path, FORMAT)? else {
            notes.push(format!("page {path} is missing"));
            continue;
        };
        let glyphs = page_glyphs(&content, &path, listing.height, &mut budget)?;
        pages.push(Page {
            glyphs,
            rules: Vec::new(),
            height: listing.height,
        });
    }
    if budget == 0 {
        notes.push(format!("only the first {MAX_GLYPHS} characters were read"));
    }
    if pages.iter().all(|page| page.glyphs.is_empty()) {
        return Err(LoadError::NoText);
    }
    let text = page_layout::text(pages);
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        notes,
    })
}

/// What Document.xml says: the page locations in order and the page height.
struct Listing {
    pages: Vec<String>,
    height: f32,
}

fn read_document(xml: &[u8], part: &str) -> Result<Listing, LoadError> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut pages = Vec::new();
    let mut height = DEFAULT_PAGE_HEIGHT;
    let mut in_physical_box = false;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|error| broken(&format!("{part}: {error}")))?;
        match &event {
            Event::Start(element) | Event::Empty(element) => match element.local_name().as_ref() {
                "Page" => {
                    if let Some(location) = attribute(element, "BaseLoc") {
                        pages.push(location);
                    }
                }
                "PhysicalBox" => in_physical_box = pages.is_empty(),
                _ => {}
            },
            Event::Text(text) if in_physical_box => {
                let values = numbers(&text.xml10_content());
                if let Some(box_height) = values.get(3).filter(|value| **value > 0.0) {
                    height = *box_height;
                }
                in_physical_box = false;
            }
            Event::End(_) => in_physical_box = false,
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    Ok(Listing { pages, height })
}

/// The characters of one page's Content.xml, y measured up from the bottom.
fn page_glyphs(
    xml: &[u8],
    part: &str,
    page_height: f32,
    budget: &mut usize,
) -> Result<Vec<PlacedGlyph>, LoadError> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut glyphs = Vec::new();
    let mut object: Option<TextObject> = None;
    let mut code: Option<TextCode> = None;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|error| broken(&format!("{part}: {error}")))?;
        match &event {
            Event::Start(element) => match element.local_name().as_ref() {
                "TextObject" => object = Some(TextObject::from(element)),
                "TextCode" if object.is_some() => code = Some(TextCode::from(element)),
                _ => {}
            },
            Event::Text(text) => {
                if let Some(code) = code.as_mut() {
                    code.text.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(reference) => {
                if let Some(code) = code.as_mut() {
                    if let Ok(Some(character)) = reference.resolve_char_ref() {
                        code.text.push(character);
                    } else if let Some(text) = quick_xml::escape::resolve_xml_entity(reference) {
                        code.text.push_str(text);
                    }
                }
            }
            Event::End(element) => match element.local_name().as_ref() {
                "TextCode" => {
                    if let (Some(finished), Some(object)) = (code.take(), object.as_ref()) {
                        object.place(&finished, page_height, budget, &mut glyphs);
                    }
                }
                "TextObject" => object = None,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buffer.clear();
    }
    Ok(glyphs)
}

/// A text object's placement: its boundary's origin, font size and CTM.
#[derive(Debug)]
struct TextObject {
    left: f32,
    top: f32,
    size: f32,
    ctm: [f32; 6],
}

impl From<&BytesStart<'_>> for TextObject {
    fn from(element: &BytesStart<'_>) -> TextObject {
        let boundary = attribute(element, "Boundary").map_or_else(Vec::new, |text| numbers(&text));
        let ctm = attribute(element, "CTM")
            .map(|text| numbers(&text))
            .filter(|values| values.len() == 6)
            .map_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], |values| {
                [
                    values[0], values[1], values[2], values[3], values[4], values[5],
                ]
            });
        TextObject {
            left: boundary.first().copied().unwrap_or(0.0),
            top: boundary.get(1).copied().unwrap_or(0.0),
            size: attribute(element, "Size")
                .and_then(|size| size.trim().parse().ok())
                .unwrap_or(3.5),
            ctm,
        }
    }
}

impl TextObject {
    /// Places a text code's characters.
    fn place(
        &self,
        code: &TextCode,
        page_height: f32,
        budget: &mut usize,
        glyphs: &mut Vec<PlacedGlyph>,
    ) {
        let [a, b, c, d, e, f] = self.ctm;
        let size = self.size * (c * c + d * d).sqrt();
        let mut x = code.x;
        let characters: Vec<char> = code.text.chars().collect();
        for (index, character) in characters.iter().enumerate() {
            if *budget == 0 {
                return;
            }
            let advance = code.deltas.get(index).copied().unwrap_or(self.size);
            let (page_x, page_y) = (a * x + c * code.y + e, b * x + d * code.y + f);
            if !character.is_whitespace() || *character == ' ' {
                *budget -= 1;
                glyphs.push(PlacedGlyph {
                    x: self.left + page_x,
                    y: page_height - (self.top + page_y),
                    width: advance * (a * a + b * b).sqrt(),
                    size,
                    text: character.to_string(),
                });
            }
            x += advance;
        }
    }
}

/// A text code: where its first character sits and the steps between them.
#[derive(Debug)]
struct TextCode {
    x: f32,
    y: f32,
    deltas: Vec<f32>,
    text: String,
}

/// A DeltaX list holds at most this many steps (more characters than that
/// in one code take the font size as their step).
const MAX_DELTAS: usize = 100_000;

impl From<&BytesStart<'_>> for TextCode {
    fn from(element: &BytesStart<'_>) -> TextCode {
        let number = |name: &str| {
            attribute(element, name)
                .and_then(|value| value.trim().parse().ok())
                .unwrap_or(0.0)
        };
        TextCode {
            x: number("X"),
            y: number("Y"),
            deltas: attribute(element, "DeltaX").map_or_else(Vec::new, |text| deltas(&text)),
            text: String::new(),
        }
    }
}

/// A DeltaX list: numbers, with `g N D` for N steps of D.
fn deltas(text: &str) -> Vec<f32> {
    let mut values = Vec::new();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        if values.len() >= MAX_DELTAS {
            break;
        }
        if word == "g" {
            let count: usize = words.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let step: f32 = words.next().and_then(|n| n.parse().ok()).unwrap_or(0.0);
            let room = MAX_DELTAS - values.len();
            values.extend(std::iter::repeat_n(step, count.min(room)));
        } else if let Ok(value) = word.parse() {
            values.push(value);
        }
    }
    values
}

fn numbers(text: &str) -> Vec<f32> {
    text.split_whitespace()
        .filter_map(|word| word.parse().ok())
        .collect()
}

/// A path inside the package: absolute (`/Doc_0/…`) or relative to `folder`.
fn package_path(folder: &str, location: &str) -> String {
    let location = location.trim().replace('\\', "/");
    match location.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None if folder.is_empty() => location,
        None => format!("{folder}/{location}"),
    }
}

/// The text of the first `name` element of an XML part.
fn first_text_of(xml: &[u8], name: &str, part: &str) -> Result<Option<String>, LoadError> {
    let mut reader = Reader::from_reader(xml);
    let mut buffer = Vec::new();
    let mut inside = false;
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|error| broken(&format!("{part}: {error}")))?;
        match &event {
            Event::Start(element) if element.local_name().as_ref() == name => inside = true,
            Event::Text(text) if inside => {
                return Ok(Some(text.xml10_content().into_owned()));
            }
            Event::End(_) => inside = false,
            Event::Eof => return Ok(None),
            _ => {}
        }
        buffer.clear();
    }
}

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

fn broken(reason: &str) -> LoadError {
    LoadError::Broken {
        format: FORMAT,
        reason: reason.chars().take(160).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delta_lists_expand_repeats() {
        assert_eq!(deltas("1 2 g 3 4.5 6"), vec![1.0, 2.0, 4.5, 4.5, 4.5, 6.0]);
        assert_eq!(deltas("g 99999999999 1").len(), MAX_DELTAS);
    }

    #[test]
    fn paths_inside_the_package() {
        assert_eq!(
            package_path("Doc_0", "Pages/Page_0/Content.xml"),
            "Doc_0/Pages/Page_0/Content.xml"
        );
        assert_eq!(
            package_path("Doc_0", "/Doc_0/Pages/P.xml"),
            "Doc_0/Pages/P.xml"
        );
        assert_eq!(package_path("", "Doc_0/Document.xml"), "Doc_0/Document.xml");
    }
}
