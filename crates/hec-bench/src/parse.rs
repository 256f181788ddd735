//! Typed parsing of answers against serde_json's `Value` (a generic parse) and `IgnoredAny`
//! (validation only, allocating nothing: the floor): a task of 1 and of 5,000 actions, a search
//! page of 100 entities and an event page of 100 events, each built from a live-shaped fixture.

use std::time::{Duration, SystemTime};

use hec_proto::endpoint::{Endpoint, GetTask, SearchEntities, SearchEvents, TaskResponse};
use hec_proto::{EntityQuery, EventQuery, RequestId, ResponseError, TaskId};

use crate::measure::{Variant, compare, keep};
use crate::report::{Row, Target};

/// The bodies measured: what each holds.
#[derive(Clone, Copy)]
pub(crate) enum Body {
    /// A task answer (`live-completed`) with this many actions.
    Task(usize),
    /// A search page (`search-page-live`'s first entity) with this many entities.
    Entities(usize),
    /// An event page (`events-page-live`'s event) with this many events.
    Events(usize),
}

/// Every body the parse group measures, in the table's order.
pub(crate) const BODIES: [Body; 4] =
    [Body::Task(1), Body::Task(5_000), Body::Entities(100), Body::Events(100)];

impl Body {
    /// The body named on a command line (`task`, `entities`, `events`) holding `n` items.
    pub(crate) fn named(name: &str, n: usize) -> Body {
        match name {
            "entities" => Body::Entities(n),
            "events" => Body::Events(n),
            _ => Body::Task(n),
        }
    }

    /// The answer's bytes.
    pub(crate) fn bytes(self) -> Vec<u8> {
        match self {
            Body::Task(actions) => live_body(actions),
            Body::Entities(n) => page_body("search-page-live", n, |entity, i| {
                entity["entityInfo"]["entityId"] = format!("{i:08x}6b5a49382716f5e4d3c2b1a0").into();
            }),
            Body::Events(n) => page_body("events-page-live", n, |event, i| {
                event["eventId"] = format!("{i:08x}e4e5e6e7e8e9eaebecedeeef").into();
            }),
        }
    }

    /// The typed parse, as a driver does it: the number of items read.
    pub(crate) fn typed(self, response: &http::Response<Vec<u8>>) -> Result<usize, ResponseError> {
        match self {
            Body::Task(_) => parse_task(response).map(|answer| answer.task.actions().len()),
            Body::Entities(_) => {
                let call = SearchEntities::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH));
                call.parse(response, RequestId::new()).map(|page| page.items.len())
            }
            Body::Events(_) => {
                let call = SearchEvents::new(EventQuery::new(SystemTime::UNIX_EPOCH));
                call.parse(response, RequestId::new()).map(|page| page.items.len())
            }
        }
    }

    fn items(self) -> usize {
        match self {
            Body::Task(n) | Body::Entities(n) | Body::Events(n) => n,
        }
    }

    fn name(self, bytes: usize) -> String {
        match self {
            Body::Task(1) => format!("typed parse, task of 1 action ({bytes} bytes)"),
            Body::Task(n) => format!("typed parse, task of {n} actions ({bytes} bytes)"),
            Body::Entities(n) => format!("typed parse, page of {n} entities ({bytes} bytes)"),
            Body::Events(n) => format!("typed parse, page of {n} events ({bytes} bytes)"),
        }
    }
}

/// A live-shaped task answer (the `live-completed` fixture) with `actions` actions.
pub(crate) fn live_body(actions: usize) -> Vec<u8> {
    let fixture = hec_fixtures::corpus::get("live-completed").expect("the corpus has live-completed");
    let mut body: serde_json::Value =
        serde_json::from_slice(&fixture.response.body).expect("the fixture is JSON");
    let template = body["responseData"]["actions"][0].clone();
    let list: Vec<serde_json::Value> = (0..actions)
        .map(|n| {
            let mut action = template.clone();
            action["action_id"] = format!("Restore_{n:08x}0000000000000000").into();
            action["hash_key"] =
                format!("mt-prod-3##acme-lab7##{}", 1_691_529_376_887_109u64 + n as u64).into();
            action
        })
        .collect();
    body["responseData"]["total"] = actions.into();
    body["responseData"]["succeed"] = actions.into();
    body["responseData"]["actions"] = list.into();
    serde_json::to_vec(&body).expect("a Value serializes")
}

/// A page answer: `fixture`'s envelope and `n` copies of its first item, each given its own id
/// by `number`.
fn page_body(fixture: &str, n: usize, number: impl Fn(&mut serde_json::Value, usize)) -> Vec<u8> {
    let fixture = hec_fixtures::corpus::get(fixture).expect("the corpus has the page fixture");
    let mut body: serde_json::Value =
        serde_json::from_slice(&fixture.response.body).expect("the fixture is JSON");
    let template = body["responseData"][0].clone();
    let items: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            let mut item = template.clone();
            number(&mut item, i);
            item
        })
        .collect();
    body["responseData"] = items.into();
    serde_json::to_vec(&body).expect("a Value serializes")
}

/// The rows for one body: the typed parse against `Value` and against `IgnoredAny`.
pub(crate) fn rows(which: Body, rounds: usize) -> Vec<Row> {
    let body = which.bytes();
    let response = http::Response::new(body.clone());
    // Check once that the typed parse really succeeds on this body.
    assert_eq!(which.typed(&response).expect("the benchmark body parses"), which.items());
    let mut variants = [
        Variant::new(|| keep(which.typed(&response))),
        Variant::new(|| keep(serde_json::from_slice::<serde_json::Value>(&body))),
        Variant::new(|| keep(serde_json::from_slice::<serde::de::IgnoredAny>(&body))),
    ];
    let times = compare(&mut variants, rounds, Duration::from_millis(20));
    let name = which.name(body.len());
    vec![
        Row::ratio(name.clone(), (times[0].cpu, "cpu"), (times[1].cpu, "cpu"), Target::AtMost(0.5)),
        Row::ratio(name, (times[0].cpu, "cpu"), (times[2].cpu, "cpu"), Target::AtMost(3.0)),
    ]
}

/// `times` parses of `body` (for callgrind): `which` is `typed` (hec-proto), `value` or
/// `ignored`.
pub(crate) fn profile(which: &str, times: usize, body: Body) {
    let bytes = body.bytes();
    let response = http::Response::new(bytes.clone());
    for _ in 0..times {
        match which {
            "value" => keep(serde_json::from_slice::<serde_json::Value>(&bytes)),
            "ignored" => keep(serde_json::from_slice::<serde::de::IgnoredAny>(&bytes)),
            _ => keep(body.typed(&response)),
        }
    }
}

/// Prints the allocations of a typed parse and of a `Value` parse of every body.
pub(crate) fn count() {
    for body in BODIES {
        let bytes = body.bytes();
        let response = http::Response::new(bytes.clone());
        let typed = crate::allocs::count(|| keep(body.typed(&response)));
        let value = crate::allocs::count(|| keep(serde_json::from_slice::<serde_json::Value>(&bytes)));
        println!("{}: typed {typed} allocations, Value {value}", body.name(bytes.len()));
    }
}

/// The typed parse of a task answer, as a driver does it (`GetTask::parse`).
fn parse_task(response: &http::Response<Vec<u8>>) -> Result<TaskResponse, ResponseError> {
    GetTask::new(TaskId::from(1_691_529_376_887_109)).parse(response, RequestId::new())
}
