//! `Download`: the decisions of one .eml download ([`DownloadEntity`]), the same for every
//! driver: where each request goes (the API, with the token; then, at most once, the `https`
//! URL its legacy answer named, without it), what each answer is, the message's bytes counted
//! against the download limit, and whether a failure is sent again (like every read until the
//! first byte of the message is written; never after). The driver sends, reads and writes.
//!
//! ```text
//!   request() ──► send ──► answer_kind(status, headers, first bytes)
//!                            ├─ Message: handle_chunk(len) before writing each chunk
//!                            └─ Json: read the body (handle_json_bytes(len) as it grows),
//!                                     then handle_json(answer)
//!              handle_outcome(outcome) ──┬──► Done(bytes written)
//!                                        ├──► Follow            (send again, to the URL named)
//!                                        ├──► RefreshToken      (drop the token, send again)
//!                                        ├──► Retry { after }   (only before the first byte)
//!                                        └──► Fail(error)       (after the first byte: always)
//! ```

use std::time::{Duration, Instant, SystemTime};

use crate::base_url::BaseUrl;
use crate::config_error::ConfigError;
use crate::endpoint::download::{
    DOWNLOAD_PATH_TEMPLATE, DownloadAnswer, DownloadEntity, DownloadMeter, FollowUrl,
};
use crate::error::Error;
use crate::policy::call::{Call, Next};
use crate::request_id::RequestId;
use crate::secret::AccessToken;
use crate::transport::{TransportError, TransportErrorKind};

/// Where the next request of a [`Download`] goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadTarget<'a> {
    /// The API: send [`DownloadEntity::request`], with the token.
    Api(&'a DownloadEntity),
    /// The URL the API named: send [`FollowUrl::request`], without the token.
    Url(&'a FollowUrl),
}

/// What a driver does next for a [`Download`]: see [`Download::handle_outcome`].
#[derive(Debug)]
#[must_use]
pub enum DownloadNext {
    /// The message is written: this many bytes.
    Done(u64),
    /// The API named a URL: send the next request (to [`Download::target`]) at once.
    Follow,
    /// The token was refused (first 401): drop it, get a new one, and send again at once.
    RefreshToken,
    /// Sleep this long, then send again.
    Retry {
        /// How long to wait.
        after: Duration,
    },
    /// The download failed for good (`out` may hold part of the message).
    Fail(Error),
}

/// One download and all its requests; see the module docs.
///
/// ```
/// use std::time::{Instant, SystemTime};
/// use hec_proto::endpoint::{DownloadAnswer, DownloadEntity};
/// use hec_proto::policy::{Call, Download, DownloadNext, DownloadTarget, RetryPolicy};
/// use hec_proto::RequestId;
///
/// let now = Instant::now();
/// let call = Call::new(&RetryPolicy::default(), now);
/// let mut download = Download::new(DownloadEntity::new("0f3c2a9e".parse()?), call, 1024, 1024);
/// assert!(matches!(download.target(), DownloadTarget::Api(_)));
/// // The legacy answer names a URL: the next request goes there.
/// let head = http::Response::new(());
/// assert_eq!(download.answer_kind(head.status(), head.headers(), b"{"), DownloadAnswer::Json);
/// let legacy = http::Response::new(br#"{"responseData": {"url": "https://files.example.com/m.eml"}}"#.to_vec());
/// let outcome = download.handle_json(&legacy, RequestId::new());
/// assert!(matches!(download.handle_outcome(outcome, now, SystemTime::now()), DownloadNext::Follow));
/// let DownloadTarget::Url(url) = download.target() else { panic!("the URL is next") };
/// assert_eq!(url.host(), "files.example.com");
/// // There the message comes: counted, then written by the driver.
/// assert_eq!(download.answer_kind(head.status(), head.headers(), b"From: a"), DownloadAnswer::Message);
/// download.handle_chunk(300)?;
/// assert!(matches!(download.handle_outcome(Ok(()), now, SystemTime::now()), DownloadNext::Done(300)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Download {
    entity: DownloadEntity,
    /// The URL being fetched, once the API named one.
    url: Option<FollowUrl>,
    /// The URL the last answer named, followed at the next [`Download::handle_outcome`].
    named: Option<FollowUrl>,
    call: Call,
    meter: DownloadMeter,
    body_limit: u64,
}

impl Download {
    /// The download of `entity` through `call` (the API's call: its token refresh, deadline and
    /// retries), the message allowed `download_limit` bytes and a JSON answer `body_limit`.
    pub fn new(entity: DownloadEntity, call: Call, download_limit: u64, body_limit: u64) -> Self {
        Download {
            entity,
            url: None,
            named: None,
            call,
            meter: DownloadMeter::new(download_limit),
            body_limit,
        }
    }

    /// Where the next request goes.
    pub fn target(&self) -> DownloadTarget<'_> {
        match &self.url {
            Some(url) => DownloadTarget::Url(url),
            None => DownloadTarget::Api(&self.entity),
        }
    }

    /// Whether the next request carries the token (the API's does; a followed URL's never).
    pub fn needs_token(&self) -> bool {
        self.url.is_none()
    }

    /// The next request: [`DownloadEntity::request`] with `token`, or [`FollowUrl::request`]
    /// (no token, `token` is not looked at). The API's request without a token is a
    /// [`ConfigError::MissingAuth`] (ask [`Download::needs_token`] first).
    pub fn request(
        &self,
        base: &BaseUrl,
        token: Option<&AccessToken>,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, Error> {
        match (self.target(), token) {
            (DownloadTarget::Api(entity), Some(token)) => Ok(entity.request(base, token, request_id)?),
            (DownloadTarget::Api(_), None) => Err(Error::Config(ConfigError::MissingAuth)),
            (DownloadTarget::Url(url), _) => Ok(url.request()),
        }
    }

    /// The call of the current target: its deadline, the time a request may take and the
    /// attempt's number (a followed URL starts a call of its own, without token refresh).
    pub fn call(&self) -> &Call {
        &self.call
    }

    /// The path template of the next request, for logs: [`DOWNLOAD_PATH_TEMPLATE`], or
    /// `{download url}` (a URL carries a signature, never logged).
    pub fn path_template(&self) -> &'static str {
        match self.url {
            Some(_) => "{download url}",
            None => DOWNLOAD_PATH_TEMPLATE,
        }
    }

    /// The host of the next request, for logs: the base URL's, or the followed URL's.
    pub fn host<'a>(&'a self, base: &'a BaseUrl) -> &'a str {
        match &self.url {
            Some(url) => url.host(),
            None => base.authority(),
        }
    }

    /// What an answer is, from its status, headers and first bytes: from the API as
    /// [`DownloadEntity::answer_kind`] says; from a followed URL, the message for a 2xx, else
    /// an error to read ([`DownloadAnswer::Json`]).
    pub fn answer_kind(
        &self,
        status: http::StatusCode,
        headers: &http::HeaderMap,
        first: &[u8],
    ) -> DownloadAnswer {
        match self.url {
            None => DownloadEntity::answer_kind(status, headers, first),
            Some(_) if status.is_success() => DownloadAnswer::Message,
            Some(_) => DownloadAnswer::Json,
        }
    }

    /// Counts a chunk of the message before it is written: past the download limit, a
    /// `body_too_large` error (nothing of the chunk may be written then). Once a byte is counted
    /// the download is never sent again.
    pub fn handle_chunk(&mut self, len: usize) -> Result<(), TransportError> {
        self.meter.handle_chunk(len)
    }

    /// How many bytes of a JSON answer the driver reads at most: the client's body limit.
    pub fn json_limit(&self) -> u64 {
        self.body_limit
    }

    /// Checks the length of a JSON answer read so far (`len` bytes, counted before they are
    /// kept): past [`Download::json_limit`], a `body_too_large` error.
    pub fn handle_json_bytes(&self, len: u64) -> Result<(), TransportError> {
        if len > self.body_limit {
            return Err(TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!("the answer is larger than the body limit of {} bytes", self.body_limit),
            ));
        }
        Ok(())
    }

    /// Reads an answer that is not the message ([`DownloadAnswer::Json`], body read whole):
    /// from the API, an error or the URL to follow ([`DownloadEntity::parse_answer`]); from a
    /// followed URL, always an error (its status's, else an `other` transport error). Feed what
    /// it returns to [`Download::handle_outcome`].
    pub fn handle_json<B: AsRef<[u8]>>(
        &mut self,
        answer: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<(), Error> {
        match self.url {
            None => {
                self.named = Some(self.entity.parse_answer(answer, request_id)?);
                Ok(())
            }
            Some(_) => Err(FollowUrl::status_error(answer).map_or_else(
                || TransportError::new(TransportErrorKind::Other, "the download URL failed").into(),
                Error::from,
            )),
        }
    }

    /// Feeds back how a request ended (`Ok` once the message is written, or the named URL
    /// read); `now` is when it ended, `wall` the wall-clock time then. A failure after the
    /// first byte of the message fails the download; one before it is retried as a read.
    pub fn handle_outcome(
        &mut self,
        outcome: Result<(), Error>,
        now: Instant,
        wall: SystemTime,
    ) -> DownloadNext {
        let named = self.named.take();
        let outcome = match outcome {
            // Part of the message is written: never sent again.
            Err(error) if self.meter.started() => return DownloadNext::Fail(error),
            outcome => outcome,
        };
        match self.call.handle_outcome(outcome, now, wall) {
            Next::Done(()) => match named {
                Some(url) => {
                    self.call = Call::new(self.call.policy(), now).with_token_refresh(false);
                    self.url = Some(url);
                    DownloadNext::Follow
                }
                None => DownloadNext::Done(self.meter.received()),
            },
            Next::RefreshToken => DownloadNext::RefreshToken,
            Next::Retry { after } => DownloadNext::Retry { after },
            Next::Fail(error) => DownloadNext::Fail(error),
        }
    }

    /// The message's bytes counted so far.
    pub fn written(&self) -> u64 {
        self.meter.received()
    }
}
