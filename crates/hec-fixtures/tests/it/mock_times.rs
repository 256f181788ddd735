//! Times in every date field the demo tenant reads, with or without an offset (a time without
//! one is UTC, as Check Point's XSOAR client sends them): search windows, event-query windows and
//! the `restoreRequestTime` filter.

use std::time::Duration;

use crate::support::{ago, all_pages, entity_ids, event_ids, hours, token};
use hec_fixtures::mock::{MockGateway, demo};
use serde_json::{Value, json};

/// `ago` before now in each form the clients send: `Z`, `+00:00`, naive, naive with
/// microseconds, naive with a space.
fn forms(before: Duration) -> [String; 5] {
    let at = jiff::Timestamp::now() - jiff::SignedDuration::try_from(before).expect("a short duration");
    [
        at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        at.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        at.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        at.strftime("%Y-%m-%dT%H:%M:%S%.6f").to_string(),
        at.strftime("%Y-%m-%d %H:%M:%S").to_string(),
    ]
}

fn search(mock: &MockGateway, token: &str, request_data: Value) -> Vec<String> {
    all_pages(mock, token, "/search/query", request_data)
        .iter()
        .flat_map(|(items, _)| entity_ids(items))
        .collect()
}

#[test]
fn a_search_window_reads_every_form_of_time_alike() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let (starts, ends) = (forms(hours(8)), forms(hours(2)));
    for (start, end) in starts.iter().zip(&ends) {
        let found = search(
            &mock,
            &token,
            json!({"entityFilter": {"saas": "office365_emails", "startDate": start, "endDate": end}}),
        );
        // Received 2 h, 3 h, 5 h and 7 h ago: the newsletter, the campaign's second, the invoice
        // and the campaign's third.
        assert_eq!(
            found,
            [
                "29b5f14f533fe195cb27da76bb1fff5b",
                demo::CAMPAIGN_ENTITY_IDS[1],
                "14b2bd700d6a555e4c6a86b54fabd04a",
                demo::CAMPAIGN_ENTITY_IDS[2]
            ],
            "{start} .. {end}"
        );
    }
}

#[test]
fn an_event_query_reads_every_form_of_time_and_a_null_end() {
    let mock = MockGateway::start();
    let token = token(&mock);
    for start in forms(hours(20)) {
        let query = json!({"startDate": start, "endDate": null, "saas": ["office365_emails", "google_mail"]});
        let found: Vec<String> = all_pages(&mock, &token, "/event/query", query)
            .iter()
            .flat_map(|(items, _)| event_ids(items))
            .collect();
        assert_eq!(found, demo::event_ids()[..4], "{start}");
    }
}

#[test]
fn the_restore_request_time_filter_compares_times_of_every_form() {
    let mock = MockGateway::start();
    let token = token(&mock);
    // The two restore requests were made 20 minutes after their mail arrived: 14 h and 33 h ago.
    for (since, expected) in [
        (hours(20), vec!["52cb13f84a7b17a4f0c6842f442681d2"]),
        (hours(40), vec!["52cb13f84a7b17a4f0c6842f442681d2", demo::CAMPAIGN_ENTITY_IDS[4]]),
    ] {
        for after in forms(since) {
            let query = json!({
                "entityFilter": {"saas": "office365_emails", "startDate": ago(hours(15 * 24))},
                "entityExtendedFilter": [
                    {"saasAttrName": "entityPayload.isRestoreRequested", "saasAttrOp": "is", "saasAttrValue": "true"},
                    {"saasAttrName": "entityPayload.restoreRequestTime", "saasAttrOp": "greaterThan", "saasAttrValue": after},
                ],
            });
            assert_eq!(search(&mock, &token, query), expected, "{after}");
        }
    }
}
