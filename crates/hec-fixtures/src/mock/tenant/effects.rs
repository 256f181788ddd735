//! What an action does to its target when its part of the task completes, and the
//! `action_message` the task then shows for it.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::Records;
use super::data::{available_event_actions, available_mail_actions, mail_action, micros_z};

/// The live service's message for restoring mail that is not quarantined (vendor capture).
pub(crate) const NOT_QUARANTINED: &str = "Message is not quarantined..";

/// The mock's message for declining a restore request that nobody made.
pub(crate) const NO_RESTORE_REQUEST: &str = "No restore request to decline";

/// An action the tenant can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ActionKind {
    /// `quarantine` mail.
    Quarantine,
    /// `restore` mail.
    Restore,
    /// `decline_restore_request`: refuse a recipient's request to restore quarantined mail.
    DeclineRestore,
    /// `dismiss` a security event.
    Dismiss,
}

impl ActionKind {
    /// How the task's actions name it: `Quarantine_<id>`, `Restore <id>`.
    pub(crate) fn label(self) -> &'static str {
        match self {
            ActionKind::Quarantine => "Quarantine",
            ActionKind::Restore => "Restore",
            ActionKind::DeclineRestore => "Decline_restore_request",
            ActionKind::Dismiss => "Dismiss",
        }
    }

    /// Does the action to `target` (an entity id for mail actions, an event id for dismiss) at
    /// `at`, with the request's `reason` (a decline's `restoreDeclineReason`); the message its
    /// part of the task shows.
    pub(crate) fn apply(
        self,
        target: &str,
        reason: Option<&str>,
        records: &mut Records,
        at: Timestamp,
    ) -> &'static str {
        match self {
            ActionKind::DeclineRestore => {
                let Some(mail) = records.mail_mut(target) else { return "Entity not found" };
                let payload = &mut mail["entityPayload"];
                if payload["isRestoreRequested"] != true {
                    return NO_RESTORE_REQUEST;
                }
                if payload["isRestoreDeclined"] == true {
                    return "Restore request is already declined";
                }
                payload["isRestoreDeclined"] = json!(true);
                payload["restoreDeclineReason"] = json!(reason);
                mail["entityInfo"]["entityUpdated"] = json!(micros_z(at));
                if let Value::Array(actions) = &mut mail["entityActions"] {
                    actions.push(mail_action("decline_restore_request", "restore_declined", at));
                }
                "Restore request was declined"
            }
            ActionKind::Quarantine | ActionKind::Restore => {
                let Some(mail) = records.mail_mut(target) else { return "Entity not found" };
                let quarantined = mail["entityPayload"]["isQuarantined"] == true;
                let quarantine = self == ActionKind::Quarantine;
                match (quarantine, quarantined) {
                    (true, true) => return "Message is already quarantined",
                    (false, false) => return NOT_QUARANTINED,
                    _ => {}
                }
                let (name, state) =
                    if quarantine { ("quarantine", "quarantined") } else { ("restore", "restored") };
                let payload = &mut mail["entityPayload"];
                payload["isQuarantined"] = json!(quarantine);
                payload["isRestored"] = json!(!quarantine);
                if quarantine {
                    records.quarantined_by_analyst.insert(target.to_owned());
                } else {
                    records.quarantined_by_analyst.remove(target);
                }
                let Some(mail) = records.mail_mut(target) else { return "Entity not found" };
                mail["entityInfo"]["entityActionState"] = json!(state);
                mail["entityInfo"]["entityUpdated"] = json!(micros_z(at));
                if let Value::Array(actions) = &mut mail["entityActions"] {
                    actions.push(mail_action(name, state, at));
                }
                mail["entityAvailableActions"] = available_mail_actions(quarantine);
                if quarantine { "Message was quarantined" } else { "Message was restored" }
            }
            ActionKind::Dismiss => {
                let Some(event) = records.event_mut(target) else { return "Event not found" };
                if event["state"] == "dismissed" {
                    return "Event is already dismissed";
                }
                event["state"] = json!("dismissed");
                event["availableEventActions"] = available_event_actions("dismissed");
                if let Value::Array(actions) = &mut event["actions"] {
                    actions.push(json!({"actionName": "dismiss", "actionDate": micros_z(at)}));
                }
                "Event was dismissed"
            }
        }
    }
}
