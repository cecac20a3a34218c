//! A first pass over an OpenDocument spreadsheet's `content.xml`: the merged
//! cells, which calamine does not report (`table:number-rows-spanned` and
//! `table:number-columns-spanned`, per sheet), and the extent of the filled
//! cells, so that a sheet whose repeated rows and columns would unfold into
//! millions of cells is refused before calamine unfolds them.

use std::collections::BTreeMap;

use calamine::Dimensions;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::input::LoadError;

/// The filled cells' extent (rows × columns, over all sheets) at most.
const MAX_EXTENT: u64 = 4_000_000;
use crate::input::limits::{open_zip, read_zip_part};

/// Merged blocks per sheet name.
pub(super) fn merges(bytes: &[u8]) -> Result<BTreeMap<String, Vec<Dimensions>>, LoadError> {
    let mut archive = open_zip(bytes, "spreadsheet")?;
    let Some(content) = read_zip_part(&mut archive, "content.xml", "spreadsheet")? else {
        return Ok(BTreeMap::new());
    };
    let mut reader = Reader::from_reader(content.as_slice());
    let mut found: BTreeMap<String, Vec<Dimensions>> = BTreeMap::new();
    let mut sheet: Option<String> = None;
    let (mut row, mut column) = (0u32, 0u32);
    let mut row_repeat = 1u32;
    let mut extent: u64 = 0;
    let (mut last_row, mut last_column) = (0u64, 0u64);
    let mut buffer = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buffer)
            .map_err(|error| LoadError::Broken {
                format: "spreadsheet",
                reason: format!("content.xml: {error}"),
            })?;
        let (element, empty) = match &event {
            Event::Start(element) => (element, false),
            Event::Empty(element) => (element, true),
            Event::End(element) => {
                if element.local_name().as_ref() == "table-row" {
                    row = row.saturating_add(row_repeat);
                }
                buffer.clear();
                continue;
            }
            Event::Eof => break,
            _ => {
                buffer.clear();
                continue;
            }
        };
        match element.local_name().as_ref() {
            "table" => {
                extent = extent.saturating_add((last_row + 1) * (last_column + 1));
                (last_row, last_column) = (0, 0);
                sheet = attribute(element, "name");
                row = 0;
            }
            "table-row" => {
                column = 0;
                row_repeat = number(element, "number-rows-repeated").unwrap_or(1).max(1);
                if empty {
                    row = row.saturating_add(row_repeat);
                }
            }
            "table-cell" | "covered-table-cell" => {
                let rows = number(element, "number-rows-spanned").unwrap_or(1);
                let columns = number(element, "number-columns-spanned").unwrap_or(1);
                if (rows > 1 || columns > 1)
                    && let Some(name) = &sheet
                {
                    found.entry(name.clone()).or_default().push(Dimensions {
                        start: (row, column),
                        end: (
                            row.saturating_add(rows - 1),
                            column.saturating_add(columns - 1),
                        ),
                    });
                }
                let repeat = number(element, "number-columns-repeated")
                    .unwrap_or(1)
                    .max(1);
                let has_value = element
                    .attributes()
                    .filter_map(Result::ok)
                    .any(|attribute| attribute.key.local_name().as_ref() == "value-type");
                if !empty || has_value {
                    last_row = last_row.max(u64::from(row) + u64::from(row_repeat) - 1);
                    last_column = last_column.max(u64::from(column) + u64::from(repeat) - 1);
                }
                column = column.saturating_add(repeat);
            }
            _ => {}
        }
        buffer.clear();
    }
    extent = extent.saturating_add((last_row + 1) * (last_column + 1));
    if extent > MAX_EXTENT {
        return Err(LoadError::TooLarge(format!(
            "its sheets span more than {MAX_EXTENT} cells"
        )));
    }
    Ok(found)
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

fn number(element: &BytesStart<'_>, name: &str) -> Option<u32> {
    attribute(element, name)?.trim().parse().ok()
}
