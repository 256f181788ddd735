//! The exception families in the corpus: which family each exception endpoint belongs to, and
//! the checks of `"outcome": "exceptions"` (fixtures/README.md).

use serde::Deserialize;

use super::{Endpoint, present};

/// The family of an exception endpoint: which objects its answer holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ExceptionFamily {
    /// `exceptions/{excType}...`: anti-phishing exceptions (`hec_proto::model::ApException`).
    AntiPhishing,
    /// `sectool-exceptions/{sectool}...`: security-tool exceptions (`hec_proto::model::ToolException`).
    Tool,
    /// `sectools/anomaly/exceptions`: anomaly rules (`hec_proto::model::AnomalyException`).
    Anomaly,
    /// `.../click_time_protection/exceptions` and `.../exceptions/{listId}`: list rows
    /// (`hec_proto::model::CtpListRow`).
    ClickTimeLists,
    /// `.../click_time_protection/exceptions/items...`: list items (`hec_proto::model::CtpItem`).
    ClickTimeItems,
}

impl Endpoint {
    /// The exception family of an exception endpoint; `None` for the others.
    pub fn exception_family(self) -> Option<ExceptionFamily> {
        use Endpoint::*;
        Some(match self {
            ExceptionList | ExceptionGet | ExceptionCreate | ExceptionModify | ExceptionDelete => {
                ExceptionFamily::AntiPhishing
            }
            SectoolExceptionGet
            | SectoolExceptionList
            | SectoolExceptionCreate
            | SectoolExceptionUpdate
            | SectoolExceptionDelete
            | SectoolExceptionDeleteMany => ExceptionFamily::Tool,
            AnomalyExceptionList | AnomalyExceptionCreate | AnomalyExceptionDelete => {
                ExceptionFamily::Anomaly
            }
            CtpLists | CtpList | CtpListsDelete => ExceptionFamily::ClickTimeLists,
            CtpItems | CtpItem | CtpItemCreate | CtpItemUpdate | CtpItemDelete | CtpItemsDelete => {
                ExceptionFamily::ClickTimeItems
            }
            Task | Token | Scopes | Search | Entity | EntityAction | EventQuery | Event | EventAction
            | Notify | Misclassification | Download => {
                return None;
            }
        })
    }
}

/// Checks on the answer of an exception endpoint. `None` means "not checked"; for the
/// `Option<Option<_>>` fields, `Some(None)` (a `null` in the file) means "must be absent".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectExceptions {
    #[serde(default, deserialize_with = "present")]
    pub response_code: Option<Option<i64>>,
    #[serde(default, deserialize_with = "present")]
    pub request_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub records_number: Option<Option<u64>>,
    pub data_shape: Option<String>,
    pub count: Option<usize>,
    pub ap_exceptions: Option<Vec<ExpectApException>>,
    pub tool_exceptions: Option<Vec<ExpectToolException>>,
    pub anomaly_exceptions: Option<Vec<ExpectAnomalyException>>,
    pub ctp_rows: Option<Vec<ExpectCtpRow>>,
    pub ctp_items: Option<Vec<ExpectCtpItem>>,
}

/// Checks on one anti-phishing exception.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectApException {
    #[serde(default, deserialize_with = "present")]
    pub id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub sender_email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub sender_email_matching: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub sender_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub sender_domain: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub sender_domain_matching: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub sender_ip: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub sender_client_ip: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub recipient: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub subject: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub subject_matching: Option<Option<String>>,
    pub link_domains: Option<Vec<String>>,
    #[serde(default, deserialize_with = "present")]
    pub attachment_md5: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub action_needed: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub ignoring_spf_check: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    pub match_only_future: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    pub quarantine_all: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    pub comment: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub added_by: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub edited_by: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub updated: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub updated_raw: Option<Option<String>>,
    pub raw_keys: Option<Vec<String>>,
}

/// Checks on one security-tool exception.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectToolException {
    #[serde(default, deserialize_with = "present")]
    pub exception_str: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub comment: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub created_by_email: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub farm_customer_exception_type: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub inserted: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub inserted_raw: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub condition: Option<Option<String>>,
    pub raw_keys: Option<Vec<String>>,
}

/// Checks on one anomaly exception rule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectAnomalyException {
    #[serde(default, deserialize_with = "present")]
    pub id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub anomaly_type: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub enabled: Option<Option<bool>>,
    #[serde(default, deserialize_with = "present")]
    pub event_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub exception_rule: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub added_by: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub comments: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub customer_domain: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub expires: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub inserted: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub updated: Option<Option<String>>,
    pub raw_keys: Option<Vec<String>>,
}

/// Checks on one click-time-protection list row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectCtpRow {
    #[serde(default, deserialize_with = "present")]
    pub list_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub list_name: Option<Option<String>>,
    pub items: Option<Vec<ExpectCtpItem>>,
    pub raw_keys: Option<Vec<String>>,
}

/// Checks on one click-time-protection list item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
#[allow(missing_docs)] // Each field is the check of the same name in fixtures/README.md.
pub struct ExpectCtpItem {
    #[serde(default, deserialize_with = "present")]
    pub id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub list_id: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub list_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub created_by: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub created: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    pub created_raw: Option<Option<String>>,
    pub raw_keys: Option<Vec<String>>,
}
