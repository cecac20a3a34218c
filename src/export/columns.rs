//! The columns of the table exports (CSV and Excel): their headers in
//! either language, and each task's cell in each.

use std::borrow::Cow;

use super::ExportView;
use crate::model::{Role, UNIT_SEPARATOR};
use crate::store::{Store, Task, TaskId};
use crate::tui::i18n::Lang;

/// Separator of the levels of a section path in a table export.
const SECTION_SEPARATOR: &str = " > ";

/// A column of a table export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Id,
    City,
    Source,
    Title,
    Plan,
    Section,
    Number,
    Text,
    /// The lead units, named or inferred.
    Lead,
    /// Whether the lead is inferred from the first responsible unit.
    LeadInferred,
    /// The canonical names of the lead units' departments, so that a
    /// filter groups 市住建局 and 市住房城乡建设局.
    LeadDepartment,
    Responsible,
    Cooperating,
    Leaders,
    Deadline,
    Line,
    Document,
    Status,
    Note,
    Reviewer,
    ReviewedAt,
    Changed,
}

/// The CSV's columns: those of earlier versions first, in their order, then
/// the later ones.
pub const CSV_COLUMNS: [Column; 22] = [
    Column::Id,
    Column::City,
    Column::Source,
    Column::Title,
    Column::Plan,
    Column::Section,
    Column::Number,
    Column::Text,
    Column::Lead,
    Column::LeadInferred,
    Column::Responsible,
    Column::Cooperating,
    Column::Deadline,
    Column::Line,
    Column::Document,
    Column::Status,
    Column::Note,
    Column::LeadDepartment,
    Column::Leaders,
    Column::Reviewer,
    Column::ReviewedAt,
    Column::Changed,
];

/// The Excel sheet's columns, in reading order, with their widths (in
/// Excel character units; a Chinese character takes about two).
pub const SHEET_COLUMNS: [(Column, f64); 18] = [
    (Column::City, 10.0),
    (Column::Source, 28.0),
    (Column::Plan, 28.0),
    (Column::Section, 30.0),
    (Column::Number, 6.0),
    (Column::Text, 60.0),
    (Column::Lead, 22.0),
    (Column::LeadInferred, 8.0),
    (Column::LeadDepartment, 22.0),
    (Column::Responsible, 28.0),
    (Column::Cooperating, 28.0),
    (Column::Leaders, 16.0),
    (Column::Deadline, 16.0),
    (Column::Status, 10.0),
    (Column::Note, 36.0),
    (Column::Reviewer, 10.0),
    (Column::ReviewedAt, 20.0),
    (Column::Changed, 10.0),
];

impl Column {
    /// The header in the CSV: English names as scripts know them, or
    /// Chinese.
    pub fn csv_header(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.field_name(),
            Lang::Zh => self.chinese(),
        }
    }

    /// The header in the Excel sheet.
    pub fn sheet_header(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.english(),
            Lang::Zh => self.chinese(),
        }
    }

    fn field_name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::City => "city",
            Column::Source => "source",
            Column::Title => "title",
            Column::Plan => "plan",
            Column::Section => "section",
            Column::Number => "number",
            Column::Text => "text",
            Column::Lead => "lead",
            Column::LeadInferred => "lead_inferred",
            Column::LeadDepartment => "lead_department",
            Column::Responsible => "responsible",
            Column::Cooperating => "cooperating",
            Column::Leaders => "leaders",
            Column::Deadline => "deadline",
            Column::Line => "line",
            Column::Document => "document",
            Column::Status => "review_status",
            Column::Note => "review_note",
            Column::Reviewer => "reviewer",
            Column::ReviewedAt => "reviewed_at",
            Column::Changed => "changed_since_review",
        }
    }

    fn english(self) -> &'static str {
        match self {
            Column::Id => "Id",
            Column::City => "City",
            Column::Source => "File",
            Column::Title => "Title",
            Column::Plan => "Plan",
            Column::Section => "Section",
            Column::Number => "No.",
            Column::Text => "Task",
            Column::Lead => "Lead",
            Column::LeadInferred => "Lead inferred",
            Column::LeadDepartment => "Lead department",
            Column::Responsible => "Responsible",
            Column::Cooperating => "Cooperating",
            Column::Leaders => "Leaders",
            Column::Deadline => "Deadline",
            Column::Line => "Line",
            Column::Document => "Document",
            Column::Status => "Review status",
            Column::Note => "Note",
            Column::Reviewer => "Reviewer",
            Column::ReviewedAt => "Reviewed at",
            Column::Changed => "Changed since review",
        }
    }

    fn chinese(self) -> &'static str {
        match self {
            Column::Id => "编号",
            Column::City => "城市",
            Column::Source => "文件",
            Column::Title => "标题",
            Column::Plan => "计划",
            Column::Section => "章节",
            Column::Number => "序号",
            Column::Text => "任务",
            Column::Lead => "牵头单位",
            Column::LeadInferred => "牵头单位为推定",
            Column::LeadDepartment => "牵头部门(规范名称)",
            Column::Responsible => "责任单位",
            Column::Cooperating => "配合单位",
            Column::Leaders => "责任领导",
            Column::Deadline => "完成时限",
            Column::Line => "行号",
            Column::Document => "文件编号",
            Column::Status => "审核状态",
            Column::Note => "备注",
            Column::Reviewer => "审核人",
            Column::ReviewedAt => "审核时间",
            Column::Changed => "审核后已修改",
        }
    }
}

/// The cells of one task, made once and read column by column.
pub struct TaskCells<'a> {
    store: &'a Store,
    view: &'a ExportView,
    id: TaskId,
    task: &'a Task,
    lang: Lang,
}

impl<'a> TaskCells<'a> {
    /// The cells of task `id`.
    pub fn new(store: &'a Store, view: &'a ExportView, id: TaskId, lang: Lang) -> Self {
        Self {
            store,
            view,
            id,
            task: store.task(id),
            lang,
        }
    }

    /// True when the task's lead is inferred.
    pub fn lead_inferred(&self) -> bool {
        self.task.lead_inferred
    }

    /// The cell of `column`.
    pub fn cell(&self, column: Column) -> Cow<'a, str> {
        let (store, task) = (self.store, self.task);
        let document = store.document(task.document);
        let mark = self.view.mark(self.id);
        let yes_no = |yes: bool| -> Cow<'a, str> {
            Cow::Borrowed(match (self.lang, yes) {
                (Lang::En, true) => "true",
                (Lang::En, false) => "false",
                (Lang::Zh, true) => "是",
                (Lang::Zh, false) => "否",
            })
        };
        let text = |text: Option<&'a str>| Cow::Borrowed(text.unwrap_or_default());
        match column {
            Column::Id => Cow::Owned(self.id.to_string()),
            Column::City => text(document.meta.city.as_deref()),
            Column::Source => Cow::Borrowed(document.source.as_str()),
            Column::Title => text(document.meta.title.as_deref()),
            Column::Plan => text(store.plan_of(task)),
            Column::Section => Cow::Owned(store.section_path(task.section).join(SECTION_SEPARATOR)),
            Column::Number => text(task.number.as_deref()),
            Column::Text => Cow::Borrowed(store.text_of(task)),
            Column::Lead => {
                let names: Vec<&str> = task
                    .effective_lead()
                    .map(|unit| store.unit_name(unit.unit))
                    .collect();
                Cow::Owned(names.join(UNIT_SEPARATOR))
            }
            Column::LeadInferred => yes_no(task.lead_inferred),
            Column::LeadDepartment => {
                let mut names: Vec<&str> = task
                    .effective_lead()
                    .map(|unit| store.departments().get(unit.dept).canonical.as_str())
                    .collect();
                names.dedup();
                Cow::Owned(names.join(UNIT_SEPARATOR))
            }
            Column::Responsible => units(store, task, Role::Responsible),
            Column::Cooperating => units(store, task, Role::Cooperating),
            Column::Leaders => {
                let leaders: Vec<&str> = task.leaders.iter().map(AsRef::as_ref).collect();
                Cow::Owned(leaders.join(UNIT_SEPARATOR))
            }
            Column::Deadline => text(task.deadline.as_deref()),
            Column::Line => Cow::Owned(task.line.to_string()),
            Column::Document => Cow::Owned(task.document.to_string()),
            Column::Status => {
                Cow::Borrowed(self.lang.labels().status(mark.map(|mark| mark.status)))
            }
            Column::Note => text(mark.and_then(|mark| mark.note.as_deref())),
            Column::Reviewer => text(mark.map(|mark| &*mark.reviewer)),
            Column::ReviewedAt => {
                mark.map_or(Cow::Borrowed(""), |mark| Cow::Owned(mark.updated_iso()))
            }
            Column::Changed => yes_no(self.view.changed(self.id)),
        }
    }
}

/// The units of one role, joined.
fn units<'a>(store: &'a Store, task: &Task, role: Role) -> Cow<'a, str> {
    Cow::Owned(store.unit_names_in(task, role).join(UNIT_SEPARATOR))
}
