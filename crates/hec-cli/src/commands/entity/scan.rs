//! `hec entity scan ID [--all]`: why an e-mail was flagged, read from the entity's
//! `entitySecurityResult` (one `GET /search/entity/{id}`, no other request).

use clap::Args;
use hec_proto::EntityId;

use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::Report;

/// The arguments of `hec entity scan`.
#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// The entity id (as `entity search` prints it).
    #[arg(value_name = "ENTITY_ID")]
    id: String,

    /// Name every tool: the clean ones too, those that gave no verdict, and click-time
    /// protection's no_links_replaced (no link to rewrite: not a finding).
    #[arg(long)]
    all: bool,
}

/// Reads the entity's scan results and prints them; an entity without any says so on stderr
/// (exit 0); an unknown entity, or scan results of a shape hec cannot read, exit 4.
pub(crate) fn run(
    args: &ScanArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let id: EntityId = ids::parse_as(&args.id)?;
    let connection = connect()?;
    match connection.client.get_scan_results(&id) {
        Ok(Some(scan)) => output::scan::print(&scan, args.all, id.as_str(), report),
        Ok(None) => {
            report.notice(&format!("note: entity {id} has no scan results (no entitySecurityResult)"))
        }
        Err(error) => return Ok(found::read_failed(error, "entity", id.as_str(), report)),
    }
    Ok(Exit::Success)
}
