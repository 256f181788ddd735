//! The reader against serde_json: the same values, a refusal wherever serde_json refuses, and
//! raw values and models that keep their text read in one pass.

use proptest::prelude::*;
use serde_json::Value;
use serde_json::value::RawValue;

use crate::model::entity::Entity;
use crate::model::event::Event;
use crate::model::exception::click_time::CtpListRow;
use crate::model::task::Task;
use crate::wire::reader::from_str;

/// The reader's value for `text`, which must be serde_json's.
fn same_as_serde_json(text: &str) {
    let expected: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text:?}: {e}"));
    let read: Value = from_str(text).unwrap_or_else(|_| panic!("{text:?}: declined"));
    assert_eq!(read, expected, "{text:?}");
    // Numbers keep their kind (u64, i64 or f64), not only their value.
    assert_eq!(read.to_string(), expected.to_string(), "{text:?}");
}

#[test]
fn every_kind_of_value_reads_as_serde_json_reads_it() {
    for text in [
        "null",
        " true ",
        "false",
        "0",
        "-0",
        "7",
        "1234567890123456789",
        "12345678901234567890",
        "18446744073709551615",
        "18446744073709551616",
        "123456789012345678901234567890",
        "-1",
        "-9223372036854775808",
        "-9223372036854775809",
        "1.5",
        "-0.0",
        "2.50",
        "1e5",
        "1E-5",
        "2.5e+3",
        "0.1",
        r#""""#,
        r#""plain""#,
        "\"é ü 中 😀\"",
        r#""a\"b\\c\/d\b\f\n\r\t""#,
        r#""\u00e9\ud83d\ude00\u0000""#,
        "[]",
        "[ ]",
        "{}",
        "{ }",
        "[1, [2, [3, []]], {}]",
        "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\"}}",
        " {\n\t\"a\" :\r\n 1 , \"b\":\"x\"\n} ",
        r#"{"a\u0062": 1, "\n": 2}"#,
        r#"{"a": 1, "a": 2}"#,
    ] {
        same_as_serde_json(text);
    }
}

#[test]
fn whatever_serde_json_refuses_the_reader_refuses() {
    for text in [
        "",
        " ",
        "[1,]",
        "[,1]",
        "{\"a\":1,}",
        "{,}",
        "01",
        "-01",
        "1.",
        "1.e5",
        "-",
        "+1",
        ".5",
        "1e",
        "1e+",
        "\"\u{1}\"",
        "\"tab\there\"",
        r#""\q""#,
        r#""\u12""#,
        r#""\u12G4""#,
        "tru",
        "nul",
        "True",
        "[1 2]",
        "{\"a\" 1}",
        "{\"a\":}",
        "{1:2}",
        "{a:2}",
        "\"abc",
        "[",
        "{",
        "]",
        "[1]x",
        "1 2",
        "{\"a\":1}}",
        "[1]]",
    ] {
        assert!(serde_json::from_str::<Value>(text).is_err(), "serde_json reads {text:?}");
        assert!(from_str::<Value>(text).is_err(), "the reader reads {text:?}");
        assert!(from_str::<serde::de::IgnoredAny>(text).is_err(), "the reader skips {text:?}");
        assert!(from_str::<&RawValue>(text).is_err(), "the reader takes {text:?} as raw");
    }
}

#[test]
fn what_serde_json_skips_but_refuses_to_read_the_reader_skips_and_refuses_alike() {
    // A lone surrogate, and numbers out of a float's range.
    for text in [r#"["\ud800", "\udc00x"]"#, "[1e400]", "{\"a\": -1e400}"] {
        assert!(serde_json::from_str::<Value>(text).is_err(), "{text}");
        assert!(from_str::<Value>(text).is_err(), "{text}");
        assert!(serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok(), "{text}");
        assert!(from_str::<serde::de::IgnoredAny>(text).is_ok(), "{text}");
        assert_eq!(from_str::<&RawValue>(text).map(RawValue::get).ok(), Some(text));
    }
}

#[test]
fn nesting_is_refused_where_serde_json_refuses_it() {
    for depth in [1, 126, 127, 128, 129, 130, 200] {
        let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let expected = serde_json::from_str::<Value>(&text).is_ok();
        assert_eq!(from_str::<Value>(&text).is_ok(), expected, "{depth} levels");
        // Skipping is never stricter than reading (a deeper value is left to serde_json).
        if expected {
            assert!(from_str::<serde::de::IgnoredAny>(&text).is_ok(), "{depth} levels skipped");
            assert_eq!(from_str::<&RawValue>(&text).map(RawValue::get).ok(), Some(text.as_str()));
        }
    }
}

#[test]
fn a_raw_value_is_its_text_as_sent_without_the_whitespace_around_it() {
    let text = " \n{\"a\" : [1, 2.50, \"x\\ny\", {}], \"b\":null}\t";
    let value = "{\"a\" : [1, 2.50, \"x\\ny\", {}], \"b\":null}";
    // If serde_json ever renames its raw value request, these fail (and every parse would fall
    // back to serde_json: slower, not wrong).
    let borrowed: &RawValue = from_str(text).expect("the reader serves serde_json's raw value");
    assert_eq!(borrowed.get(), value);
    let boxed: Box<RawValue> = from_str(text).expect("the reader serves serde_json's raw value");
    assert_eq!(boxed.get(), value);
}

#[test]
fn a_model_keeps_exactly_its_text_and_reads_the_same_view_as_in_two_passes() {
    let event =
        "{ \"eventId\" : \"e0\\u0065\", \"severity\":\"4\" ,\n \"x\": [1, {\"y\": \"\\\"\"}], \"type\":null}";
    let list = format!("[ {event} ,{event}]");
    let one_pass: Vec<Event> = from_str(&list).expect("the reader reads events in one pass");
    let two_passes: Vec<Event> = serde_json::from_str(&list).expect("serde_json reads them");
    assert_eq!(one_pass, two_passes);
    assert_eq!(one_pass[0].raw().get(), event);
    assert_eq!(one_pass[0].event_id.as_ref().map(|id| id.as_str()), Some("e0e"));
    assert_eq!(one_pass[0].severity, Some(4));

    let entity = r#"{"entityInfo": {"entityId": "5f0e"}, "entityPayload": {"subject": "Pay\u0072oll", "recipients": ["a@example.com"]}}"#;
    let read: Entity = from_str(entity).expect("the reader reads an entity");
    assert_eq!(read.raw().get(), entity);
    assert_eq!(read.subject.as_deref(), Some("Payroll"));
    assert_eq!(read, serde_json::from_str::<Entity>(entity).expect("serde_json reads it"));

    let task = r#"{"id": 1735689600123457, "status": "completed", "progress": "1", "actions": [{"action_id": "a"}]}"#;
    let read: Task = from_str(task).expect("the reader reads a task");
    assert_eq!(read.raw().get(), task);
    assert_eq!(read, serde_json::from_str::<Task>(task).expect("serde_json reads it"));
}

#[test]
fn a_one_or_list_field_keeps_each_items_text_in_one_pass() {
    let item =
        r#"{"listid": "1", "listitemid": "4711000000000002",  "listitemname": "payroll.evil.example"}"#;
    for listitem in [item.to_owned(), format!("[{item}, {item}]"), "[]".to_owned(), "null".to_owned()] {
        let row = format!(r#"{{"listid": "1", "listitem": {listitem}, "listname": "blacklist"}}"#);
        let one_pass: CtpListRow = from_str(&row).unwrap_or_else(|_| panic!("{row}: declined"));
        let two_passes: CtpListRow = serde_json::from_str(&row).expect("serde_json reads it");
        assert_eq!(one_pass, two_passes, "{row}");
        assert_eq!(one_pass.raw().get(), row);
        for read in &one_pass.items {
            assert_eq!(read.raw().get(), item);
        }
    }
}

#[test]
fn a_view_then_text_map_is_refused_from_an_ordinary_object() {
    // A deserializer that answers the request with an ordinary map (serde's own map deserializer
    // answers every request with its map) gives an error, never a view read from the wrong place.
    use serde::Deserialize as _;
    use serde::de::IntoDeserializer as _;
    let map: std::collections::BTreeMap<String, String> = [("eventId".to_owned(), "e1".to_owned())].into();
    let deserializer: serde::de::value::MapDeserializer<_, serde::de::value::Error> = map.into_deserializer();
    let parsed = Event::deserialize(deserializer);
    assert!(parsed.is_err(), "{parsed:?}");
}

/// JSON tokens, valid and not, for texts the reader and serde_json must agree on.
fn token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "[",
        "]",
        "{",
        "}",
        ",",
        ":",
        " ",
        "\n",
        "\"a\"",
        "\"\\n\"",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"",
        "\\",
        "1",
        "-0",
        "1.5e3",
        "01",
        "1.",
        "true",
        "null",
        "fals",
        "\"k\":",
        "\u{1}",
        "é",
    ])
}

proptest! {
    #[test]
    fn on_any_text_the_reader_reads_what_serde_json_reads_or_declines(tokens in prop::collection::vec(token(), 0..24)) {
        let text = tokens.concat();
        let expected = serde_json::from_str::<Value>(&text).ok();
        match from_str::<Value>(&text) {
            Ok(read) => prop_assert_eq!(Some(read), expected),
            // Declining is allowed only where serde_json refuses too, for a well-formed grammar.
            Err(_) => prop_assert_eq!(expected, None),
        }
        let skipped = from_str::<serde::de::IgnoredAny>(&text).is_ok();
        let raw = from_str::<&RawValue>(&text).ok().map(RawValue::get);
        prop_assert_eq!(skipped, raw.is_some());
        if let Some(raw) = raw {
            prop_assert_eq!(raw, text.trim_matches([' ', '\n']));
        }
        // serde_json skips lone surrogates it would refuse to read, and so does the reader.
        prop_assert_eq!(skipped, serde_json::from_str::<serde::de::IgnoredAny>(&text).is_ok());
    }
}

/// An object's text with odd spacing, keys no model reads (escapes included) and values of every
/// kind, nested once.
fn object_text() -> impl Strategy<Value = String> {
    let spacing = prop::sample::select(vec!["", " ", "\n", "\t\r\n  "]);
    let value = prop::sample::select(vec![
        "null",
        "true",
        "-0",
        "2.50e+10",
        "123456789012345678901234567890",
        r#""""#,
        r#""é\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00""#,
        "[]",
        "[1, [\"a\" ,{}] ]",
        r#"{"x": {"y": [null]}, "z" : "\u0000"}"#,
    ]);
    let key = prop::sample::select(vec!["x", "x_\\u0069d", "x \\\"q\\\"", "x_é", "x\\n"]);
    let member = (spacing.clone(), key, spacing.clone(), spacing.clone(), value, spacing);
    proptest::collection::vec(member, 0..6).prop_map(|members| {
        let members: Vec<String> = members
            .into_iter()
            .map(|(a, key, b, c, value, d)| format!("{a}\"{key}\"{b}:{c}{value}{d}"))
            .collect();
        format!("{{{}}}", members.join(","))
    })
}

proptest! {
    #[test]
    fn any_object_is_read_in_one_pass_keeping_its_text(objects in prop::collection::vec(object_text(), 1..4)) {
        let list = format!("[\n{}\t]", objects.join(" , "));
        let one_pass: Vec<Event> = from_str(&list).map_err(|_| TestCaseError::fail(format!("{list}: declined")))?;
        let two_passes: Vec<Event> = serde_json::from_str(&list).expect("serde_json reads it");
        prop_assert_eq!(&one_pass, &two_passes);
        for (event, text) in one_pass.iter().zip(&objects) {
            prop_assert_eq!(event.raw().get(), text.as_str());
        }
        let rows: Vec<CtpListRow> = from_str(&list).map_err(|_| TestCaseError::fail(format!("{list}: declined")))?;
        prop_assert_eq!(rows.iter().map(|row| row.raw().get()).collect::<Vec<_>>(), objects.iter().map(String::as_str).collect::<Vec<_>>());
    }
}
