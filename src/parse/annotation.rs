//! Unit annotations: `(牵头单位:X;责任单位:Y、Z)` after a task, a block line
//! `牵头部门:…;配合部门:…`, or the verb form `(市发改委牵头,市财政局配合)`.

use super::units::split_units;
use crate::model::{Assignment, Role};

/// How a role word is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleWord {
    Plain(Role),
    /// 责任领导: a lead only when no 牵头 unit is named beside it.
    LeadIfAlone,
}

/// Role words, simplified and traditional, longest first where one contains another.
const ROLE_WORDS: [(&str, RoleWord); 43] = [
    ("主要责任单位", RoleWord::Plain(Role::Lead)),
    ("牵头单位", RoleWord::Plain(Role::Lead)),
    ("牵头部门", RoleWord::Plain(Role::Lead)),
    ("牵头领导", RoleWord::LeadIfAlone),
    ("主责单位", RoleWord::Plain(Role::Lead)),
    ("主责部门", RoleWord::Plain(Role::Lead)),
    ("主办单位", RoleWord::Plain(Role::Lead)),
    ("主办部门", RoleWord::Plain(Role::Lead)),
    ("牽頭單位", RoleWord::Plain(Role::Lead)),
    ("牽頭部門", RoleWord::Plain(Role::Lead)),
    ("主責單位", RoleWord::Plain(Role::Lead)),
    ("主責部門", RoleWord::Plain(Role::Lead)),
    ("责任领导", RoleWord::LeadIfAlone),
    ("責任領導", RoleWord::LeadIfAlone),
    ("责任单位", RoleWord::Plain(Role::Responsible)),
    ("责任部门", RoleWord::Plain(Role::Responsible)),
    ("责任主体", RoleWord::Plain(Role::Responsible)),
    ("责任处室", RoleWord::Plain(Role::Responsible)),
    ("承办单位", RoleWord::Plain(Role::Responsible)),
    ("承办部门", RoleWord::Plain(Role::Responsible)),
    ("实施单位", RoleWord::Plain(Role::Responsible)),
    ("落实单位", RoleWord::Plain(Role::Responsible)),
    ("責任單位", RoleWord::Plain(Role::Responsible)),
    ("責任部門", RoleWord::Plain(Role::Responsible)),
    ("責任主體", RoleWord::Plain(Role::Responsible)),
    ("配合单位", RoleWord::Plain(Role::Cooperating)),
    ("配合部门", RoleWord::Plain(Role::Cooperating)),
    ("协办单位", RoleWord::Plain(Role::Cooperating)),
    ("协办部门", RoleWord::Plain(Role::Cooperating)),
    ("参与单位", RoleWord::Plain(Role::Cooperating)),
    ("参与部门", RoleWord::Plain(Role::Cooperating)),
    ("协同单位", RoleWord::Plain(Role::Cooperating)),
    ("协同部门", RoleWord::Plain(Role::Cooperating)),
    ("协助单位", RoleWord::Plain(Role::Cooperating)),
    ("协助部门", RoleWord::Plain(Role::Cooperating)),
    ("配合單位", RoleWord::Plain(Role::Cooperating)),
    ("配合部門", RoleWord::Plain(Role::Cooperating)),
    ("協辦單位", RoleWord::Plain(Role::Cooperating)),
    ("協辦部門", RoleWord::Plain(Role::Cooperating)),
    ("參與單位", RoleWord::Plain(Role::Cooperating)),
    ("參與部門", RoleWord::Plain(Role::Cooperating)),
    ("協同單位", RoleWord::Plain(Role::Cooperating)),
    ("協同部門", RoleWord::Plain(Role::Cooperating)),
];

/// Bare role labels (`牵头:市发改委`), recognised only at the start of a segment.
const SHORT_ROLE_WORDS: [(&str, RoleWord); 4] = [
    ("牵头", RoleWord::Plain(Role::Lead)),
    ("责任", RoleWord::Plain(Role::Responsible)),
    ("配合", RoleWord::Plain(Role::Cooperating)),
    ("协办", RoleWord::Plain(Role::Cooperating)),
];

/// The role word a table's column header names (`牵头单位(部门)` → lead).
pub fn column_role(header: &str) -> Option<RoleWord> {
    ROLE_WORDS
        .iter()
        .chain(SHORT_ROLE_WORDS.iter())
        .find(|(word, _)| header.contains(word))
        .map(|(_, role)| *role)
}

/// Parses a table cell under a role column: a plain list of units, or a cell
/// that carries its own labels (`牵头单位:X 配合单位:Y`).
pub fn parse_cell(cell: &str, role: RoleWord) -> Assignment {
    if first_role_label(cell).is_some_and(|label| label.start == 0) {
        return parse_labelled(cell).assignment;
    }
    let mut assignment = Assignment::default();
    let target = match role {
        RoleWord::Plain(role) => role,
        RoleWord::LeadIfAlone => Role::Lead,
    };
    *assignment.units_mut(target) = split_units(cell);
    assignment
}

/// Labels of a deadline inside an annotation: `(责任单位:X;完成时限:2024年底)`.
const DEADLINE_LABELS: [&str; 7] = [
    "完成时限",
    "完成时间",
    "时间节点",
    "完成期限",
    "时限要求",
    "时间要求",
    "时限",
];

/// Other labels an annotation may carry; they end a list of units and are
/// not read as units.
const OTHER_LABELS: [&str; 10] = [
    "责任人",
    "分管领导",
    "分管市领导",
    "责任市领导",
    "联系人",
    "联系电话",
    "目标要求",
    "工作目标",
    "工作要求",
    "备注",
];

/// Marks after a unit in a list that make it the lead: `市发改委(牵头)`.
const LEAD_MARKS: [&str; 3] = ["(牵头)", "(牵头单位)", "(牵头部门)"];

/// What a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LabelKind {
    Role(RoleWord),
    Deadline,
    Other,
}

/// A label found in a line: where it starts, where its value starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    start: usize,
    value_start: usize,
    kind: LabelKind,
}

/// The units (and deadline) an annotation names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation {
    pub assignment: Assignment,
    pub deadline: Option<String>,
}

/// An annotation found in a task line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Byte offset where the annotation (with its opening parenthesis) begins.
    pub start: usize,
    pub annotation: Annotation,
}

/// Finds the unit annotation in a task line: `…。(牵头单位:X;责任单位:Y)`,
/// `…。责任单位:Y`, or `…。(X牵头,Y配合)`.
pub fn find_inline(line: &str) -> Option<Found> {
    if let Some(first) = first_role_label(line) {
        let start = enclosing_open(line, first.start).unwrap_or(first.start);
        let annotation = parse_labelled(&line[start..]);
        if !annotation.assignment.is_empty() {
            return Some(Found { start, annotation });
        }
    }
    find_verb_form(line)
}

/// The first label that names a role.
fn first_role_label(line: &str) -> Option<Label> {
    labels(line)
        .into_iter()
        .find(|label| matches!(label.kind, LabelKind::Role(_)))
}

/// Reads a block annotation line (`牵头部门:市人社局;配合部门:…。`), or a line
/// that is nothing but a parenthesized annotation. `None` for any other line.
pub fn parse_block(line: &str) -> Option<Annotation> {
    let inner = strip_enclosing(line);
    let first = labels(inner).first().copied()?;
    if first.start != 0 || !matches!(first.kind, LabelKind::Role(_)) {
        return None;
    }
    let annotation = parse_labelled(inner);
    (!annotation.assignment.is_empty()).then_some(annotation)
}

/// The text of a line without one pair of enclosing brackets: `(责任单位:X)` → `责任单位:X`.
fn strip_enclosing(line: &str) -> &str {
    let trimmed = line.trim_end_matches(['。', '.', ';']);
    for (open, close) in [('(', ')'), ('【', '】'), ('[', ']')] {
        if let Some(inner) = trimmed
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
        {
            return inner.trim();
        }
    }
    line
}

/// Labels followed by a colon, in order.
fn labels(line: &str) -> Vec<Label> {
    let mut found = Vec::new();
    for (colon_at, colon) in line.match_indices(':') {
        let before = line[..colon_at].trim_end();
        let Some((word, kind)) = label_before(line, before) else {
            continue;
        };
        found.push(Label {
            start: before.len() - word.len(),
            value_start: colon_at + colon.len(),
            kind,
        });
    }
    found
}

/// The label word that `before` (the text up to a colon) ends with.
fn label_before<'w>(line: &str, before: &str) -> Option<(&'w str, LabelKind)> {
    let ends_with = |(word, _): &&(&str, RoleWord)| before.ends_with(word);
    if let Some((word, role)) = ROLE_WORDS.iter().find(ends_with).or_else(|| {
        SHORT_ROLE_WORDS
            .iter()
            .find(ends_with)
            .filter(|(word, _)| starts_segment(line, before.len() - word.len()))
    }) {
        return Some((word, LabelKind::Role(*role)));
    }
    if let Some(word) = DEADLINE_LABELS.iter().find(|word| before.ends_with(*word)) {
        return Some((word, LabelKind::Deadline));
    }
    OTHER_LABELS
        .iter()
        .find(|word| before.ends_with(*word))
        .map(|word| (*word, LabelKind::Other))
}

/// True when `at` begins a segment: start of text, or after a bracket or separator.
fn starts_segment(line: &str, at: usize) -> bool {
    line[..at]
        .chars()
        .next_back()
        .is_none_or(|c| matches!(c, '(' | '【' | '[' | ';' | ',' | '。' | ' ' | '\u{3000}'))
}

/// Parses `牵头单位:X;责任单位:Y、Z;完成时限:…` (a leading bracket and
/// trailing ones tolerated).
fn parse_labelled(text: &str) -> Annotation {
    let found = labels(text);
    let mut annotation = Annotation::default();
    let mut leaders_if_alone = Vec::new();
    for (index, label) in found.iter().enumerate() {
        let end = found.get(index + 1).map_or(text.len(), |next| next.start);
        let value = trim_closing(&text[label.value_start..end]);
        let assignment = &mut annotation.assignment;
        match label.kind {
            LabelKind::Role(RoleWord::Plain(role)) => {
                let (marked_leads, units) = take_lead_marks(split_units(value));
                extend_unique(&mut assignment.lead, marked_leads);
                extend_unique(assignment.units_mut(role), units);
            }
            LabelKind::Role(RoleWord::LeadIfAlone) => {
                extend_unique(&mut leaders_if_alone, split_units(value));
            }
            LabelKind::Deadline => {
                let deadline = value.trim().trim_end_matches(['。', ';', ',', '.']).trim();
                if !deadline.is_empty() && annotation.deadline.is_none() {
                    annotation.deadline = Some(deadline.to_string());
                }
            }
            LabelKind::Other => {}
        }
    }
    if annotation.assignment.lead.is_empty() {
        annotation.assignment.lead = leaders_if_alone;
    }
    annotation
}

/// Units marked `(牵头)` in a list are leads: returns (leads, the others).
fn take_lead_marks(units: Vec<String>) -> (Vec<String>, Vec<String>) {
    let mut leads = Vec::new();
    let mut others = Vec::new();
    for unit in units {
        match LEAD_MARKS.iter().find_map(|mark| unit.strip_suffix(mark)) {
            Some(lead) if !lead.is_empty() => leads.push(lead.to_string()),
            _ => others.push(unit),
        }
    }
    (leads, others)
}

/// Drops the closing bracket (and what follows it) of an enclosing annotation.
fn trim_closing(segment: &str) -> &str {
    let mut depth = 0i32;
    for (index, c) in segment.char_indices() {
        match c {
            '(' | '【' | '[' => depth += 1,
            ')' | '】' | ']' => {
                if depth == 0 {
                    return &segment[..index];
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    segment
}

fn extend_unique(target: &mut Vec<String>, units: Vec<String>) {
    for unit in units {
        if !target.contains(&unit) {
            target.push(unit);
        }
    }
}

/// The position of the unclosed opening bracket that encloses `at`, if any.
fn enclosing_open(line: &str, at: usize) -> Option<usize> {
    let mut stack = Vec::new();
    for (index, c) in line[..at].char_indices() {
        match c {
            '(' | '【' | '[' => stack.push(index),
            ')' | '】' | ']' => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.first().copied()
}

/// Verbs that close a clause in the verb form, with the role they give.
const ROLE_VERBS: [(&str, Role); 14] = [
    ("牵头负责", Role::Lead),
    ("牵头", Role::Lead),
    ("牽頭", Role::Lead),
    ("按职责分工负责", Role::Responsible),
    ("按职责负责", Role::Responsible),
    ("分别负责", Role::Responsible),
    ("负责", Role::Responsible),
    ("落实", Role::Responsible),
    ("配合", Role::Cooperating),
    ("协同", Role::Cooperating),
    ("協同", Role::Cooperating),
    ("协助", Role::Cooperating),
    ("参与", Role::Cooperating),
    ("參與", Role::Cooperating),
];

/// `…。(市发改委牵头,市财政局、市商务局配合)` at the end of a line.
fn find_verb_form(line: &str) -> Option<Found> {
    let trimmed = line.trim_end_matches(['。', '.', ';', ' ']);
    let close = trimmed.chars().last()?;
    if close != ')' {
        return None;
    }
    let body_end = trimmed.len() - close.len_utf8();
    let open = matching_open(trimmed, body_end)?;
    let open_len = trimmed[open..].chars().next()?.len_utf8();
    let inner = &trimmed[open + open_len..body_end];
    let assignment = parse_verb_clauses(inner)?;
    Some(Found {
        start: open,
        annotation: Annotation {
            assignment,
            deadline: None,
        },
    })
}

/// The opening bracket matching the closing one at `close`.
fn matching_open(text: &str, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text[..close].char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                if depth == 0 {
                    return Some(index);
                }
                depth -= 1;
            }
            _ => {}
        }
    }
    None
}

/// Every clause must end with a role verb: `市发改委牵头,市财政局配合`.
fn parse_verb_clauses(inner: &str) -> Option<Assignment> {
    let mut assignment = Assignment::default();
    for clause in top_level_clauses(inner) {
        let clause = clause.trim();
        if clause.is_empty() {
            continue;
        }
        let (verb, role) = ROLE_VERBS.iter().find(|(verb, _)| clause.ends_with(verb))?;
        let units = split_units(&clause[..clause.len() - verb.len()]);
        if units.is_empty() {
            return None;
        }
        extend_unique(assignment.units_mut(*role), units);
    }
    (!assignment.is_empty()).then_some(assignment)
}

fn top_level_clauses(text: &str) -> Vec<&str> {
    let mut clauses = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (index, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | ';' if depth == 0 => {
                clauses.push(&text[start..index]);
                start = index + c.len_utf8();
            }
            _ => {}
        }
    }
    clauses.push(&text[start..]);
    clauses
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn inline_lead_and_responsible() {
        let line = "开工建设人民医院东院区项目。(牵头单位:卫生健康委员会;责任单位:城投建设发展有限公司、玉泉街道办事处)";
        let found = find_inline(line).expect("annotation");
        assert_eq!(&line[..found.start], "开工建设人民医院东院区项目。");
        assert_eq!(
            found.annotation.assignment.lead,
            strings(&["卫生健康委员会"])
        );
        assert_eq!(
            found.annotation.assignment.responsible,
            strings(&["城投建设发展有限公司", "玉泉街道办事处"])
        );
    }

    #[test]
    fn inline_with_nested_parentheses_in_names() {
        let line = "抓好。(牵头单位:市文旅局;责任单位:市体育事业发展中心,各县(市)区人民政府)";
        let found = find_inline(line).expect("annotation");
        assert_eq!(
            found.annotation.assignment.responsible,
            strings(&["市体育事业发展中心", "各县(市)区人民政府"])
        );
    }

    #[test]
    fn inline_half_width_parentheses_and_colon() {
        let found = find_inline("推进。(责任单位: 市人社局、市财政局)").expect("annotation");
        assert_eq!(
            found.annotation.assignment.responsible,
            strings(&["市人社局", "市财政局"])
        );
    }

    #[test]
    fn inline_without_parentheses() {
        let line = "推进就业。牵头单位:市人社局;配合单位:市财政局";
        let found = find_inline(line).expect("annotation");
        assert_eq!(&line[..found.start], "推进就业。");
        assert_eq!(
            found.annotation.assignment.cooperating,
            strings(&["市财政局"])
        );
    }

    #[test]
    fn inline_verb_form() {
        let line = "推进就业。(市人社局牵头,市财政局、市教育局配合)";
        let found = find_inline(line).expect("annotation");
        assert_eq!(&line[..found.start], "推进就业。");
        assert_eq!(found.annotation.assignment.lead, strings(&["市人社局"]));
        assert_eq!(
            found.annotation.assignment.cooperating,
            strings(&["市财政局", "市教育局"])
        );
        assert!(find_inline("建设文化(篮球)小镇").is_none());
        assert!(find_inline("建立由市发改委牵头抓总的机制(试行)").is_none());
    }

    #[test]
    fn prose_mentioning_a_role_word_is_not_an_annotation() {
        assert!(find_inline("明确政府工作报告提出的2021年重点工作责任单位。").is_none());
        assert!(find_inline("民生实事责任单位于12月25日前报送").is_none());
    }

    #[test]
    fn block_lines() {
        let block =
            parse_block("牵头部门:市人社局;配合部门:市发改委、教育局、科技局、财政局、龙沙区。")
                .expect("block");
        assert_eq!(block.assignment.lead, strings(&["市人社局"]));
        assert_eq!(
            block.assignment.cooperating,
            strings(&["市发改委", "教育局", "科技局", "财政局", "龙沙区"])
        );
        let block = parse_block("责任部门:市住建局、城管局、各县(市)区政府。")
            .expect("block")
            .assignment;
        assert_eq!(
            block.responsible,
            strings(&["市住建局", "城管局", "各县(市)区政府"])
        );
        let block = parse_block("(牵头单位:市发改委)")
            .expect("parenthesized block")
            .assignment;
        assert_eq!(block.lead, strings(&["市发改委"]));
        assert!(parse_block("推进。(牵头单位:市发改委)").is_none());
    }

    #[test]
    fn other_wordings_and_traditional_characters() {
        let block = parse_block("主责单位:市发改委;协同单位:市财政局").expect("block");
        assert_eq!(block.assignment.lead, strings(&["市发改委"]));
        assert_eq!(block.assignment.cooperating, strings(&["市财政局"]));
        let block = parse_block("牽頭單位:市衛健委;責任單位:市民政局").expect("block");
        assert_eq!(block.assignment.lead, strings(&["市衛健委"]));
        assert_eq!(block.assignment.responsible, strings(&["市民政局"]));
        let block = parse_block("参与单位:市科协").expect("block").assignment;
        assert_eq!(block.cooperating, strings(&["市科协"]));
    }

    #[test]
    fn a_leader_is_the_lead_only_when_no_lead_unit_is_named() {
        let block = parse_block("责任领导:王副市长;责任单位:市教育局").expect("block");
        assert_eq!(block.assignment.lead, strings(&["王副市长"]));
        let block =
            parse_block("责任领导:王副市长;牵头单位:市发改委;责任单位:市教育局").expect("block");
        assert_eq!(block.assignment.lead, strings(&["市发改委"]));
    }

    #[test]
    fn bare_short_labels() {
        let block = parse_block("牵头:市发改委;配合:市财政局").expect("block");
        assert_eq!(block.assignment.lead, strings(&["市发改委"]));
        assert_eq!(block.assignment.cooperating, strings(&["市财政局"]));
        assert!(find_inline("实现“一网通办”,群众满意度达到95%,全市配合:是").is_none());
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;

    #[test]
    fn a_deadline_inside_the_annotation() {
        let found =
            find_inline("推进改革。(责任单位:市发改委;完成时限:2024年12月底)").expect("annotation");
        assert_eq!(found.annotation.assignment.responsible, ["市发改委"]);
        assert_eq!(found.annotation.deadline.as_deref(), Some("2024年12月底"));
        let block = parse_block("牵头单位:市人社局;责任人:张三;时间节点:6月底前").expect("block");
        assert_eq!(block.assignment.lead, ["市人社局"]);
        assert!(block.assignment.responsible.is_empty());
        assert_eq!(block.deadline.as_deref(), Some("6月底前"));
    }

    #[test]
    fn a_unit_marked_lead_inside_a_list() {
        let found =
            find_inline("推进。(责任单位:市发改委(牵头)、市财政局、市商务局)").expect("annotation");
        assert_eq!(found.annotation.assignment.lead, ["市发改委"]);
        assert_eq!(
            found.annotation.assignment.responsible,
            ["市财政局", "市商务局"]
        );
    }

    #[test]
    fn a_deadline_alone_is_not_an_annotation() {
        assert!(parse_block("完成时限:2024年底").is_none());
        assert!(find_inline("推进。(完成时限:2024年底)").is_none());
    }
}
