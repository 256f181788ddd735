//! The checks of the analyst's toolkit scenarios (fixtures/README.md): `"outcome": "notified"`
//! (`soar/notify`), `"written"` (`report/mis-classification`), `"download"` (the .eml download),
//! and the `scan` key of an entity (its `entitySecurityResult`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::present;

/// `"outcome": "notified"`: the answer said `{"ok": true}`. It has no keys.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExpectNotified {}

/// Checks on a write's success (`report/mis-classification`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectWritten {
    #[serde(default, deserialize_with = "present")]
    pub response_code: Option<Option<i64>>,
    pub documented: Option<bool>,
    pub request_id: Option<String>,
}

/// Checks on a download's answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ExpectDownload {
    /// `message` (the body is the message, streamed as it is) or `follow` (a URL to fetch).
    pub kind: String,
    /// For `message`: how many bytes are written (the body's length: every byte as sent).
    pub bytes: Option<u64>,
    /// For `follow`: the URL.
    pub url: Option<String>,
}

/// Checks on an entity's scan results; `"scan": null` means it has none.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectScan {
    pub verdicts: Option<BTreeMap<String, Option<String>>>,
    pub tools: Option<Vec<ExpectToolScan>>,
    pub faithful: Option<bool>,
}

/// Checks on one tool's part of the scan results.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectToolScan {
    pub tool: String,
    pub known: Option<bool>,
    pub null: Option<bool>,
    pub records: Option<Vec<ExpectScanRecord>>,
}

/// Checks on one scan record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectScanRecord {
    pub entity_id: Option<String>,
    pub entity_type: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub score: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub score_value: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub status_code: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub status_description: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub verdict: Option<Option<String>>,
    pub security_result_entity_type: Option<String>,
    #[serde(default, deserialize_with = "present")]
    pub payload: Option<Option<serde_json::Value>>,
    pub reasons: Option<Vec<String>>,
    pub reason_categories: Option<BTreeMap<String, Vec<String>>>,
}
