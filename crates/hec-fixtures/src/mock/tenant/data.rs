//! The tenant's fixed mail and security events, and how each becomes the live service's JSON with
//! dates relative to the moment the mock started.
//!
//! Shapes follow the captures in Check Point's XSOAR pack (`checkpointhec-search_emails.json`,
//! `checkpointhec-query_events.json`); every id, address and subject here is made up.

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};

use crate::mock::demo::{CAMPAIGN_ENTITY_IDS as CAMPAIGN, CAMPAIGN_SENDER, CUSTOMER_ID};

/// What the security tools made of a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Verdict {
    Clean,
    Phishing,
    SuspectedPhishing,
    Spam,
    Malware,
    Dlp,
}

/// One e-mail of the tenant.
#[derive(Debug)]
pub(crate) struct MailSeed {
    pub(crate) id: &'static str,
    pub(crate) saas: &'static str,
    /// Received this many minutes before the mock started.
    pub(crate) age_minutes: i64,
    pub(crate) from: &'static str,
    pub(crate) from_name: &'static str,
    pub(crate) to: &'static [&'static str],
    pub(crate) subject: &'static str,
    pub(crate) verdict: Verdict,
    pub(crate) quarantined: bool,
    /// An attachment's name and MIME type.
    pub(crate) attachment: Option<(&'static str, &'static str)>,
    pub(crate) links: &'static [&'static str],
    /// Whether a recipient has asked for the (quarantined) mail to be restored.
    pub(crate) restore_requested: bool,
}

/// One security event of the tenant.
#[derive(Debug)]
pub(crate) struct EventSeed {
    pub(crate) id: &'static str,
    pub(crate) event_type: &'static str,
    pub(crate) state: &'static str,
    pub(crate) severity: &'static str,
    /// The e-mail the event is about (an id of [`MAIL`]).
    pub(crate) entity: &'static str,
    /// Created this many minutes before the mock started.
    pub(crate) age_minutes: i64,
}

const O365: &str = "office365_emails";
const GMAIL: &str = "google_mail";
const CAMPAIGN_LINK: &[&str] = &["https://payroll-portal.evil.example/login"];

const fn mail(
    id: &'static str,
    saas: &'static str,
    age_minutes: i64,
    from: &'static str,
    from_name: &'static str,
    to: &'static [&'static str],
    subject: &'static str,
) -> MailSeed {
    MailSeed {
        id,
        saas,
        age_minutes,
        from,
        from_name,
        to,
        subject,
        verdict: Verdict::Clean,
        quarantined: false,
        attachment: None,
        links: &[],
        restore_requested: false,
    }
}

impl MailSeed {
    const fn verdict(mut self, verdict: Verdict) -> MailSeed {
        self.verdict = verdict;
        self
    }

    const fn quarantined(mut self) -> MailSeed {
        self.quarantined = true;
        self
    }

    const fn attachment(mut self, name: &'static str, mime_type: &'static str) -> MailSeed {
        self.attachment = Some((name, mime_type));
        self
    }

    const fn links(mut self, links: &'static [&'static str]) -> MailSeed {
        self.links = links;
        self
    }

    const fn restore_requested(mut self) -> MailSeed {
        self.restore_requested = true;
        self
    }
}

const fn campaign(
    id: &'static str,
    age_minutes: i64,
    to: &'static [&'static str],
    subject: &'static str,
) -> MailSeed {
    mail(id, O365, age_minutes, CAMPAIGN_SENDER, "Payroll Team", to, subject)
        .verdict(Verdict::Phishing)
        .links(CAMPAIGN_LINK)
}

const H: i64 = 60;
const D: i64 = 24 * H;

/// The 30 e-mails, newest first: 18 in `office365_emails` (the campaign among them), 12 in
/// `google_mail`. Three are quarantined: the campaign's two oldest and a malware attachment; the
/// newer of those two campaign mails and the malware mail have a restore request pending.
pub(crate) const MAIL: [MailSeed; 30] = [
    mail(
        "aad82e1f8cda818eb61386e8ade542bc",
        O365,
        25,
        "it-support@acme.example",
        "IT Support",
        &["alice@acme.example", "bob@acme.example"],
        "Scheduled maintenance on Saturday",
    ),
    mail(
        "107be0f94871d4f03db67d5a805fa154",
        GMAIL,
        40,
        "events@conference.example",
        "DevConf",
        &["grace@acme.example"],
        "Your ticket for DevConf",
    ),
    campaign(CAMPAIGN[0], 55, &["alice@acme.example"], "Payroll update: action required"),
    mail(
        "29b5f14f533fe195cb27da76bb1fff5b",
        O365,
        2 * H,
        "newsletter@vendor.example",
        "Vendor News",
        &["alice@acme.example"],
        "Your weekly product digest",
    )
    .verdict(Verdict::Spam)
    .links(&["https://vendor.example/digest"]),
    campaign(CAMPAIGN[1], 3 * H, &["bob@acme.example"], "Payroll update: confirm your bank details"),
    mail(
        "51c9750ddcf78feb4c4d07b2509a0d05",
        GMAIL,
        4 * H,
        "docs-share@files.example",
        "Shared Files",
        &["heidi@acme.example"],
        "A document was shared with you",
    )
    .verdict(Verdict::SuspectedPhishing)
    .links(&["https://files.example/s/9f2c"]),
    mail(
        "14b2bd700d6a555e4c6a86b54fabd04a",
        O365,
        5 * H,
        "invoices@supplier.example",
        "Supplier Billing",
        &["bob@acme.example"],
        "Invoice INV-20417 attached",
    )
    .attachment("INV-20417.pdf", "application/pdf"),
    mail(
        "989e21ab3a61db8c780e43474ca4bfb9",
        GMAIL,
        6 * H,
        "ivan@acme.example",
        "Ivan",
        &["grace@acme.example"],
        "Lunch on Friday?",
    ),
    campaign(CAMPAIGN[2], 7 * H, &["carol@acme.example"], "RE: Payroll update"),
    mail(
        "2f1fc7f8b599dc4873c194932ba3b4d1",
        O365,
        9 * H,
        "hr@acme.example",
        "Human Resources",
        &["carol@acme.example"],
        "Payroll schedule for next month",
    ),
    mail(
        "c401b32838845dbdb6c51a0ce2929c49",
        GMAIL,
        11 * H,
        "promo@deals.example",
        "Deals",
        &["heidi@acme.example"],
        "50% off everything today",
    )
    .verdict(Verdict::Spam)
    .links(&["https://deals.example/today"]),
    mail(
        "52cb13f84a7b17a4f0c6842f442681d2",
        O365,
        14 * H,
        "scanner@printer.example",
        "Office Scanner",
        &["dave@acme.example"],
        "Scanned document",
    )
    .verdict(Verdict::Malware)
    .quarantined()
    .attachment("scan_0042.pdf.exe", "application/x-msdownload")
    .restore_requested(),
    mail(
        "b0bcb846637db2a70dc95d4bcbc6c8a4",
        GMAIL,
        16 * H,
        "support@bank.example",
        "Bank",
        &["ivan@acme.example"],
        "Your statement is ready",
    ),
    campaign(CAMPAIGN[3], 18 * H, &["dave@acme.example"], "Payroll update - final reminder"),
    mail(
        "a394aa672eaaf2ca4e404113d700e696",
        O365,
        22 * H,
        "dave@acme.example",
        "Dave",
        &["partner@client.example"],
        "Customer list for Q3",
    )
    .verdict(Verdict::Dlp)
    .attachment("customers-q3.csv", "text/csv"),
    mail(
        "6e9625e181429e7697833c14aa943360",
        GMAIL,
        26 * H,
        "recruiter@jobs.example",
        "Recruiting",
        &["judy@acme.example"],
        "Opportunity at a fast-growing startup",
    ),
    mail(
        "9debdca0a6cc3fc91f4ed49daead4c2b",
        O365,
        28 * H,
        "calendar@acme.example",
        "Calendar",
        &["erin@acme.example"],
        "Team offsite agenda",
    ),
    mail(
        "76e3caa78e36fed019ab7080b38808a3",
        GMAIL,
        31 * H,
        "account-security@g00gle-support.example",
        "Account Security",
        &["judy@acme.example"],
        "Verify your account",
    )
    .verdict(Verdict::SuspectedPhishing)
    .links(&["https://g00gle-support.example/verify"]),
    campaign(CAMPAIGN[4], 33 * H, &["erin@acme.example"], "Payroll update for this month")
        .quarantined()
        .restore_requested(),
    campaign(CAMPAIGN[5], 40 * H, &["frank@acme.example"], "Payroll update: new portal").quarantined(),
    mail(
        "c97c346a853d9dd2aa465aefaf78f2d7",
        GMAIL,
        45 * H,
        "grace@acme.example",
        "Grace",
        &["ivan@acme.example", "judy@acme.example"],
        "Design review notes",
    ),
    mail(
        "6a9566a58dc0eeeb2f1e297da8a55b68",
        O365,
        50 * H,
        "sales@partner.example",
        "Partner Sales",
        &["frank@acme.example"],
        "Re: contract renewal",
    ),
    mail(
        "1305b1f1153e24ebe9776c65f44fdb86",
        GMAIL,
        60 * H,
        "orders@shop.example",
        "Shop",
        &["heidi@acme.example"],
        "Order confirmation #88213",
    ),
    mail(
        "9d4ea06a86e4c2e8879fae29093364d8",
        O365,
        3 * D,
        "security@acme.example",
        "Security Team",
        &["alice@acme.example", "bob@acme.example", "carol@acme.example"],
        "Reminder: phishing awareness training",
    ),
    mail(
        "ce05884125342b712ed17bff81053330",
        GMAIL,
        4 * D,
        "news@media.example",
        "Morning News",
        &["ivan@acme.example"],
        "Morning briefing",
    ),
    mail(
        "a246727c76f8688af73e3e32afa93d4f",
        O365,
        5 * D,
        "billing@cloud.example",
        "Cloud Billing",
        &["alice@acme.example"],
        "Your receipt",
    )
    .attachment("receipt.pdf", "application/pdf"),
    mail(
        "2f7e2dc33291b495aa15569811351708",
        GMAIL,
        6 * D,
        "it-support@acme.example",
        "IT Support",
        &["grace@acme.example"],
        "Password expires in 3 days",
    ),
    mail(
        "623501a91997afba221434cabdeb1122",
        O365,
        8 * D,
        "ceo@acme-corp.example",
        "Acme CEO",
        &["bob@acme.example"],
        "Urgent wire transfer",
    )
    .verdict(Verdict::Phishing),
    mail(
        "dd920c5b0094098cc9ec219486c2b8c2",
        GMAIL,
        9 * D,
        "travel@airline.example",
        "Airline",
        &["judy@acme.example"],
        "Your boarding pass",
    )
    .attachment("boarding-pass.pdf", "application/pdf"),
    mail(
        "4335c9682c34cfe9fd07ecaa3b159223",
        O365,
        12 * D,
        "noreply@shipping.example",
        "Shipping",
        &["carol@acme.example"],
        "Your parcel is on its way",
    )
    .links(&["https://shipping.example/track/5521"]),
];

/// The 7 security events, newest first, each about one e-mail of [`MAIL`]; all created within
/// the last 3 days.
pub(crate) const EVENTS: [EventSeed; 7] = [
    event("61f83c7c454956d7c0b903e2c0a96b02", "phishing", "new", "4", CAMPAIGN[0], 50),
    event("ce5d19b5605ca7789fa259ce49913c3c", "phishing", "detected", "4", CAMPAIGN[1], 3 * H - 5),
    event(
        "875a55ec610f099e14e13f9df1e7a546",
        "suspicious_phishing",
        "detected",
        "3",
        "51c9750ddcf78feb4c4d07b2509a0d05",
        4 * H - 5,
    ),
    event(
        "db94a54a2ba3c457e0a557129861d8db",
        "malware",
        "remediated",
        "5",
        "52cb13f84a7b17a4f0c6842f442681d2",
        14 * H - 5,
    ),
    event(
        "dce7b22d7ffb6a0beacfdf05e9dc8eda",
        "dlp",
        "new",
        "2",
        "a394aa672eaaf2ca4e404113d700e696",
        22 * H - 5,
    ),
    event(
        "5f05376248b2ae30d2752279984b8ef9",
        "suspicious_phishing",
        "dismissed",
        "1",
        "76e3caa78e36fed019ab7080b38808a3",
        31 * H - 5,
    ),
    event("3f4fdbe46e350f725526b0daaeea6d0a", "phishing", "remediated", "5", CAMPAIGN[5], 40 * H - 5),
];

const fn event(
    id: &'static str,
    event_type: &'static str,
    state: &'static str,
    severity: &'static str,
    entity: &'static str,
    age_minutes: i64,
) -> EventSeed {
    EventSeed { id, event_type, state, severity, entity, age_minutes }
}

/// `minutes` before `start`.
fn before(start: Timestamp, minutes: i64) -> Timestamp {
    start.checked_sub(SignedDuration::from_mins(minutes)).unwrap_or(start)
}

/// RFC 3339 in UTC with `Z`, whole seconds (`received`).
pub(crate) fn seconds_z(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// RFC 3339 in UTC with `Z` and microseconds (`entityCreated`, `entityActionDate`).
pub(crate) fn micros_z(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// RFC 3339 with `+00:00` and microseconds (`eventCreated`).
fn micros_offset(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
}

/// The address of the server that sent mail from `domain` (a documentation range, the same for
/// every mail of a domain).
fn sender_server_ip(domain: &str) -> String {
    let hash =
        domain.bytes().fold(0x811c_9dc5_u32, |hash, byte| (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193));
    format!("203.0.113.{}", 1 + hash % 250)
}

/// The action a user may take on mail in this state.
pub(crate) fn available_mail_actions(quarantined: bool) -> Value {
    json!([{ "entityActionName": if quarantined { "restore" } else { "quarantine" } }])
}

/// The actions a user may take on an event in this state.
pub(crate) fn available_event_actions(state: &str) -> Value {
    if state == "dismissed" { json!([]) } else { json!([{ "actionName": "dismiss" }]) }
}

/// The record of an action done to mail, as `entityActions` lists it.
pub(crate) fn mail_action(name: &str, state: &str, at: Timestamp) -> Value {
    json!({
        "entityActionName": name,
        "entityActionDate": micros_z(at),
        "entityActionResponseCode": null,
        "entityActionResponseText": null,
        "entityActionState": state,
    })
}

impl MailSeed {
    /// The entity as the live service sends it, received `age_minutes` before `start`.
    /// `index` only varies the sub-second part of its times.
    pub(crate) fn entity(&self, start: Timestamp, index: usize) -> Value {
        let received = before(start, self.age_minutes);
        let micros = i64::try_from(index).unwrap_or(0) * 104_729 % 1_000_000;
        let created = received
            .checked_add(SignedDuration::from_secs(6) + SignedDuration::from_micros(micros))
            .unwrap_or(received);
        let updated = created.checked_add(SignedDuration::from_secs(9)).unwrap_or(created);
        let quarantined_at = updated.checked_add(SignedDuration::from_secs(2)).unwrap_or(updated);
        let (_, from_domain) = self.from.split_once('@').unwrap_or(("", self.from));
        let internal = from_domain == "acme.example";
        let outgoing = internal && self.to.iter().any(|to| !to.ends_with("@acme.example"));
        let attachments: Vec<Value> = self
            .attachment
            .iter()
            .map(|(name, mime_type)| {
                json!({"id": format!("{}{}", self.id, &self.id[..8]), "name": name, "mimetype": mime_type,
                       "size": 20_480 + index * 731, "MD5": format!("{}{}", &self.id[16..], &self.id[..16])})
            })
            .collect();
        let security_result = super::scan::security_result(self, &attachments);
        let restore_requested_at = received.checked_add(SignedDuration::from_mins(20)).unwrap_or(received);
        let (restore_request_time, restore_commentary) = if self.restore_requested {
            (
                json!(micros_z(restore_requested_at)),
                json!("I need this message for my work, please release it"),
            )
        } else {
            (Value::Null, Value::Null)
        };
        json!({
            "entityInfo": {
                "entityId": self.id,
                "customerId": CUSTOMER_ID,
                "saas": self.saas,
                "saasEntityType": format!("{}_email", self.saas),
                "entityCreated": micros_z(created),
                "entityUpdated": micros_z(updated),
                "entityActionState": if self.quarantined { json!("quarantined") } else { Value::Null },
            },
            "entityPayload": {
                "internetMessageId": format!("<{}.{}@mail.{from_domain}>", &self.id[..12], &self.id[12..20]),
                "subject": self.subject,
                "received": seconds_z(received),
                "size": 4_096 + index * 1_337,
                "emailLinks": self.links,
                "attachmentCount": attachments.len(),
                "attachments": attachments,
                "mode": "protect",
                "recipients": self.to,
                "fromEmail": self.from,
                "fromDomain": from_domain,
                "fromName": self.from_name,
                "to": self.to,
                "cc": [],
                "bcc": [],
                "replyToEmail": null,
                "isRead": null,
                "isDeleted": false,
                "isIncoming": !outgoing,
                "isInternal": internal && !outgoing,
                "isOutgoing": outgoing,
                "isQuarantined": self.quarantined,
                "isQuarantineNotification": false,
                "isRestored": false,
                "isRestoreRequested": self.restore_requested,
                "isRestoreDeclined": false,
                "saasSpamVerdict": if self.verdict == Verdict::Spam { "1" } else { "-1" },
                "SpfResult": if self.verdict == Verdict::Phishing { "fail" } else { "pass" },
                "restoreRequestTime": restore_request_time,
                "restoreCommentary": restore_commentary,
                "senderServerIp": sender_server_ip(from_domain),
                "senderClientIp": format!("198.51.100.{}", 10 + index),
            },
            "entitySecurityResult": security_result,
            "entityActions": if self.quarantined {
                json!([mail_action("quarantine", "quarantined", quarantined_at)])
            } else {
                json!([])
            },
            "entityAvailableActions": available_mail_actions(self.quarantined),
        })
    }
}

impl EventSeed {
    /// The event as the live service sends it, created `age_minutes` before `start`.
    /// `index` only varies the sub-second part of its time.
    pub(crate) fn event(&self, start: Timestamp, index: usize) -> Value {
        let micros = i64::try_from(index).unwrap_or(0) * 271_829 % 1_000_000;
        let created =
            before(start, self.age_minutes).checked_add(SignedDuration::from_micros(micros)).unwrap_or(start);
        let mail = MAIL.iter().find(|mail| mail.id == self.entity);
        let saas = mail.map_or(O365, |mail| mail.saas);
        let what = match self.event_type {
            "phishing" => "Phishing email",
            "suspicious_phishing" => "Suspected phishing email",
            "malware" => "Malicious attachment in an email",
            "dlp" => "Sensitive data leaving in an email",
            _ => "Security event for an email",
        };
        let description = mail.map_or_else(
            || what.to_owned(),
            |mail| {
                let mailbox = mail.to.first().copied().unwrap_or_default();
                format!("{what} from {} - '{}' ({mailbox}'s mailbox)", mail.from, mail.subject)
            },
        );
        json!({
            "eventId": self.id,
            "customerId": CUSTOMER_ID,
            "saas": saas,
            "entityId": self.entity,
            "state": self.state,
            "type": self.event_type,
            "confidenceIndicator": self.event_type,
            "eventCreated": micros_offset(created),
            "severity": self.severity,
            "description": description,
            "data": null,
            "additionalData": null,
            "availableEventActions": available_event_actions(self.state),
            "actions": [],
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn every_id_is_32_lowercase_hex_and_distinct() {
        let ids: Vec<&str> =
            MAIL.iter().map(|mail| mail.id).chain(EVENTS.iter().map(|event| event.id)).collect();
        for id in &ids {
            assert!(id.len() == 32 && id.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')), "{id}");
        }
        assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 37);
    }

    #[test]
    fn mail_and_events_are_listed_newest_first() {
        assert!(MAIL.windows(2).all(|pair| pair[0].age_minutes < pair[1].age_minutes));
        assert!(EVENTS.windows(2).all(|pair| pair[0].age_minutes < pair[1].age_minutes));
    }

    #[test]
    fn every_event_is_about_a_mail_of_the_tenant_within_three_days() {
        for event in &EVENTS {
            assert!(MAIL.iter().any(|mail| mail.id == event.entity), "{}", event.id);
            assert!(event.age_minutes < 3 * D, "{}", event.id);
        }
    }

    #[test]
    fn the_campaign_is_six_recent_mails_from_one_sender_two_quarantined() {
        let campaign: Vec<&MailSeed> = MAIL.iter().filter(|mail| mail.from == CAMPAIGN_SENDER).collect();
        assert_eq!(campaign.iter().map(|mail| mail.id).collect::<Vec<_>>(), CAMPAIGN);
        assert!(campaign.iter().all(|mail| mail.saas == O365 && mail.age_minutes < 2 * D));
        assert!(campaign.iter().all(|mail| mail.subject.contains("Payroll update")));
        let quarantined: Vec<&str> =
            campaign.iter().filter(|mail| mail.quarantined).map(|mail| mail.id).collect();
        assert_eq!(quarantined, crate::mock::demo::QUARANTINED_CAMPAIGN_ENTITY_IDS);
        assert_eq!(MAIL.iter().filter(|mail| mail.subject.contains("Payroll update")).count(), 6);
    }
}
