//! Property tests of hec-proto. Case count: `PROPTEST_CASES` (proptest's default, 256, if unset).

use std::collections::HashSet;
use std::time::SystemTime;

use hec_proto::endpoint::{
    ActOnEntities, ActOnEvents, Endpoint, GetEntity, GetEvent, GetScopes, GetTask, SearchEntities,
    SearchEvents, TASK_PATH, parse_task_response, parse_token_response,
};
use hec_proto::model::{ActionStatus, HecTime, TaskAction};
use hec_proto::policy::{Pager, PagerEnd};
use hec_proto::{
    AccessToken, BaseUrl, Entity, EntityAction, EntityId, EntityQuery, EventAction, EventId, EventQuery,
    Page, RequestId, Task, TaskId, TaskStatus,
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
        let _ = parse_token_response(&response(fixture.response.status, body.clone()), SystemTime::UNIX_EPOCH);
        parse_with_every_list_endpoint(&response(fixture.response.status, body));
    }

    #[test]
    fn list_parsing_never_panics_on_arbitrary_bytes(status in statuses(), body in proptest::collection::vec(any::<u8>(), 0..512)) {
        parse_with_every_list_endpoint(&response(status, body));
    }
}

/// Runs every endpoint whose answer is a list over one response; only a panic can fail.
fn parse_with_every_list_endpoint(response: &http::Response<Vec<u8>>) {
    let id = RequestId::new();
    let entity: EntityId = "e1".parse().expect("a valid id");
    let event: EventId = "v1".parse().expect("a valid id");
    let _ = GetScopes.parse(response, id);
    let _ =
        SearchEntities::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH)).parse(response, id);
    let _ = GetEntity::new(entity.clone()).parse(response, id);
    let _ =
        ActOnEntities::new(EntityAction::Quarantine, "office365_emails", vec![entity]).parse(response, id);
    let _ = SearchEvents::new(EventQuery::new(SystemTime::UNIX_EPOCH)).parse(response, id);
    let _ = GetEvent::new(event.clone()).parse(response, id);
    let _ = ActOnEvents::new(EventAction::Dismiss, vec![event]).parse(response, id);
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

/// A count as the wire may spell it: an integer, a whole-number float (exact up to 2^53) or a
/// numeric string.
fn count_json(count: u64, shape: u8) -> Value {
    match shape {
        0 => Value::from(count),
        1 if count < (1 << 53) => Value::from(count as f64),
        _ => Value::String(count.to_string()),
    }
}

/// An optional field: absent, `null`, or the value.
fn put(object: &mut Map<String, Value>, key: &str, value: Option<Value>, null_when_absent: bool) {
    match value {
        Some(value) => {
            object.insert(key.to_owned(), value);
        }
        None if null_when_absent => {
            object.insert(key.to_owned(), Value::Null);
        }
        None => {}
    }
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
        nulls in any::<bool>(),
    ) -> (Value, TaskAction) {
        let mut object = extra;
        let text = |value: &Option<String>| value.clone().map(Value::String);
        let time = |value: &Option<HecTime>| value.as_ref().map(|t| Value::String(t.raw().to_owned()));
        put(&mut object, "action_id", text(&id), nulls);
        put(&mut object, "action_name", text(&name), nulls);
        put(&mut object, "action_type", text(&action_type), nulls);
        put(&mut object, "action_status", status.as_ref().map(|s| Value::String(s.as_str().to_owned())), nulls);
        put(&mut object, "action_message", text(&message), nulls);
        put(&mut object, "action_created", time(&created), nulls);
        put(&mut object, "action_updated", time(&updated), nulls);
        put(&mut object, "hash_key", text(&hash_key), nulls);
        let mut action = TaskAction::default();
        action.id = id;
        action.name = name;
        action.action_type = action_type;
        action.status = status.map(|s: ActionStatus| s);
        action.message = message;
        action.created = created;
        action.updated = updated;
        action.hash_key = hash_key;
        (Value::Object(object), action)
    }
}

/// What a generated task's typed view must read.
#[derive(Debug, Clone, PartialEq)]
struct Expected {
    id: Option<TaskId>,
    name: Option<String>,
    task_type: Option<String>,
    status: Option<TaskStatus>,
    counts: (Option<u64>, Option<u64>, Option<u64>, Option<u64>),
    sequential: Option<bool>,
    customer: Option<String>,
    owner: Option<String>,
    created: Option<HecTime>,
    updated: Option<HecTime>,
    actions: Option<Vec<TaskAction>>,
}

impl Expected {
    fn of(task: &Task) -> Expected {
        Expected {
            id: task.id.clone(),
            name: task.name.clone(),
            task_type: task.task_type.clone(),
            status: task.status.clone(),
            counts: (task.progress, task.total, task.succeed, task.failed),
            sequential: task.sequential,
            customer: task.customer.clone(),
            owner: task.owner.clone(),
            created: task.created.clone(),
            updated: task.updated.clone(),
            actions: task.actions.clone(),
        }
    }
}

prop_compose! {
    fn tasks()(
        id in proptest::option::of((task_ids(), any::<bool>())),
        (name, task_type, customer, owner) in (
            proptest::option::of(".{0,20}"), proptest::option::of(".{0,20}"),
            proptest::option::of(".{0,20}"), proptest::option::of(".{0,20}"),
        ),
        status in proptest::option::of(statuses_of_tasks()),
        counts in (
            proptest::option::of(any::<u64>()), proptest::option::of(any::<u64>()),
            proptest::option::of(any::<u64>()), proptest::option::of(any::<u64>()),
        ),
        count_shapes in (0u8..3, 0u8..3, 0u8..3, 0u8..3),
        sequential in proptest::option::of((any::<bool>(), any::<bool>())),
        created in proptest::option::of(times()),
        updated in proptest::option::of(times()),
        actions in proptest::option::of(proptest::collection::vec(actions(), 0..4)),
        extra in extras(&KNOWN_TASK_FIELDS),
        nulls in any::<bool>(),
    ) -> (Value, Expected) {
        let mut object = extra;
        let text = |value: &Option<String>| value.clone().map(Value::String);
        let time = |value: &Option<HecTime>| value.as_ref().map(|t| Value::String(t.raw().to_owned()));
        // An id as a string or, when numeric and asked for, as a number.
        let id_json = id.as_ref().map(|(id, as_number)| match id.as_str().parse::<u64>() {
            Ok(number) if *as_number && number.to_string() == id.as_str() => Value::from(number),
            _ => Value::String(id.as_str().to_owned()),
        });
        put(&mut object, "id", id_json, nulls);
        put(&mut object, "name", text(&name), nulls);
        put(&mut object, "type", text(&task_type), nulls);
        put(&mut object, "status", status.as_ref().map(|s| Value::String(s.as_str().to_owned())), nulls);
        put(&mut object, "progress", counts.0.map(|c| count_json(c, count_shapes.0)), nulls);
        put(&mut object, "total", counts.1.map(|c| count_json(c, count_shapes.1)), nulls);
        put(&mut object, "succeed", counts.2.map(|c| count_json(c, count_shapes.2)), nulls);
        put(&mut object, "failed", counts.3.map(|c| count_json(c, count_shapes.3)), nulls);
        put(&mut object, "sequential", sequential.map(|(value, as_text)| {
            if as_text { Value::String(value.to_string()) } else { Value::Bool(value) }
        }), nulls);
        put(&mut object, "customer", text(&customer), nulls);
        put(&mut object, "owner", text(&owner), nulls);
        put(&mut object, "created", time(&created), nulls);
        put(&mut object, "updated", time(&updated), nulls);
        put(&mut object, "actions", actions.as_ref().map(|list| {
            Value::Array(list.iter().map(|(json, _)| json.clone()).collect())
        }), nulls);
        let expected = Expected {
            id: id.map(|(id, _)| id),
            name, task_type, status, counts,
            sequential: sequential.map(|(value, _)| value),
            customer, owner, created, updated,
            actions: actions.map(|list| list.into_iter().map(|(_, action)| action).collect()),
        };
        (Value::Object(object), expected)
    }
}

proptest! {
    #[test]
    fn a_generated_task_is_kept_exactly_and_read_in_every_shape((task_json, expected) in tasks(), wrap in 0u8..3) {
        let text = task_json.to_string();
        let body = match wrap {
            0 => format!(r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": {text}}}"#),
            1 => format!(r#"{{"responseEnvelope": {{"responseCode": 0}}, "responseData": [{text}]}}"#),
            _ => text.clone(),
        };
        let parsed = parse_task_response(&response(200, body.into_bytes()), None);
        if expected.id.is_none() && expected.status.is_none() {
            // Neither `id` nor `status`: no task, in any shape.
            prop_assert_eq!(parsed.map_err(|e| e.kind()).err(), Some(hec_proto::ResponseErrorKind::Malformed));
            return Ok(());
        }
        let parsed = parsed.map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(Expected::of(&parsed.task), expected);
        prop_assert_eq!(parsed.task.raw().get(), text.as_str());
        prop_assert_eq!(serde_json::to_string(&parsed.task).expect("a task serializes"), text);
    }
}

// ---- task ids and the request path ----

/// Any character but those of an id (`A-Z`, `a-z`, `0-9`, `_`, `-`): the ASCII ones between and
/// around them, and every other character, each range as likely; so no case is thrown away.
fn outside_the_id_alphabet() -> impl Strategy<Value = char> {
    prop_oneof![
        proptest::char::range('\0', ','),
        proptest::char::range('.', '/'),
        proptest::char::range(':', '@'),
        proptest::char::range('[', '^'),
        Just('`'),
        proptest::char::range('{', '\u{7f}'),
        proptest::char::range('\u{80}', char::MAX),
    ]
}

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
        prefix in "[A-Za-z0-9_-]{0,20}", bad in outside_the_id_alphabet(), suffix in "[A-Za-z0-9_-]{0,20}",
    ) {
        prop_assert!(!(bad.is_ascii_alphanumeric() || bad == '_' || bad == '-'), "{bad:?}");
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
        let request = call.request(&"https://h.example".parse().expect("valid"), &AccessToken::new("t"), id).expect("valid");
        prop_assert_eq!(request.headers()["x-av-req-id"].to_str().ok(), Some(text));
    }
}

// ---- paging ends on every cursor sequence ----

/// Pages as a server might answer them: a cursor (a new one, one seen before, `""` or `null`;
/// the alphabet is small so repeats are common) and how many items the page holds.
fn served_pages() -> impl Strategy<Value = Vec<(Option<String>, usize)>> {
    let cursor = prop_oneof![
        6 => "[a-e]{1,2}".prop_map(Some),
        1 => Just(Some(String::new())),
        1 => Just(None),
    ];
    proptest::collection::vec((cursor, 0usize..4), 1..32)
}

proptest! {
    #[test]
    fn paging_ends_on_every_cursor_sequence_within_one_page_per_new_cursor(pages in served_pages()) {
        // The server answers these pages in order, then again from the first, without end: it
        // never has to say "last" for paging to end.
        let distinct: HashSet<&str> =
            pages.iter().filter_map(|(cursor, _)| cursor.as_deref()).filter(|cursor| !cursor.is_empty()).collect();
        let bound = distinct.len() + 1;
        let item: Entity = serde_json::from_str("{}").expect("an empty entity");
        let mut pager = Pager::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH));
        let mut previous: Option<String> = None;
        let mut served = 0usize;
        while let Some(call) = pager.poll_call() {
            prop_assert!(served < bound, "asked for page {} with {} distinct cursors", served + 1, distinct.len());
            prop_assert_eq!(&call.cursor, &previous, "each request carries the last page's cursor");
            let (cursor, count) = &pages[served % pages.len()];
            pager.handle_page(&Page::new(vec![item.clone(); *count], cursor.clone()));
            previous = cursor.clone();
            served += 1;
        }
        prop_assert_eq!(pager.pages() as usize, served);
        let (cursor, count) = &pages[(served - 1) % pages.len()];
        let expected = match cursor.as_deref() {
            _ if *count == 0 => PagerEnd::EmptyPage,
            None => PagerEnd::NoCursor,
            Some("") => PagerEnd::EmptyCursor,
            Some(_) => PagerEnd::RepeatedCursor,
        };
        prop_assert_eq!(pager.end(), Some(expected), "it ended on the last page served, for that page's reason");
    }
}

// ---- every model keeps exactly the text sent for it ----

/// Whitespace as a server may put it between tokens: none, or a run of spaces, tabs, line feeds
/// and carriage returns.
fn spacing() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop::sample::select(vec![" ", "\t", "\n", "\r", "   "]), 0..3)
        .prop_map(|s| s.concat())
}

/// The inside of a JSON string: plain and non-ASCII text, and every escape (a surrogate pair
/// included; no lone surrogate, which is not text).
fn string_content() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 _.@:,{}\\[\\]-]{1,6}",
        1 => "[éü中😀\u{7f}\u{a0}]{1,2}",
        1 => prop::sample::select(vec![
            r#"\""#, r"\\", r"\/", r"\b", r"\f", r"\n", r"\r", r"\t", r"\u00e9", r"\u0000", r"\u001F",
            r"\ud83d\ude00", r"\u4E2D", r"\u0022", r"\u005c",
        ])
        .prop_map(str::to_owned),
    ];
    proptest::collection::vec(piece, 0..5).prop_map(|pieces| pieces.concat())
}

/// A number in any of JSON's spellings.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<i64>().prop_map(|n| n.to_string()),
        any::<u64>().prop_map(|n| n.to_string()),
        prop::sample::select(vec![
            "0",
            "-0",
            "1.0",
            "-0.0",
            "2.50",
            "1e5",
            "1E-7",
            "2.5e+10",
            "0.000",
            "123456789012345678901234567890",
            "18446744073709551616",
            "-9223372036854775809",
            "1e308",
            "5e-324",
        ])
        .prop_map(str::to_owned),
    ]
}

/// A JSON value's text, nested a few levels, with odd spacing everywhere spacing may go.
fn value_text() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        string_content().prop_map(|s| format!("\"{s}\"")),
        number_text(),
        prop::sample::select(vec!["true", "false", "null"]).prop_map(str::to_owned),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec((spacing(), inner.clone(), spacing()), 0..4).prop_map(|items| {
                let items: Vec<String> = items.into_iter().map(|(a, v, b)| format!("{a}{v}{b}")).collect();
                format!("[{}]", items.join(","))
            }),
            object_text(inner),
        ]
    })
}

/// An object's text whose members are `values`, under keys that no model reads (`x_...`, escapes
/// and all), with odd spacing around every token.
fn object_text(values: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let member = (spacing(), string_content(), spacing(), spacing(), values, spacing());
    (proptest::collection::vec(member, 0..5), spacing()).prop_map(|(members, empty)| {
        if members.is_empty() {
            return format!("{{{empty}}}");
        }
        let members: Vec<String> = members
            .into_iter()
            .map(|(a, key, b, c, value, d)| format!("{a}\"x_{key}\"{b}:{c}{value}{d}"))
            .collect();
        format!("{{{}}}", members.join(","))
    })
}

/// `object` with `member` (`"key": value`) as its first member.
fn with_first_member(object: &str, member: &str) -> String {
    let rest = &object[1..];
    if rest.trim_start() == "}" { format!("{{{member}{rest}") } else { format!("{{{member},{rest}") }
}

/// A list answer whose `responseData` holds `items`, spaced oddly.
fn list_answer(items: &[&str]) -> http::Response<Vec<u8>> {
    let items: Vec<String> = items.iter().map(|item| format!(" \n{item}\t")).collect();
    let body = format!(
        "{{ \"responseEnvelope\" : {{\"responseCode\": 200}} ,\r\n\"responseData\": [{}] }}",
        items.join(",")
    );
    response(200, body.into_bytes())
}

/// A paged query whose items are `T`: how an exception list (which has no endpoint in this
/// version) is read through the same list reader as the entities and events.
#[derive(Clone)]
struct ItemsOf<T>(std::marker::PhantomData<T>);

impl<T: serde::de::DeserializeOwned + Clone> hec_proto::endpoint::PagedQuery for ItemsOf<T> {
    type Item = T;
    const PATH: &'static str = "/app/hec-api/v1.0/items";
    fn request_body(&self, _cursor: Option<&str>) -> Vec<u8> {
        Vec::new()
    }
}

/// The items of a list answer read as `T` by hec-proto's list reader; each must keep exactly the
/// text sent for it (`raw`), write it back unchanged, and equal what serde_json's two passes
/// (the text, then the view from it) read.
fn read_items<T>(texts: &[&str], raw: impl Fn(&T) -> &str) -> Result<(), TestCaseError>
where
    T: serde::de::DeserializeOwned + serde::Serialize + Clone + PartialEq + std::fmt::Debug,
{
    let call = hec_proto::endpoint::Paged::new(ItemsOf::<T>(std::marker::PhantomData));
    let page =
        call.parse(&list_answer(texts), RequestId::new()).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(page.items.len(), texts.len());
    for (item, text) in page.items.iter().zip(texts) {
        prop_assert_eq!(raw(item), *text);
        prop_assert_eq!(serde_json::to_string(item).expect("a model serializes"), *text);
        prop_assert_eq!(&serde_json::from_str::<T>(text).expect("serde_json reads it"), item);
    }
    Ok(())
}

proptest! {
    #[test]
    fn every_model_keeps_exactly_the_text_sent_for_any_object(
        object in object_text(value_text()),
        other in object_text(value_text()),
    ) {
        use hec_proto::model::{AnomalyException, ApException, CtpItem, CtpListRow, ToolException};
        let texts = [object.as_str(), other.as_str()];
        read_items::<Entity>(&texts, |e| e.raw().get())?;
        read_items::<hec_proto::Event>(&texts, |e| e.raw().get())?;
        read_items::<ApException>(&texts, |e| e.raw().get())?;
        read_items::<ToolException>(&texts, |e| e.raw().get())?;
        read_items::<AnomalyException>(&texts, |e| e.raw().get())?;
        read_items::<CtpItem>(&texts, |e| e.raw().get())?;
        read_items::<CtpListRow>(&texts, |e| e.raw().get())?;

        // Through the endpoints' own readers too.
        let id = RequestId::new();
        let entities = SearchEntities::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH))
            .parse(&list_answer(&texts), id)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(entities.items.iter().map(|e| e.raw().get()).collect::<Vec<_>>(), texts);
        let event = GetEvent::new("v1".parse().expect("a valid id")).parse(&list_answer(&texts), id)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(event.raw().get(), object.as_str());

        // An action's item and a task need a field of their own to be one.
        let item = with_first_member(&object, "\"taskId\" :\"1691525788820900\"");
        let acted = ActOnEntities::new(EntityAction::Quarantine, "office365_emails", vec!["e1".parse().expect("a valid id")])
            .parse(&list_answer(&[&item]), id)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(acted.tasks[0].raw().get(), item.as_str());

        let task = with_first_member(&object, "\n\"status\"\t: \"inprogress\"");
        for body in [
            format!("{{\"responseEnvelope\": {{\"responseCode\": 200}}, \"responseData\": \r\n{task} }}"),
            format!("{{\"responseData\": [ {task}\n], \"responseEnvelope\": {{}}}}"),
            format!("  {task}  "),
        ] {
            let parsed = parse_task_response(&response(200, body.into_bytes()), None)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(parsed.task.raw().get(), task.as_str());
            prop_assert_eq!(serde_json::to_string(&parsed.task).expect("a task serializes"), task.as_str());
            prop_assert_eq!(&parsed.task, &serde_json::from_str::<Task>(&task).expect("serde_json reads it"));
        }
    }
}

// ---- every time form of one instant is read as that instant ----

proptest! {
    /// One instant written in every form the service sends (docs/HEC-API.md part 2, section 8):
    /// RFC 3339 with `Z` and microseconds, with `+00:00`, naive with and without a fraction,
    /// naive with a space (the task form), and RFC 1123; a form without an offset is UTC. The
    /// forms without a fraction give the instant's whole second.
    #[test]
    fn every_time_form_of_one_instant_reads_as_that_instant(
        second in 0i64..253_402_300_799, // 1970-01-01 to 9999-12-31T23:59:59
        micros in 0i32..1_000_000,
    ) {
        let at = jiff::Timestamp::new(second, micros * 1000).expect("in range");
        let whole = jiff::Timestamp::from_second(second).expect("in range");
        let civil = jiff::tz::Offset::UTC.to_datetime(at);
        let date = civil.strftime("%Y-%m-%d").to_string();
        let clock = civil.strftime("%H:%M:%S").to_string();
        let fraction = format!("{micros:06}");
        let exact = [
            format!("{date}T{clock}.{fraction}Z"),
            format!("{date}T{clock}.{fraction}+00:00"),
            format!("{date}T{clock}.{fraction}"),
            format!("{date} {clock}.{fraction}"),
        ];
        for text in exact {
            prop_assert_eq!(HecTime::new(text.clone()).to_utc(), Ok(at), "{}", text);
        }
        let seconds = [
            format!("{date}T{clock}Z"),
            format!("{date}T{clock}+00:00"),
            format!("{date}T{clock}"),
            format!("{date} {clock}"),
            civil.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string(),
        ];
        for text in seconds {
            prop_assert_eq!(HecTime::new(text.clone()).to_utc(), Ok(whole), "{}", text);
        }
    }
}
