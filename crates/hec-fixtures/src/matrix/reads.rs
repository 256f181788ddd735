//! The read scenarios of the matrix, one function each: scopes, entity searches page by page,
//! entity and event reads by id, event searches. They need only a [`ReadDriver`], so a driver
//! that cannot act runs them alone ([`read_matrix!`](crate::read_matrix)).
//!
//! The mock answers each with canned pages (`canned.rs`), and each scenario asserts the
//! items, the error kinds and the exact requests the mock saw (paths, cursors, bodies).

use std::time::{Duration, SystemTime};

use hec_proto::{Entity, EntityId, EntityQuery, Error, EventId, EventQuery, ResponseErrorKind};
use serde_json::{Value, json};

use super::canned::{
    ENTITY, EVENT, EVENTS, SCOPES, SEARCH, answer, bodies, entities, serve_always, serve_nth,
};
use super::{Harness, ReadDriver};
use crate::mock::{Fault, FaultRule, TOKEN_PREFIX};

/// The names of every read scenario, in order (from
/// [`for_each_read_scenario!`](crate::for_each_read_scenario), the list
/// [`read_matrix!`](crate::read_matrix) instantiates).
pub const READ_SCENARIOS: &[&str] = crate::for_each_read_scenario!([scenario_names]);

/// Mail from the campaign's sender in `office365_emails` since 2026-01-01.
fn query() -> EntityQuery {
    EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600))
        .from_is("payroll@evil.example")
}

/// The ids of the entities `items` holds, in order; panics (with the error kept for the secrets
/// check) on a failed item.
fn ids_of<D>(h: &mut Harness<D>, items: impl Iterator<Item = Result<Entity, Error>>) -> Vec<String> {
    items
        .map(|item| match item {
            Ok(entity) => entity.entity_id.expect("an id").to_string(),
            Err(error) => panic!("expected an entity, got: {}", h.seen(error)),
        })
        .collect()
}

fn entity_id(id: &str) -> EntityId {
    id.parse().expect("a valid entity id")
}

/// Scopes are the answer's list, read with one GET carrying the token.
pub fn scopes_are_the_answers_list<D: ReadDriver>(h: &mut Harness<D>) {
    serve_always(&h.mock, SCOPES, answer(json!(["farm-1:customer-1"]), Some("")));
    let scopes = h.client().scopes().map_err(|error| h.seen(error));
    assert_eq!(scopes, Ok(vec!["farm-1:customer-1".to_owned()]));
    let sent = h.mock.requests_to(SCOPES);
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].method, "GET");
    let bearer = format!("Bearer {TOKEN_PREFIX}");
    assert!(sent[0].header("authorization").is_some_and(|value| value.starts_with(&bearer)));
}

/// Three pages are read one at a time, as their items are asked for, each request carrying the
/// query and the cursor of the page before.
pub fn a_search_reads_three_pages_lazily_sending_each_cursor_back<D: ReadDriver>(h: &mut Harness<D>) {
    serve_nth(&h.mock, SEARCH, 1, answer(entities(&["a1", "a2"]), Some("c1")));
    serve_nth(&h.mock, SEARCH, 2, answer(entities(&["b1", "b2"]), Some("c2")));
    serve_nth(&h.mock, SEARCH, 3, answer(entities(&["c1"]), Some("")));
    let client = h.client();
    let mut search = client.search_entities(query());
    assert!(h.mock.requests_to(SEARCH).is_empty(), "nothing is sent before the first item is read");
    let first = search.next().map(|item| item.map(|entity| entity.entity_id).map_err(|e| h.seen(e)));
    assert_eq!(first, Some(Ok(Some(entity_id("a1")))));
    assert_eq!(h.mock.requests_to(SEARCH).len(), 1, "one page at a time");
    assert_eq!(ids_of(h, search), ["a2", "b1", "b2", "c1"]);
    let bodies = bodies(&h.mock, SEARCH);
    let cursors: Vec<Option<&str>> =
        bodies.iter().map(|body| body["requestData"].get("scrollId").and_then(Value::as_str)).collect();
    assert_eq!(cursors, [None, Some("c1"), Some("c2")]);
    for body in &bodies {
        assert_eq!(body["requestData"]["entityFilter"]["saasEntity"], "office365_emails_email");
        assert_eq!(body["requestData"]["entityExtendedFilter"][0]["saasAttrValue"], "payroll@evil.example");
    }
}

/// A cursor the gateway already gave ends the search after that page.
pub fn a_search_stops_on_a_repeated_cursor<D: ReadDriver>(h: &mut Harness<D>) {
    serve_nth(&h.mock, SEARCH, 1, answer(entities(&["a1"]), Some("c1")));
    serve_nth(&h.mock, SEARCH, 2, answer(entities(&["b1"]), Some("c1")));
    let client = h.client();
    assert_eq!(ids_of(h, client.search_entities(query())), ["a1", "b1"]);
    assert_eq!(h.mock.requests_to(SEARCH).len(), 2);
}

/// A gateway that answers its last page again under the same cursor (for entities and for
/// events): the repeated page ends the search and none of its items comes out twice.
pub fn a_page_answered_again_under_the_same_cursor_is_read_once<D: ReadDriver>(h: &mut Harness<D>) {
    serve_nth(&h.mock, SEARCH, 1, answer(entities(&["a1", "a2"]), Some("c1")));
    let repeated = Fault::status(200).json(answer(entities(&["b1"]), Some("c2")));
    h.mock.fault(FaultRule::on_path(SEARCH).nth(2).always().then(repeated));
    let events = |ids: &[&str]| Value::Array(ids.iter().map(|id| json!({"eventId": id})).collect());
    serve_nth(&h.mock, EVENTS, 1, answer(events(&["v1", "v2"]), Some("e1")));
    let repeated = Fault::status(200).json(answer(events(&["v3"]), Some("e2")));
    h.mock.fault(FaultRule::on_path(EVENTS).nth(2).always().then(repeated));
    let client = h.client();
    assert_eq!(ids_of(h, client.search_entities(query())), ["a1", "a2", "b1"]);
    let found: Vec<String> = client
        .search_events(EventQuery::new(SystemTime::UNIX_EPOCH))
        .map(|item| match item {
            Ok(event) => event.event_id.expect("an id").to_string(),
            Err(error) => panic!("expected an event, got: {}", h.seen(error)),
        })
        .collect();
    assert_eq!(found, ["v1", "v2", "v3"]);
    for (path, cursors) in
        [(SEARCH, [None, Some("c1"), Some("c2")]), (EVENTS, [None, Some("e1"), Some("e2")])]
    {
        let sent = bodies(&h.mock, path);
        let sent: Vec<Option<&str>> =
            sent.iter().map(|body| body["requestData"].get("scrollId").and_then(Value::as_str)).collect();
        assert_eq!(sent, cursors, "{path}");
    }
}

/// A page that fails (HTTP 400) is the search's last item, an error, after the items before it.
pub fn a_failed_page_is_the_last_item<D: ReadDriver>(h: &mut Harness<D>) {
    serve_nth(&h.mock, SEARCH, 1, answer(entities(&["a1"]), Some("c1")));
    h.mock.fault(FaultRule::on_path(SEARCH).nth(2).then(Fault::status(400).json(r#"{"message":"bad"}"#)));
    let mut items: Vec<Result<Entity, Error>> = h.client().search_entities(query()).collect();
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok(), "{:?}", items[0]);
    match items.pop() {
        Some(Err(error)) => assert_eq!(h.seen(error).kind_name(), "http_status"),
        other => panic!("expected the failed page last, got {other:?}"),
    }
    assert_eq!(h.mock.requests_to(SEARCH).len(), 2);
}

/// `get_entity` reads the entity by its id; an answer with no entity is "not found" (HTTP 200).
pub fn get_entity_reads_the_entity_and_an_empty_list_is_not_found<D: ReadDriver>(h: &mut Harness<D>) {
    serve_nth(&h.mock, ENTITY, 1, answer(entities(&["a1"]), Some("")));
    serve_nth(&h.mock, ENTITY, 2, answer(json!([]), Some("")));
    let client = h.client();
    let id = entity_id("a1");
    let found = client.get_entity(&id).map(|entity| entity.entity_id).map_err(|e| h.seen(e));
    assert_eq!(found, Ok(Some(id.clone())));
    let missing = match client.get_entity(&id) {
        Ok(entity) => panic!("expected not found, got {entity:?}"),
        Err(error) => h.seen(error),
    };
    assert_eq!(
        missing.response_error().map(|e| (e.kind(), e.status().as_u16())),
        Some((ResponseErrorKind::NotFound, 200))
    );
    let paths: Vec<String> = h.mock.requests_to(ENTITY).into_iter().map(|request| request.path).collect();
    assert_eq!(paths, ["/app/hec-api/v1.0/search/entity/a1", "/app/hec-api/v1.0/search/entity/a1"]);
}

/// Security events are searched (the severity filter in the body, a severity sent as a string
/// read as a number) and read by id.
pub fn events_are_searched_and_fetched<D: ReadDriver>(h: &mut Harness<D>) {
    let events =
        json!([{"eventId": "v1", "severity": "5", "type": "phishing"}, {"eventId": "v2", "severity": 2}]);
    serve_nth(&h.mock, EVENTS, 1, answer(events.clone(), None));
    serve_always(&h.mock, EVENT, answer(json!([events[0].clone()]), Some("")));
    let client = h.client();
    let found: Result<Vec<(String, Option<u8>)>, Error> = client
        .search_events(EventQuery::new(SystemTime::UNIX_EPOCH).event_type("phishing").severity(5))
        .map(|event| event.map(|e| (e.event_id.expect("an id").to_string(), e.severity)))
        .collect();
    let found = found.unwrap_or_else(|error| panic!("expected the events, got: {}", h.seen(error)));
    assert_eq!(found, [("v1".to_owned(), Some(5)), ("v2".to_owned(), Some(2))]);
    assert_eq!(bodies(&h.mock, EVENTS)[0]["requestData"]["severities"], json!([5]));
    let id: EventId = "v1".parse().expect("a valid event id");
    let event = client.get_event(&id).map(|event| event.event_type).map_err(|e| h.seen(e));
    assert_eq!(event, Ok(Some("phishing".to_owned())));
}
