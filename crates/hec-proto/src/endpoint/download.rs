//! The .eml download (`GET download/entity/{entityId}?original=true|false`): the message's bytes
//! as sent, streamed by the driver. Its answer is not JSON, so it is no [`Endpoint`](super::Endpoint):
//! the driver sends [`DownloadEntity::request`], asks [`DownloadEntity::answer_kind`] what the
//! answer's start is, streams a message through a [`DownloadMeter`], and hands anything else
//! (an error, or the legacy JSON answer naming a URL) to [`DownloadEntity::parse_answer`]; a
//! [`FollowUrl`] it returns is fetched plainly, without the token ([`FollowUrl::request`]). The
//! whole download (which request next, retries before the first byte and never after, the URL
//! followed once) is [`policy::Download`](crate::policy::Download), stepped by both drivers.

use serde::Deserialize;

use crate::base_url::BaseUrl;
use crate::endpoint::response::{detail, detail_with, from_json, malformed, status_error};
use crate::endpoint::{api_request, with_request_id_text};
use crate::model::id::EntityId;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::secret::{AccessToken, InvalidTokenHeader};
use crate::transport::{TransportError, TransportErrorKind};
use crate::wire::envelope::Envelope;

/// The download's path template, for logs.
pub const DOWNLOAD_PATH_TEMPLATE: &str = api_path!("/download/entity/{entityId}");

/// The download of one entity's message as an .eml file (`GET
/// /app/hec-api/v1.0/download/entity/{entityId}?original=false`): by default the copy with
/// HEC's added headers, with [`DownloadEntity::original`] the message as it arrived. A read:
/// safe to send again until the first byte of the message was written.
///
/// ```
/// use hec_proto::endpoint::{DownloadAnswer, DownloadEntity};
/// use hec_proto::{AccessToken, Region, RequestId};
/// let call = DownloadEntity::new("0f3c2a9e".parse()?).original(true);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path_and_query().map(|p| p.as_str()),
///     Some("/app/hec-api/v1.0/download/entity/0f3c2a9e?original=true"));
///
/// let head = http::Response::new(());
/// assert_eq!(DownloadEntity::answer_kind(head.status(), head.headers(), b"Received: from"), DownloadAnswer::Message);
/// assert_eq!(DownloadEntity::answer_kind(head.status(), head.headers(), b"{\"responseData\""), DownloadAnswer::Json);
///
/// let legacy = http::Response::new(br#"{"responseData": {"url": "https://files.example.com/m.eml?sig=1"}}"#.to_vec());
/// let url = call.parse_answer(&legacy, RequestId::new())?;
/// assert_eq!(url.as_str(), "https://files.example.com/m.eml?sig=1");
/// assert!(url.request().headers().get("authorization").is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadEntity {
    id: EntityId,
    original: bool,
}

/// What the start of a download's answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadAnswer {
    /// The message: stream the body, as it is, through a [`DownloadMeter`].
    Message,
    /// JSON, or an error status: read the body (within the client's body limit) and hand the
    /// response to [`DownloadEntity::parse_answer`].
    Json,
}

impl DownloadEntity {
    /// The download of entity `id`'s message (the copy with HEC's headers).
    pub fn new(id: EntityId) -> Self {
        DownloadEntity { id, original: false }
    }

    /// `true`: the original message, as it arrived; `false` (the default): the copy with the
    /// headers HEC added.
    pub fn original(mut self, original: bool) -> Self {
        self.original = original;
        self
    }

    /// Whether the original is asked for.
    pub fn is_original(&self) -> bool {
        self.original
    }

    /// The entity.
    pub fn id(&self) -> &EntityId {
        &self.id
    }

    /// The path and query this call requests, below the base URL.
    pub fn path_and_query(&self) -> String {
        format!(
            concat!(api_path!("/download/entity/"), "{}?original={}"),
            self.id.as_str(),
            if self.original { "true" } else { "false" }
        )
    }

    /// `GET {base}{path}?original=...` with the common headers (a sensitive `Authorization:
    /// Bearer`, `x-av-req-id`) and `Accept: message/rfc822, */*`.
    pub fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        let mut request =
            api_request(http::Method::GET, base, &self.path_and_query(), token, request_id, None)?;
        request
            .headers_mut()
            .insert(http::header::ACCEPT, http::HeaderValue::from_static("message/rfc822, */*"));
        Ok(request)
    }

    /// What an answer is, from its status, headers and first bytes (as many as the first read
    /// gave; none for an empty body): [`DownloadAnswer::Json`] for a status that is not 2xx, a
    /// JSON `Content-Type`, or a body whose first byte that is not white space is `{` (no
    /// message starts so: a message starts with a header); else [`DownloadAnswer::Message`].
    pub fn answer_kind(status: http::StatusCode, headers: &http::HeaderMap, first: &[u8]) -> DownloadAnswer {
        let json_type = headers
            .get(http::header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("application/json"));
        let json_start = first.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
        if !status.is_success() || json_type || json_start {
            DownloadAnswer::Json
        } else {
            DownloadAnswer::Message
        }
    }

    /// Reads an answer that is not a message ([`DownloadAnswer::Json`]): an error status is
    /// its [`ResponseError`] (as for every endpoint); a JSON envelope whose `responseCode` is not
    /// 2xx is [`ResponseError::Api`]; the legacy `{"responseData": {"url": ...}}` is the
    /// [`FollowUrl`] to fetch, when it is an `https` URL. Anything else (an `http` URL, JSON
    /// without a URL) is [`ResponseError::Malformed`].
    pub fn parse_answer<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<FollowUrl, ResponseError> {
        with_request_id_text(request_id, |id| read_json_answer(response, Some(id)))
    }
}

/// A download's JSON answer: an envelope, and `responseData.url` in the legacy form.
#[derive(Deserialize)]
struct JsonAnswer {
    #[serde(rename = "responseEnvelope", default)]
    envelope: Option<Envelope>,
    #[serde(rename = "responseData", default)]
    data: Option<serde_json::Value>,
}

fn read_json_answer<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<FollowUrl, ResponseError> {
    if let Some(error) = status_error(response, sent_request_id, false) {
        return Err(error);
    }
    let status = response.status();
    let body = response.body().as_ref();
    let answer: JsonAnswer =
        from_json(body).map_err(|(path, error)| malformed(&path, error, status, body, sent_request_id))?;
    if let Some(envelope) = answer.envelope.as_ref().filter(|envelope| !envelope.is_success()) {
        return Err(ResponseError::Api(detail_with(status, body, sent_request_id, Some(envelope), None)));
    }
    let url = answer.data.as_ref().and_then(|data| data.get("url")).and_then(serde_json::Value::as_str);
    let refuse = |path: &str, reason: String| ResponseError::Malformed {
        path: path.to_owned(),
        reason,
        detail: detail(status, body, sent_request_id),
    };
    let Some(url) = url else {
        return Err(refuse("", "expected the message, or JSON naming its URL (responseData.url)".to_owned()));
    };
    FollowUrl::parse(url).map_err(|reason| refuse("responseData.url", reason))
}

/// A URL the download answer named, to fetch the message from (a presigned URL of a file
/// store): always `https`. Fetched plainly: no token, no other header of ours but the user agent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUrl(http::Uri);

impl FollowUrl {
    /// An `https` URL with a host; anything else is refused, with why.
    fn parse(text: &str) -> Result<FollowUrl, String> {
        let uri: http::Uri = text.parse().map_err(|_| "the download URL is not a URL: refused".to_owned())?;
        if uri.scheme() != Some(&http::uri::Scheme::HTTPS) || uri.host().is_none_or(str::is_empty) {
            return Err(
                "the download URL is not https: refused (the message is fetched only over TLS)".to_owned()
            );
        }
        Ok(FollowUrl(uri))
    }

    /// The URL.
    pub fn as_str(&self) -> String {
        self.0.to_string()
    }

    /// The URL's host, for logs and errors.
    pub fn host(&self) -> &str {
        self.0.host().unwrap_or_default()
    }

    /// `GET url` with `Accept: message/rfc822, */*` and nothing else: no `Authorization`, no
    /// request id (the URL carries its own signature).
    pub fn request(&self) -> http::Request<Vec<u8>> {
        let mut request = http::Request::new(Vec::new());
        *request.uri_mut() = self.0.clone();
        request
            .headers_mut()
            .insert(http::header::ACCEPT, http::HeaderValue::from_static("message/rfc822, */*"));
        request
    }

    /// The error of a fetch whose status is not 2xx (`None` for 2xx): as an API call's (a 3xx is
    /// never followed).
    pub fn status_error<B: AsRef<[u8]>>(response: &http::Response<B>) -> Option<ResponseError> {
        status_error(response, None, false)
    }
}

/// Counts a streamed message's bytes against the download limit: each chunk passes
/// [`DownloadMeter::handle_chunk`] before it is written.
///
/// ```
/// use hec_proto::endpoint::DownloadMeter;
/// use hec_proto::TransportErrorKind;
/// let mut meter = DownloadMeter::new(10);
/// assert!(meter.handle_chunk(6).is_ok());
/// assert_eq!(meter.received(), 6);
/// assert_eq!(meter.handle_chunk(5).unwrap_err().kind(), TransportErrorKind::BodyTooLarge);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DownloadMeter {
    limit: u64,
    received: u64,
}

impl DownloadMeter {
    /// A meter that allows `limit` bytes.
    pub fn new(limit: u64) -> Self {
        DownloadMeter { limit, received: 0 }
    }

    /// Counts `len` more bytes; past the limit, a `body_too_large` [`TransportError`] that
    /// names it (nothing of this chunk may be written then).
    pub fn handle_chunk(&mut self, len: usize) -> Result<(), TransportError> {
        let received = self.received.saturating_add(u64::try_from(len).unwrap_or(u64::MAX));
        if received > self.limit {
            return Err(TransportError::new(
                TransportErrorKind::BodyTooLarge,
                format!(
                    "the message is larger than the download limit of {} bytes (raise ClientConfig::download_limit)",
                    self.limit
                ),
            ));
        }
        self.received = received;
        Ok(())
    }

    /// The bytes counted so far.
    pub fn received(&self) -> u64 {
        self.received
    }

    /// Whether any byte was counted (after which a failed download is never sent again).
    pub fn started(&self) -> bool {
        self.received > 0
    }
}
