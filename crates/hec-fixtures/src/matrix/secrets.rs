//! Scenarios of a gateway that echoes the secrets a client holds: every error a driver returns
//! has them redacted, whatever key, text or encoding they came back in.

use std::time::Duration;

use hec_proto::policy::{TokenSource, WaitEvent};
use hec_proto::redact::REDACTED;
use hec_proto::{AccessToken, Error, ResponseErrorKind};

use super::scenarios::{ID, completed, id, on_tasks};
use super::{Driver, Harness, TASK_PATH};
use crate::mock::{Fault, FaultRule, TaskScript, TaskStep};

/// The kind of a response error, if it is one (through retries).
fn kind(error: &Error) -> Option<ResponseErrorKind> {
    error.response_error().map(hec_proto::ResponseError::kind)
}

/// Checks that `error` is of `expected` kind, and that neither its Display nor its Debug holds
/// any of `spellings`, while its Debug (which shows every field) shows that something was
/// redacted.
fn assert_redacted<D: Driver>(
    h: &mut Harness<D>,
    error: Error,
    expected: ResponseErrorKind,
    spellings: &[&str],
) {
    let error = h.seen(error);
    check_eq!(kind(&error), Some(expected), "{error:?}");
    let (display, debug) = (error.to_string(), format!("{error:?}"));
    for printed in [&display, &debug] {
        for spelling in spellings {
            assert!(!printed.contains(spelling), "the error shows {spelling:?}: {printed}");
        }
    }
    assert!(debug.contains(REDACTED), "the error's Debug: expected {REDACTED} in it, got {debug}");
}

/// The bearer token of the last task request the mock saw.
fn last_bearer<D>(h: &Harness<D>) -> String {
    let requests = h.mock.requests_to(TASK_PATH);
    let header = requests.last().and_then(|request| request.header("authorization"));
    header
        .and_then(|value| value.strip_prefix("Bearer "))
        .expect("a task request with a bearer token")
        .to_owned()
}

/// The token the client holds, echoed under any key, in any text (a 5xx's body, another key
/// than `token`, the envelope's texts and request id, a malformed field) and in a redirect's
/// `Location`, is redacted from every error.
pub fn an_echoed_token_is_redacted_from_every_error<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let client = h.client();
    if let Err(error) = client.get_task(&id()) {
        panic!("expected the task, got: {}", h.seen(error));
    }
    let token = last_bearer(h);
    let envelope = format!(
        r#"{{"responseEnvelope": {{"requestId": "{token}", "responseCode": 422,
             "responseText": "token {token} refused", "additionalText": "Bearer {token}"}}, "responseData": []}}"#
    );
    let malformed = format!(
        r#"{{"responseEnvelope": {{"responseCode": 200}}, "responseData": {{"id": 1, "progress": "{token}"}}}}"#
    );
    let cases: [(Fault, ResponseErrorKind); 6] = [
        (
            Fault::status(500).json(format!(r#"{{"seen": "Bearer {token}"}}"#)).into(),
            ResponseErrorKind::ServerError,
        ),
        (
            Fault::status(400).json(format!(r#"{{"access_token": "{token}"}}"#)).into(),
            ResponseErrorKind::HttpStatus,
        ),
        (Fault::status(404).json(format!(r#"{{"data": "{token}"}}"#)).into(), ResponseErrorKind::NotFound),
        (Fault::status(200).json(envelope).into(), ResponseErrorKind::TaskNotFound),
        (Fault::status(200).json(malformed).into(), ResponseErrorKind::Malformed),
        (
            Fault::redirect(302, format!("https://elsewhere.example/back?token={token}")),
            ResponseErrorKind::Redirect,
        ),
    ];
    for (fault, expected) in cases {
        h.mock.fault(on_tasks().then(fault));
        let error = match client.get_task(&id()) {
            Ok(answer) => panic!("expected {expected}, got {answer:?}"),
            Err(error) => error,
        };
        assert_redacted(h, error, expected, &[&token]);
    }
    check_eq!((h.token_requests(), h.task_requests()), (1, 7));
}

/// The access key, echoed by the token endpoint (in a 401's text, inside an echo of the request
/// body, in a success without a token, in a whole echo of the request), is redacted from every
/// error.
pub fn an_echoed_access_key_is_redacted_from_every_error<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let key = h.mock.access_key().to_owned();
    let request = format!(r#"{{\"clientId\":\"{}\", \"accessKey\": \"{key}\"}}"#, h.mock.client_id());
    let cases: [(Fault, ResponseErrorKind); 4] = [
        (
            Fault::status(401).body(format!("access-key {key} is not valid")).into(),
            ResponseErrorKind::BadCredentials,
        ),
        (
            Fault::status(400).json(format!(r#"{{"data": "{request}"}}"#)).into(),
            ResponseErrorKind::HttpStatus,
        ),
        (
            Fault::status(200)
                .json(format!(r#"{{"success": true, "data": {{"expiresIn": 1800, "seen": "{key}"}}}}"#))
                .into(),
            ResponseErrorKind::Malformed,
        ),
        (Fault::echo(500), ResponseErrorKind::ServerError),
    ];
    for (fault, expected) in cases {
        h.mock.fault(FaultRule::on_path(hec_proto::endpoint::AUTH_PATH).then(fault));
        let client = h.client();
        let error = match client.get_task(&id()) {
            Ok(answer) => panic!("expected {expected}, got {answer:?}"),
            Err(error) => error,
        };
        assert_redacted(h, error, expected, &[&key]);
    }
    check_eq!((h.token_requests(), h.task_requests()), (4, 0));
}

/// A gateway that answers 401 with an echo of each request (its `Authorization` header
/// included): the token is refreshed once, and the final error holds neither token.
pub fn a_gateway_echoing_each_request_on_401_shows_no_token<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.mock.fault(on_tasks().always().then(Fault::echo(401)));
    let client = h.client();
    let error = match client.get_task(&id()) {
        Ok(answer) => panic!("expected an authentication error, got {answer:?}"),
        Err(error) => error,
    };
    let tokens: Vec<String> = h
        .mock
        .requests_to(TASK_PATH)
        .iter()
        .filter_map(|request| request.header("authorization")?.strip_prefix("Bearer ").map(str::to_owned))
        .collect();
    check_eq!(tokens.len(), 2, "one refresh, then a second try");
    check_ne!(tokens[0], tokens[1]);
    let spellings: Vec<&str> = tokens.iter().map(String::as_str).collect();
    assert_redacted(h, error, ResponseErrorKind::Unauthorized, &spellings);
    check_eq!((h.token_requests(), h.task_requests()), (2, 2));
}

/// A caller's static token with `/`, `+` and `=`, echoed JSON-escaped (`\/`) in a body and
/// percent-encoded in a redirect's `Location`, is redacted from both errors.
pub fn a_static_token_echoed_escaped_or_encoded_is_redacted<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let token = "static/token+value==";
    h.config.auth = Some(TokenSource::Static(AccessToken::new(token)));
    let client = h.client();
    let spellings = [token, r"static\/token+value==", "static%2Ftoken%2Bvalue%3D%3D"];
    let cases = [
        (
            Fault::from(Fault::status(500).json(r#"{"seen": "static\/token+value=="}"#)),
            ResponseErrorKind::ServerError,
        ),
        (
            Fault::redirect(307, "https://elsewhere.example/?t=static%2Ftoken%2Bvalue%3D%3D"),
            ResponseErrorKind::Redirect,
        ),
    ];
    for (fault, expected) in cases {
        h.mock.fault(on_tasks().then(fault));
        let error = match client.get_task(&id()) {
            Ok(answer) => panic!("expected {expected}, got {answer:?}"),
            Err(error) => error,
        };
        assert_redacted(h, error, expected, &spellings);
    }
    check_eq!((h.token_requests(), h.task_requests()), (0, 2));
}

/// A task whose status is the access key, and never ends: the timeout the wait set makes from
/// the last task it saw (no call of the driver returned it) has the key redacted, from the
/// one-task wait and from the many-task wait, while the updates keep the status as it came.
pub fn a_timed_out_wait_has_an_echoed_access_key_redacted<D: Driver>(h: &mut Harness<D>) {
    let key = h.mock.access_key().to_owned();
    h.mock.script_task(ID, TaskScript::polls([TaskStep::new(key.as_str())]));
    h.config.wait = h.config.wait.clone().with_timeout(Duration::from_millis(100));
    let client = h.client();
    let check = |h: &mut Harness<D>, outcome: Result<hec_proto::Task, Error>| {
        let error = h.seen(outcome.expect_err("a task that never ends times out"));
        let (display, debug) = (error.to_string(), format!("{error:?}"));
        assert!(
            matches!(error, Error::WaitTimedOut { last_task: Some(_), .. }),
            "expected WaitTimedOut with the last task, got {debug}"
        );
        assert!(
            display.ends_with(&format!("last status: {REDACTED})")),
            "the error: expected it to end with \"last status: {REDACTED})\", got {display}"
        );
        assert!(!debug.contains(&key), "the error's Debug: expected no access key, got {debug}");
    };
    let mut statuses = Vec::new();
    let outcome = client.wait_for_task(&id(), &mut |update| statuses.extend(update.task.status.clone()));
    check(h, outcome);
    check_eq!(statuses.iter().map(|status| status.as_str()).collect::<Vec<_>>(), [key.as_str()]);
    let mut outcomes = Vec::new();
    client.wait_for_tasks(&[id()], &mut |event| {
        if let WaitEvent::Finished { outcome, .. } = event {
            outcomes.push(outcome);
        }
    });
    check_eq!(outcomes.len(), 1);
    check(h, outcomes.remove(0));
}

/// A token endpoint that issues a token too short to be one (`"`, `0`, `e`) or holding a
/// character a bearer token does not (non-ASCII, a space): a malformed token answer (category
/// Api), not a transport or configuration failure; not retried, and no task request is sent
/// with it.
pub fn an_unusable_token_is_a_malformed_token_answer<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let tokens = [r#"\""#, "0", "e", "tok-0123456789abcdé", "tok 0123456789abcdef"];
    for (n, token) in tokens.into_iter().enumerate() {
        let body = format!(r#"{{"success": true, "data": {{"token": "{token}", "expiresIn": 1800}}}}"#);
        h.mock.fault(FaultRule::on_path(hec_proto::endpoint::AUTH_PATH).then(Fault::status(200).json(body)));
        let client = h.client();
        let error = match client.get_task(&id()) {
            Ok(answer) => panic!("expected a malformed token answer for {token:?}, got {answer:?}"),
            Err(error) => h.seen(error),
        };
        check_eq!(kind(&error), Some(ResponseErrorKind::Malformed), "{token:?}: {error:?}");
        check_eq!(error.category(), hec_proto::ErrorCategory::Api, "{token:?}");
        let Some(hec_proto::ResponseError::Malformed { path, .. }) = error.response_error() else {
            panic!("{token:?}: {error:?}");
        };
        check_eq!(path, "data.token");
        check_eq!((h.token_requests(), h.task_requests()), (n + 1, 0), "{token:?}");
    }
}
