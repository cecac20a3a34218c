//! Building the store from parsed documents: interning unit names, resolving
//! departments, and filling the indexes.
//!
//! The work splits in two. [`PreparedDocument::new`] turns a parsed document
//! into store form on any thread: sections and tasks with ids local to the
//! document, each distinct unit name once. [`StoreBuilder::add_prepared`]
//! then only gives global ids, in document order: one name lookup per
//! distinct unit of a document, no copy of any text.

use super::{
    DocId, Document, PlaceId, Places, PlanRun, RolePostings, SectionNode, Store, StoreWarning,
    Task, TaskId, TextSpan, UnitId, UnitRef,
};
use crate::departments::{Departments, DeptId};
use crate::model::{ParsedDocument, ParsedTask, Role};
use rustc_hash::FxHashMap as FastMap;

/// A parsed document ready to go into the store.
#[derive(Debug, Clone)]
pub struct LoadedDocument {
    /// The path as the user gave it.
    pub source: String,
    /// Hash of the document's text (see [`content_hash`]).
    pub content_hash: u64,
    pub parsed: ParsedDocument,
}

/// The stable hash of a document's text that task identities build on.
pub fn content_hash(text: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(text.as_bytes())
}

/// A document in store form with ids local to it: section ids and task
/// ranges count from the document's first, `UnitRef::unit` indexes
/// `unit_names`, and departments are not resolved yet.
#[derive(Debug)]
pub struct PreparedDocument {
    document: Document,
    sections: Vec<SectionNode>,
    tasks: Vec<Task>,
    /// The tasks' texts one after the other; spans count from its start.
    texts: String,
    /// The distinct unit names of the document, as written.
    unit_names: Vec<String>,
}

impl PreparedDocument {
    /// Converts a parsed document, moving its texts rather than copying them.
    pub fn new(loaded: LoadedDocument) -> Self {
        let LoadedDocument {
            source,
            content_hash,
            mut parsed,
        } = loaded;
        let sections = local_sections(&mut parsed);
        let mut unit_names: Vec<String> = Vec::new();
        let mut local_units: FastMap<String, UnitId> = FastMap::default();
        let mut assignment_units: Vec<Option<AssignmentRefs>> =
            vec![None; parsed.assignments.len()];
        let mut texts = String::new();
        let tasks: Vec<Task> = std::mem::take(&mut parsed.tasks)
            .into_iter()
            .map(|task| {
                let refs = task
                    .assignment
                    .map_or_else(AssignmentRefs::default, |index| {
                        local_unit_refs(
                            &mut parsed,
                            index,
                            &mut assignment_units,
                            &mut unit_names,
                            &mut local_units,
                        )
                    });
                local_task(task, refs, &mut texts)
            })
            .collect();
        let mut prepared = Self {
            document: Document {
                source,
                meta: std::mem::take(&mut parsed.meta),
                place: None,
                plans: std::mem::take(&mut parsed.plans),
                warnings: std::mem::take(&mut parsed.warnings),
                tasks: 0..id(tasks.len()),
                content_hash,
            },
            sections,
            tasks,
            texts,
            unit_names,
        };
        prepared.fill_section_ranges();
        prepared
    }

    /// Each section's range of (local) task ids, its subsections' included.
    fn fill_section_ranges(&mut self) {
        for (task_id, task) in self.tasks.iter().enumerate() {
            let task_id = id(task_id);
            let mut current = task.section;
            while let Some(section) = current {
                let Some(node) = self.sections.get_mut(section as usize) else {
                    break;
                };
                if node.tasks.is_empty() {
                    node.tasks = task_id..task_id + 1;
                } else {
                    node.tasks.end = task_id + 1;
                }
                current = node.parent;
            }
        }
    }
}

impl From<LoadedDocument> for PreparedDocument {
    fn from(loaded: LoadedDocument) -> Self {
        Self::new(loaded)
    }
}

/// The document's sections with local parent ids and depths.
fn local_sections(parsed: &mut ParsedDocument) -> Vec<SectionNode> {
    let mut sections: Vec<SectionNode> = Vec::with_capacity(parsed.sections.len());
    for section in std::mem::take(&mut parsed.sections) {
        let parent = section.parent.map(id);
        let depth = parent
            .and_then(|parent| sections.get(parent as usize))
            .map_or(0, |parent| parent.depth.saturating_add(1));
        sections.push(SectionNode {
            document: 0,
            parent,
            title: section.title.into_boxed_str(),
            plan: section.plan.map(id),
            line: section.line,
            depth,
            tasks: 0..0,
        });
    }
    sections
}

/// The units (with local unit ids) and leaders of one assignment.
#[derive(Debug, Clone, Default)]
struct AssignmentRefs {
    units: Box<[UnitRef]>,
    leaders: Box<[Box<str>]>,
}

/// The units of assignment `index` with local unit ids, and its leaders,
/// made once per assignment (a block line names the units of several tasks).
fn local_unit_refs(
    parsed: &mut ParsedDocument,
    index: usize,
    made: &mut [Option<AssignmentRefs>],
    unit_names: &mut Vec<String>,
    local_units: &mut FastMap<String, UnitId>,
) -> AssignmentRefs {
    if let Some(Some(refs)) = made.get(index) {
        return refs.clone();
    }
    let Some(assignment) = parsed.assignments.get_mut(index) else {
        return AssignmentRefs::default();
    };
    let mut units = Vec::new();
    for role in Role::ALL {
        for name in std::mem::take(assignment.units_mut(role)) {
            let unit = match local_units.get(&name) {
                Some(&unit) => unit,
                None => {
                    let unit = id(unit_names.len());
                    unit_names.push(name.clone());
                    local_units.insert(name, unit);
                    unit
                }
            };
            units.push(UnitRef {
                unit,
                dept: DeptId(0),
                role,
            });
        }
    }
    let refs = AssignmentRefs {
        units: units.into_boxed_slice(),
        leaders: std::mem::take(&mut assignment.leaders)
            .into_iter()
            .map(String::into_boxed_str)
            .collect(),
    };
    if let Some(slot) = made.get_mut(index) {
        *slot = Some(refs.clone());
    }
    refs
}

/// The task in store form, its text appended to `texts`.
fn local_task(task: ParsedTask, refs: AssignmentRefs, texts: &mut String) -> Task {
    let AssignmentRefs { units, leaders } = refs;
    let lead_inferred = !units.iter().any(|u| u.role == Role::Lead)
        && units.iter().any(|u| u.role == Role::Responsible);
    Task {
        document: 0,
        plan: task.plan.map(id),
        section: task.section.map(id),
        number: task.number.map(String::into_boxed_str),
        text: {
            let span = TextSpan::new(texts.len(), task.text.len());
            texts.push_str(&task.text);
            span
        },
        units,
        leaders,
        lead_inferred,
        line: task.line,
        deadline: task.deadline.map(String::into_boxed_str),
    }
}

/// Collects documents and warnings, then builds a [`Store`].
#[derive(Debug)]
pub struct StoreBuilder {
    documents: Vec<Document>,
    sections: Vec<SectionNode>,
    tasks: Vec<Task>,
    texts: String,
    plan_runs: Vec<PlanRun>,
    unit_names: Vec<Box<str>>,
    unit_ids: FastMap<Box<str>, UnitId>,
    /// (place, unit) → department; place `u32::MAX` when unknown.
    unit_departments: FastMap<(PlaceId, UnitId), DeptId>,
    departments: Departments,
    postings: Vec<RolePostings>,
    places: Places,
    warnings: Vec<StoreWarning>,
}

impl StoreBuilder {
    /// An empty builder resolving departments with `departments`.
    pub fn new(departments: Departments) -> Self {
        Self {
            documents: Vec::new(),
            sections: Vec::new(),
            tasks: Vec::new(),
            texts: String::new(),
            plan_runs: Vec::new(),
            unit_names: Vec::new(),
            unit_ids: FastMap::default(),
            unit_departments: FastMap::default(),
            departments,
            postings: Vec::new(),
            places: Places::default(),
            warnings: Vec::new(),
        }
    }

    /// Records a file that could not be loaded.
    pub fn add_warning(&mut self, source: impl Into<String>, message: impl Into<String>) {
        self.warnings.push(StoreWarning {
            source: source.into(),
            document: None,
            message: message.into(),
        });
    }

    /// Adds one parsed document with its sections and tasks.
    pub fn add_document(&mut self, loaded: LoadedDocument) {
        self.add_prepared(PreparedDocument::new(loaded));
    }

    /// Adds a document prepared on another thread.
    pub fn add_prepared(&mut self, prepared: PreparedDocument) {
        let PreparedDocument {
            mut document,
            sections,
            tasks,
            texts,
            unit_names,
        } = prepared;
        let text_offset = self.texts.len();
        self.texts.push_str(&texts);
        let doc_id = id(self.documents.len());
        let first_section = id(self.sections.len());
        let first_task = id(self.tasks.len());
        document.place = self.place_of(&document, doc_id);
        self.add_parse_warnings(&document, doc_id);
        let shift =
            |range: std::ops::Range<TaskId>| range.start + first_task..range.end + first_task;
        self.sections
            .extend(sections.into_iter().map(|section| SectionNode {
                document: doc_id,
                parent: section.parent.map(|parent| parent + first_section),
                tasks: shift(section.tasks),
                ..section
            }));
        let units = self.global_units(&unit_names, document.place, document.meta.city.as_deref());
        self.tasks.reserve(tasks.len());
        for mut task in tasks {
            task.document = doc_id;
            task.text = task.text.shifted(text_offset);
            task.section = task.section.map(|section| section + first_section);
            for unit in task.units.iter_mut() {
                if let Some(&(global, dept)) = units.get(unit.unit as usize) {
                    unit.unit = global;
                    unit.dept = dept;
                }
            }
            let task_id = id(self.tasks.len());
            self.index_units(task_id, &task);
            self.extend_plan_run(doc_id, task_id, task.plan);
            self.tasks.push(task);
        }
        document.tasks = shift(document.tasks);
        self.documents.push(document);
    }

    /// Adds `task` to the run of its plan, or starts a new run.
    fn extend_plan_run(&mut self, document: DocId, task: TaskId, plan: Option<u32>) {
        let Some(plan) = plan else {
            return;
        };
        match self.plan_runs.last_mut() {
            Some(run) if run.document == document && run.plan == plan && run.tasks.end == task => {
                run.tasks.end = task + 1;
            }
            _ => self.plan_runs.push(PlanRun {
                document,
                plan,
                tasks: task..task + 1,
            }),
        }
    }

    fn add_parse_warnings(&mut self, document: &Document, doc_id: DocId) {
        for warning in &document.warnings {
            let message = match warning.line {
                Some(line) => format!("line {line}: {}", warning.message),
                None => warning.message.clone(),
            };
            self.warnings.push(StoreWarning {
                source: document.source.clone(),
                document: Some(doc_id),
                message,
            });
        }
    }

    /// The place that issued `document`: the end of its region, or its city
    /// alone when the region is unknown.
    fn place_of(&mut self, document: &Document, doc: DocId) -> Option<PlaceId> {
        let meta = &document.meta;
        if meta.region.is_empty() {
            let city = meta.city.clone()?;
            self.places.add_document(&[city], doc)
        } else {
            self.places.add_document(&meta.region, doc)
        }
    }

    /// The global unit id and department of each of a document's unit names.
    fn global_units(
        &mut self,
        names: &[String],
        place: Option<PlaceId>,
        city_name: Option<&str>,
    ) -> Vec<(UnitId, DeptId)> {
        names
            .iter()
            .map(|name| {
                let unit = self.unit_id(name);
                let key = (place.unwrap_or(PlaceId::MAX), unit);
                let dept = match self.unit_departments.get(&key) {
                    Some(&dept) => dept,
                    None => {
                        let dept = self.departments.intern(name, city_name);
                        self.unit_departments.insert(key, dept);
                        dept
                    }
                };
                (unit, dept)
            })
            .collect()
    }

    fn unit_id(&mut self, name: &str) -> UnitId {
        if let Some(&unit) = self.unit_ids.get(name) {
            return unit;
        }
        let unit = id(self.unit_names.len());
        self.unit_names.push(name.into());
        self.unit_ids.insert(name.into(), unit);
        unit
    }

    fn index_units(&mut self, task_id: TaskId, task: &Task) {
        let needed = self.departments.len();
        if self.postings.len() < needed {
            self.postings.resize_with(needed, RolePostings::default);
        }
        for unit in task.units.iter() {
            let postings = &mut self.postings[unit.dept.0 as usize];
            let list = match unit.role {
                Role::Lead => &mut postings.lead,
                Role::Responsible => &mut postings.responsible,
                Role::Cooperating => &mut postings.cooperating,
            };
            push_once(list, task_id);
            push_once(&mut postings.any, task_id);
        }
        if task.lead_inferred
            && let Some(first) = task.units_in(Role::Responsible).next()
        {
            let postings = &mut self.postings[first.dept.0 as usize];
            push_once(&mut postings.lead, task_id);
            push_once(&mut postings.inferred_lead, task_id);
        }
    }

    /// The finished store.
    pub fn finish(mut self) -> Store {
        self.postings
            .resize_with(self.departments.len(), RolePostings::default);
        Store {
            documents: self.documents,
            sections: self.sections,
            text_spans: self.tasks.iter().map(|task| task.text).collect(),
            tasks: self.tasks,
            texts: self.texts,
            plan_runs: self.plan_runs,
            unit_names: self.unit_names,
            departments: self.departments,
            postings: self.postings,
            places: {
                self.places.finish();
                self.places
            },
            warnings: self.warnings,
        }
    }
}

/// Appends `task` unless it is already the last entry (lists stay sorted and
/// free of repeats because tasks are added in id order).
fn push_once(list: &mut Vec<TaskId>, task: TaskId) {
    if list.last() != Some(&task) {
        list.push(task);
    }
}

/// Converts an index to a 32-bit id; the store holds fewer than 2³² items.
fn id(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}
