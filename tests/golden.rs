//! Golden files: every `corpus/<name>.txt` against `expected/<name>.json`.
//!
//! `KENGETAL_BLESS=1 cargo test --test golden` rewrites the expected files;
//! read every changed file against its source text before committing it.
//! CI never blesses.

use kengetal::extract::{ReadOptions, extract_file, extract_text, placements, recognise};
use kengetal::ingest::pdf::Backend;
use kengetal::model::DocumentRecord;
use kengetal::output::pretty;
use kengetal::parse::indicator::line::LineKind;
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
