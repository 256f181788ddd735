//! The .eml download holds its slot among the requests in flight until its body is read: with
//! `max_in_flight(1)`, another request waits at the gate while the message streams, and is sent
//! once the download has written its last byte.

use std::time::Duration;

use hec_async::{Client, EntityId};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use tokio::io::AsyncReadExt;

const DOWNLOAD: &str = "/app/hec-api/v1.0/download/entity/";
const SCOPES: &str = "/app/hec-api/v1.0/scopes";
const ID: &str = "5107aa0000000000000000000000c0de";
const MESSAGE: &[u8] = b"From: billing@made-up.example\r\nSubject: Held\r\n\r\nThe slot is held.\r\n";

#[tokio::test]
async fn a_request_waits_while_a_download_streams_with_one_slot() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(DOWNLOAD)
            .then(Fault::status(200).header("content-type", "message/rfc822").body(MESSAGE.to_vec())),
    );
    let client = Client::from_config(test_config(&mock).max_in_flight(1)).expect("a client");
    // One request first: the token is then held, so the second caller below needs only the slot.
    let scopes = client.scopes().await.expect("the scopes");

    // The message goes into a pipe of 8 bytes: the download stays mid-body until the test reads.
    let (mut message, mut pipe) = tokio::io::duplex(8);
    let downloading = {
        let client = client.clone();
        tokio::spawn(async move {
            let id: EntityId = ID.parse().expect("a valid id");
            client.download_entity(&id, false, &mut pipe).await.map_err(|error| error.to_string())
        })
    };
    let mut start = [0u8; 8];
    let started = tokio::time::timeout(Duration::from_secs(10), message.read_exact(&mut start)).await;
    assert_eq!(started.expect("the message starts streaming").expect("8 bytes"), 8);
    let asking = {
        let client = client.clone();
        tokio::spawn(async move { client.scopes().await.map_err(|error| error.to_string()) })
    };
    // The download is mid-body: the second request waits at the gate, never reaching the mock.
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(mock.requests_to(SCOPES).len(), 1, "a request was sent while the download held the only slot");

    let mut rest = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), message.read_to_end(&mut rest)).await;
    assert_eq!(read.expect("the message ends").expect("the rest"), MESSAGE.len() - 8);
    assert_eq!([&start[..], &rest].concat(), MESSAGE);
    assert_eq!(downloading.await.expect("the download's task"), Ok(MESSAGE.len() as u64));
    assert_eq!(asking.await.expect("the second caller's task"), Ok(scopes));
    assert_eq!(mock.requests_to(SCOPES).len(), 2);
    assert_eq!(mock.requests_to(DOWNLOAD).len(), 1);
}
