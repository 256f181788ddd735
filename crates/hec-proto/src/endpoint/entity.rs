//! `GET /app/hec-api/v1.0/search/entity/{entityId}`: one entity by its id.

use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::wire::list::read_list;
use crate::{AccessToken, BaseUrl, Entity, EntityId, InvalidTokenHeader, RequestId, ResponseError};

/// One entity by its id (`GET /app/hec-api/v1.0/search/entity/{entityId}`); see [`Endpoint`].
///
/// The service answers a list; an unknown id answers an empty one, which is
/// [`ResponseError::NotFound`] here (its detail keeps the HTTP status, usually 200). When a list
/// holds several entities, the first is the answer.
///
/// ```
/// use hec_proto::{Endpoint, ResponseErrorKind, GetEntity, RequestId};
/// let call = GetEntity::new("0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e".parse()?);
/// assert_eq!(call.path(), "/app/hec-api/v1.0/search/entity/0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e");
/// let empty = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200}, "responseData": []}"#.to_vec());
/// assert_eq!(call.parse(&empty, RequestId::new()).unwrap_err().kind(), ResponseErrorKind::NotFound);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetEntity {
    entity_id: EntityId,
}

impl GetEntity {
    /// A call for this entity.
    pub fn new(entity_id: EntityId) -> Self {
        GetEntity { entity_id }
    }

    /// The entity asked about.
    pub fn entity_id(&self) -> &EntityId {
        &self.entity_id
    }

    /// The path this call requests, below the base URL.
    pub fn path(&self) -> String {
        format!("/app/hec-api/v1.0/search/entity/{}", self.entity_id)
    }
}

impl Endpoint for GetEntity {
    type Output = Entity;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/search/entity/{entityId}";

    /// `GET {base}/app/hec-api/v1.0/search/entity/{entityId}`; no body.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        api_request(Self::METHOD, base, &self.path(), token, request_id, None)
    }

    /// The HTTP status, the envelope's `responseCode`, then the first entity of `responseData`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Entity, ResponseError> {
        with_request_id_text(request_id, |id| read_list(response, Some(id))?.into_first(response, Some(id)))
    }
}
