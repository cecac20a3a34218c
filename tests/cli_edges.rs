//! The command line at its edges: a mistyped subcommand, an empty folder,
//! a nickname for a city, a role in capitals, a write that fails; and the
//! reports in the chosen language with plural forms right.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use support::{process_home, zeren_in};

fn zeren() -> Command {
    zeren_in(&process_home("cli-edges"))
}

fn tasks_of(output: &std::process::Output) -> usize {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let export: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    export["tasks"].as_array().map_or(0, Vec::len)
}

#[test]
fn a_mistyped_subcommand_is_a_usage_error_with_a_suggestion() {
    for (typed, meant) in [("exprot", "export"), ("stat", "stats"), ("chekc", "check")] {
        zeren()
            .arg(typed)
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!("did you mean {meant}?")))
            .stderr(predicate::str::contains("Usage:"));
    }
    // A command after the options of the dashboard.
    zeren()
        .args(["--lang", "zh", "stats"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the command comes first, then its options: zeren stats [OPTIONS]",
        ));
    // A folder of that name is read, as ever.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("exprot")).unwrap();
    zeren_in(dir.path())
        .current_dir(dir.path())
        .args(["exprot"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no document found in exprot"));
    // A path far from every subcommand is a missing file, as before.
    zeren()
        .arg("/no/such/folder")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("did you mean").not());
}

#[test]
fn an_empty_folder_is_named_with_the_file_types_looked_for() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "# not a plan").unwrap();
    let output = zeren().arg("stats").arg(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected = format!(
        "error: no document found in {}: zeren reads .txt .htm .html .docx .doc .wps .pdf .xlsx .xlsm .xls .xlsb .ods .csv .tsv .ofd files",
        dir.path().display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
}

#[test]
fn a_city_is_found_by_a_nickname_the_gazetteer_knows() {
    let by_name = zeren()
        .args(["export", "--city", "齐齐哈尔"])
        .output()
        .unwrap();
    let by_nickname = zeren().args(["export", "--city", "鹤城"]).output().unwrap();
    assert_eq!(tasks_of(&by_nickname), 111);
    assert_eq!(by_nickname.stdout, by_name.stdout);
    assert!(
        !String::from_utf8_lossy(&by_nickname.stderr).contains("no city matches"),
        "{}",
        String::from_utf8_lossy(&by_nickname.stderr)
    );
}

#[test]
fn roles_and_formats_are_read_in_any_case() {
    let upper = zeren()
        .args(["export", "--dept", "rsj", "--role", "LEAD"])
        .output()
        .unwrap();
    let lower = zeren()
        .args(["export", "--dept", "rsj", "--role", "lead"])
        .output()
        .unwrap();
    assert_eq!(tasks_of(&upper), tasks_of(&lower));
    assert_eq!(upper.stdout, lower.stdout);
    zeren()
        .args(["export", "--format", "CSV"])
        .assert()
        .success();
}

#[test]
fn a_failed_write_names_the_file_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "csv", "xlsx"] {
        let target = dir.path().join("missing").join(format!("out.{format}"));
        let output = zeren()
            .args(["export", "--format", format, "--output"])
            .arg(&target)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains(&format!("error: cannot write {}: ", target.display())),
            "{stderr}"
        );
        assert!(!stderr.contains(".zeren-"), "{stderr}");
    }
}

#[test]
fn stats_and_check_speak_the_chosen_language() {
    let stats = zeren().args(["stats", "--lang", "zh"]).output().unwrap();
    let stdout = String::from_utf8_lossy(&stats.stdout);
    assert!(stdout.starts_with("299 个任务\n"), "{stdout}");
    assert!(
        stdout.contains("城市") && stdout.contains("推定牵头"),
        "{stdout}"
    );
    assert!(stdout.contains("部门"), "{stdout}");
    assert!(!stdout.contains("department"), "{stdout}");

    let check = zeren().args(["check", "--lang", "zh"]).output().unwrap();
    assert_eq!(check.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("187 个问题:9 个错误,21 个警告,157 条提示"),
        "{stdout}"
    );
    assert!(stdout.contains(": 错误: 未列明责任单位「"), "{stdout}");
    assert!(stdout.contains("[任务 122]"), "{stdout}");
    assert!(stdout.contains("多头牵头"), "{stdout}");
    assert!(!stdout.contains("no unit named"), "{stdout}");

    // LANG chooses the language when --lang does not.
    let by_env = zeren()
        .env("LANG", "zh_CN.UTF-8")
        .arg("stats")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&by_env.stdout).starts_with("299 个任务\n"));
}

#[test]
fn english_counts_are_singular_for_one() {
    let one = zeren()
        .args([
            "stats",
            "--query",
            "开工建设人民医院东院区项目,拟设置2000余张床位",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&one.stdout);
    assert!(stdout.starts_with("1 task\n"), "{stdout}");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.txt"),
        "一、重点任务\n1.推进项目建设。\n2.做好就业服务。(牵头单位:市人社局)\n",
    )
    .unwrap();
    let check = zeren().arg("check").arg(dir.path()).output().unwrap();
    let stdout = String::from_utf8_lossy(&check.stdout);
    assert!(
        stdout.contains("1 problem: 1 error, 0 warnings, 0 info"),
        "{stdout}"
    );
}
