//! What a document says about itself: title, city, year, document number, date.

use std::sync::LazyLock;

use regex::Regex;

use super::lines::{Kind, Line, ends_sentence};
use crate::cjk::char_count;
use crate::gazetteer::{PlaceHints, detect_place};
use crate::lexicon::List;
use crate::model::DocumentMeta;

/// The shortest plan title, in characters.
const MIN_PLAN_TITLE_CHARS: usize = 6;

/// The longest title line, in characters.
const MAX_TITLE_CHARS: usize = 100;

/// How many lines a notice title may be broken over.
const MAX_TITLE_LINES: usize = 4;

static DOC_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[\p{Han}]{1,10}[〔\[【(（﹝［]\s*((?:19|20)\d{2})\s*[〕\]】)）﹞］]\s*第?\s*\d{1,4}\s*号",
    )
    .expect("document number pattern")
});

static ARABIC_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"((?:19|20)\d{2})\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
        .expect("date pattern")
});

static CHINESE_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日$")
        .expect("chinese date pattern")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\s*年").expect("year pattern"));

/// True for a line that is a work plan's own title.
pub fn is_plan_title(text: &str) -> bool {
    // The ending first: it rules out nearly every line without reading it.
    ends_like_plan_title(text)
        && (MIN_PLAN_TITLE_CHARS..=MAX_TITLE_CHARS).contains(&char_count(text))
        && !ends_sentence_or_colon(text)
        && !text.contains([',', ';', '。'])
        && !text.starts_with("关于")
        && !text.contains("印发")
        && !text.ends_with("通知")
}

/// True for a text ending as a plan's title does: with a plan's ending, or
/// a weaker one beside a year or a quoted title.
fn ends_like_plan_title(text: &str) -> bool {
    let lexicon = crate::lexicon::lexicon();
    lexicon.ending_in(List::PlanEnding, text).is_some()
        || lexicon.ending_in(List::WeakPlanEnding, text).is_some()
            && (YEAR.is_match(text) || text.contains('《'))
}

fn ends_sentence_or_colon(text: &str) -> bool {
    (ends_sentence(text) && !text.ends_with(')')) || text.ends_with(':')
}

/// The notice title at the top of a document, possibly broken over lines:
/// returns the joined title and the indexes of its lines.
pub fn notice_title(
    lines: &[Line],
    head_end: usize,
    written: &dyn Fn(&str) -> String,
) -> Option<(String, Vec<usize>)> {
    for start in 0..head_end {
        if !matches!(lines[start].kind, Kind::Text) || !lines[start].text.contains("关于") {
            continue;
        }
        let mut title = String::new();
        let mut used = Vec::new();
        for (index, line) in lines.iter().enumerate().take(head_end).skip(start) {
            if !matches!(line.kind, Kind::Text | Kind::Blank) || used.len() == MAX_TITLE_LINES {
                break;
            }
            if matches!(line.kind, Kind::Blank) {
                continue;
            }
            if ends_sentence_or_colon(line.text) && !line.text.ends_with(')') {
                break;
            }
            title.push_str(&written(line.text));
            used.push(index);
            if crate::lexicon::lexicon()
                .ending_in(List::NoticeEnding, line.text)
                .is_some()
            {
                if char_count(&title) <= MAX_TITLE_CHARS * 2 {
                    let title = crate::cjk::strip_pinyin(&title);
                    return Some((strip_tag(&title).to_string(), used));
                }
                break;
            }
        }
    }
    None
}

/// Removes a leading source tag such as 【大河财立方消息】.
fn strip_tag(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix('【')
        && let Some(end) = rest.find('】')
    {
        return rest[end + '】'.len_utf8()..].trim();
    }
    text
}

/// Reads the document's facts from its head (the lines before the body) and
/// the first plan title.
pub fn read(
    lines: &[Line],
    head_end: usize,
    title: Option<String>,
    body_text: &str,
    written: &dyn Fn(&str) -> String,
    units: &[&str],
) -> DocumentMeta {
    let head: Vec<&str> = lines[..head_end]
        .iter()
        .filter(|line| !matches!(line.kind, Kind::Blank))
        .map(|line| line.text)
        .collect();
    let head_text = head.join("\n");
    let number = doc_number(&head);
    let date = date(&head).or_else(|| closing_date(lines));
    let year = title
        .as_deref()
        .and_then(first_year)
        .or_else(|| first_year(&head_text));
    let title_view = title.as_deref().map(crate::cjk::simplify);
    let issuer = detect_place(&PlaceHints {
        title: title_view.as_deref(),
        head: &head_text,
        doc_number: number,
        body: body_text,
        units,
    });
    let (city, region) = match issuer {
        Some(issuer) => (Some(issuer.name), issuer.region),
        None => (None, Vec::new()),
    };
    DocumentMeta {
        title,
        city,
        region,
        year,
        doc_number: number.map(written),
        date,
    }
}

/// The document number: a line that is only a number first, else the first one
/// not quoted in parentheses.
fn doc_number<'h>(head: &[&'h str]) -> Option<&'h str> {
    let standalone = head.iter().find_map(|line| {
        DOC_NUMBER
            .find(line)
            .filter(|found| found.start() == 0 && found.end() == line.len())
            .map(|found| found.as_str())
    });
    standalone.or_else(|| {
        head.iter().find_map(|line| {
            DOC_NUMBER
                .find_iter(line)
                .find(|found| !quoted(line, found.start()))
                .map(|found| found.as_str())
        })
    })
}

/// True when `at` sits inside parentheses or 《》 opened before it.
fn quoted(line: &str, at: usize) -> bool {
    let before = &line[..at];
    let opens = before.matches(['(', '《']).count();
    let closes = before.matches([')', '》']).count();
    opens > closes
}

/// A line that is only a date: 2020年7月22日 or 二〇二〇年七月二十二日.
fn date(head: &[&str]) -> Option<String> {
    head.iter().find_map(|line| standalone_date(line))
}

/// A date line near the end of the document (the signature date).
fn closing_date(lines: &[Line]) -> Option<String> {
    lines
        .iter()
        .rev()
        .filter(|line| matches!(line.kind, Kind::Text))
        .take(12)
        .find_map(|line| standalone_date(line.text))
}

fn standalone_date(line: &str) -> Option<String> {
    if let Some(captures) = ARABIC_DATE.captures(line)
        && let Some(whole) = captures.get(0)
        && whole.start() == 0
        && whole.end() == line.len()
    {
        return iso_date(&captures[1], &captures[2], &captures[3]);
    }
    let captures = CHINESE_DATE.captures(line)?;
    let year: String = captures[1]
        .chars()
        .filter_map(|c| {
            if c == '〇' || c == '零' {
                Some('0')
            } else {
                super::numbering::chinese_value(&c.to_string())
                    .and_then(|value| char::from_digit(value, 10))
            }
        })
        .collect();
    let month = super::numbering::chinese_value(&captures[2])?;
    let day = super::numbering::chinese_value(&captures[3])?;
    iso_date(&year, &month.to_string(), &day.to_string())
}

fn iso_date(year: &str, month: &str, day: &str) -> Option<String> {
    let year: u16 = year.parse().ok()?;
    let month: u8 = month.parse().ok()?;
    let day: u8 = day.parse().ok()?;
    ((1..=12).contains(&month) && (1..=31).contains(&day))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn first_year(text: &str) -> Option<u16> {
    YEAR.captures(text)
        .and_then(|captures| captures[1].parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_titles() {
        assert!(is_plan_title("社会保障工程2020年工作要点"));
        assert!(is_plan_title(
            "哈尔滨市贯彻落实《新时代幸福龙江建设20件民生实事(2024年)》工作方案"
        ));
        assert!(is_plan_title(
            "(湖北省)2023年咸宁市《政府工作报告》确定的主要目标任务责任分解方案"
        ));
        assert!(!is_plan_title("为扎实推动工作,制定本工作方案。"));
        assert!(!is_plan_title("关于印发社会保障工程2020年工作要点的通知"));
        assert!(!is_plan_title("科学精准优化防控措施。"));
        assert!(!is_plan_title("扎实推进重点任务"));
        assert!(
            !is_plan_title("制定专项推进方案"),
            "no year, no quoted title"
        );
        assert!(is_plan_title("2024年民生实事实施方案"));
    }

    #[test]
    fn document_numbers() {
        assert_eq!(
            doc_number(&["齐政办文〔2020〕5号"]),
            Some("齐政办文〔2020〕5号")
        );
        assert_eq!(
            doc_number(&["为推动(黑政办发〔2024〕27号)落实", "哈政办发[2024]29号"]),
            Some("哈政办发[2024]29号")
        );
        assert_eq!(doc_number(&["没有文号"]), None);
    }

    #[test]
    fn dates() {
        assert_eq!(
            standalone_date("2020年7月22日").as_deref(),
            Some("2020-07-22")
        );
        assert_eq!(
            standalone_date("二〇二一年三月十五日").as_deref(),
            Some("2021-03-15")
        );
        assert_eq!(standalone_date("2020年7月22日前完成"), None);
    }

    #[test]
    fn years() {
        assert_eq!(first_year("社会保障工程2020年工作要点"), Some(2020));
        assert_eq!(first_year("20件民生实事(2024年)工作方案"), Some(2024));
        assert_eq!(first_year("没有年份"), None);
    }

    #[test]
    fn source_tags_are_stripped() {
        assert_eq!(
            strip_tag("【大河财立方消息】关于印发的通知"),
            "关于印发的通知"
        );
    }
}
