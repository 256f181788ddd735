//! What an analyst does beside quarantine and restore, stateful in the demo tenant:
//! `POST /soar/notify`, `POST /report/mis-classification` and the entity action
//! `decline_restore_request`.

use crate::support::{api_get, api_post, assert_logical_failure, data, poll_until_done, token};
use hec_fixtures::mock::{MockGateway, demo};
use serde_json::{Value, json};

const UNKNOWN: &str = "00000000000000000000000000000000";
const MALWARE: &str = "52cb13f84a7b17a4f0c6842f442681d2";

fn entity(mock: &MockGateway, token: &str, id: &str) -> Value {
    data(&api_get(mock, token, &format!("/search/entity/{id}")))[0].clone()
}

fn last_action(mail: &Value) -> (Value, Value) {
    let actions = mail["entityActions"].as_array().expect("entityActions");
    let last = actions.last().expect("an action");
    (last["entityActionName"].clone(), last["entityActionState"].clone())
}

#[test]
fn notify_answers_a_bare_ok_and_the_mail_remembers_whom_it_told() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let id = demo::CAMPAIGN_ENTITY_IDS[1];
    let body = json!({"requestData": {"entityId": id, "emails": ["bob@acme.example", "carol@acme.example"]}});
    let told = api_post(&mock, &token, "/soar/notify", &body);
    assert_eq!((told.status, told.json()), (200, json!({"ok": true})));
    let again = json!({"requestData": {"entityId": id, "emails": ["bob@acme.example"]}});
    assert_eq!(api_post(&mock, &token, "/soar/notify", &again).json(), json!({"ok": true}));
    let mail = entity(&mock, &token, id);
    assert_eq!(
        mail["entityPayload"]["notifiedRecipients"],
        json!(["bob@acme.example", "carol@acme.example"])
    );
    assert_eq!(last_action(&mail), (json!("notify"), json!("notified")));
}

#[test]
fn notify_is_not_ok_for_an_unknown_entity_or_no_emails() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let id = demo::CAMPAIGN_ENTITY_IDS[0];
    for request_data in [
        json!({"entityId": UNKNOWN, "emails": ["bob@acme.example"]}),
        json!({"entityId": id, "emails": []}),
        json!({"entityId": id}),
        json!({"entityId": id, "emails": ["not an address"]}),
        json!({"entityId": id, "emails": [7]}),
        json!({"emails": ["bob@acme.example"]}),
    ] {
        let reply = api_post(&mock, &token, "/soar/notify", &json!({ "requestData": request_data }));
        assert_eq!((reply.status, reply.json()), (200, json!({"ok": false})), "{request_data}");
    }
    assert_eq!(entity(&mock, &token, id)["entityPayload"].get("notifiedRecipients"), None);
    assert_eq!(api_post(&mock, &token, "/soar/notify", &json!({"entityId": id})).status, 400);
}

#[test]
fn a_mis_classification_report_is_an_empty_success_and_shows_on_each_mail() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let ids = [demo::CAMPAIGN_ENTITY_IDS[2], "14b2bd700d6a555e4c6a86b54fabd04a"];
    let body =
        json!({"requestData": {"entityIds": ids, "classification": "marketing_email", "confident": "very"}});
    let reply = api_post(&mock, &token, "/report/mis-classification", &body);
    assert_eq!(data(&reply), Vec::<Value>::new());
    assert_eq!(reply.json()["responseEnvelope"]["recordsNumber"], 0);
    for id in ids {
        let mail = entity(&mock, &token, id);
        assert_eq!(mail["entityPayload"]["reportedClassification"], "marketing_email");
        assert_eq!(mail["entityPayload"]["reportedConfidence"], "very");
        assert_eq!(
            last_action(&mail),
            (json!("report_mis_classification"), json!("reported_marketing_email"))
        );
    }
}

#[test]
fn a_report_of_unknown_ids_or_values_is_the_logical_failure_and_changes_nothing() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let known = demo::CAMPAIGN_ENTITY_IDS[3];
    for (request_data, text) in [
        (
            json!({"entityIds": [known, UNKNOWN], "classification": "spam", "confident": "medium"}),
            format!("entity not found: {UNKNOWN}"),
        ),
        (
            json!({"entityIds": [known], "classification": "ham", "confident": "medium"}),
            r#"unknown classification "ham""#.to_owned(),
        ),
        (
            json!({"entityIds": [known], "classification": "spam", "confident": "sure"}),
            r#"unknown confident "sure""#.to_owned(),
        ),
        (
            json!({"entityIds": [known], "classification": "spam"}),
            "requestData.confident is required".to_owned(),
        ),
        (
            json!({"entityIds": [], "classification": "spam", "confident": "very"}),
            "requestData.entityIds is empty".to_owned(),
        ),
        (
            json!({"entityIds": ["a/b"], "classification": "spam", "confident": "very"}),
            "invalid entity id in requestData.entityIds".to_owned(),
        ),
    ] {
        let reply =
            api_post(&mock, &token, "/report/mis-classification", &json!({ "requestData": request_data }));
        assert_logical_failure(&reply, &text);
    }
    assert_eq!(entity(&mock, &token, known)["entityPayload"].get("reportedClassification"), None);
}

#[test]
fn declining_a_restore_request_is_a_task_that_sets_is_restore_declined() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let before = entity(&mock, &token, MALWARE);
    assert_eq!(before["entityPayload"]["isRestoreRequested"], true);
    assert!(before["entityPayload"]["restoreRequestTime"].is_string(), "{before}");
    assert_eq!(before["entityPayload"]["isRestoreDeclined"], false);
    let body = json!({"requestData": {
        "entityIds": [MALWARE], "entityType": "office365_emails_email",
        "entityActionName": "decline_restore_request", "restoreDeclineReason": "Still malicious",
    }});
    let acted = api_post(&mock, &token, "/action/entity", &body);
    let task = data(&acted)[0]["taskId"].as_str().expect("a task id").to_owned();
    assert_eq!(
        entity(&mock, &token, MALWARE)["entityPayload"]["isRestoreDeclined"],
        false,
        "not before the task runs"
    );
    let statuses: Vec<String> =
        poll_until_done(&mock, &token, &task).into_iter().map(|(status, _)| status).collect();
    assert_eq!(statuses, ["init", "inprogress", "completed"]);
    let done = crate::support::poll(&mock, &token, &task).expect("the mock answers").json();
    assert_eq!(done["responseData"]["actions"][0]["action_message"], "Restore request was declined");
    let after = entity(&mock, &token, MALWARE);
    assert_eq!(after["entityPayload"]["isRestoreDeclined"], true);
    assert_eq!(after["entityPayload"]["restoreDeclineReason"], "Still malicious");
    assert_eq!(after["entityPayload"]["isQuarantined"], true, "the mail stays quarantined");
    assert_eq!(last_action(&after), (json!("decline_restore_request"), json!("restore_declined")));
}

#[test]
fn declining_where_no_restore_was_requested_completes_with_a_message_and_changes_nothing() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let id = demo::CAMPAIGN_ENTITY_IDS[5];
    let body = json!({"requestData": {"entityIds": [id], "entityActionName": "decline_restore_request"}});
    let task = data(&api_post(&mock, &token, "/action/entity", &body))[0]["taskId"]
        .as_str()
        .expect("a task")
        .to_owned();
    poll_until_done(&mock, &token, &task);
    let done = crate::support::poll(&mock, &token, &task).expect("the mock answers").json();
    assert_eq!(done["responseData"]["actions"][0]["action_message"], "No restore request to decline");
    assert_eq!(entity(&mock, &token, id)["entityPayload"]["isRestoreDeclined"], false);
    let bad = json!({"requestData": {"entityIds": [id], "entityActionName": "decline_restore_request", "restoreDeclineReason": 5}});
    assert_logical_failure(
        &api_post(&mock, &token, "/action/entity", &bad),
        "requestData.restoreDeclineReason must be a string",
    );
}

#[test]
fn an_event_action_quarantines_or_restores_the_events_mail() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let event = demo::event_ids()[0];
    let body = json!({"requestData": {"eventIds": [event], "eventActionName": "quarantine"}});
    let items = data(&api_post(&mock, &token, "/action/event", &body));
    assert_eq!(items, [json!({"eventId": event, "taskId": demo::FIRST_ACTION_TASK_ID})]);
    poll_until_done(&mock, &token, demo::FIRST_ACTION_TASK_ID);
    assert_eq!(entity(&mock, &token, demo::CAMPAIGN_ENTITY_IDS[0])["entityPayload"]["isQuarantined"], true);
}
