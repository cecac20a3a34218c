//! Scoring parsed documents against hand-made gold files, the way
//! `score_parse.py` scores an export: a gold task is found when a parsed task
//! of the same document has the same number and its text starts with the
//! gold prefix (whitespace ignored); units are compared after the scorer's
//! normalisation, the lead as the "effective lead" (the first responsible
//! unit when no lead is named).

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;
use zeren::model::{ParsedDocument, ParsedTask};

use super::strings;

/// Text without whitespace.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The unit normalisation of score_parse.py.
pub fn normalize_unit(unit: &str) -> String {
    let mut unit = squeeze(unit).replace('（', "(").replace('）', ")");
    for tail in ["等有关单位", "等相关单位", "等单位", "等部门", "等"] {
        if let Some(stripped) = unit.strip_suffix(tail) {
            unit = stripped.to_string();
            break;
        }
    }
    if unit.starts_with('市') && !unit.starts_with("市场") && unit.chars().count() > 2 {
        unit = unit.chars().skip(1).collect();
    }
    for tail in ["人民政府", "政府"] {
        if let Some(stripped) = unit.strip_suffix(tail) {
            unit = stripped.to_string();
            break;
        }
    }
    unit
}

/// The normalised set of a list of units.
pub fn unit_set<S: AsRef<str>>(units: &[S]) -> BTreeSet<String> {
    units
        .iter()
        .map(|unit| normalize_unit(unit.as_ref()))
        .filter(|unit| !unit.is_empty())
        .collect()
}

/// The lead set, or the first responsible unit when no lead is named.
fn effective_lead<S: AsRef<str>>(lead: &[S], responsible: &[S]) -> BTreeSet<String> {
    if lead.is_empty() {
        unit_set(&responsible[..responsible.len().min(1)])
    } else {
        unit_set(lead)
    }
}

/// A heading without its numbering and closing punctuation, as score_parse.py
/// compares headings.
pub fn norm_title(title: &str) -> String {
    let title = squeeze(title);
    let mut rest = title.as_str();
    if let Some(after) = rest.strip_prefix('第') {
        let end = numeral_end(after);
        let after_numeral = &after[end..];
        for unit in ["部分", "章", "节", "条"] {
            if end > 0
                && let Some(after_unit) = after_numeral.strip_prefix(unit)
            {
                rest = after_unit;
                break;
            }
        }
    }
    if rest.len() == title.len() {
        let open = rest.strip_prefix(['(', '（']).unwrap_or(rest);
        let end = numeral_end(open);
        let digits = open
            .char_indices()
            .find(|(_, c)| !c.is_ascii_digit())
            .map_or(open.len(), |(i, _)| i);
        let end = end.max(digits);
        if end > 0 {
            let after = &open[end..];
            rest = after
                .strip_prefix([')', '）', '、', '.', '．', '﹒'])
                .unwrap_or(after);
        } else if let Some(c) = open.chars().next()
            && matches!(c, '⑴'..='⒇' | '①'..='⑳')
        {
            rest = &open[c.len_utf8()..];
        }
    }
    rest.trim_end_matches(['。', '.', ';', '；', ':', '：', ' '])
        .to_string()
}

fn numeral_end(text: &str) -> usize {
    text.char_indices()
        .find(|(_, c)| !"一二三四五六七八九十百".contains(*c))
        .map_or(text.len(), |(i, _)| i)
}

/// The units, leaders and heading of a parsed task.
struct Parsed<'a> {
    doc: &'a ParsedDocument,
    task: &'a ParsedTask,
}

impl Parsed<'_> {
    fn units(&self, role: &str) -> Vec<String> {
        let Some(assignment) = self.doc.assignment_of(self.task) else {
            return Vec::new();
        };
        match role {
            "lead" => assignment.lead.clone(),
            "responsible" => assignment.responsible.clone(),
            "leaders" => assignment.leaders.clone(),
            _ => assignment.cooperating.clone(),
        }
    }

    fn innermost_section(&self) -> Option<&str> {
        self.doc.section_path(self.task.section).last().copied()
    }
}

/// What the scoring of one document or of a corpus counts.
#[derive(Debug, Default, Clone, Copy)]
pub struct Tally {
    pub gold: usize,
    pub found: usize,
    pub exported: usize,
    pub units: usize,
    pub lead: usize,
    pub section: usize,
    pub leaders_graded: usize,
    pub leaders: usize,
    pub documents: usize,
    pub city: usize,
    pub region_graded: usize,
    pub region: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.gold += other.gold;
        self.found += other.found;
        self.exported += other.exported;
        self.units += other.units;
        self.lead += other.lead;
        self.section += other.section;
        self.leaders_graded += other.leaders_graded;
        self.leaders += other.leaders;
        self.documents += other.documents;
        self.city += other.city;
        self.region_graded += other.region_graded;
        self.region += other.region;
    }

    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.found, self.exported)
    }

    pub fn tasks_f1(&self) -> f64 {
        let (recall, precision) = (self.recall(), self.precision());
        if recall + precision == 0.0 {
            0.0
        } else {
            2.0 * recall * precision / (recall + precision)
        }
    }

    pub fn units_share(&self) -> f64 {
        ratio(self.units, self.found.max(1))
    }

    pub fn lead_share(&self) -> f64 {
        ratio(self.lead, self.found.max(1))
    }

    pub fn section_share(&self) -> f64 {
        ratio(self.section, self.found.max(1))
    }

    pub fn leaders_share(&self) -> f64 {
        if self.leaders_graded == 0 {
            1.0
        } else {
            ratio(self.leaders, self.leaders_graded)
        }
    }

    pub fn city_share(&self) -> f64 {
        ratio(self.city, self.documents)
    }

    pub fn region_share(&self) -> f64 {
        if self.region_graded == 0 {
            1.0
        } else {
            ratio(self.region, self.region_graded)
        }
    }

    /// The score_parse.py summary line.
    pub fn summary(&self) -> String {
        format!(
            "tasks_f1={:.3} recall={:.3} precision={:.3} units={:.3} lead={:.3} section={:.3} \
             city={}/{} region={}/{} leaders={:.3}",
            self.tasks_f1(),
            self.recall(),
            self.precision(),
            self.units_share(),
            self.lead_share(),
            self.section_share(),
            self.city,
            self.documents,
            self.region,
            self.region_graded,
            self.leaders_share()
        )
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// The tally of a corpus and a line per miss, for the failure message.
#[derive(Debug, Default)]
pub struct Report {
    pub total: Tally,
    pub misses: String,
    pub per_document: String,
}

/// Scores `doc` (parsed from the file the gold names) against `gold`.
pub fn score_document(gold: &Value, doc: &ParsedDocument, report: &mut Report) {
    let source = gold["source"].as_str().unwrap_or("?");
    let mut tally = Tally {
        exported: doc.tasks.len(),
        documents: 1,
        ..Tally::default()
    };
    let mut used = vec![false; doc.tasks.len()];
    let gold_tasks = gold["tasks"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    tally.gold = gold_tasks.len();
    for expected in gold_tasks {
        let number = expected["number"].as_str();
        let prefix = squeeze(expected["text_prefix"].as_str().unwrap_or_default());
        let found = doc.tasks.iter().enumerate().find(|(index, task)| {
            !used[*index]
                && (number.is_none() || task.number.as_deref() == number)
                && squeeze(&task.text).starts_with(&prefix)
        });
        let Some((index, task)) = found else {
            let _ = writeln!(report.misses, "  MISSING {source} #{number:?} {prefix}");
            continue;
        };
        used[index] = true;
        tally.found += 1;
        let parsed = Parsed { doc, task };
        let (lead, responsible, cooperating) = (
            parsed.units("lead"),
            parsed.units("responsible"),
            parsed.units("cooperating"),
        );
        let (gold_lead, gold_responsible, gold_cooperating) = (
            strings(&expected["lead"]),
            strings(&expected["responsible"]),
            strings(&expected["cooperating"]),
        );
        let lead_ok =
            effective_lead(&lead, &responsible) == effective_lead(&gold_lead, &gold_responsible);
        let units_ok = lead_ok
            && unit_set(&responsible) == unit_set(&gold_responsible)
            && unit_set(&cooperating) == unit_set(&gold_cooperating);
        tally.lead += usize::from(lead_ok);
        tally.units += usize::from(units_ok);
        if !units_ok {
            let _ = writeln!(
                report.misses,
                "  UNITS {source} #{number:?}: got lead={lead:?} resp={responsible:?} \
                 coop={cooperating:?} want lead={gold_lead:?} resp={gold_responsible:?} \
                 coop={gold_cooperating:?}"
            );
        }
        if expected.get("leaders").is_some() {
            let mut got: Vec<String> = parsed.units("leaders").iter().map(|s| squeeze(s)).collect();
            let mut want: Vec<String> = strings(&expected["leaders"])
                .iter()
                .map(|s| squeeze(s))
                .collect();
            got.sort();
            want.sort();
            tally.leaders_graded += 1;
            if got == want {
                tally.leaders += 1;
            } else {
                let _ = writeln!(
                    report.misses,
                    "  LEADERS {source} #{number:?}: got {got:?} want {want:?}"
                );
            }
        }
        let section_ok = match expected["section"].as_str() {
            None => true,
            Some(section) => parsed.innermost_section().is_some_and(|inner| {
                let (a, b) = (norm_title(section), norm_title(inner));
                a.starts_with(&b) || b.starts_with(&a)
            }),
        };
        tally.section += usize::from(section_ok);
        if !section_ok {
            let _ = writeln!(
                report.misses,
                "  SECTION {source} #{number:?}: got {:?} want {}",
                doc.section_path(task.section),
                expected["section"]
            );
        }
    }
    for (task, used) in doc.tasks.iter().zip(&used) {
        if !used {
            let text: String = task.text.chars().take(24).collect();
            let _ = writeln!(
                report.misses,
                "  EXTRA {source} #{:?} line {}: {text}",
                task.number, task.line
            );
        }
    }
    let city = gold["city"].as_str();
    if doc.meta.city.as_deref() == city {
        tally.city += 1;
    } else {
        let _ = writeln!(
            report.misses,
            "  CITY {source}: got {:?} want {city:?}",
            doc.meta.city
        );
    }
    if let Some(region) = gold.get("region") {
        tally.region_graded += 1;
        let want = strings(region);
        if doc.meta.region == want {
            tally.region += 1;
        } else {
            let _ = writeln!(
                report.misses,
                "  REGION {source}: got {:?} want {want:?}",
                doc.meta.region
            );
        }
    }
    let _ = writeln!(
        report.per_document,
        "{source}: gold={} found={} exported={} units_ok={} lead_ok={} section_ok={} city_ok={}",
        tally.gold,
        tally.found,
        tally.exported,
        tally.units,
        tally.lead,
        tally.section,
        tally.city == 1
    );
    report.total.add(&tally);
}

/// The gold files of a folder, sorted by name.
pub fn gold_files(folder: &Path) -> Vec<Value> {
    let mut paths: Vec<_> = std::fs::read_dir(folder)
        .unwrap_or_else(|error| panic!("{}: {error}", folder.display()))
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".gold.json"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let text = std::fs::read_to_string(path)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            serde_json::from_str(&text)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        })
        .collect()
}
