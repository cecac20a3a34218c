//! `zeren check`: the problems of the samples, a folder with typos and
//! out-of-sequence numbers, and the exit status.

mod support;

use support::zeren_in;
use zeren::check::{Level, ProblemKind, check};
use zeren::departments::DepartmentTable;
use zeren::load::load;

fn lines_with<'a>(stdout: &'a str, file: &str, needle: &str) -> Vec<&'a str> {
    stdout
        .lines()
        .filter(|line| line.starts_with(&format!("assets/corpus/{file}")) && line.contains(needle))
        .collect()
}

#[test]
fn the_samples_have_nine_tasks_without_unit_and_exit_1() {
    let home = tempfile::tempdir().unwrap();
    let output = zeren_in(home.path()).arg("check").output().unwrap();
    assert_eq!(output.status.code(), Some(1), "no-unit is error level");
    let stdout = String::from_utf8(output.stdout).unwrap();

    let errors: Vec<&str> = stdout
        .lines()
        .filter(|line| line.contains(": error: "))
        .collect();
    assert_eq!(errors.len(), 9, "{stdout}");
    for line in &errors {
        assert!(
            line.starts_with("assets/corpus/002_1174e347716747d5.txt:"),
            "{line}"
        );
        assert!(line.contains("no unit named"), "{line}");
        assert!(line.contains(" [task "), "{line}");
    }

    let store = load(&[], DepartmentTable::builtin());
    for file in ["001_475ad2ca59a2f801.txt", "003_f52a14d2b16fe9b2.txt"] {
        let inferred = store
            .tasks()
            .iter()
            .filter(|task| {
                task.lead_inferred && store.document(task.document).source.ends_with(file)
            })
            .count();
        assert!(inferred > 0);
        let listed = lines_with(
            &stdout,
            file,
            ": info: lead inferred from the first responsible unit: ",
        );
        assert_eq!(listed.len(), inferred, "{file}");
    }
    let first_001 = lines_with(&stdout, "001_475ad2ca59a2f801.txt", "inferred")[0];
    assert!(
        first_001.contains(": info: lead inferred from the first responsible unit: "),
        "{first_001}"
    );
    assert!(stdout.contains("errors,"), "a summary closes the report");
    assert!(
        stdout
            .lines()
            .any(|line| line.starts_with("no-unit") && line.ends_with(" 9"))
    );
}

#[test]
fn check_names_file_line_and_task_for_every_problem_of_the_samples() {
    let store = load(&[], DepartmentTable::builtin());
    let problems = check(&store);
    let no_unit: Vec<_> = problems
        .iter()
        .filter(|problem| problem.kind == ProblemKind::NoUnit)
        .collect();
    assert_eq!(no_unit.len(), 9);
    for problem in &problems {
        assert!(problem.line.is_some(), "{problem:?}");
        let task = problem.task.expect("every sample problem is about a task");
        assert_eq!(store.task(task).line, problem.line.unwrap_or_default());
        assert_eq!(
            store.document(store.task(task).document).source,
            problem.source
        );
        assert_eq!(problem.level, problem.kind.level());
    }
    assert!(
        problems
            .iter()
            .any(|problem| problem.kind == ProblemKind::SeveralLeads)
    );
    assert!(
        problems
            .iter()
            .all(|problem| problem.kind != ProblemKind::LikelyTypo)
    );
    assert_eq!(ProblemKind::InferredLead.level(), Level::Info);
}

#[test]
fn typos_duplicates_and_numbering_in_a_folder() {
    let home = tempfile::tempdir().unwrap();
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(
        docs.path().join("plan.txt"),
        "关于印发某市2024年重点工作任务分工方案的通知\n\
         责任单位:市财政局\n\
         一、重点任务\n\
         1.加强就业服务。(牵头单位:市人社局)\n\
         2.完善社会保险。(牵头单位:市人社局)\n\
         4.推进养老服务。(牵头单位:市人社局)\n\
         5.提升技能培训。(牵头单位:市人设局)\n\
         6.加强 就业服务。(牵头单位:市财政局)\n",
    )
    .unwrap();
    let output = zeren_in(home.path())
        .arg("check")
        .arg(docs.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "warnings only");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let source = docs.path().join("plan.txt").display().to_string();
    let expected = [
        format!("{source}:2: warning: annotation line with no task above it"),
        format!("{source}:6: warning: task number 4 follows 2 [task 2]"),
        format!(
            "{source}:7: warning: unit \"市人设局\" is used once; likely a typo of \"市人社局\" (used 3 times) [task 3]"
        ),
        format!("{source}:8: warning: same text as line 4 (task 0):「加强 就业服务。」 [task 4]"),
    ];
    for line in &expected {
        assert!(
            stdout.lines().any(|out| out == line),
            "missing {line}\n{stdout}"
        );
    }
    assert!(!stdout.contains("info:"), "{stdout}");
}

#[test]
fn a_clean_folder_has_no_problems() {
    let home = tempfile::tempdir().unwrap();
    let docs = tempfile::tempdir().unwrap();
    std::fs::write(
        docs.path().join("plan.txt"),
        "某市重点工作任务分工方案\n一、重点任务\n1.加强就业服务。(牵头单位:市人社局)\n2.完善社会保险。(牵头单位:市医保局)\n",
    )
    .unwrap();
    zeren_in(home.path())
        .arg("check")
        .arg(docs.path())
        .assert()
        .code(0)
        .stdout("no problems found\n");
}
