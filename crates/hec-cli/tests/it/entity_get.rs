//! `hec entity get` when the service answers about another entity: another id, several entities,
//! or one without an id. The command the docs point to for checking whether an action ran must
//! never show another entity without a word.

use hec_fixtures::mock::MockGateway;

use crate::acts_support::{ENTITY, answer, entity, hex_id, script};
use crate::support::hec;

/// Runs `hec entity get ID` (with `extra` arguments) against a mock answering `data`.
fn get(id: &str, data: &str, extra: &[&str]) -> crate::support::Run {
    let mock = MockGateway::start();
    script(&mock, &format!("{ENTITY}{id}"), vec![answer(data, None)]);
    hec(&["entity", "get", id]).args(extra).against(&mock).run()
}

#[test]
fn an_answer_about_another_entity_is_shown_with_a_warning() {
    let (asked, other) = (hex_id(1), hex_id(2));
    let run = get(&asked, &format!("[{}]", entity(&other, "Other", false)), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(&format!("entity {other}\n  subject      Other\n")), "{run:?}");
    assert_eq!(run.stderr_lines(), [format!("warning: entity {asked}: the answer is for entity {other}")]);
}

#[test]
fn of_several_entities_the_one_asked_for_is_shown() {
    let (asked, other) = (hex_id(1), hex_id(2));
    let data = format!("[{},{}]", entity(&other, "Other", false), entity(&asked, "Asked", true));
    let run = get(&asked, &data, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(&format!("entity {asked}\n  subject      Asked\n")), "{run:?}");
    assert!(run.stdout.contains("\n  quarantined  yes\n"), "{run:?}");
    assert_eq!(run.stderr, "");

    let run = get(&asked, &data, &["-o", "json"]);
    assert_eq!(run.stdout, format!("{}\n", entity(&asked, "Asked", true)));
}

#[test]
fn of_several_entities_none_asked_for_the_first_is_shown_with_a_warning() {
    let (asked, b, c) = (hex_id(1), hex_id(2), hex_id(3));
    let data = format!("[{},{}]", entity(&b, "B", false), entity(&c, "C", false));
    let run = get(&asked, &data, &["-o", "ids"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{b}\n"));
    assert_eq!(run.stderr_lines(), [format!("warning: entity {asked}: the answer is for entity {b}")]);
}

#[test]
fn an_entity_without_an_id_is_shown_with_a_warning() {
    let asked = hex_id(1);
    let run = get(&asked, r#"[{"entityPayload": {"subject": "No id"}}]"#, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("entity -\n  subject      No id\n"), "{run:?}");
    assert_eq!(run.stderr_lines(), [format!("warning: entity {asked}: the answer names no entity id")]);
}
