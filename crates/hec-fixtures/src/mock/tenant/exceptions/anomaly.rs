//! The anomaly exceptions (`sectools/anomaly/exceptions`): list, create (201), delete by a list of
//! rule ids (a DELETE with a JSON body, 204).

use jiff::Timestamp;
use serde_json::{Value, json};

use super::read;
use super::seed::{self, FIRST_NEW_ANOMALY_RULE_ID};
use super::{Answer, Outcome};
use crate::mock::api::clip;

/// Every anomaly rule, in the order they were made.
#[derive(Debug)]
pub(super) struct Rules {
    rules: Vec<Value>,
    next_id: u64,
}

impl Rules {
    /// The seeded rules.
    pub(super) fn seeded(start: Timestamp) -> Rules {
        Rules { rules: seed::anomaly_rules(start), next_id: FIRST_NEW_ANOMALY_RULE_ID }
    }

    /// Every rule (`GET`).
    pub(super) fn all(&self) -> Vec<Value> {
        self.rules.clone()
    }

    /// `POST` with `requestJson` (an object with at least one field) and an optional `addedBy`.
    pub(super) fn create(&mut self, body: &[u8], now: Timestamp) -> Outcome {
        let data = read::data(body)?;
        let rule = match data.get("requestJson") {
            Some(Value::Object(rule)) if !rule.is_empty() => rule,
            Some(Value::Object(_)) => return Err("requestData.requestJson is empty".to_owned()),
            Some(_) => return Err("requestData.requestJson must be an object".to_owned()),
            None => return Err("requestData.requestJson is required".to_owned()),
        };
        let added_by = read::optional_text(&data, "addedBy")?;
        let text = |field: &str| rule.get(field).and_then(Value::as_str).map(str::to_owned);
        let id = self.next_id.to_string();
        self.next_id = self.next_id.saturating_add(1);
        let at = seed::naive_micros(now);
        self.rules.push(json!({
            "added_by": added_by,
            "anomaly_type": text("anomalyType").unwrap_or_else(|| "unknown".to_owned()),
            "comments": text("comment"),
            "customer_domain": "demo-tenant",
            "enabled": true,
            "event_id": text("eventId"),
            "exception_rule": Value::Object(rule.clone()).to_string(),
            "expiration_date": null,
            "id": id,
            "insert_time": at,
            "update_time": at,
        }));
        Ok(Answer::Written(201))
    }

    /// `DELETE` with `ruleId`, a list of rule ids that must all exist.
    pub(super) fn delete(&mut self, body: &[u8]) -> Outcome {
        let ids = read::required_texts(&read::data(body)?, "ruleId")?;
        if let Some(unknown) = ids.iter().find(|id| !self.rules.iter().any(|rule| rule["id"] == id.as_str()))
        {
            return Err(format!("rule not found: {}", clip(unknown)));
        }
        self.rules.retain(|rule| !ids.iter().any(|id| rule["id"] == id.as_str()));
        Ok(Answer::Written(204))
    }
}
