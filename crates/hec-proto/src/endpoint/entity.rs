//! The entity family: search (`POST /search/query`), one entity by id (`GET
//! /search/entity/{entityId}`), and actions on entities (`POST /action/entity`).

use crate::endpoint::act::{Act, ActionKind};
use crate::endpoint::get::{Get, ReadById};
use crate::endpoint::paged::{Paged, PagedQuery};
use crate::model::action_name::EntityAction;
use crate::model::entity::Entity;
use crate::model::entity_query::{EntityQuery, mail_entity_type};
use crate::model::id::EntityId;

/// One page of a search for entities (`POST /app/hec-api/v1.0/search/query`); see
/// [`Endpoint`](super::Endpoint). The first page has no cursor; each next one sends the previous
/// page's `scrollId` back as `requestData.scrollId` with the same filter and dates.
/// [`Pager`](crate::policy::Pager) makes these.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hec_proto::endpoint::{Endpoint, SearchEntities};
/// use hec_proto::{AccessToken, EntityQuery, Region, RequestId};
/// let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_255_200);
/// let call = SearchEntities::new(EntityQuery::new("google_mail", start).from_is("a@example.com"));
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.method(), "POST");
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/search/query");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"entityFilter":{"saas":"google_mail","saasEntity":"google_mail_email","startDate":"2026-11-21T10:00:00Z"},"entityExtendedFilter":[{"saasAttrName":"entityPayload.fromEmail","saasAttrOp":"is","saasAttrValue":"a@example.com"}]}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type SearchEntities = Paged<EntityQuery>;

/// A search's pages are [`SearchEntities`] calls.
impl PagedQuery for EntityQuery {
    type Item = Entity;
    const PATH: &'static str = api_path!("/search/query");

    fn request_body(&self, cursor: Option<&str>) -> Vec<u8> {
        self.body_at(cursor)
    }

    fn item_id(item: &Entity) -> Option<&str> {
        item.entity_id.as_ref().map(EntityId::as_str)
    }
}

/// One entity by its id (`GET /app/hec-api/v1.0/search/entity/{entityId}`); see
/// [`Get`](super::Get): an unknown id answers an empty list, which is
/// [`ResponseError::NotFound`](crate::ResponseError::NotFound).
///
/// ```
/// use hec_proto::endpoint::{Endpoint, GetEntity};
/// use hec_proto::{RequestId, ResponseErrorKind};
/// let call = GetEntity::new("0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e".parse()?);
/// assert_eq!(call.path(), "/app/hec-api/v1.0/search/entity/0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e");
/// let empty = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200}, "responseData": []}"#.to_vec());
/// assert_eq!(call.parse(&empty, RequestId::new()).unwrap_err().kind(), ResponseErrorKind::NotFound);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type GetEntity = Get<EntityId>;

/// An entity is read by its id.
impl ReadById for EntityId {
    type Item = Entity;
    const PATH_TEMPLATE: &'static str = api_path!("/search/entity/{entityId}");

    fn path(&self) -> String {
        format!(concat!(api_path!("/search/entity/"), "{}"), self.as_str())
    }

    fn is_id_of(&self, item: &Entity) -> bool {
        item.entity_id.as_ref() == Some(self)
    }
}

/// An action on entities (`POST /app/hec-api/v1.0/action/entity`): quarantine, restore, or
/// another name; see [`Act`](super::Act). It is not idempotent.
///
/// The body is what Check Point's own code sends: `{"requestData": {"entityIds": [...],
/// "entityType": "<saas>_email", "entityActionName": "quarantine", "entityActionParam": ...}}`
/// (`entityType` is missing from the official table, and the official sample shows the action
/// name as a list; the live service takes this). The answer is one task per entity.
///
/// ```
/// use hec_proto::endpoint::{ActOnEntities, Endpoint};
/// use hec_proto::{AccessToken, EntityAction, Region, RequestId};
/// let call = ActOnEntities::new(EntityAction::Quarantine, "office365_emails", vec!["0f3c2a9e".parse()?]);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/action/entity");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"entityIds":["0f3c2a9e"],"entityType":"office365_emails_email","entityActionName":"quarantine"}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ActOnEntities = Act<EntityAction>;

impl ActionKind for EntityAction {
    type Id = EntityId;
    const PATH: &'static str = api_path!("/action/entity");
    const IDS_FIELD: &'static str = "entityIds";
    const TYPE_FIELD: Option<&'static str> = Some("entityType");
    const NAME_FIELD: &'static str = "entityActionName";
    const PARAM_FIELD: &'static str = "entityActionParam";

    fn as_str(&self) -> &str {
        EntityAction::as_str(self)
    }
}

impl Act<EntityAction> {
    /// `action` on the entities `ids` of `saas` (`entityType` is `<saas>_email`).
    pub fn new(action: EntityAction, saas: impl Into<String>, ids: Vec<EntityId>) -> Self {
        Act::with_parts(action, Some(mail_entity_type(&saas.into())), ids)
    }

    /// Sets `entityType` itself, for entities that are not e-mail (their types are not
    /// documented).
    pub fn with_entity_type(self, entity_type: impl Into<String>) -> Self {
        self.with_target_type(entity_type.into())
    }

    /// The `entityType` sent.
    pub fn entity_type(&self) -> &str {
        self.target_type().unwrap_or_default()
    }
}
