//! What `hec` takes in: gateway URLs that could be read two ways, proxies for a loopback
//! gateway, and local input of any size (an access key file, ids on stdin, a long argument).

use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::support::{TempFile, hec};

#[test]
fn base_urls_that_clients_could_read_differently_exit_2() {
    for url in ["http://127.0.0.1:99999", "http://[::1]0/x:", "http://[::1]evil.example", "https://[*2];80/"]
    {
        let run = hec(&["task", "get", "7", "--base-url", url])
            .env("HEC_CLIENT_ID", "id")
            .access_key("k-1234567")
            .run();
        assert_eq!(run.code, 2, "{url}: {run:?}");
        assert!(run.stderr.starts_with("error: invalid base URL "), "{url}: {run:?}");
    }
}

#[test]
fn a_loopback_gateway_is_not_reached_through_a_proxy() {
    let proxy = MockGateway::start();
    let mock = MockGateway::start();
    mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
    let mut command = hec(&["task", "get", "7"]).against(&mock);
    for name in ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"] {
        command = command.env(name, &proxy.base_url());
    }
    let run = command.env("NO_PROXY", "").env("no_proxy", "").run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(proxy.connections_accepted(), 0);
    assert_eq!(mock.requests().len(), 2);
}

#[test]
fn the_access_key_file_is_read_only_up_to_64_kib() {
    let big = TempFile::with(&"k".repeat(100_000));
    let run = hec(&["auth", "check", "--base-url", "http://127.0.0.1:9", "--access-key-file", big.path()])
        .env("HEC_CLIENT_ID", "id")
        .run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!(
            "error: the access key file {:?} is larger than 65536 bytes: not an access key\n",
            big.path()
        )
    );
    if std::path::Path::new("/dev/zero").exists() {
        let run =
            hec(&["auth", "check", "--base-url", "http://127.0.0.1:9", "--access-key-file", "/dev/zero"])
                .env("HEC_CLIENT_ID", "id")
                .run();
        assert_eq!(run.code, 2, "{run:?}");
        assert!(run.stderr.contains("is larger than 65536 bytes"), "{run:?}");
    }
}

#[test]
fn ids_on_stdin_are_read_with_bounds() {
    let mock = MockGateway::start();
    let run = hec(&["task", "wait", "-"]).stdin(&"1".repeat(5_000)).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stderr, "error: line 1 of stdin is longer than 1024 bytes: not a task id\n");
    assert!(mock.requests().is_empty());
}

#[test]
fn a_long_bad_id_is_echoed_short() {
    let mock = MockGateway::start();
    let long = format!("{}/", "9".repeat(100_000));
    let run = hec(&["task", "get", &long]).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.starts_with("error: invalid task id: character '/' at position 100000"), "{run:?}");
    assert!(run.stderr.ends_with("… (100001 bytes in all)\n"), "{run:?}");
    assert!(run.stderr.len() < 300, "{} bytes", run.stderr.len());
}

#[test]
fn more_than_100000_ids_on_stdin_exit_2_before_any_request() {
    let mock = MockGateway::start();
    let stdin: String = (0..100_001).map(|n| format!("{n}\n")).collect();
    let run = hec(&["task", "wait", "-", "--timeout", "5s"]).stdin(&stdin).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(run.stderr, "error: more than 100000 task ids given: hec takes at most 100000 a run\n");
    assert!(mock.requests().is_empty(), "not even a token request");
}
