//! An unknown entity or event id: the message names the id and what to check, as a task not
//! found does, and keeps its kind for scripts.

use crate::support::hec;

#[test]
fn an_unknown_entity_or_event_names_the_id_and_what_to_check() {
    for noun in ["entity", "event"] {
        let id = "0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f";
        let run = hec(&["--mock", noun, "get", id]).run();
        assert_eq!((run.code, run.stdout.as_str()), (4, ""), "{noun}: {run:?}");
        let lines = run.stderr_lines();
        assert_eq!(lines.len(), 1, "{noun}: {run:?}");
        assert!(lines[0].starts_with(&format!("error: {noun} {id} not found (HTTP 200, ")), "{run:?}");
        assert!(
            lines[0].ends_with(
                "; check the id, and that the API key belongs to the tenant and region that holds it"
            ),
            "{run:?}"
        );
    }
}

#[test]
fn in_json_the_unknown_id_keeps_the_not_found_kind() {
    let run = hec(&["--mock", "-o", "json", "event", "get", "no-such-event"]).run();
    assert_eq!(run.code, 4, "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(error["kind"], "not_found");
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.starts_with("event no-such-event not found (HTTP 200, "), "{message}");
}
