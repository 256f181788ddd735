//! hec-async's `wait_for_task` on 10,000 tasks at once (each completes after 3 polls) on one
//! runtime, with hec's default limit of 16 requests in flight, once with a token it fetches and
//! once with a static token; against raw reqwest doing the same polls, all 10,000 at once, with
//! the same limit (a semaphore of 16). Each client runs in a process of its own, so its peak RSS
//! is its own; the mock gateway runs in another. Also the size of one waiting future.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};
use tokio::sync::Semaphore;

use crate::report::{Row, Target};

/// Tasks waited for in one run, all at once.
const TASKS: u64 = 10_000;
/// Requests in flight at once, for both clients (hec's default).
const IN_FLIGHT: usize = hec_proto::policy::DEFAULT_MAX_IN_FLIGHT;
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

/// `hec-bench async-client hec|hec-static|raw URL FIRST_ID`: waits for TASKS tasks from FIRST_ID
/// on; prints the elapsed milliseconds and the peak RSS in KiB.
pub(crate) fn client(which: &str, url: &str, first_id: u64) {
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    let started = Instant::now();
    let polls = match which {
        "hec" => runtime.block_on(with_hec(url, first_id, None)),
        "hec-static" => runtime.block_on(async {
            let token = raw_token(&raw_client(), url).await;
            with_hec(url, first_id, Some(token)).await
        }),
        _ => runtime.block_on(with_reqwest(url, first_id)),
    };
    let elapsed = started.elapsed();
    assert_eq!(polls, TASKS * 3, "every task takes exactly three polls");
    println!("{} {}", elapsed.as_millis(), crate::rss::peak_kib());
}

/// A hec-async client of the mock, polling every millisecond; with a static token if given.
fn hec_client(url: &str, token: Option<String>) -> hec_async::Client {
    let policy = hec_proto::policy::WaitPolicy::default()
        .with_first_interval(POLL_INTERVAL)
        .with_factor(1.0)
        .with_max_interval(POLL_INTERVAL)
        .with_timeout(Duration::from_secs(300));
    let config = hec_proto::ClientConfig::new().base_url(url.parse().expect("the mock's URL")).wait(policy);
    let config = match token {
        Some(token) => config.static_token(hec_proto::AccessToken::new(token)),
        None => config.credentials(hec_proto::Credentials::new(
            hec_fixtures::mock::DEMO_CLIENT_ID,
            hec_fixtures::mock::DEMO_ACCESS_KEY,
        )),
    };
    hec_async::Client::from_config(config).expect("a valid configuration")
}

/// One task's wait through hec: its number of polls.
async fn hec_wait(client: &hec_async::Client, n: u64) -> u64 {
    let mut polls = 0;
    let task = client.wait_for_task(&hec_proto::TaskId::from(n), |update| polls = update.polls).await;
    assert!(task.expect("the task completes").is_terminal());
    u64::from(polls)
}

async fn with_hec(url: &str, first_id: u64, token: Option<String>) -> u64 {
    let client = hec_client(url, token);
    let waits: FuturesUnordered<_> = (first_id..first_id + TASKS).map(|n| hec_wait(&client, n)).collect();
    waits.fold(0, |sum, polls| async move { sum + polls }).await
}

/// A plain reqwest client, keeping as many idle connections as requests may be in flight.
#[allow(deprecated)] // ring, as hec-async uses it: see hec-async's tls.rs
fn raw_client() -> reqwest::Client {
    // reqwest without aws-lc needs a process-wide provider even for plain http.
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .http1_only()
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()
        .expect("a reqwest client")
}

/// A token from the mock, by a plain POST.
async fn raw_token(client: &reqwest::Client, url: &str) -> String {
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
    token["data"]["token"].as_str().expect("a token").to_owned()
}

/// One task's wait through raw reqwest: GET, read, parse, until completed, at most `IN_FLIGHT`
/// requests at once across all tasks; its number of polls.
async fn raw_wait(client: &reqwest::Client, limit: &Semaphore, url: &str, bearer: &str, n: u64) -> u64 {
    let task_url = format!("{url}{}{n}", hec_proto::endpoint::TASK_PATH);
    let mut polls = 0;
    loop {
        let value: serde_json::Value = {
            let _slot = limit.acquire().await.expect("the semaphore is never closed");
            let response = client
                .get(&task_url)
                .header("x-av-req-id", hec_proto::RequestId::new().to_string())
                .header("authorization", bearer)
                .header("accept", "application/json")
                .send()
                .await
                .expect("the mock answers");
            let body = response.bytes().await.expect("a body");
            serde_json::from_slice(&body).expect("JSON")
        };
        polls += 1;
        if value["responseData"]["status"] == "completed" {
            return polls;
        }
        tokio::time::sleep(POLL_INTERVAL).await;
    }
}

async fn with_reqwest(url: &str, first_id: u64) -> u64 {
    let client = raw_client();
    let bearer = format!("Bearer {}", raw_token(&client, url).await);
    let limit = Semaphore::new(IN_FLIGHT);
    let (client, bearer, limit) = (&client, &bearer, &limit);
    let waits: FuturesUnordered<_> =
        (first_id..first_id + TASKS).map(|n| raw_wait(client, limit, url, bearer, n)).collect();
    waits.fold(0, |sum, polls| async move { sum + polls }).await
}

/// The size in bytes of one waiting future: hec's `wait_for_task` (what it carries from start to
/// end; a poll in flight lives in a separate allocation) and the raw loop's.
fn future_sizes() -> (usize, usize) {
    let url = "http://127.0.0.1:9";
    let hec = hec_client(url, Some("t".to_owned()));
    let id = hec_proto::TaskId::from(1);
    let hec_size = std::mem::size_of_val(&hec.wait_for_task(&id, |_| {}));
    let raw = raw_client();
    let limit = Semaphore::new(IN_FLIGHT);
    let raw_size = std::mem::size_of_val(&raw_wait(&raw, &limit, url, "Bearer t", 1));
    (hec_size, raw_size)
}

/// `hec-bench future-sizes`: prints both sizes.
pub(crate) fn print_future_sizes() {
    let (hec, raw) = future_sizes();
    println!("hec-async wait_for_task: {hec} bytes; raw reqwest loop: {raw} bytes");
}

/// The rows: throughput against raw reqwest and peak RSS, with a fetched token and with a static
/// one, and the size of a waiting future.
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
    let clients = ["hec", "hec-static", "raw"];
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    let mut peak = [0u64; 3];
    let mut next_id = 1_000_000_000u64;
    for _ in 0..rounds {
        for (index, which) in clients.into_iter().enumerate() {
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
    let rate = |index: usize| polls / (crate::measure::median(times[index].clone()) / 1000.0);
    let mb = |index: usize| peak[index] as f64 / 1024.0;
    let mut rows = Vec::new();
    for (index, token) in [(0, "a fetched token"), (1, "a static token")] {
        rows.push(Row::ratio(
            format!(
                "hec-async wait_for_task, {TASKS} tasks x 3 polls all at once, {IN_FLIGHT} in flight, 1 runtime, {token}"
            ),
            (rate(index), "polls/s"),
            (rate(2), "polls/s"),
            Target::AtLeast(0.9),
        ));
        rows.push(
            Row {
                met: Some(mb(index) < 150.0),
                ..Row::note(
                    format!("hec-async peak RSS for those {TASKS} waits, {token}"),
                    format!("{:.1} MB", mb(index)),
                    format!("raw reqwest: {:.1} MB", mb(2)),
                )
            }
            .with_target("< 150 MB"),
        );
    }
    let (hec, raw) = future_sizes();
    rows.push(
        Row::note(
            "size of one waiting future (std::mem::size_of_val)",
            format!("{hec} bytes (hec-async wait_for_task)"),
            format!("{raw} bytes (raw reqwest loop)"),
        )
        .with_target("report"),
    );
    rows
}
