//! `Envelope`: the `responseEnvelope` that wraps every HEC API answer.

use serde::Deserialize;

/// The `responseEnvelope` of an answer: who answered what, and whether it worked.
///
/// Every field is optional (live responses omit some that the official page lists). The official
/// table spells `responseText` as `responseTest`; both are read. Numbers may arrive as whole-number
/// floats (`200.0`) or numeric strings (`"200"`). Fields this version does not know are skipped:
/// they cost nothing, whatever their size.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[non_exhaustive]
pub struct Envelope {
    /// `requestId`: the `x-av-req-id` the request carried, echoed.
    #[serde(rename = "requestId", default)]
    pub request_id: Option<String>,
    /// `responseCode`: 0 or 2xx on success (the official page says 0, the live service sends 200,
    /// 201, 204); anything else is a logical failure, even inside HTTP 200.
    #[serde(rename = "responseCode", default, deserialize_with = "crate::wire::flexible::code")]
    pub response_code: Option<i64>,
    /// `responseText` (or `responseTest`): a message, often empty.
    #[serde(rename = "responseText", alias = "responseTest", default)]
    pub response_text: Option<String>,
    /// `additionalText`: more detail, sometimes absent.
    #[serde(rename = "additionalText", default)]
    pub additional_text: Option<String>,
    /// `recordsNumber`: how many records `responseData` holds.
    #[serde(rename = "recordsNumber", default, deserialize_with = "crate::wire::flexible::count")]
    pub records_number: Option<u64>,
    /// `totalRecordsNumber`: how many records there are in all.
    #[serde(rename = "totalRecordsNumber", default, deserialize_with = "crate::wire::flexible::count")]
    pub total_records_number: Option<u64>,
    /// `scrollId`: the paging cursor; empty or absent when there is no next page.
    #[serde(rename = "scrollId", default)]
    pub scroll_id: Option<String>,
    /// `lastEvaluatedKey`, when it is a string: where the security-tool exception list's next
    /// page starts, if the service says so here (undocumented; any other shape is not read).
    #[serde(rename = "lastEvaluatedKey", default, deserialize_with = "crate::wire::flexible::text_or_none")]
    pub last_evaluated_key: Option<String>,
}

impl Envelope {
    /// Whether the envelope reports success: `responseCode` absent, 0 or 2xx.
    pub fn is_success(&self) -> bool {
        is_success_code(self.response_code)
    }
}

/// Success for an envelope code: absent, 0 or 200..=299.
pub(crate) fn is_success_code(code: Option<i64>) -> bool {
    matches!(code, None | Some(0) | Some(200..=299))
}
