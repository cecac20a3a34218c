//! The parser: one document's text in, its plans, sections, tasks, units and
//! metadata out.
//!
//! The parser reads the structure of the genre: numbered headings (一、 (一)),
//! numbered tasks (1.), unit annotations after a task or on block lines of
//! their own, in labels or in role verbs, leaders, plan titles that restart
//! the numbering, task tables (also flattened into text), and the page chrome
//! around them. It reads the text folded (traditional characters simplified,
//! inserted pinyin left out) and reports what it finds as written.

mod annotation;
mod flattened;
mod leaders;
mod lines;
mod metadata;
mod noise;
mod numbering;
mod stream;
mod structure;
mod table;
mod text;
mod units;

use lines::{Kind, Line};
use structure::{TaskMode, Walker};

use crate::cjk::Folded;
use crate::model::ParsedDocument;

/// True when the cells of a table row are a task table's header (a task
/// column and a role column): how a spreadsheet reader tells which sheets
/// hold plans and where their tables start.
pub fn is_table_header(cells: &[&str]) -> bool {
    let folded: Vec<String> = cells
        .iter()
        .map(|cell| crate::cjk::simplify(&crate::cjk::fold_width(cell)).into_owned())
        .collect();
    let cells: Vec<table::Cell> = folded.iter().map(|cell| vec![cell.as_str()]).collect();
    table::header(&cells).is_some()
}

/// Parses one document's text.
pub fn parse_document(text: &str) -> ParsedDocument {
    let written = crate::cjk::fold_width(text);
    let folded = Folded::new(&written);
    let lines::Split {
        mut lines,
        run_together_tables,
    } = lines::split(folded.view());
    let layout = structure::choose_layout(&lines);
    let first_structure = lines
        .iter()
        .position(|line| matches!(line.kind, Kind::Numbered(_) | Kind::Block(_) | Kind::Row(_)))
        .unwrap_or(lines.len());
    let written_of = |piece: &str| folded.written(piece).into_owned();
    let notice = metadata::notice_title(&lines, first_structure, &written_of);
    let after_notice = notice
        .as_ref()
        .and_then(|(_, used)| used.last())
        .map_or(0, |last| last + 1);
    let body_start = (after_notice..lines.len())
        .find(|&index| starts_body(&lines[index], layout.mode))
        .unwrap_or(lines.len());
    let inline = lines.iter_mut().map(|line| line.inline.take()).collect();
    let mut doc = Walker::new(&lines, &folded, inline, layout).walk(body_start);
    doc.warnings.extend(
        run_together_tables
            .into_iter()
            .map(|line| crate::model::ParseWarning {
                line: Some(line),
                kind: crate::model::WarningKind::Other,
                message: "a table run together on one line, its rows not told apart, is not read"
                    .to_string(),
            }),
    );
    let title = notice
        .map(|(title, _)| title)
        .or_else(|| doc.plans.first().cloned());
    let units: Vec<String> = doc
        .assignments
        .iter()
        .flat_map(|assignment| {
            crate::model::Role::ALL
                .iter()
                .flat_map(|role| assignment.units(*role))
        })
        .map(|unit| crate::cjk::simplify(unit).into_owned())
        .collect();
    let units: Vec<&str> = units.iter().map(String::as_str).collect();
    doc.meta = metadata::read(
        &lines,
        body_start,
        title,
        folded.view(),
        &written_of,
        &units,
    );
    doc
}

/// True for the first line of the body: a heading, a task, an annotation, a
/// table row or a plan title.
fn starts_body(line: &Line, mode: TaskMode) -> bool {
    match &line.kind {
        Kind::Numbered(_) | Kind::Block(_) | Kind::Row(_) => true,
        Kind::Text => {
            metadata::is_plan_title(line.text)
                || line.inline.as_ref().is_some_and(|found| found.start > 0)
                || (mode == TaskMode::Paragraphs && structure::is_task_paragraph(line.text))
                || !annotation::assigning_sentences(line.text).is_empty()
                || annotation::annotated_brackets(line.text).len() >= 2
        }
        Kind::Blank | Kind::Noise | Kind::Footer => false,
    }
}
