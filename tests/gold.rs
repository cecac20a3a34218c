//! The parser against the hand-made gold files for the sample documents,
//! matched the way `score_parse.py` matches them.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use serde_json::Value;
use support::strings;
use zeren::model::{ParsedDocument, ParsedTask};
use zeren::parse::parse_document;

fn manifest_path(relative: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn gold_files() -> Vec<Value> {
    let mut names: Vec<_> = std::fs::read_dir(manifest_path("tests/fixtures"))
        .expect("fixtures folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.to_string_lossy().ends_with(".gold.json"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|path| {
            serde_json::from_str(&std::fs::read_to_string(path).expect("gold file"))
                .expect("gold json")
        })
        .collect()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The unit normalisation of score_parse.py.
fn normalize_unit(unit: &str) -> String {
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

fn unit_set<S: AsRef<str>>(units: &[S]) -> BTreeSet<String> {
    units
        .iter()
        .map(|unit| normalize_unit(unit.as_ref()))
        .filter(|unit| !unit.is_empty())
        .collect()
}

fn norm_title(title: &str) -> String {
    let title = squeeze(title);
    let mut chars = title.as_str();
    if let Some(rest) = chars.strip_prefix(['(', '（']) {
        chars = rest;
    }
    let numeral_end = chars
        .char_indices()
        .find(|(_, c)| !"一二三四五六七八九十".contains(*c))
        .map_or(chars.len(), |(i, _)| i);
    if numeral_end > 0 || chars.len() != title.len() {
        chars = &chars[numeral_end..];
        if let Some(rest) = chars.strip_prefix([')', '）', '、']) {
            chars = rest;
        }
    }
    chars
        .trim_end_matches(['。', '.', ';', '；', ':', '：', ' '])
        .to_string()
}

struct Found<'a> {
    doc: &'a ParsedDocument,
    task: &'a ParsedTask,
}

impl Found<'_> {
    fn units(&self, role: &str) -> Vec<String> {
        let Some(assignment) = self.doc.assignment_of(self.task) else {
            return Vec::new();
        };
        match role {
            "lead" => assignment.lead.clone(),
            "responsible" => assignment.responsible.clone(),
            _ => assignment.cooperating.clone(),
        }
    }

    fn effective_lead(&self) -> BTreeSet<String> {
        let lead = self.units("lead");
        if lead.is_empty() {
            unit_set(&self.units("responsible")[..self.units("responsible").len().min(1)])
        } else {
            unit_set(&lead)
        }
    }

    fn innermost_section(&self) -> Option<&str> {
        self.doc.section_path(self.task.section).last().copied()
    }
}

fn gold_effective_lead(gold: &Value) -> BTreeSet<String> {
    let lead = strings(&gold["lead"]);
    if lead.is_empty() {
        unit_set(&strings(&gold["responsible"])[..strings(&gold["responsible"]).len().min(1)])
    } else {
        unit_set(&lead)
    }
}

#[test]
fn samples_match_the_gold_files() {
    let mut problems = Vec::new();
    for gold in gold_files() {
        let source = gold["source"].as_str().expect("source");
        let text = std::fs::read_to_string(manifest_path(&format!("assets/corpus/{source}")))
            .expect("sample document");
        let doc = parse_document(&text);
        let mut used = vec![false; doc.tasks.len()];
        let gold_tasks = gold["tasks"].as_array().expect("tasks");
        for expected in gold_tasks {
            let number = expected["number"].as_str();
            let prefix = squeeze(expected["text_prefix"].as_str().unwrap_or_default());
            let found = doc.tasks.iter().enumerate().find(|(index, task)| {
                !used[*index]
                    && (number.is_none() || task.number.as_deref() == number)
                    && squeeze(&task.text).starts_with(&prefix)
            });
            let Some((index, task)) = found else {
                problems.push(format!("{source}: missing task {number:?} {prefix}"));
                continue;
            };
            used[index] = true;
            let found = Found { doc: &doc, task };
            if found.effective_lead() != gold_effective_lead(expected)
                || unit_set(&found.units("responsible"))
                    != unit_set(&strings(&expected["responsible"]))
                || unit_set(&found.units("cooperating"))
                    != unit_set(&strings(&expected["cooperating"]))
            {
                problems.push(format!(
                    "{source} #{number:?}: units lead={:?} resp={:?} coop={:?}, want {} {} {}",
                    found.units("lead"),
                    found.units("responsible"),
                    found.units("cooperating"),
                    expected["lead"],
                    expected["responsible"],
                    expected["cooperating"]
                ));
            }
            if let Some(section) = expected["section"].as_str() {
                let ok = found.innermost_section().is_some_and(|inner| {
                    let (a, b) = (norm_title(section), norm_title(inner));
                    a.starts_with(&b) || b.starts_with(&a)
                });
                if !ok {
                    problems.push(format!(
                        "{source} #{number:?}: section {:?}, want {section}",
                        found.innermost_section()
                    ));
                }
            }
        }
        let extra = doc.tasks.len() - used.iter().filter(|u| **u).count();
        if extra > 0 {
            problems.push(format!("{source}: {extra} tasks not in the gold"));
        }
        let city = gold["city"].as_str();
        if doc.meta.city.as_deref() != city {
            problems.push(format!("{source}: city {:?}, want {city:?}", doc.meta.city));
        }
        if doc.meta.year.map(u64::from) != gold["year"].as_u64() {
            problems.push(format!(
                "{source}: year {:?}, want {}",
                doc.meta.year, gold["year"]
            ));
        }
        if doc.meta.doc_number.as_deref() != gold["doc_number"].as_str() {
            problems.push(format!(
                "{source}: doc_number {:?}, want {}",
                doc.meta.doc_number, gold["doc_number"]
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}
