//! `hec event follow`: events printed once, as `event search` prints them; `--once` with a
//! checkpoint, run twice; a checkpoint that cannot be used; SIGTERM and SIGKILL, then a
//! restart; a closed stdout; failures that end a `--once` run with their exit code, and
//! failures a follower logs and gets over. Against a mock of its own (the demo tenant's 7
//! events, pages of 4), or `--mock` (with its live events).

use std::time::{Duration, Instant, SystemTime};

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, demo};
use serde_json::{Value, json};

use crate::support::{Run, TempFile, hec};

const EVENT_QUERY: &str = "/app/hec-api/v1.0/event/query";
const SECOND: Duration = Duration::from_secs(1);

fn demo_ids() -> Vec<String> {
    demo::event_ids().iter().map(|id| (*id).to_owned()).collect()
}

/// A checkpoint path in the temporary folder, removed at the end (no file there yet).
fn checkpoint_path() -> TempFile {
    let file = TempFile::with("");
    std::fs::remove_file(&file.0).expect("the placeholder is removed");
    file
}

/// The checkpoint file's JSON.
fn checkpoint(file: &TempFile) -> Value {
    serde_json::from_slice(&std::fs::read(&file.0).expect("the checkpoint exists")).expect("JSON")
}

/// How many ids the checkpoint file holds (0 if it does not exist or is not complete JSON).
fn emitted(file: &TempFile) -> usize {
    std::fs::read(&file.0)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|json| json["emitted"].as_array().map(Vec::len))
        .unwrap_or(0)
}

/// `hec event follow --once --since 3d` with `args`, against `mock`, to its end.
fn once(mock: &MockGateway, args: &[&str]) -> Run {
    hec(&["event", "follow", "--once", "--since", "3d"]).args(args).against(mock).run()
}

/// Whether the checkpoint file says a window was read to its end and none is in progress.
fn window_ended(file: &TempFile) -> bool {
    std::fs::read(&file.0)
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .is_some_and(|json| json["cursor"].is_string() && json["window"].is_null())
}

/// The checkpoint file's cursor.
fn cursor(file: &TempFile) -> SystemTime {
    let time: jiff::Timestamp =
        checkpoint(file)["cursor"].as_str().expect("a cursor").parse().expect("a time");
    SystemTime::try_from(time).expect("in range")
}

/// `eventCreated` for `time`.
fn created(time: SystemTime) -> String {
    jiff::Timestamp::try_from(time).expect("in range").to_string()
}

fn lines(run: &Run) -> Vec<&str> {
    run.stdout.lines().collect()
}

#[test]
fn once_prints_each_event_as_event_search_prints_it_in_every_output() {
    let mock = MockGateway::start();
    for output in ["json", "text", "ids"] {
        let follow = once(&mock, &["-o", output]);
        let search = hec(&["event", "search", "--since", "3d", "-o", output]).against(&mock).run();
        assert_eq!((follow.code, follow.stderr.as_str()), (0, ""), "{follow:?}");
        assert_eq!(follow.stdout, search.stdout, "-o {output}");
    }
    let ids = once(&mock, &["-o", "ids"]);
    assert_eq!(lines(&ids), demo_ids());
    // JSON is the API's own object, one per line.
    let json = once(&mock, &["-o", "json"]);
    assert_eq!(json.json_lines().len(), 7);
    assert_eq!(json.json_lines()[0]["eventId"], demo::event_ids()[0]);
}

#[test]
fn once_twice_with_a_checkpoint_prints_the_second_time_only_what_arrived_in_between() {
    let mock = MockGateway::start();
    let file = checkpoint_path();
    let first = once(&mock, &["--checkpoint", file.path(), "-o", "ids"]);
    assert_eq!((first.code, lines(&first)), (0, demo::event_ids()), "{first:?}");
    // The window read to its end; the demo's events are all older than the lookback, so no id
    // needs keeping.
    let saved = checkpoint(&file);
    assert_eq!((saved["window"].clone(), saved["emitted"].as_array().map(Vec::len)), (Value::Null, Some(0)));
    let cursor = cursor(&file);

    // A second later: one created just after the cursor, one five minutes before it (late).
    std::thread::sleep(Duration::from_millis(1100));
    mock.add_events([
        json!({"eventId": "late", "type": "phishing", "eventCreated": created(cursor - Duration::from_secs(300))}),
        json!({"eventId": "new", "type": "dlp", "eventCreated": created(cursor + Duration::from_millis(500))}),
    ]);
    let second = once(&mock, &["--checkpoint", file.path(), "-o", "ids"]);
    assert_eq!((second.code, lines(&second)), (0, vec!["new", "late"]), "{second:?}");
    assert_eq!(
        second.stderr,
        format!("note: resuming from the checkpoint \"{}\": --since and --start are ignored\n", file.path())
    );
    let third =
        hec(&["event", "follow", "--once", "--checkpoint", file.path(), "-o", "ids"]).against(&mock).run();
    assert_eq!((third.code, third.stdout.as_str(), third.stderr.as_str()), (0, "", ""), "{third:?}");
}

#[test]
fn with_mock_two_runs_agree_and_the_second_prints_only_what_arrived_in_between() {
    use hec_fixtures::mock::{live_event_created, live_event_id, live_event_slot};
    let file = checkpoint_path();
    let run = |file: &TempFile| {
        hec(&["--mock", "event", "follow", "--once", "--checkpoint", file.path(), "-o", "ids"]).run()
    };
    let first = run(&file);
    assert_eq!(first.code, 0, "{first:?}");
    // The demo's live events of the last ten minutes, newest first, then its fixed event of the
    // last hour.
    let live: Vec<&str> = lines(&first).into_iter().filter(|id| live_event_slot(id).is_some()).collect();
    assert!((199..=201).contains(&live.len()), "{} live events: {first:?}", live.len());
    assert_eq!(lines(&first)[live.len()..], [demo::event_ids()[0]]);
    let after_first = cursor(&file);

    std::thread::sleep(Duration::from_millis(4100));
    let second = run(&file);
    assert_eq!(second.code, 0, "{second:?}");
    // Exactly the live events created after the first run's end and by the second's.
    let after_second = cursor(&file);
    let newest = live_event_slot(live[0]).expect("a live event");
    let arrived: Vec<String> = (newest - 1..newest + 10)
        .rev()
        .filter(|slot| live_event_created(*slot) > after_first && live_event_created(*slot) <= after_second)
        .map(live_event_id)
        .collect();
    assert!(!arrived.is_empty());
    assert_eq!(lines(&second), arrived, "{second:?}");
}

#[test]
fn a_checkpoint_that_cannot_be_used_exits_2_naming_the_file_and_is_left_as_it_was() {
    let mock = MockGateway::start();
    let made = checkpoint_path();
    assert_eq!(once(&mock, &["--checkpoint", made.path(), "--type", "phishing"]).code, 0);
    let valid = std::fs::read_to_string(&made.0).expect("the checkpoint");
    let other_client = valid.replace(mock.client_id(), "another-client");
    let other_gateway = valid.replace(&mock.base_url(), "https://gw.example.com");
    let cases = [
        ("not json", vec![], "the checkpoint is corrupt: expected ident at line 1 column 2".to_owned()),
        (
            r#"{"version": 2}"#,
            vec![],
            "the checkpoint is of version 2; this version of hec reads version 1 only".to_owned(),
        ),
        (
            other_client.as_str(),
            vec!["--type", "phishing"],
            format!("the checkpoint was made for client id \"another-client\", not \"{}\"", mock.client_id()),
        ),
        (
            other_gateway.as_str(),
            vec!["--type", "phishing"],
            format!("the checkpoint was made for gateway \"https://gw.example.com\", not \"{}\"", mock.base_url()),
        ),
        (
            valid.as_str(),
            vec!["--type", "dlp"],
            r#"the checkpoint was made for filters "{\"eventTypes\":[\"phishing\"]}", not "{\"eventTypes\":[\"dlp\"]}""#
                .to_owned(),
        ),
    ];
    for (text, args, why) in cases {
        let file = TempFile::with(text);
        mock.clear_requests();
        let run = once(&mock, &[&["--checkpoint", file.path(), "-o", "json"], args.as_slice()].concat());
        assert_eq!((run.code, run.stdout.as_str()), (2, ""), "{text}: {run:?}");
        let expected = format!("error: cannot resume from the checkpoint \"{}\": {why}", file.path());
        assert!(run.stderr.starts_with(&expected), "{text}:\n{}\nnot\n{expected}", run.stderr);
        assert_eq!(std::fs::read_to_string(&file.0).expect("the file"), text, "left as it was");
        assert_eq!(mock.requests_to(EVENT_QUERY).len(), 0, "nothing was asked");
    }
}

#[test]
fn sigterm_while_a_page_is_on_its_way_saves_what_was_printed_and_a_restart_prints_the_rest() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(EVENT_QUERY).nth(2).then(Fault::DelayHeaders(2 * SECOND)));
    let file = checkpoint_path();
    let running = hec(&["event", "follow", "--since", "3d", "--checkpoint", file.path(), "-o", "ids"])
        .against(&mock)
        .spawn();
    let first_page = running.lines(4, 5 * SECOND);
    assert_eq!(first_page, demo_ids()[..4]);
    running.signal("TERM");
    let stopped = running.wait(5 * SECOND);
    assert_eq!((stopped.code, stopped.stdout.as_str(), stopped.stderr.as_str()), (0, "", ""), "{stopped:?}");
    let saved = checkpoint(&file);
    assert_eq!(saved["emitted"].as_array().map(Vec::len), Some(4));
    assert!(saved["window"].is_object(), "the window was in progress: {saved}");

    let restart =
        hec(&["event", "follow", "--once", "--checkpoint", file.path(), "-o", "ids"]).against(&mock).run();
    assert_eq!(
        (restart.code, lines(&restart)),
        (0, demo_ids()[4..].iter().map(String::as_str).collect()),
        "{restart:?}"
    );
}

#[test]
fn sigint_while_waiting_for_the_next_window_exits_0_at_once() {
    let mock = MockGateway::start();
    let file = checkpoint_path();
    let running = hec(&["event", "follow", "--since", "3d", "--checkpoint", file.path(), "-o", "ids"])
        .against(&mock)
        .spawn();
    assert_eq!(running.lines(7, 5 * SECOND), demo_ids());
    // Caught up, it waits a minute for the next window.
    std::thread::sleep(Duration::from_millis(200));
    let signalled = Instant::now();
    running.signal("INT");
    let stopped = running.wait(5 * SECOND);
    assert!(signalled.elapsed() < 2 * SECOND, "{:?}", signalled.elapsed());
    assert_eq!((stopped.code, stopped.stderr.as_str()), (0, ""), "{stopped:?}");
    assert!(window_ended(&file), "{}", checkpoint(&file));
}

#[test]
fn sigkill_and_a_restart_lose_nothing_and_print_at_most_one_page_again() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(EVENT_QUERY).nth(2).then(Fault::DelayHeaders(Duration::from_secs(3))));
    let file = checkpoint_path();
    let running = hec(&["event", "follow", "--since", "3d", "--checkpoint", file.path(), "-o", "ids"])
        .against(&mock)
        .spawn();
    let printed = running.lines(4, 5 * SECOND);
    // Killed once the first page's checkpoint is written, while the second page is on its way.
    let started = Instant::now();
    while emitted(&file) < 4 && started.elapsed() < 5 * SECOND {
        std::thread::sleep(Duration::from_millis(10));
    }
    running.kill();
    assert_eq!((printed.as_slice(), emitted(&file)), (&demo_ids()[..4], 4));
    let restart =
        hec(&["event", "follow", "--once", "--checkpoint", file.path(), "-o", "ids"]).against(&mock).run();
    assert_eq!(
        (restart.code, lines(&restart)),
        (0, demo_ids()[4..].iter().map(String::as_str).collect()),
        "{restart:?}"
    );
}

#[test]
fn a_closed_stdout_saves_what_was_written_and_exits_0_quietly_within_a_second() {
    let mock = MockGateway::start();
    let file = checkpoint_path();
    // The reader is gone before hec starts: nothing can be written.
    let run = hec(&["event", "follow", "--since", "3d", "--checkpoint", file.path(), "-o", "ids"])
        .against(&mock)
        .run_with_closed_stdout();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    assert_eq!(emitted(&file), 0);

    // The reader goes away while hec waits for the next window (every line fit in the pipe).
    let file = checkpoint_path();
    let mut child = hec(&["event", "follow", "--since", "3d", "--checkpoint", file.path(), "-o", "ids"])
        .against(&mock)
        .into_command()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("hec starts");
    let mut stdout = std::io::BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).expect("a line");
    assert_eq!(first.trim_end(), demo::event_ids()[0]);
    let started = Instant::now();
    while !window_ended(&file) && started.elapsed() < 5 * SECOND {
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(stdout);
    let closed = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("hec can be waited for") {
            break status;
        }
        assert!(closed.elapsed() < 5 * SECOND, "hec is still running");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(closed.elapsed() < SECOND, "{:?}", closed.elapsed());
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr is piped"), &mut stderr)
        .expect("stderr");
    assert_eq!((status.code(), stderr.as_str(), window_ended(&file)), (Some(0), "", true));
}

#[test]
fn once_ends_at_a_failure_past_the_retries_with_its_exit_code_after_saving_what_was_printed() {
    // The second page is refused twice (the client renews its token once): authentication, 3.
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(EVENT_QUERY).nth(2).times(2).then(Fault::status(401).json("{}")));
    let file = checkpoint_path();
    let run = once(&mock, &["--checkpoint", file.path(), "-o", "json"]);
    assert_eq!(run.code, 3, "{run:?}");
    assert_eq!(
        run.json_lines().iter().map(|e| e["eventId"].clone()).collect::<Vec<_>>(),
        demo::event_ids()[..4]
    );
    assert!(run.stderr.starts_with("error: "), "{run:?}");
    assert_eq!(emitted(&file), 4);
    let rest = once(&mock, &["--checkpoint", file.path(), "-o", "ids"]);
    assert_eq!((rest.code, lines(&rest)), (0, demo_ids()[4..].iter().map(String::as_str).collect()));

    // A first page the service refuses as a bad request: the API's answer, 4.
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(EVENT_QUERY).always().then(Fault::status(400).json(r#"{"detail": "bad filter"}"#)),
    );
    let run = once(&mock, &["-o", "ids"]);
    assert_eq!((run.code, run.stdout.as_str()), (4, ""), "{run:?}");
}

#[test]
fn while_following_a_refused_token_is_logged_with_the_time_and_retried() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(hec_proto::endpoint::AUTH_PATH).nth(1).then(Fault::status(401).json("{}")));
    let running = hec(&["event", "follow", "--since", "3d", "-o", "ids"]).against(&mock).spawn();
    assert_eq!(running.lines(7, 5 * SECOND), demo_ids());
    running.signal("TERM");
    let stopped = running.wait(5 * SECOND);
    assert_eq!(stopped.code, 0, "{stopped:?}");
    let logged = stopped.progress_lines();
    assert_eq!(logged.len(), 1, "{stopped:?}");
    assert!(logged[0].starts_with("error: "), "{stopped:?}");
    assert!(logged[0].ends_with("; trying again in 1s"), "{stopped:?}");
    assert_eq!(mock.tokens_issued(), 1);
}
