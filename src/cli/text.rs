//! `kengetal text`: the lines kengetal reads from a file, numbered as the
//! dataset's `line` fields count them.

use crate::extract::extract_file;
use crate::ingest::pdf::Backend;
use crate::ingest::{ReadOptions, read_document, read_file};
use crate::model::Unread;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Arguments of `kengetal text`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  kengetal text --pdf-backend pdftotext jaarverslag-2024.pdf | sed -n 520,530p\n  kengetal text --unread begroting-2026.txt | grep -B1 'unread'"
)]
pub struct Args {
    /// A report file (text or PDF).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// How a PDF becomes text.
    #[arg(long, value_enum, default_value = "auto", value_name = "BACKEND")]
    pub pdf_backend: Backend,

    /// Mark the figures kengetal did not read (the record's `unread` list):
    /// a `!` before the line number, and a line under it pointing at each
    /// figure with the reason.
    #[arg(long)]
    pub unread: bool,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    let bytes = match read_file(&args.file, u64::MAX) {
        Ok(bytes) => bytes,
        Err(refusal) => {
            eprintln!("kengetal: {}: {}", args.file.display(), refusal.message);
            return super::EXIT_USAGE;
        }
    };
    let document = match read_document(&args.file, &bytes, args.pdf_backend) {
        Ok(document) => document,
        Err(refusal) => {
            eprintln!(
                "kengetal: {}: {}: {}",
                args.file.display(),
                refusal.kind,
                refusal.message
            );
            return super::EXIT_FAILURES;
        }
    };
    for warning in &document.warnings {
        eprintln!("kengetal: warning[{}]: {}", warning.code, warning.message);
    }
    let unread = if args.unread {
        unread_by_line(&args.file, args.pdf_backend)
    } else {
        BTreeMap::new()
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (index, line) in document.lines.iter().enumerate() {
        let page = line.page.map_or(String::new(), |p| format!("{p:>3} "));
        let figures = unread.get(&(index + 1));
        let mark = match (args.unread, figures.is_some()) {
            (false, _) => "",
            (true, true) => "!",
            (true, false) => " ",
        };
        let mut text = format!("{page}{mark}{:>5} | {}\n", index + 1, line.text);
        if let Some(figures) = figures {
            let indent = " ".repeat(page.len() + mark.len() + 6);
            text.push_str(&pointers(&indent, &line.text, figures));
        }
        if out.write_all(text.as_bytes()).is_err() {
            return super::EXIT_OK;
        }
    }
    super::EXIT_OK
}

/// The unread figures of a file, by 1-based line.
fn unread_by_line(file: &Path, pdf_backend: Backend) -> BTreeMap<usize, Vec<Unread>> {
    let options = ReadOptions {
        pdf_backend,
        ..ReadOptions::default()
    };
    let mut by_line: BTreeMap<usize, Vec<Unread>> = BTreeMap::new();
    for unread in extract_file(file, options).unread {
        by_line.entry(unread.line).or_default().push(unread);
    }
    by_line
}

/// A line under `line` with `^` under each unread figure, then the reasons:
/// `      |   ^^^^^^  ^^^ unread: 4.977- (outside-columns), 12 (no-grammar)`.
fn pointers(indent: &str, line: &str, figures: &[Unread]) -> String {
    let mut marks = String::new();
    let mut from = 0;
    for figure in figures {
        let Some(found) = line[from..].find(&figure.raw) else {
            continue;
        };
        let start = line[..from + found].chars().count();
        let width = figure.raw.chars().count();
        let column = marks.chars().count();
        marks.push_str(&" ".repeat(start.saturating_sub(column)));
        marks.push_str(&"^".repeat(width));
        from += found + figure.raw.len();
    }
    let reasons: Vec<String> = figures
        .iter()
        .map(|f| format!("{} ({})", f.raw, f.reason))
        .collect();
    format!("{indent}| {marks} unread: {}\n", reasons.join(", "))
}
