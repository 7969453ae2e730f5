//! The command line: one module per subcommand, each its arguments and `run`.

pub mod extract;

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
    /// Extract indicators and tables from report texts into a dataset.
    Extract(extract::Args),
}

/// Exit status: every document was read.
pub const EXIT_OK: i32 = 0;
/// Exit status: one or more documents failed (the dataset is still written).
pub const EXIT_FAILURES: i32 = 1;
/// Exit status: the command line was wrong.
pub const EXIT_USAGE: i32 = 2;

/// Runs a parsed command line and returns the exit status.
pub fn run(cli: Cli) -> i32 {
    match cli.command {
        Command::Extract(args) => extract::run(args),
    }
}
