//! `kengetal completions SHELL` and `kengetal man`: shell completions
//! (clap_complete) and a man page (clap_mangen), generated from the same
//! command line definition as `--help`, so they never fall behind.

use clap::CommandFactory;
use std::io::{self, Write};

/// Arguments of `kengetal completions`.
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kengetal completions bash > ~/.local/share/bash-completion/completions/kengetal
  kengetal completions zsh > ~/.zfunc/_kengetal
  kengetal completions fish > ~/.config/fish/completions/kengetal.fish")]
pub struct Args {
    /// The shell to complete for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Arguments of `kengetal man` (none).
#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  kengetal man > kengetal.1 && man ./kengetal.1
  kengetal man | gzip > /usr/local/share/man/man1/kengetal.1.gz")]
pub struct ManArgs {}

/// Prints the completion script; returns the exit status.
pub fn run(args: Args) -> i32 {
    let mut command = without_hidden(super::Cli::command());
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "kengetal", &mut script);
    print(&script)
}

/// The command line with only the subcommands a user types (clap_complete
/// would offer the hidden `worker` too).
fn without_hidden(command: clap::Command) -> clap::Command {
    let visible: Vec<clap::Command> = command
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .cloned()
        .collect();
    let mut bare = clap::Command::new("kengetal")
        .version(super::VERSION)
        .subcommands(visible);
    if let Some(about) = command.get_about() {
        bare = bare.about(about.clone());
    }
    if let Some(examples) = command.get_after_help() {
        bare = bare.after_help(examples.clone());
    }
    bare
}

/// Prints the man page (roff); returns the exit status.
pub fn run_man(_: ManArgs) -> i32 {
    let mut page = Vec::new();
    match clap_mangen::Man::new(without_hidden(super::Cli::command())).render(&mut page) {
        Ok(()) => print(&page),
        Err(error) => {
            eprintln!("kengetal: cannot render the man page: {error}");
            super::EXIT_FAILURES
        }
    }
}

fn print(bytes: &[u8]) -> i32 {
    let mut out = io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => super::EXIT_OK,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => super::EXIT_OK,
        Err(error) => {
            eprintln!("kengetal: cannot write: {error}");
            super::EXIT_FAILURES
        }
    }
}
