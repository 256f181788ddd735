//! The mock's task endpoint, `GET /app/hec-api/v1.0/task/{id}`: request checks and scripts.

use crate::support;

use std::time::{Duration, Instant};

use crate::support::{TASK_PATH, agent, poll, read, task_status, token};
use hec_fixtures::corpus::{self, Endpoint};
use hec_fixtures::mock::{DEMO_ACCESS_KEY, DEMO_CLIENT_ID, DEMO_TASK_ID, MockGateway, TaskScript, TaskStep};

fn get_task(mock: &MockGateway, id: &str, headers: &[(&str, &str)]) -> support::Reply {
    let mut request = agent().get(format!("{}{TASK_PATH}{id}", mock.base_url()));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    read(request.call().unwrap()).unwrap()
}

fn scripted(id: &str, script: TaskScript) -> (MockGateway, String) {
    let mock = MockGateway::start();
    mock.script_task(id, script);
    let token = token(&mock);
    (mock, token)
}

#[test]
fn a_poll_without_a_token_gets_401() {
    let (mock, _) = scripted("7", TaskScript::polls([TaskStep::new("completed")]));
    let request_id = uuid::Uuid::new_v4().to_string();
    let reply = get_task(&mock, "7", &[("x-av-req-id", &request_id)]);
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json(), serde_json::json!({"message": "Authentication required"}));
}

#[test]
fn a_poll_with_an_unknown_token_gets_401() {
    let (mock, _) = scripted("7", TaskScript::polls([TaskStep::new("completed")]));
    let reply = poll(&mock, "mock-token-9-0000000000000000", "7").unwrap();
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json(), serde_json::json!({"message": "Authentication required"}));
}

#[test]
fn a_request_id_that_is_not_a_uuid_gets_400() {
    let (mock, token) = scripted("7", TaskScript::polls([TaskStep::new("completed")]));
    let bearer = format!("Bearer {token}");
    let reply = get_task(&mock, "7", &[("authorization", &bearer), ("x-av-req-id", "not-a-uuid")]);
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), serde_json::json!({"message": "x-av-req-id must be a UUID"}));
}

#[test]
fn a_missing_request_id_gets_400() {
    let (mock, token) = scripted("7", TaskScript::polls([TaskStep::new("completed")]));
    let reply = get_task(&mock, "7", &[("authorization", &format!("Bearer {token}"))]);
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), serde_json::json!({"message": "x-av-req-id header is required"}));
}

#[test]
fn a_state_step_is_rendered_like_the_live_service() {
    let (mock, token) = scripted("1691529376887109", TaskScript::polls([TaskStep::new("completed")]));
    let request_id = uuid::Uuid::new_v4().to_string();
    let reply = get_task(
        &mock,
        "1691529376887109",
        &[("authorization", &format!("Bearer {token}")), ("x-av-req-id", &request_id)],
    );
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let json = reply.json();
    assert_eq!(
        json["responseEnvelope"],
        serde_json::json!({"requestId": request_id, "responseCode": 200, "responseText": "",
                           "recordsNumber": 1, "scrollId": ""})
    );
    let task = &json["responseData"];
    assert_eq!(task["id"], 1691529376887109_u64);
    assert_eq!(task["status"], "completed");
    assert_eq!(task["progress"], 1);
    assert_eq!(task["total"], 1);
    assert_eq!(task["succeed"], 1);
    assert_eq!(task["failed"], 0);
    assert_eq!(task["sequential"], false);
    assert_eq!(task["type"], "office365_emails_manual_action");
    let actions = task["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["action_status"], "completed");
    let created = task["created"].as_str().unwrap();
    let parsed = jiff::civil::DateTime::strptime("%Y-%m-%d %H:%M:%S%.f", created).unwrap();
    assert_eq!(parsed.subsec_nanosecond() % 1000, 0, "microseconds: {created}");
    assert_eq!(created.len(), "2023-08-08 21:16:16.887115".len(), "{created}");
}

#[test]
fn a_state_step_sets_the_counts_it_is_given() {
    let step = TaskStep::new("inprogress").progress(2).total(5).succeed(1).failed(1);
    let (mock, token) = scripted("7", TaskScript::polls([step]));
    let json = poll(&mock, &token, "7").unwrap().json();
    let task = &json["responseData"];
    assert_eq!(task["progress"], 2);
    assert_eq!(task["total"], 5);
    assert_eq!(task["succeed"], 1);
    assert_eq!(task["failed"], 1);
    assert_eq!(task["actions"][0]["action_status"], "inprogress");
}

#[test]
fn a_non_numeric_task_id_is_rendered_as_a_string() {
    let (mock, token) = scripted("a2c6e1f0", TaskScript::polls([TaskStep::new("init")]));
    let json = poll(&mock, &token, "a2c6e1f0").unwrap().json();
    assert_eq!(json["responseData"]["id"], "a2c6e1f0");
}

#[test]
fn an_unknown_status_is_sent_as_given() {
    let (mock, token) = scripted("7", TaskScript::polls([TaskStep::new("archived")]));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(task_status(&reply), "archived");
    assert_eq!(reply.json()["responseData"]["actions"][0]["action_status"], "archived");
}

#[test]
fn a_script_advances_one_step_per_poll_and_repeats_the_last() {
    let script =
        TaskScript::polls([TaskStep::new("init"), TaskStep::new("inprogress"), TaskStep::new("completed")]);
    let (mock, token) = scripted("7", script);
    let statuses: Vec<String> = (0..5).map(|_| task_status(&poll(&mock, &token, "7").unwrap())).collect();
    assert_eq!(statuses, ["init", "inprogress", "completed", "completed", "completed"]);
}

#[test]
fn scripting_a_task_again_restarts_it() {
    let (mock, token) = scripted("7", TaskScript::polls([TaskStep::new("init"), TaskStep::new("failed")]));
    assert_eq!(task_status(&poll(&mock, &token, "7").unwrap()), "init");
    mock.script_task("7", TaskScript::polls([TaskStep::new("paused"), TaskStep::new("stopped")]));
    assert_eq!(task_status(&poll(&mock, &token, "7").unwrap()), "paused");
    assert_eq!(task_status(&poll(&mock, &token, "7").unwrap()), "stopped");
}

#[test]
fn a_timed_script_advances_with_time_since_the_first_poll() {
    let script = TaskScript::timed([
        (Duration::ZERO, TaskStep::new("init")),
        (Duration::from_millis(200), TaskStep::new("inprogress")),
        (Duration::from_millis(400), TaskStep::new("completed")),
    ]);
    let (mock, token) = scripted("7", script);
    let started = Instant::now();
    assert_eq!(task_status(&poll(&mock, &token, "7").unwrap()), "init");
    let mut seen = Vec::new();
    while started.elapsed() < Duration::from_secs(3) {
        let status = task_status(&poll(&mock, &token, "7").unwrap());
        if seen.last() != Some(&status) {
            seen.push(status.clone());
        }
        if status == "completed" {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(started.elapsed() >= Duration::from_millis(400));
    // The first polls may still see init, but the order is fixed.
    seen.retain(|status| status != "init");
    assert_eq!(seen, ["inprogress", "completed"]);
}

#[test]
fn a_canned_step_is_sent_byte_for_byte() {
    let body = b"{\"responseData\": {\"id\": 1,   \"status\": \"init\"}}".to_vec();
    let step =
        TaskStep::response(203, [("content-type", "application/json"), ("x-extra", "1")], body.clone());
    let (mock, token) = scripted("7", TaskScript::polls([step]));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 203);
    assert_eq!(reply.header("x-extra"), Some("1"));
    assert_eq!(reply.body, body);
}

#[test]
fn a_fixture_step_sends_the_fixture_exactly() {
    let task_fixtures: Vec<_> =
        corpus::all().iter().filter(|fixture| fixture.endpoint == Endpoint::Task).collect();
    assert!(!task_fixtures.is_empty(), "the corpus has task scenarios");
    let mock = MockGateway::start();
    let token = token(&mock);
    for fixture in task_fixtures {
        mock.script_task("7", TaskScript::fixture(fixture.name));
        let reply = poll(&mock, &token, "7").unwrap();
        let expected = &fixture.response;
        assert_eq!(reply.status, expected.status, "{}", fixture.name);
        for (name, value) in &expected.headers {
            assert_eq!(reply.header(name), Some(value.as_str()), "{}: header {name}", fixture.name);
        }
        assert_eq!(reply.body, expected.body, "{}", fixture.name);
    }
}

#[test]
fn fixture_and_state_steps_mix_in_one_script() {
    let fixture = corpus::all().iter().find(|fixture| fixture.endpoint == Endpoint::Task).unwrap();
    let script = TaskScript::polls([TaskStep::new("inprogress"), TaskStep::fixture(fixture.name)]);
    let (mock, token) = scripted("7", script);
    assert_eq!(task_status(&poll(&mock, &token, "7").unwrap()), "inprogress");
    assert_eq!(poll(&mock, &token, "7").unwrap().body, fixture.response.body);
}

#[test]
#[should_panic(expected = "no scenario named")]
fn an_unknown_fixture_name_panics_when_the_step_is_made() {
    let _ = TaskStep::fixture("no-such-fixture");
}

#[test]
fn an_unscripted_task_gets_the_422_envelope_in_a_200() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let request_id = uuid::Uuid::new_v4().to_string();
    let reply = get_task(
        &mock,
        "404404",
        &[("authorization", &format!("Bearer {token}")), ("x-av-req-id", &request_id)],
    );
    assert_eq!(reply.status, 200);
    assert_eq!(
        reply.json(),
        serde_json::json!({
            "responseEnvelope": {"requestId": request_id, "responseCode": 422,
                                 "responseText": "Task not found", "recordsNumber": 0, "scrollId": ""},
            "responseData": []
        })
    );
}

#[test]
fn a_default_script_keeps_a_poll_count_per_task() {
    let script = TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]);
    let mock = MockGateway::builder().default_script(script).start();
    let token = token(&mock);
    assert_eq!(task_status(&poll(&mock, &token, "1").unwrap()), "inprogress");
    assert_eq!(task_status(&poll(&mock, &token, "2").unwrap()), "inprogress");
    assert_eq!(task_status(&poll(&mock, &token, "1").unwrap()), "completed");
    assert_eq!(task_status(&poll(&mock, &token, "3").unwrap()), "inprogress");
    assert_eq!(task_status(&poll(&mock, &token, "2").unwrap()), "completed");
}

#[test]
fn a_task_script_wins_over_the_default_script() {
    let mock = MockGateway::builder().default_script(TaskScript::polls([TaskStep::new("init")])).start();
    mock.script_task("9", TaskScript::polls([TaskStep::new("stopped")]));
    let token = token(&mock);
    assert_eq!(task_status(&poll(&mock, &token, "9").unwrap()), "stopped");
    assert_eq!(task_status(&poll(&mock, &token, "8").unwrap()), "init");
}

#[test]
fn an_unknown_path_gets_404_json() {
    let mock = MockGateway::start();
    let paths = [
        "/",
        "/app/hec-api/v1.0/nothing",
        "/app/hec-api/v1.0/task/",
        "/app/hec-api/v1.0/task/1/x",
        "/app/hec-api/v1.0/search/entity/",
        "/app/hec-api/v1.0/event/a/b",
        "/app/hec-api/v1.0/scopes/x",
    ];
    for path in paths {
        let reply = read(agent().get(format!("{}{path}", mock.base_url())).call().unwrap()).unwrap();
        assert_eq!(reply.status, 404, "{path}");
        assert!(reply.json()["message"].is_string(), "{path}");
    }
}

#[test]
fn a_post_to_a_task_gets_405() {
    let mock = MockGateway::start();
    let response = agent().post(format!("{}{TASK_PATH}7", mock.base_url())).send("").unwrap();
    assert_eq!(response.status(), 405);
}

#[test]
fn the_demo_accepts_the_demo_credentials_and_starts_its_task_at_init() {
    let mock = MockGateway::demo();
    assert_eq!((mock.client_id(), mock.access_key()), (DEMO_CLIENT_ID, DEMO_ACCESS_KEY));
    let token = token(&mock);
    let reply = poll(&mock, &token, DEMO_TASK_ID).unwrap();
    assert_eq!(task_status(&reply), "init");
    assert_eq!(reply.json()["responseData"]["total"], 3);
}
