//! Properties of the parser on any input: it never panics, it gives the
//! same document for the same text, and what it gives is consistent (task
//! lines inside the text and in order, indices that point somewhere).

use proptest::prelude::*;
use zeren::input::{self, FileKind};
use zeren::model::ParsedDocument;
use zeren::parse::parse_document;

/// Pieces of the genre: numbering markers, role words in both scripts,
/// brackets and colons of both widths, units, table headers, line ends and
/// spaces of every kind.
const PIECES: [&str; 72] = [
    "一、",
    "二、",
    "十二、",
    "(一)",
    "(二)",
    "(一)",
    "1.",
    "2.",
    "3、",
    "12.",
    "(1)",
    "1)",
    "①",
    "第一部分",
    "第二章",
    "牵头单位",
    "牵头部门",
    "主责单位",
    "责任单位",
    "责任部门",
    "配合单位",
    "协同单位",
    "参与单位",
    "责任领导",
    "牽頭單位",
    "責任單位",
    "配合單位",
    "完成时限",
    "时间节点",
    "牵头",
    "配合",
    "负责",
    "协同",
    ":",
    ":",
    "(",
    ")",
    "(",
    ")",
    "【",
    "】",
    ";",
    ";",
    ",",
    "、",
    "。",
    ".",
    "\t",
    "\n",
    "\n",
    "\r\n",
    "\r",
    " ",
    "\u{3000}",
    "\u{A0}",
    "\u{FEFF}",
    "市发改委",
    "市衛健委",
    "各县(市)区人民政府",
    "等有关单位",
    "推进项目建设",
    "序号",
    "重点任务",
    "工作任务",
    "2024年12月底",
    "济源市人民政府办公室关于印发",
    "2021年工作要点的通知",
    "附件",
    "抄送:",
    "首页",
    "— 3 —",
    "〔2024〕5号",
];

/// Text made of genre pieces, with a stray character now and then.
fn genre_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        8 => prop::sample::select(PIECES.to_vec()).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
        1 => "[\u{4e00}-\u{9fa5}]{1,12}",
    ];
    prop::collection::vec(piece, 0..160).prop_map(|pieces| pieces.concat())
}

/// A task table in tab-separated text with rows of any width.
fn table_text() -> impl Strategy<Value = String> {
    let cell = prop_oneof![
        Just(String::new()),
        prop::sample::select(PIECES.to_vec()).prop_map(str::to_string),
        "[\u{4e00}-\u{9fa5}0-9]{1,8}",
    ];
    let row = prop::collection::vec(cell, 0..8).prop_map(|cells| cells.join("\t"));
    prop::collection::vec(row, 0..20).prop_map(|rows| {
        format!(
            "序号\t重点任务\t牵头单位\t配合单位\t完成时限\n{}",
            rows.join("\n")
        )
    })
}

/// What any parse must hold to.
fn check(text: &str, doc: &ParsedDocument) {
    let line_count = text.split('\n').count();
    let mut previous = 0;
    for task in &doc.tasks {
        let line = usize::try_from(task.line).unwrap_or(usize::MAX);
        assert!(
            (1..=line_count).contains(&line),
            "task line {line} outside 1..={line_count}"
        );
        // Several tasks may share a line (items run together on one line, a
        // paragraph closing each task with a bracket), never go back.
        assert!(
            line >= previous,
            "task on line {line} after line {previous}"
        );
        previous = line;
        assert!(
            task.section
                .is_none_or(|section| section < doc.sections.len())
        );
        assert!(task.plan.is_none_or(|plan| plan < doc.plans.len()));
        assert!(
            task.assignment
                .is_none_or(|assignment| assignment < doc.assignments.len())
        );
    }
    for (index, section) in doc.sections.iter().enumerate() {
        assert!(section.parent.is_none_or(|parent| parent < index));
        assert!(section.plan.is_none_or(|plan| plan < doc.plans.len()));
    }
}

fn parse_twice(text: &str) {
    let first = parse_document(text);
    check(text, &first);
    assert_eq!(first, parse_document(text), "parse is not deterministic");
}

proptest! {
    #[test]
    fn arbitrary_text_never_panics_and_parses_the_same(text in any::<String>()) {
        parse_twice(&text);
    }

    #[test]
    fn genre_like_text_never_panics_and_parses_the_same(text in genre_text()) {
        parse_twice(&text);
    }

    #[test]
    fn tables_never_panic_and_parse_the_same(text in table_text()) {
        parse_twice(&text);
    }

    #[test]
    fn decoded_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        for kind in [FileKind::Text, FileKind::Html, FileKind::Docx] {
            if let Ok(decoded) = input::decode_bytes(kind, &bytes) {
                parse_twice(&decoded.text);
            }
        }
    }
}

/// Inputs that once made the parser panic, found by the properties above.
#[test]
fn regressions_found_by_the_properties() {
    // Tasks numbered 一、 and a heading-shaped line before one: the heading
    // rank above the tasks' rank used to underflow.
    parse_twice("一、\n第一部分牵头单位:第一部分");
}
