//! The demo tenant's security events: `POST /event/query`, `GET /event/{id}`, and
//! `POST /action/event` (dismiss) with the task it leaves.

use crate::support::{
    ago, all_pages, api_get, api_post, assert_logical_failure, data, event_ids, hours, poll, poll_until_done,
    token,
};
use hec_fixtures::mock::{MockGateway, demo};
use serde_json::{Value, json};

const QUERY: &str = "/event/query";

const NEW_PHISHING: &str = "61f83c7c454956d7c0b903e2c0a96b02";
const DETECTED_PHISHING: &str = "ce5d19b5605ca7789fa259ce49913c3c";
const SUSPICIOUS: &str = "875a55ec610f099e14e13f9df1e7a546";
const MALWARE: &str = "db94a54a2ba3c457e0a557129861d8db";
const DLP: &str = "dce7b22d7ffb6a0beacfdf05e9dc8eda";
const DISMISSED: &str = "5f05376248b2ae30d2752279984b8ef9";
const REMEDIATED_PHISHING: &str = "3f4fdbe46e350f725526b0daaeea6d0a";

fn tenant() -> (MockGateway, String) {
    let mock = MockGateway::start();
    let token = token(&mock);
    (mock, token)
}

/// The event ids of every page of a query: `requestData` is the last week plus `extra`.
fn found(mock: &MockGateway, token: &str, extra: Value) -> Vec<String> {
    let mut request_data = json!({"startDate": ago(hours(7 * 24))});
    for (name, value) in extra.as_object().unwrap() {
        request_data[name] = value.clone();
    }
    all_pages(mock, token, QUERY, request_data).iter().flat_map(|(items, _)| event_ids(items)).collect()
}

#[test]
fn the_last_week_holds_all_seven_events_newest_first_in_pages_of_four() {
    let (mock, token) = tenant();
    let pages = all_pages(&mock, &token, QUERY, json!({"startDate": ago(hours(7 * 24))}));
    assert_eq!(pages.iter().map(|(items, _)| items.len()).collect::<Vec<_>>(), [4, 3]);
    assert_eq!(pages[1].1, "");
    let ids: Vec<String> = pages.iter().flat_map(|(items, _)| event_ids(items)).collect();
    assert_eq!(
        ids,
        [NEW_PHISHING, DETECTED_PHISHING, SUSPICIOUS, MALWARE, DLP, DISMISSED, REMEDIATED_PHISHING]
    );
    assert_eq!(ids, demo::event_ids());
}

#[test]
fn types_states_severities_saas_and_ids_filter() {
    let (mock, token) = tenant();
    assert_eq!(
        found(&mock, &token, json!({"eventTypes": ["phishing"]})),
        [NEW_PHISHING, DETECTED_PHISHING, REMEDIATED_PHISHING]
    );
    assert_eq!(found(&mock, &token, json!({"eventTypes": ["malware", "dlp"]})), [MALWARE, DLP]);
    assert_eq!(found(&mock, &token, json!({"eventStates": ["new"]})), [NEW_PHISHING, DLP]);
    assert_eq!(found(&mock, &token, json!({"severities": [5]})), [MALWARE, REMEDIATED_PHISHING]);
    assert_eq!(found(&mock, &token, json!({"severities": ["4"]})), [NEW_PHISHING, DETECTED_PHISHING]);
    assert_eq!(found(&mock, &token, json!({"saas": ["google_mail"]})), [SUSPICIOUS, DISMISSED]);
    assert_eq!(found(&mock, &token, json!({"eventIds": [MALWARE]})), [MALWARE]);
    assert_eq!(
        found(&mock, &token, json!({"eventTypes": ["phishing"], "eventStates": ["new", "detected"]})),
        [NEW_PHISHING, DETECTED_PHISHING]
    );
    assert_eq!(found(&mock, &token, json!({"eventTypes": ["spam"]})), Vec::<String>::new());
    assert_eq!(found(&mock, &token, json!({"description": "CUSTOMER LIST"})), [DLP]);
}

#[test]
fn start_and_end_dates_bound_the_creation_time() {
    let (mock, token) = tenant();
    let request_data = json!({"startDate": ago(hours(20)), "endDate": ago(hours(3))});
    let ids: Vec<String> = all_pages(&mock, &token, QUERY, request_data)
        .iter()
        .flat_map(|(items, _)| event_ids(items))
        .collect();
    assert_eq!(ids, [SUSPICIOUS, MALWARE]);
}

#[test]
fn a_missing_start_date_is_the_live_logical_failure() {
    let (mock, token) = tenant();
    let reply = api_post(&mock, &token, QUERY, &json!({"requestData": {"eventTypes": ["phishing"]}}));
    assert_logical_failure(&reply, "requestData.startDate is required");
}

#[test]
fn an_event_is_answered_in_a_list_of_one() {
    let (mock, token) = tenant();
    let items = data(&api_get(&mock, &token, &format!("/event/{NEW_PHISHING}")));
    assert_eq!(items.len(), 1);
    let event = &items[0];
    assert_eq!(event["eventId"], NEW_PHISHING);
    assert_eq!(event["type"], "phishing");
    assert_eq!(event["state"], "new");
    assert_eq!(event["severity"], "4");
    assert_eq!(event["saas"], "office365_emails");
    assert_eq!(event["entityId"], demo::campaign_entity_ids()[0]);
    assert_eq!(event["customerId"], "demo-tenant");
    assert_eq!(
        event["description"],
        "Phishing email from payroll@evil.example - 'Payroll update: action required' (alice@acme.example's mailbox)"
    );
    assert_eq!(event["availableEventActions"], json!([{"actionName": "dismiss"}]));
    let created = event["eventCreated"].as_str().unwrap();
    assert!(created.ends_with("+00:00"), "{created}");
    let age = jiff::Timestamp::now().duration_since(created.parse().unwrap()).as_secs();
    assert!((50 * 60..50 * 60 + 10).contains(&age), "created {age} s ago");
}

#[test]
fn an_unknown_event_is_an_empty_list_and_a_garbage_id_a_logical_failure() {
    let (mock, token) = tenant();
    assert_eq!(data(&api_get(&mock, &token, "/event/00000000000000000000000000000000")), Vec::<Value>::new());
    assert_logical_failure(&api_get(&mock, &token, "/event/%2e%2e"), "invalid event id");
}

#[test]
fn dismiss_makes_a_task_that_sets_the_state_to_dismissed() {
    let (mock, token) = tenant();
    let body = json!({"requestData": {"eventIds": [NEW_PHISHING, DLP], "eventActionName": "dismiss"}});
    assert_eq!(
        data(&api_post(&mock, &token, "/action/event", &body)),
        [
            json!({"eventId": NEW_PHISHING, "taskId": "1767225600001000"}),
            json!({"eventId": DLP, "taskId": "1767225600001000"}),
        ]
    );
    assert_eq!(
        poll_until_done(&mock, &token, demo::FIRST_ACTION_TASK_ID),
        [("init".to_owned(), 0), ("inprogress".to_owned(), 1), ("completed".to_owned(), 2)]
    );
    let task = poll(&mock, &token, demo::FIRST_ACTION_TASK_ID).unwrap().json()["responseData"].clone();
    assert_eq!(task["actions"][0]["action_id"], format!("Dismiss_{NEW_PHISHING}"));
    assert_eq!(task["actions"][0]["action_message"], "Event was dismissed");
    let event = data(&api_get(&mock, &token, &format!("/event/{NEW_PHISHING}"))).remove(0);
    assert_eq!(event["state"], "dismissed");
    assert_eq!(event["availableEventActions"], json!([]));
    assert_eq!(found(&mock, &token, json!({"eventStates": ["dismissed"]})), [NEW_PHISHING, DLP, DISMISSED]);
}

#[test]
fn entity_and_event_actions_share_the_task_numbering() {
    let (mock, token) = tenant();
    let quarantine = json!({"requestData": {"entityIds": [demo::campaign_entity_ids()[0]], "entityActionName": "quarantine"}});
    let dismiss = json!({"requestData": {"eventIds": [NEW_PHISHING], "eventActionName": "dismiss"}});
    assert_eq!(
        data(&api_post(&mock, &token, "/action/entity", &quarantine))[0]["taskId"],
        "1767225600001000"
    );
    assert_eq!(data(&api_post(&mock, &token, "/action/event", &dismiss))[0]["taskId"], "1767225600001001");
}

#[test]
fn refused_dismissals_are_logical_failures() {
    let (mock, token) = tenant();
    let cases = [
        (
            json!({"eventIds": ["00000000000000000000000000000000"], "eventActionName": "dismiss"}),
            "event not found: 00000000000000000000000000000000",
        ),
        (
            json!({"eventIds": ["a/b"], "eventActionName": "dismiss"}),
            "invalid event id in requestData.eventIds",
        ),
        (
            json!({"eventIds": [NEW_PHISHING], "eventActionName": "delete"}),
            r#"unknown eventActionName "delete""#,
        ),
        (json!({"eventIds": []}), "requestData.eventActionName is required"),
    ];
    for (request_data, text) in cases {
        assert_logical_failure(
            &api_post(&mock, &token, "/action/event", &json!({ "requestData": request_data })),
            text,
        );
    }
}
