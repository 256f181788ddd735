//! The search's `entityDetectionResolutionFilter` and the extended filters Check Point's XSOAR
//! client sends, on the demo tenant.

use crate::support::{
    ago, all_pages, api_post, assert_logical_failure, data, entity_ids, hours, poll_until_done, token,
};
use hec_fixtures::mock::{MockGateway, demo};
use serde_json::{Value, json};

const MALWARE: &str = "52cb13f84a7b17a4f0c6842f442681d2";
const DLP: &str = "a394aa672eaaf2ca4e404113d700e696";
const CEO: &str = "623501a91997afba221434cabdeb1122";
const NEWSLETTER: &str = "29b5f14f533fe195cb27da76bb1fff5b";

/// The ids an `office365_emails` search of the last 30 days finds with these filters.
fn found(mock: &MockGateway, token: &str, extended: Value, detection: Value) -> Vec<String> {
    let query = json!({
        "entityFilter": {"saas": "office365_emails", "startDate": ago(hours(30 * 24))},
        "entityExtendedFilter": extended,
        "entityDetectionResolutionFilter": detection,
    });
    all_pages(mock, token, "/search/query", query).iter().flat_map(|(items, _)| entity_ids(items)).collect()
}

fn detection(mock: &MockGateway, token: &str, filter: Value) -> Vec<String> {
    found(mock, token, json!([]), filter)
}

fn filter(name: &str, op: &str, value: &str) -> Value {
    json!({"saasAttrName": format!("entityPayload.{name}"), "saasAttrOp": op, "saasAttrValue": value})
}

#[test]
fn check_point_detections_follow_the_combined_verdicts() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let campaign_and_ceo: Vec<&str> = demo::CAMPAIGN_ENTITY_IDS.iter().copied().chain([CEO]).collect();
    assert_eq!(detection(&mock, &token, json!({"cpDetection": ["cp_phishing"]})), campaign_and_ceo);
    assert_eq!(detection(&mock, &token, json!({"cpDetection": ["cp_malicious", "cp_leak"]})), [MALWARE, DLP]);
    assert_eq!(detection(&mock, &token, json!({"cpDetection": ["cp_spam"]})), [NEWSLETTER]);
    assert_eq!(detection(&mock, &token, json!({"cpDetection": ["cp_malicious_url"]})), Vec::<String>::new());
    let clean = detection(&mock, &token, json!({"cpDetection": ["cp_clean"]}));
    // 18 in office365_emails: 7 phishing, a spam, a malware and a leak; the other 8 are clean.
    assert_eq!(clean.len(), 8, "{clean:?}");
}

#[test]
fn two_detection_lists_join_by_and_or_or() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let both = |op: &str| {
        detection(
            &mock,
            &token,
            json!({"cpDetection": ["cp_malicious"], "msDetection": ["ms_spam"], "detectionOp": op}),
        )
    };
    assert_eq!(both("OR"), [NEWSLETTER, MALWARE]);
    assert_eq!(both("AND"), Vec::<String>::new());
    let and = detection(
        &mock,
        &token,
        json!({"cpDetection": ["cp_malicious"], "msDetection": ["ms_malware"], "detectionOp": "AND"}),
    );
    assert_eq!(and, [MALWARE]);
}

#[test]
fn quarantine_states_tell_check_point_from_an_analyst_and_microsoft_from_check_point() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let by_cp = vec![MALWARE, demo::CAMPAIGN_ENTITY_IDS[4], demo::CAMPAIGN_ENTITY_IDS[5]];
    assert_eq!(detection(&mock, &token, json!({"cpQuarantinedState": "cp_quarantined_by_cp"})), by_cp);
    assert_eq!(detection(&mock, &token, json!({"cpQuarantinedState": "all"})), by_cp);
    assert_eq!(
        detection(&mock, &token, json!({"cpQuarantinedState": "cp_quarantined_by_analyst"})),
        Vec::<String>::new()
    );
    assert_eq!(detection(&mock, &token, json!({"msQuarantinedState": "ms_quarantined"})), [MALWARE]);
    assert_eq!(detection(&mock, &token, json!({"msQuarantinedState": "ms_delivered_junk"})), [NEWSLETTER]);
    let and = json!({"cpQuarantinedState": "all", "msQuarantinedState": "ms_not_quarantined", "quarantinedStateOp": "AND"});
    assert_eq!(detection(&mock, &token, and), [demo::CAMPAIGN_ENTITY_IDS[4], demo::CAMPAIGN_ENTITY_IDS[5]]);
    // An analyst quarantines the campaign's newest mail through the API.
    let acted = api_post(
        &mock,
        &token,
        "/action/entity",
        &json!({"requestData": {"entityIds": [demo::CAMPAIGN_ENTITY_IDS[0]], "entityActionName": "quarantine"}}),
    );
    let task = data(&acted)[0]["taskId"].as_str().expect("a task id").to_owned();
    poll_until_done(&mock, &token, &task);
    assert_eq!(
        detection(&mock, &token, json!({"cpQuarantinedState": "cp_quarantined_by_analyst"})),
        [demo::CAMPAIGN_ENTITY_IDS[0]]
    );
    assert_eq!(detection(&mock, &token, json!({"cpQuarantinedState": "all"})).len(), 4);
}

#[test]
fn unknown_detection_values_get_the_logical_failure() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let query = json!({"requestData": {
        "entityFilter": {"saas": "office365_emails", "startDate": ago(hours(24))},
        "entityDetectionResolutionFilter": {"cpQuarantinedState": "quarantined_by_nobody"},
    }});
    assert_logical_failure(
        &api_post(&mock, &token, "/search/query", &query),
        r#"unknown entityDetectionResolutionFilter.cpQuarantinedState value "quarantined_by_nobody""#,
    );
}

#[test]
fn the_extended_filters_xsoar_sends_find_the_demo_mail() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let one = |extended: Value| found(&mock, &token, extended, json!({}));
    let campaign: Vec<&str> = demo::CAMPAIGN_ENTITY_IDS.to_vec();
    assert_eq!(one(json!([filter("isOutgoing", "is", "true")])), [DLP]);
    assert_eq!(one(json!([filter("isInternal", "is", "true")])).len(), 4);
    assert_eq!(
        one(json!([filter("isIncoming", "is", "true"), filter("fromDomain", "is", "evil.example")])),
        campaign
    );
    assert_eq!(one(json!([filter("fromName", "contains", "payroll")])), campaign);
    let server = data(&crate::support::api_get(&mock, &token, &format!("/search/entity/{}", campaign[0])))[0]
        ["entityPayload"]["senderServerIp"]
        .as_str()
        .expect("a server address")
        .to_owned();
    assert_eq!(one(json!([filter("senderServerIp", "is", &server)])), campaign);
    assert_eq!(one(json!([filter("senderClientIp", "is", "198.51.100.21")])), [MALWARE]);
    assert_eq!(one(json!([filter("emailLinks", "contains", "payroll-portal")])), campaign);
    assert_eq!(one(json!([filter("attachments.MD5", "is", "f0c6842f442681d252cb13f84a7b17a4")])), [MALWARE]);
    assert_eq!(one(json!([filter("attachmentCount", "greaterThan", "0")])).len(), 4);
    assert_eq!(
        one(json!([
            filter("isRestoreRequested", "is", "true"),
            filter("isRestoreDeclined", "isNot", "true"),
            filter("isRestored", "isNot", "true")
        ])),
        [MALWARE, demo::CAMPAIGN_ENTITY_IDS[4]]
    );
}
