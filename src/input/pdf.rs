//! PDF text layers, read with lopdf: each page's content stream is run to
//! place its glyphs (fonts decoded through their ToUnicode maps or the
//! predefined Chinese CMaps), and the glyphs become lines in reading order
//! with running headers, footers and page numbers dropped and wrapped lines
//! joined into paragraphs. A PDF whose pages draw images but no text is a
//! scan: it needs OCR, which zeren does not do.

mod content;
mod fonts;

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{DecompressError, Dictionary, Document, LoadOptions, ObjectId};

use super::page_layout::{self as layout, Page};
use super::{Decoded, LoadError};
use fonts::Font;

const FORMAT: &str = "PDF";

/// One stream (a page's content, a font's ToUnicode map, an object stream)
/// inflates to at most this many bytes.
pub(super) const STREAM_LIMIT: usize = 64 * 1024 * 1024;

/// All pages' content together inflates to at most this many bytes.
const CONTENT_BUDGET: usize = 512 * 1024 * 1024;

/// At most this many glyphs are placed in one document.
const MAX_GLYPHS: usize = 20_000_000;

/// At most this many pages are read.
const MAX_PAGES: usize = 20_000;

/// How far into the file the `%PDF-` header may start.
const HEADER_SEARCH_BYTES: usize = 1024;

/// Reads the text layer of a PDF held in memory.
pub(crate) fn decode_pdf(bytes: &[u8]) -> Result<Decoded, LoadError> {
    if bytes.is_empty() {
        return Err(LoadError::Empty);
    }
    let head = bytes.get(..HEADER_SEARCH_BYTES).unwrap_or(bytes);
    if memchr::memmem::find(head, b"%PDF-").is_none() {
        return Err(LoadError::NotFormat {
            format: FORMAT,
            reason: "no %PDF- header".into(),
        });
    }
    let options = LoadOptions {
        max_decompressed_size: Some(STREAM_LIMIT),
        ..LoadOptions::default()
    };
    let document =
        Document::load_mem_with_options(bytes, options).map_err(|error| load_error(&error))?;
    let page_ids: Vec<ObjectId> = document.get_pages().into_values().collect();
    if page_ids.is_empty() {
        return Err(broken("no pages"));
    }
    let mut notes = Vec::new();
    if page_ids.len() > MAX_PAGES {
        notes.push(format!("only the first {MAX_PAGES} pages were read"));
    }
    let page_ids = &page_ids[..page_ids.len().min(MAX_PAGES)];
    let (unique, page_fonts) = collect_fonts(&document, page_ids);
    // Fonts with a ToUnicode map are read without their /Encoding, so that
    // lopdf decodes through the map.
    let plain: Vec<Dictionary> = unique
        .iter()
        .map(|font| {
            let mut copy = (*font).clone();
            if copy.has(b"ToUnicode") {
                copy.remove(b"Encoding");
            }
            copy
        })
        .collect();
    let fonts: Vec<Font<'_>> = unique
        .iter()
        .zip(&plain)
        .map(|(font, plain)| Font::new(&document, font, plain))
        .collect();
    let (pages, images, page_notes) = read_pages(&document, page_ids, &page_fonts, &fonts)?;
    notes.extend(page_notes);
    let glyphs: usize = pages.iter().map(|page| page.glyphs.len()).sum();
    if glyphs == 0 {
        return Err(if images > 0 || fonts.is_empty() {
            LoadError::NeedsOcr {
                pages: page_ids.len(),
            }
        } else {
            LoadError::NoText
        });
    }
    let text = layout::text(pages);
    if text.trim().is_empty() {
        return Err(LoadError::NoText);
    }
    Ok(Decoded {
        text,
        encoding: "UTF-8",
        notes,
    })
}

/// The distinct font dictionaries of the pages, and per page its font
/// resource names with their index among them.
type PageFonts = Vec<BTreeMap<Vec<u8>, usize>>;

fn collect_fonts<'a>(
    document: &'a Document,
    page_ids: &[ObjectId],
) -> (Vec<&'a Dictionary>, PageFonts) {
    let mut unique: Vec<&'a Dictionary> = Vec::new();
    let mut page_fonts = Vec::new();
    for page in page_ids {
        let mut names = BTreeMap::new();
        for (name, font) in document.get_page_fonts(*page).unwrap_or_default() {
            let index = match unique.iter().position(|seen| std::ptr::eq(*seen, font)) {
                Some(index) => index,
                None => {
                    unique.push(font);
                    unique.len() - 1
                }
            };
            names.insert(name, index);
        }
        page_fonts.push(names);
    }
    (unique, page_fonts)
}

/// Every page's glyphs, the number of images drawn, and notes.
fn read_pages(
    document: &Document,
    page_ids: &[ObjectId],
    page_fonts: &PageFonts,
    fonts: &[Font<'_>],
) -> Result<(Vec<Page>, usize, Vec<String>), LoadError> {
    let mut pages = Vec::new();
    let mut images = 0;
    let mut unreadable = 0;
    let mut content_left = CONTENT_BUDGET;
    let mut glyphs_left = MAX_GLYPHS;
    let empty = BTreeMap::new();
    for (index, page_id) in page_ids.iter().enumerate() {
        let limit = content_left.min(STREAM_LIMIT);
        let bytes = match document.get_page_content_with_limit(*page_id, limit) {
            Ok(bytes) => bytes,
            Err(lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(inflates_too_far());
            }
            Err(_) => {
                unreadable += 1;
                continue;
            }
        };
        content_left = content_left.saturating_sub(bytes.len());
        let Ok(content) = Content::decode(&bytes) else {
            unreadable += 1;
            continue;
        };
        let names = page_fonts.get(index).unwrap_or(&empty);
        let placed = content::run(&content.operations, names, fonts, &mut glyphs_left);
        images += placed.images;
        pages.push(Page {
            glyphs: placed.glyphs,
            rules: placed.rules,
            height: page_height(document, *page_id),
        });
    }
    let mut notes = Vec::new();
    if unreadable > 0 {
        notes.push(format!("{unreadable} page(s) could not be read"));
    }
    if glyphs_left == 0 {
        notes.push(format!("only the first {MAX_GLYPHS} characters were read"));
    }
    Ok((pages, images, notes))
}

/// The height of a page's MediaBox (inherited from its parents), or A4's.
fn page_height(document: &Document, page_id: ObjectId) -> f32 {
    let mut current = document.get_dictionary(page_id).ok();
    for _ in 0..32 {
        let Some(dictionary) = current else { break };
        if let Ok(lopdf::Object::Array(values)) = dictionary.get_deref(b"MediaBox", document) {
            let number = |index: usize| fonts::number(document, values.get(index));
            if let (Some(bottom), Some(top)) = (number(1), number(3)) {
                return (top - bottom).abs();
            }
        }
        current = dictionary
            .get_deref(b"Parent", document)
            .ok()
            .and_then(|parent| parent.as_dict().ok());
    }
    842.0
}

fn load_error(error: &lopdf::Error) -> LoadError {
    match error {
        lopdf::Error::Decompress(DecompressError::MemoryLimitExceeded { .. }) => inflates_too_far(),
        lopdf::Error::Decryption(_)
        | lopdf::Error::InvalidPassword
        | lopdf::Error::UnsupportedSecurityHandler(_) => LoadError::Encrypted(FORMAT),
        other => broken(&other.to_string()),
    }
}

fn inflates_too_far() -> LoadError {
    LoadError::TooLarge(format!(
        "a stream inflates to more than {} MB",
        STREAM_LIMIT / (1024 * 1024)
    ))
}

fn broken(reason: &str) -> LoadError {
    let first = reason.lines().next().unwrap_or_default();
    LoadError::Broken {
        format: FORMAT,
        reason: first.chars().take(120).collect(),
    }
}
