//! `kengetal extract`: reports in, dataset out.

use crate::ingest::discover::discover;
use crate::output::{Format, write_records, write_to};
use crate::pipeline::{self, Config};
use std::io::ErrorKind;
use std::path::PathBuf;
use std::time::Instant;

const EXAMPLES: &str = "\
Examples:
  kengetal extract corpus -o dataset.json
      every *.txt under corpus/, as one JSON array
  kengetal extract --format jsonl --jobs 4 reports/ > dataset.jsonl
      one record per line, four documents at a time
  kengetal extract jaarverslag-2024.txt | jq '.[0].indicators[].title'

Every input file yields exactly one record: its data, or an `error` saying
why it could not be read. Exit status: 0 when every document was read, 1 when
one or more failed (the dataset is still written), 2 for a usage error.";

/// Arguments of `kengetal extract`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Report files, or folders searched recursively for *.txt.
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

    /// No progress bar and no summary line on standard error.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs the command; returns the exit status.
pub fn run(args: Args) -> i32 {
    let started = Instant::now();
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
    let jobs = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let records = pipeline::run(
        &discovery.files,
        Config {
            jobs,
            progress: !args.quiet,
        },
    );
    let written = write_to(args.output.as_deref(), |out| {
        write_records(&records, args.format, out)
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
    let failures = records.iter().filter(|r| r.error.is_some()).count();
    if !args.quiet {
        let indicators: usize = records.iter().map(|r| r.indicators.len()).sum();
        let tables: usize = records.iter().map(|r| r.tables.len()).sum();
        let warnings: usize = records
            .iter()
            .map(|r| {
                r.warnings.len()
                    + r.indicators.iter().map(|i| i.warnings.len()).sum::<usize>()
                    + r.tables.iter().map(|t| t.warnings.len()).sum::<usize>()
            })
            .sum();
        eprintln!(
            "kengetal: {} documents, {indicators} indicators, {tables} tables, {warnings} warnings, {failures} failures in {:.2} s",
            records.len(),
            started.elapsed().as_secs_f64()
        );
    }
    if failures > 0 || !discovery.problems.is_empty() {
        super::EXIT_FAILURES
    } else {
        super::EXIT_OK
    }
}
