//! Text the parser reads as one, made of pieces of a document's folded text
//! (a task continued over lines, a table cell broken over lines), with the way
//! back to how the document wrote each piece.

use std::borrow::Cow;

use crate::cjk::Folded;

/// Pieces of a document's folded text, joined.
#[derive(Debug, Clone, Default)]
pub struct Joined<'a> {
    /// The pieces joined; the one piece itself while there is only one (most
    /// tasks take one line).
    text: Cow<'a, str>,
    /// Where each piece starts in `text`, and the piece.
    parts: Vec<(usize, &'a str)>,
}

impl<'a> Joined<'a> {
    /// Adds a piece (a part of the document's folded text, or a literal
    /// such as a separator).
    pub fn push(&mut self, piece: &'a str) {
        self.parts.push((self.text.len(), piece));
        if self.parts.len() == 1 {
            self.text = Cow::Borrowed(piece);
        } else {
            self.text.to_mut().push_str(piece);
        }
    }

    /// The joined text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as written of `piece`, a part of [`Joined::text`] or of the
    /// document's folded text.
    pub fn written(&self, folded: &Folded, piece: &str) -> String {
        if let Cow::Borrowed(_) = self.text {
            // One piece or none: the text is the piece, a part of the
            // folded text or a literal, and maps back as `folded` says.
            return folded.written(piece).into_owned();
        }
        let base = self.text.as_ptr() as usize;
        let at = piece.as_ptr() as usize;
        if at < base || at + piece.len() > base + self.text.len() {
            return folded.written(piece).into_owned();
        }
        let (start, end) = (at - base, at - base + piece.len());
        let mut out = String::with_capacity(piece.len());
        for (index, (part_start, part)) in self.parts.iter().enumerate() {
            let part_end = self
                .parts
                .get(index + 1)
                .map_or(self.text.len(), |(next, _)| *next);
            let (from, to) = (start.max(*part_start), end.min(part_end));
            if from >= to {
                continue;
            }
            let slice = part
                .get(from - part_start..to - part_start)
                .unwrap_or_default();
            out.push_str(&folded.written(slice));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_pieces_of_several_lines_back() {
        let written = "市政\n府辦\n公廳";
        let folded = Folded::new(written);
        let lines: Vec<&str> = folded.view().split('\n').collect();
        let mut joined = Joined::default();
        for line in &lines {
            joined.push(line);
        }
        assert_eq!(joined.text(), "市政府办公厅");
        assert_eq!(joined.written(&folded, joined.text()), "市政府辦公廳");
        let tail = &joined.text()["市政府".len()..];
        assert_eq!(joined.written(&folded, tail), "辦公廳");
        assert_eq!(joined.written(&folded, lines[0]), "市政");
    }

    #[test]
    fn literal_pieces_are_their_own_text() {
        let folded = Folded::new("甲");
        let mut joined = Joined::default();
        joined.push(folded.view());
        joined.push("、");
        assert_eq!(joined.written(&folded, joined.text()), "甲、");
    }
}
