//! The requests that Check Point's XSOAR integration, the Travis SDK and TheHive's responder sent
//! to `hec mock serve` when run unchanged against it (tests/data/third-party/, recorded by
//! /work/thirdparty/run.py; its README says how), sent again in order to a fresh in-process demo
//! mock: each gets the status and the answer shape its client needed.
//!
//! A record's body has its secrets masked (`$client_id`, `$access_key`: the mock's credentials
//! are put back) and its times relative to the run's start (`{"$ago": seconds, "$format":
//! strftime}`: the same time before the replay's start, in the same form). A paging cursor
//! (`scrollId`) is the one the replay's previous answer handed out, as the client's was. Tokens and request ids are never recorded; the replay
//! sends the token of the last token answer and a fresh request id. The ids of the demo tenant
//! are the mock's own made-up ids and are kept: the replay needs them.

use crate::support::{Reply, agent, read};
use hec_fixtures::mock::MockGateway;
use serde_json::Value;

/// The answer a record expects, read as the recorder read it.
#[derive(Debug, PartialEq)]
struct Shape {
    status: u16,
    shape: String,
    response_code: Option<i64>,
    ok: Option<bool>,
    has_records: Option<bool>,
}

fn expected(record: &Value, count_records: bool) -> Shape {
    Shape {
        status: record["status"].as_u64().and_then(|s| u16::try_from(s).ok()).expect("a status"),
        shape: record["shape"].as_str().expect("a shape").to_owned(),
        response_code: record["responseCode"].as_i64(),
        ok: record["ok"].as_bool(),
        has_records: record["records"].as_u64().filter(|_| count_records).map(|n| n > 0),
    }
}

fn observed(reply: &Reply, count_records: bool) -> Shape {
    let mut shape = Shape {
        status: reply.status,
        shape: String::new(),
        response_code: None,
        ok: None,
        has_records: None,
    };
    if reply.header("content-type").is_some_and(|kind| kind.starts_with("message/rfc822")) {
        shape.shape = "eml".to_owned();
        return shape;
    }
    let Ok(body) = serde_json::from_slice::<Value>(&reply.body) else {
        shape.shape = "not-json".to_owned();
        return shape;
    };
    shape.shape = if let Some(envelope) = body.get("responseEnvelope") {
        shape.response_code = envelope["responseCode"].as_i64();
        if let Some(items) = body["responseData"].as_array() {
            shape.has_records = Some(!items.is_empty()).filter(|_| count_records);
            "envelope-list"
        } else {
            "envelope-object"
        }
    } else if body.as_object().is_some_and(|object| object.len() == 1 && object.contains_key("ok")) {
        shape.ok = body["ok"].as_bool();
        "bare-ok"
    } else if body["data"]["token"].is_string() {
        "token"
    } else if body.get("detail").is_some() {
        "detail"
    } else if body.get("message").is_some() {
        "message"
    } else {
        "other"
    }
    .to_owned();
    shape
}

/// Whether a record's count of results is stable across runs: reads of mail and of the allow and
/// block lists (event queries are not: live events come and go, and a fetch's boundary moves).
fn counts_are_stable(record: &Value) -> bool {
    let path = record["path"].as_str().unwrap_or_default();
    ["/search/", "/soar/entity/", "/exceptions/"].iter().any(|part| path.contains(part))
}

/// The body to send: secrets and relative times put back.
fn body(value: &Value, mock: &MockGateway, now: jiff::Timestamp) -> Value {
    match value {
        Value::String(text) if text == "$client_id" => Value::String(mock.client_id().to_owned()),
        Value::String(text) if text == "$access_key" => Value::String(mock.access_key().to_owned()),
        Value::Object(object) if object.contains_key("$ago") => {
            let ago = object["$ago"].as_i64().expect("seconds");
            let format = object["$format"].as_str().expect("a format");
            let at = now - jiff::SignedDuration::from_secs(ago);
            Value::String(at.strftime(format).to_string())
        }
        Value::Object(object) => {
            Value::Object(object.iter().map(|(key, item)| (key.clone(), body(item, mock, now))).collect())
        }
        Value::Array(items) => Value::Array(items.iter().map(|item| body(item, mock, now)).collect()),
        other => other.clone(),
    }
}

/// Sends every record of `recording` in order; the calls whose answer differs, with both shapes.
fn replay(recording: &str) -> (usize, Vec<String>) {
    let recording: Value = serde_json::from_str(recording).expect("the recording is JSON");
    let calls = recording["calls"].as_array().expect("calls");
    let mock = MockGateway::demo();
    let agent = agent();
    let mut token = String::new();
    let mut scroll = String::new();
    let mut differences = Vec::new();
    let start = jiff::Timestamp::now();
    for record in calls {
        let method = record["method"].as_str().expect("a method");
        let mut url = format!("{}{}", mock.base_url(), record["path"].as_str().expect("a path"));
        if let Some(query) = record["query"].as_object().filter(|query| !query.is_empty()) {
            let pairs: Vec<String> = query
                .iter()
                .map(|(name, value)| format!("{name}={}", value.as_str().unwrap_or_default()))
                .collect();
            url = format!("{url}?{}", pairs.join("&"));
        }
        let mut request = http::Request::builder().method(method).uri(&url);
        for name in record["headers"].as_array().expect("headers").iter().filter_map(Value::as_str) {
            let value = match name {
                "authorization" => format!("Bearer {token}"),
                "x-av-req-id" => uuid::Uuid::new_v4().to_string(),
                "cloudinfra-external-client-id" => mock.client_id().to_owned(),
                _ => "application/json".to_owned(),
            };
            request = request.header(name, value);
        }
        let sent = match &record["body"] {
            Value::Null => String::new(),
            recorded => {
                let mut sent = body(recorded, &mock, start);
                if sent["requestData"]["scrollId"].as_str().is_some_and(|cursor| !cursor.is_empty()) {
                    sent["requestData"]["scrollId"] = Value::String(scroll.clone());
                }
                sent.to_string()
            }
        };
        let request = request.body(sent).expect("a request");
        let reply = read(agent.run(request).expect("the mock answers")).expect("the body arrives");
        if let Some(json) = reply.json_opt() {
            if let Some(issued) = json["data"]["token"].as_str() {
                token = issued.to_owned();
            }
            if let Some(cursor) =
                json["responseEnvelope"]["scrollId"].as_str().filter(|cursor| !cursor.is_empty())
            {
                scroll = cursor.to_owned();
            }
        }
        let stable = counts_are_stable(record);
        let (want, got) = (expected(record, stable), observed(&reply, stable));
        if want != got {
            differences
                .push(format!("{} {}: want {want:?}, got {got:?}", record["client_call"], record["path"]));
        }
    }
    (calls.len(), differences)
}

#[test]
fn xsoar_gets_what_it_got_from_hec_mock_serve() {
    let (sent, differences) = replay(include_str!("../data/third-party/xsoar.json"));
    assert_eq!(sent, 152);
    assert_eq!(differences, Vec::<String>::new());
}

#[test]
fn the_travis_sdk_gets_what_it_got_from_hec_mock_serve() {
    let (sent, differences) = replay(include_str!("../data/third-party/travis.json"));
    assert_eq!(sent, 26);
    assert_eq!(differences, Vec::<String>::new());
}

#[test]
fn thehives_responder_gets_what_it_got_from_hec_mock_serve() {
    let (sent, differences) = replay(include_str!("../data/third-party/thehive.json"));
    assert_eq!(sent, 20);
    assert_eq!(differences, Vec::<String>::new());
}

#[test]
fn every_recorded_call_the_clients_needed_succeeded_but_the_unknown_entity_ones() {
    let failed = |recording: &str| -> Vec<String> {
        let recording: Value = serde_json::from_str(recording).expect("JSON");
        let mut calls: Vec<String> = recording["calls"]
            .as_array()
            .expect("calls")
            .iter()
            .filter(|record| record["client_ok"] == false)
            .filter_map(|record| record["client_call"].as_str().map(str::to_owned))
            .collect();
        calls.dedup();
        calls
    };
    let xsoar = failed(include_str!("../data/third-party/xsoar.json"));
    assert_eq!(xsoar.len(), 2, "{xsoar:?}");
    assert!(xsoar.iter().all(|call| call.contains("00000000000000000000000000000000")), "{xsoar:?}");
    assert_eq!(failed(include_str!("../data/third-party/travis.json")), Vec::<String>::new());
    assert_eq!(
        failed(include_str!("../data/third-party/thehive.json")),
        ["quarantine_by_message_id (unknown)"]
    );
}
