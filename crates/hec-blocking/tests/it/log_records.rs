//! No `log` record of any dependency, at any level, holds the access key or a token: ureq and
//! ureq-proto dump the wire at trace level, and the `cap-log-at-debug` feature (on by default)
//! removes that level from the build.

use hec_blocking::{Client, Credentials};
use hec_fixtures::logs::{self, leak};
use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

const KEY: &str = "log-check-access-key-5f1e9a7c3b2d4860";

#[test]
fn no_log_record_at_any_level_holds_the_access_key_or_a_token() {
    let mock = MockGateway::builder().credentials("log-check-client", KEY).start();
    mock.script_task("42", TaskScript::polls([TaskStep::new("completed")]));
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(mock.base_url().parse().expect("the mock's URL"))
            .credentials(Credentials::new("log-check-client", KEY)),
    )
    .expect("a client");

    let records = logs::capture(|| {
        // A token fetch and a task request, a second token fetch, a task request with it.
        client.get_task(&"42".parse().expect("an id")).expect("the task");
        client.check_credentials().expect("the credentials work");
        client.get_task(&"42".parse().expect("an id")).expect("the task");
    });

    assert!(
        records.iter().any(|record| record.target.starts_with("ureq")),
        "ureq logged nothing, so the capture proves nothing: {records:?}"
    );
    let tokens: Vec<String> = mock
        .requests()
        .iter()
        .filter_map(|request| request.header("authorization")?.strip_prefix("Bearer ").map(str::to_owned))
        .collect();
    assert_eq!(tokens.len(), 2, "each task request carried a token");
    assert_ne!(tokens[0], tokens[1], "the second request carried the second token");
    assert_eq!(mock.tokens_issued(), 2);
    for secret in [KEY].into_iter().chain(tokens.iter().map(String::as_str)) {
        assert_eq!(leak(&records, secret), None, "a log record holds a piece of {secret:?}");
    }
    assert_eq!(records.iter().filter(|record| record.level == log::Level::Trace).count(), 0);
}
