//! `hec completions SHELL`: the shell completion script of the whole command line.

use clap::Args;

use crate::output::exit::Exit;
use crate::output::report;

/// Where each shell's completion file goes, as `hec completions --help` says.
const INSTALL: &str = "\
Install (then start a new shell):
  bash        hec completions bash > ~/.local/share/bash-completion/completions/hec
  zsh         hec completions zsh > ~/.zfunc/_hec
              and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)
  fish        hec completions fish > ~/.config/fish/completions/hec.fish
  powershell  hec completions powershell > hec.ps1, and in $PROFILE: . /path/to/hec.ps1
  elvish      in ~/.config/elvish/rc.elv: eval (hec completions elvish | slurp)
Create the folder first if it is missing (mkdir -p ~/.local/share/bash-completion/completions).";

/// The arguments of `hec completions`.
#[derive(Debug, Args)]
#[command(after_help = INSTALL)]
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
