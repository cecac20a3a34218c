//! Reading saved web pages: the committed pages of `tests/fixtures/html`
//! (real and made government pages, UTF-8, GBK and GB2312), decoded and
//! reduced to their text, in MiB of page per second.
//!
//! `cargo bench --bench html`

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use zeren::input::{FileKind, decode_bytes};

/// The pages, read once.
fn pages() -> Vec<Vec<u8>> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html");
    let mut paths: Vec<_> = std::fs::read_dir(&folder)
        .expect("fixture folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "htm" || ext == "html")
        })
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|path| std::fs::read(path).expect("fixture page"))
        .collect()
}

fn read_pages(c: &mut Criterion) {
    let pages = pages();
    let bytes: usize = pages.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("html_pages");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("read", |b| {
        b.iter(|| {
            for page in &pages {
                let decoded = decode_bytes(FileKind::Html, black_box(page));
                black_box(decoded.map(|d| d.text.len()).unwrap_or_default());
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(30)
        .measurement_time(Duration::from_secs(5));
    targets = read_pages
}
criterion_main!(benches);
