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
//! - `redact`: after redaction a text holds no spelling of the secret where it stands whole (a
//!   long secret: anywhere), unless the whole text is withheld; a text is never emptied.
//!
//! - `scopes`: `GetScopes::parse` on any status and body; a failure is checked as above.
//! - `search`: `SearchEntities::parse` (a `Page<Entity>`); each entity writes back its raw JSON
//!   exactly, which reads back as the same entity.
//! - `entity`: `GetEntity::parse`; the entity writes back its raw JSON exactly; its scan results
//!   view (`Entity::scan_results`) reads from the entity's own text, and an error names a path
//!   inside `entitySecurityResult` (or the root, for an entity sent as a JSON array).
//! - `events`: `SearchEvents::parse` and `GetEvent::parse` on the same response; each event writes
//!   back its raw JSON exactly.
//! - `action`: `ActOnEntities::parse` and `ActOnEvents::parse` agree; `task_ids()` are distinct,
//!   in the order of their first appearance, and every task's id is among them.
//! - `entity_id`, `event_id`: as `task_id`, through the shared id validation (an accepted id is
//!   accepted as every kind of id).
//! - `pager`: a `Pager` fed pages whose items and cursors come from the bytes asks for a page
//!   only while it has not ended, carries the last page's cursor, never asks twice for the same
//!   cursor, and ends within as many pages as it was fed plus one. Then a `Paging` fed pages of
//!   entities whose ids come from the bytes (pages repeated, ids shared between pages and within
//!   one) hands out no id twice, only ids of a page fed, and ends within the distinct cursors.

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use hec_proto::endpoint::{
    ActOnEntities, ActOnEvents, Endpoint, GetEntity, GetEvent, GetScopes, GetTask, SearchEntities,
    SearchEvents, TASK_PATH, parse_task_response, parse_token_response, token_request,
};
use hec_proto::model::HecTime;
use hec_proto::policy::{Pager, Paging, PagingNext, RetryAfter};
use hec_proto::redact::Secrets;
use hec_proto::{
    AccessToken, BaseUrl, Credentials, Entity, EntityAction, EntityId, EntityQuery, Event, EventAction,
    EventId, EventQuery, Page, RequestId, ResponseError, Task, TaskId,
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
    /// The longest excerpt `ResponseDetail::excerpt` documents, before its `…`.
    const EXCERPT_CHARS: usize = 200;
    let excerpt = &error.detail().excerpt;
    assert!(excerpt.chars().count() <= EXCERPT_CHARS + 1, "excerpt too long: {excerpt:?}");
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
    assert!((1..=hec_proto::model::MAX_TASK_ID_LEN).contains(&text.len()), "length {}", text.len());
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

/// What `Secrets::redact` gives for a text in which a secret survived its own replacement.
const WITHHELD: &str = "[text withheld: it held a secret]";

/// `Secrets::redact` on any text with any secret: no spelling of the secret survives where it
/// stands whole (a long secret: anywhere), unless the whole text is withheld; a text is never
/// emptied.
pub fn redact(data: &[u8]) {
    let Some((&length, rest)) = data.split_first() else { return };
    let split = usize::from(length).min(rest.len());
    let (secret, text) = rest.split_at(split);
    let (secret, text) = (String::from_utf8_lossy(secret), String::from_utf8_lossy(text));
    let mut secrets = Secrets::new();
    secrets.add_token(&AccessToken::new(secret.as_ref()));
    let redacted = secrets.redact(&text);
    assert_eq!(redacted.is_empty(), text.is_empty(), "{text:?} became {redacted:?}");
    if redacted == WITHHELD {
        return;
    }
    assert!(!secrets.holds_secret(&redacted), "{secret:?} survives in {redacted:?}");
    if secret.chars().count() >= hec_proto::endpoint::MIN_TOKEN_CHARS {
        assert!(!redacted.contains(secret.as_ref()), "{secret:?} survives in {redacted:?}");
    }
}

/// `GetScopes::parse` on any status and body.
pub fn scopes(data: &[u8]) {
    match GetScopes.parse(&response(data), RequestId::new()) {
        Ok(answer) => {
            let _ = answer.scopes.len();
        }
        Err(error) => check_error(&error),
    }
}

/// An entity writes its raw JSON exactly, and that reads back as the same entity.
fn check_entity(entity: &Entity) {
    let json = serde_json::to_string(entity).expect("an entity writes JSON");
    assert_eq!(json, entity.raw().get(), "an entity must write its raw JSON exactly");
    match serde_json::from_str::<Entity>(&json) {
        Ok(again) => assert_eq!(&again, entity, "{json}"),
        Err(error) => panic!("a written entity does not read back ({error}): {json}"),
    }
    check_scan(entity);
}

/// The entity's scan results view reads from its own text: the view's raw JSON, each record's,
/// stand in the entity's as sent; a score's number is finite; an error names a path inside
/// `entitySecurityResult`, or the root for an entity sent as an array.
fn check_scan(entity: &Entity) {
    match entity.scan_results() {
        Ok(Some(scan)) => {
            assert!(
                entity.raw().get().contains(scan.raw().get()),
                "the scan view's text is not the entity's"
            );
            for record in scan.tools.iter().flat_map(|tool| &tool.records) {
                assert!(scan.raw().get().contains(record.raw().get()), "a record's text is not the view's");
                if let Some(value) = record.score.as_ref().and_then(|score| score.value()) {
                    assert!(value.is_finite(), "a score of {value}");
                }
            }
        }
        Ok(None) => {}
        Err(error) => assert!(
            error.path.starts_with("entitySecurityResult")
                || (error.path.is_empty() && !entity.raw().get().trim_start().starts_with('{')),
            "an error at {:?}: {}",
            error.path,
            error.reason
        ),
    }
}

/// An event writes its raw JSON exactly, and that reads back as the same event.
fn check_event(event: &Event) {
    let json = serde_json::to_string(event).expect("an event writes JSON");
    assert_eq!(json, event.raw().get(), "an event must write its raw JSON exactly");
    match serde_json::from_str::<Event>(&json) {
        Ok(again) => assert_eq!(&again, event, "{json}"),
        Err(error) => panic!("a written event does not read back ({error}): {json}"),
    }
}

/// `SearchEntities::parse` (a page of entities) on any status and body.
pub fn search(data: &[u8]) {
    let query = EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH);
    match SearchEntities::new(query).parse(&response(data), RequestId::new()) {
        Ok(page) => page.items.iter().for_each(check_entity),
        Err(error) => check_error(&error),
    }
}

/// `GetEntity::parse` on any status and body.
pub fn entity(data: &[u8]) {
    let id = EntityId::new("0123456789abcdef0123456789abcdef").expect("a valid entity id");
    match GetEntity::new(id).parse(&response(data), RequestId::new()) {
        Ok(entity) => check_entity(&entity),
        Err(error) => check_error(&error),
    }
}

/// `SearchEvents::parse` and `GetEvent::parse` on any status and body.
pub fn events(data: &[u8]) {
    let response = response(data);
    match SearchEvents::new(EventQuery::new(SystemTime::UNIX_EPOCH)).parse(&response, RequestId::new()) {
        Ok(page) => page.items.iter().for_each(check_event),
        Err(error) => check_error(&error),
    }
    let id = EventId::new("event-1").expect("a valid event id");
    match GetEvent::new(id).parse(&response, RequestId::new()) {
        Ok(event) => check_event(&event),
        Err(error) => check_error(&error),
    }
}

/// `ActOnEntities::parse` and `ActOnEvents::parse` on any status and body.
pub fn action(data: &[u8]) {
    let response = response(data);
    let entity_id = EntityId::new("e1").expect("a valid entity id");
    let on_entities =
        ActOnEntities::new(EntityAction::from_wire("quarantine"), "office365_emails", vec![entity_id])
            .parse(&response, RequestId::new());
    let event_id = EventId::new("v1").expect("a valid event id");
    let on_events = ActOnEvents::new(EventAction::from_wire("dismiss"), vec![event_id])
        .parse(&response, RequestId::new());
    assert_eq!(on_entities.is_ok(), on_events.is_ok(), "the two action parsers disagree");
    match on_entities {
        Ok(answer) => {
            let ids = answer.task_ids();
            let distinct: std::collections::HashSet<&TaskId> = ids.iter().collect();
            assert_eq!(distinct.len(), ids.len(), "task ids repeat: {ids:?}");
            let mut first_seen: Vec<&TaskId> = Vec::new();
            for task in &answer.tasks {
                if !first_seen.contains(&&task.task_id) {
                    first_seen.push(&task.task_id);
                }
            }
            assert_eq!(first_seen, ids.iter().collect::<Vec<_>>(), "task ids out of order");
        }
        Err(error) => check_error(&error),
    }
}

/// What every id kind must do with `text`: agree with the others, and when accepted, hold exactly
/// the text, read the same from JSON, and stay one path segment.
fn check_id<T>(
    text: &str,
    parsed: Result<T, impl std::fmt::Display>,
    as_str: fn(&T) -> &str,
    path: fn(T) -> String,
) where
    T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let from_json = serde_json::from_value::<T>(serde_json::Value::String(text.to_owned()));
    assert_eq!(parsed.is_ok(), from_json.is_ok(), "new and JSON disagree on {text:?}");
    assert_eq!(parsed.is_ok(), TaskId::from_str(text).is_ok(), "the id kinds disagree on {text:?}");
    let Ok(id) = parsed else { return };
    assert_eq!(from_json.ok().as_ref(), Some(&id));
    assert_eq!(as_str(&id), text);
    assert!((1..=hec_proto::model::MAX_TASK_ID_LEN).contains(&text.len()), "length {}", text.len());
    assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-'), "{text:?}");
    let path = path(id);
    assert!(path.ends_with(&format!("/{text}")), "the id must be the path's last segment: {path}");
}

/// `EntityId` from any text, and from JSON.
pub fn entity_id(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check_id(text, EntityId::new(text), EntityId::as_str, |id| GetEntity::new(id).path());
}

/// `EventId` from any text, and from JSON.
pub fn event_id(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    check_id(text, EventId::new(text), EventId::as_str, |id| GetEvent::new(id).path());
}

/// A `Pager` over pages made from the bytes: each byte is one page; its low four bits choose the
/// cursor (0 absent, 1 `""`, else one of eight texts) and bit 7 whether the page is empty.
pub fn pager(data: &[u8]) {
    let entity: Entity = serde_json::from_str("{}").expect("`{}` is an entity");
    let mut pager = Pager::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH));
    let mut asked: Vec<Option<String>> = Vec::new();
    let mut last_cursor: Option<String> = None;
    let mut fed = 0usize;
    for &byte in data {
        let Some(call) = pager.poll_call() else {
            assert!(pager.is_done() && pager.end().is_some());
            break;
        };
        assert!(!pager.is_done());
        let cursor = call.cursor;
        assert_eq!(cursor, last_cursor, "the pager must carry the last page's cursor");
        assert!(!asked.contains(&cursor), "the pager asked twice for {cursor:?}");
        asked.push(cursor);
        let next = match byte & 0x0f {
            0 => None,
            1 => Some(String::new()),
            n => Some(format!("c{}", n % 8)),
        };
        let items = if byte & 0x80 == 0 { vec![entity.clone()] } else { Vec::new() };
        last_cursor = next.clone();
        pager.handle_page(&Page::new(items, next));
        fed += 1;
        assert_eq!(pager.pages() as usize, fed);
    }
    // The first page, then at most one for each of the eight distinct cursors.
    assert!(asked.len() <= data.len().min(1 + 8), "{} pages asked for", asked.len());
    paging(data);
}

/// `Paging` fed one page per byte: bits 0-2 its cursor (0 none, 1 the empty end cursor, else one
/// of six), bits 3-5 its first entity id (of eight, so pages share ids), bits 6-7 how many
/// entities: the first id, the next one, then the first again (a page holding one id twice).
fn paging(data: &[u8]) {
    let entity = |n: u8| -> Entity {
        serde_json::from_str(&format!(r#"{{"entityInfo":{{"entityId":"e{n}"}}}}"#)).expect("an entity")
    };
    let mut paging = Paging::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH));
    let (mut fed, mut handed) = (Vec::<String>::new(), Vec::<String>::new());
    let mut bytes = data.iter();
    let mut pages = 0usize;
    loop {
        match paging.poll_item() {
            PagingNext::Item(item) => {
                let id =
                    item.entity_id.as_ref().map(ToString::to_string).expect("every entity fed has an id");
                assert!(fed.contains(&id), "{id} was on no page fed");
                assert!(!handed.contains(&id), "{id} handed out twice");
                handed.push(id);
            }
            PagingNext::Send(_) => {
                let Some(&byte) = bytes.next() else { break };
                pages += 1;
                let next = match byte & 7 {
                    0 => None,
                    1 => Some(String::new()),
                    n => Some(format!("c{n}")),
                };
                let first = (byte >> 3) & 7;
                let items: Vec<Entity> =
                    (0..byte >> 6).map(|k| entity(if k == 1 { (first + 1) & 7 } else { first })).collect();
                fed.extend(items.iter().filter_map(|e| e.entity_id.as_ref().map(ToString::to_string)));
                paging.handle_page(Page::new(items, next));
            }
            PagingNext::Done => {
                assert!(paging.pager().end().is_some(), "paging is done without an end");
                break;
            }
        }
    }
    // The first page, then at most one for each of the six other cursors.
    assert!(pages <= 7, "{pages} pages asked for");
}
