//! Review checks: problems a reviewer should look at, computed from the store.
//!
//! Levels:
//! - error: a task with no unit at all (nobody is responsible);
//! - warning: several lead units (多头牵头), an annotation line with no task
//!   above it, a task number out of sequence, a document with no task, the
//!   same task text twice, a likely typo in a unit name;
//! - info: a lead inferred from the first responsible unit. That is the usual
//!   rule (列第一位的为牵头单位), so it is worth confirming, not wrong.

mod assignment;
mod duplicates;
mod parse_warnings;
mod typos;

use crate::model::WarningKind;
use crate::store::{DocId, Store, TaskId, UnitId};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Info,
    Warning,
    Error,
}

impl Level {
    /// The lowercase name printed by `zeren check`.
    pub fn name(self) -> &'static str {
        match self {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

/// What a problem is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ProblemKind {
    /// A task naming no unit at all.
    NoUnit,
    /// A lead taken from the first responsible unit.
    InferredLead,
    /// Several lead units (多头牵头).
    SeveralLeads,
    /// An annotation line with no task above it.
    OrphanAnnotation,
    /// A task number that breaks the running sequence.
    NumberOutOfSequence,
    /// A document in which no task was found.
    NoTasks,
    /// The same task text as an earlier task.
    DuplicateText,
    /// A unit name used once that is a near-homophone of a frequent one.
    LikelyTypo,
}

impl ProblemKind {
    /// Every kind, in the order summaries list them.
    pub const ALL: [ProblemKind; 8] = [
        ProblemKind::NoUnit,
        ProblemKind::InferredLead,
        ProblemKind::SeveralLeads,
        ProblemKind::OrphanAnnotation,
        ProblemKind::NumberOutOfSequence,
        ProblemKind::NoTasks,
        ProblemKind::DuplicateText,
        ProblemKind::LikelyTypo,
    ];

    /// The kebab-case name printed by `zeren check`.
    pub fn name(self) -> &'static str {
        match self {
            ProblemKind::NoUnit => "no-unit",
            ProblemKind::InferredLead => "inferred-lead",
            ProblemKind::SeveralLeads => "several-leads",
            ProblemKind::OrphanAnnotation => "orphan-annotation",
            ProblemKind::NumberOutOfSequence => "number-out-of-sequence",
            ProblemKind::NoTasks => "no-tasks",
            ProblemKind::DuplicateText => "duplicate-text",
            ProblemKind::LikelyTypo => "likely-typo",
        }
    }

    /// How serious a problem of this kind is.
    pub fn level(self) -> Level {
        match self {
            ProblemKind::NoUnit => Level::Error,
            ProblemKind::InferredLead => Level::Info,
            _ => Level::Warning,
        }
    }
}

/// One problem, located by file, line and task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub level: Level,
    pub kind: ProblemKind,
    pub document: DocId,
    /// The document's path as the user gave it.
    pub source: String,
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    pub task: Option<TaskId>,
    /// What the problem is, for a message in either language
    /// (`crate::tui::i18n::problem_message`).
    pub detail: Detail,
}

/// The facts of a problem, from which its message is worded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detail {
    /// The task names no unit.
    NoUnit,
    /// The lead is taken from this first responsible unit.
    InferredLead { unit: UnitId },
    /// These units are all named lead.
    SeveralLeads { units: Vec<UnitId> },
    /// The parser's warning, as it wrote it.
    Parser { kind: WarningKind, message: String },
    /// The task's text is that of task `first`.
    DuplicateText { first: TaskId },
    /// `unit` is used once and is likely a slip for `original`, used `uses`
    /// times.
    LikelyTypo {
        unit: UnitId,
        original: UnitId,
        uses: usize,
    },
}

impl Problem {
    /// A problem about one task, at the task's line.
    fn at_task(store: &Store, kind: ProblemKind, task: TaskId, detail: Detail) -> Self {
        let document = store.task(task).document;
        Self {
            level: kind.level(),
            kind,
            document,
            source: store.document(document).source.clone(),
            line: Some(store.task(task).line),
            task: Some(task),
            detail,
        }
    }
}

/// Every problem in `store`, ordered by document, line and kind.
pub fn check(store: &Store) -> Vec<Problem> {
    let mut problems = assignment::check(store);
    problems.extend(parse_warnings::check(store));
    problems.extend(duplicates::check(store));
    problems.extend(typos::check(store));
    problems.sort_by_key(|problem| (problem.document, problem.line, problem.task, problem.kind));
    problems
}

/// How many problems of each kind there are, in [`ProblemKind::ALL`] order,
/// leaving out kinds with none.
pub fn count_by_kind(problems: &[Problem]) -> Vec<(ProblemKind, usize)> {
    ProblemKind::ALL
        .into_iter()
        .map(|kind| {
            let count = problems
                .iter()
                .filter(|problem| problem.kind == kind)
                .count();
            (kind, count)
        })
        .filter(|&(_, count)| count > 0)
        .collect()
}

/// The first characters of a task text, for messages.
pub fn excerpt(text: &str) -> String {
    const EXCERPT_CHARS: usize = 20;
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}
