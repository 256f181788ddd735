//! No `log` record of any dependency, at any level, holds the access key or a token: reqwest
//! dumps the wire at trace level only with `connection_verbose`, which the client's own
//! `reqwest::Client` leaves off.

use hec_async::{Client, Credentials};
use hec_fixtures::logs::{self, leak};
use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

const KEY: &str = "log-check-access-key-5f1e9a7c3b2d4860";

#[test]
fn no_log_record_at_any_level_holds_the_access_key_or_a_token() {
    let mock = MockGateway::builder().credentials("log-check-client", KEY).start();
    mock.script_task("42", TaskScript::polls([TaskStep::new("completed")]));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    let records = logs::capture(|| {
        runtime.block_on(async {
            let client = Client::from_config(
                hec_async::ClientConfig::new()
                    .base_url(mock.base_url().parse().expect("the mock's URL"))
                    .credentials(Credentials::new("log-check-client", KEY)),
            )
            .expect("a client");
            // A token fetch and a task request, a second token fetch, a task request with it.
            client.get_task(&"42".parse().expect("an id")).await.expect("the task");
            client.check_credentials().await.expect("the credentials work");
            client.get_task(&"42".parse().expect("an id")).await.expect("the task");
        });
    });

    assert!(
        records.iter().any(|record| record.target.starts_with("reqwest")),
        "reqwest logged nothing, so the capture proves nothing: {records:?}"
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
}
