//! What the parser finds in one document, before it goes into the store.

use serde::Serialize;

/// How a list of units is written in one line or cell: 市发改委、市财政局.
pub const UNIT_SEPARATOR: &str = "、";

/// The part a unit plays in a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// 牵头单位 / 牵头部门.
    Lead,
    /// 责任单位 / 责任部门.
    Responsible,
    /// 配合单位 / 配合部门 / 协办单位 / 参与单位.
    Cooperating,
}

impl Role {
    /// All roles, in the order they are shown.
    pub const ALL: [Role; 3] = [Role::Lead, Role::Responsible, Role::Cooperating];

    /// The lowercase English name used on the command line and in exports.
    pub fn name(self) -> &'static str {
        match self {
            Role::Lead => "lead",
            Role::Responsible => "responsible",
            Role::Cooperating => "cooperating",
        }
    }
}

/// The units named for a task (or for a group of tasks, by a block line),
/// and the persons or posts in charge of it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Assignment {
    pub lead: Vec<String>,
    pub responsible: Vec<String>,
    pub cooperating: Vec<String>,
    /// 牵头领导, 分管领导, 责任领导…: persons or posts, never units.
    pub leaders: Vec<String>,
}

impl Assignment {
    /// True when no unit is named at all.
    pub fn is_empty(&self) -> bool {
        self.lead.is_empty() && self.responsible.is_empty() && self.cooperating.is_empty()
    }

    /// The units of one role.
    pub fn units(&self, role: Role) -> &[String] {
        match role {
            Role::Lead => &self.lead,
            Role::Responsible => &self.responsible,
            Role::Cooperating => &self.cooperating,
        }
    }

    /// The units of one role, for adding to.
    pub fn units_mut(&mut self, role: Role) -> &mut Vec<String> {
        match role {
            Role::Lead => &mut self.lead,
            Role::Responsible => &mut self.responsible,
            Role::Cooperating => &mut self.cooperating,
        }
    }

    /// True when neither a unit nor a leader is named.
    pub fn is_blank(&self) -> bool {
        self.is_empty() && self.leaders.is_empty()
    }

    /// Adds the units and leaders of `other` that are not here yet, role by
    /// role; a unit keeps the first role it was given.
    pub fn merge(&mut self, other: &Assignment) {
        for role in Role::ALL {
            for unit in other.units(role) {
                if !self.names(unit) {
                    self.units_mut(role).push(unit.clone());
                }
            }
        }
        for leader in &other.leaders {
            if !self.leaders.contains(leader) {
                self.leaders.push(leader.clone());
            }
        }
    }

    /// True when `unit` has a role here.
    pub fn names(&self, unit: &str) -> bool {
        Role::ALL
            .iter()
            .any(|role| self.units(*role).iter().any(|named| named == unit))
    }
}

/// Title, city and the other facts a document tells about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentMeta {
    pub title: Option<String>,
    /// The issuing government's own place, with its suffix, at its own
    /// level (济源市, 立山区, 安徽省); `None` when the text does not tell.
    pub city: Option<String>,
    /// The administrative path from the province down to `city`
    /// (辽宁省, 鞍山市, 立山区); empty when unknown.
    pub region: Vec<String>,
    pub year: Option<u16>,
    /// 齐政办文〔2020〕5号.
    pub doc_number: Option<String>,
    /// ISO date (2020-07-22) of issue.
    pub date: Option<String>,
}

/// One heading in a document's section tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// The enclosing heading, an index into [`ParsedDocument::sections`].
    pub parent: Option<usize>,
    /// The heading as written, numbering kept (二、保持经济平稳运行).
    pub title: String,
    /// The plan the heading belongs to, an index into [`ParsedDocument::plans`].
    pub plan: Option<usize>,
    /// 1-based line of the heading.
    pub line: u32,
}

/// One task, as found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTask {
    /// Index into [`ParsedDocument::plans`].
    pub plan: Option<usize>,
    /// The innermost heading, an index into [`ParsedDocument::sections`].
    pub section: Option<usize>,
    /// The task's own number as written (`9`); `None` for an unnumbered paragraph.
    pub number: Option<String>,
    /// Task text without its number and without the trailing unit annotation.
    pub text: String,
    /// Index into [`ParsedDocument::assignments`]; `None` when no unit is named.
    pub assignment: Option<usize>,
    /// 1-based line where the task starts.
    pub line: u32,
    /// 完成时限 / 时间节点, when the document gives one.
    pub deadline: Option<String>,
}

/// A problem the parser met: a line it skipped or could not place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseWarning {
    /// 1-based line, when the problem has one.
    pub line: Option<u32>,
    pub kind: WarningKind,
    pub message: String,
}

/// What kind of problem a [`ParseWarning`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WarningKind {
    /// An annotation line with no task above it.
    OrphanAnnotation,
    /// A task number that breaks the running sequence.
    NumberOutOfSequence,
    /// The document holds no task at all.
    NoTasks,
    /// Anything else worth knowing about the text.
    Other,
}

/// Everything the parser finds in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedDocument {
    pub meta: DocumentMeta,
    /// Titles of the plans a file holds (numbering restarts in each).
    pub plans: Vec<String>,
    pub sections: Vec<Section>,
    /// Unit assignments; several tasks share one when a block line names them.
    pub assignments: Vec<Assignment>,
    pub tasks: Vec<ParsedTask>,
    pub warnings: Vec<ParseWarning>,
}

impl ParsedDocument {
    /// The heading path of a section, outermost first.
    pub fn section_path(&self, section: Option<usize>) -> Vec<&str> {
        let mut path = Vec::new();
        let mut current = section;
        while let Some(index) = current {
            let node = &self.sections[index];
            path.push(node.title.as_str());
            current = node.parent;
        }
        path.reverse();
        path
    }

    /// The units named for a task (empty when none are).
    pub fn assignment_of(&self, task: &ParsedTask) -> Option<&Assignment> {
        task.assignment.map(|index| &self.assignments[index])
    }
}
