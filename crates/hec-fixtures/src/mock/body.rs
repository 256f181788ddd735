//! Response bodies: sent whole, or streamed by a task (dripped, cut short, or generated).

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use http::{HeaderValue, Response, StatusCode};
use hyper::body::{Body, Frame, SizeHint};
use tokio::sync::mpsc;

/// The body of every response the mock sends.
#[derive(Debug)]
pub(crate) struct MockBody {
    inner: Inner,
}

#[derive(Debug)]
enum Inner {
    Full(Option<Bytes>),
    /// Chunks from a producer task; the declared length is what `Content-Length` says, which a
    /// cut-short body does not reach.
    Streamed {
        chunks: mpsc::Receiver<Result<Bytes, BodyCut>>,
        declared: u64,
    },
}

/// The error a streamed body ends with to make hyper drop the connection mid-body.
#[derive(Debug)]
pub(crate) struct BodyCut;

impl std::fmt::Display for BodyCut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the mock cut the response body short on purpose")
    }
}

impl std::error::Error for BodyCut {}

impl Body for MockBody {
    type Data = Bytes;
    type Error = BodyCut;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, BodyCut>>> {
        match &mut self.get_mut().inner {
            Inner::Full(bytes) => Poll::Ready(bytes.take().map(|bytes| Ok(Frame::data(bytes)))),
            Inner::Streamed { chunks, .. } => {
                chunks.poll_recv(cx).map(|chunk| chunk.map(|chunk| chunk.map(Frame::data)))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        matches!(&self.inner, Inner::Full(None))
    }

    fn size_hint(&self) -> SizeHint {
        match &self.inner {
            Inner::Full(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |bytes| bytes.len() as u64)),
            Inner::Streamed { declared, .. } => SizeHint::with_exact(*declared),
        }
    }
}

impl MockBody {
    /// A body sent in one piece.
    pub(crate) fn full(bytes: Bytes) -> MockBody {
        MockBody { inner: Inner::Full(Some(bytes)) }
    }

    /// A body that a producer feeds through the returned sender; `Content-Length: declared`.
    fn streamed(declared: u64) -> (mpsc::Sender<Result<Bytes, BodyCut>>, MockBody) {
        // A few chunks of slack: enough to keep the socket busy, little enough to bound memory.
        let (sender, chunks) = mpsc::channel(4);
        (sender, MockBody { inner: Inner::Streamed { chunks, declared } })
    }
}

/// `response` with its body sent `chunk` bytes at a time, `pause` apart.
pub(crate) fn drip(response: Response<Bytes>, chunk: usize, pause: Duration) -> Response<MockBody> {
    let (parts, bytes) = response.into_parts();
    let (sender, body) = MockBody::streamed(bytes.len() as u64);
    let chunk = chunk.max(1);
    tokio::spawn(async move {
        let mut start = 0;
        while start < bytes.len() {
            if start > 0 {
                tokio::time::sleep(pause).await;
            }
            let end = bytes.len().min(start.saturating_add(chunk));
            if sender.send(Ok(bytes.slice(start..end))).await.is_err() {
                return; // The client has gone.
            }
            start = end;
        }
    });
    with_length(Response::from_parts(parts, body))
}

/// `response` with its full `Content-Length` but only the first half of its body, then the
/// connection is dropped.
pub(crate) fn truncate(response: Response<Bytes>) -> Response<MockBody> {
    let (parts, bytes) = response.into_parts();
    let sent = bytes.len() / 2;
    // Even an empty body must promise more than it sends.
    let declared = bytes.len().max(sent + 1) as u64;
    let (sender, body) = MockBody::streamed(declared);
    tokio::spawn(async move {
        if sent > 0 && sender.send(Ok(bytes.slice(..sent))).await.is_err() {
            return;
        }
        // Let hyper flush what was sent before the error makes it drop the connection.
        tokio::time::sleep(Duration::from_millis(20)).await;
        let _ = sender.send(Err(BodyCut)).await;
    });
    with_length(Response::from_parts(parts, body))
}

/// The fixed text around the padding of an oversized body.
const OVERSIZED_HEAD: &str = concat!(
    r#"{"responseEnvelope":{"requestId":"","responseCode":200,"responseText":"","#,
    r#""recordsNumber":1,"scrollId":""},"responseData":{"padding":""#,
);
const OVERSIZED_TAIL: &str = r#""}}"#;
/// How much padding one chunk of an oversized body carries.
const PADDING_CHUNK: usize = 64 * 1024;

/// HTTP 200 with a JSON body of exactly `size` bytes, generated chunk by chunk as it is sent.
pub(crate) fn oversized(size: usize) -> Response<MockBody> {
    let (sender, body) = MockBody::streamed(size as u64);
    tokio::spawn(async move {
        let frame = OVERSIZED_HEAD.len() + OVERSIZED_TAIL.len();
        if size < frame {
            let text = format!("{OVERSIZED_HEAD}{OVERSIZED_TAIL}");
            let _ = sender.send(Ok(Bytes::from(text).slice(..size))).await;
            return;
        }
        if sender.send(Ok(Bytes::from_static(OVERSIZED_HEAD.as_bytes()))).await.is_err() {
            return;
        }
        let padding = Bytes::from(vec![b'x'; PADDING_CHUNK]);
        let mut left = size - frame;
        while left > 0 {
            let n = left.min(PADDING_CHUNK);
            if sender.send(Ok(padding.slice(..n))).await.is_err() {
                return;
            }
            left -= n;
        }
        let _ = sender.send(Ok(Bytes::from_static(OVERSIZED_TAIL.as_bytes()))).await;
    });
    let mut response = Response::new(body);
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    with_length(response)
}

/// A 200 page of one item `{}` whose cursor (`scrollId`) has `bytes` bytes (at least 32) and was
/// never sent before: a random hex start, then `c` padding.
pub(crate) fn new_cursor_page(bytes: usize) -> Response<Bytes> {
    let mut cursor = uuid::Uuid::new_v4().simple().to_string();
    cursor.extend(std::iter::repeat_n('c', bytes.saturating_sub(cursor.len())));
    let body = format!(
        r#"{{"responseEnvelope": {{"responseCode": 200, "responseText": "", "scrollId": "{cursor}"}}, "responseData": [{{}}]}}"#
    );
    super::answer::with_type(StatusCode::OK, "application/json", body)
}

/// A 200 answer whose body is HTML, not JSON.
pub(crate) fn not_json() -> Response<Bytes> {
    super::answer::with_type(
        StatusCode::OK,
        "text/html",
        "<html><head><title>Gateway</title></head>\
         <body><h1>Service temporarily unavailable</h1></body></html>",
    )
}

/// Sets `Content-Length` to the body's declared length.
fn with_length(mut response: Response<MockBody>) -> Response<MockBody> {
    if let Some(length) = response.body().size_hint().exact() {
        response.headers_mut().insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_around_the_padding_is_136_bytes_of_json() {
        let doc = format!("{OVERSIZED_HEAD}{OVERSIZED_TAIL}");
        assert_eq!(doc.len(), 136, "the size Fault::OversizedBody documents");
        assert!(serde_json::from_str::<serde_json::Value>(&doc).is_ok());
    }
}
