//! The get-by-id family: one object by what names it (`GET {path}`), answered as the object or
//! as a list whose first item is the object.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::endpoint::list::read_one_or_list;
use crate::endpoint::{Endpoint, with_request_id_text};
use crate::request_id::RequestId;
use crate::response_error::ResponseError;

/// What names one object that can be read: the path it makes and what comes back. Implemented
/// by [`EntityId`](crate::EntityId) ([`GetEntity`](super::GetEntity)),
/// [`EventId`](crate::EventId) ([`GetEvent`](super::GetEvent)), an anti-phishing list and id
/// ([`GetApException`](super::GetApException)), a tool, type and key
/// ([`GetToolException`](super::GetToolException)) and a
/// [`CtpItemId`](crate::model::CtpItemId) ([`GetCtpItem`](super::GetCtpItem)).
pub trait ReadById: Clone {
    /// What the id names.
    type Item: DeserializeOwned;
    /// The path with placeholders for the ids, for logs: `/app/hec-api/v1.0/search/entity/{entityId}`.
    const PATH_TEMPLATE: &'static str;

    /// The path below the base URL, e.g. `/app/hec-api/v1.0/search/entity/0f3c...`. Only
    /// validated ids (or percent-encoded keys) go into it, so it is always one safe path.
    fn path(&self) -> String;

    /// Whether `item` says it is the object of this id (an answer of several objects is read
    /// as the one that does, if any). `false` unless implemented.
    fn is_id_of(&self, item: &Self::Item) -> bool {
        let _ = item;
        false
    }
}

/// One object by what names it (`GET {path}`); see [`Endpoint`].
///
/// The service answers a list, or (for some objects) the object itself; both are read. An
/// unknown id answers an empty list, which is [`ResponseError::NotFound`] here (its detail keeps
/// the HTTP status, usually 200). When a list holds several objects, the answer is the first that
/// names the id asked for ([`ReadById::is_id_of`]), else the first; a caller compares the
/// answer's id with the one it asked for to see whether it got another object.
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
        self.id.path()
    }
}

impl<I: ReadById> Endpoint for Get<I> {
    type Output = I::Item;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = I::PATH_TEMPLATE;

    /// The path the id makes; no body.
    fn request_path(&self) -> Cow<'_, str> {
        Cow::Owned(self.path())
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData`: the object, or the
    /// item of a list with the id asked for, else the first.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<I::Item, ResponseError> {
        with_request_id_text(request_id, |id| {
            let mut list = read_one_or_list(response, Some(id))?;
            if let Some(index) = list.items.iter().position(|item| self.id.is_id_of(item)) {
                list.items.swap(0, index);
            }
            list.into_first(response, Some(id))
        })
    }
}
