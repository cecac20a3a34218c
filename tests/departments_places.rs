//! Department queries and places from the command line (contract v2):
//! `--dept` names one department on word boundaries, merged departments
//! answer to each function, the choice is told on stderr; `stats` groups
//! places as a tree, `stats --by place` and the Excel export compare
//! departments × places.

mod support;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx, open_workbook};
use serde_json::Value;
use support::{process_home, zeren_in};

fn genre_docs() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/genre/docs")
}

/// `zeren ARGS`: stdout and stderr, the run having succeeded.
fn run(args: &[&str], paths: &[PathBuf]) -> (String, String) {
    let output = zeren_in(&process_home("departments-places"))
        .args(args)
        .args(paths)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{args:?}: {stderr}");
    (String::from_utf8(output.stdout).expect("UTF-8"), stderr)
}

fn export(args: &[&str]) -> (Value, String) {
    let mut all = vec!["export"];
    all.extend_from_slice(args);
    let (stdout, stderr) = run(&all, &[]);
    (serde_json::from_str(&stdout).expect("JSON"), stderr)
}

fn task_ids(export: &Value) -> BTreeSet<u64> {
    export["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|task| task["id"].as_u64())
        .collect()
}

/// The written names of the department `canonical`, from the export's list.
fn names_of(export: &Value, canonical: &str) -> BTreeSet<String> {
    export["departments"]
        .as_array()
        .expect("departments")
        .iter()
        .filter(|department| department["canonical"] == canonical)
        .flat_map(|department| department["names"].as_array().into_iter().flatten())
        .filter_map(|name| name.as_str().map(str::to_owned))
        .collect()
}

/// The tasks naming one of `names` in `roles`.
fn tasks_naming(export: &Value, names: &BTreeSet<String>, roles: &[&str]) -> BTreeSet<u64> {
    export["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter(|task| {
            roles.iter().any(|role| {
                task[*role].as_array().into_iter().flatten().any(|unit| {
                    unit.as_str()
                        .is_some_and(|unit| names.contains(&unit.to_owned()))
                })
            })
        })
        .filter_map(|task| task["id"].as_u64())
        .collect()
}

const ANY_ROLE: [&str; 3] = ["lead", "responsible", "cooperating"];

#[test]
fn dept_minzheng_is_the_civil_affairs_bureau_not_every_peoples_government() {
    let (all, _) = export(&[]);
    let civil = names_of(&all, "民政局");
    assert!(civil.contains("市民政局"), "{civil:?}");
    let expected = tasks_naming(&all, &civil, &ANY_ROLE);
    assert_eq!(expected.len(), 17);
    let (found, stderr) = export(&["--dept", "民政"]);
    assert_eq!(task_ids(&found), expected);
    assert!(
        stderr.contains("note: --dept 民政: using 民政局 (17 tasks)"),
        "{stderr}"
    );
    let (governments, _) = export(&["--dept", "人民政府"]);
    assert!(
        task_ids(&governments).len() > 17,
        "人民政府 itself is a word of many names"
    );
}

#[test]
fn dept_fagai_as_lead_reaches_the_commission_and_the_merged_bureau() {
    let (all, _) = export(&[]);
    let mut names = names_of(&all, "发展和改革委员会");
    names.extend(names_of(&all, "发展改革和统计局"));
    let (found, stderr) = export(&["--dept", "发改", "--role", "lead"]);
    let ids = task_ids(&found);
    assert_eq!(
        ids.len(),
        33,
        "2 of 发改委 and 31 of 济源's 发展改革和统计局"
    );
    let leads: BTreeSet<&str> = found["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .flat_map(|task| task["lead"].as_array().into_iter().flatten())
        .filter_map(Value::as_str)
        .filter(|unit| names.contains(*unit))
        .collect();
    assert!(leads.contains("发展改革和统计局"), "{leads:?}");
    assert!(
        leads.iter().any(|unit| unit.contains("发改委")),
        "{leads:?}"
    );
    assert!(
        stderr.contains("using 发展和改革委员会 + 发展改革和统计局"),
        "{stderr}"
    );
    for function in ["统计", "tj"] {
        let (statistics, _) = export(&["--dept", function, "--role", "lead"]);
        assert_eq!(task_ids(&statistics).len(), 31, "{function}");
    }
    let (education, stderr) = export(&["--dept", "体育"]);
    assert!(stderr.contains("using 体育局 + 教育体育局"), "{stderr}");
    assert!(task_ids(&education).len() >= 8);
}

#[test]
fn dept_mzj_takes_one_department_and_names_the_others() {
    let (found, stderr) = export(&["--dept", "mzj"]);
    assert_eq!(task_ids(&found).len(), 17);
    assert!(
        stderr.contains(
            "note: --dept mzj: using 民政局 (17 tasks); also matched: 民族宗教事务局 (1 task)"
        ),
        "{stderr}"
    );
    let (housing, stderr) = export(&["--dept", "zjj"]);
    assert_eq!(task_ids(&housing).len(), 70, "住建局 alone, not 宗教局 too");
    assert!(
        stderr.contains("using 住房和城乡建设局 (70 tasks)"),
        "{stderr}"
    );
}

#[test]
fn dept_given_twice_takes_both() {
    let (civil, _) = export(&["--dept", "民政"]);
    let (labour, _) = export(&["--dept", "rsj"]);
    let (both, stderr) = export(&["--dept", "民政", "--dept", "rsj"]);
    let union: BTreeSet<u64> = task_ids(&civil)
        .union(&task_ids(&labour))
        .copied()
        .collect();
    assert_eq!(task_ids(&both), union);
    assert_eq!(stderr.matches("note: --dept").count(), 2, "{stderr}");
    let (none, stderr) = export(&["--dept", "不存在的部门"]);
    assert!(task_ids(&none).is_empty());
    assert!(stderr.contains("matches no department"), "{stderr}");
}

/// Documents and tasks of the exported documents whose region holds
/// `place` at `depth` (a place with the places under it).
fn counts_under(export: &Value, depth: usize, place: &str) -> (usize, usize) {
    let documents: Vec<u64> = export["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter(|document| document["region"][depth] == place)
        .filter_map(|document| document["id"].as_u64())
        .collect();
    let tasks = export["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter(|task| {
            task["document"]
                .as_u64()
                .is_some_and(|id| documents.contains(&id))
        })
        .count();
    (documents.len(), tasks)
}

#[test]
fn stats_groups_places_as_a_tree() {
    let (stdout, _) = run(&["stats"], &[genre_docs()]);
    let (exported, _) = run(&["export"], &[genre_docs()]);
    let export: Value = serde_json::from_str(&exported).expect("JSON");
    let rows: Vec<&str> = stdout
        .lines()
        .take_while(|line| !line.starts_with("department"))
        .collect();
    let position = |name: &str| {
        rows.iter()
            .position(|row| row.starts_with(name))
            .unwrap_or_else(|| panic!("no row {name:?} in\n{stdout}"))
    };
    let province = position("辽宁省 ");
    let city = position("  鞍山市 ");
    let county = position("    立山区 ");
    let county_city = position("    海城市 ");
    assert!(
        province < city && city < county && city < county_city,
        "{stdout}"
    );
    let numbers = |row: usize| -> (usize, usize) {
        let cells: Vec<usize> = rows[row]
            .split_whitespace()
            .skip(1)
            .filter_map(|cell| cell.parse().ok())
            .collect();
        (cells[0], cells[1])
    };
    assert_eq!(numbers(province), counts_under(&export, 0, "辽宁省"));
    assert_eq!(numbers(city), counts_under(&export, 1, "鞍山市"));
    assert_eq!(numbers(county), counts_under(&export, 2, "立山区"));
    assert!(numbers(province).1 > numbers(city).1, "{stdout}");
    let municipality = position("重庆市 ");
    assert_eq!(
        rows[municipality + 1].split_whitespace().next(),
        Some("沙坪坝区"),
        "a district of a municipality is one level down"
    );
    let (samples, _) = run(&["stats"], &[]);
    assert!(samples.contains("\n黑龙江省 "), "{samples}");
    assert!(samples.contains("\n  齐齐哈尔市 "), "{samples}");
}

#[test]
fn city_filter_holds_the_places_under_it() {
    let (all, _) = run(&["export"], &[genre_docs()]);
    let all: Value = serde_json::from_str(&all).expect("JSON");
    let (stdout, _) = run(&["export", "--city", "鞍山"], &[genre_docs()]);
    let export: Value = serde_json::from_str(&stdout).expect("JSON");
    let cities: BTreeSet<&str> = export["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|document| document["city"].as_str())
        .collect();
    assert!(
        ["鞍山市", "海城市", "立山区"]
            .iter()
            .all(|city| cities.contains(city)),
        "{cities:?}"
    );
    assert_eq!(task_ids(&export).len(), counts_under(&all, 1, "鞍山市").1);
}

#[test]
fn stats_by_place_compares_departments_across_places() {
    let (stdout, _) = run(&["stats", "--by", "place"], &[]);
    let mut lines = stdout.lines();
    let header: Vec<&str> = lines.next().expect("header").split_whitespace().collect();
    assert_eq!(
        header,
        [
            "department",
            "(tasks",
            "led)",
            "济源市",
            "咸宁市",
            "哈尔滨市",
            "齐齐哈尔市",
            "total"
        ]
    );
    let row = |name: &str| -> Vec<String> {
        stdout
            .lines()
            .find(|line| line.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no row {name} in\n{stdout}"))
            .split_whitespace()
            .skip(1)
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(row("发展改革和统计局"), ["31", ".", ".", ".", "31"]);
    assert_eq!(row("人力资源和社会保障局"), ["5", "6", "2", "9", "22"]);
    let totals: Vec<usize> = stdout
        .lines()
        .skip(2)
        .filter_map(|line| line.split_whitespace().last()?.parse().ok())
        .collect();
    assert!(
        totals.windows(2).all(|pair| pair[0] >= pair[1]),
        "rows by total"
    );
    let (any, _) = run(&["stats", "--by", "place", "--role", "any"], &[]);
    assert!(any.starts_with("department (tasks in any role)"), "{any}");
    let (genre, _) = run(
        &["stats", "--by", "place", "--city", "辽宁"],
        &[genre_docs()],
    );
    let header: Vec<&str> = genre
        .lines()
        .next()
        .expect("header")
        .split_whitespace()
        .collect();
    let column = |name: &str| header.iter().position(|cell| *cell == name);
    assert_eq!(column("辽宁省"), Some(3), "the province first: {genre}");
    assert!(column("鞍山市").is_some(), "{genre}");
    assert!(column("鞍山市") < column("海城市") && column("鞍山市") < column("立山区"));
    for line in genre.lines().skip(2) {
        let cells: Vec<usize> = line
            .split_whitespace()
            .filter_map(|cell| cell.parse().ok())
            .collect();
        let (total, counts) = cells.split_last().expect("a total");
        assert_eq!(counts.iter().sum::<usize>(), *total, "{line}");
    }
}

#[test]
fn the_excel_export_has_a_sheet_of_departments_by_places() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("compare.xlsx");
    let path_text = path.to_string_lossy().into_owned();
    run(
        &[
            "export", "--format", "xlsx", "--lang", "zh", "--output", &path_text,
        ],
        &[],
    );
    let mut workbook: Xlsx<_> = open_workbook(&path).expect("an xlsx file");
    assert_eq!(workbook.sheet_names(), ["任务", "部门×地区"]);
    let sheet = workbook.worksheet_range("部门×地区").expect("the sheet");
    let text = |row: u32, column: u32| -> String {
        match sheet.get_value((row, column)) {
            Some(Data::String(text)) => text.clone(),
            Some(Data::Float(number)) => number.to_string(),
            _ => String::new(),
        }
    };
    let header: Vec<String> = (0..6).map(|column| text(0, column)).collect();
    assert_eq!(
        header,
        [
            "部门(牵头任务数)",
            "济源市",
            "咸宁市",
            "哈尔滨市",
            "齐齐哈尔市",
            "合计"
        ]
    );
    let housing = (1..sheet.height() as u32)
        .find(|&row| text(row, 0) == "住房和城乡建设局")
        .expect("a row of 住房和城乡建设局");
    let counts: Vec<String> = (1..6).map(|column| text(housing, column)).collect();
    assert_eq!(counts, ["21", "1", "2", "12", "36"]);
    assert_eq!(text(1, 5), "36", "the busiest department first");
}
