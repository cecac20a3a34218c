//! The in-memory store: every loaded document, its sections and tasks, the
//! units named for them, and the indexes that answer filters.

mod build;
mod dept_query;
mod filter;
mod places;

pub use build::{LoadedDocument, PreparedDocument, StoreBuilder, content_hash};
pub use dept_query::DeptGroup;
pub use filter::{DeptCondition, Filter, PlaceFilter, RoleFilter};
pub use places::{Place, PlaceId, Places};

use std::ops::Range;

use crate::departments::{Departments, DeptId};
use crate::model::{DocumentMeta, ParseWarning, Role};

/// Index of a document in the store.
pub type DocId = u32;
/// Index of a task in the store; tasks are stored in document order.
pub type TaskId = u32;
/// Index of a section heading in the store.
pub type SectionId = u32;
/// Index of a unit name as written.
pub type UnitId = u32;

/// One loaded document.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path as the user gave it (built-in files: `assets/corpus/NAME`).
    pub source: String,
    pub meta: DocumentMeta,
    /// The place that issued it (the end of `meta.region`, or its city).
    pub place: Option<PlaceId>,
    pub plans: Vec<String>,
    pub warnings: Vec<ParseWarning>,
    /// The document's tasks, a range of task ids.
    pub tasks: Range<TaskId>,
    /// Hash of the document's text, for identifying tasks across loads.
    pub content_hash: u64,
}

/// A heading in a document's section tree.
#[derive(Debug, Clone)]
pub struct SectionNode {
    pub document: DocId,
    pub parent: Option<SectionId>,
    pub title: Box<str>,
    pub plan: Option<u32>,
    pub line: u32,
    /// Nesting depth, 0 for an outermost heading.
    pub depth: u8,
    /// The tasks under this heading and its subheadings.
    pub tasks: Range<TaskId>,
}

/// One unit named for a task, in one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitRef {
    pub unit: UnitId,
    pub dept: DeptId,
    pub role: Role,
}

/// Where a task's text lies in the store's one buffer of task texts: kept
/// together, a scan over many tasks reads memory in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextSpan {
    start: usize,
    end: usize,
}

impl TextSpan {
    /// The span of `len` bytes after the first `start`.
    fn new(start: usize, len: usize) -> Self {
        Self {
            start,
            end: start + len,
        }
    }

    /// The span moved `offset` bytes further.
    fn shifted(self, offset: usize) -> Self {
        Self::new(self.start + offset, self.end - self.start)
    }
}

/// One task.
#[derive(Debug, Clone)]
pub struct Task {
    pub document: DocId,
    /// Index into the document's plans.
    pub plan: Option<u32>,
    pub section: Option<SectionId>,
    pub number: Option<Box<str>>,
    /// Where the task's text is in the store's text buffer
    /// ([`Store::text_of`]).
    pub text: TextSpan,
    /// Units in document order within each role.
    pub units: Box<[UnitRef]>,
    /// The persons or posts in charge, as written (牵头领导, 分管领导).
    pub leaders: Box<[Box<str>]>,
    /// True when no lead is named and the first responsible unit leads.
    pub lead_inferred: bool,
    pub line: u32,
    pub deadline: Option<Box<str>>,
}

impl Task {
    /// The units named in one role, in document order.
    pub fn units_in(&self, role: Role) -> impl Iterator<Item = &UnitRef> {
        self.units.iter().filter(move |unit| unit.role == role)
    }

    /// The lead units: those named as lead, or the inferred first responsible unit.
    pub fn effective_lead(&self) -> impl Iterator<Item = &UnitRef> {
        let inferred = self
            .lead_inferred
            .then(|| self.units_in(Role::Responsible).next())
            .flatten();
        self.units_in(Role::Lead).chain(inferred)
    }

    /// True when no unit at all is named.
    pub fn has_no_unit(&self) -> bool {
        self.units.is_empty()
    }
}

/// Consecutive tasks of one document under the same plan title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRun {
    pub document: DocId,
    /// Index into the document's plans.
    pub plan: u32,
    pub tasks: Range<TaskId>,
}

/// Per-role task lists of one department, sorted by task id.
#[derive(Debug, Clone, Default)]
pub struct RolePostings {
    /// Effective lead (named, or inferred from the first responsible unit).
    pub lead: Vec<TaskId>,
    pub responsible: Vec<TaskId>,
    pub cooperating: Vec<TaskId>,
    /// Any role.
    pub any: Vec<TaskId>,
    /// Tasks whose lead is this department by inference only.
    pub inferred_lead: Vec<TaskId>,
}

impl RolePostings {
    /// The task list for a role filter.
    pub fn for_role(&self, role: RoleFilter) -> &[TaskId] {
        match role {
            RoleFilter::Lead => &self.lead,
            RoleFilter::Responsible => &self.responsible,
            RoleFilter::Cooperating => &self.cooperating,
            RoleFilter::Any => &self.any,
        }
    }
}

/// A load problem: a file that could not be read, or a line the parser could
/// not place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreWarning {
    pub source: String,
    /// The document the warning is about, when it loaded.
    pub document: Option<DocId>,
    pub message: String,
}

/// Everything loaded, with its indexes.
#[derive(Debug)]
pub struct Store {
    documents: Vec<Document>,
    sections: Vec<SectionNode>,
    tasks: Vec<Task>,
    /// Every task's text, one after the other in task order.
    texts: String,
    /// Each task's span of `texts`, by task id: a scan over many tasks reads
    /// these few bytes per task, not whole tasks.
    text_spans: Vec<TextSpan>,
    plan_runs: Vec<PlanRun>,
    unit_names: Vec<Box<str>>,
    departments: Departments,
    postings: Vec<RolePostings>,
    places: Places,
    warnings: Vec<StoreWarning>,
}

impl Store {
    /// All documents, by id.
    pub fn documents(&self) -> &[Document] {
        &self.documents
    }

    /// One document.
    pub fn document(&self, id: DocId) -> &Document {
        &self.documents[id as usize]
    }

    /// All tasks, by id, in document order.
    pub fn tasks(&self) -> &[Task] {
        &self.tasks
    }

    /// One task.
    pub fn task(&self, id: TaskId) -> &Task {
        &self.tasks[id as usize]
    }

    /// The text of `task`, a task of this store.
    pub fn text_of(&self, task: &Task) -> &str {
        self.text_in(task.text)
    }

    /// The text of task `id`, for scans over many tasks.
    pub fn task_text(&self, id: TaskId) -> &str {
        self.text_spans
            .get(id as usize)
            .map_or("", |&span| self.text_in(span))
    }

    fn text_in(&self, span: TextSpan) -> &str {
        self.texts.get(span.start..span.end).unwrap_or("")
    }

    /// The runs of tasks under one plan title, in task order; tasks with no
    /// plan are in none.
    pub fn plan_runs(&self) -> &[PlanRun] {
        &self.plan_runs
    }

    /// All section headings, by id.
    pub fn sections(&self) -> &[SectionNode] {
        &self.sections
    }

    /// One section heading.
    pub fn section(&self, id: SectionId) -> &SectionNode {
        &self.sections[id as usize]
    }

    /// A unit's name as written in the document.
    pub fn unit_name(&self, unit: UnitId) -> &str {
        &self.unit_names[unit as usize]
    }

    /// The department catalogue.
    pub fn departments(&self) -> &Departments {
        &self.departments
    }

    /// The tasks of a department, by role.
    pub fn postings(&self, dept: DeptId) -> &RolePostings {
        &self.postings[dept.0 as usize]
    }

    /// The tree of places documents come from.
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// Warnings from loading and parsing, by file.
    pub fn warnings(&self) -> &[StoreWarning] {
        &self.warnings
    }

    /// The place that issued a task's document, if known.
    pub fn place_of_task(&self, task: &Task) -> Option<PlaceId> {
        self.document(task.document).place
    }

    /// The heading path of a section, outermost first.
    pub fn section_path(&self, section: Option<SectionId>) -> Vec<&str> {
        let mut path = Vec::new();
        let mut current = section;
        while let Some(id) = current {
            let node = self.section(id);
            path.push(&*node.title);
            current = node.parent;
        }
        path.reverse();
        path
    }

    /// The plan title of a task, or the document title when the file holds one plan.
    pub fn plan_of(&self, task: &Task) -> Option<&str> {
        let document = self.document(task.document);
        task.plan
            .and_then(|plan| document.plans.get(plan as usize))
            .map(String::as_str)
            .or(document.meta.title.as_deref())
    }

    /// The names as written of a task's units in one role.
    pub fn unit_names_in(&self, task: &Task, role: Role) -> Vec<&str> {
        task.units_in(role)
            .map(|unit| self.unit_name(unit.unit))
            .collect()
    }
}
