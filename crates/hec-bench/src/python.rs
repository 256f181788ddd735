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

/// The row: hec's rate (measured in the loopback rows) against three one-second Python runs.
pub(crate) fn row(hec_rate: f64, url: &str, bearer: &str) -> Row {
    let measure = "hec-blocking get_task vs Python requests.Session, loopback";
    let mut rates = Vec::new();
    for _ in 0..3 {
        let output = Command::new("python3").args(["-c", SCRIPT, url, bearer, "1.0"]).output();
        match output {
            Ok(output) if output.status.success() => {
                match String::from_utf8_lossy(&output.stdout).trim().parse::<f64>() {
                    Ok(rate) => rates.push(rate),
                    Err(_) => return Row::note(measure, "skipped", "Python printed no rate"),
                }
            }
            Ok(output) => {
                let reason = String::from_utf8_lossy(&output.stderr);
                let reason = if reason.contains("No module named 'requests'") {
                    "skipped: the requests module is not installed".to_owned()
                } else {
                    format!("skipped: python3 failed: {}", reason.lines().last().unwrap_or(""))
                };
                return Row::note(measure, "skipped", reason);
            }
            Err(error) => return Row::note(measure, "skipped", format!("skipped: no python3 ({error})")),
        }
    }
    let python = crate::measure::median(rates);
    Row::ratio(measure, (hec_rate, "req/s"), (python, "req/s"), Target::AtLeast(10.0))
}
