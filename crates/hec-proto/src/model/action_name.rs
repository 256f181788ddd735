//! The names of actions (`entityActionName`, `eventActionName`): what to do to entities and
//! to security events.

use std::fmt;

/// What to do to entities (`entityActionName`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EntityAction {
    /// `quarantine`.
    Quarantine,
    /// `restore`: out of quarantine (on mail that is not quarantined the task still completes,
    /// with the message "Message is not quarantined..").
    Restore,
    /// `decline_restore_request`: a user's request to restore the mail is declined (with an
    /// optional reason: [`ActOnEntities::restore_decline_reason`](crate::endpoint::ActOnEntities::restore_decline_reason)).
    DeclineRestoreRequest,
    /// Any other action name, sent as written.
    Other(String),
}

impl EntityAction {
    /// The action for a name: `quarantine`, `restore` and `decline_restore_request` (case
    /// aside) are the named variants, anything else is [`EntityAction::Other`].
    pub fn from_wire(text: &str) -> Self {
        if text.eq_ignore_ascii_case("quarantine") {
            EntityAction::Quarantine
        } else if text.eq_ignore_ascii_case("restore") {
            EntityAction::Restore
        } else if text.eq_ignore_ascii_case("decline_restore_request") {
            EntityAction::DeclineRestoreRequest
        } else {
            EntityAction::Other(text.to_owned())
        }
    }

    /// The wire text: `quarantine`, `restore`, `decline_restore_request`, or the other name.
    pub fn as_str(&self) -> &str {
        match self {
            EntityAction::Quarantine => "quarantine",
            EntityAction::Restore => "restore",
            EntityAction::DeclineRestoreRequest => "decline_restore_request",
            EntityAction::Other(text) => text,
        }
    }
}

impl fmt::Display for EntityAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

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
