//! The command line as users and scripts call it: output and exit codes.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use support::{process_home, zeren_in};

fn zeren() -> Command {
    zeren_in(&process_home("cli"))
}

fn export(args: &[&str]) -> Value {
    let output = zeren().arg("export").args(args).output().expect("runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("export is JSON")
}

fn task_ids(export: &Value) -> Vec<u64> {
    export["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|task| task["id"].as_u64())
        .collect()
}

fn cities_of_tasks(export: &Value) -> Vec<String> {
    let documents = export["documents"].as_array().expect("documents");
    let mut cities: Vec<String> = export["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|task| {
            let document = documents.iter().find(|d| d["id"] == task["document"])?;
            document["city"].as_str().map(str::to_string)
        })
        .collect();
    cities.sort();
    cities.dedup();
    cities
}

#[test]
fn help_and_version() {
    zeren()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("export").and(predicate::str::contains("stats")));
    zeren()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::contains(env!("CARGO_PKG_VERSION")));
}

#[test]
fn export_of_the_samples_follows_the_contract() {
    let export = export(&[]);
    assert_eq!(export["version"], 2);
    let documents = export["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 5);
    assert_eq!(
        documents[3]["source"],
        "assets/corpus/003_f52a14d2b16fe9b2.txt"
    );
    assert_eq!(documents[3]["city"], "济源市");
    assert_eq!(documents[0]["doc_number"], "齐政办文〔2020〕5号");
    let tasks = export["tasks"].as_array().expect("tasks");
    assert_eq!(tasks.len(), 299);
    let hospital = tasks
        .iter()
        .find(|task| {
            task["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("开工建设人民医院东院区"))
        })
        .expect("task 9 of 003");
    assert_eq!(hospital["number"], "9");
    assert_eq!(hospital["lead"], serde_json::json!(["卫生健康委员会"]));
    assert_eq!(hospital["lead_inferred"], false);
    assert_eq!(
        hospital["responsible"],
        serde_json::json!(["城投建设发展有限公司", "玉泉街道办事处"])
    );
    assert_eq!(
        hospital["section"],
        serde_json::json!([
            "二、保持经济平稳运行,强化高质量发展支撑",
            "(一)强力推进十大工程"
        ])
    );
    assert!(hospital.get("review").is_none());
    let inferred = tasks
        .iter()
        .find(|task| {
            task["text"]
                .as_str()
                .is_some_and(|t| t.starts_with("生产总值增长8%"))
        })
        .expect("task 1 of 003");
    assert_eq!(inferred["lead"], serde_json::json!(["发展改革和统计局"]));
    assert_eq!(inferred["lead_inferred"], true);
    let departments = export["departments"].as_array().expect("departments");
    assert!(
        departments
            .iter()
            .any(|d| d["canonical"] == "卫生健康委员会")
    );
}

#[test]
fn csv_export_has_a_byte_order_mark_and_one_row_per_task() {
    let output = zeren()
        .args(["export", "--format", "csv"])
        .output()
        .expect("runs");
    assert!(output.status.success());
    assert!(output.stdout.starts_with(b"\xef\xbb\xbf"));
    let text = String::from_utf8(output.stdout[3..].to_vec()).expect("UTF-8");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().expect("header").clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(reader.records().count(), 299);
}

#[test]
fn department_by_full_name_alias_or_pinyin_gives_the_same_tasks() {
    let by_name = export(&["--dept", "人力资源和社会保障局", "--role", "lead"]);
    let by_alias = export(&["--dept", "人社局", "--role", "lead"]);
    let by_pinyin = export(&["--dept", "rsj", "--role", "lead"]);
    assert_eq!(task_ids(&by_name).len(), 22);
    assert_eq!(task_ids(&by_name), task_ids(&by_alias));
    assert_eq!(task_ids(&by_name), task_ids(&by_pinyin));
    assert_eq!(
        cities_of_tasks(&by_name),
        ["咸宁市", "哈尔滨市", "济源市", "齐齐哈尔市"]
    );
}

#[test]
fn city_and_query_filters() {
    let jiyuan = export(&["--city", "济源"]);
    assert_eq!(task_ids(&jiyuan).len(), 143);
    assert_eq!(jiyuan["documents"].as_array().map(Vec::len), Some(1));
    let searched = export(&["--query", "东院区"]);
    let texts: Vec<&str> = searched["tasks"]
        .as_array()
        .expect("tasks")
        .iter()
        .filter_map(|task| task["text"].as_str())
        .collect();
    assert!(
        texts.iter().any(|text| text.contains("人民医院东院区")),
        "{texts:?}"
    );
    let nothing = zeren()
        .args(["export", "--city", "不存在"])
        .output()
        .expect("runs");
    assert!(nothing.status.success());
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("no city matches"));
}

#[test]
fn stats_lists_each_department_once_with_totals_over_all_cities() {
    let output = zeren().arg("stats").output().expect("runs");
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    assert!(text.starts_with("299 tasks"), "{text}");
    let rows: Vec<&str> = text
        .lines()
        .filter(|line| line.starts_with("人力资源和社会保障局 "))
        .collect();
    assert_eq!(rows.len(), 1, "{text}");
    let numbers: Vec<&str> = rows[0].split_whitespace().collect();
    assert_eq!(numbers[2..], ["22", "9", "12", "0", "25"], "{}", rows[0]);
    assert!(text.contains("齐齐哈尔市") && text.contains("哈尔滨市"));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.json");
    zeren()
        .args(["export", "--output"])
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::is_empty());
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).expect("written")).expect("JSON");
    assert_eq!(task_ids(&written).len(), 299);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("list")
        .filter_map(Result::ok)
        .collect();
    assert_eq!(leftovers.len(), 1, "no temp file is left behind");
}

#[test]
fn exit_codes() {
    zeren()
        .args(["export", "/no/such/folder"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/no/such/folder"));
    // The dashboard fails the same way, before it takes over the terminal.
    zeren()
        .arg("/no/such/folder")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("warning: /no/such/folder"))
        .stderr(predicate::str::contains("no document could be loaded"));
    zeren().args(["export", "--format", "pdf"]).assert().code(2);
    zeren().args(["stats", "--role", "boss"]).assert().code(2);
    zeren().arg("--no-such-option").assert().code(2);
    let dir = tempfile::tempdir().expect("temp dir");
    let blocked = dir.path().join("missing-folder").join("out.json");
    zeren()
        .args(["export", "--output"])
        .arg(&blocked)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("out.json"));
}

#[test]
fn a_folder_of_documents_loads_and_a_missing_path_is_a_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let sample = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/corpus/001_475ad2ca59a2f801.txt"
    ))
    .expect("sample");
    std::fs::write(dir.path().join("harbin.txt"), sample).expect("write");
    let output = zeren()
        .arg("export")
        .arg(dir.path())
        .arg("/no/such/file.txt")
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("warning: /no/such/file.txt:"), "{stderr}");
    let export: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(task_ids(&export).len(), 20);
    assert!(
        export["documents"][0]["source"]
            .as_str()
            .is_some_and(|source| source.ends_with("harbin.txt"))
    );
}

/// A plan whose one task is led by a unit only a user's table knows.
const LIAISON_PLAN: &str = "某某市人民政府办公室关于印发2024年重点工作任务分解的通知\n\
一、加强联络\n\
1.建立联络机制,每季度召开联席会议。(牵头单位:市联络办;责任单位:市财政局)\n";

#[test]
fn a_users_department_table_extends_the_built_in_one() {
    let docs = tempfile::tempdir().expect("temp dir");
    std::fs::write(docs.path().join("plan.txt"), LIAISON_PLAN).expect("write");
    let config = tempfile::tempdir().expect("temp dir");
    let table = config.path().join("zeren").join("departments.tsv");
    std::fs::create_dir_all(table.parent().expect("folder")).expect("mkdir");

    std::fs::write(&table, "联络工作办公室\tdepartment\t联络办\n").expect("write");
    let output = zeren()
        .env("XDG_CONFIG_HOME", config.path())
        .args(["export", "--dept", "联络工作办公室", "--role", "lead"])
        .arg(docs.path())
        .output()
        .expect("runs");
    assert!(output.status.success());
    let export: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(task_ids(&export).len(), 1);
    assert!(
        export["departments"]
            .as_array()
            .expect("departments")
            .iter()
            .any(|department| department["name"] == "联络工作办公室"),
        "{export}"
    );

    // A bad line is left out, naming its line; the good lines still apply.
    std::fs::write(
        &table,
        "联络工作办公室\n联络工作办公室\tdepartment\t联络办\n",
    )
    .expect("write");
    let output = zeren()
        .env("XDG_CONFIG_HOME", config.path())
        .args(["export", "--dept", "联络工作办公室", "--role", "lead"])
        .arg(docs.path())
        .output()
        .expect("runs");
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("departments.tsv: line 1: expected `canonical<TAB>kind<TAB>aliases`, found 1 column(s); the line is left out"),
        "{stderr}"
    );
    let export: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(task_ids(&export).len(), 1, "line 2 applies");
}
