//! `hec tool-exception`, `hec anomaly-exception` and `hec click-time` against the mock's demo
//! tenant: the exact request each command sends, the output in each format, `--dry-run` sending
//! nothing, bad arguments refused before any request, a write that may have run reported and
//! not sent again, and `click-time delete --all` only with `--yes`.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use serde_json::{Value, json};

use crate::acts_support::{API, sent};
use crate::support::hec;

// ---- security-tool exceptions ----------------------------------------------------------------

#[test]
fn tool_list_follows_the_last_key_with_get_bodies_and_prints_lines_json_or_keys() {
    let mock = MockGateway::start();
    let run = hec(&["tool-exception", "list", "url", "block-domain", "--page-size", "2", "-o", "ids"])
        .against(&mock)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "cdn.evil.example\nfiles.evil.example\nlogin.evil.example\npayroll-portal.evil.example\ntracker.evil.example\n"
    );
    let bodies: Vec<Value> = sent(&mock, "/sectool-exceptions/avanan_url/exceptions/block-domain")
        .into_iter()
        .map(|(method, body)| {
            assert_eq!(method, "GET");
            body
        })
        .collect();
    assert_eq!(
        bodies,
        [
            json!({"requestData": {"insertTimeGte": false, "limit": 2}}),
            json!({"requestData": {"lastEvaluatedKey": "files.evil.example", "insertTimeGte": false, "limit": 2}}),
            json!({"requestData": {"lastEvaluatedKey": "payroll-portal.evil.example", "insertTimeGte": false, "limit": 2}}),
        ]
    );
    let run = hec(&["tool-exception", "list", "avanan_url", "block-domain", "--filter", "comment=tracking"])
        .against(&mock)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    let line = run.stdout.lines().collect::<Vec<_>>();
    assert_eq!(line.len(), 1, "{run:?}");
    assert!(
        line[0].starts_with("tracker.evil.example\tPayroll campaign tracking\t-\tsoc-admin@acme.example\t"),
        "{run:?}"
    );
    let run = hec(&["tool-exception", "list", "url", "allow-url", "-o", "json"]).against(&mock).run();
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert_eq!(lines[0]["exception_payload"], json!({"condition": "with_link"}));
}

#[test]
fn tool_list_stops_at_the_limit_without_the_next_page() {
    let mock = MockGateway::start();
    let run = hec(&[
        "tool-exception",
        "list",
        "url",
        "block-domain",
        "--page-size",
        "2",
        "--limit",
        "2",
        "-o",
        "ids",
    ])
    .against(&mock)
    .run();
    assert_eq!((run.code, run.stdout.as_str()), (0, "cdn.evil.example\nfiles.evil.example\n"), "{run:?}");
    assert_eq!(sent(&mock, "/sectool-exceptions/avanan_url/exceptions/block-domain").len(), 1);
}

#[test]
fn tool_get_puts_the_key_in_the_path_encoded() {
    let mock = MockGateway::start();
    let run = hec(&["tool-exception", "get", "url", "allow-url", "https://partner.example/invoices"])
        .against(&mock)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.starts_with("tool exception https://partner.example/invoices\n  kind        mock-farm:"),
        "{run:?}"
    );
    assert_eq!(
        sent(
            &mock,
            "/sectool-exceptions/avanan_url/exceptions/allow-url/https%3A%2F%2Fpartner.example%2Finvoices"
        ),
        [("GET".to_owned(), Value::Null)]
    );
    let run = hec(&["tool-exception", "get", "malware", "hash", "0000", "-o", "json"]).against(&mock).run();
    assert_eq!((run.code, &run.json_lines()[0]["error"]["kind"]), (4, &json!("not_found")), "{run:?}");
}

#[test]
fn tool_add_update_and_delete_send_their_bodies() {
    let mock = MockGateway::start();
    let run = hec(&[
        "tool-exception",
        "add",
        "malware",
        "hash",
        "0cc175b9c0f1b6a831c399e269772661",
        "--comment",
        "signed tool",
        "--file-name",
        "tool.exe",
        "--created-by",
        "soc@acme.example",
        "--entity-type",
        "office365_emails_email",
        "--entity-id",
        "0f3c5e7a",
        "--exclusive",
    ])
    .against(&mock)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "added checkpoint2 hash exception 0cc175b9c0f1b6a831c399e269772661 (responseCode 201)\n"
    );
    let run = hec(&[
        "tool-exception",
        "update",
        "url",
        "block-domain",
        "cdn.evil.example",
        "--condition",
        "without-link",
        "-o",
        "ids",
    ])
    .against(&mock)
    .run();
    assert_eq!((run.code, run.stdout.as_str()), (0, "cdn.evil.example\n"), "{run:?}");
    let run =
        hec(&["tool-exception", "delete", "url", "block-domain", "cdn.evil.example"]).against(&mock).run();
    assert_eq!(
        run.stdout, "deleted avanan_url block-domain exception cdn.evil.example (responseCode 204)\n",
        "{run:?}"
    );
    let run =
        hec(&["tool-exception", "delete", "url", "block-domain", "files.evil.example", "login.evil.example"])
            .against(&mock)
            .run();
    assert_eq!(run.stdout, "deleted 2 avanan_url block-domain exceptions (responseCode 204)\n", "{run:?}");
    assert_eq!(
        sent(&mock, "/sectool-exceptions/checkpoint2"),
        [(
            "POST".to_owned(),
            json!({"requestData": {"exceptionType": "hash", "exceptionStr": "0cc175b9c0f1b6a831c399e269772661",
                "entityType": "office365_emails_email", "entityId": "0f3c5e7a", "fileName": "tool.exe",
                "createdByEmail": "soc@acme.example", "isExclusive": true, "comment": "signed tool"}})
        )]
    );
    assert_eq!(
        sent(&mock, "/sectool-exceptions/avanan_url"),
        [
            (
                "PUT".to_owned(),
                json!({"requestData": {"exceptionType": "block-domain", "exceptionStr": "cdn.evil.example",
                    "exceptionPayload": {"condition": "without_link"}}})
            ),
            (
                "DELETE".to_owned(),
                json!({"requestData": {"exceptionType": "block-domain", "exceptionStr": "cdn.evil.example"}})
            ),
        ]
    );
    assert_eq!(
        sent(&mock, "/sectool-exceptions/avanan_url/exceptions"),
        [(
            "DELETE".to_owned(),
            json!({"requestData": {"exceptionType": "block-domain", "exceptionStrList": ["files.evil.example", "login.evil.example"]}})
        )]
    );
    let run = hec(&["tool-exception", "list", "url", "block-domain", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "payroll-portal.evil.example\ntracker.evil.example\n");
}

#[test]
fn tool_arguments_are_checked_before_any_request() {
    let mock = MockGateway::start();
    for args in [
        &["tool-exception", "list", "antivirus", "hash"][..],
        &["tool-exception", "list", "url", "hash"],
        &["tool-exception", "get", "dlp", "sender_email", ".."],
        &["tool-exception", "get", "dlp", "sender_email", "a\u{7}b"],
        &["tool-exception", "update", "url", "block-domain", "cdn.evil.example"],
        &["tool-exception", "add", "url", "block-url", "x", "--condition", "always"],
        &["tool-exception", "add", "url", "block-url", "x", "--entity-id", "0f3c"],
        &["tool-exception", "delete", "url", "block-url"],
    ] {
        let run = hec(args).against(&mock).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
}

#[test]
fn tool_dry_run_sends_nothing_and_a_create_that_may_have_run_is_sent_once() {
    let mock = MockGateway::start();
    let run =
        hec(&["tool-exception", "delete", "dlp", "sender_email", "a@x.example", "b@x.example", "--dry-run"])
            .against(&mock)
            .run();
    assert_eq!(
        run.stdout,
        format!(
            "DELETE {API}/sectool-exceptions/avanan_dlp/exceptions {}\n",
            r#"{"requestData":{"exceptionType":"sender_email","exceptionStrList":["a@x.example","b@x.example"]}}"#
        )
    );
    assert!(mock.requests().is_empty());
    assert_eq!(mock.tokens_issued(), 0);

    mock.fault(
        FaultRule::on_path(format!("{API}/sectool-exceptions/avanan_dlp")).always().then(Fault::status(502)),
    );
    let run = hec(&["tool-exception", "add", "dlp", "sender_email", "cfo@acme.example"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert!(
        run.stderr.contains("error: the add of avanan_dlp sender_email exception cfo@acme.example may have run; hec did not send it again.\n"),
        "{run:?}"
    );
    assert!(
        run.stderr.contains("`hec tool-exception list avanan_dlp sender_email` shows them as they are now"),
        "{run:?}"
    );
    assert_eq!(sent(&mock, "/sectool-exceptions/avanan_dlp").len(), 1);
}

// ---- anomaly exceptions ----------------------------------------------------------------------

#[test]
fn anomaly_list_add_and_delete() {
    let mock = MockGateway::start();
    let run = hec(&["anomaly-exception", "list"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{run:?}");
    assert!(lines[0].starts_with("ID     TYPE                ENABLED  ADDED BY"), "{run:?}");
    assert!(lines[1].starts_with("10001  superman_anomaly    yes      soc-admin@acme.example"), "{run:?}");
    assert!(lines[1].ends_with("Apply for all past events: Yes\\nWhitelist: Ignore all geo suspicious events from **traveller@acme.example**"), "{run:?}");

    let run = hec(&[
        "anomaly-exception",
        "add",
        "--rule",
        "anomalyType=superman_anomaly",
        "--rule",
        "eventId=3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2f",
        "--added-by",
        "soc@acme.example",
    ])
    .against(&mock)
    .run();
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "added a new anomaly exception (responseCode 201)\n"),
        "{run:?}"
    );
    let run = hec(&[
        "anomaly-exception",
        "add",
        "--rule-json",
        r#"{"anomalyType": "new_device_anomaly", "days": 30}"#,
        "-o",
        "json",
    ])
    .against(&mock)
    .run();
    assert_eq!(run.json_lines()[0]["responseCode"], 201, "{run:?}");
    let run = hec(&["anomaly-exception", "delete", "10001", "-"]).stdin("10003\n").against(&mock).run();
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "deleted 2 anomaly exceptions (responseCode 204)\n"),
        "{run:?}"
    );
    let run = hec(&["anomaly-exception", "list", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "10002\n10004\n");
    let writes: Vec<(String, Value)> = sent(&mock, "/sectools/anomaly/exceptions")
        .into_iter()
        .filter(|(method, _)| method != "GET")
        .collect();
    assert_eq!(
        writes,
        [
            (
                "POST".to_owned(),
                json!({"requestData": {"requestJson": {"anomalyType": "superman_anomaly", "eventId": "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2f"},
                    "addedBy": "soc@acme.example"}})
            ),
            (
                "POST".to_owned(),
                json!({"requestData": {"requestJson": {"anomalyType": "new_device_anomaly", "days": 30}}})
            ),
            ("DELETE".to_owned(), json!({"requestData": {"ruleId": ["10001", "10003"]}})),
        ]
    );
}

#[test]
fn anomaly_arguments_are_checked_and_dry_run_sends_nothing() {
    let mock = MockGateway::start();
    for args in [
        &["anomaly-exception", "add"][..],
        &["anomaly-exception", "add", "--rule-json", "[]"],
        &["anomaly-exception", "add", "--rule-json", "{}"],
        &["anomaly-exception", "delete", "10001/x"],
    ] {
        let run = hec(args).against(&mock).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }
    let run = hec(&["anomaly-exception", "delete", "10001", "--dry-run", "-o", "json"]).against(&mock).run();
    assert_eq!(
        run.json_lines(),
        [
            json!({"method": "DELETE", "path": format!("{API}/sectools/anomaly/exceptions"), "body": {"requestData": {"ruleId": ["10001"]}}})
        ]
    );
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
}

// ---- click-time protection -------------------------------------------------------------------

#[test]
fn click_time_lists_items_and_one_item() {
    let mock = MockGateway::start();
    let run = hec(&["click-time", "list", "block"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "ITEM ID           LIST           NAME                         CREATED BY              CREATED"
    );
    assert!(
        lines[1].starts_with(
            "4711000000000002  blacklist (1)  payroll-portal.evil.example  soc-admin@acme.example  "
        ),
        "{run:?}"
    );
    assert_eq!(lines.len(), 2);
    let run = hec(&["click-time", "list", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "4711000000000001\n4711000000000002\n4711000000000003\n");
    let run = hec(&["click-time", "items", "-o", "json"]).against(&mock).run();
    assert_eq!(run.json_lines().len(), 3);
    let run = hec(&["click-time", "get", "4711000000000003"]).against(&mock).run();
    assert!(run.stdout.starts_with("click-time item 4711000000000003\n  name        docs.partner.example\n  list        whitelist (0)\n"), "{run:?}");
    assert_eq!(
        sent(&mock, "/sectools/click_time_protection/exceptions/1"),
        [("GET".to_owned(), Value::Null)]
    );
    assert_eq!(sent(&mock, "/sectools/click_time_protection/exceptions"), [("GET".to_owned(), Value::Null)]);
    assert_eq!(sent(&mock, "/sectools/click_time_protection/exceptions/items").len(), 1);
}

#[test]
fn click_time_add_update_and_delete_send_their_bodies() {
    let mock = MockGateway::start();
    let items = "/sectools/click_time_protection/exceptions/items";
    let run = hec(&["click-time", "add", "block", "cdn.evil.example", "--created-by", "soc@acme.example"])
        .against(&mock)
        .run();
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "added a new click-time item on list 1 (responseCode 201)\n"),
        "{run:?}"
    );
    let run = hec(&[
        "click-time",
        "update",
        "4711000000000101",
        "allow",
        "cdn.partner.example",
        "--created-by",
        "soc@acme.example",
    ])
    .against(&mock)
    .run();
    assert_eq!(run.stdout, "updated click-time item 4711000000000101 (responseCode 200)\n", "{run:?}");
    let run = hec(&["click-time", "delete", "4711000000000101", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "4711000000000101\n", "{run:?}");
    let run = hec(&["click-time", "delete", "4711000000000001", "4711000000000002"]).against(&mock).run();
    assert_eq!(run.stdout, "deleted 2 click-time items (responseCode 204)\n", "{run:?}");
    assert_eq!(
        sent(&mock, items),
        [
            (
                "POST".to_owned(),
                json!({"requestData": {"listId": "1", "listItemName": "cdn.evil.example", "createdBy": "soc@acme.example"}})
            ),
            (
                "DELETE".to_owned(),
                json!({"requestData": {"listItemIds": ["4711000000000001", "4711000000000002"]}})
            ),
        ]
    );
    assert_eq!(
        sent(&mock, &format!("{items}/4711000000000101")),
        [
            (
                "PUT".to_owned(),
                json!({"requestData": {"listId": "0", "listItemName": "cdn.partner.example", "createdBy": "soc@acme.example"}})
            ),
            ("DELETE".to_owned(), Value::Null),
        ]
    );
    let run = hec(&["click-time", "items", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "4711000000000003\n");
}

#[test]
fn deleting_every_list_needs_all_and_yes() {
    let mock = MockGateway::start();
    let run = hec(&["click-time", "delete", "--all"]).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: --all deletes every item of every click-time list; add --yes to confirm\n"
    );
    for args in [
        &["click-time", "delete"][..],
        &["click-time", "delete", "--yes"],
        &["click-time", "delete", "--all", "--yes", "1"],
    ] {
        assert_eq!(hec(args).against(&mock).run().code, 2, "{args:?}");
    }
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
    let run = hec(&["click-time", "delete", "--all", "--yes", "--dry-run"]).against(&mock).run();
    assert_eq!(run.stdout, format!("DELETE {API}/sectools/click_time_protection/exceptions\n"));
    assert!(mock.requests().is_empty());
    let run = hec(&["click-time", "delete", "--all", "--yes"]).against(&mock).run();
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "emptied every click-time list (responseCode 204)\n"),
        "{run:?}"
    );
    assert_eq!(
        sent(&mock, "/sectools/click_time_protection/exceptions"),
        [("DELETE".to_owned(), Value::Null)]
    );
    let run = hec(&["click-time", "list"]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""));
}

#[test]
fn click_time_bad_ids_exit_2_and_a_delete_that_may_have_run_is_sent_once() {
    let mock = MockGateway::start();
    for args in [
        &["click-time", "get", "../items"][..],
        &["click-time", "list", "items"],
        &["click-time", "update", "1/2", "allow", "x", "--created-by", "a"],
        &["click-time", "add", "allow", "", "--created-by", "soc@acme.example"],
    ] {
        assert_eq!(hec(args).against(&mock).run().code, 2, "{args:?}");
    }
    assert!(mock.requests().is_empty());
    let path = format!("{API}/sectools/click_time_protection/exceptions/items/4711000000000001");
    mock.fault(FaultRule::on_path(path.clone()).always().then(Fault::status(503)));
    let run = hec(&["click-time", "delete", "4711000000000001", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(
        (&error["mayHaveRun"], &error["target"]),
        (&json!(true), &json!("click-time item 4711000000000001"))
    );
    assert_eq!(mock.requests_to(&path).len(), 1);
}
