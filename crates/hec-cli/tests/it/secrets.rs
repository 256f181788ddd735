//! A gateway that echoes a secret back: `hec` prints it neither in its error text nor in its
//! `-o json` error line (and `support::Hec::run` checks every run for the access key and any
//! token besides).

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

use crate::acts_support::{ACT_ON_ENTITIES, ACT_ON_EVENTS, ENTITY, EVENT, SCOPES, SEARCH, hex_id};
use crate::support::{TASK_PATH, hec};

const AUTH_PATH: &str = "/auth/external";

fn mock_with(path: &str, fault: impl Into<Fault>) -> MockGateway {
    let mock = MockGateway::start();
    mock.script_task("42", TaskScript::polls([TaskStep::new("completed")]));
    mock.fault(FaultRule::on_path(path).then(fault));
    mock
}

#[test]
fn a_gateway_echoing_the_token_gets_it_redacted_in_text() {
    let mock = mock_with(TASK_PATH, Fault::echo(500));
    let run = hec(&["task", "get", "42"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert!(
        run.stderr.starts_with("error: task 42: server error (HTTP 500, \"GET /app/hec-api/v1.0/task/42\\n"),
        "{run:?}"
    );
    assert!(run.stderr.contains("\\nauthorization: Bearer [redacted]\\n"), "{run:?}");
    assert_eq!(run.stdout, "");
}

#[test]
fn a_gateway_echoing_the_token_gets_it_redacted_in_json() {
    let mock = mock_with(TASK_PATH, Fault::echo(500));
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1);
    let error = &lines[0]["error"];
    assert_eq!(error["kind"], "server_error");
    assert_eq!(error["status"], 500);
    let message = error["message"].as_str().expect("a message");
    assert!(message.contains("\\nauthorization: Bearer [redacted]\\n"), "{message}");
}

#[test]
fn a_token_endpoint_echoing_the_request_gets_the_access_key_redacted() {
    let mock = mock_with(AUTH_PATH, Fault::echo(401));
    let run = hec(&["auth", "check", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 3, "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(error["kind"], "bad_credentials");
    let message = error["message"].as_str().expect("a message");
    assert!(message.contains(r#"\"accessKey\":\"[redacted]\""#), "{message}");
    assert!(run.stderr.contains(r#"\"accessKey\":\"[redacted]\""#), "{run:?}");
}

#[test]
fn a_401_naming_the_access_key_in_text_gets_it_redacted() {
    let mock = MockGateway::start();
    let refusal = Fault::status(401).body(format!("access-key {} is not valid", mock.access_key()));
    mock.fault(FaultRule::on_path(AUTH_PATH).then(refusal));
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 3, "{run:?}");
    let message = run.json_lines()[0]["error"]["message"].as_str().expect("a message").to_owned();
    assert!(message.ends_with("(HTTP 401, body: access-key [redacted] is not valid)"), "{message}");
    assert!(run.stderr.ends_with("body: access-key [redacted] is not valid)\n"), "{run:?}");
}

/// Runs `args` against a gateway that echoes each request to `path` in a 500, and checks that
/// the error shows the request with its token redacted, in text and in `-o json`.
fn echoed_and_redacted(path: &str, args: &[&str]) {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(path).always().then(Fault::echo(500)));
    let run = hec(args).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stderr.contains("\\nauthorization: Bearer [redacted]\\n"), "{run:?}");
    let mut json_args = args.to_vec();
    json_args.extend(["-o", "json"]);
    let run = hec(&json_args).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    let lines = run.json_lines();
    let error = &lines.last().expect("an error line")["error"];
    let message = error["message"].as_str().expect("a message");
    assert!(message.contains("\\nauthorization: Bearer [redacted]\\n"), "{message}");
}

#[test]
fn the_acting_commands_errors_have_an_echoed_token_redacted() {
    let id = hex_id(1);
    echoed_and_redacted(SCOPES, &["scopes"]);
    echoed_and_redacted(SEARCH, &["entity", "search", "--since", "7d"]);
    echoed_and_redacted(&format!("{ENTITY}{id}"), &["entity", "get", &id]);
    echoed_and_redacted(&format!("{EVENT}{id}"), &["event", "get", &id]);
}

#[test]
fn an_action_that_may_have_run_has_an_echoed_token_redacted() {
    let id = hex_id(1);
    echoed_and_redacted(ACT_ON_ENTITIES, &["entity", "quarantine", &id]);
    echoed_and_redacted(ACT_ON_EVENTS, &["event", "dismiss", &id]);
}

/// A task answer with the access key as its status, its name and an action's message.
fn task_echoing(key: &str, status: &str) -> TaskStep {
    let body = serde_json::json!({
        "responseEnvelope": {"requestId": "r-1", "responseCode": 200, "responseText": ""},
        "responseData": [{
            "id": "42", "name": key, "status": status, "progress": 1, "total": 1,
            "actions": [{"action_name": "Quarantine", "action_status": "completed", "action_message": format!("done with {key}")}]
        }]
    });
    TaskStep::response(200, [("content-type", "application/json")], body.to_string())
}

#[test]
fn a_successful_answer_echoing_the_access_key_gets_it_redacted_in_every_output() {
    let mock = MockGateway::start();
    let key = mock.access_key().to_owned();
    mock.script_task("42", TaskScript::polls([task_echoing(&key, "completed")]));
    let run = hec(&["task", "get", "42"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("task 42  [redacted]\n  status     completed\n"), "{run:?}");
    assert!(run.stdout.ends_with("    completed  Quarantine: done with [redacted]\n"), "{run:?}");
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let task = &run.json_lines()[0];
    assert_eq!(
        (&task["name"], &task["actions"][0]["action_message"]),
        (&"[redacted]".into(), &"done with [redacted]".into())
    );

    mock.script_task("42", TaskScript::polls([task_echoing(&key, &key), task_echoing(&key, "completed")]));
    let run = hec(&["task", "wait", "42", "--interval", "10ms"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains(" task 42: [redacted] 1/1\n"), "{run:?}");
    assert!(run.stdout.starts_with("task 42  [redacted]\n"), "{run:?}");
}

/// hec's message when the credentials are refused, with the word it has in common with the key
/// `wrong` of the tests below.
const REFUSED: &str = "authentication failed: the client id or access key was refused (wrong, expired, or for another region) (HTTP 401, \"Authentication failed\")";

#[test]
fn a_short_access_key_that_is_a_word_leaves_hecs_own_wording_alone() {
    let mock = MockGateway::start();
    let run = hec(&["scopes"]).against(&mock).env("HEC_ACCESS_KEY", "wrong").run();
    assert_eq!((run.code, run.stdout.as_str()), (3, ""), "{run:?}");
    assert_eq!(run.stderr, format!("error: {REFUSED}\n"));
    let run = hec(&["scopes", "-o", "json"]).against(&mock).env("HEC_ACCESS_KEY", "wrong").run();
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(run.json_lines()[0]["error"]["message"], REFUSED);
    assert_eq!(run.stderr, format!("error: {REFUSED}\n"));
}

#[test]
fn a_short_access_key_the_service_echoes_is_still_redacted_in_every_output() {
    // The key is `wrong`; `access_key` makes the run fail if any output holds the word.
    let mock = MockGateway::builder().credentials("hec-test-client", "wrong").start();
    mock.script_task("42", TaskScript::polls([task_echoing("wrong", "completed")]));
    let run = hec(&["task", "get", "42"]).against(&mock).access_key("wrong").run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("task 42  [redacted]\n  status     completed\n"), "{run:?}");
    assert!(run.stdout.ends_with("    completed  Quarantine: done with [redacted]\n"), "{run:?}");
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).access_key("wrong").run();
    assert_eq!(run.code, 0, "{run:?}");
    let task = &run.json_lines()[0];
    assert_eq!((&task["name"], &task["id"]), (&"[redacted]".into(), &"42".into()));

    mock.fault(FaultRule::on_path(SCOPES).always().then(Fault::status(200).json(
        r#"{"responseEnvelope": {"responseCode": 200, "responseText": ""}, "responseData": ["wrong", "farm:wrong"]}"#,
    )));
    let run = hec(&["scopes", "-o", "json"]).against(&mock).access_key("wrong").run();
    assert_eq!(run.stdout, "[\"[redacted]\",\"farm:[redacted]\"]\n", "{run:?}");
    let run = hec(&["scopes"]).against(&mock).access_key("wrong").run();
    assert_eq!(run.stdout, "[redacted]\nfarm:[redacted]\n", "{run:?}");
}
