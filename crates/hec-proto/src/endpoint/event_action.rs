//! `POST /app/hec-api/v1.0/action/event`: dismiss (or another action on) security events.

use std::fmt;

use serde::Serialize;

use crate::endpoint::{Endpoint, MAX_ACTION_IDS, api_request, with_request_id_text};
use crate::wire::list::read_list;
use crate::wire::request_data::request_data;
use crate::{AccessToken, ActionResponse, BaseUrl, EventId, InvalidTokenHeader, RequestId, ResponseError};

/// What to do to events (`eventActionName`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EventAction {
    /// `dismiss`.
    Dismiss,
    /// Any other action name, sent as written.
    Other(String),
}

impl EventAction {
    /// The action for a name: `dismiss` (case aside) is [`EventAction::Dismiss`], anything else
    /// [`EventAction::Other`].
    pub fn from_wire(text: &str) -> Self {
        if text.eq_ignore_ascii_case("dismiss") {
            EventAction::Dismiss
        } else {
            EventAction::Other(text.to_owned())
        }
    }

    /// The wire text: `dismiss`, or the other name.
    pub fn as_str(&self) -> &str {
        match self {
            EventAction::Dismiss => "dismiss",
            EventAction::Other(text) => text,
        }
    }
}

impl fmt::Display for EventAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An action on security events (`POST /app/hec-api/v1.0/action/event`); see [`Endpoint`]. Not
/// idempotent, like every action.
///
/// The body is `{"requestData": {"eventIds": [...], "eventActionName": "dismiss",
/// "eventActionParam": ...}}`. The answer's exact shape has not been captured anywhere public:
/// items with a `taskId` are read as for entity actions, and each keeps its raw JSON.
///
/// ```
/// use hec_proto::{AccessToken, ActOnEvents, Endpoint, EventAction, Region, RequestId};
/// let call = ActOnEvents::new(EventAction::Dismiss, vec!["9c1d7e2f".parse()?]);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"eventIds":["9c1d7e2f"],"eventActionName":"dismiss"}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ActOnEvents {
    action: EventAction,
    ids: Vec<EventId>,
    param: Option<serde_json::Value>,
}

impl ActOnEvents {
    /// `action` on the events `ids`.
    pub fn new(action: EventAction, ids: Vec<EventId>) -> Self {
        ActOnEvents { action, ids, param: None }
    }

    /// Sets `eventActionParam` (left out unless set).
    pub fn param(mut self, param: serde_json::Value) -> Self {
        self.param = Some(param);
        self
    }

    /// The action.
    pub fn action(&self) -> &EventAction {
        &self.action
    }

    /// The events acted on.
    pub fn ids(&self) -> &[EventId] {
        &self.ids
    }

    /// The same action split into calls of at most [`MAX_ACTION_IDS`] ids each, in order; none
    /// for no ids.
    pub fn into_batches(self) -> Vec<ActOnEvents> {
        self.ids
            .chunks(MAX_ACTION_IDS)
            .map(|ids| ActOnEvents {
                action: self.action.clone(),
                ids: ids.to_vec(),
                param: self.param.clone(),
            })
            .collect()
    }
}

impl Endpoint for ActOnEvents {
    type Output = ActionResponse;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/action/event";
    const IDEMPOTENT: bool = false;

    /// `POST {base}/app/hec-api/v1.0/action/event` with `{"requestData": {"eventIds",
    /// "eventActionName", "eventActionParam"}}`.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        #[derive(Serialize)]
        struct Data<'a> {
            #[serde(rename = "eventIds")]
            event_ids: &'a [EventId],
            #[serde(rename = "eventActionName")]
            action_name: &'a str,
            #[serde(rename = "eventActionParam", skip_serializing_if = "Option::is_none")]
            param: Option<&'a serde_json::Value>,
        }
        let body = request_data(&Data {
            event_ids: &self.ids,
            action_name: self.action.as_str(),
            param: self.param.as_ref(),
        });
        api_request(Self::METHOD, base, Self::PATH_TEMPLATE, token, request_id, Some(body))
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of items
    /// with a `taskId`.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<ActionResponse, ResponseError> {
        let list = with_request_id_text(request_id, |id| read_list(response, Some(id)))?;
        Ok(ActionResponse::new(list.envelope, list.items))
    }
}
