//! The get-by-id family: one object by its id (`GET {prefix}{id}`), answered as a list whose
//! first item is the object.

use std::fmt;

use serde::de::DeserializeOwned;

use crate::base_url::BaseUrl;
use crate::endpoint::list::read_list;
use crate::endpoint::{Endpoint, api_request, with_request_id_text};
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::secret::AccessToken;
use crate::secret::InvalidTokenHeader;

/// An id whose object can be read by it: the path it goes into and what comes back. Implemented
/// by [`EntityId`](crate::EntityId) ([`GetEntity`](super::GetEntity)) and
/// [`EventId`](crate::EventId) ([`GetEvent`](super::GetEvent)). Its `Display` must be safe in a
/// path (a validated id).
pub trait ReadById: fmt::Display + Clone {
    /// What the id names.
    type Item: DeserializeOwned;
    /// The path below the base URL up to the id, e.g. `/app/hec-api/v1.0/search/entity/`.
    const PATH_PREFIX: &'static str;
    /// The path with a placeholder for the id, for logs: `/app/hec-api/v1.0/search/entity/{entityId}`.
    const PATH_TEMPLATE: &'static str;

    /// Whether `item` says it is the object of this id (an answer of several objects is read
    /// as the one that does, if any). `false` unless implemented.
    fn is_id_of(&self, item: &Self::Item) -> bool {
        let _ = item;
        false
    }
}

/// One object by its id (`GET {PATH_PREFIX}{id}`); see [`Endpoint`].
///
/// The service answers a list; an unknown id answers an empty one, which is
/// [`ResponseError::NotFound`] here (its detail keeps the HTTP status, usually 200). When a list
/// holds several objects, the answer is the first that names the id asked for
/// ([`ReadById::is_id_of`]), else the first; a caller compares the answer's id with the one it
/// asked for to see whether it got another object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Get<I> {
    id: I,
}

impl<I: ReadById> Get<I> {
    /// A call for the object with this id.
    pub fn new(id: I) -> Self {
        Get { id }
    }

    /// The id asked about.
    pub fn id(&self) -> &I {
        &self.id
    }

    /// The path this call requests, below the base URL.
    pub fn path(&self) -> String {
        format!("{}{}", I::PATH_PREFIX, self.id)
    }
}

impl<I: ReadById> Endpoint for Get<I> {
    type Output = I::Item;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = I::PATH_TEMPLATE;

    /// `GET {base}{PATH_PREFIX}{id}`; no body.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        api_request(Self::METHOD, base, &self.path(), token, request_id, None)
    }

    /// The HTTP status, the envelope's `responseCode`, then the item of `responseData` with the
    /// id asked for, else the first.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<I::Item, ResponseError> {
        with_request_id_text(request_id, |id| {
            let mut list = read_list(response, Some(id))?;
            if let Some(index) = list.items.iter().position(|item| self.id.is_id_of(item)) {
                list.items.swap(0, index);
            }
            list.into_first(response, Some(id))
        })
    }
}
