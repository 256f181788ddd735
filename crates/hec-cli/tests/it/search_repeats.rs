//! Search output never repeats an id: a gateway that answers its last page again under the same
//! cursor gets each entity and each event printed once, in every output mode.

use hec_fixtures::mock::{FaultRule, MockGateway};

use crate::acts_support::{EVENT_QUERY, SEARCH, answer, entity, event, hex_id};
use crate::support::hec;

/// Answers the first request to `path` with `first` (cursor `c1`), and every later one with
/// `last` (cursor `c2`): the last page again under the same cursor.
fn repeat_last_page(mock: &MockGateway, path: &str, first: &[String], last: &[String]) {
    mock.fault(FaultRule::on_path(path).then(answer(&format!("[{}]", first.join(",")), Some(r#""c1""#))));
    mock.fault(
        FaultRule::on_path(path)
            .nth(2)
            .always()
            .then(answer(&format!("[{}]", last.join(",")), Some(r#""c2""#))),
    );
}

#[test]
fn an_entity_search_prints_a_repeated_last_page_once() {
    let (a, b, c) = (hex_id(1), hex_id(2), hex_id(3));
    let first = [entity(&a, "one", false), entity(&b, "two", false)];
    let last = [entity(&c, "three", true)];
    for (output, expected) in [
        ("ids", format!("{a}\n{b}\n{c}\n")),
        ("json", format!("{}\n{}\n{}\n", first[0], first[1], last[0])),
        (
            "text",
            format!(
                "{a}\t2026-01-01T07:00:00Z\tpayroll@evil.example\tone\tnot quarantined\n\
                 {b}\t2026-01-01T07:00:00Z\tpayroll@evil.example\ttwo\tnot quarantined\n\
                 {c}\t2026-01-01T07:00:00Z\tpayroll@evil.example\tthree\tquarantined\n"
            ),
        ),
    ] {
        let mock = MockGateway::start();
        repeat_last_page(&mock, SEARCH, &first, &last);
        let run = hec(&["entity", "search", "--since", "7d", "-o", output]).against(&mock).run();
        assert_eq!(run.code, 0, "{output}: {run:?}");
        assert_eq!(run.stdout, expected, "{output}");
        assert_eq!(mock.requests_to(SEARCH).len(), 3, "{output}");
    }
}

#[test]
fn an_event_search_prints_a_repeated_last_page_once() {
    let (a, b, c) = (hex_id(1), hex_id(2), hex_id(3));
    let first = [event(&a, "phishing", "4"), event(&b, "malware", "5")];
    let last = [event(&c, "dlp", "1")];
    for (output, expected) in
        [("ids", format!("{a}\n{b}\n{c}\n")), ("json", format!("{}\n{}\n{}\n", first[0], first[1], last[0]))]
    {
        let mock = MockGateway::start();
        repeat_last_page(&mock, EVENT_QUERY, &first, &last);
        let run = hec(&["event", "search", "--since", "3d", "-o", output]).against(&mock).run();
        assert_eq!(run.code, 0, "{output}: {run:?}");
        assert_eq!(run.stdout, expected, "{output}");
        assert_eq!(mock.requests_to(EVENT_QUERY).len(), 3, "{output}");
    }
}
