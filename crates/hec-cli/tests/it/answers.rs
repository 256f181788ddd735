//! What `hec task get` and `hec task wait` make of the answers the API sends: a task printed by
//! `-o json` exactly as sent, an answer that holds no task, and an answer about another task.

use std::time::{Duration, Instant};

use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::support::{TASK_PATH, hec};

/// A mock whose task `id` answers every poll with the corpus fixture `name`.
fn mock_with_fixture(id: &str, name: &str) -> MockGateway {
    let mock = MockGateway::start();
    mock.script_task(id, TaskScript::fixture(name));
    mock
}

/// The text the fixture's body holds for its task (`responseData`, or its one element), as sent:
/// the corpus sends bodies as compact JSON, so this is the exact substring of the body.
fn sent_task_text(name: &str) -> String {
    let fixture = hec_fixtures::corpus::get(name).expect("the fixture exists");
    let body: serde_json::Value = serde_json::from_slice(&fixture.response.body).expect("a JSON body");
    let text = body["responseData"].to_string();
    assert!(String::from_utf8_lossy(&fixture.response.body).contains(&text));
    text
}

/// The task id a task fixture's request asks for.
fn fixture_task_id(name: &str) -> String {
    let fixture = hec_fixtures::corpus::get(name).expect("the fixture exists");
    fixture.request.path.strip_prefix(TASK_PATH).expect("a task path").to_owned()
}

#[test]
fn get_json_prints_each_task_exactly_as_the_api_sent_it() {
    for (name, shown) in [
        ("string-id-enveloped", r#""id":"1735689600900003""#),
        ("string-boolean-false", r#""sequential":"false""#),
        ("null-fields", r#""owner":null"#),
        ("counts-as-whole-floats", r#""progress":2.0"#),
        ("counts-as-numeric-strings", r#""progress":"1""#),
    ] {
        let id = fixture_task_id(name);
        let mock = mock_with_fixture(&id, name);
        let run = hec(&["task", "get", &id, "-o", "json"]).against(&mock).run();
        assert_eq!(run.code, 0, "{name}: {run:?}");
        assert_eq!(run.stdout, format!("{}\n", sent_task_text(name)), "{name}");
        assert!(run.stdout.contains(shown), "{name}: {shown} missing from {}", run.stdout);
        assert_eq!(run.stderr, "", "{name}");
    }
}

#[test]
fn a_pretty_printed_task_is_printed_on_one_line_with_its_values_unchanged() {
    let mock = MockGateway::start();
    let body = "{\n  \"responseEnvelope\": {\"responseCode\": 200},\n  \"responseData\": {\n    \"id\": \"42\",\n    \"status\": \"completed\",\n    \"name\": \"a  b\",\n    \"owner\": null,\n    \"total\": 1.0\n  }\n}\n";
    mock.script_task(
        "42",
        TaskScript::polls([TaskStep::response(200, [("content-type", "application/json")], body)]),
    );
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "{\"id\":\"42\",\"status\":\"completed\",\"name\":\"a  b\",\"owner\":null,\"total\":1.0}\n"
    );
}

#[test]
fn null_fields_keep_their_nulls_in_json_output() {
    let id = fixture_task_id("null-fields");
    let mock = mock_with_fixture(&id, "null-fields");
    let run = hec(&["task", "get", &id, "-o", "json"]).against(&mock).run();
    let task = &run.json_lines()[0];
    for field in ["owner", "updated"] {
        assert_eq!(task.get(field), Some(&serde_json::Value::Null), "{field}: {run:?}");
    }
    assert_eq!(task["actions"][0].get("action_message"), Some(&serde_json::Value::Null), "{run:?}");
}

#[test]
fn wait_json_prints_the_final_task_exactly_as_the_api_sent_it() {
    for name in ["string-id-enveloped", "string-boolean-false"] {
        let id = fixture_task_id(name);
        let mock = mock_with_fixture(&id, name);
        let run = hec(&["task", "wait", &id, "--interval", "10ms", "-o", "json"]).against(&mock).run();
        assert_eq!(run.code, 0, "{name}: {run:?}");
        assert_eq!(run.stdout, format!("{}\n", sent_task_text(name)), "{name}");
    }
}

#[test]
fn a_success_that_holds_no_task_exits_4_at_once() {
    for name in ["action-answer-holds-no-task", "data-without-id-or-status"] {
        let id = fixture_task_id(name);
        let mock = mock_with_fixture(&id, name);
        let run = hec(&["task", "get", &id, "-o", "json"]).against(&mock).run();
        assert_eq!(run.code, 4, "{name}: {run:?}");
        assert_eq!(run.json_lines()[0]["error"]["kind"], "malformed", "{name}");
        assert!(run.stderr.contains("holds no task"), "{name}: {run:?}");

        let started = Instant::now();
        let run = hec(&["task", "wait", &id, "--interval", "10ms", "--timeout", "30s"]).against(&mock).run();
        assert_eq!(run.code, 4, "{name}: {run:?}");
        assert!(started.elapsed() < Duration::from_secs(10), "{name}: waited {:?}", started.elapsed());
        assert_eq!(mock.requests_to(TASK_PATH).len(), 2, "{name}: one request each, no retry");
    }
}

/// A mock whose task 42 answers with task 99999.
fn mock_answering_for_another_task() -> MockGateway {
    let mock = MockGateway::start();
    let body = r#"{"responseEnvelope":{"responseCode":200},"responseData":{"id":99999,"status":"completed","progress":1,"total":1}}"#;
    mock.script_task(
        "42",
        TaskScript::polls([TaskStep::response(200, [("content-type", "application/json")], body)]),
    );
    mock
}

#[test]
fn an_answer_about_another_task_is_shown_with_a_warning() {
    let mock = mock_answering_for_another_task();
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json_lines()[0]["id"], 99999);
    assert_eq!(run.stderr, "warning: task 42: the answer is for task 99999\n");

    let run = hec(&["task", "wait", "42", "--interval", "10ms"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr_lines().iter().filter(|line| line.starts_with("warning:")).collect::<Vec<_>>(),
        [&"warning: task 42: the answer is for task 99999"]
    );

    let run = hec(&["task", "get", "42", "--quiet"]).against(&mock).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    assert!(run.stdout.starts_with("task 99999\n"), "{run:?}");
}

#[test]
fn verbose_logs_an_answer_about_another_task() {
    let mock = mock_answering_for_another_task();
    let run = hec(&["-v", "task", "get", "42"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let logged: Vec<&str> = run
        .stderr_lines()
        .into_iter()
        .filter(|line| line.contains("the answer is for another task"))
        .collect();
    assert_eq!(logged.len(), 1, "{run:?}");
    assert!(
        logged[0].ends_with(" warning: the answer is for another task (asked 42, answered 99999)"),
        "{run:?}"
    );
}

#[test]
fn completion_offers_the_region_names() {
    let run = hec(&["completions", "bash"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let codes: Vec<&str> = hec_proto::Region::ALL.into_iter().map(hec_proto::Region::code).collect();
    let offer = format!(r#"COMPREPLY=($(compgen -W "{}" -- "${{cur}}"))"#, codes.join(" "));
    let region = run.stdout.find("--region)").expect("--region is completed");
    assert!(
        run.stdout[region..].lines().nth(1).is_some_and(|line| line.trim() == offer),
        "{}",
        &run.stdout[region..region + 200]
    );
}
