//! Building the store from parsed documents: interning unit names, resolving
//! departments, and filling the indexes.

use std::collections::HashMap;

use super::{
    City, CityId, DocId, Document, RolePostings, SectionId, SectionNode, Store, StoreWarning, Task,
    TaskId, UnitId, UnitRef,
};
use crate::departments::Departments;
use crate::model::{ParsedDocument, Role};

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

/// Collects documents and warnings, then builds a [`Store`].
#[derive(Debug)]
pub struct StoreBuilder {
    documents: Vec<Document>,
    sections: Vec<SectionNode>,
    tasks: Vec<Task>,
    unit_names: Vec<Box<str>>,
    unit_ids: HashMap<Box<str>, UnitId>,
    departments: Departments,
    postings: Vec<RolePostings>,
    cities: Vec<City>,
    city_ids: HashMap<String, CityId>,
    warnings: Vec<StoreWarning>,
}

impl StoreBuilder {
    /// An empty builder resolving departments with `departments`.
    pub fn new(departments: Departments) -> Self {
        Self {
            documents: Vec::new(),
            sections: Vec::new(),
            tasks: Vec::new(),
            unit_names: Vec::new(),
            unit_ids: HashMap::new(),
            departments,
            postings: Vec::new(),
            cities: Vec::new(),
            city_ids: HashMap::new(),
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
        let LoadedDocument {
            source,
            content_hash,
            parsed,
        } = loaded;
        let doc_id = id(self.documents.len());
        let city = parsed
            .meta
            .city
            .clone()
            .map(|name| self.city_id(name, doc_id));
        for warning in &parsed.warnings {
            let message = match warning.line {
                Some(line) => format!("line {line}: {}", warning.message),
                None => warning.message.clone(),
            };
            self.warnings.push(StoreWarning {
                source: source.clone(),
                document: Some(doc_id),
                message,
            });
        }
        let first_section = id(self.sections.len());
        self.add_sections(doc_id, &parsed);
        let first_task = id(self.tasks.len());
        let city_name = parsed.meta.city.as_deref();
        for task in &parsed.tasks {
            let units = self.resolve_units(&parsed, task, city_name);
            let lead_inferred = !units.iter().any(|u| u.role == Role::Lead)
                && units.iter().any(|u| u.role == Role::Responsible);
            let section = task.section.map(|index| first_section + id(index));
            self.add_task(Task {
                document: doc_id,
                plan: task.plan.map(id),
                section,
                number: task.number.as_deref().map(Box::from),
                text: task.text.as_str().into(),
                units: units.into_boxed_slice(),
                lead_inferred,
                line: task.line,
                deadline: task.deadline.as_deref().map(Box::from),
            });
        }
        let tasks = first_task..id(self.tasks.len());
        if let Some(city) = city {
            self.cities[city as usize].task_count += tasks.len();
        }
        self.documents.push(Document {
            source,
            meta: parsed.meta,
            city,
            plans: parsed.plans,
            warnings: parsed.warnings,
            tasks,
            content_hash,
        });
    }

    fn city_id(&mut self, name: String, doc: DocId) -> CityId {
        let next = id(self.cities.len());
        let city = *self.city_ids.entry(name.clone()).or_insert(next);
        if city == next {
            self.cities.push(City {
                name,
                documents: Vec::new(),
                task_count: 0,
            });
        }
        self.cities[city as usize].documents.push(doc);
        city
    }

    fn add_sections(&mut self, doc_id: DocId, parsed: &ParsedDocument) {
        let first = id(self.sections.len());
        for section in &parsed.sections {
            let parent = section.parent.map(|index| first + id(index));
            let depth = parent.map_or(0, |parent| self.sections[parent as usize].depth + 1);
            self.sections.push(SectionNode {
                document: doc_id,
                parent,
                title: section.title.as_str().into(),
                plan: section.plan.map(id),
                line: section.line,
                depth,
                tasks: 0..0,
            });
        }
    }

    fn resolve_units(
        &mut self,
        parsed: &ParsedDocument,
        task: &crate::model::ParsedTask,
        city: Option<&str>,
    ) -> Vec<UnitRef> {
        let Some(assignment) = parsed.assignment_of(task) else {
            return Vec::new();
        };
        let mut units = Vec::new();
        for role in Role::ALL {
            for name in assignment.units(role) {
                let unit = self.unit_id(name);
                let dept = self.departments.intern(name, city);
                units.push(UnitRef { unit, dept, role });
            }
        }
        units
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

    fn add_task(&mut self, task: Task) {
        let task_id = id(self.tasks.len());
        self.index_units(task_id, &task);
        self.extend_section_ranges(task_id, task.section);
        self.tasks.push(task);
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

    fn extend_section_ranges(&mut self, task_id: TaskId, section: Option<SectionId>) {
        let mut current = section;
        while let Some(section) = current {
            let node = &mut self.sections[section as usize];
            if node.tasks.is_empty() {
                node.tasks = task_id..task_id + 1;
            } else {
                node.tasks.end = task_id + 1;
            }
            current = node.parent;
        }
    }

    /// The finished store.
    pub fn finish(mut self) -> Store {
        self.postings
            .resize_with(self.departments.len(), RolePostings::default);
        Store {
            documents: self.documents,
            sections: self.sections,
            tasks: self.tasks,
            unit_names: self.unit_names,
            departments: self.departments,
            postings: self.postings,
            cities: self.cities,
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
