//! The demo tenant's mail actions, `POST /action/entity`, and the tasks they leave.

use crate::support;

use crate::support::{
    ago, all_pages, api_get, api_post, assert_logical_failure, data, entity_ids, hours, poll,
    poll_until_done, token,
};
use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep, demo};
use serde_json::{Value, json};

const ACT: &str = "/action/entity";

fn tenant() -> (MockGateway, String) {
    let mock = MockGateway::start();
    let token = token(&mock);
    (mock, token)
}

fn act(mock: &MockGateway, token: &str, action: &str, ids: &[&str]) -> support::Reply {
    let body = json!({"requestData": {"entityIds": ids, "entityType": "office365_emails_email", "entityActionName": action}});
    api_post(mock, token, ACT, &body)
}

/// The campaign's quarantined messages, newest first, as a search sees them.
fn quarantined_campaign(mock: &MockGateway, token: &str) -> Vec<String> {
    let request_data = json!({
        "entityFilter": {"saas": "office365_emails", "startDate": ago(hours(7 * 24))},
        "entityExtendedFilter": [
            {"saasAttrName": "entityPayload.fromEmail", "saasAttrOp": "is", "saasAttrValue": demo::CAMPAIGN_SENDER},
            {"saasAttrName": "entityPayload.isQuarantined", "saasAttrOp": "is", "saasAttrValue": "true"},
        ],
    });
    all_pages(mock, token, "/search/query", request_data)
        .iter()
        .flat_map(|(items, _)| entity_ids(items))
        .collect()
}

fn entity(mock: &MockGateway, token: &str, id: &str) -> Value {
    data(&api_get(mock, token, &format!("/search/entity/{id}"))).remove(0)
}

fn task(mock: &MockGateway, token: &str, id: &str) -> Value {
    poll(mock, token, id).unwrap().json()["responseData"].clone()
}

#[test]
fn quarantine_makes_one_task_for_all_its_entities() {
    let (mock, token) = tenant();
    let ids = &demo::campaign_entity_ids()[..4];
    let reply = act(&mock, &token, "quarantine", ids);
    assert_eq!(
        data(&reply),
        ids.iter().map(|id| json!({"entityId": id, "taskId": "1767225600001000"})).collect::<Vec<_>>()
    );
    assert_eq!(reply.json()["responseEnvelope"]["recordsNumber"], 4);
}

#[test]
fn quarantine_completes_over_polls_and_then_a_search_shows_the_mail_quarantined() {
    let (mock, token) = tenant();
    assert_eq!(quarantined_campaign(&mock, &token), demo::quarantined_campaign_entity_ids());
    let ids = &demo::campaign_entity_ids()[..4];
    act(&mock, &token, "quarantine", ids);
    assert_eq!(
        poll_until_done(&mock, &token, demo::FIRST_ACTION_TASK_ID),
        [("init".to_owned(), 0), ("inprogress".to_owned(), 2), ("completed".to_owned(), 4)]
    );
    assert_eq!(quarantined_campaign(&mock, &token), demo::campaign_entity_ids());
    let quarantined = entity(&mock, &token, ids[0]);
    assert_eq!(quarantined["entityPayload"]["isQuarantined"], true);
    assert_eq!(quarantined["entityPayload"]["isRestored"], false);
    assert_eq!(quarantined["entityInfo"]["entityActionState"], "quarantined");
    assert_eq!(quarantined["entityAvailableActions"], json!([{"entityActionName": "restore"}]));
    assert_eq!(quarantined["entityActions"][0]["entityActionName"], "quarantine");
}

#[test]
fn the_completed_task_has_one_action_per_entity_with_its_message() {
    let (mock, token) = tenant();
    let ids = [demo::campaign_entity_ids()[0], demo::campaign_entity_ids()[5]];
    act(&mock, &token, "quarantine", &ids);
    let first = task(&mock, &token, demo::FIRST_ACTION_TASK_ID);
    assert_eq!((first["status"].clone(), first["total"].clone()), (json!("init"), json!(2)));
    let statuses: Vec<&Value> =
        first["actions"].as_array().unwrap().iter().map(|a| &a["action_status"]).collect();
    assert_eq!(statuses, [&json!("init"), &json!("init")]);
    let second = task(&mock, &token, demo::FIRST_ACTION_TASK_ID);
    assert_eq!(second["status"], "inprogress");
    assert_eq!(second["actions"][0]["action_status"], "completed");
    assert_eq!(second["actions"][1]["action_status"], "inprogress");
    let done = task(&mock, &token, demo::FIRST_ACTION_TASK_ID);
    assert_eq!(done["id"], 1767225600001000_u64);
    assert_eq!(done["status"], "completed");
    assert_eq!(
        (done["progress"].clone(), done["succeed"].clone(), done["failed"].clone()),
        (json!(2), json!(2), json!(0))
    );
    assert_eq!(done["name"], "Office365 Emails Manual Action");
    assert_eq!(done["type"], "office365_emails_manual_action");
    let actions = done["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2);
    assert_eq!(actions[0]["action_id"], format!("Quarantine_{}", ids[0]));
    assert_eq!(actions[0]["action_name"], format!("Quarantine {}", ids[0]));
    assert_eq!(actions[0]["action_message"], "Message was quarantined");
    assert_eq!(actions[1]["action_message"], "Message is already quarantined");
    assert_eq!(actions[1]["action_status"], "completed");
}

#[test]
fn restoring_mail_that_is_not_quarantined_completes_with_the_live_message() {
    let (mock, token) = tenant();
    let id = demo::campaign_entity_ids()[0];
    let reply = act(&mock, &token, "restore", &[id]);
    assert_eq!(data(&reply), [json!({"entityId": id, "taskId": "1767225600001000"})]);
    assert_eq!(
        poll_until_done(&mock, &token, demo::FIRST_ACTION_TASK_ID),
        [("init".to_owned(), 0), ("inprogress".to_owned(), 0), ("completed".to_owned(), 1)]
    );
    let done = task(&mock, &token, demo::FIRST_ACTION_TASK_ID);
    assert_eq!(done["actions"][0]["action_message"], "Message is not quarantined..");
    assert_eq!(done["actions"][0]["action_id"], format!("Restore_{id}"));
    assert_eq!(done["succeed"], 1);
    let mail = entity(&mock, &token, id);
    assert_eq!(
        (mail["entityPayload"]["isQuarantined"].clone(), mail["entityPayload"]["isRestored"].clone()),
        (json!(false), json!(false))
    );
}

#[test]
fn restoring_quarantined_mail_releases_it() {
    let (mock, token) = tenant();
    let id = demo::quarantined_campaign_entity_ids()[0];
    act(&mock, &token, "restore", &[id]);
    poll_until_done(&mock, &token, demo::FIRST_ACTION_TASK_ID);
    assert_eq!(
        task(&mock, &token, demo::FIRST_ACTION_TASK_ID)["actions"][0]["action_message"],
        "Message was restored"
    );
    let mail = entity(&mock, &token, id);
    assert_eq!(mail["entityPayload"]["isQuarantined"], false);
    assert_eq!(mail["entityPayload"]["isRestored"], true);
    assert_eq!(mail["entityAvailableActions"], json!([{"entityActionName": "quarantine"}]));
    assert_eq!(quarantined_campaign(&mock, &token), [demo::quarantined_campaign_entity_ids()[1]]);
}

#[test]
fn task_ids_follow_the_order_action_requests_arrive_in() {
    let (mock, token) = tenant();
    let task_of = |reply: support::Reply| data(&reply)[0]["taskId"].clone();
    let ids = demo::campaign_entity_ids();
    assert_eq!(task_of(act(&mock, &token, "quarantine", &[ids[0]])), "1767225600001000");
    assert_eq!(task_of(act(&mock, &token, "restore", &[ids[1]])), "1767225600001001");
    assert_eq!(task_of(act(&mock, &token, "quarantine", &[ids[2]])), "1767225600001002");
    assert_eq!(demo::action_task_id(2), "1767225600001002");
}

#[test]
fn a_task_changes_nothing_until_it_is_polled() {
    let (mock, token) = tenant();
    let id = demo::campaign_entity_ids()[0];
    act(&mock, &token, "quarantine", &[id]);
    assert_eq!(entity(&mock, &token, id)["entityPayload"]["isQuarantined"], false);
    assert_eq!(task(&mock, &token, demo::FIRST_ACTION_TASK_ID)["status"], "init");
    assert_eq!(entity(&mock, &token, id)["entityPayload"]["isQuarantined"], false);
    assert_eq!(task(&mock, &token, demo::FIRST_ACTION_TASK_ID)["status"], "inprogress");
    assert_eq!(entity(&mock, &token, id)["entityPayload"]["isQuarantined"], false);
    assert_eq!(task(&mock, &token, demo::FIRST_ACTION_TASK_ID)["status"], "completed");
    assert_eq!(entity(&mock, &token, id)["entityPayload"]["isQuarantined"], true);
}

#[test]
fn a_large_action_ends_by_its_fourth_poll() {
    let (mock, token) = tenant();
    let all: Vec<&str> =
        demo::entity_ids().into_iter().filter(|id| !demo::campaign_entity_ids().contains(id)).collect();
    let body = json!({"requestData": {"entityIds": all, "entityActionName": "quarantine"}});
    assert_eq!(data(&api_post(&mock, &token, ACT, &body)).len(), 24);
    assert_eq!(
        poll_until_done(&mock, &token, demo::FIRST_ACTION_TASK_ID),
        [
            ("init".to_owned(), 0),
            ("inprogress".to_owned(), 8),
            ("inprogress".to_owned(), 16),
            ("completed".to_owned(), 24)
        ]
    );
    assert_eq!(task(&mock, &token, demo::FIRST_ACTION_TASK_ID)["name"], "Office365 Emails Manual Action");
}

#[test]
fn google_mail_tasks_are_named_for_google_mail() {
    let (mock, token) = tenant();
    let body = json!({"requestData": {"entityIds": ["107be0f94871d4f03db67d5a805fa154"],
                                      "entityType": "google_mail_email", "entityActionName": "quarantine"}});
    assert_eq!(data(&api_post(&mock, &token, ACT, &body)).len(), 1);
    let shown = task(&mock, &token, demo::FIRST_ACTION_TASK_ID);
    assert_eq!(
        (shown["name"].clone(), shown["type"].clone()),
        (json!("Google Mail Manual Action"), json!("google_mail_manual_action"))
    );
}

#[test]
fn the_action_name_may_be_a_list_of_one_and_repeated_ids_count_once() {
    let (mock, token) = tenant();
    let id = demo::campaign_entity_ids()[0];
    let body = json!({"requestData": {"entityIds": [id, id], "entityActionName": ["quarantine"]}});
    assert_eq!(
        data(&api_post(&mock, &token, ACT, &body)),
        [json!({"entityId": id, "taskId": "1767225600001000"})]
    );
    assert_eq!(task(&mock, &token, demo::FIRST_ACTION_TASK_ID)["total"], 1);
}

#[test]
fn refused_actions_are_logical_failures_and_make_no_task() {
    let (mock, token) = tenant();
    let known = demo::campaign_entity_ids()[0];
    let cases = [
        (
            json!({"entityIds": ["00000000000000000000000000000000"], "entityActionName": "quarantine"}),
            "entity not found: 00000000000000000000000000000000",
        ),
        (
            json!({"entityIds": ["../scopes"], "entityActionName": "quarantine"}),
            "invalid entity id in requestData.entityIds",
        ),
        (json!({"entityIds": [], "entityActionName": "quarantine"}), "requestData.entityIds is empty"),
        (json!({"entityActionName": "quarantine"}), "requestData.entityIds is required"),
        (json!({"entityIds": [known], "entityActionName": "delete"}), r#"unknown entityActionName "delete""#),
        (json!({"entityIds": [known]}), "requestData.entityActionName is required"),
        (
            json!({"entityIds": [known], "entityActionName": "quarantine", "entityType": "google_mail_email"}),
            r#"entity 980fe57cd26d5eead30865025d6b4acd is not of type "google_mail_email""#,
        ),
    ];
    for (request_data, text) in cases {
        assert_logical_failure(&api_post(&mock, &token, ACT, &json!({ "requestData": request_data })), text);
    }
    assert_eq!(entity(&mock, &token, known)["entityPayload"]["isQuarantined"], false);
    let reply = act(&mock, &token, "quarantine", &[known]);
    assert_eq!(data(&reply)[0]["taskId"], demo::FIRST_ACTION_TASK_ID, "no refused request took a task id");
}

#[test]
fn a_task_id_no_action_made_is_not_found() {
    let (mock, token) = tenant();
    let json = poll(&mock, &token, demo::FIRST_ACTION_TASK_ID).unwrap().json();
    assert_eq!(json["responseEnvelope"]["responseCode"], 422);
    assert_eq!(json["responseEnvelope"]["responseText"], "Task not found");
}

#[test]
fn a_script_given_to_the_task_id_wins_over_the_action() {
    let (mock, token) = tenant();
    act(&mock, &token, "quarantine", &[demo::campaign_entity_ids()[0]]);
    mock.script_task(demo::FIRST_ACTION_TASK_ID, TaskScript::polls([TaskStep::new("failed")]));
    assert_eq!(task(&mock, &token, demo::FIRST_ACTION_TASK_ID)["status"], "failed");
}
