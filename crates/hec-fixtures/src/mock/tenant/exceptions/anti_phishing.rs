//! The anti-phishing lists (`exceptions/{whitelist|blacklist|spam_whitelist}`): list, get one
//! (a list of one), create (200), modify (200), delete (a POST to `.../delete/{excId}`, 204).
//!
//! A modify that names criteria replaces every criterion; one that names none (only a comment,
//! say, as Check Point's XSOAR client and the Travis SDK send when only the comment changes)
//! keeps the criteria and changes the rest.

use jiff::Timestamp;
use serde_json::{Map, Value, json};

use super::read::{self, Data};
use super::seed::{self, FIRST_NEW_EXCEPTION_ID};
use super::{API_USER, Answer, Outcome};

/// `data` with the matching modifier `field` spelled as the API reference spells it: the Travis
/// SDK documents `match` (for `matching`) and `endswith` (for `ends_with`), and sends what its
/// caller passes; the mock takes both and stores the reference's spelling.
fn with_legacy_spellings(data: &Data, field: &str) -> Data {
    let mut data = data.clone();
    if let Some(Value::String(value)) = data.get_mut(field) {
        match value.as_str() {
            "match" => *value = "matching".to_owned(),
            "endswith" => *value = "ends_with".to_owned(),
            _ => {}
        }
    }
    data
}

/// The refusal of a create that names no criterion.
const NO_CRITERION: &str = "at least one criterion is required";

/// The lists' names, as the path spells them.
const KINDS: [&str; 3] = ["whitelist", "blacklist", "spam_whitelist"];

/// The text criteria and modifiers a record holds, `null` when unset.
const TEXT_FIELDS: [&str; 15] = [
    "actionNeeded",
    "attachmentMd5",
    "linkDomainMatching",
    "recipient",
    "recipientMatching",
    "senderClientIp",
    "senderDomain",
    "senderDomainMatching",
    "senderEmail",
    "senderEmailMatching",
    "senderIp",
    "senderName",
    "senderNameMatching",
    "subject",
    "subjectMatching",
];

/// The fields that say which mail an exception matches (with `linkDomains` and the request's
/// `entityId`).
const CRITERIA: [&str; 8] = [
    "senderEmail",
    "senderName",
    "senderDomain",
    "senderIp",
    "senderClientIp",
    "recipient",
    "subject",
    "attachmentMd5",
];

const TEXT_MATCHING: [&str; 3] = ["matching", "contains", "exact"];
const DOMAIN_MATCHING: [&str; 3] = ["contains", "ends_with", "exact"];

/// Every anti-phishing exception, in the order they were made.
#[derive(Debug)]
pub(super) struct Lists {
    records: Vec<(&'static str, Value)>,
    next_id: u64,
}

/// What a create or modify sets: every field of the record but its id, authors and time.
struct Criteria {
    texts: Map<String, Value>,
    link_domains: Vec<String>,
    ignoring_spf_check: bool,
    match_only_future: Option<bool>,
    quarantine_all: Option<bool>,
    comment: Option<String>,
}

impl Lists {
    /// The seeded lists ([`seed::AP`]).
    pub(super) fn seeded(start: Timestamp) -> Lists {
        let records = seed::AP
            .iter()
            .map(|seed| {
                let texts =
                    seed.criteria.iter().map(|(name, value)| ((*name).to_owned(), json!(value))).collect();
                let criteria = Criteria {
                    texts,
                    link_domains: seed.link_domains.iter().map(|domain| (*domain).to_owned()).collect(),
                    ignoring_spf_check: false,
                    match_only_future: None,
                    quarantine_all: None,
                    comment: Some(seed.comment.to_owned()),
                };
                let at = seed::before(start, seed.age_minutes);
                (
                    kind(seed.kind).unwrap_or("whitelist"),
                    criteria.record(seed.id, "soc-admin@acme.example", None, at),
                )
            })
            .collect();
        Lists { records, next_id: FIRST_NEW_EXCEPTION_ID }
    }

    /// `GET exceptions/{excType}`.
    pub(super) fn list(&self, kind_text: &str) -> Outcome {
        let kind = kind(kind_text)?;
        Ok(Answer::list(self.of(kind).cloned().collect()))
    }

    /// `GET exceptions/{excType}/{excId}`: a list of one, `[]` for an unknown id.
    pub(super) fn get(&self, kind_text: &str, id: &str) -> Outcome {
        let kind = kind(kind_text)?;
        check_id(id)?;
        Ok(Answer::list(self.of(kind).filter(|record| record["entityId"] == id).cloned().collect()))
    }

    /// `POST exceptions/{excType}`.
    pub(super) fn create(&mut self, kind_text: &str, body: &[u8], now: Timestamp) -> Outcome {
        let kind = kind(kind_text)?;
        let criteria = Criteria::read(&read::data(body)?)?;
        let id = self.next_id.to_string();
        self.next_id = self.next_id.saturating_add(1);
        self.records.push((kind, criteria.record(&id, API_USER, None, now)));
        Ok(Answer::Written(200))
    }

    /// `PUT exceptions/{excType}/{excId}`: every criterion replaced, or, when the request names
    /// none, every criterion kept.
    pub(super) fn modify(&mut self, kind_text: &str, id: &str, body: &[u8], now: Timestamp) -> Outcome {
        let kind = kind(kind_text)?;
        check_id(id)?;
        let index = self.find(kind, id)?;
        let record = &mut self.records[index].1;
        let criteria = match Criteria::read(&read::data(body)?) {
            Err(why) if why == NO_CRITERION => Criteria::read_keeping(&read::data(body)?, record)?,
            read => read?,
        };
        let added_by = record["addedBy"].as_str().unwrap_or(API_USER).to_owned();
        *record = criteria.record(id, &added_by, Some(API_USER), now);
        Ok(Answer::Written(200))
    }

    /// `POST exceptions/{excType}/delete/{excId}` (any body is ignored).
    pub(super) fn delete(&mut self, kind_text: &str, id: &str) -> Outcome {
        let kind = kind(kind_text)?;
        check_id(id)?;
        let index = self.find(kind, id)?;
        self.records.remove(index);
        Ok(Answer::Written(204))
    }

    fn of(&self, kind: &'static str) -> impl Iterator<Item = &Value> {
        self.records.iter().filter(move |(of, _)| *of == kind).map(|(_, record)| record)
    }

    fn find(&self, kind: &'static str, id: &str) -> Result<usize, String> {
        self.records
            .iter()
            .position(|(of, record)| *of == kind && record["entityId"] == id)
            .ok_or_else(|| format!("exception not found: {id}"))
    }
}

/// The list a path names.
fn kind(text: &str) -> Result<&'static str, String> {
    KINDS.into_iter().find(|kind| *kind == text).ok_or_else(|| {
        format!(
            "unknown exception type {:?} (use whitelist, blacklist or spam_whitelist)",
            crate::mock::api::clip(text)
        )
    })
}

fn check_id(id: &str) -> Result<(), String> {
    if read::is_digits(id) { Ok(()) } else { Err("invalid exception id".to_owned()) }
}

impl Criteria {
    /// A create's or modify's `requestData`, checked as the service would.
    fn read(data: &Data) -> Result<Criteria, String> {
        let mut texts = Map::new();
        for field in CRITERIA.into_iter().chain(["actionNeeded"]) {
            if let Some(value) = read::optional_text(data, field)? {
                texts.insert(field.to_owned(), json!(value));
            }
        }
        for (field, allowed) in [
            ("senderEmailMatching", &TEXT_MATCHING),
            ("senderNameMatching", &TEXT_MATCHING),
            ("recipientMatching", &TEXT_MATCHING),
            ("subjectMatching", &TEXT_MATCHING),
            ("linkDomainMatching", &TEXT_MATCHING),
            ("senderDomainMatching", &DOMAIN_MATCHING),
        ] {
            if let Some(value) = read::optional_choice(&with_legacy_spellings(data, field), field, allowed)? {
                texts.insert(field.to_owned(), json!(value));
            }
        }
        let link_domains = link_domains(data)?;
        // The request's entityId names the mail the exception is made from; it is not stored.
        let from_mail = read::optional_text(data, "entityId")?.is_some();
        if !from_mail && link_domains.is_empty() && !CRITERIA.iter().any(|field| texts.contains_key(*field)) {
            return Err(NO_CRITERION.to_owned());
        }
        Ok(Criteria {
            texts,
            link_domains,
            ignoring_spf_check: read::optional_bool(data, "ignoringSpfCheck")?.unwrap_or(false),
            match_only_future: read::optional_bool(data, "matchOnlyFuture")?,
            quarantine_all: read::optional_bool(data, "quarantineAll")?,
            comment: read::optional_text(data, "comment")?,
        })
    }

    /// A modify's `requestData` that names no criterion: `record`'s criteria and modifiers, the
    /// request's comment and flags.
    fn read_keeping(data: &Data, record: &Value) -> Result<Criteria, String> {
        let mut texts = Map::new();
        for field in TEXT_FIELDS {
            if let Some(value) = record.get(field).filter(|value| value.is_string()) {
                texts.insert(field.to_owned(), value.clone());
            }
        }
        if let Some(value) = read::optional_text(data, "actionNeeded")? {
            texts.insert("actionNeeded".to_owned(), json!(value));
        }
        let link_domains = match record.get("linkDomains") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => Vec::new(),
        };
        Ok(Criteria {
            texts,
            link_domains,
            ignoring_spf_check: read::optional_bool(data, "ignoringSpfCheck")?.unwrap_or(false),
            match_only_future: read::optional_bool(data, "matchOnlyFuture")?,
            quarantine_all: read::optional_bool(data, "quarantineAll")?,
            comment: read::optional_text(data, "comment")?,
        })
    }

    /// The record the live service lists: every field, `null` when unset, `linkDomains` `false`
    /// when there are none.
    fn record(&self, id: &str, added_by: &str, edited_by: Option<&str>, at: Timestamp) -> Value {
        let mut record = Map::new();
        for field in TEXT_FIELDS {
            record.insert(field.to_owned(), self.texts.get(field).cloned().unwrap_or(Value::Null));
        }
        record.insert("addedBy".to_owned(), json!(added_by));
        record.insert("comment".to_owned(), json!(self.comment));
        record.insert("editedBy".to_owned(), json!(edited_by));
        record.insert("entityId".to_owned(), json!(id));
        record.insert("ignoringSpfCheck".to_owned(), json!(self.ignoring_spf_check));
        let link_domains = if self.link_domains.is_empty() { json!(false) } else { json!(self.link_domains) };
        record.insert("linkDomains".to_owned(), link_domains);
        record.insert("updateTime".to_owned(), json!(seed::rfc1123(at)));
        let as_text = |value: bool| json!(if value { "true" } else { "false" });
        if let Some(value) = self.match_only_future {
            record.insert("matchOnlyFuture".to_owned(), as_text(value));
        }
        if let Some(value) = self.quarantine_all {
            record.insert("quarantineAll".to_owned(), as_text(value));
        }
        Value::Object(record)
    }
}

/// `linkDomains`: a list of texts (what Check Point's integration sends) or one comma-separated
/// text (its type in the API reference); missing, `null`, `false` or empty is none.
fn link_domains(data: &Data) -> Result<Vec<String>, String> {
    let split =
        |text: &str| text.split(',').map(str::trim).filter(|d| !d.is_empty()).map(str::to_owned).collect();
    match data.get("linkDomains") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(Vec::new()),
        Some(Value::String(text)) => Ok(split(text)),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str().map(str::to_owned).ok_or("requestData.linkDomains must hold texts".to_owned())
            })
            .filter(|domain| domain.as_ref().map_or(true, |domain| !domain.is_empty()))
            .collect(),
        Some(_) => Err("requestData.linkDomains must be a list of texts".to_owned()),
    }
}
