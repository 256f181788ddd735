//! Typed parsing of a task response against serde_json's `Value` (a generic parse) and
//! `IgnoredAny` (validation only, allocating nothing: the floor).

use std::time::Duration;

use hec_proto::endpoint::{Endpoint, GetTask, TaskResponse};
use hec_proto::{RequestId, ResponseError, TaskId};

use crate::measure::{Variant, compare, keep};
use crate::report::{Row, Target};

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

/// The rows for a body of `actions` actions.
pub(crate) fn rows(actions: usize, rounds: usize) -> Vec<Row> {
    let body = live_body(actions);
    let response = http::Response::new(body.clone());
    // Check once that the typed parse really succeeds on this body.
    let parsed = parse_task(&response).expect("the benchmark body parses");
    assert_eq!(parsed.task.actions().len(), actions);
    let mut variants = [
        Variant::new(|| keep(parse_task(&response))),
        Variant::new(|| keep(serde_json::from_slice::<serde_json::Value>(&body))),
        Variant::new(|| keep(serde_json::from_slice::<serde::de::IgnoredAny>(&body))),
    ];
    let times = compare(&mut variants, rounds, Duration::from_millis(20));
    let name = format!(
        "typed parse, {actions} action{} ({} bytes)",
        if actions == 1 { "" } else { "s" },
        body.len()
    );
    vec![
        Row::ratio(name.clone(), (times[0], "ns"), (times[1], "ns"), Target::AtMost(0.6)),
        Row::ratio(name, (times[0], "ns"), (times[2], "ns"), Target::AtMost(3.5)),
    ]
}

/// One parse of a 5,000-action body (`HEC_BENCH_ACTIONS` to change), `times` times (for callgrind): `typed` (hec-proto),
/// `value` or `ignored`.
pub(crate) fn profile(which: &str, times: usize) {
    let actions = std::env::var("HEC_BENCH_ACTIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(5_000);
    let body = live_body(actions);
    let response = http::Response::new(body.clone());
    for _ in 0..times {
        match which {
            "value" => keep(serde_json::from_slice::<serde_json::Value>(&body)),
            "ignored" => keep(serde_json::from_slice::<serde::de::IgnoredAny>(&body)),
            _ => keep(parse_task(&response)),
        }
    }
}

/// Prints the allocations of a typed parse and of a `Value` parse, for 1 and 5,000 actions.
pub(crate) fn count() {
    for actions in [1, 5_000] {
        let body = live_body(actions);
        let response = http::Response::new(body.clone());
        let typed = crate::allocs::count(|| keep(parse_task(&response)));
        let value = crate::allocs::count(|| keep(serde_json::from_slice::<serde_json::Value>(&body)));
        println!("{actions} actions: typed {typed} allocations, Value {value}");
    }
}

/// The typed parse of a task answer, as a driver does it (`GetTask::parse`).
fn parse_task(response: &http::Response<Vec<u8>>) -> Result<TaskResponse, ResponseError> {
    GetTask::new(TaskId::from(1_691_529_376_887_109)).parse(response, RequestId::new())
}
