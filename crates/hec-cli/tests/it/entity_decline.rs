//! `hec entity decline ID...|- [--reason TEXT]`: the action `decline_restore_request` with its
//! reason, printed, waited for and dry-run exactly as quarantine and restore are.

use hec_fixtures::mock::{Fault, MockGateway, TaskScript, TaskStep};

use crate::acts_support::{ACT_ON_ENTITIES, answer, hex_id, refusal, request_data, script, texts};
use crate::support::{FAST, hec};

/// An action's answer: every id in one task.
fn tasks_for(ids: &[String], task: &str) -> Fault {
    let items: Vec<String> =
        ids.iter().map(|id| format!(r#"{{"entityId":"{id}","taskId":"{task}"}}"#)).collect();
    answer(&format!("[{}]", items.join(",")), None)
}

#[test]
fn decline_sends_the_action_and_its_reason_and_prints_each_task() {
    let mock = MockGateway::start();
    let ids = [hex_id(1), hex_id(2)];
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids, "1691525788820901")]);
    let run = hec(&[
        "entity",
        "decline",
        &ids[0],
        &ids[1],
        "--reason",
        "Confirmed phishing",
        "--saas",
        "google_mail",
    ])
    .against(&mock)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{} task 1691525788820901\n{} task 1691525788820901\n", ids[0], ids[1]));
    let sent = request_data(&mock, ACT_ON_ENTITIES);
    assert_eq!(sent.len(), 1);
    assert_eq!(texts(&sent[0]["entityIds"]), ids);
    assert_eq!(sent[0]["entityType"], "google_mail_email");
    assert_eq!(sent[0]["entityActionName"], "decline_restore_request");
    assert_eq!(sent[0]["restoreDeclineReason"], "Confirmed phishing");
}

#[test]
fn without_a_reason_none_is_sent_and_ids_come_from_stdin() {
    let mock = MockGateway::start();
    let ids = [hex_id(3), hex_id(4)];
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids, "77")]);
    let run = hec(&["entity", "decline", "-", "-o", "ids"]).stdin(&ids.join("\n")).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, "77\n"), "{run:?}");
    let sent = request_data(&mock, ACT_ON_ENTITIES);
    assert_eq!(sent[0]["entityActionName"], "decline_restore_request");
    assert!(sent[0].get("restoreDeclineReason").is_none(), "{:?}", sent[0]);
}

#[test]
fn wait_waits_for_the_task_as_task_wait_does() {
    let mock = MockGateway::start();
    let id = hex_id(5);
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(std::slice::from_ref(&id), "96")]);
    mock.script_task(
        "96",
        TaskScript::polls([TaskStep::new("inprogress").total(1), TaskStep::new("failed").total(1)]),
    );
    let run = hec(&["entity", "decline", &id, "--wait", "-o", "json"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 1, "a failed task exits 1: {run:?}");
    let lines = run.json_lines();
    assert_eq!(lines[0]["taskId"], "96");
    assert_eq!(lines[1]["status"], "failed");
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let mock = MockGateway::start();
    let id = hex_id(6);
    let run =
        hec(&["entity", "decline", &id, "--reason", "still\nphishing", "--dry-run"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "POST /app/hec-api/v1.0/action/entity {{\"requestData\":{{\"entityIds\":[\"{id}\"],\"entityType\":\"office365_emails_email\",\"entityActionName\":\"decline_restore_request\",\"restoreDeclineReason\":\"still\\nphishing\"}}}}\n"
        )
    );
    assert!(mock.requests().is_empty());
}

#[test]
fn a_refusal_exits_4_and_a_5xx_is_not_sent_again_naming_how_to_check() {
    let mock = MockGateway::start();
    script(&mock, ACT_ON_ENTITIES, vec![refusal()]);
    let run = hec(&["entity", "decline", &hex_id(7)]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    let mock = MockGateway::start();
    script(&mock, ACT_ON_ENTITIES, vec![Fault::status(503).into()]);
    let run = hec(&["entity", "decline", &hex_id(7)]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert_eq!(mock.requests_to(ACT_ON_ENTITIES).len(), 1);
    assert!(run.stderr.contains("entityPayload.isRestoreDeclined:is:true"), "{run:?}");
}

#[test]
fn mock_the_demo_tenants_restore_requests_are_declined() {
    let search = hec(&["--mock", "entity", "search", "--since", "7d"])
        .args(&["--where", "entityPayload.isRestoreRequested:is:true", "-o", "ids"])
        .run();
    let requested: Vec<&str> = search.stdout.lines().collect();
    assert!(!requested.is_empty(), "the demo tenant has restore requests: {search:?}");
    let run =
        hec(&["--mock", "entity", "decline", "-", "--reason", "still phishing"]).stdin(&search.stdout).run();
    assert_eq!(run.code, 0, "{run:?}");
    let expected: Vec<String> = requested
        .iter()
        .map(|id| format!("{id} task {}", hec_fixtures::mock::demo::FIRST_ACTION_TASK_ID))
        .collect();
    assert_eq!(run.stdout.lines().collect::<Vec<_>>(), expected);
}
