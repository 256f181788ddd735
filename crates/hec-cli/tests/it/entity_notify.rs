//! `hec entity notify ID --to ADDRESS...`: the request sent, each output mode, `{"ok": false}`
//! and other refusals, the no-resend rule, `--dry-run`, and the addresses checked first.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use serde_json::json;

use crate::acts_support::{API, hex_id, script, sent};
use crate::support::{Run, hec};

/// The notification's path below the API prefix.
const NOTIFY: &str = "/soar/notify";

/// A bare `{"ok": ...}` answer, as the service sends it (no envelope).
fn ok(value: &str) -> Fault {
    Fault::status(200).json(format!(r#"{{"ok": {value}}}"#)).into()
}

/// `hec entity notify` with `args` against a mock answering `answers`.
fn notify(args: &[&str], answers: Vec<Fault>) -> (Run, MockGateway) {
    let mock = MockGateway::start();
    script(&mock, &format!("{API}{NOTIFY}"), answers);
    let run = hec(&["entity", "notify"]).args(args).against(&mock).run();
    (run, mock)
}

#[test]
fn the_entity_and_every_address_are_sent_once_and_the_text_names_them() {
    let id = hex_id(1);
    let (run, mock) = notify(
        &[
            &id,
            "--to",
            "ann@acme.example",
            "bob@acme.example",
            "--to",
            "ann@acme.example",
            "--to",
            "cy@acme.example",
        ],
        vec![ok("true")],
    );
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!("notified ann@acme.example, bob@acme.example, cy@acme.example about entity {id}\n")
    );
    assert_eq!(run.stderr, "");
    assert_eq!(
        sent(&mock, NOTIFY),
        [(
            "POST".to_owned(),
            json!({"requestData": {"entityId": id, "emails": ["ann@acme.example", "bob@acme.example", "cy@acme.example"]}})
        )]
    );
}

#[test]
fn json_and_ids_outputs() {
    let id = hex_id(2);
    let (run, _mock) = notify(&[&id, "--to", "ann@acme.example", "-o", "json"], vec![ok("true")]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.json_lines(), [json!({"entityId": id, "emails": ["ann@acme.example"], "ok": true})]);
    let (run, _mock) = notify(&[&id, "--to", "ann@acme.example", "-o", "ids"], vec![ok("true")]);
    assert_eq!((run.code, run.stdout), (0, format!("{id}\n")));
}

#[test]
fn ok_false_exits_4_says_what_to_check_and_is_not_sent_again() {
    let id = hex_id(3);
    let (run, mock) = notify(&[&id, "--to", "ann@acme.example"], vec![ok("false")]);
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(sent(&mock, NOTIFY).len(), 1);
    let requests = mock.requests_to(&format!("{API}{NOTIFY}"));
    let request_id = requests[0].header("x-av-req-id").expect("a request id");
    assert_eq!(
        run.stderr,
        format!(
            "error: the service refused the notification about entity {id} (HTTP 200, request id {request_id}, \
             body: {{\"ok\": false}}); check the entity id, that the API key belongs to the tenant and region \
             that holds it, and that each address is a valid recipient\n"
        )
    );
    let (run, _mock) = notify(&[&id, "--to", "ann@acme.example", "-o", "json"], vec![ok("false")]);
    assert_eq!(run.code, 4, "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(error["kind"], "api_error", "the kind is kept for scripts: {run:?}");
    assert_eq!(error["mayHaveRun"], false);
    let message = error["message"].as_str().unwrap_or_default();
    assert!(message.ends_with("and that each address is a valid recipient"), "{message}");
}

#[test]
fn an_error_envelope_says_what_to_check_too() {
    let id = hex_id(8);
    let refused = Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 422}}"#).into();
    let (run, _mock) = notify(&[&id, "--to", "ann@acme.example"], vec![refused]);
    assert_eq!((run.code, run.stdout.as_str()), (4, ""), "{run:?}");
    assert!(
        run.stderr.starts_with(&format!(
            "error: the service refused the notification about entity {id} (HTTP 200, responseCode 422, "
        )),
        "{run:?}"
    );
    assert!(
        run.stderr.ends_with("; check the entity id, that the API key belongs to the tenant and region that holds it, and that each address is a valid recipient\n"),
        "{run:?}"
    );
}

#[test]
fn an_answer_that_is_not_ok_true_or_false_exits_4() {
    let (run, _mock) = notify(&[&hex_id(4), "--to", "ann@acme.example"], vec![ok(r#""yes""#)]);
    assert_eq!(run.code, 4, "{run:?}");
    let (run, _mock) = notify(&[&hex_id(4), "--to", "ann@acme.example", "-o", "json"], vec![ok("null")]);
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.json_lines()[0]["error"]["kind"], "malformed");
}

#[test]
fn a_5xx_may_have_sent_it_so_it_is_not_sent_again_and_says_so() {
    let id = hex_id(5);
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(format!("{API}{NOTIFY}")).always().then(Fault::status(503)));
    let run = hec(&["entity", "notify", &id, "--to", "ann@acme.example"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert_eq!(sent(&mock, NOTIFY).len(), 1, "never resent");
    assert!(
        run.stderr.contains(&format!(
            "error: the sending of the notification about entity {id} may have run; hec did not send it again.\n"
        )),
        "{run:?}"
    );
}

#[test]
fn dry_run_prints_the_request_and_sends_nothing() {
    let id = hex_id(6);
    let (run, mock) = notify(&[&id, "--to", "ann@acme.example", "--dry-run"], vec![]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "POST /app/hec-api/v1.0/soar/notify {{\"requestData\":{{\"entityId\":\"{id}\",\"emails\":[\"ann@acme.example\"]}}}}\n"
        )
    );
    assert_eq!(run.stderr, "dry run: 1 request shown, nothing sent\n");
    assert!(mock.requests().is_empty(), "not even a token request");
}

#[test]
fn addresses_and_the_id_are_checked_before_any_request() {
    let mock = MockGateway::start();
    for args in [
        vec![hex_id(7), "--to".to_owned(), "not-an-address".to_owned()],
        vec![hex_id(7), "--to".to_owned(), "ann@acme.example\u{1b}[2J".to_owned()],
        vec![hex_id(7)],
        vec!["a/b".to_owned(), "--to".to_owned(), "ann@acme.example".to_owned()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = hec(&["entity", "notify"]).args(&args).against(&mock).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }
    assert!(mock.requests().is_empty());
}

#[test]
fn mock_the_demo_tenant_takes_a_notification() {
    let id = hec_fixtures::mock::demo::CAMPAIGN_ENTITY_IDS[0];
    let run = hec(&["--mock", "entity", "notify", id, "--to", "ann@acme.example"]).run();
    assert_eq!((run.code, run.stdout), (0, format!("notified ann@acme.example about entity {id}\n")));
}
