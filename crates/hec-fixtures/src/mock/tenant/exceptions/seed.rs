//! The demo tenant's allow and block lists when the mock starts: a few entries in every list,
//! dated relative to the start, and the ids new entries get. Shapes follow the captures in Check
//! Point's XSOAR pack (`checkpointhec-get_ap_exceptions.json`, `-get_cp2_exception.json`,
//! `-get_anomaly_exceptions.json`, `-get_ctp_list_items.json`); every value is made up.

use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};

use crate::mock::demo::{CAMPAIGN_SENDER, SCOPE};
use crate::mock::tenant::data::seconds_z;

/// The id the first anti-phishing exception created gets; each later one the next number.
pub(crate) const FIRST_NEW_EXCEPTION_ID: u64 = 700_000_401;
/// The id the first anomaly rule created gets; each later one the next number.
pub(crate) const FIRST_NEW_ANOMALY_RULE_ID: u64 = 10_003;
/// The id the first click-time item created gets; each later one the next number.
pub(crate) const FIRST_NEW_CTP_ITEM_ID: u64 = 4_711_000_000_000_101;

/// One seeded anti-phishing exception: its list, id, age in minutes, comment, and the criteria
/// set (wire name, value).
pub(super) struct ApSeed {
    pub(super) kind: &'static str,
    pub(super) id: &'static str,
    pub(super) age_minutes: i64,
    pub(super) comment: &'static str,
    pub(super) criteria: &'static [(&'static str, &'static str)],
    pub(super) link_domains: &'static [&'static str],
}

/// Two entries in each of `whitelist` and `blacklist`, one in `spam_whitelist`.
pub(super) const AP: [ApSeed; 5] = [
    ApSeed {
        kind: "whitelist",
        id: "700000101",
        age_minutes: 30 * 24 * 60,
        comment: "Supplier billing",
        criteria: &[("senderEmail", "billing@partner.example"), ("senderEmailMatching", "exact")],
        link_domains: &[],
    },
    ApSeed {
        kind: "whitelist",
        id: "700000102",
        age_minutes: 20 * 24 * 60,
        comment: "Supplier domain",
        criteria: &[("senderDomain", "partner.example"), ("senderDomainMatching", "ends_with")],
        link_domains: &[],
    },
    ApSeed {
        kind: "blacklist",
        id: "700000201",
        age_minutes: 50,
        comment: "Payroll campaign",
        criteria: &[
            ("senderEmail", CAMPAIGN_SENDER),
            ("senderEmailMatching", "exact"),
            ("actionNeeded", "phishing"),
        ],
        link_domains: &[],
    },
    ApSeed {
        kind: "blacklist",
        id: "700000202",
        age_minutes: 45,
        comment: "Payroll campaign landing page",
        criteria: &[("linkDomainMatching", "exact")],
        link_domains: &["payroll-portal.evil.example"],
    },
    ApSeed {
        kind: "spam_whitelist",
        id: "700000301",
        age_minutes: 10 * 24 * 60,
        comment: "Wanted newsletter",
        criteria: &[("senderEmail", "newsletter@vendor.example"), ("senderEmailMatching", "exact")],
        link_domains: &[],
    },
];

/// One seeded security-tool exception: tool, type, key, comment, age in minutes, condition.
pub(super) struct ToolSeed {
    pub(super) tool: &'static str,
    pub(super) kind: &'static str,
    pub(super) key: &'static str,
    pub(super) comment: &'static str,
    pub(super) age_minutes: i64,
    pub(super) condition: Option<&'static str>,
}

const fn tool(
    tool: &'static str,
    kind: &'static str,
    key: &'static str,
    comment: &'static str,
    age: i64,
) -> ToolSeed {
    ToolSeed { tool, kind, key, comment, age_minutes: age, condition: None }
}

/// Anti-malware hashes and a file type, five blocked domains (enough to page), an allowed URL
/// with a link condition, a DLP sender.
pub(super) const TOOLS: [ToolSeed; 10] = [
    tool("checkpoint2", "hash", "9e107d9d372bb6826bd81d3542a419d6", "Signed invoice macro", 9 * 24 * 60),
    tool("checkpoint2", "hash", "e4d909c290d0fb1ca068ffaddf22cbd0", "Payroll export template", 8 * 24 * 60),
    tool("checkpoint2", "file_type", ".iso", "Build images from the CI", 7 * 24 * 60),
    tool("avanan_url", "block-domain", "payroll-portal.evil.example", "Payroll campaign", 50),
    tool("avanan_url", "block-domain", "cdn.evil.example", "Payroll campaign payloads", 49),
    tool("avanan_url", "block-domain", "tracker.evil.example", "Payroll campaign tracking", 48),
    tool("avanan_url", "block-domain", "login.evil.example", "Credential harvesting", 6 * 24 * 60),
    tool("avanan_url", "block-domain", "files.evil.example", "Malware downloads", 5 * 24 * 60),
    ToolSeed {
        condition: Some("with_link"),
        ..tool("avanan_url", "allow-url", "https://partner.example/invoices", "Supplier portal", 4 * 24 * 60)
    },
    tool("avanan_dlp", "sender_email", "reports@partner.example", "Auditor reports", 3 * 24 * 60),
];

/// The record of a tool exception, as the live service lists it.
pub(super) fn tool_record(
    tool: &str,
    kind: &str,
    key: &str,
    comment: Option<&str>,
    created_by: &str,
    at: Timestamp,
    condition: Option<&str>,
) -> Value {
    let mut record = json!({
        "comment": comment,
        "created_by_email": created_by,
        "exception_str": key,
        "farm_customer_exception_type": format!("{SCOPE}:{tool}:{kind}"),
        "insert_time": seconds_z(at),
    });
    if let Some(condition) = condition {
        record["exception_payload"] = json!({ "condition": condition });
    }
    record
}

/// The two anomaly rules: an impossible-travel exception made from an event, and an expiring one.
pub(super) fn anomaly_rules(start: Timestamp) -> Vec<Value> {
    vec![
        json!({
            "added_by": "soc-admin@acme.example", "anomaly_type": "superman_anomaly", "comments": null,
            "customer_domain": "demo-tenant", "enabled": true, "event_id": "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2f",
            "exception_rule": "Apply for all past events: Yes\nWhitelist: Ignore all geo suspicious events from **traveller@acme.example**",
            "expiration_date": null, "id": "10001",
            "insert_time": naive_micros(before(start, 2 * 24 * 60)), "update_time": naive_micros(before(start, 2 * 24 * 60)),
        }),
        json!({
            "added_by": "soc-lead@acme.example", "anomaly_type": "new_device_anomaly", "comments": "Until the audit ends",
            "customer_domain": "demo-tenant", "enabled": true, "event_id": null,
            "exception_rule": "Apply for all past events: No\nWhitelist: Ignore new devices of **auditor@partner.example**",
            "expiration_date": naive_micros(start + SignedDuration::from_hours(30 * 24)), "id": "10002",
            "insert_time": naive_micros(before(start, 24 * 60)), "update_time": naive_micros(before(start, 60)),
        }),
    ]
}

/// The three click-time items: two on the allow list, one on the block list.
pub(super) fn ctp_items(start: Timestamp) -> Vec<Value> {
    [
        ("0", "4711000000000001", "partner.example", 15 * 24 * 60),
        ("1", "4711000000000002", "payroll-portal.evil.example", 50),
        ("0", "4711000000000003", "docs.partner.example", 14 * 24 * 60),
    ]
    .into_iter()
    .map(|(list, id, name, age)| ctp_item(list, id, name, "soc-admin@acme.example", before(start, age)))
    .collect()
}

/// A click-time item, as `.../exceptions/items` lists it.
pub(super) fn ctp_item(list: &str, id: &str, name: &str, created_by: &str, at: Timestamp) -> Value {
    json!({
        "created_at": naive_micros(at), "created_by": created_by, "listid": list, "listitemid": id,
        "listitemname": name, "listname": ctp_list_name(list),
    })
}

/// The name of a click-time list: `"0"` is `whitelist`, `"1"` `blacklist`.
pub(super) fn ctp_list_name(list: &str) -> &'static str {
    if list == "0" { "whitelist" } else { "blacklist" }
}

/// `minutes` before `start`.
pub(super) fn before(start: Timestamp, minutes: i64) -> Timestamp {
    start.checked_sub(SignedDuration::from_mins(minutes)).unwrap_or(start)
}

/// RFC 1123 in GMT (`Wed, 25 Sep 2024 16:41:35 GMT`): an anti-phishing exception's `updateTime`.
pub(super) fn rfc1123(at: Timestamp) -> String {
    at.strftime("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Naive ISO with microseconds (`2024-10-08T13:15:15.283094`): anomaly and click-time times.
pub(super) fn naive_micros(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S%.6f").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_written_in_each_familys_format() {
        let at: Timestamp = "2024-09-25T16:41:35.283094Z".parse().unwrap();
        assert_eq!(rfc1123(at), "Wed, 25 Sep 2024 16:41:35 GMT");
        assert_eq!(naive_micros(at), "2024-09-25T16:41:35.283094");
        assert_eq!(
            naive_micros(Timestamp::from_second(1_767_225_600).unwrap()),
            "2026-01-01T00:00:00.000000"
        );
    }
}
