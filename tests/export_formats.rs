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
use zeren::tui::i18n::Lang;

const HEADERS_ZH: [&str; 18] = [
    "城市",
    "文件",
    "计划",
    "章节",
    "序号",
    "任务",
    "牵头单位",
    "牵头单位为推定",
    "牵头部门(规范名称)",
    "责任单位",
    "配合单位",
    "责任领导",
    "完成时限",
    "审核状态",
    "备注",
    "审核人",
    "审核时间",
    "审核后已修改",
];

/// A home folder whose samples review file marks tasks 0, 1 and 2 reviewed,
/// flags task 5 with a note, and notes task 6 without a status.
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
        .set_note(&store, 5, "牵头单位应为市住建局", true)
        .unwrap()
        .unwrap();
    save_now(&mut books, &request).unwrap();
    let request = review
        .set_note(&store, 6, "再核实完成时限", false)
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
    assert_eq!(reviewed.len(), 4, "a note alone is no mark of the contract");
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
    let noted = tasks.iter().find(|task| task["id"] == 6).unwrap();
    assert!(
        noted.get("review").is_none(),
        "a note on an unreviewed task has no `review` in the JSON: its status would be neither reviewed nor flagged"
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
    assert_eq!(marked, 4, "three reviewed, one flagged");

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
fn csv_keeps_its_byte_order_mark_and_has_every_column() {
    let home = home_with_marks();
    let bytes = stdout_of(zeren_in(home.path()).args(["export", "--format", "csv"]));
    assert!(bytes.starts_with(b"\xef\xbb\xbf"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let headers: Vec<&str> = headers.iter().collect();
    assert_eq!(
        headers,
        [
            "id",
            "city",
            "source",
            "title",
            "plan",
            "section",
            "number",
            "text",
            "lead",
            "lead_inferred",
            "responsible",
            "cooperating",
            "deadline",
            "line",
            "document",
            "review_status",
            "review_note",
            "lead_department",
            "leaders",
            "reviewer",
            "reviewed_at",
            "changed_since_review"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 299);
    assert_eq!(&rows[0][15], "reviewed");
    assert_eq!(&rows[0][19], "wang");
    assert_eq!(&rows[5][15], "flagged");
    assert_eq!(&rows[5][16], "牵头单位应为市住建局");
    assert_eq!(&rows[6][15], "unreviewed", "a note alone");
    assert_eq!(&rows[6][16], "再核实完成时限");
    assert_eq!(&rows[7][15], "unreviewed", "every task has a status");
    let store = load(&[], DepartmentTable::builtin());
    for (id, row) in rows.iter().enumerate() {
        let task = store.task(u32::try_from(id).unwrap());
        assert_eq!(&row[12], task.deadline.as_deref().unwrap_or_default());
        let leaders: Vec<&str> = task.leaders.iter().map(AsRef::as_ref).collect();
        assert_eq!(&row[18], leaders.join("、"));
        assert_eq!(&row[9], if task.lead_inferred { "true" } else { "false" });
    }
}

#[test]
fn csv_carries_leaders_deadline_and_the_lead_department() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("plan.txt"),
        "一、重点任务\n1.推进就业服务。(责任领导:王明;牵头单位:市人社局;完成时限:2024年底前)\n2.做好社保扩面。(责任单位:人力资源和社会保障局、市医保局)\n",
    )
    .unwrap();
    let bytes = stdout_of(
        zeren_in(dir.path())
            .args(["export", "--format", "csv"])
            .arg(dir.path().join("plan.txt")),
    );
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][18], "王明", "leaders");
    assert_eq!(&rows[0][12], "2024年底前", "deadline");
    assert_eq!(&rows[0][9], "false");
    assert_eq!(&rows[1][8], "人力资源和社会保障局", "the inferred lead");
    assert_eq!(&rows[1][9], "true", "marked inferred");
    assert_eq!(&rows[0][17], "人力资源和社会保障局", "canonical department");
    assert_eq!(&rows[1][17], "人力资源和社会保障局");
}

#[test]
fn csv_headers_follow_the_language() {
    let home = home_with_marks();
    let bytes =
        stdout_of(zeren_in(home.path()).args(["export", "--format", "csv", "--lang", "zh"]));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "编号");
    assert_eq!(&headers[9], "牵头单位为推定");
    assert_eq!(&headers[12], "完成时限");
    assert_eq!(&headers[18], "责任领导");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&rows[0][15], "已审核");
    assert_eq!(&rows[5][15], "有问题");
    assert_eq!(&rows[7][15], "未审核");
}

/// The cells of the first sheet of a workbook, read back with calamine, and
/// the sheet's name.
fn read_sheet(path: &Path) -> (String, Vec<Vec<String>>) {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(path).unwrap();
    let name = workbook.sheet_names()[0].clone();
    let range = workbook.worksheet_range(&name).unwrap();
    let rows = range
        .rows()
        .map(|row| row.iter().map(ToString::to_string).collect())
        .collect();
    (name, rows)
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

fn export_xlsx(home: &Path, lang: &str) -> (TempDir, PathBuf) {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("tasks.xlsx");
    zeren_in(home)
        .args(["export", "--format", "xlsx", "--lang", lang, "--output"])
        .arg(&path)
        .assert()
        .success();
    (out, path)
}

#[test]
fn xlsx_carries_every_fact_of_every_task() {
    let home = home_with_marks();
    let (out, path) = export_xlsx(home.path(), "zh");
    let sheet = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(r#"<autoFilter ref="A1:R300"/>"#),
        "{}",
        &sheet[..600]
    );
    assert!(sheet.contains(r#"state="frozen""#));
    assert!(sheet.contains(r#"topLeftCell="A2""#));
    assert!(sheet.contains("<cols>"));

    let (name, rows) = read_sheet(&path);
    assert_eq!(name, "任务");
    assert_eq!(rows.len(), 300, "299 tasks + header");
    assert_eq!(rows[0], HEADERS_ZH);
    let first = &rows[1];
    assert_eq!(first[0], "齐齐哈尔市");
    assert_eq!(first[1], "assets/corpus/000_5d1acf1f898862e1.txt");
    assert_eq!(first[13], "已审核");
    assert_eq!(first[15], "wang", "审核人");
    assert!(
        first[16].ends_with('Z') && first[16].len() == 20,
        "审核时间 {}",
        first[16]
    );
    assert_eq!(first[17], "否", "not changed since review");
    assert_eq!(rows[6][13], "有问题");
    assert_eq!(rows[6][14], "牵头单位应为市住建局");
    assert_eq!(rows[7][13], "未审核", "a note alone leaves it unreviewed");
    assert_eq!(rows[7][14], "再核实完成时限");
    assert_eq!(rows[8][13], "未审核", "an unmarked task says so");
    assert_eq!(rows[8][15], "");

    let store = load(&[], DepartmentTable::builtin());
    for (id, row) in rows[1..].iter().enumerate() {
        let task = store.task(u32::try_from(id).unwrap());
        assert_eq!(
            row[12],
            task.deadline.as_deref().unwrap_or_default(),
            "完成时限 of {id}"
        );
        let leaders: Vec<&str> = task.leaders.iter().map(AsRef::as_ref).collect();
        assert_eq!(row[11], leaders.join("、"), "责任领导 of {id}");
        assert_eq!(row[7], if task.lead_inferred { "是" } else { "否" });
    }
    assert!(rows[1..].iter().any(|row| row[7] == "是"));
    // 市住建局 and 市住房城乡建设局 are one department to an autofilter.
    let written: std::collections::BTreeSet<&str> = rows[1..]
        .iter()
        .filter(|row| row[8] == "住房和城乡建设局")
        .map(|row| row[6].as_str())
        .collect();
    assert!(written.len() > 1, "{written:?}");

    let workbook = zip_entry(&path, "xl/workbook.xml");
    assert!(workbook.contains(r#"name="任务""#));
    let names: Vec<_> = std::fs::read_dir(out.path()).unwrap().collect();
    assert_eq!(names.len(), 1, "no temp file is left behind");
}

#[test]
fn xlsx_headers_follow_the_language_and_rows_go_out_in_constant_memory() {
    let home = home_with_marks();
    let (_out, path) = export_xlsx(home.path(), "en");
    let (name, rows) = read_sheet(&path);
    assert_eq!(name, "Tasks");
    assert_eq!(rows[0][0], "City");
    assert_eq!(rows[0][12], "Deadline");
    assert_eq!(rows[8][13], "unreviewed");
    // Constant-memory worksheets write their strings in the rows, not in a
    // table of shared strings kept in memory.
    let sheet = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"t="inlineStr""#));
}

#[test]
fn a_text_over_the_cell_limit_is_cut_with_a_mark_and_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let long = "推进".repeat(20_000);
    std::fs::write(
        dir.path().join("long.txt"),
        format!(
            "一、重点任务\n1.{long}。(牵头单位:市人社局)\n2.做好就业服务。(牵头单位:市人社局)\n"
        ),
    )
    .unwrap();
    let path = dir.path().join("out.xlsx");
    let output = zeren_in(dir.path())
        .args(["export", "--format", "xlsx", "--output"])
        .arg(&path)
        .arg(dir.path().join("long.txt"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("warning: task 0 (")
            && stderr.contains("long.txt:2): Task of 40001 characters cut to Excel's 32767"),
        "{stderr}"
    );
    let (_, rows) = read_sheet(&path);
    assert_eq!(rows.len(), 3);
    let cell = &rows[1][5];
    assert_eq!(cell.encode_utf16().count(), 32_767);
    assert!(
        cell.ends_with("…[cut: 40001 characters in all]"),
        "{}",
        cell.len()
    );
    assert_eq!(rows[2][5], "做好就业服务。");
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
    export::write_file(&store, &view, Format::Xlsx, Lang::Zh, &path).unwrap();
    let sheet = zip_entry(&path, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<row ").count(), 4);
    assert!(sheet.contains(r#"<autoFilter ref="A1:R4"/>"#));

    let taken = export::default_export_path(
        &[out.path().to_path_buf()],
        Format::Xlsx,
        zeren::clock::Timestamp::now(),
    );
    assert_ne!(taken, path, "an existing export is never overwritten");

    let json_path = out.path().join("view.json");
    let all = ExportView::new(&store, &Filter::default());
    export::write_file(&store, &all, Format::Json, Lang::En, &json_path).unwrap();
    let json: Value = serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(json["tasks"].as_array().unwrap().len(), 299);
    assert_eq!(view.documents.len(), 2);
}
