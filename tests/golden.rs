//! Golden files: every `corpus/<name>.txt` against `expected/<name>.json`.
//!
//! `KENGETAL_BLESS=1 cargo test --test golden` rewrites the expected files;
//! read every changed file against its source text before committing it.
//! CI never blesses.

use kengetal::extract::{extract_file, extract_text, extract_text_uncounted, placements};
use kengetal::ingest::ReadOptions;
use kengetal::ingest::pdf::Backend;
use kengetal::model::DocumentRecord;
use kengetal::output::pretty;
use kengetal::parse::line::LineKind;
use kengetal::parse::recognise;
use similar::TextDiff;
use std::fs;
use std::path::{Path, PathBuf};

fn files_in(folder: &str, extension: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap_or_else(|e| panic!("{folder}: {e}"))
        .map(|entry| entry.expect("folder is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{folder} holds no *.{extension} files");
    files
}

fn corpus_texts() -> Vec<PathBuf> {
    files_in("corpus", "txt")
}

/// Compares the record of every input with `expected/<folder>/<stem>.json`.
fn check_golden(inputs: Vec<PathBuf>, expected: &Path, read: impl Fn(&Path) -> DocumentRecord) {
    let bless = std::env::var_os("KENGETAL_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for input in inputs {
        let actual = pretty(&read(&input));
        let stem = input.file_stem().expect("an input has a name");
        let golden = expected.join(stem).with_extension("json");
        if bless {
            fs::create_dir_all(expected).expect("expected/ is writable");
            fs::write(&golden, &actual).expect("expected/ is writable");
            continue;
        }
        let Ok(wanted) = fs::read_to_string(&golden) else {
            failures.push(format!(
                "{}: no golden file; create it with KENGETAL_BLESS=1 cargo test --test golden, then read it against the source",
                golden.display()
            ));
            continue;
        };
        if wanted != actual {
            let diff = TextDiff::from_lines(&wanted, &actual)
                .unified_diff()
                .context_radius(3)
                .header(
                    &golden.display().to_string(),
                    &format!("{} (extracted now)", input.display()),
                )
                .to_string();
            failures.push(format!(
                "{} differs from the extraction:\n{diff}",
                golden.display()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

fn shown(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

#[test]
fn every_corpus_text_matches_its_golden_file() {
    check_golden(corpus_texts(), Path::new("expected"), |path| {
        extract_text(
            &shown(path),
            &fs::read(path).expect("corpus file is readable"),
        )
    });
}

/// PDFs are compared as pdf-extract reads them, whether or not poppler is installed.
#[test]
fn every_corpus_pdf_matches_its_golden_file() {
    let options = ReadOptions {
        pdf_backend: Backend::PdfExtract,
        ..ReadOptions::default()
    };
    check_golden(
        files_in("corpus/pdf", "pdf"),
        Path::new("expected/pdf"),
        |path| extract_file(Path::new(&shown(path)), options),
    );
}

/// STYLE.md's accounting invariant: within a block or table, every line is
/// used by its grammar, or is blank or noise.
#[test]
fn every_line_of_every_corpus_block_and_table_is_used() {
    for text in corpus_texts() {
        let raw = fs::read_to_string(&text).expect("corpus file is UTF-8");
        let document = kengetal::ingest::text::document_from_text(&raw);
        let cleaned = kengetal::clean::clean(document.lines.iter().map(|l| l.text.as_str()));
        let lines: Vec<&str> = cleaned.lines.iter().map(AsRef::as_ref).collect();
        let found = recognise(&lines, &placements(&document));
        let spans = found
            .indicators
            .iter()
            .map(|b| ("block", b.first_line, b.last_line, b.used_lines()))
            .chain(
                found
                    .tables
                    .iter()
                    .map(|t| ("table", t.first_line, t.last_line, t.used_lines.clone())),
            );
        for (what, first, last, used) in spans {
            let unaccounted: Vec<String> = (first..=last)
                .filter(|i| !used.contains(i))
                .filter(|&i| !matches!(found.tokens[i].kind, LineKind::Blank | LineKind::Noise))
                .map(|i| format!("  line {}: {:?}", i + 1, lines[i]))
                .collect();
            assert!(
                unaccounted.is_empty(),
                "{}: the {what} at line {} leaves lines unused:\n{}",
                text.display(),
                first + 1,
                unaccounted.join("\n")
            );
        }
    }
}

/// The census of every corpus file, text and PDF twin: figures = read +
/// unread, every read value is a figure by the census rules, every unread
/// figure is printed on its line, and the corpus is read whole.
#[test]
fn every_corpus_figure_is_read_or_listed() {
    let options = ReadOptions {
        pdf_backend: Backend::PdfExtract,
        ..ReadOptions::default()
    };
    let pdfs = files_in("corpus/pdf", "pdf");
    for path in corpus_texts().into_iter().chain(pdfs) {
        let record = if path.extension().is_some_and(|e| e == "pdf") {
            extract_file(Path::new(&shown(&path)), options)
        } else {
            let bytes = fs::read(&path).expect("corpus file is readable");
            let (record, uncounted) = extract_text_uncounted(&shown(&path), &bytes);
            assert!(
                uncounted.is_empty(),
                "{}: read values the census does not count as figures: {uncounted:?}",
                path.display()
            );
            record
        };
        let coverage = record.coverage;
        assert_eq!(
            coverage.figures,
            coverage.read + coverage.unread,
            "{}",
            path.display()
        );
        assert_eq!(coverage.unread, record.unread.len(), "{}", path.display());
        let read = record
            .indicators
            .iter()
            .map(|i| i.observations.len())
            .sum::<usize>()
            + record
                .tables
                .iter()
                .flat_map(|t| &t.rows)
                .flat_map(|r| &r.raw)
                .filter(|raw| raw.bytes().any(|b| b.is_ascii_digit()))
                .count();
        let dashes = record
            .indicators
            .iter()
            .flat_map(|i| &i.observations)
            .filter(|o| !o.raw.bytes().any(|b| b.is_ascii_digit()))
            .count();
        assert_eq!(coverage.read, read - dashes, "{}", path.display());
        let text = kengetal_text(&path);
        for unread in &record.unread {
            let line = &text[unread.line - 1];
            assert!(
                line.contains(&unread.raw),
                "{}: {unread:?} is not on {line:?}",
                path.display()
            );
        }
        assert!(
            record.unread.is_empty(),
            "{}: every figure of the corpus is read, but these are not: {:#?}",
            path.display(),
            record.unread
        );
    }
}

/// The lines of a file as `kengetal text` numbers them.
fn kengetal_text(path: &Path) -> Vec<String> {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_kengetal"))
        .args(["text", "--pdf-backend", "pdf-extract"])
        .arg(path)
        .output()
        .expect("kengetal runs");
    String::from_utf8(output.stdout)
        .expect("kengetal text prints UTF-8")
        .lines()
        .map(|l| l.split_once(" | ").map_or("", |(_, text)| text).to_owned())
        .collect()
}
