//! What `hec` prints, whatever the service sends and wherever the output goes: a closed pipe, a
//! hostile text, `--quiet`, `-v` and `--version`.

use hec_fixtures::mock::{DEMO_TASK_ID, MockGateway, TaskScript, TaskStep, demo};

use crate::support::{FAST, TASK_PATH, closed_port, hec};

#[test]
fn no_command_panics_on_a_closed_stdout() {
    let entity = demo::CAMPAIGN_ENTITY_IDS[0];
    let event = demo::event_ids()[0];
    for args in [
        &["completions", "bash"][..],
        &["completions", "zsh"],
        &["completions", "fish"],
        &["completions", "elvish"],
        &["completions", "powershell"],
        &["regions"],
        &["regions", "-o", "json"],
        &["--help"],
        &["--version"],
        &["--mock", "task", "get", DEMO_TASK_ID],
        &["--mock", "-o", "json", "auth", "check"],
        &["--mock", "auth", "check"],
        &["--mock", "scopes"],
        &["--mock", "scopes", "-o", "json"],
        &["--mock", "entity", "search", "--since", "7d"],
        &["--mock", "entity", "search", "--since", "7d", "-o", "json"],
        &["--mock", "entity", "search", "--since", "7d", "-o", "ids"],
        &["--mock", "entity", "get", entity],
        &["--mock", "entity", "quarantine", entity, "--dry-run", "-q"],
        &["--mock", "entity", "quarantine", entity, "--wait", "--interval", "10ms", "-q"],
        &["--mock", "event", "search", "--since", "3d"],
        &["--mock", "event", "search", "--since", "3d", "-o", "json"],
        &["--mock", "event", "get", event],
        &["--mock", "event", "dismiss", event, "--wait", "--interval", "10ms", "-q", "-o", "ids"],
    ] {
        let run = hec(args).run_with_closed_stdout();
        assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{args:?}: {run:?}");
    }
}

/// A task answer whose every text holds control characters: a screen clear, a window title, a
/// NUL, a C1 control, and a line feed followed by a forged `error:` line.
const HOSTILE_TASK: &str = r#"{"responseEnvelope": {"responseCode": 200, "requestId": "r-\u001b[2J"},
    "responseData": {"id": 42, "name": "Quarantine\u001b]0;pwned\u0007", "status": "completed\u001b[2J",
    "progress": 1, "total": 1, "created": "2026-01-01\u0000", "updated": "\u009b2J",
    "actions": [{"action_status": "completed", "action_name": "Quarantine\r",
                 "action_message": "done\nerror: task 43: forged"}]}}"#;

fn hostile_mock() -> MockGateway {
    let mock = MockGateway::start();
    let headers = [("content-type", "application/json")];
    mock.script_task("42", TaskScript::polls([TaskStep::response(200, headers, HOSTILE_TASK)]));
    mock
}

/// Whether a text holds a character that acts on a terminal (a line feed is fine).
fn has_controls(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && c != '\n')
}

#[test]
fn text_output_escapes_what_the_service_sent() {
    let mock = hostile_mock();
    let run = hec(&["task", "get", "42"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!has_controls(&run.stdout), "{:?}", run.stdout);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "task 42  Quarantine\\u{1b}]0;pwned\\u{7}");
    assert_eq!(lines[1], "  status     completed\\u{1b}[2J");
    assert_eq!(lines[5], "  created    2026-01-01\\u{0}");
    assert_eq!(lines[6], "  updated    \\u{9b}2J");
    assert_eq!(lines[8], "    completed  Quarantine\\r: done\\nerror: task 43: forged");
    assert_eq!(lines.len(), 9, "no line was forged: {lines:?}");

    // Waiting: the hostile status is not a terminal one, then the task completes.
    let hostile = TaskStep::response(200, [("content-type", "application/json")], HOSTILE_TASK);
    mock.script_task("42", TaskScript::polls([hostile, TaskStep::new("completed").progress(1)]));
    let run = hec(&["task", "wait", "42", "--timeout", "10s"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.progress_lines(), ["task 42: completed\\u{1b}[2J 1/1", "task 42: completed 1/1"]);
    assert!(!has_controls(&run.stdout) && !has_controls(&run.stderr), "{run:?}");
}

#[test]
fn json_output_stays_exact_json() {
    let mock = hostile_mock();
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let sent: serde_json::Value = serde_json::from_str(HOSTILE_TASK).expect("JSON");
    assert_eq!(run.json_lines(), [sent["responseData"].clone()]);
}

#[test]
fn error_messages_are_escaped_and_cut_short() {
    let mock = MockGateway::start();
    let text = format!("bad\u{1b}[2J{}", "x".repeat(100_000));
    let body =
        serde_json::json!({"responseEnvelope": {"responseCode": 500, "responseText": text}}).to_string();
    let headers = [("content-type", "application/json")];
    mock.script_task("42", TaskScript::polls([TaskStep::response(200, headers, body)]));
    let run = hec(&["task", "get", "42", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    assert!(!has_controls(&run.stderr), "{:?}", run.stderr);
    assert_eq!(run.stderr_lines().len(), 1, "{run:?}");
    assert!(run.stderr.len() < 2_200, "{} bytes on stderr", run.stderr.len());
    assert!(run.stderr.contains("more characters)"), "{run:?}");
    let message = run.json_lines()[0]["error"]["message"].as_str().map(str::to_owned).unwrap_or_default();
    assert!(message.chars().count() < 2_100, "{} characters", message.chars().count());
    assert!(message.contains("bad\\u{1b}[2J") || message.contains("bad\\u001b[2J"), "{message:?}");
}

#[test]
fn quiet_shows_no_progress_only_errors() {
    let mock = MockGateway::start();
    mock.script_task("1", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    let run = hec(&["task", "wait", "1", "--quiet"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stderr, "");
    assert!(run.stdout.starts_with("task 1  "), "{run:?}");

    let run = hec(&["-q", "task", "wait", "1", "2"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    let lines = run.stderr_lines();
    assert_eq!(lines.len(), 1, "{run:?}");
    assert!(lines[0].starts_with("error: task 2: task 2 not found"), "{run:?}");

    let run = hec(&["-q", "-v", "regions"]).run();
    assert_eq!(run.code, 2, "--quiet and -v conflict: {run:?}");
}

#[test]
fn a_tasks_error_shows_at_once_while_others_are_still_waited_for() {
    let mock = MockGateway::start();
    mock.script_task(
        "1",
        TaskScript::polls([
            TaskStep::new("inprogress"),
            TaskStep::new("inprogress"),
            TaskStep::new("completed"),
        ]),
    );
    let run = hec(&["task", "wait", "1", "2"]).args(&FAST).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    let progress = run.progress_lines();
    assert_eq!(progress.len(), 3, "{run:?}");
    assert_eq!(progress[0], "task 1: inprogress 0/1");
    assert!(
        progress[1].starts_with("error: task 2: task 2 not found (HTTP 200, responseCode 422"),
        "{run:?}"
    );
    assert!(progress[1].ends_with(
        "; check the id, and that the API key belongs to the tenant and region where the action ran"
    ));
    assert_eq!(progress[2], "task 1: completed 1/1");
}

#[test]
fn version_names_the_commit_it_was_built_from() {
    let git = std::process::Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .ok()
        .filter(|output| output.status.success())
        .map(|output| String::from_utf8_lossy(&output.stdout).trim().to_owned());
    let version = env!("CARGO_PKG_VERSION");
    let expected = match git {
        Some(commit) => format!("hec {version} ({commit})\n"),
        None => format!("hec {version}\n"),
    };
    let run = hec(&["--version"]).run();
    assert_eq!((run.code, run.stdout), (0, expected));
}

#[test]
fn verbose_lines_name_the_host_and_the_task() {
    let mock = MockGateway::start();
    mock.script_task("42", TaskScript::polls([TaskStep::new("completed")]));
    let run = hec(&["task", "get", "42", "-v"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    // Each line is the time, then the request as an access log reads: no span jargon.
    let requests: Vec<&str> =
        run.stderr.lines().filter_map(|line| line.split_once(' ').map(|(_, rest)| rest)).collect();
    assert_eq!(requests.len(), 2, "{run:?}");
    let host = mock.addr().to_string();
    assert!(requests[0].starts_with(&format!("POST /auth/external {host} 200 ")), "{requests:?}");
    assert!(requests[0].ends_with("ms attempt 1"), "{requests:?}");
    assert!(requests[1].starts_with(&format!("GET {TASK_PATH}{{taskId}} {host} 200 ")), "{requests:?}");
    assert!(requests[1].contains("ms task 42 attempt 1 request-id "), "{requests:?}");
    assert!(!run.stderr.contains("hec.request") && !run.stderr.contains("time.busy"), "{run:?}");
}

#[test]
fn the_portals_authentication_url_works_as_the_base_url_and_verbose_says_so() {
    let mock = MockGateway::start();
    mock.script_task("42", TaskScript::polls([TaskStep::new("completed")]));
    let url = format!("{}/auth/external", mock.base_url());
    let run = hec(&["task", "get", "42", "-v", "--base-url", &url])
        .env("HEC_CLIENT_ID", mock.client_id())
        .access_key(mock.access_key())
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    let note = format!(
        "the base URL ends in /auth/external (the portal's Authentication URL); using {}, the gateway it belongs to",
        mock.base_url()
    );
    assert!(run.stderr.contains(&note), "{run:?}");
    assert_eq!(mock.requests()[0].path, "/auth/external");
    assert_eq!(mock.requests()[1].path, format!("{TASK_PATH}42"));

    let quiet = hec(&["task", "get", "42", "--base-url", &url])
        .env("HEC_CLIENT_ID", mock.client_id())
        .access_key(mock.access_key())
        .run();
    assert_eq!((quiet.code, quiet.stderr.as_str()), (0, ""), "only -v says so: {quiet:?}");
}

#[test]
fn connect_errors_name_the_host() {
    let port = closed_port();
    let run = hec(&["auth", "check", "--base-url", &format!("http://localhost:{port}")])
        .env("HEC_CLIENT_ID", "someone")
        .access_key("some-access-key-0815")
        .run();
    assert_eq!(run.code, 5, "{run:?}");
    assert!(run.stderr.contains(&format!("connect error: localhost:{port}: ")), "{run:?}");
}
