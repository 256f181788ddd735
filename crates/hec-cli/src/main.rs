//! `hec`: the command line for the Check Point Harmony Email & Collaboration (HEC) API.
//!
//! It searches e-mail and security events (`hec entity search`, `hec event search`), follows
//! security events for a SIEM (`hec event follow`, with a checkpoint file), shows one
//! (`get`), reads why an e-mail was flagged (`hec entity scan`), downloads it (`hec entity
//! download`), tells the people exposed to it (`hec entity notify`), reports a wrong verdict
//! (`hec entity report`), acts on them (`hec entity quarantine|restore|decline`, `hec event
//! dismiss`) and waits for the
//! tasks the actions leave (`--wait`, `hec task wait`), reads a task's status (`hec task get`),
//! keeps the allow and block lists (`hec exception`, `hec tool-exception`,
//! `hec anomaly-exception`, `hec click-time`: list, show, add, update, delete),
//! checks credentials and lists scopes (`hec auth check`, `hec scopes`), lists the regional
//! gateways (`hec regions`), prints shell completions, and serves the mock gateway of
//! hec-fixtures for tests in any language (`hec mock serve`). `--mock` runs any command against
//! an embedded mock with a demo tenant, so a new user sees it work with no account. It never
//! prints a secret, and its exit codes (see `hec --help`) say what went wrong.
//!
//! This file parses the command line (see [`cli`]), runs the command (see [`commands`]), and
//! exits with its code (see [`output::exit`]).

mod checkpoint_file;
mod cli;
mod commands;
mod connection;
mod distinct;
mod download_file;
mod echo;
mod failure;
mod ids;
mod logging;
mod output;
mod region_arg;
mod since;
mod stop;
#[cfg(test)]
mod test_support;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::commands::{
    anomaly_exception, auth, click_time, completions, entity, event, exception, mock, regions, scopes, task,
    tool_exception,
};
use crate::connection::{ConnectOptions, Connection};
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::redact;
use crate::output::report::Report;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2 (0 for --help and --version).
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    logging::init(cli.global.verbose);
    let report = Report { output: cli.global.output, quiet: cli.global.quiet };
    let mut options = cli.global.connect_options(&matches);
    options.download_limit = cli.command.download_limit();
    let exit = run(&cli, &options, report).unwrap_or_else(|failure| {
        report.failure(&failure, None);
        Exit::of_failure(&failure)
    });
    exit.into()
}

/// Runs the command; failures not tied to one task come back to be reported. A command connects
/// (if it needs to) only once its own arguments are checked.
fn run(cli: &Cli, options: &ConnectOptions, report: Report) -> Result<Exit, Failure> {
    let connect = || -> Result<Connection, Failure> {
        let connection = connection::connect(options)?;
        // From here on, nothing hec prints holds the client's secrets.
        redact::watch(&connection.client);
        Ok(connection)
    };
    match &cli.command {
        Command::Task(command) => task::run(command, connect, report),
        Command::Entity(command) => entity::run(command, connect, report),
        Command::Event(command) => event::run(command, connect, report),
        Command::Exception(command) => exception::run(command, connect, report),
        Command::ToolException(command) => tool_exception::run(command, connect, report),
        Command::AnomalyException(command) => anomaly_exception::run(command, connect, report),
        Command::ClickTime(command) => click_time::run(command, connect, report),
        Command::Auth(command) => auth::run(command, connect, report),
        Command::Scopes => scopes::run(connect, report),
        Command::Regions => Ok(regions::run(report)),
        Command::Completions(args) => Ok(completions::run(args, Cli::command())),
        Command::Mock(command) => mock::run(command, cli.global.quiet),
    }
}
