//! The security-tool exceptions (`sectool-exceptions/{checkpoint2|avanan_url|avanan_dlp}`):
//! get one by key (an object), a paged list (a GET with a JSON body), create (201), update (200,
//! keyed by the body), delete one and delete many (DELETE with a JSON body, 204).

use jiff::Timestamp;
use serde_json::{Value, json};

use super::read::{self, Data};
use super::seed;
use super::{API_USER, Answer, Outcome};
use crate::mock::api::clip;

/// Each tool and the exception types it documents.
const TOOLS: [(&str, [&str; 4]); 3] = [
    ("checkpoint2", ["hash", "macro_hash", "file_type", "ppat_sender_name"]),
    ("avanan_url", ["allow-url", "allow-domain", "block-url", "block-domain"]),
    ("avanan_dlp", ["hash", "text_content", "sender_email", "recipient_email"]),
];

const CONDITIONS: [&str; 3] = ["with_or_without_link", "with_link", "without_link"];
const INDEXES: [&str; 6] =
    ["insert_time", "entity_type_id", "exception_str", "file_name", "created_by_email", "comment"];

/// The most exceptions a page holds, and what it holds when the query sets no `limit`.
const MAX_PAGE: usize = 100;

/// Every tool exception: its tool, its type and the record the service lists.
#[derive(Debug)]
pub(super) struct Tools {
    records: Vec<(&'static str, &'static str, Value)>,
}

impl Tools {
    /// The seeded exceptions ([`seed::TOOLS`]).
    pub(super) fn seeded(start: Timestamp) -> Tools {
        let records = seed::TOOLS
            .iter()
            .map(|seed| {
                let at = seed::before(start, seed.age_minutes);
                let record = seed::tool_record(
                    seed.tool,
                    seed.kind,
                    seed.key,
                    Some(seed.comment),
                    "soc-admin@acme.example",
                    at,
                    seed.condition,
                );
                (seed.tool, seed.kind, record)
            })
            .collect();
        Tools { records }
    }

    /// `GET .../{sectool}/exceptions/{excType}/{excStr}`: the record, bare; `[]` for an unknown key.
    pub(super) fn get(&self, tool_text: &str, kind_text: &str, key_segment: &str) -> Outcome {
        let (tool, kind) = tool_and_kind(tool_text, kind_text)?;
        let key = crate::percent::decode(key_segment).ok_or("invalid exception key")?;
        Ok(match self.find(tool, kind, &key) {
            Ok(index) => Answer::Object(self.records[index].2.clone()),
            Err(_) => Answer::list(Vec::new()),
        })
    }

    /// `GET .../{sectool}/exceptions/{excType}` with an optional JSON body: one page (see the
    /// module docs of `exceptions` for the paging the mock assumes).
    pub(super) fn list(&self, tool_text: &str, kind_text: &str, body: &[u8]) -> Outcome {
        let (tool, kind) = tool_and_kind(tool_text, kind_text)?;
        let data = if body.iter().all(u8::is_ascii_whitespace) { Data::new() } else { read::data(body)? };
        let index = read::optional_choice(&data, "filterIndex", &INDEXES)?
            .unwrap_or_else(|| "exception_str".to_owned());
        let filter = read::optional_text(&data, "filterStr")?.map(|text| text.to_lowercase());
        let descending =
            read::optional_choice(&data, "sortDir", &["asc", "desc"])?.as_deref() == Some("desc");
        let after = read::optional_text(&data, "lastEvaluatedKey")?;
        read::optional_bool(&data, "insertTimeGte")?;
        let limit = limit(&data)?;
        let key = |record: &Value| record["exception_str"].as_str().unwrap_or_default().to_owned();
        let mut matching: Vec<&Value> = self
            .of(tool, kind)
            .filter(|record| {
                filter.as_ref().is_none_or(|filter| {
                    record[index.as_str()]
                        .as_str()
                        .is_some_and(|field| field.to_lowercase().contains(filter.as_str()))
                })
            })
            .collect();
        matching.sort_by_key(|record| key(record));
        if descending {
            matching.reverse();
        }
        let total = matching.len() as u64;
        let rest: Vec<&Value> = matching
            .into_iter()
            .filter(|record| {
                after
                    .as_ref()
                    .is_none_or(|after| if descending { key(record) < *after } else { key(record) > *after })
            })
            .collect();
        let items: Vec<Value> = rest.iter().take(limit).map(|record| (*record).clone()).collect();
        let scroll_id = match items.last() {
            Some(last) if rest.len() > limit => key(last),
            _ => String::new(),
        };
        Ok(Answer::List { items, total, scroll_id })
    }

    /// `POST sectool-exceptions/{sectool}`.
    pub(super) fn create(&mut self, tool_text: &str, body: &[u8], now: Timestamp) -> Outcome {
        let data = read::data(body)?;
        let (tool, kind) = tool_and_kind(tool_text, &read::required_text(&data, "exceptionType")?)?;
        let key = read::required_text(&data, "exceptionStr")?;
        if self.find(tool, kind, &key).is_ok() {
            return Err(format!("exception already exists: {}", clip(&key)));
        }
        for field in ["entityType", "entityId", "fileName"] {
            read::optional_text(&data, field)?;
        }
        read::optional_bool(&data, "isExclusive")?;
        let created_by = read::optional_text(&data, "createdByEmail")?.unwrap_or_else(|| API_USER.to_owned());
        let comment = read::optional_text(&data, "comment")?;
        let condition = condition(&data)?;
        let record =
            seed::tool_record(tool, kind, &key, comment.as_deref(), &created_by, now, condition.as_deref());
        self.records.push((tool, kind, record));
        Ok(Answer::Written(201))
    }

    /// `PUT sectool-exceptions/{sectool}`: a new comment, a new condition, or both.
    pub(super) fn update(&mut self, tool_text: &str, body: &[u8]) -> Outcome {
        let data = read::data(body)?;
        let index = self.named(tool_text, &data)?;
        let comment = read::optional_text(&data, "comment")?;
        let condition = condition(&data)?;
        if comment.is_none() && condition.is_none() {
            return Err("nothing to change: set comment or exceptionPayload".to_owned());
        }
        let record = &mut self.records[index].2;
        if let Some(comment) = comment {
            record["comment"] = json!(comment);
        }
        if let Some(condition) = condition {
            record["exception_payload"] = json!({ "condition": condition });
        }
        Ok(Answer::Written(200))
    }

    /// `DELETE sectool-exceptions/{sectool}` with the exception's type and key in the body.
    pub(super) fn delete(&mut self, tool_text: &str, body: &[u8]) -> Outcome {
        let data = read::data(body)?;
        let index = self.named(tool_text, &data)?;
        self.records.remove(index);
        Ok(Answer::Written(204))
    }

    /// `DELETE sectool-exceptions/{sectool}/exceptions` with a type and `exceptionStrList`: every
    /// key must exist, or nothing is deleted.
    pub(super) fn delete_many(&mut self, tool_text: &str, body: &[u8]) -> Outcome {
        let data = read::data(body)?;
        let (tool, kind) = tool_and_kind(tool_text, &read::required_text(&data, "exceptionType")?)?;
        let keys = read::required_texts(&data, "exceptionStrList")?;
        for key in &keys {
            self.find(tool, kind, key)?;
        }
        self.records.retain(|(of_tool, of_kind, record)| {
            !(*of_tool == tool
                && *of_kind == kind
                && keys.iter().any(|key| record["exception_str"] == key.as_str()))
        });
        Ok(Answer::Written(204))
    }

    fn of(&self, tool: &'static str, kind: &'static str) -> impl Iterator<Item = &Value> {
        self.records
            .iter()
            .filter(move |(of_tool, of_kind, _)| *of_tool == tool && *of_kind == kind)
            .map(|r| &r.2)
    }

    fn find(&self, tool: &str, kind: &str, key: &str) -> Result<usize, String> {
        self.records
            .iter()
            .position(|(of_tool, of_kind, record)| {
                *of_tool == tool && *of_kind == kind && record["exception_str"] == key
            })
            .ok_or_else(|| format!("exception not found: {}", clip(key)))
    }

    /// The exception a body names by `exceptionType` and `exceptionStr` (and optionally the
    /// entity it was made from, which is checked for type only).
    fn named(&self, tool_text: &str, data: &Data) -> Result<usize, String> {
        let (tool, kind) = tool_and_kind(tool_text, &read::required_text(data, "exceptionType")?)?;
        let key = read::required_text(data, "exceptionStr")?;
        for field in ["entityType", "entityId"] {
            read::optional_text(data, field)?;
        }
        self.find(tool, kind, &key)
    }
}

/// A tool the path names and a type it documents.
fn tool_and_kind(tool_text: &str, kind_text: &str) -> Result<(&'static str, &'static str), String> {
    let (tool, kinds) = TOOLS.iter().find(|(tool, _)| *tool == tool_text).ok_or_else(|| {
        format!("unknown sectool {:?} (use checkpoint2, avanan_url or avanan_dlp)", clip(tool_text))
    })?;
    let kind = kinds.iter().find(|kind| **kind == kind_text).ok_or_else(|| {
        format!("unknown exception type {:?} for {tool} (use {})", clip(kind_text), kinds.join(", "))
    })?;
    Ok((tool, kind))
}

/// `exceptionPayload.condition`, if the body sets one.
fn condition(data: &Data) -> Result<Option<String>, String> {
    match data.get("exceptionPayload") {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(payload)) => match payload.get("condition") {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(condition)) if CONDITIONS.contains(&condition.as_str()) => {
                Ok(Some(condition.clone()))
            }
            Some(_) => Err(format!(
                "requestData.exceptionPayload.condition must be one of {}",
                CONDITIONS.join(", ")
            )),
        },
        Some(_) => Err("requestData.exceptionPayload must be an object".to_owned()),
    }
}

/// `limit`: a whole number from 1 (a number or a numeric text), at most [`MAX_PAGE`]; the
/// default is [`MAX_PAGE`].
fn limit(data: &Data) -> Result<usize, String> {
    let limit = match data.get("limit") {
        None | Some(Value::Null) => return Ok(MAX_PAGE),
        Some(Value::Number(number)) => number.as_u64(),
        Some(Value::String(text)) => text.trim().parse().ok(),
        Some(_) => None,
    };
    match limit {
        Some(limit) if limit >= 1 => Ok(usize::try_from(limit).unwrap_or(MAX_PAGE).min(MAX_PAGE)),
        _ => Err("requestData.limit must be a whole number from 1".to_owned()),
    }
}
