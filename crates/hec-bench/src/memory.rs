//! Memory whatever the body holds: hec-blocking reading a task answer of 15 MiB whose bulk is an
//! unknown field (`[0,0,...]`, which once cost 500 MB as a `Value` tree), in a process of its own
//! so that its peak resident set is the client's alone. The figure is the peak added by the calls
//! over the size of the bodies they read; the mock gateway runs in the parent.

use std::process::Command;
use std::time::Duration;

use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::report::{Row, Target};

/// The body's size: under the client's default 16 MiB limit.
const BODY_BYTES: usize = 15 * 1024 * 1024;

/// How many such tasks the many-task wait waits for.
const TASKS: usize = 12;

/// A completed task answer of [`BODY_BYTES`], nearly all of it an unknown field of zeros.
fn body() -> Vec<u8> {
    let head = br#"{"responseEnvelope":{"responseCode":200},"responseData":{"id":42,"status":"completed","progress":1,"total":1,"blob":["#;
    let tail = b"0]}}";
    let mut body = Vec::with_capacity(BODY_BYTES);
    body.extend_from_slice(head);
    while body.len() + 2 + tail.len() <= BODY_BYTES {
        body.extend_from_slice(b"0,");
    }
    body.extend_from_slice(tail);
    body
}

/// The rows: one `get_task`, and one many-task wait for [`TASKS`] such tasks at once.
pub(crate) fn rows() -> Vec<Row> {
    let body = body();
    let step = TaskStep::response(200, [("content-type", "application/json")], body.clone());
    let mock =
        MockGateway::builder().default_script(TaskScript::polls([step])).record_requests(false).start();
    let body_mib = body.len() as f64 / (1024.0 * 1024.0);
    let cases = [
        (
            "get-task",
            1,
            format!("hec-blocking get_task, {body_mib:.0} MiB answer of unknown fields: peak RSS added"),
        ),
        ("wait", TASKS, format!("hec-blocking wait_for_tasks, {TASKS} such tasks at once: peak RSS added")),
    ];
    cases
        .into_iter()
        .map(|(case, tasks, measure)| match child(case, &mock) {
            Ok(added_kib) => Row::ratio(
                measure,
                (added_kib as f64 / 1024.0, "MiB"),
                (body_mib * tasks as f64, "MiB"),
                Target::AtMost(3.0),
            ),
            Err(reason) => Row::note(measure, "failed", reason),
        })
        .collect()
}

/// Runs `hec-bench memory-client CASE URL CLIENT_ID KEY` and reads the KiB it printed.
fn child(case: &str, mock: &MockGateway) -> Result<u64, String> {
    let me = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = Command::new(me)
        .args(["memory-client", case, &mock.base_url(), mock.client_id(), mock.access_key()])
        .output()
        .map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout);
    match text.trim().parse() {
        Ok(kib) if out.status.success() => Ok(kib),
        _ => Err(format!("{} {}", text.trim(), String::from_utf8_lossy(&out.stderr).trim())),
    }
}

/// `hec-bench memory-client CASE URL CLIENT_ID KEY`: builds a client, then prints how many KiB the
/// peak resident set grew by while it made the calls of `CASE` (`get-task` or `wait`).
pub(crate) fn client(case: &str, url: &str, client_id: &str, key: &str) {
    let client = hec_blocking::Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(url.parse().expect("the mock's URL"))
            .credentials(hec_blocking::Credentials::new(client_id, key))
            .wait(hec_blocking::WaitPolicy::default().with_first_interval(Duration::from_millis(10))),
    )
    .expect("a client");
    client.check_credentials().expect("the mock issues a token");
    let before = crate::rss::peak_kib();
    match case {
        "get-task" => {
            let answer = client.get_task(&"42".parse().expect("a task id")).expect("the task");
            std::hint::black_box(&answer);
        }
        _ => {
            let ids: Vec<_> = (1..=TASKS).map(|n| n.to_string().parse().expect("a task id")).collect();
            let mut completed = 0;
            client.wait_for_tasks(&ids, |event| {
                if let hec_blocking::WaitEvent::Finished { outcome: Ok(_), .. } = event {
                    completed += 1;
                }
            });
            assert_eq!(completed, TASKS, "every task completes");
        }
    }
    println!("{}", crate::rss::peak_kib().saturating_sub(before));
}
