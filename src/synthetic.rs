//! A deterministic synthetic corpus, for benchmarks and load tests: work
//! plans of every city, built from the five built-in samples.
//!
//! The samples are parsed once; their task texts, headings and unit names
//! (with the aliases of the department table) are the material. Each
//! document then gets a city from the gazetteer, a year, a numbering style
//! (`1.` `1、` `(1)`), an annotation form (`(牵头单位:X;责任单位:Y)`,
//! `(X牵头,Y配合)`, block lines), sometimes full-width punctuation, page
//! chrome and several plans in one file. Document `i` of a seed is always
//! the same text, so documents can be made in any order, in parallel.

use crate::departments::DepartmentTable;
use crate::gazetteer;
use crate::input::{self, FileKind};
use crate::parse::parse_document;
use crate::samples::samples;

/// The seed the benchmarks and `examples/make_corpus.rs` use.
pub const DEFAULT_SEED: u64 = 0x7a65_7265_6e00_0001;

/// The mean size of a document, in bytes; sizes vary from half to 1.5 times this.
pub const DOCUMENT_BYTES: usize = 30 * 1024;

/// One generated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntheticDocument {
    /// A file name for it: `00042.txt`.
    pub name: String,
    /// The city it is written for, with its suffix (济源市).
    pub city: String,
    pub year: u16,
    /// The document's text.
    pub text: String,
    /// How many tasks it holds, every one with at least one unit.
    pub tasks: usize,
}

/// Makes synthetic documents; document `i` depends only on the seed and `i`.
#[derive(Debug, Clone)]
pub struct Generator {
    material: Material,
    seed: u64,
    document_bytes: usize,
}

impl Generator {
    /// A generator of documents of about [`DOCUMENT_BYTES`] each.
    pub fn new(seed: u64) -> Self {
        Self::with_size(seed, DOCUMENT_BYTES)
    }

    /// A generator of documents of about `document_bytes` each.
    pub fn with_size(seed: u64, document_bytes: usize) -> Self {
        Self {
            material: Material::from_samples(),
            seed,
            document_bytes: document_bytes.max(1024),
        }
    }

    /// Document number `index`.
    pub fn document(&self, index: u64) -> SyntheticDocument {
        let mut rng = Rng::new(self.seed ^ index.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let mut writer = Writer::new(&self.material, &mut rng, self.document_bytes);
        writer.write();
        let Writer {
            text,
            tasks,
            city,
            year,
            full_width,
            ..
        } = writer;
        let text = if full_width {
            to_full_width(&text)
        } else {
            text
        };
        SyntheticDocument {
            name: format!("{index:05}.txt"),
            city,
            year,
            text,
            tasks,
        }
    }

    /// Documents `0..count`.
    pub fn documents(&self, count: u64) -> Vec<SyntheticDocument> {
        (0..count).map(|index| self.document(index)).collect()
    }
}

/// splitmix64: tiny, fast and good enough to vary documents.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        usize::try_from(self.next() % n as u64).unwrap_or(0)
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True `percent` times in a hundred.
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    /// One of `items` (empty when there is none).
    fn pick<'a>(&mut self, items: &'a [String]) -> &'a str {
        items
            .get(self.below(items.len()))
            .map_or("", String::as_str)
    }
}

/// What documents are made of.
#[derive(Debug, Clone)]
struct Material {
    /// Task texts without number or annotation, each ending with 。.
    tasks: Vec<String>,
    /// Heading texts without their numbering.
    headings: Vec<String>,
    /// Unit names as documents write them.
    units: Vec<String>,
    /// City names with their suffix.
    cities: Vec<String>,
}

/// Used when the samples give nothing of a kind (they always do).
const FALLBACK_TASK: &str = "推进重点工作落实,确保各项任务按期完成。";
const FALLBACK_HEADING: &str = "推动高质量发展";
const FALLBACK_UNIT: &str = "市发展改革委";
const FALLBACK_CITY: &str = "济源市";

/// The longest heading kept, in characters.
const MAX_HEADING_CHARS: usize = 28;

impl Material {
    fn from_samples() -> Self {
        let mut material = Material {
            tasks: Vec::new(),
            headings: Vec::new(),
            units: Vec::new(),
            cities: gazetteer::builtin()
                .city_names()
                .map(str::to_string)
                .collect(),
        };
        for sample in samples() {
            let Ok(decoded) = input::decode_bytes(FileKind::Text, sample.bytes) else {
                continue;
            };
            let parsed = parse_document(&decoded.text);
            for task in &parsed.tasks {
                if let Some(text) = usable_task(&task.text) {
                    material.tasks.push(text);
                }
            }
            for section in &parsed.sections {
                let heading = strip_numbering(&section.title);
                if usable_heading(heading) {
                    material.headings.push(heading.to_string());
                }
            }
            for assignment in &parsed.assignments {
                material.units.extend(
                    [
                        &assignment.lead,
                        &assignment.responsible,
                        &assignment.cooperating,
                    ]
                    .into_iter()
                    .flatten()
                    .filter(|unit| usable_unit(unit))
                    .cloned(),
                );
            }
        }
        for entry in DepartmentTable::builtin().entries() {
            for name in std::iter::once(&entry.canonical).chain(&entry.aliases) {
                if usable_unit(name) {
                    material.units.push(format!("市{name}"));
                }
            }
        }
        material.dedup();
        material
    }

    fn dedup(&mut self) {
        for (list, fallback) in [
            (&mut self.tasks, FALLBACK_TASK),
            (&mut self.headings, FALLBACK_HEADING),
            (&mut self.units, FALLBACK_UNIT),
            (&mut self.cities, FALLBACK_CITY),
        ] {
            list.sort();
            list.dedup();
            if list.is_empty() {
                list.push(fallback.to_string());
            }
        }
    }
}

/// A sample task's text as material: one line, not starting with a digit
/// (which would read as a decimal after the task number), ending with 。.
fn usable_task(text: &str) -> Option<String> {
    let text = text.trim();
    if text.chars().count() < 10
        || text.contains(['\n', '\t'])
        || text.starts_with(|c: char| c.is_ascii_digit())
    {
        return None;
    }
    let mut text = text.trim_end_matches(['。', ';', ',', '.']).to_string();
    text.push('。');
    Some(text)
}

/// Words of headings over how a plan is carried out (工作要求, 保障措施),
/// under which numbered items are not tasks.
const NOT_TASK_HEADINGS: [&str; 8] = [
    "要求",
    "保障措施",
    "保障机制",
    "工作保障",
    "组织",
    "指导思想",
    "原则",
    "目标",
];

/// A sample heading that can head tasks in a generated document.
fn usable_heading(heading: &str) -> bool {
    (4..=MAX_HEADING_CHARS).contains(&heading.chars().count())
        && !heading.contains(['。', ':', ';'])
        && !NOT_TASK_HEADINGS.iter().any(|word| heading.contains(word))
}

/// A unit name that every annotation form can carry.
fn usable_unit(name: &str) -> bool {
    name.chars().count() >= 2
        && !name.contains(['、', ',', ';', ':', '/', ' ', '(', ')'])
        && !["牵头", "负责", "配合", "落实", "协助", "参与", "等"]
            .iter()
            .any(|verb| name.ends_with(verb))
}

/// A heading without its numbering: 二、保持经济平稳运行 → 保持经济平稳运行.
fn strip_numbering(title: &str) -> &str {
    let numbering = |c: char| {
        c.is_ascii_digit() || "一二三四五六七八九十百第部分章()、.".contains(c) || c.is_whitespace()
    };
    title.trim_start_matches(numbering)
}

/// How tasks are numbered in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Numbering {
    Dot,
    Comma,
    Paren,
}

impl Numbering {
    fn marker(self, number: usize) -> String {
        match self {
            Numbering::Dot => format!("{number}."),
            Numbering::Comma => format!("{number}、"),
            Numbering::Paren => format!("({number})"),
        }
    }
}

/// How units are written for tasks in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Annotation {
    /// `(牵头单位:X;责任单位:Y、Z)`, sometimes without the lead part.
    Labelled,
    /// `(X牵头,Y、Z配合)`.
    Verbs,
    /// A line `牵头部门:X;配合部门:Y。` after every few tasks.
    Block,
}

/// Chinese numerals for headings.
const NUMERALS: [&str; 20] = [
    "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四",
    "十五", "十六", "十七", "十八", "十九", "二十",
];

/// Plan names: `{city}{year}年{name}`.
const PLAN_NAMES: [&str; 6] = [
    "重点工作任务分解方案",
    "政府工作报告重点任务分工方案",
    "民生实事工作方案",
    "优化营商环境工作要点",
    "城市建设重点工作计划",
    "社会事业提升工程工作要点",
];

/// Page chrome above and below the article.
const CHROME_TOP: [&str; 3] = [
    "字号: 大 中 小",
    "导航菜单",
    "首页 政务公开 网上办事 互动交流",
];
const CHROME_BOTTOM: [&str; 3] = ["【打印】 【关闭】", "(责任编辑:王岩)", "上一篇: 下一篇:"];

/// Writes one document.
struct Writer<'m, 'r> {
    material: &'m Material,
    rng: &'r mut Rng,
    target: usize,
    text: String,
    tasks: usize,
    city: String,
    year: u16,
    numbering: Numbering,
    annotation: Annotation,
    full_width: bool,
    /// Tasks written since the last block line.
    unassigned: usize,
}

impl<'m, 'r> Writer<'m, 'r> {
    fn new(material: &'m Material, rng: &'r mut Rng, mean_bytes: usize) -> Self {
        let target = rng.between(mean_bytes / 2, mean_bytes * 3 / 2);
        let city = rng.pick(&material.cities).to_string();
        let year = u16::try_from(rng.between(2014, 2024)).unwrap_or(2020);
        let numbering = [Numbering::Dot, Numbering::Comma, Numbering::Paren][rng.below(3)];
        let annotation = match rng.below(10) {
            0..=5 => Annotation::Labelled,
            6..=7 => Annotation::Verbs,
            _ => Annotation::Block,
        };
        let full_width = rng.chance(30);
        Self {
            material,
            rng,
            target,
            text: String::with_capacity(target + 4096),
            tasks: 0,
            city,
            year,
            numbering,
            annotation,
            full_width,
            unassigned: 0,
        }
    }

    fn write(&mut self) {
        let plans = if self.rng.chance(20) {
            self.rng.between(2, 3)
        } else {
            1
        };
        let names: Vec<String> = (0..plans)
            .map(|_| {
                let name = PLAN_NAMES[self.rng.below(PLAN_NAMES.len())];
                format!("{}{}年{name}", self.city, self.year)
            })
            .collect();
        self.head(&names);
        let per_plan = self.target / plans;
        for (index, name) in names.iter().enumerate() {
            if plans > 1 || self.rng.chance(50) {
                self.line(name);
                self.blank();
            }
            self.plan_body(per_plan * (index + 1));
        }
        if self.rng.chance(40) {
            self.blank();
            let chrome = CHROME_BOTTOM[self.rng.below(CHROME_BOTTOM.len())];
            self.line(chrome);
        }
    }

    /// Chrome, the notice title, document number, recipients and signature.
    fn head(&mut self, plans: &[String]) {
        if self.rng.chance(40) {
            let chrome = CHROME_TOP[self.rng.below(CHROME_TOP.len())];
            self.line(chrome);
        }
        let city = self.city.clone();
        let year = self.year;
        let titles: String = plans.iter().map(|name| format!("《{name}》")).collect();
        let subject = match plans {
            [only] => only.clone(),
            _ => format!("{city}{year}年重点工作计划"),
        };
        self.line(&format!("{city}人民政府办公室关于印发{subject}的通知"));
        let abbreviation: String = city.chars().take(1).collect();
        let serial = self.rng.between(1, 60);
        self.line(&format!("{abbreviation}政办发〔{year}〕{serial}号"));
        self.blank();
        self.line("各县(市、区)人民政府,市政府各委、办、局,各有关单位:");
        self.line(&format!(
            "  经市政府同意,现将{titles}印发给你们,请认真贯彻执行。"
        ));
        self.blank();
        self.line(&format!("{city}人民政府办公室"));
        let (month, day) = (self.rng.between(1, 12), self.rng.between(1, 28));
        self.line(&format!("{year}年{month}月{day}日"));
        self.blank();
    }

    /// Sections and tasks until the text is `until` bytes long.
    fn plan_body(&mut self, until: usize) {
        let subsections = self.rng.chance(50);
        let mut number = 0;
        let mut heading = 0;
        while self.text.len() < until && heading < NUMERALS.len() {
            let title = self.rng.pick(&self.material.headings).to_string();
            self.line(&format!("  {}、{title}", NUMERALS[heading]));
            heading += 1;
            let groups = if subsections {
                self.rng.between(1, 4)
            } else {
                1
            };
            for numeral in &NUMERALS[..groups] {
                if subsections {
                    let title = self.rng.pick(&self.material.headings).to_string();
                    self.line(&format!("  ({numeral}){title}"));
                }
                for _ in 0..self.rng.between(2, 8) {
                    number += 1;
                    self.task(number);
                }
                self.close_block();
            }
            if self.rng.chance(30) {
                self.blank();
            }
        }
    }

    /// One task line, with its annotation unless a block line follows.
    fn task(&mut self, number: usize) {
        let text = self.task_text();
        let marker = self.numbering.marker(number);
        let annotation = match self.annotation {
            Annotation::Block => {
                self.unassigned += 1;
                String::new()
            }
            Annotation::Labelled if self.rng.chance(40) => {
                format!("(责任单位:{})", self.unit_list(1, 3))
            }
            Annotation::Labelled => format!(
                "(牵头单位:{};责任单位:{})",
                self.unit_list(1, 2),
                self.unit_list(1, 4)
            ),
            Annotation::Verbs => format!(
                "({}牵头,{}配合)",
                self.unit_list(1, 2),
                self.unit_list(1, 3)
            ),
        };
        self.line(&format!("  {marker}{text}{annotation}"));
        self.tasks += 1;
        if self.unassigned >= 3 || (self.unassigned > 0 && self.rng.chance(40)) {
            self.close_block();
        }
    }

    /// The block line naming the units of the tasks written since the last one.
    fn close_block(&mut self) {
        if self.unassigned == 0 {
            return;
        }
        let lead = self.unit_list(1, 1);
        let cooperating = self.unit_list(1, 5);
        self.line(&format!("  牵头部门:{lead};配合部门:{cooperating}。"));
        self.unassigned = 0;
    }

    /// A sample task's text, its digits changed, sometimes joined with the
    /// first sentence of another.
    fn task_text(&mut self) -> String {
        let base = self.rng.pick(&self.material.tasks);
        let text = if self.rng.chance(30) {
            let other = self.rng.pick(&self.material.tasks);
            let first = other.split_inclusive('。').next().unwrap_or(other);
            format!("{first}{base}")
        } else {
            base.to_string()
        };
        text.chars()
            .map(|c| {
                if c.is_ascii_digit() && self.rng.chance(50) {
                    char::from(b'0' + u8::try_from(self.rng.below(10)).unwrap_or(0))
                } else {
                    c
                }
            })
            .collect()
    }

    /// `count` distinct units, `low..=high` of them, joined with 、.
    fn unit_list(&mut self, low: usize, high: usize) -> String {
        let count = self.rng.between(low, high);
        let mut units: Vec<&str> = Vec::with_capacity(count);
        for _ in 0..count * 2 {
            let unit = self.rng.pick(&self.material.units);
            if !units.contains(&unit) {
                units.push(unit);
            }
            if units.len() == count {
                break;
            }
        }
        units.join(crate::model::UNIT_SEPARATOR)
    }

    fn line(&mut self, line: &str) {
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }
}

/// The text with ASCII brackets, colons, semicolons, commas and the dots of
/// task numbers in their full-width forms, as many sites write them.
fn to_full_width(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut previous = ' ';
    for c in text.chars() {
        let wide = match c {
            '(' => '\u{ff08}',
            ')' => '\u{ff09}',
            ':' => '\u{ff1a}',
            ';' => '\u{ff1b}',
            ',' => '\u{ff0c}',
            '.' if previous.is_ascii_digit() => '\u{ff0e}',
            other => other,
        };
        out.push(wide);
        previous = c;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_are_deterministic() {
        let generator = Generator::new(DEFAULT_SEED);
        assert_eq!(
            generator.document(7),
            Generator::new(DEFAULT_SEED).document(7)
        );
        assert_ne!(generator.document(7).text, generator.document(8).text);
        assert_ne!(
            generator.document(7).text,
            Generator::new(1).document(7).text
        );
    }

    #[test]
    fn documents_are_about_the_requested_size() {
        let generator = Generator::new(DEFAULT_SEED);
        let total: usize = (0..20)
            .map(|index| generator.document(index).text.len())
            .sum();
        let mean = total / 20;
        assert!(
            (DOCUMENT_BYTES * 3 / 4..=DOCUMENT_BYTES * 5 / 4).contains(&mean),
            "{mean}"
        );
    }

    #[test]
    fn generated_documents_parse_into_tasks_with_units() {
        let generator = Generator::new(DEFAULT_SEED);
        let mut cities_found = 0;
        for index in 0..20 {
            let document = generator.document(index);
            let parsed = parse_document(&document.text);
            assert!(document.tasks > 20, "{}: {}", document.name, document.tasks);
            assert_eq!(
                parsed.tasks.len(),
                document.tasks,
                "{}:\n{}",
                document.name,
                document.text
            );
            let without_units = parsed
                .tasks
                .iter()
                .filter(|task| parsed.assignment_of(task).is_none_or(|a| a.is_empty()))
                .count();
            assert_eq!(without_units, 0, "{}", document.name);
            if parsed.meta.city.as_deref() == Some(document.city.as_str()) {
                cities_found += 1;
            }
            assert_eq!(parsed.meta.year, Some(document.year), "{}", document.name);
        }
        assert!(cities_found >= 18, "{cities_found} of 20 cities found");
    }

    #[test]
    fn full_width_forms_replace_ascii_punctuation() {
        let wide = to_full_width("12.推进(牵头单位:市发改委;责任单位:市财政局,市教育局)。");
        assert_eq!(
            wide,
            "12\u{ff0e}推进\u{ff08}牵头单位\u{ff1a}市发改委\u{ff1b}责任单位\u{ff1a}市财政局\u{ff0c}市教育局\u{ff09}。"
        );
        let parsed = parse_document(&format!("一、推进工作\n{wide}\n"));
        assert_eq!(parsed.tasks.len(), 1);
        assert_eq!(parsed.tasks[0].text, "推进");
        assert_eq!(parsed.assignments[0].responsible, ["市财政局", "市教育局"]);
    }
}
