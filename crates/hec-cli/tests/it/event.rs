//! `hec event search|get|dismiss`: each output mode, paging, the filters on the wire, the
//! no-retry rule, `--dry-run` and `--wait`.
//!
//! Tests named `mock_*` run against the demo tenant of `--mock`; the others script a plain mock's
//! answers.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

use crate::acts_support::{
    ACT_ON_EVENTS, EVENT, EVENT_QUERY, FIRST_ACTION_TASK, answer, event, hex_id, request_data, script, texts,
};
use crate::support::{FAST, hec};

const DAYS: [&str; 2] = ["--since", "3d"];

fn line(id: &str, kind: &str, severity: &str) -> String {
    format!("{id}\t2026-01-01T07:00:05Z\t{kind}\t{severity}\tnew\te1\tPhishing from payroll@evil.example")
}

#[test]
fn event_search_prints_each_output_mode_across_pages() {
    let (a, b, c) = (hex_id(1), hex_id(2), hex_id(3));
    let first = format!("[{},{}]", event(&a, "phishing", "4"), event(&b, "malware", "5"));
    let second = format!("[{}]", event(&c, "dlp", "1"));
    for (output, expected) in [
        (
            "text",
            format!(
                "{}\n{}\n{}\n",
                line(&a, "phishing", "4"),
                line(&b, "malware", "5"),
                line(&c, "dlp", "1")
            ),
        ),
        ("ids", format!("{a}\n{b}\n{c}\n")),
        (
            "json",
            format!(
                "{}\n{}\n{}\n",
                event(&a, "phishing", "4"),
                event(&b, "malware", "5"),
                event(&c, "dlp", "1")
            ),
        ),
    ] {
        let mock = MockGateway::start();
        script(&mock, EVENT_QUERY, vec![answer(&first, Some(r#""c1""#)), answer(&second, Some(r#""""#))]);
        let run = hec(&["event", "search", "-o", output]).args(&DAYS).against(&mock).run();
        assert_eq!(run.code, 0, "{output}: {run:?}");
        assert_eq!(run.stdout, expected, "{output}");
        let sent = request_data(&mock, EVENT_QUERY);
        assert_eq!(sent.len(), 2);
        assert_eq!(sent[1]["scrollId"], "c1");
    }
}

#[test]
fn event_search_sends_its_filters_as_lists() {
    let mock = MockGateway::start();
    script(&mock, EVENT_QUERY, vec![answer("[]", Some(r#""""#))]);
    let run = hec(&[
        "event",
        "search",
        "--start",
        "2026-01-01",
        "--end",
        "2026-01-02",
        "--type",
        "phishing",
        "--type",
        "suspicious_phishing",
        "--state",
        "new",
        "--state",
        "detected",
        "--severity",
        "5",
        "--saas",
        "office365_emails",
        "--limit",
        "10",
    ])
    .against(&mock)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    let sent = &request_data(&mock, EVENT_QUERY)[0];
    assert_eq!(
        (&sent["startDate"], &sent["endDate"]),
        (&"2026-01-01T00:00:00Z".into(), &"2026-01-02T00:00:00Z".into())
    );
    assert_eq!(texts(&sent["eventTypes"]), ["phishing", "suspicious_phishing"]);
    assert_eq!(texts(&sent["eventStates"]), ["new", "detected"]);
    assert_eq!(texts(&sent["saas"]), ["office365_emails"]);
    // Severities go as Check Point's own code sends them (integers), or as their text.
    let severities = sent["severities"].as_array().cloned().unwrap_or_default();
    assert!(severities == [serde_json::json!(5)] || severities == [serde_json::json!("5")], "{sent}");
}

#[test]
fn bad_severities_exit_2_before_any_request() {
    let mock = MockGateway::start();
    for severity in ["0", "6", "high"] {
        let run = hec(&["event", "search", "--severity", severity]).args(&DAYS).against(&mock).run();
        assert_eq!(run.code, 2, "{severity}: {run:?}");
    }
    assert!(mock.requests().is_empty());
}

#[test]
fn event_get_shows_text_json_and_an_unknown_id_exits_4() {
    let mock = MockGateway::start();
    let id = hex_id(4);
    let raw = event(&id, "phishing", "4");
    script(
        &mock,
        &format!("{EVENT}{id}"),
        vec![answer(&format!("[{raw}]"), None), answer(&format!("[{raw}]"), None)],
    );
    let run = hec(&["event", "get", &id]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "event {id}\n  type         phishing\n  severity     4\n  state        new\n  created      2026-01-01T07:00:05Z\n  \
             saas         -\n  entity       e1\n  description  Phishing from payroll@evil.example\n  actions      -\n"
        )
    );
    let run = hec(&["event", "get", &id, "-o", "json"]).against(&mock).run();
    assert_eq!(run.stdout, format!("{raw}\n"));

    let unknown = hex_id(5);
    script(&mock, &format!("{EVENT}{unknown}"), vec![answer("[]", None)]);
    let run = hec(&["event", "get", &unknown]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
}

/// The answer to a dismiss of these events, all in task `task`.
fn tasks_for(ids: &[String], task: &str) -> Fault {
    let items: Vec<String> =
        ids.iter().map(|id| format!(r#"{{"eventId":"{id}","taskId":"{task}"}}"#)).collect();
    answer(&format!("[{}]", items.join(",")), None)
}

#[test]
fn dismiss_prints_each_events_task_in_each_output_mode() {
    let ids = [hex_id(1), hex_id(2)];
    for (output, expected) in [
        ("text", format!("{} task 31\n{} task 31\n", ids[0], ids[1])),
        ("ids", "31\n".to_owned()),
        (
            "json",
            format!(
                "{{\"eventId\":\"{}\",\"taskId\":\"31\"}}\n{{\"eventId\":\"{}\",\"taskId\":\"31\"}}\n",
                ids[0], ids[1]
            ),
        ),
    ] {
        let mock = MockGateway::start();
        script(&mock, ACT_ON_EVENTS, vec![tasks_for(&ids, "31")]);
        let run = hec(&["event", "dismiss", "-", "-o", output]).stdin(&ids.join("\n")).against(&mock).run();
        assert_eq!(run.code, 0, "{output}: {run:?}");
        assert_eq!(run.stdout, expected, "{output}");
        let sent = request_data(&mock, ACT_ON_EVENTS);
        assert_eq!(sent.len(), 1);
        assert_eq!(texts(&sent[0]["eventIds"]), ids);
        assert_eq!(sent[0]["eventActionName"], "dismiss");
    }
}

#[test]
fn a_dismiss_that_times_out_is_sent_once_exits_5_and_says_it_may_have_run() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACT_ON_EVENTS).always().then(Fault::CloseConnection));
    let id = hex_id(9);
    let run = hec(&["event", "dismiss", &id, "--wait"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert_eq!(mock.requests_to(ACT_ON_EVENTS).len(), 1);
    assert!(
        run.stderr.contains(&format!(
            "error: the dismiss request for 1 event may have run; hec did not send it again.\n\
             error: Check each before sending it again (`hec event get EVENT_ID` shows `state  dismissed` once it has run):\n\
             error:   {id}\n"
        )),
        "{run:?}"
    );
}

#[test]
fn dismiss_dry_run_sends_nothing() {
    let mock = MockGateway::start();
    let run = hec(&["event", "dismiss", &hex_id(1), "--dry-run", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let line = &run.json_lines()[0];
    assert_eq!((&line["method"], &line["path"]), (&"POST".into(), &ACT_ON_EVENTS.into()));
    let data = &line["body"]["requestData"];
    assert_eq!((texts(&data["eventIds"]), &data["eventActionName"]), (vec![hex_id(1)], &"dismiss".into()));
    assert!(mock.requests().is_empty());
}

#[test]
fn dismiss_with_wait_shows_the_final_task() {
    let mock = MockGateway::start();
    script(&mock, ACT_ON_EVENTS, vec![tasks_for(&[hex_id(1)], "32")]);
    mock.script_task("32", TaskScript::polls([TaskStep::new("completed")]));
    let run = hec(&["event", "dismiss", &hex_id(1), "--wait", "-o", "json"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["taskId"], "32");
    assert_eq!((&lines[1]["id"], &lines[1]["status"]), (&32.into(), &"completed".into()));
}

// ---- the demo tenant (`--mock`) -----------------------------------------------------------

#[test]
fn mock_event_search_lists_the_tenants_events() {
    let run = hec(&["--mock", "event", "search"]).args(&DAYS).run();
    assert_eq!(run.code, 0, "{run:?}");
    let rows: Vec<Vec<&str>> = run.stdout.lines().map(|line| line.split('\t').collect()).collect();
    // Newest first: the live events of the last ten minutes (one every 3 s: 200, give or take
    // one at either end), then the tenant's 7 fixed events.
    let live = rows.iter().take_while(|row| hec_fixtures::mock::live_event_slot(row[0]).is_some()).count();
    assert!((199..=201).contains(&live), "{live} live events: {run:?}");
    let fixed: Vec<&str> = rows[live..].iter().map(|row| row[0]).collect();
    assert_eq!(fixed, hec_fixtures::mock::demo::event_ids(), "{run:?}");
    for row in &rows {
        assert_eq!(row.len(), 7, "{row:?}");
        assert!(row[0].len() == 32 && row[0].chars().all(|c| c.is_ascii_hexdigit()), "{row:?}");
        assert!(["phishing", "malware", "suspicious_phishing", "dlp"].contains(&row[2]), "{row:?}");
        assert!(["1", "2", "3", "4", "5"].contains(&row[3]), "{row:?}");
        assert!(["new", "detected", "remediated", "dismissed"].contains(&row[4]), "{row:?}");
        assert_eq!(row[5].len(), 32, "each event names a tenant e-mail: {row:?}");
    }
}

#[test]
fn mock_event_type_filter_keeps_only_that_type() {
    let all = hec(&["--mock", "event", "search", "-o", "ids"]).args(&DAYS).run();
    let phishing = hec(&["--mock", "event", "search", "--type", "phishing"]).args(&DAYS).run();
    assert_eq!(phishing.code, 0, "{phishing:?}");
    let types: Vec<&str> = phishing.stdout.lines().filter_map(|line| line.split('\t').nth(2)).collect();
    assert!(!types.is_empty() && types.len() < all.stdout.lines().count(), "{phishing:?}");
    assert!(types.iter().all(|kind| *kind == "phishing"), "{phishing:?}");
}

#[test]
fn mock_event_get_and_dismiss_with_wait() {
    let search = hec(&["--mock", "event", "search", "--state", "new", "-o", "ids"]).args(&DAYS).run();
    let id = search.stdout.lines().next().unwrap_or_else(|| panic!("no new event: {search:?}")).to_owned();
    let run = hec(&["--mock", "event", "get", &id]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(&format!("event {id}\n")), "{run:?}");
    assert!(run.stdout.contains("\n  state        new\n"), "{run:?}");

    let run = hec(&["--mock", "event", "dismiss", &id, "--wait"]).args(&FAST).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with(&format!("{id} task {FIRST_ACTION_TASK}\ntask {FIRST_ACTION_TASK}")),
        "{run:?}"
    );
    assert!(run.stdout.contains("\n  status     completed\n"), "{run:?}");

    let run = hec(&["--mock", "event", "get", "ffffffffffffffffffffffffffffffff"]).run();
    assert_eq!(run.code, 4, "{run:?}");
}
