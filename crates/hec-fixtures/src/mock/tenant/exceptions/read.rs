//! Reading a request's `requestData` fields the way the service would check them; each error is
//! the `responseText` of the logical failure.

use serde_json::{Map, Value};

use crate::mock::api;

/// A request's `requestData`.
pub(super) type Data = Map<String, Value>;

/// The body's `requestData`, or why the body is not `{"requestData": {...}}`.
pub(super) fn data(body: &[u8]) -> Result<Data, String> {
    api::read_request_data(body)
}

/// A text field that must be there and not empty.
pub(super) fn required_text(data: &Data, field: &str) -> Result<String, String> {
    optional_text(data, field)?.ok_or_else(|| format!("requestData.{field} is required"))
}

/// A text field that may be missing or `null`; an empty text counts as missing.
pub(super) fn optional_text(data: &Data, field: &str) -> Result<Option<String>, String> {
    match data.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) if text.is_empty() => Ok(None),
        Some(Value::String(text)) => Ok(Some(text.clone())),
        Some(_) => Err(format!("requestData.{field} must be a string")),
    }
}

/// A boolean field (`true` or `"true"`) that may be missing or `null`.
pub(super) fn optional_bool(data: &Data, field: &str) -> Result<Option<bool>, String> {
    match data.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(value)) => Ok(Some(*value)),
        Some(Value::String(text)) if text.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Value::String(text)) if text.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(_) => Err(format!("requestData.{field} must be a boolean")),
    }
}

/// A list of texts that must be there and hold at least one.
pub(super) fn required_texts(data: &Data, field: &str) -> Result<Vec<String>, String> {
    let Some(value) = data.get(field) else {
        return Err(format!("requestData.{field} is required"));
    };
    let Value::Array(items) = value else {
        return Err(format!("requestData.{field} must be a list"));
    };
    if items.is_empty() {
        return Err(format!("requestData.{field} is empty"));
    }
    items
        .iter()
        .map(|item| match item {
            Value::String(text) if !text.is_empty() => Ok(text.clone()),
            _ => Err(format!("requestData.{field} must hold texts")),
        })
        .collect()
}

/// A field that must be one of `allowed`, if it is there.
pub(super) fn optional_choice(data: &Data, field: &str, allowed: &[&str]) -> Result<Option<String>, String> {
    match optional_text(data, field)? {
        Some(value) if !allowed.contains(&value.as_str()) => {
            Err(format!("requestData.{field} must be one of {}", allowed.join(", ")))
        }
        value => Ok(value),
    }
}

/// Whether `id` is 1 to 128 ASCII digits (anti-phishing ids, click-time list ids).
pub(super) fn is_digits(id: &str) -> bool {
    (1..=128).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit())
}
