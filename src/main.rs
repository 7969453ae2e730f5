//! The `kengetal` binary: parse arguments, run, exit with the status.

use clap::Parser;

fn main() {
    let cli = kengetal::cli::Cli::parse();
    std::process::exit(kengetal::cli::run(cli));
}
