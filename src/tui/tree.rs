//! The Sections pane's tree: documents, their plans (when a file holds
//! several), and the 一、 and (一) headings, each collapsible.

use std::collections::HashSet;
use std::ops::Range;

use super::view::ViewResult;
use crate::store::{DocId, SectionId, Store, TaskId};

/// Documents beyond this count start collapsed.
const EXPAND_UP_TO_DOCUMENTS: usize = 12;

/// A node of the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Node {
    Document(DocId),
    Plan(DocId, u32),
    Section(SectionId),
}

/// One visible row of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeRow {
    pub node: Node,
    pub depth: usize,
    pub count: usize,
    pub has_children: bool,
    pub expanded: bool,
}

/// The tree's shape (computed once per store) and which nodes are open.
#[derive(Debug, Clone)]
pub struct SectionTree {
    /// Headings with no parent, per document.
    roots: Vec<Vec<SectionId>>,
    /// Sub-headings of each heading.
    children: Vec<Vec<SectionId>>,
    /// Nodes whose open state differs from the default.
    toggled: HashSet<Node>,
    open_by_default: bool,
}

impl SectionTree {
    /// The tree of `store`'s documents.
    pub fn new(store: &Store) -> Self {
        let mut roots = vec![Vec::new(); store.documents().len()];
        let mut children = vec![Vec::new(); store.sections().len()];
        for (index, section) in store.sections().iter().enumerate() {
            let id = SectionId::try_from(index).unwrap_or(SectionId::MAX);
            match section.parent {
                Some(parent) => children[parent as usize].push(id),
                None => roots[section.document as usize].push(id),
            }
        }
        Self {
            roots,
            children,
            toggled: HashSet::new(),
            open_by_default: store.documents().len() <= EXPAND_UP_TO_DOCUMENTS,
        }
    }

    fn is_open(&self, node: Node) -> bool {
        let default = match node {
            Node::Document(_) | Node::Plan(..) => self.open_by_default,
            Node::Section(_) => true,
        };
        default != self.toggled.contains(&node)
    }

    /// Opens or closes a node.
    pub fn set_open(&mut self, node: Node, open: bool) {
        if self.is_open(node) != open && !self.toggled.remove(&node) {
            self.toggled.insert(node);
        }
    }

    /// The visible rows: nodes with tasks under the current filters, inside
    /// open parents.
    pub fn rows(&self, store: &Store, view: &ViewResult) -> Vec<TreeRow> {
        let mut rows = Vec::new();
        for (index, document) in store.documents().iter().enumerate() {
            let doc = DocId::try_from(index).unwrap_or(DocId::MAX);
            let count = view.document_counts.get(index).copied().unwrap_or(0);
            if count == 0 {
                continue;
            }
            let node = Node::Document(doc);
            let open = self.is_open(node);
            rows.push(TreeRow {
                node,
                depth: 0,
                count,
                has_children: !self.roots[index].is_empty() || document.plans.len() > 1,
                expanded: open,
            });
            if !open {
                continue;
            }
            if document.plans.len() > 1 {
                self.push_plans(store, view, doc, &mut rows);
            } else {
                self.push_sections(view, &self.roots[index], 1, &mut rows);
            }
        }
        rows
    }

    fn push_plans(&self, store: &Store, view: &ViewResult, doc: DocId, rows: &mut Vec<TreeRow>) {
        let plans = store.document(doc).plans.len();
        for plan in 0..u32::try_from(plans).unwrap_or(u32::MAX) {
            let count = view.plan_counts.get(&(doc, plan)).copied().unwrap_or(0);
            if count == 0 {
                continue;
            }
            let sections: Vec<SectionId> = self.roots[doc as usize]
                .iter()
                .copied()
                .filter(|&section| store.section(section).plan == Some(plan))
                .collect();
            let node = Node::Plan(doc, plan);
            let open = self.is_open(node);
            rows.push(TreeRow {
                node,
                depth: 1,
                count,
                has_children: !sections.is_empty(),
                expanded: open,
            });
            if open {
                self.push_sections(view, &sections, 2, rows);
            }
        }
    }

    fn push_sections(
        &self,
        view: &ViewResult,
        sections: &[SectionId],
        depth: usize,
        rows: &mut Vec<TreeRow>,
    ) {
        for &section in sections {
            let count = view
                .section_counts
                .get(section as usize)
                .copied()
                .unwrap_or(0);
            if count == 0 {
                continue;
            }
            let node = Node::Section(section);
            let children = &self.children[section as usize];
            let open = self.is_open(node);
            rows.push(TreeRow {
                node,
                depth,
                count,
                has_children: !children.is_empty(),
                expanded: open,
            });
            if open {
                self.push_sections(view, children, depth + 1, rows);
            }
        }
    }
}

/// The tasks under a node: a contiguous range of task ids.
pub fn node_tasks(store: &Store, node: Node) -> Range<TaskId> {
    match node {
        Node::Document(doc) => store.document(doc).tasks.clone(),
        Node::Section(section) => store.section(section).tasks.clone(),
        Node::Plan(doc, plan) => {
            let tasks = store.document(doc).tasks.clone();
            let in_plan = |id: &TaskId| store.task(*id).plan == Some(plan);
            let first = tasks.clone().find(in_plan);
            let last = tasks.rev().find(in_plan);
            match (first, last) {
                (Some(first), Some(last)) => first..last + 1,
                _ => 0..0,
            }
        }
    }
}

/// A notice title without its wrapping: `X市人民政府办公室关于印发Y的通知` → `Y`.
fn short_title(title: &str) -> &str {
    let inner = ["关于印发", "关于"]
        .iter()
        .find_map(|word| title.find(word).map(|at| &title[at + word.len()..]))
        .unwrap_or(title);
    let inner = ["的通知", "的意见", "的决定"]
        .iter()
        .find_map(|ending| inner.strip_suffix(ending))
        .unwrap_or(inner);
    if inner.is_empty() { title } else { inner }
}

/// The label of a node: city and title for a document, the heading otherwise.
pub fn node_label(store: &Store, node: Node) -> String {
    match node {
        Node::Document(doc) => {
            let document = store.document(doc);
            let name = document.meta.title.as_deref().map_or_else(
                || {
                    document
                        .source
                        .rsplit('/')
                        .next()
                        .unwrap_or(&document.source)
                        .to_string()
                },
                |title| short_title(title).to_string(),
            );
            match &document.meta.city {
                Some(city) => format!("{city} · {name}"),
                None => name,
            }
        }
        Node::Plan(doc, plan) => store
            .document(doc)
            .plans
            .get(plan as usize)
            .cloned()
            .unwrap_or_default(),
        Node::Section(section) => store.section(section).title.to_string(),
    }
}
