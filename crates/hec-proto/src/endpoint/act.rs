//! The act-on-ids family: one action on a list of ids (`POST {PATH}` with `{"requestData":
//! {"<kind>Ids", ["<kind>Type"], "<kind>ActionName", "<kind>ActionParam"}}`), answered with a
//! task per item. Actions are not idempotent: a driver never resends one that may have reached
//! the service.

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::endpoint::list::read_list;
use crate::endpoint::{Endpoint, MAX_ACTION_IDS, with_request_id_text};
use crate::model::action::ActionResponse;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::wire::request_data::request_data;

/// What can be done to a kind of object: where the action is sent and the names of its body's
/// fields. Implemented by [`EntityAction`](crate::EntityAction)
/// ([`ActOnEntities`](super::ActOnEntities)) and [`EventAction`](crate::EventAction)
/// ([`ActOnEvents`](super::ActOnEvents)).
pub trait ActionKind: Clone {
    /// The id of what is acted on.
    type Id: Serialize + Clone;
    /// The path below the base URL, e.g. `/app/hec-api/v1.0/action/entity`.
    const PATH: &'static str;
    /// The body's field for the ids: `entityIds`.
    const IDS_FIELD: &'static str;
    /// The body's field for the kind of object, when the kind has one: `entityType`.
    const TYPE_FIELD: Option<&'static str>;
    /// The body's field for the action's name: `entityActionName`.
    const NAME_FIELD: &'static str;
    /// The body's field for the action's parameter: `entityActionParam`.
    const PARAM_FIELD: &'static str;
    /// The body's field for the reason a restore request is declined, when the kind has one:
    /// `restoreDeclineReason`.
    const REASON_FIELD: Option<&'static str> = None;

    /// The action's name on the wire.
    fn as_str(&self) -> &str;
}

/// An action on ids (`POST {PATH}`); see [`Endpoint`]. It is not idempotent.
///
/// The service's limit on ids per request is undocumented; drivers send at most
/// [`MAX_ACTION_IDS`] at a time ([`Act::into_batches`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Act<A: ActionKind> {
    action: A,
    target_type: Option<String>,
    ids: Vec<A::Id>,
    param: Option<serde_json::Value>,
    reason: Option<String>,
}

impl<A: ActionKind> Act<A> {
    /// `action` on `ids`, with the object type field (when the kind has one) set to `target_type`.
    pub(crate) fn with_parts(action: A, target_type: Option<String>, ids: Vec<A::Id>) -> Self {
        Act { action, target_type, ids, param: None, reason: None }
    }

    /// Sets the object type field (`<kind>Type`), for a kind that has one.
    pub(crate) fn with_target_type(mut self, target_type: String) -> Self {
        self.target_type = Some(target_type);
        self
    }

    /// The object type field's value, if set.
    pub(crate) fn target_type(&self) -> Option<&str> {
        self.target_type.as_deref()
    }

    /// Sets the action's parameter (`<kind>ActionParam`; left out unless set).
    pub fn param(mut self, param: serde_json::Value) -> Self {
        self.param = Some(param);
        self
    }

    /// Sets the reason field ([`ActionKind::REASON_FIELD`]), for a kind that has one.
    pub(crate) fn with_reason(mut self, reason: String) -> Self {
        self.reason = Some(reason);
        self
    }

    /// The reason sent, if set.
    pub fn reason(&self) -> Option<&str> {
        self.reason.as_deref()
    }

    /// The action.
    pub fn action(&self) -> &A {
        &self.action
    }

    /// The ids acted on.
    pub fn ids(&self) -> &[A::Id] {
        &self.ids
    }

    /// The same action split into calls of at most [`MAX_ACTION_IDS`] ids each, in order; none
    /// for no ids.
    ///
    /// ```
    /// use hec_proto::EntityId;
    /// use hec_proto::endpoint::ActOnEntities;
    /// use hec_proto::EntityAction;
    /// let ids: Vec<EntityId> = (0..250).map(EntityId::from).collect();
    /// let batches = ActOnEntities::new(EntityAction::Restore, "google_mail", ids).into_batches();
    /// assert_eq!(batches.iter().map(|b| b.ids().len()).collect::<Vec<_>>(), [100, 100, 50]);
    /// ```
    pub fn into_batches(self) -> Vec<Act<A>> {
        self.ids
            .chunks(MAX_ACTION_IDS)
            .map(|ids| Act {
                action: self.action.clone(),
                target_type: self.target_type.clone(),
                ids: ids.to_vec(),
                param: self.param.clone(),
                reason: self.reason.clone(),
            })
            .collect()
    }
}

/// The `requestData` object, its field names those of the action's kind.
impl<A: ActionKind> Serialize for Act<A> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let typed = A::TYPE_FIELD.zip(self.target_type.as_deref());
        let reason = A::REASON_FIELD.zip(self.reason.as_deref());
        let fields = 2
            + usize::from(typed.is_some())
            + usize::from(self.param.is_some())
            + usize::from(reason.is_some());
        let mut map = serializer.serialize_map(Some(fields))?;
        map.serialize_entry(A::IDS_FIELD, &self.ids)?;
        if let Some((field, value)) = typed {
            map.serialize_entry(field, value)?;
        }
        map.serialize_entry(A::NAME_FIELD, self.action.as_str())?;
        if let Some(param) = &self.param {
            map.serialize_entry(A::PARAM_FIELD, param)?;
        }
        if let Some((field, value)) = reason {
            map.serialize_entry(field, value)?;
        }
        map.end()
    }
}

impl<A: ActionKind> Endpoint for Act<A> {
    type Output = ActionResponse;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = A::PATH;
    const IDEMPOTENT: bool = false;

    /// `{"requestData": {...}}`, sent to `POST {base}{PATH}`.
    fn request_body(&self) -> Option<Vec<u8>> {
        Some(request_data(self))
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
