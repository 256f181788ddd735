//! `ApException`: one anti-phishing / anti-spam exception (an allow-list or block-list entry) as
//! `GET exceptions/{excType}` answers it.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::model::exception::id::ExceptionId;
use crate::model::raw::{Kept, RawJson, read_kept};
use crate::model::time::HecTime;

/// An anti-phishing exception as the service sent it: a typed view of its fields, every one
/// optional, and the object's raw JSON (serializing the exception writes it unchanged).
///
/// The id is the object's `entityId` (a string of digits; there is no `id` field). The live
/// service sends `null` for every criterion not set, `linkDomains: false` when there are no link
/// domains, and `updateTime` in RFC 1123 (`Wed, 25 Sep 2024 16:41:35 GMT`). Booleans are read
/// from `true` or `"true"` (`matchOnlyFuture` and `quarantineAll` are strings in the API
/// reference). The matching modifiers (`senderEmailMatching`...) are kept as sent: `matching`,
/// `contains`, `exact`, `ends_with` or a value this version does not know.
///
/// ```
/// use hec_proto::model::ApException;
/// let exception: ApException = serde_json::from_str(r#"{"entityId": "126802091",
///     "senderEmail": "payroll@evil.example", "senderEmailMatching": "exact", "linkDomains": false,
///     "ignoringSpfCheck": false, "quarantineAll": "true", "updateTime": "Wed, 25 Sep 2024 16:41:35 GMT"}"#)?;
/// assert_eq!(exception.id.as_ref().map(|id| id.as_str()), Some("126802091"));
/// assert_eq!(exception.sender_email.as_deref(), Some("payroll@evil.example"));
/// assert!(exception.link_domains.is_empty());
/// assert_eq!(exception.quarantine_all, Some(true));
/// assert_eq!(exception.updated.as_ref().unwrap().to_utc().unwrap().to_string(), "2024-09-25T16:41:35Z");
/// assert!(serde_json::to_string(&exception)?.contains(r#""linkDomains": false"#));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct ApException {
    /// `entityId`: the exception's id, as `exceptions/{excType}/{excId}` takes it.
    pub id: Option<ExceptionId>,
    /// `senderEmail`.
    pub sender_email: Option<String>,
    /// `senderEmailMatching`: how `senderEmail` matches (`matching`, `contains`, `exact`).
    pub sender_email_matching: Option<String>,
    /// `senderName` (the sender's display name).
    pub sender_name: Option<String>,
    /// `senderNameMatching`.
    pub sender_name_matching: Option<String>,
    /// `senderDomain`.
    pub sender_domain: Option<String>,
    /// `senderDomainMatching` (`contains`, `ends_with`, `exact`).
    pub sender_domain_matching: Option<String>,
    /// `senderIp`.
    pub sender_ip: Option<String>,
    /// `senderClientIp`.
    pub sender_client_ip: Option<String>,
    /// `recipient`.
    pub recipient: Option<String>,
    /// `recipientMatching`.
    pub recipient_matching: Option<String>,
    /// `subject`.
    pub subject: Option<String>,
    /// `subjectMatching`.
    pub subject_matching: Option<String>,
    /// `linkDomains`: empty when the service sent `false`, `null` or nothing; read from a list or
    /// a comma-separated string.
    pub link_domains: Vec<String>,
    /// `linkDomainMatching`.
    pub link_domain_matching: Option<String>,
    /// `attachmentMd5`.
    pub attachment_md5: Option<String>,
    /// `actionNeeded` (free text, e.g. `phishing`).
    pub action_needed: Option<String>,
    /// `ignoringSpfCheck`.
    pub ignoring_spf_check: Option<bool>,
    /// `matchOnlyFuture` (a string in the API reference): the exception applies only to mail
    /// received after it was made.
    pub match_only_future: Option<bool>,
    /// `quarantineAll` (a string in the API reference): a block-list entry quarantines every
    /// match.
    pub quarantine_all: Option<bool>,
    /// `comment`.
    pub comment: Option<String>,
    /// `addedBy` (an e-mail address).
    pub added_by: Option<String>,
    /// `editedBy`.
    pub edited_by: Option<String>,
    /// `updateTime`: RFC 1123 on the wire, read as any [`HecTime`].
    pub updated: Option<HecTime>,
    raw: RawJson,
}

impl ApException {
    /// The exception's JSON exactly as the service sent it.
    pub fn raw(&self) -> &RawJson {
        &self.raw
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct View {
    entity_id: Option<ExceptionId>,
    sender_email: Option<String>,
    sender_email_matching: Option<String>,
    sender_name: Option<String>,
    sender_name_matching: Option<String>,
    sender_domain: Option<String>,
    sender_domain_matching: Option<String>,
    sender_ip: Option<String>,
    sender_client_ip: Option<String>,
    recipient: Option<String>,
    recipient_matching: Option<String>,
    subject: Option<String>,
    subject_matching: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::flexible::string_list")]
    link_domains: Vec<String>,
    link_domain_matching: Option<String>,
    attachment_md5: Option<String>,
    action_needed: Option<String>,
    #[serde(default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    ignoring_spf_check: Option<bool>,
    #[serde(default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    match_only_future: Option<bool>,
    #[serde(default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    quarantine_all: Option<bool>,
    comment: Option<String>,
    added_by: Option<String>,
    edited_by: Option<String>,
    update_time: Option<HecTime>,
}

impl Kept for ApException {
    type View = View;

    fn assemble(view: View, raw: RawJson) -> Self {
        ApException {
            id: view.entity_id,
            sender_email: view.sender_email,
            sender_email_matching: view.sender_email_matching,
            sender_name: view.sender_name,
            sender_name_matching: view.sender_name_matching,
            sender_domain: view.sender_domain,
            sender_domain_matching: view.sender_domain_matching,
            sender_ip: view.sender_ip,
            sender_client_ip: view.sender_client_ip,
            recipient: view.recipient,
            recipient_matching: view.recipient_matching,
            subject: view.subject,
            subject_matching: view.subject_matching,
            link_domains: view.link_domains,
            link_domain_matching: view.link_domain_matching,
            attachment_md5: view.attachment_md5,
            action_needed: view.action_needed,
            ignoring_spf_check: view.ignoring_spf_check,
            match_only_future: view.match_only_future,
            quarantine_all: view.quarantine_all,
            comment: view.comment,
            added_by: view.added_by,
            edited_by: view.edited_by,
            updated: view.update_time,
            raw,
        }
    }
}

impl<'de> Deserialize<'de> for ApException {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        read_kept(deserializer)
    }
}

/// Writes the raw JSON as it was received.
impl Serialize for ApException {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}
