//! The walk over a document's body: plans, the section tree, tasks and the
//! units assigned to them.

use rustc_hash::FxHashMap;

use super::annotation::{
    Annotation, Found, annotated_brackets, annotated_labels, assigning_sentences, duty_unit,
    find_inline, heading_assignment, leading_clauses, matching_close,
};
use super::lines::{Kind, Line, ends_sentence};
use super::metadata::is_plan_title;
use super::numbering::{Marker, NumberStyle};
use super::table::{self, Carried, Cell, Columns, Row, TableTask};
use super::text::Joined;
use crate::cjk::{Folded, char_count};
use crate::lexicon::{List, lexicon};
use crate::model::{
    Assignment, ParseWarning, ParsedDocument, ParsedTask, Role, Section, WarningKind,
};

/// How tasks are marked in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskMode {
    /// Tasks are the lines numbered in this style; outer styles are headings.
    Numbered(NumberStyle),
    /// No numbered tasks: each task paragraph is a task.
    Paragraphs,
}

impl TaskMode {
    /// Nesting rank of the task level, in half steps (headings between levels
    /// take the odd ranks).
    fn task_rank(self) -> u8 {
        match self {
            TaskMode::Numbered(style) => style.rank() * 2,
            TaskMode::Paragraphs => u8::MAX - 1,
        }
    }
}

/// How a document marks its tasks, and whether its items start with their
/// unit (`2.市发展改革委:负责…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    pub mode: TaskMode,
    pub duty_list: bool,
}

/// The longest line, in characters, that can be an unnumbered heading.
const MAX_HEADING_CHARS: usize = 30;

/// The longest first sentence, in characters, of a task paragraph.
const MAX_LEAD_SENTENCE_CHARS: usize = 32;

/// The shortest task paragraph, in characters.
const MIN_PARAGRAPH_CHARS: usize = 12;

/// The shortest line under a heading that names its lead that is a task.
const MIN_TASK_CHARS: usize = 6;

/// How far after a paragraph a block line may assign it with others.
const MAX_GROUP_LINES: usize = 40;

/// How many items must start with their unit for a document to be a duty list.
const MIN_DUTY_ITEMS: usize = 2;

/// Chooses how tasks are marked: the numbering style that carries unit
/// annotations (inline, or a block line right after), else arabic numbers,
/// else paragraphs.
pub fn choose_layout(lines: &[Line]) -> Layout {
    let mut annotated = [0usize; NumberStyle::ALL.len()];
    let mut counts = [0usize; NumberStyle::ALL.len()];
    let mut duty_items = 0;
    let mut last_numbered: Option<NumberStyle> = None;
    // The style of an open numbered line followed by one paragraph.
    let mut paragraph_under: Option<NumberStyle> = None;
    let mut previous: Option<&Line> = None;
    for line in lines {
        let follows_open_line = previous.is_some_and(|previous| {
            matches!(previous.kind, Kind::Numbered(_)) && !ends_sentence(previous.text)
        });
        match line.kind {
            Kind::Blank => previous = None,
            Kind::Noise => {}
            _ => previous = Some(line),
        }
        match &line.kind {
            Kind::Numbered(marker) => {
                paragraph_under = None;
                let rank = usize::from(marker.style.rank());
                counts[rank] += 1;
                if duty_unit(marker.rest).is_some() {
                    duty_items += 1;
                }
                let heads = line
                    .inline
                    .as_ref()
                    .is_some_and(|found| heads_paragraph(marker.rest, found));
                if heads {
                    // A block line after it closes its paragraph's last task.
                    last_numbered = None;
                } else if line.inline.is_some() || leading_clauses(marker.rest).is_some() {
                    annotated[rank] += 1;
                    last_numbered = None;
                } else {
                    last_numbered = Some(marker.style);
                }
            }
            Kind::Block(_) => {
                if let Some(style) = last_numbered.take().or(paragraph_under.take()) {
                    annotated[usize::from(style.rank())] += 1;
                }
            }
            Kind::Text => {
                let style = last_numbered.take();
                paragraph_under = None;
                match style.filter(|_| follows_open_line) {
                    Some(style) if line.inline.is_some() => {
                        annotated[usize::from(style.rank())] += 1
                    }
                    // A heading's one paragraph, then the block line that
                    // assigns them both: `(一)教育提升工程` / `新建幼儿园2所。`
                    // / `责任单位:县教育局`.
                    Some(style) => paragraph_under = Some(style),
                    None => {}
                }
            }
            Kind::Blank | Kind::Noise | Kind::Footer => {}
            Kind::Row(_) => {
                last_numbered = None;
                paragraph_under = None;
            }
        }
    }
    let duty_list = duty_items >= MIN_DUTY_ITEMS;
    let best = NumberStyle::ALL
        .iter()
        .copied()
        .filter(|style| annotated[usize::from(style.rank())] > 0)
        .max_by_key(|style| (annotated[usize::from(style.rank())], style.rank()));
    let mode = match best {
        Some(style) => TaskMode::Numbered(style),
        None if duty_list => TaskMode::Numbered(NumberStyle::ArabicDot),
        None => [NumberStyle::ArabicDot, NumberStyle::ArabicParen]
            .into_iter()
            .find(|style| counts[usize::from(style.rank())] >= 2)
            .map_or(TaskMode::Paragraphs, TaskMode::Numbered),
    };
    Layout { mode, duty_list }
}

/// True for a paragraph that reads like a task: a short first sentence that
/// names the work, then the detail (强化生态资源保护和修复。开展…).
pub fn is_task_paragraph(text: &str) -> bool {
    if char_count(text) < MIN_PARAGRAPH_CHARS
        || lexicon().opening_in(List::PreambleOpening, text).is_some()
        || text.ends_with(':')
        || text.contains("印发")
    {
        return false;
    }
    let Some(end) = text.find('。') else {
        return false;
    };
    let lead = &text[..end];
    let rest = &text[end + '。'.len_utf8()..];
    !rest.trim().is_empty()
        && char_count(lead) <= MAX_LEAD_SENTENCE_CHARS
        && !lead.contains([',', ';', ':'])
}

/// True for a paragraph that can be one of a group of tasks a block line
/// assigns: a sentence of some length that opens no preamble.
fn is_project_paragraph(text: &str) -> bool {
    char_count(text) >= MIN_PARAGRAPH_CHARS
        && ends_sentence(text)
        && lexicon().opening_in(List::PreambleOpening, text).is_none()
        && !text.ends_with(':')
}

/// True for a short line that can name a group of tasks: 科学精准优化防控措施。
fn is_heading_shaped(text: &str) -> bool {
    let body = text.trim_end_matches(['。', '.']);
    let chars = char_count(body);
    (2..=MAX_HEADING_CHARS).contains(&chars) && !body.contains(['。', ',', ';', ':', '!', '?'])
}

/// True for a table's own title: a short line ending like one (`…登记表`,
/// `…任务清单`, `表1:上半年主要指标完成情况`), its `表1:` kept.
fn is_table_caption(text: &str) -> bool {
    let text = text.trim();
    let after_label = text
        .strip_prefix('附')
        .unwrap_or(text)
        .strip_prefix('表')
        .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
        .and_then(|rest| rest.strip_prefix([':', '、', '.', ' ']))
        .unwrap_or(text);
    is_heading_shaped(after_label)
        && lexicon()
            .ending_in(List::CaptionEnding, after_label)
            .is_some()
}

/// True when a numbered item whose annotation `found` is in brackets is an
/// inline heading over a paragraph of tasks that each close with their own
/// bracket: task text follows its first sentence, and more follows the
/// bracket (`(一)提升共同富裕建设公开水平。高水平做好…。(牵头单位:县发改局)常态化推进…`).
fn heads_paragraph(rest: &str, found: &Found) -> bool {
    if !rest[found.start..].starts_with(['(', '[', '【']) {
        return false;
    }
    let Some(close) = matching_close(rest, found.start) else {
        return false;
    };
    let (_, body) = split_heading(rest[..found.start].trim());
    let after = rest[close..]
        .chars()
        .skip(1)
        .filter(|c| crate::cjk::is_han(*c))
        .count();
    !body.is_empty() && after >= MIN_TASK_CHARS
}

/// A heading's first sentence, and the body text it runs on into.
fn split_heading(rest: &str) -> (&str, &str) {
    match rest.find('。') {
        Some(end) if !rest[end + '。'.len_utf8()..].trim().is_empty() => {
            (&rest[..end], rest[end + '。'.len_utf8()..].trim())
        }
        _ => (rest.trim_end_matches(['。', '.']), ""),
    }
}

/// A task being read: it may continue on the next lines.
struct OpenTask<'a> {
    number: Option<String>,
    /// The numbering marker as written and its rank, for a numbered task.
    marker: Option<(&'a str, u8)>,
    pieces: Vec<&'a str>,
    /// The annotation of the first piece when already known (the line's
    /// own), for a task of one piece.
    found: Option<Option<Found<'a>>>,
    line: u32,
    last_line: u32,
    section: Option<usize>,
    /// An item of a duty list, led by the unit it starts with.
    duty: bool,
}

/// What the walk met last, for placing annotations and descriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Heading,
    Task,
    Annotation,
    Other,
}

/// Walks the body of a document and builds plans, sections and tasks.
pub struct Walker<'a> {
    lines: &'a [Line<'a>],
    folded: &'a Folded<'a>,
    /// Each line's annotation (see [`Line::inline`]), taken when used.
    inline: Vec<Option<Found<'a>>>,
    layout: Layout,
    doc: ParsedDocument,
    stack: Vec<(u8, usize)>,
    section_assignment: Vec<Option<usize>>,
    /// Per section: under a 工作要求 / 保障措施 heading.
    section_is_requirements: Vec<bool>,
    plan: Option<usize>,
    /// The line of the current plan's title.
    plan_line: Option<u32>,
    open: Option<OpenTask<'a>>,
    /// Tasks since the last annotation that name no unit of their own.
    pending: Vec<usize>,
    /// The assignment the last block line made, and the tasks it went to.
    last_block: Option<(usize, Vec<usize>)>,
    last_number: Option<u32>,
    last: Last,
    blank_since_open: bool,
    table: Option<Columns>,
    carried: Carried<'a>,
    /// True right after a table's header row.
    under_header: bool,
    /// Per task: the last line of the text it reached (its own lines, or
    /// the annotation that assigned it).
    reach: Vec<u32>,
    /// Per task: the text ends inside its annotation.
    cut: Vec<bool>,
    /// Per task: an annotation closes it (so its own text cannot end cut).
    closed: Vec<bool>,
    /// The last line that is not blank or chrome.
    last_content: u32,
    /// The rank of items below the task level that are tasks in the current
    /// section (their parent item names no units, they do).
    deep_task_rank: Option<u8>,
}

impl<'a> Walker<'a> {
    /// A walker over `lines` (of `folded`'s view) that finds tasks the way
    /// `layout` says; `inline` holds the lines' annotations, taken out of
    /// them.
    pub fn new(
        lines: &'a [Line<'a>],
        folded: &'a Folded<'a>,
        inline: Vec<Option<Found<'a>>>,
        layout: Layout,
    ) -> Self {
        let last_content = lines
            .iter()
            .rev()
            .find(|line| !matches!(line.kind, Kind::Blank | Kind::Noise | Kind::Footer))
            .map_or(0, |line| line.number);
        Self {
            lines,
            folded,
            inline,
            layout,
            doc: ParsedDocument::default(),
            stack: Vec::new(),
            section_assignment: Vec::new(),
            section_is_requirements: Vec::new(),
            plan: None,
            plan_line: None,
            open: None,
            pending: Vec::new(),
            last_block: None,
            last_number: None,
            last: Last::Nothing,
            blank_since_open: false,
            table: None,
            carried: Carried::default(),
            under_header: false,
            reach: Vec::new(),
            cut: Vec::new(),
            closed: Vec::new(),
            last_content,
            deep_task_rank: None,
        }
    }

    fn mode(&self) -> TaskMode {
        self.layout.mode
    }

    /// The text as written of a piece of the folded text.
    fn written(&self, piece: &str) -> String {
        self.folded.written(piece).into_owned()
    }

    /// Walks lines `start..` and returns what was found.
    pub fn walk(mut self, start: usize) -> ParsedDocument {
        for index in start..self.lines.len() {
            let at_footer = matches!(self.lines[index].kind, Kind::Footer);
            if at_footer && (!self.doc.tasks.is_empty() || self.open.is_some()) {
                self.last_content = self.last_content.min(self.lines[index].number);
                break;
            }
            self.step(index);
        }
        self.close_open();
        self.drop_cut_tail();
        self.inherit_section_units();
        if self.doc.tasks.is_empty() {
            self.warn(None, WarningKind::NoTasks, "no tasks found".to_string());
        }
        self.doc
    }

    fn step(&mut self, index: usize) {
        let line = &self.lines[index];
        if let Some(title) = self.table_heading_line(index) {
            self.close_open();
            self.numbered_heading(title, line.number);
            self.blank_since_open = false;
            return;
        }
        match &line.kind {
            Kind::Blank => {
                self.blank_since_open = true;
                return;
            }
            Kind::Noise | Kind::Footer => return,
            Kind::Row(cells) => self.table_row(index, cells),
            Kind::Block(annotation) => {
                self.close_open();
                self.table = None;
                self.block(line.number, annotation.clone());
            }
            Kind::Numbered(marker) => {
                self.table = None;
                self.numbered(index, marker);
            }
            Kind::Text => {
                self.table = None;
                self.text(index);
            }
        }
        if !matches!(line.kind, Kind::Row(_)) {
            self.blank_since_open = false;
        }
    }

    fn numbered(&mut self, index: usize, marker: &Marker<'a>) {
        let line = &self.lines[index];
        let rank = marker.style.rank() * 2;
        let task_rank = self.mode().task_rank();
        if rank == task_rank {
            if self.is_decimal_continuation(marker) {
                self.text(index);
                return;
            }
            let names_a_plan = is_plan_title(marker.rest.trim_end_matches(['。', ';']));
            if names_a_plan
                || self.in_requirements() && self.inline.get(index).is_none_or(Option::is_none)
            {
                self.close_open();
                self.last = Last::Other;
                return;
            }
            self.close_open();
            self.open_numbered(index, marker, rank);
        } else if rank < task_rank && self.is_outer_task(index, rank) {
            self.close_open();
            self.deep_task_rank = None;
            self.open_numbered(index, marker, rank);
        } else if rank < task_rank {
            self.close_open();
            self.deep_task_rank = None;
            self.heading(rank, marker.written, marker.rest, line.number);
        } else if self.starts_deeper_task(index, rank) {
            if self.deep_task_rank == Some(rank) {
                self.close_open();
            } else {
                self.promote_open_to_heading();
                self.close_open();
                self.deep_task_rank = Some(rank);
            }
            self.open_numbered(index, marker, rank);
        } else if let Some(open) = self.open.as_mut() {
            open.pieces.push(line.text);
            open.found = None;
            open.last_line = line.number;
        } else {
            self.text(index);
        }
    }

    /// Opens a task with no number of its own, its text starting with
    /// `text` on line `line`; `found` its annotation when known, `duty` for
    /// an item of a duty list.
    fn open_unnumbered(
        &mut self,
        text: &'a str,
        found: Option<Option<Found<'a>>>,
        line: u32,
        duty: bool,
    ) {
        self.open = Some(OpenTask {
            number: None,
            marker: None,
            pieces: vec![text],
            found,
            line,
            last_line: line,
            section: self.current_section(),
            duty,
        });
        self.last = Last::Task;
    }

    /// Opens the task of numbered line `index`.
    fn open_numbered(&mut self, index: usize, marker: &Marker<'a>, rank: u8) {
        let line = &self.lines[index];
        if rank == self.mode().task_rank() {
            self.check_sequence(line.number, marker.value);
        }
        // An item heading the items under it ends where the next item of
        // its level starts.
        while self.stack.last().is_some_and(|(top, _)| *top >= rank) {
            self.stack.pop();
        }
        self.open = Some(OpenTask {
            number: Some(task_number(marker)),
            marker: Some((marker.written, rank)),
            pieces: vec![marker.rest],
            found: Some(self.take_inline(index)),
            line: line.number,
            last_line: line.number,
            section: self.current_section(),
            duty: false,
        });
        self.last = Last::Task;
    }

    /// True for an item above the task level that is a task itself: it names
    /// units after its own words and heads no items (`4.完成危房改造100户。
    /// (县住建局牵头)` among tasks numbered ①②).
    fn is_outer_task(&self, index: usize, rank: u8) -> bool {
        let rest = match &self.lines[index].kind {
            Kind::Numbered(marker) => marker.rest,
            _ => self.lines[index].text,
        };
        let names_units = self.inline.get(index).is_some_and(|found| {
            found.as_ref().is_some_and(|found| {
                found.start > 0
                    && !found.annotation.units.is_empty()
                    && !heads_paragraph(rest, found)
            })
        });
        let next = self.next_content(index);
        let heads_items = next.is_some_and(|next| match &next.kind {
            Kind::Numbered(marker) => marker.style.rank() * 2 > rank,
            Kind::Block(_) | Kind::Text => true,
            _ => false,
        });
        names_units && !heads_items
    }

    /// True for an item below the task level that is a task itself: it names
    /// its own units (the item above it naming none is then its heading),
    /// or it goes on from such items.
    fn starts_deeper_task(&self, index: usize, rank: u8) -> bool {
        if self.deep_task_rank == Some(rank) {
            return true;
        }
        let annotated = self.inline.get(index).is_some_and(Option::is_some);
        annotated
            && self.open.as_ref().is_some_and(|open| {
                open.marker.is_some_and(|(_, open_rank)| open_rank < rank)
                    && open.pieces.len() == 1
                    && open.found.as_ref().is_some_and(Option::is_none)
            })
    }

    /// The open task, which turned out to head the items under it, as a heading.
    fn promote_open_to_heading(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let (written, rank) = open.marker.unwrap_or(("", self.mode().task_rank()));
        let rest = open.pieces.first().copied().unwrap_or("");
        self.heading(rank, written, rest, open.line);
    }

    /// The annotation of line `index`, found when the lines were split.
    fn take_inline(&mut self, index: usize) -> Option<Found<'a>> {
        self.inline.get_mut(index).and_then(Option::take)
    }

    /// `3.5万人…` right after task 7: a number that is really a decimal;
    /// `13.03.2015 07:51`: a date.
    fn is_decimal_continuation(&self, marker: &Marker) -> bool {
        if !matches!(marker.separator, Some('.' | ',')) {
            return false;
        }
        let digits = marker.rest.len()
            - marker
                .rest
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .len();
        let after_digits = marker.rest[digits..].chars().next();
        let date_like = digits > 0 && matches!(after_digits, Some('.' | ':' | '/' | '-') | None);
        date_like
            || digits > 0
                && self
                    .last_number
                    .is_some_and(|last| marker.value != last + 1 && marker.value != 1)
    }

    fn check_sequence(&mut self, line: u32, value: u32) {
        if let Some(last) = self.last_number
            && value != last + 1
            && value != 1
        {
            self.warn(
                Some(line),
                WarningKind::NumberOutOfSequence,
                format!("task number {value} follows {last}"),
            );
        }
        self.last_number = Some(value);
    }

    fn text(&mut self, index: usize) {
        let line = &self.lines[index];
        let text = line.text;
        if self.starts_duty_line(index) {
            self.open_duty_line(index);
            return;
        }
        if self.heads_tasks_below(index) {
            self.promote_open_to_heading();
        } else if self.continues_open(text) {
            if let Some(open) = self.open.as_mut() {
                open.pieces.push(text);
                open.found = None;
                open.last_line = line.number;
            }
            return;
        }
        if self.describes_open(index) {
            if let Some(open) = self.open.as_mut() {
                open.pieces.push(text);
                open.found = None;
                open.last_line = line.number;
            }
            return;
        }
        self.close_open();
        if is_plan_title(text) {
            self.start_plan(text, line.number);
            return;
        }
        // A numbered line read as text (a decimal) has no annotation of its
        // whole text found yet.
        let found = match line.kind {
            Kind::Text => self.take_inline(index),
            _ => find_inline(text),
        };
        let under_lead = self.last == Last::Heading
            && self.section_names_units()
            && char_count(text) >= MIN_TASK_CHARS
            && ends_sentence(text);
        let starts_task = match self.mode() {
            TaskMode::Paragraphs => {
                is_task_paragraph(text)
                    || found.is_some()
                    || under_lead
                    || annotated_brackets(text).len() >= 2
                    || !assigning_sentences(text).is_empty()
                    || self.block_follows(index) && is_project_paragraph(text)
            }
            TaskMode::Numbered(_) => {
                found.as_ref().is_some_and(|found| found.start > 0)
                    || under_lead
                    || leading_clauses(text).is_some()
                    || annotated_brackets(text).len() >= 2
                    || !assigning_sentences(text).is_empty()
            }
        };
        if starts_task {
            self.open_unnumbered(text, Some(found), line.number, false);
        } else if is_heading_shaped(text) && self.next_is_task(index) {
            self.heading(
                self.mode().task_rank().saturating_sub(1),
                "",
                text,
                line.number,
            );
        } else {
            self.last = Last::Other;
        }
    }

    /// True when, after the paragraph at `index` and other paragraphs, a
    /// block line assigns them (`上述项目由区商务委牵头负责。`).
    fn block_follows(&self, index: usize) -> bool {
        for line in self.lines[index + 1..].iter().take(MAX_GROUP_LINES) {
            match line.kind {
                Kind::Blank | Kind::Noise | Kind::Text => {}
                Kind::Block(_) => return true,
                Kind::Numbered(_) | Kind::Row(_) | Kind::Footer => return false,
            }
        }
        false
    }

    /// A heading named by a table row: its numbering apart from its title.
    fn numbered_heading(&mut self, title: &'a str, line: u32) {
        let rank = heading_rank_of(title, self.mode());
        match super::numbering::marker(title) {
            Some(marker) => self.heading(rank, marker.written, marker.rest, line),
            None => self.heading(rank, "", title, line),
        }
    }

    /// True when the innermost heading names units for its tasks.
    fn section_names_units(&self) -> bool {
        self.current_section()
            .and_then(|section| self.section_assignment[section])
            .is_some_and(|assignment| !self.doc.assignments[assignment].is_empty())
    }

    /// True when `text` carries on the open task: no blank line between, and
    /// the task's text so far stops mid-sentence.
    fn continues_open(&self, text: &str) -> bool {
        self.open.as_ref().is_some_and(|open| {
            let so_far = open.pieces.last().copied().unwrap_or("");
            !self.blank_since_open && !ends_sentence(so_far) && !is_plan_title(text)
        })
    }

    /// True when line `index` is an item of a duty list written without
    /// numbers, one unit a line after a lead-in that ends with a colon
    /// (`其职责分工为:`, then `区委宣传部:制订宣传工作方案…`, `教委:负责…`).
    fn starts_duty_line(&self, index: usize) -> bool {
        let line = &self.lines[index];
        let Some((_, duties)) = duty_unit(line.text) else {
            return false;
        };
        let previous = self.previous_content(index);
        matches!(line.kind, Kind::Text)
            && !line.text[duties..].trim().is_empty()
            && previous.is_some_and(|previous| {
                previous.text.ends_with(':')
                    || matches!(previous.kind, Kind::Text) && duty_unit(previous.text).is_some()
            })
    }

    /// Opens the task of the duty line `index`; a numbered lead-in naming no
    /// units above it is the section of its items.
    fn open_duty_line(&mut self, index: usize) {
        let leads_in = self.open.as_ref().is_some_and(|open| {
            open.number.is_some()
                && open.pieces.len() == 1
                && matches!(open.found, Some(None))
                && open.pieces[0].ends_with(':')
        });
        if leads_in {
            self.promote_open_to_heading();
        }
        self.close_open();
        let line = &self.lines[index];
        self.open_unnumbered(line.text, Some(None), line.number, true);
    }

    /// True when the paragraph at `index`, right under the open numbered
    /// task that names no units, closes several tasks of its own with their
    /// annotations: the numbered line is their heading (`二、加快推进…工程`, then
    /// `…一期工程于2020年年底前完成。(牵头责任单位:水利局)。因地制宜见缝插绿…(…)`).
    fn heads_tasks_below(&self, index: usize) -> bool {
        let line = &self.lines[index];
        let Some(open) = self.open.as_ref() else {
            return false;
        };
        open.number.is_some()
            && open.pieces.len() == 1
            && matches!(open.found, Some(None))
            && matches!(line.kind, Kind::Text)
            && annotated_brackets(line.text).len() >= 2
    }

    /// True when the paragraph at `index` describes the open numbered task
    /// and closes it with the task's annotation: `1.地区生产总值增长12%。`, then
    /// `全市生产总值达到3260亿元…。(市发改委)`, then the next numbered task.
    fn describes_open(&self, index: usize) -> bool {
        let line = &self.lines[index];
        let Some(open) = self.open.as_ref() else {
            return false;
        };
        let unannotated =
            open.number.is_some() && open.pieces.len() == 1 && matches!(open.found, Some(None));
        if !unannotated || !matches!(line.kind, Kind::Text) || is_plan_title(line.text) {
            return false;
        }
        let next = self.next_content(index);
        let next_numbered = next.is_none_or(|next| matches!(next.kind, Kind::Numbered(_)));
        next_numbered && find_inline(line.text).is_some_and(|found| found.start > 0)
    }

    /// The first line after `index` that is neither blank nor chrome.
    fn next_content(&self, index: usize) -> Option<&'a Line<'a>> {
        self.lines[index + 1..]
            .iter()
            .find(|line| !matches!(line.kind, Kind::Blank | Kind::Noise))
    }

    /// The last line before `index` that is neither blank nor chrome.
    fn previous_content(&self, index: usize) -> Option<&'a Line<'a>> {
        self.lines[..index]
            .iter()
            .rev()
            .find(|line| !matches!(line.kind, Kind::Blank | Kind::Noise))
    }

    /// True when the next meaningful line after `index` starts a task.
    fn next_is_task(&self, index: usize) -> bool {
        let next = self.lines[index + 1..]
            .iter()
            .find(|line| !matches!(line.kind, Kind::Blank | Kind::Noise | Kind::Footer));
        match (next.map(|line| &line.kind), self.mode()) {
            (Some(Kind::Numbered(marker)), TaskMode::Numbered(style)) => marker.style == style,
            (Some(Kind::Text), TaskMode::Paragraphs) => {
                next.is_some_and(|line| is_task_paragraph(line.text))
            }
            _ => false,
        }
    }

    /// A line without tabs between the rows of a task table, such as a row
    /// merged across the table and copied out as text (`二、保障民生`): the
    /// heading it names.
    fn table_heading_line(&self, index: usize) -> Option<&'a str> {
        let columns = self.table.as_ref()?;
        let line = &self.lines[index];
        let heading_shaped = match &line.kind {
            Kind::Numbered(marker) => marker.style.is_heading(),
            Kind::Text => is_heading_shaped(line.text),
            _ => false,
        };
        let next = self.next_content(index);
        let next_is_data_row = next.is_some_and(|next| match &next.kind {
            Kind::Row(cells) => table::header(cells).is_none(),
            _ => false,
        });
        (heading_shaped && next_is_data_row && columns.len() > 0).then_some(line.text)
    }

    fn start_plan(&mut self, title: &str, line: u32) {
        self.doc.plans.push(self.written(title));
        self.plan = Some(self.doc.plans.len() - 1);
        self.plan_line = Some(line);
        self.stack.clear();
        self.pending.clear();
        self.last_block = None;
        self.last_number = None;
        self.last = Last::Nothing;
    }

    /// A heading: its title is the first sentence of `rest`; units it names
    /// (inline, or as `X牵头重点工作`) go to the tasks under it; body text it
    /// runs on into that closes tasks with brackets is a paragraph of tasks.
    fn heading(&mut self, rank: u8, written: &str, rest: &'a str, line: u32) {
        let (rest, annotation) = match find_inline(rest) {
            Some(found) if found.start > 0 && !heads_paragraph(rest, &found) => {
                (&rest[..found.start], Some(found.annotation))
            }
            _ => (rest, None),
        };
        let (sentence, body) = split_heading(rest.trim());
        let annotation = annotation.or_else(|| heading_assignment(sentence));
        while self.stack.last().is_some_and(|(top, _)| *top >= rank) {
            self.stack.pop();
        }
        let index = self.doc.sections.len();
        let title = format!("{}{}", self.written(written), self.written(sentence));
        let is_requirements =
            self.in_requirements() || lexicon().holds(List::RequirementHeading, &title);
        self.section_is_requirements.push(is_requirements);
        self.doc.sections.push(Section {
            parent: self.current_section(),
            title,
            plan: self.plan,
            line,
        });
        let assignment = annotation.map(|annotation| {
            let assignment = annotation.to_assignment(&|piece| self.written(piece));
            self.add_assignment(assignment)
        });
        self.section_assignment.push(assignment);
        self.stack.push((rank, index));
        self.last = Last::Heading;
        self.pending.clear();
        self.last_block = None;
        if !body.is_empty() && !annotated_brackets(body).is_empty() {
            self.open_unnumbered(body, None, line, false);
        }
    }

    fn current_section(&self) -> Option<usize> {
        self.stack.last().map(|(_, index)| *index)
    }

    /// True under a 工作要求 / 保障措施 heading.
    fn in_requirements(&self) -> bool {
        self.current_section()
            .is_some_and(|section| self.section_is_requirements[section])
    }

    fn add_assignment(&mut self, assignment: Assignment) -> usize {
        self.doc.assignments.push(assignment);
        self.doc.assignments.len() - 1
    }

    /// A block line names the units of every task since the previous
    /// annotation (several block lines in a row name them together); right
    /// under a heading, of the tasks that follow it.
    fn block(&mut self, line: u32, annotation: Annotation<'a>) {
        let cut = annotation.cut;
        let deadline = annotation.deadline.map(|deadline| self.written(deadline));
        let assignment = annotation.to_assignment(&|piece| self.written(piece));
        let tasks: Vec<usize> = if !self.pending.is_empty() {
            let tasks: Vec<usize> = self.pending.drain(..).collect();
            let index = self.add_assignment(assignment);
            for &task in &tasks {
                self.doc.tasks[task].assignment = Some(index);
            }
            self.last_block = Some((index, tasks.clone()));
            tasks
        } else if self.last == Last::Annotation
            && let Some((index, tasks)) = self.last_block.clone()
        {
            self.doc.assignments[index].merge(&assignment);
            tasks
        } else if self.last == Last::Heading
            && let Some(section) = self.current_section()
        {
            match self.section_assignment[section] {
                Some(index) => self.doc.assignments[index].merge(&assignment),
                None => {
                    let index = self.add_assignment(assignment);
                    self.section_assignment[section] = Some(index);
                }
            }
            self.last = Last::Heading;
            return;
        } else {
            if !assignment.is_blank() {
                self.warn(
                    Some(line),
                    WarningKind::OrphanAnnotation,
                    "annotation line with no task above it".to_string(),
                );
            }
            self.last = Last::Annotation;
            return;
        };
        for &task in &tasks {
            self.reach[task] = self.reach[task].max(line);
            self.cut[task] |= cut;
            self.closed[task] = true;
            if self.doc.tasks[task].deadline.is_none() {
                self.doc.tasks[task].deadline.clone_from(&deadline);
            }
        }
        self.last = Last::Annotation;
    }

    fn close_open(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let mut joined = Joined::default();
        for piece in &open.pieces {
            joined.push(piece);
        }
        if open.number.is_none() && self.split_paragraph(&open, &joined) {
            return;
        }
        let found = match (open.found, open.pieces.len()) {
            (Some(found), 1) => found,
            _ => find_inline(joined.text()),
        };
        let written = |piece: &str| joined.written(self.folded, piece);
        let found_inline = found.is_some();
        let (text, annotation) = match found {
            Some(found) => (
                written(joined.text()[..found.start].trim_end_matches([',', ';', '、', ' '])),
                Some(found.annotation),
            ),
            None => {
                let prose = open.pieces.iter().enumerate().find_map(|(index, piece)| {
                    (index > 0 || piece.starts_with('由'))
                        .then(|| leading_clauses(piece))
                        .flatten()
                });
                let duty = (self.layout.duty_list && open.number.is_some() || open.duty)
                    .then(|| duty_unit(joined.text()))
                    .flatten()
                    .map(|(name, _)| {
                        let mut annotation = Annotation::default();
                        annotation.units.push((Role::Lead, name));
                        annotation
                    });
                (written(joined.text()), prose.or(duty))
            }
        };
        let cut = annotation.as_ref().is_some_and(|annotation| annotation.cut);
        let closed = found_inline;
        let (assignment, deadline) = match annotation {
            Some(annotation) => {
                let deadline = annotation.deadline.map(&written);
                let assignment = annotation.to_assignment(&written);
                (
                    (!assignment.is_blank()).then(|| self.add_assignment(assignment)),
                    deadline,
                )
            }
            None => (None, None),
        };
        // 1、金寨县;2、裕安区;…: items naming only a place rank places.
        let bare = text.trim().trim_end_matches(['。', ';', ',']);
        if assignment.is_none() && crate::gazetteer::builtin().is_place_name(bare) {
            self.last = Last::Other;
            return;
        }
        let section = open.section;
        self.push_task(
            ParsedTask {
                plan: self.plan,
                section,
                number: open.number,
                text: text.trim().to_string(),
                assignment,
                line: open.line,
                deadline,
            },
            open.last_line,
            cut,
            closed,
        );
    }

    /// Splits a paragraph that closes each of its tasks with a bracket of its
    /// own (`A。(X牵头)B。(Y牵头)`); a bracket that opens the paragraph closes
    /// the task before it. False when the paragraph is one task.
    fn split_paragraph(&mut self, open: &OpenTask<'a>, joined: &Joined<'a>) -> bool {
        let text = joined.text();
        let written = |piece: &str| joined.written(self.folded, piece);
        let led = assigning_sentences(text);
        if !led.is_empty() {
            for (start, end, annotation) in led {
                let assignment = annotation.to_assignment(&written);
                let index = self.add_assignment(assignment);
                self.push_task(
                    ParsedTask {
                        plan: self.plan,
                        section: open.section,
                        number: None,
                        text: written(text[start..end].trim()).trim().to_string(),
                        assignment: Some(index),
                        line: open.line,
                        deadline: None,
                    },
                    open.last_line,
                    false,
                    true,
                );
            }
            return true;
        }
        let mut brackets = annotated_brackets(text);
        let labelled = annotated_labels(text);
        if labelled.len() >= 2 {
            brackets.extend(labelled);
            brackets.sort_by_key(|(start, _, _)| *start);
        }
        let Some(&(first_open, _, _)) = brackets.first() else {
            return false;
        };
        let last_end = brackets.last().map_or(0, |(_, end, _)| *end);
        let tail = text[last_end..].trim_matches(is_segment_trim);
        if brackets.len() < 2 && first_open > 0 && tail.is_empty() {
            return false;
        }
        let mut cursor = 0;
        for (open_at, end, annotation) in brackets {
            let segment = after_lead_in(
                text[cursor..open_at]
                    .trim_start_matches(is_segment_trim)
                    .trim_end(),
            );
            let assignment = annotation.to_assignment(&written);
            if segment.is_empty() {
                if cursor == 0 && !self.pending.is_empty() {
                    let index = self.add_assignment(assignment);
                    for task in std::mem::take(&mut self.pending) {
                        self.doc.tasks[task].assignment = Some(index);
                        self.reach[task] = self.reach[task].max(open.line);
                    }
                }
            } else {
                let index = (!assignment.is_blank()).then(|| self.add_assignment(assignment));
                self.push_task(
                    ParsedTask {
                        plan: self.plan,
                        section: open.section,
                        number: None,
                        text: written(segment).trim().to_string(),
                        assignment: index,
                        line: open.line,
                        deadline: None,
                    },
                    open.last_line,
                    annotation.cut,
                    true,
                );
            }
            cursor = end;
        }
        let tail = text[cursor..]
            .trim_start_matches(is_segment_trim)
            .trim_end();
        if !tail.is_empty() {
            let unclosed = super::annotation::parse_labelled(tail).cut
                || tail.contains('(') && !tail.contains(')');
            self.push_task(
                ParsedTask {
                    plan: self.plan,
                    section: open.section,
                    number: None,
                    text: written(tail).trim().to_string(),
                    assignment: None,
                    line: open.line,
                    deadline: None,
                },
                open.last_line,
                unclosed,
                false,
            );
        }
        true
    }

    fn push_task(&mut self, task: ParsedTask, reach: u32, cut: bool, closed: bool) {
        let has_units = task.assignment.is_some();
        self.doc.tasks.push(task);
        self.reach.push(reach);
        self.cut.push(cut);
        self.closed.push(closed);
        if has_units {
            self.pending.clear();
        } else {
            self.pending.push(self.doc.tasks.len() - 1);
        }
        self.last_block = None;
        self.last = Last::Task;
    }

    fn table_row(&mut self, index: usize, cells: &[Cell<'a>]) {
        self.close_open();
        let line = &self.lines[index];
        let under_header = std::mem::take(&mut self.under_header);
        if let Some(columns) = table::header(cells) {
            self.table = Some(columns);
            self.carried = Carried::default();
            self.caption_heading(line.number);
            self.under_header = true;
            return;
        }
        if under_header && self.table.is_some() && table::continues_header(cells) {
            return;
        }
        let Some(columns) = self.table.clone() else {
            match (cells, super::numbering::marker(line.text)) {
                ([_], Some(marker)) => self.numbered(index, &marker),
                ([_], None) => self.text(index),
                _ => self.last = Last::Other,
            }
            return;
        };
        let folded = self.folded;
        let row = table::row(
            &columns,
            cells,
            line.placed.as_deref(),
            &mut self.carried,
            &|piece| folded.written(piece).into_owned(),
        );
        match row {
            Row::Heading(title) => self.numbered_heading(title, line.number),
            Row::Task(task) => {
                let last_kinds = line
                    .placed
                    .as_ref()
                    .and_then(|placed| placed.last())
                    .map_or(&[][..], |column| columns.kinds_of(*column));
                let cut =
                    line.cut && (!task.reaches_units || table::ends_inside_name(cells, last_kinds));
                self.table_task(task, line.number, cut);
            }
            Row::Units(assignment) if !line.cut => self.more_units(assignment),
            Row::Units(_) => {}
            Row::Empty => {}
        }
    }

    /// Units of a row whose task cells are merged from the row above: added
    /// to the task that row made.
    fn more_units(&mut self, more: Assignment) {
        if self.last != Last::Task {
            return;
        }
        let Some(task) = self.doc.tasks.last() else {
            return;
        };
        let mut assignment = task
            .assignment
            .map(|index| self.doc.assignments[index].clone())
            .unwrap_or_default();
        assignment.merge(&more);
        let index = self.add_assignment(assignment);
        if let Some(task) = self.doc.tasks.last_mut() {
            task.assignment = Some(index);
        }
        self.pending.clear();
    }

    /// A table right under its plan's title, with no heading between: the
    /// title names the table's section.
    fn caption_heading(&mut self, header_line: u32) {
        let caption = self
            .lines
            .iter()
            .rev()
            .filter(|line| line.number < header_line)
            .find(|line| !matches!(line.kind, Kind::Blank | Kind::Noise));
        if let Some(caption) = caption
            && matches!(caption.kind, Kind::Text)
            && self.plan_line != Some(caption.number)
            && is_table_caption(caption.text)
        {
            let rank = self.mode().task_rank().saturating_sub(1);
            self.heading(rank, "", caption.text, caption.number);
            return;
        }
        let (Some(plan), Some(plan_line)) = (self.plan, self.plan_line) else {
            return;
        };
        if self.current_section().is_some() {
            return;
        }
        let between = self
            .lines
            .iter()
            .filter(|line| line.number > plan_line && line.number < header_line)
            .any(|line| !matches!(line.kind, Kind::Blank | Kind::Noise));
        if between {
            return;
        }
        let title = self.doc.plans[plan].clone();
        let rank = self.mode().task_rank().saturating_sub(1);
        let index = self.doc.sections.len();
        self.section_is_requirements.push(false);
        self.section_assignment.push(None);
        self.doc.sections.push(Section {
            parent: None,
            title,
            plan: self.plan,
            line: plan_line,
        });
        self.stack.push((rank, index));
    }

    fn table_task(&mut self, task: TableTask, line: u32, cut: bool) {
        if let Some(category) = task.category {
            let current = self
                .current_section()
                .map(|section| self.doc.sections[section].title.as_str());
            if current != Some(category.as_str()) {
                self.category_heading(category, line);
            }
        }
        let assignment =
            (!task.assignment.is_blank()).then(|| self.add_assignment(task.assignment));
        self.push_task(
            ParsedTask {
                plan: self.plan,
                section: self.current_section(),
                number: task.number,
                text: task.text,
                assignment,
                line,
                deadline: task.deadline,
            },
            line,
            cut,
            true,
        );
    }

    /// A heading named by a table's category column (already as written).
    fn category_heading(&mut self, title: String, line: u32) {
        let rank = self.mode().task_rank().saturating_sub(1);
        while self.stack.last().is_some_and(|(top, _)| *top >= rank) {
            self.stack.pop();
        }
        let index = self.doc.sections.len();
        self.section_is_requirements.push(false);
        self.section_assignment.push(None);
        self.doc.sections.push(Section {
            parent: self.current_section(),
            title,
            plan: self.plan,
            line,
        });
        self.stack.push((rank, index));
    }

    /// The last task is left out when the text ends inside it: its own text
    /// cut mid-sentence, its annotation cut (a bracket left open, a last name
    /// broken off), or no units named where the tasks before it name theirs.
    fn drop_cut_tail(&mut self) {
        let Some(last) = self.doc.tasks.len().checked_sub(1) else {
            return;
        };
        let reach = self.reach[last];
        let after: Vec<&Line> = self
            .lines
            .iter()
            .filter(|line| line.number > reach && line.number <= self.last_content)
            .filter(|line| !matches!(line.kind, Kind::Blank | Kind::Noise))
            .collect();
        let last_line = self
            .lines
            .iter()
            .rev()
            .find(|line| line.number == self.last_content)
            .map_or("", |line| line.text.trim_end());
        let last_line_open = !last_line.is_empty() && !ends_sentence(last_line);
        let at_tail = after.is_empty()
            || after.len() <= 2
                && last_line_open
                && after.iter().all(|line| matches!(line.kind, Kind::Text));
        if !at_tail {
            return;
        }
        let task = &self.doc.tasks[last];
        let units = task.assignment.map(|index| &self.doc.assignments[index]);
        let has_units = |task: &ParsedTask| {
            task.assignment
                .is_some_and(|index| !self.doc.assignments[index].is_empty())
        };
        let others = &self.doc.tasks[..last];
        let with_units = others.iter().filter(|task| has_units(task)).count();
        let units_expected = !others.is_empty() && with_units * 3 >= others.len() * 2;
        let text_cut = !self.closed[last] && !ends_sentence(task.text.trim_end());
        let units_missing =
            !has_units(task) && units_expected && !self.section_units_of(task.section);
        let view = self.folded.view();
        let name_cut = after.is_empty()
            && last_line_open
            && units.is_some_and(|units| {
                Role::ALL.iter().any(|role| {
                    units.units(*role).iter().any(|unit| {
                        let unit = crate::cjk::simplify(unit);
                        last_line.ends_with(&*unit)
                            && (!crate::lexicon::lexicon().ends_like_unit(&unit)
                                || begins_a_longer_name(view, &unit))
                    })
                })
            });
        let label_left = after.iter().any(|line| {
            crate::lexicon::lexicon()
                .label(line.text.trim_end_matches([':', ' ']))
                .is_some()
        });
        if !(self.cut[last] || text_cut || units_missing || name_cut || label_left) {
            return;
        }
        let number = task
            .number
            .as_ref()
            .map_or_else(String::new, |number| format!(" {number}"));
        let start: String = task.text.chars().take(16).collect();
        let line = task.line;
        self.doc.tasks.pop();
        self.reach.pop();
        self.cut.pop();
        self.closed.pop();
        self.warn(
            Some(line),
            WarningKind::Other,
            format!("the text ends inside task{number} ({start}…): it is left out as incomplete"),
        );
    }

    /// True when a heading above `section` names units.
    fn section_units_of(&self, section: Option<usize>) -> bool {
        let mut current = section;
        while let Some(index) = current {
            if self.section_assignment[index]
                .is_some_and(|assignment| !self.doc.assignments[assignment].is_empty())
            {
                return true;
            }
            current = self.doc.sections[index].parent;
        }
        false
    }

    /// Tasks take the roles they do not name, and the leaders, from the
    /// headings above them.
    fn inherit_section_units(&mut self) {
        let mut merged: FxHashMap<(Option<usize>, usize), usize> = FxHashMap::default();
        for task_index in 0..self.doc.tasks.len() {
            let mut section = self.doc.tasks[task_index].section;
            while let Some(index) = section {
                if let Some(inherited) = self.section_assignment[index] {
                    let own = self.doc.tasks[task_index].assignment;
                    let key = (own, inherited);
                    let result = match merged.get(&key) {
                        Some(result) => *result,
                        None => {
                            let result = self.inherit(own, inherited);
                            merged.insert(key, result);
                            result
                        }
                    };
                    self.doc.tasks[task_index].assignment = Some(result);
                }
                section = self.doc.sections[index].parent;
            }
        }
    }

    /// The assignment `own` completed with the roles and leaders it lacks
    /// from `inherited`.
    fn inherit(&mut self, own: Option<usize>, inherited: usize) -> usize {
        let from = self.doc.assignments[inherited].clone();
        let Some(own) = own else {
            return inherited;
        };
        let mut result = self.doc.assignments[own].clone();
        let mut changed = false;
        for role in Role::ALL {
            if result.units(role).is_empty() && !from.units(role).is_empty() {
                for unit in from.units(role) {
                    if !result.names(unit) {
                        result.units_mut(role).push(unit.clone());
                        changed = true;
                    }
                }
            }
        }
        if result.leaders.is_empty() && !from.leaders.is_empty() {
            result.leaders.clone_from(&from.leaders);
            changed = true;
        }
        if changed {
            self.add_assignment(result)
        } else {
            own
        }
    }

    fn warn(&mut self, line: Option<u32>, kind: WarningKind, message: String) {
        self.doc.warnings.push(ParseWarning {
            line,
            kind,
            message,
        });
    }
}

/// The most characters a cut name can lack (管委 of 管委会, 市监察 of 市监察局).
const MAX_MISSING_CHARS: usize = 4;

/// True when `unit` is, somewhere in `view`, the start of a longer name:
/// 各开发区管委 at the end of a text that writes 各开发区管委会 elsewhere. The
/// longer name ends like a unit a few characters on; a name followed by
/// other words (县人民医院门诊综合楼) is no longer name.
fn begins_a_longer_name(view: &str, unit: &str) -> bool {
    let lexicon = lexicon();
    !unit.is_empty()
        && view.match_indices(unit).any(|(at, _)| {
            let after = &view[at + unit.len()..];
            after
                .char_indices()
                .take_while(|(_, c)| crate::cjk::is_han(*c))
                .take(MAX_MISSING_CHARS)
                .any(|(index, c)| {
                    let end = at + unit.len() + index + c.len_utf8();
                    lexicon.ends_like_unit(&view[at..end])
                })
        })
}

/// A task's text without the words that introduce a list of tasks before
/// it (`7项未完成的项目具体为:为残疾人…` → `为残疾人…`).
fn after_lead_in(segment: &str) -> &str {
    segment
        .match_indices(':')
        .find(|(at, _)| {
            lexicon()
                .ending_in(List::ListLeadIn, &segment[..*at])
                .is_some()
        })
        .map_or(segment, |(at, colon)| {
            segment[at + colon.len()..].trim_start()
        })
}

/// Punctuation left at the ends of a paragraph's task by the brackets
/// around it.
fn is_segment_trim(c: char) -> bool {
    c.is_whitespace() || matches!(c, '。' | ',' | ';' | '、')
}

/// The rank of a heading row in a table: by its numbering, else just above tasks.
fn heading_rank_of(title: &str, mode: TaskMode) -> u8 {
    super::numbering::marker(title)
        .map(|marker| marker.style.rank() * 2)
        .filter(|rank| *rank < mode.task_rank())
        .unwrap_or(mode.task_rank() - 1)
}

/// The task number as a string: digits for arabic and circled numbers, the
/// numeral as written for Chinese ones.
fn task_number(marker: &Marker) -> String {
    match marker.style {
        NumberStyle::ArabicDot | NumberStyle::ArabicParen | NumberStyle::Circled => {
            marker.value.to_string()
        }
        NumberStyle::Part
        | NumberStyle::Article
        | NumberStyle::Item
        | NumberStyle::ChineseComma
        | NumberStyle::ChineseParen => {
            let written: String = marker
                .written
                .chars()
                .filter(|c| super::numbering::is_numeral(*c) || *c == '〇')
                .collect();
            written
        }
    }
}
