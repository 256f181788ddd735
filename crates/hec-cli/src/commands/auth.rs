//! `hec auth check`: fetch a token to prove the credentials work; report where, for how long,
//! and which scopes they reach, never the token.

use clap::Subcommand;

use crate::connection::Connection;
use crate::failure::Failure;
use crate::output;
use crate::output::exit::Exit;
use crate::output::report::Report;

/// `hec auth ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum AuthCommand {
    /// Fetch a token to check the credentials; report region, gateway, token lifetime and the
    /// scopes the credentials reach.
    Check,
}

/// Runs an auth command.
pub(crate) fn run(
    command: &AuthCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        AuthCommand::Check => Ok(check(&connect()?, report)),
    }
}

/// Fetches a token, lists the scopes with it (`GET /scopes`, the API's own connectivity test),
/// and reports the region, the gateway URL, the token's lifetime and the scopes.
fn check(connection: &Connection, report: Report) -> Exit {
    let lifetime = match connection.client.check_credentials() {
        Ok(lifetime) => lifetime,
        Err(error) => return report.call_failed(error, None),
    };
    let scopes = match connection.client.scopes() {
        Ok(scopes) => scopes,
        Err(error) => {
            let failure = Failure::from(error);
            let note =
                "the credentials were accepted, but listing their scopes (GET /scopes) failed".to_owned();
            report.failure_with(&failure, &[note], Vec::new());
            return Exit::of_failure(&failure);
        }
    };
    let url = connection.client.base_url().to_string();
    report.print(&output::auth::checked(connection.gateway, &url, lifetime, &scopes, report));
    Exit::Success
}
