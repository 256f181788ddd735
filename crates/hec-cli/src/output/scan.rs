//! An e-mail's scan results as `hec entity scan` prints them: one line per security tool (its
//! key, verdict, highest score and reasons; tab-separated, every server text escaped), the
//! `entitySecurityResult` exactly as sent, or the tools' keys.
//!
//! A tool is flagged when its combined verdict is a finding: not missing, not clean, and not one
//! of the verdicts that only inform ([`NOT_FINDINGS`]); without `--all` only flagged tools are
//! named. Check Point's own XSOAR command names every tool that is neither clean nor missing;
//! hec also leaves out click-time protection's `no_links_replaced`, which says only that the
//! mail had no link to rewrite.

use std::collections::BTreeSet;

use hec_proto::model::{ScanRecord, ScanResults};

use crate::output::escape::field;
use crate::output::json;
use crate::output::report::Report;

/// One tool as a line shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ToolLine<'a> {
    /// The tool's key: `ap`, `av`, `dlp`, `clicktimeProtection`, `shadowIt`, or another.
    pub(crate) tool: &'a str,
    /// Its combined verdict, if it gave one.
    pub(crate) verdict: Option<&'a str>,
    /// The highest score of its records, as sent.
    pub(crate) score: Option<&'a str>,
    /// Its reasons, each once, in order.
    pub(crate) reasons: Vec<String>,
}

/// The verdicts that are no finding, in any case: `clean`, and click-time protection's
/// `no_links_replaced` (the mail had no link to rewrite). The verdicts docs/HEC-API.md (part 2,
/// section 5) lists as seen are these two, `phishing`, `malicious` and `malicious_url`; any
/// other, unknown one is shown, as a finding.
pub(crate) const NOT_FINDINGS: [&str; 2] = ["clean", "no_links_replaced"];

impl ToolLine<'_> {
    /// Whether the tool's verdict is a finding: not missing, and not one of [`NOT_FINDINGS`].
    pub(crate) fn is_flagged(&self) -> bool {
        self.verdict.is_some_and(|verdict| !NOT_FINDINGS.iter().any(|not| verdict.eq_ignore_ascii_case(not)))
    }
}

/// Every tool of `scan`: those with records (or `null`) in the order sent, then those named only
/// in `combinedVerdict`.
pub(crate) fn tools(scan: &ScanResults) -> Vec<ToolLine<'_>> {
    let mut lines: Vec<ToolLine<'_>> = scan
        .tools
        .iter()
        .map(|tool| {
            let key = tool.tool.as_str();
            ToolLine {
                tool: key,
                verdict: scan.verdict(key),
                score: highest_score(&tool.records),
                reasons: reasons(&tool.records),
            }
        })
        .collect();
    for (tool, verdict) in &scan.combined_verdicts {
        if !lines.iter().any(|line| line.tool == tool.as_str()) {
            lines.push(ToolLine { tool, verdict: verdict.as_deref(), score: None, reasons: Vec::new() });
        }
    }
    lines
}

/// The score text of the record with the highest score (the first one if none is a number).
fn highest_score(records: &[ScanRecord]) -> Option<&str> {
    let mut best: Option<(&str, Option<f64>)> = None;
    for score in records.iter().filter_map(|record| record.score.as_ref()) {
        let value = score.value();
        let better = match best {
            None => true,
            Some((_, best_value)) => value.is_some_and(|value| best_value.is_none_or(|best| value > best)),
        };
        if better {
            best = Some((score.text(), value));
        }
    }
    best.map(|(text, _)| text)
}

/// The reasons the records give, each once: the anti-phishing `reasons`, then each category's
/// reasons not already named (`Category: short text`), then the texts of the payloads'
/// `scan_details` (anti-malware, DLP), then the records' `statusDescription`.
fn reasons(records: &[ScanRecord]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut reasons = Vec::new();
    let mut add = |reason: String, text: &str| {
        if !text.is_empty() && seen.insert(text.to_owned()) {
            reasons.push(reason);
        }
    };
    for record in records {
        for reason in &record.reasons {
            add(reason.clone(), reason);
        }
        for (category, listed) in &record.reasons_by_category {
            for reason in listed {
                if let Some(text) = reason.short_text.as_deref().or(reason.full_text.as_deref()) {
                    add(format!("{category}: {text}"), text);
                }
            }
        }
    }
    for record in records {
        for detail in scan_details(record) {
            add(detail.clone(), &detail);
        }
    }
    for record in records {
        if let Some(description) = &record.status_description {
            add(description.clone(), description);
        }
    }
    reasons
}

/// The texts of a record's `payload.scan_details` (the strings of the list, if it is one).
fn scan_details(record: &ScanRecord) -> Vec<String> {
    let Some(payload) = &record.payload else { return Vec::new() };
    let Ok(payload) = serde_json::from_str::<serde_json::Value>(payload.get()) else { return Vec::new() };
    payload
        .get("scan_details")
        .and_then(serde_json::Value::as_array)
        .map(|details| details.iter().filter_map(serde_json::Value::as_str).map(str::to_owned).collect())
        .unwrap_or_default()
}

/// A tool's line: key, verdict, score and reasons (joined by `; `), tab-separated, `-` for what
/// is missing, every server text escaped.
pub(crate) fn line(tool: &ToolLine<'_>) -> String {
    let reasons = if tool.reasons.is_empty() {
        "-".to_owned()
    } else {
        tool.reasons.iter().map(|reason| field(reason).into_owned()).collect::<Vec<_>>().join("; ")
    };
    format!(
        "{}\t{}\t{}\t{}",
        field(tool.tool),
        field(tool.verdict.unwrap_or("-")),
        field(tool.score.unwrap_or("-")),
        reasons
    )
}

/// Prints `scan` in the chosen output: the tools' lines (flagged ones only, unless `all`), its
/// JSON exactly as sent, or the tools' keys (one per line, the same tools as the text). Says on
/// stderr when no tool is printed in text mode.
pub(crate) fn print(scan: &ScanResults, all: bool, entity: &str, report: Report) {
    if report.json() {
        report.print(&json::raw_line(scan.raw()));
        return;
    }
    let shown: Vec<ToolLine<'_>> = tools(scan).into_iter().filter(|tool| all || tool.is_flagged()).collect();
    if shown.is_empty() {
        if !report.ids() {
            report
                .notice(&format!("note: no security tool flagged entity {entity} (--all shows every tool)"));
        }
        return;
    }
    let text: String = shown
        .iter()
        .map(
            |tool| if report.ids() { format!("{}\n", field(tool.tool)) } else { format!("{}\n", line(tool)) },
        )
        .collect();
    report.print(&text);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan results of an entity sent as `json` (its `entitySecurityResult`).
    fn scan(json: &str) -> ScanResults {
        let body = format!(
            r#"{{"responseEnvelope":{{"responseCode":200}},"responseData":[{{"entitySecurityResult":{json}}}]}}"#
        );
        crate::test_support::entity_from_answer(&body)
            .scan_results()
            .expect("scan results that parse")
            .expect("scan results")
    }

    /// The shape of the service's own sample (docs/HEC-API.md part 2, section 5), with made-up
    /// ids and a hostile reason.
    const SAMPLE: &str = r#"{
        "combinedVerdict": {"ap": "clean", "dlp": null, "clicktimeProtection": null, "shadowIt": "clean", "av": "malicious"},
        "ap": [{"entityId": "0f3c", "entityType": "office365_emails_email", "score": "22.119542",
                "statusCode": "0", "statusDescription": null, "verdict": "clean",
                "payload": {"reasons": ["First Time Sender"],
                            "reasons_by_category": {"Email Headers": [{"short_text": "Missing DMARC", "full_text": "long"}],
                                                    "Sender Reputation": [{"short_text": "Low-traffic\u001b[2J domain"}]}}}],
        "dlp": null,
        "clicktimeProtection": null,
        "shadowIt": [{"entityId": "0f3c", "score": "0", "statusCode": "clean", "statusDescription": "Clean", "verdict": "clean",
                      "payload": {"from": "a@evil.example", "subject": "s", "domain": ""}}],
        "av": [{"entityId": "a1", "entityType": "office365_emails_attachment", "score": "100", "statusCode": "0",
                "statusDescription": "Dummy Core Detection", "verdict": "malicious", "payload": {"scan_details": ["Dummy Core Detection"]}},
               {"entityId": "a2", "entityType": "office365_emails_attachment", "score": "97.5", "statusCode": "0",
                "statusDescription": "Other Detection", "verdict": "malicious", "payload": {"scan_details": []}}]
    }"#;

    fn lines(json: &str, all: bool) -> Vec<String> {
        tools(&scan(json)).iter().filter(|tool| all || tool.is_flagged()).map(line).collect()
    }

    #[test]
    fn only_the_flagged_tools_are_named() {
        assert_eq!(lines(SAMPLE, false), ["av\tmalicious\t100\tDummy Core Detection; Other Detection"]);
    }

    #[test]
    fn all_names_every_tool_in_the_order_sent_with_its_reasons_escaped() {
        assert_eq!(
            lines(SAMPLE, true),
            [
                "ap\tclean\t22.119542\tFirst Time Sender; Email Headers: Missing DMARC; \
                 Sender Reputation: Low-traffic\\u{1b}[2J domain",
                "dlp\t-\t-\t-",
                "clicktimeProtection\t-\t-\t-",
                "shadowIt\tclean\t0\tClean",
                "av\tmalicious\t100\tDummy Core Detection; Other Detection",
            ]
        );
    }

    #[test]
    fn a_tool_named_only_in_the_combined_verdict_and_an_unknown_tool_are_kept() {
        let json = r#"{"combinedVerdict": {"ap": "phishing", "zeroDay": "suspicious"},
            "newTool": [{"verdict": "malicious", "score": 7, "statusDescription": "odd\nline"}]}"#;
        assert_eq!(
            lines(json, true),
            ["newTool\t-\t7\todd\\nline", "ap\tphishing\t-\t-", "zeroDay\tsuspicious\t-\t-"]
        );
        assert_eq!(lines(json, false), ["ap\tphishing\t-\t-", "zeroDay\tsuspicious\t-\t-"]);
    }

    #[test]
    fn the_highest_score_wins_and_a_score_that_is_no_number_only_when_alone() {
        let json = r#"{"combinedVerdict": {"av": "malicious"},
            "av": [{"score": "n/a"}, {"score": "12.5"}, {"score": "99"}, {"score": "3"}]}"#;
        assert_eq!(lines(json, false), ["av\tmalicious\t99\t-"]);
        let json = r#"{"combinedVerdict": {"av": "malicious"}, "av": [{"score": "n/a"}]}"#;
        assert_eq!(lines(json, false), ["av\tmalicious\tn/a\t-"]);
    }

    #[test]
    fn a_reason_named_twice_is_shown_once() {
        let json = r#"{"combinedVerdict": {"ap": "phishing"},
            "ap": [{"score": "90", "statusDescription": "Lookalike domain",
                    "payload": {"reasons": ["Lookalike domain"],
                                "reasons_by_category": {"links": [{"short_text": "Lookalike domain"}, {"short_text": "Hidden link"}],
                                                        "sender": [{"full_text": "First time sender"}]}}},
                   {"score": "80", "payload": {"reasons": ["Hidden link", "Lookalike domain"]}}]}"#;
        assert_eq!(
            lines(json, false),
            ["ap\tphishing\t90\tLookalike domain; links: Hidden link; sender: First time sender"]
        );
    }

    #[test]
    fn the_texts_of_scan_details_are_reasons() {
        let json = r#"{"combinedVerdict": {"av": "malicious"},
            "av": [{"score": "100", "payload": {"scan_details": ["Trojan.Win32.Generic", 7, "Executable\u001b disguised"]}},
                   {"score": "100", "payload": {"scan_details": "not a list"}}]}"#;
        assert_eq!(
            lines(json, false),
            ["av\tmalicious\t100\tTrojan.Win32.Generic; Executable\\u{1b} disguised"]
        );
    }

    #[test]
    fn a_verdict_in_any_case_of_clean_is_clean() {
        assert_eq!(
            lines(r#"{"combinedVerdict": {"ap": "Clean", "dlp": "CLEAN"}}"#, false),
            Vec::<String>::new()
        );
    }

    #[test]
    fn no_links_replaced_is_no_finding_but_malicious_url_and_an_unknown_verdict_are() {
        let json = r#"{"combinedVerdict": {"clicktimeProtection": "no_links_replaced", "ap": "No_Links_Replaced",
            "av": "malicious_url", "dlp": "something_new"}}"#;
        assert_eq!(lines(json, false), ["av\tmalicious_url\t-\t-", "dlp\tsomething_new\t-\t-"]);
        assert_eq!(lines(json, true).len(), 4);
    }
}
