//! The mock as a server: where it listens, how it runs, and that dropping it stops it.

use crate::support;

use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::{TASK_PATH, poll, token};
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

#[test]
fn listens_on_loopback_and_gives_its_base_url() {
    let mock = MockGateway::start();
    assert!(mock.addr().ip().is_loopback());
    assert_ne!(mock.addr().port(), 0);
    assert_eq!(mock.base_url(), format!("http://127.0.0.1:{}", mock.addr().port()));
}

#[test]
fn two_mocks_listen_on_different_ports() {
    let (first, second) = (MockGateway::start(), MockGateway::start());
    assert_ne!(first.addr(), second.addr());
}

#[test]
fn dropping_the_mock_frees_its_port() {
    let mock = MockGateway::start();
    token(&mock); // leaves a pooled keep-alive connection open
    let addr = mock.addr();
    let started = Instant::now();
    drop(mock);
    assert!(started.elapsed() < Duration::from_secs(1), "drop took {:?}", started.elapsed());
    let refused = TcpStream::connect_timeout(&addr, Duration::from_millis(500));
    assert!(refused.is_err(), "something still listens on {addr}");
}

#[test]
fn dropping_the_mock_does_not_wait_for_a_delayed_answer() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::any_path().then(Fault::DelayHeaders(Duration::from_secs(30))));
    let url = format!("{}{TASK_PATH}7", mock.base_url());
    let client =
        std::thread::spawn(move || support::agent_with_timeout(Duration::from_secs(10)).get(url).call());
    // Wait (bounded) until the request is in and being delayed.
    let waiting = Instant::now();
    while mock.requests().is_empty() && waiting.elapsed() < Duration::from_secs(5) {
        std::thread::sleep(Duration::from_millis(5));
    }
    assert_eq!(mock.requests().len(), 1);
    let started = Instant::now();
    drop(mock);
    assert!(started.elapsed() < Duration::from_secs(1), "drop took {:?}", started.elapsed());
    let result = client.join().unwrap();
    assert!(result.is_err(), "the delayed request got {result:?}");
}

#[test]
fn serves_a_blocking_client_from_an_async_test() {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async {
        let mock = MockGateway::start();
        mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
        let mock = std::sync::Arc::new(mock);
        let client = std::sync::Arc::clone(&mock);
        let status = tokio::task::spawn_blocking(move || {
            let token = token(&client);
            poll(&client, &token, "7").unwrap().status
        })
        .await
        .unwrap();
        assert_eq!(status, 200);
        assert_eq!(mock.tokens_issued(), 1);
    });
}

#[test]
fn serves_concurrent_clients_with_several_worker_threads() {
    let script = TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]);
    let mock = std::sync::Arc::new(MockGateway::builder().default_script(script).worker_threads(2).start());
    let token = token(&mock);
    let clients: Vec<_> = (0..4)
        .map(|n| {
            let (mock, token) = (std::sync::Arc::clone(&mock), token.clone());
            std::thread::spawn(move || {
                (0..25)
                    .map(|i| poll(&mock, &token, &format!("{n}-{i}")).unwrap().status)
                    .filter(|status| *status == 200)
                    .count()
            })
        })
        .collect();
    let answered: usize = clients.into_iter().map(|client| client.join().unwrap()).sum();
    assert_eq!(answered, 100);
    assert_eq!(mock.requests_to(TASK_PATH).len(), 100);
}

#[test]
fn a_chosen_port_is_used() {
    // Find a free port, release it, and ask the mock for it.
    let port =
        std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port").port();
    let mock = MockGateway::builder().port(port).start();
    assert_eq!(mock.addr().port(), port);
    assert_eq!(mock.base_url(), format!("http://127.0.0.1:{port}"));
}

#[test]
fn accepted_connections_are_counted() {
    let mock = MockGateway::start();
    let agent = support::agent();
    for _ in 0..3 {
        let _ = support::post_auth(&agent, &mock, "{}");
    }
    assert_eq!(mock.connections_accepted(), 1, "one keep-alive connection for three requests");
    let _ = support::post_auth(&support::agent(), &mock, "{}");
    assert_eq!(mock.connections_accepted(), 2);
}
