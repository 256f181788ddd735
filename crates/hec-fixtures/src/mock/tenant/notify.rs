//! `POST /soar/notify`: tell recipients about their exposure to an e-mail.
//!
//! The body is `{"requestData": {"entityId", "emails": [...]}}`; the answer is a bare
//! `{"ok": true}` without an envelope, as the vendor's captures show it, or `{"ok": false}` for
//! an entity the tenant does not have, a missing or empty `emails`, or an item that is not an
//! address (docs/HEC-API.md part 2, section 2). A body that is not `{"requestData": {...}}` gets
//! 400, as on every tenant endpoint. A notification the tenant sends shows on the mail: an
//! `entityActions` record `notify` / `notified`, and `entityPayload.notifiedRecipients` grows by
//! the addresses (each once).

use bytes::Bytes;
use http::{Response, StatusCode};
use serde_json::{Value, json};

use super::Records;
use super::data::{mail_action, micros_z};
use crate::mock::{answer, api};

/// The most addresses one mail remembers having notified.
const MAX_NOTIFIED: usize = 1000;

/// Answers `POST /soar/notify` at `now`.
pub(super) fn notify(records: &mut Records, body: &[u8], now: jiff::Timestamp) -> Response<Bytes> {
    let data = match api::request_data(body) {
        Ok(data) => data,
        Err(refusal) => return *refusal,
    };
    let ok = |ok: bool| answer::json(StatusCode::OK, &json!({ "ok": ok }));
    let Some(id) = data.get("entityId").and_then(Value::as_str) else { return ok(false) };
    let emails: Vec<&str> = match data.get("emails") {
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => return ok(false),
    };
    let all_addresses = data["emails"].as_array().is_some_and(|items| items.len() == emails.len());
    if emails.is_empty() || !all_addresses || emails.iter().any(|email| !is_address(email)) {
        return ok(false);
    }
    let Some(mail) = records.mail_mut(id) else { return ok(false) };
    let notified = &mut mail["entityPayload"]["notifiedRecipients"];
    if !notified.is_array() {
        *notified = json!([]);
    }
    if let Value::Array(list) = notified {
        for email in emails {
            if list.len() < MAX_NOTIFIED && !list.iter().any(|known| known == email) {
                list.push(json!(email));
            }
        }
    }
    mail["entityInfo"]["entityUpdated"] = json!(micros_z(now));
    if let Value::Array(actions) = &mut mail["entityActions"] {
        actions.push(mail_action("notify", "notified", now));
    }
    ok(true)
}

/// `local@domain`, 3 to 254 characters, no spaces or control characters.
fn is_address(text: &str) -> bool {
    (3..=254).contains(&text.len())
        && !text.chars().any(|c| c.is_whitespace() || c.is_control())
        && text.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_has_a_local_part_and_a_domain() {
        assert!(is_address("alice@acme.example"));
        for bad in ["", "alice", "@acme.example", "alice@", "a b@c.example", "a\n@b"] {
            assert!(!is_address(bad), "{bad:?}");
        }
    }
}
