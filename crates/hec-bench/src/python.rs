//! A Python `requests.Session` loop doing the same GETs: the client most SOAR playbooks use.

use std::process::Command;

use crate::report::{Row, Target};

const SCRIPT: &str = r#"
import json, sys, time, uuid
import requests
url, bearer, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
session = requests.Session()
headers = {"authorization": bearer, "accept": "application/json"}
count, started = 0, time.perf_counter()
while time.perf_counter() - started < seconds:
    headers["x-av-req-id"] = str(uuid.uuid4())
    response = session.get(url, headers=headers)
    response.json()
    count += 1
print(count / (time.perf_counter() - started))
"#;

/// The row: three rounds, each a one-second Python run then one second of hec (`hec_call`, one
/// request), so both see the machine in the same state; the ratio of the medians.
pub(crate) fn row(mut hec_call: impl FnMut(), url: &str, bearer: &str) -> Row {
    let measure = "hec-blocking get_task vs Python requests.Session, loopback";
    let (mut python, mut hec) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        match python_rate(url, bearer) {
            Ok(rate) => python.push(rate),
            Err(reason) => return Row::note(measure, "skipped", reason),
        }
        hec.push(rate_for_one_second(&mut hec_call));
    }
    let (hec, python) = (crate::measure::median(hec), crate::measure::median(python));
    Row::ratio(measure, (hec, "req/s"), (python, "req/s"), Target::AtLeast(10.0))
}

/// Calls per second of `call` over one second.
fn rate_for_one_second(call: &mut impl FnMut()) -> f64 {
    let started = std::time::Instant::now();
    let mut count = 0u64;
    while started.elapsed() < std::time::Duration::from_secs(1) {
        call();
        count += 1;
    }
    count as f64 / started.elapsed().as_secs_f64()
}

/// One one-second Python run's rate, or why there is none.
fn python_rate(url: &str, bearer: &str) -> Result<f64, String> {
    let output = Command::new("python3")
        .args(["-c", SCRIPT, url, bearer, "1.0"])
        .output()
        .map_err(|error| format!("skipped: no python3 ({error})"))?;
    if !output.status.success() {
        let reason = String::from_utf8_lossy(&output.stderr);
        return Err(if reason.contains("No module named 'requests'") {
            "skipped: the requests module is not installed".to_owned()
        } else {
            format!("skipped: python3 failed: {}", reason.lines().last().unwrap_or(""))
        });
    }
    String::from_utf8_lossy(&output.stdout)
        .trim()
        .parse::<f64>()
        .map_err(|_| "skipped: Python printed no rate".to_owned())
}
