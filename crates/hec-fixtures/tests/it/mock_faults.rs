//! Faults on demand: each fault kind, and which requests a rule picks.

use crate::support;

use std::io::Read;
use std::time::{Duration, Instant};

use crate::support::{
    TASK_PATH, agent, agent_with_timeout, credentials, poll, poll_with, post_auth, read, token,
};
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

/// A mock whose task 7 is always completed, and a token for it.
fn mock_with_task() -> (MockGateway, String) {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
    let token = token(&mock);
    (mock, token)
}

fn auth(mock: &MockGateway) -> support::Reply {
    post_auth(&agent(), mock, &credentials(mock.client_id(), mock.access_key())).unwrap()
}

#[test]
fn a_status_fault_sends_its_status_headers_and_body() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path("/auth/external")
            .then(Fault::status(429).header("retry-after", "2").json(r#"{"message":"slow down"}"#)),
    );
    let reply = auth(&mock);
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some("2"));
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.text(), r#"{"message":"slow down"}"#);
    assert_eq!(mock.tokens_issued(), 0);
}

#[test]
fn retry_after_can_be_an_http_date() {
    let (mock, token) = mock_with_task();
    let date = "Wed, 21 Oct 2037 07:28:00 GMT";
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::status(429).header("Retry-After", date)));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 429);
    assert_eq!(reply.header("retry-after"), Some(date));
}

#[test]
fn a_503_can_carry_an_html_body() {
    let (mock, token) = mock_with_task();
    let html = "<html><body>503 Service Unavailable</body></html>";
    mock.fault(FaultRule::any_path().then(Fault::status(503).html(html)));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 503);
    assert_eq!(reply.header("content-type"), Some("text/html"));
    assert_eq!(reply.text(), html);
}

#[test]
fn a_faulted_poll_does_not_advance_the_script() {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("init"), TaskStep::new("completed")]));
    let token = token(&mock);
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::status(503)));
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 503);
    assert_eq!(support::task_status(&poll(&mock, &token, "7").unwrap()), "init");
}

#[test]
fn nth_faults_only_the_nth_matching_request() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).nth(2).then(Fault::status(500)));
    let statuses: Vec<u16> = (0..4).map(|_| poll(&mock, &token, "7").unwrap().status).collect();
    assert_eq!(statuses, [200, 500, 200, 200]);
}

#[test]
fn nth_counts_over_all_paths_for_an_any_path_rule() {
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
    mock.fault(FaultRule::any_path().nth(2).then(Fault::status(502)));
    let token = token(&mock); // request 1
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 502); // request 2
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 200);
}

#[test]
fn times_faults_the_next_k_matching_requests() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).times(2).then(Fault::status(503)));
    let statuses: Vec<u16> = (0..4).map(|_| poll(&mock, &token, "7").unwrap().status).collect();
    assert_eq!(statuses, [503, 503, 200, 200]);
}

#[test]
fn always_faults_every_matching_request() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).always().then(Fault::status(503)));
    let statuses: Vec<u16> = (0..5).map(|_| poll(&mock, &token, "7").unwrap().status).collect();
    assert_eq!(statuses, [503; 5]);
}

#[test]
fn a_path_rule_leaves_other_paths_alone() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path("/auth/external").always().then(Fault::status(503)));
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 200);
    assert_eq!(auth(&mock).status, 503);
}

#[test]
fn delay_headers_is_seen_by_a_short_timeout() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::DelayHeaders(Duration::from_millis(800))));
    let started = Instant::now();
    let error = poll_with(&agent_with_timeout(Duration::from_millis(100)), &mock, &token, "7").unwrap_err();
    assert!(matches!(error, ureq::Error::Timeout(_)), "{error:?}");
    assert!(started.elapsed() < Duration::from_millis(700));
}

#[test]
fn delay_headers_then_gives_the_normal_answer() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::DelayHeaders(Duration::from_millis(150))));
    let started = Instant::now();
    let reply = poll(&mock, &token, "7").unwrap();
    assert!(started.elapsed() >= Duration::from_millis(150));
    assert_eq!(reply.status, 200);
    assert_eq!(support::task_status(&reply), "completed");
}

#[test]
fn drip_body_sends_the_whole_body_in_slow_chunks() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path("/auth/external")
            .then(Fault::DripBody { chunk: 64, pause: Duration::from_millis(10) }),
    );
    let started = Instant::now();
    let reply = auth(&mock);
    let chunks = reply.body.len().div_ceil(64) as u32;
    assert!(chunks >= 3, "body of {} bytes", reply.body.len());
    assert!(started.elapsed() >= Duration::from_millis(10) * (chunks - 1));
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-length"), Some(reply.body.len().to_string().as_str()));
    assert_eq!(reply.json()["success"], true);
}

#[test]
fn close_connection_gives_a_transport_error() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::CloseConnection));
    let error = poll(&mock, &token, "7").unwrap_err();
    assert!(!matches!(error, ureq::Error::StatusCode(_) | ureq::Error::Timeout(_)), "{error:?}");
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 200);
}

#[test]
fn a_truncated_body_gives_a_read_error() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::TruncateBody));
    let response = agent()
        .get(format!("{}{TASK_PATH}7", mock.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
        .call()
        .unwrap();
    assert_eq!(response.status(), 200);
    let declared: usize = response.headers()["content-length"].to_str().unwrap().parse().unwrap();
    let mut received = Vec::new();
    let result = response.into_body().into_reader().read_to_end(&mut received);
    assert!(result.is_err(), "read {} of {declared} bytes without error", received.len());
    assert_eq!(received.len(), declared / 2);
}

#[test]
fn an_oversized_body_is_json_of_exactly_the_size() {
    let (mock, token) = mock_with_task();
    let size = 300_000;
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::OversizedBody(size)));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.body.len(), size);
    let json = reply.json();
    assert_eq!(json["responseEnvelope"]["responseCode"], 200);
}

#[test]
fn a_large_oversized_body_streams_to_the_end() {
    let (mock, token) = mock_with_task();
    let size = 24 * 1024 * 1024;
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::OversizedBody(size)));
    let response = agent()
        .get(format!("{}{TASK_PATH}7", mock.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
        .call()
        .unwrap();
    assert_eq!(response.headers()["content-length"], size.to_string().as_str());
    let mut reader = response.into_body().into_with_config().limit(u64::MAX).reader();
    let received = std::io::copy(&mut reader, &mut std::io::sink()).unwrap();
    assert_eq!(received, size as u64);
}

#[test]
fn a_tiny_oversized_body_still_has_exactly_the_size() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::OversizedBody(10)));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.text(), r#"{"response"#);
}

#[test]
fn a_new_cursor_page_holds_one_item_and_a_cursor_of_the_size_never_sent_before() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).times(2).then(Fault::NewCursorPage(100)));
    let cursors: Vec<String> = (0..2)
        .map(|_| {
            let reply = poll(&mock, &token, "7").unwrap();
            assert_eq!((reply.status, reply.header("content-type")), (200, Some("application/json")));
            let json = reply.json();
            assert_eq!(json["responseEnvelope"]["responseCode"], 200);
            assert_eq!(json["responseData"], serde_json::json!([{}]));
            json["responseEnvelope"]["scrollId"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(cursors.iter().map(String::len).collect::<Vec<_>>(), [100, 100]);
    assert_ne!(cursors[0], cursors[1]);
    assert!(
        cursors[0][..32].bytes().all(|b| b.is_ascii_hexdigit())
            && cursors[0][32..].bytes().all(|b| b == b'c')
    );
}

#[test]
fn not_json_sends_html_with_status_200() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::NotJson));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("text/html"));
    assert!(serde_json::from_slice::<serde_json::Value>(&reply.body).is_err());
}

#[test]
fn a_redirect_carries_its_location_and_the_target_sees_nothing_unless_followed() {
    let (mock, token) = mock_with_task();
    let elsewhere = MockGateway::start();
    let location = format!("{}{TASK_PATH}7", elsewhere.base_url());
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::redirect(307, location.clone())));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 307);
    assert_eq!(reply.header("location"), Some(location.as_str()));
    assert!(elsewhere.requests().is_empty());
}

#[test]
fn a_followed_redirect_shows_on_the_target_without_the_token() {
    let (mock, token) = mock_with_task();
    let elsewhere = MockGateway::start();
    let location = format!("{}{TASK_PATH}7", elsewhere.base_url());
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::redirect(302, location)));
    let following: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(false).max_redirects(1).build().into();
    let reply = poll_with(&following, &mock, &token, "7").unwrap();
    // The target has no token of ours: ureq dropped the Authorization header on the way.
    assert_eq!(reply.status, 401);
    let seen = elsewhere.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("authorization"), None);
}

#[test]
fn the_rule_added_first_wins() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::any_path().then(Fault::status(500)));
    mock.fault(FaultRule::any_path().times(2).then(Fault::status(502)));
    let statuses: Vec<u16> = (0..3).map(|_| poll(&mock, &token, "7").unwrap().status).collect();
    assert_eq!(statuses, [500, 502, 200]);
}

#[test]
#[should_panic(expected = "invalid fault")]
fn an_invalid_fault_panics_when_added() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::any_path().then(Fault::status(42)));
}

#[test]
fn faults_apply_to_unknown_paths_too() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::any_path().then(Fault::status(418)));
    let reply = read(agent().get(format!("{}/nowhere", mock.base_url())).call().unwrap()).unwrap();
    assert_eq!(reply.status, 418);
}

#[test]
fn a_rate_limit_answers_past_its_limit_and_lets_requests_through_again_later() {
    let (mock, token) = mock_with_task();
    mock.fault(
        FaultRule::on_path(TASK_PATH)
            .past_rate(3, Duration::from_millis(300))
            .then(Fault::status(429).header("retry-after", "1")),
    );
    let agent = agent();
    let statuses: Vec<u16> = (0..5).map(|_| poll_with(&agent, &mock, &token, "7").unwrap().status).collect();
    assert_eq!(statuses, [200, 200, 200, 429, 429]);
    std::thread::sleep(Duration::from_millis(350));
    let reply = poll_with(&agent, &mock, &token, "7").unwrap();
    assert_eq!(reply.status, 200, "the window has passed");
    assert_eq!(auth(&mock).status, 200, "other paths are not limited");
    assert_eq!(mock.faults_fired(), [2]);
}

#[test]
fn the_mock_counts_the_most_requests_it_handled_at_once() {
    let (mock, token) = mock_with_task();
    assert_eq!(mock.max_concurrent_requests(), 1, "the token request, alone");
    mock.fault(FaultRule::on_path(TASK_PATH).always().then(Fault::DelayHeaders(Duration::from_millis(300))));
    let barrier = std::sync::Barrier::new(3);
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| {
                barrier.wait();
                assert_eq!(poll(&mock, &token, "7").unwrap().status, 200);
            });
        }
    });
    assert_eq!(mock.max_concurrent_requests(), 3);
    assert_eq!(poll(&mock, &token, "7").unwrap().status, 200);
    assert_eq!(mock.max_concurrent_requests(), 3, "the most at once, not the total");
}

#[test]
fn an_echo_repeats_the_request_with_its_authorization_header() {
    let (mock, token) = mock_with_task();
    mock.fault(FaultRule::on_path(TASK_PATH).then(Fault::echo(500)));
    let reply = poll(&mock, &token, "7").unwrap();
    assert_eq!(reply.status, 500);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let echo = reply.json()["message"].as_str().unwrap().to_owned();
    assert!(echo.starts_with(&format!("GET {TASK_PATH}7\n")), "{echo}");
    assert!(echo.contains(&format!("\nauthorization: Bearer {token}\n")), "{echo}");
    assert!(echo.ends_with("\n\n"), "{echo}");
}

#[test]
fn an_echo_of_a_token_request_holds_the_access_key_in_its_body() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path("/auth/external").then(Fault::echo(401)));
    let sent = credentials(mock.client_id(), mock.access_key());
    let reply = post_auth(&agent(), &mock, &sent).unwrap();
    assert_eq!(reply.status, 401);
    let echo = reply.json()["message"].as_str().unwrap().to_owned();
    assert!(echo.starts_with("POST /auth/external\n"), "{echo}");
    assert!(echo.ends_with(&format!("\n\n{sent}")), "{echo}");
    assert_eq!(mock.tokens_issued(), 0);
}
