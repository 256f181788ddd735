//! The .eml download: hec-proto's [`DownloadEntity`] over reqwest, the message streamed into any
//! `tokio::io::AsyncWrite` chunk by chunk as it arrives, never held whole; the legacy answer
//! naming a URL followed to an `https` URL only, without the token.

use std::time::Instant;

use hec_proto::endpoint::{DOWNLOAD_PATH_TEMPLATE, DownloadAnswer, DownloadEntity, DownloadMeter, FollowUrl};
use hec_proto::policy::{Call, Next};
use hec_proto::{EntityId, Error, RequestId, TransportError, TransportErrorKind};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tracing::Instrument;

use crate::Client;
use crate::client::record;
use crate::transport;

/// Where one download request goes: the API (with the token) or a URL it named (without).
#[derive(Clone, Copy)]
enum Source<'a> {
    Api(&'a DownloadEntity),
    Url(&'a FollowUrl),
}

/// How a download request ended well.
enum Step {
    /// The message was written: this many bytes.
    Written(u64),
    /// The API named a URL to fetch the message from.
    Follow(FollowUrl),
}

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
        let written = match self.fetch(Source::Api(download), out).await {
            Ok(Step::Written(written)) => Ok(written),
            Ok(Step::Follow(url)) => match Box::pin(self.fetch(Source::Url(&url), out)).await {
                Ok(Step::Written(written)) => Ok(written),
                Ok(Step::Follow(_)) => Err(TransportError::new(
                    TransportErrorKind::Other,
                    "the download URL named another URL: not followed",
                )
                .into()),
                Err(error) => Err(error),
            },
            Err(error) => Err(error),
        };
        written.map_err(|error| self.redact(error))
    }

    /// One download request, retried as a read until its first byte is written.
    async fn fetch<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        source: Source<'_>,
        out: &mut W,
    ) -> Result<Step, Error> {
        let mut call = match source {
            Source::Api(_) => self.inner.tokens.lock().await.api_call(self.retry(), Instant::now(), None),
            Source::Url(_) => Call::new(self.retry(), Instant::now()).with_token_refresh(false),
        };
        loop {
            let request_id = RequestId::new();
            let mut token = None;
            let request = match source {
                Source::Api(download) => {
                    let fresh = self.token(call.deadline()).await?;
                    let request = download.request(self.base_url(), &fresh, request_id)?;
                    token = Some(fresh);
                    request
                }
                Source::Url(url) => url.request(),
            };
            let Some(pass) = self.inner.gate.enter(call.deadline()).await else {
                return Err(call.deadline_passed(Instant::now()));
            };
            let timeout = call.request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let mut meter = DownloadMeter::new(self.inner.config.config().download_limit);
            let (path, host) = match source {
                Source::Api(_) => (DOWNLOAD_PATH_TEMPLATE, self.base_url().authority().to_owned()),
                Source::Url(url) => ("{download url}", url.host().to_owned()),
            };
            let span = tracing::debug_span!("hec.request", method = "GET", path, host, request_id = %request_id,
                attempt = call.attempt(), status = tracing::field::Empty, error = tracing::field::Empty,
                elapsed_ms = tracing::field::Empty);
            let started = Instant::now();
            let outcome = async {
                let limits = self.limits(timeout);
                let response = match transport::open(&self.inner.http, request, &limits).await {
                    Ok(response) => {
                        pass.finish(&Ok::<_, TransportError>(head_of(&response)));
                        response
                    }
                    Err(error) => {
                        let failed: Result<http::Response<()>, TransportError> = Err(error);
                        pass.finish(&failed);
                        return failed.map(|_| Step::Written(0)).map_err(Error::from);
                    }
                };
                tracing::Span::current().record("status", response.status().as_u16());
                self.read_answer(source, request_id, response, &mut meter, out).await
            }
            .instrument(span.clone())
            .await;
            record(&span, started, &outcome);
            if meter.started() {
                // Part of the message is written: never sent again.
                return outcome;
            }
            match call.handle_outcome(outcome, Instant::now(), std::time::SystemTime::now()) {
                Next::Done(step) => return Ok(step),
                Next::RefreshToken => {
                    if let Some(token) = &token {
                        self.inner.tokens.lock().await.invalidate(token);
                    }
                }
                Next::Retry { after } => Box::pin(tokio::time::sleep(after)).await,
                Next::Fail(error) => return Err(error),
            }
        }
    }

    /// Reads one answer: the message streamed into `out`, or the JSON (an error, or a URL).
    async fn read_answer<W: AsyncWrite + Unpin + ?Sized>(
        &self,
        source: Source<'_>,
        request_id: RequestId,
        mut response: reqwest::Response,
        meter: &mut DownloadMeter,
        out: &mut W,
    ) -> Result<Step, Error> {
        let first = response.chunk().await.map_err(transport::read_error)?;
        let status = response.status();
        let kind = match source {
            Source::Api(_) => {
                DownloadEntity::answer_kind(status, response.headers(), first.as_deref().unwrap_or_default())
            }
            Source::Url(_) if status.is_success() => DownloadAnswer::Message,
            Source::Url(_) => DownloadAnswer::Json,
        };
        if kind == DownloadAnswer::Json {
            let limit = self.inner.config.config().body_limit;
            let too_large = || {
                Error::from(TransportError::new(
                    TransportErrorKind::BodyTooLarge,
                    format!("the answer is larger than the body limit of {limit} bytes"),
                ))
            };
            let mut bytes = first.map(|chunk| chunk.to_vec()).unwrap_or_default();
            while let Some(chunk) = response.chunk().await.map_err(transport::read_error)? {
                if bytes.len() as u64 + chunk.len() as u64 > limit {
                    return Err(too_large());
                }
                bytes.extend_from_slice(&chunk);
            }
            if bytes.len() as u64 > limit {
                return Err(too_large());
            }
            let mut answer = http::Response::new(bytes);
            *answer.status_mut() = status;
            *answer.headers_mut() = std::mem::take(response.headers_mut());
            return match source {
                Source::Api(download) => Ok(Step::Follow(download.parse_answer(&answer, request_id)?)),
                Source::Url(_) => Err(FollowUrl::status_error(&answer).map_or_else(
                    || TransportError::new(TransportErrorKind::Other, "the download URL failed").into(),
                    Error::from,
                )),
            };
        }
        let mut next = first;
        while let Some(chunk) = next {
            meter.handle_chunk(chunk.len())?;
            out.write_all(&chunk).await.map_err(write_error)?;
            next = response.chunk().await.map_err(transport::read_error)?;
        }
        out.flush().await.map_err(write_error)?;
        Ok(Step::Written(meter.received()))
    }
}

/// A response's head, for the gate's account of the service's load.
fn head_of(response: &reqwest::Response) -> http::Response<()> {
    let mut head = http::Response::new(());
    *head.status_mut() = response.status();
    *head.headers_mut() = response.headers().clone();
    head
}

/// A failed write into the caller's writer.
fn write_error(error: std::io::Error) -> TransportError {
    TransportError::new(TransportErrorKind::Other, format!("writing the message failed: {error}"))
        .with_source(error)
}
