//! Plain-text tables aligned by display width, so Chinese text lines up.

use unicode_width::UnicodeWidthStr;

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Renders `rows` under `headers`, columns separated by two spaces.
pub fn render(headers: &[&str], align: &[Align], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (index, cell) in row.iter().enumerate() {
            if let Some(width) = widths.get_mut(index) {
                *width = (*width).max(cell.width());
            }
        }
    }
    let mut out = String::new();
    let header_cells: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
    push_row(&mut out, &header_cells, &widths, align);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    push_row(&mut out, &rule, &widths, align);
    for row in rows {
        push_row(&mut out, row, &widths, align);
    }
    out
}

fn push_row(out: &mut String, cells: &[String], widths: &[usize], align: &[Align]) {
    let mut line = String::new();
    for (index, cell) in cells.iter().enumerate() {
        let width = widths.get(index).copied().unwrap_or(0);
        let padding = " ".repeat(width.saturating_sub(cell.width()));
        if index > 0 {
            line.push_str("  ");
        }
        match align.get(index).copied().unwrap_or(Align::Left) {
            Align::Left => {
                line.push_str(cell);
                line.push_str(&padding);
            }
            Align::Right => {
                line.push_str(&padding);
                line.push_str(cell);
            }
        }
    }
    out.push_str(line.trim_end());
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_chinese_by_display_width() {
        let table = render(
            &["city", "tasks"],
            &[Align::Left, Align::Right],
            &[
                vec!["济源市".to_string(), "143".to_string()],
                vec!["x".to_string(), "5".to_string()],
            ],
        );
        assert_eq!(
            table,
            "city    tasks\n------  -----\n济源市    143\nx           5\n"
        );
    }
}
