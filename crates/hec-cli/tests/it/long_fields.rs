//! A value the service sent that is too long for a line (a 200,000-character subject, a task
//! name) is cut in text output to 500 characters, with a marker that counts the rest; JSON and
//! `-o ids` keep it whole.

use hec_fixtures::mock::{FaultRule, MockGateway, TaskScript, TaskStep};

use crate::acts_support::{ENTITY, SEARCH, answer, entity, hex_id};
use crate::support::hec;

/// The longest value text output shows, in characters.
const SHOWN: usize = 500;
/// The subject's length.
const LENGTH: usize = 200_000;

/// A subject of [`LENGTH`] characters, non-ASCII ones included: `é`, then `s` up to the length.
fn subject() -> String {
    format!("é{}", "s".repeat(LENGTH - 1))
}

/// The subject as text output shows it.
fn cut() -> String {
    format!("é{}… ({} more characters)", "s".repeat(SHOWN - 1), LENGTH - SHOWN)
}

#[test]
fn a_long_subject_is_cut_in_a_search_line_and_kept_whole_in_json_and_ids() {
    let id = hex_id(1);
    let mail = entity(&id, &subject(), false);
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(SEARCH).always().then(answer(&format!("[{mail}]"), Some(r#""""#))));

    let run = hec(&["entity", "search", "--since", "7d"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!("{id}\t2026-01-01T07:00:00Z\tpayroll@evil.example\t{}\tnot quarantined\n", cut())
    );

    let run = hec(&["entity", "search", "--since", "7d", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{mail}\n"));
    assert_eq!(
        run.json_lines()[0]["entityPayload"]["subject"].as_str().map(|s| s.chars().count()),
        Some(LENGTH)
    );

    let run = hec(&["entity", "search", "--since", "7d", "-o", "ids"]).against(&mock).run();
    assert_eq!((run.code, run.stdout), (0, format!("{id}\n")));
}

#[test]
fn a_long_subject_is_cut_in_the_entity_view() {
    let id = hex_id(2);
    let mock = MockGateway::start();
    let mail = entity(&id, &subject(), true);
    mock.fault(FaultRule::on_path(ENTITY).always().then(answer(&format!("[{mail}]"), None)));
    let run = hec(&["entity", "get", &id]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let subject_line = run.stdout.lines().find(|line| line.starts_with("  subject")).expect("a subject line");
    assert_eq!(subject_line, format!("  subject      {}", cut()));
    let run = hec(&["entity", "get", &id, "-o", "json"]).against(&mock).run();
    assert_eq!(run.stdout, format!("{mail}\n"));
}

#[test]
fn a_long_task_name_and_message_are_cut_in_text() {
    let name = "n".repeat(LENGTH);
    let body = serde_json::json!({
        "responseEnvelope": {"responseCode": 200, "responseText": ""},
        "responseData": [{
            "id": "42", "name": name, "status": "completed", "progress": 1, "total": 1,
            "actions": [{"action_name": "Quarantine", "action_status": "completed", "action_message": name}]
        }]
    });
    let mock = MockGateway::start();
    let step = TaskStep::response(200, [("content-type", "application/json")], body.to_string());
    mock.script_task("42", TaskScript::polls([step]));
    let cut = format!("{}… ({} more characters)", "n".repeat(SHOWN), LENGTH - SHOWN);
    let run = hec(&["task", "get", "42"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(&format!("task 42  {cut}\n  status     completed\n")), "{run:?}");
    assert!(run.stdout.ends_with(&format!("    completed  Quarantine: {cut}\n")), "{run:?}");
    mock.script_task(
        "42",
        TaskScript::polls([TaskStep::response(
            200,
            [("content-type", "application/json")],
            body.to_string(),
        )]),
    );
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.json_lines()[0]["name"].as_str().map(str::len), Some(LENGTH));
}
