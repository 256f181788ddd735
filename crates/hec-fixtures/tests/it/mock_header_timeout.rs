//! The mock closes a connection that sends no whole request head in time (a slowloris client),
//! and still answers one that does.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use hec_fixtures::mock::MockGateway;

use crate::support::token;

/// The timeout the tests give the mock.
const TIMEOUT: Duration = Duration::from_millis(50);

/// How long a test waits for the mock at most, far above [`TIMEOUT`].
const PATIENCE: Duration = Duration::from_secs(5);

fn connect(mock: &MockGateway) -> TcpStream {
    let stream = TcpStream::connect(mock.addr()).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
}

/// Everything the mock sends until it closes the connection (or [`PATIENCE`] runs out, an error).
fn read_to_close(stream: &mut TcpStream) -> std::io::Result<Vec<u8>> {
    let mut received = Vec::new();
    stream.read_to_end(&mut received).map(|_| received)
}

#[test]
fn half_a_request_line_is_closed_without_an_answer_after_the_timeout() {
    let mock = MockGateway::builder().header_read_timeout(TIMEOUT).start();
    let mut stream = connect(&mock);
    let started = Instant::now();
    stream.write_all(b"GET /app/hec-api/v1.0/sco").unwrap();
    let received = read_to_close(&mut stream).unwrap();
    let waited = started.elapsed();
    assert_eq!(received, b"");
    assert!(waited >= TIMEOUT && waited < PATIENCE, "closed after {waited:?}");
    assert!(mock.requests().is_empty());
}

#[test]
fn a_connection_that_sends_nothing_is_closed_after_the_timeout() {
    let mock = MockGateway::builder().header_read_timeout(TIMEOUT).start();
    let mut stream = connect(&mock);
    let started = Instant::now();
    assert_eq!(read_to_close(&mut stream).unwrap(), b"");
    let waited = started.elapsed();
    assert!(waited >= TIMEOUT && waited < PATIENCE, "closed after {waited:?}");
}

#[test]
fn a_slow_client_is_closed_while_a_whole_request_is_answered() {
    let mock = MockGateway::builder().header_read_timeout(TIMEOUT).start();
    let mut slow = connect(&mock);
    slow.write_all(b"GET /app/hec-api/v1.0/scopes HTTP/1.1\r\nHost: 127.0.0.1\r\n").unwrap();

    let mut whole = connect(&mock);
    whole.write_all(b"GET /nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
    let answer = read_to_close(&mut whole).unwrap();
    assert!(answer.starts_with(b"HTTP/1.1 404 Not Found\r\n"), "{}", String::from_utf8_lossy(&answer));
    // A client's request, on a connection of its own, is answered too.
    assert!(token(&mock).starts_with(hec_fixtures::mock::TOKEN_PREFIX));

    assert_eq!(read_to_close(&mut slow).unwrap(), b"");
    assert_eq!(
        mock.requests().iter().map(|request| request.path.as_str()).collect::<Vec<_>>(),
        ["/nowhere", "/auth/external"]
    );
}
