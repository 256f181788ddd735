//! `hec event ...`: search security events, follow them (see [`follow`]), show one, dismiss them.

mod follow;

use std::time::SystemTime;

use clap::{Args, Subcommand};
use hec_blocking::Client;
use hec_proto::endpoint::ActOnEvents;
use hec_proto::{EventAction, EventId, EventQuery};

use crate::commands::act::{self, ActOptions};
use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output::act::Action;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::Report;
use crate::since::Window;

/// `hec event ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum EventCommand {
    /// Search security events, following the pages to the end and printing as they arrive: one
    /// line per event (id, created, type, severity, state, entity id, description;
    /// tab-separated).
    Search(SearchArgs),
    /// Follow security events as they arrive, each printed once (for a SIEM: `-o json` is one
    /// event per line, as the API sent it); with --checkpoint FILE, a restart goes on where the
    /// last run stopped.
    Follow(follow::FollowArgs),
    /// Show one event; an unknown id exits 4.
    Get {
        /// The event id (as `event search` prints it).
        #[arg(value_name = "EVENT_ID")]
        id: String,
    },
    /// Dismiss events: prints each event's task as soon as the service answers
    /// (`EVENT_ID task TASK_ID`), then with --wait waits for the tasks.
    Dismiss(ActArgs),
}

/// The arguments of `hec event search`.
#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    #[command(flatten)]
    window: Window,

    #[command(flatten)]
    filters: Filters,

    /// Stop after N events (no further page is fetched).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    limit: Option<u64>,

    /// Search in every profile of the config file, one after the other, each with its own
    /// client: each line starts with the profile's name (-o ids: PROFILE<TAB>ID; -o json: a
    /// "profile" field); a profile that fails is reported with its name and the others go on.
    #[arg(long)]
    all_profiles: bool,
}

/// The filters of `hec event search` and `hec event follow`.
#[derive(Debug, Args)]
pub(crate) struct Filters {
    /// Only events of this type (phishing, malware, suspicious_phishing, dlp, ...); repeat for
    /// more.
    #[arg(long = "type", value_name = "TYPE")]
    types: Vec<String>,

    /// Only events in this state (new, detected, pending, remediated, dismissed, exception);
    /// repeat for more.
    #[arg(long = "state", value_name = "STATE")]
    states: Vec<String>,

    /// Only events of this severity, 1 (lowest) to 5 (critical); repeat for more.
    #[arg(long = "severity", value_name = "N", value_parser = clap::value_parser!(u8).range(1..=5))]
    severities: Vec<u8>,

    /// Only events in this SaaS: office365_emails, google_mail, office365_onedrive,
    /// office365_sharepoint, box, dropbox, slack, ms_teams or sharefile; repeat for more.
    #[arg(long = "saas", value_name = "SAAS")]
    saas: Vec<String>,
}

impl Filters {
    /// `query` with these filters.
    fn apply(&self, query: EventQuery) -> EventQuery {
        let mut query = query;
        for event_type in &self.types {
            query = query.event_type(event_type.as_str());
        }
        for state in &self.states {
            query = query.state(state.as_str());
        }
        for severity in &self.severities {
            query = query.severity(*severity);
        }
        for saas in &self.saas {
            query = query.saas(saas.as_str());
        }
        query
    }
}

/// The arguments of `hec event dismiss`.
#[derive(Debug, Args)]
pub(crate) struct ActArgs {
    /// Event ids; `-` reads ids from stdin, one per line (as `event search -o ids` prints them), at most 100,000 ids in all.
    #[arg(value_name = "EVENT_ID", required = true)]
    ids: Vec<String>,

    #[command(flatten)]
    act: ActOptions,
}

const DISMISS: Action = Action {
    verb: "dismiss",
    noun: "event",
    plural: "events",
    ids_field: "eventIds",
    check: "`hec event get EVENT_ID` shows `state  dismissed` once it has run",
    item_id: |task| task.event_id.as_ref().map(ToString::to_string),
};

impl EventCommand {
    /// Whether it runs for every profile (`search --all-profiles`).
    pub(crate) fn all_profiles(&self) -> bool {
        matches!(self, EventCommand::Search(args) if args.all_profiles)
    }
}

/// Runs an event command: its arguments are checked (ids, window) before `connect`.
pub(crate) fn run(
    command: &EventCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        EventCommand::Search(args) => {
            let query = query(args, SystemTime::now())?;
            let connection = connect()?;
            Ok(found::print(connection.client.search_events(query), args.limit, "events", report))
        }
        EventCommand::Follow(args) => follow::run(args, connect, report),
        EventCommand::Get { id } => {
            let id: EventId = ids::parse_as(id)?;
            Ok(get(&connect()?, &id, report))
        }
        EventCommand::Dismiss(args) => dismiss(args, connect, report),
    }
}

/// The search's query, its window counted from `now`.
fn query(args: &SearchArgs, now: SystemTime) -> Result<EventQuery, Failure> {
    let span = args.window.at(now)?;
    let mut query = EventQuery::new(span.start);
    if let Some(end) = span.end {
        query = query.end(end);
    }
    Ok(args.filters.apply(query))
}

/// `hec event get EVENT_ID`.
fn get(connection: &Connection, id: &EventId, report: Report) -> Exit {
    found::show(connection.client.get_event(id), "event", id.as_str(), report)
}

/// `hec event dismiss`: ids checked (all of them, stdin included) before anything is sent.
fn dismiss(
    args: &ActArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let send = |client: &Client, ids: &[EventId]| client.act_on_events(EventAction::Dismiss, ids);
    act::run(&args.ids, &args.act, &DISMISS, send, ActOnEvents::ids, connect, report)
}

#[cfg(test)]
mod tests {
    use hec_proto::endpoint::Endpoint;
    use hec_proto::policy::Pager;
    use hec_proto::{AccessToken, Region, RequestId};

    use super::*;
    use crate::test_support::parse;

    fn request_data(args: &[&str]) -> serde_json::Value {
        let command = parse::<EventCommand>(&[&["hec", "event", "search"], args].concat())
            .expect("the arguments parse");
        let EventCommand::Search(args) = command else { panic!("not an event search") };
        let now = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600);
        let query = query(&args, now).expect("a valid query");
        let request = Pager::new(query)
            .poll_call()
            .expect("a first call")
            .request(&Region::Eu.base_url(), &AccessToken::new("t"), RequestId::new())
            .expect("a request");
        let body: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
        body["requestData"].clone()
    }

    #[test]
    fn repeated_flags_make_lists() {
        let data = request_data(&[
            "--since",
            "3d",
            "--type",
            "phishing",
            "--type",
            "malware",
            "--state",
            "new",
            "--severity",
            "4",
            "--severity",
            "5",
            "--saas",
            "office365_emails",
        ]);
        assert_eq!(data["startDate"], "2025-12-29T00:00:00Z");
        assert_eq!(data["eventTypes"], serde_json::json!(["phishing", "malware"]));
        assert_eq!(data["eventStates"], serde_json::json!(["new"]));
        assert_eq!(data["saas"], serde_json::json!(["office365_emails"]));
        let severities: Vec<String> = data["severities"]
            .as_array()
            .expect("a list")
            .iter()
            .map(|s| s.as_str().map_or_else(|| s.to_string(), str::to_owned))
            .collect();
        assert_eq!(severities, ["4", "5"]);
    }

    #[test]
    fn severities_outside_1_to_5_are_refused() {
        for bad in ["0", "6", "high"] {
            assert!(
                parse::<EventCommand>(&["hec", "event", "search", "--since", "1d", "--severity", bad])
                    .is_err(),
                "{bad}"
            );
        }
    }
}
