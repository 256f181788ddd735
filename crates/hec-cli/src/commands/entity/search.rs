//! `hec entity search`: its flags, and the query they make (checked before anything is sent).

use std::time::SystemTime;

use clap::Args;
use hec_proto::{EntityQuery, Filter};

use crate::commands::entity::DEFAULT_SAAS;
use crate::commands::entity::detection::DetectionFilters;
use crate::commands::entity::named_filters::NamedFilters;
use crate::failure::Failure;
use crate::since::Window;

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

    #[command(flatten)]
    named: NamedFilters,

    #[command(flatten)]
    detection: DetectionFilters,

    /// Any other filter, sent as it is; repeat for more. OP is is, isNot, contains, greaterThan
    /// or isEmpty, e.g. --where entityPayload.isQuarantined:is:true.
    #[arg(long = "where", value_name = "NAME:OP:VALUE", value_parser = filter)]
    wheres: Vec<Filter>,

    /// Stop after N e-mails (no further page is fetched).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) limit: Option<u64>,

    /// Search in every profile of the config file, one after the other, each with its own
    /// client: each line starts with the profile's name (-o ids: the name, a tab, the id; -o json: a
    /// "profile" field); a profile that fails is reported with its name and the others go on.
    #[arg(long)]
    pub(crate) all_profiles: bool,
}

/// `--where NAME:OP:VALUE`, read by hec-proto's `Filter` (split at the first two colons).
fn filter(text: &str) -> Result<Filter, String> {
    text.parse::<Filter>().map_err(|e| e.to_string())
}

/// The search's query, its window counted from `now`.
pub(crate) fn query(args: &SearchArgs, now: SystemTime) -> Result<EntityQuery, Failure> {
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
    for filter in args.named.filters().into_iter().chain(args.wheres.iter().cloned()) {
        query = query.filter(filter);
    }
    args.detection.apply(query)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::entity::EntityCommand;
    use crate::test_support::{first_request_data, parse};

    fn search_args(args: &[&str]) -> SearchArgs {
        let command = parse::<EntityCommand>(&[&["hec", "entity", "search"], args].concat())
            .expect("the arguments parse");
        match command {
            EntityCommand::Search(args) => *args,
            other => panic!("not an entity search: {other:?}"),
        }
    }

    /// The `requestData` the search's first request sends.
    fn request_data(args: &[&str]) -> serde_json::Value {
        let query =
            query(&search_args(args), SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_767_225_600))
                .expect("a valid query");
        first_request_data(query)
    }

    /// The `entityExtendedFilter` items as (name, op, value).
    fn filters(data: &serde_json::Value) -> Vec<(String, String, String)> {
        data["entityExtendedFilter"]
            .as_array()
            .expect("a list of filters")
            .iter()
            .map(|f| {
                let text = |name: &str| f[name].as_str().unwrap_or("?").to_owned();
                (text("saasAttrName"), text("saasAttrOp"), text("saasAttrValue"))
            })
            .collect()
    }

    #[test]
    fn since_and_the_default_saas_make_the_entity_filter() {
        let data = request_data(&["--since", "7d"]);
        assert_eq!(data["entityFilter"]["saas"], "office365_emails");
        assert_eq!(data["entityFilter"]["saasEntity"], "office365_emails_email");
        assert_eq!(data["entityFilter"]["startDate"], "2025-12-25T00:00:00Z");
        assert!(data["entityFilter"].get("endDate").is_none(), "{data}");
        assert!(data.get("entityExtendedFilter").is_none(), "{data}");
        assert!(data.get("entityDetectionResolutionFilter").is_none(), "{data}");
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
            "--where",
            "entityPayload.senderServerIp:is:10.0.0.1:25",
            "--from",
            "payroll@evil.example",
            "--subject",
            "Payroll",
            "--to",
            "ann@example.com",
            "--message-id",
            "<1@evil.example>",
            "--where",
            "entityPayload.isQuarantined:isNot:true",
            "--sender-domain",
            "evil.example",
            "--direction",
            "incoming",
        ]);
        assert_eq!(data["entityFilter"]["saasEntity"], "google_mail_email");
        assert_eq!(data["entityFilter"]["startDate"], "2025-12-01T00:00:00Z");
        assert_eq!(data["entityFilter"]["endDate"], "2025-12-02T12:00:00Z");
        let expected = [
            ("entityPayload.fromEmail", "is", "payroll@evil.example"),
            ("entityPayload.subject", "contains", "Payroll"),
            ("entityPayload.recipients", "contains", "ann@example.com"),
            ("entityPayload.internetMessageId", "is", "<1@evil.example>"),
            ("entityPayload.isIncoming", "is", "true"),
            ("entityPayload.fromDomain", "is", "evil.example"),
            ("entityPayload.senderServerIp", "is", "10.0.0.1:25"),
            ("entityPayload.isQuarantined", "isNot", "true"),
        ]
        .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()));
        assert_eq!(filters(&data), expected);
    }

    #[test]
    fn detections_go_to_their_family_and_the_operators_only_where_both_are_set() {
        let data = request_data(&[
            "--since",
            "7d",
            "--detection",
            "cp_phishing",
            "--detection",
            "ms_high_confidence_phishing",
            "--detection",
            "cp_malicious_url",
            "--detection-op",
            "and",
            "--quarantined-state",
            "ms_delivered_inbox",
        ]);
        assert_eq!(
            data["entityDetectionResolutionFilter"],
            serde_json::json!({
                "cpDetection": ["cp_phishing", "cp_malicious_url"],
                "msDetection": ["ms_high_confidence_phishing"],
                "detectionOp": "AND",
                "msQuarantinedState": "ms_delivered_inbox",
            })
        );
        let data = request_data(&[
            "--since",
            "7d",
            "--quarantined-state",
            "all",
            "--quarantined-state",
            "ms_quarantined",
            "--quarantined-state-op",
            "or",
            "--detection",
            "ms_bulk",
            "--detection-op",
            "and",
        ]);
        assert_eq!(
            data["entityDetectionResolutionFilter"],
            serde_json::json!({
                "msDetection": ["ms_bulk"],
                "cpQuarantinedState": "all",
                "msQuarantinedState": "ms_quarantined",
                "quarantinedStateOp": "OR",
            })
        );
    }

    #[test]
    fn unknown_detections_and_two_states_of_one_family_are_refused() {
        let refused = |args: &[&str]| {
            parse::<EntityCommand>(&[&["hec", "entity", "search", "--since", "7d"], args].concat())
        };
        let error = refused(&["--detection", "cp_phish"]).expect_err("unknown");
        assert!(error.to_string().contains("unknown Check Point detection \"cp_phish\""), "{error}");
        assert!(refused(&["--detection", "ms_junk"]).is_err());
        assert!(refused(&["--detection", "phishing"]).is_err());
        assert!(refused(&["--quarantined-state", "cp_quarantined"]).is_err());
        assert!(refused(&["--detection-op", "and"]).is_err(), "an operator needs detections");
        assert!(refused(&["--quarantined-state-op", "or"]).is_err(), "an operator needs states");
        assert!(refused(&["--detection", "cp_spam", "--detection-op", "xor"]).is_err());
        let args = search_args(&[
            "--since",
            "7d",
            "--quarantined-state",
            "cp_quarantined_by_cp",
            "--quarantined-state",
            "all",
        ]);
        let failure = query(&args, SystemTime::now()).expect_err("two Check Point states");
        assert_eq!(
            failure.to_string(),
            "--quarantined-state: give at most one Check Point state (the search takes one of each)"
        );
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
