//! What each security tool found in an e-mail: the `entitySecurityResult` of an entity, per-tool
//! scan records beside the `combinedVerdict` (docs/HEC-API.md part 2, section 5).
//!
//! Each tool key (`ap`, `dlp`, `clicktimeProtection`, `shadowIt`, `av`) is `null` or a list of
//! records `{entityId, entityType, payload, score, securityResultEntityId,
//! securityResultEntityType, statusCode, statusDescription, verdict}`, with `score` and
//! `statusCode` as strings, as the vendor's captures show them. The combined verdict of a tool
//! is its worst record's verdict (`null` when it has no records), so the two always agree:
//! phishing mail carries anti-phishing reasons (and `reasons_by_category`), a malicious
//! attachment its anti-malware record (one record per attachment), DLP is clean but for the mail
//! that leaks customer data, click-time protection is `null` for mail without links.

use serde_json::{Value, json};

use super::data::{MailSeed, Verdict};

/// The scan records and combined verdict of `mail` (id, SaaS and attachments as the entity
/// shows them).
pub(crate) fn security_result(mail: &MailSeed, attachments: &[Value]) -> Value {
    let email_type = format!("{}_email", mail.saas);
    let record = |tool_type: &str, verdict: &str, score: &str, payload: Value, entity: (&str, &str)| {
        json!({
            "entityId": entity.0,
            "entityType": entity.1,
            "payload": payload,
            "score": score,
            "securityResultEntityId": result_id(mail.id, tool_type, entity.0),
            "securityResultEntityType": tool_type,
            "statusCode": "0",
            "statusDescription": null,
            "verdict": verdict,
        })
    };
    let on_mail = (mail.id, email_type.as_str());
    let (ap_verdict, ap_score) = match mail.verdict {
        Verdict::Phishing => ("phishing", "92.417306"),
        Verdict::SuspectedPhishing => ("suspected_phishing", "61.250000"),
        Verdict::Spam => ("spam", "44.019211"),
        _ => ("clean", "0.0"),
    };
    let ap = json!([record("avanan_ap_scan", ap_verdict, ap_score, reasons(mail.verdict), on_mail)]);
    let leaks = mail.verdict == Verdict::Dlp;
    let dlp_payload = if leaks {
        json!({"matches_dlp_rules": ["Customer list (PII)"], "found_text": ["customer_email", "phone"],
               "scan_details": ["CSV attachment with 1,204 e-mail addresses"], "hit_count": 1204})
    } else {
        json!({"matches_dlp_rules": [], "found_text": [], "scan_details": [], "hit_count": 0})
    };
    let dlp_verdict = if leaks { "dlp_violation" } else { "clean" };
    let dlp =
        json!([record("avanan_dlp", dlp_verdict, if leaks { "100" } else { "0.0" }, dlp_payload, on_mail)]);
    let clicktime = if mail.links.is_empty() {
        Value::Null
    } else {
        json!([record("clicktime_protection_scan", "no_links_replaced", "0.0", Value::Null, on_mail)])
    };
    let (_, domain) = mail.from.split_once('@').unwrap_or(("", mail.from));
    let shadow_it = json!([record(
        "shadow_it_emails_scan",
        "clean",
        "0.0",
        json!({"from": mail.from, "subject": mail.subject, "domain": domain}),
        on_mail,
    )]);
    let attachment_type = format!("{}_attachment", mail.saas);
    let av_records: Vec<Value> = attachments
        .iter()
        .map(|attachment| {
            let id = attachment["id"].as_str().unwrap_or_default();
            let malicious = mail.verdict == Verdict::Malware;
            let (verdict, score, details) = if malicious {
                ("malicious", "100", json!(["Trojan.Win32.Generic", "Executable disguised as a document"]))
            } else {
                ("clean", "0.0", json!([]))
            };
            record("checkpoint2", verdict, score, json!({"scan_details": details}), (id, &attachment_type))
        })
        .collect();
    let av = if av_records.is_empty() { Value::Null } else { Value::Array(av_records) };
    let combined = json!({
        "ap": worst(&ap),
        "dlp": worst(&dlp),
        "clicktimeProtection": worst(&clicktime),
        "shadowIt": worst(&shadow_it),
        "av": worst(&av),
    });
    json!({
        "combinedVerdict": combined,
        "ap": ap,
        "dlp": dlp,
        "clicktimeProtection": clicktime,
        "shadowIt": shadow_it,
        "av": av,
    })
}

/// The combined verdict of a tool's records: `null` for none, else the first that is not
/// `clean`, else `clean`.
fn worst(records: &Value) -> Value {
    let Some(records) = records.as_array() else { return Value::Null };
    let verdicts = records.iter().filter_map(|record| record["verdict"].as_str());
    let mut worst = None;
    for verdict in verdicts {
        if verdict != "clean" {
            return json!(verdict);
        }
        worst = Some(verdict);
    }
    worst.map_or(Value::Null, |verdict| json!(verdict))
}

/// The anti-phishing payload: the reasons of a verdict, flat and by category.
fn reasons(verdict: Verdict) -> Value {
    let found: &[(&str, &str, &str)] = match verdict {
        Verdict::Phishing => &[
            ("sender", "Newly registered sender domain", "The sender's domain was registered days ago"),
            (
                "links",
                "Link to a credential-harvesting page",
                "A link leads to a page that asks for a password",
            ),
            (
                "content",
                "Impersonates an internal team",
                "The display name imitates a team of the recipient's company",
            ),
        ],
        Verdict::SuspectedPhishing => &[(
            "links",
            "Link to a file-sharing look-alike",
            "A link leads to a site that imitates a file share",
        )],
        Verdict::Spam => &[("content", "Bulk marketing content", "The message is a mass mailing")],
        _ => &[],
    };
    let mut by_category = serde_json::Map::new();
    let mut categories: Vec<&str> = Vec::new();
    for (category, short, full) in found {
        if !categories.contains(category) {
            categories.push(category);
        }
        let entry = by_category.entry(*category).or_insert_with(|| json!([]));
        if let Value::Array(items) = entry {
            items.push(json!({"short_text": short, "full_text": full}));
        }
    }
    json!({
        "reasons": found.iter().map(|(_, short, _)| *short).collect::<Vec<_>>(),
        "reasons_by_category": by_category,
        "reasons_by_category_list": categories,
    })
}

/// A stable 32-hex id for one tool's result on one entity (FNV-1a of the three names).
fn result_id(mail: &str, tool: &str, entity: &str) -> String {
    let hash = |seed: u64| {
        [mail, tool, entity]
            .iter()
            .flat_map(|part| part.bytes().chain([0]))
            .fold(seed, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
    };
    format!("{:016x}{:016x}", hash(0xcbf2_9ce4_8422_2325), hash(0x8422_2325_cbf2_9ce4))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mock::demo::CAMPAIGN_ENTITY_IDS;
    use crate::mock::tenant::data::MAIL;

    fn entity(id: &str) -> Value {
        let index = MAIL.iter().position(|mail| mail.id == id).expect("a demo mail");
        MAIL[index].entity(jiff::Timestamp::UNIX_EPOCH, index)
    }

    #[test]
    fn every_combined_verdict_is_its_tools_worst_record() {
        for (index, mail) in MAIL.iter().enumerate() {
            let result = &mail.entity(jiff::Timestamp::UNIX_EPOCH, index)["entitySecurityResult"];
            for tool in ["ap", "dlp", "clicktimeProtection", "shadowIt", "av"] {
                assert_eq!(result["combinedVerdict"][tool], worst(&result[tool]), "{} {tool}", mail.id);
            }
        }
    }

    #[test]
    fn the_campaign_is_flagged_by_anti_phishing_with_its_reasons_and_dlp_is_clean() {
        let result = &entity(CAMPAIGN_ENTITY_IDS[0])["entitySecurityResult"];
        assert_eq!(result["combinedVerdict"]["ap"], "phishing");
        assert_eq!(result["combinedVerdict"]["dlp"], "clean");
        assert_eq!(result["combinedVerdict"]["av"], Value::Null);
        let ap = &result["ap"][0];
        assert_eq!(ap["securityResultEntityType"], "avanan_ap_scan");
        assert_eq!(ap["payload"]["reasons"].as_array().map(Vec::len), Some(3));
        assert_eq!(
            ap["payload"]["reasons_by_category"]["links"][0]["short_text"],
            "Link to a credential-harvesting page"
        );
        assert_eq!(ap["payload"]["reasons_by_category_list"], json!(["sender", "links", "content"]));
    }

    #[test]
    fn the_malware_attachment_has_its_own_anti_malware_record() {
        let mail = entity("52cb13f84a7b17a4f0c6842f442681d2");
        let av = &mail["entitySecurityResult"]["av"];
        assert_eq!(av.as_array().map(Vec::len), Some(1));
        assert_eq!(av[0]["entityId"], mail["entityPayload"]["attachments"][0]["id"]);
        assert_eq!(av[0]["entityType"], "office365_emails_attachment");
        assert_eq!((&av[0]["verdict"], &av[0]["score"]), (&json!("malicious"), &json!("100")));
        assert_eq!(mail["entitySecurityResult"]["combinedVerdict"]["av"], "malicious");
    }
}
