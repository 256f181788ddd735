//! The search's extended filters (`entityExtendedFilter`): `{"saasAttrName", "saasAttrOp",
//! "saasAttrValue"}` evaluated on an entity's JSON.
//!
//! `saasAttrName` is a dotted path into the entity (`entityPayload.fromEmail`,
//! `entityInfo.saas`, `entityPayload.attachments.MD5`); a name that does not start with one of
//! the entity's top-level keys is read under `entityPayload` (`fromEmail`). Arrays on the way or
//! at the end stand for each of their elements (`recipients`). The operators:
//! - `is`: some value equals `saasAttrValue` exactly (case-sensitive; `true`, `42` compare as text);
//! - `isNot`: none does (a missing field is "not" anything);
//! - `contains`: some value contains it, ignoring case;
//! - `isEmpty`: the field is missing, null, `""`, `[]` or `{}` (`saasAttrValue` is ignored);
//! - `greaterThan`: some value is greater, as numbers if both are numbers, else as RFC 3339 dates.

use serde_json::Value;

use super::window::date;
use crate::mock::api::clip;

/// One filter, ready to match.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Filter {
    path: Vec<String>,
    op: Op,
    value: Value,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Is,
    IsNot,
    Contains,
    IsEmpty,
    GreaterThan,
}

impl Filter {
    /// Reads one item of `entityExtendedFilter`; the refusal is answered as a logical failure.
    pub(crate) fn parse(item: &Value) -> Result<Filter, String> {
        let name = item
            .get("saasAttrName")
            .and_then(Value::as_str)
            .filter(|name| !name.is_empty())
            .ok_or("every entityExtendedFilter item needs a saasAttrName")?;
        let op = match item.get("saasAttrOp").and_then(Value::as_str) {
            Some("is") => Op::Is,
            Some("isNot") => Op::IsNot,
            Some("contains") => Op::Contains,
            Some("isEmpty") => Op::IsEmpty,
            Some("greaterThan") => Op::GreaterThan,
            Some(other) => return Err(format!("unknown saasAttrOp {:?}", clip(other))),
            None => return Err("every entityExtendedFilter item needs a saasAttrOp".to_owned()),
        };
        let value = item.get("saasAttrValue").cloned().unwrap_or(Value::Null);
        if op != Op::IsEmpty && text(&value).is_none() {
            return Err(format!("saasAttrValue of {:?} must be a string, number or boolean", clip(name)));
        }
        Ok(Filter { path: name.split('.').map(str::to_owned).collect(), op, value })
    }

    /// Whether `entity` passes the filter.
    pub(crate) fn matches(&self, entity: &Value) -> bool {
        let mut found = Vec::new();
        let rooted = self.path.first().is_some_and(|first| entity.get(first).is_some());
        match (rooted, entity.get("entityPayload")) {
            (true, _) => collect(entity, &self.path, &mut found),
            (false, Some(payload)) => collect(payload, &self.path, &mut found),
            (false, None) => {}
        }
        let wanted = text(&self.value).unwrap_or_default();
        match self.op {
            Op::Is => found.iter().any(|value| text(value).is_some_and(|text| text == wanted)),
            Op::IsNot => !found.iter().any(|value| text(value).is_some_and(|text| text == wanted)),
            Op::Contains => {
                let wanted = wanted.to_lowercase();
                found
                    .iter()
                    .any(|value| text(value).is_some_and(|text| text.to_lowercase().contains(&wanted)))
            }
            Op::IsEmpty => found.iter().all(|value| is_empty(value)),
            Op::GreaterThan => found.iter().any(|value| greater(value, &self.value)),
        }
    }
}

/// Every value at `path` under `value`, arrays standing for their elements.
fn collect<'v>(value: &'v Value, path: &[String], found: &mut Vec<&'v Value>) {
    match (value, path.split_first()) {
        (Value::Array(items), _) => items.iter().for_each(|item| collect(item, path, found)),
        (_, None) => found.push(value),
        (Value::Object(object), Some((key, rest))) => {
            if let Some(value) = object.get(key) {
                collect(value, rest, found);
            }
        }
        _ => {}
    }
}

/// A scalar as comparable text; null, arrays and objects have none.
fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Bool(_) | Value::Number(_) => Some(value.to_string()),
        _ => None,
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(text) => text.is_empty(),
        Value::Object(object) => object.is_empty(),
        _ => false,
    }
}

fn greater(value: &Value, than: &Value) -> bool {
    let number = |value: &Value| text(value).and_then(|text| text.trim().parse::<f64>().ok());
    if let (Some(value), Some(than)) = (number(value), number(than)) {
        return value > than;
    }
    matches!((date(value), date(than)), (Some(value), Some(than)) if value > than)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn entity() -> Value {
        json!({
            "entityInfo": {"saas": "office365_emails"},
            "entityPayload": {
                "fromEmail": "payroll@evil.example", "subject": "Payroll update: action required",
                "recipients": ["alice@acme.example", "bob@acme.example"], "isQuarantined": false,
                "attachmentCount": 2, "attachments": [{"MD5": "aa"}, {"MD5": "bb"}],
                "received": "2026-01-01T10:00:00Z", "replyToEmail": null, "emailLinks": [], "fromName": "",
            }
        })
    }

    fn matches(name: &str, op: &str, value: Value) -> bool {
        Filter::parse(&json!({"saasAttrName": name, "saasAttrOp": op, "saasAttrValue": value}))
            .unwrap()
            .matches(&entity())
    }

    #[test]
    fn is_compares_exactly_and_scalars_as_text() {
        assert!(matches("entityPayload.fromEmail", "is", json!("payroll@evil.example")));
        assert!(!matches("entityPayload.fromEmail", "is", json!("Payroll@evil.example")));
        assert!(matches("entityPayload.isQuarantined", "is", json!("false")));
        assert!(matches("entityPayload.isQuarantined", "is", json!(false)));
        assert!(matches("entityInfo.saas", "is", json!("office365_emails")));
        assert!(matches("fromEmail", "is", json!("payroll@evil.example")));
    }

    #[test]
    fn arrays_stand_for_each_element() {
        assert!(matches("entityPayload.recipients", "is", json!("bob@acme.example")));
        assert!(matches("entityPayload.attachments.MD5", "is", json!("bb")));
        assert!(!matches("entityPayload.recipients", "isNot", json!("bob@acme.example")));
    }

    #[test]
    fn is_not_holds_for_a_missing_field() {
        assert!(matches("entityPayload.senderServerIp", "isNot", json!("1.2.3.4")));
        assert!(!matches("entityPayload.senderServerIp", "is", json!("1.2.3.4")));
    }

    #[test]
    fn contains_ignores_case() {
        assert!(matches("entityPayload.subject", "contains", json!("PAYROLL UPDATE")));
        assert!(matches("entityPayload.recipients", "contains", json!("ALICE@")));
        assert!(!matches("entityPayload.subject", "contains", json!("invoice")));
    }

    #[test]
    fn is_empty_means_missing_null_blank_or_no_elements() {
        for name in ["replyToEmail", "emailLinks", "fromName", "senderServerIp"] {
            assert!(matches(&format!("entityPayload.{name}"), "isEmpty", Value::Null), "{name}");
        }
        assert!(!matches("entityPayload.recipients", "isEmpty", Value::Null));
        assert!(!matches("entityPayload.isQuarantined", "isEmpty", Value::Null));
    }

    #[test]
    fn greater_than_compares_numbers_and_dates() {
        assert!(matches("entityPayload.attachmentCount", "greaterThan", json!("1")));
        assert!(!matches("entityPayload.attachmentCount", "greaterThan", json!(2)));
        assert!(matches("entityPayload.received", "greaterThan", json!("2026-01-01T09:59:59Z")));
        assert!(!matches("entityPayload.received", "greaterThan", json!("2026-01-01T10:00:00Z")));
        assert!(!matches("entityPayload.subject", "greaterThan", json!("a")));
    }

    #[test]
    fn unknown_operators_and_missing_parts_are_refused() {
        let parse = |item: Value| Filter::parse(&item).unwrap_err();
        assert_eq!(
            parse(json!({"saasAttrName": "x", "saasAttrOp": "like", "saasAttrValue": "y"})),
            r#"unknown saasAttrOp "like""#
        );
        assert_eq!(
            parse(json!({"saasAttrOp": "is", "saasAttrValue": "y"})),
            "every entityExtendedFilter item needs a saasAttrName"
        );
        assert_eq!(
            parse(json!({"saasAttrName": "x", "saasAttrValue": "y"})),
            "every entityExtendedFilter item needs a saasAttrOp"
        );
        assert_eq!(
            parse(json!({"saasAttrName": "x", "saasAttrOp": "is"})),
            "saasAttrValue of \"x\" must be a string, number or boolean"
        );
    }
}
