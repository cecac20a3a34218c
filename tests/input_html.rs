//! A saved government web page built around a sample document: the text
//! comes out in reading order with scripts, chrome and markup gone.

mod support;

use std::fs;

use support::corpus;
use tempfile::TempDir;
use zeren::input::{self, FileKind};

/// Escapes text for HTML, writing quotes and the enumeration comma as
/// entities the way content systems do.
fn escape(line: &str) -> String {
    line.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{201C}', "&ldquo;")
        .replace('\u{201D}', "&rdquo;")
        .replace('、', "&#12289;")
        .replace('—', "&mdash;")
}

/// The sample's non-blank lines, as a page shows them.
fn sample_lines() -> Vec<String> {
    corpus("004_7a10bbdabf87c04e.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(String::from)
        .collect()
}

const TABLE: &str = "<table border=1>\
    <caption>任务分解表</caption>\
    <thead><tr><th>序号</th><th>重点任务</th><th>牵头单位</th><th>责任单位</th></tr></thead>\
    <tbody>\
    <tr><td>1</td><td>推进&ldquo;数字三馆&rdquo;建设</td><td rowspan=\"2\">市文旅局</td><td>各县市区人民政府</td></tr>\
    <tr><td>2</td><td><p>开展文化</p><p>惠民活动</p></td><td></td></tr>\
    <tr><td colspan=\"4\">二、民生福祉</td></tr>\
    <tr><td>3<td>稳岗就业<td>市人社局<td>市教育局&#x3001;市经信局\
    </tbody></table>";

fn page(lines: &[String]) -> String {
    let paragraphs: String = lines
        .iter()
        .map(|line| {
            format!(
                "<P style=\"text-indent:2em\">&nbsp;&nbsp;{}</P>\n",
                escape(line)
            )
        })
        .collect();
    format!(
        "<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n\
         <HTML><HEAD><meta charset=\"utf-8\"><TITLE>页面标题</TITLE>\n\
         <style>p {{ color: red }}</style>\n\
         <script type=\"text/javascript\">var html = '<p>99.假任务(责任单位:假单位)</p>'; if (a < b) {{}}</script>\n\
         </HEAD><BODY>\n\
         <div id=\"header\"><a href=/>首页</a></div>\n\
         <nav><ul><li>政务公开</li><li>网上办事</li></ul></nav>\n\
         <div class=\"breadcrumb\">当前位置:首页 &gt; 政策文件</div>\n\
         <!-- <p>100.注释里的任务(责任单位:注释单位)</p> -->\n\
         <div class=content>\n{paragraphs}{TABLE}\n</div>\n\
         <div class=\"share\">分享到:微信 微博</div>\n\
         <script>document.write(\"<p>99.假任务(责任单位:假单位)</p>\");</script>\n\
         <div id=\"footer\">主办单位:某市人民政府 版权所有</div>\n\
         </BODY></HTML>\n"
    )
}

#[test]
fn page_text_comes_out_in_reading_order() {
    let lines = sample_lines();
    let html = page(&lines);
    let dir = TempDir::new().expect("temporary directory");
    fs::write(dir.path().join("page.HTM"), &html).expect("write page");
    let discovery = input::discover(&[dir.path().to_path_buf()]);
    let [entry] = discovery.files.as_slice() else {
        panic!("expected one file: {:?}", discovery.files)
    };
    assert_eq!(entry.kind, FileKind::Html);
    let decoded = input::read_entry(entry).expect("page decodes");

    let mut expected = lines.join("\n");
    expected.push_str(
        "\n任务分解表\n\
         序号\t重点任务\t牵头单位\t责任单位\n\
         1\t推进\u{201C}数字三馆\u{201D}建设\t市文旅局\t各县市区人民政府\n\
         2\t开展文化 惠民活动\t市文旅局\t\n\
         二、民生福祉\t\t\t\n\
         3\t稳岗就业\t市人社局\t市教育局、市经信局\n",
    );
    assert_eq!(decoded.text, expected);
    for chrome in [
        "假任务",
        "首页",
        "政务公开",
        "当前位置",
        "注释",
        "分享",
        "版权",
        "页面标题",
        "color",
    ] {
        assert!(
            !decoded.text.contains(chrome),
            "{chrome} leaked into the text"
        );
    }
}

#[test]
fn gbk_page_declared_by_http_equiv_is_decoded() {
    let lines = sample_lines();
    let html = page(&lines).replace(
        "<meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">",
    );
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&html);
    assert!(!unmappable);
    let decoded = input::decode_bytes(FileKind::Html, &bytes).expect("page decodes");
    assert_eq!(decoded.encoding, "GB18030");
    assert!(
        decoded.text.starts_with(&lines[0]),
        "{}",
        &decoded.text[..200]
    );
    assert!(
        decoded
            .text
            .contains("3\t稳岗就业\t市人社局\t市教育局、市经信局\n")
    );
    assert!(!decoded.text.contains("假任务"));
}

#[test]
fn malformed_page_still_gives_its_text() {
    let html = "<html><body><p>1.推进<b>项目</p><P>2.建设 < 完成\n<div class=x>3.落实<td>4.督办</table></span>\
                <p>5.&#12289;&#x3001;&unknown;&amp;</body></html><p>6.尾";
    let decoded = input::decode_bytes(FileKind::Html, html.as_bytes()).expect("page decodes");
    assert_eq!(
        decoded.text,
        "1.推进项目\n2.建设 < 完成\n3.落实4.督办\n5.、、&unknown;&\n6.尾\n"
    );
}
