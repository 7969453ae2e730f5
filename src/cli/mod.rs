//! The command line: one module per subcommand, each its arguments and `run`.

pub mod check;
pub mod extract;
mod files;
pub mod series;
pub mod text;

use clap::{Parser, Subcommand};

/// Turns published Dutch municipal reports (jaarverslag, programmabegroting,
/// rapportage sociaal domein) into a normalised JSON dataset of indicators
/// and tables, each value with the line it was printed on.
#[derive(Debug, Parser)]
#[command(name = "kengetal", version, about, long_about = None)]
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
}

/// Exit status: every document was read.
pub const EXIT_OK: i32 = 0;
/// Exit status: one or more documents failed (the dataset is still written).
pub const EXIT_FAILURES: i32 = 1;
/// Exit status: the command line was wrong.
pub const EXIT_USAGE: i32 = 2;

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
        Command::Text(args) => text::run(args),
        Command::Worker(args) => {
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
