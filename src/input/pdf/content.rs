//! A page's content stream run for its text: the text and graphics state
//! operators that place glyphs (BT/ET, Tf, Td, TD, Tm, T*, TL, Tc, Tw, Tz,
//! Ts, Tj, TJ, ', ", q/Q, cm), giving each glyph's position and size on the
//! page. Images drawn are counted, to tell a scanned page.

use std::collections::BTreeMap;

use lopdf::content::Operation;
use lopdf::{Object, StringFormat};

use super::fonts::Font;
use crate::input::page_layout::PlacedGlyph;

/// `q` nests at most this deep; deeper saves are ignored.
const MAX_SAVE_DEPTH: usize = 256;

/// A 2D affine matrix `[a b c d e f]` as PDF writes it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f32; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other`: apply `self`, then `other`.
    fn then(self, other: Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn translated(self, x: f32, y: f32) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y]).then(self)
    }
}

/// The text state that `q`/`Q` save with the graphics state.
#[derive(Debug, Clone, Copy)]
struct TextState {
    font: Option<usize>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

impl Default for TextState {
    fn default() -> TextState {
        TextState {
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        }
    }
}

/// What one page's content holds.
#[derive(Debug, Default)]
pub(super) struct PageContent {
    pub glyphs: Vec<PlacedGlyph>,
    pub images: usize,
}

/// Runs a page's operations. `fonts` maps the page's font names to
/// `table`; at most `budget` glyphs are placed (it is counted down).
pub(super) fn run(
    operations: &[Operation],
    fonts: &BTreeMap<Vec<u8>, usize>,
    table: &[Font<'_>],
    budget: &mut usize,
) -> PageContent {
    let mut runner = Runner {
        fonts,
        table,
        budget,
        ctm: Matrix::IDENTITY,
        saved: Vec::new(),
        text: TextState::default(),
        matrix: Matrix::IDENTITY,
        line_matrix: Matrix::IDENTITY,
        page: PageContent::default(),
    };
    for operation in operations {
        runner.operation(operation);
        if *runner.budget == 0 {
            break;
        }
    }
    runner.page
}

struct Runner<'r, 'a> {
    fonts: &'r BTreeMap<Vec<u8>, usize>,
    table: &'r [Font<'a>],
    budget: &'r mut usize,
    ctm: Matrix,
    saved: Vec<(Matrix, TextState)>,
    text: TextState,
    matrix: Matrix,
    line_matrix: Matrix,
    page: PageContent,
}

impl Runner<'_, '_> {
    fn operation(&mut self, operation: &Operation) {
        let operands = &operation.operands;
        let number = |index: usize| operands.get(index).and_then(|o| o.as_float().ok());
        match operation.operator.as_str() {
            "q" if self.saved.len() < MAX_SAVE_DEPTH => self.saved.push((self.ctm, self.text)),
            "Q" => {
                if let Some((ctm, text)) = self.saved.pop() {
                    self.ctm = ctm;
                    self.text = text;
                }
            }
            "cm" => {
                if let Some(matrix) = matrix(operands) {
                    self.ctm = matrix.then(self.ctm);
                }
            }
            "BT" => {
                self.matrix = Matrix::IDENTITY;
                self.line_matrix = Matrix::IDENTITY;
            }
            "Tf" => {
                self.text.font = operands
                    .first()
                    .and_then(|name| name.as_name().ok())
                    .and_then(|name| self.fonts.get(name).copied());
                self.text.size = number(1).unwrap_or(0.0);
            }
            "Td" => self.next_line(number(0).unwrap_or(0.0), number(1).unwrap_or(0.0)),
            "TD" => {
                let y = number(1).unwrap_or(0.0);
                self.text.leading = -y;
                self.next_line(number(0).unwrap_or(0.0), y);
            }
            "Tm" => {
                if let Some(matrix) = matrix(operands) {
                    self.matrix = matrix;
                    self.line_matrix = matrix;
                }
            }
            "T*" => self.next_line(0.0, -self.text.leading),
            "TL" => self.text.leading = number(0).unwrap_or(0.0),
            "Tc" => self.text.char_spacing = number(0).unwrap_or(0.0),
            "Tw" => self.text.word_spacing = number(0).unwrap_or(0.0),
            "Tz" => self.text.scale = number(0).unwrap_or(100.0) / 100.0,
            "Ts" => self.text.rise = number(0).unwrap_or(0.0),
            "Tj" => self.show_operand(operands.first()),
            "'" => {
                self.next_line(0.0, -self.text.leading);
                self.show_operand(operands.first());
            }
            "\"" => {
                self.text.word_spacing = number(0).unwrap_or(0.0);
                self.text.char_spacing = number(1).unwrap_or(0.0);
                self.next_line(0.0, -self.text.leading);
                self.show_operand(operands.get(2));
            }
            "TJ" => {
                let Some(Object::Array(items)) = operands.first() else {
                    return;
                };
                for item in items {
                    match item {
                        Object::String(..) => self.show_operand(Some(item)),
                        other => {
                            let adjustment = other.as_float().unwrap_or(0.0);
                            let shift = -adjustment / 1000.0 * self.text.size * self.text.scale;
                            self.matrix = self.matrix.translated(shift, 0.0);
                        }
                    }
                }
            }
            "Do" | "BI" => self.page.images += 1,
            _ => {}
        }
    }

    fn next_line(&mut self, x: f32, y: f32) {
        self.line_matrix = self.line_matrix.translated(x, y);
        self.matrix = self.line_matrix;
    }

    fn show_operand(&mut self, operand: Option<&Object>) {
        if let Some(Object::String(bytes, StringFormat::Literal | StringFormat::Hexadecimal)) =
            operand
        {
            self.show(bytes);
        }
    }

    /// Places the glyphs of one string and moves the text matrix past them.
    fn show(&mut self, bytes: &[u8]) {
        let Some(font) = self.text.font.and_then(|index| self.table.get(index)) else {
            return;
        };
        let state = self.text;
        for glyph in font.glyphs(bytes) {
            let mut advance = glyph.width / 1000.0 * state.size + state.char_spacing;
            if glyph.is_space_code {
                advance += state.word_spacing;
            }
            advance *= state.scale;
            let placed = Matrix([
                state.size * state.scale,
                0.0,
                0.0,
                state.size,
                0.0,
                state.rise,
            ])
            .then(self.matrix)
            .then(self.ctm);
            let [a, b, c, d, x, y] = placed.0;
            let horizontal = (a * a + b * b).sqrt();
            let size = (c * c + d * d).sqrt();
            if !glyph.text.is_empty() && size.is_finite() && x.is_finite() && y.is_finite() {
                if *self.budget == 0 {
                    return;
                }
                *self.budget -= 1;
                let text_units = state.size * state.scale;
                let width = if text_units.abs() > f32::EPSILON {
                    advance / text_units * horizontal
                } else {
                    0.0
                };
                self.page.glyphs.push(PlacedGlyph {
                    x,
                    y,
                    width: width.max(0.0),
                    size,
                    text: glyph.text,
                });
            }
            self.matrix = self.matrix.translated(advance, 0.0);
        }
    }
}

/// Six numbers as a matrix.
fn matrix(operands: &[Object]) -> Option<Matrix> {
    let mut values = [0.0f32; 6];
    for (value, operand) in values.iter_mut().zip(operands) {
        *value = operand.as_float().ok()?;
    }
    (operands.len() >= 6).then_some(Matrix(values))
}
