//! `kengetal text`: the lines kengetal reads from a file, numbered as the
//! dataset's `line` fields count them.

use crate::extract::looks_like_pdf;
use crate::ingest::pdf::{Backend, read_pdf};
use crate::ingest::text::{decode, document_from_text};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `kengetal text`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  kengetal text --pdf-backend pdftotext jaarverslag-2024.pdf | sed -n 520,530p"
)]
pub struct Args {
    /// A report file (text or PDF).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,

    /// How a PDF becomes text.
    #[arg(long, value_enum, default_value = "auto", value_name = "BACKEND")]
    pub pdf_backend: Backend,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("kengetal: {}: {error}", args.file.display());
            return super::EXIT_USAGE;
        }
    };
    let document = if looks_like_pdf(&bytes) {
        match read_pdf(&args.file, &bytes, args.pdf_backend) {
            Ok(document) => document,
            Err(error) => {
                eprintln!("kengetal: {}: {error:?}", args.file.display());
                return super::EXIT_FAILURES;
            }
        }
    } else {
        document_from_text(&decode(&bytes).0)
    };
    for warning in &document.warnings {
        eprintln!("kengetal: warning[{}]: {}", warning.code, warning.message);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for (index, line) in document.lines.iter().enumerate() {
        let page = line.page.map_or(String::new(), |p| format!("{p:>3} "));
        if writeln!(out, "{page}{:>5} | {}", index + 1, line.text).is_err() {
            return super::EXIT_OK;
        }
    }
    super::EXIT_OK
}
