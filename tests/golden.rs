//! Golden files: every `corpus/<name>.txt` against `expected/<name>.json`.
//!
//! `KENGETAL_BLESS=1 cargo test --test golden` rewrites the expected files;
//! read every changed file against its source text before committing it.
//! CI never blesses.

use kengetal::extract::{extract_text, recognise};
use kengetal::output::pretty;
use kengetal::parse::indicator::line::LineKind;
use similar::TextDiff;
use std::fs;
use std::path::{Path, PathBuf};

fn corpus_texts() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir("corpus")
        .expect("corpus/ exists")
        .map(|entry| entry.expect("corpus/ is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "corpus/ holds no *.txt files");
    files
}

fn expected_path(text: &Path) -> PathBuf {
    let stem = text.file_stem().expect("a corpus file has a name");
    Path::new("expected").join(stem).with_extension("json")
}

#[test]
fn every_corpus_text_matches_its_golden_file() {
    let bless = std::env::var_os("KENGETAL_BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for text in corpus_texts() {
        let path = text.to_string_lossy().replace('\\', "/");
        let bytes = fs::read(&text).expect("corpus file is readable");
        let actual = pretty(&extract_text(&path, &bytes));
        let golden = expected_path(&text);
        if bless {
            fs::write(&golden, &actual).expect("expected/ is writable");
            continue;
        }
        let Ok(expected) = fs::read_to_string(&golden) else {
            failures.push(format!(
                "{}: no golden file; create it with KENGETAL_BLESS=1 cargo test --test golden, then read it against the source",
                golden.display()
            ));
            continue;
        };
        if expected != actual {
            let diff = TextDiff::from_lines(&expected, &actual)
                .unified_diff()
                .context_radius(3)
                .header(
                    &golden.display().to_string(),
                    &format!("{path} (extracted now)"),
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

/// STYLE.md's accounting invariant: within a block or table, every line is
/// used by its grammar, or is blank or noise.
#[test]
fn every_line_of_every_corpus_block_and_table_is_used() {
    for text in corpus_texts() {
        let raw = fs::read_to_string(&text).expect("corpus file is UTF-8");
        let cleaned = kengetal::clean::clean(raw.lines());
        let lines: Vec<&str> = cleaned.lines.iter().map(String::as_str).collect();
        let found = recognise(&lines);
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
