//! Reading a folder of real-world files: the sample corpus re-encoded,
//! cut short, emptied, and replaced by noise.

mod support;

use std::fs;
use std::path::PathBuf;

use support::{corpus, middle_of_a_character};
use tempfile::TempDir;
use zeren::input::{self, Decoded, FileKind, LoadError, TRUNCATED_NOTE};

/// The noise the tests feed the decoders.
fn noise() -> Vec<u8> {
    support::noise(0x9E37_79B9_7F4A_7C15)
}

struct Fixtures {
    dir: TempDir,
}

impl Fixtures {
    fn new() -> Fixtures {
        let dir = TempDir::new().expect("temporary directory");
        Fixtures { dir }
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        fs::write(&path, bytes).expect("write fixture");
        path
    }

    fn read(&self, name: &str) -> Result<Decoded, LoadError> {
        let discovery = input::discover(&[self.dir.path().join(name)]);
        assert_eq!(discovery.problems, vec![]);
        let [entry] = discovery.files.as_slice() else {
            panic!("expected one file, found {:?}", discovery.files)
        };
        input::read_entry(entry)
    }
}

#[test]
fn gb18030_sample_decodes_back_identical() {
    let original = corpus("003_f52a14d2b16fe9b2.txt");
    let (encoded, _, unmappable) = encoding_rs::GB18030.encode(&original);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&encoded).is_err(),
        "the fixture must not be UTF-8"
    );
    let fixtures = Fixtures::new();
    fixtures.write("003-gb18030.txt", &encoded);
    let decoded = fixtures.read("003-gb18030.txt").expect("decodes");
    assert_eq!(decoded.encoding, "GB18030");
    assert_eq!(decoded.notes, Vec::<String>::new());
    assert!(decoded.text == original, "GB18030 round trip differs");
}

#[test]
fn bom_and_crlf_are_removed() {
    let original = corpus("001_475ad2ca59a2f801.txt");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(original.replace('\n', "\r\n").as_bytes());
    let fixtures = Fixtures::new();
    fixtures.write("001-bom-crlf.TXT", &bytes);
    let decoded = fixtures.read("001-bom-crlf.TXT").expect("decodes");
    assert_eq!(decoded.encoding, "UTF-8");
    assert!(!decoded.text.contains('\r'));
    assert!(!decoded.text.starts_with('\u{FEFF}'));
    assert!(decoded.text == original, "BOM/CRLF sample differs");
}

#[test]
fn file_cut_in_a_character_keeps_the_text_before_the_cut() {
    let original = corpus("000_5d1acf1f898862e1.txt");
    let cut = middle_of_a_character(&original);
    let fixtures = Fixtures::new();
    fixtures.write("000-cut.txt", &original.as_bytes()[..cut]);
    let decoded = fixtures.read("000-cut.txt").expect("decodes");
    let before_cut = &original[..cut - 1];
    assert_eq!(decoded.notes, vec![TRUNCATED_NOTE.to_string()]);
    assert_eq!(
        TRUNCATED_NOTE,
        "truncated: ends in the middle of a character"
    );
    assert!(
        decoded.text == before_cut.replace('\u{A0}', " "),
        "text before the cut differs"
    );
    assert!(decoded.text.len() > 10_000);
}

#[test]
fn empty_file_is_refused() {
    let fixtures = Fixtures::new();
    fixtures.write("empty.txt", b"");
    let error = fixtures.read("empty.txt").expect_err("empty");
    assert_eq!(error, LoadError::Empty);
    assert_eq!(error.to_string(), "empty file");
}

#[test]
fn noise_is_never_text() {
    let fixtures = Fixtures::new();
    fixtures.write("noise.txt", &noise());
    fixtures.write("noise.docx", &noise());
    let as_text = fixtures.read("noise.txt").expect_err("noise is not text");
    assert!(
        as_text.to_string().starts_with("binary data, not text ("),
        "{as_text}"
    );
    let as_docx = fixtures
        .read("noise.docx")
        .expect_err("noise is not a .docx");
    assert_eq!(as_docx.to_string(), "not a .docx file (not a zip archive)");
    assert!(matches!(
        input::decode_bytes(FileKind::Html, &noise()),
        Err(LoadError::Binary { .. })
    ));
}

#[test]
fn noise_without_nul_bytes_is_never_text() {
    let bytes: Vec<u8> = noise().into_iter().map(|byte| byte.max(1)).collect();
    let result = input::decode_bytes(FileKind::Text, &bytes);
    assert!(
        matches!(
            result,
            Err(LoadError::Binary { .. } | LoadError::Undecodable { .. })
        ),
        "{result:?}"
    );
}

#[test]
fn a_folder_is_read_in_sorted_order_with_its_problems() {
    let fixtures = Fixtures::new();
    let original = corpus("002_1174e347716747d5.txt");
    fixtures.write("b-plan.txt", original.as_bytes());
    fixtures.write("a-empty.txt", b"");
    fixtures.write("c-noise.docx", &noise());
    fixtures.write("d-picture.png", &noise());
    fixtures.write(".hidden.txt", original.as_bytes());
    let root = fixtures.dir.path().to_path_buf();
    let missing = root.join("missing");
    let discovery = input::discover(&[root.clone(), missing]);
    let names: Vec<String> = discovery
        .files
        .iter()
        .map(|file| {
            file.source
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(names, ["a-empty.txt", "b-plan.txt", "c-noise.docx"]);
    assert_eq!(discovery.problems.len(), 1);
    assert_eq!(discovery.problems[0].message, "no such file or directory");
    assert!(discovery.problems[0].source.ends_with("/missing"));
    let outcomes: Vec<Result<String, String>> = discovery
        .files
        .iter()
        .map(|file| {
            input::read_entry(file)
                .map(|d| d.text)
                .map_err(|e| e.to_string())
        })
        .collect();
    assert_eq!(
        outcomes,
        vec![
            Err("empty file".to_string()),
            Ok(original),
            Err("not a .docx file (not a zip archive)".to_string()),
        ]
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_says_permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let fixtures = Fixtures::new();
    let path = fixtures.write("locked.txt", "责任单位".as_bytes());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&path).is_ok() {
        // Running as root: permissions are not enforced.
        return;
    }
    let error = fixtures.read("locked.txt").expect_err("unreadable");
    assert_eq!(error.to_string(), "cannot read: permission denied");
}

/// Byte offsets of `count` characters of three bytes spread over `text`.
fn spread_characters(text: &str, count: usize) -> Vec<usize> {
    let starts: Vec<usize> = text
        .char_indices()
        .filter(|(_, c)| c.len_utf8() == 3)
        .map(|(at, _)| at)
        .collect();
    let step = starts.len() / count;
    assert!(step > 0, "the sample has enough Chinese text");
    starts.into_iter().step_by(step).take(count).collect()
}

#[test]
fn utf8_with_a_few_bad_bytes_keeps_its_text_and_says_how_many() {
    // A short file: 14 bad sequences among some 300 characters.
    let original: String = corpus("001_475ad2ca59a2f801.txt")
        .chars()
        .take(300)
        .collect();
    let mut bytes = original.clone().into_bytes();
    for &at in spread_characters(&original, 14).iter().rev() {
        bytes.insert(at, 0xFF);
    }
    let fixtures = Fixtures::new();
    fixtures.write("001-damaged.txt", &bytes);
    let decoded = fixtures.read("001-damaged.txt").expect("decodes");
    assert_eq!(decoded.encoding, "UTF-8");
    assert_eq!(
        decoded.notes,
        ["14 malformed sequences in UTF-8 replaced with \u{FFFD}"]
    );
    assert!(decoded.text.replace('\u{FFFD}', "") == original.replace('\u{A0}', " "));
}

#[test]
fn utf8_with_two_nul_bytes_is_text() {
    let original = corpus("000_5d1acf1f898862e1.txt");
    let mut bytes = original.clone().into_bytes();
    for &at in spread_characters(&original, 2).iter().rev() {
        bytes.insert(at, 0);
    }
    let fixtures = Fixtures::new();
    fixtures.write("000-nul.txt", &bytes);
    let decoded = fixtures.read("000-nul.txt").expect("decodes");
    assert_eq!(decoded.notes, ["2 NUL bytes replaced with \u{FFFD}"]);
    assert_eq!(decoded.text.matches('\u{FFFD}').count(), 2);
}

#[test]
fn utf8_followed_by_gbk_is_read_in_both_parts() {
    // The sample does not end its last line.
    let first = corpus("001_475ad2ca59a2f801.txt") + "\n";
    let second = corpus("003_f52a14d2b16fe9b2.txt");
    let mut bytes = first.clone().into_bytes();
    bytes.extend_from_slice(&encoding_rs::GB18030.encode(&second).0);
    let fixtures = Fixtures::new();
    fixtures.write("001-then-003.txt", &bytes);
    let decoded = fixtures.read("001-then-003.txt").expect("decodes");
    assert!(decoded.text == format!("{first}{second}").replace('\u{A0}', " "));
    let first_lines = first.lines().count();
    assert_eq!(decoded.notes.len(), 1, "{:?}", decoded.notes);
    assert!(
        decoded.notes[0].starts_with(&format!(
            "decoded in parts: lines 1–{first_lines} UTF-8, {}–",
            first_lines + 1
        )),
        "{:?}",
        decoded.notes
    );
    assert!(
        decoded.notes[0].ends_with(" GB18030"),
        "{:?}",
        decoded.notes
    );
}

#[test]
fn big5_is_read_as_big5() {
    let text = "關於印發重點工作任務分解方案的通知\n一、總體要求\n".to_string()
        + &"1.推進重點項目建設,完成年度投資任務。(牽頭單位:市發展改革委;責任單位:各縣市區人民政府)\n"
            .repeat(40);
    let (bytes, _, unmappable) = encoding_rs::BIG5.encode(&text);
    assert!(!unmappable);
    let fixtures = Fixtures::new();
    fixtures.write("big5.txt", &bytes);
    let decoded = fixtures.read("big5.txt").expect("decodes");
    assert_eq!(decoded.encoding, "Big5");
    assert!(decoded.text == text);
}

#[test]
fn utf16_without_a_bom_is_read() {
    let original = corpus("002_1174e347716747d5.txt");
    let fixtures = Fixtures::new();
    for (name, encoding, bytes) in [
        (
            "002-utf16le.txt",
            "UTF-16LE",
            original
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>(),
        ),
        (
            "002-utf16be.txt",
            "UTF-16BE",
            original.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        ),
    ] {
        fixtures.write(name, &bytes);
        let decoded = fixtures.read(name).expect("decodes");
        assert_eq!(decoded.encoding, encoding);
        assert!(decoded.text == original.replace('\u{A0}', " "), "{name}");
    }
}
