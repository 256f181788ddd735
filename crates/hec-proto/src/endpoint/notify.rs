//! `soar/notify`: telling people they were exposed to an entity. Its answer is a bare
//! `{"ok": bool}`, no envelope: an endpoint of its own shape.

use serde::Serialize;

use crate::endpoint::response::{detail, detail_with, status_error};
use crate::endpoint::{Endpoint, with_request_id_text};
use crate::model::id::EntityId;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::wire::envelope::Envelope;
use crate::wire::request_data::request_data;

/// The path of the notification.
const NOTIFY_PATH: &str = api_path!("/soar/notify");

/// A notification about an entity (`POST /app/hec-api/v1.0/soar/notify` with `{"requestData":
/// {"entityId", "emails": [...]}}`): the service tells the addresses that they were exposed to
/// it. Not idempotent: one that may have reached the service is never sent again.
///
/// The answer is a bare `{"ok": true}`. `{"ok": false}` is [`ResponseError::Api`]; an error
/// envelope (`responseEnvelope.responseCode` not 2xx) too; any other body (not a JSON object
/// holding a boolean `ok`) is [`ResponseError::Malformed`].
///
/// ```
/// use hec_proto::endpoint::{Endpoint, Notify};
/// use hec_proto::{AccessToken, Region, RequestId, ResponseErrorKind};
/// let call = Notify::new("0f3c2a9e".parse()?, ["analyst@example.com"]);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/soar/notify");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"entityId":"0f3c2a9e","emails":["analyst@example.com"]}}"#
/// );
/// assert!(call.parse(&http::Response::new(br#"{"ok": true}"#.to_vec()), RequestId::new()).is_ok());
/// let refused = call.parse(&http::Response::new(br#"{"ok": false}"#.to_vec()), RequestId::new());
/// assert_eq!(refused.unwrap_err().kind(), ResponseErrorKind::ApiError);
/// let odd = call.parse(&http::Response::new(br#"{"ok": "yes"}"#.to_vec()), RequestId::new());
/// assert_eq!(odd.unwrap_err().kind(), ResponseErrorKind::Malformed);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notify {
    #[serde(rename = "entityId")]
    entity_id: EntityId,
    emails: Vec<String>,
}

impl Notify {
    /// Tell `emails` about the entity `entity_id`.
    pub fn new<I, S>(entity_id: EntityId, emails: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Notify { entity_id, emails: emails.into_iter().map(Into::into).collect() }
    }

    /// The entity.
    pub fn entity_id(&self) -> &EntityId {
        &self.entity_id
    }

    /// The addresses told.
    pub fn emails(&self) -> &[String] {
        &self.emails
    }
}

impl Endpoint for Notify {
    type Output = ();
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = NOTIFY_PATH;
    const IDEMPOTENT: bool = false;

    /// `{"requestData": {...}}`, sent to `POST {base}/app/hec-api/v1.0/soar/notify`.
    fn request_body(&self) -> Option<Vec<u8>> {
        Some(request_data(self))
    }

    /// The HTTP status, then `{"ok": true}`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<(), ResponseError> {
        with_request_id_text(request_id, |id| read_ok(response, Some(id)))
    }
}

/// A bare `{"ok": bool}` answer, or an envelope.
#[derive(serde::Deserialize)]
struct OkBody {
    #[serde(default)]
    ok: Option<serde_json::Value>,
    #[serde(rename = "responseEnvelope", default)]
    envelope: Option<Envelope>,
}

/// Reads a `{"ok": bool}` answer: HTTP 2xx, then `ok: true`.
fn read_ok<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<(), ResponseError> {
    if let Some(error) = status_error(response, sent_request_id, false) {
        return Err(error);
    }
    let status = response.status();
    let body = response.body().as_ref();
    let malformed = |reason: &str| ResponseError::Malformed {
        path: String::new(),
        reason: reason.to_owned(),
        detail: detail(status, body, sent_request_id),
    };
    let is_object = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let parsed = is_object.then(|| serde_json::from_slice::<OkBody>(body).ok()).flatten();
    let Some(parsed) = parsed else {
        return Err(malformed("expected a JSON object holding a boolean `ok`"));
    };
    match (parsed.ok, parsed.envelope) {
        (Some(serde_json::Value::Bool(true)), _) => Ok(()),
        (Some(serde_json::Value::Bool(false)), envelope) => {
            Err(ResponseError::Api(detail_with(status, body, sent_request_id, envelope.as_ref(), None)))
        }
        (None, Some(envelope)) if !envelope.is_success() => {
            Err(ResponseError::Api(detail_with(status, body, sent_request_id, Some(&envelope), None)))
        }
        (Some(_), _) => Err(ResponseError::Malformed {
            path: "ok".to_owned(),
            reason: "expected a boolean".to_owned(),
            detail: detail(status, body, sent_request_id),
        }),
        (None, _) => Err(malformed("expected a JSON object holding a boolean `ok`")),
    }
}
