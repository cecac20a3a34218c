//! A page's content stream run for its text: the text and graphics state
//! operators that place glyphs (BT/ET, Tf, Td, TD, Tm, T*, TL, Tc, Tw, Tz,
//! Ts, Tj, TJ, ', ", q/Q, cm), giving each glyph's position and size on the
//! page. Images drawn are counted, to tell a scanned page.

use std::collections::BTreeMap;

use lopdf::content::Operation;
use lopdf::{Object, StringFormat};

use super::fonts::Font;
use crate::input::page_layout::{PlacedGlyph, Rule};

/// `q` nests at most this deep; deeper saves are ignored.
const MAX_SAVE_DEPTH: usize = 256;

/// A page keeps at most this many ruling lines.
const MAX_RULES: usize = 100_000;

/// A filled rectangle thinner than this is a line.
const THIN: f32 = 2.0;

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
    /// Horizontal and vertical lines drawn (table borders).
    pub rules: Vec<Rule>,
    pub images: usize,
}

/// A path being built: its straight segments and rectangles, in page space.
#[derive(Debug, Default)]
struct Path {
    segments: Vec<((f32, f32), (f32, f32))>,
    rectangles: Vec<((f32, f32), (f32, f32))>,
    start: (f32, f32),
    current: (f32, f32),
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
        path: Path::default(),
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
    path: Path,
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
            "m" => {
                let point = self.point(number(0), number(1));
                self.path.start = point;
                self.path.current = point;
            }
            "l" => {
                let point = self.point(number(0), number(1));
                self.path.segments.push((self.path.current, point));
                self.path.current = point;
            }
            "h" => self
                .path
                .segments
                .push((self.path.current, self.path.start)),
            "re" => {
                let (x, y) = (number(0).unwrap_or(0.0), number(1).unwrap_or(0.0));
                let (width, height) = (number(2).unwrap_or(0.0), number(3).unwrap_or(0.0));
                let corner = self.point(Some(x), Some(y));
                let opposite = self.point(Some(x + width), Some(y + height));
                self.path.rectangles.push((corner, opposite));
            }
            "S" | "s" => self.paint(true, false),
            "f" | "F" | "f*" => self.paint(false, true),
            "B" | "B*" | "b" | "b*" => self.paint(true, true),
            "n" => self.path = Path::default(),
            _ => {}
        }
    }

    /// A point of a path in page space.
    fn point(&self, x: Option<f32>, y: Option<f32>) -> (f32, f32) {
        let [a, b, c, d, e, f] = self.ctm.0;
        let (x, y) = (x.unwrap_or(0.0), y.unwrap_or(0.0));
        (a * x + c * y + e, b * x + d * y + f)
    }

    /// Keeps the horizontal and vertical lines of the painted path: stroked
    /// segments and rectangle edges, and filled rectangles thin enough to
    /// be lines.
    fn paint(&mut self, stroked: bool, filled: bool) {
        let path = std::mem::take(&mut self.path);
        let mut lines = Vec::new();
        if stroked {
            lines.extend(path.segments.iter().copied());
            for ((x0, y0), (x1, y1)) in &path.rectangles {
                lines.push(((*x0, *y0), (*x1, *y0)));
                lines.push(((*x0, *y1), (*x1, *y1)));
                lines.push(((*x0, *y0), (*x0, *y1)));
                lines.push(((*x1, *y0), (*x1, *y1)));
            }
        } else if filled {
            for ((x0, y0), (x1, y1)) in &path.rectangles {
                if (y1 - y0).abs() < THIN {
                    let y = (y0 + y1) / 2.0;
                    lines.push(((*x0, y), (*x1, y)));
                } else if (x1 - x0).abs() < THIN {
                    let x = (x0 + x1) / 2.0;
                    lines.push(((x, *y0), (x, *y1)));
                }
            }
        }
        for ((x0, y0), (x1, y1)) in lines {
            if self.page.rules.len() >= MAX_RULES {
                return;
            }
            let rule = if (y1 - y0).abs() < 0.5 && (x1 - x0).abs() >= THIN {
                Rule {
                    horizontal: true,
                    position: y0,
                    from: x0.min(x1),
                    to: x0.max(x1),
                }
            } else if (x1 - x0).abs() < 0.5 && (y1 - y0).abs() >= THIN {
                Rule {
                    horizontal: false,
                    position: x0,
                    from: y0.min(y1),
                    to: y0.max(y1),
                }
            } else {
                continue;
            };
            self.page.rules.push(rule);
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
