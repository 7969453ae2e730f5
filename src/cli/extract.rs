//! `kengetal extract`: reports in, dataset out.

use crate::extract::ReadOptions;
use crate::ingest::discover::discover;
use crate::ingest::pdf::Backend;
use crate::output::{Format, RecordWriter, write_to};
use crate::pipeline::{self, Config};
use std::io::ErrorKind;
use std::path::PathBuf;
use std::time::{Duration, Instant};

const EXAMPLES: &str = "\
Examples:
  kengetal extract corpus -o dataset.json
      every *.txt and *.pdf under corpus/, as one JSON array
  kengetal extract --format jsonl --jobs 4 reports/ > dataset.jsonl
      one record per line, four documents at a time
  kengetal extract --pdf-backend pdftotext --timeout 300 jaarverslag-2024.pdf

Every input file yields exactly one record: its data, or an `error`
({kind, message}: io, too-large, unreadable-pdf, encrypted, timeout, crashed)
saying why it could not be read, and the batch goes on. Each document is read
in a worker process, so a file that hangs or crashes a library costs only
itself. Exit status: 0 when every document was read, 1 when one or more
failed (the dataset is still written), 2 for a usage error.

PDFs are read page by page with pdf-extract; when pages cannot be read or
the text is suspiciously short, poppler's pdftotext is used instead if it is
installed (Debian: poppler-utils), and a warning says so.";

/// Arguments of `kengetal extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Report files, or folders searched recursively for *.txt and *.pdf.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Output format: `json` writes one JSON array of document records,
    /// `jsonl` one record per line.
    #[arg(long, value_enum, default_value = "json")]
    pub format: Format,

    /// Write the dataset to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Documents processed at once [default: the number of CPUs].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// How PDFs become text: `auto` (pdf-extract, pdftotext when pages are
    /// lost), `pdf-extract` or `pdftotext` only.
    #[arg(long, value_enum, default_value = "auto", value_name = "BACKEND")]
    pub pdf_backend: Backend,

    /// Seconds one document may take before it is stopped and recorded as a
    /// `timeout` error; 0 for no limit.
    #[arg(long, default_value = "60", value_name = "SECONDS")]
    pub timeout: f64,

    /// Files larger than this are not read (error `too-large`); a number of
    /// bytes, or with K, M or G.
    #[arg(long, default_value = "200M", value_name = "SIZE", value_parser = parse_size)]
    pub max_bytes: u64,

    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// `200M` → 209715200.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (number, multiplier) = match text.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&text[..text.len() - 1], 1u64 << 10),
        Some('M') => (&text[..text.len() - 1], 1 << 20),
        Some('G') => (&text[..text.len() - 1], 1 << 30),
        _ => (text, 1),
    };
    number
        .trim()
        .parse::<u64>()
        .map(|n| n.saturating_mul(multiplier))
        .map_err(|_| format!("{text:?} is no size; write bytes, or a number with K, M or G"))
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    let started = Instant::now();
    if !(args.timeout.is_finite() && args.timeout >= 0.0) {
        eprintln!("kengetal: --timeout takes a number of seconds, 0 for no limit");
        return super::EXIT_USAGE;
    }
    let discovery = match discover(&args.paths) {
        Ok(found) => found,
        Err(missing) => {
            eprintln!("kengetal: {missing}");
            return super::EXIT_USAGE;
        }
    };
    for problem in &discovery.problems {
        eprintln!("kengetal: warning: {problem}");
    }
    if discovery.files.is_empty() {
        eprintln!("kengetal: warning: no *.txt or *.pdf files were found in the given paths");
    }
    let config = Config {
        jobs: args
            .jobs
            .map(usize::from)
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())),
        progress: !args.quiet,
        read: ReadOptions {
            pdf_backend: args.pdf_backend,
            max_bytes: args.max_bytes,
        },
        timeout: (args.timeout > 0.0).then(|| Duration::from_secs_f64(args.timeout)),
        worker: std::env::current_exe().ok(),
    };
    let mut totals = None;
    let written = write_to(args.output.as_deref(), |out| {
        let mut writer = RecordWriter::new(out, args.format);
        totals = Some(pipeline::run(&discovery.files, &config, |record| {
            writer.record(&record)
        })?);
        writer.finish()
    });
    match written {
        Ok(()) => {}
        Err(error) if error.kind() == ErrorKind::BrokenPipe => return super::EXIT_OK,
        Err(error) => {
            let target = args
                .output
                .as_ref()
                .map_or("standard output".to_owned(), |p| p.display().to_string());
            eprintln!("kengetal: cannot write {target}: {error}");
            return super::EXIT_FAILURES;
        }
    }
    let totals = totals.unwrap_or_default();
    if !args.quiet {
        eprintln!(
            "kengetal: {} documents, {} pages, {} indicators, {} tables, {} warnings, {} failures in {:.2} s",
            totals.documents,
            totals.pages,
            totals.indicators,
            totals.tables,
            totals.warnings,
            totals.failures,
            started.elapsed().as_secs_f64()
        );
    }
    let nothing_found = discovery.files.is_empty();
    if totals.failures > 0 || !discovery.problems.is_empty() || nothing_found {
        super::EXIT_FAILURES
    } else {
        super::EXIT_OK
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_with_suffixes() {
        assert_eq!(parse_size("200M"), Ok(200 << 20));
        assert_eq!(parse_size("10k"), Ok(10 << 10));
        assert_eq!(parse_size("123"), Ok(123));
        assert!(parse_size("lots").is_err());
    }
}
