//! `hec auth check`, `hec regions`, `hec completions` and `hec mock serve`.

use std::io::{BufRead, BufReader, Read};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hec_fixtures::mock::{DEMO_ACCESS_KEY, DEMO_CLIENT_ID, DEMO_TASK_ID, Fault, FaultRule, MockGateway};

use crate::support::{closed_port, hec};

/// A mock whose `GET /scopes` answers two scopes.
fn with_scopes() -> MockGateway {
    let mock = MockGateway::start();
    let scopes = r#"{"responseEnvelope":{"responseCode":200},"responseData":["farm-1:customer-1","farm-2:customer-2"]}"#;
    mock.fault(FaultRule::on_path("/app/hec-api/v1.0/scopes").always().then(Fault::status(200).json(scopes)));
    mock
}

#[test]
fn auth_check_reports_gateway_token_lifetime_and_scopes_but_never_the_token() {
    let mock = with_scopes();
    let run = hec(&["auth", "check"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        format!(
            "credentials accepted\n  region          none (a custom gateway URL)\n  gateway         {}\n  token lifetime  30m (1800 s)\n  scopes          farm-1:customer-1, farm-2:customer-2\n",
            mock.base_url()
        )
    );
    assert_eq!(mock.tokens_issued(), 1);
    assert_eq!(mock.requests_to("/app/hec-api/v1.0/scopes").len(), 1);
}

#[test]
fn auth_check_in_json() {
    let mock = with_scopes();
    let run = hec(&["auth", "check", "-o", "json"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.json_lines(),
        [serde_json::json!({"region": null, "baseUrl": mock.base_url(), "expiresIn": 1800,
                            "scopes": ["farm-1:customer-1", "farm-2:customer-2"]})]
    );
}

#[test]
fn auth_check_with_a_wrong_key_exits_3() {
    let mock = MockGateway::start();
    let run = hec(&["auth", "check", "--base-url", &mock.base_url()])
        .env("HEC_CLIENT_ID", mock.client_id())
        .access_key("not-the-key-31337")
        .run();
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(run.stdout, "");
}

#[test]
fn auth_check_against_an_unreachable_gateway_exits_5() {
    let run = hec(&["auth", "check", "--base-url", &format!("http://localhost:{}", closed_port())])
        .env("HEC_CLIENT_ID", "someone")
        .access_key("some-access-key-0815")
        .run();
    assert_eq!(run.code, 5, "{run:?}");
}

#[test]
fn regions_lists_the_seven_gateways() {
    let run = hec(&["regions"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 7, "{run:?}");
    assert_eq!(lines[0], "us   United States         https://cloudinfra-gw-us.portal.checkpoint.com");
    assert_eq!(lines[1], "eu   Europe                https://cloudinfra-gw.portal.checkpoint.com");
    let codes: Vec<&str> = lines.iter().filter_map(|line| line.split_whitespace().next()).collect();
    assert_eq!(codes, ["us", "eu", "ca", "au", "uk", "uae", "in"]);
    assert!(lines.iter().all(|line| line.contains(" https://cloudinfra-gw")));

    let run = hec(&["regions", "--output", "json"]).run();
    let regions = &run.json_lines()[0];
    assert_eq!(regions.as_array().map(Vec::len), Some(7));
    assert_eq!(
        regions[6],
        serde_json::json!({"region": "in", "name": "India", "baseUrl": "https://cloudinfra-gw.in.portal.checkpoint.com"})
    );
}

#[test]
fn completions_are_printed_for_a_shell() {
    let run = hec(&["completions", "bash"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("_hec()"), "{}", run.stdout);
    assert_eq!(hec(&["completions", "tcsh"]).run().code, 2);
}

/// Starts `hec mock serve` with `args`, returns the child and its first four stdout lines.
fn serve(args: &[&str]) -> (std::process::Child, Vec<String>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hec"))
        .args(["mock", "serve"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("hec mock serve starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let lines = BufReader::new(stdout).lines().take(4).map(|line| line.expect("a line")).collect();
    (child, lines)
}

#[test]
fn mock_serve_prints_the_environment_then_serves_until_stopped() {
    let (mut child, lines) = serve(&[]);
    let base_url = lines[0]
        .strip_prefix("export HEC_BASE_URL=http://127.0.0.1:")
        .map(|port| format!("http://127.0.0.1:{port}"));
    assert!(base_url.is_some(), "{lines:?}");
    assert_eq!(
        lines[1..],
        [
            format!("export HEC_CLIENT_ID={DEMO_CLIENT_ID}"),
            format!("export HEC_ACCESS_KEY={DEMO_ACCESS_KEY}"),
            format!("# demo task: {DEMO_TASK_ID}"),
        ]
    );

    // The server answers, with the demo task, to the exported settings.
    let base_url = base_url.unwrap_or_default();
    let run = hec(&["task", "get", DEMO_TASK_ID])
        .env("HEC_BASE_URL", &base_url)
        .env("HEC_CLIENT_ID", DEMO_CLIENT_ID)
        .access_key(DEMO_ACCESS_KEY)
        .run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("  status     init\n"), "{run:?}");

    // SIGTERM ends it cleanly.
    let killed = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill runs");
    assert!(killed.success());
    let status = child.wait().expect("hec mock serve ends");
    assert_eq!(status.code(), Some(0), "{status:?}");
}

#[test]
fn mock_serve_listens_on_the_port_asked_for() {
    let port = closed_port();
    let (mut child, lines) = serve(&["--port", &port.to_string()]);
    let _ = child.kill();
    let _ = child.wait();
    assert_eq!(lines[0], format!("export HEC_BASE_URL=http://127.0.0.1:{port}"));
}

/// Sends SIGTERM to a process when dropped: the detached server is no child of the test, so
/// nothing else would stop it if an assertion failed.
struct KillOnDrop(Option<String>);

impl KillOnDrop {
    fn kill(&mut self) {
        if let Some(pid) = self.0.take() {
            let _ = Command::new("kill").arg(&pid).status();
        }
    }
}

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        self.kill();
    }
}

#[test]
fn mock_serve_detach_returns_at_once_and_leaves_a_server_to_kill() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hec"))
        .args(["mock", "serve", "--detach"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("hec mock serve --detach starts");
    // Its whole stdout, to the end: the end comes only if the server holds no copy of it (else
    // `eval "$(hec mock serve --detach)"` would never return).
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let (sender, received) = mpsc::channel();
    std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stdout.read_to_string(&mut text);
        let _ = sender.send(text);
    });
    let output = received.recv_timeout(Duration::from_secs(20));
    let status = child.wait().expect("hec mock serve --detach ends");
    let output = output.expect("stdout ends within 20 s");
    let lines: Vec<&str> = output.lines().collect();
    let pid = lines.get(4).and_then(|line| line.strip_prefix("export HEC_MOCK_PID=")).unwrap_or_default();
    let mut server = KillOnDrop((!pid.is_empty()).then(|| pid.to_owned()));
    assert_eq!(status.code(), Some(0), "{status:?} {output:?}");
    let mut stderr = String::new();
    let _ = child.stderr.take().map(|mut stderr_pipe| stderr_pipe.read_to_string(&mut stderr));
    assert_eq!(stderr, "");

    assert_eq!(lines.len(), 6, "{lines:?}");
    let base_url = lines[0].strip_prefix("export HEC_BASE_URL=").unwrap_or_default().to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{lines:?}");
    assert_eq!(
        lines[1..4],
        [
            format!("export HEC_CLIENT_ID={DEMO_CLIENT_ID}"),
            format!("export HEC_ACCESS_KEY={DEMO_ACCESS_KEY}"),
            format!("# demo task: {DEMO_TASK_ID}"),
        ]
    );
    assert!(pid.parse::<u32>().is_ok(), "{lines:?}");
    assert_eq!(lines[5], format!("# stop it with: kill {pid}"));

    // It serves the exported settings after the command has returned.
    let run = hec(&["task", "get", DEMO_TASK_ID])
        .env("HEC_BASE_URL", &base_url)
        .env("HEC_CLIENT_ID", DEMO_CLIENT_ID)
        .access_key(DEMO_ACCESS_KEY)
        .run();
    assert_eq!(run.code, 0, "{run:?}");

    // `kill` stops it: its port soon refuses connections.
    server.kill();
    let address = base_url.trim_start_matches("http://").to_owned();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(&address).is_ok() {
        assert!(Instant::now() < deadline, "the server still listens on {address} after kill");
        std::thread::sleep(Duration::from_millis(20));
    }
}
