//! Every fixed text of zeren — dashboard, `stats`, `check` and the export
//! headers — in English (the default) or Chinese (`--lang zh`, or a `LANG`
//! starting with `zh`). One wording per thing, in both languages, with
//! English plural forms right (`1 task`, `2 tasks`; Chinese has none).
//!
//! The plural rule is written here: English needs only "one" and "other",
//! Chinese no rule at all, and a CLDR plural crate would bring a whole
//! message-format system for that one test.

use super::action::{Action, Group};
use crate::check::{Detail, Level, Problem, ProblemKind, excerpt};
use crate::model::{UNIT_SEPARATOR, WarningKind};
use crate::review::Status;
use crate::store::Store;

/// The language of the labels.
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

    /// The language asked for on the command line, else by `LANG`.
    pub fn chosen(given: Option<Lang>) -> Self {
        given.unwrap_or_else(|| Lang::from_env_value(std::env::var("LANG").ok().as_deref()))
    }

    /// The labels of this language.
    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }

    /// The English or the Chinese text.
    pub fn pick<T>(self, en: T, zh: T) -> T {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// `count` and a noun: `1 task`, `2 tasks`; in Chinese `2 个任务`.
pub fn counted(lang: Lang, count: usize, noun: Noun) -> String {
    let (one, other, zh) = noun.forms();
    match lang {
        Lang::En if count == 1 => format!("{count} {one}"),
        Lang::En => format!("{count} {other}"),
        Lang::Zh => format!("{count} {zh}"),
    }
}

/// Things that are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Noun {
    Task,
    Problem,
    Error,
    Warning,
    Info,
    OrphanedMark,
    ParseWarning,
    File,
}

impl Noun {
    /// English singular and plural, and the Chinese word with its measure
    /// word.
    fn forms(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Noun::Task => ("task", "tasks", "个任务"),
            Noun::Problem => ("problem", "problems", "个问题"),
            Noun::Error => ("error", "errors", "个错误"),
            Noun::Warning => ("warning", "warnings", "个警告"),
            Noun::Info => ("info", "info", "条提示"),
            Noun::OrphanedMark => ("orphaned mark", "orphaned marks", "个孤立标记"),
            Noun::ParseWarning => ("parse warning", "parse warnings", "条解析警告"),
            Noun::File => ("file", "files", "个文件"),
        }
    }
}

/// Every fixed label of the dashboard.
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
    /// Role names, in filter chips and prompts.
    pub lead: &'static str,
    pub responsible: &'static str,
    pub cooperating: &'static str,
    pub any_role: &'static str,
    /// Column headers of the Tasks pane.
    pub number: &'static str,
    pub task: &'static str,
    pub lead_units: &'static str,
    pub deadline: &'static str,
    /// Field labels of the Detail.
    pub field_lead: &'static str,
    pub field_responsible: &'static str,
    pub field_cooperating: &'static str,
    pub leaders: &'static str,
    pub field_city: &'static str,
    pub field_section: &'static str,
    pub plan: &'static str,
    pub source: &'static str,
    pub review: &'static str,
    pub note: &'static str,
    pub inferred: &'static str,
    pub no_unit: &'static str,
    pub changed: &'static str,
    pub by: &'static str,
    /// Filter chips.
    pub city: &'static str,
    pub section: &'static str,
    pub dept: &'static str,
    pub role: &'static str,
    pub query: &'static str,
    pub search_prompt: &'static str,
    pub dept_prompt: &'static str,
    pub note_prompt: &'static str,
    pub searching: &'static str,
    /// The title of the gauge shown while documents load.
    pub loading: &'static str,
    pub close_hint: &'static str,
    pub no_warnings: &'static str,
    pub kinds_departments: &'static str,
    pub kinds_governments: &'static str,
    /// Review statuses: the same words in the dashboard and the exports.
    pub unreviewed: &'static str,
    pub reviewed: &'static str,
    pub flagged: &'static str,
    pub problems: &'static str,
    pub no_problems: &'static str,
    /// The Problems view's scopes and severity filter.
    pub under_filters: &'static str,
    pub all_problems: &'static str,
    pub all_levels: &'static str,
    pub orphans: &'static str,
    pub no_orphans: &'static str,
    /// Names of the severities: error, warning, info.
    pub levels: [&'static str; 3],
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

    /// The name of a review status; an unmarked task is unreviewed.
    pub fn status(&self, status: Option<Status>) -> &'static str {
        match status {
            Some(Status::Reviewed) => self.reviewed,
            Some(Status::Flagged) => self.flagged,
            Some(Status::Unreviewed) | None => self.unreviewed,
        }
    }

    /// The name of a severity.
    pub fn level(&self, level: Level) -> &'static str {
        match level {
            Level::Error => self.levels[0],
            Level::Warning => self.levels[1],
            Level::Info => self.levels[2],
        }
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
    any_role: "any role",
    number: "No.",
    task: "Task",
    lead_units: "Lead",
    deadline: "Deadline",
    field_lead: "Lead",
    field_responsible: "Responsible",
    field_cooperating: "Cooperating",
    leaders: "Leaders",
    field_city: "City",
    field_section: "Section",
    plan: "Plan",
    source: "Source",
    review: "Review",
    note: "Note",
    inferred: "inferred",
    no_unit: "no unit named",
    changed: "changed since review",
    by: "by",
    city: "city",
    section: "section",
    dept: "dept",
    role: "role",
    query: "search",
    search_prompt: "Search",
    dept_prompt: "Department",
    note_prompt: "Note",
    searching: "searching…",
    loading: "Loading documents",
    close_hint: "Esc or q closes",
    no_warnings: "No warnings",
    kinds_departments: "departments only",
    kinds_governments: "governments only",
    unreviewed: "unreviewed",
    reviewed: "reviewed",
    flagged: "flagged",
    problems: "Problems",
    no_problems: "No problems found",
    under_filters: "under the filters",
    all_problems: "all tasks",
    all_levels: "every severity",
    orphans: "Orphaned marks",
    no_orphans: "Every mark has its task",
    levels: ["error", "warning", "info"],
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
    any_role: "任意角色",
    number: "序号",
    task: "任务",
    lead_units: "牵头单位",
    deadline: "完成时限",
    field_lead: "牵头单位",
    field_responsible: "责任单位",
    field_cooperating: "配合单位",
    leaders: "责任领导",
    field_city: "城市",
    field_section: "章节",
    plan: "计划",
    source: "来源",
    review: "审核",
    note: "备注",
    inferred: "推定",
    no_unit: "未列明单位",
    changed: "审核后已修改",
    by: "审核人",
    city: "城市",
    section: "章节",
    dept: "部门",
    role: "角色",
    query: "搜索",
    search_prompt: "搜索",
    dept_prompt: "部门",
    note_prompt: "备注",
    searching: "搜索中…",
    loading: "正在读取文件",
    close_hint: "Esc 或 q 关闭",
    no_warnings: "没有警告",
    kinds_departments: "仅部门",
    kinds_governments: "仅下级政府",
    unreviewed: "未审核",
    reviewed: "已审核",
    flagged: "有问题",
    problems: "问题",
    no_problems: "没有发现问题",
    under_filters: "当前筛选内",
    all_problems: "全部任务",
    all_levels: "全部级别",
    orphans: "孤立标记",
    no_orphans: "每个标记都有对应任务",
    levels: ["错误", "警告", "提示"],
    groups: ["通用", "移动", "筛选", "审核", "编辑输入"],
};

/// What an action does, in `lang`.
pub fn describe(action: Action, lang: Lang) -> &'static str {
    let (en, zh) = match action {
        Action::Quit => ("Quit", "退出"),
        Action::Help => ("Show or hide this help", "显示或关闭帮助"),
        Action::Warnings => ("Show warnings", "显示警告"),
        Action::Problems => ("Show review problems", "显示审核问题"),
        Action::Export => ("Export the filtered tasks", "导出当前筛选的任务"),
        Action::OpenSource => (
            "Open the task's source in $EDITOR",
            "用 $EDITOR 打开任务原文",
        ),
        Action::CopyTask => ("Copy the task (OSC 52)", "复制任务(OSC 52)"),
        Action::NextPane => ("Next pane", "下一个窗格"),
        Action::PrevPane => ("Previous pane", "上一个窗格"),
        Action::FocusCities => ("Go to Places", "转到地区"),
        Action::FocusSections => ("Go to Sections", "转到章节"),
        Action::FocusTasks => ("Go to Tasks", "转到任务"),
        Action::FocusLeads => ("Go to Lead units", "转到牵头单位"),
        Action::FocusDetail => ("Go to Detail", "转到详情"),
        Action::Up => ("Move up", "上移"),
        Action::Down => ("Move down", "下移"),
        Action::PageUp => ("Page up", "上一页"),
        Action::PageDown => ("Page down", "下一页"),
        Action::Top => ("First item", "第一项"),
        Action::Bottom => ("Last item", "最后一项"),
        Action::Collapse => ("Collapse a place or section", "折叠地区或章节"),
        Action::Expand => ("Expand a place or section", "展开地区或章节"),
        Action::Select => (
            "Filter by the item / open the task",
            "按所选项筛选/全屏查看任务",
        ),
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
        Action::CycleSeverity => ("Problems: cycle the severity shown", "问题:切换显示的级别"),
        Action::ToggleProblemScope => ("Problems: filtered or all tasks", "问题:当前筛选内/全部"),
        Action::Suspend => ("Suspend (fg resumes)", "挂起(fg 恢复)"),
        Action::Accept => ("Apply", "确定"),
        Action::AcceptAndFlag => ("Save the note and flag the task", "保存备注并标记为有问题"),
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
    lang.pick(en, zh)
}

/// A short name of an action for the key hints of the status line; the
/// review actions use the status words (`Space 已审核`, `! 有问题`).
pub fn hint_label(action: Action, lang: Lang) -> &'static str {
    let labels = lang.labels();
    let (en, zh) = match action {
        Action::Quit => ("quit", "退出"),
        Action::Help => ("help", "帮助"),
        Action::Warnings => ("warnings", "警告"),
        Action::Problems => ("problems", "问题"),
        Action::Export => ("export", "导出"),
        Action::OpenSource => ("source", "原文"),
        Action::CopyTask => ("copy", "复制"),
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
        Action::Down => ("down", "下移"),
        Action::Up => ("up", "上移"),
        Action::ToggleReviewed => return labels.reviewed,
        Action::ToggleFlagged => return labels.flagged,
        Action::EditNote => ("note", "备注"),
        Action::CycleReviewFilter => ("show", "显示"),
        Action::Undo => ("undo", "撤回"),
        Action::Orphans => ("orphans", "孤立标记"),
        Action::ReattachMark => ("attach", "挂到任务"),
        Action::DropMark => ("drop", "删除"),
        Action::CycleSeverity => ("severity", "级别"),
        Action::ToggleProblemScope => ("scope", "范围"),
        Action::Accept => ("apply", "确定"),
        Action::AcceptAndFlag => ("save and flag", "保存并标记有问题"),
        Action::Cancel => ("cancel", "取消"),
        Action::CompletionDown => ("pick", "选择"),
        _ => return describe(action, lang),
    };
    lang.pick(en, zh)
}

/// What a key does where it does something else than its usual action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HintWord {
    /// Enter on a task.
    FullScreen,
    /// Enter on a problem.
    ShowTask,
    /// The key that opened a view closes it.
    Close,
}

/// The key hint for a [`HintWord`].
pub fn hint_word(word: HintWord, lang: Lang) -> &'static str {
    match word {
        HintWord::FullScreen => lang.pick("full screen", "全屏"),
        HintWord::ShowTask => lang.pick("show the task", "查看任务"),
        HintWord::Close => lang.pick("close", "关闭"),
    }
}

/// The name of a problem kind in `check`'s summary.
pub fn kind_name(kind: ProblemKind, lang: Lang) -> &'static str {
    let zh = match kind {
        ProblemKind::NoUnit => "未列明单位",
        ProblemKind::InferredLead => "推定牵头",
        ProblemKind::SeveralLeads => "多头牵头",
        ProblemKind::OrphanAnnotation => "无主注释行",
        ProblemKind::NumberOutOfSequence => "序号不连续",
        ProblemKind::NoTasks => "没有任务",
        ProblemKind::DuplicateText => "任务重复",
        ProblemKind::LikelyTypo => "疑似错字",
    };
    lang.pick(kind.name(), zh)
}

/// A problem's message. With `quote`, the text of a task with no unit or
/// a repeated text is quoted (its first characters); without, it is left to
/// the caller to show.
pub fn problem_message(problem: &Problem, store: &Store, lang: Lang, quote: bool) -> String {
    let quoted = |text: String| {
        if quote {
            format!("「{text}」")
        } else {
            String::new()
        }
    };
    let task_text = || {
        problem
            .task
            .map(|task| excerpt(store.task_text(task)))
            .unwrap_or_default()
    };
    match &problem.detail {
        Detail::NoUnit => {
            let text = quoted(task_text());
            lang.pick(
                format!("no unit named{}", prefixed(" for", &text)),
                format!("未列明责任单位{text}"),
            )
        }
        Detail::InferredLead { unit } => {
            let unit = store.unit_name(*unit);
            lang.pick(
                format!("lead inferred from the first responsible unit: {unit}"),
                format!("牵头单位推定为列第一位的责任单位:{unit}"),
            )
        }
        Detail::SeveralLeads { units } => {
            let names: Vec<&str> = units.iter().map(|&unit| store.unit_name(unit)).collect();
            let names = names.join(UNIT_SEPARATOR);
            lang.pick(
                format!("{} lead units (多头牵头): {names}", units.len()),
                format!("{} 个牵头单位(多头牵头):{names}", units.len()),
            )
        }
        Detail::Parser { kind, message } => parser_message(*kind, message, lang),
        Detail::DuplicateText { first } => {
            let earlier = store.task(*first);
            let place = match problem.task.map(|task| store.task(task).document) {
                Some(document) if document == earlier.document => lang.pick(
                    format!("line {}", earlier.line),
                    format!("第 {} 行", earlier.line),
                ),
                _ => format!(
                    "{}:{}",
                    store.document(earlier.document).source,
                    earlier.line
                ),
            };
            let text = quoted(task_text());
            lang.pick(
                format!(
                    "same text as {place} (task {first}){}",
                    prefixed(":", &text)
                ),
                format!("与{place}(任务 {first})内容相同{text}"),
            )
        }
        Detail::LikelyTypo {
            unit,
            original,
            uses,
        } => {
            let (unit, original) = (store.unit_name(*unit), store.unit_name(*original));
            lang.pick(
                format!(
                    "unit \"{unit}\" is used once; likely a typo of \"{original}\" (used {})",
                    counted_times(*uses)
                ),
                format!("单位“{unit}”只出现一次,疑为“{original}”之误(出现 {uses} 次)"),
            )
        }
    }
}

/// `text` after `prefix`, or nothing when it is empty.
fn prefixed(prefix: &str, text: &str) -> String {
    if text.is_empty() {
        String::new()
    } else {
        format!("{prefix}{text}")
    }
}

/// `1 time`, `3 times`.
fn counted_times(count: usize) -> String {
    if count == 1 {
        "1 time".to_string()
    } else {
        format!("{count} times")
    }
}

/// A warning of the parser in `lang`: the parser writes English, with its
/// figures in known places.
fn parser_message(kind: WarningKind, message: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    match kind {
        WarningKind::OrphanAnnotation => "注释行上方没有任务".to_string(),
        WarningKind::NoTasks => "没有找到任务".to_string(),
        WarningKind::NumberOutOfSequence => message
            .strip_prefix("task number ")
            .and_then(|rest| rest.split_once(" follows "))
            .map_or_else(
                || format!("序号不连续:{message}"),
                |(number, last)| format!("任务序号 {number} 接在 {last} 之后"),
            ),
        WarningKind::Other => message.to_string(),
    }
}

/// Messages with their values filled in.
pub mod message {
    use std::path::Path;

    use super::{Lang, Noun, counted};
    use crate::export::Written;
    use crate::store::Store;

    /// No review file could be chosen, so marks cannot be kept.
    pub fn no_review_file(lang: Lang) -> &'static str {
        lang.pick(
            "no review file: start zeren with --review FILE to keep marks",
            "没有审核文件:用 --review FILE 启动才能保存标记",
        )
    }

    /// A mark or note could not be saved.
    pub fn save_failed(lang: Lang, error: &str) -> String {
        lang.pick(format!("not saved: {error}"), format!("未保存:{error}"))
    }

    /// `u` with nothing to undo.
    pub fn nothing_to_undo(lang: Lang) -> &'static str {
        lang.pick("nothing to undo", "没有可撤销的标记")
    }

    /// Re-attaching an orphaned mark needs a task selected.
    pub fn no_task_selected(lang: Lang) -> &'static str {
        lang.pick(
            "select a task in the Tasks pane first",
            "请先在任务窗格选择一个任务",
        )
    }

    /// An orphaned mark was attached to the selected task.
    pub fn reattached(lang: Lang, undo: &str) -> String {
        lang.pick(
            format!("mark attached to the selected task ({undo} undoes)"),
            format!("已把标记挂到所选任务({undo} 撤销)"),
        )
    }

    /// An orphaned mark was dropped.
    pub fn dropped(lang: Lang, undo: &str) -> String {
        lang.pick(
            format!("mark dropped ({undo} undoes)"),
            format!("已删除标记({undo} 撤销)"),
        )
    }

    /// A save keeps failing: the marks stay in memory and it is retried.
    pub fn save_retrying(lang: Lang, error: &str) -> String {
        lang.pick(
            format!("not saved yet: {error}; kept in memory, retrying"),
            format!("尚未保存:{error};已保留在内存中,正在重试"),
        )
    }

    /// How many marks lost their task.
    pub fn orphaned(lang: Lang, count: usize) -> String {
        counted(lang, count, Noun::OrphanedMark)
    }

    /// The filters leave nothing to export.
    pub fn nothing_to_export(lang: Lang) -> &'static str {
        lang.pick(
            "nothing to export: no task matches the filters",
            "没有可导出的任务:没有符合筛选条件的任务",
        )
    }

    /// An export has started.
    pub fn exporting(lang: Lang, tasks: usize) -> String {
        let tasks = counted(lang, tasks, Noun::Task);
        lang.pick(format!("exporting {tasks}…"), format!("正在导出 {tasks}…"))
    }

    /// An export is written; texts too long for a cell were cut.
    pub fn exported(lang: Lang, store: &Store, written: &Written) -> String {
        let path = written.path.display();
        let mut text = lang.pick(format!("exported to {path}"), format!("已导出到 {path}"));
        if let Some(first) = written.cut.first() {
            text.push_str(lang.pick("; ", ";"));
            text.push_str(&cut_cell(lang, store, first));
            if written.cut.len() > 1 {
                let more = written.cut.len() - 1;
                text.push_str(
                    &lang.pick(format!(" (and {more} more)"), format!("(另有 {more} 处)")),
                );
            }
        }
        text
    }

    /// A text cut to fit a spreadsheet cell, naming its task.
    pub fn cut_cell(lang: Lang, store: &Store, cut: &crate::export::Cut) -> String {
        let task = store.task(cut.task);
        let place = format!("{}:{}", store.document(task.document).source, task.line);
        let limit = crate::export::MAX_CELL_CHARS;
        lang.pick(
            format!(
                "task {} ({place}): {} of {} characters cut to Excel's {limit}",
                cut.task, cut.column, cut.chars
            ),
            format!(
                "任务 {}({place}):{}有 {} 个字符,已截断为 Excel 单元格上限 {limit}",
                cut.task, cut.column, cut.chars
            ),
        )
    }

    /// An export failed.
    pub fn export_failed(lang: Lang, error: &str) -> String {
        lang.pick(
            format!("export failed: {error}"),
            format!("导出失败:{error}"),
        )
    }

    /// Review progress over all tasks.
    pub fn review_progress(lang: Lang, reviewed: usize, total: usize, flagged: usize) -> String {
        lang.pick(
            format!("{reviewed}/{total} reviewed, {flagged} flagged"),
            format!("已审核 {reviewed}/{total},有问题 {flagged}"),
        )
    }

    /// The screen is smaller than the dashboard needs.
    pub fn too_small(lang: Lang, size: (u16, u16), needed: (u16, u16), quit: &str) -> String {
        let (width, height) = size;
        let (min_width, min_height) = needed;
        lang.pick(
            format!(
                "Terminal too small: {width}×{height}\nzeren needs at least {min_width}×{min_height}\n{quit} quits"
            ),
            format!(
                "终端太小:{width}×{height}\nzeren 至少需要 {min_width}×{min_height}\n{quit} 退出"
            ),
        )
    }

    /// Asks whether to clear the filters hiding a problem's task.
    pub fn clear_filters_for_task(lang: Lang, yes: &str, no: &str) -> String {
        lang.pick(
            format!("The filters hide this task: {yes} clears them and shows it, {no} keeps them"),
            format!("当前筛选隐藏了该任务:{yes} 清除筛选并显示,{no} 保留筛选"),
        )
    }

    /// The task was put on the clipboard.
    pub fn copied(lang: Lang) -> &'static str {
        lang.pick(
            "task copied to the clipboard (OSC 52)",
            "已复制任务到剪贴板(OSC 52)",
        )
    }

    /// A built-in sample is opened from a copy.
    pub fn sample_copy(lang: Lang, path: &Path) -> String {
        let path = path.display();
        lang.pick(
            format!("a built-in sample: opened a copy, {path}"),
            format!("内置样例:已打开副本 {path}"),
        )
    }

    /// The editor could not be run.
    pub fn editor_failed(lang: Lang, error: &str) -> String {
        lang.pick(
            format!("cannot open the source: {error}"),
            format!("无法打开原文:{error}"),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_take_the_plural_from_two() {
        assert_eq!(counted(Lang::En, 1, Noun::Task), "1 task");
        assert_eq!(counted(Lang::En, 0, Noun::Task), "0 tasks");
        assert_eq!(counted(Lang::En, 2, Noun::Error), "2 errors");
        assert_eq!(counted(Lang::Zh, 1, Noun::Task), "1 个任务");
    }

    #[test]
    fn hints_use_the_status_words() {
        for lang in [Lang::En, Lang::Zh] {
            let labels = lang.labels();
            assert_eq!(hint_label(Action::ToggleReviewed, lang), labels.reviewed);
            assert_eq!(hint_label(Action::ToggleFlagged, lang), labels.flagged);
        }
        assert_eq!(hint_label(Action::ToggleFlagged, Lang::Zh), "有问题");
    }

    #[test]
    fn parser_warnings_are_worded_in_chinese() {
        assert_eq!(
            parser_message(
                WarningKind::NumberOutOfSequence,
                "task number 5 follows 3",
                Lang::Zh
            ),
            "任务序号 5 接在 3 之后"
        );
        assert_eq!(
            parser_message(WarningKind::OrphanAnnotation, "annotation line", Lang::Zh),
            "注释行上方没有任务"
        );
    }
}
