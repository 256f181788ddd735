//! `hec exception list|get|add|update|delete` (the anti-phishing allow and block lists) against
//! the mock's demo tenant: the exact request each sends, the output in each format, `--dry-run`
//! sending nothing (not even a token request), bad types and ids refused before any request, and
//! a write that may have run reported and never sent again.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use serde_json::{Value, json};

use crate::acts_support::{API, answer, script, sent};
use crate::support::hec;

/// An exception as the live service shapes it (every field, `linkDomains: false`), spaced out
/// as a service may send it.
const SENT: &str = r#"{"actionNeeded": null, "addedBy": "soc-admin@acme.example", "attachmentMd5": null, "comment": "From\u001b[2J Dashboard", "editedBy": null, "entityId": "700000101", "ignoringSpfCheck": false, "linkDomainMatching": null, "linkDomains": false, "newField": [1.50], "recipient": null, "recipientMatching": null, "senderClientIp": null, "senderDomain": null, "senderDomainMatching": null, "senderEmail": "billing@partner.example", "senderEmailMatching": "exact", "senderIp": null, "senderName": null, "senderNameMatching": null, "subject": null, "subjectMatching": null, "updateTime": "Wed, 25 Sep 2024 16:41:35 GMT"}"#;

// ---- list and get ---------------------------------------------------------------------------

#[test]
fn list_prints_a_table_json_as_sent_or_ids() {
    let mock = MockGateway::start();
    let path = format!("{API}/exceptions/whitelist");
    script(&mock, &path, vec![answer(&format!("[{SENT}]"), Some(r#""""#)); 3]);

    let run = hec(&["exception", "list", "allow"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "ID         MATCHES                                       COMMENT                  UPDATED\n\
         700000101  sender-email=billing@partner.example (exact)  From\\u{1b}[2J Dashboard  2024-09-25T16:41:35Z\n"
    );
    let run = hec(&["exception", "list", "whitelist", "-o", "json"]).against(&mock).run();
    // Exactly as sent, on one line: only the whitespace between tokens is dropped.
    let compact = r#"{"actionNeeded":null,"addedBy":"soc-admin@acme.example","attachmentMd5":null,"comment":"From\u001b[2J Dashboard","editedBy":null,"entityId":"700000101","ignoringSpfCheck":false,"linkDomainMatching":null,"linkDomains":false,"newField":[1.50],"recipient":null,"recipientMatching":null,"senderClientIp":null,"senderDomain":null,"senderDomainMatching":null,"senderEmail":"billing@partner.example","senderEmailMatching":"exact","senderIp":null,"senderName":null,"senderNameMatching":null,"subject":null,"subjectMatching":null,"updateTime":"Wed, 25 Sep 2024 16:41:35 GMT"}"#;
    assert_eq!(run.stdout, format!("{compact}\n"));
    let run = hec(&["exception", "list", "allow", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "700000101\n");
    assert_eq!(sent(&mock, "/exceptions/whitelist"), vec![("GET".to_owned(), Value::Null); 3]);
}

#[test]
fn the_demo_tenants_lists_are_read_by_either_name() {
    let mock = MockGateway::start();
    for (name, ids) in [
        ("allow", "700000101\n700000102\n"),
        ("block", "700000201\n700000202\n"),
        ("spam-allow", "700000301\n"),
        ("spam_whitelist", "700000301\n"),
    ] {
        let run = hec(&["exception", "list", name, "-o", "ids"]).against(&mock).run();
        assert_eq!((run.code, run.stdout.as_str()), (0, ids), "{name}: {run:?}");
    }
}

#[test]
fn get_shows_one_exception_as_a_view_json_or_its_id() {
    let mock = MockGateway::start();
    let run = hec(&["exception", "get", "block", "700000202"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("exception 700000202\n  sender email      -\n"), "{run:?}");
    assert!(run.stdout.contains("\n  link domains      payroll-portal.evil.example (exact)\n"), "{run:?}");
    assert!(run.stdout.contains("\n  comment           Payroll campaign landing page\n"), "{run:?}");
    let run = hec(&["exception", "get", "blacklist", "700000202", "-o", "json"]).against(&mock).run();
    let lines = run.json_lines();
    assert_eq!(
        (lines.len(), &lines[0]["entityId"], &lines[0]["linkDomains"]),
        (1, &json!("700000202"), &json!(["payroll-portal.evil.example"]))
    );
    let run = hec(&["exception", "get", "block", "700000202", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "700000202\n");
    assert_eq!(sent(&mock, "/exceptions/blacklist/700000202").len(), 3);
}

#[test]
fn get_of_an_unknown_id_exits_4() {
    let mock = MockGateway::start();
    let run = hec(&["exception", "get", "allow", "700000999", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.json_lines()[0]["error"]["kind"], "not_found");
}

#[test]
fn bad_types_ids_and_criteria_exit_2_before_any_request() {
    let mock = MockGateway::start();
    for args in [
        &["exception", "list", "allowlist"][..],
        &["exception", "list", "Allow"],
        &["exception", "get", "allow", "../../scopes"],
        &["exception", "get", "allow", "7?x=1"],
        &["exception", "get", "spam", "7"],
        &["exception", "update", "allow", "7/delete/8", "--subject", "x"],
        &["exception", "delete", "block", "700000201", "a/b"],
        &["exception", "add", "allow"],
        &["exception", "add", "allow", "--comment", "no criterion", "--ignore-spf"],
        &["exception", "add", "allow", "--subject", "x", "--match", "subject=ends-with"],
        &["exception", "add", "allow", "--sender-domain", "x", "--match", "sender-domain=matching"],
        &["exception", "add", "allow", "--subject", "x", "--match", "body=exact"],
        &["exception", "update", "allow", "700000101"],
    ] {
        let run = hec(args).against(&mock).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stdout.is_empty(), "{args:?}: {run:?}");
    }
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
    let run = hec(&["exception", "get", "allow", "../scopes"]).against(&mock).run();
    assert_eq!(
        run.stderr,
        "error: invalid exception id: character '.' at position 0 is not a digit: \"../scopes\"\n"
    );
}

// ---- add, update, delete -------------------------------------------------------------------

#[test]
fn add_sends_every_criterion_and_prints_the_answer_in_each_format() {
    let mock = MockGateway::start();
    let args = [
        "exception",
        "add",
        "block",
        "--sender-email",
        "payroll@evil.example",
        "--sender-domain",
        "evil.example",
        "--sender-name",
        "Payroll",
        "--subject",
        "Salary",
        "--recipient",
        "cfo@acme.example",
        "--sender-ip",
        "203.0.113.7",
        "--sender-client-ip",
        "198.51.100.23",
        "--link-domain",
        "pay.evil.example",
        "--link-domain",
        "cdn.evil.example",
        "--attachment-md5",
        "9e107d9d372bb6826bd81d3542a419d6",
        "--action-needed",
        "phishing",
        "--ignore-spf",
        "--match",
        "sender-email=exact",
        "--match",
        "sender-domain=ends-with",
        "--match",
        "subject=contains",
        "--comment",
        "payroll campaign",
    ];
    let run = hec(&args).against(&mock).run();
    assert_eq!(
        (run.code, run.stdout.as_str()),
        (0, "added a new blacklist exception (responseCode 200)\n"),
        "{run:?}"
    );
    assert_eq!(
        sent(&mock, "/exceptions/blacklist"),
        [(
            "POST".to_owned(),
            json!({"requestData": {
                "senderEmail": "payroll@evil.example", "senderEmailMatching": "exact",
                "senderName": "Payroll", "senderDomain": "evil.example", "senderDomainMatching": "ends_with",
                "senderIp": "203.0.113.7", "senderClientIp": "198.51.100.23", "recipient": "cfo@acme.example",
                "subject": "Salary", "subjectMatching": "contains",
                "linkDomains": ["pay.evil.example", "cdn.evil.example"],
                "attachmentMd5": "9e107d9d372bb6826bd81d3542a419d6", "actionNeeded": "phishing",
                "comment": "payroll campaign", "ignoringSpfCheck": true}})
        )]
    );
    // The new exception is in the list: the demo tenant's ids count up from 700000401.
    let run = hec(&["exception", "list", "block", "-o", "ids"]).against(&mock).run();
    assert_eq!(run.stdout, "700000201\n700000202\n700000401\n");

    let run = hec(&["exception", "add", "allow", "--subject", "Invoice", "-o", "json"]).against(&mock).run();
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert_eq!(
        (
            &lines[0]["action"],
            &lines[0]["target"],
            &lines[0]["id"],
            &lines[0]["status"],
            &lines[0]["responseCode"]
        ),
        (&json!("add"), &json!("a new whitelist exception"), &Value::Null, &json!(200), &json!(200))
    );
    assert_eq!(lines[0]["requestId"].as_str().map(str::len), Some(36));
    // There is no id to print: the answer of an add holds none.
    let run = hec(&["exception", "add", "allow", "--subject", "Invoice 2", "-o", "ids"]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
}

#[test]
fn update_replaces_the_criteria_and_prints_its_id() {
    let mock = MockGateway::start();
    let run = hec(&[
        "exception",
        "update",
        "allow",
        "700000101",
        "--sender-domain",
        "partner.example",
        "-o",
        "ids",
    ])
    .against(&mock)
    .run();
    assert_eq!((run.code, run.stdout.as_str()), (0, "700000101\n"), "{run:?}");
    assert_eq!(
        sent(&mock, "/exceptions/whitelist/700000101"),
        [(
            "PUT".to_owned(),
            json!({"requestData": {"senderDomain": "partner.example", "ignoringSpfCheck": false}})
        )]
    );
    let run = hec(&["exception", "get", "allow", "700000101", "-o", "json"]).against(&mock).run();
    let got = &run.json_lines()[0];
    assert_eq!((&got["senderEmail"], &got["senderDomain"]), (&Value::Null, &json!("partner.example")));
}

#[test]
fn delete_sends_one_post_per_id_in_order_ids_from_stdin_too() {
    let mock = MockGateway::start();
    let run = hec(&["exception", "delete", "block", "700000202", "-"])
        .stdin("700000201\n700000202\n")
        .against(&mock)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "deleted blacklist exception 700000202 (responseCode 204)\n\
         deleted blacklist exception 700000201 (responseCode 204)\n"
    );
    let posts: Vec<String> = mock
        .requests_to(&format!("{API}/exceptions/blacklist/delete/"))
        .iter()
        .map(|request| format!("{} {}", request.method, request.path))
        .collect();
    assert_eq!(
        posts,
        [
            format!("POST {API}/exceptions/blacklist/delete/700000202"),
            format!("POST {API}/exceptions/blacklist/delete/700000201")
        ]
    );
    assert!(
        mock.requests_to(&format!("{API}/exceptions/blacklist/delete/")).iter().all(|r| r.body.is_empty())
    );
    let run = hec(&["exception", "list", "block", "-o", "ids"]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
}

#[test]
fn a_refused_delete_stops_there_and_names_what_was_not_sent() {
    let mock = MockGateway::start();
    let run =
        hec(&["exception", "delete", "allow", "700000101", "700000999", "700000102"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, "deleted whitelist exception 700000101 (responseCode 204)\n");
    let lines = run.stderr_lines();
    assert!(lines[0].starts_with(r#"error: the API reported a failure (HTTP 200, responseCode 422, "exception not found: 700000999""#), "{run:?}");
    assert_eq!(
        lines[1..],
        ["error: 1 write after it was not sent:", "error:   whitelist exception 700000102"]
    );
    assert!(!run.stderr.contains("may have run"), "{run:?}");
    assert_eq!(mock.requests_to(&format!("{API}/exceptions/whitelist/delete/")).len(), 2);
}

// ---- --dry-run ---------------------------------------------------------------------------

#[test]
fn dry_run_prints_each_request_and_sends_nothing_not_even_a_token_request() {
    let mock = MockGateway::start();
    let run = hec(&[
        "exception",
        "add",
        "allow",
        "--sender-email",
        "a@partner.example",
        "--match",
        "sender-email=exact",
        "--dry-run",
    ])
    .against(&mock)
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "POST {API}/exceptions/whitelist {}\n",
            r#"{"requestData":{"senderEmail":"a@partner.example","senderEmailMatching":"exact","ignoringSpfCheck":false}}"#
        )
    );
    assert_eq!(run.stderr, "dry run: 1 request shown, nothing sent\n");
    let run = hec(&["exception", "delete", "block", "700000201", "700000202", "--dry-run", "-o", "json"])
        .against(&mock)
        .run();
    assert_eq!(
        run.json_lines(),
        [
            json!({"method": "POST", "path": format!("{API}/exceptions/blacklist/delete/700000201"), "body": null}),
            json!({"method": "POST", "path": format!("{API}/exceptions/blacklist/delete/700000202"), "body": null}),
        ]
    );
    let run = hec(&["exception", "update", "spam-allow", "700000301", "--subject", "News", "--dry-run"])
        .against(&mock)
        .run();
    assert_eq!(
        run.stdout,
        format!(
            r#"PUT {API}/exceptions/spam_whitelist/700000301 {{"requestData":{{"subject":"News","ignoringSpfCheck":false}}}}"#
        ) + "\n"
    );
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
    assert_eq!(mock.tokens_issued(), 0);
}

// ---- the write rule -------------------------------------------------------------------------

#[test]
fn a_write_that_may_have_run_is_reported_exits_5_and_is_not_sent_again() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(format!("{API}/exceptions/whitelist/700000101")).always().then(Fault::status(503)),
    );
    let run = hec(&["exception", "update", "allow", "700000101", "--subject", "x"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stdout.is_empty(), "{run:?}");
    let lines = run.stderr_lines();
    assert!(
        lines[0].starts_with("error: the action may or may not have run (server error (HTTP 503"),
        "{run:?}"
    );
    assert_eq!(
        lines[1..],
        [
            "error: the update of whitelist exception 700000101 may have run; hec did not send it again.",
            "error: Check before sending it again: `hec exception list whitelist` shows the list as it is now",
        ]
    );
    assert_eq!(mock.requests_to(&format!("{API}/exceptions/whitelist/700000101")).len(), 1, "sent once");
}

#[test]
fn a_delete_that_may_have_run_names_the_ids_not_sent_in_json() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(format!("{API}/exceptions/blacklist/delete/700000202"))
            .always()
            .then(Fault::status(504)),
    );
    let run = hec(&["exception", "delete", "block", "700000201", "700000202", "700000999", "-o", "json"])
        .against(&mock)
        .run();
    assert_eq!(run.code, 5, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines[0]["target"], "blacklist exception 700000201");
    let error = &lines[1]["error"];
    assert_eq!(
        (&error["kind"], &error["mayHaveRun"], &error["target"], &error["notSent"], &error["status"]),
        (
            &json!("server_error"),
            &json!(true),
            &json!("blacklist exception 700000202"),
            &json!(["blacklist exception 700000999"]),
            &json!(504)
        )
    );
    assert_eq!(mock.requests_to(&format!("{API}/exceptions/blacklist/delete/")).len(), 2);
}

#[test]
fn a_write_answered_with_another_success_code_is_done_with_a_warning() {
    let mock = MockGateway::start();
    let path = format!("{API}/exceptions/whitelist/delete/700000101");
    script(&mock, &path, vec![answer("[]", None), answer("[]", None)]);
    let run = hec(&["exception", "delete", "allow", "700000101"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "deleted whitelist exception 700000101 (responseCode 200)\n");
    assert_eq!(
        run.stderr,
        "warning: the service answered the delete of whitelist exception 700000101 with responseCode 200 \
         where 204 is documented; it is taken as done\n"
    );
    let run = hec(&["exception", "delete", "allow", "700000101", "--quiet"]).against(&mock).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
}
