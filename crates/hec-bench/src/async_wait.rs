//! hec-async's `wait_for_task` on 10,000 tasks at once (each completes after 3 polls) on one
//! runtime, against raw reqwest doing the same polls with the same concurrency limit. Each client
//! runs in a process of its own, so its peak RSS is its own; the mock gateway runs in another.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::report::{Row, Target};

/// Tasks waited for in one run.
const TASKS: u64 = 10_000;
/// Calls in flight at once, for both clients.
const CONCURRENCY: usize = 256;
/// The pause between two polls of one task, for both clients.
const POLL_INTERVAL: Duration = Duration::from_millis(1);

/// `hec-bench async-serve`: the mock gateway, every task completing at its third poll; prints
/// its URL and serves until stdin closes.
pub(crate) fn serve() {
    let mock = MockGateway::builder()
        .default_script(TaskScript::polls([
            TaskStep::new("inprogress").progress(0).total(1),
            TaskStep::new("inprogress").progress(0).total(1),
            TaskStep::new("completed").progress(1).total(1),
        ]))
        .record_requests(false)
        .start();
    println!("{}", mock.base_url());
    let _ = std::io::stdout().flush();
    let _ = std::io::stdin().lines().count();
}

/// `hec-bench async-client hec|raw URL FIRST_ID`: waits for TASKS tasks from FIRST_ID on; prints
/// the elapsed milliseconds and the peak RSS in KiB.
pub(crate) fn client(which: &str, url: &str, first_id: u64) {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    let started = Instant::now();
    let polls = match which {
        "hec" => runtime.block_on(with_hec(url, first_id)),
        _ => runtime.block_on(with_reqwest(url, first_id)),
    };
    let elapsed = started.elapsed();
    assert_eq!(polls, TASKS * 3, "every task takes exactly three polls");
    println!("{} {}", elapsed.as_millis(), peak_rss_kib());
}

async fn with_hec(url: &str, first_id: u64) -> u64 {
    let policy = hec_proto::WaitPolicy::default()
        .with_first_interval(POLL_INTERVAL)
        .with_factor(1.0)
        .with_max_interval(POLL_INTERVAL)
        .with_timeout(Duration::from_secs(300));
    let client = hec_async::Client::builder()
        .base_url(url.parse().expect("the mock's URL"))
        .credentials(hec_proto::Credentials::new(
            hec_fixtures::mock::DEMO_CLIENT_ID,
            hec_fixtures::mock::DEMO_ACCESS_KEY,
        ))
        .wait(policy)
        .build()
        .expect("a valid configuration");
    futures_util::stream::iter(first_id..first_id + TASKS)
        .map(|n| {
            let client = client.clone();
            async move {
                let mut polls = 0;
                let task =
                    client.wait_for_task(&hec_proto::TaskId::from(n), |update| polls = update.polls).await;
                assert!(task.expect("the task completes").is_terminal());
                u64::from(polls)
            }
        })
        .buffer_unordered(CONCURRENCY)
        .fold(0, |sum, polls| async move { sum + polls })
        .await
}

async fn with_reqwest(url: &str, first_id: u64) -> u64 {
    // reqwest without aws-lc needs a process-wide provider even for plain http.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder().http1_only().build().expect("a reqwest client");
    let credentials = serde_json::json!({
        "clientId": hec_fixtures::mock::DEMO_CLIENT_ID,
        "accessKey": hec_fixtures::mock::DEMO_ACCESS_KEY,
    });
    let answer = client
        .post(format!("{url}/auth/external"))
        .header("content-type", "application/json")
        .body(credentials.to_string())
        .send()
        .await
        .expect("a token answer");
    let token: serde_json::Value =
        serde_json::from_slice(&answer.bytes().await.expect("a body")).expect("JSON");
    let bearer = format!("Bearer {}", token["data"]["token"].as_str().expect("a token"));
    let (client, bearer) = (&client, &bearer);
    futures_util::stream::iter(first_id..first_id + TASKS)
        .map(|n| async move {
            let task_url = format!("{url}{}{n}", hec_proto::TASK_PATH);
            let mut polls = 0;
            loop {
                let response = client
                    .get(&task_url)
                    .header("x-av-req-id", hec_proto::RequestId::new().to_string())
                    .header("authorization", bearer)
                    .header("accept", "application/json")
                    .send()
                    .await
                    .expect("the mock answers");
                let body = response.bytes().await.expect("a body");
                let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
                polls += 1;
                if value["responseData"]["status"] == "completed" {
                    return polls;
                }
                tokio::time::sleep(POLL_INTERVAL).await;
            }
        })
        .buffer_unordered(CONCURRENCY)
        .fold(0, |sum, polls| async move { sum + polls })
        .await
}

/// The process's peak resident set (VmHWM), in KiB.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status.lines().find_map(|line| {
                line.strip_prefix("VmHWM:")
                    .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
            })
        })
        .unwrap_or(0)
}

/// The rows: throughput against raw reqwest, and hec's peak RSS.
pub(crate) fn rows(rounds: usize) -> Vec<Row> {
    let me = std::env::current_exe().expect("the benchmark's own path");
    let mut server = Command::new(&me)
        .arg("async-serve")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the mock gateway process starts");
    let mut url = String::new();
    BufReader::new(server.stdout.take().expect("piped"))
        .read_line(&mut url)
        .expect("the mock prints its URL");
    let url = url.trim().to_owned();
    let mut times = [Vec::new(), Vec::new()];
    let mut peak = [0u64, 0u64];
    let mut next_id = 1_000_000_000u64;
    for _ in 0..rounds {
        for (index, which) in ["hec", "raw"].into_iter().enumerate() {
            let output = Command::new(&me)
                .args(["async-client", which, &url, &next_id.to_string()])
                .output()
                .expect("a client process runs");
            next_id += TASKS;
            assert!(output.status.success(), "{which} failed: {}", String::from_utf8_lossy(&output.stderr));
            let text = String::from_utf8_lossy(&output.stdout);
            let mut fields = text.split_whitespace().map(|f| f.parse::<u64>().unwrap_or(0));
            times[index].push(fields.next().unwrap_or(0) as f64);
            peak[index] = peak[index].max(fields.next().unwrap_or(0));
        }
    }
    drop(server.stdin.take());
    let _ = server.wait();
    let polls = (TASKS * 3) as f64;
    let rate = |ms: f64| polls / (ms / 1000.0);
    let (hec, raw) =
        (rate(crate::measure::median(times[0].clone())), rate(crate::measure::median(times[1].clone())));
    let peak_mb = peak[0] as f64 / 1024.0;
    vec![
        Row::ratio(
            format!("hec-async wait_for_task, {TASKS} tasks x 3 polls, {CONCURRENCY} at once, 1 runtime"),
            (hec, "polls/s"),
            (raw, "polls/s"),
            Target::AtLeast(0.9),
        ),
        Row {
            met: Some(peak_mb < 150.0),
            ..Row::note(
                "hec-async peak RSS for those 10,000 waits",
                format!("{peak_mb:.1} MB"),
                format!("raw reqwest: {:.1} MB", peak[1] as f64 / 1024.0),
            )
        }
        .with_target("< 150 MB"),
    ]
}
