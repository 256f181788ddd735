//! Scenarios of a deadline and a request in flight or queued: no request outlives its caller's
//! deadline (a wait's timeout, a call's `max_elapsed`), whatever its own timeout; no caller waits
//! past it at the client's gate (in a pause after a 503, or for a slot in flight); and a wait that
//! runs out says so, counting every request it sent.

use std::time::{Duration, Instant};

use hec_proto::policy::{RetryPolicy, WaitEvent};
use hec_proto::{Error, TaskId, TaskStatus, TransportErrorKind};

use super::scenarios::{completed, expect_err, id, on_tasks};
use super::{Driver, Harness, TASK_PATH};
use crate::mock::{Fault, FaultRule, TaskScript, TaskStep};

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

/// Checks that a wait ended timed out, with no task seen and `polls` requests for the task sent
/// (answered or not), between its deadline and [`LATEST`].
fn assert_wait_timed_out(result: Result<hec_proto::Task, Error>, elapsed: Duration, polls: u32) {
    match result {
        Err(Error::WaitTimedOut { last_task: None, polls: counted, elapsed: waited }) if counted == polls => {
            assert!(
                waited >= DEADLINE,
                "the time the wait error reports: expected at least {DEADLINE:?}, got {waited:?}"
            );
        }
        other => panic!("expected WaitTimedOut with {polls} polls and no task, got {other:?}"),
    }
    assert!(
        elapsed >= DEADLINE && elapsed < LATEST,
        "the wait's time: expected {DEADLINE:?} to {LATEST:?}, got {elapsed:?}"
    );
}

/// A gateway that holds a task request's headers for 5 s: the request is cut at the wait's
/// 300 ms deadline (not at its own 10 s timeout), and the wait ends timed out, counting the poll
/// that was sent and never answered.
pub fn a_wait_ends_at_its_deadline_while_a_request_hangs<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.mock.fault(on_tasks().always().then(Fault::DelayHeaders(HOLD)));
    let (result, elapsed) = wait_with_deadline(h);
    assert_wait_timed_out(result, elapsed, 1);
    check_eq!((h.token_requests(), h.task_requests()), (1, 1));
}

/// A token endpoint that holds its headers for 5 s: the token request is cut at the wait's
/// deadline, and the wait ends timed out without a task request.
pub fn a_slow_token_request_is_cut_at_the_waits_deadline<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    h.mock.fault(FaultRule::on_path(hec_proto::endpoint::AUTH_PATH).always().then(Fault::DelayHeaders(HOLD)));
    let (result, elapsed) = wait_with_deadline(h);
    assert_wait_timed_out(result, elapsed, 0);
    check_eq!((h.token_requests(), h.task_requests()), (1, 0));
}

/// A body that drips for seconds after prompt headers: the deadline bounds the whole exchange,
/// not each phase, so the wait still ends at its deadline.
pub fn a_dripping_body_is_cut_at_the_waits_deadline<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let drip = Fault::DripBody { chunk: 8, pause: Duration::from_millis(100) };
    h.mock.fault(on_tasks().always().then(drip));
    let (result, elapsed) = wait_with_deadline(h);
    assert_wait_timed_out(result, elapsed, 1);
    check_eq!((h.token_requests(), h.task_requests()), (1, 1));
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
    assert!(
        matches!(error, Error::GaveUp { attempts: 1, deadline_reached: true, .. }),
        "expected GaveUp after 1 attempt at the deadline, got {error:?}"
    );
    check_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Timeout), "{error:?}");
    assert!(
        elapsed >= DEADLINE && elapsed < LATEST,
        "the call's time: expected {DEADLINE:?} to {LATEST:?}, got {elapsed:?}"
    );
    check_eq!((h.token_requests(), h.task_requests()), (1, 1));
}

/// A poll answered 503 and retried, then a poll held until the deadline: the wait's timeout
/// counts all three requests for the task (answered with the task, with a 503, or not at all),
/// not only the one that brought the task.
pub fn a_timed_out_wait_counts_every_poll_sent<D: Driver>(h: &mut Harness<D>) {
    h.mock.script_task(super::scenarios::ID, TaskScript::polls([TaskStep::new("inprogress")]));
    h.mock.fault(on_tasks().then(Fault::status(503).html("<h1>503</h1>")));
    h.mock.fault(on_tasks().nth(3).always().then(Fault::DelayHeaders(HOLD)));
    let (result, elapsed) = wait_with_deadline(h);
    match result {
        Err(Error::WaitTimedOut { last_task: Some(task), polls: 3, .. }) => {
            check_eq!(task.status, Some(TaskStatus::InProgress));
        }
        other => panic!("expected WaitTimedOut after 3 requests, got {other:?}"),
    }
    assert!(
        elapsed >= DEADLINE && elapsed < LATEST,
        "the wait's time: expected {DEADLINE:?} to {LATEST:?}, got {elapsed:?}"
    );
    check_eq!((h.token_requests(), h.task_requests()), (1, 3));
}

/// Five tasks, and a gateway whose 503s ask every caller to pause 5 s: the first poll is
/// answered so and the client pauses; the four other polls wait in the pause only until the
/// wait's 300 ms deadline, then time out without sending (0 polls). Every wait ends by its
/// deadline, not when the pause does.
pub fn every_wait_behind_a_pause_ends_at_its_deadline<D: Driver>(h: &mut Harness<D>) {
    // No retry of its own, and a pause of up to 10 s for everyone.
    h.config.retry = RetryPolicy::never().with_backoff(Duration::from_millis(1), Duration::from_secs(10));
    h.config.wait = h.config.wait.clone().with_timeout(DEADLINE);
    h.mock.fault(on_tasks().always().then(Fault::status(503).header("retry-after", "5")));
    let ids: Vec<TaskId> = (5_000_000..5_000_005).map(TaskId::from).collect();
    let client = h.client();
    let started = Instant::now();
    let mut outcomes = Vec::new();
    client.wait_for_tasks(&ids, &mut |event| {
        if let WaitEvent::Finished { index, outcome, .. } = event {
            outcomes.push((index, outcome, started.elapsed()));
        }
    });
    let elapsed = started.elapsed();
    assert!(
        elapsed < LATEST,
        "the waits' time behind a 5 s pause: expected under {LATEST:?}, got {elapsed:?}"
    );
    check_eq!(h.task_requests(), 1, "only the first poll was sent");
    outcomes.sort_by_key(|(index, ..)| *index);
    let mut ended = outcomes.into_iter();
    match ended.next() {
        Some((0, Err(error), _)) => {
            let error = h.seen(error);
            check_eq!(error.response_error().map(|e| e.status().as_u16()), Some(503), "{error:?}");
        }
        other => panic!("expected the first task to end with the 503, got {other:?}"),
    }
    let rest: Vec<usize> = ended
        .map(|(index, outcome, at)| match outcome {
            Err(Error::WaitTimedOut { last_task: None, polls: 0, .. }) if at >= DEADLINE => index,
            other => panic!(
                "expected task {index} to time out at its deadline with 0 polls, got {other:?} at {at:?}"
            ),
        })
        .collect();
    check_eq!(rest, [1, 2, 3, 4]);
}

/// One slot in flight, held by a request the gateway answers after 2 s: a wait with a 300 ms
/// deadline, whose poll queues for that slot, ends timed out at its deadline without sending,
/// instead of polling once the slot is free.
pub fn a_wait_behind_the_in_flight_limit_ends_at_its_deadline<D: Driver>(h: &mut Harness<D>) {
    completed(h);
    let held = TaskId::from(6_000_001);
    h.mock.script_task(held.as_str(), TaskScript::polls([TaskStep::new("completed")]));
    h.mock.fault(
        FaultRule::on_path(format!("{TASK_PATH}{held}")).then(Fault::DelayHeaders(Duration::from_secs(2))),
    );
    h.config.max_in_flight = 1;
    h.config.timeout = Duration::from_secs(10);
    h.config.wait = h.config.wait.clone().with_timeout(DEADLINE);
    let client = h.client();
    // The token first, so that the slow request holds the only slot from the start.
    if let Err(error) = client.get_task(&id()) {
        panic!("expected the task, got {}", h.seen(error));
    }
    let dispatch = tracing::dispatcher::get_default(Clone::clone);
    let (slow, waited, elapsed) = std::thread::scope(|scope| {
        let slow = scope.spawn(|| tracing::dispatcher::with_default(&dispatch, || client.get_task(&held)));
        while h.task_requests() < 2 {
            std::thread::sleep(Duration::from_millis(5));
        }
        let started = Instant::now();
        let waited = client.wait_for_task(&id(), &mut |_| {});
        let elapsed = started.elapsed();
        (slow.join().expect("the slow caller's thread"), waited, elapsed)
    });
    if let Err(error) = slow {
        panic!("the slow request failed: {}", h.seen(error));
    }
    match waited {
        Err(Error::WaitTimedOut { last_task: None, polls: 0, .. }) => {}
        other => panic!("expected the wait to time out with 0 polls, got {other:?}"),
    }
    assert!(
        elapsed >= DEADLINE && elapsed < Duration::from_millis(1_500),
        "the wait's time: expected {DEADLINE:?} to 1.5 s, got {elapsed:?}"
    );
    check_eq!(h.task_requests(), 2, "the wait sent nothing");
}
