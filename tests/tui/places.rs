//! Departments and places in the dashboard: department queries that mean a
//! department, the place tree, the compare view and drill-downs that narrow.

use std::path::PathBuf;

use crate::common::{Harness, screen};
use ratatui::crossterm::event::KeyCode;
use zeren::store::RoleFilter;
use zeren::tui::app::Mode;
use zeren::tui::filters::Active;

/// The genre corpus's documents of 辽宁: the province's own plans, 鞍山市's,
/// and those of 立山区 and 海城市 under it and of 辽中区 under 沈阳市.
const LIAONING: [&str; 7] = [
    "gA04_liaoning.txt",
    "gA05_liaoning.txt",
    "gG01_lishan.txt",
    "gG02_liaozhong.txt",
    "gG03_haicheng.txt",
    "gG04_anshan.txt",
    "gG05_liaoning.txt",
];

/// The dashboard over the documents of 辽宁, given relative to the package
/// (where tests run) so sources print the same on every machine.
fn liaoning() -> Harness {
    let docs = PathBuf::from("tests/fixtures/genre/docs");
    let paths: Vec<PathBuf> = LIAONING.iter().map(|name| docs.join(name)).collect();
    Harness::with_paths(&paths)
}

/// Tasks of the documents whose region names `place` at `depth`.
fn tasks_under(harness: &Harness, depth: usize, place: &str) -> usize {
    let store = harness.app.store();
    store
        .documents()
        .iter()
        .filter(|document| {
            document
                .meta
                .region
                .get(depth)
                .is_some_and(|name| name == place)
        })
        .map(|document| document.tasks.len())
        .sum()
}

/// Types `text` in the department field and takes what Enter takes.
fn department(harness: &mut Harness, text: &str) {
    harness.key(KeyCode::Char('d'));
    harness.type_text(text);
    harness.key(KeyCode::Enter);
}

/// The status line's first row.
fn status(harness: &mut Harness, width: u16) -> String {
    let terminal = harness.draw(width, 24);
    screen(&terminal)
        .lines()
        .nth(22)
        .unwrap_or_default()
        .to_string()
}

/// Moves the Cities pane's cursor to the place `name`.
fn select_place(harness: &mut Harness, name: &str) {
    harness.key(KeyCode::Char('1'));
    harness.key(KeyCode::Char('g'));
    let store = harness.app.store();
    let index = harness
        .app
        .place_rows()
        .iter()
        .position(|row| {
            row.place
                .is_some_and(|place| store.places().get(place).name == name)
        })
        .unwrap_or_else(|| panic!("no place {name} in the tree"));
    for _ in 0..index {
        harness.key(KeyCode::Char('j'));
    }
}

#[test]
fn minzheng_means_the_civil_affairs_bureau() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("民政");
    let Mode::Department { completions, .. } = &harness.app.mode else {
        panic!("not in the department field");
    };
    let labels: Vec<&str> = completions
        .iter()
        .map(|group| group.label.as_str())
        .collect();
    assert_eq!(labels, ["民政局"], "人民政府 is no match for 民政");
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), 17);
    let line = status(&mut harness, 80);
    assert!(line.contains("dept: 民政局 (any role)"), "{line}");
}

#[test]
fn enter_takes_the_best_completion_and_the_chip_names_it() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("zjj");
    let Mode::Department { completions, .. } = &harness.app.mode else {
        panic!("not in the department field");
    };
    assert_eq!(completions[0].label, "住房和城乡建设局");
    assert!(completions.len() > 1, "宗教局 and 质监局 match zjj too");
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), 70, "住建局 alone");
    harness.key(KeyCode::Char('r'));
    let line = status(&mut harness, 80);
    assert!(line.contains("dept: 住房和城乡建设局 (lead)"), "{line}");
}

#[test]
fn mzj_takes_the_first_and_shows_the_others() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("mzj");
    let shown = screen(&harness.draw(120, 30));
    let civil = shown.find("民政局").expect("民政局 among the completions");
    let ethnic = shown
        .find("民族宗教事务局")
        .expect("民族宗教事务局 among them");
    assert!(civil < ethnic, "民政局 first:\n{shown}");
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), 17);
    let line = status(&mut harness, 80);
    assert!(line.contains("dept: 民政局 (any role)"), "{line}");
}

#[test]
fn a_picked_completion_wins_over_the_first() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("mzj");
    harness.key(KeyCode::Down);
    harness.key(KeyCode::Down);
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), 1, "民族宗教事务局");
}

#[test]
fn fagai_as_lead_reaches_the_merged_bureau() {
    let mut harness = Harness::samples();
    department(&mut harness, "发改");
    harness.key(KeyCode::Char('r'));
    assert_eq!(harness.app.filters.role(), RoleFilter::Lead);
    assert_eq!(
        harness.app.view.tasks.len(),
        33,
        "2 of 发改委, 31 of 发展改革和统计局"
    );
    let line = status(&mut harness, 120);
    assert!(
        line.contains("dept: 发展和改革委员会 + 发展改革和统计局 (lead)"),
        "{line}"
    );
}

#[test]
fn the_long_chip_of_a_department_is_never_cut() {
    let mut harness = Harness::samples();
    department(&mut harness, "rsj");
    harness.key(KeyCode::Char('r'));
    let line = status(&mut harness, 80);
    assert!(line.contains("dept: 人力资源和社会保障局 (lead)"), "{line}");
}

#[test]
fn enter_on_a_lead_unit_narrows_and_esc_takes_it_back() {
    let mut harness = Harness::samples();
    department(&mut harness, "rsj");
    assert_eq!(harness.app.view.tasks.len(), 25);
    harness.key(KeyCode::Char('4'));
    let store = harness.app.store();
    let index = harness
        .app
        .lead_rows()
        .iter()
        .position(|(dept, _)| store.departments().get(*dept).canonical == "医疗保障局")
        .expect("医疗保障局 leads some of them");
    let (_, count) = harness.app.lead_rows()[index];
    for _ in 0..index {
        harness.key(KeyCode::Char('j'));
    }
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), count);
    assert_eq!(
        harness.app.filters.active(),
        [Active::Department(0), Active::Department(1)]
    );
    let line = status(&mut harness, 120);
    assert!(line.contains("dept: 医疗保障局 (lead)"), "{line}");
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.view.tasks.len(), 25);
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.view.tasks.len(), 299);
}

#[test]
fn a_county_lies_under_its_city_under_its_province() {
    let mut harness = liaoning();
    let store = harness.app.store();
    let rows: Vec<(usize, String, usize)> = harness
        .app
        .place_rows()
        .iter()
        .filter_map(|row| {
            let place = store.places().get(row.place?);
            Some((row.depth, place.name.clone(), row.count))
        })
        .collect();
    let position = |name: &str| {
        rows.iter()
            .position(|(_, row, _)| row == name)
            .unwrap_or_else(|| panic!("no place {name}: {rows:?}"))
    };
    let (province, city, county) = (position("辽宁省"), position("鞍山市"), position("立山区"));
    assert!(province < city && city < county);
    let (in_province, in_city, in_county) = (
        tasks_under(&harness, 0, "辽宁省"),
        tasks_under(&harness, 1, "鞍山市"),
        tasks_under(&harness, 2, "立山区"),
    );
    assert_eq!(in_province, store.tasks().len());
    assert!(in_province > in_city && in_city > in_county && in_county > 0);
    assert_eq!(rows[province], (0, "辽宁省".to_string(), in_province));
    assert_eq!(rows[city], (1, "鞍山市".to_string(), in_city));
    assert_eq!(rows[county], (2, "立山区".to_string(), in_county));

    select_place(&mut harness, "鞍山市");
    harness.key(KeyCode::Enter);
    assert_eq!(
        harness.app.view.tasks.len(),
        in_city,
        "鞍山市 with 立山区 and 海城市"
    );
    select_place(&mut harness, "立山区");
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), in_county);
    harness.key(KeyCode::Esc);
    assert_eq!(
        harness.app.view.tasks.len(),
        in_city,
        "Esc goes back to 鞍山市"
    );
    select_place(&mut harness, "鞍山市");
    harness.key(KeyCode::Char('h'));
    let shown = harness.app.place_rows().len();
    assert_eq!(shown, rows.len() - 2, "立山区 and 海城市 folded away");
    let terminal = harness.draw(160, 45);
    insta::assert_snapshot!("liaoning_place_tree", screen(&terminal));
}

#[test]
fn the_compare_view_on_the_samples() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('c'));
    let Some(matrix) = harness.app.view.compare.clone() else {
        panic!("the compare view asks for its matrix");
    };
    assert_eq!(matrix.role, RoleFilter::Lead);
    let store = harness.app.store();
    let places: Vec<&str> = matrix
        .places
        .iter()
        .filter_map(|&place| Some(store.places().get(place?).name.as_str()))
        .collect();
    assert_eq!(places, ["济源市", "咸宁市", "哈尔滨市", "齐齐哈尔市"]);
    let totals: Vec<usize> = matrix.rows.iter().map(|row| row.total).collect();
    assert!(totals.windows(2).all(|pair| pair[0] >= pair[1]));
    let terminal = harness.draw(120, 30);
    insta::assert_snapshot!("compare_samples", screen(&terminal));

    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.mode, Mode::Normal);
    assert_eq!(harness.app.view.tasks.len(), 21, "住建 leads 21 in 济源市");
    let line = status(&mut harness, 120);
    assert!(line.contains("place: 济源市"), "{line}");
    assert!(line.contains("dept: 住房和城乡建设局 (lead)"), "{line}");
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.view.tasks.len(), 299, "one step back");

    harness.key(KeyCode::Char('c'));
    harness.key(KeyCode::Char('r'));
    let any = harness.app.view.compare.clone().expect("the matrix");
    assert_eq!(any.role, RoleFilter::Any);
    assert!(any.rows[0].total > matrix.rows[0].total);
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.mode, Mode::Normal);
}

#[test]
fn the_compare_view_on_the_places_of_a_province() {
    let mut harness = liaoning();
    harness.key(KeyCode::Char('c'));
    let terminal = harness.draw(100, 24);
    let shown = screen(&terminal);
    for name in ["辽宁省", "鞍山市", "海城市", "立山区"] {
        assert!(shown.contains(name), "{name}:\n{shown}");
    }
    insta::assert_snapshot!("compare_liaoning", shown);
    let matrix = harness.app.view.compare.clone().expect("the matrix");
    let store = harness.app.store();
    let column = matrix
        .places
        .iter()
        .position(|&place| place.is_some_and(|place| store.places().get(place).name == "鞍山市"))
        .expect("a column of 鞍山市");
    let cell = matrix.rows[0].cell(column);
    assert!(
        cell > 0,
        "the busiest department leads in 鞍山市's own plan"
    );
    assert!(cell < tasks_under(&harness, 1, "鞍山市"));
    for _ in 0..column {
        harness.key(KeyCode::Char('l'));
    }
    harness.key(KeyCode::Enter);
    assert_eq!(
        harness.app.view.tasks.len(),
        cell,
        "the tasks it leads in 鞍山市's own documents"
    );
    let line = status(&mut harness, 120);
    assert!(line.contains("place: 鞍山市 (own documents)"), "{line}");
}
