//! Reviewing at scale: a mark keystroke (Space, then k back to the task)
//! with every one of 1,000,000 tasks marked, in the full list and in the
//! flagged view, and the background save that follows it.
//!
//! `cargo bench --bench review`; `ZEREN_BENCH_TASKS=100000` for a quicker
//! run on a smaller store.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rayon::prelude::*;
use zeren::departments::DepartmentTable;
use zeren::load::load_texts;
use zeren::review::file::Marks;
use zeren::review::location::{BookPlace, DocPlace};
use zeren::review::{
    Book, BookView, Change, Mark, MarkId, Places, Review, Reviewed, Status, TaskKeys,
};
use zeren::store::{Store, TaskId};
use zeren::synthetic::{DEFAULT_SEED, Generator};
use zeren::tui::app::{App, Command, Msg, ReviewState};
use zeren::tui::keymap::Keymap;
use zeren::tui::theme::Theme;
use zeren::tui::view::{MatchCache, compute};

/// Marked tasks unless `ZEREN_BENCH_TASKS` says otherwise.
const TASKS: usize = 1_000_000;

fn tasks() -> usize {
    std::env::var("ZEREN_BENCH_TASKS")
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(TASKS)
}

/// A synthetic store of at least `tasks` tasks.
fn store_with_tasks(tasks: usize) -> Store {
    let generator = Generator::new(DEFAULT_SEED);
    let mut texts = Vec::new();
    let mut found = 0;
    let mut next = 0u64;
    while found < tasks {
        let batch: Vec<_> = (next..next + 256)
            .into_par_iter()
            .map(|index| generator.document(index))
            .collect();
        next += 256;
        for document in batch {
            if found >= tasks {
                break;
            }
            found += document.tasks;
            texts.push((document.name, document.text));
        }
    }
    load_texts(&texts, DepartmentTable::builtin())
}

/// Every task of `store` marked (every tenth flagged), in one review file.
fn marked(store: &Store, path: &std::path::Path) -> (Places, Arc<TaskKeys>, Marks) {
    let places = Places {
        books: vec![BookPlace {
            path: path.to_path_buf(),
            whole_folder: true,
        }],
        documents: store
            .documents()
            .iter()
            .map(|document| {
                Some(DocPlace {
                    book: 0,
                    name: document.source.as_str().into(),
                })
            })
            .collect(),
    };
    let keys = Arc::new(TaskKeys::of(store));
    let reviewer: Arc<str> = "bench".into();
    let marks: Marks = (0..store.tasks().len())
        .map(|index| {
            let task = TaskId::try_from(index).unwrap_or(0);
            let name = &places.documents[store.task(task).document as usize]
                .as_ref()
                .map(|place| Arc::clone(&place.name))
                .unwrap_or_else(|| "".into());
            let id = MarkId {
                document: Arc::clone(name),
                key: keys.get(task).cloned().unwrap_or_else(|| unreachable!()),
            };
            let status = if index % 10 == 0 {
                Status::Flagged
            } else {
                Status::Reviewed
            };
            let mark = Mark {
                status,
                note: None,
                reviewer: Arc::clone(&reviewer),
                updated: zeren::clock::Timestamp::now(),
                task: Reviewed::of(store, task),
            };
            (id, mark)
        })
        .collect();
    (places, keys, marks)
}

fn key(code: KeyCode) -> Msg {
    Msg::Key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Carries out view requests at once, as the worker does in the background.
fn settle(app: &mut App, store: &Store, command: Option<Command>) {
    if let Some(Command::View(request)) = command {
        let view = compute(store, &request, &mut MatchCache::default());
        let next = app.update(Msg::View(view));
        settle(app, store, next);
    }
}

fn mark_keystroke(c: &mut Criterion) {
    let store = Arc::new(store_with_tasks(tasks()));
    let dir = tempfile::tempdir().unwrap_or_else(|_| unreachable!());
    let path = dir.path().join("review.json");
    let (places, keys, marks) = marked(&store, &path);
    let count = marks.len();
    eprintln!("{} tasks, {count} marked", store.tasks().len());
    let view = BookView::new(0, marks.clone(), &places, &store, &keys);
    let review = Review::new(
        Arc::new(places.clone()),
        Arc::clone(&keys),
        vec![view],
        "bench",
    );
    let mut app = App::new(
        Arc::clone(&store),
        Keymap::builtin(),
        zeren::tui::i18n::Lang::En,
        Theme::new(false),
    )
    .with_review(ReviewState::new(review));
    let first = app.first_view();
    settle(&mut app, &store, Some(first));

    let mut group = c.benchmark_group("mark_keystroke");
    group.sample_size(50);
    let label = format!("{count}_marked");
    group.bench_function(BenchmarkId::new(label.clone(), "all"), |b| {
        b.iter(|| {
            let marked = app.update(key(KeyCode::Char(' ')));
            let back = app.update(key(KeyCode::Char('k')));
            black_box((marked, back, app.take_saves()));
        });
    });
    // The flagged view: each mark also patches the review filter's mask and
    // asks the worker (not measured: it runs in the background) for a view.
    let next = app.update(key(KeyCode::Char('f')));
    settle(&mut app, &store, next);
    let next = app.update(key(KeyCode::Char('f')));
    settle(&mut app, &store, next);
    group.bench_function(BenchmarkId::new(label, "flagged_view"), |b| {
        b.iter(|| {
            let marked = app.update(key(KeyCode::Char('!')));
            let back = app.update(key(KeyCode::Char('k')));
            black_box((marked, back, app.take_saves()));
        });
    });
    group.finish();

    // The save that follows a mark, on the saver thread: every mark written.
    let mut group = c.benchmark_group("background_save");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    let (mut book, _) = Book::open(path);
    let (id, mark) = marks
        .iter()
        .next()
        .map(|(id, mark)| (id.clone(), mark.clone()))
        .unwrap_or_else(|| unreachable!());
    let mut all = Some(
        marks
            .into_iter()
            .map(|(id, mark)| Change {
                id,
                mark: Some(mark),
                at: zeren::clock::Timestamp::now(),
            })
            .collect::<Vec<_>>(),
    );
    if let Some(changes) = all.take() {
        let _ = book.save(&changes);
    }
    group.bench_function(
        BenchmarkId::new(format!("{count}_marks"), "one_change"),
        |b| {
            b.iter(|| {
                let change = Change {
                    id: id.clone(),
                    mark: Some(mark.clone()),
                    at: zeren::clock::Timestamp::now(),
                };
                black_box(book.save(&[change]).is_ok())
            });
        },
    );
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = mark_keystroke
}
criterion_main!(benches);
