//! The security-event family: query (`POST /event/query`), one event by id (`GET
//! /event/{eventId}`), and actions on events (`POST /action/event`).

use crate::endpoint::act::{Act, ActionKind};
use crate::endpoint::get::{Get, ReadById};
use crate::endpoint::paged::{Paged, PagedQuery};
use crate::model::action_name::EventAction;
use crate::model::event::Event;
use crate::model::event_query::EventQuery;
use crate::model::id::EventId;

/// One page of a query for security events (`POST /app/hec-api/v1.0/event/query`); see
/// [`Endpoint`](super::Endpoint). Paged like a search: the previous page's `scrollId` goes back
/// as `requestData.scrollId` with the same query. [`Pager`](crate::policy::Pager) makes these.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hec_proto::endpoint::{Endpoint, SearchEvents};
/// use hec_proto::{AccessToken, EventQuery, Region, RequestId};
/// let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_255_200);
/// let mut call = SearchEvents::new(EventQuery::new(start).event_type("phishing").severity(5));
/// call.cursor = Some("c2".to_owned());
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/event/query");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"startDate":"2026-11-21T10:00:00Z","eventTypes":["phishing"],"severities":[5],"scrollId":"c2"}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type SearchEvents = Paged<EventQuery>;

/// An event query's pages are [`SearchEvents`] calls.
impl PagedQuery for EventQuery {
    type Item = Event;
    const PATH: &'static str = api_path!("/event/query");

    fn request_body(&self, cursor: Option<&str>) -> Vec<u8> {
        self.body_at(cursor)
    }

    fn item_id(item: &Event) -> Option<&str> {
        item.event_id.as_ref().map(EventId::as_str)
    }
}

/// One security event by its id (`GET /app/hec-api/v1.0/event/{eventId}`); see
/// [`Get`](super::Get).
///
/// ```
/// use hec_proto::endpoint::{Endpoint, GetEvent};
/// use hec_proto::RequestId;
/// let call = GetEvent::new("9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f".parse()?);
/// assert_eq!(call.path(), "/app/hec-api/v1.0/event/9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f");
/// let answer = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200},
///     "responseData": [{"eventId": "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f", "severity": "2"}]}"#.to_vec());
/// assert_eq!(call.parse(&answer, RequestId::new())?.severity, Some(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type GetEvent = Get<EventId>;

/// An event is read by its id.
impl ReadById for EventId {
    type Item = Event;
    const PATH_TEMPLATE: &'static str = api_path!("/event/{eventId}");

    fn path(&self) -> String {
        format!(concat!(api_path!("/event/"), "{}"), self.as_str())
    }

    fn is_id_of(&self, item: &Event) -> bool {
        item.event_id.as_ref() == Some(self)
    }
}

/// An action on security events (`POST /app/hec-api/v1.0/action/event`): dismiss, or another
/// name; see [`Act`](super::Act). Not idempotent, like every action.
///
/// The body is `{"requestData": {"eventIds": [...], "eventActionName": "dismiss",
/// "eventActionParam": ...}}`. The answer's exact shape has not been captured anywhere public:
/// items with a `taskId` are read as for entity actions, and each keeps its raw JSON.
///
/// ```
/// use hec_proto::endpoint::{ActOnEvents, Endpoint};
/// use hec_proto::{AccessToken, EventAction, Region, RequestId};
/// let call = ActOnEvents::new(EventAction::Dismiss, vec!["9c1d7e2f".parse()?]);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"eventIds":["9c1d7e2f"],"eventActionName":"dismiss"}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ActOnEvents = Act<EventAction>;

impl ActionKind for EventAction {
    type Id = EventId;
    const PATH: &'static str = api_path!("/action/event");
    const IDS_FIELD: &'static str = "eventIds";
    const TYPE_FIELD: Option<&'static str> = None;
    const NAME_FIELD: &'static str = "eventActionName";
    const PARAM_FIELD: &'static str = "eventActionParam";

    fn as_str(&self) -> &str {
        EventAction::as_str(self)
    }
}

impl Act<EventAction> {
    /// `action` on the events `ids`.
    pub fn new(action: EventAction, ids: Vec<EventId>) -> Self {
        Act::with_parts(action, None, ids)
    }
}
