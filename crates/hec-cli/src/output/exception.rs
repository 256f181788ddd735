//! An anti-phishing exception (an allow-list or block-list entry) as `hec` prints it: a row of
//! `hec exception list`'s table (id, what it matches, comment, when), the whole view of
//! `hec exception get`, its JSON as sent, or its id. Every value the server sent is escaped.

use hec_proto::model::{ApException, RawJson};

use crate::output::escape::field;
use crate::output::found::Found;
use crate::output::table::Row;
use crate::output::text::{View, list, or_dash, time_to_second, yes_no};

/// What an exception matches, in the command line's own words: `sender-email=a@b.example
/// (exact), link-domain=x.example,y.example`; `-` for nothing.
pub(crate) fn criteria(exception: &ApException) -> String {
    let criteria: [(&str, Option<&str>, Option<&str>); 8] = [
        ("sender-email", exception.sender_email.as_deref(), exception.sender_email_matching.as_deref()),
        ("sender-name", exception.sender_name.as_deref(), exception.sender_name_matching.as_deref()),
        ("sender-domain", exception.sender_domain.as_deref(), exception.sender_domain_matching.as_deref()),
        ("sender-ip", exception.sender_ip.as_deref(), None),
        ("sender-client-ip", exception.sender_client_ip.as_deref(), None),
        ("recipient", exception.recipient.as_deref(), exception.recipient_matching.as_deref()),
        ("subject", exception.subject.as_deref(), exception.subject_matching.as_deref()),
        ("attachment-md5", exception.attachment_md5.as_deref(), None),
    ];
    let mut parts: Vec<String> = criteria
        .into_iter()
        .filter_map(|(name, value, mode)| Some((name, value.filter(|value| !value.is_empty())?, mode)))
        .map(|(name, value, mode)| with_mode(format!("{name}={}", field(value)), mode))
        .collect();
    if !exception.link_domains.is_empty() {
        let domains =
            exception.link_domains.iter().map(|d| field(d).into_owned()).collect::<Vec<_>>().join(",");
        parts.push(with_mode(format!("link-domain={domains}"), exception.link_domain_matching.as_deref()));
    }
    if parts.is_empty() { "-".to_owned() } else { parts.join(", ") }
}

/// `text (mode)`, or the text alone when no mode was sent.
fn with_mode(text: String, mode: Option<&str>) -> String {
    match mode.filter(|mode| !mode.is_empty()) {
        Some(mode) => format!("{text} ({})", field(mode)),
        None => text,
    }
}

/// A value and how it matches, for the view: `billing@partner.example (exact)`, or `-`.
fn matched(value: Option<&str>, mode: Option<&str>) -> String {
    match value.filter(|value| !value.is_empty()) {
        Some(value) => with_mode(field(value).into_owned(), mode),
        None => "-".to_owned(),
    }
}

/// The view of `hec exception get`:
///
/// ```text
/// exception 700000101
///   sender email      billing@partner.example (exact)
///   sender name       -
///   ...
///   updated           2024-09-25T16:41:35Z
/// ```
pub(crate) fn view(exception: &ApException) -> String {
    let id = or_dash(exception.id.as_ref().map(|id| id.as_str()));
    let mut view = View::new(&format!("exception {id}"), 17);
    let e = exception;
    view.field("sender email", &matched(e.sender_email.as_deref(), e.sender_email_matching.as_deref()));
    view.field("sender name", &matched(e.sender_name.as_deref(), e.sender_name_matching.as_deref()));
    view.field("sender domain", &matched(e.sender_domain.as_deref(), e.sender_domain_matching.as_deref()));
    view.field("sender ip", &or_dash(e.sender_ip.as_deref()));
    view.field("sender client ip", &or_dash(e.sender_client_ip.as_deref()));
    view.field("recipient", &matched(e.recipient.as_deref(), e.recipient_matching.as_deref()));
    view.field("subject", &matched(e.subject.as_deref(), e.subject_matching.as_deref()));
    let domains = list(e.link_domains.iter().map(String::as_str));
    let domains = if e.link_domains.is_empty() {
        domains
    } else {
        with_mode(domains, e.link_domain_matching.as_deref())
    };
    view.field("link domains", &domains);
    view.field("attachment md5", &or_dash(e.attachment_md5.as_deref()));
    view.field("action needed", &or_dash(e.action_needed.as_deref()));
    view.field("ignore spf", yes_no(e.ignoring_spf_check));
    view.field("only future", yes_no(e.match_only_future));
    view.field("quarantine all", yes_no(e.quarantine_all));
    view.field("comment", &or_dash(e.comment.as_deref()));
    view.field("added by", &or_dash(e.added_by.as_deref()));
    view.field("edited by", &or_dash(e.edited_by.as_deref()));
    view.field("updated", &time_to_second(e.updated.as_ref()));
    view.into_text()
}

impl Row for ApException {
    const HEADER: &'static [&'static str] = &["ID", "MATCHES", "COMMENT", "UPDATED"];

    fn cells(&self) -> Vec<String> {
        vec![
            or_dash(self.id.as_ref().map(|id| id.as_str())).into_owned(),
            criteria(self),
            or_dash(self.comment.as_deref()).into_owned(),
            time_to_second(self.updated.as_ref()),
        ]
    }

    fn id(&self) -> Option<String> {
        self.id.as_ref().map(|id| field(id.as_str()).into_owned())
    }

    fn raw(&self) -> &RawJson {
        ApException::raw(self)
    }
}

impl Found for ApException {
    fn id(&self) -> Option<String> {
        Row::id(self)
    }

    fn raw(&self) -> &RawJson {
        ApException::raw(self)
    }

    fn line(&self) -> String {
        self.cells().join("\t")
    }

    fn view(&self) -> String {
        view(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exception(json: &str) -> ApException {
        serde_json::from_str(json).expect("an exception")
    }

    const LIVE: &str = r#"{"actionNeeded": null, "addedBy": "soc-admin@acme.example", "attachmentMd5": null,
        "comment": "From Dashboard", "editedBy": null, "entityId": "700000101", "ignoringSpfCheck": false,
        "linkDomainMatching": null, "linkDomains": false, "recipient": null, "recipientMatching": null,
        "senderClientIp": null, "senderDomain": null, "senderDomainMatching": null,
        "senderEmail": "billing@partner.example", "senderEmailMatching": "exact", "senderIp": null,
        "senderName": null, "senderNameMatching": null, "subject": null, "subjectMatching": null,
        "updateTime": "Wed, 25 Sep 2024 16:41:35 GMT"}"#;

    #[test]
    fn a_row_says_what_the_exception_matches_in_the_flags_words() {
        assert_eq!(
            exception(LIVE).cells(),
            [
                "700000101",
                "sender-email=billing@partner.example (exact)",
                "From Dashboard",
                "2024-09-25T16:41:35Z"
            ]
        );
        let many = exception(
            r#"{"entityId": 7, "senderDomain": "evil.example", "senderDomainMatching": "ends_with",
            "subject": "Pay\u001b[2J", "linkDomains": ["a.example", "b.example"], "linkDomainMatching": "contains",
            "senderIp": "203.0.113.7", "attachmentMd5": ""}"#,
        );
        assert_eq!(
            criteria(&many),
            "sender-domain=evil.example (ends_with), sender-ip=203.0.113.7, subject=Pay\\u{1b}[2J, \
             link-domain=a.example,b.example (contains)"
        );
        assert_eq!(exception("{}").cells(), ["-", "-", "-", "-"]);
    }

    #[test]
    fn the_view_shows_every_field() {
        assert_eq!(
            view(&exception(LIVE)),
            "exception 700000101\n\
             \x20 sender email      billing@partner.example (exact)\n\
             \x20 sender name       -\n\
             \x20 sender domain     -\n\
             \x20 sender ip         -\n\
             \x20 sender client ip  -\n\
             \x20 recipient         -\n\
             \x20 subject           -\n\
             \x20 link domains      -\n\
             \x20 attachment md5    -\n\
             \x20 action needed     -\n\
             \x20 ignore spf        no\n\
             \x20 only future       -\n\
             \x20 quarantine all    -\n\
             \x20 comment           From Dashboard\n\
             \x20 added by          soc-admin@acme.example\n\
             \x20 edited by         -\n\
             \x20 updated           2024-09-25T16:41:35Z\n"
        );
    }
}
