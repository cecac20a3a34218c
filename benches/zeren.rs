//! Benchmarks over a synthetic corpus the bench builds itself
//! (`zeren::synthetic`): parse throughput (and over the genre corpus's real
//! documents), store build, loading a folder of
//! 10,000 documents from disk beside reading their bytes, a department
//! filter and the department queries typed for it, the departments × places
//! matrix, fuzzy search typed one character at a time, and drawing one frame
//! of the dashboard.
//!
//! Run them all with `cargo bench --bench zeren` (about ten minutes on two
//! cores), or one group with `cargo bench --bench zeren -- fuzzy_keystroke`.
//! `ZEREN_BENCH_TASKS` sets the size of the large store (default 1,000,000
//! tasks, about 11,000 documents and 350 MB); the small one has 300,000
//! tasks, or fewer when the large one is smaller. `ZEREN_BENCH_TASKS=100000`
//! makes a quick run. `ZEREN_BENCH_DOCUMENTS` sets the size of the folder
//! the load group reads (default 10,000 documents, about 320 MB, written once
//! under `target/tmp`).

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rayon::prelude::*;
use zeren::compare::matrix;
use zeren::departments::{DepartmentTable, Departments, DeptId};
use zeren::load::{load, load_texts};
use zeren::parse::parse_document;
use zeren::store::{
    DeptCondition, Filter, LoadedDocument, RoleFilter, Store, StoreBuilder, TaskId, content_hash,
};
use zeren::synthetic::{DEFAULT_SEED, Generator, SyntheticDocument};
use zeren::tui::app::{App, Command, Msg};
use zeren::tui::filters::{DeptChoice, Filters};
use zeren::tui::i18n::Lang;
use zeren::tui::keymap::Keymap;
use zeren::tui::theme::Theme;
use zeren::tui::ui;
use zeren::tui::view::{MatchCache, ViewRequest, compute};

/// Tasks in the large store unless `ZEREN_BENCH_TASKS` says otherwise.
const LARGE_TASKS: usize = 1_000_000;

/// Tasks in the small store (at most the large one's).
const SMALL_TASKS: usize = 300_000;

/// Documents parsed per iteration of the parse and build benchmarks.
const BATCH_DOCUMENTS: u64 = 200;

/// Documents in the folder the load group reads, unless
/// `ZEREN_BENCH_DOCUMENTS` says otherwise.
const LOAD_DOCUMENTS: u64 = 10_000;

/// The query typed one character at a time.
const QUERY: &str = "推进养老服务";

/// The size of the dashboard in cells.
const SCREEN: (u16, u16) = (200, 60);

fn large_tasks() -> usize {
    std::env::var("ZEREN_BENCH_TASKS")
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(LARGE_TASKS)
}

fn small_tasks() -> usize {
    SMALL_TASKS.min(large_tasks())
}

fn generator() -> &'static Generator {
    static GENERATOR: OnceLock<Generator> = OnceLock::new();
    GENERATOR.get_or_init(|| Generator::new(DEFAULT_SEED))
}

/// The first documents of the synthetic corpus holding at least `tasks` tasks.
fn documents_with_tasks(tasks: usize) -> Vec<SyntheticDocument> {
    let mut documents = Vec::new();
    let mut found = 0;
    let mut next = 0u64;
    while found < tasks {
        let batch: Vec<SyntheticDocument> = (next..next + 256)
            .into_par_iter()
            .map(|index| generator().document(index))
            .collect();
        next += 256;
        for document in batch {
            if found >= tasks {
                break;
            }
            found += document.tasks;
            documents.push(document);
        }
    }
    documents
}

/// A store of at least `tasks` tasks, loaded the way files are.
fn store_with_tasks(tasks: usize) -> Store {
    let texts: Vec<(String, String)> = documents_with_tasks(tasks)
        .into_iter()
        .map(|document| (document.name, document.text))
        .collect();
    let bytes: usize = texts.iter().map(|(_, text)| text.len()).sum();
    let started = std::time::Instant::now();
    let store = load_texts(&texts, DepartmentTable::builtin());
    eprintln!(
        "store: {} documents, {:.0} MB, {} tasks, loaded in {:.2?}",
        texts.len(),
        bytes as f64 / 1e6,
        store.tasks().len(),
        started.elapsed()
    );
    store
}

fn large_store() -> &'static Arc<Store> {
    static STORE: OnceLock<Arc<Store>> = OnceLock::new();
    STORE.get_or_init(|| Arc::new(store_with_tasks(large_tasks())))
}

fn small_store() -> &'static Arc<Store> {
    static STORE: OnceLock<Arc<Store>> = OnceLock::new();
    STORE.get_or_init(|| Arc::new(store_with_tasks(small_tasks())))
}

/// A store built on first use.
type LazyStore = fn() -> &'static Arc<Store>;

/// The stores to search, named by their task counts.
fn stores() -> Vec<(String, LazyStore)> {
    let mut stores: Vec<(String, LazyStore)> = vec![(label(small_tasks()), small_store)];
    if large_tasks() > small_tasks() {
        stores.push((label(large_tasks()), large_store));
    }
    stores
}

fn label(tasks: usize) -> String {
    if tasks >= 1_000_000 && tasks.is_multiple_of(1_000_000) {
        format!("{}M", tasks / 1_000_000)
    } else if tasks >= 1_000 {
        format!("{}k", tasks / 1_000)
    } else {
        tasks.to_string()
    }
}

fn batch_texts() -> Vec<String> {
    (0..BATCH_DOCUMENTS)
        .map(|index| generator().document(index).text)
        .collect()
}

/// Parse throughput on one core.
fn parse(c: &mut Criterion) {
    parse_throughput(c, "parse", &batch_texts());
}

/// Parse throughput on one core over `texts`, as group `name`, benchmark
/// `<count>_documents`.
fn parse_throughput(c: &mut Criterion, name: &str, texts: &[String]) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(format!("{}_documents", texts.len()), |b| {
        b.iter(|| {
            for text in texts {
                black_box(parse_document(black_box(text)));
            }
        });
    });
    group.finish();
}

/// The genre corpus's real documents, in the order of their names.
fn genre_texts() -> Vec<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/genre/docs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the genre corpus folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| std::fs::read_to_string(path).expect("a genre document in UTF-8"))
        .collect()
}

/// Parse throughput on one core over the genre corpus's real documents
/// (tables flattened into text, traditional characters, every form of
/// annotation), beside the synthetic batch of `parse`.
fn genre_parse(c: &mut Criterion) {
    parse_throughput(c, "genre_parse", &genre_texts());
}

fn load_documents() -> u64 {
    std::env::var("ZEREN_BENCH_DOCUMENTS")
        .ok()
        .and_then(|value| value.replace('_', "").parse().ok())
        .unwrap_or(LOAD_DOCUMENTS)
}

/// A folder of the first synthetic documents, as `make_corpus` writes it,
/// with its files in sorted order and their total size; written once and
/// kept between runs (the corpus is the same for the same count).
fn corpus_folder() -> &'static (PathBuf, Vec<PathBuf>, u64) {
    static FOLDER: OnceLock<(PathBuf, Vec<PathBuf>, u64)> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let count = load_documents();
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("corpus-{count}"));
        let done = dir.join(".complete");
        if !done.exists() {
            std::fs::create_dir_all(&dir).expect("corpus folder");
            (0..count).into_par_iter().for_each(|index| {
                let document = generator().document(index);
                std::fs::write(dir.join(&document.name), &document.text).expect("corpus file");
            });
            std::fs::write(&done, "").expect("corpus marker");
        }
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("corpus folder")
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
            .collect();
        files.sort();
        let bytes = files
            .iter()
            .map(|path| std::fs::metadata(path).map_or(0, |metadata| metadata.len()))
            .sum();
        (dir, files, bytes)
    })
}

/// Loading a folder from disk as `zeren stats` does (walk, read, decode,
/// parse, build every index, count), beside only reading the same files one
/// after the other as `cat` does, in one group so the two read side by side.
/// The page cache is warm after the first iteration, for both.
fn load_folder(c: &mut Criterion) {
    let (dir, files, bytes) = corpus_folder();
    let mut group = c.benchmark_group(format!("load_{}_documents", label(files.len())));
    group.throughput(Throughput::Bytes(*bytes));
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(30));
    group.bench_function("read_bytes", |b| {
        b.iter(|| {
            files
                .iter()
                .map(|path| std::fs::read(path).map_or(0, |bytes| black_box(bytes).len()))
                .sum::<usize>()
        });
    });
    group.bench_function("load_and_count", |b| {
        b.iter_with_large_drop(|| {
            let store = load(std::slice::from_ref(dir), DepartmentTable::builtin());
            let tasks = store.filter(&Filter::default());
            black_box(zeren::stats::department_counts(&store, &tasks));
            store
        });
    });
    group.finish();
}

/// Building the store from parsed documents (one core), and parse + build
/// with every core, as a load does.
fn store_build(c: &mut Criterion) {
    let texts = batch_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let parsed: Vec<LoadedDocument> = texts
        .iter()
        .enumerate()
        .map(|(index, text)| LoadedDocument {
            source: format!("{index:05}.txt"),
            content_hash: content_hash(text),
            parsed: parse_document(text),
        })
        .collect();
    let mut group = c.benchmark_group("store_build");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function(format!("{BATCH_DOCUMENTS}_documents"), |b| {
        b.iter_batched(
            || parsed.clone(),
            |documents| {
                let mut builder = StoreBuilder::new(Departments::new(DepartmentTable::builtin()));
                for document in documents {
                    builder.add_document(document);
                }
                builder.finish()
            },
            BatchSize::PerIteration,
        );
    });
    let named: Vec<(String, String)> = texts
        .into_iter()
        .enumerate()
        .map(|(index, text)| (format!("{index:05}.txt"), text))
        .collect();
    group.bench_function(
        format!("parse_and_build_{BATCH_DOCUMENTS}_documents_all_cores"),
        |b| b.iter(|| load_texts(black_box(&named), DepartmentTable::builtin())),
    );
    group.finish();
}

/// The department with the most tasks in any role.
fn busiest_department(store: &Store) -> DeptId {
    store
        .departments()
        .iter()
        .map(|(id, _)| id)
        .max_by_key(|&id| store.postings(id).any.len())
        .unwrap_or(DeptId(0))
}

/// A department filter over the large store: the filter alone, and the
/// dashboard's whole view under it.
fn dept_filter(c: &mut Criterion) {
    let size = label(large_tasks());
    let mut group = c.benchmark_group("dept_filter");
    group.sample_size(20);
    for role in [RoleFilter::Any, RoleFilter::Lead] {
        group.bench_function(
            BenchmarkId::new(format!("{size}/filter"), role.name()),
            |b| {
                let store = large_store();
                let dept = busiest_department(store);
                let filter = Filter {
                    departments: vec![DeptCondition {
                        departments: vec![dept],
                        role,
                    }],
                    ..Filter::default()
                };
                b.iter(|| store.filter(black_box(&filter)));
            },
        );
    }
    for query in ["fgw", "民政", "zhangsha"] {
        group.bench_function(
            BenchmarkId::new(format!("{size}/completions"), query),
            |b| {
                let store = large_store();
                b.iter(|| store.find_departments(black_box(query)));
            },
        );
    }
    group.bench_function(BenchmarkId::new(format!("{size}/compare"), "lead"), |b| {
        let store = large_store();
        let all: Vec<TaskId> = (0..store.tasks().len())
            .filter_map(|id| TaskId::try_from(id).ok())
            .collect();
        b.iter(|| matrix(store, black_box(&all), RoleFilter::Lead));
    });
    group.bench_function(BenchmarkId::new(format!("{size}/view"), "any"), |b| {
        let store = large_store();
        let dept = busiest_department(store);
        let mut filters = Filters::default();
        filters.set_department(DeptChoice {
            label: store.departments().get(dept).canonical.clone(),
            departments: vec![dept],
        });
        let request = ViewRequest {
            generation: 1,
            filters,
            review_keep: None,
            compare: None,
        };
        b.iter(|| compute(store, black_box(&request), &mut MatchCache::default()));
    });
    group.finish();
}

fn query_request(prefix: &str) -> ViewRequest {
    let mut filters = Filters::default();
    filters.set_query(prefix);
    ViewRequest {
        generation: 1,
        filters,
        review_keep: None,
        compare: None,
    }
}

/// The query's prefixes: one per keystroke.
fn prefixes() -> Vec<String> {
    let chars: Vec<char> = QUERY.chars().collect();
    (1..=chars.len())
        .map(|count| chars[..count].iter().collect())
        .collect()
}

/// A query typed one character at a time through the dashboard's view
/// computation: each keystroke narrows the matches of the one before.
fn fuzzy_keystroke(c: &mut Criterion) {
    let prefixes = prefixes();
    let mut group = c.benchmark_group("fuzzy_keystroke");
    group.sample_size(10);
    for (size, store) in stores() {
        for (index, prefix) in prefixes.iter().enumerate() {
            group.bench_function(BenchmarkId::new(size.as_str(), index + 1), |b| {
                let store = store();
                let request = query_request(prefix);
                let earlier: Vec<ViewRequest> =
                    prefixes[..index].iter().map(|p| query_request(p)).collect();
                b.iter_batched(
                    || {
                        let mut cache = MatchCache::default();
                        for request in &earlier {
                            compute(store, request, &mut cache);
                        }
                        cache
                    },
                    |mut cache| compute(store, black_box(&request), &mut cache),
                    BatchSize::PerIteration,
                );
            });
        }
    }
    group.finish();
}

/// An app over `store` showing the view for `filters`.
fn app_with(store: &Arc<Store>, filters: Filters) -> App {
    let app = App::new(
        Arc::clone(store),
        Keymap::builtin(),
        Lang::Zh,
        Theme::new(false),
    );
    let mut app = app.with_filters(filters);
    let Command::View(request) = app.first_view() else {
        unreachable!("the first command is a view request")
    };
    let view = compute(store, &request, &mut MatchCache::default());
    app.update(Msg::View(view));
    app
}

/// Drawing one frame of the dashboard at 200×60 over the large store.
fn render_frame(c: &mut Criterion) {
    let mut searching = Filters::default();
    searching.set_query(QUERY);
    let (width, height) = SCREEN;
    let mut group = c.benchmark_group("render_frame");
    group.sample_size(20);
    for (name, filters) in [("all", Filters::default()), ("query", searching)] {
        let id = BenchmarkId::new(format!("{}/{width}x{height}", label(large_tasks())), name);
        group.bench_function(id, |b| {
            let mut app = app_with(large_store(), filters.clone());
            let Ok(mut terminal) = Terminal::new(TestBackend::new(width, height));
            b.iter(|| {
                let mut drawn = ui::Drawn::default();
                let outcome = terminal.draw(|frame| drawn = ui::draw(frame, &app));
                app.measured(drawn);
                outcome.map(|_| ())
            });
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = parse, genre_parse, store_build, load_folder, dept_filter, fuzzy_keystroke, render_frame
}
criterion_main!(benches);
