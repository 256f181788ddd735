//! The search's `entityDetectionResolutionFilter`: what Check Point's and Microsoft's engines
//! detected in a mail, and who quarantined it (docs/HEC-API.md part 2, section 9).
//!
//! - `cpDetection` (a list; one is enough): the mail's Check Point detections, read from its
//!   combined verdicts: `cp_phishing` (anti-phishing `phishing`), `cp_ap_suspicious`
//!   (`suspected_phishing`), `cp_spam`, `cp_malicious` (anti-malware `malicious`),
//!   `cp_av_suspicious` (`suspicious`), `cp_leak` (DLP not clean), `cp_malicious_url`
//!   (click-time `malicious_url`), `cp_malicious_url_click` (`malicious_url_click`), and
//!   `cp_clean` when none of those.
//! - `msDetection` (a list): Microsoft's verdict on the demo mail, fixed per mail: `ms_phishing`
//!   for phishing, `ms_spam` for spam, `ms_malware` for malware, `ms_clean` for the rest (it
//!   misses the suspected phishing). Mail the tenant does not know is `ms_clean`.
//! - `detectionOp`: `AND` or `OR` (default `OR`), how the two lists combine when both are sent.
//! - `cpQuarantinedState` (one): `all` (quarantined by anyone), `cp_not_quarantined`,
//!   `cp_quarantined_by_cp` (quarantined when the mock started), `cp_quarantined_by_analyst`
//!   (quarantined by an `action/entity` since), `cp_quarantined_by_admin` (never, in the demo).
//! - `msQuarantinedState` (one): `ms_quarantined` (Microsoft quarantined the malware),
//!   `ms_not_quarantined`, `ms_delivered_inbox`, `ms_delivered_junk` (spam).
//! - `quarantinedStateOp`: `AND` or `OR` (default `OR`), for the two states.
//!
//! A value outside these lists is refused with the logical failure; an empty object, or empty
//! lists, filter nothing.

use std::collections::HashSet;

use serde_json::{Map, Value};

use super::data::{MAIL, Verdict};
use crate::mock::api::clip;

const CP_DETECTIONS: [&str; 9] = [
    "cp_phishing",
    "cp_ap_suspicious",
    "cp_malicious",
    "cp_av_suspicious",
    "cp_spam",
    "cp_clean",
    "cp_leak",
    "cp_malicious_url_click",
    "cp_malicious_url",
];
const MS_DETECTIONS: [&str; 7] = [
    "ms_malware",
    "ms_high_confidence_phishing",
    "ms_phishing",
    "ms_high_confidence_spam",
    "ms_spam",
    "ms_bulk",
    "ms_clean",
];
const CP_STATES: [&str; 5] = [
    "all",
    "cp_not_quarantined",
    "cp_quarantined_by_cp",
    "cp_quarantined_by_analyst",
    "cp_quarantined_by_admin",
];
const MS_STATES: [&str; 4] =
    ["ms_quarantined", "ms_not_quarantined", "ms_delivered_inbox", "ms_delivered_junk"];

/// A parsed `entityDetectionResolutionFilter`.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Detection {
    cp: Vec<String>,
    ms: Vec<String>,
    detection_and: bool,
    cp_state: Option<String>,
    ms_state: Option<String>,
    state_and: bool,
}

impl Detection {
    /// Reads `requestData.entityDetectionResolutionFilter` (missing or null: no filter).
    pub(crate) fn parse(value: Option<&Value>) -> Result<Detection, String> {
        let object = match value {
            None | Some(Value::Null) => return Ok(Detection::default()),
            Some(Value::Object(object)) => object,
            Some(_) => return Err("requestData.entityDetectionResolutionFilter must be an object".to_owned()),
        };
        Ok(Detection {
            cp: list(object, "cpDetection", &CP_DETECTIONS)?,
            ms: list(object, "msDetection", &MS_DETECTIONS)?,
            detection_and: op(object, "detectionOp")?,
            cp_state: one(object, "cpQuarantinedState", &CP_STATES)?,
            ms_state: one(object, "msQuarantinedState", &MS_STATES)?,
            state_and: op(object, "quarantinedStateOp")?,
        })
    }

    /// Whether `mail` passes; `by_analyst` holds the mail an action has quarantined.
    pub(crate) fn matches(&self, mail: &Value, by_analyst: &HashSet<String>) -> bool {
        let id = mail["entityInfo"]["entityId"].as_str().unwrap_or_default();
        let seed = MAIL.iter().find(|seed| seed.id == id).map(|seed| seed.verdict);
        let cp = (!self.cp.is_empty())
            .then(|| cp_detections(mail).iter().any(|found| self.cp.iter().any(|want| want == found)));
        let ms = (!self.ms.is_empty()).then(|| self.ms.iter().any(|want| want == ms_detection(seed)));
        let quarantined = mail["entityPayload"]["isQuarantined"] == true;
        let cp_state = self.cp_state.as_deref().map(|state| match state {
            "all" => quarantined,
            "cp_not_quarantined" => !quarantined,
            "cp_quarantined_by_analyst" => quarantined && by_analyst.contains(id),
            "cp_quarantined_by_cp" => quarantined && !by_analyst.contains(id),
            _ => false,
        });
        let ms_state = self.ms_state.as_deref().map(|state| {
            let ms = ms_state(seed);
            match state {
                "ms_not_quarantined" => ms != "ms_quarantined",
                state => state == ms,
            }
        });
        combine(cp, ms, self.detection_and) && combine(cp_state, ms_state, self.state_and)
    }
}

/// Two optional conditions: each alone, or both joined by AND or OR; none holds.
fn combine(one: Option<bool>, two: Option<bool>, and: bool) -> bool {
    match (one, two) {
        (Some(one), Some(two)) if and => one && two,
        (Some(one), Some(two)) => one || two,
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => true,
    }
}

/// The Check Point detections of a mail, from its combined verdicts.
fn cp_detections(mail: &Value) -> Vec<&'static str> {
    let combined = &mail["entitySecurityResult"]["combinedVerdict"];
    let verdict = |tool: &str| combined[tool].as_str().unwrap_or("clean");
    let mut found = Vec::new();
    match verdict("ap") {
        "phishing" => found.push("cp_phishing"),
        "suspected_phishing" => found.push("cp_ap_suspicious"),
        "spam" => found.push("cp_spam"),
        _ => {}
    }
    match verdict("av") {
        "malicious" => found.push("cp_malicious"),
        "suspicious" => found.push("cp_av_suspicious"),
        _ => {}
    }
    if !matches!(verdict("dlp"), "clean") {
        found.push("cp_leak");
    }
    match verdict("clicktimeProtection") {
        "malicious_url" => found.push("cp_malicious_url"),
        "malicious_url_click" => found.push("cp_malicious_url_click"),
        _ => {}
    }
    if found.is_empty() {
        found.push("cp_clean");
    }
    found
}

fn ms_detection(seed: Option<Verdict>) -> &'static str {
    match seed {
        Some(Verdict::Phishing) => "ms_phishing",
        Some(Verdict::Spam) => "ms_spam",
        Some(Verdict::Malware) => "ms_malware",
        _ => "ms_clean",
    }
}

fn ms_state(seed: Option<Verdict>) -> &'static str {
    match seed {
        Some(Verdict::Malware) => "ms_quarantined",
        Some(Verdict::Spam) => "ms_delivered_junk",
        _ => "ms_delivered_inbox",
    }
}

fn list(object: &Map<String, Value>, name: &str, known: &[&str]) -> Result<Vec<String>, String> {
    let items = match object.get(name) {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Array(items)) => items,
        Some(_) => return Err(format!("entityDetectionResolutionFilter.{name} must be a list")),
    };
    items.iter().map(|item| known_value(item, name, known)).collect()
}

fn one(object: &Map<String, Value>, name: &str, known: &[&str]) -> Result<Option<String>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => known_value(value, name, known).map(Some),
    }
}

fn known_value(value: &Value, name: &str, known: &[&str]) -> Result<String, String> {
    match value.as_str() {
        Some(text) if known.contains(&text) => Ok(text.to_owned()),
        Some(text) => Err(format!("unknown entityDetectionResolutionFilter.{name} value {:?}", clip(text))),
        None => Err(format!("entityDetectionResolutionFilter.{name} must hold strings")),
    }
}

/// `AND` (true) or `OR` (false, also when missing or null), in any case.
fn op(object: &Map<String, Value>, name: &str) -> Result<bool, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::String(text)) if text.eq_ignore_ascii_case("and") => Ok(true),
        Some(Value::String(text)) if text.eq_ignore_ascii_case("or") => Ok(false),
        Some(_) => Err(format!("entityDetectionResolutionFilter.{name} must be AND or OR")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn two_conditions_join_by_their_operator_and_one_alone_decides() {
        assert!(combine(Some(true), Some(false), false));
        assert!(!combine(Some(true), Some(false), true));
        assert!(combine(None, Some(true), true) && !combine(Some(false), None, false));
        assert!(combine(None, None, true));
    }

    #[test]
    fn unknown_values_and_shapes_are_refused_by_name() {
        let parse = |value: Value| Detection::parse(Some(&value)).unwrap_err();
        assert_eq!(
            parse(json!({"cpDetection": ["cp_bogus"]})),
            r#"unknown entityDetectionResolutionFilter.cpDetection value "cp_bogus""#
        );
        assert_eq!(
            parse(json!({"msDetection": "ms_spam"})),
            "entityDetectionResolutionFilter.msDetection must be a list"
        );
        assert_eq!(
            parse(json!({"detectionOp": "XOR"})),
            "entityDetectionResolutionFilter.detectionOp must be AND or OR"
        );
        assert_eq!(parse(json!([])), "requestData.entityDetectionResolutionFilter must be an object");
        assert_eq!(Detection::parse(Some(&json!({}))), Ok(Detection::default()));
    }

    #[test]
    fn a_mail_without_findings_is_cp_clean() {
        let mail =
            json!({"entitySecurityResult": {"combinedVerdict": {"ap": "clean", "dlp": "clean", "av": null}}});
        assert_eq!(cp_detections(&mail), ["cp_clean"]);
        let leak =
            json!({"entitySecurityResult": {"combinedVerdict": {"ap": "phishing", "dlp": "dlp_violation"}}});
        assert_eq!(cp_detections(&leak), ["cp_phishing", "cp_leak"]);
    }
}
