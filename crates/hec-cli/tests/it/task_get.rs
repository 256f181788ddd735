//! `hec task get`: one status request, its text and JSON output, and the exit code of every way
//! a request can fail.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};
use serde_json::{Value, json};

use crate::support::{TASK_PATH, TempFile, closed_port, hec};

fn mock_with(id: &str, step: TaskStep) -> MockGateway {
    let mock = MockGateway::start();
    mock.script_task(id, TaskScript::polls([step]));
    mock
}

#[test]
fn get_prints_status_progress_counts_times_and_each_action() {
    let mock = mock_with("1691529376887109", TaskStep::new("inprogress").progress(1).total(3).succeed(1));
    let run = hec(&["task", "get", "1691529376887109"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "task 1691529376887109  Office365 Emails Manual Action");
    assert_eq!(lines[1], "  status     inprogress");
    assert_eq!(lines[2], "  progress   1 of 3");
    assert_eq!(lines[3], "  succeeded  1");
    assert_eq!(lines[4], "  failed     0");
    assert!(lines[5].starts_with("  created    20") && lines[5].ends_with('Z'), "{lines:?}");
    assert!(lines[6].starts_with("  updated    20") && lines[6].ends_with('Z'), "{lines:?}");
    assert_eq!(lines[7], "  actions    1");
    assert_eq!(lines[8], "    inprogress Quarantine 1691529376887109");
    assert_eq!(lines.len(), 9);
    assert_eq!(run.stderr, "");
    assert_eq!(mock.requests_to(TASK_PATH).len(), 1);
}

#[test]
fn get_json_is_the_task_exactly_as_the_api_shaped_it() {
    let mock = mock_with("1691529376887109", TaskStep::new("completed"));
    let run = hec(&["task", "get", "1691529376887109", "--output", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let tasks = run.json_lines();
    assert_eq!(tasks.len(), 1);
    let task = &tasks[0];
    assert_eq!(task["id"], json!(1691529376887109_u64));
    assert_eq!(task["status"], "completed");
    assert_eq!(task["type"], "office365_emails_manual_action");
    assert_eq!(task["succeed"], 1);
    assert_eq!(task["actions"][0]["action_status"], "completed");
    assert_eq!(task["actions"][0]["action_message"], "Message was quarantined");
    assert!(task.get("responseEnvelope").is_none(), "the task alone, not the envelope");
}

#[test]
fn get_of_a_failed_or_stopped_task_exits_1() {
    for status in ["failed", "stopped"] {
        let mock = mock_with("7", TaskStep::new(status));
        let run = hec(&["task", "get", "7"]).against(&mock).run();
        assert_eq!(run.code, 1, "{status}: {run:?}");
        assert!(run.stdout.contains(&format!("  status     {status}\n")), "{run:?}");
    }
}

#[test]
fn options_are_accepted_after_the_command_and_the_command_line_beats_the_environment() {
    let mock = mock_with("7", TaskStep::new("completed"));
    let run = hec(&["task", "get", "7", "-o", "json"]).against(&mock).env("HEC_REGION", "eu").run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json_lines()[0]["status"], "completed");
}

#[test]
fn the_access_key_can_come_from_a_file() {
    let mock = mock_with("7", TaskStep::new("completed"));
    let file = TempFile::with(&format!("{}\n", mock.access_key()));
    let run = hec(&["task", "get", "7", "--base-url", &mock.base_url(), "--client-id", mock.client_id()])
        .arg("--access-key-file")
        .arg(file.path())
        .secret(mock.access_key())
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(mock.tokens_issued(), 1);
}

#[test]
fn a_wrong_access_key_exits_3() {
    let mock = mock_with("7", TaskStep::new("completed"));
    let run = hec(&["task", "get", "7", "--base-url", &mock.base_url(), "-o", "json"])
        .env("HEC_CLIENT_ID", mock.client_id())
        .access_key("wrong-access-key-4711")
        .run();
    assert_eq!(run.code, 3, "{run:?}");
    assert!(run.stderr.contains("authentication failed"), "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(error["kind"], "bad_credentials");
    assert_eq!(error["status"], 401);
    assert!(mock.requests_to(TASK_PATH).is_empty());
}

#[test]
fn an_unknown_task_exits_4_with_the_apis_error_in_json() {
    let mock = MockGateway::start();
    let run = hec(&["task", "get", "404404", "--output", "json"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1);
    let error = &lines[0]["error"];
    let mut keys: Vec<&str> = error.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["kind", "message", "requestId", "responseCode", "status", "taskId"]);
    assert_eq!(error["kind"], "task_not_found");
    assert_eq!(error["responseCode"], 422);
    assert_eq!(error["status"], 200);
    assert_eq!(error["taskId"], "404404");
    let request_id = error["requestId"].as_str().expect("the request id");
    assert_eq!(mock.requests_to(TASK_PATH)[0].header("x-av-req-id"), Some(request_id));
    assert!(
        run.stderr.starts_with("error: task 404404: task 404404 not found (HTTP 200, responseCode 422"),
        "{run:?}"
    );
    assert!(
        run.stderr.ends_with(
            "; check the id, and that the API key belongs to the tenant and region where the action ran\n"
        ),
        "{run:?}"
    );
}

#[test]
fn an_http_404_exits_4() {
    let mock = mock_with("7", TaskStep::new("completed"));
    mock.fault(FaultRule::on_path(TASK_PATH).always().then(Fault::status(404).json(r#"{"message":"no"}"#)));
    let run = hec(&["task", "get", "7", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.json_lines()[0]["error"]["kind"], "not_found");
    assert_eq!(run.json_lines()[0]["error"]["status"], 404);
}

#[test]
fn a_response_that_does_not_parse_exits_4() {
    let mock = mock_with("7", TaskStep::new("completed"));
    mock.fault(FaultRule::on_path(TASK_PATH).always().then(Fault::NotJson));
    let run = hec(&["task", "get", "7"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
}

#[test]
fn an_unreachable_gateway_exits_5() {
    let base_url = format!("http://127.0.0.1:{}", closed_port());
    let run = hec(&["task", "get", "7", "--base-url", &base_url, "-o", "json"])
        .env("HEC_CLIENT_ID", "someone")
        .access_key("some-access-key-0815")
        .run();
    assert_eq!(run.code, 5, "{run:?}");
    let error: &Value = &run.json_lines()[0]["error"];
    assert_eq!(error["status"], Value::Null);
    assert_eq!(error["responseCode"], Value::Null);
    assert_eq!(error["requestId"], Value::Null);
    assert!(error["kind"].is_string());
}

#[test]
fn verbose_logs_each_request_without_a_secret() {
    let mock = mock_with("7", TaskStep::new("completed"));
    let run = hec(&["-v", "task", "get", "7"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stderr.contains(" POST /auth/external "), "{run:?}");
    assert!(run.stderr.contains(&format!(" GET {TASK_PATH}{{taskId}} ")), "{run:?}");
}

#[test]
fn mock_mode_needs_no_credentials_and_ignores_the_gateway_options() {
    let run = hec(&["--mock", "task", "get", hec_fixtures::mock::DEMO_TASK_ID])
        .env("HEC_REGION", "mars")
        .env("HEC_BASE_URL", "http://gw.example.com")
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("  status     init\n"), "{run:?}");
}
