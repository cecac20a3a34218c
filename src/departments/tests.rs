//! Tests of the [`Departments`] catalogue, including a check over the unit
//! names of the hand-made answers in `tests/fixtures`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

use super::*;

fn builtin() -> &'static DepartmentTable {
    DepartmentTable::builtin()
}

/// The departments `query` finds, in catalogue order.
fn matching(departments: &Departments, query: &str) -> Vec<DeptId> {
    departments
        .find(query)
        .into_iter()
        .map(|found| found.dept)
        .collect()
}

fn canonical_of(departments: &Departments, id: DeptId) -> &str {
    &departments.get(id).canonical
}

#[test]
fn spellings_from_several_cities_share_one_department() {
    let mut departments = Departments::new(builtin());
    let harbin = departments.intern("市人社局", Some("哈尔滨市"));
    let jiyuan = departments.intern("人力资源和社会保障局", Some("济源市"));
    let other = departments.intern("人力资源社会保障局", None);
    assert_eq!(harbin, jiyuan);
    assert_eq!(harbin, other);
    assert_eq!(departments.len(), 1);
    let department = departments.get(harbin);
    assert_eq!(department.canonical, "人力资源和社会保障局");
    assert_eq!(department.kind, UnitKind::Department);
    assert_eq!(
        department.names,
        ["市人社局", "人力资源和社会保障局", "人力资源社会保障局"]
    );
    assert!(department.aliases.iter().any(|alias| alias == "人社局"));
}

#[test]
fn repeated_name_returns_the_same_id_without_a_new_name() {
    let mut departments = Departments::new(builtin());
    let first = departments.intern("市卫健委", Some("咸宁市"));
    let again = departments.intern("市卫健委", Some("咸宁市"));
    let elsewhere = departments.intern("市卫健委", Some("哈尔滨市"));
    assert_eq!(first, again);
    assert_eq!(first, elsewhere);
    assert_eq!(departments.get(first).names, ["市卫健委"]);
}

#[test]
fn kinds_of_registered_units() {
    let mut departments = Departments::new(builtin());
    let cases = [
        ("各县(市)区政府", UnitKind::LowerGovernment),
        ("玉泉街道办事处", UnitKind::LowerGovernment),
        ("城投建设发展有限公司", UnitKind::Company),
        (
            "市根治拖欠农民工工资工作领导小组成员单位",
            UnitKind::CoordinatingGroup,
        ),
        ("职业技术学院", UnitKind::Other),
        ("市妇联", UnitKind::Department),
        ("市政府", UnitKind::Other),
    ];
    for (written, kind) in cases {
        let id = departments.intern(written, Some("济源市"));
        assert_eq!(departments.get(id).kind, kind, "{written}");
    }
}

#[test]
fn matching_by_name_and_pinyin() {
    let mut departments = Departments::new(builtin());
    let renshe = departments.intern("市人社局", None);
    departments.intern("市卫健委", None);
    departments.intern("市民政局", None);
    for query in ["rsj", "renshe", "人社", "RenShe", "人力资源", "人社局"] {
        assert_eq!(matching(&departments, query), [renshe], "{query}");
    }
    assert!(matching(&departments, "").is_empty());
    assert!(matching(&departments, "gongan").is_empty());
}

#[test]
fn a_query_means_words_not_characters() {
    let mut departments = Departments::new(builtin());
    let civil = departments.intern("市民政局", Some("齐齐哈尔市"));
    departments.intern("各县(市)区人民政府", Some("齐齐哈尔市"));
    departments.intern("市政府", Some("齐齐哈尔市"));
    assert_eq!(matching(&departments, "民政"), [civil]);
    assert_eq!(matching(&departments, "minzheng"), [civil]);
    assert_eq!(matching(&departments, "mz"), [civil]);
}

#[test]
fn merged_departments_answer_to_each_function() {
    let mut departments = Departments::new(builtin());
    let merged = departments.intern("发展改革和统计局", Some("济源市"));
    let reform = departments.intern("市发改委", Some("咸宁市"));
    let statistics = departments.intern("市统计局", Some("咸宁市"));
    let sport = departments.intern("教育体育局", Some("济源市"));
    let through = |query: &str| -> Vec<(DeptId, MatchRank, Option<String>)> {
        departments
            .find(query)
            .into_iter()
            .map(|found| (found.dept, found.rank, found.function))
            .collect()
    };
    assert_eq!(
        through("发改"),
        [
            (
                merged,
                MatchRank::Prefix,
                Some("发展和改革委员会".to_owned())
            ),
            (reform, MatchRank::Prefix, None)
        ]
    );
    assert_eq!(
        through("统计"),
        [
            (merged, MatchRank::Prefix, Some("统计局".to_owned())),
            (statistics, MatchRank::Prefix, None)
        ]
    );
    assert_eq!(
        through("体育"),
        [(sport, MatchRank::Prefix, Some("体育局".to_owned()))]
    );
    assert_eq!(
        through("fgw"),
        [
            (
                merged,
                MatchRank::Alias,
                Some("发展和改革委员会".to_owned())
            ),
            (reform, MatchRank::Alias, None)
        ]
    );
    assert_eq!(
        through("发展改革和统计局"),
        [(merged, MatchRank::Exact, None)]
    );
}

#[test]
fn iter_lists_departments_in_first_seen_order() {
    let mut departments = Departments::new(builtin());
    departments.intern("市教育局", None);
    departments.intern("市财政局", None);
    let canonicals: Vec<&str> = departments
        .iter()
        .map(|(_, department)| department.canonical.as_str())
        .collect();
    assert_eq!(canonicals, ["教育局", "财政局"]);
    assert!(!departments.is_empty());
}

#[test]
fn user_table_extends_the_catalogue() -> Result<(), Box<dyn std::error::Error>> {
    let mut file = tempfile::NamedTempFile::new()?;
    writeln!(file, "招商和投资促进局\tdepartment\t招商局|投促局")?;
    let (table, _) = DepartmentTable::with_user_file(file.path())?;
    let mut departments = Departments::new(&table);
    let written = departments.intern("市招商和投资促进局", Some("咸宁市"));
    let short = departments.intern("市投促局", Some("咸宁市"));
    assert_eq!(written, short);
    assert!(matching(&departments, "tcj").contains(&written));
    Ok(())
}

/// Unit names of one gold file: (city, names).
fn gold_units(path: &Path) -> Result<(Option<String>, Vec<String>), Box<dyn std::error::Error>> {
    let gold: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let city = gold["city"].as_str().map(str::to_owned);
    let roles = ["lead", "responsible", "cooperating"];
    let units = gold["tasks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|task| roles.iter().map(move |role| &task[*role]))
        .filter_map(serde_json::Value::as_array)
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .map(str::to_owned)
        .collect();
    Ok((city, units))
}

#[test]
fn every_gold_unit_gets_a_canonical_name_and_kind() -> Result<(), Box<dyn std::error::Error>> {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut departments = Departments::new(builtin());
    let mut written_names = std::collections::BTreeSet::new();
    for entry in std::fs::read_dir(fixtures)? {
        let path = entry?.path();
        if !path.to_string_lossy().ends_with(".gold.json") {
            continue;
        }
        let (city, units) = gold_units(&path)?;
        for unit in units {
            let id = departments.intern(&unit, city.as_deref());
            assert!(!departments.get(id).canonical.is_empty(), "{unit}");
            written_names.insert(unit);
        }
    }
    let mut by_kind: BTreeMap<UnitKind, usize> = BTreeMap::new();
    for (id, department) in departments.iter() {
        *by_kind.entry(department.kind).or_default() += 1;
        let names = department.names.join(" | ");
        println!(
            "{:>3} {:<18} {} ← {names}",
            id.0,
            department.kind.name(),
            department.canonical
        );
    }
    println!(
        "{} written unit names → {} departments; by kind: {by_kind:?}",
        written_names.len(),
        departments.len()
    );
    assert!(departments.len() < written_names.len());
    let mut merged = |written: &str, city: &str| {
        let id = departments.intern(written, Some(city));
        canonical_of(&departments, id).to_owned()
    };
    assert_eq!(
        merged("市市场监管局", "咸宁市"),
        merged("市场监督管理局", "济源市")
    );
    assert_eq!(
        merged("市人社局", "哈尔滨市"),
        merged("人力资源和社会保障局", "济源市")
    );
    assert_eq!(
        merged("市资源规划局", "哈尔滨市"),
        merged("自然资源和规划局", "济源市")
    );
    assert_eq!(merged("市经信局", "咸宁市"), merged("市工信局", "哈尔滨市"));
    Ok(())
}
