//! `hec entity search`'s named filters (XSOAR's direction, sender domain and name, sender and
//! client IP, link, attachment MD5) and detection filters, as the request sends them.

use hec_fixtures::mock::{MockGateway, demo};
use serde_json::json;

use crate::acts_support::{SEARCH, answer, entity, hex_id, request_data, script};
use crate::support::hec;

#[test]
fn every_named_and_detection_flag_reaches_the_request() {
    let mock = MockGateway::start();
    let id = hex_id(1);
    script(&mock, SEARCH, vec![answer(&format!("[{}]", entity(&id, "Payroll", false)), Some(r#""""#))]);
    let run = hec(&[
        "entity",
        "search",
        "--since",
        "7d",
        "--direction",
        "outgoing",
        "--sender-domain",
        "evil.example",
        "--sender-name",
        "Payroll",
        "--sender-ip",
        "198.51.100.25",
        "--client-ip",
        "203.0.113.7",
        "--link",
        "https://payroll-portal.evil.example/login",
        "--attachment-md5",
        "D5E719C11CB2A209C306B06FFFF4CD39",
        "--where",
        "entityPayload.isRestored:is:false",
        "--detection",
        "cp_phishing",
        "--detection",
        "ms_spam",
        "--detection-op",
        "or",
        "--quarantined-state",
        "cp_quarantined_by_analyst",
        "--quarantined-state",
        "ms_not_quarantined",
        "--quarantined-state-op",
        "and",
        "-o",
        "ids",
    ])
    .against(&mock)
    .run();
    assert_eq!((run.code, run.stdout.clone()), (0, format!("{id}\n")), "{run:?}");
    let sent = request_data(&mock, SEARCH);
    assert_eq!(sent.len(), 1);
    let item = |name: &str, op: &str, value: &str| json!({"saasAttrName": name, "saasAttrOp": op, "saasAttrValue": value});
    assert_eq!(
        sent[0]["entityExtendedFilter"],
        json!([
            item("entityPayload.isOutgoing", "is", "true"),
            item("entityPayload.fromDomain", "is", "evil.example"),
            item("entityPayload.fromName", "contains", "Payroll"),
            item("entityPayload.senderServerIp", "is", "198.51.100.25"),
            item("entityPayload.senderClientIp", "is", "203.0.113.7"),
            item("entityPayload.emailLinks", "is", "https://payroll-portal.evil.example/login"),
            item("entityPayload.attachments.MD5", "is", "d5e719c11cb2a209c306b06ffff4cd39"),
            item("entityPayload.isRestored", "is", "false"),
        ])
    );
    assert_eq!(
        sent[0]["entityDetectionResolutionFilter"],
        json!({
            "cpDetection": ["cp_phishing"],
            "msDetection": ["ms_spam"],
            "detectionOp": "OR",
            "cpQuarantinedState": "cp_quarantined_by_analyst",
            "msQuarantinedState": "ms_not_quarantined",
            "quarantinedStateOp": "AND",
        })
    );
}

#[test]
fn a_bad_filter_value_exits_2_before_any_request() {
    let mock = MockGateway::start();
    for args in [
        ["--direction", "sideways"],
        ["--attachment-md5", "d5e719c1"],
        ["--detection", "cp_phish"],
        ["--quarantined-state", "ms_junk"],
    ] {
        let run = hec(&["entity", "search", "--since", "7d"]).args(&args).against(&mock).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }
    let run = hec(&["entity", "search", "--since", "7d", "--quarantined-state", "ms_quarantined"])
        .args(&["--quarantined-state", "ms_delivered_junk"])
        .against(&mock)
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: --quarantined-state: give at most one Microsoft state (the search takes one of each)\n"
    );
    assert!(mock.requests().is_empty());
}

#[test]
fn mock_the_detection_filters_find_the_campaign() {
    let search = |args: &[&str]| {
        let run = hec(&["--mock", "entity", "search", "--since", "7d", "-o", "ids"]).args(args).run();
        assert_eq!(run.code, 0, "{run:?}");
        let mut ids: Vec<String> = run.stdout.lines().map(str::to_owned).collect();
        ids.sort();
        ids
    };
    let mut campaign: Vec<String> = demo::CAMPAIGN_ENTITY_IDS.iter().map(|id| (*id).to_owned()).collect();
    campaign.sort();
    assert_eq!(search(&["--detection", "cp_phishing"]), campaign);
    let mut not_quarantined: Vec<String> = campaign
        .iter()
        .filter(|id| !demo::QUARANTINED_CAMPAIGN_ENTITY_IDS.contains(&id.as_str()))
        .cloned()
        .collect();
    not_quarantined.sort();
    assert_eq!(
        search(&["--detection", "cp_phishing", "--quarantined-state", "cp_not_quarantined"]),
        not_quarantined
    );
}
