//! `GET /app/hec-api/v1.0/scopes`: the scopes (`<farm>:<customer>`) the API key may act in.

use crate::endpoint::list::read_list;
use crate::endpoint::{Endpoint, with_request_id_text};
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::wire::envelope::Envelope;

/// The scopes call (`GET /app/hec-api/v1.0/scopes`); see [`Endpoint`]. Check Point's own
/// integration uses it as its connectivity test and expects one scope per key.
///
/// ```
/// use hec_proto::RequestId;
/// use hec_proto::endpoint::{Endpoint, GetScopes};
/// let response = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200, "recordsNumber": 2},
///     "responseData": ["farm-1:customer-1"]}"#.to_vec());
/// let answer = GetScopes.parse(&response, RequestId::new())?;
/// assert_eq!(answer.scopes, ["farm-1:customer-1"]);
/// # Ok::<(), hec_proto::ResponseError>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GetScopes;

/// The scopes answer.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Scopes {
    /// The envelope (its `recordsNumber` has been seen to say 2 for one scope: do not trust it).
    pub envelope: Option<Envelope>,
    /// The scopes, `<farm>:<customer>` each, as sent.
    pub scopes: Vec<String>,
}

impl Endpoint for GetScopes {
    type Output = Scopes;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/scopes";

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of strings.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Scopes, ResponseError> {
        let list = with_request_id_text(request_id, |id| read_list::<String, B>(response, Some(id)))?;
        Ok(Scopes { envelope: list.envelope, scopes: list.items })
    }
}
