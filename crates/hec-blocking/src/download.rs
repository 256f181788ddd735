//! The .eml download: hec-proto's [`DownloadEntity`] over ureq, the message streamed into any
//! `std::io::Write` as it arrives, never held whole; the legacy answer naming a URL followed to
//! an `https` URL only, without the token.

use std::io::{Read, Write};
use std::thread;
use std::time::{Instant, SystemTime};

use hec_proto::endpoint::{DOWNLOAD_PATH_TEMPLATE, DownloadAnswer, DownloadEntity, DownloadMeter, FollowUrl};
use hec_proto::policy::{Call, Next};
use hec_proto::{EntityId, Error, RequestId, TransportError, TransportErrorKind};

use crate::Client;
use crate::client::{lock, traced};
use crate::transport;

/// How many bytes one read of a streamed body asks for.
const CHUNK: usize = 64 * 1024;

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
    /// The body is streamed, never held whole, and never read as JSON unless the service
    /// answers an error (a status that is not 2xx, or a JSON envelope with an error code). A
    /// message past [`ClientConfig::download_limit`](hec_proto::ClientConfig::download_limit)
    /// (64 MiB unless set) stops with a `body_too_large` transport error. The legacy answer
    /// `{"responseData": {"url": ...}}` is followed to an `https` URL only, without the token.
    /// A failure before the first byte is written is retried like every read; after it, never
    /// (`out` then holds part of the message: write to a temporary file and keep it only on
    /// success). A failed write into `out` is an `other` transport error.
    ///
    /// ```
    /// use hec_blocking::{Client, ClientConfig, Credentials};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// let message = b"From: a@example.com\r\nSubject: Invoice\r\n\r\nPay now.\r\n";
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/download/entity/")
    ///     .then(Fault::status(200).header("content-type", "message/rfc822").body(message.to_vec())));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let mut eml = Vec::new();
    /// let written = client.download_entity(&"5ca17e5ca17e".parse()?, true, &mut eml)?;
    /// assert_eq!((written, eml.as_slice()), (message.len() as u64, &message[..]));
    /// assert_eq!(mock.requests_to("/app/hec-api/v1.0/download/")[0].path,
    ///     "/app/hec-api/v1.0/download/entity/5ca17e5ca17e?original=true");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn download_entity<W: Write + ?Sized>(
        &self,
        id: &EntityId,
        original: bool,
        out: &mut W,
    ) -> Result<u64, Error> {
        self.download(&DownloadEntity::new(id.clone()).original(original), out)
    }

    /// [`Client::download_entity`] for a [`DownloadEntity`] call.
    pub fn download<W: Write + ?Sized>(&self, download: &DownloadEntity, out: &mut W) -> Result<u64, Error> {
        let written = match self.fetch(Source::Api(download), out) {
            Ok(Step::Written(written)) => Ok(written),
            Ok(Step::Follow(url)) => match self.fetch(Source::Url(&url), out) {
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
    fn fetch<W: Write + ?Sized>(&self, source: Source<'_>, out: &mut W) -> Result<Step, Error> {
        let mut call = match source {
            Source::Api(_) => lock(&self.inner.tokens).api_call(self.retry(), Instant::now(), None),
            Source::Url(_) => Call::new(self.retry(), Instant::now()).with_token_refresh(false),
        };
        loop {
            let request_id = RequestId::new();
            let mut token = None;
            let request = match source {
                Source::Api(download) => {
                    let fresh = self.token(call.deadline())?;
                    let request = download.request(self.base_url(), &fresh, request_id)?;
                    token = Some(fresh);
                    request
                }
                Source::Url(url) => url.request(),
            };
            let Some(pass) = self.inner.gate.enter(call.deadline()) else {
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
            let outcome = traced(&span, || {
                let head = transport::open(&self.inner.agent, request, &self.limits(timeout));
                pass.finish(&head, SystemTime::now());
                let response = head?;
                tracing::Span::current().record("status", response.status().as_u16());
                self.read_answer(source, request_id, response, &mut meter, out)
            });
            if meter.started() {
                // Part of the message is written: never sent again.
                return outcome;
            }
            match call.handle_outcome(outcome, Instant::now(), SystemTime::now()) {
                Next::Done(step) => return Ok(step),
                Next::RefreshToken => {
                    if let Some(token) = &token {
                        lock(&self.inner.tokens).invalidate(token);
                    }
                }
                Next::Retry { after } => thread::sleep(after),
                Next::Fail(error) => return Err(error),
            }
        }
    }

    /// Reads one answer: the message streamed into `out`, or the JSON (an error, or a URL).
    fn read_answer<W: Write + ?Sized>(
        &self,
        source: Source<'_>,
        request_id: RequestId,
        response: http::Response<ureq::Body>,
        meter: &mut DownloadMeter,
        out: &mut W,
    ) -> Result<Step, Error> {
        let (parts, body) = response.into_parts();
        let mut reader = body.into_with_config().limit(u64::MAX).reader();
        let mut chunk = vec![0u8; CHUNK];
        let first = read_some(&mut reader, &mut chunk)?;
        let kind = match source {
            Source::Api(_) => DownloadEntity::answer_kind(parts.status, &parts.headers, &chunk[..first]),
            Source::Url(_) if parts.status.is_success() => DownloadAnswer::Message,
            Source::Url(_) => DownloadAnswer::Json,
        };
        if kind == DownloadAnswer::Json {
            let limit = self.inner.config.config().body_limit;
            let mut bytes = chunk[..first].to_vec();
            let rest_limit = limit.saturating_sub(u64::try_from(first).unwrap_or(u64::MAX)).saturating_add(1);
            reader.by_ref().take(rest_limit).read_to_end(&mut bytes).map_err(transport::read_error)?;
            if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limit {
                return Err(TransportError::new(
                    TransportErrorKind::BodyTooLarge,
                    format!("the answer is larger than the body limit of {limit} bytes"),
                )
                .into());
            }
            let response = http::Response::from_parts(parts, bytes);
            return match source {
                Source::Api(download) => Ok(Step::Follow(download.parse_answer(&response, request_id)?)),
                Source::Url(_) => Err(FollowUrl::status_error(&response).map_or_else(
                    || TransportError::new(TransportErrorKind::Other, "the download URL failed").into(),
                    Error::from,
                )),
            };
        }
        let mut filled = first;
        while filled > 0 {
            meter.handle_chunk(filled)?;
            out.write_all(&chunk[..filled]).map_err(write_error)?;
            filled = read_some(&mut reader, &mut chunk)?;
        }
        out.flush().map_err(write_error)?;
        Ok(Step::Written(meter.received()))
    }
}

/// One read of a streamed body, retried when interrupted by a signal.
fn read_some(reader: &mut impl Read, buffer: &mut [u8]) -> Result<usize, TransportError> {
    loop {
        match reader.read(buffer) {
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            other => return other.map_err(transport::read_error),
        }
    }
}

/// A failed write into the caller's writer.
fn write_error(error: std::io::Error) -> TransportError {
    TransportError::new(TransportErrorKind::Other, format!("writing the message failed: {error}"))
        .with_source(error)
}
