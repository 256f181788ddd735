//! Each demo e-mail's per-tool scan results (`entitySecurityResult`), as `GET /search/entity/{id}`
//! shows them.

use crate::support::{api_get, data, token};
use hec_fixtures::mock::{MockGateway, demo};
use serde_json::{Value, json};

fn security_result(mock: &MockGateway, token: &str, id: &str) -> Value {
    data(&api_get(mock, token, &format!("/search/entity/{id}")))[0]["entitySecurityResult"].clone()
}

#[test]
fn the_campaign_is_flagged_by_anti_phishing_with_reasons_and_the_other_tools_agree() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let result = security_result(&mock, &token, demo::CAMPAIGN_ENTITY_IDS[0]);
    assert_eq!(
        result["combinedVerdict"],
        json!({"ap": "phishing", "dlp": "clean", "clicktimeProtection": "no_links_replaced", "shadowIt": "clean", "av": null})
    );
    let ap = &result["ap"];
    assert_eq!(ap.as_array().map(Vec::len), Some(1));
    assert_eq!(ap[0]["entityId"], demo::CAMPAIGN_ENTITY_IDS[0]);
    assert_eq!(ap[0]["entityType"], "office365_emails_email");
    assert_eq!(ap[0]["securityResultEntityType"], "avanan_ap_scan");
    assert_eq!(
        (&ap[0]["verdict"], &ap[0]["score"], &ap[0]["statusCode"]),
        (&json!("phishing"), &json!("92.417306"), &json!("0"))
    );
    assert_eq!(
        ap[0]["payload"]["reasons"],
        json!([
            "Newly registered sender domain",
            "Link to a credential-harvesting page",
            "Impersonates an internal team"
        ])
    );
    assert_eq!(
        ap[0]["payload"]["reasons_by_category"]["sender"],
        json!([{"short_text": "Newly registered sender domain", "full_text": "The sender's domain was registered days ago"}])
    );
    let dlp = &result["dlp"][0];
    assert_eq!((&dlp["verdict"], &dlp["securityResultEntityType"]), (&json!("clean"), &json!("avanan_dlp")));
    assert_eq!(
        dlp["payload"],
        json!({"matches_dlp_rules": [], "found_text": [], "scan_details": [], "hit_count": 0})
    );
    assert_eq!(result["clicktimeProtection"][0]["securityResultEntityType"], "clicktime_protection_scan");
    assert_eq!(result["shadowIt"][0]["payload"]["domain"], "evil.example");
    assert_eq!(result["av"], Value::Null);
}

#[test]
fn the_malware_attachment_has_an_anti_malware_record_of_its_own() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let mail = &data(&api_get(&mock, &token, "/search/entity/52cb13f84a7b17a4f0c6842f442681d2"))[0];
    let result = &mail["entitySecurityResult"];
    assert_eq!(result["combinedVerdict"]["av"], "malicious");
    assert_eq!(result["combinedVerdict"]["ap"], "clean");
    let av = result["av"].as_array().expect("anti-malware records");
    assert_eq!(av.len(), 1, "one record per attachment");
    assert_eq!(av[0]["entityId"], mail["entityPayload"]["attachments"][0]["id"]);
    assert_eq!(av[0]["entityType"], "office365_emails_attachment");
    assert_eq!(av[0]["securityResultEntityType"], "checkpoint2");
    assert_eq!(
        av[0]["payload"]["scan_details"],
        json!(["Trojan.Win32.Generic", "Executable disguised as a document"])
    );
    // A clean attachment has a clean record; mail without attachments none; without links, no
    // click-time result.
    let invoice = security_result(&mock, &token, "14b2bd700d6a555e4c6a86b54fabd04a");
    assert_eq!(invoice["av"][0]["verdict"], "clean");
    assert_eq!(
        (&invoice["combinedVerdict"]["av"], &invoice["clicktimeProtection"]),
        (&json!("clean"), &Value::Null)
    );
}

#[test]
fn the_leaking_mail_is_the_one_dlp_finding() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let flagged: Vec<&str> = demo::entity_ids()
        .into_iter()
        .filter(|id| security_result(&mock, &token, id)["combinedVerdict"]["dlp"] != "clean")
        .collect();
    assert_eq!(flagged, ["a394aa672eaaf2ca4e404113d700e696"]);
    let dlp = &security_result(&mock, &token, flagged[0])["dlp"][0];
    assert_eq!((&dlp["verdict"], &dlp["payload"]["hit_count"]), (&json!("dlp_violation"), &json!(1204)));
}
