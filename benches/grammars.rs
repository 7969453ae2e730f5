//! Throughput of reading the corpus texts, in MB/s (criterion reports bytes
//! per second from the text's size).
//!
//! - `read`: text to cleaned lines (split, page marks, OCR repairs);
//! - `grammars`: the recognise stage alone (line grammars, indicator blocks,
//!   tables), on lines already read and cleaned;
//! - `metadata`: kind, year, municipality and programme from the classified
//!   lines;
//! - `document`: a text file's bytes to its record (decode, clean, recognise,
//!   normalise, model), as `kengetal extract` does for each file;
//! - `json`: that record to JSON, as the writer does.
//!
//! Run: `cargo bench --bench grammars`; see BENCHMARKS.md.

#![allow(missing_docs)] // `criterion_group!` makes an undocumented public function.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kengetal::extract::{extract_text, placements};
use kengetal::ingest::text::document_from_text;
use kengetal::parse::recognise;
use std::hint::black_box;
use std::path::PathBuf;

fn corpus() -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("corpus")
        .expect("run from the repository root")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
            (stem, std::fs::read_to_string(&p).unwrap())
        })
        .collect()
}

/// Every stage group, for every corpus text.
fn stages(c: &mut Criterion) {
    for (stem, text) in corpus() {
        let mut group = c.benchmark_group(stem.as_str());
        group.throughput(Throughput::Bytes(text.len() as u64));
        let document = document_from_text(&text);
        let cleaned = kengetal::clean::clean(document.lines.iter().map(|l| l.text.as_str()));
        let lines: Vec<&str> = cleaned.lines.iter().map(AsRef::as_ref).collect();
        let placed = placements(&document);
        group.bench_function("read", |b| {
            b.iter(|| {
                let document = document_from_text(black_box(&text));
                kengetal::clean::clean(document.lines.iter().map(|l| l.text.as_str()))
                    .lines
                    .len()
            })
        });
        group.bench_function("grammars", |b| {
            b.iter(|| recognise(black_box(&lines), black_box(&placed)))
        });
        let tokens = recognise(&lines, &placed).tokens;
        group.bench_function("metadata", |b| {
            b.iter(|| kengetal::parse::metadata::detect(black_box(&tokens)))
        });
        group.bench_function("document", |b| {
            b.iter(|| extract_text(black_box("corpus/x.txt"), black_box(text.as_bytes())))
        });
        let record = extract_text("corpus/x.txt", text.as_bytes());
        group.bench_function("json", |b| {
            b.iter(|| serde_json::to_vec(black_box(&record)).unwrap())
        });
        group.finish();
    }
}

criterion_group!(benches, stages);
criterion_main!(benches);
