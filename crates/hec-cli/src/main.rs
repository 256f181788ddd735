//! `hec`: the command line for the Check Point Harmony Email & Collaboration (HEC) API.
//!
//! It searches e-mail and security events (`hec entity search`, `hec event search`), follows
//! security events for a SIEM (`hec event follow`, with a checkpoint file), shows one
//! (`get`), acts on them (`hec entity quarantine|restore`, `hec event dismiss`) and waits for the
//! tasks the actions leave (`--wait`, `hec task wait`), reads a task's status (`hec task get`),
//! keeps the allow and block lists (`hec exception`, `hec tool-exception`,
//! `hec anomaly-exception`, `hec click-time`: list, show, add, update, delete),
//! checks credentials and lists scopes (`hec auth check`, `hec scopes`), lists the regional
//! gateways (`hec regions`), prints shell completions, and serves the mock gateway of
//! hec-fixtures for tests in any language (`hec mock serve`). Several tenants are profiles of a
//! config file (`hec profiles`; `--profile`; `--all-profiles` on `auth check` and the searches). `--mock` runs any command against
//! an embedded mock with a demo tenant, so a new user sees it work with no account. It never
//! prints a secret, and its exit codes (see `hec --help`) say what went wrong.
//!
//! This file parses the command line (see [`cli`]), runs the command (see [`commands`]), and
//! exits with its code (see [`output::exit`]).

mod checkpoint_file;
mod cli;
mod commands;
mod config_file;
mod connection;
mod distinct;
mod echo;
mod failure;
mod help;
mod ids;
mod key_command;
mod logging;
mod output;
mod profile;
mod region_arg;
mod since;
mod stop;
#[cfg(test)]
mod test_support;

use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::cli::{Cli, Command};
use crate::commands::{
    anomaly_exception, auth, click_time, completions, entity, event, exception, man, mock, profiles, regions,
    scopes, task, tool_exception,
};
use crate::config_file::Location;
use crate::connection::{ConnectOptions, Connection};
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::redact;
use crate::output::report::Report;
use crate::profile::Tenant;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits 2 (0 for --help and --version).
    let matches = help::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    logging::init(cli.global.verbose);
    let report = Report { output: cli.global.output, quiet: cli.global.quiet, profile: None };
    let options = cli.global.connect_options(&matches);
    let exit = run(&cli, &options, report).unwrap_or_else(|failure| {
        report.failure(&failure, None);
        Exit::of_failure(&failure)
    });
    exit.into()
}

/// Runs the command, once, or once per profile with `--all-profiles`; failures not tied to one
/// task come back to be reported. A command connects (if it needs to) only once its own
/// arguments are checked; the config file is read only then (or for `hec profiles`), and not
/// with `--mock`.
fn run(cli: &Cli, options: &ConnectOptions, report: Report) -> Result<Exit, Failure> {
    let location = Location::find(cli.global.config.as_deref(), |name| std::env::var(name).ok());
    let chosen = cli.global.profile.as_deref();
    if all_profiles(&cli.command) {
        let config = profile::load(&location)?;
        let tenants = profile::every(config, options, chosen, profile::env_key(), report.quiet)?;
        return Ok(each_profile(cli, &location, &tenants, report));
    }
    let connect = || -> Result<Connection, Failure> {
        if options.mock {
            if let Some(note) = options.ignored_by_mock() {
                report.notice(&note);
            }
            return open(options);
        }
        let config = profile::load(&location)?;
        open(&profile::apply(options, profile::choose(config, chosen)?, report.quiet))
    };
    dispatch(cli, &location, connect, report)
}

/// Whether the command runs for every profile.
fn all_profiles(command: &Command) -> bool {
    match command {
        Command::Entity(command) => command.all_profiles(),
        Command::Event(command) => command.all_profiles(),
        Command::Auth(command) => command.all_profiles(),
        Command::Scopes(args) => args.all_profiles,
        _ => false,
    }
}

/// The client for `options`, whose secrets, from here on, nothing hec prints holds.
fn open(options: &ConnectOptions) -> Result<Connection, Failure> {
    let connection = connection::connect(options)?;
    redact::watch(&connection.client);
    Ok(connection)
}

/// The command for each of `tenants`, with its own client and its results marked with its name:
/// `auth check` for all at once, a search one profile after the other. A profile that fails is
/// reported with its name and the others go on; the exit code is the largest of theirs.
fn each_profile(cli: &Cli, location: &Location, tenants: &[Tenant], report: Report) -> Exit {
    if let Command::Auth(_) = &cli.command {
        return auth::check_all(tenants, &|tenant: &Tenant| open(&tenant.options), report);
    }
    let mut exit = Exit::Success;
    for tenant in tenants {
        let report = report.for_profile(tenant.name);
        let code = dispatch(cli, location, || open(&tenant.options), report).unwrap_or_else(|failure| {
            report.failure(&failure, None);
            Exit::of_failure(&failure)
        });
        exit = exit.max(code);
    }
    exit
}

/// Runs the command with the client `connect` makes.
fn dispatch(
    cli: &Cli,
    location: &Location,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match &cli.command {
        Command::Task(command) => task::run(command, connect, report),
        Command::Entity(command) => entity::run(command, connect, report),
        Command::Event(command) => event::run(command, connect, report),
        Command::Exception(command) => exception::run(command, connect, report),
        Command::ToolException(command) => tool_exception::run(command, connect, report),
        Command::AnomalyException(command) => anomaly_exception::run(command, connect, report),
        Command::ClickTime(command) => click_time::run(command, connect, report),
        Command::Auth(command) => auth::run(command, connect, report),
        Command::Scopes(_) => scopes::run(connect, report),
        Command::Profiles => profiles::run(profile::load(location), report),
        Command::Regions => Ok(regions::run(report)),
        Command::Completions(args) => Ok(completions::run(args, Cli::command())),
        Command::Man => Ok(man::run(Cli::command())),
        Command::Mock(command) => mock::run(command, cli.global.quiet),
    }
}
