//! `hec entity search|get|quarantine|restore`: each output mode, the paging end cases, ids from
//! stdin, batches, the no-retry rule for actions, `--dry-run`, and `--wait`.
//!
//! Tests named `mock_*` run against the demo tenant of `--mock`; the others script a plain mock's
//! answers.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

use crate::acts_support::{
    ACT_ON_ENTITIES, CAMPAIGN_QUARANTINED, CAMPAIGN_SENDER, CAMPAIGN_SIZE, ENTITY, FIRST_ACTION_TASK, SEARCH,
    answer, entity, hex_id, refusal, request_data, script, texts,
};
use crate::support::{FAST, TASK_PATH, hec};

/// `--since 7d` and nothing else.
const WEEK: [&str; 2] = ["--since", "7d"];

fn line(id: &str, subject: &str, quarantined: &str) -> String {
    format!("{id}\t2026-01-01T07:00:00Z\tpayroll@evil.example\t{subject}\t{quarantined}")
}

// ---- search: output and paging ------------------------------------------------------------

#[test]
fn search_prints_one_line_per_email_and_follows_the_cursor_to_an_empty_one() {
    let mock = MockGateway::start();
    let (a, b, c) = (hex_id(1), hex_id(2), hex_id(3));
    script(
        &mock,
        SEARCH,
        vec![
            answer(
                &format!(
                    "[{},{}]",
                    entity(&a, "Payroll update", false),
                    entity(&b, "Payroll update 2", true)
                ),
                Some(r#""c1""#),
            ),
            answer(&format!("[{}]", entity(&c, r"Payroll\tupdate\u001b[2J", false)), Some(r#""""#)),
        ],
    );
    let run = hec(&["entity", "search"]).args(&WEEK).args(&["--from", CAMPAIGN_SENDER]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            line(&a, "Payroll update", "not quarantined"),
            line(&b, "Payroll update 2", "quarantined"),
            line(&c, "Payroll\\tupdate\\u{1b}[2J", "not quarantined"),
        ]
    );
    let sent = request_data(&mock, SEARCH);
    assert_eq!(sent.len(), 2);
    assert_eq!(sent[1]["scrollId"], "c1");
    // The second page asks with the same filter and dates as the first.
    assert_eq!(sent[0]["entityFilter"], sent[1]["entityFilter"]);
    assert_eq!(sent[0]["entityExtendedFilter"], sent[1]["entityExtendedFilter"]);
}

#[test]
fn paging_ends_on_a_null_or_missing_cursor() {
    for scroll_id in [Some("null"), None] {
        let mock = MockGateway::start();
        script(&mock, SEARCH, vec![answer(&format!("[{}]", entity(&hex_id(1), "s", false)), scroll_id)]);
        let run = hec(&["entity", "search", "-o", "ids"]).args(&WEEK).against(&mock).run();
        assert_eq!(run.code, 0, "{scroll_id:?}: {run:?}");
        assert_eq!(run.stdout, format!("{}\n", hex_id(1)));
        assert_eq!(mock.requests_to(SEARCH).len(), 1, "{scroll_id:?}");
    }
}

#[test]
fn paging_ends_on_a_cursor_seen_before() {
    let mock = MockGateway::start();
    script(
        &mock,
        SEARCH,
        vec![
            answer(&format!("[{}]", entity(&hex_id(1), "s", false)), Some(r#""same""#)),
            answer(&format!("[{}]", entity(&hex_id(2), "s", false)), Some(r#""same""#)),
            answer(&format!("[{}]", entity(&hex_id(3), "s", false)), Some(r#""""#)),
        ],
    );
    let run = hec(&["entity", "search", "-o", "ids"]).args(&WEEK).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{}\n{}\n", hex_id(1), hex_id(2)));
    assert_eq!(mock.requests_to(SEARCH).len(), 2);
}

#[test]
fn paging_ends_on_an_empty_page_even_with_a_new_cursor() {
    let mock = MockGateway::start();
    script(
        &mock,
        SEARCH,
        vec![
            answer(&format!("[{}]", entity(&hex_id(1), "s", false)), Some(r#""c1""#)),
            answer("[]", Some(r#""c2""#)),
            answer(&format!("[{}]", entity(&hex_id(3), "s", false)), Some(r#""""#)),
        ],
    );
    let run = hec(&["entity", "search", "-o", "ids"]).args(&WEEK).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{}\n", hex_id(1)));
    assert_eq!(mock.requests_to(SEARCH).len(), 2);
}

#[test]
fn an_empty_result_prints_nothing_and_succeeds() {
    let mock = MockGateway::start();
    script(&mock, SEARCH, vec![answer("[]", Some(r#""""#))]);
    let run = hec(&["entity", "search"]).args(&WEEK).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
}

#[test]
fn limit_stops_without_fetching_the_next_page() {
    let mock = MockGateway::start();
    let page = |first: usize, cursor: &str| {
        answer(
            &format!("[{},{}]", entity(&hex_id(first), "s", false), entity(&hex_id(first + 1), "s", false)),
            Some(cursor),
        )
    };
    script(&mock, SEARCH, vec![page(1, r#""c1""#), page(3, r#""c2""#), page(5, r#""""#)]);
    let run = hec(&["entity", "search", "--limit", "3", "-o", "ids"]).args(&WEEK).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{}\n{}\n{}\n", hex_id(1), hex_id(2), hex_id(3)));
    assert_eq!(mock.requests_to(SEARCH).len(), 2);
}

#[test]
fn a_closed_stdout_stops_the_search_before_the_next_page() {
    let mock = MockGateway::start();
    let page =
        |n: usize, cursor: &str| answer(&format!("[{}]", entity(&hex_id(n), "s", false)), Some(cursor));
    script(&mock, SEARCH, vec![page(1, r#""c1""#), page(2, r#""c2""#), page(3, r#""""#)]);
    // A reader that went away before anything was written.
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_hec"))
        .args(["entity", "search", "--since", "7d", "--base-url", &mock.base_url()])
        .env("HEC_CLIENT_ID", mock.client_id())
        .env("HEC_ACCESS_KEY", mock.access_key())
        .env_remove("HEC_REGION")
        .stdout(writer)
        .stderr(std::process::Stdio::null())
        .status()
        .expect("hec runs");
    assert_eq!(status.code(), Some(0));
    assert_eq!(mock.requests_to(SEARCH).len(), 1, "no page is fetched for nobody");
}

#[test]
fn search_json_prints_each_entity_exactly_as_the_api_shaped_it_one_per_line() {
    let mock = MockGateway::start();
    let first = r#"{"entityInfo":{"entityId":"00000000000000000000000000000001","customerId":7,"newField":[1.50,null]},"entityPayload":{"isQuarantined":"true","subject":"a \"quoted\" subject"}}"#;
    let second = r#"{"entityInfo":{"entityId":"00000000000000000000000000000002"}}"#;
    // The service may indent its answer: the output is still one object per line.
    let indented = "{\n  \"entityInfo\": {\n    \"entityId\": \"00000000000000000000000000000002\"\n  }\n}";
    script(&mock, SEARCH, vec![answer(&format!("[{first},\n{indented}]"), Some(r#""""#))]);
    let run = hec(&["entity", "search", "-o", "json"]).args(&WEEK).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{first}\n{second}\n"));
}

#[test]
fn search_sends_each_filter_and_the_window() {
    let mock = MockGateway::start();
    script(&mock, SEARCH, vec![answer("[]", Some(r#""""#))]);
    let run = hec(&[
        "entity",
        "search",
        "--saas",
        "google_mail",
        "--start",
        "2026-01-01T10:00:00+01:00",
        "--end",
        "2026-01-02",
        "--from",
        CAMPAIGN_SENDER,
        "--subject",
        "Payroll",
        "--to",
        "ann@example.com",
        "--message-id",
        "<1@x>",
        "--where",
        "entityPayload.senderServerIp:is:2001:db8::1",
    ])
    .against(&mock)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    let sent = request_data(&mock, SEARCH);
    assert_eq!(sent.len(), 1);
    let filter = &sent[0]["entityFilter"];
    assert_eq!(
        (&filter["saas"], &filter["saasEntity"], &filter["startDate"], &filter["endDate"]),
        (
            &"google_mail".into(),
            &"google_mail_email".into(),
            &"2026-01-01T09:00:00Z".into(),
            &"2026-01-02T00:00:00Z".into()
        )
    );
    let filters: Vec<String> = sent[0]["entityExtendedFilter"]
        .as_array()
        .map(|list| {
            list.iter()
                .map(|f| format!("{} {} {}", f["saasAttrName"], f["saasAttrOp"], f["saasAttrValue"]))
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(
        filters,
        [
            r#""entityPayload.fromEmail" "is" "payroll@evil.example""#,
            r#""entityPayload.subject" "contains" "Payroll""#,
            r#""entityPayload.recipients" "contains" "ann@example.com""#,
            r#""entityPayload.internetMessageId" "is" "<1@x>""#,
            r#""entityPayload.senderServerIp" "is" "2001:db8::1""#,
        ]
    );
}

#[test]
fn since_starts_the_window_that_long_before_now() {
    let mock = MockGateway::start();
    script(&mock, SEARCH, vec![answer("[]", Some(r#""""#))]);
    let before = std::time::SystemTime::now();
    let run = hec(&["entity", "search", "--since", "7d"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let sent = request_data(&mock, SEARCH);
    let start = sent[0]["entityFilter"]["startDate"].as_str().unwrap_or_default().to_owned();
    let start = humantime::parse_rfc3339(&start).unwrap_or_else(|e| panic!("{start:?}: {e}"));
    let week = std::time::Duration::from_secs(7 * 86_400);
    let earliest = before - week - std::time::Duration::from_secs(1);
    assert!(start >= earliest && start <= std::time::SystemTime::now() - week, "{start:?}");
}

#[test]
fn a_page_that_fails_keeps_the_lines_printed_before_it_and_exits_4() {
    let mock = MockGateway::start();
    script(
        &mock,
        SEARCH,
        vec![answer(&format!("[{}]", entity(&hex_id(1), "s", false)), Some(r#""c1""#)), refusal()],
    );
    let run = hec(&["entity", "search", "-o", "ids"]).args(&WEEK).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, format!("{}\n", hex_id(1)));
    assert!(run.stderr.starts_with("error: "), "{run:?}");
    assert_eq!(mock.requests_to(SEARCH).len(), 2, "a refusal is not retried");
}

#[test]
fn bad_windows_and_filters_exit_2_before_any_request() {
    let mock = MockGateway::start();
    for args in [
        &["entity", "search"][..],
        &["entity", "search", "--since", "7d", "--start", "2026-01-01"],
        &["entity", "search", "--end", "2026-01-01"],
        &["entity", "search", "--since", "a week"],
        &["entity", "search", "--start", "2026-01-02", "--end", "2026-01-01"],
        &["entity", "search", "--start", "yesterday"],
        &["entity", "search", "--since", "7d", "--where", "entityPayload.subject"],
    ] {
        let run = hec(args).against(&mock).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }
    assert!(mock.requests().is_empty());
}

// ---- get ----------------------------------------------------------------------------------

#[test]
fn get_shows_the_entity_as_text_json_or_its_id() {
    let mock = MockGateway::start();
    let id = hex_id(7);
    let raw = entity(&id, "Payroll update", true);
    let path = format!("{ENTITY}{id}");
    script(
        &mock,
        &path,
        vec![
            answer(&format!("[{raw}]"), None),
            answer(&format!("[{raw}]"), None),
            answer(&format!("[{raw}]"), None),
        ],
    );

    let run = hec(&["entity", "get", &id]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(&format!("entity {id}\n  subject      Payroll update\n")), "{run:?}");
    assert!(run.stdout.contains("\n  quarantined  yes\n"), "{run:?}");

    let run = hec(&["entity", "get", &id, "-o", "json"]).against(&mock).run();
    assert_eq!(run.stdout, format!("{raw}\n"));

    let run = hec(&["entity", "get", &id, "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, format!("{id}\n"));
    assert_eq!(mock.requests_to(&path).len(), 3);
}

#[test]
fn get_of_an_unknown_entity_exits_4() {
    let mock = MockGateway::start();
    let id = hex_id(8);
    script(&mock, &format!("{ENTITY}{id}"), vec![answer("[]", None)]);
    let run = hec(&["entity", "get", &id, "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.json_lines()[0]["error"]["kind"], "not_found");
}

#[test]
fn get_of_an_id_that_would_change_the_path_exits_2() {
    let mock = MockGateway::start();
    let run = hec(&["entity", "get", "../scopes"]).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("invalid entity id"), "{run:?}");
    assert!(mock.requests().is_empty());
}

// ---- quarantine and restore ---------------------------------------------------------------

/// The answer to an action on these entities, all in task `task`.
fn tasks_for(ids: &[String], task: &str) -> Fault {
    let items: Vec<String> =
        ids.iter().map(|id| format!(r#"{{"entityId":"{id}","taskId":"{task}"}}"#)).collect();
    answer(&format!("[{}]", items.join(",")), None)
}

#[test]
fn quarantine_prints_each_entitys_task_and_sends_the_ids_with_the_entity_type() {
    let mock = MockGateway::start();
    let ids = [hex_id(1), hex_id(2)];
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids, "1691525788820900")]);
    let run = hec(&["entity", "quarantine", &ids[0], &ids[1]]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{} task 1691525788820900\n{} task 1691525788820900\n", ids[0], ids[1]));
    let sent = request_data(&mock, ACT_ON_ENTITIES);
    assert_eq!(sent.len(), 1);
    assert_eq!(texts(&sent[0]["entityIds"]), ids);
    assert_eq!(sent[0]["entityType"], "office365_emails_email");
    assert_eq!(sent[0]["entityActionName"], "quarantine");
    assert!(mock.requests_to(TASK_PATH).is_empty(), "no wait without --wait");
}

#[test]
fn restore_sends_restore_for_the_saas_given() {
    let mock = MockGateway::start();
    let ids = [hex_id(3)];
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids, "77")]);
    let run = hec(&["entity", "restore", &ids[0], "--saas", "google_mail"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{} task 77\n", ids[0]));
    let sent = request_data(&mock, ACT_ON_ENTITIES);
    assert_eq!(
        (&sent[0]["entityActionName"], &sent[0]["entityType"]),
        (&"restore".into(), &"google_mail_email".into())
    );
}

#[test]
fn quarantine_json_prints_the_answers_objects_as_sent_and_ids_prints_distinct_task_ids() {
    let mock = MockGateway::start();
    let items = r#"[{"entityId":"00000000000000000000000000000001","taskId":"10"},{"entityId":"00000000000000000000000000000002","taskId":10,"extra":true},{"entityId":"00000000000000000000000000000003","taskId":"11"}]"#;
    script(&mock, ACT_ON_ENTITIES, vec![answer(items, None), answer(items, None)]);
    let ids = [hex_id(1), hex_id(2), hex_id(3)];
    let args = ["entity", "quarantine", &ids[0], &ids[1], &ids[2]];

    let run = hec(&args).args(&["-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "{\"entityId\":\"00000000000000000000000000000001\",\"taskId\":\"10\"}\n\
         {\"entityId\":\"00000000000000000000000000000002\",\"taskId\":10,\"extra\":true}\n\
         {\"entityId\":\"00000000000000000000000000000003\",\"taskId\":\"11\"}\n"
    );

    let run = hec(&args).args(&["-o", "ids"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "10\n11\n");
}

#[test]
fn ids_come_from_stdin_in_place_of_a_dash_without_repeats() {
    let mock = MockGateway::start();
    let ids = [hex_id(1), hex_id(2), hex_id(3)];
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids, "5")]);
    let stdin = format!("{}\n\n  {}  \n{}\n", ids[1], ids[2], ids[0]);
    let run = hec(&["entity", "quarantine", &ids[0], "-", "-o", "ids"]).stdin(&stdin).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "5\n");
    assert_eq!(texts(&request_data(&mock, ACT_ON_ENTITIES)[0]["entityIds"]), ids);
}

#[test]
fn an_invalid_id_on_stdin_exits_2_before_any_request() {
    let mock = MockGateway::start();
    let stdin = format!("{}\n{}/../../scopes\n", hex_id(1), hex_id(2));
    let run = hec(&["entity", "quarantine", "-"]).stdin(&stdin).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("invalid entity id"), "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(mock.requests().is_empty(), "not even a token request");

    let run = hec(&["entity", "quarantine", "-"]).stdin("\n\n").against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no entity ids given"), "{run:?}");
}

#[test]
fn more_than_100_ids_go_in_batches_of_100() {
    let mock = MockGateway::start();
    let ids: Vec<String> = (0..150).map(hex_id).collect();
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids[..100], "1"), tasks_for(&ids[100..], "2")]);
    let run = hec(&["entity", "quarantine", "-", "-o", "ids"]).stdin(&ids.join("\n")).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "1\n2\n");
    let sent = request_data(&mock, ACT_ON_ENTITIES);
    assert_eq!(
        sent.iter().map(|data| texts(&data["entityIds"])).collect::<Vec<_>>(),
        [ids[..100].to_vec(), ids[100..].to_vec()]
    );
}

#[test]
fn a_task_id_shared_by_two_batches_is_printed_once() {
    let mock = MockGateway::start();
    let ids: Vec<String> = (0..101).map(hex_id).collect();
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids[..100], "3"), tasks_for(&ids[100..], "3")]);
    let run = hec(&["entity", "quarantine", "-", "-o", "ids"]).stdin(&ids.join("\n")).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "3\n");
    assert_eq!(mock.requests_to(ACT_ON_ENTITIES).len(), 2);
}

#[test]
fn a_503_on_the_action_is_sent_once_exits_5_and_says_the_action_may_have_run() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(ACT_ON_ENTITIES).always().then(Fault::status(503)));
    let ids = [hex_id(1), hex_id(2)];
    let run = hec(&["entity", "quarantine", &ids[0], &ids[1]]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert_eq!(mock.requests_to(ACT_ON_ENTITIES).len(), 1, "an action is never sent twice");
    assert_eq!(run.stdout, "");
    let stderr = run.stderr_lines();
    let note = stderr
        .iter()
        .position(|line| {
            *line == "error: the quarantine request for 2 entities may have run; hec did not send it again."
        })
        .unwrap_or_else(|| panic!("no may-have-run note: {run:?}"));
    assert_eq!(
        stderr[note + 1..],
        [
            "error: Check each before sending it again (`hec entity get ENTITY_ID` shows `quarantined  yes` once it has run):",
            &format!("error:   {}", ids[0]),
            &format!("error:   {}", ids[1]),
        ]
    );
}

#[test]
fn a_503_in_json_names_the_ids_of_the_request_that_may_have_run() {
    let mock = MockGateway::start();
    let body =
        r#"{"responseEnvelope":{"responseCode":503,"responseText":"Service Unavailable"},"responseData":[]}"#;
    mock.fault(FaultRule::on_path(ACT_ON_ENTITIES).always().then(Fault::status(503).json(body)));
    let run = hec(&["entity", "restore", &hex_id(1), "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{run:?}");
    let error = &lines[0]["error"];
    assert_eq!(error["mayHaveRun"], true);
    assert_eq!(texts(&error["entityIds"]), [hex_id(1)]);
    assert_eq!(error["notSent"], serde_json::json!([]));
    assert_eq!(error["kind"], "server_error");
    // What the service said, seen through the may-have-run failure.
    assert_eq!((&error["status"], &error["responseCode"]), (&503.into(), &503.into()), "{error}");
    assert!(error["requestId"].is_string(), "{error}");
}

#[test]
fn a_failure_in_a_later_batch_keeps_the_earlier_tasks_and_names_the_ids_not_sent() {
    let mock = MockGateway::start();
    let ids: Vec<String> = (0..250).map(hex_id).collect();
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids[..100], "1"), Fault::status(503).into()]);
    let run = hec(&["entity", "quarantine", "-", "-o", "ids"]).stdin(&ids.join("\n")).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert_eq!(run.stdout, "1\n", "the first batch's task is out");
    assert_eq!(mock.requests_to(ACT_ON_ENTITIES).len(), 2, "the third batch is not sent");
    assert!(
        run.stderr.contains(
            "error: the quarantine request for 100 entities may have run; hec did not send it again.\n"
        ),
        "{run:?}"
    );
    assert!(
        run.stderr
            .contains(&format!("error: 50 entities after them were not sent:\nerror:   {}\n", ids[200])),
        "{run:?}"
    );
}

#[test]
fn an_api_refusal_exits_4_and_does_not_say_it_may_have_run() {
    let mock = MockGateway::start();
    script(&mock, ACT_ON_ENTITIES, vec![refusal()]);
    let run = hec(&["entity", "quarantine", &hex_id(1)]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert!(!run.stderr.contains("may have run"), "{run:?}");
    assert_eq!(mock.requests_to(ACT_ON_ENTITIES).len(), 1);
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let mock = MockGateway::start();
    let ids = [hex_id(1), hex_id(2)];
    let run = hec(&["entity", "quarantine", &ids[0], &ids[1], "--dry-run"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let body = run
        .stdout
        .strip_prefix("POST /app/hec-api/v1.0/action/entity ")
        .and_then(|rest| rest.strip_suffix('\n'))
        .unwrap_or_else(|| panic!("not a request line: {run:?}"));
    let body: serde_json::Value = serde_json::from_str(body).expect("the body is JSON");
    let data = &body["requestData"];
    assert_eq!(texts(&data["entityIds"]), ids);
    assert_eq!(
        (&data["entityType"], &data["entityActionName"]),
        (&"office365_emails_email".into(), &"quarantine".into())
    );
    assert_eq!(run.stderr, "dry run: 1 request shown, nothing sent\n");
    assert!(mock.requests().is_empty(), "the recorder shows no request at all");
}

#[test]
fn dry_run_in_json_shows_one_object_per_batch() {
    let mock = MockGateway::start();
    let ids: Vec<String> = (0..101).map(hex_id).collect();
    let run = hec(&["entity", "restore", "-", "--dry-run", "--wait", "-o", "json"])
        .stdin(&ids.join("\n"))
        .against(&mock)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 2);
    assert_eq!((&lines[0]["method"], &lines[0]["path"]), (&"POST".into(), &ACT_ON_ENTITIES.into()));
    assert_eq!(texts(&lines[1]["body"]["requestData"]["entityIds"]), [hex_id(100)]);
    assert!(mock.requests().is_empty());
}

#[test]
fn wait_prints_the_answer_then_waits_as_task_wait_does() {
    let mock = MockGateway::start();
    let ids = [hex_id(1)];
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&ids, "99")]);
    mock.script_task(
        "99",
        TaskScript::polls([
            TaskStep::new("inprogress").total(1),
            TaskStep::new("completed").progress(1).total(1),
        ]),
    );
    let run = hec(&["entity", "quarantine", &ids[0], "--wait"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with(&format!(
            "{} task 99\ntask 99  Office365 Emails Manual Action\n  status     completed\n",
            ids[0]
        )),
        "{run:?}"
    );
    assert_eq!(run.progress_lines(), ["task 99: inprogress 0/1", "task 99: completed 1/1"]);
    assert_eq!(mock.requests_to(&format!("{TASK_PATH}99")).len(), 2);
}

#[test]
fn wait_for_a_task_that_fails_exits_1() {
    let mock = MockGateway::start();
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&[hex_id(1)], "98")]);
    mock.script_task("98", TaskScript::polls([TaskStep::new("failed")]));
    let run =
        hec(&["entity", "quarantine", &hex_id(1), "--wait", "-o", "json"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 1, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines[0]["taskId"], "98");
    assert_eq!(lines[1]["status"], "failed");
}

#[test]
fn task_ids_are_printed_before_a_wait_that_times_out_with_exit_6() {
    let mock = MockGateway::start();
    script(&mock, ACT_ON_ENTITIES, vec![tasks_for(&[hex_id(1), hex_id(2)], "97")]);
    mock.script_task("97", TaskScript::polls([TaskStep::new("inprogress")]));
    let run =
        hec(&["entity", "quarantine", &hex_id(1), &hex_id(2), "--wait", "--timeout", "150ms", "-o", "ids"])
            .args(&FAST)
            .against(&mock)
            .run();
    assert_eq!(run.code, 6, "{run:?}");
    assert_eq!(run.stdout, "97\n", "the task id, once, and nothing after the wait");
    assert!(run.stderr.contains("error: task 97: the task did not finish within"), "{run:?}");
}

#[test]
fn timeout_or_interval_without_wait_is_a_usage_error() {
    for flag in ["--timeout", "--interval"] {
        let run = hec(&["entity", "quarantine", &hex_id(1), flag, "1s"]).run();
        assert_eq!(run.code, 2, "{flag}: {run:?}");
        assert!(run.stderr.contains("--wait"), "{run:?}");
    }
}

// ---- the demo tenant (`--mock`) -----------------------------------------------------------

/// The campaign's entity ids, as `--mock entity search -o ids` prints them.
fn campaign_ids() -> Vec<String> {
    let run =
        hec(&["--mock", "entity", "search", "--since", "7d", "--from", CAMPAIGN_SENDER, "-o", "ids"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    run.stdout.lines().map(str::to_owned).collect()
}

#[test]
fn mock_search_finds_the_campaign_six_messages_two_quarantined() {
    let run = hec(&["--mock", "entity", "search", "--since", "7d", "--from", CAMPAIGN_SENDER]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let rows: Vec<Vec<&str>> = run.stdout.lines().map(|line| line.split('\t').collect()).collect();
    assert_eq!(rows.len(), CAMPAIGN_SIZE, "{run:?}");
    for row in &rows {
        assert_eq!(row.len(), 5, "{row:?}");
        assert!(row[0].len() == 32 && row[0].chars().all(|c| c.is_ascii_hexdigit()), "{row:?}");
        assert!(row[1].ends_with('Z'), "{row:?}");
        assert_eq!(row[2], CAMPAIGN_SENDER);
        assert!(row[3].contains("Payroll update"), "{row:?}");
    }
    let quarantined = rows.iter().filter(|row| row[4] == "quarantined").count();
    let not = rows.iter().filter(|row| row[4] == "not quarantined").count();
    assert_eq!((quarantined, not), (CAMPAIGN_QUARANTINED, CAMPAIGN_SIZE - CAMPAIGN_QUARANTINED));
}

#[test]
fn mock_ids_are_the_same_every_run_and_json_holds_the_same_entities() {
    let ids = campaign_ids();
    assert_eq!(ids.len(), CAMPAIGN_SIZE);
    assert_eq!(campaign_ids(), ids, "the demo tenant is deterministic");
    let run =
        hec(&["--mock", "entity", "search", "--since", "7d", "--from", CAMPAIGN_SENDER, "-o", "json"]).run();
    let json_ids: Vec<String> = run
        .json_lines()
        .iter()
        .map(|entity| entity["entityInfo"]["entityId"].as_str().unwrap_or("?").to_owned())
        .collect();
    assert_eq!(json_ids, ids);
}

#[test]
fn mock_filters_narrow_the_search() {
    let quarantined = hec(&[
        "--mock",
        "entity",
        "search",
        "--since",
        "7d",
        "--from",
        CAMPAIGN_SENDER,
        "--where",
        "entityPayload.isQuarantined:is:true",
        "-o",
        "ids",
    ])
    .run();
    assert_eq!(quarantined.stdout.lines().count(), CAMPAIGN_QUARANTINED, "{quarantined:?}");
    let by_subject = hec(&[
        "--mock",
        "entity",
        "search",
        "--since",
        "7d",
        "--from",
        CAMPAIGN_SENDER,
        "--subject",
        "payroll UPDATE",
    ])
    .arg("-o")
    .arg("ids")
    .run();
    assert_eq!(
        by_subject.stdout.lines().count(),
        CAMPAIGN_SIZE,
        "contains is case-insensitive: {by_subject:?}"
    );
    let nothing = hec(&["--mock", "entity", "search", "--since", "7d", "--saas", "dropbox"]).run();
    assert_eq!((nothing.code, nothing.stdout.as_str()), (0, ""), "{nothing:?}");
}

#[test]
fn mock_pipeline_quarantines_the_campaign_and_waits_for_the_task() {
    let ids = campaign_ids();
    let run =
        hec(&["--mock", "entity", "quarantine", "-", "--wait"]).args(&FAST).stdin(&ids.join("\n")).run();
    assert_eq!(run.code, 0, "{run:?}");
    let expected: String = ids.iter().map(|id| format!("{id} task {FIRST_ACTION_TASK}\n")).collect();
    assert!(run.stdout.starts_with(&expected), "{run:?}");
    let rest = &run.stdout[expected.len()..];
    assert!(rest.starts_with(&format!("task {FIRST_ACTION_TASK}")), "{run:?}");
    assert!(rest.contains("\n  status     completed\n"), "{run:?}");
    assert!(
        run.stderr
            .ends_with(&format!("task {FIRST_ACTION_TASK}: completed {CAMPAIGN_SIZE}/{CAMPAIGN_SIZE}\n")),
        "{run:?}"
    );
}

#[test]
fn mock_restore_of_the_two_quarantined_messages() {
    let run = hec(&[
        "--mock",
        "entity",
        "search",
        "--since",
        "7d",
        "--from",
        CAMPAIGN_SENDER,
        "--where",
        "entityPayload.isQuarantined:is:true",
        "-o",
        "ids",
    ])
    .run();
    let ids: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(ids.len(), CAMPAIGN_QUARANTINED, "{run:?}");
    let run = hec(&["--mock", "entity", "restore", ids[0], ids[1], "-o", "json"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let items = run.json_lines();
    assert_eq!(
        items
            .iter()
            .map(|item| (item["entityId"].as_str().unwrap_or("?"), item["taskId"].as_str().unwrap_or("?")))
            .collect::<Vec<_>>(),
        [(ids[0], FIRST_ACTION_TASK), (ids[1], FIRST_ACTION_TASK)]
    );
}

#[test]
fn mock_ids_are_printed_before_a_wait_that_times_out() {
    let ids = campaign_ids();
    // The demo task moves on at each poll: a first interval longer than the timeout sees it at
    // `init` once, then times out.
    let run = hec(&[
        "--mock",
        "entity",
        "quarantine",
        "-",
        "--wait",
        "--timeout",
        "200ms",
        "--interval",
        "5s",
        "-o",
        "ids",
    ])
    .stdin(&ids.join("\n"))
    .run();
    assert_eq!(run.code, 6, "{run:?}");
    assert_eq!(run.stdout, format!("{FIRST_ACTION_TASK}\n"));
    assert_eq!(
        run.progress_lines()[0],
        format!("task {FIRST_ACTION_TASK}: init 0/{CAMPAIGN_SIZE}"),
        "{run:?}"
    );
}

#[test]
fn mock_get_shows_a_campaign_message_and_an_unknown_id_exits_4() {
    let ids = campaign_ids();
    let run = hec(&["--mock", "entity", "get", &ids[0]]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with(&format!("entity {}\n  subject      ", ids[0])), "{run:?}");
    assert!(
        run.stdout.contains(&format!("<{CAMPAIGN_SENDER}>\n"))
            || run.stdout.contains(&format!(" {CAMPAIGN_SENDER}\n")),
        "{run:?}"
    );

    let run = hec(&["--mock", "entity", "get", "ffffffffffffffffffffffffffffffff"]).run();
    assert_eq!(run.code, 4, "{run:?}");
}

#[test]
fn mock_dry_run_names_the_campaign_ids() {
    let ids = campaign_ids();
    let run =
        hec(&["--mock", "entity", "quarantine", "-", "--dry-run", "-o", "json"]).stdin(&ids.join("\n")).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(texts(&run.json_lines()[0]["body"]["requestData"]["entityIds"]), ids);
}

#[test]
fn an_action_answered_without_a_task_is_a_warning_that_quiet_silences() {
    let mock = MockGateway::start();
    let id = hex_id(4);
    script(&mock, ACT_ON_ENTITIES, vec![answer("[]", None), answer("[]", None)]);
    let run = hec(&["entity", "quarantine", &id]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    assert_eq!(
        run.stderr,
        "warning: the service answered the quarantine request for 1 entity without a task\n"
    );
    let run = hec(&["entity", "quarantine", &id, "--quiet"]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", ""), "{run:?}");
}
