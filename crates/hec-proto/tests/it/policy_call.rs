//! `Call` and `RetryPolicy`: which failures are tried again, after how long, how often, and when a
//! call gives up, on a virtual clock (`t0` stepped by hand; nothing sleeps).

use std::time::{Duration, Instant};

use crate::support::{fixture_failure, ms, response, task_failure, transport, wall0};
use hec_proto::policy::{Call, Jitter, Next, RetryPolicy};
use hec_proto::{Error, ResponseErrorKind, TransportErrorKind};

/// The jitter seed of every test that needs exact backoff values.
const SEED: u64 = 42;

/// The first `N` fractions `Jitter::from_seed(seed)` yields: what a call with that jitter draws.
fn fractions<const N: usize>(seed: u64) -> [f64; N] {
    let mut jitter = Jitter::from_seed(seed);
    std::array::from_fn(|_| jitter.next_fraction())
}

/// The wait before the second request under the default policy with jitter `SEED`.
fn first_backoff() -> Duration {
    let [fraction] = fractions(SEED);
    RetryPolicy::default().backoff(1, fraction)
}

/// Feeds one failed request back to `call`; it ended at `now`, at the tests' wall-clock time.
fn fail(call: &mut Call, failure: Error, now: Instant) -> Next<()> {
    call.handle_outcome(Err(failure), now, wall0())
}

/// A corpus fixture's error, checked to be the kind and status the test is about.
fn fixture(name: &str, kind: ResponseErrorKind, status: u16) -> Error {
    let failure = fixture_failure(name);
    let error = failure.response_error().expect("a fixture's failure is a response error");
    assert_eq!((error.kind(), error.status().as_u16()), (kind, status), "fixture {name}");
    failure
}

/// A gateway timeout, as an HTML page (no fixture has one).
fn gateway_timeout_504() -> Error {
    let failure = task_failure(&response(504, &[], "<html><h1>504 Gateway Time-out</h1></html>"));
    assert_eq!(failure.kind_name(), "server_error");
    failure
}

fn unavailable_503() -> Error {
    fixture("unavailable-503-html", ResponseErrorKind::ServerError, 503)
}

fn unauthorized_401() -> Error {
    fixture("unauthorized-401", ResponseErrorKind::Unauthorized, 401)
}

/// A 429 whose `Retry-After` is `value`.
fn rate_limited_with_retry_after(value: &str) -> Error {
    let failure =
        task_failure(&response(429, &[("retry-after", value)], r#"{"message":"Too Many Requests"}"#));
    assert_eq!(failure.kind_name(), "rate_limited");
    failure
}

/// The first failure of a fresh default call is retried after the seeded backoff.
fn assert_retried(failure: Error) {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = fail(&mut call, failure, t0);
    assert_eq!(next, Next::Retry { after: first_backoff() });
    assert_eq!(call.attempts(), 1);
}

/// The first failure of a fresh default call ends it with that very failure.
fn assert_fails_at_once(failure: Error) {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = fail(&mut call, failure.clone(), t0);
    assert_eq!(next, Next::Fail(failure));
    assert_eq!(call.attempts(), 1);
}

// --- Success -------------------------------------------------------------------------------------

#[test]
fn a_success_at_once_is_done_after_one_attempt() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = call.handle_outcome(Ok("the task"), t0, wall0());
    assert_eq!(next, Next::Done("the task"));
    assert_eq!(call.attempts(), 1);
}

#[test]
fn a_success_after_one_retry_is_done_after_two_attempts() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let retry = call.handle_outcome::<&str>(Err(unavailable_503()), t0, wall0());
    assert_eq!(retry, Next::Retry { after: first_backoff() });
    let done = call.handle_outcome(Ok("the task"), t0 + first_backoff(), wall0());
    assert_eq!(done, Next::Done("the task"));
    assert_eq!(call.attempts(), 2);
}

// --- Transient failures are retried --------------------------------------------------------------

#[test]
fn a_429_without_retry_after_is_retried_after_the_backoff() {
    assert_retried(fixture("rate-limited-no-retry-after", ResponseErrorKind::RateLimited, 429));
}

#[test]
fn a_502_is_retried() {
    assert_retried(fixture("bad-gateway-502-html", ResponseErrorKind::ServerError, 502));
}

#[test]
fn a_503_is_retried() {
    assert_retried(unavailable_503());
}

#[test]
fn a_504_is_retried() {
    assert_retried(gateway_timeout_504());
}

#[test]
fn a_connection_failure_is_retried() {
    assert_retried(transport(TransportErrorKind::Connect));
}

#[test]
fn a_timeout_is_retried() {
    assert_retried(transport(TransportErrorKind::Timeout));
}

#[test]
fn an_interrupted_response_is_retried() {
    assert_retried(transport(TransportErrorKind::Interrupted));
}

// --- Other failures end the call at once ---------------------------------------------------------

#[test]
fn a_500_fails_at_once() {
    assert_fails_at_once(fixture("server-error-500-envelope", ResponseErrorKind::ServerError, 500));
}

#[test]
fn a_400_fails_at_once() {
    assert_fails_at_once(fixture("bad-request-400", ResponseErrorKind::HttpStatus, 400));
}

#[test]
fn a_403_fails_at_once() {
    assert_fails_at_once(fixture("forbidden-403", ResponseErrorKind::Forbidden, 403));
}

#[test]
fn a_404_fails_at_once() {
    assert_fails_at_once(fixture("not-found-404", ResponseErrorKind::NotFound, 404));
}

#[test]
fn an_unknown_task_422_inside_a_200_fails_at_once() {
    let failure = fixture("logical-failure-422-in-200", ResponseErrorKind::TaskNotFound, 200);
    assert_eq!(failure.response_error().and_then(|error| error.detail().response_code), Some(422));
    assert_fails_at_once(failure);
}

#[test]
fn a_malformed_response_fails_at_once() {
    assert_fails_at_once(fixture("truncated-json", ResponseErrorKind::Malformed, 200));
}

#[test]
fn a_redirect_fails_at_once() {
    assert_fails_at_once(fixture("redirect-302-other-host", ResponseErrorKind::Redirect, 302));
}

#[test]
fn refused_credentials_fail_at_once() {
    assert_fails_at_once(fixture("token-401", ResponseErrorKind::BadCredentials, 401));
}

#[test]
fn a_body_over_the_limit_fails_at_once() {
    assert_fails_at_once(transport(TransportErrorKind::BodyTooLarge));
}

#[test]
fn a_response_head_over_the_limit_fails_at_once() {
    // Both drivers map their library's "headers too large" to this kind: one decision, here.
    assert_fails_at_once(transport(TransportErrorKind::HeadersTooLarge));
    assert_eq!(transport(TransportErrorKind::HeadersTooLarge).category(), hec_proto::ErrorCategory::Api);
}

#[test]
fn a_tls_failure_fails_at_once() {
    assert_fails_at_once(transport(TransportErrorKind::Tls));
}

#[test]
fn another_transport_failure_fails_at_once() {
    assert_fails_at_once(transport(TransportErrorKind::Other));
}

// --- The attempt limit ---------------------------------------------------------------------------

#[test]
fn the_fourth_transient_failure_gives_up_after_four_attempts() {
    let t0 = Instant::now();
    let policy = RetryPolicy::default().with_jitter_seed(SEED);
    let [f1, f2, f3] = fractions(SEED);
    let (b1, b2, b3) = (policy.backoff(1, f1), policy.backoff(2, f2), policy.backoff(3, f3));
    let mut call = Call::new(&policy, t0);

    assert_eq!(fail(&mut call, unavailable_503(), t0), Next::Retry { after: b1 });
    assert_eq!(fail(&mut call, unavailable_503(), t0 + b1), Next::Retry { after: b2 });
    assert_eq!(fail(&mut call, unavailable_503(), t0 + b1 + b2), Next::Retry { after: b3 });
    assert_eq!(
        fail(&mut call, unavailable_503(), t0 + b1 + b2 + b3),
        Next::Fail(Error::GaveUp {
            attempts: 4,
            elapsed: b1 + b2 + b3,
            deadline_reached: false,
            last: Box::new(unavailable_503()),
        })
    );
}

#[test]
fn the_last_of_mixed_transient_failures_is_the_one_reported() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED).with_max_attempts(2), t0);
    assert!(matches!(fail(&mut call, unavailable_503(), t0), Next::Retry { .. }));
    let last = transport(TransportErrorKind::Timeout);
    assert_eq!(
        fail(&mut call, last.clone(), t0 + ms(100)),
        Next::Fail(Error::GaveUp {
            attempts: 2,
            elapsed: ms(100),
            deadline_reached: false,
            last: Box::new(last),
        })
    );
}

#[test]
fn a_policy_that_never_retries_gives_up_on_the_first_transient_failure() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::never().with_jitter_seed(SEED), t0);
    assert_eq!(
        fail(&mut call, unavailable_503(), t0 + ms(30)),
        Next::Fail(Error::GaveUp {
            attempts: 1,
            elapsed: ms(30),
            deadline_reached: false,
            last: Box::new(unavailable_503()),
        })
    );
}

#[test]
fn an_attempt_limit_below_one_is_raised_to_one() {
    assert_eq!(RetryPolicy::default().with_max_attempts(0).max_attempts(), 1);
}

#[test]
fn the_default_policy_allows_four_attempts_within_two_minutes() {
    let policy = RetryPolicy::default().with_jitter_seed(SEED);
    assert_eq!(
        (policy.max_attempts(), policy.base(), policy.cap(), policy.max_elapsed()),
        (4, ms(250), Duration::from_secs(30), Duration::from_secs(120))
    );
}

// --- Retry-After ---------------------------------------------------------------------------------

#[test]
fn retry_after_in_seconds_is_waited_exactly() {
    let failure = fixture("rate-limited-retry-after-seconds", ResponseErrorKind::RateLimited, 429);
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = fail(&mut call, failure, t0);
    assert_eq!(next, Next::Retry { after: Duration::from_secs(30) });
}

#[test]
fn retry_after_on_a_503_is_honoured_too() {
    let failure = task_failure(&response(503, &[("retry-after", "7")], "<h1>down for maintenance</h1>"));
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = fail(&mut call, failure, t0);
    assert_eq!(next, Next::Retry { after: Duration::from_secs(7) });
}

#[test]
fn retry_after_above_the_backoff_cap_is_still_honoured() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = fail(&mut call, rate_limited_with_retry_after("45"), t0);
    assert_eq!(next, Next::Retry { after: Duration::from_secs(45) });
}

#[test]
fn retry_after_of_zero_retries_at_once() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = fail(&mut call, rate_limited_with_retry_after("0"), t0);
    assert_eq!(next, Next::Retry { after: Duration::ZERO });
}

#[test]
fn a_retry_after_date_is_waited_for_from_the_wall_time_given() {
    // The fixture asks for Thu, 01 Jan 2026 00:02:00 GMT; the request ends at 00:00:30.5.
    let failure = fixture("rate-limited-retry-after-date", ResponseErrorKind::RateLimited, 429);
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let wall = wall0() + Duration::from_millis(30_500);
    let next = call.handle_outcome::<()>(Err(failure), t0, wall);
    assert_eq!(next, Next::Retry { after: Duration::from_millis(89_500) });
}

#[test]
fn a_retry_after_date_past_the_year_9999_is_later_than_any_deadline() {
    let failure = fixture("rate-limited-retry-after-year-9999", ResponseErrorKind::RateLimited, 429);
    let t0 = Instant::now();
    let mut call =
        Call::new(&RetryPolicy::default().with_jitter_seed(SEED).with_max_elapsed(Duration::MAX), t0);
    assert_eq!(
        fail(&mut call, failure.clone(), t0 + ms(5)),
        Next::Fail(Error::GaveUp {
            attempts: 1,
            elapsed: ms(5),
            deadline_reached: true,
            last: Box::new(failure)
        })
    );
}

#[test]
fn a_retry_after_date_already_past_retries_at_once() {
    let failure = fixture("rate-limited-retry-after-date", ResponseErrorKind::RateLimited, 429);
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let wall = wall0() + Duration::from_secs(300);
    let next = call.handle_outcome::<()>(Err(failure), t0, wall);
    assert_eq!(next, Next::Retry { after: Duration::ZERO });
}

#[test]
fn retry_after_past_the_deadline_gives_up_at_once() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0)
        .with_deadline(t0 + Duration::from_secs(20));
    let failure = rate_limited_with_retry_after("30");
    assert_eq!(
        fail(&mut call, failure.clone(), t0 + ms(40)),
        Next::Fail(Error::GaveUp {
            attempts: 1,
            elapsed: ms(40),
            deadline_reached: true,
            last: Box::new(failure),
        })
    );
}

#[test]
fn retry_after_ending_exactly_at_the_deadline_is_waited() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0)
        .with_deadline(t0 + Duration::from_secs(30));
    let next = fail(&mut call, rate_limited_with_retry_after("30"), t0);
    assert_eq!(next, Next::Retry { after: Duration::from_secs(30) });
}

#[test]
fn retry_after_on_the_last_attempt_still_gives_up_on_the_attempt_limit() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::never().with_jitter_seed(SEED), t0);
    let failure = rate_limited_with_retry_after("1");
    assert_eq!(
        fail(&mut call, failure.clone(), t0),
        Next::Fail(Error::GaveUp {
            attempts: 1,
            elapsed: Duration::ZERO,
            deadline_reached: false,
            last: Box::new(failure),
        })
    );
}

// --- The deadline --------------------------------------------------------------------------------

#[test]
fn the_default_deadline_is_two_minutes_after_the_first_request() {
    let t0 = Instant::now();
    assert_eq!(
        Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0).deadline(),
        t0 + Duration::from_secs(120)
    );
}

#[test]
fn the_deadline_follows_the_policys_max_elapsed() {
    let t0 = Instant::now();
    let policy = RetryPolicy::default().with_max_elapsed(Duration::from_secs(7)).with_jitter_seed(SEED);
    assert_eq!(Call::new(&policy, t0).deadline(), t0 + Duration::from_secs(7));
}

#[test]
fn with_deadline_moves_the_deadline_earlier() {
    let t0 = Instant::now();
    let call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0)
        .with_deadline(t0 + Duration::from_secs(10));
    assert_eq!(call.deadline(), t0 + Duration::from_secs(10));
}

#[test]
fn with_deadline_never_moves_the_deadline_later() {
    let t0 = Instant::now();
    let call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0)
        .with_deadline(t0 + Duration::from_secs(300));
    assert_eq!(call.deadline(), t0 + Duration::from_secs(120));
}

#[test]
fn a_backoff_that_would_pass_the_deadline_gives_up_at_once() {
    let t0 = Instant::now();
    let backoff = first_backoff();
    let deadline = t0 + backoff - Duration::from_nanos(1);
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0).with_deadline(deadline);
    assert_eq!(
        fail(&mut call, unavailable_503(), t0),
        Next::Fail(Error::GaveUp {
            attempts: 1,
            elapsed: Duration::ZERO,
            deadline_reached: true,
            last: Box::new(unavailable_503()),
        })
    );
}

#[test]
fn a_backoff_ending_exactly_at_the_deadline_is_waited() {
    let t0 = Instant::now();
    let backoff = first_backoff();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0).with_deadline(t0 + backoff);
    let next = fail(&mut call, unavailable_503(), t0);
    assert_eq!(next, Next::Retry { after: backoff });
}

#[test]
fn a_failure_that_ends_after_the_deadline_gives_up() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let failure = transport(TransportErrorKind::Timeout);
    assert_eq!(
        fail(&mut call, failure.clone(), t0 + Duration::from_secs(121)),
        Next::Fail(Error::GaveUp {
            attempts: 1,
            elapsed: Duration::from_secs(121),
            deadline_reached: true,
            last: Box::new(failure),
        })
    );
}

// --- Calls that are not idempotent ---------------------------------------------------------------

/// A fresh action (not idempotent) under the default policy.
fn action(t0: Instant) -> Call {
    Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0).not_idempotent()
}

/// The first failure of a fresh action ends it after that one attempt with the maybe-ran error.
fn assert_action_may_have_run(failure: Error) {
    let t0 = Instant::now();
    let mut call = action(t0);
    let next = fail(&mut call, failure.clone(), t0 + ms(30));
    assert_eq!(next, Next::Fail(Error::ActionOutcomeUnknown { last: Box::new(failure) }));
    assert_eq!(call.attempts(), 1);
}

/// The first failure of a fresh action ends it at once with that very failure: it did not run.
fn assert_action_fails_as_itself(failure: Error) {
    let t0 = Instant::now();
    let mut call = action(t0);
    let next = fail(&mut call, failure.clone(), t0);
    assert_eq!(next, Next::Fail(failure));
    assert_eq!(call.attempts(), 1);
}

#[test]
fn an_action_that_timed_out_is_not_resent_and_may_have_run() {
    assert_action_may_have_run(transport(TransportErrorKind::Timeout));
}

#[test]
fn an_action_answered_500_is_not_resent_and_may_have_run() {
    assert_action_may_have_run(fixture("server-error-500-envelope", ResponseErrorKind::ServerError, 500));
}

#[test]
fn an_action_answered_502_503_or_504_is_not_resent_and_may_have_run() {
    assert_action_may_have_run(fixture("bad-gateway-502-html", ResponseErrorKind::ServerError, 502));
    assert_action_may_have_run(unavailable_503());
    assert_action_may_have_run(gateway_timeout_504());
}

/// An action answered HTTP 200 with this `responseCode` in its envelope.
fn action_answered_in_200(code: u16) -> Error {
    use hec_proto::endpoint::{ActOnEntities, Endpoint};
    use hec_proto::{EntityAction, RequestId};
    let body = format!(
        r#"{{"responseEnvelope":{{"responseCode":{code},"responseText":"failed"}},"responseData":[]}}"#
    );
    let action =
        ActOnEntities::new(EntityAction::Quarantine, "office365_emails", vec!["e-1".parse().unwrap()]);
    let error = action.parse(&response(200, &[], &body), RequestId::new()).unwrap_err();
    assert_eq!(
        (error.kind(), error.detail().response_code),
        (ResponseErrorKind::ApiError, Some(i64::from(code)))
    );
    Error::Response(error)
}

#[test]
fn an_action_answered_5xx_inside_an_http_200_is_not_resent_and_may_have_run() {
    for code in [500, 503, 599] {
        assert_action_may_have_run(action_answered_in_200(code));
    }
    let error = Error::ActionOutcomeUnknown { last: Box::new(action_answered_in_200(500)) };
    assert!(error.to_string().starts_with("the action may or may not have run (the API reported a failure (HTTP 200, responseCode 500, \"failed\""), "{error}");
}

#[test]
fn an_action_answered_4xx_or_600_inside_an_http_200_fails_as_itself() {
    for code in [400, 422, 499, 600] {
        assert_action_fails_as_itself(action_answered_in_200(code));
    }
}

#[test]
fn an_action_whose_connection_dropped_after_sending_is_not_resent_and_may_have_run() {
    assert_action_may_have_run(transport(TransportErrorKind::Interrupted));
}

#[test]
fn an_action_with_a_malformed_answer_is_not_resent_and_may_have_run() {
    assert_action_may_have_run(fixture("truncated-json", ResponseErrorKind::Malformed, 200));
}

#[test]
fn an_action_with_an_oversized_or_unknown_transport_failure_may_have_run() {
    assert_action_may_have_run(transport(TransportErrorKind::BodyTooLarge));
    assert_action_may_have_run(transport(TransportErrorKind::Other));
}

#[test]
fn an_action_whose_connection_was_refused_is_retried_like_any_call() {
    let t0 = Instant::now();
    let mut call = action(t0);
    let next = fail(&mut call, transport(TransportErrorKind::Connect), t0);
    assert_eq!(next, Next::Retry { after: first_backoff() });
    let done = call.handle_outcome(Ok("tasks"), t0 + first_backoff(), wall0());
    assert_eq!(done, Next::Done("tasks"));
    assert_eq!(call.attempts(), 2);
}

#[test]
fn an_action_that_is_never_connected_gives_up_at_the_attempt_limit() {
    let t0 = Instant::now();
    let mut call = action(t0);
    let mut now = t0;
    let fractions: [f64; 3] = fractions(SEED);
    for (attempt, fraction) in (1..=3).zip(fractions) {
        let after = RetryPolicy::default().backoff(attempt, fraction);
        assert_eq!(fail(&mut call, transport(TransportErrorKind::Connect), now), Next::Retry { after });
        now += after;
    }
    assert_eq!(
        fail(&mut call, transport(TransportErrorKind::Connect), now),
        Next::Fail(Error::GaveUp {
            attempts: 4,
            elapsed: now - t0,
            deadline_reached: false,
            last: Box::new(transport(TransportErrorKind::Connect)),
        })
    );
}

#[test]
fn an_action_with_a_tls_failure_fails_as_itself_like_any_call() {
    // The request never left, so it did not run; a TLS failure is not retried for any call.
    assert_action_fails_as_itself(transport(TransportErrorKind::Tls));
}

#[test]
fn an_action_answered_429_is_retried_after_its_retry_after() {
    let t0 = Instant::now();
    let mut call = action(t0);
    let next = fail(&mut call, rate_limited_with_retry_after("7"), t0);
    assert_eq!(next, Next::Retry { after: Duration::from_secs(7) });
    let done = call.handle_outcome(Ok("tasks"), t0 + Duration::from_secs(7), wall0());
    assert_eq!((done, call.attempts()), (Next::Done("tasks"), 2));
}

#[test]
fn an_action_answered_429_without_retry_after_waits_the_backoff() {
    let t0 = Instant::now();
    let mut call = action(t0);
    let failure = fixture("rate-limited-no-retry-after", ResponseErrorKind::RateLimited, 429);
    assert_eq!(fail(&mut call, failure, t0), Next::Retry { after: first_backoff() });
}

#[test]
fn an_action_answered_429_past_its_deadline_gives_up() {
    let t0 = Instant::now();
    let mut call = action(t0).with_deadline(t0 + Duration::from_secs(5));
    let failure = rate_limited_with_retry_after("6");
    assert_eq!(
        fail(&mut call, failure.clone(), t0),
        Next::Fail(Error::GaveUp {
            attempts: 1,
            elapsed: Duration::ZERO,
            deadline_reached: true,
            last: Box::new(failure)
        })
    );
}

#[test]
fn an_action_retried_after_a_429_then_answered_503_is_not_resent_again() {
    let t0 = Instant::now();
    let mut call = action(t0);
    assert_eq!(
        fail(&mut call, rate_limited_with_retry_after("1"), t0),
        Next::Retry { after: Duration::from_secs(1) }
    );
    let then = t0 + Duration::from_secs(1);
    assert_eq!(
        fail(&mut call, unavailable_503(), then),
        Next::Fail(Error::ActionOutcomeUnknown { last: Box::new(unavailable_503()) })
    );
    assert_eq!(call.attempts(), 2);
}

#[test]
fn an_action_refused_with_401_refreshes_the_token_once() {
    // A 401 means the gateway refused the request before acting on it.
    let t0 = Instant::now();
    let mut call = action(t0);
    assert_eq!(fail(&mut call, unauthorized_401(), t0), Next::RefreshToken);
    assert_eq!(fail(&mut call, unauthorized_401(), t0), Next::Fail(unauthorized_401()));
    assert_eq!(call.attempts(), 2);
}

#[test]
fn an_action_sent_again_after_a_refresh_that_times_out_may_have_run() {
    let t0 = Instant::now();
    let mut call = action(t0);
    assert_eq!(fail(&mut call, unauthorized_401(), t0), Next::RefreshToken);
    assert_eq!(
        fail(&mut call, transport(TransportErrorKind::Timeout), t0),
        Next::Fail(Error::ActionOutcomeUnknown { last: Box::new(transport(TransportErrorKind::Timeout)) })
    );
}

#[test]
fn an_action_the_service_refused_fails_as_itself() {
    assert_action_fails_as_itself(fixture("bad-request-400", ResponseErrorKind::HttpStatus, 400));
    assert_action_fails_as_itself(fixture("forbidden-403", ResponseErrorKind::Forbidden, 403));
    assert_action_fails_as_itself(fixture("not-found-404", ResponseErrorKind::NotFound, 404));
    assert_action_fails_as_itself(fixture("logical-failure-400-in-200", ResponseErrorKind::ApiError, 200));
    assert_action_fails_as_itself(fixture("redirect-302-other-host", ResponseErrorKind::Redirect, 302));
}

#[test]
fn the_maybe_ran_error_says_so_and_keeps_the_last_failures_category_and_kind() {
    let error = Error::ActionOutcomeUnknown { last: Box::new(transport(TransportErrorKind::Timeout)) };
    assert_eq!(
        error.to_string(),
        "the action may or may not have run (timeout error: made-up failure); check the state of what it acted on (for mail, entityPayload.isQuarantined in a search) before sending it again"
    );
    assert_eq!(error.kind_name(), "timeout");
    assert_eq!(error.category(), hec_proto::ErrorCategory::Unavailable);
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Timeout));
    let server = Error::ActionOutcomeUnknown { last: Box::new(unavailable_503()) };
    assert_eq!(server.kind_name(), "server_error");
    assert_eq!(server.response_error().map(|e| e.status().as_u16()), Some(503));
}

#[test]
fn may_have_run_holds_exactly_for_outcomes_after_which_the_request_may_have_run() {
    use hec_proto::policy::may_have_run;
    let ran = [
        transport(TransportErrorKind::Timeout),
        transport(TransportErrorKind::Interrupted),
        transport(TransportErrorKind::BodyTooLarge),
        transport(TransportErrorKind::Other),
        fixture("server-error-500-envelope", ResponseErrorKind::ServerError, 500),
        unavailable_503(),
        fixture("truncated-json", ResponseErrorKind::Malformed, 200),
    ];
    let not_ran = [
        transport(TransportErrorKind::Connect),
        transport(TransportErrorKind::Tls),
        rate_limited_with_retry_after("1"),
        unauthorized_401(),
        fixture("forbidden-403", ResponseErrorKind::Forbidden, 403),
        fixture("logical-failure-400-in-200", ResponseErrorKind::ApiError, 200),
        Error::Config(hec_proto::ConfigError::NoCredentials),
    ];
    assert_eq!(ran.iter().map(may_have_run).collect::<Vec<_>>(), [true; 7]);
    assert_eq!(not_ran.iter().map(may_have_run).collect::<Vec<_>>(), [false; 7]);
}

// --- 401 and the token refresh -------------------------------------------------------------------

#[test]
fn a_first_401_asks_for_a_new_token() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    let next = fail(&mut call, unauthorized_401(), t0);
    assert_eq!(next, Next::RefreshToken);
    assert_eq!(call.attempts(), 1);
}

#[test]
fn a_second_401_fails_as_unauthorized() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    assert_eq!(fail(&mut call, unauthorized_401(), t0), Next::RefreshToken);
    assert_eq!(fail(&mut call, unauthorized_401(), t0 + ms(80)), Next::Fail(unauthorized_401()));
    assert_eq!(call.attempts(), 2);
}

#[test]
fn a_success_after_the_refresh_is_done_after_two_attempts() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    assert_eq!(call.handle_outcome::<u8>(Err(unauthorized_401()), t0, wall0()), Next::RefreshToken);
    assert_eq!(call.handle_outcome(Ok(7u8), t0, wall0()), Next::Done(7));
    assert_eq!(call.attempts(), 2);
}

#[test]
fn without_token_refresh_a_401_fails_at_once() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0).with_token_refresh(false);
    let next = fail(&mut call, unauthorized_401(), t0);
    assert_eq!(next, Next::Fail(unauthorized_401()));
}

#[test]
fn a_401_after_a_retry_still_asks_for_a_new_token() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    assert_eq!(fail(&mut call, unavailable_503(), t0), Next::Retry { after: first_backoff() });
    assert_eq!(fail(&mut call, unauthorized_401(), t0 + first_backoff()), Next::RefreshToken);
}

#[test]
fn the_token_refresh_does_not_use_up_a_retry() {
    let t0 = Instant::now();
    let policy = RetryPolicy::default().with_jitter_seed(SEED);
    let [f1, f2, f3] = fractions(SEED);
    let (b1, b2, b3) = (policy.backoff(1, f1), policy.backoff(2, f2), policy.backoff(3, f3));
    let mut call = Call::new(&policy, t0);

    assert_eq!(fail(&mut call, unauthorized_401(), t0), Next::RefreshToken);
    assert_eq!(fail(&mut call, unavailable_503(), t0), Next::Retry { after: b1 });
    assert_eq!(fail(&mut call, unavailable_503(), t0 + b1), Next::Retry { after: b2 });
    assert_eq!(fail(&mut call, unavailable_503(), t0 + b1 + b2), Next::Retry { after: b3 });
    // The fourth counted attempt, the fifth request.
    assert_eq!(
        fail(&mut call, unavailable_503(), t0 + b1 + b2 + b3),
        Next::Fail(Error::GaveUp {
            attempts: 5,
            elapsed: b1 + b2 + b3,
            deadline_reached: false,
            last: Box::new(unavailable_503()),
        })
    );
}

// --- Attempt numbering ---------------------------------------------------------------------------

#[test]
fn attempt_numbers_the_request_about_to_be_sent() {
    let t0 = Instant::now();
    let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0);
    assert_eq!((call.attempt(), call.attempts()), (1, 0));
    let _ = fail(&mut call, unavailable_503(), t0);
    assert_eq!((call.attempt(), call.attempts()), (2, 1));
    let _ = fail(&mut call, unauthorized_401(), t0 + first_backoff());
    assert_eq!((call.attempt(), call.attempts()), (3, 2));
}

// --- Backoff -------------------------------------------------------------------------------------

#[test]
fn retries_wait_the_backoff_of_the_seeded_jitter_in_order() {
    let t0 = Instant::now();
    let policy = RetryPolicy::default().with_max_attempts(6).with_jitter_seed(SEED);
    let expected: Vec<Duration> =
        fractions::<5>(SEED).iter().zip(1..).map(|(&fraction, n)| policy.backoff(n, fraction)).collect();
    let mut call = Call::new(&policy, t0);
    let mut now = t0;
    let mut waits = Vec::new();
    let interrupted = transport(TransportErrorKind::Interrupted);
    while let Next::Retry { after } = fail(&mut call, interrupted.clone(), now) {
        waits.push(after);
        now += after;
    }
    assert_eq!(waits, expected);
}

#[test]
fn backoff_ceilings_double_from_250_ms_and_stop_at_30_s() {
    // Half of each ceiling: the fraction 0.5 scales a duration exactly.
    let policy = RetryPolicy::default().with_jitter_seed(SEED);
    let halves: Vec<Duration> = (1..=10).map(|n| policy.backoff(n, 0.5)).collect();
    let ceilings = [250, 500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000];
    assert_eq!(halves, ceilings.map(|ceiling| ms(ceiling / 2)));
}

#[test]
fn backoff_with_a_zero_fraction_is_zero() {
    let policy = RetryPolicy::default().with_jitter_seed(SEED);
    assert_eq!((1..=10).map(|n| policy.backoff(n, 0.0)).max(), Some(Duration::ZERO));
}

#[test]
fn backoff_after_very_many_attempts_stays_at_the_cap() {
    assert_eq!(RetryPolicy::default().backoff(u32::MAX, 0.5), Duration::from_secs(15));
}

#[test]
fn a_custom_backoff_grows_from_its_base_to_its_cap() {
    let policy = RetryPolicy::default().with_backoff(ms(100), ms(700)).with_jitter_seed(SEED);
    let halves: Vec<Duration> = (1..=5).map(|n| policy.backoff(n, 0.5)).collect();
    assert_eq!(halves, [50, 100, 200, 350, 350].map(ms));
}

#[test]
fn a_backoff_cap_below_the_base_is_raised_to_the_base() {
    let policy = RetryPolicy::default()
        .with_backoff(Duration::from_secs(2), Duration::from_secs(1))
        .with_jitter_seed(SEED);
    assert_eq!((policy.base(), policy.cap()), (Duration::from_secs(2), Duration::from_secs(2)));
}

#[test]
fn backoff_lies_in_the_full_jitter_range_for_every_attempt() {
    // Full jitter: a wait in [0, min(cap, base × 2^(n-1))).
    let policy = RetryPolicy::default().with_jitter_seed(SEED);
    for seed in 0..500 {
        let mut jitter = Jitter::from_seed(seed);
        for n in 1..=12u32 {
            let fraction = jitter.next_fraction();
            assert!((0.0..1.0).contains(&fraction), "seed {seed}: fraction {fraction}");
            let ceiling = (ms(250) * 2u32.pow(n - 1)).min(Duration::from_secs(30));
            let wait = policy.backoff(n, fraction);
            assert!(wait < ceiling, "seed {seed}, attempt {n}: {wait:?} is not below {ceiling:?}");
        }
    }
}

#[test]
fn every_retry_of_a_call_waits_less_than_its_ceiling() {
    for seed in 0..200 {
        let t0 = Instant::now();
        let mut call = Call::new(&RetryPolicy::default().with_jitter_seed(SEED).with_jitter_seed(seed), t0);
        let mut now = t0;
        for ceiling in [250, 500, 1_000].map(ms) {
            match fail(&mut call, unavailable_503(), now) {
                Next::Retry { after } => {
                    assert!(after < ceiling, "seed {seed}: {after:?} is not below {ceiling:?}");
                    now += after;
                }
                other => panic!("seed {seed}: expected a retry, got {other:?}"),
            }
        }
    }
}

#[test]
fn backoff_stays_below_its_ceiling_for_the_largest_jitter_fraction() {
    // The largest fraction `Jitter` yields is (2^53 - 1) / 2^53; the documented range is half-open.
    let largest = 1.0 - f64::EPSILON / 2.0;
    let wait = RetryPolicy::default().backoff(1, largest);
    assert!(wait < ms(250), "{wait:?} is not below the 250 ms ceiling");
}

// --- Durations too long to add to an Instant -----------------------------------------------------

#[test]
fn a_policy_without_a_representable_deadline_still_retries() {
    // `Duration::MAX` is how a caller says "no deadline of my own".
    let t0 = Instant::now();
    let policy = RetryPolicy::default().with_max_elapsed(Duration::MAX).with_jitter_seed(SEED);
    let mut call = Call::new(&policy, t0);
    let next = fail(&mut call, unavailable_503(), t0);
    assert_eq!(next, Next::Retry { after: first_backoff() });
}

// --- Jitter --------------------------------------------------------------------------------------

#[test]
fn a_call_draws_its_jitter_from_the_policys_seed() {
    let t0 = Instant::now();
    let policy = RetryPolicy::default().with_jitter_seed(7);
    let [f1, f2] = fractions(7);
    let expected =
        [Next::Retry { after: policy.backoff(1, f1) }, Next::Retry { after: policy.backoff(2, f2) }];
    for _ in 0..2 {
        // Every call of the policy starts the same sequence.
        let mut call = Call::new(&policy, t0);
        let first = fail(&mut call, unavailable_503(), t0);
        let second = fail(&mut call, unavailable_503(), t0 + ms(1));
        assert_eq!([first, second], expected);
    }
    assert_eq!(policy.jitter_seed(), Some(7));
    assert_eq!(RetryPolicy::default().jitter_seed(), None);
}

#[test]
fn io_errors_map_to_transport_kinds() {
    use std::io::{Error, ErrorKind};
    let kind = |error: Error| TransportErrorKind::of_io_error(&error);
    assert_eq!(kind(Error::from(ErrorKind::ConnectionRefused)), TransportErrorKind::Connect);
    assert_eq!(kind(Error::from(ErrorKind::HostUnreachable)), TransportErrorKind::Connect);
    assert_eq!(
        kind(Error::other("failed to lookup address information: Name or service not known")),
        TransportErrorKind::Connect
    );
    assert_eq!(kind(Error::from(ErrorKind::TimedOut)), TransportErrorKind::Timeout);
    assert_eq!(kind(Error::from(ErrorKind::ConnectionReset)), TransportErrorKind::Interrupted);
    assert_eq!(kind(Error::from(ErrorKind::UnexpectedEof)), TransportErrorKind::Interrupted);
}

// --- The time a request may take -----------------------------------------------------------------

#[test]
fn a_request_gets_its_own_timeout_while_the_deadline_is_further() {
    let t0 = Instant::now();
    let call = Call::new(&RetryPolicy::default(), t0);
    assert_eq!(call.request_timeout(t0, Duration::from_secs(30)), Ok(Duration::from_secs(30)));
    assert_eq!(call.request_timeout(t0 + ms(90_000), Duration::from_secs(30)), Ok(Duration::from_secs(30)));
}

#[test]
fn a_request_gets_only_the_time_left_when_the_deadline_comes_first() {
    let t0 = Instant::now();
    let call = Call::new(&RetryPolicy::default(), t0).with_deadline(t0 + ms(5_000));
    assert_eq!(call.request_timeout(t0, Duration::from_secs(30)), Ok(ms(5_000)));
    assert_eq!(call.request_timeout(t0 + ms(4_750), Duration::from_secs(30)), Ok(ms(250)));
    // The policy's own deadline (2 min) bounds a request too.
    let own = Call::new(&RetryPolicy::default(), t0);
    assert_eq!(own.request_timeout(t0 + ms(110_000), Duration::from_secs(30)), Ok(ms(10_000)));
}

#[test]
fn with_no_time_left_the_call_gives_up_at_the_deadline_without_sending() {
    let t0 = Instant::now();
    let mut call =
        Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0).with_deadline(t0 + ms(5_000));
    let _ = fail(&mut call, transport(TransportErrorKind::Connect), t0 + ms(1_000));
    let error = call.request_timeout(t0 + ms(5_000), Duration::from_secs(30)).expect_err("no time left");
    assert_eq!(
        error,
        Error::GaveUp {
            attempts: 1,
            elapsed: ms(5_000),
            deadline_reached: true,
            last: Box::new(Error::Transport(hec_proto::TransportError::new(
                TransportErrorKind::Timeout,
                "the deadline passed before the request could be sent"
            ))),
        }
    );
    assert_eq!(error.kind_name(), "timeout");
}

#[test]
fn a_call_whose_deadline_passed_at_the_gate_gives_up_as_with_no_time_left() {
    let t0 = Instant::now();
    let mut call =
        Call::new(&RetryPolicy::default().with_jitter_seed(SEED), t0).with_deadline(t0 + ms(5_000));
    let _ = fail(&mut call, transport(TransportErrorKind::Connect), t0 + ms(1_000));
    let no_time_left =
        call.request_timeout(t0 + ms(5_000), Duration::from_secs(30)).expect_err("no time left");
    assert_eq!(call.deadline_passed(t0 + ms(5_000)), no_time_left);
    let token_call = hec_proto::policy::TokenCall::new(&RetryPolicy::default(), t0, Some(t0 + ms(300)));
    assert!(matches!(
        token_call.deadline_passed(t0 + ms(300)),
        Error::GaveUp { attempts: 0, deadline_reached: true, .. }
    ));
}
