//! The .eml download: hec-proto's [`DownloadEntity`] over ureq, the message streamed into any
//! `std::io::Write` as it arrives, never held whole; the legacy answer naming a URL followed to
//! an `https` URL only, without the token.

use std::io::{Read, Write};
use std::thread;
use std::time::{Instant, SystemTime};

use hec_proto::endpoint::{DownloadAnswer, DownloadEntity};
use hec_proto::policy::{Answer, Download, DownloadNext};
use hec_proto::{EntityId, Error, RequestId, TransportError, TransportErrorKind};

use crate::Client;
use crate::client::{lock, traced};
use crate::transport;

/// How many bytes one read of a streamed body asks for.
const CHUNK: usize = 64 * 1024;

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
        let config = self.inner.config.config();
        let call = lock(&self.inner.tokens).api_call(self.retry(), Instant::now(), None);
        let mut download = Download::new(download.clone(), call, config.download_limit, config.body_limit);
        self.run_download(&mut download, out).map_err(|error| self.redact(error))
    }

    /// Sends the download's requests, as hec-proto's [`Download`] decides, until it ends.
    fn run_download<W: Write + ?Sized>(&self, download: &mut Download, out: &mut W) -> Result<u64, Error> {
        loop {
            let request_id = RequestId::new();
            let token =
                if download.needs_token() { Some(self.token(download.call().deadline())?) } else { None };
            let request = download.request(self.base_url(), token.as_ref(), request_id)?;
            let Some(pass) = self.inner.gate.enter(download.call().deadline()) else {
                return Err(download.call().deadline_passed(Instant::now()));
            };
            let timeout =
                download.call().request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let span = tracing::debug_span!("hec.request", method = "GET", path = download.path_template(),
                host = download.host(self.base_url()), request_id = %request_id, attempt = download.call().attempt(),
                status = tracing::field::Empty, error = tracing::field::Empty, elapsed_ms = tracing::field::Empty);
            let outcome = traced(&span, || {
                let opened = transport::open(&self.inner.agent, request, &self.limits(timeout));
                let answer = Answer::of(&opened, SystemTime::now());
                let read = opened.map_err(Error::from).and_then(|response| {
                    tracing::Span::current().record("status", response.status().as_u16());
                    self.read_answer(download, request_id, response, out)
                });
                // The slot is held until the body is read: a download counts against the limit
                // on requests in flight for as long as it streams.
                pass.finish_with(answer);
                read
            });
            match download.handle_outcome(outcome, Instant::now(), SystemTime::now()) {
                DownloadNext::Done(written) => return Ok(written),
                DownloadNext::Follow => {}
                DownloadNext::RefreshToken => {
                    if let Some(token) = &token {
                        lock(&self.inner.tokens).invalidate(token);
                    }
                }
                DownloadNext::Retry { after } => thread::sleep(after),
                DownloadNext::Fail(error) => return Err(error),
            }
        }
    }

    /// Reads one answer: the message streamed into `out`, or the JSON (an error, or a URL).
    fn read_answer<W: Write + ?Sized>(
        &self,
        download: &mut Download,
        request_id: RequestId,
        response: http::Response<ureq::Body>,
        out: &mut W,
    ) -> Result<(), Error> {
        let (parts, body) = response.into_parts();
        let mut reader = body.into_with_config().limit(u64::MAX).reader();
        let mut chunk = vec![0u8; CHUNK];
        let first = read_some(&mut reader, &mut chunk)?;
        if download.answer_kind(parts.status, &parts.headers, &chunk[..first]) == DownloadAnswer::Json {
            let mut bytes = chunk[..first].to_vec();
            let rest = download.json_limit().saturating_sub(u64::try_from(first).unwrap_or(u64::MAX));
            reader
                .by_ref()
                .take(rest.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(transport::read_error)?;
            download.handle_json_bytes(u64::try_from(bytes.len()).unwrap_or(u64::MAX))?;
            return download.handle_json(&http::Response::from_parts(parts, bytes), request_id);
        }
        let mut filled = first;
        while filled > 0 {
            download.handle_chunk(filled)?;
            out.write_all(&chunk[..filled]).map_err(write_error)?;
            filled = read_some(&mut reader, &mut chunk)?;
        }
        out.flush().map_err(write_error)?;
        Ok(())
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
