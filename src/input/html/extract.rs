//! The visible body text of a page in reading order: block elements start
//! new lines, tables become `\t`-separated rows, and scripts, styles, the
//! head and navigation chrome are left out.

use std::borrow::Cow;

use html5ever::Attribute;

use super::tree::{NodeData, NodeId, Tree};
use crate::input::table::{Cell, MAX_TABLE_DEPTH, Table};

/// Elements that start and end a line.
const BLOCK_ELEMENTS: [&str; 33] = [
    "address",
    "article",
    "blockquote",
    "body",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "ol",
    "p",
    "section",
    "summary",
    "ul",
];

/// Elements that never hold content, so are never open.
const VOID_ELEMENTS: [&str; 16] = [
    "area", "base", "basefont", "br", "col", "embed", "hr", "img", "input", "keygen", "link",
    "meta", "param", "source", "track", "wbr",
];

/// Elements whose content is never text of the document.
const HIDDEN_ELEMENTS: [&str; 11] = [
    "head", "template", "select", "datalist", "svg", "math", "object", "audio", "video", "canvas",
    "map",
];

/// Elements that are navigation chrome by their name.
const CHROME_ELEMENTS: [&str; 4] = ["nav", "header", "footer", "aside"];

/// Words in an `id` or `class` that mark navigation chrome: menus, the
/// "当前位置" trail (`crumb`, `position`, `location`, `dqwz`), footers and
/// bottom bars, tool and print links, floating boxes.
const CHROME_WORDS: [&str; 17] = [
    "nav",
    "menu",
    "footer",
    "header",
    "crumb",
    "position",
    "location",
    "dqwz",
    "sidebar",
    "share",
    "copyright",
    "bottom",
    "topbar",
    "top-bar",
    "quick",
    "print",
    "alert",
];

/// Elements never treated as chrome, whatever their class says.
const NEVER_CHROME: [&str; 3] = ["html", "body", "main"];

/// The text of a parsed page, one line per block or table row, each ending
/// in `\n`. With `skip_chrome`, navigation chrome is left out.
pub(super) fn extract_text(tree: &Tree, skip_chrome: bool) -> String {
    let mut extractor = Extractor {
        skip_chrome,
        ..Extractor::default()
    };
    // Depth first, without recursion: (node, whether it is being left).
    let mut pending: Vec<(NodeId, bool)> = vec![(tree.document(), false)];
    let mut children = Vec::new();
    while let Some((id, leaving)) = pending.pop() {
        if leaving {
            extractor.end();
            continue;
        }
        let Some(node) = tree.node(id) else {
            continue;
        };
        match &node.data {
            NodeData::Element {
                name, attributes, ..
            } => {
                let tag = Tag {
                    name: &name.local,
                    attributes,
                };
                if is_raw_text(tag.name) || !extractor.start(&tag) {
                    continue;
                }
                pending.push((id, true));
            }
            NodeData::Text(text) => {
                extractor.text(&spaces_as_spaces(text));
                continue;
            }
            NodeData::Document | NodeData::Fragment => {}
        }
        children.extend(tree.children(id));
        pending.extend(children.drain(..).rev().map(|child| (child, false)));
    }
    extractor.finish()
}

/// An element as the extractor sees it: its name and attributes.
struct Tag<'a> {
    /// The element name in ASCII lowercase.
    name: &'a str,
    attributes: &'a [Attribute],
}

impl Tag<'_> {
    /// The value of the first attribute called `name` (lowercase).
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|attribute| &*attribute.name.local == name)
            .map(|attribute| &*attribute.value)
    }
}

/// Text with the no-break and other wide spaces that `&nbsp;`, `&ensp;`,
/// `&emsp;` and `&thinsp;` stand for made plain spaces, which then collapse
/// like any other.
fn spaces_as_spaces(text: &str) -> Cow<'_, str> {
    let is_space = |c: char| matches!(c, '\u{A0}' | '\u{2002}' | '\u{2003}' | '\u{2009}');
    if text.contains(is_space) {
        Cow::Owned(text.replace(is_space, " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// What closing an element does to the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Effect {
    None,
    Block,
    Preformatted,
    Table,
    /// A table nested too deep, read as part of its cell.
    IgnoredTable,
    Row,
    Cell,
}

/// An element that is open.
#[derive(Debug)]
struct Open {
    /// Its content is hidden (it started a hidden region).
    hides: bool,
    effect: Effect,
}

/// Walks the elements of the tree, keeping the open ones.
#[derive(Debug, Default)]
struct Extractor {
    skip_chrome: bool,
    open: Vec<Open>,
    /// How many open elements hide their content.
    hidden: usize,
    /// How many open `<pre>`-like elements keep whitespace.
    preformatted: usize,
    /// How many open tables are nested too deep to be read as tables.
    ignored_tables: usize,
    output: Output,
}

impl Extractor {
    fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.output.finish()
    }

    /// Text, its character references already decoded.
    fn text(&mut self, text: &str) {
        if self.hidden > 0 {
            return;
        }
        if self.preformatted > 0 {
            self.output.preformatted_text(text);
        } else {
            self.output.text(text);
        }
    }

    /// Opens an element; false for an empty one (`<br>`, `<img>`…), which
    /// has no content and no end.
    fn start(&mut self, tag: &Tag<'_>) -> bool {
        if VOID_ELEMENTS.contains(&tag.name) {
            if self.hidden == 0 && matches!(tag.name, "br" | "hr") {
                self.output.break_line();
            }
            return false;
        }
        let hides = HIDDEN_ELEMENTS.contains(&tag.name) || (self.skip_chrome && is_chrome(tag));
        let effect = if self.hidden > 0 || hides {
            Effect::None
        } else {
            self.begin(tag)
        };
        if hides {
            self.hidden += 1;
        }
        self.open.push(Open { hides, effect });
        true
    }

    /// Starts what an element means for the output; returns what its end
    /// must undo.
    fn begin(&mut self, tag: &Tag<'_>) -> Effect {
        match tag.name {
            "table" if self.ignored_tables > 0 || self.output.tables.len() >= MAX_TABLE_DEPTH => {
                self.ignored_tables += 1;
                self.output.break_line();
                Effect::IgnoredTable
            }
            "tr" | "caption" | "td" | "th" if self.ignored_tables > 0 => {
                self.output.break_line();
                Effect::Block
            }
            "table" => {
                self.output.begin_table();
                Effect::Table
            }
            "tr" | "caption" => {
                self.output.begin_row();
                Effect::Row
            }
            "td" | "th" => {
                self.output
                    .begin_cell(span(tag, "colspan"), span(tag, "rowspan"));
                Effect::Cell
            }
            "pre" | "listing" | "textarea" => {
                self.output.break_line();
                self.preformatted += 1;
                Effect::Preformatted
            }
            name if is_block(name) => {
                self.output.break_line();
                Effect::Block
            }
            _ => Effect::None,
        }
    }

    /// Closes the element opened last.
    fn end(&mut self) {
        let Some(element) = self.open.pop() else {
            return;
        };
        if element.hides {
            self.hidden = self.hidden.saturating_sub(1);
        }
        match element.effect {
            Effect::None => {}
            Effect::Block => self.output.break_line(),
            Effect::Preformatted => {
                self.preformatted = self.preformatted.saturating_sub(1);
                self.output.break_line();
            }
            Effect::Table => self.output.end_table(),
            Effect::IgnoredTable => {
                self.ignored_tables = self.ignored_tables.saturating_sub(1);
                self.output.break_line();
            }
            Effect::Row => self.output.end_row(),
            Effect::Cell => self.output.end_cell(),
        }
    }
}

/// Elements whose content is never shown (`<textarea>`'s is): scripts,
/// styles, the title, frames' fallbacks, `<noscript>` (read as it is where
/// scripts run).
fn is_raw_text(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "xmp"
            | "iframe"
            | "noembed"
            | "noframes"
            | "noscript"
            | "title"
            | "plaintext"
    )
}

/// Whether an element starts and ends a line.
fn is_block(name: &str) -> bool {
    BLOCK_ELEMENTS.contains(&name)
}

/// Whether an element is navigation chrome: `<nav>`, `<header>`, ..., or
/// an `id`/`class` naming navigation, menus, footers and the like.
fn is_chrome(tag: &Tag<'_>) -> bool {
    let name = tag.name;
    if NEVER_CHROME.contains(&name) {
        return false;
    }
    if CHROME_ELEMENTS.contains(&name) {
        return true;
    }
    ["id", "class"]
        .iter()
        .filter_map(|attribute| tag.attribute(attribute))
        .any(|value| {
            let value = value.to_ascii_lowercase();
            CHROME_WORDS.iter().any(|word| value.contains(word))
        })
}

/// A `colspan`/`rowspan` value; 1 when missing or not a number.
fn span(tag: &Tag<'_>, attribute: &str) -> usize {
    tag.attribute(attribute)
        .map(|value| {
            let digits: String = value
                .trim()
                .chars()
                .take_while(char::is_ascii_digit)
                .take(6)
                .collect();
            digits.parse().unwrap_or(1)
        })
        .unwrap_or(1)
}

/// Lines of text being written, whitespace collapsed as a browser does.
#[derive(Debug, Default)]
struct Lines {
    lines: Vec<String>,
    current: String,
    /// Whitespace was seen since the last character written.
    pending_space: bool,
    /// That whitespace held a line break.
    pending_break: bool,
}

impl Lines {
    /// Adds text, collapsing runs of whitespace to one space. A line break
    /// between two Chinese characters is dropped, not made a space.
    fn text(&mut self, text: &str) {
        for character in text.chars() {
            if is_html_whitespace(character) {
                self.pending_space = true;
                self.pending_break |= character == '\n';
            } else {
                self.write_pending_space(character);
                self.current.push(character);
            }
        }
    }

    fn write_pending_space(&mut self, next: char) {
        if self.pending_space && !self.current.is_empty() {
            let joins_chinese = self.pending_break
                && self.current.chars().next_back().is_some_and(is_wide)
                && is_wide(next);
            if !joins_chinese {
                self.current.push(' ');
            }
        }
        self.pending_space = false;
        self.pending_break = false;
    }

    /// Adds text whose whitespace is kept; its line breaks end lines.
    fn preformatted_text(&mut self, text: &str) {
        let mut pieces = text.split('\n');
        if let Some(first) = pieces.next() {
            self.current.push_str(first);
        }
        for piece in pieces {
            self.break_line();
            self.current.push_str(piece);
        }
    }

    /// Ends the current line, if it has any text.
    fn break_line(&mut self) {
        let line = self.current.trim_end();
        if !line.trim_start().is_empty() {
            self.lines.push(line.to_string());
        }
        self.current.clear();
        self.pending_space = false;
        self.pending_break = false;
    }

    /// Adds finished lines (rows of a table) after the current text.
    fn push_lines(&mut self, lines: Vec<String>) {
        self.break_line();
        self.lines.extend(lines);
    }

    fn into_lines(mut self) -> Vec<String> {
        self.break_line();
        self.lines
    }
}

/// Whitespace as HTML counts it (not U+3000, which is text).
fn is_html_whitespace(character: char) -> bool {
    matches!(character, ' ' | '\t' | '\n' | '\r' | '\x0C')
}

/// A Chinese character or full-width punctuation, between which a source
/// line break is no space.
fn is_wide(character: char) -> bool {
    matches!(
        character,
        '\u{2E80}'..='\u{303F}'
            | '\u{3040}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FF60}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// A table being read, with its open row and cell.
#[derive(Debug, Default)]
struct TableBuilder {
    table: Table,
    row_open: bool,
    cell: Option<(Cell, Lines)>,
}

/// The document's lines and the tables being read inside it.
#[derive(Debug, Default)]
struct Output {
    document: Lines,
    tables: Vec<TableBuilder>,
}

impl Output {
    /// Where text goes now: the open cell, or the document outside tables.
    /// Text inside a table but outside any cell opens a cell for it.
    fn target(&mut self, opens_cell: bool) -> &mut Lines {
        if opens_cell {
            self.open_cell_if_needed();
        }
        match self.tables.last_mut() {
            Some(TableBuilder {
                cell: Some((_, lines)),
                ..
            }) => lines,
            _ => &mut self.document,
        }
    }

    fn open_cell_if_needed(&mut self) {
        let needs_cell = self.tables.last().is_some_and(|table| table.cell.is_none());
        if needs_cell {
            self.begin_cell(1, 1);
        }
    }

    fn text(&mut self, text: &str) {
        let visible = text.chars().any(|c| !is_html_whitespace(c));
        self.target(visible).text(text);
    }

    fn preformatted_text(&mut self, text: &str) {
        let visible = text.chars().any(|c| !is_html_whitespace(c));
        self.target(visible).preformatted_text(text);
    }

    fn break_line(&mut self) {
        self.target(false).break_line();
    }

    fn begin_table(&mut self) {
        if let Some(TableBuilder {
            cell: Some((cell, lines)),
            ..
        }) = self.tables.last_mut()
        {
            cell.has_table = true;
            lines.break_line();
        } else if self.tables.is_empty() {
            self.document.break_line();
        }
        self.tables.push(TableBuilder::default());
    }

    fn begin_row(&mut self) {
        self.end_row();
        if let Some(builder) = self.tables.last_mut() {
            builder.table.rows.push(Vec::new());
            builder.row_open = true;
        }
    }

    fn begin_cell(&mut self, column_span: usize, row_span: usize) {
        self.end_cell();
        let row_open = self.tables.last().is_some_and(|builder| builder.row_open);
        if !row_open {
            self.begin_row();
        }
        if let Some(builder) = self.tables.last_mut() {
            let mut cell = Cell::new();
            cell.set_column_span(column_span);
            cell.set_row_span(row_span);
            builder.cell = Some((cell, Lines::default()));
        }
    }

    fn end_cell(&mut self) {
        let Some(builder) = self.tables.last_mut() else {
            return;
        };
        let Some((mut cell, lines)) = builder.cell.take() else {
            return;
        };
        cell.lines = lines.into_lines();
        if let Some(row) = builder.table.rows.last_mut() {
            row.push(cell);
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if let Some(builder) = self.tables.last_mut() {
            builder.row_open = false;
        }
    }

    fn end_table(&mut self) {
        self.end_row();
        if let Some(builder) = self.tables.pop() {
            let lines = builder.table.into_lines();
            self.target(false).push_lines(lines);
        }
    }

    fn finish(mut self) -> String {
        while !self.tables.is_empty() {
            self.end_table();
        }
        let mut text = String::new();
        for line in self.document.into_lines() {
            text.push_str(&line);
            text.push('\n');
        }
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(html: &str, skip_chrome: bool) -> String {
        let tree = Tree::parse(html).expect("page parses");
        extract_text(&tree, skip_chrome)
    }

    fn text(html: &str) -> String {
        read(html, true)
    }

    #[test]
    fn blocks_start_lines_and_inline_elements_do_not() {
        assert_eq!(
            text("<div><h1>标题</h1><p>第<b>一</b>段</p>正文<br>下一行<ul><li>甲<li>乙</ul></div>"),
            "标题\n第一段\n正文\n下一行\n甲\n乙\n"
        );
    }

    #[test]
    fn whitespace_collapses_and_chinese_joins_across_source_lines() {
        assert_eq!(
            text("<p>  牵头\n   单位:  市发改委 \n and\n more </p>"),
            "牵头单位: 市发改委 and more\n"
        );
    }

    #[test]
    fn ideographic_space_is_kept() {
        assert_eq!(
            text("<p>\u{3000}\u{3000}一、总体要求</p>"),
            "\u{3000}\u{3000}一、总体要求\n"
        );
    }

    #[test]
    fn scripts_styles_head_and_comments_are_not_content() {
        let html = "<html><head><title>T</title><style>p{}</style></head><body>\
                    <script>var s='<p>99.假任务</p>';</script><noscript>enable js</noscript>\
                    <template><p>tpl</p></template><!-- <p>comment</p> --><p>正文</p></body></html>";
        assert_eq!(text(html), "正文\n");
    }

    #[test]
    fn chrome_is_skipped_by_element_and_by_class_or_id() {
        let html = "<body class=\"nav-open\"><nav>首页</nav><header>网站</header>\
                    <div id=\"topMenu\">菜单</div><div class=\"bread-crumb\">位置</div><div class=\"position\">当前位置</div>\
                    <div class=\"article\">x</div><p>正文</p><div class=\"share-bar\">分享</div><aside>侧栏</aside><footer>版权</footer>\
                    <div class=copyright>版权所有</div></body>";
        assert_eq!(text(html), "x\n正文\n");
    }

    #[test]
    fn a_page_that_is_all_chrome_can_be_read_without_skipping() {
        assert_eq!(text("<div class=\"header\">只有这一段</div>"), "");
        assert_eq!(
            read("<div class=\"header\">只有这一段</div>", false),
            "只有这一段\n"
        );
    }

    #[test]
    fn tables_become_tab_separated_rows() {
        let html = "<p>表1</p><table><tr><th>序号</th><th>任务</th><th>牵头单位</th></tr>\
                    <tr><td>1</td><td><p>推进</p><p>项目</p></td><td>市发改委</td></tr>\
                    <tr><td>2</td><td></td><td>市财政局</td></tr></table><p>后文</p>";
        assert_eq!(
            text(html),
            "表1\n序号\t任务\t牵头单位\n1\t推进 项目\t市发改委\n2\t\t市财政局\n后文\n"
        );
    }

    #[test]
    fn colspan_and_rowspan_keep_columns_aligned() {
        let html = "<table><tr><td colspan=\"3\">一、重点任务</td></tr>\
                    <tr><td>1</td><td>甲</td><td rowspan=2>市文旅局</td></tr>\
                    <tr><td>2</td><td>乙</td></tr></table>";
        assert_eq!(
            text(html),
            "一、重点任务\t\t\n1\t甲\t市文旅局\n2\t乙\t市文旅局\n"
        );
    }

    #[test]
    fn unclosed_cells_and_rows_still_make_rows() {
        let html = "<TABLE><TR><TD>1<TD>甲<TR><TD>2<TD>乙</TABLE>after";
        assert_eq!(text(html), "1\t甲\n2\t乙\nafter\n");
    }

    #[test]
    fn layout_tables_keep_their_content_as_lines() {
        let html = "<table><tr><td><p>通知</p><table><tr><td>1</td><td>任务</td></tr></table><p>正文</p></td></tr></table>";
        assert_eq!(text(html), "通知\n1\t任务\n正文\n");
    }

    #[test]
    fn nested_data_table_is_flattened_into_its_cell() {
        let html = "<table><tr><td>1</td><td>x<table><tr><td>a</td><td>b</td></tr></table></td></tr>\
                    <tr><td>2</td><td>y</td></tr></table>";
        assert_eq!(text(html), "1\nx\na\tb\n2\ny\n");
    }

    #[test]
    fn tables_nested_too_deep_are_read_as_text_of_their_cell() {
        let depth = MAX_TABLE_DEPTH + 3;
        let html = "<table><tr><td>x".repeat(depth);
        let lines = text(&html);
        assert_eq!(lines, "x\n".repeat(depth));
    }

    #[test]
    fn entities_are_decoded_in_text() {
        assert_eq!(
            text("<p>&ldquo;一网通办&rdquo;&nbsp;&#12289;&#x3001;&lt;b&gt;</p>"),
            "\u{201C}一网通办\u{201D} 、、<b>\n"
        );
    }

    #[test]
    fn every_named_reference_of_html_is_decoded() {
        assert_eq!(
            text(
                "<p>PM2.5浓度35&mu;g/m&sup3;，&alpha;值，&rArr;下步，20&ordm;C，&AMP;，&frac13;，&copy2012</p>"
            ),
            "PM2.5浓度35\u{3BC}g/m\u{B3}，\u{3B1}值，\u{21D2}下步，20\u{BA}C，&，\u{2153}，\u{A9}2012\n"
        );
    }

    #[test]
    fn a_script_writing_a_script_inside_a_comment_ends_at_its_own_end_tag() {
        let html = "<script><!--\ndocument.write(\"<script src=count.js></script>\");\n//--></script><p>正文</p>";
        assert_eq!(text(html), "正文\n");
    }

    #[test]
    fn text_stray_between_table_rows_comes_before_the_table() {
        let html = "<table><tr><td>1</td><td>甲</td></tr>注：以上为计划<tr><td>2</td><td>乙</td></tr></table>后";
        assert_eq!(text(html), "注：以上为计划\n1\t甲\n2\t乙\n后\n");
    }

    #[test]
    fn a_table_started_between_rows_ends_the_one_before_it() {
        let html =
            "<table><tr><td>a</td><td>1</td></tr><table><tr><td>b</td><td>2</td></tr></table>";
        assert_eq!(text(html), "a\t1\nb\t2\n");
    }

    #[test]
    fn an_empty_comment_ends_where_browsers_end_it() {
        assert_eq!(text("<p>x</p><!--->y<!-- a -- b -->z"), "x\nyz\n");
    }

    #[test]
    fn preformatted_text_keeps_its_lines() {
        assert_eq!(
            text("<pre>一、目标\n  1.任务\n</pre>"),
            "一、目标\n  1.任务\n"
        );
    }

    #[test]
    fn malformed_markup_does_not_lose_text() {
        assert_eq!(
            text("<p>a < b</p></div></span><p>c<p>d</b>"),
            "a < b\nc\nd\n"
        );
        assert_eq!(text("<<p>>x"), "<\n>x\n");
        assert_eq!(text("</td></tr></table>text<td>cell"), "textcell\n");
    }
}
