//! Entity and event ids: validated exactly like task ids, strings on the wire.

use hec_proto::model::{InvalidEntityId, InvalidEventId};
use hec_proto::{EntityId, EventId, TaskId};

#[test]
fn entity_ids_of_every_seen_shape_are_accepted() {
    for text in ["0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e", "00000000000000000000000000000002", "a_b-C9"] {
        assert_eq!(text.parse::<EntityId>().unwrap().as_str(), text);
        assert_eq!(EntityId::new(text).unwrap().to_string(), text);
    }
}

#[test]
fn entity_ids_refuse_path_characters_with_the_first_bad_one() {
    assert_eq!(
        "ab/../scopes".parse::<EntityId>(),
        Err(InvalidEntityId::BadCharacter { character: '/', position: 2 })
    );
    assert_eq!("x?y".parse::<EntityId>(), Err(InvalidEntityId::BadCharacter { character: '?', position: 1 }));
    assert_eq!(
        "a b".parse::<EntityId>().unwrap_err().to_string(),
        "invalid entity id: character ' ' at position 1 is not allowed (use A-Z, a-z, 0-9, '_' and '-')"
    );
}

#[test]
fn event_ids_refuse_empty_and_overlong_texts() {
    assert_eq!("".parse::<EventId>(), Err(InvalidEventId::Empty));
    assert!("e".repeat(128).parse::<EventId>().is_ok());
    assert_eq!("e".repeat(129).parse::<EventId>(), Err(InvalidEventId::TooLong(129)));
    assert_eq!(
        "e".repeat(129).parse::<EventId>().unwrap_err().to_string(),
        "invalid event id: it has 129 characters, at most 128 are allowed"
    );
    assert_eq!("".parse::<EventId>().unwrap_err().to_string(), "invalid event id: it is empty");
}

#[test]
fn the_three_kinds_accept_and_refuse_the_same_texts() {
    let long = "7".repeat(129);
    for text in ["1", "abc", "A-_z", "", "a.b", "é", "%2F", long.as_str()] {
        let task = text.parse::<TaskId>().is_ok();
        assert_eq!(text.parse::<EntityId>().is_ok(), task, "{text:?}");
        assert_eq!(text.parse::<EventId>().is_ok(), task, "{text:?}");
    }
}

#[test]
fn ids_deserialize_from_strings_and_integers_keeping_their_text() {
    assert_eq!(serde_json::from_str::<EntityId>(r#""00ab""#).unwrap().as_str(), "00ab");
    assert_eq!(serde_json::from_str::<EntityId>("1691525788820900").unwrap().as_str(), "1691525788820900");
    assert_eq!(serde_json::from_str::<EventId>("42").unwrap().as_str(), "42");
    assert!(serde_json::from_str::<EventId>("-1").is_err());
    assert!(serde_json::from_str::<EventId>("2.5").is_err());
    let error = serde_json::from_str::<EntityId>(r#""a/b""#).unwrap_err().to_string();
    assert!(error.starts_with("invalid entity id: character '/' at position 1"), "{error}");
}

#[test]
fn entity_and_event_ids_serialize_as_strings_even_when_numeric() {
    assert_eq!(serde_json::to_string(&EntityId::from(42)).unwrap(), r#""42""#);
    assert_eq!(serde_json::to_string(&"ab-1".parse::<EventId>().unwrap()).unwrap(), r#""ab-1""#);
    // Task ids keep the live service's number.
    assert_eq!(serde_json::to_string(&TaskId::from(42)).unwrap(), "42");
}

#[test]
fn ids_order_and_hash_by_their_text() {
    let mut ids: Vec<EntityId> = ["b", "a", "c", "a"].iter().map(|t| t.parse().unwrap()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.iter().map(EntityId::as_str).collect::<Vec<_>>(), ["a", "b", "c"]);
    let set: std::collections::HashSet<EventId> =
        ["x", "x", "y"].iter().map(|t| t.parse().unwrap()).collect();
    assert_eq!(set.len(), 2);
}
