//! A .docx built at run time: paragraphs from a sample document, Word list
//! numbering, and a 任务分解表 whose 牵头单位 cell is merged over rows.

mod support;

use std::fs;
use std::io::{Cursor, Write};

use support::{corpus, xml_escape};
use tempfile::TempDir;
use zeren::input::{self, FileKind, LoadError};
use zip::write::{SimpleFileOptions, ZipWriter};

fn paragraph(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:rFonts w:hint=\"eastAsia\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

/// A paragraph whose text is split over several runs, as Word saves it.
fn split_paragraph(text: &str) -> String {
    let characters: Vec<char> = text.chars().collect();
    let runs: String = characters
        .chunks(7)
        .map(|chunk| {
            format!(
                "<w:r><w:t>{}</w:t></w:r>",
                xml_escape(&chunk.iter().collect::<String>())
            )
        })
        .collect();
    format!("<w:p>{runs}</w:p>")
}

fn numbered(text: &str, list: u32, level: u32) -> String {
    format!(
        "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"{level}\"/><w:numId w:val=\"{list}\"/></w:numPr></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>",
        xml_escape(text)
    )
}

fn cell(text: &str, properties: &str) -> String {
    let paragraphs: String = text.split('|').map(paragraph).collect();
    format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/>{properties}</w:tcPr>{paragraphs}</w:tc>"
    )
}

fn row(cells: &[String]) -> String {
    format!(
        "<w:tr><w:trPr><w:jc w:val=\"center\"/></w:trPr>{}</w:tr>",
        cells.concat()
    )
}

const RESTART: &str = "<w:vMerge w:val=\"restart\"/>";
const CONTINUE: &str = "<w:vMerge/>";

fn task_table() -> String {
    let rows = [
        row(&[
            cell("序号", ""),
            cell("重点任务", ""),
            cell("牵头单位", ""),
            cell("责任单位", ""),
            cell("完成时限", ""),
        ]),
        row(&[cell("一、扩大有效投资", "<w:gridSpan w:val=\"5\"/>")]),
        row(&[
            cell("1", ""),
            cell("开工建设人民医院东院区项目|按三甲标准建设", ""),
            cell("卫生健康委员会", RESTART),
            cell("投资集团有限公司", ""),
            cell("2021年12月", ""),
        ]),
        row(&[
            cell("2", ""),
            cell("建设济源产教融合园区", ""),
            cell("", CONTINUE),
            cell("", ""),
            cell("2021年10月", ""),
        ]),
        row(&[
            cell("3", ""),
            cell("建设文化小镇", ""),
            cell("", CONTINUE),
            cell("住房和城乡建设局、文化广电和旅游局", ""),
            cell("", ""),
        ]),
        row(&[
            cell("4", ""),
            cell("建设城市综合体", ""),
            cell("住房和城乡建设局", ""),
            cell("自然资源和规划局", ""),
            cell("长期坚持", ""),
        ]),
    ];
    format!(
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid>{}</w:tbl>",
        rows.concat()
    )
}

const NUMBERING: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
  <w:abstractNum w:abstractNumId="0">
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>
    <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
    <w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>
  </w:abstractNum>
  <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"#;

fn document(body: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n\
         <w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
         xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
         <w:body>{body}<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body></w:document>"
    )
}

fn docx(document_xml: &str, numbering: Option<&str>) -> Vec<u8> {
    let mut parts = vec![
        ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_string()),
        ("_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>".to_string()),
        ("word/document.xml", document_xml.to_string()),
    ];
    if let Some(numbering) = numbering {
        parts.push(("word/numbering.xml", numbering.to_string()));
    }
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        writer.start_file(name, options).expect("start part");
        writer.write_all(content.as_bytes()).expect("write part");
    }
    writer.finish().expect("finish zip").into_inner()
}

#[test]
fn docx_paragraphs_numbering_and_task_table() {
    let sample: Vec<String> = corpus("003_f52a14d2b16fe9b2.txt")
        .lines()
        .take(8)
        .map(String::from)
        .collect();
    let mut body = String::new();
    body.push_str(&paragraph(&sample[0]));
    body.push_str(&split_paragraph(&sample[1]));
    body.push_str("<w:p/>");
    body.push_str(&numbered("总体要求", 7, 0));
    body.push_str(&numbered("强力推进十大工程", 7, 1));
    body.push_str(&numbered("开工建设项目。(牵头单位:卫生健康委员会)", 7, 2));
    body.push_str(&numbered(
        "继续坚持领导分包。(责任单位:发展改革和统计局)",
        7,
        2,
    ));
    body.push_str(&numbered("重点任务分解", 7, 0));
    for line in &sample[2..] {
        body.push_str(&paragraph(line));
    }
    body.push_str(&paragraph("附件:任务分解表"));
    body.push_str(&task_table());
    body.push_str(&paragraph("抄送:市委办公室"));

    let dir = TempDir::new().expect("temporary directory");
    fs::write(
        dir.path().join("任务.DOCX"),
        docx(&document(&body), Some(NUMBERING)),
    )
    .expect("write docx");
    let discovery = input::discover(&[dir.path().to_path_buf()]);
    let [entry] = discovery.files.as_slice() else {
        panic!("expected one file: {:?}", discovery.files)
    };
    assert_eq!(entry.kind, FileKind::Docx);
    assert!(entry.source.ends_with("/任务.DOCX"));
    let decoded = input::read_entry(entry).expect("docx decodes");

    let mut expected = vec![
        sample[0].clone(),
        sample[1].clone(),
        "一、总体要求".to_string(),
        "（一）强力推进十大工程".to_string(),
        "1.开工建设项目。(牵头单位:卫生健康委员会)".to_string(),
        "2.继续坚持领导分包。(责任单位:发展改革和统计局)".to_string(),
        "二、重点任务分解".to_string(),
    ];
    expected.extend(sample[2..].iter().cloned());
    expected.extend(
        [
            "附件:任务分解表",
            "序号\t重点任务\t牵头单位\t责任单位\t完成时限",
            "一、扩大有效投资\t\t\t\t",
            "1\t开工建设人民医院东院区项目 按三甲标准建设\t卫生健康委员会\t投资集团有限公司\t2021年12月",
            "2\t建设济源产教融合园区\t卫生健康委员会\t\t2021年10月",
            "3\t建设文化小镇\t卫生健康委员会\t住房和城乡建设局、文化广电和旅游局\t",
            "4\t建设城市综合体\t住房和城乡建设局\t自然资源和规划局\t长期坚持",
            "抄送:市委办公室",
        ]
        .map(String::from),
    );
    let expected = expected.join("\n") + "\n";
    assert_eq!(decoded.text, expected);
    assert_eq!(decoded.encoding, "UTF-8");
    assert_eq!(decoded.notes, Vec::<String>::new());
}

#[test]
fn docx_without_numbering_part_still_reads() {
    let body = format!("{}{}", numbered("没有编号定义", 7, 0), paragraph("正文"));
    let decoded =
        input::decode_bytes(FileKind::Docx, &docx(&document(&body), None)).expect("decodes");
    assert_eq!(decoded.text, "没有编号定义\n正文\n");
}

#[test]
fn docx_with_broken_numbering_reads_with_a_note() {
    let body = numbered("任务", 7, 0);
    let bytes = docx(&document(&body), Some("<w:numbering><w:num></w:numbering>"));
    let decoded = input::decode_bytes(FileKind::Docx, &bytes).expect("decodes");
    assert_eq!(decoded.text, "任务\n");
    assert_eq!(decoded.notes.len(), 1);
    assert!(
        decoded.notes[0].starts_with("list numbers left out: word/numbering.xml: bad XML"),
        "{:?}",
        decoded.notes
    );
}

#[test]
fn docx_with_broken_document_xml_names_the_problem() {
    let bytes = docx("<w:document><w:body><w:p><w:t>x</w:p></w:body>", None);
    let error = input::decode_bytes(FileKind::Docx, &bytes).expect_err("broken");
    assert!(matches!(error, LoadError::BrokenDocx(_)));
    let message = error.to_string();
    assert!(
        message.starts_with("broken .docx: word/document.xml: bad XML at byte "),
        "{message}"
    );
}

#[test]
fn zip_that_is_not_a_word_document() {
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    writer
        .start_file("xl/workbook.xml", SimpleFileOptions::default())
        .expect("start");
    writer.write_all(b"<workbook/>").expect("write");
    let bytes = writer.finish().expect("finish").into_inner();
    let error = input::decode_bytes(FileKind::Docx, &bytes).expect_err("not a docx");
    assert_eq!(
        error.to_string(),
        "not a .docx file (no word/document.xml inside)"
    );
}
