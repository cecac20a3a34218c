//! Unlucky and hostile input costs a bounded amount: a unit name of a
//! hundred thousand characters, a task naming a hundred thousand units, a
//! file swapped for a FIFO or a device after the folder scan. Runs that
//! would take hours or gigabytes are bounded (a child process under
//! `ulimit -v`, killed after a timeout; work on a thread given up after a
//! timeout), so they fail the test rather than the machine.

mod support;

use std::fs;
use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use support::zeren_bounded;
use zeren::departments::{DepartmentTable, Departments};
use zeren::input::{self, LoadError};
use zeren::parse::parse_document;
use zeren::stats::department_counts;
use zeren::store::{LoadedDocument, Store, StoreBuilder, TaskId, content_hash};

/// A name of `chars` ideographs from a fixed scramble, between 市 and 局.
fn long_name(chars: usize, seed: u32) -> String {
    let mut state = seed.max(1);
    let body: String = (0..chars)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 17;
            state ^= state << 5;
            char::from_u32(0x4E00 + state % 20_000).unwrap_or('一')
        })
        .collect();
    format!("市{body}局")
}

/// Runs `work` on a thread; its result, or a failed test when it takes
/// more than `seconds`.
fn within<T: Send + 'static>(seconds: u64, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    match receiver.recv_timeout(Duration::from_secs(seconds)) {
        Ok(value) => value,
        Err(_) => panic!("not done after {seconds} s"),
    }
}

#[cfg(unix)]
#[test]
fn check_stays_small_on_unit_names_of_thousands_of_characters() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!(
        "一、总体要求\n1.推进项目建设工作。(责任单位:{})\n2.推进另一项工作。(责任单位:{})\n",
        long_name(1_200, 7),
        long_name(100_000, 11)
    );
    for number in 3..=5 {
        text.push_str(&format!(
            "{number}.推进第{number}项工作。(责任单位:市人社局)\n"
        ));
    }
    text.push_str("6.推进一项工作。(责任单位:市人设局)\n");
    let path = dir.path().join("长名称.txt");
    fs::write(&path, &text).unwrap();
    // Comparing every masked spelling of the 1,202-character name took
    // 3.4 GB; of the 100,002-character one, far more.
    let output = zeren_bounded(dir.path(), 1024, 120)
        .arg("check")
        .arg(&path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        stdout.contains(
            "warning: unit \"市人设局\" is used once; likely a typo of \"市人社局\" (used 3 times)"
        ),
        "the check still finds typos among short names"
    );
    assert!(stdout.contains("7 problems: 0 errors, 1 warning, 6 info"));
}

/// Tasks naming the same `units` distinct lead units.
const HEAVY_TASKS: usize = 80;

/// A store whose first [`HEAVY_TASKS`] tasks name the same `units` distinct
/// lead units, followed by 3,000 tasks of one unit each.
fn store_with_tasks_naming(units: usize) -> Store {
    let mut text = String::from("一、总体要求\n");
    for number in 1..=HEAVY_TASKS {
        text.push_str(&format!(
            "{number}.推进第{number}个项目建设。(牵头单位:市发改委)\n"
        ));
    }
    for number in HEAVY_TASKS + 1..=HEAVY_TASKS + 3_000 {
        text.push_str(&format!(
            "{number}.完成第{number}项任务。(牵头单位:市财政局)\n"
        ));
    }
    let mut parsed = parse_document(&text);
    assert_eq!(
        parsed.tasks.len(),
        HEAVY_TASKS + 3_000,
        "the seed document's tasks"
    );
    for task in &mut parsed.tasks[..HEAVY_TASKS] {
        task.assignment = Some(0);
    }
    parsed.assignments[0].lead = (0..units)
        .map(|index| format!("第{index}协作单位"))
        .collect();
    let mut builder = StoreBuilder::new(Departments::new(DepartmentTable::builtin()));
    builder.add_document(LoadedDocument {
        source: "many.txt".into(),
        content_hash: content_hash("many"),
        parsed,
    });
    builder.finish()
}

#[test]
fn tasks_naming_50000_units_are_counted_in_linear_time() {
    let outcome = within(120, || {
        let store = store_with_tasks_naming(50_000);
        let heavy: Vec<TaskId> = (0..HEAVY_TASKS as TaskId).collect();
        let counts = department_counts(&store, &heavy);
        let several_leads = zeren::check::check(&store)
            .into_iter()
            .filter(|problem| problem.kind == zeren::check::ProblemKind::SeveralLeads)
            .count();
        (counts, several_leads, store.departments().len())
    });
    let (counts, several_leads, departments) = outcome;
    assert_eq!(
        departments, 50_001,
        "the units of the first tasks and 市财政局"
    );
    assert_eq!(counts.len(), 50_000);
    assert!(
        counts
            .iter()
            .all(|count| count.lead == HEAVY_TASKS && count.tasks == HEAVY_TASKS)
    );
    assert_eq!(several_leads, HEAVY_TASKS);
}

#[test]
fn the_dashboard_counts_tasks_naming_50000_units_in_linear_time() {
    use zeren::tui::filters::Filters;
    use zeren::tui::view::{MatchCache, ViewRequest, compute};
    let outcome = within(120, || {
        let store = store_with_tasks_naming(50_000);
        // 80 tasks of 3,080, fewer than one in 32: counted task by task.
        let mut filters = Filters::default();
        filters.set_query("项目建设");
        let request = ViewRequest {
            generation: 1,
            filters,
            review_keep: None,
            compare: Some(zeren::store::RoleFilter::Any),
        };
        let view = compute(&store, &request, &mut MatchCache::default());
        (view.tasks.len(), view.lead_counts, view.compare)
    });
    let (tasks, lead_counts, compare) = outcome;
    assert_eq!(tasks, HEAVY_TASKS);
    assert_eq!(lead_counts.len(), 50_000);
    assert!(lead_counts.iter().all(|&(_, count)| count == HEAVY_TASKS));
    let compare = compare.expect("the departments × places matrix");
    assert_eq!(compare.places, [None], "the documents tell no place");
    assert_eq!(
        compare.rows.len(),
        50_000,
        "the compare view counts them too"
    );
}

/// The one file a scan of `dir` finds.
fn scanned(dir: &Path) -> input::FileEntry {
    let discovery = input::discover(&[dir.to_path_buf()]);
    assert_eq!(discovery.problems, vec![]);
    let [entry] = discovery.files.as_slice() else {
        panic!("expected one file, found {:?}", discovery.files)
    };
    entry.clone()
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_fifo_after_the_scan_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.txt");
    fs::write(&path, "1.推进项目建设。(牵头单位:市发改委)\n").unwrap();
    let entry = scanned(dir.path());
    fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    // Opening a FIFO for reading waits for a writer, for ever.
    let result = within(30, move || input::read_entry(&entry));
    assert_eq!(result, Err(LoadError::NotRegularFile));
    assert_eq!(LoadError::NotRegularFile.to_string(), "not a regular file");
}

#[cfg(unix)]
#[test]
fn a_file_swapped_for_a_device_after_the_scan_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.txt");
    fs::write(&path, "1.推进项目建设。(牵头单位:市发改委)\n").unwrap();
    let entry = scanned(dir.path());
    fs::remove_file(&path).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &path).unwrap();
    let result = within(30, move || input::read_entry(&entry));
    assert_eq!(result, Err(LoadError::NotRegularFile));
}

#[cfg(unix)]
#[test]
fn fifos_and_devices_in_a_folder_or_named_are_never_read() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("a.txt"),
        "一、总体要求\n1.推进项目建设。(牵头单位:市发改委)\n",
    )
    .unwrap();
    let fifo = dir.path().join("b.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo");
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("c.txt")).unwrap();
    let output = zeren_bounded(dir.path(), 1024, 60)
        .arg("stats")
        .arg(dir.path())
        .arg(&fifo)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.starts_with("1 task\n"), "{stdout}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr,
        format!("warning: {}: not a regular file\n", fifo.display())
    );
}

#[test]
fn a_table_thousands_of_columns_wide_is_read_in_linear_time() {
    let tasks = within(30, || {
        let header = format!(
            "| 序号 | 工作任务 | {} |\n",
            vec!["责任单位"; 3000].join(" | ")
        );
        let rows: String = (1..=40)
            .map(|number| {
                format!(
                    "| {number} | 新建幼儿园 | {} |\n",
                    vec!["区教育局"; 3001].join(" | ")
                )
            })
            .collect();
        parse_document(&format!("{header}{rows}")).tasks.len()
    });
    assert_eq!(tasks, 40);
}

#[test]
fn a_unit_list_of_100000_names_parted_by_spaces_is_read_in_linear_time() {
    // Every space parts two names and is followed by a word that is no
    // unit, where a table of figures might run on: each look for its
    // totals reaches a few characters, not the rest of the list.
    let tasks = within(30, || {
        let list = vec!["市财政局 海曙"; 50_000].join(" ") + " 市教育局";
        let text = format!("1.新建幼儿园3所。\n责任单位:{list}\n");
        parse_document(&text).tasks.len()
    });
    assert_eq!(tasks, 1);
}
