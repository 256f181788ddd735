//! `hec entity scan ID [--all]`: the request sent (one entity read), each output mode, an entity
//! without scan results, scan results of a shape hec cannot read, and server text escaped.

use hec_fixtures::mock::MockGateway;

use crate::acts_support::{ENTITY, answer, hex_id, script};
use crate::support::{Run, hec};

/// The scan results of the service's own sample (docs/HEC-API.md part 2, section 5), with
/// made-up ids and a hostile reason, as sent (whitespace and all).
const SECURITY_RESULT: &str = r#"{ "combinedVerdict": {"ap": "phishing", "dlp": null, "shadowIt": "clean", "av": "malicious"},
  "ap": [{"entityId": "e1", "entityType": "office365_emails_email", "score": "87.50", "statusCode": "0", "verdict": "phishing",
          "payload": {"reasons": ["First Time Sender"],
                      "reasons_by_category": {"Links": [{"short_text": "Lookalike\u001b]0;pwned\u0007 domain", "full_text": "x"}]}}}],
  "dlp": null,
  "shadowIt": [{"entityId": "e1", "score": "0", "statusCode": "clean", "statusDescription": "Clean", "verdict": "clean"}],
  "av": [{"entityId": "a1", "entityType": "office365_emails_attachment", "score": "100", "statusDescription": "Trojan.Dropper",
          "verdict": "malicious", "payload": {"scan_details": ["Trojan.Dropper"]}}],
  "newTool": [{"verdict": "suspicious", "score": 3}] }"#;

/// `hec entity scan ID` (with `extra`) against a mock whose entity `id` has `security_result`
/// (raw JSON; `None` for an entity without one).
fn scan(id: &str, security_result: Option<&str>, extra: &[&str]) -> (Run, MockGateway) {
    let mock = MockGateway::start();
    let result = security_result.map(|json| format!(r#","entitySecurityResult":{json}"#)).unwrap_or_default();
    let entity = format!(
        r#"[{{"entityInfo":{{"entityId":"{id}","saas":"office365_emails"}},"entityPayload":{{"subject":"Payroll"}}{result}}}]"#
    );
    script(&mock, &format!("{ENTITY}{id}"), vec![answer(&entity, None)]);
    let run = hec(&["entity", "scan", id]).args(extra).against(&mock).run();
    (run, mock)
}

#[test]
fn one_line_per_flagged_tool_with_its_verdict_score_and_reasons_escaped() {
    let id = hex_id(1);
    let (run, mock) = scan(&id, Some(SECURITY_RESULT), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout,
        "ap\tphishing\t87.50\tFirst Time Sender; Links: Lookalike\\u{1b}]0;pwned\\u{7} domain\n\
         av\tmalicious\t100\tTrojan.Dropper\n"
    );
    assert_eq!(run.stderr, "");
    let paths: Vec<String> = mock.requests_to("/app/").into_iter().map(|request| request.path).collect();
    assert_eq!(paths, [format!("{ENTITY}{id}")], "one entity read, nothing else");
}

#[test]
fn all_names_every_tool_in_the_order_sent() {
    let (run, _mock) = scan(&hex_id(1), Some(SECURITY_RESULT), &["--all"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout.lines().collect::<Vec<_>>(),
        [
            "ap\tphishing\t87.50\tFirst Time Sender; Links: Lookalike\\u{1b}]0;pwned\\u{7} domain",
            "dlp\t-\t-\t-",
            "shadowIt\tclean\t0\tClean",
            "av\tmalicious\t100\tTrojan.Dropper",
            "newTool\t-\t3\t-",
        ]
    );
}

#[test]
fn json_is_the_security_result_exactly_as_sent_on_one_line() {
    let (run, _mock) = scan(&hex_id(1), Some(SECURITY_RESULT), &["-o", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let sent: serde_json::Value = serde_json::from_str(SECURITY_RESULT).expect("valid JSON");
    assert_eq!(run.json_lines(), [sent]);
    assert!(run.stdout.starts_with(r#"{"combinedVerdict":{"ap":"phishing","dlp":null,"#), "{run:?}");
    assert!(run.stdout.contains(r#""score":"87.50""#), "the score's text is kept: {run:?}");
    assert!(run.stdout.contains(r#"Lookalike\u001b]0;pwned\u0007 domain"#), "escapes as sent: {run:?}");
    assert_eq!(run.stdout.lines().count(), 1);
}

#[test]
fn ids_are_the_keys_of_the_tools_printed() {
    let (run, _mock) = scan(&hex_id(1), Some(SECURITY_RESULT), &["-o", "ids"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, "ap\nav\n"), "{run:?}");
    let (run, _mock) = scan(&hex_id(1), Some(SECURITY_RESULT), &["-o", "ids", "--all"]);
    assert_eq!(run.stdout, "ap\ndlp\nshadowIt\nav\nnewTool\n");
}

#[test]
fn a_clean_email_prints_nothing_and_says_so_on_stderr() {
    let id = hex_id(2);
    let clean =
        r#"{"combinedVerdict": {"ap": "clean", "dlp": null}, "ap": [{"verdict": "clean", "score": "1"}]}"#;
    let (run, _mock) = scan(&id, Some(clean), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("note: no security tool flagged entity {id} (--all shows every tool)\n"));
    let (run, _mock) = scan(&id, Some(clean), &["-q"]);
    assert_eq!((run.stdout.as_str(), run.stderr.as_str()), ("", ""));
}

#[test]
fn no_links_replaced_is_no_finding_and_only_all_names_it() {
    let id = hex_id(6);
    let result = r#"{"combinedVerdict": {"ap": "clean", "clicktimeProtection": "no_links_replaced"},
        "clicktimeProtection": [{"entityId": "e1", "score": "0.0", "statusCode": "0", "verdict": "no_links_replaced"}]}"#;
    let (run, _mock) = scan(&id, Some(result), &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("note: no security tool flagged entity {id} (--all shows every tool)\n"));
    let (run, _mock) = scan(&id, Some(result), &["--all"]);
    assert_eq!(run.stdout, "clicktimeProtection\tno_links_replaced\t0.0\t-\nap\tclean\t-\t-\n", "{run:?}");
    let (run, _mock) = scan(&id, Some(result), &["-o", "ids"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
}

#[test]
fn an_email_without_scan_results_says_so() {
    let id = hex_id(3);
    let (run, _mock) = scan(&id, None, &[]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, format!("note: entity {id} has no scan results (no entitySecurityResult)\n"));
    let (run, _mock) = scan(&id, Some("null"), &["-o", "json"]);
    assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
}

#[test]
fn scan_results_of_another_shape_exit_4_naming_where() {
    let id = hex_id(4);
    let (run, _mock) = scan(&id, Some(r#"{"combinedVerdict": {"ap": 7}}"#), &[]);
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.stdout, "");
    assert!(
        run.stderr.starts_with(
            "error: malformed response at responseData[0]: entitySecurityResult.combinedVerdict.ap: invalid type"
        ),
        "{run:?}"
    );
    let (run, _mock) = scan(&id, Some(r#"{"av": [1]}"#), &["-o", "json"]);
    assert_eq!(run.code, 4, "{run:?}");
    assert_eq!(run.json_lines()[0]["error"]["kind"], "malformed");
}

#[test]
fn an_unknown_entity_exits_4_and_a_bad_id_exits_2_before_any_request() {
    let mock = MockGateway::start();
    let id = hex_id(5);
    script(&mock, &format!("{ENTITY}{id}"), vec![answer("[]", None)]);
    let run = hec(&["entity", "scan", &id]).against(&mock).run();
    assert_eq!(run.code, 4, "{run:?}");
    let run = hec(&["entity", "scan", "../scopes"]).against(&mock).run();
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(mock.requests_to("/app/").len(), 1, "only the first run sent a request");
}

#[test]
fn mock_the_campaign_is_flagged_by_anti_phishing_and_an_attachment_by_anti_malware() {
    let run = hec(&["--mock", "entity", "scan", hec_fixtures::mock::demo::CAMPAIGN_ENTITY_IDS[0]]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.starts_with("ap\tphishing\t"), "{run:?}");
    assert_eq!(run.stdout.lines().count(), 1, "clean tools and no_links_replaced unnamed: {run:?}");
    let search =
        hec(&["--mock", "entity", "search", "--since", "7d", "--detection", "cp_malicious", "-o", "ids"])
            .run();
    let malware =
        search.stdout.lines().next().unwrap_or_else(|| panic!("a malware e-mail: {search:?}")).to_owned();
    let run = hec(&["--mock", "entity", "scan", &malware]).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, "av\tmalicious\t100\tTrojan.Win32.Generic; Executable disguised as a document\n");
}
