//! Scenarios of a deadline and a request in flight: no request outlives its caller's deadline
//! (a wait's timeout, a call's `max_elapsed`), whatever its own timeout, and a wait that runs out
//! says so.

use std::time::{Duration, Instant};

use hec_proto::{Error, TransportErrorKind};

use super::scenarios::{completed, expect_err, id, on_tasks};
use super::{Driver, Harness};
use crate::mock::{Fault, FaultRule};

/// How long the mock holds back an answer: far longer than any deadline below.
const HOLD: Duration = Duration::from_secs(5);
/// The deadline of the waits and calls below.
const DEADLINE: Duration = Duration::from_millis(300);
/// The latest a scenario may end: the deadline plus a generous margin, far short of [`HOLD`].
const LATEST: Duration = Duration::from_secs(2);

/// A client whose requests may each take 10 s, waiting at most [`DEADLINE`]; how the wait ended
/// and how long it took.
fn wait_with_deadline<D: Driver>(h: &mut Harness<D>) -> (Result<hec_proto::Task, Error>, Duration) {
    h.config.timeout = Duration::from_secs(10);
    h.config.wait = h.config.wait.clone().with_timeout(DEADLINE);
    let client = h.client();
    let started = Instant::now();
    let result = client.wait_for_task(&id(), &mut |_| {});
    (result.map_err(|error| h.seen(error)), started.elapsed())
}

/// Checks that a wait ended timed out, with no successful poll, between its deadline and
/// [`LATEST`].
fn assert_wait_timed_out(result: Result<hec_proto::Task, Error>, elapsed: Duration) {
    match result {
        Err(Error::WaitTimedOut { last_task: None, polls: 0, elapsed: waited }) => {
            assert!(waited >= DEADLINE, "the wait says it took {waited:?}");
        }
        other => panic!("expected WaitTimedOut with no poll, got {other:?}"),
    }
    assert!(elapsed >= DEADLINE && elapsed < LATEST, "the wait took {elapsed:?}");
}

/// A gateway that holds a task request's headers for 5 s: the request is cut at the wait's
/// 300 ms deadline (not at its own 10 s timeout), and the wait ends timed out.
pub fn a_wait_ends_at_its_deadline_while_a_request_hangs<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.mock.fault(on_tasks().always().then(Fault::DelayHeaders(HOLD)));
    let (result, elapsed) = wait_with_deadline(h);
    assert_wait_timed_out(result, elapsed);
    assert_eq!((h.token_requests(), h.task_requests()), (1, 1));
}

/// A token endpoint that holds its headers for 5 s: the token request is cut at the wait's
/// deadline, and the wait ends timed out without a task request.
pub fn a_slow_token_request_is_cut_at_the_waits_deadline<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.mock.fault(FaultRule::on_path(hec_proto::endpoint::AUTH_PATH).always().then(Fault::DelayHeaders(HOLD)));
    let (result, elapsed) = wait_with_deadline(h);
    assert_wait_timed_out(result, elapsed);
    assert_eq!((h.token_requests(), h.task_requests()), (1, 0));
}

/// A body that drips for seconds after prompt headers: the deadline bounds the whole exchange,
/// not each phase, so the wait still ends at its deadline.
pub fn a_dripping_body_is_cut_at_the_waits_deadline<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let drip = Fault::DripBody { chunk: 8, pause: Duration::from_millis(100) };
    h.mock.fault(on_tasks().always().then(drip));
    let (result, elapsed) = wait_with_deadline(h);
    assert_wait_timed_out(result, elapsed);
    assert_eq!((h.token_requests(), h.task_requests()), (1, 1));
}

/// Outside a wait, a request is cut at its call's own deadline (the retry policy's
/// `max_elapsed`, 300 ms here), not left to its 10 s timeout: the call gives up at the deadline
/// with a timeout.
pub fn a_request_is_cut_at_the_calls_deadline<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.config.timeout = Duration::from_secs(10);
    h.config.retry = h.config.retry.clone().with_max_elapsed(DEADLINE);
    h.mock.fault(on_tasks().always().then(Fault::DelayHeaders(HOLD)));
    let started = Instant::now();
    let error = expect_err(h);
    let elapsed = started.elapsed();
    assert!(matches!(error, Error::GaveUp { attempts: 1, deadline_reached: true, .. }), "{error:?}");
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Timeout), "{error:?}");
    assert!(elapsed >= DEADLINE && elapsed < LATEST, "the call took {elapsed:?}");
    assert_eq!((h.token_requests(), h.task_requests()), (1, 1));
}
