//! No `log` record of any dependency, at any level, holds the access key or a token. ureq and
//! ureq-proto dump the wire at trace level (hec-blocking's `cap-log-at-debug` feature removes
//! that level from the build); reqwest does only with `connection_verbose`, which hec-async's
//! own `reqwest::Client` leaves off. Re-exported from [`super::scenarios`].

use hec_proto::TaskId;

use super::{Driver, Harness};
use crate::logs::{self, leak};
use crate::mock::{MockGateway, TaskScript, TaskStep};

const KEY: &str = "log-check-access-key-5f1e9a7c3b2d4860";

/// Two token fetches and two task requests, every `log` record captured: the driver's HTTP
/// library logged something ([`Driver::HTTP_LOG_TARGET`]), no record holds a piece of the key or
/// of either token, and a driver that caps `log` at debug ([`Driver::LOG_CAPPED_AT_DEBUG`]) made
/// no trace record.
pub fn no_log_record_at_any_level_holds_the_access_key_or_a_token<D: Driver>(h: &mut Harness<D>) {
    h.replace_mock(MockGateway::builder().credentials("log-check-client", KEY).start());
    h.mock.script_task("42", TaskScript::polls([TaskStep::new("completed")]));
    let client = h.client();
    let id: TaskId = "42".parse().expect("an id");

    let records = logs::capture(|| {
        // A token fetch and a task request, a second token fetch, a task request with it.
        if let Err(error) = client.get_task(&id) {
            panic!("the first task request failed: {}", h.seen(error));
        }
        if let Err(error) = client.check_credentials() {
            panic!("the credentials check failed: {}", h.seen(error));
        }
        if let Err(error) = client.get_task(&id) {
            panic!("the second task request failed: {}", h.seen(error));
        }
    });

    assert!(
        records.iter().any(|record| record.target.starts_with(D::HTTP_LOG_TARGET)),
        "{} logged nothing, so the capture proves nothing: {records:?}",
        D::HTTP_LOG_TARGET
    );
    let tokens: Vec<String> = h
        .mock
        .requests()
        .iter()
        .filter_map(|request| request.header("authorization")?.strip_prefix("Bearer ").map(str::to_owned))
        .collect();
    check_eq!(tokens.len(), 2, "each task request carried a token");
    check_ne!(tokens[0], tokens[1], "the second request carried the second token");
    check_eq!(h.mock.tokens_issued(), 2);
    for secret in [KEY].into_iter().chain(tokens.iter().map(String::as_str)) {
        check_eq!(leak(&records, secret), None, "a log record holds a piece of {secret:?}");
    }
    if D::LOG_CAPPED_AT_DEBUG {
        check_eq!(records.iter().filter(|record| record.level == log::Level::Trace).count(), 0);
    }
}
