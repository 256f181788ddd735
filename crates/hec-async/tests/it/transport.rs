//! How reqwest's failures map to hec-proto's transport kinds, one request each (no retries).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

use hec_async::{Client, Error};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};
use hec_proto::policy::TokenSource;
use hec_proto::{AccessToken, BaseUrl, ClientConfig, TransportErrorKind};

const ID: &str = "1691529376887109";

fn config(mock: &MockGateway) -> ClientConfig {
    let mut config = test_config(mock);
    config.retry = config.retry.clone().with_max_attempts(1);
    config.timeout = Duration::from_millis(300);
    config
}

async fn get_task(config: ClientConfig) -> Error {
    let client = Client::from_config(config).expect("a client");
    client.get_task(&ID.parse().expect("an id")).await.expect_err("a failure")
}

async fn kind_with_fault(fault: Fault) -> Option<TransportErrorKind> {
    let mock = MockGateway::start();
    mock.script_task(ID, TaskScript::polls([TaskStep::new("completed")]));
    mock.fault(FaultRule::on_path(hec_proto::endpoint::TASK_PATH).always().then(fault));
    get_task(config(&mock)).await.transport_error().map(|e| e.kind())
}

#[tokio::test(flavor = "current_thread")]
async fn a_connection_closed_before_the_response_is_interrupted() {
    assert_eq!(kind_with_fault(Fault::CloseConnection).await, Some(TransportErrorKind::Interrupted));
}

#[tokio::test(flavor = "current_thread")]
async fn a_body_cut_short_is_interrupted() {
    assert_eq!(kind_with_fault(Fault::TruncateBody).await, Some(TransportErrorKind::Interrupted));
}

#[tokio::test(flavor = "current_thread")]
async fn a_body_slower_than_the_timeout_is_a_timeout() {
    let drip = Fault::DripBody { chunk: 1, pause: Duration::from_millis(50) };
    assert_eq!(kind_with_fault(drip).await, Some(TransportErrorKind::Timeout));
}

#[tokio::test(flavor = "current_thread")]
async fn a_refused_connection_is_connect() {
    let mock = MockGateway::start();
    let config = config(&mock);
    drop(mock); // its port now refuses connections
    let error = get_task(config).await;
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Connect), "{error:?}");
}

#[tokio::test(flavor = "current_thread")]
async fn a_failed_tls_handshake_is_tls() {
    let mock = MockGateway::start();
    let mut config = config(&mock);
    // TLS to a plain-HTTP port: the handshake gets an HTTP answer.
    let https = mock.base_url().replacen("http://", "https://", 1);
    config.base_url = Some(https.parse::<BaseUrl>().expect("an https URL"));
    let error = get_task(config).await;
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Tls), "{error:?}");
}

/// A server that answers any request with a chunked body (no Content-Length) of `total` bytes,
/// and reports how many bytes it managed to write before the client hung up.
fn endless_chunked_server(total: usize) -> (String, tokio::sync::oneshot::Receiver<usize>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("an address"));
    let (report, written) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let Ok((stream, _)) = listener.accept() else { return };
        let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
        let mut line = String::new();
        while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
            line.clear();
        }
        let mut stream = stream;
        let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
        let mut sent = 0;
        if stream.write_all(head.as_bytes()).is_ok() {
            let chunk = format!("4000\r\n{}\r\n", "x".repeat(0x4000));
            while sent < total && stream.write_all(chunk.as_bytes()).is_ok() {
                sent += 0x4000;
            }
        }
        let _ = report.send(sent);
    });
    (url, written)
}

#[tokio::test(flavor = "current_thread")]
async fn a_chunked_body_over_the_limit_stops_being_read_at_the_limit() {
    let (url, written) = endless_chunked_server(256 * 1024 * 1024);
    let mut config = ClientConfig::default();
    config.base_url = Some(url.parse().expect("a loopback URL"));
    config.auth = Some(TokenSource::Static(AccessToken::new("made-up")));
    config.body_limit = 64 * 1024;
    let error = get_task(config).await;
    assert_eq!(
        error.transport_error().map(|e| e.kind()),
        Some(TransportErrorKind::BodyTooLarge),
        "{error:?}"
    );
    // The runtime must go on running for the dropped connection to be closed.
    let written = tokio::time::timeout(Duration::from_secs(10), written).await;
    let written = written.expect("the server stops in time").expect("the server reports");
    // What the socket buffers held, not the 256 MiB on offer.
    assert!(written < 32 * 1024 * 1024, "the server wrote {written} bytes");
}

#[tokio::test(flavor = "current_thread")]
async fn a_transport_error_keeps_reqwests_error_as_its_source() {
    use std::error::Error as _;
    let mock = MockGateway::start();
    let config = config(&mock);
    drop(mock); // its port now refuses connections
    let error = get_task(config).await;
    let transport = error.transport_error().expect("a transport error");
    let source = transport.source().expect("the library's error is kept");
    assert!(source.is::<reqwest::Error>(), "{source:?}");
    assert!(transport.to_string().starts_with(&format!("connect error: {source}")), "{transport}");
}

#[tokio::test(flavor = "current_thread")]
async fn connect_and_tls_errors_name_the_host() {
    let mock = MockGateway::start();
    let port = mock.addr().port();
    let mut tls = config(&mock);
    tls.base_url = Some(format!("https://localhost:{port}").parse::<BaseUrl>().expect("an https URL"));
    let error = get_task(tls).await;
    assert_eq!(error.kind_name(), "tls", "{error:?}");
    assert!(error.to_string().contains(&format!("localhost:{port}")), "{error}");
    let refused = config(&mock);
    drop(mock); // its port now refuses connections
    let error = get_task(refused).await;
    assert_eq!(error.kind_name(), "connect", "{error:?}");
    assert!(error.to_string().contains(&format!("127.0.0.1:{port}")), "{error}");
}
