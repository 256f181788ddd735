//! `hec scopes`, and the scopes `hec auth check` prints.
//!
//! Tests named `mock_*` run against the demo tenant of `--mock`; the others script a plain mock's
//! answers.

use hec_fixtures::mock::{Fault, FaultRule, MockGateway};

use crate::acts_support::{DEMO_SCOPE, SCOPES, answer, script};
use crate::support::hec;

/// The vendor capture's answer: one scope, and a `recordsNumber` that says 2.
const LIVE: &str = r#"{"responseEnvelope":{"requestId":"r","responseCode":200,"responseText":"","recordsNumber":2},"responseData":["mt-prod-3:prod-3-con-lab44"]}"#;

#[test]
fn scopes_prints_one_per_line_and_json_prints_the_response_data() {
    let mock = MockGateway::start();
    script(&mock, SCOPES, vec![Fault::status(200).json(LIVE).into(), answer(r#"["a:b","c:d"]"#, None)]);
    let run = hec(&["scopes"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "mt-prod-3:prod-3-con-lab44\n", "recordsNumber is not trusted");

    let run = hec(&["scopes", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "[\"a:b\",\"c:d\"]\n");
    assert_eq!(mock.requests_to(SCOPES).len(), 2);
}

#[test]
fn scopes_that_fail_exit_with_their_code() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(SCOPES).always().then(Fault::status(403)));
    let run = hec(&["scopes"]).against(&mock).run();
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(run.stdout, "");
}

#[test]
fn auth_check_says_the_credentials_work_when_listing_the_scopes_fails() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(SCOPES).always().then(Fault::status(404)));
    let run = hec(&["auth", "check"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.ends_with(
            "error: the credentials were accepted, but listing their scopes (GET /scopes) failed\n"
        ),
        "{run:?}"
    );
}

#[test]
fn mock_scopes_is_the_demo_tenant() {
    let run = hec(&["--mock", "scopes"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{DEMO_SCOPE}\n"));
    let run = hec(&["--mock", "scopes", "-o", "json"]).run();
    assert_eq!(run.stdout, format!("[\"{DEMO_SCOPE}\"]\n"));
}

#[test]
fn mock_auth_check_prints_the_scopes() {
    let run = hec(&["--mock", "auth", "check"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.ends_with(&format!("\n  scopes          {DEMO_SCOPE}\n")), "{run:?}");
    let run = hec(&["--mock", "auth", "check", "-o", "json"]).run();
    assert_eq!(run.json_lines()[0]["scopes"], serde_json::json!([DEMO_SCOPE]));
}
