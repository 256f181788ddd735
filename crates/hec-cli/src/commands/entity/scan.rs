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

    /// Name every tool: the clean ones too, and those that gave no verdict.
    #[arg(long)]
    all: bool,
}

/// Reads the entity and prints its scan results; an entity without any says so on stderr (exit
/// 0), scan results of a shape hec cannot read exit 4 (the entity read refuses them already;
/// this stays true if a later version reads entities more leniently).
pub(crate) fn run(
    args: &ScanArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let id: EntityId = ids::parse_as(&args.id)?;
    let connection = connect()?;
    let entity = match connection.client.get_entity(&id) {
        Ok(entity) => entity,
        Err(error) => return Ok(report.call_failed(error, None)),
    };
    found::warn_if_other(&entity, "entity", id.as_str(), report);
    match entity.scan_results() {
        Ok(Some(scan)) => output::scan::print(&scan, args.all, id.as_str(), report),
        Ok(None) => {
            report.notice(&format!("note: entity {id} has no scan results (no entitySecurityResult)"))
        }
        Err(invalid) => return Err(Failure::Answer(format!("entity {id}: {invalid}"))),
    }
    Ok(Exit::Success)
}
