//! Usage and configuration errors: exit 2, a message that says what to fix, and no request sent.

use hec_fixtures::mock::MockGateway;

use crate::support::hec;

#[test]
fn a_task_id_that_would_change_the_path_is_refused_before_any_request() {
    let mock = MockGateway::start();
    for bad in ["../scopes", "1?x=1", "a/b", "%2e%2e"] {
        for command in [&["task", "get", bad][..], &["task", "wait", bad, "--interval", "10ms"]] {
            let run = hec(command).against(&mock).run();
            assert_eq!(run.code, 2, "{bad}: {run:?}");
            assert!(run.stderr.starts_with("error: invalid task id"), "{bad}: {run:?}");
            assert_eq!(run.stdout, "");
        }
        let run = hec(&["task", "wait", "-", "--interval", "10ms"])
            .stdin(&format!("1\n{bad}\n"))
            .against(&mock)
            .run();
        assert_eq!(run.code, 2, "{bad} on stdin: {run:?}");
    }
    assert!(mock.requests().is_empty(), "{:?}", mock.requests());
}

#[test]
fn missing_credentials_exit_2_and_name_the_variables() {
    let mock = MockGateway::start();
    let run = hec(&["task", "get", "7", "--base-url", &mock.base_url()]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("HEC_CLIENT_ID") && run.stderr.contains("HEC_ACCESS_KEY"), "{run:?}");
    let run =
        hec(&["task", "get", "7", "--base-url", &mock.base_url()]).env("HEC_CLIENT_ID", "someone").run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        "error: no credentials: set HEC_CLIENT_ID and HEC_ACCESS_KEY (or use --client-id and \
         --access-key-file); or name a profile of the config file with --profile (or default_profile; \
         see `hec profiles`); missing: HEC_ACCESS_KEY\n"
    );
    assert!(mock.requests().is_empty());
}

#[test]
fn missing_gateway_and_credentials_name_the_profiles_as_the_other_way() {
    let run = hec(&["scopes"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert!(lines[0].starts_with("error: no gateway: set HEC_REGION (or --region) to one of "), "{run:?}");
    assert!(lines[1].starts_with("error: no credentials: set HEC_CLIENT_ID and HEC_ACCESS_KEY "), "{run:?}");
    for line in lines {
        assert!(
            line.contains("; or name a profile of the config file with --profile (or default_profile; see `hec profiles`)"),
            "{line}"
        );
    }
}

#[test]
fn missing_gateway_and_credentials_are_reported_together_in_json_too() {
    let run = hec(&["auth", "check", "-o", "json"]).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("HEC_REGION") && run.stderr.contains("HEC_CLIENT_ID"), "{run:?}");
    let error = &run.json_lines()[0]["error"];
    assert_eq!(error["kind"], "config");
    assert_eq!(error["status"], serde_json::Value::Null);
}

#[test]
fn an_unknown_region_exits_2() {
    let run = hec(&["task", "get", "7", "--region", "mars"])
        .env("HEC_CLIENT_ID", "id")
        .access_key("k-1234567")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("unknown region \"mars\""), "{run:?}");
}

#[test]
fn plain_http_to_a_host_other_than_loopback_exits_2() {
    let run = hec(&["task", "get", "7", "--base-url", "http://gw.example.com"])
        .env("HEC_CLIENT_ID", "id")
        .access_key("k-1234567")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("loopback"), "{run:?}");
}

#[test]
fn a_region_and_a_base_url_together_exit_2() {
    let run = hec(&["task", "get", "7", "--region", "eu", "--base-url", "https://gw.example.com"])
        .env("HEC_CLIENT_ID", "id")
        .access_key("k-1234567")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    let run = hec(&["task", "get", "7"])
        .env("HEC_REGION", "eu")
        .env("HEC_BASE_URL", "https://gw.example.com")
        .env("HEC_CLIENT_ID", "id")
        .access_key("k-1234567")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("both HEC_REGION and HEC_BASE_URL"), "{run:?}");
}

#[test]
fn clap_usage_errors_exit_2() {
    for args in [
        &["task"][..],
        &["task", "wait"],
        &["task", "get", "1", "2"],
        &["task", "wait", "1", "--interval", "soon"],
        &["task", "wait", "1", "--timeout", "0s"],
        &["--output", "yaml", "regions"],
        &["no-such-command"],
    ] {
        let run = hec(args).run();
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
    }
}

#[test]
fn help_documents_the_exit_codes() {
    let run = hec(&["--help"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    for code in [
        "0  success",
        "1  a task ended",
        "2  usage",
        "3  authentication",
        "4  the API",
        "5  the service",
        "6  `task wait` timed out",
    ] {
        assert!(run.stdout.contains(code), "{code:?} missing from --help:\n{}", run.stdout);
    }
}

#[test]
fn exit_4_covers_an_answer_hec_refuses_in_the_help_and_the_readme() {
    let run = hec(&["--help"]).run();
    assert!(
        run.stdout.contains(
            "  4  the API answered, but not with success, or with an answer hec refuses (an error code, a\n     \
             task not found, 404, a response that does not parse, a download past --max-size)\n"
        ),
        "{run:?}"
    );
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md"))
        .expect("the README is readable");
    assert!(
        readme.contains(
            "\n| 4 | the API answered, but not with success, or with an answer hec refuses: an error \
             `responseCode`, a task not found (`task_not_found`), 404, a response that does not parse or \
             holds no task, a download past `--max-size` |\n"
        ),
        "the README's exit-code table"
    );
}
