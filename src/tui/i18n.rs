//! Labels in English (the default) or Chinese (`--lang zh`, or a `LANG`
//! starting with `zh`).

use super::action::{Action, Group};

/// The language of the dashboard's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    /// The language `LANG` asks for: Chinese when it starts with `zh`.
    pub fn from_env_value(value: Option<&str>) -> Self {
        if value.is_some_and(|value| value.starts_with("zh")) {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The labels of this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// Every fixed text of the dashboard.
#[derive(Debug)]
pub struct Labels {
    pub cities: &'static str,
    pub sections: &'static str,
    pub tasks: &'static str,
    pub leads: &'static str,
    pub detail: &'static str,
    pub help: &'static str,
    pub warnings: &'static str,
    pub of: &'static str,
    pub unknown_city: &'static str,
    /// The chip of a place filter.
    pub place: &'static str,
    /// A place filter that keeps the place's own documents only.
    pub own_documents: &'static str,
    /// No department matches the text typed.
    pub no_department: &'static str,
    /// The title of the compare view.
    pub compare: &'static str,
    /// The compare view's column of totals.
    pub total: &'static str,
    /// Nothing to compare under the filters.
    pub nothing_to_compare: &'static str,
    /// The compare view's column of no known place is no filter.
    pub unknown_place_filter: &'static str,
    pub no_tasks: &'static str,
    pub lead: &'static str,
    pub responsible: &'static str,
    pub cooperating: &'static str,
    pub inferred: &'static str,
    pub plan: &'static str,
    pub section: &'static str,
    pub source: &'static str,
    pub deadline: &'static str,
    pub city: &'static str,
    pub dept: &'static str,
    pub role: &'static str,
    pub query: &'static str,
    pub search_prompt: &'static str,
    pub dept_prompt: &'static str,
    pub any_role: &'static str,
    pub no_unit: &'static str,
    pub searching: &'static str,
    /// The title of the gauge shown while documents load.
    pub loading: &'static str,
    /// What the loading gauge counts.
    pub files: &'static str,
    pub close_hint: &'static str,
    pub no_warnings: &'static str,
    pub kinds_all: &'static str,
    pub kinds_departments: &'static str,
    pub kinds_governments: &'static str,
    pub unreviewed: &'static str,
    pub flagged: &'static str,
    pub reviewed: &'static str,
    pub review: &'static str,
    pub note: &'static str,
    pub note_prompt: &'static str,
    pub problems: &'static str,
    pub problems_hint: &'static str,
    pub no_problems: &'static str,
    pub changed: &'static str,
    pub by: &'static str,
    pub orphans: &'static str,
    pub no_orphans: &'static str,
    pub groups: [&'static str; 5],
}

impl Labels {
    /// The name of a role.
    pub fn role(&self, role: crate::store::RoleFilter) -> &'static str {
        use crate::store::RoleFilter;
        match role {
            RoleFilter::Any => self.any_role,
            RoleFilter::Lead => self.lead,
            RoleFilter::Responsible => self.responsible,
            RoleFilter::Cooperating => self.cooperating,
        }
    }

    /// The title of a help group.
    pub fn group(&self, group: Group) -> &'static str {
        self.groups[group as usize]
    }
}

/// English labels.
pub static EN: Labels = Labels {
    cities: "Places",
    sections: "Sections",
    tasks: "Tasks",
    leads: "Lead units",
    detail: "Detail",
    help: "Help",
    warnings: "Warnings",
    of: "of",
    unknown_city: "(unknown place)",
    place: "place",
    own_documents: "own documents",
    no_department: "no department matches",
    compare: "Departments × places",
    total: "total",
    nothing_to_compare: "No department has tasks in this role under the filters",
    unknown_place_filter: "documents of no known place are no place to filter to",
    no_tasks: "No task matches the filters",
    lead: "lead",
    responsible: "responsible",
    cooperating: "cooperating",
    inferred: "inferred",
    plan: "Plan",
    section: "Section",
    source: "Source",
    deadline: "Deadline",
    city: "city",
    dept: "dept",
    role: "role",
    query: "search",
    search_prompt: "Search",
    dept_prompt: "Department",
    any_role: "any role",
    no_unit: "no unit named",
    searching: "searching…",
    loading: "Loading documents",
    files: "files",
    close_hint: "Esc or q closes",
    no_warnings: "No warnings",
    kinds_all: "all kinds",
    kinds_departments: "departments only",
    kinds_governments: "governments only",
    unreviewed: "unreviewed",
    flagged: "flagged",
    reviewed: "reviewed",
    review: "Review",
    note: "Note",
    note_prompt: "Note",
    problems: "Problems",
    problems_hint: "Enter shows the task, Esc closes",
    no_problems: "No problems found",
    changed: "changed since review",
    by: "by",
    orphans: "Orphaned marks",
    no_orphans: "Every mark has its task",
    groups: [
        "General",
        "Navigation",
        "Filters",
        "Review",
        "Editing a field",
    ],
};

/// Chinese labels.
pub static ZH: Labels = Labels {
    cities: "地区",
    sections: "章节",
    tasks: "任务",
    leads: "牵头单位",
    detail: "详情",
    help: "帮助",
    warnings: "警告",
    of: "/",
    unknown_city: "(地区未知)",
    place: "地区",
    own_documents: "本级",
    no_department: "没有匹配的部门",
    compare: "部门 × 地区",
    total: "合计",
    nothing_to_compare: "当前筛选下没有部门在此角色中有任务",
    unknown_place_filter: "地区未知的文件无法按地区筛选",
    no_tasks: "没有符合筛选条件的任务",
    lead: "牵头",
    responsible: "责任",
    cooperating: "配合",
    inferred: "推定",
    plan: "计划",
    section: "章节",
    source: "来源",
    deadline: "完成时限",
    city: "城市",
    dept: "部门",
    role: "角色",
    query: "搜索",
    search_prompt: "搜索",
    dept_prompt: "部门",
    any_role: "任意角色",
    no_unit: "未列明单位",
    searching: "搜索中…",
    loading: "正在读取文件",
    files: "个文件",
    close_hint: "Esc 或 q 关闭",
    no_warnings: "没有警告",
    kinds_all: "全部类型",
    kinds_departments: "仅部门",
    kinds_governments: "仅下级政府",
    unreviewed: "未审核",
    flagged: "有问题",
    reviewed: "已审核",
    review: "审核",
    note: "备注",
    note_prompt: "备注",
    problems: "问题",
    problems_hint: "Enter 查看任务,Esc 关闭",
    no_problems: "没有发现问题",
    changed: "审核后已修改",
    by: "审核人",
    orphans: "孤立标记",
    no_orphans: "每个标记都有对应任务",
    groups: ["通用", "移动", "筛选", "审核", "编辑输入"],
};

/// What an action does, in `lang`.
pub fn describe(action: Action, lang: Lang) -> &'static str {
    let (en, zh) = match action {
        Action::Quit => ("Quit", "退出"),
        Action::Help => ("Show or hide this help", "显示或关闭帮助"),
        Action::Warnings => ("Show load warnings", "显示加载警告"),
        Action::Problems => ("Show review problems", "显示审核问题"),
        Action::Export => ("Export the filtered tasks", "导出当前筛选的任务"),
        Action::NextPane => ("Next pane", "下一个窗格"),
        Action::PrevPane => ("Previous pane", "上一个窗格"),
        Action::FocusCities => ("Go to Places", "转到地区"),
        Action::FocusSections => ("Go to Sections", "转到章节"),
        Action::FocusTasks => ("Go to Tasks", "转到任务"),
        Action::FocusLeads => ("Go to Lead units", "转到牵头单位"),
        Action::Up => ("Move up", "上移"),
        Action::Down => ("Move down", "下移"),
        Action::PageUp => ("Page up", "上一页"),
        Action::PageDown => ("Page down", "下一页"),
        Action::Top => ("First item", "第一项"),
        Action::Bottom => ("Last item", "最后一项"),
        Action::Collapse => ("Collapse a place or section", "折叠地区或章节"),
        Action::Expand => ("Expand a place or section", "展开地区或章节"),
        Action::Select => ("Filter by the selected item", "按所选项筛选"),
        Action::Search => ("Fuzzy search in task text", "模糊搜索任务内容"),
        Action::DeptFilter => ("Filter by department", "按部门筛选"),
        Action::CycleRole => ("Cycle the department's role", "切换部门角色"),
        Action::CycleKinds => ("Cycle the unit kinds shown", "切换显示的单位类型"),
        Action::PopFilter => ("Take the last filter back", "撤销最后一个筛选"),
        Action::Compare => ("Compare departments × places", "比较部门 × 地区"),
        Action::ClearFilters => ("Clear all filters", "清除全部筛选"),
        Action::ToggleReviewed => ("Mark the task reviewed", "标记为已审核"),
        Action::ToggleFlagged => ("Flag the task", "标记为有问题"),
        Action::EditNote => ("Edit the task's note", "编辑备注"),
        Action::CycleReviewFilter => ("Show all / unreviewed / flagged", "显示全部/未审核/有问题"),
        Action::Undo => ("Undo the last mark change", "撤销上一次标记"),
        Action::Orphans => ("Show orphaned marks", "显示孤立标记"),
        Action::ReattachMark => ("Attach the orphan to the task", "把孤立标记挂到所选任务"),
        Action::DropMark => ("Drop the orphaned mark", "删除孤立标记"),
        Action::Suspend => ("Suspend (fg resumes)", "挂起(fg 恢复)"),
        Action::Accept => ("Apply", "确定"),
        Action::Cancel => ("Cancel", "取消"),
        Action::CursorLeft => ("Cursor left", "光标左移"),
        Action::CursorRight => ("Cursor right", "光标右移"),
        Action::CursorHome => ("Cursor to start", "光标到开头"),
        Action::CursorEnd => ("Cursor to end", "光标到末尾"),
        Action::DeleteBack => ("Delete before the cursor", "删除光标前的字"),
        Action::DeleteForward => ("Delete at the cursor", "删除光标处的字"),
        Action::CompletionUp => ("Previous completion", "上一个候选"),
        Action::CompletionDown => ("Next completion", "下一个候选"),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// A one-word name of an action for the key hints of the status line.
pub fn hint_label(action: Action, lang: Lang) -> &'static str {
    let (en, zh) = match action {
        Action::Quit => ("quit", "退出"),
        Action::Help => ("help", "帮助"),
        Action::Warnings => ("warnings", "警告"),
        Action::Problems => ("problems", "问题"),
        Action::Export => ("export", "导出"),
        Action::Select => ("filter", "筛选"),
        Action::Search => ("search", "搜索"),
        Action::DeptFilter => ("dept", "部门"),
        Action::CycleRole => ("role", "角色"),
        Action::CycleKinds => ("kinds", "类型"),
        Action::PopFilter => ("back", "撤销"),
        Action::ClearFilters => ("clear", "清除"),
        Action::Collapse => ("fold", "折叠"),
        Action::Expand => ("open", "展开"),
        Action::Compare => ("compare", "比较"),
        Action::NextPane => ("pane", "窗格"),
        Action::ToggleReviewed => ("reviewed", "已审"),
        Action::ToggleFlagged => ("flag", "存疑"),
        Action::EditNote => ("note", "备注"),
        Action::CycleReviewFilter => ("show", "显示"),
        Action::Undo => ("undo", "撤回"),
        Action::Orphans => ("orphans", "孤立标记"),
        Action::ReattachMark => ("attach", "挂到任务"),
        Action::DropMark => ("drop", "删除"),
        Action::Accept => ("apply", "确定"),
        Action::Cancel => ("cancel", "取消"),
        Action::CompletionDown => ("pick", "选择"),
        _ => return describe(action, lang),
    };
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// Messages for the status line, with their values filled in.
pub mod message {
    use std::path::Path;

    use super::Lang;

    fn pick(lang: Lang, en: String, zh: String) -> String {
        match lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// No review file could be chosen, so marks cannot be kept.
    pub fn no_review_file(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "no review file: start zeren with --review FILE to keep marks",
            Lang::Zh => "没有审核文件:用 --review FILE 启动才能保存标记",
        }
    }

    /// A mark or note could not be saved.
    pub fn save_failed(lang: Lang, error: &str) -> String {
        pick(
            lang,
            format!("not saved: {error}"),
            format!("未保存:{error}"),
        )
    }

    /// `u` with nothing to undo.
    pub fn nothing_to_undo(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "nothing to undo",
            Lang::Zh => "没有可撤销的标记",
        }
    }

    /// Re-attaching an orphaned mark needs a task selected.
    pub fn no_task_selected(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "select a task in the Tasks pane first",
            Lang::Zh => "请先在任务窗格选择一个任务",
        }
    }

    /// An orphaned mark was attached to the selected task.
    pub fn reattached(lang: Lang) -> String {
        pick(
            lang,
            "mark attached to the selected task (u undoes)".to_string(),
            "已把标记挂到所选任务(u 撤销)".to_string(),
        )
    }

    /// An orphaned mark was dropped.
    pub fn dropped(lang: Lang) -> String {
        pick(
            lang,
            "mark dropped (u undoes)".to_string(),
            "已删除标记(u 撤销)".to_string(),
        )
    }

    /// A save keeps failing: the marks stay in memory and it is retried.
    pub fn save_retrying(lang: Lang, error: &str) -> String {
        pick(
            lang,
            format!("not saved yet: {error}; kept in memory, retrying"),
            format!("尚未保存:{error};已保留在内存中,正在重试"),
        )
    }

    /// How many marks lost their task.
    pub fn orphaned(lang: Lang, count: usize) -> String {
        pick(
            lang,
            format!("{count} orphaned marks"),
            format!("{count} 个孤立标记"),
        )
    }

    /// The filters leave nothing to export.
    pub fn nothing_to_export(lang: Lang) -> &'static str {
        match lang {
            Lang::En => "nothing to export: no task matches the filters",
            Lang::Zh => "没有可导出的任务",
        }
    }

    /// An export has started.
    pub fn exporting(lang: Lang, tasks: usize) -> String {
        pick(
            lang,
            format!("exporting {tasks} tasks…"),
            format!("正在导出 {tasks} 个任务…"),
        )
    }

    /// An export is written.
    pub fn exported(lang: Lang, path: &Path) -> String {
        let path = path.display();
        pick(
            lang,
            format!("exported to {path}"),
            format!("已导出到 {path}"),
        )
    }

    /// An export failed.
    pub fn export_failed(lang: Lang, error: &str) -> String {
        pick(
            lang,
            format!("export failed: {error}"),
            format!("导出失败:{error}"),
        )
    }

    /// Review progress over all tasks.
    pub fn review_progress(lang: Lang, reviewed: usize, total: usize, flagged: usize) -> String {
        pick(
            lang,
            format!("{reviewed}/{total} reviewed, {flagged} flagged"),
            format!("已审核 {reviewed}/{total},有问题 {flagged}"),
        )
    }
}
