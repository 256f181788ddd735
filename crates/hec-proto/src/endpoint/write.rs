//! The write family: a change to a collection (`POST`, `PUT` or `DELETE` of a path, with a JSON
//! body or none), answered with an envelope and no data. Writes are not idempotent: a driver
//! never resends one that may have reached the service.

use std::borrow::Cow;

use crate::endpoint::written::read_written;
use crate::endpoint::{Endpoint, with_request_id_text};
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::wire::envelope::Envelope;

/// A change the service makes: its method and path, its body, and the envelope code its
/// success is documented to answer. Implemented by what each write names (a list and criteria,
/// a tool and a body...); see the members in [`endpoint`](super): [`CreateApException`](super::CreateApException),
/// [`DeleteToolException`](super::DeleteToolException), [`CreateCtpItem`](super::CreateCtpItem)...
pub trait WriteKind: Clone {
    /// `POST`, `PUT` or `DELETE`.
    const METHOD: http::Method;
    /// The path with placeholders, for logs: `/app/hec-api/v1.0/exceptions/{excType}`.
    const PATH_TEMPLATE: &'static str;
    /// The envelope `responseCode` the service answers on success, as Check Point's own
    /// integration checks it: 200 (a change), 201 (a create of the tool, anomaly and click-time
    /// families), 204 (a delete).
    const SUCCESS_CODE: u16;

    /// The path below the base URL (validated values only).
    fn path(&self) -> Cow<'static, str>;

    /// The whole JSON body (`{"requestData": {...}}`), or `None` for a write without one.
    fn body(&self) -> Option<Vec<u8>>;
}

/// A write ([`WriteKind`]); see [`Endpoint`]. It is not idempotent.
///
/// The service judges a write by the envelope's `responseCode`, inside HTTP 200 (or another
/// 2xx): 0 or 2xx is success, anything else [`ResponseError::Api`]. A 2xx other than
/// [`WriteKind::SUCCESS_CODE`] is still read as success (a write that ran must never look failed,
/// or it would be sent again); [`Written::is_documented_code`] tells the difference. An empty
/// body after HTTP 2xx (a bare 204) is success with no envelope. Whatever `responseData` holds
/// is not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write<W> {
    write: W,
}

impl<W: WriteKind> Write<W> {
    /// The write `write` names.
    pub fn new(write: W) -> Self {
        Write { write }
    }

    /// What the write names (its ids and body).
    pub fn target(&self) -> &W {
        &self.write
    }

    /// The path this call requests, below the base URL.
    pub fn path(&self) -> Cow<'static, str> {
        self.write.path()
    }
}

/// What a successful write answered.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Written {
    /// The HTTP status (200, or the 201/204 of the other reading of the documentation).
    pub status: http::StatusCode,
    /// The envelope, when the body had one (`None` for an empty body).
    pub envelope: Option<Envelope>,
    /// The code the write's success is documented to answer ([`WriteKind::SUCCESS_CODE`]).
    pub documented_code: u16,
}

impl Written {
    /// The envelope's `responseCode`, if the answer had one.
    pub fn response_code(&self) -> Option<i64> {
        self.envelope.as_ref().and_then(|envelope| envelope.response_code)
    }

    /// Whether the answer carried the documented code: in the envelope, or (without an envelope)
    /// as the HTTP status.
    pub fn is_documented_code(&self) -> bool {
        match self.response_code() {
            Some(code) => code == i64::from(self.documented_code),
            None => self.status.as_u16() == self.documented_code,
        }
    }

    /// The request id the service echoed, if it did.
    pub fn request_id(&self) -> Option<&str> {
        self.envelope.as_ref().and_then(|envelope| envelope.request_id.as_deref())
    }
}

impl<W: WriteKind> Endpoint for Write<W> {
    type Output = Written;
    const METHOD: http::Method = W::METHOD;
    const PATH_TEMPLATE: &'static str = W::PATH_TEMPLATE;
    const IDEMPOTENT: bool = false;

    /// The write's path.
    fn request_path(&self) -> Cow<'_, str> {
        self.path()
    }

    /// The write's body, if it has one.
    fn request_body(&self) -> Option<Vec<u8>> {
        self.write.body()
    }

    /// The HTTP status, then the envelope's `responseCode` (an empty body is success).
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Written, ResponseError> {
        let envelope = with_request_id_text(request_id, |id| read_written(response, Some(id)))?;
        Ok(Written { status: response.status(), envelope, documented_code: W::SUCCESS_CODE })
    }
}
