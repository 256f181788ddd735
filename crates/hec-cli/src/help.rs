//! The command line as `hec` parses it, with the global options shown once: `hec --help` lists
//! them; every subcommand's help leaves them out and says where they are (they are still
//! accepted there, before or after the command's name).

use clap::{Arg, Command, CommandFactory};

use crate::cli::Cli;

/// The line a subcommand's help ends with, in place of the global options.
pub(crate) const GLOBAL_OPTIONS_LINE: &str =
    "Global options: see `hec --help` (gateway, credentials, output format, logging, the mock).";

/// The parser of [`Cli`], its subcommands' help without the global options. (Completions and the
/// man page are made from [`Cli::command`] itself, which keeps them everywhere.)
///
/// clap copies a global option into each subcommand as it builds them, unless the subcommand has
/// one of that id already: here each gets a hidden copy first, which parses the same.
pub(crate) fn command() -> Command {
    let mut command = Cli::command();
    let globals: Vec<Arg> = command.get_arguments().filter(|arg| arg.is_global_set()).cloned().collect();
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| hide_in(sub, &globals));
    }
    command
}

/// `command` and its subcommands with hidden copies of `globals`, and a line saying where they
/// are (after the command's own closing text, if it has one).
fn hide_in(command: Command, globals: &[Arg]) -> Command {
    let after = match command.get_after_help() {
        Some(own) => format!("{own}\n\n{GLOBAL_OPTIONS_LINE}"),
        None => GLOBAL_OPTIONS_LINE.to_owned(),
    };
    let mut command = command.after_help(after);
    for arg in globals {
        command = command.arg(arg.clone().hide(true));
    }
    let names: Vec<String> = command.get_subcommands().map(|sub| sub.get_name().to_owned()).collect();
    for name in names {
        command = command.mut_subcommand(name, |sub| hide_in(sub, globals));
    }
    command
}

#[cfg(test)]
mod tests {
    use super::*;

    fn help(args: &[&str]) -> String {
        match command().try_get_matches_from(args) {
            Err(error) => error.render().to_string(),
            Ok(_) => panic!("{args:?} is not a help request"),
        }
    }

    #[test]
    fn the_global_options_show_in_the_top_help_only() {
        let top = help(&["hec", "--help"]);
        assert!(top.contains("--client-id <ID>") && top.contains("Global options:"), "{top}");
        assert!(!top.contains(GLOBAL_OPTIONS_LINE), "{top}");
        let search = help(&["hec", "entity", "search", "--help"]);
        assert!(!search.contains("--client-id") && !search.contains("--max-in-flight"), "{search}");
        assert!(search.trim_end().ends_with(GLOBAL_OPTIONS_LINE), "{search}");
    }

    #[test]
    fn the_global_options_still_work_after_a_subcommand() {
        let matches = command()
            .try_get_matches_from(["hec", "entity", "get", "x", "--client-id", "c", "-o", "json"])
            .expect("the global options parse after the command");
        let cli = <Cli as clap::FromArgMatches>::from_arg_matches(&matches).expect("a command line");
        assert_eq!(cli.global.client_id.as_deref(), Some("c"));
        assert_eq!(cli.global.output, crate::output::report::Output::Json);
    }
}
