//! `hec entity report ID... --as CLASS [--confidence LEVEL]`: the request sent (the API's
//! `classification` and `confident` values), batches of 100, each output mode (a line per
//! entity, an object per request, the reported ids), a refusal, the no-resend rule and
//! `--dry-run`.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use serde_json::json;

use crate::acts_support::{API, answer, hex_id, refusal, script, sent};
use crate::support::{Run, hec};

/// The report's path below the API prefix.
const REPORT: &str = "/report/mis-classification";

/// `hec entity report` with `args` (and `stdin`) against a mock answering `answers`.
fn report(args: &[&str], stdin: &str, answers: Vec<Fault>) -> (Run, MockGateway) {
    let mock = MockGateway::start();
    script(&mock, &format!("{API}{REPORT}"), answers);
    let run = hec(&["entity", "report"]).args(args).stdin(stdin).against(&mock).run();
    (run, mock)
}

/// A report's answer whose envelope echoes `request_id` (made up).
fn echoing(request_id: &str) -> Fault {
    Fault::status(200)
        .json(format!(
            r#"{{"responseEnvelope":{{"requestId":"{request_id}","responseCode":200}},"responseData":[]}}"#
        ))
        .into()
}

#[test]
fn each_class_and_confidence_is_sent_in_the_apis_words() {
    let (a, b) = (hex_id(1), hex_id(2));
    for (class, level, classification, confident) in [
        ("clean", "not-so-sure", "clean", "not_so_sure"),
        ("spam", "medium", "spam", "medium"),
        ("phishing", "very", "phishing", "very"),
        ("marketing", "very", "marketing_email", "very"),
    ] {
        let (run, mock) =
            report(&[&a, &b, "--as", class, "--confidence", level], "", vec![answer("[]", None)]);
        assert_eq!(run.code, 0, "{run:?}");
        assert_eq!(
            sent(&mock, REPORT),
            [(
                "POST".to_owned(),
                json!({"requestData": {"entityIds": [a, b], "classification": classification, "confident": confident}})
            )]
        );
        assert_eq!(
            run.stdout,
            format!(
                "reported entity {a} as {classification}, confidence {confident}\n\
                 reported entity {b} as {classification}, confidence {confident}\n"
            )
        );
    }
}

#[test]
fn without_confidence_none_is_sent() {
    let id = hex_id(3);
    let (run, mock) = report(&[&id, "--as", "spam"], "", vec![answer("[]", None)]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        sent(&mock, REPORT),
        [("POST".to_owned(), json!({"requestData": {"entityIds": [id], "classification": "spam"}}))]
    );
    assert_eq!(run.stdout, format!("reported entity {id} as spam\n"));
}

#[test]
fn ids_from_stdin_go_in_batches_of_100_and_json_prints_one_object_each() {
    let ids: Vec<String> = (0..150).map(hex_id).collect();
    let (run, mock) = report(
        &["-", "--as", "phishing", "-o", "json"],
        &ids.join("\n"),
        vec![echoing("req-1"), echoing("req-2")],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let bodies = sent(&mock, REPORT);
    assert_eq!(bodies.len(), 2);
    assert_eq!(bodies[0].1["requestData"]["entityIds"], json!(ids[..100]));
    assert_eq!(bodies[1].1["requestData"]["entityIds"], json!(ids[100..]));
    let lines = run.json_lines();
    assert_eq!(
        lines,
        [
            json!({"action": "report", "entityIds": ids[..100], "classification": "phishing", "confidence": null,
                   "status": 200, "responseCode": 200, "requestId": "req-1"}),
            json!({"action": "report", "entityIds": ids[100..], "classification": "phishing", "confidence": null,
                   "status": 200, "responseCode": 200, "requestId": "req-2"}),
        ]
    );
}

#[test]
fn json_names_the_confidence_and_ids_prints_every_reported_id() {
    let (a, b) = (hex_id(4), hex_id(5));
    let (run, _mock) = report(
        &[&a, &b, "--as", "marketing", "--confidence", "very", "-o", "json"],
        "",
        vec![answer("[]", None)],
    );
    assert_eq!(run.code, 0, "{run:?}");
    let lines = run.json_lines();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert_eq!(lines[0]["entityIds"], json!([a, b]));
    assert_eq!(lines[0]["classification"], "marketing_email");
    assert_eq!(lines[0]["confidence"], "very");
    assert!(lines[0].get("id").is_none(), "a report has no id of its own: {run:?}");
    let ids: Vec<String> = (0..101).map(hex_id).collect();
    let (run, _mock) = report(
        &["-", "--as", "spam", "-o", "ids"],
        &ids.join("\n"),
        vec![answer("[]", None), answer("[]", None)],
    );
    assert_eq!((run.code, run.stdout), (0, format!("{}\n", ids.join("\n"))));
}

#[test]
fn a_refusal_exits_4_and_the_batches_after_it_are_not_sent() {
    let ids: Vec<String> = (0..101).map(hex_id).collect();
    let (run, mock) = report(&["-", "--as", "clean"], &ids.join("\n"), vec![refusal()]);
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(sent(&mock, REPORT).len(), 1);
    assert!(!run.stderr.contains("may have run"), "{run:?}");
    assert!(
        run.stderr.contains(&format!(
            "error: 1 write after it was not sent:\nerror:   entity {} as clean\n",
            ids[100]
        )),
        "{run:?}"
    );
}

#[test]
fn a_timeout_or_5xx_is_not_sent_again() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(format!("{API}{REPORT}")).always().then(Fault::status(502)));
    let run = hec(&["entity", "report", &hex_id(1), "--as", "spam"]).against(&mock).run();
    assert_eq!(run.code, 5, "{run:?}");
    assert_eq!(sent(&mock, REPORT).len(), 1);
    assert!(run.stderr.contains("may have run; hec did not send it again."), "{run:?}");
}

#[test]
fn dry_run_sends_nothing_and_bad_input_exits_2_first() {
    let id = hex_id(1);
    let (run, mock) = report(&[&id, "--as", "marketing", "--confidence", "medium", "--dry-run"], "", vec![]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "POST /app/hec-api/v1.0/report/mis-classification {{\"requestData\":{{\"entityIds\":[\"{id}\"],\"classification\":\"marketing_email\",\"confident\":\"medium\"}}}}\n"
        )
    );
    assert!(mock.requests().is_empty());
    for args in [
        vec![id.as_str(), "--as", "ham"],
        vec![id.as_str()],
        vec![id.as_str(), "--as", "spam", "--confidence", "not_so_sure"],
        vec!["a?b", "--as", "spam"],
    ] {
        let run = hec(&["entity", "report"]).args(&args).against(&mock).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }
    assert!(mock.requests().is_empty());
}

#[test]
fn mock_the_demo_tenant_takes_a_report() {
    let id = hec_fixtures::mock::demo::CAMPAIGN_ENTITY_IDS[0];
    let run = hec(&["--mock", "entity", "report", id, "--as", "phishing", "--confidence", "very"]).run();
    assert_eq!((run.code, run.stdout), (0, format!("reported entity {id} as phishing, confidence very\n")));
}

#[test]
fn the_demo_takes_a_report_without_confidence_as_the_readme_writes_it() {
    let id = hec_fixtures::mock::demo::CAMPAIGN_ENTITY_IDS[0];
    let run = hec(&["--mock", "entity", "report", id, "--as", "spam"]).run();
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, format!("reported entity {id} as spam\n").as_str(), ""),
        "{run:?}"
    );
}
