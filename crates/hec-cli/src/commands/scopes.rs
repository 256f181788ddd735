//! `hec scopes`: the scopes (`farm:customer`) the credentials reach, as `GET /scopes` lists them.

use clap::Args;

use crate::connection::Connection;
use crate::failure::Failure;
use crate::output;
use crate::output::exit::Exit;
use crate::output::report::Report;

/// The arguments of `hec scopes`.
#[derive(Debug, Args)]
pub(crate) struct ScopesArgs {
    /// List the scopes of every profile of the config file, each line starting with the
    /// profile's name (with -o json, one object per profile with a "profile" field).
    #[arg(long)]
    pub(crate) all_profiles: bool,
}

/// Lists the scopes and prints them (see [`output::scopes::printed`]).
pub(crate) fn run(
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match connect()?.client.scopes() {
        Ok(scopes) => {
            if let Some(text) = output::scopes::printed(&scopes, report) {
                report.print(&text);
            }
            Ok(Exit::Success)
        }
        Err(error) => Ok(report.call_failed(error, None)),
    }
}
