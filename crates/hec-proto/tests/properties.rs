//! Property tests of hec-proto. Case count: `PROPTEST_CASES` (proptest's default, 256, if unset).

use std::time::SystemTime;

use hec_proto::{
    AccessToken, ActionStatus, BaseUrl, Endpoint, GetTask, HecTime, RequestId, TASK_PATH, Task, TaskAction,
    TaskId, TaskStatus, parse_task_response, parse_token_response,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn response(status: u16, body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body);
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap_or(http::StatusCode::OK);
    response
}

fn statuses() -> impl Strategy<Value = u16> {
    prop_oneof![
        Just(200u16),
        Just(201),
        Just(204),
        Just(401),
        Just(403),
        Just(404),
        Just(429),
        Just(503),
        100u16..600
    ]
}

// ---- parsing never panics ----

proptest! {
    #[test]
    fn task_parsing_never_panics_on_arbitrary_bytes(status in statuses(), body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = parse_task_response(&response(status, body.clone()), None);
        let _ = parse_token_response(&response(status, body), SystemTime::UNIX_EPOCH);
    }

    #[test]
    fn parsing_never_panics_on_mutated_fixtures(
        index in any::<prop::sample::Index>(),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..8),
    ) {
        let corpus = hec_fixtures::corpus::all();
        let fixture = &corpus[index.index(corpus.len())];
        let mut body = fixture.response.body.clone();
        for (at, byte, op) in edits {
            if body.is_empty() {
                body.push(byte);
                continue;
            }
            let at = at.index(body.len());
            match op {
                0 => body[at] = byte,
                1 => body.insert(at, byte),
                2 => { body.remove(at); }
                _ => body.truncate(at),
            }
        }
        let _ = parse_task_response(&response(fixture.response.status, body.clone()), None);
        let _ = parse_token_response(&response(fixture.response.status, body), SystemTime::UNIX_EPOCH);
    }
}

// ---- a generated task survives serialize-then-parse ----

// Known fields, plus the envelope's keys (a bare task holding them would be read as enveloped).
const KNOWN_TASK_FIELDS: [&str; 16] = [
    "responseEnvelope",
    "responseData",
    "id",
    "name",
    "type",
    "status",
    "progress",
    "total",
    "succeed",
    "failed",
    "sequential",
    "customer",
    "owner",
    "created",
    "updated",
    "actions",
];
const KNOWN_ACTION_FIELDS: [&str; 8] = [
    "action_id",
    "action_name",
    "action_type",
    "action_status",
    "action_message",
    "action_created",
    "action_updated",
    "hash_key",
];

fn task_ids() -> impl Strategy<Value = TaskId> {
    prop_oneof![
        any::<u64>().prop_map(TaskId::from),
        "[A-Za-z0-9_-]{1,128}".prop_map(|text| TaskId::new(text).expect("the pattern only makes valid ids")),
    ]
}

fn statuses_of_tasks() -> impl Strategy<Value = TaskStatus> {
    prop_oneof![
        Just(TaskStatus::Init),
        Just(TaskStatus::InProgress),
        Just(TaskStatus::Completed),
        Just(TaskStatus::Failed),
        Just(TaskStatus::Stopped),
        Just(TaskStatus::Paused),
        "[a-z_]{1,16}".prop_map(|text| TaskStatus::from_wire(&text)),
    ]
}

fn json_values() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map("[a-z]{1,6}", inner, 0..4)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

fn extras(known: &'static [&'static str]) -> impl Strategy<Value = Map<String, Value>> {
    proptest::collection::btree_map("[a-zA-Z_]{1,12}", json_values(), 0..3)
        .prop_map(move |map| map.into_iter().filter(|(key, _)| !known.contains(&key.as_str())).collect())
}

fn times() -> impl Strategy<Value = HecTime> {
    prop_oneof![
        "20[0-9]{2}-[01][0-9]-[0-3][0-9] [0-2][0-9]:[0-5][0-9]:[0-5][0-9]\\.[0-9]{6}".prop_map(HecTime::new),
        ".{0,20}".prop_map(HecTime::new),
    ]
}

prop_compose! {
    fn actions()(
        id in proptest::option::of("[A-Za-z0-9_]{1,20}"),
        name in proptest::option::of(".{0,20}"),
        action_type in proptest::option::of(".{0,20}"),
        status in proptest::option::of(statuses_of_tasks()),
        message in proptest::option::of(".{0,40}"),
        created in proptest::option::of(times()),
        updated in proptest::option::of(times()),
        hash_key in proptest::option::of(".{0,30}"),
        extra in extras(&KNOWN_ACTION_FIELDS),
    ) -> TaskAction {
        let mut action = TaskAction::default();
        action.id = id;
        action.name = name;
        action.action_type = action_type;
        action.status = status.map(|s: ActionStatus| s);
        action.message = message;
        action.created = created;
        action.updated = updated;
        action.hash_key = hash_key;
        action.extra = extra;
        action
    }
}

prop_compose! {
    fn tasks()(
        id in proptest::option::of(task_ids()),
        (name, task_type, customer, owner) in (
            proptest::option::of(".{0,20}"), proptest::option::of(".{0,20}"),
            proptest::option::of(".{0,20}"), proptest::option::of(".{0,20}"),
        ),
        status in proptest::option::of(statuses_of_tasks()),
        counts in (
            proptest::option::of(any::<u64>()), proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()), proptest::option::of(any::<u64>()),
        ),
        sequential in proptest::option::of(any::<bool>()),
        created in proptest::option::of(times()),
        updated in proptest::option::of(times()),
        actions in proptest::option::of(proptest::collection::vec(actions(), 0..4)),
        extra in extras(&KNOWN_TASK_FIELDS),
    ) -> Task {
        let mut task = Task::default();
        task.id = id;
        task.name = name;
        task.task_type = task_type;
        task.customer = customer;
        task.owner = owner;
        task.status = status;
        (task.progress, task.total, task.succeed, task.failed) = counts;
        task.sequential = sequential;
        task.created = created;
        task.updated = updated;
        task.actions = actions;
        task.extra = extra;
        task
    }
}

proptest! {
    #[test]
    fn a_generated_task_survives_serialize_then_parse(task in tasks(), wrap in 0u8..3) {
        let task_json = serde_json::to_value(&task).expect("a task serializes");
        let body = match wrap {
            0 => serde_json::json!({"responseEnvelope": {"responseCode": 200}, "responseData": task_json}),
            1 => serde_json::json!({"responseEnvelope": {"responseCode": 0}, "responseData": [task_json]}),
            // The bare structure needs an id or a status to be recognised as a task.
            _ if task.id.is_some() || task.status.is_some() => task_json,
            _ => serde_json::json!({"responseData": task_json}),
        };
        let parsed = parse_task_response(&response(200, serde_json::to_vec(&body).expect("JSON serializes")), None)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(parsed.task, task);
    }
}

// ---- task ids and the request path ----

proptest! {
    #[test]
    fn every_accepted_task_id_yields_exactly_its_path(text in prop_oneof![".{0,140}", "[A-Za-z0-9_-]{1,128}", "[ -~]{1,20}"]) {
        match text.parse::<TaskId>() {
            Ok(id) => {
                let call = GetTask::new(id);
                let base: BaseUrl = "https://gw.example.com/prefix".parse().expect("a valid base URL");
                let request = call.request(&base, &AccessToken::new("t"), RequestId::new()).expect("a plain token is a valid header");
                prop_assert_eq!(request.uri().path(), format!("/prefix{TASK_PATH}{text}"));
                prop_assert_eq!(request.uri().query(), None);
                prop_assert_eq!(request.uri().host(), Some("gw.example.com"));
                prop_assert_eq!(call.path(), format!("{TASK_PATH}{text}"));
            }
            Err(_) => {
                let valid = (1..=128).contains(&text.len())
                    && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
                prop_assert!(!valid, "a valid id {text:?} was rejected");
            }
        }
    }

    #[test]
    fn ids_with_any_character_outside_the_alphabet_are_rejected(
        prefix in "[A-Za-z0-9_-]{0,20}", bad in any::<char>(), suffix in "[A-Za-z0-9_-]{0,20}",
    ) {
        prop_assume!(!(bad.is_ascii_alphanumeric() || bad == '_' || bad == '-'));
        let text = format!("{prefix}{bad}{suffix}");
        prop_assert!(text.parse::<TaskId>().is_err());
    }

    #[test]
    fn request_ids_are_v4_uuids_and_valid_header_values(_round in 0u8..1) {
        let id = RequestId::new();
        prop_assert_eq!(id.as_uuid().get_version_num(), 4);
        let header = id.header_value();
        let text = header.to_str().expect("ASCII");
        prop_assert_eq!(text, id.to_string());
        prop_assert_eq!(text.parse::<RequestId>().ok(), Some(id));
        let call = GetTask::new(TaskId::from(1));
        let request_id = RequestId::new();
        let request = call.request(&"https://h.example".parse().expect("valid"), &AccessToken::new("t"), request_id).expect("valid");
        let sent = request_id.to_string();
        prop_assert_eq!(request.headers()["x-av-req-id"].to_str().ok(), Some(sent.as_str()));
    }
}
