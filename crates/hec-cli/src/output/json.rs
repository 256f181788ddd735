//! JSON output: tasks exactly as the API shapes them (without the run's secrets), and errors in
//! one fixed shape.

use hec_proto::model::RawJson;
use hec_proto::{Task, TaskId};
use serde_json::{Value, json};

use crate::failure::Failure;
use crate::output::escape::{self, MAX_MESSAGE_CHARS};
use crate::output::redact;

/// A task exactly as the API sent it (its raw JSON), on one line: only whitespace between tokens
/// is dropped (and the run's secrets, see [`raw_line`]), so jq filters written for the raw API's
/// `responseData` keep working.
pub(crate) fn task(task: &Task) -> String {
    raw_line(task.raw())
}

/// An object exactly as the API sent it (field order, number spellings, unknown fields), on one
/// line: only the whitespace between tokens is dropped, and every spelling of the run's secrets
/// replaced by `[redacted]` (JSON-escaped ones included).
pub(crate) fn raw_line(raw: &RawJson) -> String {
    let compact = raw.compact();
    redact::text(&compact).into_owned()
}

/// Values the service sent, as a JSON array of strings, each without the run's secrets.
pub(crate) fn texts<'a>(values: impl IntoIterator<Item = &'a str>) -> Value {
    Value::Array(values.into_iter().map(|value| Value::String(redact::text(value).into_owned())).collect())
}

/// A value the service sent (or nothing), as a JSON string without the run's secrets, or `null`.
pub(crate) fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |value| Value::String(redact::text(value).into_owned()))
}

/// A failure on one line:
/// `{"error": {"kind", "message", "responseCode", "requestId", "status"}}`, plus `taskId` when the
/// failure belongs to one task. Fields the failure does not have are `null`.
pub(crate) fn error_line(failure: &Failure, task_id: Option<&TaskId>) -> String {
    error(failure, task_id).to_string()
}

/// The JSON value of [`error_line`].
pub(crate) fn error(failure: &Failure, task_id: Option<&TaskId>) -> Value {
    let detail = failure.detail();
    let mut error = json!({
        "kind": failure.kind(),
        "message": escape::cap(&failure.to_string(), MAX_MESSAGE_CHARS),
        "responseCode": detail.and_then(|d| d.response_code),
        "requestId": detail.and_then(|d| d.request_id.clone()),
        "status": detail.map(|d| d.status.as_u16()),
    });
    if let (Some(id), Some(object)) = (task_id, error.as_object_mut()) {
        object.insert("taskId".to_owned(), Value::String(id.to_string()));
    }
    json!({ "error": error })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_keeps_the_apis_names_and_unknown_fields() {
        let raw = r#"{"id":1691529376887109,"type":"office365_emails_manual_action","status":"completed","newField":{"a":1}}"#;
        let parsed: Task = serde_json::from_str(raw).unwrap();
        let written: Value = serde_json::from_str(&task(&parsed)).unwrap();
        assert_eq!(written, serde_json::from_str::<Value>(raw).unwrap());
    }

    #[test]
    fn raw_objects_lose_only_the_whitespace_between_tokens() {
        let raw: RawJson = serde_json::from_str(
            "{\n  \"subject\": \"a  \\\" b\\n\",\n  \"size\": 1.50,\n  \"list\": [ 1 , \"x y\" ]\n}",
        )
        .unwrap();
        assert_eq!(raw_line(&raw), r#"{"subject":"a  \" b\n","size":1.50,"list":[1,"x y"]}"#);
    }

    #[test]
    fn a_usage_error_has_every_field_with_nulls() {
        let id: TaskId = "42".parse().unwrap();
        let value = error(&Failure::Usage("bad".into()), Some(&id));
        assert_eq!(
            value,
            json!({"error": {"kind": "config", "message": "bad", "responseCode": null, "requestId": null,
                             "status": null, "taskId": "42"}})
        );
    }
}
