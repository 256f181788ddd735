//! Waiting for a campaign: the release `hec` binary runs `hec task wait -` on 300 task ids against
//! the mock gateway 150 ms away (every request's headers delayed that long), each task
//! completing 10 s after its first poll; once as it is, once with the gateway answering 429
//! (`Retry-After: 1`) past 40 requests a second. Its wall time is compared with the ideal: one
//! task's detection time on the default poll schedule plus two round trips.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};
use hec_proto::endpoint::TASK_PATH;
use hec_proto::policy::WaitPolicy;

use crate::report::{Row, Target};

/// Tasks waited for.
const TASKS: u64 = 300;
/// What the gateway adds to every request.
const LATENCY: Duration = Duration::from_millis(150);
/// How long after its first poll each task completes.
const DONE_AFTER: Duration = Duration::from_secs(10);
/// The rate-limited gateway's requests per second.
const RATE: usize = 40;

/// What one run of `hec task wait` did.
struct Run {
    wall: Duration,
    exit: Option<i32>,
    completed: usize,
    task_requests: usize,
    all_requests: usize,
    throttled: usize,
}

/// The `hec` binary built beside this one (`cargo xtask bench` builds both in release mode).
fn hec_binary() -> Option<PathBuf> {
    let hec = std::env::current_exe().ok()?.parent()?.join("hec");
    hec.is_file().then_some(hec)
}

/// One task's detection time on the default schedule (the first poll at or after `DONE_AFTER`)
/// plus two round trips: the first poll's and the detecting poll's.
fn ideal() -> Duration {
    let policy = WaitPolicy::default();
    let (mut at, mut interval) = (Duration::ZERO, policy.first_interval());
    while at < DONE_AFTER {
        at += interval;
        interval = interval.mul_f64(policy.factor()).min(policy.max_interval());
    }
    at + 2 * LATENCY
}

/// Runs `hec task wait -` with `TASKS` ids against a fresh mock, rate-limited to `rate`
/// requests a second if given.
fn run(hec: &PathBuf, rate: Option<usize>) -> Run {
    let mock = MockGateway::builder()
        .default_script(TaskScript::timed([
            (Duration::ZERO, TaskStep::new("inprogress").progress(0).total(1)),
            (DONE_AFTER, TaskStep::new("completed").progress(1).total(1)),
        ]))
        .worker_threads(2)
        .start();
    if let Some(rate) = rate {
        mock.fault(
            FaultRule::any_path().past_rate(rate, Duration::from_secs(1)).then(
                Fault::status(429).header("retry-after", "1").json(r#"{"message":"Too Many Requests"}"#),
            ),
        );
    }
    mock.fault(FaultRule::any_path().always().then(Fault::DelayHeaders(LATENCY)));
    let ids: String =
        (1_767_225_700_000_000..1_767_225_700_000_000 + TASKS).map(|n| format!("{n}\n")).collect();
    let mut command = Command::new(hec);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("HEC_") {
            command.env_remove(name);
        }
    }
    let started = Instant::now();
    let mut child = command
        .args(["task", "wait", "-", "-o", "json", "--base-url", &mock.base_url()])
        .env("HEC_CLIENT_ID", mock.client_id())
        .env("HEC_ACCESS_KEY", mock.access_key())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the hec binary runs");
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(ids.as_bytes()).expect("hec reads the ids");
    }
    let output = child.wait_with_output().expect("hec ends");
    let wall = started.elapsed();
    let completed = String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|task| task["status"] == "completed")
        .count();
    let throttled = if rate.is_some() { mock.faults_fired().first().copied().unwrap_or(0) } else { 0 };
    Run {
        wall,
        exit: output.status.code(),
        completed,
        task_requests: mock.requests_to(TASK_PATH).len(),
        all_requests: mock.requests().len(),
        throttled,
    }
}

/// The rows: wall time against the ideal and polls per task, then the same run against the
/// rate-limited gateway with its share of 429s.
pub(crate) fn rows() -> Vec<Row> {
    let Some(hec) = hec_binary() else {
        return vec![Row::note(
            "hec task wait, 300 tasks, gateway 150 ms away",
            "skipped: no release `hec` beside hec-bench",
            "run `cargo xtask bench`",
        )];
    };
    let ideal = ideal();
    let ideal_text =
        format!("{:.2} s (ideal: detection on the default schedule + 2 round trips)", ideal.as_secs_f64());
    let mut rows = Vec::new();
    for (rate, name) in [(None, "gateway 150 ms away"), (Some(RATE), "429 past 40 req/s")] {
        let run = run(&hec, rate);
        let ratio = run.wall.as_secs_f64() / ideal.as_secs_f64();
        let polls = run.task_requests as f64 / TASKS as f64;
        let measure = format!("`hec task wait -`, {TASKS} tasks done 10 s after their first poll, {name}");
        let all_done = run.completed == TASKS as usize && run.exit == Some(0);
        rows.push(Row {
            measure: format!("{measure}: wall time"),
            hec: format!("{:.2} s", run.wall.as_secs_f64()),
            baseline: ideal_text.clone(),
            ratio: format!("{ratio:.2}x"),
            target: if rate.is_none() { Target::AtMost(1.5).to_string() } else { "report".to_owned() },
            met: rate.is_none().then_some(ratio <= 1.5 && all_done),
        });
        rows.push(Row {
            measure: format!("{measure}: task requests per task"),
            hec: format!("{polls:.2}"),
            baseline: format!(
                "{} task requests, {} completed, exit {}",
                run.task_requests,
                run.completed,
                run.exit.map_or_else(|| "by a signal".to_owned(), |code| code.to_string())
            ),
            ratio: String::new(),
            target: if rate.is_none() { "<= 8".to_owned() } else { "report".to_owned() },
            met: rate.is_none().then_some(polls <= 8.0),
        });
        if rate.is_some() {
            let share = run.throttled as f64 / run.all_requests.max(1) as f64;
            rows.push(Row {
                measure: format!("{measure}: every task completes, 429s among all requests"),
                hec: format!("{} of {TASKS} completed; {:.1}% 429s", run.completed, share * 100.0),
                baseline: format!("{} of {} requests answered 429", run.throttled, run.all_requests),
                ratio: String::new(),
                target: "all; <= 20%".to_owned(),
                met: Some(all_done && share <= 0.2),
            });
        }
    }
    rows
}
