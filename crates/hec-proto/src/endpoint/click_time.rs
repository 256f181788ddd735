//! The click-time-protection exception lists (`sectools/click_time_protection/exceptions`):
//! every list, one list, every item, one item, and an item's create, update and delete, several
//! items' delete, and the delete of every list.

use std::borrow::Cow;

use crate::endpoint::collection::{Collection, ReadList};
use crate::endpoint::get::{Get, ReadById};
use crate::endpoint::write::{Write, WriteKind};
use crate::model::exception::click_time::{CtpItem, CtpItemBody, CtpItemsDelete, CtpListRow};
use crate::model::exception::id::{CtpItemId, CtpListId};
use crate::wire::request_data::request_data;

/// The path of every list.
const LISTS_PATH: &str = api_path!("/sectools/click_time_protection/exceptions");
/// The path of every item.
const ITEMS_PATH: &str = api_path!("/sectools/click_time_protection/exceptions/items");

/// `.../exceptions/items/{itemId}`.
fn item_path(id: &CtpItemId) -> String {
    format!(concat!(api_path!("/sectools/click_time_protection/exceptions/items/"), "{}"), id.as_str())
}

/// Every click-time-protection list: what [`ListCtpLists`] reads and [`DeleteCtpLists`]
/// deletes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AllCtpLists;

/// Every item of every click-time-protection list: what [`ListCtpItems`] reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AllCtpItems;

/// Every click-time-protection list (`GET /app/hec-api/v1.0/sectools/click_time_protection/exceptions`),
/// a row per item ([`CtpListRow`]); see [`Collection`](super::Collection).
pub type ListCtpLists = Collection<AllCtpLists>;

impl ReadList for AllCtpLists {
    type Item = CtpListRow;
    const PATH_TEMPLATE: &'static str = LISTS_PATH;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(LISTS_PATH)
    }
}

/// One click-time-protection list (`GET .../click_time_protection/exceptions/{listId}`), a row
/// per item; see [`Collection`](super::Collection). The list id is digits only, so it is never `items`.
///
/// ```
/// use hec_proto::endpoint::GetCtpList;
/// use hec_proto::model::CtpListId;
/// assert_eq!(GetCtpList::new(CtpListId::block()).path(), "/app/hec-api/v1.0/sectools/click_time_protection/exceptions/1");
/// ```
pub type GetCtpList = Collection<CtpListId>;

impl ReadList for CtpListId {
    type Item = CtpListRow;
    const PATH_TEMPLATE: &'static str = api_path!("/sectools/click_time_protection/exceptions/{listId}");

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(format!("{LISTS_PATH}/{}", self.as_str()))
    }
}

/// Every item of every click-time-protection list
/// (`GET /app/hec-api/v1.0/sectools/click_time_protection/exceptions/items`); see
/// [`Collection`](super::Collection).
pub type ListCtpItems = Collection<AllCtpItems>;

impl ReadList for AllCtpItems {
    type Item = CtpItem;
    const PATH_TEMPLATE: &'static str = ITEMS_PATH;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(ITEMS_PATH)
    }
}

/// One click-time-protection item (`GET .../click_time_protection/exceptions/items/{itemId}`),
/// answered as a bare object (a list of one is read too); see [`Get`](super::Get).
///
/// ```
/// use hec_proto::endpoint::{Endpoint, GetCtpItem};
/// use hec_proto::RequestId;
/// let call = GetCtpItem::new("4711000000000001".parse()?);
/// let answer = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200, "recordsNumber": 2},
///     "responseData": {"listitemid": "4711000000000001", "listitemname": "partner.example"}}"#.to_vec());
/// assert_eq!(call.parse(&answer, RequestId::new())?.name.as_deref(), Some("partner.example"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type GetCtpItem = Get<CtpItemId>;

impl ReadById for CtpItemId {
    type Item = CtpItem;
    const PATH_TEMPLATE: &'static str =
        api_path!("/sectools/click_time_protection/exceptions/items/{itemId}");

    fn path(&self) -> String {
        item_path(self)
    }
}

/// A new click-time-protection item (`POST .../click_time_protection/exceptions/items` with
/// `listId`, `listItemName`, `createdBy`); see [`Write`](super::Write): envelope code 201. Not
/// idempotent.
pub type CreateCtpItem = Write<CtpItemBody>;

impl WriteKind for CtpItemBody {
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = ITEMS_PATH;
    const SUCCESS_CODE: u16 = 201;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(ITEMS_PATH)
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(self))
    }
}

/// A click-time-protection item changed (`PUT .../click_time_protection/exceptions/items/{itemId}`
/// with the same body as a create); see [`Write`](super::Write): envelope code 200. Not
/// idempotent.
pub type UpdateCtpItem = Write<(CtpItemId, CtpItemBody)>;

impl WriteKind for (CtpItemId, CtpItemBody) {
    const METHOD: http::Method = http::Method::PUT;
    const PATH_TEMPLATE: &'static str =
        api_path!("/sectools/click_time_protection/exceptions/items/{itemId}");
    const SUCCESS_CODE: u16 = 200;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(item_path(&self.0))
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(&self.1))
    }
}

/// A click-time-protection item deleted (`DELETE .../click_time_protection/exceptions/items/{itemId}`,
/// no body); see [`Write`](super::Write): envelope code 204. Not idempotent.
pub type DeleteCtpItem = Write<CtpItemId>;

impl WriteKind for CtpItemId {
    const METHOD: http::Method = http::Method::DELETE;
    const PATH_TEMPLATE: &'static str =
        api_path!("/sectools/click_time_protection/exceptions/items/{itemId}");
    const SUCCESS_CODE: u16 = 204;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(item_path(self))
    }

    fn body(&self) -> Option<Vec<u8>> {
        None
    }
}

/// Several click-time-protection items deleted (`DELETE .../click_time_protection/exceptions/items`
/// with `listItemIds` in a JSON body); see [`Write`](super::Write): envelope code 204. Not
/// idempotent.
pub type DeleteCtpItems = Write<CtpItemsDelete>;

impl WriteKind for CtpItemsDelete {
    const METHOD: http::Method = http::Method::DELETE;
    const PATH_TEMPLATE: &'static str = ITEMS_PATH;
    const SUCCESS_CODE: u16 = 204;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(ITEMS_PATH)
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(self))
    }
}

/// Every item of every click-time-protection list deleted
/// (`DELETE /app/hec-api/v1.0/sectools/click_time_protection/exceptions`, no body); see
/// [`Write`](super::Write): envelope code 204. Destructive and not idempotent.
pub type DeleteCtpLists = Write<AllCtpLists>;

impl WriteKind for AllCtpLists {
    const METHOD: http::Method = http::Method::DELETE;
    const PATH_TEMPLATE: &'static str = LISTS_PATH;
    const SUCCESS_CODE: u16 = 204;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(LISTS_PATH)
    }

    fn body(&self) -> Option<Vec<u8>> {
        None
    }
}
