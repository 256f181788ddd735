//! `hec entity ...`: search e-mail (see [`search`]), show one, read why it was flagged
//! ([`scan`]), download it ([`download`]), tell people about it ([`notify`]), report a wrong
//! verdict ([`report`]), quarantine or restore it, and decline requests to restore it.

mod detection;
mod download;
mod named_filters;
mod notify;
mod report;
mod scan;
mod search;

use std::time::SystemTime;

use clap::{Args, Subcommand};
use hec_blocking::Client;
use hec_proto::endpoint::ActOnEntities;
use hec_proto::{EntityAction, EntityId};

use crate::commands::act::{self, ActOptions};
use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output::act::Action;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::Report;

/// The SaaS searched and acted on unless `--saas` says otherwise.
pub(crate) const DEFAULT_SAAS: &str = "office365_emails";

/// `hec entity ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum EntityCommand {
    /// Search e-mail, following the pages to the end and printing as they arrive: one line per
    /// e-mail (id, received, from, subject, quarantined or not; tab-separated).
    Search(Box<search::SearchArgs>),
    /// Show one e-mail; an unknown id exits 4.
    Get {
        /// The entity id (as `entity search` prints it).
        #[arg(value_name = "ENTITY_ID")]
        id: String,
    },
    /// Quarantine e-mail: prints each e-mail's task as soon as the service answers
    /// (`ENTITY_ID task TASK_ID`), then with --wait waits for the tasks.
    Quarantine(ActArgs),
    /// Restore quarantined e-mail, as quarantine does.
    Restore(ActArgs),
    /// Decline users' requests to restore quarantined e-mail (the mail stays quarantined), as
    /// quarantine does.
    Decline(DeclineArgs),
    /// Why an e-mail was flagged: one line per security tool whose verdict is a finding (not
    /// clean, not missing, not no_links_replaced; --all names every tool) with its verdict, score
    /// and reasons, tab-separated; `-o json` prints its entitySecurityResult as sent.
    Scan(scan::ScanArgs),
    /// Download an e-mail as an .eml file, byte for byte (to ENTITY_ID.eml unless FILE says
    /// otherwise; `-` for stdout).
    Download(download::DownloadArgs),
    /// Tell people that they were exposed to an e-mail (the service sends them a notification).
    Notify(notify::NotifyArgs),
    /// Report a wrong verdict: what the e-mail really is.
    ///
    /// Prints one line per entity reported (`reported entity ID as CLASS, confidence LEVEL`);
    /// `-o ids` prints the reported ids, one per line; `-o json` one object per request of at
    /// most 100 ids (entityIds, classification, confidence, requestId): a report has no id of
    /// its own.
    Report(report::ReportArgs),
}

/// The arguments of `hec entity quarantine` and `hec entity restore`.
#[derive(Debug, Args)]
pub(crate) struct ActArgs {
    /// Entity ids; `-` reads ids from stdin, one per line (as `entity search -o ids` prints them), at most 100,000 ids in all.
    #[arg(value_name = "ENTITY_ID", required = true)]
    ids: Vec<String>,

    /// The SaaS the mail is in: office365_emails (Microsoft 365) or google_mail (Gmail); it names
    /// the entity type, `<SAAS>_email`.
    #[arg(long, value_name = "SAAS", default_value = DEFAULT_SAAS)]
    saas: String,

    #[command(flatten)]
    act: ActOptions,
}

impl EntityCommand {
    /// Whether it runs for every profile (`search --all-profiles`).
    pub(crate) fn all_profiles(&self) -> bool {
        matches!(self, EntityCommand::Search(args) if args.all_profiles)
    }

    /// The largest message a download writes, for `download` (its `--max-size`).
    pub(crate) fn download_limit(&self) -> Option<u64> {
        match self {
            EntityCommand::Download(args) => Some(args.max_size),
            _ => None,
        }
    }
}

const QUARANTINE: Action = Action {
    verb: "quarantine",
    noun: "entity",
    plural: "entities",
    ids_field: "entityIds",
    check: "`hec entity get ENTITY_ID` shows `quarantined  yes` once it has run",
    item_id: |task| task.entity_id.as_ref().map(ToString::to_string),
};

const RESTORE: Action = Action {
    verb: "restore",
    check: "`hec entity get ENTITY_ID` shows `quarantined  no` once it has run",
    ..QUARANTINE
};

const DECLINE: Action = Action {
    verb: "decline",
    check: "`hec entity search --since 30d --where entityPayload.isRestoreDeclined:is:true -o ids` lists it once it has run",
    ..QUARANTINE
};

/// The arguments of `hec entity decline`.
#[derive(Debug, Args)]
pub(crate) struct DeclineArgs {
    #[command(flatten)]
    act: ActArgs,

    /// Why the requests are declined (sent as restoreDeclineReason).
    #[arg(long, value_name = "TEXT")]
    reason: Option<String>,
}

/// Runs an entity command: its arguments are checked (ids, window, filters) before `connect`.
pub(crate) fn run(
    command: &EntityCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        EntityCommand::Search(args) => {
            let query = search::query(args, SystemTime::now())?;
            let connection = connect()?;
            Ok(found::print(connection.client.search_entities(query), args.limit, "entities", report))
        }
        EntityCommand::Get { id } => {
            let id: EntityId = ids::parse_as(id)?;
            Ok(get(&connect()?, &id, report))
        }
        EntityCommand::Quarantine(args) => act(args, EntityAction::Quarantine, &QUARANTINE, connect, report),
        EntityCommand::Restore(args) => act(args, EntityAction::Restore, &RESTORE, connect, report),
        EntityCommand::Decline(args) => {
            let send = |client: &Client, ids: &[EntityId]| {
                client.decline_restore_requests(&args.act.saas, ids, args.reason.as_deref())
            };
            act::run(&args.act.ids, &args.act.act, &DECLINE, send, ActOnEntities::ids, connect, report)
        }
        EntityCommand::Download(args) => download::run(args, connect, report),
        EntityCommand::Scan(args) => scan::run(args, connect, report),
        EntityCommand::Notify(args) => notify::run(args, connect, report),
        EntityCommand::Report(args) => report::run(args, connect, report),
    }
}

/// `hec entity get ENTITY_ID`.
fn get(connection: &Connection, id: &EntityId, report: Report) -> Exit {
    found::show(connection.client.get_entity(id), "entity", id.as_str(), report)
}

/// `hec entity quarantine|restore`: ids checked (all of them, stdin included) before anything is
/// sent.
fn act(
    args: &ActArgs,
    action: EntityAction,
    described: &Action,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let send = |client: &Client, ids: &[EntityId]| client.act_on_entities(action, &args.saas, ids);
    act::run(&args.ids, &args.act, described, send, ActOnEntities::ids, connect, report)
}
