//! The fuzz targets' bodies: one function per target, each taking the fuzzer's bytes and
//! panicking when an invariant breaks. The cargo-fuzz targets in `fuzz_targets/` call them, and
//! hec-proto's `fuzz_corpus` test (which includes this file) replays every committed corpus
//! through them on stable Rust, so a corpus input that once passed keeps passing.
//!
//! Every target checks that nothing panics, plus:
//! - `task`, `token`: an error's excerpt stays short and free of control characters, its message
//!   prints; a parsed task writes JSON that reads back as a task.
//! - `task_id`: an accepted id is 1 to 128 of `A-Z a-z 0-9 _ -`, parses back to itself, reads
//!   the same from a JSON string, and adds exactly one path segment to a request.
//! - `retry_after`: a number of seconds waits exactly that long; any delay is computed for any
//!   `now`.
//! - `hec_time`: the raw text is kept; a parsed instant prints as RFC 3339 and parses back to
//!   itself.
//! - `base_url`: an accepted URL re-parses to itself, holds no query, fragment or user info, is
//!   `https` or loopback `http`, and every request built on it is a valid URI.
//! - `redact`: after redaction a text holds no spelling of the secret.
//!
//! To add at merge (the endpoints and policies written alongside this, each a function here, a
//! file in `fuzz_targets/`, a `[[bin]]` in `Cargo.toml`, a corpus folder and a replay test in
//! `crates/hec-proto/tests/fuzz_corpus.rs`):
//! - TODO(merge): `scopes`: `GetScopes::parse` on any status and body.
//! - TODO(merge): `search`: `SearchEntities::parse` (a `Page<Entity>`), and `Entity`'s
//!   `Serialize` writing back its raw JSON exactly.
//! - TODO(merge): `entity`: `GetEntity::parse` (an empty list is `NotFound`).
//! - TODO(merge): `events`: `QueryEvents::parse` and `GetEvent::parse`.
//! - TODO(merge): `action`: `ActOnEntities::parse` / `ActOnEvents::parse` (`ActionResponse`,
//!   `task_ids()` distinct and in order).
//! - TODO(merge): `entity_id`, `event_id`: as `task_id`, through the shared id validation.
//! - TODO(merge): `pager`: a `Pager` fed any sequence of pages ends (a cursor seen before, `""`,
//!   `null`, an empty page) within as many pages as it was fed.

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use hec_proto::{
    AccessToken, BaseUrl, Credentials, Endpoint, GetTask, HecTime, RequestId, ResponseError, RetryAfter,
    Secrets, TASK_PATH, Task, TaskId, parse_task_response, parse_token_response, token_request,
};

/// 2026-01-01T00:00:00Z, the wall-clock time the token parser is given.
fn wall() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600)
}

/// A response from the fuzzer's bytes: the first two choose the status (100 to 599), the rest
/// is the body.
fn response(data: &[u8]) -> http::Response<Vec<u8>> {
    let (status, body) = match data {
        [high, low, body @ ..] => (100 + u16::from_be_bytes([*high, *low]) % 500, body),
        _ => (200, data),
    };
    let mut response = http::Response::new(body.to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).expect("100 to 599 is a status");
    response
}

/// What every failed parse must be: a short, printable excerpt and a message that prints.
fn check_error(error: &ResponseError) {
    let excerpt = &error.detail().excerpt;
    assert!(excerpt.chars().count() <= hec_proto::EXCERPT_CHARS + 1, "excerpt too long: {excerpt:?}");
    assert!(!excerpt.chars().any(char::is_control), "control character in excerpt: {excerpt:?}");
    let _ = error.to_string();
}

/// `parse_task_response` and `GetTask::parse` on any status and body.
pub fn task(data: &[u8]) {
    let response = response(data);
    let id = RequestId::new();
    let via_endpoint = GetTask::new(TaskId::from(42)).parse(&response, id);
    match parse_task_response(&response, Some("fuzz")) {
        Ok(answer) => {
            assert!(via_endpoint.is_ok(), "the endpoint and the function disagree");
            let json = serde_json::to_string(&answer.task).expect("a parsed task writes JSON");
            if let Err(error) = serde_json::from_str::<Task>(&json) {
                panic!("a written task does not read back ({error}): {json}");
            }
        }
        Err(error) => {
            assert!(via_endpoint.is_err(), "the endpoint and the function disagree");
            check_error(&error);
        }
    }
}

/// `parse_token_response` on any status and body.
pub fn token(data: &[u8]) {
    match parse_token_response(&response(data), wall()) {
        Ok(grant) => {
            let _ = grant.token.authorization();
        }
        Err(error) => check_error(&error),
    }
}

/// `TaskId` from any text, and from JSON.
pub fn task_id(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let parsed = TaskId::from_str(text);
    let from_json = serde_json::from_value::<TaskId>(serde_json::Value::String(text.to_owned()));
    assert_eq!(parsed.is_ok(), from_json.is_ok(), "FromStr and JSON disagree on {text:?}");
    let Ok(id) = parsed else { return };
    assert_eq!(id.as_str(), text);
    assert!((1..=hec_proto::MAX_TASK_ID_LEN).contains(&text.len()), "length {}", text.len());
    assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'), "{text:?}");
    assert_eq!(id.as_str().parse::<TaskId>().as_ref(), Ok(&id));
    let base: BaseUrl = "https://gw.example.com/base".parse().expect("a valid base URL");
    let request = GetTask::new(id.clone())
        .request(&base, &AccessToken::new("t"), RequestId::new())
        .expect("a plain token is a valid header");
    assert_eq!(request.uri().path(), format!("/base{TASK_PATH}{text}"));
    assert_eq!(request.uri().query(), None);
}

/// `RetryAfter::parse` on any text, and its delay at a few wall-clock times.
pub fn retry_after(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(retry_after) = RetryAfter::parse(text) else { return };
    for now in [SystemTime::UNIX_EPOCH, wall(), wall() + Duration::from_secs(400 * 365 * 86_400)] {
        let delay = retry_after.delay(now);
        if let RetryAfter::Seconds(seconds) = retry_after {
            assert_eq!(delay, Duration::from_secs(seconds));
        }
    }
    // A header value is read as visible ASCII only (`HeaderValue::to_str`).
    if let Some(value) = http::HeaderValue::from_str(text).ok().filter(|_| text.is_ascii()) {
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::RETRY_AFTER, value);
        assert_eq!(RetryAfter::from_headers(&headers), Some(retry_after));
    }
}

/// `HecTime` from any text, and its instant.
pub fn hec_time(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let time = HecTime::new(text);
    assert_eq!(time.raw(), text);
    let from_json: HecTime = serde_json::from_value(serde_json::Value::String(text.to_owned()))
        .expect("any string is a timestamp");
    assert_eq!(from_json, time);
    if let Ok(instant) = time.to_utc() {
        let printed = instant.to_string();
        assert_eq!(
            HecTime::new(printed.as_str()).to_utc().ok(),
            Some(instant),
            "{printed} does not read back"
        );
    }
}

/// `BaseUrl` from any text: an accepted URL re-parses to itself and builds valid requests.
pub fn base_url(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(base) = BaseUrl::from_str(text) else { return };
    let url = base.as_str();
    match BaseUrl::from_str(url) {
        Ok(again) => assert_eq!(again, base, "{text:?} became {url:?}, which re-parses differently"),
        Err(error) => panic!("{text:?} became {url:?}, which is refused: {error}"),
    }
    assert!(!url.ends_with('/'), "{url:?}");
    assert!(!url.contains(['?', '#']), "{url:?}");
    assert!(!base.host().contains('@'), "{url:?}");
    assert!(url.starts_with("https://") || (url.starts_with("http://") && base.is_loopback()), "{url:?}");
    assert!(!base.host().is_empty(), "{url:?} has no host");
    let request = GetTask::new(TaskId::from(42))
        .request(&base, &AccessToken::new("t"), RequestId::new())
        .expect("a plain token is a valid header");
    assert!(request.uri().path().ends_with("/app/hec-api/v1.0/task/42"), "{}", request.uri());
    let _ = token_request(&base, &Credentials::new("id", "key"));
}

/// `Secrets::redact` on any text with any secret: no spelling of the secret survives.
pub fn redact(data: &[u8]) {
    let Some((&length, rest)) = data.split_first() else { return };
    let split = usize::from(length).min(rest.len());
    let (secret, text) = rest.split_at(split);
    let (secret, text) = (String::from_utf8_lossy(secret), String::from_utf8_lossy(text));
    let mut secrets = Secrets::new();
    secrets.add_token(&AccessToken::new(secret.as_ref()));
    let redacted = secrets.redact(&text);
    assert!(!secrets.holds_secret(&redacted), "{secret:?} survives in {redacted:?}");
    if !secret.is_empty() {
        assert!(!redacted.contains(secret.as_ref()), "{secret:?} survives in {redacted:?}");
    }
}
