//! Task ids: what is accepted, what is refused and why.

use hec_proto::TaskId;
use hec_proto::model::InvalidTaskId;

#[test]
fn live_official_and_action_shapes_are_accepted() {
    for text in ["1691529376887109", "0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e", "Restore_a2c6-x"] {
        assert_eq!(text.parse::<TaskId>().unwrap().as_str(), text);
    }
}

#[test]
fn path_and_query_characters_are_refused_with_the_first_bad_character() {
    assert_eq!(
        "12/../scopes".parse::<TaskId>(),
        Err(InvalidTaskId::BadCharacter { character: '/', position: 2 })
    );
    assert_eq!("1?x=1".parse::<TaskId>(), Err(InvalidTaskId::BadCharacter { character: '?', position: 1 }));
    assert_eq!("1%2F".parse::<TaskId>(), Err(InvalidTaskId::BadCharacter { character: '%', position: 1 }));
    assert_eq!("é".parse::<TaskId>(), Err(InvalidTaskId::BadCharacter { character: 'é', position: 0 }));
}

#[test]
fn empty_and_overlong_ids_are_refused() {
    assert_eq!("".parse::<TaskId>(), Err(InvalidTaskId::Empty));
    assert!("a".repeat(128).parse::<TaskId>().is_ok());
    assert_eq!("a".repeat(129).parse::<TaskId>(), Err(InvalidTaskId::TooLong(129)));
}

#[test]
fn ids_deserialize_from_strings_and_integers_keeping_their_text() {
    assert_eq!(serde_json::from_str::<TaskId>("1691529376887109").unwrap().as_str(), "1691529376887109");
    assert_eq!(serde_json::from_str::<TaskId>(r#""0042""#).unwrap().as_str(), "0042");
    assert!(serde_json::from_str::<TaskId>("1.5").is_err());
    assert!(serde_json::from_str::<TaskId>("-3").is_err());
    assert!(serde_json::from_str::<TaskId>(r#""a/b""#).is_err());
}

#[test]
fn numeric_ids_serialize_as_numbers_and_others_as_strings() {
    assert_eq!(serde_json::to_string(&TaskId::from(7)).unwrap(), "7");
    assert_eq!(serde_json::to_string(&"0042".parse::<TaskId>().unwrap()).unwrap(), r#""0042""#);
    assert_eq!(serde_json::to_string(&"ab-1".parse::<TaskId>().unwrap()).unwrap(), r#""ab-1""#);
}
