//! A one-line text field whose cursor is kept at a character boundary and
//! placed on screen by display width, so a Chinese input method's candidate
//! window opens at the caret.

use super::text::{char_width, width};

/// Text being typed, with the caret as a byte index at a character boundary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineInput {
    text: String,
    cursor: usize,
}

impl LineInput {
    /// A field holding `text`, caret at the end.
    pub fn with_text(text: &str) -> Self {
        Self {
            text: text.to_string(),
            cursor: text.len(),
        }
    }

    /// The text typed so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Inserts text at the caret (a typed character or a paste); line
    /// breaks and tabs become spaces.
    pub fn insert(&mut self, typed: &str) {
        let clean: String = typed
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        self.text.insert_str(self.cursor, &clean);
        self.cursor += clean.len();
    }

    /// Deletes the character before the caret.
    pub fn delete_back(&mut self) {
        if let Some(previous) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= previous.len_utf8();
            self.text.remove(self.cursor);
        }
    }

    /// Deletes the character at the caret.
    pub fn delete_forward(&mut self) {
        if self.cursor < self.text.len() {
            self.text.remove(self.cursor);
        }
    }

    /// Moves the caret one character left.
    pub fn left(&mut self) {
        if let Some(previous) = self.text[..self.cursor].chars().next_back() {
            self.cursor -= previous.len_utf8();
        }
    }

    /// Moves the caret one character right.
    pub fn right(&mut self) {
        if let Some(next) = self.text[self.cursor..].chars().next() {
            self.cursor += next.len_utf8();
        }
    }

    /// Moves the caret to the start.
    pub fn home(&mut self) {
        self.cursor = 0;
    }

    /// Moves the caret to the end.
    pub fn end(&mut self) {
        self.cursor = self.text.len();
    }

    /// The caret's column in cells from the start of the text.
    pub fn cursor_column(&self) -> usize {
        width(&self.text[..self.cursor])
    }

    /// The part of the text to show in `cells` columns, and the caret's column
    /// within it: the view scrolls so the caret stays visible.
    pub fn visible(&self, cells: usize) -> (String, usize) {
        let cells = cells.max(1);
        let caret = self.cursor_column();
        let mut skip = 0;
        if caret >= cells {
            skip = caret + 1 - cells;
        }
        let mut shown = String::new();
        let mut column = 0;
        let mut caret_in_view = 0;
        for (index, c) in self.text.char_indices() {
            let w = char_width(c);
            if column < skip {
                column += w;
                continue;
            }
            if index == self.cursor {
                caret_in_view = column - skip;
            }
            if column + w > skip + cells {
                break;
            }
            shown.push(c);
            column += w;
        }
        if self.cursor == self.text.len() {
            caret_in_view = width(&shown).min(cells - 1);
        }
        (shown, caret_in_view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caret_moves_by_characters_and_measures_by_width() {
        let mut input = LineInput::default();
        input.insert("中文");
        input.insert("ab");
        assert_eq!(input.cursor_column(), 6);
        input.left();
        input.left();
        input.left();
        assert_eq!(input.cursor_column(), 2);
        input.insert("x");
        assert_eq!(input.text(), "中x文ab");
        assert_eq!(input.cursor_column(), 3);
        input.delete_back();
        input.delete_forward();
        assert_eq!(input.text(), "中ab");
        input.home();
        input.delete_back();
        assert_eq!(input.text(), "中ab");
        input.end();
        input.right();
        assert_eq!(input.cursor_column(), 4);
    }

    #[test]
    fn pasted_line_breaks_become_spaces() {
        let mut input = LineInput::default();
        input.insert("人社\n局");
        assert_eq!(input.text(), "人社 局");
    }

    #[test]
    fn a_long_text_scrolls_to_keep_the_caret_visible() {
        let input = LineInput::with_text("一二三四五六七八");
        let (shown, caret) = input.visible(8);
        assert_eq!(shown, "六七八");
        assert_eq!(caret, 6);
        let (shown, caret) = LineInput::with_text("东院区").visible(20);
        assert_eq!(shown, "东院区");
        assert_eq!(caret, 6);
    }
}
