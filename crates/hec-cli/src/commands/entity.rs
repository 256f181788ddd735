//! `hec entity ...`: search e-mail, show one, quarantine or restore it.

use std::time::SystemTime;

use clap::{Args, Subcommand};
use hec_blocking::Client;
use hec_proto::endpoint::ActOnEntities;
use hec_proto::{EntityAction, EntityId, EntityQuery, Filter};

use crate::commands::act::{self, ActOptions};
use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output::act::Action;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::Report;
use crate::since::Window;

/// The SaaS searched and acted on unless `--saas` says otherwise.
const DEFAULT_SAAS: &str = "office365_emails";

/// `hec entity ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum EntityCommand {
    /// Search e-mail, following the pages to the end and printing as they arrive: one line per
    /// e-mail (id, received, from, subject, quarantined or not; tab-separated).
    Search(SearchArgs),
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
}

/// The arguments of `hec entity search`.
#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// The mail SaaS to search: office365_emails (Microsoft 365) or google_mail (Gmail).
    #[arg(long, value_name = "SAAS", default_value = DEFAULT_SAAS)]
    saas: String,

    #[command(flatten)]
    window: Window,

    /// Only mail from this sender address (entityPayload.fromEmail is ADDR).
    #[arg(long, value_name = "ADDR")]
    from: Option<String>,

    /// Only mail whose subject contains TEXT (entityPayload.subject contains TEXT).
    #[arg(long, value_name = "TEXT")]
    subject: Option<String>,

    /// Only mail to this address (entityPayload.recipients contains ADDR).
    #[arg(long, value_name = "ADDR")]
    to: Option<String>,

    /// Only the mail with this Message-ID (entityPayload.internetMessageId is ID).
    #[arg(long, value_name = "ID")]
    message_id: Option<String>,

    /// Any other filter, sent as it is; repeat for more. OP is is, isNot, contains, greaterThan
    /// or isEmpty, e.g. --where entityPayload.isQuarantined:is:true.
    #[arg(long = "where", value_name = "NAME:OP:VALUE", value_parser = filter)]
    wheres: Vec<Filter>,

    /// Stop after N e-mails (no further page is fetched).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    limit: Option<u64>,

    /// Search in every profile of the config file, one after the other, each with its own
    /// client: each line starts with the profile's name (-o ids: PROFILE<TAB>ID; -o json: a
    /// "profile" field); a profile that fails is reported with its name and the others go on.
    #[arg(long)]
    all_profiles: bool,
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

impl EntityCommand {
    /// Whether it runs for every profile (`search --all-profiles`).
    pub(crate) fn all_profiles(&self) -> bool {
        matches!(self, EntityCommand::Search(args) if args.all_profiles)
    }
}

/// Runs an entity command: its arguments are checked (ids, window, filters) before `connect`.
pub(crate) fn run(
    command: &EntityCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        EntityCommand::Search(args) => {
            let query = query(args, SystemTime::now())?;
            let connection = connect()?;
            Ok(found::print(connection.client.search_entities(query), args.limit, "entities", report))
        }
        EntityCommand::Get { id } => {
            let id: EntityId = ids::parse_as(id)?;
            Ok(get(&connect()?, &id, report))
        }
        EntityCommand::Quarantine(args) => act(args, EntityAction::Quarantine, &QUARANTINE, connect, report),
        EntityCommand::Restore(args) => act(args, EntityAction::Restore, &RESTORE, connect, report),
    }
}

/// `--where NAME:OP:VALUE`, read by hec-proto's `Filter` (split at the first two colons).
fn filter(text: &str) -> Result<Filter, String> {
    text.parse::<Filter>().map_err(|e| e.to_string())
}

/// The search's query, its window counted from `now`.
fn query(args: &SearchArgs, now: SystemTime) -> Result<EntityQuery, Failure> {
    let span = args.window.at(now)?;
    let mut query = EntityQuery::new(args.saas.as_str(), span.start);
    if let Some(end) = span.end {
        query = query.end(end);
    }
    if let Some(from) = &args.from {
        query = query.from_is(from.as_str());
    }
    if let Some(subject) = &args.subject {
        query = query.subject_contains(subject.as_str());
    }
    if let Some(to) = &args.to {
        query = query.recipient_contains(to.as_str());
    }
    if let Some(message_id) = &args.message_id {
        query = query.message_id_is(message_id.as_str());
    }
    for filter in &args.wheres {
        query = query.filter(filter.clone());
    }
    Ok(query)
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

#[cfg(test)]
mod tests {
    use hec_proto::endpoint::Endpoint;
    use hec_proto::policy::Pager;
    use hec_proto::{AccessToken, Region, RequestId, http};

    use super::*;
    use crate::test_support::parse;

    fn search_args(args: &[&str]) -> SearchArgs {
        let command = parse::<EntityCommand>(&[&["hec", "entity", "search"], args].concat())
            .expect("the arguments parse");
        match command {
            EntityCommand::Search(args) => args,
            other => panic!("not an entity search: {other:?}"),
        }
    }

    /// The `requestData` the search's first request sends.
    fn request_data(args: &[&str]) -> serde_json::Value {
        let query =
            query(&search_args(args), SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600))
                .expect("a valid query");
        let request: http::Request<Vec<u8>> = Pager::new(query)
            .poll_call()
            .expect("a first call")
            .request(&Region::Eu.base_url(), &AccessToken::new("t"), RequestId::new())
            .expect("a request");
        let body: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
        body["requestData"].clone()
    }

    #[test]
    fn since_and_the_default_saas_make_the_entity_filter() {
        let data = request_data(&["--since", "7d"]);
        assert_eq!(data["entityFilter"]["saas"], "office365_emails");
        assert_eq!(data["entityFilter"]["saasEntity"], "office365_emails_email");
        assert_eq!(data["entityFilter"]["startDate"], "2025-12-25T00:00:00Z");
        assert!(data["entityFilter"].get("endDate").is_none(), "{data}");
    }

    #[test]
    fn each_filter_flag_maps_to_its_extended_filter_in_order() {
        let data = request_data(&[
            "--saas",
            "google_mail",
            "--start",
            "2025-12-01",
            "--end",
            "2025-12-02T12:00:00Z",
            "--from",
            "payroll@evil.example",
            "--subject",
            "Payroll",
            "--to",
            "ann@example.com",
            "--message-id",
            "<1@evil.example>",
            "--where",
            "entityPayload.senderServerIp:is:10.0.0.1:25",
            "--where",
            "entityPayload.isQuarantined:isNot:true",
        ]);
        assert_eq!(data["entityFilter"]["saasEntity"], "google_mail_email");
        assert_eq!(data["entityFilter"]["startDate"], "2025-12-01T00:00:00Z");
        assert_eq!(data["entityFilter"]["endDate"], "2025-12-02T12:00:00Z");
        let filters: Vec<(String, String, String)> = data["entityExtendedFilter"]
            .as_array()
            .expect("a list of filters")
            .iter()
            .map(|f| {
                let text = |name: &str| f[name].as_str().unwrap_or("?").to_owned();
                (text("saasAttrName"), text("saasAttrOp"), text("saasAttrValue"))
            })
            .collect();
        let expected = [
            ("entityPayload.fromEmail", "is", "payroll@evil.example"),
            ("entityPayload.subject", "contains", "Payroll"),
            ("entityPayload.recipients", "contains", "ann@example.com"),
            ("entityPayload.internetMessageId", "is", "<1@evil.example>"),
            ("entityPayload.senderServerIp", "is", "10.0.0.1:25"),
            ("entityPayload.isQuarantined", "isNot", "true"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
        assert_eq!(filters, expected);
    }

    #[test]
    fn a_window_and_a_filter_are_required_to_be_well_formed() {
        let refused =
            |args: &[&str]| parse::<EntityCommand>(&[&["hec", "entity", "search"], args].concat()).is_err();
        assert!(refused(&[]), "a window is required");
        assert!(refused(&["--since", "7d", "--start", "2026-01-01"]));
        assert!(refused(&["--since", "7d", "--end", "2026-01-01"]));
        assert!(refused(&["--end", "2026-01-01"]));
        assert!(refused(&["--since", "soon"]));
        assert!(refused(&["--since", "7d", "--where", "entityPayload.subject"]));
        assert!(refused(&["--since", "7d", "--limit", "0"]));
    }
}
