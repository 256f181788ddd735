//! The .eml download holds its slot among the requests in flight until its body is read: with
//! `max_in_flight(1)`, another request waits at the gate while the message streams, and is sent
//! once the download has written its last byte.

use std::io::{self, Write};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use hec_blocking::{Client, EntityId};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};

const DOWNLOAD: &str = "/app/hec-api/v1.0/download/entity/";
const SCOPES: &str = "/app/hec-api/v1.0/scopes";
const ID: &str = "5107aa0000000000000000000000c0de";
const MESSAGE: &[u8] = b"From: billing@made-up.example\r\nSubject: Held\r\n\r\nThe slot is held.\r\n";

/// A writer that, at its first write, tells the test the message is streaming and then waits
/// for the test's go (at most 5 s), keeping what it is given.
struct Paused {
    streaming: Option<mpsc::Sender<()>>,
    go: mpsc::Receiver<()>,
    kept: Vec<u8>,
}

impl Write for Paused {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        if let Some(streaming) = self.streaming.take() {
            streaming.send(()).map_err(io::Error::other)?;
            self.go.recv_timeout(Duration::from_secs(5)).map_err(io::Error::other)?;
        }
        self.kept.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_request_waits_while_a_download_streams_with_one_slot() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(DOWNLOAD)
            .then(Fault::status(200).header("content-type", "message/rfc822").body(MESSAGE.to_vec())),
    );
    let client = Client::from_config(test_config(&mock).max_in_flight(1)).expect("a client");
    // One request first: the token is then held, so the second caller below needs only the slot.
    let scopes = client.scopes().expect("the scopes");

    let (streaming, streams) = mpsc::channel();
    let (go, waits) = mpsc::channel();
    let downloading = {
        let client = client.clone();
        thread::spawn(move || {
            let id: EntityId = ID.parse().expect("a valid id");
            let mut out = Paused { streaming: Some(streaming), go: waits, kept: Vec::new() };
            let written = client.download_entity(&id, false, &mut out);
            (written.map_err(|error| error.to_string()), out.kept)
        })
    };
    streams.recv_timeout(Duration::from_secs(10)).expect("the message starts streaming");
    let asking = {
        let client = client.clone();
        thread::spawn(move || client.scopes().map_err(|error| error.to_string()))
    };
    // The download is mid-body: the second request waits at the gate, never reaching the mock.
    thread::sleep(Duration::from_millis(100));
    assert_eq!(mock.requests_to(SCOPES).len(), 1, "a request was sent while the download held the only slot");

    go.send(()).expect("the download waits for the go");
    let (written, kept) = downloading.join().expect("the download's thread");
    assert_eq!((written, kept.as_slice()), (Ok(MESSAGE.len() as u64), MESSAGE));
    assert_eq!(asking.join().expect("the second caller's thread"), Ok(scopes));
    assert_eq!(mock.requests_to(SCOPES).len(), 2);
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 1);
}
