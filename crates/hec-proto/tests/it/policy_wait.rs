//! `Waiter` and `WaitPolicy`: when to poll a task, what to report, and when to stop, on a virtual
//! clock (`t0` stepped by hand; nothing sleeps).

use crate::support;

use std::time::{Duration, Instant};

use crate::support::{ms, task, task_at};
use hec_proto::policy::{TaskProgress, WaitNext, WaitPolicy, WaitUpdate, Waiter};
use hec_proto::{Error, Task};

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

fn micros(micros: u64) -> Duration {
    Duration::from_micros(micros)
}

/// What an update says: the task, the time since the first poll, the polls so far.
fn said(update: Option<WaitUpdate>) -> Option<(Task, Duration, u32)> {
    update.map(|update| (update.task, update.elapsed, update.polls))
}

/// The instants (as offsets from the start) a waiter asks for when every poll, answered at once
/// when due, sees a task in progress.
fn schedule(policy: &WaitPolicy, polls: usize) -> Vec<Duration> {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(policy, t0);
    let mut offsets = Vec::new();
    let mut now = t0;
    for _ in 0..polls {
        match waiter.handle_task(task("inprogress"), now).1 {
            WaitNext::PollAt(at) => {
                offsets.push(at - t0);
                now = at;
            }
            other => panic!("after {} polls: expected PollAt, got {other:?}", offsets.len() + 1),
        }
    }
    offsets
}

// --- The policy ----------------------------------------------------------------------------------

#[test]
fn the_default_policy_polls_from_one_second_to_fifteen_for_ten_minutes() {
    let policy = WaitPolicy::default();
    assert_eq!(
        (policy.first_interval(), policy.factor(), policy.max_interval(), policy.timeout()),
        (secs(1), 1.5, secs(15), secs(600))
    );
}

// --- Scheduling ----------------------------------------------------------------------------------

#[test]
fn the_first_poll_is_due_at_once() {
    let t0 = Instant::now();
    let waiter = Waiter::new(&WaitPolicy::default(), t0);
    assert_eq!(waiter.next_poll_at(), t0);
    assert_eq!(waiter.polls(), 0);
    assert_eq!(waiter.last_seen(), None);
}

#[test]
fn the_deadline_is_the_timeout_after_the_start() {
    let t0 = Instant::now();
    assert_eq!(Waiter::new(&WaitPolicy::default(), t0).deadline(), t0 + secs(600));
}

#[test]
fn intervals_grow_by_half_from_one_second_and_stop_at_fifteen() {
    // Intervals 1, 1.5, 2.25, 3.375, 5.0625, 7.59375, 11.390625, then 15 s.
    let expected = [
        1_000_000, 2_500_000, 4_750_000, 8_125_000, 13_187_500, 20_781_250, 32_171_875, 47_171_875,
        62_171_875,
    ];
    assert_eq!(schedule(&WaitPolicy::default(), 9), expected.map(micros));
}

#[test]
fn the_next_poll_is_timed_from_when_the_answer_arrived() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (_, next) = waiter.handle_task(task("inprogress"), t0 + ms(300));
    assert_eq!(next, WaitNext::PollAt(t0 + ms(1_300)));
    assert_eq!(waiter.next_poll_at(), t0 + ms(1_300));
}

#[test]
fn the_last_poll_is_scheduled_exactly_at_the_deadline() {
    // 10 s: polls at 0, 1, 2.5, 4.75 and 8.125 s; the next interval (5.0625 s) would pass the
    // deadline, so the last poll is at 10 s.
    let policy = WaitPolicy::default().with_timeout(secs(10));
    assert_eq!(schedule(&policy, 5), [1_000, 2_500, 4_750, 8_125, 10_000].map(ms));
}

// --- Terminal states -----------------------------------------------------------------------------

#[test]
fn a_completed_task_finishes_the_wait() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (_, next) = waiter.handle_task(task_at("completed", 1, 1), t0);
    assert_eq!(next, WaitNext::Finished(Box::new(task_at("completed", 1, 1))));
}

#[test]
fn a_failed_task_finishes_the_wait() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (_, next) = waiter.handle_task(task("failed"), t0);
    assert_eq!(next, WaitNext::Finished(Box::new(task("failed"))));
}

#[test]
fn a_stopped_task_finishes_the_wait() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (_, next) = waiter.handle_task(task("stopped"), t0);
    assert_eq!(next, WaitNext::Finished(Box::new(task("stopped"))));
}

#[test]
fn a_task_that_finishes_on_a_later_poll_reports_its_last_change() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task_at("inprogress", 0, 2), t0);
    let (update, next) = waiter.handle_task(task_at("completed", 2, 2), t0 + secs(1));
    assert_eq!(said(update), Some((task_at("completed", 2, 2), secs(1), 2)));
    assert_eq!(next, WaitNext::Finished(Box::new(task_at("completed", 2, 2))));
    assert_eq!(waiter.last_seen(), Some(&TaskProgress::of(&task_at("completed", 2, 2))));
}

#[test]
fn a_task_without_a_status_is_not_finished() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (_, next) = waiter.handle_task(Task::default(), t0);
    assert_eq!(next, WaitNext::PollAt(t0 + secs(1)));
}

#[test]
fn a_task_that_is_init_is_not_finished() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (_, next) = waiter.handle_task(task("init"), t0);
    assert_eq!(next, WaitNext::PollAt(t0 + secs(1)));
}

// --- Updates -------------------------------------------------------------------------------------

#[test]
fn the_first_poll_always_reports_the_task() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (update, _) = waiter.handle_task(task_at("inprogress", 0, 3), t0 + ms(120));
    assert_eq!(said(update), Some((task_at("inprogress", 0, 3), ms(120), 1)));
}

#[test]
fn a_first_poll_of_a_task_without_a_status_is_reported() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (update, _) = waiter.handle_task(Task::default(), t0);
    assert_eq!(said(update), Some((Task::default(), Duration::ZERO, 1)));
}

#[test]
fn a_repeated_identical_poll_reports_nothing() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task_at("inprogress", 1, 3), t0);
    let (update, next) = waiter.handle_task(task_at("inprogress", 1, 3), t0 + secs(1));
    assert_eq!(said(update), None);
    assert_eq!(next, WaitNext::PollAt(t0 + ms(2_500)));
    assert_eq!(waiter.polls(), 2);
}

#[test]
fn a_change_of_status_is_reported() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task_at("init", 0, 3), t0);
    let (update, _) = waiter.handle_task(task_at("inprogress", 0, 3), t0 + secs(1));
    assert_eq!(said(update), Some((task_at("inprogress", 0, 3), secs(1), 2)));
}

#[test]
fn a_change_of_progress_is_reported() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task_at("inprogress", 0, 3), t0);
    let (update, _) = waiter.handle_task(task_at("inprogress", 1, 3), t0 + secs(1));
    assert_eq!(said(update), Some((task_at("inprogress", 1, 3), secs(1), 2)));
}

#[test]
fn a_change_of_total_is_reported() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task_at("inprogress", 1, 3), t0);
    let (update, _) = waiter.handle_task(task_at("inprogress", 1, 4), t0 + secs(1));
    assert_eq!(said(update), Some((task_at("inprogress", 1, 4), secs(1), 2)));
}

#[test]
fn a_change_of_succeeded_actions_is_reported() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task("inprogress"), t0);
    let mut later = task("inprogress");
    later.succeed = Some(1);
    let (update, _) = waiter.handle_task(later.clone(), t0 + secs(1));
    assert_eq!(said(update), Some((later, secs(1), 2)));
}

#[test]
fn a_change_of_failed_actions_is_reported() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task("inprogress"), t0);
    let mut later = task("inprogress");
    later.failed = Some(1);
    let (update, _) = waiter.handle_task(later.clone(), t0 + secs(1));
    assert_eq!(said(update), Some((later, secs(1), 2)));
}

#[test]
fn a_change_in_other_fields_alone_is_not_reported() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let _ = waiter.handle_task(task_at("inprogress", 1, 3), t0);
    let mut renamed = task_at("inprogress", 1, 3);
    renamed.name = Some("Office365 Emails Manual Action".to_owned());
    renamed.owner = Some("someone".to_owned());
    let (update, _) = waiter.handle_task(renamed.clone(), t0 + secs(1));
    assert_eq!(said(update), None);
    assert_eq!(waiter.last_seen(), Some(&TaskProgress::of(&renamed)));
}

#[test]
fn a_paused_task_is_reported_and_waiting_goes_on() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (update, next) = waiter.handle_task(task("paused"), t0);
    let update = update.expect("the first poll reports");
    assert!(update.is_paused());
    assert!(!update.is_unknown_status());
    assert_eq!(next, WaitNext::PollAt(t0 + secs(1)));
}

#[test]
fn an_unknown_status_is_reported_and_waiting_goes_on() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (update, next) = waiter.handle_task(task("archiving"), t0);
    let update = update.expect("the first poll reports");
    assert!(update.is_unknown_status());
    assert!(!update.is_paused());
    assert_eq!(next, WaitNext::PollAt(t0 + secs(1)));
}

#[test]
fn a_task_in_progress_is_neither_paused_nor_unknown() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let (update, _) = waiter.handle_task(task("inprogress"), t0);
    let update = update.expect("the first poll reports");
    assert_eq!((update.is_paused(), update.is_unknown_status()), (false, false));
}

// --- The timeout ---------------------------------------------------------------------------------

#[test]
fn a_task_still_running_at_the_deadline_times_out() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default().with_timeout(secs(10)), t0);
    for at in [0, 1_000, 2_500, 4_750, 8_125] {
        let _ = waiter.handle_task(task_at("inprogress", 1, 3), t0 + ms(at));
    }
    let (_, next) = waiter.handle_task(task_at("inprogress", 2, 3), t0 + secs(10));
    assert_eq!(
        next,
        WaitNext::TimedOut(Error::WaitTimedOut {
            last_task: Some(Box::new(task_at("inprogress", 2, 3))),
            elapsed: secs(10),
            polls: 6,
        })
    );
}

#[test]
fn a_poll_answered_after_the_deadline_times_out_with_its_elapsed_time() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default().with_timeout(secs(2)), t0);
    let _ = waiter.handle_task(task("inprogress"), t0);
    let (_, next) = waiter.handle_task(task("paused"), t0 + ms(2_300));
    assert_eq!(
        next,
        WaitNext::TimedOut(Error::WaitTimedOut {
            last_task: Some(Box::new(task("paused"))),
            elapsed: ms(2_300),
            polls: 2,
        })
    );
}

#[test]
fn a_task_that_finishes_at_the_deadline_is_finished_not_timed_out() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default().with_timeout(secs(2)), t0);
    let _ = waiter.handle_task(task("inprogress"), t0);
    let (_, next) = waiter.handle_task(task("completed"), t0 + secs(2));
    assert_eq!(next, WaitNext::Finished(Box::new(task("completed"))));
}

#[test]
fn a_zero_timeout_times_out_on_the_first_poll_of_a_running_task() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default().with_timeout(Duration::ZERO), t0);
    let (update, next) = waiter.handle_task(task("init"), t0);
    assert_eq!(said(update), Some((task("init"), Duration::ZERO, 1)));
    assert_eq!(
        next,
        WaitNext::TimedOut(Error::WaitTimedOut {
            last_task: Some(Box::new(task("init"))),
            elapsed: Duration::ZERO,
            polls: 1,
        })
    );
}

#[test]
fn with_timeout_sets_the_deadline() {
    let t0 = Instant::now();
    let waiter = Waiter::new(&WaitPolicy::default().with_timeout(secs(30)), t0);
    assert_eq!(waiter.deadline(), t0 + secs(30));
}

// --- Policy settings -----------------------------------------------------------------------------

#[test]
fn with_first_interval_sets_the_first_wait_and_growth_goes_on_from_it() {
    // Intervals 2, 3, 4.5, 6.75, 10.125, then 15 s.
    let policy = WaitPolicy::default().with_first_interval(secs(2));
    assert_eq!(schedule(&policy, 6), [2_000, 5_000, 9_500, 16_250, 26_375, 41_375].map(ms));
}

#[test]
fn a_first_interval_above_the_longest_raises_the_longest() {
    let policy = WaitPolicy::default().with_first_interval(secs(20));
    assert_eq!(policy.max_interval(), secs(20));
    assert_eq!(schedule(&policy, 3), [20, 40, 60].map(secs));
}

#[test]
fn with_factor_sets_the_growth() {
    let policy = WaitPolicy::default().with_factor(2.0);
    assert_eq!(schedule(&policy, 6), [1, 3, 7, 15, 30, 45].map(secs));
}

#[test]
fn a_factor_below_one_is_raised_to_one() {
    let policy = WaitPolicy::default().with_factor(0.5);
    assert_eq!(policy.factor(), 1.0);
    assert_eq!(schedule(&policy, 4), [1, 2, 3, 4].map(secs));
}

#[test]
fn a_factor_that_is_not_a_number_becomes_one() {
    assert_eq!(WaitPolicy::default().with_factor(f64::NAN).factor(), 1.0);
}

#[test]
fn with_max_interval_caps_the_growth() {
    // Intervals 1, 1.5, 2.25, then 3 s.
    let policy = WaitPolicy::default().with_max_interval(secs(3));
    assert_eq!(schedule(&policy, 5), [1_000, 2_500, 4_750, 7_750, 10_750].map(ms));
}

#[test]
fn a_longest_interval_below_the_first_is_raised_to_the_first() {
    let policy = WaitPolicy::default().with_max_interval(ms(500));
    assert_eq!(policy.max_interval(), secs(1));
    assert_eq!(schedule(&policy, 3), [1, 2, 3].map(secs));
}

// --- Durations too long to add to an Instant -----------------------------------------------------

#[test]
fn a_timeout_too_long_for_the_clock_waits_without_a_deadline() {
    // `Duration::MAX` is how a caller says "wait as long as it takes".
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default().with_timeout(Duration::MAX), t0);
    let (_, next) = waiter.handle_task(task("inprogress"), t0);
    assert_eq!(next, WaitNext::PollAt(t0 + secs(1)));
}

#[test]
fn a_huge_growth_factor_is_capped_by_the_longest_interval() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default().with_factor(1e300), t0);
    let (_, first) = waiter.handle_task(task("inprogress"), t0);
    assert_eq!(first, WaitNext::PollAt(t0 + secs(1)));
    let (_, second) = waiter.handle_task(task("inprogress"), t0 + secs(1));
    assert_eq!(second, WaitNext::PollAt(t0 + secs(16)));
}

#[test]
fn the_waiter_keeps_the_status_and_counts_and_hands_the_task_back() {
    // A task with a large field this version does not know: the waiter must not hold it.
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default(), t0);
    let padding = "0,".repeat(512 * 1024);
    let text = format!(r#"{{"id":7,"status":"inprogress","progress":1,"total":3,"padding":[{padding}0]}}"#);
    let big: Task = serde_json::from_str(&text).expect("a task");
    let (update, next) = waiter.handle_task(big, t0);
    assert_eq!(next, WaitNext::PollAt(t0 + secs(1)));
    let update = update.expect("the first poll is a change");
    assert_eq!(update.task.raw().get(), text, "the update carries the task as sent");
    let mut seen = TaskProgress::default();
    seen.status = Some(hec_proto::TaskStatus::InProgress);
    (seen.progress, seen.total) = (Some(1), Some(3));
    assert_eq!(waiter.last_seen(), Some(&seen));
}

// --- A failed poll -------------------------------------------------------------------------------

fn timeout_failure() -> Error {
    Error::Transport(hec_proto::TransportError::new(hec_proto::TransportErrorKind::Timeout, "timed out"))
}

#[test]
fn a_poll_cut_short_at_the_deadline_is_the_wait_timing_out_with_the_status_and_counts_seen() {
    let t0 = Instant::now();
    let mut waiter = Waiter::new(&WaitPolicy::default().with_timeout(secs(5)), t0);
    let _ = waiter.handle_task(task_at("inprogress", 1, 3), t0);
    // The waiter kept the status and counts, not the task.
    let mut seen = Task::default();
    (seen.status, seen.progress, seen.total) = (Some(hec_proto::TaskStatus::InProgress), Some(1), Some(3));
    assert_eq!(seen.raw().get(), "{}");
    let gave_up = Error::GaveUp {
        attempts: 1,
        elapsed: ms(3_000),
        deadline_reached: true,
        last: Box::new(timeout_failure()),
    };
    assert_eq!(
        waiter.handle_error(gave_up, t0 + ms(5_004)),
        Error::WaitTimedOut { last_task: Some(Box::new(seen.clone())), elapsed: ms(5_004), polls: 1 }
    );
    assert_eq!(
        waiter.handle_error(timeout_failure(), t0 + secs(5)),
        Error::WaitTimedOut { last_task: Some(Box::new(seen)), elapsed: secs(5), polls: 1 }
    );
}

#[test]
fn a_failed_poll_before_the_deadline_is_returned_as_it_is() {
    let t0 = Instant::now();
    let waiter = Waiter::new(&WaitPolicy::default().with_timeout(secs(5)), t0);
    assert_eq!(waiter.handle_error(timeout_failure(), t0 + ms(4_999)), timeout_failure());
}

#[test]
fn a_refusal_past_the_deadline_is_returned_as_it_is() {
    let t0 = Instant::now();
    let waiter = Waiter::new(&WaitPolicy::default().with_timeout(secs(5)), t0);
    let refused =
        support::task_failure(&support::response(401, &[], r#"{"message":"Authentication required"}"#));
    assert_eq!(waiter.handle_error(refused.clone(), t0 + secs(6)), refused);
}
