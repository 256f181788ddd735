//! `hec`: the command line for the Check Point Harmony Email & Collaboration (HEC) API.
//!
//! It searches e-mail and security events (`hec entity search`, `hec event search`), shows one
//! (`get`), acts on them (`hec entity quarantine|restore`, `hec event dismiss`) and waits for the
//! tasks the actions leave (`--wait`, `hec task wait`), reads a task's status (`hec task get`),
//! checks credentials and lists scopes (`hec auth check`, `hec scopes`), lists the regional
//! gateways (`hec regions`), prints shell completions, and serves the mock gateway of
//! hec-fixtures for tests in any language (`hec mock serve`). `--mock` runs any command against
//! an embedded mock with a demo tenant, so a new user sees it work with no account. It never
//! prints a secret, and its exit codes (see `hec --help`) say what went wrong.
//!
//! This file parses the command line, dispatches, and exits; each command lives in its own file.

mod cli;
mod commands;
mod connection;
mod failure;
mod ids;
mod logging;
mod output;
mod region_arg;
mod since;
#[cfg(test)]
mod test_support;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{AuthCommand, Cli, Command, MockCommand, TaskCommand};
use crate::commands::{auth, entity, event, mock, regions, scopes, task};
use crate::connection::GatewayOptions;
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::report::{self, Report};

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2 (0 for --help and --version).
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    logging::init(cli.global.verbose);
    let report = Report { output: cli.global.output, quiet: cli.global.quiet };
    let gateway = GatewayOptions::from_matches(&cli.global, &matches);
    let exit = run(&cli, &gateway, report).unwrap_or_else(|failure| {
        report.failure(&failure, None);
        failure.exit()
    });
    exit.into()
}

/// Runs the command; failures not tied to one task come back to be reported.
fn run(cli: &Cli, gateway: &GatewayOptions, report: Report) -> Result<Exit, Failure> {
    let connect = || connection::connect(&cli.global, gateway);
    match &cli.command {
        Command::Task(TaskCommand::Get { id }) => {
            let id = ids::parse(id)?;
            Ok(task::get(&connect()?, &id, report))
        }
        Command::Task(TaskCommand::Wait(args)) => {
            let ids = ids::collect(&args.ids, std::io::stdin().lock())?;
            Ok(task::wait(&connect()?, &ids, args, report))
        }
        Command::Entity(command) => entity::run(command, connect, report),
        Command::Event(command) => event::run(command, connect, report),
        Command::Auth(AuthCommand::Check) => Ok(auth::check(&connect()?, report)),
        Command::Scopes => Ok(scopes::list(&connect()?, report)),
        Command::Regions => {
            report.print(&regions::list(report));
            Ok(Exit::Success)
        }
        Command::Completions { shell } => {
            // Into memory, then out through the writer that takes a closed pipe in its stride.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "hec", &mut script);
            report::stdout(&String::from_utf8_lossy(&script));
            Ok(Exit::Success)
        }
        Command::Mock(MockCommand::Serve(args)) => mock::run(args, cli.global.quiet),
    }
}
