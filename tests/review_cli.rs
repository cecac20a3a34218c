//! Review marks seen through `zeren export` while documents change, with
//! several folders, and with review files that are not ordinary: each case
//! keeps every mark and touches no file zeren did not write.

mod support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::Value;
use support::{corpus, zeren_in};
use zeren::departments::DepartmentTable;
use zeren::load::load;
use zeren::review::{Places, Review, Status, save_now};
use zeren::store::{Store, TaskId};

const PLAN: &str = "003_f52a14d2b16fe9b2.txt";

/// Marks made through the library, saved to each document's default review
/// file.
fn mark(paths: &[PathBuf], explicit: Option<&Path>, marks: &[(&str, Status, Option<&str>)]) {
    let store = load(paths, DepartmentTable::builtin());
    let places = Places::new(&store, paths, explicit);
    let (mut review, mut books, warnings) = Review::open(&store, places, "wang");
    assert_eq!(warnings, []);
    for &(text, status, note) in marks {
        let task = task_starting(&store, text);
        let request = review.toggle(&store, task, status).unwrap();
        save_now(&mut books, &request).unwrap();
        if let Some(note) = note {
            let request = review.set_note(&store, task, note, false).unwrap().unwrap();
            save_now(&mut books, &request).unwrap();
        }
    }
}

fn task_starting(store: &Store, text: &str) -> TaskId {
    let position = (0..store.tasks().len())
        .position(|index| store.task_text(index as TaskId).starts_with(text))
        .unwrap_or_else(|| panic!("no task starts with {text}"));
    TaskId::try_from(position).unwrap()
}

/// A folder with the sample plan, two of its tasks marked.
fn marked_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(PLAN), corpus(PLAN)).unwrap();
    mark(
        &[dir.path().to_path_buf()],
        None,
        &[
            ("开工建设人民医院东院区项目", Status::Reviewed, None),
            (
                "开工建设济源城市综合体项目",
                Status::Flagged,
                Some("牵头单位应为市住建局"),
            ),
        ],
    );
    dir
}

/// `zeren export ARGS` as JSON; stderr must be empty of warnings.
fn export(home: &Path, args: &[&std::ffi::OsStr]) -> Value {
    let output = zeren_in(home).arg("export").args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// The marked tasks of an export: (text start, number, review).
fn reviews(json: &Value) -> Vec<(String, String, Value)> {
    json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|task| task.get("review").is_some())
        .map(|task| {
            (
                task["text"].as_str().unwrap().chars().take(13).collect(),
                task["number"].as_str().unwrap_or_default().to_string(),
                task["review"].clone(),
            )
        })
        .collect()
}

fn export_folder(dir: &Path) -> Value {
    let home = tempfile::tempdir().unwrap();
    export(home.path(), &[dir.as_os_str()])
}

fn edit(dir: &Path, change: impl Fn(&str) -> String) {
    let path = dir.join(PLAN);
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, change(&text)).unwrap();
}

fn expect_both_marks(json: &Value, first_number: &str, second_number: &str) {
    let found = reviews(json);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "开工建设人民医院东院区项目");
    assert_eq!(found[0].1, first_number);
    assert_eq!(
        found[0].2,
        serde_json::json!({"status": "reviewed", "note": null, "changed": false})
    );
    assert_eq!(found[1].0, "开工建设济源城市综合体项目");
    assert_eq!(found[1].1, second_number);
    assert_eq!(
        found[1].2,
        serde_json::json!({"status": "flagged", "note": "牵头单位应为市住建局", "changed": false})
    );
}

#[test]
fn marks_survive_an_edit_of_the_footer_and_a_trailing_newline() {
    let dir = marked_folder();
    expect_both_marks(&export_folder(dir.path()), "9", "12");
    edit(dir.path(), |text| text.replace("陶纪燕", "陶纪艳") + "\n");
    expect_both_marks(&export_folder(dir.path()), "9", "12");
}

#[test]
fn marks_survive_a_task_added_at_the_top() {
    let dir = marked_folder();
    edit(dir.path(), |text| {
        let mut out = String::new();
        for line in text.lines() {
            let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
            match digits.parse::<u32>() {
                Ok(number) if line[digits.len()..].starts_with('.') => {
                    if number == 1 {
                        out.push_str("1.新增一项重点工作任务。(责任单位:财政金融局)\n");
                    }
                    out.push_str(&format!("{}{}\n", number + 1, &line[digits.len()..]));
                }
                _ => {
                    out.push_str(line);
                    out.push('\n');
                }
            }
        }
        out
    });
    expect_both_marks(&export_folder(dir.path()), "10", "13");
}

#[test]
fn a_task_edited_a_little_keeps_its_mark_shown_as_changed() {
    let dir = marked_folder();
    edit(dir.path(), |text| {
        text.replace("拟设置2000余张床位", "拟设置2500余张床位")
    });
    let found = reviews(&export_folder(dir.path()));
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].1, "9");
    assert_eq!(
        found[0].2,
        serde_json::json!({"status": "reviewed", "note": null, "changed": true})
    );
    assert_eq!(found[1].2["changed"], false);
}

#[test]
fn each_folder_keeps_its_own_marks() {
    let parent = tempfile::tempdir().unwrap();
    let (a, b) = (parent.path().join("a"), parent.path().join("b"));
    fs::create_dir(&a).unwrap();
    fs::create_dir(&b).unwrap();
    fs::write(a.join("000.txt"), corpus("000_5d1acf1f898862e1.txt")).unwrap();
    fs::write(b.join(PLAN), corpus(PLAN)).unwrap();
    mark(
        &[a.clone(), b.clone()],
        None,
        &[("开工建设人民医院东院区项目", Status::Reviewed, None)],
    );
    assert!(!a.join(".zeren-review.json").exists());
    assert!(b.join(".zeren-review.json").exists());
    let home = tempfile::tempdir().unwrap();
    let alone = reviews(&export(home.path(), &[b.as_os_str()]));
    assert_eq!(alone.len(), 1);
    let together = reviews(&export(home.path(), &[a.as_os_str(), b.as_os_str()]));
    assert_eq!(together.len(), 1);
    assert_eq!(together[0].0, "开工建设人民医院东院区项目");
}

#[test]
fn a_document_given_as_review_file_is_an_error_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("plan2.txt");
    fs::write(&plan, corpus(PLAN)).unwrap();
    let docx = dir.path().join("plan3.docx");
    fs::write(&docx, b"PK\x03\x04 not really a document").unwrap();
    for path in [&plan, &docx] {
        let before = fs::read(path).unwrap();
        let output = zeren_in(dir.path())
            .arg("export")
            .arg("--review")
            .arg(path)
            .arg(dir.path().join("plan2.txt"))
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains("not a zeren review file"), "{stderr}");
        assert!(stderr.contains(&path.display().to_string()), "{stderr}");
        assert_eq!(fs::read(path).unwrap(), before);
    }
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(names.len(), 2, "nothing renamed or added");
}

#[test]
fn a_review_file_with_a_byte_order_mark_is_read() {
    let dir = marked_folder();
    let path = dir.path().join(".zeren-review.json");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(fs::read(&path).unwrap());
    fs::write(&path, &bytes).unwrap();
    expect_both_marks(&export_folder(dir.path()), "9", "12");
    assert_eq!(fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_device_as_review_file_is_refused_at_once() {
    let home = tempfile::tempdir().unwrap();
    let output = zeren_in(home.path())
        .args(["export", "--review", "/dev/zero"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("/dev/zero: not a regular file (a device)"),
        "{stderr}"
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_at_the_review_path_does_not_hang_the_export() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(PLAN), corpus(PLAN)).unwrap();
    let fifo = dir.path().join(".zeren-review.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let home = tempfile::tempdir().unwrap();
    let output = zeren_in(home.path())
        .arg("export")
        .arg(dir.path())
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(stderr.contains("not a regular file (a FIFO)"), "{stderr}");
    assert!(stderr.contains(".zeren-review.json"), "{stderr}");
    let json: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 143);
}
