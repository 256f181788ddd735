//! The .eml download: hec-proto's [`DownloadEntity`] over reqwest, the message streamed into any
//! `tokio::io::AsyncWrite` chunk by chunk as it arrives, never held whole; the legacy answer
//! naming a URL followed to an `https` URL only, without the token.

use std::time::{Instant, SystemTime};

use hec_proto::endpoint::{DownloadAnswer, DownloadEntity};
use hec_proto::policy::{Answer, Download, DownloadNext};
use hec_proto::{EntityId, Error, RequestId, TransportError, TransportErrorKind};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tracing::Instrument;

use crate::Client;
use crate::client::record;
use crate::transport;

impl Client {
    /// Writes entity `id`'s message, as an .eml file's bytes exactly as the service sends them,
    /// into `out` (`GET download/entity/{id}?original=...`; `original`: the message as it
    /// arrived, else the copy with HEC's headers), and returns how many bytes it wrote.
    ///
    /// The body is streamed chunk by chunk, never held whole, and never read as JSON unless the
    /// service answers an error (a status that is not 2xx, or a JSON envelope with an error
    /// code). A message past [`ClientConfig::download_limit`](hec_proto::ClientConfig::download_limit)
    /// (64 MiB unless set) stops with a `body_too_large` transport error. The legacy answer
    /// `{"responseData": {"url": ...}}` is followed to an `https` URL only, without the token.
    /// A failure before the first byte is written is retried like every read; after it, never
    /// (`out` then holds part of the message: write to a temporary file and keep it only on
    /// success). A failed write into `out` is an `other` transport error.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use hec_async::{Client, ClientConfig, Credentials};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// let message = b"From: a@example.com\r\nSubject: Invoice\r\n\r\nPay now.\r\n";
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/download/entity/")
    ///     .then(Fault::status(200).header("content-type", "message/rfc822").body(message.to_vec())));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let mut eml = Vec::new();
    /// let written = client.download_entity(&"5ca17e5ca17e".parse()?, false, &mut eml).await?;
    /// assert_eq!((written, eml.as_slice()), (message.len() as u64, &message[..]));
    /// assert_eq!(mock.requests_to("/app/hec-api/v1.0/download/")[0].path,
    ///     "/app/hec-api/v1.0/download/entity/5ca17e5ca17e?original=false");
    /// # Ok(())
    /// # }
    /// ```
    pub async fn download_entity<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        id: &EntityId,
        original: bool,
        out: &mut W,
    ) -> Result<u64, Error> {
        self.download(&DownloadEntity::new(id.clone()).original(original), out).await
    }

    /// [`Client::download_entity`] for a [`DownloadEntity`] call.
    pub async fn download<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        download: &DownloadEntity,
        out: &mut W,
    ) -> Result<u64, Error> {
        let config = self.inner.config.config();
        let call = self.inner.tokens.lock().await.api_call(self.retry(), Instant::now(), None);
        let mut download = Download::new(download.clone(), call, config.download_limit, config.body_limit);
        self.run_download(&mut download, out).await.map_err(|error| self.redact(error))
    }

    /// Sends the download's requests, as hec-proto's [`Download`] decides, until it ends.
    async fn run_download<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        download: &mut Download,
        out: &mut W,
    ) -> Result<u64, Error> {
        loop {
            let request_id = RequestId::new();
            let token = if download.needs_token() {
                Some(self.token(download.call().deadline()).await?)
            } else {
                None
            };
            let request = download.request(self.base_url(), token.as_ref(), request_id)?;
            let Some(pass) = self.inner.gate.enter(download.call().deadline()).await else {
                return Err(download.call().deadline_passed(Instant::now()));
            };
            let timeout =
                download.call().request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let span = tracing::debug_span!("hec.request", method = "GET", path = download.path_template(),
                host = download.host(self.base_url()), request_id = %request_id, attempt = download.call().attempt(),
                status = tracing::field::Empty, error = tracing::field::Empty, elapsed_ms = tracing::field::Empty);
            let started = Instant::now();
            let outcome = async {
                let limits = self.limits(timeout);
                let response = match transport::open(&self.inner.http, request, &limits).await {
                    Ok(response) => response,
                    Err(error) => {
                        pass.finish_with(Answer::Unanswered);
                        return Err(Error::from(error));
                    }
                };
                tracing::Span::current().record("status", response.status().as_u16());
                let answer = Answer::of_head(response.status(), response.headers(), SystemTime::now());
                let read = self.read_answer(download, request_id, response, out).await;
                // The slot is held until the body is read: a download counts against the limit
                // on requests in flight for as long as it streams.
                pass.finish_with(answer);
                read
            }
            .instrument(span.clone())
            .await;
            record(&span, started, &outcome);
            match download.handle_outcome(outcome, Instant::now(), SystemTime::now()) {
                DownloadNext::Done(written) => return Ok(written),
                DownloadNext::Follow => {}
                DownloadNext::RefreshToken => {
                    if let Some(token) = &token {
                        self.inner.tokens.lock().await.invalidate(token);
                    }
                }
                DownloadNext::Retry { after } => Box::pin(tokio::time::sleep(after)).await,
                DownloadNext::Fail(error) => return Err(error),
            }
        }
    }

    /// Reads one answer: the message streamed into `out`, or the JSON (an error, or a URL).
    async fn read_answer<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        download: &mut Download,
        request_id: RequestId,
        mut response: reqwest::Response,
        out: &mut W,
    ) -> Result<(), Error> {
        let first = response.chunk().await.map_err(transport::read_error)?;
        let status = response.status();
        let kind = download.answer_kind(status, response.headers(), first.as_deref().unwrap_or_default());
        if kind == DownloadAnswer::Json {
            let mut bytes = first.map(|chunk| chunk.to_vec()).unwrap_or_default();
            download.handle_json_bytes(bytes.len() as u64)?;
            while let Some(chunk) = response.chunk().await.map_err(transport::read_error)? {
                download.handle_json_bytes(bytes.len() as u64 + chunk.len() as u64)?;
                bytes.extend_from_slice(&chunk);
            }
            let mut answer = http::Response::new(bytes);
            *answer.status_mut() = status;
            *answer.headers_mut() = std::mem::take(response.headers_mut());
            return download.handle_json(&answer, request_id);
        }
        let mut next = first;
        while let Some(chunk) = next {
            download.handle_chunk(chunk.len())?;
            out.write_all(&chunk).await.map_err(write_error)?;
            next = response.chunk().await.map_err(transport::read_error)?;
        }
        out.flush().await.map_err(write_error)?;
        Ok(())
    }
}

/// A failed write into the caller's writer.
fn write_error(error: std::io::Error) -> TransportError {
    TransportError::new(TransportErrorKind::Other, format!("writing the message failed: {error}"))
        .with_source(error)
}
