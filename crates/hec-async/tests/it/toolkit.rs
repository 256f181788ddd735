//! The analyst's toolkit through the async client where only its `AsyncWrite` can show it: a
//! download into a writer that refuses is not sent again once a byte may have been written. The
//! rest of the toolkit is the matrix's (`hec_fixtures::toolkit_matrix!`, run in `matrix.rs`).

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};

use hec_async::{Client, TransportErrorKind};
use hec_fixtures::matrix::test_config;
use hec_fixtures::matrix::toolkit::{DOWNLOAD_PATH, entity_id, message_answer};
use hec_fixtures::mock::{FaultRule, MockGateway};
use tokio::io::AsyncWrite;

/// A writer that refuses every write.
struct Refusing;

impl AsyncWrite for Refusing {
    fn poll_write(self: Pin<&mut Self>, _: &mut Context<'_>, _: &[u8]) -> Poll<io::Result<usize>> {
        Poll::Ready(Err(io::Error::other("disk full")))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }

    fn poll_shutdown(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<io::Result<()>> {
        Poll::Ready(Ok(()))
    }
}

#[tokio::test(flavor = "current_thread")]
async fn a_download_is_not_sent_again_once_a_byte_may_have_been_written() {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(DOWNLOAD_PATH).always().then(message_answer()));
    let client = Client::from_config(test_config(&mock)).expect("a client");
    let error = client.download_entity(&entity_id(), false, &mut Refusing).await.unwrap_err();
    let transport = error.transport_error().expect("a transport error");
    assert_eq!(transport.kind(), TransportErrorKind::Other);
    assert!(transport.to_string().contains("writing the message failed: disk full"), "{transport}");
    assert_eq!(mock.requests_to(DOWNLOAD_PATH).len(), 1);
}
