//! The click-time-protection exception lists (`sectools/click_time_protection/exceptions`): an
//! item, a list row with its embedded item, and the bodies of an item's create, update and of a
//! delete of several items.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::exception::id::{CtpItemId, CtpListId};
use crate::model::exception::invalid::InvalidExceptionRequest;
use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::time::HecTime;

/// One item of a click-time-protection list (a domain or URL on the allow or block list) as the
/// service sent it: a typed view, every field optional, and the raw JSON.
///
/// `.../exceptions/items` answers a list of them, `.../exceptions/items/{itemId}` one (as an
/// object, not a list). `listid` and `listitemid` are strings of digits; `created_at` is a naive
/// ISO time with microseconds (read as UTC).
///
/// ```
/// use hec_proto::model::CtpItem;
/// let item: CtpItem = serde_json::from_str(r#"{"created_at": "2024-10-08T14:40:19.611763",
///     "created_by": "soc@acme.example", "listid": "0", "listitemid": "4711000000000001",
///     "listitemname": "partner.example", "listname": "whitelist"}"#)?;
/// assert_eq!(item.id.as_ref().map(|id| id.as_str()), Some("4711000000000001"));
/// assert_eq!(item.list_id.as_ref().map(|id| id.as_str()), Some("0"));
/// assert_eq!(item.name.as_deref(), Some("partner.example"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CtpItem {
    /// `listitemid`: the item's id.
    pub id: Option<CtpItemId>,
    /// `listitemname`: the domain or URL.
    pub name: Option<String>,
    /// `listid`: the list it is on (`"0"` allow, `"1"` block).
    pub list_id: Option<CtpListId>,
    /// `listname`: `whitelist` or `blacklist` in the captures.
    pub list_name: Option<String>,
    /// `created_by` (an e-mail address).
    pub created_by: Option<String>,
    /// `created_at`.
    pub created: Option<HecTime>,
    raw: RawJson,
}

impl CtpItem {
    /// The item's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
pub(crate) struct ItemView {
    listitemid: Option<CtpItemId>,
    listitemname: Option<String>,
    listid: Option<CtpListId>,
    listname: Option<String>,
    created_by: Option<String>,
    created_at: Option<HecTime>,
}

impl Kept for CtpItem {
    type View = ItemView;

    fn assemble(view: ItemView, raw: RawJson) -> Self {
        CtpItem {
            id: view.listitemid,
            name: view.listitemname,
            list_id: view.listid,
            list_name: view.listname,
            created_by: view.created_by,
            created: view.created_at,
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for CtpItem {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for CtpItem {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

/// One row of `.../exceptions` (every list) or `.../exceptions/{listId}` (one list): the list's
/// id and name and the item the row carries (`listitem`, one object in every capture; a list of
/// them or `null` is read too).
///
/// ```
/// use hec_proto::model::CtpListRow;
/// let row: CtpListRow = serde_json::from_str(r#"{"listid": "1", "listitem": {"listid": "1",
///     "listname": "blacklist", "listitemid": "4711000000000002", "listitemname": "payroll.evil.example"},
///     "listname": "blacklist"}"#)?;
/// assert_eq!(row.list_name.as_deref(), Some("blacklist"));
/// assert_eq!(row.items[0].name.as_deref(), Some("payroll.evil.example"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CtpListRow {
    /// `listid`.
    pub list_id: Option<CtpListId>,
    /// `listname`.
    pub list_name: Option<String>,
    /// `listitem`: the row's item (each keeps its own raw JSON).
    pub items: Vec<CtpItem>,
    raw: RawJson,
}

impl CtpListRow {
    /// The row's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
pub(crate) struct RowView {
    listid: Option<CtpListId>,
    listname: Option<String>,
    #[serde(default, deserialize_with = "crate::model::one_or_list::one_or_list")]
    listitem: Vec<CtpItem>,
}

impl Kept for CtpListRow {
    type View = RowView;

    fn assemble(view: RowView, raw: RawJson) -> Self {
        CtpListRow { list_id: view.listid, list_name: view.listname, items: view.listitem, raw }
    }
}

impl<'de> Deserialize<'de> for CtpListRow {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for CtpListRow {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

/// The body of `POST .../exceptions/items` (a new item) and `PUT .../exceptions/items/{itemId}`
/// (an item changed): the list, the domain or URL, and who does it; all three required.
///
/// ```
/// use hec_proto::model::{CtpItemBody, CtpListId, InvalidExceptionRequest};
/// let body = CtpItemBody::new(CtpListId::block(), "payroll.evil.example", "soc@acme.example")?;
/// assert_eq!(
///     serde_json::to_string(&body)?,
///     r#"{"listId":"1","listItemName":"payroll.evil.example","createdBy":"soc@acme.example"}"#
/// );
/// assert_eq!(CtpItemBody::new(CtpListId::allow(), "", "soc@acme.example"), Err(InvalidExceptionRequest::Empty("listItemName")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CtpItemBody {
    list_id: CtpListId,
    list_item_name: String,
    created_by: String,
}

impl CtpItemBody {
    /// An item `name` on list `list_id`, by `created_by`; neither text may be empty.
    pub fn new(
        list_id: CtpListId,
        name: impl Into<String>,
        created_by: impl Into<String>,
    ) -> Result<Self, InvalidExceptionRequest> {
        let (list_item_name, created_by) = (name.into(), created_by.into());
        if list_item_name.is_empty() {
            return Err(InvalidExceptionRequest::Empty("listItemName"));
        }
        if created_by.is_empty() {
            return Err(InvalidExceptionRequest::Empty("createdBy"));
        }
        Ok(CtpItemBody { list_id, list_item_name, created_by })
    }
}

/// The body of `DELETE .../exceptions/items` (a DELETE with a JSON body): the items to delete,
/// at least one (`listItemIds`).
///
/// ```
/// use hec_proto::model::{CtpItemsDelete, InvalidExceptionRequest};
/// let body = CtpItemsDelete::new(["4711000000000001".parse()?])?;
/// assert_eq!(serde_json::to_string(&body)?, r#"{"listItemIds":["4711000000000001"]}"#);
/// assert_eq!(CtpItemsDelete::new([]), Err(InvalidExceptionRequest::NoItems("listItemIds")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CtpItemsDelete {
    #[serde(rename = "listItemIds")]
    item_ids: Vec<CtpItemId>,
}

impl CtpItemsDelete {
    /// The items `ids`; [`InvalidExceptionRequest::NoItems`] when there are none.
    pub fn new(ids: impl IntoIterator<Item = CtpItemId>) -> Result<Self, InvalidExceptionRequest> {
        let item_ids: Vec<CtpItemId> = ids.into_iter().collect();
        if item_ids.is_empty() {
            return Err(InvalidExceptionRequest::NoItems("listItemIds"));
        }
        Ok(CtpItemsDelete { item_ids })
    }

    /// The items, in order.
    pub fn item_ids(&self) -> &[CtpItemId] {
        &self.item_ids
    }
}
