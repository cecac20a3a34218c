//! The body of a Word document (`word/document.xml`) as lines: one per
//! paragraph, one per table row with `\t` between cells.

use quick_xml::Reader;
use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::numbering::Numbering;
use super::{DOCUMENT_PART, number_attribute, value_attribute, xml_error};
use crate::input::LoadError;
use crate::input::table::{Cell, MAX_TABLE_DEPTH, Table};

/// Elements whose content is not the document's current text: deleted or
/// moved-away revisions, earlier versions of changed properties, and the
/// fallback copy of drawings (the same text box again).
const HIDDEN_ELEMENTS: [&str; 10] = [
    "del",
    "moveFrom",
    "Fallback",
    "pPrChange",
    "rPrChange",
    "tblPrChange",
    "trPrChange",
    "tcPrChange",
    "sectPrChange",
    "numberingChange",
];

/// The text of `word/document.xml`, each line ending in `\n`.
pub(super) fn document_text(xml: &str, numbering: Numbering) -> Result<String, LoadError> {
    let mut reader = Reader::from_str(xml);
    let mut body = Body::new(numbering);
    loop {
        let event = reader
            .read_event()
            .map_err(|error| xml_error(DOCUMENT_PART, &reader, &error))?;
        match event {
            Event::Eof => break,
            event => body.event(event),
        }
    }
    Ok(body.finish())
}

/// A paragraph being read.
#[derive(Debug, Default)]
struct Paragraph {
    text: String,
    /// `w:numId` from its properties.
    list: Option<u32>,
    /// `w:ilvl` from its properties.
    level: Option<u32>,
    /// `w:pStyle` from its properties.
    style: Option<String>,
}

/// A table being read, with its open row and cell.
#[derive(Debug, Default)]
struct TableBuilder {
    table: Table,
    row: Option<Vec<Cell>>,
    /// Empty grid columns to add at the end of the open row.
    columns_after: usize,
    cell: Option<Cell>,
}

/// The state of the walk through the body.
#[derive(Debug)]
struct Body {
    numbering: Numbering,
    lines: Vec<String>,
    /// Open paragraphs: more than one inside a text box.
    paragraphs: Vec<Paragraph>,
    tables: Vec<TableBuilder>,
    /// Depth inside `w:r` runs.
    runs: usize,
    /// Inside `w:t`.
    in_text: bool,
    /// Inside paragraph properties (`w:pPr`).
    in_paragraph_properties: bool,
    /// Depth inside a hidden element, 0 when not in one.
    hidden: usize,
    /// Open tables nested too deep to be read as tables; their paragraphs
    /// go to the cell holding them.
    ignored_tables: usize,
}

impl Body {
    fn new(numbering: Numbering) -> Body {
        Body {
            numbering,
            lines: Vec::new(),
            paragraphs: Vec::new(),
            tables: Vec::new(),
            runs: 0,
            in_text: false,
            in_paragraph_properties: false,
            hidden: 0,
            ignored_tables: 0,
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if self.hidden > 0 {
            self.hidden_event(&event);
            return;
        }
        match event {
            Event::Start(element) => self.start(&element),
            Event::Empty(element) => {
                self.start(&element);
                self.end(element.local_name().as_ref());
            }
            Event::End(element) => self.end(element.local_name().as_ref()),
            Event::Text(text) if self.in_text => self.push_text(&text.xml10_content()),
            Event::CData(text) if self.in_text => self.push_text(&text.xml10_content()),
            Event::GeneralRef(reference) if self.in_text => self.push_reference(&reference),
            _ => {}
        }
    }

    /// Counts nesting inside a hidden element until it closes.
    fn hidden_event(&mut self, event: &Event<'_>) {
        match event {
            Event::Start(_) => self.hidden += 1,
            Event::End(_) => self.hidden -= 1,
            _ => {}
        }
    }

    fn start(&mut self, element: &BytesStart<'_>) {
        let name = element.local_name();
        match name.as_ref() {
            name if HIDDEN_ELEMENTS.contains(&name) => self.hidden = 1,
            "p" => self.paragraphs.push(Paragraph::default()),
            "pPr" => self.in_paragraph_properties = true,
            "numId" | "ilvl" | "pStyle" => self.paragraph_property(name.as_ref(), element),
            "r" => self.runs += 1,
            "t" => self.in_text = self.runs > 0,
            "tab" | "ptab" if self.runs > 0 => self.push_text("\t"),
            "br" | "cr" if self.runs > 0 => self.push_text("\n"),
            "noBreakHyphen" if self.runs > 0 => self.push_text("-"),
            "tbl" if self.ignored_tables > 0 || self.tables.len() >= MAX_TABLE_DEPTH => {
                self.ignored_tables += 1;
            }
            "tr" | "tc" | "gridBefore" | "gridAfter" | "gridSpan" | "vMerge"
                if self.ignored_tables > 0 => {}
            "tbl" => self.begin_table(),
            "tr" => self.begin_row(),
            "gridBefore" => self.add_empty_cells(number_attribute(element)),
            "gridAfter" => self.set_columns_after(number_attribute(element)),
            "tc" => self.begin_cell(),
            "gridSpan" => self.set_column_span(number_attribute(element)),
            "vMerge" => self.set_vertical_merge(value_attribute(element)),
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        match name {
            name if HIDDEN_ELEMENTS.contains(&name) => self.hidden = 0,
            "p" => self.end_paragraph(),
            "pPr" => self.end_paragraph_properties(),
            "r" => self.runs = self.runs.saturating_sub(1),
            "t" => self.in_text = false,
            "tbl" if self.ignored_tables > 0 => self.ignored_tables -= 1,
            "tc" | "tr" if self.ignored_tables > 0 => {}
            "tc" => self.end_cell(),
            "tr" => self.end_row(),
            "tbl" => self.end_table(),
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str) {
        if let Some(paragraph) = self.paragraphs.last_mut() {
            paragraph.text.push_str(text);
        }
    }

    /// `&amp;`, `&#12289;` and the like inside `w:t`.
    fn push_reference(&mut self, reference: &BytesRef<'_>) {
        match reference.resolve_char_ref() {
            Ok(Some(character)) => self.push_text(character.encode_utf8(&mut [0; 4])),
            Ok(None) => {
                if let Some(text) = resolve_xml_entity(reference) {
                    self.push_text(text);
                }
            }
            Err(_) => {}
        }
    }

    /// Notes the list and style of the open paragraph.
    fn paragraph_property(&mut self, name: &str, element: &BytesStart<'_>) {
        if !self.in_paragraph_properties {
            return;
        }
        let Some(paragraph) = self.paragraphs.last_mut() else {
            return;
        };
        match name {
            "numId" => paragraph.list = number_attribute(element),
            "ilvl" => paragraph.level = number_attribute(element),
            _ => paragraph.style = value_attribute(element),
        }
    }

    /// Once a paragraph's properties are known, writes its list number.
    fn end_paragraph_properties(&mut self) {
        self.in_paragraph_properties = false;
        let Some(paragraph) = self.paragraphs.last_mut() else {
            return;
        };
        let label =
            self.numbering
                .label(paragraph.list, paragraph.level, paragraph.style.as_deref());
        if let Some(label) = label {
            paragraph.text.insert_str(0, &label);
        }
    }

    fn end_paragraph(&mut self) {
        if let Some(paragraph) = self.paragraphs.pop() {
            let lines = paragraph.text.split('\n').map(str::trim_end);
            let lines: Vec<String> = lines
                .filter(|line| !line.trim().is_empty())
                .map(String::from)
                .collect();
            self.emit(lines);
        }
    }

    /// Adds finished lines to the open cell, or to the document.
    fn emit(&mut self, lines: Vec<String>) {
        match self.tables.last_mut() {
            Some(TableBuilder {
                cell: Some(cell), ..
            }) => cell.lines.extend(lines),
            _ => self.lines.extend(lines),
        }
    }

    fn begin_table(&mut self) {
        if let Some(TableBuilder {
            cell: Some(cell), ..
        }) = self.tables.last_mut()
        {
            cell.has_table = true;
        }
        self.tables.push(TableBuilder::default());
    }

    fn begin_row(&mut self) {
        self.end_row();
        if let Some(builder) = self.tables.last_mut() {
            builder.row = Some(Vec::new());
        }
    }

    /// `w:gridBefore`: the row starts with empty grid columns.
    fn add_empty_cells(&mut self, count: Option<u32>) {
        let Some(builder) = self.tables.last_mut() else {
            return;
        };
        let Some(row) = builder.row.as_mut() else {
            return;
        };
        if let Some(count) = count.filter(|count| *count > 0) {
            let mut cell = Cell::new();
            cell.set_column_span(count as usize);
            row.push(cell);
        }
    }

    /// `w:gridAfter`: the row ends with empty grid columns.
    fn set_columns_after(&mut self, count: Option<u32>) {
        if let Some(builder) = self.tables.last_mut() {
            builder.columns_after = count.unwrap_or(0) as usize;
        }
    }

    fn begin_cell(&mut self) {
        self.end_cell();
        let Some(builder) = self.tables.last_mut() else {
            return;
        };
        builder.row.get_or_insert_with(Vec::new);
        builder.cell = Some(Cell::new());
    }

    fn set_column_span(&mut self, span: Option<u32>) {
        if let Some(cell) = self.open_cell() {
            cell.set_column_span(span.unwrap_or(1) as usize);
        }
    }

    /// `w:vMerge` without `w:val="restart"` continues the cell above.
    fn set_vertical_merge(&mut self, value: Option<String>) {
        if let Some(cell) = self.open_cell() {
            cell.continues_above = value.as_deref() != Some("restart");
        }
    }

    fn open_cell(&mut self) -> Option<&mut Cell> {
        self.tables.last_mut()?.cell.as_mut()
    }

    fn end_cell(&mut self) {
        let Some(builder) = self.tables.last_mut() else {
            return;
        };
        let Some(cell) = builder.cell.take() else {
            return;
        };
        builder.row.get_or_insert_with(Vec::new).push(cell);
    }

    fn end_row(&mut self) {
        self.end_cell();
        let Some(builder) = self.tables.last_mut() else {
            return;
        };
        let Some(mut row) = builder.row.take() else {
            return;
        };
        if builder.columns_after > 0 {
            let mut filler = Cell::new();
            filler.set_column_span(builder.columns_after);
            row.push(filler);
            builder.columns_after = 0;
        }
        builder.table.rows.push(row);
    }

    fn end_table(&mut self) {
        self.end_row();
        if let Some(builder) = self.tables.pop() {
            let lines = builder.table.into_lines();
            self.emit(lines);
        }
    }

    fn finish(mut self) -> String {
        while !self.paragraphs.is_empty() {
            self.end_paragraph();
        }
        while !self.tables.is_empty() {
            self.end_table();
        }
        let mut text = String::new();
        for line in self.lines {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(inner: &str) -> String {
        let xml = format!(
            "<w:document xmlns:w=\"w\" xmlns:mc=\"mc\"><w:body>{inner}<w:sectPr/></w:body></w:document>"
        );
        match document_text(&xml, Numbering::default()) {
            Ok(text) => text,
            Err(error) => panic!("{error}"),
        }
    }

    fn paragraph(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn cell(inner: &str, properties: &str) -> String {
        format!("<w:tc><w:tcPr><w:tcW w:w=\"1\"/>{properties}</w:tcPr>{inner}</w:tc>")
    }

    #[test]
    fn runs_tabs_breaks_and_entities() {
        let xml = "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"1\"/></w:tabs></w:pPr>\
                   <w:r><w:t>a</w:t><w:tab/><w:t>b&amp;c&#12289;</w:t><w:br/><w:t>d</w:t><w:noBreakHyphen/><w:t>e</w:t></w:r></w:p>";
        assert_eq!(text(xml), "a\tb&c、\nd-e\n");
    }

    #[test]
    fn deleted_text_field_codes_and_fallbacks_are_left_out() {
        let xml = "<w:p><w:r><w:t>保留</w:t></w:r><w:del><w:r><w:delText>删除</w:delText></w:r></w:del>\
                   <w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom>\
                   <w:r><w:instrText>PAGE</w:instrText></w:r>\
                   <w:r><mc:AlternateContent><mc:Choice><w:p><w:r><w:t>框</w:t></w:r></w:p></mc:Choice>\
                   <mc:Fallback><w:p><w:r><w:t>框</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent></w:r></w:p>";
        assert_eq!(text(xml), "框\n保留\n");
    }

    #[test]
    fn table_rows_with_merged_cells() {
        let header = format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(&paragraph("序号"), ""),
            cell(&paragraph("任务"), ""),
            cell(&paragraph("牵头单位"), "")
        );
        let first = format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(&paragraph("1"), ""),
            cell(&format!("{}{}", paragraph("推进"), paragraph("项目")), ""),
            cell(&paragraph("市文旅局"), "<w:vMerge w:val=\"restart\"/>")
        );
        let second = format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(&paragraph("2"), ""),
            cell(&paragraph("建设"), ""),
            cell("<w:p/>", "<w:vMerge/>")
        );
        let spanning = format!(
            "<w:tr>{}</w:tr>",
            cell(&paragraph("二、其他"), "<w:gridSpan w:val=\"3\"/>")
        );
        let xml = format!(
            "{}<w:tbl><w:tblPr/><w:tblGrid/>{header}{first}{second}{spanning}</w:tbl>{}",
            paragraph("表"),
            paragraph("后")
        );
        assert_eq!(
            text(&xml),
            "表\n序号\t任务\t牵头单位\n1\t推进 项目\t市文旅局\n2\t建设\t市文旅局\n二、其他\t\t\n后\n"
        );
    }

    #[test]
    fn grid_before_and_after_keep_columns() {
        let row = format!(
            "<w:tr><w:trPr><w:gridBefore w:val=\"1\"/><w:gridAfter w:val=\"1\"/></w:trPr>{}</w:tr>",
            cell(&paragraph("x"), "")
        );
        let full = format!(
            "<w:tr>{}{}{}</w:tr>",
            cell(&paragraph("a"), ""),
            cell(&paragraph("b"), ""),
            cell(&paragraph("c"), "")
        );
        assert_eq!(
            text(&format!("<w:tbl>{full}{row}</w:tbl>")),
            "a\tb\tc\n\tx\t\n"
        );
    }

    #[test]
    fn changed_cell_properties_do_not_count() {
        let row_one = format!(
            "<w:tr>{}{}</w:tr>",
            cell(&paragraph("1"), ""),
            cell(&paragraph("甲"), "")
        );
        let row_two = format!(
            "<w:tr>{}{}</w:tr>",
            cell(&paragraph("2"), ""),
            cell(
                &paragraph("乙"),
                "<w:tcPrChange><w:tcPr><w:vMerge/></w:tcPr></w:tcPrChange>"
            )
        );
        assert_eq!(
            text(&format!("<w:tbl>{row_one}{row_two}</w:tbl>")),
            "1\t甲\n2\t乙\n"
        );
    }

    #[test]
    fn tables_nested_too_deep_are_read_into_their_cell() {
        let depth = MAX_TABLE_DEPTH + 3;
        let open = format!("<w:tbl><w:tr><w:tc>{}", paragraph("x"));
        let xml = format!(
            "{}{}",
            open.repeat(depth),
            "</w:tc></w:tr></w:tbl>".repeat(depth)
        );
        assert_eq!(text(&xml), "x\n".repeat(depth));
    }

    #[test]
    fn tabs_inside_cells_do_not_add_columns() {
        let row = format!(
            "<w:tr>{}{}</w:tr>",
            cell("<w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t></w:r></w:p>", ""),
            cell(&paragraph("c"), "")
        );
        assert_eq!(text(&format!("<w:tbl>{row}</w:tbl>")), "a b\tc\n");
    }
}
