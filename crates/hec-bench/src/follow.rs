//! Following events: the release `hec` runs `hec event follow --once -o json` over one window of
//! 30,000 events that the mock gateway (in this process) serves 100 a page, writing NDJSON into
//! a pipe this process drains; against a raw client doing the same in a process of its own
//! (`hec-bench follow-baseline`): the same pages with ureq, each parsed as a
//! `serde_json::Value`, each event written as a line to its stdout. Events per second from spawn
//! to exit, rounds interleaved; and hec's peak resident set over the run (VmHWM, read from
//! `/proc` while it runs), once without and once with `--checkpoint` (written after each page).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use hec_fixtures::mock::MockGateway;
use serde_json::{Value, json};

use crate::measure::median;
use crate::report::{Row, Target};

/// Events in the window.
const EVENTS: usize = 30_000;
/// Events per page the mock serves.
const PAGE_SIZE: usize = 100;
/// The peak resident set hec may reach for the window.
const MAX_RSS_MIB: f64 = 64.0;

/// The release `hec` beside this binary.
fn hec_binary() -> Option<PathBuf> {
    let hec = std::env::current_exe().ok()?.parent()?.join("hec");
    hec.is_file().then_some(hec)
}

const TYPES: [&str; 4] = ["phishing", "malware", "dlp", "suspicious_phishing"];
const SEVERITIES: [&str; 5] = ["1", "2", "3", "4", "5"];

/// The window read: the last 45 minutes (the demo tenant's own events are older).
const SINCE_SECONDS: u64 = 45 * 60;

/// `EVENTS` events created over the last 40 minutes up to 2 s ago (a window ends at a whole
/// second: none is left to the next), shaped as the live service sends them.
fn events() -> Vec<Value> {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_micros() as i64);
    (0..EVENTS)
        .map(|n| {
            let micros = now - 2_402_000_000 + (n as i64) * 80_000;
            let created = jiff::Timestamp::from_microsecond(micros).map(|at| at.to_string()).unwrap_or_default();
            json!({
                "eventId": format!("{:032x}", 0x6265_6e63_6800_0000_u64 + n as u64),
                "customerId": "demo-tenant",
                "saas": "office365_emails",
                "entityId": format!("{:032x}", 0x6d61_696c_0000_u64 + (n % 997) as u64),
                "state": "new",
                "type": TYPES[n % TYPES.len()],
                "confidenceIndicator": "phishing",
                "eventCreated": created,
                "severity": SEVERITIES[n % SEVERITIES.len()],
                "description": format!("Phishing email from sender{}@evil.example - 'Invoice {n}' (user{}@acme.example's mailbox)", n % 31, n % 17),
                "data": null,
                "additionalData": null,
                "availableEventActions": [{"actionName": "dismiss"}],
                "actions": [],
            })
        })
        .collect()
}

/// What one run did: its wall time, the lines it wrote, and its peak resident set (KiB).
struct Run {
    wall: Duration,
    lines: u64,
    peak_kib: u64,
    success: bool,
}

/// Runs `command`, draining its stdout (counting lines) and sampling its peak resident set.
fn run(mut command: Command) -> Run {
    let started = Instant::now();
    let mut child: Child =
        command.stdout(Stdio::piped()).stderr(Stdio::null()).spawn().expect("the client runs");
    let pid = child.id();
    let done = Arc::new(AtomicBool::new(false));
    let peak = Arc::new(AtomicU64::new(0));
    let sampler = {
        let (done, peak) = (Arc::clone(&done), Arc::clone(&peak));
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                if let Some(kib) = peak_kib_of(pid) {
                    peak.fetch_max(kib, Ordering::Relaxed);
                }
                std::thread::sleep(Duration::from_millis(2));
            }
        })
    };
    let mut lines = 0u64;
    if let Some(stdout) = child.stdout.take() {
        let mut reader = BufReader::with_capacity(1 << 16, stdout);
        loop {
            let buffer = match reader.fill_buf() {
                Ok(buffer) if !buffer.is_empty() => buffer,
                _ => break,
            };
            lines += buffer.iter().filter(|byte| **byte == b'\n').count() as u64;
            let length = buffer.len();
            reader.consume(length);
        }
    }
    let status = child.wait().expect("the client ends");
    let wall = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let _ = sampler.join();
    Run { wall, lines, peak_kib: peak.load(Ordering::Relaxed), success: status.success() }
}

/// The peak resident set of process `pid` so far, in KiB (`None` once it is gone).
fn peak_kib_of(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:")?.trim().trim_end_matches("kB").trim().parse().ok())
}

/// `hec event follow --once -o json` against `mock`, with a checkpoint file if given.
fn hec_command(hec: &Path, mock: &MockGateway, checkpoint: Option<&Path>) -> Command {
    let mut command = Command::new(hec);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("HEC_") {
            command.env_remove(name);
        }
    }
    command
        .args(["-o", "json", "event", "follow", "--once", "--since", &format!("{SINCE_SECONDS}s")])
        .args(["--base-url", &mock.base_url()])
        .env("HEC_CLIENT_ID", mock.client_id())
        .env("HEC_ACCESS_KEY", mock.access_key());
    if let Some(checkpoint) = checkpoint {
        let _ = std::fs::remove_file(checkpoint);
        command.arg("--checkpoint").arg(checkpoint);
    }
    command
}

/// `hec-bench follow-baseline URL CLIENT_ID KEY` against `mock`.
fn baseline_command(mock: &MockGateway) -> Command {
    let mut command = Command::new(std::env::current_exe().expect("this program"));
    command.args(["follow-baseline", &mock.base_url(), mock.client_id(), mock.access_key()]);
    command
}

/// The rows: hec's events per second against the baseline's, and hec's peak resident set
/// without and with a checkpoint file.
pub(crate) fn rows(rounds: usize) -> Vec<Row> {
    let name =
        format!("`hec event follow --once -o json`, one window of {EVENTS} events, {PAGE_SIZE} a page");
    let Some(hec) = hec_binary() else {
        return vec![Row::note(
            name,
            "skipped: no release `hec` beside hec-bench",
            "run `cargo xtask bench`",
        )];
    };
    let mock = MockGateway::builder().page_size(PAGE_SIZE).record_requests(false).worker_threads(2).start();
    mock.add_events(events());
    let checkpoint = std::env::temp_dir().join(format!("hec-bench-follow-{}.json", std::process::id()));
    let (mut hec_rates, mut raw_rates, mut peaks, mut checkpointed) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut failures = Vec::new();
    for _ in 0..rounds {
        for (index, command) in [
            hec_command(&hec, &mock, None),
            baseline_command(&mock),
            hec_command(&hec, &mock, Some(&checkpoint)),
        ]
        .into_iter()
        .enumerate()
        {
            let run = run(command);
            if !run.success || run.lines != EVENTS as u64 {
                failures.push(format!("run {index}: {} lines, success {}", run.lines, run.success));
                continue;
            }
            let rate = EVENTS as f64 / run.wall.as_secs_f64();
            match index {
                0 => {
                    hec_rates.push(rate);
                    peaks.push(run.peak_kib as f64 / 1024.0);
                }
                1 => raw_rates.push(rate),
                _ => checkpointed.push((rate, run.peak_kib as f64 / 1024.0)),
            }
        }
    }
    let _ = std::fs::remove_file(&checkpoint);
    if hec_rates.is_empty() || raw_rates.is_empty() {
        return vec![Row::note(name, "failed", failures.join("; "))];
    }
    let (hec_rate, raw_rate) = (median(hec_rates), median(raw_rates));
    let peak = peaks.iter().copied().fold(0.0, f64::max);
    let mut rows = vec![
        Row::ratio(
            format!("{name}: events per second"),
            (hec_rate, "events/s"),
            (raw_rate, "events/s"),
            Target::AtLeast(0.8),
        ),
        Row {
            measure: format!("{name}: hec's peak RSS"),
            hec: format!("{peak:.1} MiB"),
            baseline: format!("the most of {} runs", peaks.len()),
            ratio: String::new(),
            target: format!("<= {MAX_RSS_MIB} MiB"),
            met: Some(peak <= MAX_RSS_MIB),
        },
    ];
    if !checkpointed.is_empty() {
        let rate = median(checkpointed.iter().map(|(rate, _)| *rate).collect());
        let peak = checkpointed.iter().map(|(_, peak)| *peak).fold(0.0, f64::max);
        rows.push(Row::note(
            format!("{name}, with --checkpoint (written after each page)"),
            format!("{rate:.0} events/s; peak RSS {peak:.1} MiB"),
            format!("{:.2}x of the baseline", rate / raw_rate),
        ));
    }
    if !failures.is_empty() {
        rows.push(Row::note(format!("{name}: failed runs"), failures.join("; "), ""));
    }
    rows
}

/// `hec-bench follow-baseline URL CLIENT_ID KEY`: fetches a token, then every page of the
/// window's events with ureq, parses each page as a `Value` and writes each event as a line to
/// stdout (line-buffered, as hec's is).
pub(crate) fn baseline(url: &str, client_id: &str, key: &str) {
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let credentials = json!({"clientId": client_id, "accessKey": key}).to_string();
    let mut token = agent
        .post(format!("{url}/auth/external"))
        .header("content-type", "application/json")
        .send(credentials.as_str())
        .expect("the mock issues a token");
    let token: Value = serde_json::from_slice(&token.body_mut().read_to_vec().expect("a token answer"))
        .expect("a JSON token answer");
    let bearer = format!("Bearer {}", token["data"]["token"].as_str().unwrap_or_default());
    let now = SystemTime::now();
    let at = |time: SystemTime| {
        jiff::Timestamp::try_from(time)
            .map(|at| at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
            .unwrap_or_default()
    };
    let mut data = json!({"startDate": at(now - Duration::from_secs(SINCE_SECONDS)), "endDate": at(now)});
    let mut stdout = std::io::stdout().lock();
    loop {
        let mut response = agent
            .post(format!("{url}/app/hec-api/v1.0/event/query"))
            .header("authorization", &bearer)
            .header("x-av-req-id", hec_proto::RequestId::new().to_string())
            .header("accept", "application/json")
            .header("content-type", "application/json")
            .send(json!({ "requestData": data }).to_string().as_str())
            .expect("the mock answers");
        let mut body = Vec::new();
        response.body_mut().as_reader().read_to_end(&mut body).expect("a body");
        let page: Value = serde_json::from_slice(&body).expect("a JSON page");
        let events = page["responseData"].as_array().map(Vec::as_slice).unwrap_or_default();
        for event in events {
            if serde_json::to_writer(&mut stdout, event).is_err() || stdout.write_all(b"\n").is_err() {
                return;
            }
        }
        let scroll = page["responseEnvelope"]["scrollId"].as_str().unwrap_or_default();
        if scroll.is_empty() || events.is_empty() {
            return;
        }
        data["scrollId"] = Value::String(scroll.to_owned());
    }
}
