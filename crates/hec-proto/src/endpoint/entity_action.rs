//! `POST /app/hec-api/v1.0/action/entity`: quarantine, restore (or another action) on entities.

use std::fmt;

use serde::Serialize;

use crate::endpoint::{Endpoint, MAX_ACTION_IDS, api_request, with_request_id_text};
use crate::model::entity_query::mail_entity_type;
use crate::wire::list::read_list;
use crate::wire::request_data::request_data;
use crate::{AccessToken, ActionResponse, BaseUrl, EntityId, InvalidTokenHeader, RequestId, ResponseError};

/// What to do to entities (`entityActionName`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntityAction {
    /// `quarantine`.
    Quarantine,
    /// `restore`: out of quarantine (on mail that is not quarantined the task still completes,
    /// with the message "Message is not quarantined..").
    Restore,
    /// Any other action name, sent as written.
    Other(String),
}

impl EntityAction {
    /// The action for a name: `quarantine` and `restore` (case aside) are the named variants,
    /// anything else is [`EntityAction::Other`].
    pub fn from_wire(text: &str) -> Self {
        if text.eq_ignore_ascii_case("quarantine") {
            EntityAction::Quarantine
        } else if text.eq_ignore_ascii_case("restore") {
            EntityAction::Restore
        } else {
            EntityAction::Other(text.to_owned())
        }
    }

    /// The wire text: `quarantine`, `restore`, or the other name.
    pub fn as_str(&self) -> &str {
        match self {
            EntityAction::Quarantine => "quarantine",
            EntityAction::Restore => "restore",
            EntityAction::Other(text) => text,
        }
    }
}

impl fmt::Display for EntityAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An action on entities (`POST /app/hec-api/v1.0/action/entity`); see [`Endpoint`]. It is not
/// idempotent: a driver never resends it once it may have reached the service.
///
/// The body is what Check Point's own code sends: `{"requestData": {"entityIds": [...],
/// "entityType": "<saas>_email", "entityActionName": "quarantine", "entityActionParam": ...}}`
/// (`entityType` is missing from the official table, and the official sample shows the action
/// name as a list; the live service takes this). The answer is one task per entity.
///
/// The service's limit on ids per request is undocumented; drivers send at most
/// [`MAX_ACTION_IDS`] at a time ([`ActOnEntities::into_batches`]).
///
/// ```
/// use hec_proto::{AccessToken, ActOnEntities, Endpoint, EntityAction, Region, RequestId};
/// let call = ActOnEntities::new(EntityAction::Quarantine, "office365_emails", vec!["0f3c2a9e".parse()?]);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/action/entity");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"entityIds":["0f3c2a9e"],"entityType":"office365_emails_email","entityActionName":"quarantine"}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ActOnEntities {
    action: EntityAction,
    entity_type: String,
    ids: Vec<EntityId>,
    param: Option<serde_json::Value>,
}

impl ActOnEntities {
    /// `action` on the entities `ids` of `saas` (`entityType` is `<saas>_email`).
    pub fn new(action: EntityAction, saas: impl Into<String>, ids: Vec<EntityId>) -> Self {
        ActOnEntities { action, entity_type: mail_entity_type(&saas.into()), ids, param: None }
    }

    /// Sets `entityActionParam` (left out unless set).
    pub fn param(mut self, param: serde_json::Value) -> Self {
        self.param = Some(param);
        self
    }

    /// Sets `entityType` itself, for entities that are not e-mail (their types are not
    /// documented).
    pub fn with_entity_type(mut self, entity_type: impl Into<String>) -> Self {
        self.entity_type = entity_type.into();
        self
    }

    /// The action.
    pub fn action(&self) -> &EntityAction {
        &self.action
    }

    /// The `entityType` sent.
    pub fn entity_type(&self) -> &str {
        &self.entity_type
    }

    /// The entities acted on.
    pub fn ids(&self) -> &[EntityId] {
        &self.ids
    }

    /// The same action split into calls of at most [`MAX_ACTION_IDS`] ids each, in order; none
    /// for no ids.
    ///
    /// ```
    /// use hec_proto::{ActOnEntities, EntityAction, EntityId};
    /// let ids: Vec<EntityId> = (0..250).map(EntityId::from).collect();
    /// let batches = ActOnEntities::new(EntityAction::Restore, "google_mail", ids).into_batches();
    /// assert_eq!(batches.iter().map(|b| b.ids().len()).collect::<Vec<_>>(), [100, 100, 50]);
    /// ```
    pub fn into_batches(self) -> Vec<ActOnEntities> {
        self.ids
            .chunks(MAX_ACTION_IDS)
            .map(|ids| ActOnEntities {
                action: self.action.clone(),
                entity_type: self.entity_type.clone(),
                ids: ids.to_vec(),
                param: self.param.clone(),
            })
            .collect()
    }
}

impl Endpoint for ActOnEntities {
    type Output = ActionResponse;
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = "/app/hec-api/v1.0/action/entity";
    const IDEMPOTENT: bool = false;

    /// `POST {base}/app/hec-api/v1.0/action/entity` with `{"requestData": {"entityIds",
    /// "entityType", "entityActionName", "entityActionParam"}}`.
    fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
        request_id: RequestId,
    ) -> Result<http::Request<Vec<u8>>, InvalidTokenHeader> {
        #[derive(Serialize)]
        struct Data<'a> {
            #[serde(rename = "entityIds")]
            entity_ids: &'a [EntityId],
            #[serde(rename = "entityType")]
            entity_type: &'a str,
            #[serde(rename = "entityActionName")]
            action_name: &'a str,
            #[serde(rename = "entityActionParam", skip_serializing_if = "Option::is_none")]
            param: Option<&'a serde_json::Value>,
        }
        let body = request_data(&Data {
            entity_ids: &self.ids,
            entity_type: &self.entity_type,
            action_name: self.action.as_str(),
            param: self.param.as_ref(),
        });
        api_request(Self::METHOD, base, Self::PATH_TEMPLATE, token, request_id, Some(body))
    }

    /// The HTTP status, the envelope's `responseCode`, then `responseData` as a list of
    /// `{"entityId", "taskId"}` items.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<ActionResponse, ResponseError> {
        let list = with_request_id_text(request_id, |id| read_list(response, Some(id)))?;
        Ok(ActionResponse::new(list.envelope, list.items))
    }
}
