//! Lines that are never content: site navigation, footers, editor credits,
//! copyright lines, URLs.

use crate::lexicon::{List, lexicon};

/// A page number line has at most 20 characters of at most 4 bytes.
const MAX_PAGE_NUMBER_BYTES: usize = 80;

/// The longest line (in characters) that a chrome word alone can mark as noise.
const SHORT_LINE: usize = 80;

/// True for a line marked as chrome by a word that marks it anywhere, even
/// a row of cells (`索引号: | 113706850042672474/2022-04772 | 成文日期: |`).
pub fn is_always_chrome(line: &str) -> bool {
    lexicon().holds(List::AlwaysChrome, line)
}

/// True for a line that is page chrome rather than document content.
pub fn is_noise(line: &str) -> bool {
    if line.is_empty() {
        return false;
    }
    if is_page_number(line) {
        return true;
    }
    if !line.chars().any(is_cjk_or_alnum) {
        return true;
    }
    if lexicon().holds(List::AlwaysChrome, line) || is_file_name(line) {
        return true;
    }
    if lexicon().is_in(List::ChromeLine, line) {
        return true;
    }
    let chars = line.chars().count();
    if chars <= SHORT_LINE && lexicon().holds(List::ChromeWord, line) {
        return true;
    }
    if line.matches('|').count() >= 2 {
        return true;
    }
    is_navigation_bar(line)
}

/// The longest attachment's file name line, in characters.
const MAX_FILE_NAME_CHARS: usize = 120;

/// An attachment's file name: `17.内蒙古自治区…政策清单.docx`.
pub fn is_file_name(line: &str) -> bool {
    let line = line.trim();
    lexicon()
        .list(List::FileExtension)
        .iter()
        .any(|extension| ends_with_ignoring_ascii_case(line, extension))
        && line.chars().count() <= MAX_FILE_NAME_CHARS
}

/// True when `text` ends with `suffix`, ASCII letters of `text` read as
/// lower case.
fn ends_with_ignoring_ascii_case(text: &str, suffix: &str) -> bool {
    text.len()
        .checked_sub(suffix.len())
        .and_then(|start| text.as_bytes().get(start..))
        .is_some_and(|end| end.iter().map(u8::to_ascii_lowercase).eq(suffix.bytes()))
}

/// A page number left by a PDF copy: `— 3 —`, `-12-`, `第3页`, `第 3 页 共 10 页`.
fn is_page_number(line: &str) -> bool {
    if line.len() > MAX_PAGE_NUMBER_BYTES || line.chars().count() > 20 {
        return false;
    }
    let mut digits = 0;
    for c in line.chars() {
        if c.is_whitespace() || matches!(c, '-' | '—' | '–' | '第' | '页' | '共' | '/') {
            continue;
        }
        if !c.is_ascii_digit() {
            return false;
        }
        digits += 1;
    }
    (1..=8).contains(&digits)
}

/// True for a chrome line that ends the article (`【打印】`, `上一篇`, `责任编辑`).
pub fn is_footer(line: &str) -> bool {
    line.chars().count() <= SHORT_LINE && lexicon().holds(List::FooterWord, line)
}

/// A row of short labels separated by runs of spaces: `首页 政务公开 网上办事 互动交流`.
fn is_navigation_bar(line: &str) -> bool {
    if line.contains(['。', ',', ';', ':']) {
        return false;
    }
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == '\u{3000}')
        .filter(|word| !word.is_empty())
        .collect();
    words.len() >= 4 && words.iter().all(|word| word.chars().count() <= 8)
}

fn is_cjk_or_alnum(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_chrome_is_noise() {
        for line in [
            "中国政府网 黑龙江省政府网 English Русская версия 市人大 市政协 市纪委监委",
            "首     页 政 务 公 开 网 上 办 事 互 动 交 流 走 进 鹤 城",
            "(责任编辑:王岩)",
            "责编:陶纪燕 | 审核:李震 | 总监:万军伟",
            ",",
            "关于我们 | 网站声明 | 版权信息 | 网站地图",
            "主办:齐齐哈尔市人民政府 版权所有:齐齐哈尔市人民政府",
            "黑ICP备 05009380 号 黑公网安备 23020302000022号",
            "本文地址:/tjnianjian/huazhong/7690.html",
            "字号: 大 中 小",
            "(公开属性:主动公开)",
            "导航菜单",
            "验证码:",
            "本站建议使用IE9.0以上 分辨率1440×900",
            "— 3 —",
            "-12-",
            "第 3 页 共 10 页",
            "17.内蒙古自治区2023年推动产业高质量发展政策清单.docx",
            "附件1.任务分解表.XLS",
        ] {
            assert!(is_noise(line), "{line}");
        }
    }

    #[test]
    fn content_is_not_noise() {
        for line in [
            "1.生产总值增长8%。(责任单位:发展改革和统计局)",
            "一、工作目标",
            "科学精准优化防控措施。",
            "牵头部门:市人社局;配合部门:市发改委、教育局、科技局、财政局、龙沙区。",
            "齐政办文〔2020〕5号",
            "2020年7月22日",
            "社会保障工程2020年工作要点",
        ] {
            assert!(!is_noise(line), "{line}");
        }
    }
}
