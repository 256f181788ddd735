//! The notes on stderr that say what a command did not do: a `--dry-run` skips `--wait`, `--mock`
//! ignores the gateway options, a search found nothing.

use hec_fixtures::mock::MockGateway;

use crate::acts_support::{SEARCH, answer, hex_id, script};
use crate::support::hec;

#[test]
fn a_dry_run_says_that_it_skips_the_wait() {
    let mock = MockGateway::start();
    let run = hec(&["event", "dismiss", "e-1", "--dry-run", "--wait"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr,
        "dry run: 1 request shown, nothing sent\n\
         dry run: --wait skipped (nothing was sent, so there is no task to wait for)\n"
    );
    assert!(mock.requests().is_empty());

    let without_wait = hec(&["entity", "restore", &hex_id(1), "--dry-run"]).against(&mock).run();
    assert_eq!(without_wait.stderr, "dry run: 1 request shown, nothing sent\n", "{without_wait:?}");
}

#[test]
fn mock_says_the_gateway_options_given_are_ignored() {
    let run = hec(&["--mock", "--region", "eu", "scopes"]).run();
    assert_eq!((run.code, run.stdout.as_str()), (0, "mock-farm:demo-tenant\n"), "{run:?}");
    assert_eq!(run.stderr, "note: --mock runs against the embedded mock gateway: --region is ignored\n");

    let both = hec(&["scopes", "--mock", "--region", "eu", "--base-url", "http://127.0.0.1:9"]).run();
    assert_eq!(
        (both.code, both.stderr.as_str()),
        (0, "note: --mock runs against the embedded mock gateway: --region and --base-url are ignored\n"),
        "{both:?}"
    );

    let quiet = hec(&["--mock", "--region", "eu", "-q", "scopes"]).run();
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""), "{quiet:?}");
    let from_environment = hec(&["--mock", "scopes"]).env("HEC_REGION", "eu").run();
    assert_eq!((from_environment.code, from_environment.stderr.as_str()), (0, ""), "{from_environment:?}");
}

#[test]
fn a_search_that_finds_nothing_says_so_on_stderr_in_text_only() {
    for (output, note) in [("text", "note: no entities found\n"), ("json", ""), ("ids", "")] {
        let mock = MockGateway::start();
        script(&mock, SEARCH, vec![answer("[]", Some(r#""""#))]);
        let run = hec(&["entity", "search", "--since", "1d", "-o", output]).against(&mock).run();
        assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "", note), "{output}: {run:?}");
    }
}

#[test]
fn an_event_search_that_finds_nothing_says_so_too() {
    let run = hec(&["--mock", "event", "search", "--since", "1d", "--type", "no-such-type"]).run();
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (0, "", "note: no events found\n"),
        "{run:?}"
    );
}
