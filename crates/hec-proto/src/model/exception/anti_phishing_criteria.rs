//! What an anti-phishing exception is made of on the way in: its list (`ApExceptionType`), the
//! matching modifiers, and the body of a create (`POST exceptions/{excType}`) or a modify
//! (`PUT exceptions/{excType}/{excId}`), built so that it always holds a criterion.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::model::exception::invalid::InvalidExceptionRequest;
use crate::model::id::EntityId;

/// Which anti-phishing list an exception is on: the `{excType}` of `exceptions/{excType}`.
///
/// ```
/// use hec_proto::model::ApExceptionType;
/// assert_eq!("spam_whitelist".parse::<ApExceptionType>()?, ApExceptionType::SpamWhitelist);
/// assert_eq!(ApExceptionType::Blacklist.as_str(), "blacklist");
/// # Ok::<(), hec_proto::model::UnknownApExceptionType>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApExceptionType {
    /// `whitelist`: mail that matches is not treated as phishing.
    Whitelist,
    /// `blacklist`: mail that matches is treated as phishing.
    Blacklist,
    /// `spam_whitelist`: mail that matches is not treated as spam.
    SpamWhitelist,
}

/// A list name that is none of [`ApExceptionType`]'s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown exception type {0:?} (use whitelist, blacklist or spam_whitelist)")]
pub struct UnknownApExceptionType(pub String);

impl ApExceptionType {
    /// Every list, in the order the API reference lists them.
    pub const ALL: [ApExceptionType; 3] =
        [ApExceptionType::Whitelist, ApExceptionType::Blacklist, ApExceptionType::SpamWhitelist];

    /// The wire name.
    pub fn as_str(self) -> &'static str {
        match self {
            ApExceptionType::Whitelist => "whitelist",
            ApExceptionType::Blacklist => "blacklist",
            ApExceptionType::SpamWhitelist => "spam_whitelist",
        }
    }
}

impl fmt::Display for ApExceptionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ApExceptionType {
    type Err = UnknownApExceptionType;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ApExceptionType::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
            .ok_or_else(|| UnknownApExceptionType(text.to_owned()))
    }
}

/// How a text criterion (subject, sender e-mail, sender name, recipient, link domain) matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextMatching {
    /// `matching`.
    Matching,
    /// `contains`.
    Contains,
    /// `exact`.
    Exact,
}

impl TextMatching {
    /// The wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            TextMatching::Matching => "matching",
            TextMatching::Contains => "contains",
            TextMatching::Exact => "exact",
        }
    }
}

/// How the sender-domain criterion matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DomainMatching {
    /// `contains`.
    Contains,
    /// `ends_with`.
    EndsWith,
    /// `exact`.
    Exact,
}

impl DomainMatching {
    /// The wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            DomainMatching::Contains => "contains",
            DomainMatching::EndsWith => "ends_with",
            DomainMatching::Exact => "exact",
        }
    }
}

/// The body (`requestData`) of an anti-phishing exception's create or modify: at least one
/// criterion, the modifiers, and the notes.
///
/// Built with [`ApExceptionCriteria::builder`]; [`ApExceptionCriteriaBuilder::build`] refuses a
/// set without a criterion, which would match every message. Empty texts count as not set and
/// are not sent. On the wire, as Check Point's own integration sends it: only the fields set,
/// `linkDomains` as a list, `ignoringSpfCheck` always (`false` unless set: a modify replaces the
/// whole exception), and `matchOnlyFuture` / `quarantineAll` as the strings `"true"` /
/// `"false"` (their type in the API reference) when set.
///
/// ```
/// use hec_proto::model::{ApExceptionCriteria, DomainMatching, InvalidExceptionRequest};
/// let criteria = ApExceptionCriteria::builder()
///     .sender_domain("evil.example")
///     .sender_domain_matching(DomainMatching::EndsWith)
///     .comment("payroll campaign")
///     .quarantine_all(true)
///     .build()?;
/// assert_eq!(
///     serde_json::to_string(&criteria).unwrap(),
///     r#"{"senderDomain":"evil.example","senderDomainMatching":"ends_with","comment":"payroll campaign","ignoringSpfCheck":false,"quarantineAll":"true"}"#
/// );
/// assert_eq!(ApExceptionCriteria::builder().comment("no criterion").build(), Err(InvalidExceptionRequest::NoCriteria));
/// # Ok::<(), InvalidExceptionRequest>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApExceptionCriteria {
    fields: Fields,
}

/// Builds an [`ApExceptionCriteria`]; see there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApExceptionCriteriaBuilder {
    fields: Fields,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
struct Fields {
    #[serde(skip_serializing_if = "Option::is_none")]
    entity_id: Option<EntityId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_email_matching: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_name_matching: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_domain: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_domain_matching: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sender_client_ip: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    recipient_matching: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject_matching: Option<&'static str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    link_domains: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link_domain_matching: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attachment_md5: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    action_needed: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    comment: Option<String>,
    ignoring_spf_check: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    match_only_future: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quarantine_all: Option<&'static str>,
}

impl Fields {
    fn has_criterion(&self) -> bool {
        self.entity_id.is_some()
            || self.sender_email.is_some()
            || self.sender_name.is_some()
            || self.sender_domain.is_some()
            || self.sender_ip.is_some()
            || self.sender_client_ip.is_some()
            || self.recipient.is_some()
            || self.subject.is_some()
            || !self.link_domains.is_empty()
            || self.attachment_md5.is_some()
    }
}

/// `Some(text)` unless it is empty.
fn text(value: impl Into<String>) -> Option<String> {
    Some(value.into()).filter(|text| !text.is_empty())
}

/// A boolean as the API reference types these two: a string.
fn bool_text(value: bool) -> &'static str {
    if value { "true" } else { "false" }
}

impl ApExceptionCriteria {
    /// A builder with nothing set.
    pub fn builder() -> ApExceptionCriteriaBuilder {
        ApExceptionCriteriaBuilder::default()
    }

    /// The link domains, in the order added.
    pub fn link_domains(&self) -> &[String] {
        &self.fields.link_domains
    }
}

impl ApExceptionCriteriaBuilder {
    /// Criterion: the e-mail the exception is made from (`entityId`; Check Point's integration
    /// sends it, the API reference does not list it).
    pub fn entity_id(mut self, id: EntityId) -> Self {
        self.fields.entity_id = Some(id);
        self
    }

    /// Criterion: the sender's address (`senderEmail`).
    pub fn sender_email(mut self, address: impl Into<String>) -> Self {
        self.fields.sender_email = text(address);
        self
    }

    /// How the sender's address matches (`senderEmailMatching`).
    pub fn sender_email_matching(mut self, matching: TextMatching) -> Self {
        self.fields.sender_email_matching = Some(matching.as_str());
        self
    }

    /// Criterion: the sender's display name (`senderName`).
    pub fn sender_name(mut self, name: impl Into<String>) -> Self {
        self.fields.sender_name = text(name);
        self
    }

    /// How the sender's name matches (`senderNameMatching`).
    pub fn sender_name_matching(mut self, matching: TextMatching) -> Self {
        self.fields.sender_name_matching = Some(matching.as_str());
        self
    }

    /// Criterion: the sender's domain (`senderDomain`).
    pub fn sender_domain(mut self, domain: impl Into<String>) -> Self {
        self.fields.sender_domain = text(domain);
        self
    }

    /// How the sender's domain matches (`senderDomainMatching`).
    pub fn sender_domain_matching(mut self, matching: DomainMatching) -> Self {
        self.fields.sender_domain_matching = Some(matching.as_str());
        self
    }

    /// Criterion: the sending server's IP (`senderIp`).
    pub fn sender_ip(mut self, ip: impl Into<String>) -> Self {
        self.fields.sender_ip = text(ip);
        self
    }

    /// Criterion: the sending client's IP (`senderClientIp`).
    pub fn sender_client_ip(mut self, ip: impl Into<String>) -> Self {
        self.fields.sender_client_ip = text(ip);
        self
    }

    /// Criterion: a recipient (`recipient`).
    pub fn recipient(mut self, address: impl Into<String>) -> Self {
        self.fields.recipient = text(address);
        self
    }

    /// How the recipient matches (`recipientMatching`).
    pub fn recipient_matching(mut self, matching: TextMatching) -> Self {
        self.fields.recipient_matching = Some(matching.as_str());
        self
    }

    /// Criterion: the subject (`subject`).
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.fields.subject = text(subject);
        self
    }

    /// How the subject matches (`subjectMatching`).
    pub fn subject_matching(mut self, matching: TextMatching) -> Self {
        self.fields.subject_matching = Some(matching.as_str());
        self
    }

    /// Criterion: a domain of a link in the mail (`linkDomains`); call again for more.
    pub fn link_domain(mut self, domain: impl Into<String>) -> Self {
        self.fields.link_domains.extend(text(domain));
        self
    }

    /// How the link domains match (`linkDomainMatching`).
    pub fn link_domain_matching(mut self, matching: TextMatching) -> Self {
        self.fields.link_domain_matching = Some(matching.as_str());
        self
    }

    /// Criterion: an attachment's MD5 (`attachmentMd5`, 32 hex digits).
    pub fn attachment_md5(mut self, md5: impl Into<String>) -> Self {
        self.fields.attachment_md5 = text(md5);
        self
    }

    /// What the exception is for (`actionNeeded`, free text such as `phishing`).
    pub fn action_needed(mut self, action: impl Into<String>) -> Self {
        self.fields.action_needed = text(action);
        self
    }

    /// A note (`comment`).
    pub fn comment(mut self, comment: impl Into<String>) -> Self {
        self.fields.comment = text(comment);
        self
    }

    /// Whether SPF check failures are ignored (`ignoringSpfCheck`; `false` unless set).
    pub fn ignoring_spf_check(mut self, ignoring: bool) -> Self {
        self.fields.ignoring_spf_check = ignoring;
        self
    }

    /// Whether the exception applies only to mail that arrives after it (`matchOnlyFuture`).
    pub fn match_only_future(mut self, only_future: bool) -> Self {
        self.fields.match_only_future = Some(bool_text(only_future));
        self
    }

    /// Whether every match is quarantined (`quarantineAll`; for the block list).
    pub fn quarantine_all(mut self, quarantine: bool) -> Self {
        self.fields.quarantine_all = Some(bool_text(quarantine));
        self
    }

    /// The criteria, or [`InvalidExceptionRequest::NoCriteria`] if none is set.
    pub fn build(self) -> Result<ApExceptionCriteria, InvalidExceptionRequest> {
        if self.fields.has_criterion() {
            Ok(ApExceptionCriteria { fields: self.fields })
        } else {
            Err(InvalidExceptionRequest::NoCriteria)
        }
    }
}

/// Writes the `requestData` object.
impl Serialize for ApExceptionCriteria {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.fields.serialize(serializer)
    }
}
