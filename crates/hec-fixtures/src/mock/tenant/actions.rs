//! `POST /action/entity` (`quarantine`, `restore`, `decline_restore_request` with an optional
//! `restoreDeclineReason`) and `POST /action/event` (`dismiss`; `quarantine` and `restore` of the
//! events' mail): check the request, make one task for all its targets, answer a task id per
//! target.
//!
//! Each request makes one new task shared by all its (distinct) targets, whatever happens to it
//! later; its id is the next of `1767225600001000`, `1767225600001001`, ... (see
//! [`action_task_id`](crate::mock::demo::action_task_id)). A request the service would refuse
//! makes no task and gets the logical failure (HTTP 200, `responseCode` 422, `responseData: []`):
//! no ids, an id of the wrong form, an id the tenant does not have, an unknown action name, or
//! (for mail) an `entityType` that is not the mail's `saasEntityType`. `entityActionName` /
//! `eventActionName` may be a string or a list of one (the official sample's form);
//! `entityActionParam` / `eventActionParam` are accepted and ignored.

use std::collections::HashSet;

use bytes::Bytes;
use http::Response;
use serde_json::{Map, Value, json};

use super::Tenant;
use super::effects::ActionKind;
use crate::mock::api;

/// Answers `POST /action/entity`.
pub(super) fn act_on_entities(tenant: &mut Tenant, request_id: &str, body: &[u8]) -> Response<Bytes> {
    let data = match api::request_data(body) {
        Ok(data) => data,
        Err(refusal) => return *refusal,
    };
    let checked = (|| {
        let kind = match action_name(&data, "entityActionName")?.as_str() {
            "quarantine" => ActionKind::Quarantine,
            "restore" => ActionKind::Restore,
            "decline_restore_request" => ActionKind::DeclineRestore,
            other => return Err(format!("unknown entityActionName {:?}", api::clip(other))),
        };
        let reason = match data.get("restoreDeclineReason") {
            None | Some(Value::Null) => None,
            Some(Value::String(reason)) => Some(reason.clone()),
            Some(_) => return Err("requestData.restoreDeclineReason must be a string".to_owned()),
        };
        let ids = ids(&data, "entityIds", "entity")?;
        let entity_type = match data.get("entityType") {
            None | Some(Value::Null) => None,
            Some(Value::String(entity_type)) => Some(entity_type.as_str()),
            Some(_) => return Err("requestData.entityType must be a string".to_owned()),
        };
        let mut saas = None;
        for id in &ids {
            let Some(mail) = tenant.records.mail(id) else {
                return Err(format!("entity not found: {id}"));
            };
            let info = &mail["entityInfo"];
            if let Some(entity_type) = entity_type
                && info["saasEntityType"] != entity_type
            {
                return Err(format!("entity {id} is not of type {:?}", api::clip(entity_type)));
            }
            saas = saas.or_else(|| info["saas"].as_str().map(str::to_owned));
        }
        Ok(((kind, reason), saas, ids))
    })();
    let (action, saas, ids) = match checked {
        Ok(checked) => checked,
        Err(why) => return api::logical_failure(request_id, &why),
    };
    answer(tenant, request_id, action, saas, ids.clone(), ("entityId", ids))
}

/// Answers `POST /action/event`: `dismiss` the events, or `quarantine` / `restore` the mail
/// each event is about (the Travis SDK's event actions): one task over those mails, answered with
/// a task id per event.
pub(super) fn act_on_events(tenant: &mut Tenant, request_id: &str, body: &[u8]) -> Response<Bytes> {
    let data = match api::request_data(body) {
        Ok(data) => data,
        Err(refusal) => return *refusal,
    };
    let checked = (|| {
        let kind = match action_name(&data, "eventActionName")?.as_str() {
            "dismiss" => ActionKind::Dismiss,
            "quarantine" => ActionKind::Quarantine,
            "restore" => ActionKind::Restore,
            other => return Err(format!("unknown eventActionName {:?}", api::clip(other))),
        };
        let ids = ids(&data, "eventIds", "event")?;
        let mut mails = Vec::new();
        let mut saas = None;
        for id in &ids {
            let Some(event) = tenant.records.event(id) else {
                return Err(format!("event not found: {id}"));
            };
            if kind == ActionKind::Dismiss {
                continue;
            }
            let mail = event["entityId"].as_str().and_then(|entity| tenant.records.mail(entity));
            let Some(mail) = mail else {
                return Err(format!("event {id} is about no e-mail of the tenant"));
            };
            let info = &mail["entityInfo"];
            saas = saas.or_else(|| info["saas"].as_str().map(str::to_owned));
            if let Some(entity) = info["entityId"].as_str()
                && !mails.iter().any(|known| known == entity)
            {
                mails.push(entity.to_owned());
            }
        }
        Ok((kind, saas, ids, mails))
    })();
    match checked {
        Ok((ActionKind::Dismiss, _, ids, _)) => {
            answer(tenant, request_id, (ActionKind::Dismiss, None), None, ids.clone(), ("eventId", ids))
        }
        Ok((kind, saas, ids, mails)) => {
            answer(tenant, request_id, (kind, None), saas, mails, ("eventId", ids))
        }
        Err(why) => api::logical_failure(request_id, &why),
    }
}

/// Makes the task over `targets` and answers `[{"<key>": id, "taskId": "<task id>"}, ...]` for
/// the `shown` ids (the targets, or the events whose mail they are).
fn answer(
    tenant: &mut Tenant,
    request_id: &str,
    action: (ActionKind, Option<String>),
    saas: Option<String>,
    targets: Vec<String>,
    (key, shown): (&str, Vec<String>),
) -> Response<Bytes> {
    let task_id = tenant.tasks.create(action, saas, targets, jiff::Timestamp::now());
    let items: Vec<Value> = shown.into_iter().map(|id| json!({ key: id, "taskId": task_id })).collect();
    api::success(request_id, items.len() as u64, "", &items)
}

/// The action's name: a string, or a list holding one string.
fn action_name(data: &Map<String, Value>, field: &str) -> Result<String, String> {
    match data.get(field) {
        Some(Value::String(name)) => Ok(name.clone()),
        Some(Value::Array(names)) => match names.as_slice() {
            [Value::String(name)] => Ok(name.clone()),
            _ => Err(format!("requestData.{field} must be one action")),
        },
        Some(_) => Err(format!("requestData.{field} must be a string")),
        None => Err(format!("requestData.{field} is required")),
    }
}

/// The distinct ids of `requestData.{field}`, in order; each of the service's form.
fn ids(data: &Map<String, Value>, field: &str, kind: &str) -> Result<Vec<String>, String> {
    let Some(items) = data.get(field) else {
        return Err(format!("requestData.{field} is required"));
    };
    let Value::Array(items) = items else {
        return Err(format!("requestData.{field} must be a list"));
    };
    if items.is_empty() {
        return Err(format!("requestData.{field} is empty"));
    }
    let mut ids: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for item in items {
        let Some(id) = item.as_str() else {
            return Err(format!("requestData.{field} must hold strings"));
        };
        if !api::is_id(id) {
            return Err(format!("invalid {kind} id in requestData.{field}"));
        }
        if seen.insert(id) {
            ids.push(id.to_owned());
        }
    }
    Ok(ids)
}
