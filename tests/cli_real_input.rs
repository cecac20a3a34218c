//! `zeren export` on the files people really get: pages saved from a
//! government site, .docx attachments, GBK text, text copied out of a PDF,
//! task tables, traditional characters, and whatever else a folder holds.
//! Every fixture is built at run time in a temporary directory.

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::io::{Cursor, Write};
use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;
use support::{corpus, middle_of_a_character, process_home, strings, xml_escape, zeren_in};
use tempfile::TempDir;
use zip::write::{SimpleFileOptions, ZipWriter};

fn zeren() -> Command {
    zeren_in(&process_home("real-input"))
}

/// The noise the bad files of these tests are made of.
fn noise() -> Vec<u8> {
    support::noise(0x2545_F491_4F6C_DD1D)
}

/// A Word paragraph holding `text` in one run.
fn paragraph(text: &str) -> String {
    if text.is_empty() {
        return "<w:p/>".to_string();
    }
    format!(
        "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

/// A minimal .docx: the parts Word needs to open it and a body.
fn docx(body: &str) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
         <w:body>{body}<w:sectPr/></w:body></w:document>"
    );
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
             <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"
                .to_string(),
        ),
        (
            "_rels/.rels",
            "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
             <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"
                .to_string(),
        ),
        ("word/document.xml", document),
    ];
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        writer.start_file(name, options).expect("start a zip part");
        writer
            .write_all(content.as_bytes())
            .expect("write a zip part");
    }
    writer.finish().expect("finish the zip").into_inner()
}

/// A .docx with one paragraph per line of `text`.
fn docx_of_lines(text: &str) -> Vec<u8> {
    docx(&text.split('\n').map(paragraph).collect::<String>())
}

/// A page as a content system writes it: chrome around the article,
/// scripts and styles in the head and the body.
fn html_page(charset: &str, article: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"{charset}\"><title>政策文件</title>\n\
         <style>p {{ text-indent: 2em }}</style>\n\
         <script>var fake = \"99.假任务(牵头单位:假单位)\";</script></head>\n\
         <body><div class=\"nav\"><a href=\"/\">首页</a> | <a href=\"/zwgk\">政务公开</a></div>\n\
         <div class=\"article\">\n{article}</div>\n\
         <div class=\"footer\">版权所有 主办单位:某市人民政府办公室</div></body></html>\n"
    )
}

/// The outcome of a run: exit code, stdout, and the `warning:` lines.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    warnings: Vec<String>,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.stdout)
            .unwrap_or_else(|error| panic!("export is JSON ({error}); stderr: {}", self.stderr))
    }
}

fn run(dir: &Path, args: &[&str]) -> Run {
    let output = zeren()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("zeren runs");
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    Run {
        code: output.status.code(),
        stdout: output.stdout,
        warnings: stderr
            .lines()
            .filter(|line| line.starts_with("warning:"))
            .map(String::from)
            .collect(),
        stderr,
    }
}

/// `zeren export --format json ARGS` in `dir`; must succeed.
fn export(dir: &Path, args: &[&str]) -> (Value, Vec<String>) {
    let mut all = vec!["export", "--format", "json"];
    all.extend_from_slice(args);
    let run = run(dir, &all);
    assert_eq!(run.code, Some(0), "stderr: {}", run.stderr);
    (run.json(), run.warnings)
}

/// A task as compared across formats: what the parser read, not where.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Task {
    number: Option<String>,
    text: String,
    section: Vec<String>,
    lead: Vec<String>,
    responsible: Vec<String>,
    cooperating: Vec<String>,
    leaders: Vec<String>,
    deadline: Option<String>,
}

fn task_of(value: &Value) -> Task {
    Task {
        number: value["number"].as_str().map(String::from),
        text: value["text"].as_str().expect("task text").to_string(),
        section: strings(&value["section"]),
        lead: strings(&value["lead"]),
        responsible: strings(&value["responsible"]),
        cooperating: strings(&value["cooperating"]),
        leaders: strings(&value["leaders"]),
        deadline: value["deadline"].as_str().map(String::from),
    }
}

/// The export's tasks grouped by the source of their document.
fn tasks_by_source(export: &Value) -> BTreeMap<String, Vec<Task>> {
    let sources: BTreeMap<u64, String> = export["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .map(|document| {
            (
                document["id"].as_u64().expect("document id"),
                document["source"]
                    .as_str()
                    .expect("document source")
                    .to_string(),
            )
        })
        .collect();
    let mut grouped: BTreeMap<String, Vec<Task>> = sources
        .values()
        .map(|source| (source.clone(), Vec::new()))
        .collect();
    for task in export["tasks"].as_array().expect("tasks") {
        let document = task["document"].as_u64().expect("task document");
        let source = sources.get(&document).expect("task of a known document");
        grouped
            .entry(source.clone())
            .or_default()
            .push(task_of(task));
    }
    grouped
}

/// The tasks of the built-in samples, by file name.
fn sample_tasks() -> BTreeMap<String, Vec<Task>> {
    let dir = TempDir::new().expect("temporary directory");
    let (export, warnings) = export(dir.path(), &[]);
    assert_eq!(warnings, Vec::<String>::new());
    tasks_by_source(&export)
        .into_iter()
        .map(|(source, tasks)| {
            let name = source.rsplit('/').next().unwrap_or_default().to_string();
            (name, tasks)
        })
        .collect()
}

#[test]
fn the_done_when_folder() {
    let dir = TempDir::new().expect("temporary directory");
    let docs = dir.path().join("docs");
    fs::create_dir(&docs).expect("create docs");
    let write = |name: &str, bytes: &[u8]| fs::write(docs.join(name), bytes).expect("write");

    let text_003 = corpus("003_f52a14d2b16fe9b2.txt");
    let (gb18030, _, unmappable) = encoding_rs::GB18030.encode(&text_003);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gb18030).is_err(), "must not be UTF-8");
    write("003-gb18030.txt", &gb18030);

    let text_004 = corpus("004_7a10bbdabf87c04e.txt");
    let lines_004: Vec<&str> = text_004.lines().collect();
    let middle = lines_004.len() / 2;
    let mut article = String::new();
    for (index, line) in lines_004.iter().enumerate() {
        if index == middle {
            article.push_str(
                "<script type=\"text/javascript\">\n99.假任务(牵头单位:假单位)\n</script>\n",
            );
        }
        article.push_str(&format!("<p>{}</p>\n", xml_escape(line)));
    }
    write("004.html", html_page("utf-8", &article).as_bytes());

    let text_001 = corpus("001_475ad2ca59a2f801.txt");
    let mut bom_crlf = b"\xEF\xBB\xBF".to_vec();
    bom_crlf.extend_from_slice(text_001.replace('\n', "\r\n").as_bytes());
    write("001-bom-crlf.txt", &bom_crlf);
    write("001.docx", &docx_of_lines(&text_001));

    write("empty.txt", b"");
    write("random.txt", &noise());
    write("random.docx", &noise());

    let text_000 = corpus("000_5d1acf1f898862e1.txt");
    let cut = middle_of_a_character(&text_000);
    write("000-cut.txt", &text_000.as_bytes()[..cut]);

    let (export, warnings) = export(dir.path(), &["docs"]);

    let [truncated, empty, random_docx, random_txt] = warnings.as_slice() else {
        panic!("one warning per bad file: {warnings:#?}");
    };
    assert_eq!(
        truncated,
        "warning: docs/000-cut.txt: truncated: ends in the middle of a character"
    );
    assert_eq!(empty, "warning: docs/empty.txt: empty file");
    assert_eq!(
        random_docx,
        "warning: docs/random.docx: not a .docx file (not a zip archive)"
    );
    assert!(
        random_txt.starts_with("warning: docs/random.txt: binary data, not text (")
            || random_txt.starts_with("warning: docs/random.txt: cannot decode as "),
        "{random_txt}"
    );

    let tasks = tasks_by_source(&export);
    let counts: BTreeMap<&str, usize> = tasks
        .iter()
        .map(|(source, tasks)| (source.as_str(), tasks.len()))
        .collect();
    let samples = sample_tasks();
    let cut_tasks = tasks.get("docs/000-cut.txt").expect("the cut file loads");
    assert_eq!(
        counts,
        BTreeMap::from([
            ("docs/000-cut.txt", cut_tasks.len()),
            ("docs/001-bom-crlf.txt", 20),
            ("docs/001.docx", 20),
            ("docs/003-gb18030.txt", 143),
            ("docs/004.html", 25),
        ])
    );
    // Each good document reads exactly as the sample it was made from.
    assert_eq!(
        tasks["docs/001-bom-crlf.txt"],
        samples["001_475ad2ca59a2f801.txt"]
    );
    assert_eq!(tasks["docs/001.docx"], samples["001_475ad2ca59a2f801.txt"]);
    assert_eq!(
        tasks["docs/003-gb18030.txt"],
        samples["003_f52a14d2b16fe9b2.txt"]
    );
    assert_eq!(tasks["docs/004.html"], samples["004_7a10bbdabf87c04e.txt"]);
    // The cut file keeps the tasks before the cut; only the last may be
    // short, and tasks whose block annotation line was cut off lose units.
    let full_000 = &samples["000_5d1acf1f898862e1.txt"];
    assert!(
        (1..full_000.len()).contains(&cut_tasks.len()),
        "{} tasks before the cut",
        cut_tasks.len()
    );
    let complete = cut_tasks.len() - 1;
    let placed = |tasks: &[Task]| -> Vec<(Option<String>, String, Vec<String>)> {
        tasks
            .iter()
            .map(|task| (task.number.clone(), task.text.clone(), task.section.clone()))
            .collect()
    };
    assert_eq!(
        placed(&cut_tasks[..complete]),
        placed(&full_000[..complete])
    );
    let annotated = cut_tasks
        .iter()
        .rposition(|task| !task.lead.is_empty())
        .expect("some task before the cut names its lead");
    assert_eq!(cut_tasks[..=annotated], full_000[..=annotated]);

    let all = serde_json::to_string(&export).expect("serialise");
    assert!(
        !all.contains("假任务") && !all.contains("假单位"),
        "script text read"
    );
    let file_warnings: Vec<&str> = export["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter_map(|warning| warning["source"].as_str())
        .filter(|source| {
            ["empty.txt", "random.txt", "random.docx", "000-cut.txt"]
                .iter()
                .any(|name| source.ends_with(name))
        })
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(file_warnings.len(), 4, "{:#?}", export["warnings"]);
    let cut_task_warned = export["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .any(|warning| {
            warning["source"].as_str() == Some("docs/000-cut.txt")
                && warning["message"]
                    .as_str()
                    .is_some_and(|message| message.contains("left out as incomplete"))
        });
    assert!(cut_task_warned, "{:#?}", export["warnings"]);
}

#[test]
fn a_missing_path_alone_fails_and_beside_a_good_file_warns() {
    let dir = TempDir::new().expect("temporary directory");
    let alone = run(dir.path(), &["export", "no-such-plan.txt"]);
    assert_eq!(alone.code, Some(1));
    assert!(alone.stdout.is_empty());
    assert!(
        alone
            .warnings
            .contains(&"warning: no-such-plan.txt: no such file or directory".to_string()),
        "{}",
        alone.stderr
    );
    assert!(alone.stderr.contains("error:"), "{}", alone.stderr);

    fs::write(
        dir.path().join("plan.txt"),
        corpus("002_1174e347716747d5.txt"),
    )
    .expect("write");
    let (export, warnings) = export(dir.path(), &["plan.txt", "no-such-plan.txt"]);
    assert_eq!(
        warnings,
        ["warning: no-such-plan.txt: no such file or directory"]
    );
    assert_eq!(tasks_by_source(&export)["plan.txt"].len(), 9);
}

#[test]
fn only_bad_files_fail_with_a_warning_for_each() {
    let dir = TempDir::new().expect("temporary directory");
    fs::write(dir.path().join("empty.txt"), b"").expect("write");
    fs::write(dir.path().join("noise.docx"), noise()).expect("write");
    let run = run(dir.path(), &["export", "."]);
    assert_eq!(run.code, Some(1));
    assert_eq!(
        run.warnings,
        [
            "warning: ./empty.txt: empty file",
            "warning: ./noise.docx: not a .docx file (not a zip archive)"
        ]
    );
}

#[cfg(unix)]
#[test]
fn folders_are_walked_recursively_in_a_stable_order() {
    use std::os::unix::fs::symlink;
    let dir = TempDir::new().expect("temporary directory");
    let root = dir.path().join("plans");
    fs::create_dir_all(root.join("b/nested")).expect("mkdir");
    fs::create_dir_all(root.join(".git")).expect("mkdir");
    let sample = corpus("002_1174e347716747d5.txt");
    for name in [
        "b/nested/z.txt",
        "b/a.txt",
        "a.TXT",
        ".hidden.txt",
        ".git/x.txt",
    ] {
        fs::write(root.join(name), &sample).expect("write");
    }
    fs::write(root.join("notes.md"), "# 不读").expect("write");
    symlink(&root, root.join("b/loop")).expect("symlink");
    let (export, warnings) = export(dir.path(), &["plans"]);
    let sources: Vec<&str> = export["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .filter_map(|document| document["source"].as_str())
        .collect();
    assert_eq!(
        sources,
        ["plans/a.TXT", "plans/b/a.txt", "plans/b/nested/z.txt"]
    );
    assert_eq!(
        warnings,
        ["warning: plans/b/loop: skipped: symbolic link loop"]
    );
    assert_eq!(export["tasks"].as_array().map(Vec::len), Some(27));
}

// ---------------------------------------------------------------------------
// Task tables (任务分解表)

/// The tasks every form of the sample table gives.
fn table_tasks() -> Vec<Task> {
    let task = |number: &str,
                text: &str,
                section: &str,
                lead: &str,
                cooperating: &[&str],
                deadline: &str| Task {
        number: Some(number.to_string()),
        text: text.to_string(),
        section: vec![section.to_string()],
        lead: vec![lead.to_string()],
        responsible: vec![],
        cooperating: cooperating.iter().map(|unit| unit.to_string()).collect(),
        leaders: vec![],
        deadline: Some(deadline.to_string()),
    };
    vec![
        task(
            "1",
            "开工建设人民医院东院区项目",
            "一、扩大有效投资",
            "市卫健委",
            &["市住建局", "市财政局"],
            "2021年12月底",
        ),
        task(
            "2",
            "建设产教融合园区",
            "一、扩大有效投资",
            "市卫健委",
            &["市教育局"],
            "2021年10月",
        ),
        task(
            "3",
            "建设文化小镇",
            "二、保障和改善民生",
            "市文旅局",
            &[],
            "长期坚持",
        ),
    ]
}

const TABLE_TITLE: &str = "济源市2021年重点工作任务分解表";

fn docx_table() -> Vec<u8> {
    let cell = |text: &str, properties: &str| {
        format!(
            "<w:tc><w:tcPr><w:tcW w:w=\"1800\" w:type=\"dxa\"/>{properties}</w:tcPr>{}</w:tc>",
            paragraph(text)
        )
    };
    let row = |cells: Vec<String>| format!("<w:tr>{}</w:tr>", cells.concat());
    let plain = |texts: &[&str]| row(texts.iter().map(|text| cell(text, "")).collect());
    let spanning = |text: &str| row(vec![cell(text, "<w:gridSpan w:val=\"5\"/>")]);
    let rows = [
        plain(&["序号", "重点任务", "牵头单位", "配合单位", "完成时限"]),
        spanning("一、扩大有效投资"),
        row(vec![
            cell("1", ""),
            cell("开工建设人民医院东院区项目", ""),
            cell("市卫健委", "<w:vMerge w:val=\"restart\"/>"),
            cell("市住建局、市财政局", ""),
            cell("2021年12月底", ""),
        ]),
        row(vec![
            cell("2", ""),
            cell("建设产教融合园区", ""),
            cell("", "<w:vMerge/>"),
            cell("市教育局", ""),
            cell("2021年10月", ""),
        ]),
        spanning("二、保障和改善民生"),
        plain(&["3", "建设文化小镇", "市文旅局", "", "长期坚持"]),
    ];
    docx(&format!(
        "{}<w:tbl><w:tblPr/><w:tblGrid/>{}</w:tbl>{}",
        paragraph(TABLE_TITLE),
        rows.concat(),
        paragraph("抄送:市委办公室")
    ))
}

fn html_table() -> Vec<u8> {
    let table = "<table border=\"1\" cellspacing=\"0\">\n\
        <tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>配合单位</th><th>完成时限</th></tr>\n\
        <tr><td colspan=\"5\"><b>一、扩大有效投资</b></td></tr>\n\
        <tr><td>1</td><td>开工建设人民医院东院区项目</td><td rowspan=\"2\">市卫健委</td>\
        <td>市住建局&#12289;市财政局</td><td>2021年12月底</td></tr>\n\
        <tr><td>2</td><td><span>建设产教</span>融合<b>园区</b></td><td>市教育局</td><td>2021年10月</td></tr>\n\
        <tr><td colspan=\"5\">二、保障和改善民生</td></tr>\n\
        <tr><td>3</td><td>建设文化小镇</td><td>市文旅局</td><td>&nbsp;</td><td>长期坚持</td></tr>\n\
        </table>\n";
    let page = html_page(
        "gbk",
        &format!("<h1>{TABLE_TITLE}</h1>\n{table}<p>抄送:市委办公室</p>\n"),
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&page);
    assert!(!unmappable);
    bytes.into_owned()
}

fn text_table() -> String {
    format!(
        "{TABLE_TITLE}\n\
         序号\t重点任务\t牵头单位\t配合单位\t完成时限\n\
         一、扩大有效投资\n\
         1\t开工建设人民医院东院区项目\t市卫健委\t市住建局、市财政局\t2021年12月底\n\
         2\t建设产教融合园区\t市卫健委\t市教育局\t2021年10月\n\
         二、保障和改善民生\t\t\t\t\n\
         3\t建设文化小镇\t市文旅局\t\t长期坚持\n\
         抄送:市委办公室\n"
    )
}

#[test]
fn task_tables_from_docx_html_and_text() {
    let dir = TempDir::new().expect("temporary directory");
    fs::write(dir.path().join("table.docx"), docx_table()).expect("write");
    fs::write(dir.path().join("table.htm"), html_table()).expect("write");
    fs::write(dir.path().join("table.txt"), text_table()).expect("write");
    let (export, warnings) = export(dir.path(), &["table.docx", "table.htm", "table.txt"]);
    assert_eq!(warnings, Vec::<String>::new());
    let tasks = tasks_by_source(&export);
    for source in ["table.docx", "table.htm", "table.txt"] {
        assert_eq!(tasks[source], table_tasks(), "{source}");
    }
    let all = serde_json::to_string(&export).expect("serialise");
    assert!(
        !all.contains("假任务") && !all.contains("假单位"),
        "script text read"
    );
    for document in export["documents"].as_array().expect("documents") {
        assert_eq!(document["city"], "济源市", "{document}");
        assert_eq!(document["year"], 2021, "{document}");
    }
}

#[test]
fn csv_export_carries_the_deadline() {
    let dir = TempDir::new().expect("temporary directory");
    fs::write(dir.path().join("table.txt"), text_table()).expect("write");
    let run = run(dir.path(), &["export", "--format", "csv", "table.txt"]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let mut reader = csv::Reader::from_reader(
        run.stdout
            .strip_prefix(b"\xEF\xBB\xBF".as_slice())
            .unwrap_or(&run.stdout),
    );
    let headers = reader.headers().expect("csv header").clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|header| header == name)
            .unwrap_or_else(|| panic!("no {name} column in {headers:?}"))
    };
    let (text, deadline) = (column("text"), column("deadline"));
    let rows: Vec<(String, String)> = reader
        .records()
        .map(|record| {
            let record = record.expect("csv record");
            (record[text].to_string(), record[deadline].to_string())
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("开工建设人民医院东院区项目".into(), "2021年12月底".into()),
            ("建设产教融合园区".into(), "2021年10月".into()),
            ("建设文化小镇".into(), "长期坚持".into()),
        ]
    );
}

#[test]
fn table_header_wordings() {
    let dir = TempDir::new().expect("temporary directory");
    let mut expected = BTreeMap::new();
    let mut index = 0;
    for task_header in ["工作任务", "重点任务", "主要任务"] {
        for lead_header in ["牵头单位", "牵头部门", "主责单位"] {
            for (other_header, is_responsible) in [
                ("责任单位", true),
                ("配合单位", false),
                ("协同单位", false),
                ("参与单位", false),
            ] {
                for deadline_header in ["完成时限", "时间节点"] {
                    index += 1;
                    let name = format!("{index:02}.txt");
                    let text = format!(
                        "序号\t{task_header}\t{lead_header}\t{other_header}\t{deadline_header}\n\
                         1\t推进老旧小区改造\t市住建局\t市财政局、市发改委\t2024年底\n"
                    );
                    fs::write(dir.path().join(&name), text).expect("write");
                    let units = vec!["市财政局".to_string(), "市发改委".to_string()];
                    let (responsible, cooperating) = if is_responsible {
                        (units, vec![])
                    } else {
                        (vec![], units)
                    };
                    let header =
                        format!("{task_header}|{lead_header}|{other_header}|{deadline_header}");
                    expected.insert(
                        name,
                        (
                            header,
                            Task {
                                number: Some("1".into()),
                                text: "推进老旧小区改造".into(),
                                section: vec![],
                                lead: vec!["市住建局".into()],
                                responsible,
                                cooperating,
                                leaders: vec![],
                                deadline: Some("2024年底".into()),
                            },
                        ),
                    );
                }
            }
        }
    }
    let (export, warnings) = export(dir.path(), &["."]);
    assert_eq!(warnings, Vec::<String>::new());
    let tasks = tasks_by_source(&export);
    assert_eq!(tasks.len(), expected.len());
    for (name, (header, task)) in expected {
        assert_eq!(tasks[&format!("./{name}")], [task], "{header}");
    }
}

#[test]
fn a_leader_column_is_not_the_lead_beside_a_lead_column() {
    let dir = TempDir::new().expect("temporary directory");
    fs::write(
        dir.path().join("before.txt"),
        "序号\t重点任务\t责任领导\t牵头单位\t责任单位\n\
         1\t推进老旧小区改造\t王副市长\t市住建局\t市财政局\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("after.txt"),
        "序号\t重点任务\t牵头单位\t责任领导\t配合单位\t完成时限\n\
         1\t推进老旧小区改造\t市住建局\t王副市长\t市财政局\t2024年底\n",
    )
    .expect("write");
    let (export, _) = export(dir.path(), &["before.txt", "after.txt"]);
    let tasks = tasks_by_source(&export);
    let [before] = tasks["before.txt"].as_slice() else {
        panic!("{tasks:#?}")
    };
    let [after] = tasks["after.txt"].as_slice() else {
        panic!("{tasks:#?}")
    };
    assert_eq!(before.lead, ["市住建局"]);
    assert_eq!(before.responsible, ["市财政局"]);
    assert_eq!(after.lead, ["市住建局"]);
    assert_eq!(after.cooperating, ["市财政局"]);
    assert_eq!(after.deadline.as_deref(), Some("2024年底"));
    for task in [before, after] {
        assert_eq!(
            task.leaders,
            ["王副市长"],
            "the leader is the task's leader"
        );
        let units = [&task.lead, &task.responsible, &task.cooperating];
        assert!(
            units
                .iter()
                .all(|units| !units.iter().any(|unit| unit == "王副市长")),
            "the leader became a unit"
        );
    }
}

// ---------------------------------------------------------------------------
// Other wordings, punctuation, spacing and line ends

/// A two-task plan with the annotations given.
fn plan(first: &str, second: &str) -> String {
    format!(
        "某市2024年重点工作任务分解方案\n\
         一、扩大有效投资\n\
         1.开工建设人民医院东院区项目。{first}\n\
         2.建设产教融合园区。{second}\n"
    )
}

/// Units of the two tasks: (lead, responsible, cooperating) each.
type Units = [(
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
); 2];

const LEAD_AND_COOPERATING: Units = [
    (&["市卫健委"], &[], &["市住建局", "市财政局"]),
    (&["市教育局"], &[], &["市财政局"]),
];

const LEAD_AND_RESPONSIBLE: Units = [
    (&["市卫健委"], &["市住建局", "市财政局"], &[]),
    (&["市教育局"], &["市财政局"], &[]),
];

fn wording_forms() -> Vec<(&'static str, Vec<u8>, Units)> {
    let utf8 = |text: String| text.into_bytes();
    let standard = plan(
        "(牵头单位:市卫健委;配合单位:市住建局、市财政局)",
        "(牵头单位:市教育局;配合单位:市财政局)",
    );
    let utf16le = {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in standard.replace('\n', "\r\n").encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        bytes
    };
    let utf16be = {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in standard.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        bytes
    };
    vec![
        (
            "main-duty",
            utf8(plan(
                "(主责单位:市卫健委;协同单位:市住建局、市财政局)",
                "(牵头部门:市教育局;参与单位:市财政局)",
            )),
            LEAD_AND_COOPERATING,
        ),
        (
            "verbs",
            utf8(plan(
                "(市卫健委牵头,市住建局、市财政局协同)",
                "(市教育局牵头,市财政局参与)",
            )),
            LEAD_AND_COOPERATING,
        ),
        (
            "block-lines",
            utf8(
                plan("", "")
                    .replacen(
                        "项目。\n",
                        "项目。\n主责单位:市卫健委;协同单位:市住建局、市财政局\n",
                        1,
                    )
                    .replacen(
                        "园区。\n",
                        "园区。\n牵头部门:市教育局;参与部门:市财政局\n",
                        1,
                    ),
            ),
            LEAD_AND_COOPERATING,
        ),
        (
            "half-width",
            utf8(plan(
                "(牵头单位:市卫健委;责任单位:市住建局、市财政局)",
                "(牵头单位: 市教育局; 责任单位: 市财政局)",
            )),
            LEAD_AND_RESPONSIBLE,
        ),
        (
            "full-width",
            utf8(plan(
                "\u{FF08}牵头单位\u{FF1A}市卫健委\u{FF1B}责任单位\u{FF1A}市住建局\u{FF0C}市财政局\u{FF09}",
                "\u{FF08}牵头单位\u{FF1A}市教育局\u{FF1B}责任单位\u{FF1A}市财政局\u{FF09}",
            )),
            LEAD_AND_RESPONSIBLE,
        ),
        (
            "mixed-width",
            utf8(plan(
                "\u{FF08}牵头单位:市卫健委;责任单位\u{FF1A}市住建局、市财政局)",
                "(牵头单位\u{FF1A}市教育局\u{FF1B}责任单位:市财政局\u{FF09}",
            )),
            LEAD_AND_RESPONSIBLE,
        ),
        (
            "spaces",
            utf8(plan(
                "(牵头单位:市卫健委;责任单位:市住建局 市财政局)",
                "(牵头单位:市教育局;责任单位:\u{3000}市财政局)",
            )),
            LEAD_AND_RESPONSIBLE,
        ),
        (
            "cr",
            utf8(standard.replace('\n', "\r")),
            LEAD_AND_COOPERATING,
        ),
        (
            "indent",
            utf8(
                standard
                    .lines()
                    .map(|line| format!("\u{3000}\u{3000}{line}\u{3000}\n"))
                    .collect(),
            ),
            LEAD_AND_COOPERATING,
        ),
        (
            "nbsp",
            utf8(
                standard
                    .replace("1.", "\u{A0}\u{A0}1.")
                    .replace(":", ":\u{A0}")
                    .replace('、', "、\u{A0}"),
            ),
            LEAD_AND_COOPERATING,
        ),
        (
            "gbk",
            encoding_rs::GBK.encode(&standard).0.into_owned(),
            LEAD_AND_COOPERATING,
        ),
        ("utf16le", utf16le, LEAD_AND_COOPERATING),
        ("utf16be", utf16be, LEAD_AND_COOPERATING),
    ]
}

#[test]
fn other_wordings_punctuation_and_spacing() {
    let dir = TempDir::new().expect("temporary directory");
    let forms = wording_forms();
    for (name, bytes, _) in &forms {
        fs::write(dir.path().join(format!("{name}.txt")), bytes).expect("write");
    }
    let (export, warnings) = export(dir.path(), &["."]);
    assert_eq!(warnings, Vec::<String>::new());
    let tasks = tasks_by_source(&export);
    assert_eq!(tasks.len(), forms.len());
    for (name, _, units) in forms {
        let found = &tasks[&format!("./{name}.txt")];
        let texts: Vec<&str> = found.iter().map(|task| task.text.as_str()).collect();
        assert_eq!(
            texts,
            ["开工建设人民医院东院区项目。", "建设产教融合园区。"],
            "{name}"
        );
        for (task, (lead, responsible, cooperating)) in found.iter().zip(units) {
            assert_eq!(task.section, ["一、扩大有效投资"], "{name}");
            assert_eq!(task.lead, lead, "{name}");
            assert_eq!(task.responsible, responsible, "{name}");
            assert_eq!(task.cooperating, cooperating, "{name}");
        }
    }
}

#[test]
fn traditional_characters_reach_the_same_departments() {
    let dir = TempDir::new().expect("temporary directory");
    fs::write(
        dir.path().join("traditional.txt"),
        "某市2024年重點工作任務分解方案\n\
         一、擴大有效投資\n\
         1.開工建設人民醫院東院區項目。(牽頭單位:市衛健委;責任單位:市住建局;配合單位:市財政局)\n\
         2.建設產教融合園區。(牽頭單位:市教育局;責任單位:市財政局)\n",
    )
    .expect("write");
    fs::write(
        dir.path().join("simplified.txt"),
        plan(
            "(牵头单位:市卫健委;责任单位:市住建局;配合单位:市财政局)",
            "(牵头单位:市教育局;责任单位:市财政局)",
        ),
    )
    .expect("write");
    let (export, warnings) = export(dir.path(), &["traditional.txt", "simplified.txt"]);
    assert_eq!(warnings, Vec::<String>::new());
    let tasks = tasks_by_source(&export);
    let traditional = &tasks["traditional.txt"];
    assert_eq!(traditional.len(), 2);
    assert_eq!(traditional[0].lead, ["市衛健委"]);
    assert_eq!(traditional[0].responsible, ["市住建局"]);
    assert_eq!(traditional[0].cooperating, ["市財政局"]);
    assert_eq!(traditional[1].lead, ["市教育局"]);
    assert_eq!(traditional[1].responsible, ["市財政局"]);

    let departments: BTreeMap<&str, (u64, u64, u64)> = export["departments"]
        .as_array()
        .expect("departments")
        .iter()
        .map(|department| {
            let count = |role: &str| department[role].as_u64().unwrap_or_default();
            (
                department["canonical"].as_str().expect("canonical"),
                (count("lead"), count("responsible"), count("cooperating")),
            )
        })
        .collect();
    // Both spellings count toward one department each.
    assert_eq!(departments.get("卫生健康委员会"), Some(&(2, 0, 0)));
    assert_eq!(departments.get("财政局"), Some(&(0, 2, 2)));
    assert_eq!(departments.get("住房和城乡建设局"), Some(&(0, 2, 0)));
    assert_eq!(departments.get("教育局"), Some(&(2, 0, 0)));
    assert_eq!(departments.len(), 4, "{departments:#?}");
}
