//! The collection family: every object of a collection that is not paged (`GET {path}`),
//! answered as a list.

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::endpoint::list::read_list;
use crate::endpoint::{Endpoint, with_request_id_text};
use crate::request_id::RequestId;
use crate::response_error::ResponseError;

/// What names a collection that is read whole: its path and what it holds. Implemented by
/// [`ApExceptionType`](crate::model::ApExceptionType) ([`ListApExceptions`](super::ListApExceptions)),
/// [`AllAnomalyExceptions`](super::AllAnomalyExceptions),
/// [`AllCtpLists`](super::AllCtpLists) and [`AllCtpItems`](super::AllCtpItems), and
/// [`CtpListId`](crate::model::CtpListId) ([`GetCtpList`](super::GetCtpList)).
pub trait ReadList: Clone {
    /// What the list holds.
    type Item: DeserializeOwned;
    /// The path with placeholders for what fills it, for logs.
    const PATH_TEMPLATE: &'static str;

    /// The path below the base URL (validated values only).
    fn path(&self) -> Cow<'static, str>;
}

/// Every object of a collection (`GET {path}`); see [`Endpoint`]. An empty list is an empty
/// answer, not an error.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Collection<L> {
    of: L,
}

impl<L: ReadList> Collection<L> {
    /// A call for the collection `of`.
    pub fn new(of: L) -> Self {
        Collection { of }
    }

    /// What the call lists.
    pub fn of(&self) -> &L {
        &self.of
    }

    /// The path this call requests, below the base URL.
    pub fn path(&self) -> Cow<'static, str> {
        self.of.path()
    }
}

impl<L: ReadList> Endpoint for Collection<L> {
    type Output = Vec<L::Item>;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = L::PATH_TEMPLATE;

    /// The collection's path; no body.
    fn request_path(&self) -> Cow<'_, str> {
        self.path()
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of items
    /// (`[]`, `null` or absent: none).
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<Vec<L::Item>, ResponseError> {
        with_request_id_text(request_id, |id| read_list(response, Some(id))).map(|list| list.items)
    }
}
