//! The words of the genre, read from `assets/lexicon.tsv`: role labels and
//! verbs, "etc." endings, place and unit endings, posts, notes and table
//! headers. The parser and the departments layer both read them here.

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use rustc_hash::{FxHashMap, FxHashSet};

use crate::model::Role;

/// The embedded table; its header comment documents the classes.
const TABLE: &str = include_str!("../assets/lexicon.tsv");

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    Lexicon::parse(TABLE)
        .expect("the embedded assets/lexicon.tsv is broken: run `cargo test --lib lexicon`")
});

/// The lexicon built from the embedded `assets/lexicon.tsv`.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// What a label introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Duty {
    /// Units in one of the roles of charge.
    Role(Role),
    /// Persons or posts in charge: never units.
    Leader,
    /// A supporting part that is no role of charge (数据提供单位).
    Support,
    /// The task's deadline.
    Deadline,
    /// Anything else: ends a list of names.
    Other,
}

/// What a table column holds, by its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// The task's number (序号).
    Number,
    /// The task's text.
    Task,
    /// A project's name, written before the task text.
    Name,
    /// The deadline.
    Deadline,
    /// A group of rows: a section.
    Category,
    /// Units, leaders or other labelled content.
    Label(Duty),
    /// Nothing to read (progress, remarks).
    Ignore,
}

impl Column {
    /// True for a column of units or persons in charge: a role's or a
    /// leader's, not a remark's (备注) or a supporting part's.
    pub fn names_charge(&self) -> bool {
        matches!(self, Column::Label(Duty::Role(_) | Duty::Leader))
    }
}

/// Plain lists of words, each a class of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    /// Endings of a work plan's own title: 工作要点, 分解表.
    PlanEnding,
    /// Endings that make a plan title only beside a year or a quoted title.
    WeakPlanEnding,
    /// Endings of a notice title: 通知, 意见.
    NoticeEnding,
    /// Headings of sections on how a plan is carried out: 保障措施.
    RequirementHeading,
    /// Openings of a preamble paragraph: 为, 根据.
    PreambleOpening,
    /// What ends a heading that names who leads its tasks: 重点工作.
    HeadingObject,
    /// The verb of such a heading: 牵头, 主抓.
    HeadingVerb,
    /// Openings of a line assigning the tasks before it: 上述.
    GroupOpening,
    /// Headers naming the task alone, a group beside another task column: 指标.
    GroupHeader,
    /// What such a line calls the tasks before its label: 目标
    /// (该目标责任单位为…, 4项目标的责任单位均为…).
    GroupNoun,
    /// Words before the unit opening a duty sentence: 即 (即县水务局牵头,…).
    DutyLeadIn,
    /// Verbs telling others what to do, which no unit's name starts with: 要求.
    DirectiveVerb,
    /// Bodies a post belongs to, between a person's name and the post: 区政府.
    PostBody,
    /// Bare kinds of place a collective 各 is shared with: 镇(街道).
    BarePlaceKind,
    /// Marks after a name that make it the lead: (牵头).
    LeadMark,
    /// Signs before a name that make it the lead: ★.
    LeadSign,
    /// Words joining two names: 和, 及.
    Conjunction,
    /// Words after 等 that make the rest "the others concerned": 有关.
    CollectiveMark,
    /// Words making a collective of the places after them: 各, 相关.
    Collective,
    /// Offices a bare name before them shares: 街办, 管理区.
    OfficeSuffix,
    /// Words of a deadline: 年底, 全年.
    DeadlineWord,
    /// Words marking a short line of page chrome: 责任编辑.
    ChromeWord,
    /// Words marking chrome in a line however long: http://.
    AlwaysChrome,
    /// Short lines that are chrome on their own: 首页.
    ChromeLine,
    /// Words after which a web page's article has ended: 上一篇.
    FooterWord,
    /// What follows a place that issues a document: 人民政府.
    IssuerSuffix,
    /// What follows an issuer announcing a document in the body: 发布.
    AnnouncingWord,
    /// What follows a place starting a title to make it the issuer: 关于.
    TitleIssuerWord,
    /// Offices ending a signature line: 人民政府办公室.
    SignatureOffice,
    /// What follows a level's character naming its own government: 政府.
    GovernmentWord,
    /// What after a place word makes it a street's, a road's name: 街道.
    LocalName,
    /// What after 人民政府 makes it a website's name: 网.
    WebsiteWord,
    /// Openings of a bracketed remark that is no list of names: 含, 包括.
    RemarkOpening,
    /// Endings of a table's own title: 登记表, 清单.
    CaptionEnding,
    /// Extensions of attached files, whose names are page chrome: .docx.
    FileExtension,
    /// Words before a label that leave its role as it is: 主要 (协作单位).
    LabelQualifier,
    /// Lead labels that give way to a 牵头单位 beside them: 主办单位.
    MainLabel,
    /// Bodies named without their place after 和 / 及: 人民政府, 管委会.
    BareBody,
    /// Words before a colon that introduce a list of tasks: 具体为.
    ListLeadIn,
    /// Beginnings of words that start with 市 and are no city prefix, written without that 市.
    WordAfterShi,
    /// Beginnings of words that start with 省, 区 or 县 and are no level prefix.
    WordAfterLevel,
    /// National bodies written before the city's name of their local branch.
    BranchPrefix,
    /// Endings of a place's full name that its short name goes without, longest first.
    PlaceSuffix,
    /// Endings of development zones, which have no 人民政府 of their own.
    ZoneSuffix,
    /// Endings of a government's name, longest first.
    GovernmentSuffix,
    /// Endings of a street office's name.
    StreetOfficeSuffix,
    /// Endings of a company's name.
    CompanySuffix,
    /// Endings of the name of a department or a body of the same standing.
    DepartmentSuffix,
    /// Endings of a court or procuratorate, which are not 学院 or 医院.
    JudicialSuffix,
    /// Words that mark a coordinating body anywhere in its name.
    CoordinatingWord,
    /// Endings of a coordinating body's name.
    CoordinatingSuffix,
    /// Words of a table's row of totals: 合计, 小计.
    TotalWord,
}

impl List {
    /// Every list.
    pub const ALL: [List; 52] = [
        List::PlanEnding,
        List::WeakPlanEnding,
        List::NoticeEnding,
        List::RequirementHeading,
        List::PreambleOpening,
        List::HeadingObject,
        List::HeadingVerb,
        List::GroupOpening,
        List::GroupHeader,
        List::GroupNoun,
        List::DutyLeadIn,
        List::DirectiveVerb,
        List::PostBody,
        List::BarePlaceKind,
        List::LeadMark,
        List::LeadSign,
        List::Conjunction,
        List::CollectiveMark,
        List::Collective,
        List::OfficeSuffix,
        List::DeadlineWord,
        List::ChromeWord,
        List::AlwaysChrome,
        List::ChromeLine,
        List::FooterWord,
        List::IssuerSuffix,
        List::AnnouncingWord,
        List::TitleIssuerWord,
        List::SignatureOffice,
        List::GovernmentWord,
        List::LocalName,
        List::WebsiteWord,
        List::RemarkOpening,
        List::CaptionEnding,
        List::FileExtension,
        List::LabelQualifier,
        List::MainLabel,
        List::BareBody,
        List::ListLeadIn,
        List::WordAfterShi,
        List::WordAfterLevel,
        List::BranchPrefix,
        List::PlaceSuffix,
        List::ZoneSuffix,
        List::GovernmentSuffix,
        List::StreetOfficeSuffix,
        List::CompanySuffix,
        List::DepartmentSuffix,
        List::JudicialSuffix,
        List::CoordinatingWord,
        List::CoordinatingSuffix,
        List::TotalWord,
    ];

    /// The class of the list in the table.
    pub fn class(self) -> &'static str {
        match self {
            List::PlanEnding => "plan-ending",
            List::WeakPlanEnding => "weak-plan-ending",
            List::NoticeEnding => "notice-ending",
            List::RequirementHeading => "requirement-heading",
            List::PreambleOpening => "preamble-opening",
            List::HeadingObject => "heading-object",
            List::HeadingVerb => "heading-verb",
            List::GroupOpening => "group-opening",
            List::GroupHeader => "group-header",
            List::GroupNoun => "group-noun",
            List::DutyLeadIn => "duty-lead-in",
            List::DirectiveVerb => "directive-verb",
            List::PostBody => "post-body",
            List::BarePlaceKind => "bare-place-kind",
            List::LeadMark => "lead-mark",
            List::LeadSign => "lead-sign",
            List::Conjunction => "conjunction",
            List::CollectiveMark => "collective-mark",
            List::Collective => "collective",
            List::OfficeSuffix => "office-suffix",
            List::DeadlineWord => "deadline-word",
            List::ChromeWord => "chrome-word",
            List::AlwaysChrome => "always-chrome",
            List::ChromeLine => "chrome-line",
            List::FooterWord => "footer-word",
            List::IssuerSuffix => "issuer-suffix",
            List::AnnouncingWord => "announcing-word",
            List::TitleIssuerWord => "title-issuer-word",
            List::SignatureOffice => "signature-office",
            List::GovernmentWord => "government-word",
            List::LocalName => "local-name",
            List::WebsiteWord => "website-word",
            List::RemarkOpening => "remark-opening",
            List::CaptionEnding => "caption-ending",
            List::FileExtension => "file-extension",
            List::LabelQualifier => "label-qualifier",
            List::MainLabel => "main-label",
            List::BareBody => "bare-body",
            List::ListLeadIn => "list-lead-in",
            List::WordAfterShi => "word-after-shi",
            List::WordAfterLevel => "word-after-level",
            List::BranchPrefix => "branch-prefix",
            List::PlaceSuffix => "place-suffix",
            List::ZoneSuffix => "zone-suffix",
            List::GovernmentSuffix => "government-suffix",
            List::StreetOfficeSuffix => "street-office-suffix",
            List::CompanySuffix => "company-suffix",
            List::DepartmentSuffix => "department-suffix",
            List::JudicialSuffix => "judicial-suffix",
            List::CoordinatingWord => "coordinating-word",
            List::CoordinatingSuffix => "coordinating-suffix",
            List::TotalWord => "total-word",
        }
    }

    fn from_class(class: &str) -> Option<List> {
        List::ALL.into_iter().find(|list| list.class() == class)
    }
}

/// Why the lexicon could not be read.
#[derive(Debug, thiserror::Error)]
pub enum LexiconError {
    /// A line does not have the columns of its class.
    #[error("line {line}: `{text}` is not class<TAB>word<TAB>meaning")]
    Shape { line: usize, text: String },
    /// A line's class is unknown.
    #[error("line {line}: unknown class `{class}`")]
    Class { line: usize, class: String },
    /// A line's meaning does not fit its class.
    #[error("line {line}: `{meaning}` is no meaning of class {class}")]
    Meaning {
        line: usize,
        class: String,
        meaning: String,
    },
}

/// Words ending (or starting) a text: the words are filed by their last
/// and their first character, longest first, so a text is compared only with
/// the words that end with its last character (start with its first).
#[derive(Debug)]
struct Endings<T> {
    words: FxHashMap<String, T>,
    by_last: FxHashMap<char, Vec<(String, T)>>,
    by_first: FxHashMap<char, Vec<(String, T)>>,
}

impl<T> Default for Endings<T> {
    fn default() -> Self {
        Endings {
            words: FxHashMap::default(),
            by_last: FxHashMap::default(),
            by_first: FxHashMap::default(),
        }
    }
}

impl<T: Copy> Endings<T> {
    /// Adds a word; a word added again takes its new meaning.
    fn insert(&mut self, word: &str, meaning: T) {
        self.words.insert(word.to_owned(), meaning);
        let (Some(first), Some(last)) = (word.chars().next(), word.chars().next_back()) else {
            return;
        };
        for filed in [
            self.by_last.entry(last).or_default(),
            self.by_first.entry(first).or_default(),
        ] {
            match filed.iter_mut().find(|(seen, _)| seen == word) {
                Some(entry) => entry.1 = meaning,
                None => filed.push((word.to_owned(), meaning)),
            }
            filed.sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
        }
    }

    /// The longest word `text` ends with: its length in bytes and meaning.
    fn ending(&self, text: &str) -> Option<(usize, T)> {
        let last = text.chars().next_back()?;
        self.by_last
            .get(&last)?
            .iter()
            .find(|(word, _)| text.ends_with(word.as_str()))
            .map(|(word, meaning)| (word.len(), *meaning))
    }

    /// The longest word `text` starts with.
    fn beginning(&self, text: &str) -> Option<(usize, T)> {
        let first = text.chars().next()?;
        self.by_first
            .get(&first)?
            .iter()
            .find(|(word, _)| text.starts_with(word.as_str()))
            .map(|(word, meaning)| (word.len(), *meaning))
    }
}

/// Words looked for anywhere in a text, all in one pass over it (an
/// Aho-Corasick automaton) instead of one search per word. A word listed
/// twice is looked for once and reported under each of its entries.
#[derive(Debug, Clone)]
struct Words {
    automaton: AhoCorasick,
    /// For each distinct word, in the automaton's order: the indices of its
    /// entries in the list it was built from.
    entries: Vec<Vec<usize>>,
}

impl Default for Words {
    fn default() -> Self {
        Words::new(std::iter::empty::<&str>())
    }
}

impl Words {
    fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let mut distinct: Vec<&str> = Vec::new();
        let mut entries: Vec<Vec<usize>> = Vec::new();
        for (index, word) in words.into_iter().enumerate() {
            match distinct.iter().position(|seen| *seen == word) {
                Some(at) => entries[at].push(index),
                None => {
                    distinct.push(word);
                    entries.push(vec![index]);
                }
            }
        }
        let automaton = AhoCorasick::new(&distinct)
            .expect("the lexicon's word lists are small enough for an automaton");
        Words { automaton, entries }
    }

    /// Every occurrence of every word in `text`, overlapping ones included,
    /// as (entry index, byte range).
    fn occurrences(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut found = Vec::new();
        for found_word in self.automaton.find_overlapping_iter(text) {
            for &entry in &self.entries[found_word.pattern().as_usize()] {
                found.push((entry, found_word.range()));
            }
        }
        found
    }
}

/// Words of which a text may hold any, told in one pass over it. The
/// automaton reports the leftmost word first, which lets it skip ahead to
/// the characters that can start one; which word is found is never asked.
#[derive(Debug, Clone)]
struct AnyWord {
    automaton: AhoCorasick,
}

impl Default for AnyWord {
    fn default() -> Self {
        AnyWord::new(std::iter::empty::<&str>())
    }
}

impl AnyWord {
    fn new<'w>(words: impl IntoIterator<Item = &'w str>) -> Self {
        let automaton = AhoCorasick::builder()
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(words)
            .expect("the lexicon's word lists are small enough for an automaton");
        AnyWord { automaton }
    }

    /// True when `text` holds one of the words.
    fn is_in(&self, text: &str) -> bool {
        self.automaton.is_match(text)
    }
}

/// A plain list of words, in the table's order, with what rules out most
/// texts at a glance (the characters its words start and end with) and the
/// automaton that finds any of its words in one pass.
#[derive(Debug, Default)]
struct WordList {
    words: Vec<String>,
    first_chars: Vec<char>,
    last_chars: Vec<char>,
    anywhere: AnyWord,
}

impl WordList {
    fn new(words: Vec<String>) -> Self {
        let chars = |pick: fn(&str) -> Option<char>| {
            let mut chars: Vec<char> = words.iter().filter_map(|word| pick(word)).collect();
            chars.sort_unstable();
            chars.dedup();
            chars
        };
        WordList {
            first_chars: chars(|word| word.chars().next()),
            last_chars: chars(|word| word.chars().next_back()),
            anywhere: AnyWord::new(words.iter().map(String::as_str)),
            words,
        }
    }

    /// True when some word may start `text`.
    fn may_start(&self, text: &str) -> bool {
        text.chars()
            .next()
            .is_some_and(|c| self.first_chars.binary_search(&c).is_ok())
    }

    /// True when some word may end `text`.
    fn may_end(&self, text: &str) -> bool {
        text.chars()
            .next_back()
            .is_some_and(|c| self.last_chars.binary_search(&c).is_ok())
    }
}

/// The genre's words.
#[derive(Debug, Default)]
pub struct Lexicon {
    labels: Endings<Duty>,
    verbs: Endings<Role>,
    /// The role verbs, to tell a text that holds none.
    any_verb: AnyWord,
    et_cetera: Endings<()>,
    place_ends: Vec<char>,
    shared_suffixes: Vec<String>,
    unit_ends: Endings<()>,
    posts: Endings<()>,
    post_qualifiers: Endings<()>,
    notes: AnyWord,
    /// Table header words and what their column holds, longest first.
    headers: Vec<(String, Column)>,
    /// The header words, in the order of `headers`.
    header_words: Words,
    lists: Vec<WordList>,
}

impl Lexicon {
    /// Reads a table in the format of `assets/lexicon.tsv`.
    pub fn parse(table: &str) -> Result<Lexicon, LexiconError> {
        let mut lexicon = Lexicon::default();
        let mut lists = vec![Vec::new(); List::ALL.len()];
        let mut notes = Vec::new();
        for (index, text) in table.lines().enumerate() {
            let line = index + 1;
            if text.trim().is_empty() || text.starts_with('#') {
                continue;
            }
            let mut fields = text.split('\t');
            let (Some(class), Some(word)) = (fields.next(), fields.next()) else {
                return Err(LexiconError::Shape {
                    line,
                    text: text.to_owned(),
                });
            };
            let meaning = fields.next().unwrap_or("");
            if word.is_empty() || fields.next().is_some() {
                return Err(LexiconError::Shape {
                    line,
                    text: text.to_owned(),
                });
            }
            let wrong_meaning = || LexiconError::Meaning {
                line,
                class: class.to_owned(),
                meaning: meaning.to_owned(),
            };
            match class {
                "label" => {
                    let duty = duty(meaning).ok_or_else(wrong_meaning)?;
                    lexicon.labels.insert(word, duty);
                    lexicon.headers.push((word.to_owned(), Column::Label(duty)));
                }
                "verb" => {
                    let Some(Duty::Role(role)) = duty(meaning) else {
                        return Err(wrong_meaning());
                    };
                    lexicon.verbs.insert(word, role);
                }
                "et-cetera" => lexicon.et_cetera.insert(word, ()),
                "place-end" => {
                    let mut chars = word.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => lexicon.place_ends.push(c),
                        _ => return Err(wrong_meaning()),
                    }
                }
                "shared-suffix" => lexicon.shared_suffixes.push(word.to_owned()),
                "unit-end" => lexicon.unit_ends.insert(word, ()),
                "post" => lexicon.posts.insert(word, ()),
                "post-qualifier" => lexicon.post_qualifiers.insert(word, ()),
                "note" => notes.push(word.to_owned()),
                "header" => {
                    let column = match meaning {
                        "number" => Column::Number,
                        "task" => Column::Task,
                        "name" => Column::Name,
                        "deadline" => Column::Deadline,
                        "category" => Column::Category,
                        "ignore" => Column::Ignore,
                        _ => return Err(wrong_meaning()),
                    };
                    lexicon.headers.push((word.to_owned(), column));
                }
                other => match List::from_class(other) {
                    Some(list) => lists[list as usize].push(word.to_owned()),
                    None => {
                        return Err(LexiconError::Class {
                            line,
                            class: other.to_owned(),
                        });
                    }
                },
            }
        }
        lexicon
            .shared_suffixes
            .sort_by_key(|suffix| std::cmp::Reverse(suffix.len()));
        // A label written as a header too (任务目标) heads a column as that
        // header: the label is for a value after it in running text.
        let header_words: FxHashSet<String> = lexicon
            .headers
            .iter()
            .filter(|(_, column)| !matches!(column, Column::Label(_)))
            .map(|(word, _)| word.clone())
            .collect();
        lexicon.headers.retain(|(word, column)| {
            !matches!(column, Column::Label(_)) || !header_words.contains(word)
        });
        lexicon
            .headers
            .sort_by_key(|(word, _)| std::cmp::Reverse(word.len()));
        lexicon.header_words = Words::new(lexicon.headers.iter().map(|(word, _)| word.as_str()));
        lexicon.notes = AnyWord::new(notes.iter().map(String::as_str));
        lexicon.any_verb = AnyWord::new(lexicon.verbs.words.keys().map(String::as_str));
        lexicon.lists = lists.into_iter().map(WordList::new).collect();
        Ok(lexicon)
    }

    /// The label `text` ends with (`…牵头单位` → 牵头单位, lead): its length in
    /// bytes and what it introduces.
    pub fn label_ending(&self, text: &str) -> Option<(usize, Duty)> {
        self.labels.ending(text)
    }

    /// The label `text` is, whole.
    pub fn label(&self, text: &str) -> Option<Duty> {
        self.labels.words.get(text).copied()
    }

    /// The role verb `text` ends with (`市发改委牵头` → 牵头, lead).
    pub fn verb_ending(&self, text: &str) -> Option<(usize, Role)> {
        self.verbs.ending(text)
    }

    /// True when `text` holds a role verb anywhere.
    pub fn holds_verb(&self, text: &str) -> bool {
        self.any_verb.is_in(text)
    }

    /// The label `text` starts with (`责任单位畜牧局` → 责任单位).
    pub fn label_beginning(&self, text: &str) -> Option<(usize, Duty)> {
        self.labels.beginning(text)
    }

    /// The role verb `text` starts with.
    pub fn verb_beginning(&self, text: &str) -> Option<(usize, Role)> {
        self.verbs.beginning(text)
    }

    /// The length in bytes of the "etc." ending of `text` (`市发改委等有关单位`).
    pub fn et_cetera_ending(&self, text: &str) -> Option<usize> {
        self.et_cetera.ending(text).map(|(length, ())| length)
    }

    /// True when `c` ends place names (区, 县, 市…).
    pub fn is_place_end(&self, c: char) -> bool {
        self.place_ends.contains(&c)
    }

    /// The last characters of place names.
    pub fn place_ends(&self) -> &[char] {
        &self.place_ends
    }

    /// The suffixes a list of place names may share, longest first.
    pub fn shared_suffixes(&self) -> impl Iterator<Item = &str> {
        self.shared_suffixes.iter().map(String::as_str)
    }

    /// True when `name` ends like a unit (局, 委, 政府, 各街道, 有关部门…).
    /// A bracket after the name (`各镇政府(街道办事处)`, `县发改局(粮食局)`) is
    /// looked through.
    pub fn ends_like_unit(&self, name: &str) -> bool {
        if self.unit_ends.ending(name).is_some() {
            return true;
        }
        let Some(open) = name
            .strip_suffix([')', '）'])
            .and_then(|inner| inner.rfind(['(', '（']))
        else {
            return false;
        };
        open > 0 && self.unit_ends.ending(&name[..open]).is_some()
    }

    /// The length in bytes of the post `text` ends with (`杨志武副市长` → 副市长).
    pub fn post_ending(&self, text: &str) -> Option<usize> {
        self.posts.ending(text).map(|(length, ())| length)
    }

    /// True when `text` is a post and nothing else.
    pub fn is_post(&self, text: &str) -> bool {
        self.posts.words.contains_key(text)
    }

    /// The words of a list, in the table's order.
    pub fn list(&self, list: List) -> &[String] {
        &self.lists[list as usize].words
    }

    /// The first word of `list` that `text` ends with.
    pub fn ending_in(&self, list: List, text: &str) -> Option<&str> {
        let list = &self.lists[list as usize];
        if !list.may_end(text) {
            return None;
        }
        list.words
            .iter()
            .map(String::as_str)
            .find(|word| text.ends_with(word))
    }

    /// The first word of `list` that `text` starts with.
    pub fn opening_in(&self, list: List, text: &str) -> Option<&str> {
        let list = &self.lists[list as usize];
        if !list.may_start(text) {
            return None;
        }
        list.words
            .iter()
            .map(String::as_str)
            .find(|word| text.starts_with(word))
    }

    /// True when `text` holds a word of `list`.
    pub fn holds(&self, list: List, text: &str) -> bool {
        self.lists[list as usize].anywhere.is_in(text)
    }

    /// True when `text` is a word of `list`.
    pub fn is_in(&self, list: List, text: &str) -> bool {
        let list = &self.lists[list as usize];
        list.may_start(text) && list.words.iter().any(|word| word == text)
    }

    /// True when `text` ends with a word that qualifies a post (分管, 协管).
    pub fn ends_with_post_qualifier(&self, text: &str) -> bool {
        self.post_qualifiers.ending(text).is_some()
    }

    /// True when `text` holds a word of a note (列第一位, 下同).
    pub fn holds_note(&self, text: &str) -> bool {
        self.notes.is_in(text)
    }

    /// What a table column with the header `header` (spaces removed) holds:
    /// the meanings of the longest words it contains, in the order written.
    /// A bracketed remark in the header (`重点工作任务(2项配合工作)`) is not read.
    pub fn columns(&self, header: &str) -> Vec<Column> {
        self.column_words(header).0
    }

    /// What a column header holds, when its header words make at least
    /// `share` percent of its characters (digits and 年 not counted):
    /// `2022年预期目标` and `具体工作任务和要求` are headers, `责任分解方案` is not.
    pub fn header_columns(&self, header: &str, share: usize) -> Vec<Column> {
        let (columns, covered) = self.column_words(header);
        let bare = without_brackets(header);
        let counted = bare
            .chars()
            .filter(|c| !c.is_ascii_digit() && *c != '年' && !c.is_whitespace())
            .count();
        // 专项整治行业名称: a short compound is named by its last word.
        let named_by_last = || {
            counted <= MAX_COMPOUND_HEADER_CHARS
                && self
                    .header_words
                    .occurrences(&bare)
                    .into_iter()
                    .any(|(entry, range)| {
                        range.end == bare.len()
                            && matches!(self.headers[entry].1, Column::Task | Column::Name)
                    })
        };
        if counted == 0 || covered * 100 < counted * share && !named_by_last() {
            return Vec::new();
        }
        columns
    }

    /// The columns of a header and how many characters their words cover:
    /// the header words are tried longest first, each where it occurs from
    /// left to right (as `str::match_indices` finds it), and one is kept where
    /// it overlaps no word kept before and its column is not yet named.
    fn column_words(&self, header: &str) -> (Vec<Column>, usize) {
        let header = without_brackets(header);
        let mut occurrences = self.header_words.occurrences(&header);
        occurrences.sort_by_key(|(entry, range)| (*entry, range.start));
        let mut kept: Vec<(Range<usize>, Column)> = Vec::new();
        let mut searched: Option<(usize, usize)> = None;
        for (entry, range) in occurrences {
            // A search for one word goes on after the end of its last find.
            if searched.is_some_and(|(word, end)| word == entry && range.start < end) {
                continue;
            }
            searched = Some((entry, range.end));
            let column = self.headers[entry].1;
            let overlaps = kept
                .iter()
                .any(|(seen, _)| seen.start < range.end && range.start < seen.end);
            if !overlaps && !kept.iter().any(|(_, seen)| *seen == column) {
                kept.push((range, column));
            }
        }
        columns_in_order(&header, kept)
    }
}

/// The columns of the header words `kept` in `header`, in the order written,
/// and how many characters the words cover.
fn columns_in_order(header: &str, mut kept: Vec<(Range<usize>, Column)>) -> (Vec<Column>, usize) {
    kept.sort_by_key(|(range, _)| range.start);
    let covered = kept
        .iter()
        .map(|(range, _)| header[range.clone()].chars().count())
        .sum();
    (
        kept.into_iter().map(|(_, column)| column).collect(),
        covered,
    )
}

/// `text` without its bracketed parts, unless nothing else is left.
pub fn without_brackets(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['(', '（']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' => depth += 1,
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if out.is_empty() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(out)
    }
}

/// How many characters of a text count towards a header's length: those
/// [`without_brackets`] keeps, spaces left out; `None` as soon as more than
/// `limit` are outside brackets. The same as counting the characters of
/// `without_brackets` of the text without its spaces, without building
/// either, and without reading the rest of a line already too long.
pub fn header_length(text: impl IntoIterator<Item = char>, limit: usize) -> Option<usize> {
    let mut all = 0;
    let mut outside = 0;
    let mut depth = 0usize;
    let mut bracketed = false;
    for c in text.into_iter().filter(|c| !c.is_whitespace()) {
        all += 1;
        match c {
            '(' | '（' => {
                bracketed = true;
                depth += 1;
            }
            ')' | '）' => depth = depth.saturating_sub(1),
            _ if depth == 0 => {
                outside += 1;
                if outside > limit {
                    return None;
                }
            }
            _ => {}
        }
    }
    let length = if bracketed && outside > 0 {
        outside
    } else {
        all
    };
    (length <= limit).then_some(length)
}

/// The longest header, in characters, named by its last word alone.
const MAX_COMPOUND_HEADER_CHARS: usize = 10;

fn duty(meaning: &str) -> Option<Duty> {
    Some(match meaning {
        "lead" => Duty::Role(Role::Lead),
        "responsible" => Duty::Role(Role::Responsible),
        "cooperating" => Duty::Role(Role::Cooperating),
        "leader" => Duty::Leader,
        "support" => Duty::Support,
        "deadline" => Duty::Deadline,
        "other" => Duty::Other,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_reads() {
        let lexicon = Lexicon::parse(TABLE).expect("lexicon");
        assert!(lexicon.labels.words.len() > 50);
        for list in List::ALL {
            assert!(!lexicon.list(list).is_empty(), "{} is empty", list.class());
        }
    }

    #[test]
    fn the_longest_label_wins() {
        let lexicon = lexicon();
        assert_eq!(
            lexicon.label_ending("协同责任单位"),
            Some(("协同责任单位".len(), Duty::Role(Role::Cooperating)))
        );
        assert_eq!(
            lexicon.label_ending("(牵头责任单位"),
            Some(("牵头责任单位".len(), Duty::Role(Role::Lead)))
        );
        assert_eq!(
            lexicon.label_ending("牵头负责领导"),
            Some(("牵头负责领导".len(), Duty::Leader))
        );
        assert_eq!(
            lexicon.label_ending("数据提供单位"),
            Some(("数据提供单位".len(), Duty::Support))
        );
        assert_eq!(lexicon.label_ending("推进工作"), None);
    }

    #[test]
    fn verbs_and_endings() {
        let lexicon = lexicon();
        assert_eq!(
            lexicon.verb_ending("省商务厅等按职责分工负责"),
            Some(("按职责分工负责".len(), Role::Responsible))
        );
        assert_eq!(
            lexicon.verb_ending("市发改委分别牵头"),
            Some(("分别牵头".len(), Role::Lead))
        );
        assert_eq!(lexicon.et_cetera_ending("市发改委等有关单位"), Some(15));
        assert!(lexicon.ends_like_unit("市发改委"));
        assert!(lexicon.ends_like_unit("各街道"));
        assert!(!lexicon.ends_like_unit("伍泽国"));
        assert_eq!(lexicon.post_ending("杨志武副市长"), Some("副市长".len()));
        assert!(lexicon.is_post("分管副省长") || lexicon.post_ending("分管副省长").is_some());
        assert!(lexicon.holds_note("列第一位的为牵头单位"));
    }

    /// The columns of a header found one header word at a time, as they
    /// were before the words were looked for in one pass.
    fn column_words_one_by_one(lexicon: &Lexicon, header: &str) -> (Vec<Column>, usize) {
        let header = without_brackets(header);
        let mut kept: Vec<(Range<usize>, Column)> = Vec::new();
        for (word, column) in &lexicon.headers {
            for (at, _) in header.match_indices(word.as_str()) {
                let range = at..at + word.len();
                let overlaps = kept
                    .iter()
                    .any(|(seen, _)| seen.start < range.end && range.start < seen.end);
                if !overlaps && !kept.iter().any(|(_, seen)| seen == column) {
                    kept.push((range, *column));
                }
            }
        }
        columns_in_order(&header, kept)
    }

    /// Texts made of header words, pieces of them and brackets.
    fn header_like() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words: Vec<String> = lexicon()
            .headers
            .iter()
            .map(|(word, _)| word.clone())
            .collect();
        let mut chars: Vec<char> = words.iter().flat_map(|word| word.chars()).collect();
        chars.extend(['(', ')', '（', '）', '1', '年']);
        chars.sort_unstable();
        chars.dedup();
        let piece = prop_oneof![
            proptest::sample::select(words).boxed(),
            proptest::sample::select(chars)
                .prop_map(String::from)
                .boxed(),
        ];
        proptest::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
    }

    #[test]
    fn a_header_word_listed_twice_is_read_as_its_first_entry() {
        let lexicon = lexicon();
        for header in ["完成时限", "完成时限完成时限", "序号完成时间"] {
            assert_eq!(
                lexicon.column_words(header),
                column_words_one_by_one(lexicon, header),
                "{header}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn endings_are_the_longest_words_a_text_ends_or_starts_with(
            words in proptest::collection::vec("[局委市县区牵头a]{1,4}", 0..12),
            text in "[局委市县区牵头a]{0,8}",
        ) {
            let mut endings = Endings::default();
            for (index, word) in words.iter().enumerate() {
                endings.insert(word, index);
            }
            let meaning = |word: &str| words.iter().rposition(|seen| seen == word);
            let starts: Vec<usize> = text.char_indices().map(|(at, _)| at).collect();
            let ending = starts
                .iter()
                .find_map(|&at| meaning(&text[at..]).map(|index| (text.len() - at, index)));
            let beginning = starts
                .iter()
                .skip(1)
                .copied()
                .chain([text.len()])
                .rev()
                .find_map(|end| meaning(&text[..end]).map(|index| (end, index)));
            proptest::prop_assert_eq!(endings.ending(&text), ending);
            proptest::prop_assert_eq!(endings.beginning(&text), beginning);
        }

        #[test]
        fn header_words_found_in_one_pass_are_those_found_one_by_one(header in header_like()) {
            let lexicon = lexicon();
            proptest::prop_assert_eq!(
                lexicon.column_words(&header),
                column_words_one_by_one(lexicon, &header)
            );
        }

        #[test]
        fn a_header_length_counts_what_is_left_without_brackets(text in "[序号 ()（）a)]{0,12}") {
            let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let length = without_brackets(&compact).chars().count();
            proptest::prop_assert_eq!(header_length(text.chars(), 100), Some(length));
            proptest::prop_assert_eq!(
                header_length(text.chars(), 3),
                (length <= 3).then_some(length)
            );
        }
    }

    #[test]
    fn column_headers() {
        let lexicon = lexicon();
        assert_eq!(lexicon.columns("序号"), [Column::Number]);
        assert_eq!(lexicon.columns("具体工作任务和要求"), [Column::Task]);
        assert_eq!(
            lexicon.columns("牵头单位及主要负责人"),
            [
                Column::Label(Duty::Role(Role::Lead)),
                Column::Label(Duty::Leader)
            ]
        );
        assert_eq!(lexicon.columns("分管市领导"), [Column::Label(Duty::Leader)]);
        assert_eq!(lexicon.columns("责任领导"), [Column::Label(Duty::Leader)]);
        assert_eq!(
            lexicon.columns("责任单位"),
            [Column::Label(Duty::Role(Role::Responsible))]
        );
        assert_eq!(lexicon.columns("项目名称"), [Column::Name]);
        assert_eq!(lexicon.columns("落实进展情况"), [Column::Ignore]);
        assert_eq!(
            lexicon.columns("重点工作任务(杭州市2项配合工作)"),
            [Column::Task]
        );
        assert_eq!(
            lexicon.columns("牵头单位(部门)"),
            [Column::Label(Duty::Role(Role::Lead))]
        );
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let error = Lexicon::parse("label\t牵头单位\tboss\n").expect_err("bad meaning");
        assert!(error.to_string().contains("line 1"), "{error}");
        let error = Lexicon::parse("# c\nwords\tx\n").expect_err("bad class");
        assert!(error.to_string().contains("line 2"), "{error}");
    }
}
