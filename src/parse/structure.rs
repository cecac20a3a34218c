//! The walk over a document's body: plans, the section tree, tasks and the
//! units assigned to them.

use super::annotation::{Annotation, Found, find_inline};
use super::lines::{Kind, Line, char_count, ends_sentence};
use super::metadata::is_plan_title;
use super::numbering::{Marker, NumberStyle};
use super::table::{self, Columns, Row, TableTask};
use crate::model::{Assignment, ParseWarning, ParsedDocument, ParsedTask, Section, WarningKind};

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

/// The longest line, in characters, that can be an unnumbered heading.
const MAX_HEADING_CHARS: usize = 30;

/// The longest first sentence, in characters, of a task paragraph.
const MAX_LEAD_SENTENCE_CHARS: usize = 32;

/// The shortest task paragraph, in characters.
const MIN_PARAGRAPH_CHARS: usize = 12;

/// Headings of sections that describe how the plan is carried out (工作要求,
/// 保障措施): numbered items there are tasks only when they name units.
const REQUIREMENT_HEADINGS: [&str; 11] = [
    "工作要求",
    "有关要求",
    "保障措施",
    "组织保障",
    "工作保障",
    "保障机制",
    "实施保障",
    "组织实施",
    "指导思想",
    "基本原则",
    "总体要求",
];

/// Words that open a preamble paragraph rather than a task.
const PREAMBLE_OPENINGS: [&str; 8] = ["为", "根据", "按照", "经", "现将", "各", "附件", "特此"];

/// Chooses how tasks are marked: the numbering style that carries unit
/// annotations (inline, or a block line right after), else arabic numbers,
/// else paragraphs.
pub fn choose_mode(lines: &[Line]) -> TaskMode {
    let mut annotated = [0usize; NumberStyle::ALL.len()];
    let mut counts = [0usize; NumberStyle::ALL.len()];
    let mut last_numbered: Option<NumberStyle> = None;
    for line in lines {
        match &line.kind {
            Kind::Numbered(marker) => {
                let rank = usize::from(marker.style.rank());
                counts[rank] += 1;
                if line.inline.is_some() {
                    annotated[rank] += 1;
                    last_numbered = None;
                } else {
                    last_numbered = Some(marker.style);
                }
            }
            Kind::Block(_) => {
                if let Some(style) = last_numbered.take() {
                    annotated[usize::from(style.rank())] += 1;
                }
            }
            Kind::Text => {
                if line.inline.is_some()
                    && let Some(style) = last_numbered.take()
                {
                    annotated[usize::from(style.rank())] += 1;
                }
            }
            Kind::Blank | Kind::Noise | Kind::Footer => {}
            Kind::Row(_) => last_numbered = None,
        }
    }
    let best = NumberStyle::ALL
        .iter()
        .copied()
        .filter(|style| annotated[usize::from(style.rank())] > 0)
        .max_by_key(|style| (annotated[usize::from(style.rank())], style.rank()));
    if let Some(style) = best {
        return TaskMode::Numbered(style);
    }
    [NumberStyle::ArabicDot, NumberStyle::ArabicParen]
        .into_iter()
        .find(|style| counts[usize::from(style.rank())] >= 2)
        .map_or(TaskMode::Paragraphs, TaskMode::Numbered)
}

/// True for a paragraph that reads like a task: a short first sentence that
/// names the work, then the detail (强化生态资源保护和修复。开展…).
pub fn is_task_paragraph(text: &str) -> bool {
    if char_count(text) < MIN_PARAGRAPH_CHARS
        || PREAMBLE_OPENINGS.iter().any(|word| text.starts_with(word))
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

/// True for a short line that can name a group of tasks: 科学精准优化防控措施。
fn is_heading_shaped(text: &str) -> bool {
    let body = text.trim_end_matches(['。', '.']);
    let chars = char_count(body);
    (2..=MAX_HEADING_CHARS).contains(&chars) && !body.contains(['。', ',', ';', ':', '!', '?'])
}

/// The title of a heading: its first sentence when the line runs on into
/// body text, without the closing full stop.
fn heading_title(written: &str, rest: &str) -> String {
    let sentence = match rest.find('。') {
        Some(end) if !rest[end + '。'.len_utf8()..].trim().is_empty() => &rest[..end],
        _ => rest.trim_end_matches(['。', '.']),
    };
    format!("{written}{sentence}")
}

/// A task being read: it may continue on the next lines.
struct OpenTask {
    number: Option<String>,
    raw: String,
    /// The annotation of `raw` when already known (the line's own), so
    /// that closing the task need not look again.
    found: Option<Option<Found>>,
    line: u32,
    section: Option<usize>,
}

impl OpenTask {
    /// Adds a continuation line; the annotation must then be looked for anew.
    fn extend(&mut self, text: &str) {
        self.raw.push_str(text);
        self.found = None;
    }
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
    /// Each line's annotation (see [`Line::inline`]), taken when used.
    inline: Vec<Option<Found>>,
    mode: TaskMode,
    doc: ParsedDocument,
    stack: Vec<(u8, usize)>,
    section_assignment: Vec<Option<usize>>,
    /// Per section: under a 工作要求 / 保障措施 heading.
    section_is_requirements: Vec<bool>,
    plan: Option<usize>,
    open: Option<OpenTask>,
    /// Tasks since the last annotation that name no unit of their own.
    pending: Vec<usize>,
    last_number: Option<u32>,
    last: Last,
    blank_since_open: bool,
    table: Option<Columns>,
}

impl<'a> Walker<'a> {
    /// A walker over `lines` that finds tasks the way `mode` says;
    /// `inline` holds the lines' annotations, taken out of them.
    pub fn new(lines: &'a [Line<'a>], inline: Vec<Option<Found>>, mode: TaskMode) -> Self {
        Self {
            lines,
            inline,
            mode,
            doc: ParsedDocument::default(),
            stack: Vec::new(),
            section_assignment: Vec::new(),
            section_is_requirements: Vec::new(),
            plan: None,
            open: None,
            pending: Vec::new(),
            last_number: None,
            last: Last::Nothing,
            blank_since_open: false,
            table: None,
        }
    }

    /// Walks lines `start..` and returns what was found.
    pub fn walk(mut self, start: usize) -> ParsedDocument {
        for index in start..self.lines.len() {
            let at_footer = matches!(self.lines[index].kind, Kind::Footer);
            if at_footer && (!self.doc.tasks.is_empty() || self.open.is_some()) {
                break;
            }
            self.step(index);
        }
        self.close_open();
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
            let rank = heading_rank_of(&title, self.mode);
            self.heading(rank, "", &title, line.number);
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
        let task_rank = self.mode.task_rank();
        if rank == task_rank {
            if self.is_decimal_continuation(marker) {
                self.text(index);
                return;
            }
            if self.in_requirements() && self.inline.get(index).is_none_or(Option::is_none) {
                self.close_open();
                self.last = Last::Other;
                return;
            }
            self.close_open();
            self.check_sequence(line.number, marker.value);
            self.open = Some(OpenTask {
                number: Some(task_number(marker)),
                raw: marker.rest.to_string(),
                found: Some(self.take_inline(index)),
                line: line.number,
                section: self.current_section(),
            });
            self.last = Last::Task;
        } else if rank < task_rank {
            self.close_open();
            self.heading(rank, marker.written, marker.rest, line.number);
        } else if let Some(open) = self.open.as_mut() {
            open.extend(line.text);
        } else {
            self.text(index);
        }
    }

    /// The annotation of line `index`, found when the lines were split.
    fn take_inline(&mut self, index: usize) -> Option<Found> {
        self.inline.get_mut(index).and_then(Option::take)
    }

    /// `3.5万人…` right after task 7: a number that is really a decimal.
    fn is_decimal_continuation(&self, marker: &Marker) -> bool {
        matches!(marker.separator, Some('.' | ','))
            && marker.rest.starts_with(|c: char| c.is_ascii_digit())
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
        if self.continues_open(text) {
            if let Some(open) = self.open.as_mut() {
                open.extend(text);
            }
            return;
        }
        self.close_open();
        if is_plan_title(text) {
            self.start_plan(text);
            return;
        }
        // A numbered line read as text (a decimal) has no annotation of its
        // whole text found yet.
        let found = match line.kind {
            Kind::Text => self.take_inline(index),
            _ => find_inline(text),
        };
        let starts_task = match self.mode {
            TaskMode::Paragraphs => is_task_paragraph(text) || found.is_some(),
            TaskMode::Numbered(_) => found.as_ref().is_some_and(|found| found.start > 0),
        };
        if starts_task {
            self.open = Some(OpenTask {
                number: None,
                raw: text.to_string(),
                found: Some(found),
                line: line.number,
                section: self.current_section(),
            });
            self.last = Last::Task;
        } else if is_heading_shaped(text) && self.next_is_task(index) {
            self.heading(
                self.mode.task_rank().saturating_sub(1),
                "",
                text,
                line.number,
            );
        } else {
            self.last = Last::Other;
        }
    }

    /// True when `text` carries on the open task: no blank line between, and
    /// the task's text so far stops mid-sentence.
    fn continues_open(&self, text: &str) -> bool {
        self.open.as_ref().is_some_and(|open| {
            !self.blank_since_open && !ends_sentence(&open.raw) && !is_plan_title(text)
        })
    }

    /// True when the next meaningful line after `index` starts a task.
    fn next_is_task(&self, index: usize) -> bool {
        let next = self.lines[index + 1..]
            .iter()
            .find(|line| !matches!(line.kind, Kind::Blank | Kind::Noise | Kind::Footer));
        match (next.map(|line| &line.kind), self.mode) {
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
    fn table_heading_line(&self, index: usize) -> Option<String> {
        let columns = self.table.as_ref()?;
        let line = &self.lines[index];
        let heading_shaped = match &line.kind {
            Kind::Numbered(marker) => matches!(
                marker.style,
                NumberStyle::Part | NumberStyle::ChineseComma | NumberStyle::ChineseParen
            ),
            Kind::Text => is_heading_shaped(line.text),
            _ => false,
        };
        let next = self.lines[index + 1..]
            .iter()
            .find(|line| !matches!(line.kind, Kind::Blank | Kind::Noise));
        let next_is_data_row = next.is_some_and(|next| match &next.kind {
            Kind::Row(cells) => table::header(cells).is_none(),
            _ => false,
        });
        if !heading_shaped || !next_is_data_row {
            return None;
        }
        match table::row(columns, &[line.text]) {
            Row::Heading(title) => Some(title),
            Row::Task(_) | Row::Empty => None,
        }
    }

    fn start_plan(&mut self, title: &str) {
        self.doc.plans.push(title.to_string());
        self.plan = Some(self.doc.plans.len() - 1);
        self.stack.clear();
        self.pending.clear();
        self.last_number = None;
        self.last = Last::Nothing;
    }

    fn heading(&mut self, rank: u8, written: &str, rest: &str, line: u32) {
        let (rest, assignment) = match find_inline(rest) {
            Some(found) if found.start > 0 => {
                (&rest[..found.start], Some(found.annotation.assignment))
            }
            _ => (rest, None),
        };
        while self.stack.last().is_some_and(|(top, _)| *top >= rank) {
            self.stack.pop();
        }
        let index = self.doc.sections.len();
        let title = heading_title(written, rest.trim());
        let is_requirements =
            self.in_requirements() || REQUIREMENT_HEADINGS.iter().any(|word| title.contains(word));
        self.section_is_requirements.push(is_requirements);
        self.doc.sections.push(Section {
            parent: self.current_section(),
            title,
            plan: self.plan,
            line,
        });
        let assignment = assignment.map(|assignment| self.add_assignment(assignment));
        self.section_assignment.push(assignment);
        self.stack.push((rank, index));
        self.last = Last::Heading;
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
    /// annotation; right under a heading, of the tasks that follow it.
    fn block(&mut self, line: u32, annotation: Annotation) {
        let Annotation {
            assignment,
            deadline,
        } = annotation;
        if !self.pending.is_empty() {
            let index = self.add_assignment(assignment);
            for task in self.pending.drain(..) {
                let task = &mut self.doc.tasks[task];
                task.assignment = Some(index);
                if task.deadline.is_none() {
                    task.deadline.clone_from(&deadline);
                }
            }
        } else if self.last == Last::Heading
            && let Some(section) = self.current_section()
        {
            let index = self.add_assignment(assignment);
            self.section_assignment[section] = Some(index);
        } else {
            self.warn(
                Some(line),
                WarningKind::OrphanAnnotation,
                "annotation line with no task above it".to_string(),
            );
        }
        self.last = Last::Annotation;
    }

    fn close_open(&mut self) {
        let Some(open) = self.open.take() else {
            return;
        };
        let found = open.found.unwrap_or_else(|| find_inline(&open.raw));
        let (text, annotation) = match found {
            Some(found) => (&open.raw[..found.start], Some(found.annotation)),
            None => (open.raw.as_str(), None),
        };
        let (assignment, deadline) = match annotation {
            Some(annotation) => (
                Some(self.add_assignment(annotation.assignment)),
                annotation.deadline,
            ),
            None => (None, None),
        };
        self.push_task(ParsedTask {
            plan: self.plan,
            section: open.section,
            number: open.number,
            text: text.trim().to_string(),
            assignment,
            line: open.line,
            deadline,
        });
    }

    fn push_task(&mut self, task: ParsedTask) {
        let has_units = task.assignment.is_some();
        self.doc.tasks.push(task);
        if has_units {
            self.pending.clear();
        } else {
            self.pending.push(self.doc.tasks.len() - 1);
        }
        self.last = Last::Task;
    }

    fn table_row(&mut self, index: usize, cells: &[&str]) {
        self.close_open();
        if let Some(columns) = table::header(cells) {
            self.table = Some(columns);
            return;
        }
        let Some(columns) = self.table.clone() else {
            self.text(index);
            return;
        };
        let line = self.lines[index].number;
        match table::row(&columns, cells) {
            Row::Heading(title) => {
                let rank = heading_rank_of(&title, self.mode);
                self.heading(rank, "", &title, line);
            }
            Row::Task(task) => self.table_task(task, line),
            Row::Empty => {}
        }
    }

    fn table_task(&mut self, task: TableTask, line: u32) {
        if let Some(category) = task.category {
            let current = self
                .current_section()
                .map(|section| self.doc.sections[section].title.as_str());
            if current != Some(category.as_str()) {
                self.heading(self.mode.task_rank() - 1, "", &category, line);
            }
        }
        let assignment =
            (!task.assignment.is_empty()).then(|| self.add_assignment(task.assignment));
        self.push_task(ParsedTask {
            plan: self.plan,
            section: self.current_section(),
            number: task.number,
            text: task.text,
            assignment,
            line,
            deadline: task.deadline,
        });
    }

    /// Tasks that name no unit take those named for an enclosing heading.
    fn inherit_section_units(&mut self) {
        for task in &mut self.doc.tasks {
            if task.assignment.is_some() {
                continue;
            }
            let mut section = task.section;
            while let Some(index) = section {
                if let Some(assignment) = self.section_assignment[index] {
                    task.assignment = Some(assignment);
                    break;
                }
                section = self.doc.sections[index].parent;
            }
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
        NumberStyle::Part | NumberStyle::ChineseComma | NumberStyle::ChineseParen => marker
            .written
            .trim_matches(|c: char| matches!(c, '(' | ')' | '、' | '.' | '第'))
            .to_string(),
    }
}
