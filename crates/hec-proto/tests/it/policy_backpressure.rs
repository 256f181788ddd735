//! `Backpressure`: the client-wide limit on requests in flight, the pause every caller keeps after
//! a 429 or 503, and how the limit adapts, on a virtual clock (`t0` stepped by hand; nothing
//! sleeps).

use std::time::{Duration, Instant};

use crate::support::{ms, response, wall0};
use hec_proto::policy::{Acquire, Answer, Backpressure, DEFAULT_MAX_IN_FLIGHT, Permit};

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

/// A permit, which must be granted at `now`.
fn go(gate: &mut Backpressure, now: Instant) -> Permit {
    match gate.poll_acquire(now) {
        Acquire::Go(permit) => permit,
        other => panic!("expected Go at {now:?}, got {other:?}"),
    }
}

/// `n` permits at `now`.
fn take(gate: &mut Backpressure, n: usize, now: Instant) -> Vec<Permit> {
    (0..n).map(|_| go(gate, now)).collect()
}

fn throttled(retry_after: Option<u64>) -> Answer {
    Answer::Throttled { retry_after: retry_after.map(secs) }
}

/// A gate as a client gets it with the default retry policy: 250 ms pause without Retry-After,
/// at most 30 s for everyone.
fn gate(max: usize) -> Backpressure {
    Backpressure::new(max)
}

// --- The limit ------------------------------------------------------------------------------------

#[test]
fn the_default_maximum_is_sixteen() {
    assert_eq!(DEFAULT_MAX_IN_FLIGHT, 16);
    assert_eq!(hec_proto::ClientConfig::default().max_in_flight, 16);
}

#[test]
fn up_to_the_maximum_go_at_once_and_the_next_waits_for_a_release() {
    let t0 = Instant::now();
    let mut gate = gate(16);
    let permits = take(&mut gate, 16, t0);
    assert_eq!(gate.in_flight(), 16);
    assert_eq!(gate.poll_acquire(t0), Acquire::WaitForRelease);
    drop(permits);
}

#[test]
fn a_served_answer_frees_its_slot() {
    let t0 = Instant::now();
    let mut gate = gate(2);
    let mut permits = take(&mut gate, 2, t0);
    assert_eq!(gate.poll_acquire(t0), Acquire::WaitForRelease);
    gate.handle_answer(permits.remove(0), Answer::Served, t0 + ms(150));
    assert_eq!(gate.in_flight(), 1);
    let _third = go(&mut gate, t0 + ms(150));
}

#[test]
fn an_abandoned_request_frees_its_slot_and_changes_nothing_else() {
    let t0 = Instant::now();
    let mut gate = gate(1);
    let permit = go(&mut gate, t0);
    gate.abandon(permit);
    assert_eq!((gate.in_flight(), gate.limit(), gate.paused_until(t0)), (0, 1, None));
    let _again = go(&mut gate, t0);
}

#[test]
fn a_maximum_of_zero_still_lets_one_request_through() {
    let t0 = Instant::now();
    let mut gate = gate(0);
    assert_eq!((gate.max_in_flight(), gate.limit()), (1, 1));
    let _one = go(&mut gate, t0);
    assert_eq!(gate.poll_acquire(t0), Acquire::WaitForRelease);
}

#[test]
fn a_configuration_with_zero_in_flight_is_refused() {
    let mut config = hec_proto::ClientConfig::default();
    config.base_url = Some("http://127.0.0.1:9".parse().expect("a loopback URL"));
    config.auth = Some(hec_proto::policy::TokenSource::Static(hec_proto::AccessToken::new("t")));
    config.max_in_flight = 0;
    let error = config.validate().unwrap_err();
    assert_eq!(error.to_string(), "the limit of requests in flight must be at least 1");
}

// --- The pause ------------------------------------------------------------------------------------

#[test]
fn a_429_with_retry_after_holds_every_request_until_the_pause_ends() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(Some(2)), t0 + ms(100));
    // Slots are free, but nobody may send: not the caller that got the 429, not any other.
    assert_eq!(gate.in_flight(), 0);
    assert_eq!(gate.poll_acquire(t0 + ms(100)), Acquire::WaitUntil(t0 + ms(2_100)));
    assert_eq!(gate.poll_acquire(t0 + ms(2_099)), Acquire::WaitUntil(t0 + ms(2_100)));
    assert_eq!(gate.paused_until(t0 + ms(1_000)), Some(t0 + ms(2_100)));
    let _after = go(&mut gate, t0 + ms(2_100));
    assert_eq!(gate.paused_until(t0 + ms(2_100)), None);
}

#[test]
fn a_503_with_retry_after_pauses_like_a_429() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    let permit = go(&mut gate, t0);
    let answer = Answer::of_response(&response(503, &[("retry-after", "3")], ""), wall0());
    assert_eq!(answer, throttled(Some(3)));
    gate.handle_answer(permit, answer, t0);
    assert_eq!(gate.poll_acquire(t0 + secs(1)), Acquire::WaitUntil(t0 + secs(3)));
}

#[test]
fn a_429_or_503_without_retry_after_pauses_for_the_default_pause() {
    for status in [429, 503] {
        let t0 = Instant::now();
        let mut gate = gate(4);
        let permit = go(&mut gate, t0);
        let answer = Answer::of_response(&response(status, &[], "busy"), wall0());
        assert_eq!(answer, throttled(None), "{status}");
        gate.handle_answer(permit, answer, t0);
        assert_eq!(gate.poll_acquire(t0), Acquire::WaitUntil(t0 + ms(250)), "{status}");
    }
}

#[test]
fn the_pauses_can_be_configured() {
    let t0 = Instant::now();
    let mut gate = gate(4).with_pauses(ms(5), secs(2));
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(None), t0);
    assert_eq!(gate.poll_acquire(t0), Acquire::WaitUntil(t0 + ms(5)));
    let permit = go(&mut gate, t0 + ms(5));
    gate.handle_answer(permit, throttled(Some(60)), t0 + ms(5));
    assert_eq!(gate.poll_acquire(t0 + ms(5)), Acquire::WaitUntil(t0 + ms(2_005)));
}

#[test]
fn a_client_takes_its_pauses_from_its_retry_policy() {
    let t0 = Instant::now();
    let mut config = hec_proto::ClientConfig::default();
    config.base_url = Some("http://127.0.0.1:9".parse().expect("a loopback URL"));
    config.auth = Some(hec_proto::policy::TokenSource::Static(hec_proto::AccessToken::new("t")));
    config.max_in_flight = 3;
    config.retry = config.retry.clone().with_backoff(ms(40), secs(4));
    let mut gate = config.validate().expect("a valid configuration").backpressure();
    assert_eq!(gate.max_in_flight(), 3);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(None), t0);
    assert_eq!(gate.poll_acquire(t0), Acquire::WaitUntil(t0 + ms(40)));
    let permit = go(&mut gate, t0 + ms(40));
    gate.handle_answer(permit, throttled(Some(3_600)), t0 + ms(40));
    assert_eq!(gate.poll_acquire(t0 + ms(40)), Acquire::WaitUntil(t0 + ms(4_040)));
}

#[test]
fn a_retry_after_longer_than_thirty_seconds_pauses_the_others_for_thirty() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(Some(3_600)), t0);
    assert_eq!(gate.poll_acquire(t0), Acquire::WaitUntil(t0 + secs(30)));
}

#[test]
fn a_retry_after_date_is_read_against_the_wall_clock() {
    // wall0 is 2026-01-01T00:00:00Z; the date is two minutes later.
    let answer =
        Answer::of_response(&response(429, &[("retry-after", "Thu, 01 Jan 2026 00:02:00 GMT")], ""), wall0());
    assert_eq!(answer, throttled(Some(120)));
}

#[test]
fn a_shorter_pause_never_cuts_a_longer_one() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    let (first, second) = (go(&mut gate, t0), go(&mut gate, t0));
    gate.handle_answer(first, throttled(Some(5)), t0);
    gate.handle_answer(second, throttled(Some(1)), t0 + secs(1));
    assert_eq!(gate.poll_acquire(t0 + secs(2)), Acquire::WaitUntil(t0 + secs(5)));
}

#[test]
fn a_retry_after_of_zero_pauses_nobody() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(Some(0)), t0);
    let _next = go(&mut gate, t0);
}

// --- How the limit adapts --------------------------------------------------------------------------

#[test]
fn a_throttled_answer_halves_the_limit() {
    let t0 = Instant::now();
    let mut gate = gate(16);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(Some(1)), t0);
    assert_eq!(gate.limit(), 8);
    let _permits = take(&mut gate, 8, t0 + secs(1));
    assert_eq!(gate.poll_acquire(t0 + secs(1)), Acquire::WaitForRelease);
}

#[test]
fn requests_throttled_together_halve_the_limit_once() {
    let t0 = Instant::now();
    let mut gate = gate(16);
    let permits = take(&mut gate, 16, t0);
    for permit in permits {
        gate.handle_answer(permit, throttled(Some(1)), t0 + ms(150));
    }
    assert_eq!(gate.limit(), 8);
    assert_eq!(gate.in_flight(), 0);
}

#[test]
fn a_throttle_after_the_halving_halves_again_down_to_one() {
    let t0 = Instant::now();
    let mut gate = gate(16);
    let mut limits = Vec::new();
    let mut now = t0;
    for _ in 0..6 {
        let permit = go(&mut gate, now);
        gate.handle_answer(permit, throttled(Some(1)), now);
        limits.push(gate.limit());
        now += secs(1);
    }
    assert_eq!(limits, [8, 4, 2, 1, 1, 1]);
}

#[test]
fn the_limit_grows_by_one_after_as_many_served_answers_in_a_row_as_it_allows() {
    let t0 = Instant::now();
    let mut gate = gate(16);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(Some(1)), t0);
    let mut now = t0 + secs(1);
    let mut limits = Vec::new();
    for _ in 0..(8 + 9 + 10) {
        let permit = go(&mut gate, now);
        gate.handle_answer(permit, Answer::Served, now + ms(150));
        limits.push(gate.limit());
        now += ms(150);
    }
    // 8 answers at limit 8 raise it to 9, 9 more to 10, 10 more to 11.
    let raised_at: Vec<usize> =
        limits.windows(2).enumerate().filter(|(_, w)| w[1] > w[0]).map(|(i, _)| i + 1).collect();
    assert_eq!(raised_at, [7, 16, 26]);
    assert_eq!(gate.limit(), 11);
}

#[test]
fn the_limit_never_grows_past_the_maximum() {
    let t0 = Instant::now();
    let mut gate = gate(3);
    for _ in 0..20 {
        let permit = go(&mut gate, t0);
        gate.handle_answer(permit, Answer::Served, t0);
    }
    assert_eq!(gate.limit(), 3);
    let _permits = take(&mut gate, 3, t0);
    assert_eq!(gate.poll_acquire(t0), Acquire::WaitForRelease);
}

#[test]
fn a_throttle_starts_the_run_of_served_answers_again() {
    let t0 = Instant::now();
    let mut gate = gate(8);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(Some(1)), t0); // limit 4
    let mut now = t0 + secs(1);
    for _ in 0..3 {
        let permit = go(&mut gate, now);
        gate.handle_answer(permit, Answer::Served, now);
    }
    let permit = go(&mut gate, now);
    gate.handle_answer(permit, throttled(Some(1)), now); // limit 2, run back to zero
    now += secs(1);
    let permit = go(&mut gate, now);
    gate.handle_answer(permit, Answer::Served, now);
    assert_eq!(gate.limit(), 2);
    let permit = go(&mut gate, now);
    gate.handle_answer(permit, Answer::Served, now);
    assert_eq!(gate.limit(), 3);
}

#[test]
fn no_answer_neither_pauses_nor_changes_the_limit() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    let permit = go(&mut gate, t0);
    let failed: Result<http::Response<Vec<u8>>, &str> = Err("connection refused");
    let answer = Answer::of(&failed, wall0());
    assert_eq!(answer, Answer::Unanswered);
    gate.handle_answer(permit, answer, t0);
    assert_eq!((gate.limit(), gate.in_flight(), gate.paused_until(t0)), (4, 0, None));
}

#[test]
fn every_other_status_is_a_served_answer() {
    for status in [200, 400, 401, 404, 500, 502, 504] {
        let answer = Answer::of(&Ok::<_, ()>(response(status, &[("retry-after", "9")], "")), wall0());
        assert_eq!(answer, Answer::Served, "{status}");
    }
}

// --- A caller's deadline ---------------------------------------------------------------------------

#[test]
fn a_pause_longer_than_a_callers_deadline_is_waited_out_until_the_deadline_only() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    let permit = go(&mut gate, t0);
    gate.handle_answer(permit, throttled(Some(30)), t0);
    let deadline = t0 + secs(5);
    assert_eq!(gate.poll_acquire_by(t0, deadline), Acquire::WaitUntil(deadline));
    assert_eq!(gate.poll_acquire_by(t0 + ms(4_999), deadline), Acquire::WaitUntil(deadline));
    assert_eq!(gate.poll_acquire_by(deadline, deadline), Acquire::DeadlinePassed);
    // A caller with more time waits out the pause and goes.
    let later = t0 + secs(60);
    assert_eq!(gate.poll_acquire_by(t0, later), Acquire::WaitUntil(t0 + secs(30)));
    assert!(matches!(gate.poll_acquire_by(t0 + secs(30), later), Acquire::Go(_)));
}

#[test]
fn a_caller_waiting_for_a_release_gives_up_at_its_deadline() {
    let t0 = Instant::now();
    let mut gate = gate(1);
    let held = go(&mut gate, t0);
    let deadline = t0 + ms(300);
    assert_eq!(gate.poll_acquire_by(t0 + ms(299), deadline), Acquire::WaitForRelease);
    assert_eq!(gate.poll_acquire_by(deadline, deadline), Acquire::DeadlinePassed);
    assert_eq!(gate.in_flight(), 1, "a caller that gave up took no permit");
    gate.handle_answer(held, Answer::Served, t0 + secs(2));
    assert!(matches!(gate.poll_acquire_by(t0 + secs(2), t0 + secs(3)), Acquire::Go(_)));
}

#[test]
fn at_or_past_its_deadline_a_caller_gives_up_even_when_it_could_go() {
    let t0 = Instant::now();
    let mut gate = gate(4);
    assert_eq!(gate.poll_acquire_by(t0, t0), Acquire::DeadlinePassed);
    assert_eq!(gate.poll_acquire_by(t0 + secs(1), t0), Acquire::DeadlinePassed);
    assert_eq!(gate.in_flight(), 0);
    assert!(matches!(gate.poll_acquire_by(t0, t0 + ms(1)), Acquire::Go(_)));
}
