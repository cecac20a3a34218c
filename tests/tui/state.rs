//! The dashboard's state under keys and filters, without a terminal. The
//! expected counts come from the gold files of the samples.

use crate::common::Harness;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use zeren::model::Role;
use zeren::tui::app::{Mode, Msg, Pane};
use zeren::tui::filters::Active;

/// The rows of the place tree: name indented by depth, and count.
fn place_names(harness: &Harness) -> Vec<(String, usize)> {
    let store = harness.app.store();
    harness
        .app
        .place_rows()
        .iter()
        .map(|row| {
            let name = row
                .place
                .map(|place| store.places().get(place).name.clone())
                .unwrap_or_default();
            (format!("{}{name}", " ".repeat(row.depth)), row.count)
        })
        .collect()
}

fn task_texts(harness: &Harness) -> Vec<String> {
    let store = harness.app.store();
    harness
        .app
        .view
        .tasks
        .iter()
        .map(|&id| store.text_of(store.task(id)).to_string())
        .collect()
}

#[test]
fn the_first_view_shows_every_sample_task_and_place() {
    let harness = Harness::samples();
    assert_eq!(harness.app.view.tasks.len(), 299);
    assert_eq!(
        place_names(&harness),
        [
            ("河南省".to_string(), 143),
            (" 济源市".to_string(), 143),
            ("黑龙江省".to_string(), 131),
            (" 齐齐哈尔市".to_string(), 111),
            (" 哈尔滨市".to_string(), 20),
            ("湖北省".to_string(), 25),
            (" 咸宁市".to_string(), 25),
        ]
    );
    assert_eq!(harness.app.focus, Pane::Tasks);
    assert!(harness.app.selected_task().is_some());
}

#[test]
fn enter_on_a_city_filters_and_the_other_panes_follow() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('1'));
    for _ in 0..3 {
        harness.key(KeyCode::Char('j'));
    }
    harness.key(KeyCode::Enter);
    assert_eq!(
        harness.app.view.tasks.len(),
        111,
        "齐齐哈尔市 has 102 + 9 tasks"
    );
    let documents = harness
        .app
        .tree_rows()
        .iter()
        .filter(|row| row.depth == 0)
        .count();
    assert_eq!(documents, 2, "only the two 齐齐哈尔 documents remain");
    assert_eq!(
        place_names(&harness).len(),
        7,
        "the Cities pane still offers every place to switch to"
    );
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.view.tasks.len(), 299);
}

#[test]
fn fuzzy_search_filters_as_you_type_and_enter_keeps_it() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('/'));
    harness.type_text("东院");
    assert!(matches!(harness.app.mode, Mode::Search { .. }));
    let while_typing = harness.app.view.tasks.len();
    harness.type_text("区");
    assert!(harness.app.view.tasks.len() <= while_typing);
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.mode, Mode::Normal);
    let texts = task_texts(&harness);
    assert!(
        texts[0].contains("人民医院东院区"),
        "best match first: {texts:?}"
    );
    assert_eq!(harness.app.filters.query.as_deref(), Some("东院区"));
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.filters.query, None);
    assert_eq!(harness.app.view.tasks.len(), 299);
}

#[test]
fn escape_while_searching_restores_the_previous_query() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('/'));
    harness.type_text("供热");
    harness.key(KeyCode::Enter);
    let kept = harness.app.view.tasks.clone();
    harness.key(KeyCode::Char('/'));
    harness.type_text("管网");
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.filters.query.as_deref(), Some("供热"));
    assert_eq!(harness.app.view.tasks, kept);
}

#[test]
fn department_filter_by_pinyin_keeps_only_that_department() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("rsj");
    let Mode::Department { completions, .. } = &harness.app.mode else {
        panic!("not in the department field");
    };
    assert_eq!(completions[0].label, "人力资源和社会保障局");
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), 25);
    let store = harness.app.store();
    for &id in &harness.app.view.tasks {
        let task = store.task(id);
        let names: Vec<&str> = task
            .units
            .iter()
            .map(|unit| store.departments().get(unit.dept).canonical.as_str())
            .collect();
        assert!(names.contains(&"人力资源和社会保障局"), "{names:?}");
        let leads: Vec<&str> = task
            .effective_lead()
            .map(|unit| store.departments().get(unit.dept).canonical.as_str())
            .collect();
        assert!(!leads.contains(&"卫生健康委员会"));
    }
}

#[test]
fn the_role_key_cycles_any_lead_responsible_cooperating() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('d'));
    harness.type_text("人社局");
    harness.key(KeyCode::Enter);
    let mut counts = Vec::new();
    for _ in 0..4 {
        counts.push(harness.app.view.tasks.len());
        harness.key(KeyCode::Char('r'));
    }
    // 25 name 人社 in some role; it leads 22 (named in 000 and 004, first
    // responsible in 001, 003 and 004's 129 and 131); it is responsible in
    // 12 (001: 2, 003: 8, 004: 2); no sample lists it as cooperating.
    assert_eq!(
        counts,
        [25, 22, 12, 0],
        "any, lead, responsible, cooperating"
    );
    harness.key(KeyCode::Char('r'));
    harness.key(KeyCode::Char('r'));
    let store = harness.app.store();
    assert!(harness.app.view.tasks.iter().all(|&id| {
        store
            .task(id)
            .units_in(Role::Responsible)
            .any(|unit| store.departments().get(unit.dept).canonical == "人力资源和社会保障局")
    }));
}

#[test]
fn enter_on_a_lead_unit_filters_by_its_leadership() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('4'));
    let store = harness.app.store();
    let (dept, count) = harness.app.lead_rows()[0];
    let name = store.departments().get(dept).canonical.clone();
    harness.key(KeyCode::Enter);
    assert_eq!(harness.app.view.tasks.len(), count, "{name}");
    assert_eq!(harness.app.filters.active(), [Active::Department(0)]);
}

#[test]
fn filters_combine_and_x_clears_them() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('1'));
    harness.key(KeyCode::Char('j'));
    harness.key(KeyCode::Enter);
    harness.key(KeyCode::Char('d'));
    harness.type_text("住建");
    harness.key(KeyCode::Enter);
    let store = harness.app.store();
    let combined = harness.app.view.tasks.len();
    assert!(combined > 0 && combined < 143);
    assert!(harness.app.view.tasks.iter().all(|&id| {
        store.document(store.task(id).document).meta.city.as_deref() == Some("济源市")
    }));
    harness.key(KeyCode::Char('x'));
    assert!(harness.app.filters.active().is_empty());
    assert_eq!(harness.app.view.tasks.len(), 299);
}

#[test]
fn sections_collapse_expand_and_filter() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('2'));
    let before = harness.app.tree_rows().len();
    harness.key(KeyCode::Char('h'));
    let collapsed = harness.app.tree_rows().len();
    assert!(collapsed < before, "{collapsed} < {before}");
    harness.key(KeyCode::Char('l'));
    assert_eq!(harness.app.tree_rows().len(), before);
    harness.key(KeyCode::Char('j'));
    harness.key(KeyCode::Char('j'));
    harness.key(KeyCode::Enter);
    assert_eq!(
        harness.app.view.tasks.len(),
        6,
        "一、实施促进就业创业行动 holds tasks 1-6"
    );
}

#[test]
fn tab_and_number_keys_move_the_focus() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Tab);
    assert_eq!(
        harness.app.focus,
        Pane::Detail,
        "the Detail follows the Tasks"
    );
    harness.key(KeyCode::Tab);
    assert_eq!(harness.app.focus, Pane::Leads);
    harness.key(KeyCode::BackTab);
    harness.key(KeyCode::BackTab);
    assert_eq!(harness.app.focus, Pane::Tasks);
    harness.key(KeyCode::Char('2'));
    assert_eq!(harness.app.focus, Pane::Sections);
    harness.key(KeyCode::Char('5'));
    assert_eq!(harness.app.focus, Pane::Detail);
}

#[test]
fn moving_in_the_task_list_changes_the_detail() {
    let mut harness = Harness::samples();
    let first = harness.app.selected_task();
    harness.key(KeyCode::Char('j'));
    assert_ne!(harness.app.selected_task(), first);
    harness.key(KeyCode::Char('G'));
    assert_eq!(harness.app.selected_task(), Some(298));
    harness.key(KeyCode::Char('g'));
    assert_eq!(harness.app.selected_task(), first);
    harness.key(KeyCode::PageDown);
    assert!(harness.app.selected_task() > first);
}

#[test]
fn a_click_selects_the_row_under_the_pointer() {
    let mut harness = Harness::samples();
    harness.draw(160, 45);
    let area = harness.app.drawn.panes[Pane::Cities].area;
    harness.send(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::Down(MouseButton::Left),
        column: area.x + 2,
        row: area.y + 3,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(harness.app.focus, Pane::Cities);
    assert_eq!(harness.app.cursors[Pane::Cities].selected, 2);
    let tasks = harness.app.drawn.panes[Pane::Tasks].area;
    harness.send(Msg::Mouse(MouseEvent {
        kind: MouseEventKind::ScrollDown,
        column: tasks.x + 5,
        row: tasks.y + 5,
        modifiers: KeyModifiers::NONE,
    }));
    assert_eq!(harness.app.cursors[Pane::Tasks].selected, 3);
}

#[test]
fn help_opens_and_closes_and_q_quits() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('?'));
    assert!(matches!(harness.app.mode, Mode::Help { .. }));
    harness.key(KeyCode::Esc);
    assert_eq!(harness.app.mode, Mode::Normal);
    harness.key(KeyCode::Char('q'));
    assert!(harness.app.quit);
}

#[test]
fn ctrl_c_quits_even_while_typing() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('/'));
    harness.key_with(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(harness.app.quit);
}

#[test]
fn pasted_text_goes_into_the_search_field() {
    let mut harness = Harness::samples();
    harness.key(KeyCode::Char('/'));
    harness.send(Msg::Paste("东院区".to_string()));
    assert_eq!(harness.app.filters.query.as_deref(), Some("东院区"));
    assert!(task_texts(&harness)[0].contains("东院区"));
}
