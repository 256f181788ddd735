//! A mock gateway with a hostile script, and a command run against it: the measurements behind
//! issue 23 (time, exit code, and, under `/usr/bin/time -v`, peak memory of the command).
//!
//! ```text
//! cargo run -p hec-fixtures --example hostile_gateway -- SCENARIO [ARG] -- COMMAND [ARGS...]
//! ```
//!
//! The command gets `HEC_BASE_URL`, `HEC_CLIENT_ID` and `HEC_ACCESS_KEY` for the mock; when it
//! ends, the runner prints its exit code, how long it ran and how many requests each fault
//! answered. Scenarios:
//!
//! - `endless-pages BYTES`: every search and event query page holds one item and a new cursor of
//!   BYTES bytes.
//! - `pause SECONDS`: every task request is answered 503 with `Retry-After: SECONDS`.
//! - `token TEXT`: the token endpoint issues the token TEXT.
//! - `key KEY`: the demo tenant, whose access key is KEY.
//! - `base64-key-echo`: the token endpoint answers 401 with the access key in base64.
//! - `action-500-in-200`: every action is answered HTTP 200 with an envelope `responseCode` 500.
//! - `action-tasks N`: every action is answered with N distinct tasks, each about entity `e1`.
//! - `long-subject N`: a search answers one e-mail (`e1`) whose subject has N characters.
//! - `repeat-last-page`: a search answers `e1`, `e2` with cursor `c1`, then `e3` with cursor `c2`
//!   to every later request: its last page again under the same cursor. An event query alike
//!   (`v1`, `v2`, then `v3`).

use std::process::{Command, ExitCode};
use std::time::Instant;

use base64::Engine as _;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};

const SEARCH_PATH: &str = "/app/hec-api/v1.0/search/query";
const EVENTS_PATH: &str = "/app/hec-api/v1.0/event/query";
const TASK_PATH: &str = "/app/hec-api/v1.0/task/";
const ACTION_PATH: &str = "/app/hec-api/v1.0/action/";

fn mock(scenario: &str, arg: &str) -> Result<MockGateway, String> {
    let number = || arg.parse::<usize>().map_err(|_| format!("{scenario} needs a number, not {arg:?}"));
    let mock = match scenario {
        "key" => MockGateway::builder().credentials("hostile-client", arg).demo().start(),
        _ => MockGateway::builder().demo().start(),
    };
    match scenario {
        "endless-pages" => {
            let bytes = number()?;
            for path in [SEARCH_PATH, EVENTS_PATH] {
                mock.fault(FaultRule::on_path(path).always().then(Fault::NewCursorPage(bytes)));
            }
        }
        "pause" => {
            let seconds = number()?;
            let fault = Fault::status(503).header("retry-after", seconds.to_string());
            mock.fault(FaultRule::on_path(TASK_PATH).always().then(fault));
        }
        "token" => {
            let body = serde_json::json!({"success": true, "data": {"token": arg, "expiresIn": 1800}});
            let fault = Fault::status(200).json(body.to_string());
            mock.fault(FaultRule::on_path(hec_proto::endpoint::AUTH_PATH).always().then(fault));
        }
        "key" => {}
        "base64-key-echo" => {
            let body = format!(
                r#"{{"message": "unknown key {}"}}"#,
                base64::engine::general_purpose::STANDARD.encode(mock.access_key())
            );
            mock.fault(
                FaultRule::on_path(hec_proto::endpoint::AUTH_PATH)
                    .always()
                    .then(Fault::status(401).json(body)),
            );
        }
        "action-500-in-200" => {
            let body = r#"{"responseEnvelope": {"responseCode": 500, "responseText": "Internal error"}, "responseData": []}"#;
            mock.fault(FaultRule::on_path(ACTION_PATH).always().then(Fault::status(200).json(body)));
        }
        "action-tasks" => {
            let items: Vec<String> =
                (0..number()?).map(|n| format!(r#"{{"entityId":"e1","taskId":"{n}"}}"#)).collect();
            let body = format!(
                r#"{{"responseEnvelope": {{"responseCode": 200, "responseText": ""}}, "responseData": [{}]}}"#,
                items.join(",")
            );
            mock.fault(FaultRule::on_path(ACTION_PATH).always().then(Fault::status(200).json(body)));
        }
        "long-subject" => {
            let subject = "s".repeat(number()?);
            let body = format!(
                r#"{{"responseEnvelope": {{"responseCode": 200, "scrollId": ""}}, "responseData": [{{"entityInfo": {{"entityId": "e1"}}, "entityPayload": {{"subject": "{subject}"}}}}]}}"#
            );
            mock.fault(FaultRule::on_path(SEARCH_PATH).always().then(Fault::status(200).json(body)));
        }
        "repeat-last-page" => {
            let page = |items: &[String], cursor: &str| {
                let body = format!(
                    r#"{{"responseEnvelope": {{"responseCode": 200, "scrollId": "{cursor}"}}, "responseData": [{}]}}"#,
                    items.join(",")
                );
                Fault::status(200).json(body)
            };
            let entity = |id: &str| {
                format!(
                    r#"{{"entityInfo": {{"entityId": "{id}"}}, "entityPayload": {{"subject": "Invoice {id}", "fromEmail": "a@example.com", "received": "2026-01-01T07:00:00Z"}}}}"#
                )
            };
            let event = |id: &str| {
                format!(
                    r#"{{"eventId": "{id}", "type": "phishing", "state": "new", "severity": "4", "eventCreated": "2026-01-01T07:00:05Z"}}"#
                )
            };
            for (path, item, [first, second, third]) in [
                (SEARCH_PATH, &entity as &dyn Fn(&str) -> String, ["e1", "e2", "e3"]),
                (EVENTS_PATH, &event, ["v1", "v2", "v3"]),
            ] {
                mock.fault(FaultRule::on_path(path).then(page(&[item(first), item(second)], "c1")));
                mock.fault(FaultRule::on_path(path).nth(2).always().then(page(&[item(third)], "c2")));
            }
        }
        other => return Err(format!("unknown scenario {other:?}")),
    }
    Ok(mock)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(split) = args.iter().position(|arg| arg == "--") else {
        eprintln!("usage: hostile_gateway SCENARIO [ARG] -- COMMAND [ARGS...]");
        return ExitCode::from(2);
    };
    let (setup, command) = (&args[..split], &args[split + 1..]);
    let (Some(scenario), Some(program)) = (setup.first(), command.first()) else {
        eprintln!("usage: hostile_gateway SCENARIO [ARG] -- COMMAND [ARGS...]");
        return ExitCode::from(2);
    };
    let arg = setup.get(1).map_or("", String::as_str);
    let mock = match mock(scenario, arg) {
        Ok(mock) => mock,
        Err(why) => {
            eprintln!("hostile_gateway: {why}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let status = Command::new(program)
        .args(&command[1..])
        .env("HEC_BASE_URL", mock.base_url())
        .env("HEC_CLIENT_ID", mock.client_id())
        .env("HEC_ACCESS_KEY", mock.access_key())
        .env_remove("HEC_REGION")
        .status();
    let elapsed = started.elapsed();
    match status {
        Ok(status) => {
            eprintln!(
                "hostile_gateway: {scenario} {arg}: exit {}, {elapsed:.2?}, requests answered by each fault {:?}",
                status.code().map_or_else(|| "by signal".to_owned(), |code| code.to_string()),
                mock.faults_fired()
            );
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("hostile_gateway: cannot run {program}: {error}");
            ExitCode::from(2)
        }
    }
}
