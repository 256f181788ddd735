//! The request bodies (`requestData`) of the security-tool exceptions: create, update, delete
//! one, delete many, and the list query (a GET that carries a body).

use serde::{Serialize, Serializer};

use crate::model::exception::invalid::InvalidExceptionRequest;
use crate::model::exception::tool_key::{SecTool, ToolExceptionKey, ToolExceptionType};
use crate::model::id::EntityId;

/// How a URL-reputation exception treats mail with links (`exceptionPayload.condition`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LinkCondition {
    /// `with_or_without_link`.
    WithOrWithoutLink,
    /// `with_link`.
    WithLink,
    /// `without_link`.
    WithoutLink,
}

impl LinkCondition {
    /// The wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkCondition::WithOrWithoutLink => "with_or_without_link",
            LinkCondition::WithLink => "with_link",
            LinkCondition::WithoutLink => "without_link",
        }
    }
}

impl Serialize for LinkCondition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `{"condition": ...}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
struct Payload {
    condition: LinkCondition,
}

/// The body of `POST sectool-exceptions/{sectool}`: a new exception of a type, for a key.
///
/// Type and key are required, so the body is never empty. As Check Point's own integration
/// sends it: the fields set, and `isExclusive` always (`false` unless set).
///
/// ```
/// use hec_proto::model::{LinkCondition, NewToolException, ToolExceptionKey, ToolExceptionType};
/// let body = NewToolException::new(ToolExceptionType::ALLOW_DOMAIN, ToolExceptionKey::new("partner.example")?)
///     .comment("supplier portal")
///     .condition(LinkCondition::WithLink);
/// assert_eq!(
///     serde_json::to_string(&body).unwrap(),
///     r#"{"exceptionType":"allow-domain","exceptionStr":"partner.example","isExclusive":false,"comment":"supplier portal","exceptionPayload":{"condition":"with_link"}}"#
/// );
/// # Ok::<(), hec_proto::model::InvalidToolExceptionKey>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewToolException {
    exception_type: ToolExceptionType,
    #[serde(rename = "exceptionStr")]
    key: ToolExceptionKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_id: Option<EntityId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    file_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    created_by_email: Option<String>,
    is_exclusive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(rename = "exceptionPayload", skip_serializing_if = "Option::is_none")]
    payload: Option<Payload>,
}

impl NewToolException {
    /// An exception of `exception_type` for `key`.
    pub fn new(exception_type: ToolExceptionType, key: ToolExceptionKey) -> Self {
        NewToolException {
            exception_type,
            key,
            entity_type: None,
            entity_id: None,
            file_name: None,
            created_by_email: None,
            is_exclusive: false,
            comment: None,
            payload: None,
        }
    }

    /// The entity the exception is made from: its type (`entityType`, e.g.
    /// `office365_emails_email`) and id (`entityId`).
    pub fn entity(mut self, entity_type: impl Into<String>, id: EntityId) -> Self {
        self.entity_type = Some(entity_type.into());
        self.entity_id = Some(id);
        self
    }

    /// The file's name (`fileName`), for a hash.
    pub fn file_name(mut self, name: impl Into<String>) -> Self {
        self.file_name = Some(name.into());
        self
    }

    /// Who made it (`createdByEmail`).
    pub fn created_by_email(mut self, address: impl Into<String>) -> Self {
        self.created_by_email = Some(address.into());
        self
    }

    /// `isExclusive` (its meaning is not documented; `false` unless set).
    pub fn exclusive(mut self, exclusive: bool) -> Self {
        self.is_exclusive = exclusive;
        self
    }

    /// A note (`comment`).
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.comment = Some(comment.into());
        self
    }

    /// How mail with links is treated (`exceptionPayload.condition`).
    pub fn condition(mut self, condition: LinkCondition) -> Self {
        self.payload = Some(Payload { condition });
        self
    }

    /// The exception's type.
    pub fn exception_type(&self) -> &ToolExceptionType {
        &self.exception_type
    }

    /// The exception's key.
    pub fn key(&self) -> &ToolExceptionKey {
        &self.key
    }
}

/// The body of `PUT sectool-exceptions/{sectool}` (no id in the path: type and key name the
/// exception): a new comment, a new condition, or both.
///
/// ```
/// use hec_proto::model::{InvalidExceptionRequest, ToolExceptionKey, ToolExceptionType, ToolExceptionUpdate};
/// let key = ToolExceptionKey::new(".iso")?;
/// let update = ToolExceptionUpdate::builder(ToolExceptionType::FILE_TYPE, key.clone()).comment("disk images").build()?;
/// assert_eq!(serde_json::to_string(&update)?, r#"{"exceptionType":"file_type","exceptionStr":".iso","comment":"disk images"}"#);
/// assert_eq!(
///     ToolExceptionUpdate::builder(ToolExceptionType::FILE_TYPE, key).build(),
///     Err(InvalidExceptionRequest::NothingToChange("comment, condition"))
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolExceptionUpdate {
    exception_type: ToolExceptionType,
    #[serde(rename = "exceptionStr")]
    key: ToolExceptionKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    #[serde(rename = "exceptionPayload", skip_serializing_if = "Option::is_none")]
    payload: Option<Payload>,
}

/// Builds a [`ToolExceptionUpdate`]; see there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolExceptionUpdateBuilder {
    update: ToolExceptionUpdate,
}

impl ToolExceptionUpdate {
    /// A change to the exception of `exception_type` for `key`.
    pub fn builder(exception_type: ToolExceptionType, key: ToolExceptionKey) -> ToolExceptionUpdateBuilder {
        ToolExceptionUpdateBuilder {
            update: ToolExceptionUpdate { exception_type, key, comment: None, payload: None },
        }
    }

    /// The exception's key.
    pub fn key(&self) -> &ToolExceptionKey {
        &self.key
    }
}

impl ToolExceptionUpdateBuilder {
    /// The new note (`comment`).
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.update.comment = Some(comment.into());
        self
    }

    /// The new condition (`exceptionPayload.condition`).
    pub fn condition(mut self, condition: LinkCondition) -> Self {
        self.update.payload = Some(Payload { condition });
        self
    }

    /// The update, or [`InvalidExceptionRequest::NothingToChange`] if it changes nothing.
    pub fn build(self) -> Result<ToolExceptionUpdate, InvalidExceptionRequest> {
        if self.update.comment.is_none() && self.update.payload.is_none() {
            return Err(InvalidExceptionRequest::NothingToChange("comment, condition"));
        }
        Ok(self.update)
    }
}

/// The body of `DELETE sectool-exceptions/{sectool}` (a DELETE with a JSON body): one exception.
///
/// ```
/// use hec_proto::model::{ToolExceptionDelete, ToolExceptionKey, ToolExceptionType};
/// let body = ToolExceptionDelete::new(ToolExceptionType::SENDER_EMAIL, ToolExceptionKey::new("cfo@acme.example")?);
/// assert_eq!(serde_json::to_string(&body)?, r#"{"exceptionType":"sender_email","exceptionStr":"cfo@acme.example"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolExceptionDelete {
    exception_type: ToolExceptionType,
    #[serde(rename = "exceptionStr")]
    key: ToolExceptionKey,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_id: Option<EntityId>,
}

impl ToolExceptionDelete {
    /// The exception of `exception_type` for `key`.
    pub fn new(exception_type: ToolExceptionType, key: ToolExceptionKey) -> Self {
        ToolExceptionDelete { exception_type, key, entity_type: None, entity_id: None }
    }

    /// The entity the exception was made from (`entityType`, `entityId`), as Check Point's
    /// integration can send it.
    pub fn entity(mut self, entity_type: impl Into<String>, id: EntityId) -> Self {
        self.entity_type = Some(entity_type.into());
        self.entity_id = Some(id);
        self
    }
}

/// The body of `DELETE sectool-exceptions/{sectool}/exceptions` (a DELETE with a JSON body):
/// several exceptions of one type, at least one.
///
/// ```
/// use hec_proto::model::{InvalidExceptionRequest, ToolExceptionBulkDelete, ToolExceptionKey, ToolExceptionType};
/// let keys = vec![ToolExceptionKey::new("a.example")?, ToolExceptionKey::new("b.example")?];
/// let body = ToolExceptionBulkDelete::new(ToolExceptionType::BLOCK_DOMAIN, keys)?;
/// assert_eq!(serde_json::to_string(&body)?, r#"{"exceptionType":"block-domain","exceptionStrList":["a.example","b.example"]}"#);
/// assert_eq!(
///     ToolExceptionBulkDelete::new(ToolExceptionType::BLOCK_DOMAIN, Vec::new()),
///     Err(InvalidExceptionRequest::NoItems("exceptionStrList"))
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolExceptionBulkDelete {
    exception_type: ToolExceptionType,
    #[serde(rename = "exceptionStrList")]
    keys: Vec<ToolExceptionKey>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_id: Option<EntityId>,
}

impl ToolExceptionBulkDelete {
    /// The exceptions of `exception_type` for `keys`; [`InvalidExceptionRequest::NoItems`] when
    /// there are none.
    pub fn new(
        exception_type: ToolExceptionType,
        keys: impl IntoIterator<Item = ToolExceptionKey>,
    ) -> Result<Self, InvalidExceptionRequest> {
        let keys: Vec<ToolExceptionKey> = keys.into_iter().collect();
        if keys.is_empty() {
            return Err(InvalidExceptionRequest::NoItems("exceptionStrList"));
        }
        Ok(ToolExceptionBulkDelete { exception_type, keys, entity_type: None, entity_id: None })
    }

    /// The entity the exceptions were made from (`entityType`, `entityId`).
    pub fn entity(mut self, entity_type: impl Into<String>, id: EntityId) -> Self {
        self.entity_type = Some(entity_type.into());
        self.entity_id = Some(id);
        self
    }

    /// The keys, in order.
    pub fn keys(&self) -> &[ToolExceptionKey] {
        &self.keys
    }
}

/// Which field a list query filters and sorts on (`filterIndex`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ToolExceptionIndex {
    /// `insert_time`.
    InsertTime,
    /// `entity_type_id`.
    EntityTypeId,
    /// `exception_str`.
    ExceptionStr,
    /// `file_name`.
    FileName,
    /// `created_by_email`.
    CreatedByEmail,
    /// `comment`.
    Comment,
}

impl ToolExceptionIndex {
    /// The wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            ToolExceptionIndex::InsertTime => "insert_time",
            ToolExceptionIndex::EntityTypeId => "entity_type_id",
            ToolExceptionIndex::ExceptionStr => "exception_str",
            ToolExceptionIndex::FileName => "file_name",
            ToolExceptionIndex::CreatedByEmail => "created_by_email",
            ToolExceptionIndex::Comment => "comment",
        }
    }
}

impl Serialize for ToolExceptionIndex {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The order of a list (`sortDir`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SortDir {
    /// `asc`.
    Asc,
    /// `desc`.
    Desc,
}

impl SortDir {
    /// The wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            SortDir::Asc => "asc",
            SortDir::Desc => "desc",
        }
    }
}

impl Serialize for SortDir {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A list of one tool's exceptions of one type (`GET sectool-exceptions/{sectool}/exceptions/{excType}`,
/// a GET that carries a JSON body, paged by `lastEvaluatedKey`): the tool and type name the path,
/// the rest is the body.
///
/// Every body field is optional; `insertTimeGte` is always sent (`false`, as Check Point's
/// integration does; its meaning is not documented). Where an answer puts the next page's key
/// is not documented either (no capture of this endpoint is public):
/// [`ListToolExceptions`](crate::endpoint::ListToolExceptions) reads it tolerantly.
///
/// ```
/// use hec_proto::model::{SecTool, SortDir, ToolExceptionIndex, ToolExceptionQuery, ToolExceptionType};
/// let query = ToolExceptionQuery::new(SecTool::UrlReputation, ToolExceptionType::BLOCK_DOMAIN)
///     .filter(ToolExceptionIndex::Comment, "vendor")
///     .sort(SortDir::Desc)
///     .limit(50);
/// assert_eq!(serde_json::to_string(&query)?, r#"{"filterStr":"vendor","filterIndex":"comment","sortDir":"desc","insertTimeGte":false,"limit":50}"#);
/// let next = query.after("partner.example");
/// assert_eq!(next.last_evaluated_key(), Some("partner.example"));
/// assert_eq!((next.tool(), next.exception_type().as_str()), (SecTool::UrlReputation, "block-domain"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ToolExceptionQuery {
    #[serde(skip)]
    tool: SecTool,
    #[serde(skip)]
    exception_type: ToolExceptionType,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter_str: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter_index: Option<ToolExceptionIndex>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sort_dir: Option<SortDir>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_evaluated_key: Option<String>,
    insert_time_gte: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<u32>,
}

impl ToolExceptionQuery {
    /// Every exception of `exception_type` of `tool`, in the service's order.
    pub fn new(tool: SecTool, exception_type: ToolExceptionType) -> Self {
        ToolExceptionQuery {
            tool,
            exception_type,
            filter_str: None,
            filter_index: None,
            sort_dir: None,
            last_evaluated_key: None,
            insert_time_gte: false,
            limit: None,
        }
    }

    /// Only exceptions whose `index` field matches `text` (`filterIndex`, `filterStr`).
    pub fn filter(mut self, index: ToolExceptionIndex, text: impl Into<String>) -> Self {
        self.filter_index = Some(index);
        self.filter_str = Some(text.into());
        self
    }

    /// The order (`sortDir`).
    pub fn sort(mut self, direction: SortDir) -> Self {
        self.sort_dir = Some(direction);
        self
    }

    /// At most `limit` exceptions a page (`limit`).
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// `insertTimeGte` (undocumented; `false` unless set).
    pub fn insert_time_gte(mut self, on: bool) -> Self {
        self.insert_time_gte = on;
        self
    }

    /// The same query for the page after `key` (`lastEvaluatedKey`).
    pub fn after(mut self, key: impl Into<String>) -> Self {
        self.last_evaluated_key = Some(key.into());
        self
    }

    /// The tool whose exceptions are listed.
    pub fn tool(&self) -> SecTool {
        self.tool
    }

    /// The type of the exceptions listed.
    pub fn exception_type(&self) -> &ToolExceptionType {
        &self.exception_type
    }

    /// The page key sent, if any.
    pub fn last_evaluated_key(&self) -> Option<&str> {
        self.last_evaluated_key.as_deref()
    }

    /// The page size asked for, if any.
    pub fn page_limit(&self) -> Option<u32> {
        self.limit
    }
}
