//! Exports with review marks: JSON `review` only on marked tasks, the CSV
//! review columns, and the Excel sheet (one row per task under a frozen,
//! filtered header).

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use support::zeren_in;
use tempfile::TempDir;
use zeren::departments::DepartmentTable;
use zeren::export::{self, ExportView, Format};
use zeren::load::load;
use zeren::review::{Places, Review, Status, save_now};
use zeren::store::Filter;

const HEADERS: [&str; 14] = [
    "城市",
    "文件",
    "计划",
    "章节",
    "序号",
    "任务",
    "牵头单位",
    "责任单位",
    "配合单位",
    "审核状态",
    "备注",
    "审核人",
    "审核时间",
    "审核后已修改",
];

/// A home folder whose samples review file marks tasks 0, 1 and 2 reviewed
/// and flags task 5 with a note.
fn home_with_marks() -> TempDir {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("data/zeren/samples-review.json");
    let store = load(&[], DepartmentTable::builtin());
    let places = Places::new(&store, &[], Some(&path));
    let (mut review, mut books, warnings) = Review::open(&store, places, "wang");
    assert_eq!(warnings, []);
    for task in [0, 1, 2] {
        let request = review.toggle(&store, task, Status::Reviewed).unwrap();
        save_now(&mut books, &request).unwrap();
    }
    let request = review
        .set_note(&store, 5, "牵头单位应为市住建局")
        .unwrap()
        .unwrap();
    save_now(&mut books, &request).unwrap();
    home
}

fn stdout_of(command: &mut Command) -> Vec<u8> {
    let output = command.output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

#[test]
fn json_has_review_only_for_marked_tasks() {
    let home = home_with_marks();
    let json: Value =
        serde_json::from_slice(&stdout_of(zeren_in(home.path()).arg("export"))).unwrap();
    let tasks = json["tasks"].as_array().unwrap();
    let reviewed: Vec<(u64, &Value)> = tasks
        .iter()
        .filter(|task| task.get("review").is_some())
        .map(|task| (task["id"].as_u64().unwrap(), &task["review"]))
        .collect();
    assert_eq!(reviewed.len(), 4);
    for (id, review) in &reviewed[..3] {
        assert!([0, 1, 2].contains(id));
        assert_eq!(
            **review,
            serde_json::json!({"status": "reviewed", "note": null, "changed": false})
        );
    }
    assert_eq!(reviewed[3].0, 5);
    assert_eq!(
        *reviewed[3].1,
        serde_json::json!({"status": "flagged", "note": "牵头单位应为市住建局", "changed": false})
    );
}

#[test]
fn an_explicit_review_file_is_used_and_a_missing_one_is_reported() {
    let home = home_with_marks();
    let moved = home.path().join("elsewhere.json");
    std::fs::rename(home.path().join("data/zeren/samples-review.json"), &moved).unwrap();
    let json: Value = serde_json::from_slice(&stdout_of(
        zeren_in(home.path())
            .arg("export")
            .arg("--review")
            .arg(&moved),
    ))
    .unwrap();
    let marked = json["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|task| task.get("review").is_some())
        .count();
    assert_eq!(marked, 4);

    let output = zeren_in(home.path())
        .args(["export", "--review", "no-such-review.json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("no-such-review.json"));
}

#[test]
fn export_never_moves_a_corrupt_review_file() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("data/zeren/samples-review.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, "{oops").unwrap();
    let output = zeren_in(home.path()).arg("export").output().unwrap();
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("samples-review.json"));
    assert_eq!(std::fs::read(&path).unwrap(), b"{oops");
}

#[test]
fn csv_keeps_its_byte_order_mark_and_has_review_columns() {
    let home = home_with_marks();
    let bytes = stdout_of(zeren_in(home.path()).args(["export", "--format", "csv"]));
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(headers.len(), 17);
    assert_eq!(&headers[15], "review_status");
    assert_eq!(&headers[16], "review_note");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 299);
    assert_eq!(&rows[0][15], "reviewed");
    assert_eq!(&rows[5][15], "flagged");
    assert_eq!(&rows[5][16], "牵头单位应为市住建局");
    assert_eq!(&rows[6][15], "");
}

/// The text of one file inside a zip archive.
fn zip_entry(path: &Path, name: &str) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut entry = archive.by_name(name).unwrap();
    let mut text = String::new();
    entry.read_to_string(&mut text).unwrap();
    text
}

/// The shared strings of a workbook, in order.
fn shared_strings(path: &Path) -> Vec<String> {
    let xml = zip_entry(path, "xl/sharedStrings.xml");
    let pattern = regex::Regex::new(r"<t(?: [^>]*)?>([^<]*)</t>").unwrap();
    pattern
        .captures_iter(&xml)
        .map(|capture| capture[1].to_string())
        .collect()
}

/// The text of the cells of one sheet row, shared strings resolved.
fn row_texts(sheet: &str, strings: &[String], row: usize) -> Vec<String> {
    let row_pattern = regex::Regex::new(&format!(r#"<row r="{row}"[^>]*>(.*?)</row>"#)).unwrap();
    let cells = &row_pattern.captures(sheet).unwrap()[1];
    let cell_pattern = regex::Regex::new(r#"<c ([^>]*?)(?:/>|>(.*?)</c>)"#).unwrap();
    let value_pattern = regex::Regex::new(r"<v>([^<]*)</v>").unwrap();
    cell_pattern
        .captures_iter(cells)
        .map(|cell| {
            let shared = cell[1].contains(r#"t="s""#);
            let value = cell
                .get(2)
                .and_then(|inner| value_pattern.captures(inner.as_str()))
                .map(|value| value[1].to_string());
            match (shared, value) {
                (true, Some(index)) => strings[index.parse::<usize>().unwrap()].clone(),
                (false, Some(value)) => value,
                (_, None) => String::new(),
            }
        })
        .collect()
}

fn export_xlsx(home: &Path) -> (TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("tasks.xlsx");
    zeren_in(home)
        .args(["export", "--format", "xlsx", "--output"])
        .arg(&path)
        .assert()
        .success();
    (out, path)
}

#[test]
fn xlsx_has_the_header_and_one_row_per_task() {
    let home = home_with_marks();
    let (out, path) = export_xlsx(home.path());
    let sheet = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<row ").count(), 300, "299 tasks + header");
    assert!(
        sheet.contains(r#"<autoFilter ref="A1:N300"/>"#),
        "{}",
        &sheet[..600]
    );
    assert!(sheet.contains(r#"state="frozen""#));
    assert!(sheet.contains(r#"topLeftCell="A2""#));
    assert!(sheet.contains("<cols>"));

    let strings = shared_strings(&path);
    assert_eq!(row_texts(&sheet, &strings, 1), HEADERS);
    let first = row_texts(&sheet, &strings, 2);
    assert_eq!(first.len(), 14);
    assert_eq!(first[0], "齐齐哈尔市");
    assert_eq!(first[1], "assets/corpus/000_5d1acf1f898862e1.txt");
    assert_eq!(first[9], "已审核");
    assert_eq!(first[11], "wang", "审核人");
    assert!(
        first[12].ends_with('Z') && first[12].len() == 20,
        "审核时间 {}",
        first[12]
    );
    assert_eq!(first[13], "", "not changed since review");
    let flagged = row_texts(&sheet, &strings, 7);
    assert_eq!(flagged[9], "有问题");
    assert_eq!(flagged[10], "牵头单位应为市住建局");
    let unmarked = row_texts(&sheet, &strings, 8);
    assert_eq!(unmarked[9], "");
    assert_eq!(unmarked[11], "");

    let workbook = zip_entry(&path, "xl/workbook.xml");
    assert!(workbook.contains(r#"name="任务""#));
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temp file is left behind");
}

#[test]
fn xlsx_needs_an_output_file() {
    let home = tempfile::tempdir().unwrap();
    zeren_in(home.path())
        .args(["export", "--format", "xlsx"])
        .assert()
        .code(2)
        .stdout("");
}

#[test]
fn the_library_writes_a_filtered_view_to_a_file() {
    let store = load(&[], DepartmentTable::builtin());
    let out = tempfile::tempdir().unwrap();
    let tasks = vec![3, 4, 200];
    let view = ExportView::from_tasks(&store, tasks.clone());
    let path = export::default_export_path(
        &[out.path().to_path_buf()],
        Format::Xlsx,
        zeren::clock::Timestamp::now(),
    );
    assert_eq!(path.parent(), Some(out.path()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("zeren-export-") && name.ends_with(".xlsx"),
        "{name}"
    );
    export::write_file(&store, &view, Format::Xlsx, &path).unwrap();
    let sheet = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<row ").count(), 4);
    assert!(sheet.contains(r#"<autoFilter ref="A1:N4"/>"#));

    let taken = export::default_export_path(
        &[out.path().to_path_buf()],
        Format::Xlsx,
        zeren::clock::Timestamp::now(),
    );
    assert_ne!(taken, path, "an existing export is never overwritten");

    let json_path = out.path().join("view.json");
    let all = ExportView::new(&store, &Filter::default());
    export::write_file(&store, &all, Format::Json, &json_path).unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 299);
    assert_eq!(view.documents.len(), 2);
}
