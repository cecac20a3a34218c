//! Unit annotations, in every form the genre writes them:
//! - labels before the names: `(牵头单位:X;责任单位:Y、Z)`, a block line
//!   `牵头部门:…;配合部门:…`, with leaders (`牵头领导:刘 哲`) and deadlines;
//! - role verbs after the names, the State Council style:
//!   `(省发展改革委牵头,省商务厅、财政厅等按职责分工负责)`, `部门分工:X牵头,各地配合`,
//!   prose `由X副市长负责,市发改委牵头,相关部门配合`, `上述项目由X牵头负责`;
//! - headings that name who leads what follows: `一、县示范区管委会牵头工作(8项)`,
//!   `二、宋晖常务副县长牵头重点工作`;
//! - duty lists that start with the unit: `2.市发展改革委:负责…`.
//!
//! The functions here read folded text and return pieces of it; the caller
//! turns them into the text as written.

use super::leaders::{leader_in, split_leaders};
use super::units::{Name, split_names};
use crate::cjk::{char_count, is_han};
use crate::lexicon::{Duty, List, lexicon};
use crate::model::{Assignment, Role};

/// Labels of at most this many characters count only at the start of a
/// segment (`牵头:X`, but not `全市配合:是`).
const SHORT_LABEL_CHARS: usize = 2;

/// The longest unit name that can open a duty list item (`市发展改革委:负责…`).
const MAX_DUTY_UNIT_CHARS: usize = 20;

/// The units, leaders and deadline an annotation names.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Annotation<'t> {
    pub units: Vec<(Role, Name<'t>)>,
    pub leaders: Vec<&'t str>,
    pub deadline: Option<&'t str>,
    /// The text ends inside the annotation (a bracket never closed): its
    /// last names may be cut.
    pub cut: bool,
}

impl<'t> Annotation<'t> {
    /// True when neither a unit nor a leader is named.
    pub fn is_blank(&self) -> bool {
        self.units.is_empty() && self.leaders.is_empty()
    }

    /// Adds names in `role`, or as leaders when they name a person or post
    /// (a bare post right after a person is that person's second post); a
    /// name the list marks as lead (★, (牵头)) is a lead.
    fn push_names(&mut self, role: Role, names: Vec<Name<'t>>) {
        let mut after_person = false;
        for name in names {
            if let [only] = name.parts.as_slice()
                && let Some(leader) = leader_in(only)
            {
                let bare_post = lexicon().is_post(leader);
                // 李丹常委、常务副区长: a post after a person is that person's.
                if !(bare_post && after_person) {
                    self.leaders.push(leader);
                }
                after_person |= !bare_post;
                continue;
            }
            after_person = false;
            let role = if name.marked_lead { Role::Lead } else { role };
            self.units.push((role, name));
        }
    }

    /// Adds everything `other` names.
    pub fn extend(&mut self, other: Annotation<'t>) {
        self.units.extend(other.units);
        self.leaders.extend(other.leaders);
        if self.deadline.is_none() {
            self.deadline = other.deadline;
        }
        self.cut |= other.cut;
    }

    /// The names as written, given how a piece of the folded text is written:
    /// a unit keeps one role (its first, a lead above all), spaces inside a
    /// unit's name and inserted pinyin are dropped.
    pub fn to_assignment(&self, written: &dyn Fn(&str) -> String) -> Assignment {
        let mut assignment = Assignment::default();
        let mut texts: Vec<(Role, Option<String>)> = self
            .units
            .iter()
            .map(|(role, name)| (*role, Some(unit_as_written(name, written))))
            .filter(|(_, text)| text.as_ref().is_some_and(|text| !text.is_empty()))
            .collect();
        // Each unit in the first role it has, in the order of the roles.
        let mut named = rustc_hash::FxHashSet::default();
        let hashed = texts.len() > SHORT_UNIT_LIST;
        for role in Role::ALL {
            for (unit_role, slot) in &mut texts {
                let Some(text) = slot.as_deref().filter(|_| *unit_role == role) else {
                    continue;
                };
                let first = if hashed {
                    named.insert(text.to_owned())
                } else {
                    !Role::ALL
                        .iter()
                        .any(|kept| assignment.units(*kept).iter().any(|unit| unit == text))
                };
                if first && let Some(text) = slot.take() {
                    assignment.units_mut(role).push(text);
                }
            }
        }
        let mut seen = rustc_hash::FxHashSet::default();
        for leader in &self.leaders {
            let text = written(leader).trim().to_string();
            if !text.is_empty() && seen.insert(text.clone()) {
                assignment.leaders.push(text);
            }
        }
        assignment
    }
}

/// Units up to this many are told apart from those kept before them by
/// comparing; more by hashing.
const SHORT_UNIT_LIST: usize = 8;

/// A unit's name as written: its pieces as the document writes them,
/// inserted pinyin and spaces left out.
fn unit_as_written(name: &Name, written: &dyn Fn(&str) -> String) -> String {
    let joined: String = match name.parts.as_slice() {
        [only] => written(only),
        parts => parts.iter().map(|part| written(part)).collect(),
    };
    let mut text = match crate::cjk::strip_pinyin(&joined) {
        std::borrow::Cow::Owned(stripped) => stripped,
        std::borrow::Cow::Borrowed(_) => joined,
    };
    if text.contains(char::is_whitespace) {
        text.retain(|c| !c.is_whitespace());
    }
    text
}

/// An annotation found in a line of task text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found<'t> {
    /// Byte offset where the annotation (with its opening bracket) begins.
    pub start: usize,
    pub annotation: Annotation<'t>,
}

/// A label found in a text: where it starts, where its value starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label {
    start: usize,
    value_start: usize,
    duty: Duty,
}

/// True for a bracket that opens.
fn opens(c: char) -> bool {
    matches!(c, '(' | '[' | '【' | '〔' | '［' | '﹝')
}

/// True for a bracket that closes.
fn closes(c: char) -> bool {
    matches!(c, ')' | ']' | '】' | '〕' | '］' | '﹞')
}

/// Labels followed by a colon, in order.
fn labels(text: &str) -> Vec<Label> {
    let lexicon = lexicon();
    let mut found = Vec::new();
    for (colon_at, mark) in label_marks(text) {
        let before = if mark == "为" {
            // 责任单位均为…: the label before 均 or 都.
            text[..colon_at].trim_end_matches(['均', '都'])
        } else {
            text[..colon_at].trim_end()
        };
        if mark == "为" && !before.ends_with(['位', '门', '导']) {
            continue;
        }
        let Some((length, duty)) = lexicon
            .label_ending(before)
            .or_else(|| spaced_label_ending(before))
        else {
            continue;
        };
        if mark == "】" && !before[..before.len() - length].ends_with('【') {
            continue;
        }
        if mark == "为"
            && lexicon.holds_note(crate::cjk::first_chars(&text[colon_at..], NOTE_REACH))
        {
            // Only a label naming units or leaders takes 为 for its colon,
            // never a word of the text (…问题作为…) or of a rule
            // ((第一责任单位为牵头单位,下同)).
            continue;
        }
        let mut start = before.len() - length;
        let short = char_count(&before[start..]) <= SHORT_LABEL_CHARS;
        if (short || mark == "为") && !starts_segment(text, start) {
            continue;
        }
        if let Some(qualifier) = lexicon.ending_in(List::LabelQualifier, &before[..start]) {
            start -= qualifier.len();
        }
        if mark == "】" {
            start -= '【'.len_utf8();
        }
        found.push(Label {
            start,
            value_start: colon_at + mark.len(),
            duty,
        });
    }
    found
}

/// The most characters of a label written with a space between each.
const MAX_SPACED_LABEL_CHARS: usize = 8;

/// The label `before` ends with when a copy spaced its characters
/// (`牵 头 单 位` from a PDF's glyphs): its length in `before` and its duty.
fn spaced_label_ending(before: &str) -> Option<(usize, Duty)> {
    let mut compact: Vec<char> = Vec::new();
    let mut starts: Vec<usize> = Vec::new();
    let mut rest = before;
    while compact.len() < MAX_SPACED_LABEL_CHARS {
        let c = rest.chars().next_back().filter(|c| is_han(*c))?;
        rest = &rest[..rest.len() - c.len_utf8()];
        compact.push(c);
        starts.push(rest.len());
        match rest.strip_suffix(' ') {
            Some(shorter) if shorter.ends_with(is_han) => rest = shorter,
            _ => break,
        }
    }
    if compact.len() < 2 {
        return None;
    }
    compact.reverse();
    let compact: String = compact.into_iter().collect();
    let (length, duty) = lexicon().label_ending(&compact)?;
    let chars = compact[compact.len() - length..].chars().count();
    if chars < 2 {
        return None;
    }
    Some((before.len() - starts[chars - 1], duty))
}

/// How far after a label's 为 a rule's words are looked for.
const NOTE_REACH: usize = 30;

/// What ends a label: its colon, the bracket closing it (【牵头单位】X) or
/// 为 right after it (责任单位为县林业局).
const LABEL_MARKS: [&str; 3] = [":", "】", "为"];

/// Each mark of [`LABEL_MARKS`] in `text`, in order, with where it is:
/// found by their last bytes in one vectorised pass instead of a check per
/// character. Their first bytes would not do: those of 】 and 为 open most
/// Han characters, while their last bytes end only one in sixty-four.
fn label_marks(text: &str) -> impl Iterator<Item = (usize, &'static str)> + '_ {
    let [colon, bracket, wei] = LABEL_MARKS.map(|mark| mark.as_bytes()[mark.len() - 1]);
    memchr::memchr3_iter(colon, bracket, wei, text.as_bytes()).filter_map(|end| {
        LABEL_MARKS.into_iter().find_map(|mark| {
            let start = (end + 1).checked_sub(mark.len())?;
            (text.as_bytes()[start..=end] == *mark.as_bytes()).then_some((start, mark))
        })
    })
}

/// True when `at` begins a segment: start of text, or after a bracket or separator.
fn starts_segment(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| opens(c) || matches!(c, ';' | ',' | '。' | ' ' | '\u{3000}' | '\t' | ':'))
}

/// True for a label that can start an annotation.
fn starts_annotation(duty: Duty) -> bool {
    matches!(duty, Duty::Role(_) | Duty::Leader)
}

/// Parses `牵头单位:X;责任单位:Y、Z;完成时限:…` (brackets around it tolerated).
/// A 主办单位 leads alone, but beside a 牵头单位 it is the one responsible.
pub fn parse_labelled(text: &str) -> Annotation<'_> {
    read_labelled(text, &labels(text))
}

/// Reads the annotation of `text` from its labels, `found`.
fn read_labelled<'t>(text: &'t str, found: &[Label]) -> Annotation<'t> {
    let mut annotation = Annotation {
        cut: unclosed(text),
        ..Annotation::default()
    };
    let is_main = |label: &Label| {
        let word = text[label.start..label.value_start].trim_end_matches(':');
        lexicon().is_in(List::MainLabel, word.trim())
    };
    let led = found
        .iter()
        .any(|label| label.duty == Duty::Role(Role::Lead) && !is_main(label));
    for (index, label) in found.iter().enumerate() {
        let end = found.get(index + 1).map_or(text.len(), |next| next.start);
        let value = trim_closing(&text[label.value_start..end]);
        match label.duty {
            Duty::Role(Role::Lead) if led && is_main(label) => {
                annotation.extend(parse_role_value(value, Role::Responsible));
            }
            Duty::Role(role) => annotation.extend(parse_role_value(value, role)),
            Duty::Leader => annotation.leaders.extend(split_leaders(value)),
            Duty::Deadline => {
                let deadline = value
                    .trim()
                    .trim_end_matches(['。', ';', ',', '.', ')'])
                    .trim();
                if !deadline.is_empty() && annotation.deadline.is_none() {
                    annotation.deadline = Some(deadline);
                }
            }
            Duty::Support | Duty::Other => {}
        }
    }
    annotation
}

/// True when `text` opens a bracket it does not close.
fn unclosed(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth -= 1;
        }
    }
    depth > 0
}

/// The names of a label's value: names in `role`, but clauses that end with
/// a role verb in that verb's role (`省政府办公厅、省财政厅牵头,省商务厅` under
/// 责任单位); a remark stating a rule ends the value, and so does a full stop
/// unless role clauses follow it (`…按职责分工负责。具体任务均涉及相关市(州)人民政府`).
pub fn parse_role_value(value: &str, role: Role) -> Annotation<'_> {
    let lexicon = lexicon();
    let mut annotation = Annotation::default();
    let mut waiting: Vec<&str> = Vec::new();
    for raw in top_level_clauses(value) {
        let offset = raw.as_ptr() as usize - value.as_ptr() as usize;
        let after_stop = value[..offset].ends_with('。');
        let clause = raw.trim_matches(is_clause_trim);
        if clause.is_empty() {
            continue;
        }
        if lexicon.holds_note(clause) && !clause.contains(['(', '[']) {
            break;
        }
        let named = !annotation.is_blank() || !waiting.is_empty();
        if after_stop && named && lexicon.verb_ending(clause).is_none() {
            break;
        }
        match lexicon.verb_ending(clause) {
            Some((length, verb_role)) if clause.len() > length => {
                for earlier in waiting.drain(..) {
                    annotation.push_names(verb_role, split_names(earlier));
                }
                let body = &clause[..clause.len() - length];
                annotation.push_names(verb_role, split_names(body));
            }
            _ => waiting.push(clause),
        }
    }
    for clause in waiting {
        annotation.push_names(role, split_names(clause));
    }
    annotation
}

/// True when a clause of `text` is names closed by a role verb
/// (`市法制局牵头,市有关单位负责`): its names take the verb's role.
pub fn assigns_by_verb(text: &str) -> bool {
    let lexicon = lexicon();
    lexicon.holds_verb(text)
        && top_level_clauses(text).any(|clause| {
            let clause = clause.trim_matches(is_clause_trim);
            lexicon
                .verb_ending(clause)
                .is_some_and(|(length, _)| clause.len() > length)
        })
}

fn is_clause_trim(c: char) -> bool {
    c.is_whitespace() || matches!(c, '。' | '.' | ';' | ',' | '、')
}

/// Splits at `,` `;` `。` outside brackets.
fn top_level_clauses(text: &str) -> impl Iterator<Item = &str> {
    let mut depth = 0usize;
    let mut start = 0;
    let mut chars = text.char_indices();
    std::iter::from_fn(move || {
        if start > text.len() {
            return None;
        }
        for (index, c) in chars.by_ref() {
            if opens(c) {
                depth += 1;
            } else if closes(c) {
                depth = depth.saturating_sub(1);
            } else if matches!(c, ',' | ';' | '。') && depth == 0 {
                let clause = &text[start..index];
                start = index + c.len_utf8();
                return Some(clause);
            }
        }
        let last = &text[start..];
        start = text.len() + 1;
        Some(last)
    })
}

/// Drops the closing bracket (and what follows it) of an enclosing annotation.
fn trim_closing(segment: &str) -> &str {
    let mut depth = 0i32;
    for (index, c) in segment.char_indices() {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            if depth == 0 {
                return &segment[..index];
            }
            depth -= 1;
        }
    }
    segment
}

/// One clause of the verb form: names and the role verb closing them, or a
/// person or post in charge (由杨志武副市长负责). `None` when the clause is no
/// such thing.
fn verb_clause(clause: &str) -> Option<Annotation<'_>> {
    let lexicon = lexicon();
    let clause = strip_lead_in(clause.trim_matches(is_clause_trim));
    let (length, role) = lexicon.verb_ending(clause)?;
    let body = clause[..clause.len() - length].trim();
    let names = split_names(body);
    if names.is_empty() || !names.iter().all(is_plausible_name) {
        return None;
    }
    let mut annotation = Annotation::default();
    annotation.push_names(role, names);
    Some(annotation)
}

/// `由X负责` → `X负责`; `上述项目由X牵头负责` → `X牵头负责`.
fn strip_lead_in(clause: &str) -> &str {
    if let Some(rest) = clause.strip_prefix('由') {
        return rest;
    }
    if lexicon().opening_in(List::GroupOpening, clause).is_some()
        && let Some(at) = clause.find('由')
        && char_count(&clause[..at]) <= 6
    {
        return &clause[at + '由'.len_utf8()..];
    }
    clause
}

/// True when there are names and each of them ends like a unit.
fn all_units<'n, 't: 'n>(names: impl IntoIterator<Item = &'n Name<'t>>) -> bool {
    let lexicon = lexicon();
    let mut names = names.into_iter().peekable();
    names.peek().is_some() && names.all(|name| lexicon.ends_like_unit(&name.text()))
}

/// True for a name that can stand in a verb clause: a unit, a collective,
/// a person with a post, or a post.
fn is_plausible_name(name: &Name) -> bool {
    let text = name.text();
    let lexicon = lexicon();
    lexicon.ends_like_unit(&text)
        || leader_in(&text).is_some()
        || ["各", "相关", "有关", "其他", "其它"]
            .iter()
            .any(|word| text.starts_with(word))
}

/// Parses a text made only of verb clauses (`市发改委牵头,市财政局配合`), where
/// a remark stating a rule ends the clauses. `None` when a clause is not one.
pub fn parse_clauses(text: &str) -> Option<Annotation<'_>> {
    let lexicon = lexicon();
    // Names come only with a clause ending in a verb: a text with no verb
    // names nothing.
    if !lexicon.holds_verb(text) {
        return None;
    }
    let mut annotation = Annotation::default();
    let mut waiting: Vec<&str> = Vec::new();
    for clause in top_level_clauses(text) {
        let trimmed = clause.trim_matches(is_clause_trim);
        if trimmed.is_empty() {
            continue;
        }
        if lexicon.holds_note(trimmed) {
            break;
        }
        if let Some(deadline) = deadline_clause(trimmed).or_else(|| {
            (!annotation.is_blank())
                .then(|| deadline_phrase(trimmed))
                .flatten()
        }) {
            // (县林业局牵头,各乡镇配合;完成时限:2024年12月底), (…负责,2024年底前完成)
            annotation.deadline.get_or_insert(deadline);
            continue;
        }
        if let Some(first) = labels(trimmed).first()
            && first.start == 0
            && starts_annotation(first.duty)
        {
            // (省自然资源厅牵头,省农业农村厅配合;分管副省长:王五)
            annotation.extend(parse_labelled(trimmed));
            continue;
        }
        match verb_clause(trimmed) {
            Some(found) => {
                if let Some((_, role)) = found.units.first().map(|(role, name)| (name, *role)) {
                    for earlier in waiting.drain(..) {
                        annotation.push_names(role, split_names(earlier));
                    }
                }
                annotation.extend(found);
            }
            None if lexicon.verb_ending(trimmed).is_none() && names_plausibly(trimmed) => {
                waiting.push(trimmed);
            }
            None => return None,
        }
    }
    (waiting.is_empty() && !annotation.is_blank()).then_some(annotation)
}

/// The deadline a clause gives with its label (`完成时限:2024年12月底`).
fn deadline_clause(clause: &str) -> Option<&str> {
    let (label, value) = clause.split_once(':')?;
    let value = value.trim();
    (lexicon().label(label.trim()) == Some(Duty::Deadline) && !value.is_empty()).then_some(value)
}

/// The longest clause that can be a bare deadline after role clauses.
const MAX_DEADLINE_PHRASE_CHARS: usize = 16;

/// A short clause that names a time and no unit (`2024年底前完成`, `长期坚持`),
/// after the role clauses of a bracket.
fn deadline_phrase(clause: &str) -> Option<&str> {
    (char_count(clause) <= MAX_DEADLINE_PHRASE_CHARS
        && super::table::is_deadline_like(clause)
        && !names_plausibly(clause))
    .then_some(clause)
}

/// True when `text` splits into names that can each stand in a verb clause.
fn names_plausibly(text: &str) -> bool {
    let names = split_names(text);
    !names.is_empty() && names.iter().all(is_plausible_name)
}

/// A bracket after a task holding nothing but units (`(人社局、各开发区)`):
/// documents that name no role write the units responsible so. Each name
/// must read as a unit, with no figures, of three characters at least when
/// alone (not 试行) or two in a list (党办), and the bracket must be no
/// remark (含…, 包括…).
fn bare_names(text: &str) -> Option<Annotation<'_>> {
    let lexicon = lexicon();
    let trimmed = text.trim_matches(is_clause_trim);
    if trimmed.is_empty()
        || lexicon.holds_note(trimmed)
        || lexicon.opening_in(List::RemarkOpening, trimmed).is_some()
        || !labels(trimmed).is_empty()
    {
        return None;
    }
    let names = split_names(trimmed);
    let shortest = if names.len() > 1 { 2 } else { 3 };
    let is_unit = |name: &Name| {
        let text = name.text();
        char_count(&text) >= shortest
            && !text
                .chars()
                .any(|c| c.is_ascii_digit() || "%年月日".contains(c))
            && lexicon.verb_ending(&text).is_none()
            && is_plausible_name(name)
    };
    if names.is_empty() || !names.iter().all(is_unit) {
        return None;
    }
    let mut annotation = Annotation::default();
    annotation.push_names(Role::Responsible, names);
    Some(annotation)
}

/// True when `before` ends a sentence or a clause: a bracket of bare names
/// after it closes a task, where one right after a name gives the name's
/// other name (`省农业农村厅(乡村振兴局)`) or its part (`816东路(连江一中段)`).
fn after_sentence(before: &str) -> bool {
    before
        .trim_end()
        .ends_with(['。', ';', ',', '!', ':', '.', '；', '，'])
}

/// The role clauses that open a paragraph of prose (`由杨志武副市长负责,市发改委牵头,
/// 相关部门配合,尽快完成…`): the clauses up to the first that is not one, when
/// the paragraph starts with 由 or has at least two.
pub fn leading_clauses(text: &str) -> Option<Annotation<'_>> {
    let mut annotation = Annotation::default();
    let mut count = 0;
    for clause in top_level_clauses(text) {
        match verb_clause(clause) {
            Some(found) => {
                annotation.extend(found);
                count += 1;
            }
            None => break,
        }
    }
    let opens_with_by = text.trim_start().starts_with('由');
    ((opens_with_by && count >= 1) || count >= 2).then_some(annotation)
}

/// The sentences of a paragraph that each assign a task by role clauses
/// opening with 由 (`…曲道凯要求,由县发展和改革局牵头,县委党校配合,在9月底前完成…;
/// 由丹凤街道牵头,…`): where each starts (at its 由) and ends, and what it
/// names. Sentences part at `;` and `。`; one may open with words before a
/// comma (`曲道凯要求,由…`).
fn led_sentences(text: &str) -> Vec<(usize, usize, Annotation<'_>)> {
    let mut found = Vec::new();
    for (start, end) in sentences(text) {
        let sentence = &text[start..end];
        let opening = if sentence.trim_start().starts_with('由') {
            Some(sentence.len() - sentence.trim_start().len())
        } else {
            sentence
                .match_indices([',', ':'])
                .map(|(at, mark)| at + mark.len())
                .find(|at| sentence[*at..].starts_with('由'))
        };
        if let Some(opening) = opening
            && let Some(annotation) = leading_clauses(&sentence[opening..])
            && !annotation.units.is_empty()
        {
            found.push((start + opening, end, annotation));
        }
    }
    found
}

/// The sentences of a paragraph, parted at `;` and `。` outside brackets:
/// where each starts and ends.
fn sentences(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    for (index, c) in text.char_indices() {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        } else if matches!(c, ';' | '。') && depth == 0 {
            found.push((start, index));
            start = index + c.len_utf8();
        }
    }
    found.push((start, text.len()));
    found
}

/// The longest unit name that opens a duty sentence (`石洞镇负责实施…`).
const MAX_OPENING_NAME_CHARS: usize = 16;

/// The sentences of a paragraph that each open with a unit and the verb of
/// its role, then what it does (`其中,石洞镇负责实施重点项目11个,…。忠和镇负责实施…`):
/// where each starts (at its unit) and ends, and what it names.
fn duty_sentences(text: &str) -> Vec<(usize, usize, Annotation<'_>)> {
    let mut found = Vec::new();
    for (start, end) in sentences(text) {
        let sentence = &text[start..end];
        let mut openings = std::iter::once(0).chain(
            sentence
                .match_indices(',')
                .map(|(at, mark)| at + mark.len()),
        );
        if let Some((opening, annotation)) = openings
            .find_map(|at| duty_opening(&sentence[at..]).map(|(unit, found)| (at + unit, found)))
        {
            found.push((start + opening, end, annotation));
        }
    }
    found
}

/// A unit and the verb of its role opening `text`, with what it does after
/// them: `石洞镇负责实施…` names 石洞镇 responsible; with a comma after the
/// verb, units in a list too (`即县农委、畜牧局牵头,做好…` names two leads).
/// Also where in `text` the unit starts. Never a sentence telling others what
/// to do (`要求县级部门牵头…`).
fn duty_opening(text: &str) -> Option<(usize, Annotation<'_>)> {
    let lexicon = lexicon();
    let trimmed = text.trim_start();
    let trimmed = match lexicon.opening_in(List::DutyLeadIn, trimmed) {
        Some(word) => &trimmed[word.len()..],
        None => trimmed,
    };
    if lexicon.opening_in(List::DirectiveVerb, trimmed).is_some() {
        return None;
    }
    let unit_start = text.len() - trimmed.len();
    let text = trimmed;
    for (at, _) in text.char_indices().skip(2).take(MAX_OPENING_NAME_CHARS) {
        let head = &text[..at];
        let Some((length, role)) = lexicon.verb_ending(head) else {
            continue;
        };
        let next = text[at..].chars().next();
        let acts = next.is_some_and(crate::cjk::is_han);
        let name = &head[..head.len() - length];
        let names = split_names(name);
        let one_unit = acts && names.len() == 1 && all_units(&names) && !name.contains([',', '、']);
        let units_then_comma = next == Some(',') && !name.contains(',') && all_units(&names);
        if one_unit || units_then_comma {
            let mut annotation = Annotation::default();
            annotation.push_names(role, names);
            return Some((unit_start, annotation));
        }
        return None;
    }
    None
}

/// The fewest sentences that make a paragraph a list of tasks: two by 由…牵头
/// clauses, three opened by a unit and its verb.
const MIN_LED_SENTENCES: usize = 2;
const MIN_DUTY_SENTENCES: usize = 3;

/// The sentences of a paragraph that each assign one task, when the
/// paragraph is a list of them: by role clauses opening with 由, or opened
/// by a unit and its verb. Empty when it is not such a list.
pub fn assigning_sentences(text: &str) -> Vec<(usize, usize, Annotation<'_>)> {
    let led = led_sentences(text);
    if led.len() >= MIN_LED_SENTENCES {
        return led;
    }
    let duties = duty_sentences(text);
    if duties.len() >= MIN_DUTY_SENTENCES {
        return duties;
    }
    let glued = glued_label_sentences(text);
    if glued.len() >= MIN_LED_SENTENCES {
        return glued;
    }
    Vec::new()
}

/// The sentences of a paragraph that each name a task, then after commas
/// role labels glued to their names with no colon, or with 是 (`“神丹工业园,
/// 责任单位畜牧局;潮汕食品创业园二期,责任单位开发区;…”`, `第1项任务“地区生产总值
/// 增长6.5%左右”,牵头领导是常务副市长张工,主责单位是市发展改革委`): where each
/// task starts and ends (a quoted task without its quotes), and what it
/// names. Never prose about the units (`各责任单位要…`): every unit must end
/// like one.
fn glued_label_sentences(text: &str) -> Vec<(usize, usize, Annotation<'_>)> {
    let lexicon = lexicon();
    let mut found = Vec::new();
    for (start, end) in sentences(text) {
        let sentence = &text[start..end];
        let mut annotation = Annotation::default();
        let mut task_end = None;
        for (comma, _) in sentence.match_indices(',') {
            let clause = &sentence[comma + ','.len_utf8()..];
            let Some((length, duty)) = lexicon.label_beginning(clause) else {
                continue;
            };
            let value = clause[length..]
                .strip_prefix('是')
                .unwrap_or(&clause[length..]);
            let value = value
                .split(['…', '”', '"', ',', ';', '。'])
                .next()
                .unwrap_or("");
            match duty {
                Duty::Role(role) => {
                    let names = split_names(value);
                    if !all_units(&names) {
                        break;
                    }
                    annotation.push_names(role, names);
                }
                Duty::Leader => annotation.leaders.extend(split_leaders(value)),
                _ => break,
            }
            task_end.get_or_insert(comma);
        }
        let Some(task_end) = task_end.filter(|_| !annotation.units.is_empty()) else {
            continue;
        };
        let task = &sentence[..task_end];
        let (from, to) = match (task.find('“'), task.rfind('”')) {
            (Some(open), Some(close)) if open < close => (open + '“'.len_utf8(), close),
            _ => (
                task.len() - task.trim_start_matches(['“', '"', ' ']).len(),
                task.len(),
            ),
        };
        found.push((start + from, start + to, annotation));
    }
    found
}

/// The text inside one pair of brackets around all of `line`, else `line`.
fn strip_enclosing(line: &str) -> &str {
    let trimmed = line.trim_end_matches(['。', '.', ';']);
    let Some(first) = trimmed.chars().next() else {
        return line;
    };
    let Some(last) = trimmed.chars().next_back() else {
        return line;
    };
    if opens(first) && closes(last) && trimmed.len() > first.len_utf8() {
        let inner = &trimmed[first.len_utf8()..trimmed.len() - last.len_utf8()];
        if matching_close(trimmed, 0) == Some(trimmed.len() - last.len_utf8()) {
            return inner.trim();
        }
    }
    line
}

/// The offset of the bracket closing the one that opens at `open`.
pub fn matching_close(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text[open..].char_indices() {
        if opens(c) {
            depth += 1;
        } else if closes(c) {
            depth = depth.checked_sub(1)?;
            if depth == 0 {
                return Some(open + index);
            }
        }
    }
    None
}

/// The position of the unclosed opening bracket that encloses `at`, if any.
fn enclosing_open(line: &str, at: usize) -> Option<usize> {
    // The outermost bracket open at `at`: the one that opened when none
    // was, unless all opened since are closed (a closing bracket with none
    // open is left alone).
    let mut depth = 0usize;
    let mut outermost = 0;
    for (index, c) in line[..at].char_indices() {
        if opens(c) {
            if depth == 0 {
                outermost = index;
            }
            depth += 1;
        } else if closes(c) {
            depth = depth.saturating_sub(1);
        }
    }
    (depth > 0).then_some(outermost)
}

/// Reads a block annotation line: a line that starts with a label
/// (`牵头部门:市人社局;配合部门:…。`, `牵头领导:王 健`, `完成时限:…`, also when
/// its value is empty), or that is nothing but role clauses in brackets or
/// after 由 / 上述项目由. `None` for any other line.
pub fn parse_block(line: &str) -> Option<Annotation<'_>> {
    let inner = strip_enclosing(line);
    if let Some(first) = labels(inner).first()
        && first.start == 0
        && !matches!(first.duty, Duty::Other)
    {
        return Some(parse_labelled(inner));
    }
    if let Some(rest) = group_subject(inner)
        && let Some(first) = labels(rest).first()
        && first.start == 0
        && matches!(first.duty, Duty::Role(_))
    {
        return Some(parse_labelled(rest));
    }
    let enclosed = inner.len() != line.len();
    let trimmed = inner.trim_matches(is_clause_trim);
    let leads_in =
        trimmed.starts_with('由') || lexicon().opening_in(List::GroupOpening, trimmed).is_some();
    if enclosed || leads_in {
        return parse_clauses(inner);
    }
    None
}

/// The role a block line leaves waiting for its names on the next line:
/// that of its last label when the label has no value (`责任单位:`), as a
/// form's cells copied one a line.
pub fn awaited_role(line: &str) -> Option<Role> {
    let trimmed = line.trim_end_matches([' ', '\u{3000}']);
    let found = labels(trimmed);
    let last = found.last()?;
    match last.duty {
        Duty::Role(role) if trimmed[last.value_start..].trim().is_empty() => Some(role),
        _ => None,
    }
}

/// The names of a line that holds nothing but units (`水务局、城管局`), in
/// `role`: the value of a label left waiting on the line before.
pub fn awaited_names(line: &str, role: Role) -> Option<Annotation<'_>> {
    let bare = bare_names(line)?;
    if !all_units(bare.units.iter().map(|(_, name)| name)) || !bare.leaders.is_empty() {
        return None;
    }
    let mut annotation = Annotation::default();
    annotation
        .units
        .extend(bare.units.into_iter().map(|(_, name)| (role, name)));
    Some(annotation)
}

/// The text after the subject that opens a line assigning the tasks above
/// it, where a label follows: `该目标`, `该项目标`, `4项目标的`, `以上任务`
/// (then `责任单位为…`). A subject is an opening (该, 以上), a count (4项)
/// or both, then what it calls the tasks (目标).
fn group_subject(line: &str) -> Option<&str> {
    let lexicon = lexicon();
    let opening = lexicon
        .opening_in(List::GroupOpening, line)
        .map_or(0, str::len);
    let rest = &line[opening..];
    let count_end = rest
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || super::numbering::is_numeral(*c)))
        .map_or(rest.len(), |(at, _)| at);
    let counted = (count_end > 0)
        .then(|| rest[count_end..].strip_prefix(['项', '个', '条']))
        .flatten();
    let rest = match counted {
        Some(after_count) => after_count,
        None if opening > 0 => rest.strip_prefix('项').unwrap_or(rest),
        None => return None,
    };
    let noun = lexicon.opening_in(List::GroupNoun, rest)?;
    let rest = &rest[noun.len()..];
    Some(rest.strip_prefix('的').unwrap_or(rest))
}

/// Finds the unit annotation of a line of task text: labels
/// (`…。(牵头单位:X;责任单位:Y)`, `…。责任单位:Y`) or role clauses in a bracket
/// closing the line (`…。(X牵头,Y配合)`).
pub fn find_inline(line: &str) -> Option<Found<'_>> {
    let found = labels(line);
    // The role clauses closing the line, once looked for.
    let mut trailing = None;
    if let Some(first) = found.iter().find(|label| starts_annotation(label.duty)) {
        let start = enclosing_open(line, first.start).unwrap_or(first.start);
        let before_label = line[start..first.start].trim_start_matches(opens);
        if !before_label.trim().is_empty() {
            // Role clauses before the label in the same bracket
            // (`(省自然资源厅牵头,省农业农村厅配合;分管副省长:王五)`).
            let clauses = trailing_clauses(line);
            if clauses
                .as_ref()
                .is_some_and(|clauses| clauses.start == start)
            {
                return clauses;
            }
            trailing = Some(clauses);
        }
        // The labels of the line from `start` on are those of its text from
        // there: none of them reaches back before it.
        let from_start: Vec<Label> = found
            .iter()
            .filter(|label| label.start >= start)
            .map(|label| Label {
                start: label.start - start,
                value_start: label.value_start - start,
                duty: label.duty,
            })
            .collect();
        let annotation = read_labelled(&line[start..], &from_start);
        if !annotation.is_blank() && start > 0 {
            return Some(Found { start, annotation });
        }
    }
    trailing.unwrap_or_else(|| trailing_clauses(line))
}

/// `…。(市发改委牵头,市财政局、市商务局配合)` at the end of a line, or the
/// same clauses as the line's last sentence (`…改造10个。县住建局负责。`).
fn trailing_clauses(line: &str) -> Option<Found<'_>> {
    let trimmed = line.trim_end_matches(['。', '.', ';', ' ', ',']);
    let close = trimmed.chars().next_back()?;
    if !closes(close) {
        return trailing_sentence(trimmed);
    }
    let body_end = trimmed.len() - close.len_utf8();
    let open = matching_open(trimmed, body_end)?;
    let open_len = trimmed[open..].chars().next()?.len_utf8();
    let inner = &trimmed[open + open_len..body_end];
    let annotation = parse_clauses(inner).or_else(|| {
        after_sentence(&trimmed[..open])
            .then(|| bare_names(inner))
            .flatten()
    })?;
    Some(Found {
        start: open,
        annotation,
    })
}

/// The longest last sentence that can assign a task by its clauses alone.
const MAX_ASSIGNING_SENTENCE_CHARS: usize = 60;

/// The last sentence of `text` (its end marks trimmed) when it is nothing but
/// clauses of units and their verbs, after a sentence of the task's own:
/// `实施老旧小区改造10个。县住建局负责`, `…。市发改委牵头,市财政局配合`.
fn trailing_sentence(text: &str) -> Option<Found<'_>> {
    if let Some(start) = text.rfind('。').map(|at| at + '。'.len_utf8())
        && let Some(annotation) = assigning_clauses(&text[start..])
    {
        return Some(Found { start, annotation });
    }
    trailing_comma_clauses(text)
}

/// The most clauses after a comma that may close a task's sentence.
const MAX_TRAILING_CLAUSES: usize = 4;

/// The clauses of units and their verbs that end a task's sentence after a
/// comma, as many as read so (`改造老旧小区12个,县住建局负责`, `…50公里,
/// 县交通运输局牵头,各乡镇配合`, `…3所,由县教体局负责实施`).
fn trailing_comma_clauses(text: &str) -> Option<Found<'_>> {
    let sentence_start = text.rfind('。').map_or(0, |at| at + '。'.len_utf8());
    let commas: Vec<usize> = text[sentence_start..]
        .match_indices(',')
        .map(|(at, _)| sentence_start + at)
        .collect();
    let mut best = None;
    for &comma in commas.iter().rev().take(MAX_TRAILING_CLAUSES) {
        let start = comma + ','.len_utf8();
        let clauses = text[start..].strip_prefix('由').unwrap_or(&text[start..]);
        match assigning_clauses(clauses) {
            Some(annotation) => {
                best = Some(Found {
                    start: comma,
                    annotation,
                })
            }
            None if best.is_some() => break,
            None => {}
        }
    }
    best
}

/// The annotation of a sentence that is nothing but clauses of units and
/// their verbs, every name reading as a unit.
fn assigning_clauses(sentence: &str) -> Option<Annotation<'_>> {
    if sentence.trim().is_empty() || char_count(sentence) > MAX_ASSIGNING_SENTENCE_CHARS {
        return None;
    }
    let annotation = parse_clauses(sentence)?;
    all_units(annotation.units.iter().map(|(_, name)| name)).then_some(annotation)
}

/// The opening bracket matching the closing one at `close`.
fn matching_open(text: &str, close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (index, c) in text[..close].char_indices().rev() {
        if closes(c) {
            depth += 1;
        } else if opens(c) {
            if depth == 0 {
                return Some(index);
            }
            depth -= 1;
        }
    }
    None
}

/// Every bracket of `text` that is an annotation, with where it opens and
/// where it ends (after its closing bracket): the tasks of a paragraph that
/// closes each with its own bracket lie between them.
pub fn annotated_brackets(text: &str) -> Vec<(usize, usize, Annotation<'_>)> {
    let mut found = Vec::new();
    // Brackets of bare units right after a task's words, not after a
    // sentence: a list of tasks when there are two or more of them
    // (`…服务(区民政局),改造提升农村厕所(区综合执法局),…`), else a name's part.
    let mut mid_sentence = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find(opens) {
        let open = at + offset;
        let Some(close) = matching_close(text, open) else {
            break;
        };
        let open_len = text[open..].chars().next().map_or(1, char::len_utf8);
        let close_len = text[close..].chars().next().map_or(1, char::len_utf8);
        let inner = &text[open + open_len..close];
        let annotation = match labels(inner).first() {
            Some(first) if first.start == 0 && starts_annotation(first.duty) => {
                Some(parse_labelled(inner))
            }
            _ => parse_clauses(inner).or_else(|| {
                let before = &text[..open];
                let bare = bare_names(inner)?;
                if !after_sentence(before) {
                    if lexicon().ends_like_unit(before.trim_end())
                        && alias_written_alike(last_clause(before), inner)
                    {
                        return None;
                    }
                    mid_sentence.push(found.len());
                }
                Some(bare)
            }),
        };
        match annotation {
            Some(annotation) if !annotation.is_blank() => {
                found.push((open, close + close_len, annotation));
            }
            _ => {}
        }
        at = close + close_len;
    }
    if mid_sentence.len() < 2 {
        for index in mid_sentence.into_iter().rev() {
            found.remove(index);
        }
    }
    found
}

/// The characters a unit's name starts with when it carries its level:
/// 区市场监管局, 县教育局.
pub(super) const LEVEL_PREFIXES: [char; 4] = ['省', '市', '区', '县'];

/// The clause `text` ends with: what follows its last mark of punctuation.
fn last_clause(text: &str) -> &str {
    let text = text.trim_end();
    text.rfind(['，', ',', '、', '；', ';', '：', ':', '。'])
        .map_or(text, |at| {
            let mark = text[at..].chars().next().map_or(1, char::len_utf8);
            &text[at + mark..]
        })
}

/// True when the bracket `inner` after a name may be that name's other
/// name: written as the name is, with its level when the name has one.
/// `新建改造农贸市场(区市场监管局)` is a task and its unit, not a market's
/// other name; `区应急管理局(区安委办)` is one unit.
fn alias_written_alike(name: &str, inner: &str) -> bool {
    let levelled = |text: &str| text.starts_with(LEVEL_PREFIXES);
    !levelled(inner) || levelled(name)
}

/// Every labelled annotation of `text` that opens after a space or a
/// sentence's end, outside brackets (`粮食产量1268万吨以上 部门分工:省农业农村厅牵头,
/// 各地、各部门配合。 大力推进…`): where it opens, where it ends (after the
/// full stop closing it) and what it names. Labels in a row (`牵头单位:X
/// 责任单位:Y。`) make one annotation.
pub fn annotated_labels(text: &str) -> Vec<(usize, usize, Annotation<'_>)> {
    let starts: Vec<usize> = labels(text)
        .into_iter()
        .filter(|label| starts_annotation(label.duty))
        .filter(|label| enclosing_open(text, label.start).is_none())
        .filter(|label| {
            text[..label.start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_whitespace() || matches!(c, '。' | ';'))
        })
        .map(|label| label.start)
        .collect();
    let mut found = Vec::new();
    let mut index = 0;
    while index < starts.len() {
        let start = starts[index];
        let end = text[start..]
            .find('。')
            .map_or(text.len(), |at| start + at + '。'.len_utf8());
        while index + 1 < starts.len() && starts[index + 1] < end {
            index += 1;
        }
        let annotation = parse_labelled(&text[start..end]);
        if !annotation.is_blank() {
            found.push((start, end, annotation));
        }
        index += 1;
    }
    found
}

/// What a heading says about who leads its tasks: `县示范区管委会牵头工作(8项)`
/// (a lead), `孟学农省长负责的工作` (a leader).
pub fn heading_assignment(title: &str) -> Option<Annotation<'_>> {
    let mut rest = title.trim_end_matches(['。', '.', ':', ' ']);
    if rest.ends_with(')')
        && let Some(open) = matching_open(rest, rest.len() - 1)
    {
        let open_len = rest[open..].chars().next().map_or(1, char::len_utf8);
        let inner = rest
            .get(open + open_len..rest.len() - 1)
            .unwrap_or_default();
        if inner.contains('项') && inner.chars().any(|c| c.is_ascii_digit()) {
            rest = rest[..open].trim_end();
        }
    }
    let object = lexicon().ending_in(List::HeadingObject, rest)?;
    rest = rest[..rest.len() - object.len()].trim_end_matches('的');
    let verb = lexicon().ending_in(List::HeadingVerb, rest)?;
    let body = &rest[..rest.len() - verb.len()];
    let names = split_names(body);
    if names.is_empty() || !names.iter().all(is_plausible_name) {
        return None;
    }
    let mut annotation = Annotation::default();
    annotation.push_names(Role::Lead, names);
    Some(annotation)
}

/// A duty list item that starts with its unit: `市发展改革委:负责…` → the unit
/// and where the duties start.
pub fn duty_unit(text: &str) -> Option<(Name<'_>, usize)> {
    let colon = text.find(':')?;
    let before = text[..colon].trim();
    if char_count(before) > MAX_DUTY_UNIT_CHARS
        || before.contains(['(', ',', '、', '。', ';'])
        || lexicon().label_ending(before).is_some()
    {
        return None;
    }
    let mut names = split_names(before);
    let name = names.pop()?;
    let text_of = name.text();
    (names.is_empty() && lexicon().ends_like_unit(&text_of) && leader_in(&text_of).is_none())
        .then(|| (name, colon + ':'.len_utf8()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assignment(annotation: &Annotation) -> Assignment {
        annotation.to_assignment(&|piece: &str| piece.to_string())
    }

    fn found(line: &str) -> (String, Assignment) {
        let found = find_inline(line).expect("annotation");
        (
            line[..found.start].to_string(),
            assignment(&found.annotation),
        )
    }

    #[test]
    fn labels_inline() {
        let (text, units) = found(
            "开工建设人民医院东院区项目。(牵头单位:卫生健康委员会;责任单位:城投建设发展有限公司、玉泉街道办事处)",
        );
        assert_eq!(text, "开工建设人民医院东院区项目。");
        assert_eq!(units.lead, ["卫生健康委员会"]);
        assert_eq!(
            units.responsible,
            ["城投建设发展有限公司", "玉泉街道办事处"]
        );
        let (_, units) = found("推进就业。牵头单位:市人社局;配合单位:市财政局");
        assert_eq!(units.cooperating, ["市财政局"]);
        let (_, units) =
            found("抓好。[牵头单位:县发改局(粮食局);责任单位:各镇人民政府,嘉鱼经济开发区]");
        assert_eq!(units.lead, ["县发改局(粮食局)"]);
        assert_eq!(units.responsible, ["各镇人民政府", "嘉鱼经济开发区"]);
    }

    #[test]
    fn the_state_council_style() {
        let (text, units) = found(
            "落实好提振市场信心90条措施。(省发展改革委牵头,省商务厅、财政厅、文化和旅游厅等相关部门按职责分工负责)",
        );
        assert_eq!(text, "落实好提振市场信心90条措施。");
        assert_eq!(units.lead, ["省发展改革委"]);
        assert_eq!(units.responsible, ["省商务厅", "财政厅", "文化和旅游厅"]);
        let (_, units) = found("推进。(市人力资源社会保障局、市医保局负责)");
        assert_eq!(units.responsible, ["市人力资源社会保障局", "市医保局"]);
        let (_, units) = found("抓好。(市经委、市建委分别牵头)");
        assert_eq!(units.lead, ["市经委", "市建委"]);
        let (_, units) = found("抓好。(市发改委牵头,市财政局,市商务局、市税务局配合)");
        assert_eq!(units.lead, ["市发改委"]);
        assert_eq!(units.cooperating, ["市财政局", "市商务局", "市税务局"]);
        let units = assignment(
            &parse_block("部门分工:省工业和信息化厅牵头,省委网信办,省发展改革委、科技厅等配合。")
                .expect("block"),
        );
        assert_eq!(units.cooperating, ["省委网信办", "省发展改革委", "科技厅"]);
        let (_, units) = found(
            "推进。〔责任单位:省发展改革委、商务厅按职责分工负责。具体任务均涉及相关市(州)人民政府,不再做分工,下同。〕",
        );
        assert_eq!(units.responsible, ["省发展改革委", "商务厅"]);
        assert!(find_inline("建设文化(篮球)小镇").is_none());
        assert!(find_inline("建立由市发改委牵头抓总的机制(试行)").is_none());
    }

    #[test]
    fn block_lines_of_each_form() {
        let block = parse_block("部门分工:省发展改革委牵头,各地、各部门配合。").expect("block");
        let units = assignment(&block);
        assert_eq!(units.lead, ["省发展改革委"]);
        assert_eq!(units.cooperating, ["各地", "各部门"]);
        let units =
            assignment(&parse_block("责任部门:市房管局牵头,市民政局配合。").expect("block"));
        assert_eq!(units.lead, ["市房管局"]);
        assert_eq!(units.cooperating, ["市民政局"]);
        let units = assignment(&parse_block("牵头责任单位:市发展改革委。").expect("block"));
        assert_eq!(units.lead, ["市发展改革委"]);
        let units = assignment(
            &parse_block("协同责任单位:市经信局、市商务局等,各县、市、区政府。").expect("block"),
        );
        assert_eq!(
            units.cooperating,
            ["市经信局", "市商务局", "各县、市、区政府"]
        );
        let units = assignment(&parse_block("上述项目由区商务委牵头负责。").expect("block"));
        assert_eq!(units.lead, ["区商务委"]);
        let units = assignment(
            &parse_block("(责任单位:市直各有关单位、各县(市、区)人民政府、各开发区管委会)")
                .expect("block"),
        );
        assert_eq!(
            units.responsible,
            ["市直各有关单位", "各县(市、区)人民政府", "各开发区管委会"]
        );
        assert!(parse_block("推进。(牵头单位:市发改委)").is_none());
        assert!(parse_block("部门分工:").expect("empty block").is_blank());
    }

    #[test]
    fn leaders_are_never_units() {
        let units = assignment(&parse_block("牵头领导:刘 哲").expect("block"));
        assert_eq!(units.leaders, ["刘 哲"]);
        assert!(units.lead.is_empty());
        let units = assignment(&parse_block("牵头负责领导:刘惠。").expect("block"));
        assert_eq!(units.leaders, ["刘惠"]);
        let units = assignment(&parse_block("分管省领导:林克庆").expect("block"));
        assert_eq!(units.leaders, ["林克庆"]);
        let (_, units) = found(
            "地区生产总值增长7.5%左右。(牵头领导:谢瑞武,牵头单位:市发改委,数据提供单位:市统计局)",
        );
        assert_eq!(units.leaders, ["谢瑞武"]);
        assert_eq!(units.lead, ["市发改委"]);
        assert!(units.responsible.is_empty() && units.cooperating.is_empty());
        let (_, units) = found(
            "构建政策体系(分管副省长、协管副秘书长负责,省科技厅牵头。明确牵头部门的,其他有关部门配合,不逐一列出,下同)",
        );
        assert_eq!(units.leaders, ["分管副省长", "协管副秘书长"]);
        assert_eq!(units.lead, ["省科技厅"]);
        assert!(units.cooperating.is_empty());
    }

    #[test]
    fn prose_clauses() {
        let annotation = leading_clauses(
            "由杨志武副市长负责,市发改委牵头,相关部门配合,尽快完成《兰州综合配套改革试验区实施方案》",
        )
        .expect("clauses");
        let units = assignment(&annotation);
        assert_eq!(units.leaders, ["杨志武"]);
        assert_eq!(units.lead, ["市发改委"]);
        assert_eq!(units.cooperating, ["相关部门"]);
        assert!(leading_clauses("加强统筹,推进工作").is_none());
    }

    #[test]
    fn notes_in_lists_are_rules() {
        let units = assignment(&parse_block(
            "责任单位:省政府办公厅、省财政厅牵头,省商务厅、省文化广电和旅游厅(除标注为“牵头”单位外,列第一位的为牵头或汇总单位,下同)",
        ).expect("block"));
        assert_eq!(units.lead, ["省政府办公厅", "省财政厅"]);
        assert_eq!(units.responsible, ["省商务厅", "省文化广电和旅游厅"]);
        let (_, units) = found(
            "落实政策(分管副省长、协管副秘书长负责,省科技厅、省发改委等负责。列第一位的为牵头部门,其他部门和单位按职责分工负责,下同)",
        );
        assert_eq!(units.responsible, ["省科技厅", "省发改委"]);
    }

    #[test]
    fn a_lead_repeated_among_the_responsible() {
        let units = assignment(&parse_labelled(
            "牵头单位:市发改委;责任单位:市发改委、市财政局",
        ));
        assert_eq!(units.lead, ["市发改委"]);
        assert_eq!(units.responsible, ["市财政局"]);
    }

    #[test]
    fn headings_that_name_who_leads() {
        let units =
            assignment(&heading_assignment("县示范区管委会牵头工作(8项)").expect("heading"));
        assert_eq!(units.lead, ["县示范区管委会"]);
        let units = assignment(&heading_assignment("卢山副省长牵头重点工作").expect("heading"));
        assert_eq!(units.leaders, ["卢山"]);
        assert!(units.lead.is_empty());
        let units = assignment(&heading_assignment("孟学农省长负责的工作").expect("heading"));
        assert_eq!(units.leaders, ["孟学农"]);
        let units = assignment(&heading_assignment("省监察厅牵头的工作").expect("heading"));
        assert_eq!(units.lead, ["省监察厅"]);
        let units = assignment(&heading_assignment("袁家军省长主抓重点工作").expect("heading"));
        assert_eq!(units.leaders, ["袁家军"]);
        assert!(heading_assignment("加快推进重点工作").is_none());
    }

    #[test]
    fn duty_lists() {
        let (name, at) =
            duty_unit("市发展改革委:负责将全市应急避难场所建设规划纳入").expect("duty");
        assert_eq!(name.text(), "市发展改革委");
        assert_eq!(at, "市发展改革委:".len());
        assert!(duty_unit("工作目标:到2025年").is_none());
        assert!(duty_unit("牵头单位:市发改委").is_none());
    }

    #[test]
    fn brackets_that_close_tasks_inside_a_paragraph() {
        let text = "常住人口控制在1150万人左右。(市人口计生委、市公安局牵头)万元地区生产总值能源消耗降低20%。(市经委牵头)万元工业增加值。";
        let found = annotated_brackets(text);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[..found[0].0], "常住人口控制在1150万人左右。");
        assert_eq!(assignment(&found[1].2).lead, ["市经委"]);
    }

    #[test]
    fn brackets_of_bare_units_after_task_words() {
        let text = "新增社区巴士(区交通运输局),新建改造农贸市场(区市场监管局),新建、改扩建旅游厕所(区旅游局),开工建设安置房(区住建局)";
        let found = annotated_brackets(text);
        let units: Vec<_> = found
            .iter()
            .map(|(_, _, annotation)| assignment(annotation).responsible)
            .collect();
        assert_eq!(
            units,
            [
                ["区交通运输局"],
                ["区市场监管局"],
                ["区旅游局"],
                ["区住建局"]
            ]
        );
        // A unit's other name, written as the unit is: one name.
        let text = "完善预案,区应急管理局(区安委办)、区消防救援大队(区消防办)共同实施";
        assert!(annotated_brackets(text).is_empty());
    }

    #[test]
    fn brackets_of_bare_units_after_a_sentence() {
        let (_, units) = found("全年安置不低于4000人;(人社局、各开发区)");
        assert_eq!(units.responsible, ["人社局", "各开发区"]);
        for line in [
            "今年省农业农村厅(乡村振兴局)",
            "改造提升816东路(连江一中段)。",
            "完成改造任务。(含开发区)",
            "出台实施细则。(2024年底)",
            "修订管理办法。(试行)",
        ] {
            assert!(find_inline(line).is_none(), "{line}");
        }
    }

    #[test]
    fn a_cut_annotation() {
        let annotation = parse_labelled("(牵头单位:市发改委;责任单位:市财政局、市监");
        assert!(annotation.cut);
        assert!(!parse_labelled("(牵头单位:市发改委)").cut);
    }

    #[test]
    fn deadlines_and_supporting_roles() {
        let (_, units) = found("推进改革。(责任单位:市发改委;完成时限:2024年12月底)");
        assert_eq!(units.responsible, ["市发改委"]);
        let found =
            find_inline("推进改革。(责任单位:市发改委;完成时限:2024年12月底)").expect("found");
        assert_eq!(found.annotation.deadline, Some("2024年12月底"));
        assert!(
            parse_block("完成时限:2024年底")
                .expect("deadline line")
                .is_blank()
        );
        assert!(find_inline("推进。(完成时限:2024年底)").is_none());
        assert!(find_inline("实现“一网通办”,群众满意度达到95%,全市配合:是").is_none());
    }
}
