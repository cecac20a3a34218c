//! Which paragraph marks of a Word 97 document lie in tables and which end
//! table rows: the paragraph properties (PAPX) in the FKP pages that the
//! PlcBtePapx of the table stream points to, read for the sprms
//! sprmPFInTable, sprmPFTtp and sprmPItap.

use super::{read_u16, read_u32};

/// The size of an FKP page.
const PAGE_BYTES: usize = 512;

/// sprmPFInTable, sprmPFTtp, sprmPItap and sprmPFInnerTtp.
const SPRM_IN_TABLE: u16 = 0x2416;
const SPRM_ROW_END: u16 = 0x2417;
const SPRM_TABLE_DEPTH: u16 = 0x6649;
const SPRM_INNER_ROW_END: u16 = 0x244C;
/// sprmTDefTable, whose operand size is a 2-byte count, and sprmTVertMerge.
const SPRM_DEFINE_TABLE: u16 = 0xD608;
const SPRM_VERTICAL_MERGE: u16 = 0xD62B;

/// Cells per row whose vertical merge is noted (a bit each).
const MERGE_BITS: u8 = 64;

/// At most this many FKP pages are read (each covers many paragraphs).
const MAX_PAGES: usize = 1 << 20;

/// What a paragraph or cell mark ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum MarkKind {
    /// A paragraph outside tables.
    Paragraph,
    /// A paragraph or cell inside a table.
    InTable,
    /// A table row; bit `i` set when cell `i` continues the cell above
    /// (sprmTVertMerge).
    RowEnd(u64),
}

/// The paragraph runs of the document: where each ends in the stream, and
/// what kind of mark ends it.
#[derive(Debug, Default)]
pub(super) struct ParagraphMarks {
    /// (end position, kind), sorted by position.
    runs: Vec<(u32, MarkKind)>,
}

impl ParagraphMarks {
    /// Reads the FKP pages. Pages that cannot be read are left out; their
    /// paragraphs count as outside tables.
    pub(super) fn read(word: &[u8], table: &[u8], fib_offset: usize) -> ParagraphMarks {
        let fc = read_u32(word, fib_offset).unwrap_or(0) as usize;
        let length = read_u32(word, fib_offset + 4).unwrap_or(0) as usize;
        let Some(plc) = table.get(fc..fc.saturating_add(length)) else {
            return ParagraphMarks::default();
        };
        let count = (length.saturating_sub(4) / 8).min(MAX_PAGES);
        let mut runs = Vec::new();
        for index in 0..count {
            let entry = (count + 1) * 4 + index * 4;
            let page_number = read_u32(plc, entry).unwrap_or(0) & 0x003F_FFFF;
            let start = page_number as usize * PAGE_BYTES;
            if let Some(page) = word.get(start..start + PAGE_BYTES) {
                read_page(page, &mut runs);
            }
        }
        runs.sort_by_key(|(end, _)| *end);
        ParagraphMarks { runs }
    }

    /// What the mark at stream position `fc` ends.
    pub(super) fn at(&self, fc: u32) -> MarkKind {
        let index = self.runs.partition_point(|(end, _)| *end <= fc);
        self.runs
            .get(index)
            .map_or(MarkKind::Paragraph, |(_, kind)| *kind)
    }
}

/// The runs of one FKP page: `crun` at its last byte, then `crun + 1`
/// positions, then `crun` entries of 13 bytes pointing at each PAPX.
fn read_page(page: &[u8], runs: &mut Vec<(u32, MarkKind)>) {
    let run_count = usize::from(page[PAGE_BYTES - 1]);
    for run in 0..run_count {
        let Some(end) = read_u32(page, (run + 1) * 4) else {
            return;
        };
        let entry = (run_count + 1) * 4 + run * 13;
        let offset = usize::from(page.get(entry).copied().unwrap_or(0)) * 2;
        let kind = if offset == 0 {
            MarkKind::Paragraph
        } else {
            papx_kind(page, offset)
        };
        runs.push((end, kind));
    }
}

/// The cells that continue the cell above, from sprmTDefTable's operand
/// (after its size): `itcMac`, `itcMac + 1` cell edges, then a 20-byte TC80
/// per cell whose first two bytes hold `vertMerge` in bits 5–6 (1: merged
/// with the cell above).
fn merged_cells(properties: &[u8], start: usize) -> u64 {
    let count = properties.get(start).copied().unwrap_or(0);
    let cells = start + 1 + (usize::from(count) + 1) * 2;
    let mut continued = 0u64;
    for cell in 0..count.min(MERGE_BITS) {
        let flags = read_u16(properties, cells + usize::from(cell) * 20).unwrap_or(0);
        if (flags >> 5) & 0b11 == 1 {
            continued |= 1 << cell;
        }
    }
    continued
}

/// Reads the sprms of the PAPX at `offset` in the page.
fn papx_kind(page: &[u8], offset: usize) -> MarkKind {
    let Some(&size_byte) = page.get(offset) else {
        return MarkKind::Paragraph;
    };
    let (start, size) = if size_byte == 0 {
        let size = usize::from(page.get(offset + 1).copied().unwrap_or(0)) * 2;
        (offset + 2, size)
    } else {
        (offset + 1, usize::from(size_byte) * 2 - 1)
    };
    let end = start.saturating_add(size).min(page.len());
    let Some(properties) = page.get(start..end) else {
        return MarkKind::Paragraph;
    };
    // The style index (2 bytes), then the sprms.
    let mut position = 2;
    let mut in_table = false;
    let mut depth = 1u32;
    let mut row_end = false;
    let mut inner_row_end = false;
    let mut continued = 0u64;
    while let Some(sprm) = read_u16(properties, position) {
        let operand = position + 2;
        let operand_size = match sprm >> 13 {
            _ if sprm == SPRM_DEFINE_TABLE => {
                usize::from(read_u16(properties, operand).unwrap_or(0)) + 1
            }
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ => usize::from(properties.get(operand).copied().unwrap_or(0)) + 1,
        };
        let value = properties.get(operand).copied().unwrap_or(0);
        match sprm {
            SPRM_DEFINE_TABLE => continued |= merged_cells(properties, operand + 2),
            SPRM_VERTICAL_MERGE => {
                let cell = properties.get(operand + 1).copied().unwrap_or(MERGE_BITS);
                let merge = properties.get(operand + 2).copied().unwrap_or(0);
                if merge == 1 && cell < MERGE_BITS {
                    continued |= 1 << cell;
                }
            }
            SPRM_IN_TABLE => in_table = value != 0,
            SPRM_ROW_END => row_end = value != 0,
            SPRM_INNER_ROW_END => inner_row_end = value != 0,
            SPRM_TABLE_DEPTH => depth = read_u32(properties, operand).unwrap_or(1),
            _ => {}
        }
        position = operand + operand_size;
    }
    if (row_end && depth <= 1) || (inner_row_end && depth == 1) {
        MarkKind::RowEnd(continued)
    } else if in_table || depth > 1 || row_end || inner_row_end {
        MarkKind::InTable
    } else {
        MarkKind::Paragraph
    }
}
