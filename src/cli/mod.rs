//! The command line: one module per subcommand, each its arguments and `run`.

pub mod check;
pub mod completions;
pub mod export;
pub mod extract;
mod files;
pub mod schema;
pub mod series;
pub mod text;

use clap::{Parser, Subcommand};

/// What `--version` prints: the release, and the parser version that
/// `--cache` keys its records on (a hash of the code that reads reports).
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (parser ",
    env!("KENGETAL_PARSER_VERSION"),
    ")"
);

const EXAMPLES: &str = "\
Examples:
  kengetal extract reports/ -o dataset.json
      every report under reports/ (text and PDF) into one dataset
  kengetal extract --format jsonl --cache ~/.cache/kengetal reports/ -o dataset.jsonl
      a re-run parses only what changed
  kengetal export dataset.json --to tables/
      Parquet tables for DuckDB, pandas and R
  kengetal series dataset.json -o series.csv
      one row per indicator value, linked across reports
  kengetal check dataset.json
      failing sums, goals against numbers, values that changed
  kengetal text --unread report.pdf
      the lines kengetal reads, with what it could not read marked

`kengetal COMMAND --help` explains each command; docs/dataset.md the dataset.
Exit status: 0 success, 1 documents failed or findings, 2 usage error,
3 the output could not be written (disk full), 130/143 interrupted
(SIGINT/SIGTERM).";

/// Turns published Dutch municipal reports (jaarverslag, programmabegroting,
/// rapportage sociaal domein) into a normalised JSON dataset of indicators
/// and tables, each value with the line it was printed on.
#[derive(Debug, Parser)]
#[command(name = "kengetal", version = VERSION, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract indicators and tables from report texts and PDFs into a dataset.
    Extract(extract::Args),
    /// One tidy table (CSV or JSON) of every observation, or every table
    /// cell, in datasets: for pandas, R or DuckDB.
    Series(series::Args),
    /// Findings in datasets: failing sums, Doel gehaald against the numbers,
    /// values that differ between reports, implausible values.
    Check(check::Args),
    /// Tables for DuckDB, pandas and R: one Parquet (or CSV) file per
    /// entity of datasets — documents, indicators, observations, tables,
    /// cells, warnings, unread figures, findings — joined by stable ids.
    Export(export::Args),
    /// Print the JSON Schema of a dataset record (generated from the model).
    Schema(schema::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the man page (roff).
    Man(completions::ManArgs),
    /// Print the lines kengetal reads from a file, numbered as in the dataset.
    Text(text::Args),
    /// Read documents named on standard input, one at a time (used by
    /// `extract` to isolate documents in worker processes).
    #[command(hide = true)]
    Worker(WorkerArgs),
}

/// Arguments of the hidden `kengetal worker`.
#[derive(Debug, clap::Args)]
pub struct WorkerArgs {
    /// How PDFs become text.
    #[arg(long, value_enum, default_value = "auto")]
    pub pdf_backend: crate::ingest::pdf::Backend,
    /// Files larger than this many bytes are not read.
    #[arg(long, default_value_t = 200 << 20)]
    pub max_bytes: u64,
    /// Folder of cached records.
    #[arg(long)]
    pub cache: Option<std::path::PathBuf>,
    /// Address space this worker and what it starts may take, in bytes.
    #[arg(long)]
    pub max_memory: Option<u64>,
}

/// Exit status: every document was read.
pub const EXIT_OK: i32 = 0;
/// Exit status: one or more documents failed (the dataset is still written).
pub const EXIT_FAILURES: i32 = 1;
/// Exit status: the command line was wrong.
pub const EXIT_USAGE: i32 = 2;

/// Exit status: the output could not be written (a full disk, an I/O
/// error); the command stopped at once, and `-o FILE` was not written.
pub const EXIT_OUTPUT: i32 = 3;

/// Exit status when SIGINT (Ctrl-C) stopped the batch.
pub const EXIT_INTERRUPTED: i32 = 130;

/// Exit status when SIGTERM stopped the batch.
pub const EXIT_TERMINATED: i32 = 143;

/// Runs a parsed command line and returns the exit status.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Series(args) => series::run(args),
        Command::Check(args) => check::run(args),
        Command::Export(args) => export::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => completions::run_man(args),
        Command::Text(args) => text::run(args),
        Command::Worker(args) => {
            if let Some(limit) = args.max_memory
                && let Err(error) = crate::worker::limit_memory(limit)
            {
                eprintln!("kengetal worker: warning: cannot limit memory: {error}");
            }
            let options = crate::ingest::ReadOptions {
                pdf_backend: args.pdf_backend,
                max_bytes: args.max_bytes,
            };
            let cache = args.cache.as_deref().and_then(|folder| {
                crate::cache::Cache::open(folder)
                    .inspect_err(|error| {
                        eprintln!(
                            "kengetal worker: warning: cannot use {} as the cache, reading without it: {error}",
                            folder.display()
                        );
                    })
                    .ok()
            });
            crate::worker::serve(options, cache)
        }
    }
}
