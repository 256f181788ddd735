//! `hec auth check`: fetch a token to prove the credentials work; report where, for how long,
//! and which scopes they reach, never the token. With `--all-profiles`, every profile of the
//! config file at once (at most [`AT_ONCE`] together), one line each.

use std::time::Duration;

use clap::{Args, Subcommand};

use crate::connection::{Connection, Gateway};
use crate::failure::Failure;
use crate::output;
use crate::output::exit::Exit;
use crate::output::report::Report;
use crate::profile::Tenant;

/// How many profiles `auth check --all-profiles` checks at the same time.
const AT_ONCE: usize = 8;

/// `hec auth ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum AuthCommand {
    /// Fetch a token to check the credentials; report region, gateway, token lifetime and the
    /// scopes the credentials reach.
    Check(CheckArgs),
}

/// The arguments of `hec auth check`.
#[derive(Debug, Args)]
pub(crate) struct CheckArgs {
    /// Check every profile of the config file at once: one line each, starting with the
    /// profile's name; the exit code is the largest of theirs.
    #[arg(long)]
    pub(crate) all_profiles: bool,
}

impl AuthCommand {
    /// Whether it runs for every profile (`--all-profiles`).
    pub(crate) fn all_profiles(&self) -> bool {
        match self {
            AuthCommand::Check(args) => args.all_profiles,
        }
    }
}

/// Runs an auth command.
pub(crate) fn run(
    command: &AuthCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        AuthCommand::Check(_) => Ok(check(&connect()?, report)),
    }
}

/// What a check found of credentials that work.
struct Checked {
    gateway: Gateway,
    url: String,
    lifetime: Duration,
    scopes: Vec<String>,
}

/// Why a check failed: the failure, and whether the credentials were accepted before it.
struct Unchecked {
    failure: Failure,
    accepted: bool,
}

/// The note for a check whose credentials were accepted but whose scopes could not be listed.
const SCOPES_FAILED: &str = "the credentials were accepted, but listing their scopes (GET /scopes) failed";

/// Fetches a token and lists the scopes with it (`GET /scopes`, the API's own connectivity test).
fn probe(connection: &Connection) -> Result<Checked, Unchecked> {
    let lifetime = connection
        .client
        .check_credentials()
        .map_err(|error| Unchecked { failure: error.into(), accepted: false })?;
    let scopes =
        connection.client.scopes().map_err(|error| Unchecked { failure: error.into(), accepted: true })?;
    let url = connection.client.base_url().to_string();
    Ok(Checked { gateway: connection.gateway, url, lifetime, scopes })
}

/// Checks one client and reports the region, the gateway URL, the token's lifetime and the scopes.
fn check(connection: &Connection, report: Report) -> Exit {
    match probe(connection) {
        Ok(checked) => {
            let Checked { gateway, url, lifetime, scopes } = checked;
            report.print(&output::auth::checked(gateway, &url, lifetime, &scopes, report));
            Exit::Success
        }
        Err(Unchecked { failure, accepted: false }) => {
            report.failure(&failure, None);
            Exit::of_failure(&failure)
        }
        Err(Unchecked { failure, accepted: true }) => {
            report.failure_with(&failure, &[SCOPES_FAILED.to_owned()], Vec::new());
            Exit::of_failure(&failure)
        }
    }
}

/// `hec auth check --all-profiles`: every tenant checked, [`AT_ONCE`] at a time, each with its own
/// client (`connect` makes it); then one line each, in the config file's order of names, starting
/// with the profile's name. The exit code is the largest of theirs.
pub(crate) fn check_all(
    tenants: &[Tenant],
    connect: &(dyn Fn(&Tenant) -> Result<Connection, Failure> + Sync),
    report: Report,
) -> Exit {
    let mut outcomes: Vec<Result<Checked, Unchecked>> = Vec::with_capacity(tenants.len());
    for group in tenants.chunks(AT_ONCE) {
        std::thread::scope(|scope| {
            let running: Vec<_> = group
                .iter()
                .map(|tenant| {
                    scope.spawn(move || match connect(tenant) {
                        Ok(connection) => probe(&connection),
                        Err(failure) => Err(Unchecked { failure, accepted: false }),
                    })
                })
                .collect();
            for thread in running {
                outcomes.push(thread.join().unwrap_or_else(|_| {
                    Err(Unchecked {
                        failure: Failure::Usage("the check stopped unexpectedly".to_owned()),
                        accepted: false,
                    })
                }));
            }
        });
    }
    let mut exit = Exit::Success;
    for (tenant, outcome) in tenants.iter().zip(outcomes) {
        let report = report.for_profile(tenant.name);
        let line = match outcome {
            Ok(Checked { gateway, url, lifetime, scopes }) => {
                output::auth::checked_line(gateway, &url, lifetime, &scopes, report)
            }
            Err(Unchecked { failure, accepted }) => {
                exit = exit.max(Exit::of_failure(&failure));
                output::auth::failed_line(&failure, accepted.then_some(SCOPES_FAILED), report)
            }
        };
        report.print(&line);
    }
    exit
}
