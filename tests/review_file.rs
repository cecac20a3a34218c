//! The review file through the library: marks survive reopening, re-parsing,
//! moving the folder and editing the documents; identical tasks keep
//! distinct marks; saves merge with what is on disk; a file zeren did not
//! write is never touched; the file on disk is valid after every change,
//! even when the writer is killed.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tempfile::TempDir;
use zeren::departments::DepartmentTable;
use zeren::load::load;
use zeren::review::{Book, OpenWarning, Places, Review, Status, save_now};
use zeren::store::{Store, TaskId};

const SAMPLES: [&str; 2] = ["001_475ad2ca59a2f801.txt", "003_f52a14d2b16fe9b2.txt"];

/// A folder holding two of the sample documents.
fn folder_with_samples() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in SAMPLES {
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/corpus")
            .join(name);
        fs::copy(&from, dir.path().join(name)).unwrap();
    }
    dir
}

fn load_folder(folder: &Path) -> Store {
    load(&[folder.to_path_buf()], DepartmentTable::builtin())
}

/// The review of `folder`'s documents in its default review file, saved at
/// once.
struct Session {
    store: Store,
    review: Review,
    books: Vec<Book>,
    warnings: Vec<OpenWarning>,
}

impl Session {
    fn open(paths: &[PathBuf], explicit: Option<&Path>, reviewer: &str) -> Self {
        let store = load(paths, DepartmentTable::builtin());
        let places = Places::new(&store, paths, explicit);
        let (review, books, warnings) = Review::open(&store, places, reviewer);
        Self {
            store,
            review,
            books,
            warnings,
        }
    }

    fn folder(folder: &Path) -> Self {
        let session = Self::open(&[folder.to_path_buf()], None, "tester");
        assert_eq!(session.warnings, []);
        session
    }

    fn toggle(&mut self, task: TaskId, status: Status) -> Option<Status> {
        let request = self.review.toggle(&self.store, task, status).unwrap();
        save_now(&mut self.books, &request).unwrap();
        self.review.status(task)
    }

    fn note(&mut self, task: TaskId, note: &str) {
        if let Some(request) = self
            .review
            .set_note(&self.store, task, note, false)
            .unwrap()
        {
            save_now(&mut self.books, &request).unwrap();
        }
    }
}

/// The task whose document source ends with `file` and whose number is
/// `number`.
fn task_numbered(store: &Store, file: &str, number: &str) -> TaskId {
    let position = store
        .tasks()
        .iter()
        .position(|task| {
            store.document(task.document).source.ends_with(file)
                && task.number.as_deref() == Some(number)
        })
        .unwrap_or_else(|| panic!("no task {number} in {file}"));
    TaskId::try_from(position).unwrap()
}

/// Marks three tasks reviewed and flags one with a note; returns them.
fn mark_four(session: &mut Session) -> [TaskId; 4] {
    let store = &session.store;
    let tasks = [
        task_numbered(store, SAMPLES[0], "1"),
        task_numbered(store, SAMPLES[0], "7"),
        task_numbered(store, SAMPLES[1], "9"),
        task_numbered(store, SAMPLES[1], "12"),
    ];
    for &task in &tasks[..3] {
        assert_eq!(
            session.toggle(task, Status::Reviewed),
            Some(Status::Reviewed)
        );
    }
    assert_eq!(
        session.toggle(tasks[3], Status::Flagged),
        Some(Status::Flagged)
    );
    session.note(tasks[3], "牵头单位应为市住建局");
    tasks
}

fn assert_marks(session: &Session, tasks: [TaskId; 4]) {
    let review = &session.review;
    for &task in &tasks[..3] {
        assert_eq!(review.status(task), Some(Status::Reviewed), "task {task}");
        assert_eq!(review.mark(task).unwrap().note, None);
        assert!(!review.changed(task));
    }
    let flagged = review.mark(tasks[3]).unwrap();
    assert_eq!(flagged.status, Status::Flagged);
    assert_eq!(flagged.note.as_deref(), Some("牵头单位应为市住建局"));
    assert_eq!(review.marked_tasks().len(), 4);
    assert_eq!(review.orphan_count(), 0);
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(path).unwrap()).unwrap()
}

#[test]
fn marks_survive_reopening_and_reparsing_and_say_who_and_when() {
    let dir = folder_with_samples();
    let mut session = Session::folder(dir.path());
    let tasks = mark_four(&mut session);
    drop(session);

    let reopened = Session::folder(dir.path());
    assert_marks(&reopened, tasks);

    let file = json(&dir.path().join(".zeren-review.json"));
    assert_eq!(file["version"], 2);
    let second = file["documents"][SAMPLES[1]].as_object().unwrap();
    assert_eq!(second.len(), 2);
    let flagged = second
        .values()
        .find(|mark| mark["status"] == "flagged")
        .unwrap();
    assert_eq!(flagged["note"], "牵头单位应为市住建局");
    assert_eq!(flagged["number"], "12");
    assert_eq!(flagged["reviewer"], "tester");
    assert!(flagged["updated"].as_str().unwrap().ends_with('Z'));
}

#[test]
fn marks_survive_moving_the_folder_and_renaming_a_file() {
    let dir = folder_with_samples();
    let mut session = Session::folder(dir.path());
    let tasks = mark_four(&mut session);

    let elsewhere = tempfile::tempdir().unwrap();
    let moved = elsewhere.path().join("moved");
    fs::create_dir(&moved).unwrap();
    for entry in fs::read_dir(dir.path()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), moved.join(entry.file_name())).unwrap();
    }
    drop(dir);
    assert_marks(&Session::folder(&moved), tasks);

    fs::rename(moved.join(SAMPLES[1]), moved.join("renamed.txt")).unwrap();
    let renamed = Session::folder(&moved);
    let flagged = task_numbered(&renamed.store, "renamed.txt", "12");
    assert_eq!(renamed.review.status(flagged), Some(Status::Flagged));
    assert_eq!(renamed.review.marked_tasks().len(), 4);
    assert_eq!(renamed.review.orphan_count(), 0);
}

#[test]
fn marks_of_documents_not_loaded_are_kept() {
    let dir = folder_with_samples();
    let mut session = Session::folder(dir.path());
    mark_four(&mut session);

    let mut partial = Session::open(&[dir.path().join(SAMPLES[0])], None, "tester");
    assert_eq!(partial.review.marked_tasks().len(), 2);
    assert_eq!(partial.review.orphan_count(), 0, "not loaded is not gone");
    partial.toggle(0, Status::Flagged);

    let reopened = Session::folder(dir.path());
    assert_eq!(reopened.review.marked_tasks().len(), 4);
    assert_eq!(reopened.review.status(0), Some(Status::Flagged));
}

#[test]
fn identical_tasks_get_distinct_marks() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("plan.txt"),
        "某市重点工作任务分工方案\n一、重点任务\n(一)安全生产\n1.加强安全生产监管。(责任单位:市应急局)\n\
         (二)安全生产\n1.加强安全生产监管。(责任单位:市应急局)\n",
    )
    .unwrap();
    let mut session = Session::folder(dir.path());
    assert_eq!(session.store.tasks().len(), 2);
    assert_eq!(session.store.task_text(0), session.store.task_text(1));
    session.toggle(1, Status::Flagged);
    let reopened = Session::folder(dir.path());
    assert_eq!(reopened.review.status(0), None);
    assert_eq!(reopened.review.status(1), Some(Status::Flagged));
}

#[test]
fn a_note_changes_no_status_unless_asked_and_survives_a_reload() {
    let dir = folder_with_samples();
    let mut session = Session::folder(dir.path());
    session.note(3, "看一下");
    assert_eq!(session.review.status(3), Some(Status::Unreviewed));
    let reopened = Session::folder(dir.path());
    assert_eq!(reopened.review.status(3), Some(Status::Unreviewed));
    assert_eq!(
        reopened
            .review
            .mark(3)
            .and_then(|mark| mark.note.as_deref()),
        Some("看一下")
    );
    let on_disk = json(&dir.path().join(".zeren-review.json"));
    assert_eq!(on_disk["version"], 3, "a note-only mark needs version 3");
    // A note-only mark whose note is cleared is no mark.
    session.note(3, "");
    assert_eq!(session.review.mark(3), None);
    let on_disk = json(&dir.path().join(".zeren-review.json"));
    assert_eq!(
        on_disk["version"], 2,
        "readable by the previous zeren again"
    );
    // Asked to, a note flags its task.
    let request = session
        .review
        .set_note(&session.store, 4, "牵头单位有误", true)
        .unwrap()
        .unwrap();
    save_now(&mut session.books, &request).unwrap();
    assert_eq!(session.review.status(4), Some(Status::Flagged));
}

#[test]
fn toggles_notes_and_unmarking_follow_the_rules() {
    let dir = folder_with_samples();
    let mut session = Session::folder(dir.path());
    assert_eq!(session.toggle(0, Status::Flagged), Some(Status::Flagged));
    assert_eq!(session.toggle(0, Status::Reviewed), Some(Status::Reviewed));
    assert_eq!(session.toggle(0, Status::Reviewed), None);
    assert!(session.review.marked_tasks().is_empty());

    // A note leaves the status as it is: unreviewed here.
    session.note(1, "  再核实  ");
    let mark = session.review.mark(1).unwrap();
    assert_eq!(mark.status, Status::Unreviewed);
    assert_eq!(mark.note.as_deref(), Some("再核实"));
    assert_eq!(
        session.review.counts(),
        (0, 0),
        "neither reviewed nor flagged"
    );
    session.toggle(1, Status::Reviewed);
    assert_eq!(
        session.review.mark(1).unwrap().note.as_deref(),
        Some("再核实")
    );
    // Unmarking keeps the note: the task is unreviewed with it.
    session.toggle(1, Status::Reviewed);
    assert_eq!(session.review.status(1), Some(Status::Unreviewed));
    assert_eq!(
        session.review.mark(1).unwrap().note.as_deref(),
        Some("再核实")
    );
    session.toggle(1, Status::Reviewed);
    session.note(1, " ");
    assert_eq!(session.review.mark(1).unwrap().note, None);
    assert_eq!(session.review.status(1), Some(Status::Reviewed));
    session.note(2, "");
    assert_eq!(session.review.mark(2), None);

    let (request, task) = session.review.undo().unwrap();
    save_now(&mut session.books, &request).unwrap();
    assert_eq!(task, Some(1));
    assert_eq!(
        session.review.mark(1).unwrap().note.as_deref(),
        Some("再核实")
    );
    let on_disk = json(&dir.path().join(".zeren-review.json"));
    let marks = on_disk["documents"][SAMPLES[0]].as_object().unwrap();
    assert_eq!(marks.len(), 1);
    assert_eq!(marks.values().next().unwrap()["note"], "再核实");
}

#[test]
fn the_file_is_valid_json_after_every_change_and_no_temp_file_is_left() {
    let dir = folder_with_samples();
    let path = dir.path().join(".zeren-review.json");
    let mut session = Session::folder(dir.path());
    assert!(!path.exists(), "opening does not create the file");
    for task in 0..40 {
        let status = if task % 3 == 0 {
            Status::Flagged
        } else {
            Status::Reviewed
        };
        session.toggle(task, status);
        let count: usize = json(&path)["documents"]
            .as_object()
            .unwrap()
            .values()
            .map(|marks| marks.as_object().unwrap().len())
            .sum();
        assert_eq!(count, task as usize + 1);
    }
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ".zeren-review.json",
            ".zeren-review.json.lock",
            SAMPLES[0],
            SAMPLES[1]
        ]
    );
}

#[test]
fn a_corrupt_file_of_zerens_is_set_aside_and_never_overwritten() {
    let dir = folder_with_samples();
    let path = dir.path().join(".zeren-review.json");
    let garbage = b"{\"version\": 2, \"documents\": {\"a.txt\": {\"-:1:00000000000000ff:0\": {\"status\": \"revi";
    fs::write(&path, garbage).unwrap();

    let session = Session::open(&[dir.path().to_path_buf()], None, "tester");
    let [OpenWarning::SetAside { aside, reason, .. }] = session.warnings.as_slice() else {
        panic!(
            "expected the file to be set aside, got {:?}",
            session.warnings
        );
    };
    assert!(reason.contains("not a valid review file"), "{reason}");
    let aside_name = aside.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        aside_name.starts_with(".zeren-review.json.corrupt-"),
        "{aside_name}"
    );
    assert_eq!(fs::read(aside).unwrap(), garbage);
    assert!(!path.exists());
    let aside = aside.clone();
    let mut session = session;
    session.toggle(0, Status::Reviewed);
    assert_eq!(fs::read(&aside).unwrap(), garbage, "the aside file is kept");

    // Corrupt again within the same second: a second aside name, the first kept.
    fs::write(&path, b"{\"version\": 2, \"documents\": [").unwrap();
    let again = Session::open(&[dir.path().to_path_buf()], None, "tester");
    let [OpenWarning::SetAside { aside: second, .. }] = again.warnings.as_slice() else {
        panic!(
            "expected the file to be set aside, got {:?}",
            again.warnings
        );
    };
    assert_ne!(*second, aside);
    assert_eq!(fs::read(&aside).unwrap(), garbage);
}

#[test]
fn a_file_zeren_did_not_write_is_never_touched() {
    let dir = folder_with_samples();
    let path = dir.path().join("plan2.txt");
    let text = "某市2024年工作要点\n1.加快建设。(牵头单位:市发改委)\n";
    fs::write(&path, text).unwrap();
    let mut session = Session::open(&[dir.path().join(SAMPLES[0])], Some(&path), "tester");
    assert!(
        matches!(session.warnings.as_slice(), [OpenWarning::Refused { reason, .. }] if reason.contains("not a zeren review file")),
        "{:?}",
        session.warnings
    );
    let request = session
        .review
        .toggle(&session.store, 0, Status::Reviewed)
        .unwrap();
    let error = save_now(&mut session.books, &request).unwrap_err();
    assert!(error.to_string().contains("plan2.txt"), "{error}");
    assert_eq!(fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        session.review.status(0),
        Some(Status::Reviewed),
        "kept in memory"
    );
}

#[test]
fn a_file_of_a_newer_version_is_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".zeren-review.json");
    fs::write(&path, r#"{"version": 4, "documents": {}}"#).unwrap();
    let (_, warning) = Book::open(path.clone());
    assert!(
        matches!(&warning, Some(OpenWarning::Refused { reason, .. }) if reason.contains("version 4")),
        "{warning:?}"
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        r#"{"version": 4, "documents": {}}"#
    );
}

#[test]
fn read_only_open_leaves_a_corrupt_file_alone() {
    let dir = folder_with_samples();
    let path = dir.path().join(".zeren-review.json");
    fs::write(&path, b"{\"version\": 2, ][").unwrap();
    let (book, warning) = Book::open_read_only(path.clone());
    assert!(
        matches!(warning, Some(OpenWarning::Refused { .. })),
        "{warning:?}"
    );
    assert!(book.marks().is_empty());
    assert_eq!(fs::read(&path).unwrap(), b"{\"version\": 2, ][");
    assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn a_version_one_file_is_read_and_rewritten_as_version_two() {
    let dir = folder_with_samples();
    let store = load_folder(dir.path());
    let task = task_numbered(&store, SAMPLES[1], "9");
    let document = &store.documents()[store.task(task).document as usize];
    let text: String = store.task_text(task).split_whitespace().collect();
    let hash = xxhash_rust_hash(&text);
    let key = format!("{:016x}:-:9:{hash:016x}:0", document.content_hash);
    let v1 = format!(
        r#"{{"version": 1, "marks": {{"{key}": {{"status": "flagged", "note": "旧备注", "updated": "2024-05-01T04:30:00Z", "task": {{"file": "{}", "number": "9", "text": "开工"}}}}}}}}"#,
        SAMPLES[1]
    );
    let path = dir.path().join(".zeren-review.json");
    fs::write(&path, v1).unwrap();
    let mut session = Session::folder(dir.path());
    assert_eq!(session.review.status(task), Some(Status::Flagged));
    assert_eq!(
        session.review.mark(task).unwrap().note.as_deref(),
        Some("旧备注")
    );
    session.toggle(0, Status::Reviewed);
    let file = json(&path);
    assert_eq!(file["version"], 2);
    assert_eq!(file["documents"][SAMPLES[1]].as_object().unwrap().len(), 1);
}

/// The text hash zeren's keys use: xxh3 of the text without whitespace.
fn xxhash_rust_hash(text: &str) -> u64 {
    zeren::review::key::text_hash(text)
}

/// Environment variable telling [`keep_marking_until_killed`] where to write.
const KILL_TEST_FILE: &str = "ZEREN_KILL_TEST_REVIEW_FILE";

/// Not a test on its own: the child process of
/// [`a_killed_writer_leaves_a_readable_file_and_no_temp_files`], toggling
/// marks until killed.
#[test]
#[ignore = "run as a child process by a_killed_writer_leaves_a_readable_file_and_no_temp_files"]
fn keep_marking_until_killed() {
    let Some(path) = std::env::var_os(KILL_TEST_FILE) else {
        return;
    };
    let mut session = Session::open(&[], Some(Path::new(&path)), "killed");
    let tasks = u32::try_from(session.store.tasks().len()).unwrap();
    for step in 0.. {
        let task = step % tasks;
        session.toggle(task, Status::Reviewed);
        session.note(task, &format!("第{step}次修改"));
    }
}

#[test]
fn a_killed_writer_leaves_a_readable_file_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let test_binary = std::env::current_exe().unwrap();
    for round in 0..8u64 {
        let path = dir.path().join(format!("review-{round}.json"));
        let mut child = Command::new(&test_binary)
            .args(["--ignored", "--exact", "keep_marking_until_killed"])
            .env(KILL_TEST_FILE, &path)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while !path.exists() && started.elapsed() < Duration::from_secs(30) {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(path.exists(), "round {round}: the child never saved");
        // Kill at a different moment of the save cycle each round.
        std::thread::sleep(Duration::from_millis(3 + 7 * round));
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();

        let (book, warning) = Book::open(path.clone());
        assert_eq!(warning, None, "round {round}: the file must stay readable");
        assert!(!book.marks().is_empty(), "round {round}");
        book.remove_stale_temp_files();
        let temps: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".zeren-tmp"))
            .collect();
        assert_eq!(temps, Vec::<String>::new(), "round {round}");
    }
}

#[test]
fn two_reviewers_saving_one_file_keep_each_others_marks() {
    let dir = folder_with_samples();
    let mut alice = Session::open(&[dir.path().to_path_buf()], None, "alice");
    let mut bob = Session::open(&[dir.path().to_path_buf()], None, "bob");
    alice.toggle(1, Status::Reviewed);
    bob.toggle(2, Status::Flagged);
    alice.toggle(3, Status::Reviewed);
    let reopened = Session::folder(dir.path());
    assert_eq!(reopened.review.status(1), Some(Status::Reviewed));
    assert_eq!(reopened.review.status(2), Some(Status::Flagged));
    assert_eq!(reopened.review.status(3), Some(Status::Reviewed));
    assert_eq!(&*reopened.review.mark(2).unwrap().reviewer, "bob");
    assert_eq!(&*reopened.review.mark(3).unwrap().reviewer, "alice");

    // The newer mark of one task wins, whoever saves last.
    let late = alice
        .review
        .toggle(&alice.store, 4, Status::Flagged)
        .unwrap();
    std::thread::sleep(Duration::from_millis(5));
    bob.toggle(4, Status::Reviewed);
    let saved = save_now(&mut alice.books, &late).unwrap();
    assert!(saved.foreign, "alice's save saw bob's newer mark");
    let reopened = Session::folder(dir.path());
    assert_eq!(reopened.review.status(4), Some(Status::Reviewed));
}

#[test]
fn a_mark_whose_task_is_gone_stays_in_the_file_and_is_listed() {
    let dir = folder_with_samples();
    let mut session = Session::folder(dir.path());
    let task = task_numbered(&session.store, SAMPLES[1], "9");
    session.toggle(task, Status::Flagged);
    session.note(task, "再核实");
    let path = dir.path().join(SAMPLES[1]);
    let text = fs::read_to_string(&path).unwrap();
    let line = text.lines().find(|line| line.starts_with("9.")).unwrap();
    fs::write(
        &path,
        text.replace(line, "9.完全不同的另一项任务内容。(责任单位:市财政局)"),
    )
    .unwrap();

    let mut edited = Session::folder(dir.path());
    let task = task_numbered(&edited.store, SAMPLES[1], "9");
    assert_eq!(edited.review.status(task), None);
    let orphans = edited.review.orphans();
    assert_eq!(orphans.len(), 1);
    let (book, id, mark) = orphans[0];
    assert_eq!(mark.note.as_deref(), Some("再核实"));
    let id = id.clone();
    // Another change saves the file: the orphan stays in it.
    edited.toggle(0, Status::Reviewed);
    let file = json(&dir.path().join(".zeren-review.json"));
    assert_eq!(file["documents"][SAMPLES[1]].as_object().unwrap().len(), 1);
    // Re-attached by hand, it shows as changed.
    let request = edited
        .review
        .reattach(&edited.store, book, &id, task)
        .unwrap()
        .unwrap();
    save_now(&mut edited.books, &request).unwrap();
    assert_eq!(edited.review.status(task), Some(Status::Flagged));
    assert!(edited.review.changed(task));
    let reopened = Session::folder(dir.path());
    assert!(reopened.review.changed(task));
    assert_eq!(reopened.review.orphan_count(), 0);
}

#[test]
fn a_failed_save_names_the_review_file_and_keeps_the_change() {
    let dir = folder_with_samples();
    let path = dir.path().join("sub").join("review.json");
    let mut session = Session::open(&[dir.path().to_path_buf()], Some(&path), "tester");
    // The review file's folder is now a regular file: saving must fail.
    fs::write(dir.path().join("sub"), "").unwrap();
    let request = session
        .review
        .toggle(&session.store, 0, Status::Reviewed)
        .unwrap();
    let error = save_now(&mut session.books, &request)
        .unwrap_err()
        .to_string();
    assert!(error.contains("cannot save the review file"), "{error}");
    assert!(error.contains("sub/review.json"), "{error}");
    assert!(!error.contains("zeren-tmp"), "{error}");
    assert!(error.contains("is not a folder"), "{error}");
    assert_eq!(
        session.review.status(0),
        Some(Status::Reviewed),
        "kept in memory"
    );
    // Once the folder is back, the same request saves.
    fs::remove_file(dir.path().join("sub")).unwrap();
    save_now(&mut session.books, &request).unwrap();
    assert_eq!(json(&path)["version"], 2);
}

#[cfg(unix)]
#[test]
fn a_symlinked_review_file_is_written_through_to_its_target() {
    let dir = folder_with_samples();
    let team = tempfile::tempdir().unwrap();
    let target = team.path().join("team-review.json");
    let link = dir.path().join(".zeren-review.json");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let mut session = Session::folder(dir.path());
    session.toggle(0, Status::Reviewed);
    session.toggle(1, Status::Flagged);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        json(&target)["documents"][SAMPLES[0]]
            .as_object()
            .unwrap()
            .len(),
        2
    );
}

#[cfg(unix)]
#[test]
fn a_read_only_review_file_is_never_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let dir = folder_with_samples();
    let mut session = Session::folder(dir.path());
    session.toggle(0, Status::Reviewed);
    let path = dir.path().join(".zeren-review.json");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let before = fs::read(&path).unwrap();

    let mut again = Session::open(&[dir.path().to_path_buf()], None, "tester");
    assert!(
        matches!(again.warnings.as_slice(), [OpenWarning::ReadOnly { .. }]),
        "{:?}",
        again.warnings
    );
    assert_eq!(
        again.review.status(0),
        Some(Status::Reviewed),
        "marks are shown"
    );
    let request = again
        .review
        .toggle(&again.store, 1, Status::Reviewed)
        .unwrap();
    let error = save_now(&mut again.books, &request)
        .unwrap_err()
        .to_string();
    assert!(error.contains("read-only"), "{error}");
    assert_eq!(fs::read(&path).unwrap(), before);
    let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}

#[test]
fn stale_temporary_files_are_removed_and_others_kept() {
    let dir = folder_with_samples();
    let path = dir.path().join(".zeren-review.json");
    let mut session = Session::folder(dir.path());
    session.toggle(0, Status::Reviewed);
    let ours = dir.path().join(".zeren-review.json.a1b2c3.zeren-tmp");
    let old = dir.path().join(".zeren-Xy12Za.tmp");
    let young = dir.path().join(".zeren-Qq34Rr.tmp");
    let users = dir.path().join("notes.tmp");
    for file in [&ours, &old, &young, &users] {
        fs::write(file, "partial").unwrap();
    }
    let day_ago = std::time::SystemTime::now() - Duration::from_secs(24 * 3600);
    fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(day_ago)
        .unwrap();
    let (book, _) = Book::open(path);
    assert_eq!(book.remove_stale_temp_files(), 2);
    assert!(!ours.exists() && !old.exists());
    assert!(young.exists(), "a young one may be an export being written");
    assert!(users.exists());
}
