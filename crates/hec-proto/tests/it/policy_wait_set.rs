//! `WaitSet`: which task is due, what each answer changes, and each task's outcome reported
//! exactly once, on a virtual clock (`t0` stepped by hand; nothing sleeps).

use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::support::{fixture_failure, ms, task, task_at, transport};
use hec_proto::policy::{TaskPoll, WaitEvent, WaitPolicy, WaitSet};
use hec_proto::{Error, Task, TaskId, TransportErrorKind};

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

fn ids(n: u64) -> Vec<TaskId> {
    (1..=n).map(TaskId::from).collect()
}

fn set(n: u64, t0: Instant) -> WaitSet {
    WaitSet::new(ids(n), &WaitPolicy::default(), t0)
}

/// The indexes of every poll due at `now`, taken in order.
fn due(set: &mut WaitSet, now: Instant) -> Vec<usize> {
    std::iter::from_fn(|| set.poll_due(now)).map(|poll| poll.index).collect()
}

/// Every queued event, as short text: `update 0 inprogress` or `finished 1 completed`/`finished 1 error kind`.
fn events(set: &mut WaitSet) -> Vec<String> {
    std::iter::from_fn(|| set.poll_event()).map(|event| describe(&event)).collect()
}

fn describe(event: &WaitEvent) -> String {
    let status = |task: &Task| task.status.as_ref().map_or("-", |s| s.as_str()).to_owned();
    match event {
        WaitEvent::Update { index, update, .. } => format!("update {index} {}", status(&update.task)),
        WaitEvent::Finished { index, outcome: Ok(task), .. } => format!("finished {index} {}", status(task)),
        WaitEvent::Finished { index, outcome: Err(error), .. } => {
            format!("finished {index} error {}", error.kind_name())
        }
    }
}

fn refused() -> Error {
    fixture_failure("token-401")
}

/// A set of `n` whose first poll (task 0) has answered `inprogress` at `t0`: every other task is
/// due at `t0`, task 0 at `t0 + 1 s`.
fn probed(n: u64, t0: Instant) -> WaitSet {
    let mut set = set(n, t0);
    assert_eq!(set.poll_due(t0).map(|poll| poll.index), Some(0));
    set.handle_answer(0, Ok(task("inprogress")), t0);
    assert_eq!(events(&mut set), ["update 0 inprogress"]);
    set
}

// --- Which poll is due -----------------------------------------------------------------------------

#[test]
fn the_first_poll_goes_alone_then_every_other_is_due_at_once_in_the_order_given() {
    let t0 = Instant::now();
    let mut set = set(3, t0);
    assert_eq!(set.poll_due(t0).map(|poll| (poll.index, poll.id.to_string())), Some((0, "1".to_owned())));
    assert_eq!((set.poll_due(t0), set.next_due()), (None, None), "nothing more until it answers");
    set.handle_answer(0, Ok(task("inprogress")), t0 + ms(100));
    let polls: Vec<TaskPoll> = std::iter::from_fn(|| set.poll_due(t0 + ms(100))).collect();
    let seen: Vec<(usize, &str, Instant)> =
        polls.iter().map(|poll| (poll.index, poll.id.as_str(), poll.deadline)).collect();
    assert_eq!(seen, [(1, "2", t0 + secs(600)), (2, "3", t0 + secs(600))]);
    assert_eq!((set.polling(), set.next_due()), (2, Some(t0 + ms(1_100))));
}

#[test]
fn a_task_being_polled_is_not_due_again_until_its_answer_arrives() {
    let t0 = Instant::now();
    let mut set = set(1, t0);
    assert_eq!(due(&mut set, t0), [0]);
    assert_eq!(set.next_due(), None);
    assert_eq!(due(&mut set, t0 + secs(60)), Vec::<usize>::new());
}

#[test]
fn the_next_poll_is_timed_from_when_the_answer_arrived() {
    let t0 = Instant::now();
    let mut set = set(1, t0);
    let poll = set.poll_due(t0).expect("due at once");
    set.handle_answer(poll.index, Ok(task("inprogress")), t0 + ms(150));
    assert_eq!(set.next_due(), Some(t0 + ms(1_150)));
    assert_eq!(set.poll_due(t0 + ms(1_149)), None);
    assert_eq!(due(&mut set, t0 + ms(1_150)), [0]);
}

#[test]
fn the_earliest_due_task_goes_first_and_a_tie_goes_to_the_task_given_first() {
    let t0 = Instant::now();
    let mut set = probed(3, t0); // task 0 due at 1 s
    assert_eq!(due(&mut set, t0), [1, 2]);
    set.handle_answer(2, Ok(task("inprogress")), t0); // due at 1 s, a tie with task 0
    set.handle_answer(1, Ok(task("inprogress")), t0 + ms(500)); // due at 1.5 s
    assert_eq!(set.next_due(), Some(t0 + secs(1)));
    assert_eq!(due(&mut set, t0 + secs(2)), [0, 2, 1]);
}

#[test]
fn only_as_many_polls_go_out_as_the_driver_asks_for() {
    // A driver with two lanes asks twice, then waits for an answer.
    let t0 = Instant::now();
    let mut set = probed(5, t0);
    assert_eq!(set.poll_due(t0).map(|p| p.index), Some(1));
    assert_eq!(set.poll_due(t0).map(|p| p.index), Some(2));
    assert_eq!(set.next_due(), Some(t0), "tasks 3 and 4 are overdue, waiting for a lane");
    set.handle_answer(1, Ok(task("inprogress")), t0 + ms(150));
    assert_eq!(set.poll_due(t0 + ms(150)).map(|p| p.index), Some(3));
}

// --- What is reported ------------------------------------------------------------------------------

#[test]
fn changes_are_reported_as_they_happen_then_the_outcome_once() {
    let t0 = Instant::now();
    let mut set = set(1, t0);
    let mut now = t0;
    for answer in [
        task_at("init", 0, 2),
        task_at("inprogress", 1, 2),
        task_at("inprogress", 1, 2),
        task_at("completed", 2, 2),
    ] {
        let poll = set.poll_due(now).expect("a poll is due");
        set.handle_answer(poll.index, Ok(answer), now);
        now = set.next_due().unwrap_or(now);
    }
    assert_eq!(
        events(&mut set),
        ["update 0 init", "update 0 inprogress", "update 0 completed", "finished 0 completed"]
    );
    assert!(set.is_done());
    assert_eq!(set.poll_due(now + secs(60)), None);
}

#[test]
fn an_update_says_how_long_and_how_many_polls_it_took() {
    let t0 = Instant::now();
    let mut set = set(1, t0);
    let poll = set.poll_due(t0).expect("due");
    set.handle_answer(poll.index, Ok(task("inprogress")), t0 + ms(150));
    match set.poll_event() {
        Some(WaitEvent::Update { index: 0, id, update }) => {
            assert_eq!((id.as_str(), update.elapsed, update.polls), ("1", ms(150), 1));
        }
        other => panic!("expected the first update, got {other:?}"),
    }
}

#[test]
fn failed_and_stopped_tasks_are_outcomes_not_errors() {
    let t0 = Instant::now();
    let mut set = set(2, t0);
    assert_eq!(due(&mut set, t0), [0]);
    set.handle_answer(0, Ok(task("failed")), t0);
    assert_eq!(due(&mut set, t0), [1]);
    set.handle_answer(1, Ok(task("stopped")), t0);
    assert_eq!(
        events(&mut set),
        ["update 0 failed", "finished 0 failed", "update 1 stopped", "finished 1 stopped"]
    );
    assert!(set.is_done());
}

#[test]
fn a_failed_poll_ends_its_task_and_no_other() {
    let t0 = Instant::now();
    let mut set = set(2, t0);
    assert_eq!(due(&mut set, t0), [0]);
    set.handle_answer(0, Err(transport(TransportErrorKind::Timeout)), t0 + secs(30));
    assert_eq!(due(&mut set, t0 + secs(30)), [1]);
    set.handle_answer(1, Ok(task("inprogress")), t0 + ms(30_100));
    assert_eq!(events(&mut set), ["finished 0 error timeout", "update 1 inprogress"]);
    assert_eq!((set.unfinished(), set.next_due()), (1, Some(t0 + ms(31_100))));
}

#[test]
fn every_task_times_out_at_the_timeout_counted_from_the_start_of_the_set() {
    let t0 = Instant::now();
    let policy = WaitPolicy::default().with_timeout(secs(10));
    let mut set = WaitSet::new(ids(2), &policy, t0);
    assert_eq!(set.poll_due(t0).map(|p| p.index), Some(0));
    set.handle_answer(0, Ok(task("inprogress")), t0);
    // Task 2 waited for a lane until 9.5 s: its deadline is still 10 s after the start.
    let late = set.poll_due(t0 + ms(9_500)).expect("task 2 is overdue");
    assert_eq!((late.index, late.deadline), (1, t0 + secs(10)));
    set.handle_answer(1, Ok(task("inprogress")), t0 + secs(10));
    let _ = events(&mut set);
    assert_eq!(set.poll_event(), None);
    match set.poll_due(t0 + secs(10)) {
        Some(poll) => {
            set.handle_answer(poll.index, Ok(task("inprogress")), t0 + secs(10));
        }
        None => panic!("task 1's last poll is due at the deadline"),
    }
    assert_eq!(events(&mut set), ["finished 0 error wait_timeout"]);
    assert_eq!(set.unfinished(), 0);
}

#[test]
fn refused_credentials_end_every_task_at_once_and_late_answers_are_ignored() {
    let t0 = Instant::now();
    let mut set = probed(4, t0);
    // Tasks 1 and 2 are being polled, 3 is due, 0 is waiting; 2's poll comes back refused.
    assert_eq!((set.poll_due(t0).map(|p| p.index), set.poll_due(t0).map(|p| p.index)), (Some(1), Some(2)));
    set.handle_answer(2, Err(refused()), t0 + ms(50));
    assert_eq!(
        events(&mut set),
        [
            "finished 2 error bad_credentials",
            "finished 0 error bad_credentials",
            "finished 1 error bad_credentials",
            "finished 3 error bad_credentials",
        ]
    );
    assert!(set.is_done());
    assert_eq!((set.polling(), set.next_due(), set.poll_due(t0 + secs(60))), (0, None, None));
    // Task 1's poll answers afterwards: nothing more is reported.
    set.handle_answer(1, Ok(task("completed")), t0 + ms(60));
    assert_eq!(set.poll_event(), None);
}

#[test]
fn a_refused_first_poll_ends_every_task_before_another_is_sent() {
    let t0 = Instant::now();
    let mut set = set(3, t0);
    assert_eq!(due(&mut set, t0), [0]);
    set.handle_answer(0, Err(refused()), t0 + ms(50));
    assert_eq!(
        events(&mut set),
        [
            "finished 0 error bad_credentials",
            "finished 1 error bad_credentials",
            "finished 2 error bad_credentials"
        ]
    );
    assert_eq!(set.poll_due(t0 + secs(60)), None);
}

#[test]
fn a_configuration_error_ends_every_task_too() {
    let t0 = Instant::now();
    let mut set = set(2, t0);
    assert_eq!(set.poll_due(t0).map(|p| p.index), Some(0));
    set.handle_answer(
        0,
        Err(Error::Config(hec_proto::ConfigError::TokenHeader(hec_proto::InvalidTokenHeader))),
        t0,
    );
    assert_eq!(events(&mut set), ["finished 0 error config", "finished 1 error config"]);
}

#[test]
fn an_api_error_ends_only_its_task() {
    let t0 = Instant::now();
    let mut set = set(2, t0);
    assert_eq!(due(&mut set, t0), [0]);
    set.handle_answer(0, Err(fixture_failure("not-found-404")), t0);
    assert_eq!(events(&mut set), ["finished 0 error not_found"]);
    assert_eq!((set.unfinished(), set.polling()), (1, 0));
    assert_eq!(due(&mut set, t0), [1]);
}

#[test]
fn an_answer_for_a_task_that_is_not_being_polled_is_ignored() {
    let t0 = Instant::now();
    let mut set = set(1, t0);
    set.handle_answer(0, Ok(task("completed")), t0);
    set.handle_answer(7, Ok(task("completed")), t0);
    assert_eq!((set.poll_event(), set.unfinished(), set.next_due()), (None, 1, Some(t0)));
}

#[test]
fn an_empty_set_is_done_at_once() {
    let t0 = Instant::now();
    let mut set = WaitSet::new(Vec::new(), &WaitPolicy::default(), t0);
    assert!(set.is_done() && set.is_empty());
    assert_eq!((set.poll_due(t0), set.next_due()), (None, None));
}

#[test]
fn the_set_is_done_only_once_its_events_are_taken() {
    let t0 = Instant::now();
    let mut set = set(1, t0);
    let poll = set.poll_due(t0).expect("due");
    set.handle_answer(poll.index, Ok(task("completed")), t0);
    assert_eq!(set.unfinished(), 0);
    assert!(!set.is_done());
    let _ = events(&mut set);
    assert!(set.is_done());
}

#[test]
fn a_repeated_id_is_waited_for_twice() {
    let t0 = Instant::now();
    let mut set = WaitSet::new([TaskId::from(5), TaskId::from(5)], &WaitPolicy::default(), t0);
    assert_eq!(due(&mut set, t0), [0]);
    set.handle_answer(0, Ok(task("completed")), t0);
    assert_eq!(due(&mut set, t0), [1]);
    set.handle_answer(1, Ok(task("completed")), t0);
    assert_eq!(
        events(&mut set),
        ["update 0 completed", "finished 0 completed", "update 1 completed", "finished 1 completed"]
    );
}

// --- A driver's loop on the virtual clock -----------------------------------------------------------

/// What a simulated driver saw: every event with the time it was taken, and every poll sent
/// (time, task index).
struct Run {
    events: Vec<(Duration, WaitEvent)>,
    sent: Vec<(Duration, usize)>,
}

/// Runs a driver with `lanes` polls at once, each answered `rtt` after it is sent by `answer`
/// (the poll and the number of that task's poll, from 1), until the set is done. Returns every
/// event with the instant it was taken, and the instants polls were sent.
fn drive(
    set: &mut WaitSet,
    t0: Instant,
    lanes: usize,
    rtt: Duration,
    mut answer: impl FnMut(&TaskPoll, u32) -> Result<Task, Error>,
) -> Run {
    let mut now = t0;
    let mut out: Vec<(Instant, TaskPoll)> = Vec::new();
    let mut polls_of: HashMap<usize, u32> = HashMap::new();
    let (mut events, mut sent) = (Vec::new(), Vec::new());
    for _ in 0..100_000 {
        while let Some(event) = set.poll_event() {
            events.push((now - t0, event));
        }
        if set.is_done() {
            return Run { events, sent };
        }
        while out.len() < lanes {
            let Some(poll) = set.poll_due(now) else { break };
            sent.push((now - t0, poll.index));
            out.push((now + rtt, poll));
        }
        let next_answer = out.iter().map(|(at, _)| *at).min();
        let next_due = (out.len() < lanes).then(|| set.next_due()).flatten();
        now = match (next_answer, next_due) {
            (Some(a), Some(d)) => a.min(d).max(now),
            (Some(a), None) => a,
            (None, Some(d)) => d.max(now),
            (None, None) => panic!("nothing to wait for, yet the set is not done"),
        };
        if let Some(position) = out.iter().position(|(at, _)| *at <= now) {
            let (_, poll) = out.remove(position);
            let count = polls_of.entry(poll.index).or_default();
            *count += 1;
            let result = answer(&poll, *count);
            set.handle_answer(poll.index, result, now);
        }
    }
    panic!("the driver loop did not end");
}

#[test]
fn with_every_kind_of_ending_each_task_finishes_exactly_once_after_its_updates() {
    let t0 = Instant::now();
    let policy = WaitPolicy::default().with_timeout(secs(20));
    let mut set = WaitSet::new(ids(6), &policy, t0);
    let Run { events, .. } = drive(&mut set, t0, 2, ms(150), |poll, n| match (poll.index, n) {
        (0, 1) => Ok(task("inprogress")),
        (0, _) => Ok(task("completed")),
        (1, _) => Ok(task("failed")),
        (2, 3) => Ok(task("stopped")),
        (2, _) => Ok(task("inprogress")),
        (3, _) => Ok(task("inprogress")), // never finishes: times out
        (4, _) => Err(fixture_failure("not-found-404")),
        _ => Err(transport(TransportErrorKind::Connect)),
    });
    let mut finished = vec![0; 6];
    for (position, (_, event)) in events.iter().enumerate() {
        if let WaitEvent::Finished { index, .. } = event {
            finished[*index] += 1;
            let later = events[position + 1..].iter().filter(|(_, e)| e.index() == *index).count();
            assert_eq!(later, 0, "task {index} has events after its outcome");
        }
    }
    assert_eq!(finished, [1; 6]);
    let outcomes: Vec<String> = events
        .iter()
        .filter(|(_, event)| matches!(event, WaitEvent::Finished { .. }))
        .map(|(_, event)| describe(event))
        .collect();
    assert_eq!(
        outcomes,
        [
            "finished 1 failed",
            "finished 4 error not_found",
            "finished 5 error connect",
            "finished 0 completed",
            "finished 2 stopped",
            "finished 3 error wait_timeout",
        ]
    );
    // The last poll goes out at the 20 s deadline; its answer ends the wait.
    assert_eq!(events.last().map(|(at, _)| *at), Some(ms(20_150)));
}

#[test]
fn a_driver_never_has_more_polls_out_than_its_lanes() {
    let t0 = Instant::now();
    let mut set = set(10, t0);
    let Run { sent, .. } =
        drive(&mut set, t0, 3, ms(150), |_, n| Ok(task(if n < 3 { "inprogress" } else { "completed" })));
    assert_eq!(sent.len(), 30);
    // The first poll alone; once it answers (150 ms), the other 9 in waves of 3 lanes.
    let first_polls: Vec<Duration> = sent.iter().take(10).map(|(at, _)| *at).collect();
    assert_eq!(first_polls, [0, 150, 150, 150, 300, 300, 300, 450, 450, 450].map(ms));
}

// --- How many polls a timed-out wait counts --------------------------------------------------------

/// A poll cut at the deadline: the call gave up at it, after `attempts` requests.
fn cut_at_the_deadline(attempts: u32) -> Error {
    Error::GaveUp {
        attempts,
        elapsed: secs(10),
        deadline_reached: true,
        last: Box::new(transport(TransportErrorKind::Timeout)),
    }
}

/// The `polls` of the only event left, a task's `WaitTimedOut`.
fn timed_out_polls(set: &mut WaitSet) -> u32 {
    match set.poll_event() {
        Some(WaitEvent::Finished { outcome: Err(Error::WaitTimedOut { polls, .. }), .. }) => polls,
        other => panic!("expected a timed-out wait, got {other:?}"),
    }
}

#[test]
fn a_timed_out_wait_counts_every_request_sent_answered_503_or_not_answered() {
    let t0 = Instant::now();
    let policy = WaitPolicy::default().with_timeout(secs(10));
    let mut set = WaitSet::new(ids(1), &policy, t0);
    // The first poll was answered 503, then retried and answered: two requests.
    let poll = set.poll_due(t0).expect("due at once");
    set.handle_polled(poll.index, Ok(task("inprogress")), 2, t0 + ms(300));
    let _ = events(&mut set);
    // The second was answered 503 twice, then cut at the deadline: three requests.
    let poll = set.poll_due(t0 + ms(1_300)).expect("due 1 s after the answer");
    set.handle_polled(poll.index, Err(cut_at_the_deadline(3)), 3, t0 + secs(10));
    assert_eq!(timed_out_polls(&mut set), 5);
}

#[test]
fn a_poll_that_never_got_past_the_gate_counts_no_request() {
    let t0 = Instant::now();
    let policy = WaitPolicy::default().with_timeout(secs(10));
    let mut set = WaitSet::new(ids(1), &policy, t0);
    let poll = set.poll_due(t0).expect("due at once");
    set.handle_polled(poll.index, Err(cut_at_the_deadline(0)), 0, t0 + secs(10));
    assert_eq!(timed_out_polls(&mut set), 0);
}

#[test]
fn handle_answer_counts_one_request_per_task_and_none_per_error() {
    let t0 = Instant::now();
    let policy = WaitPolicy::default().with_timeout(secs(10));
    let mut set = WaitSet::new(ids(1), &policy, t0);
    let poll = set.poll_due(t0).expect("due at once");
    set.handle_answer(poll.index, Ok(task("inprogress")), t0);
    let _ = events(&mut set);
    let poll = set.poll_due(t0 + secs(1)).expect("due 1 s after the answer");
    set.handle_answer(poll.index, Err(cut_at_the_deadline(2)), t0 + secs(10));
    assert_eq!(timed_out_polls(&mut set), 1);
}
