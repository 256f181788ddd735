//! `hec completions SHELL`: the shell completion script of the whole command line.

use clap::Args;

use crate::output::exit::Exit;
use crate::output::report;

/// The arguments of `hec completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Prints the completions of `command`, the top-level parser (`hec` and all it holds).
pub(crate) fn run(args: &CompletionsArgs, mut command: clap::Command) -> Exit {
    // Into memory, then out through the writer that takes a closed pipe in its stride.
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "hec", &mut script);
    report::stdout(&String::from_utf8_lossy(&script));
    Exit::Success
}
