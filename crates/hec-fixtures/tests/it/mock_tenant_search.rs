//! The demo tenant's scopes and mail search: `GET /scopes`, `POST /search/query`,
//! `GET /search/entity/{id}`.

use crate::support::{
    API, agent, ago, all_pages, api_get, api_post, assert_logical_failure, data, entity_ids, hours, read,
    token,
};
use hec_fixtures::mock::{MockGateway, demo};
use serde_json::{Value, json};

const SEARCH: &str = "/search/query";

fn tenant() -> (MockGateway, String) {
    let mock = MockGateway::start();
    let token = token(&mock);
    (mock, token)
}

/// A search's `requestData`: one SaaS, mail received from `since` ago, these extended filters.
fn query(saas: &str, since: std::time::Duration, filters: Value) -> Value {
    json!({
        "entityFilter": {"saas": saas, "saasEntity": format!("{saas}_email"), "startDate": ago(since)},
        "entityExtendedFilter": filters,
    })
}

fn filter(name: &str, op: &str, value: &str) -> Value {
    json!({"saasAttrName": name, "saasAttrOp": op, "saasAttrValue": value})
}

/// The entity ids of every page of a search.
fn found(mock: &MockGateway, token: &str, request_data: Value) -> Vec<String> {
    all_pages(mock, token, SEARCH, request_data).iter().flat_map(|(items, _)| entity_ids(items)).collect()
}

#[test]
fn scopes_answers_the_one_scope_and_echoes_the_request_id() {
    let (mock, token) = tenant();
    let request_id = uuid::Uuid::new_v4().to_string();
    let response = agent()
        .get(format!("{}{API}/scopes", mock.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-av-req-id", &request_id)
        .call()
        .unwrap();
    let reply = read(response).unwrap();
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(
        reply.json(),
        json!({
            "responseEnvelope": {"requestId": request_id, "responseCode": 200, "responseText": "",
                                 "recordsNumber": 1, "scrollId": ""},
            "responseData": ["mock-farm:demo-tenant"]
        })
    );
}

#[test]
fn from_is_the_campaign_sender_finds_exactly_the_campaign_newest_first() {
    let (mock, token) = tenant();
    let filters = json!([filter("entityPayload.fromEmail", "is", "payroll@evil.example")]);
    let ids = found(&mock, &token, query("office365_emails", hours(7 * 24), filters));
    assert_eq!(
        ids,
        [
            "980fe57cd26d5eead30865025d6b4acd",
            "9fc68ad24ef463b02db26aa09c356d94",
            "9b40a4a57a880604fb1cca5b3a257dcb",
            "16754053c5e1b6a76498af1b9d910c60",
            "9ee8089c236d4e6c28e9b5f7409598fa",
            "9a158eb713b387cb4544abdadb569b30",
        ]
    );
    assert_eq!(ids, demo::campaign_entity_ids());
    assert_eq!(demo::CAMPAIGN_SENDER, "payroll@evil.example");
}

#[test]
fn is_compares_case_sensitively() {
    let (mock, token) = tenant();
    let filters = json!([filter("entityPayload.fromEmail", "is", "Payroll@evil.example")]);
    assert_eq!(found(&mock, &token, query("office365_emails", hours(7 * 24), filters)), Vec::<String>::new());
}

#[test]
fn contains_ignores_case() {
    let (mock, token) = tenant();
    let campaign = json!([filter("entityPayload.subject", "contains", "PAYROLL UPDATE")]);
    assert_eq!(
        found(&mock, &token, query("office365_emails", hours(7 * 24), campaign)),
        demo::campaign_entity_ids()
    );
    let payroll = json!([filter("entityPayload.subject", "contains", "payroll")]);
    assert_eq!(
        found(&mock, &token, query("office365_emails", hours(7 * 24), payroll)),
        [
            "980fe57cd26d5eead30865025d6b4acd",
            "9fc68ad24ef463b02db26aa09c356d94",
            "9b40a4a57a880604fb1cca5b3a257dcb",
            "2f1fc7f8b599dc4873c194932ba3b4d1", // HR's "Payroll schedule for next month"
            "16754053c5e1b6a76498af1b9d910c60",
            "9ee8089c236d4e6c28e9b5f7409598fa",
            "9a158eb713b387cb4544abdadb569b30",
        ]
    );
}

#[test]
fn is_not_leaves_out_the_sender_and_the_window_leaves_out_older_mail() {
    let (mock, token) = tenant();
    let filters = json!([filter("entityPayload.fromEmail", "isNot", "payroll@evil.example")]);
    let ids = found(&mock, &token, query("office365_emails", hours(7 * 24), filters));
    assert_eq!(
        ids,
        [
            "aad82e1f8cda818eb61386e8ade542bc",
            "29b5f14f533fe195cb27da76bb1fff5b",
            "14b2bd700d6a555e4c6a86b54fabd04a",
            "2f1fc7f8b599dc4873c194932ba3b4d1",
            "52cb13f84a7b17a4f0c6842f442681d2",
            "a394aa672eaaf2ca4e404113d700e696",
            "9debdca0a6cc3fc91f4ed49daead4c2b",
            "6a9566a58dc0eeeb2f1e297da8a55b68",
            "9d4ea06a86e4c2e8879fae29093364d8",
            "a246727c76f8688af73e3e32afa93d4f",
        ]
    );
}

#[test]
fn is_quarantined_true_finds_the_three_quarantined_messages() {
    let (mock, token) = tenant();
    let filters = json!([filter("entityPayload.isQuarantined", "is", "true")]);
    assert_eq!(
        found(&mock, &token, query("office365_emails", hours(30 * 24), filters)),
        [
            "52cb13f84a7b17a4f0c6842f442681d2",
            "9ee8089c236d4e6c28e9b5f7409598fa",
            "9a158eb713b387cb4544abdadb569b30",
        ]
    );
    let none = json!([filter("entityPayload.isQuarantined", "is", "true")]);
    assert_eq!(found(&mock, &token, query("google_mail", hours(30 * 24), none)), Vec::<String>::new());
}

#[test]
fn start_and_end_dates_bound_the_received_time() {
    let (mock, token) = tenant();
    let window = json!({"entityFilter": {"saas": "google_mail", "startDate": ago(hours(24)), "endDate": ago(hours(5))}});
    assert_eq!(
        found(&mock, &token, window),
        [
            "989e21ab3a61db8c780e43474ca4bfb9",
            "c401b32838845dbdb6c51a0ce2929c49",
            "b0bcb846637db2a70dc95d4bcbc6c8a4"
        ]
    );
    let week = json!({"entityFilter": {"saas": "google_mail", "startDate": ago(hours(7 * 24))}});
    assert_eq!(found(&mock, &token, week).len(), 11, "all google mail but the 9-day-old one");
    let month = json!({"entityFilter": {"saas": "google_mail", "startDate": ago(hours(30 * 24))}});
    assert_eq!(found(&mock, &token, month).len(), 12);
}

#[test]
fn greater_than_and_is_empty_filter_too() {
    let (mock, token) = tenant();
    let attachments = json!([filter("entityPayload.attachmentCount", "greaterThan", "0")]);
    assert_eq!(
        found(&mock, &token, query("office365_emails", hours(30 * 24), attachments)),
        [
            "14b2bd700d6a555e4c6a86b54fabd04a",
            "52cb13f84a7b17a4f0c6842f442681d2",
            "a394aa672eaaf2ca4e404113d700e696",
            "a246727c76f8688af73e3e32afa93d4f",
        ]
    );
    let internal_without_links = json!([
        filter("entityPayload.fromEmail", "contains", "@acme.example"),
        {"saasAttrName": "entityPayload.emailLinks", "saasAttrOp": "isEmpty"},
    ]);
    assert_eq!(
        found(&mock, &token, query("google_mail", hours(30 * 24), internal_without_links)),
        [
            "989e21ab3a61db8c780e43474ca4bfb9",
            "c97c346a853d9dd2aa465aefaf78f2d7",
            "2f7e2dc33291b495aa15569811351708"
        ]
    );
}

#[test]
fn the_campaign_comes_in_a_page_of_four_then_a_last_page_with_an_empty_scroll_id() {
    let (mock, token) = tenant();
    let filters = json!([filter("entityPayload.fromEmail", "is", demo::CAMPAIGN_SENDER)]);
    let pages = all_pages(&mock, &token, SEARCH, query("office365_emails", hours(7 * 24), filters));
    assert_eq!(pages.len(), 2);
    assert_eq!(entity_ids(&pages[0].0), demo::campaign_entity_ids()[..4]);
    assert_eq!(pages[0].1.len(), 32);
    assert!(pages[0].1.bytes().all(|b| b.is_ascii_hexdigit()), "{}", pages[0].1);
    assert_eq!(entity_ids(&pages[1].0), demo::campaign_entity_ids()[4..]);
    assert_eq!(pages[1].1, "");
}

#[test]
fn every_page_says_how_many_records_the_query_has() {
    let (mock, token) = tenant();
    let filters = json!([filter("entityPayload.fromEmail", "is", demo::CAMPAIGN_SENDER)]);
    let request_data = query("office365_emails", hours(7 * 24), filters);
    let reply = api_post(&mock, &token, SEARCH, &json!({ "requestData": request_data }));
    assert_eq!(reply.json()["responseEnvelope"]["recordsNumber"], 6);
    assert_eq!(data(&reply).len(), 4);
}

#[test]
fn two_mocks_give_the_same_ids_and_cursors() {
    let (first, first_token) = tenant();
    let (second, second_token) = tenant();
    let request_data =
        json!({"entityFilter": {"saas": "office365_emails", "startDate": "2020-01-01T00:00:00Z"}});
    let one = all_pages(&first, &first_token, SEARCH, request_data.clone());
    let two = all_pages(&second, &second_token, SEARCH, request_data);
    let summary = |pages: &[(Vec<Value>, String)]| -> Vec<(Vec<String>, String)> {
        pages.iter().map(|(items, scroll_id)| (entity_ids(items), scroll_id.clone())).collect()
    };
    assert_eq!(summary(&one), summary(&two));
    assert_eq!(one.iter().map(|(items, _)| items.len()).collect::<Vec<_>>(), [4, 4, 4, 4, 2]);
}

#[test]
fn a_cursor_sent_with_another_query_is_refused() {
    let (mock, token) = tenant();
    let request_data =
        json!({"entityFilter": {"saas": "office365_emails", "startDate": "2020-01-01T00:00:00Z"}});
    let pages = all_pages(&mock, &token, SEARCH, request_data);
    let other = json!({"requestData": {"entityFilter": {"saas": "google_mail", "startDate": "2020-01-01T00:00:00Z"},
                                       "scrollId": pages[0].1}});
    assert_logical_failure(&api_post(&mock, &token, SEARCH, &other), "invalid scrollId");
}

#[test]
fn an_unknown_saas_finds_nothing() {
    let (mock, token) = tenant();
    let reply =
        api_post(&mock, &token, SEARCH, &json!({"requestData": query("box", hours(30 * 24), json!([]))}));
    assert_eq!(data(&reply), Vec::<Value>::new());
    let envelope = &reply.json()["responseEnvelope"];
    assert_eq!((envelope["recordsNumber"].clone(), envelope["scrollId"].clone()), (json!(0), json!("")));
}

#[test]
fn a_missing_start_date_is_the_live_logical_failure() {
    let (mock, token) = tenant();
    let body = json!({"requestData": {"entityFilter": {"saas": "office365_emails"}}});
    assert_logical_failure(
        &api_post(&mock, &token, SEARCH, &body),
        "requestData.entityFilter.startDate is required",
    );
}

#[test]
fn an_unknown_operator_is_a_logical_failure() {
    let (mock, token) = tenant();
    let body = json!({"requestData": query("office365_emails", hours(24), json!([filter("entityPayload.subject", "like", "x")]))});
    assert_logical_failure(&api_post(&mock, &token, SEARCH, &body), r#"unknown saasAttrOp "like""#);
}

#[test]
fn a_body_that_is_not_request_data_gets_400() {
    let (mock, token) = tenant();
    let reply = api_post(&mock, &token, SEARCH, &json!({"entityFilter": {}}));
    assert_eq!(reply.status, 400);
    assert_eq!(reply.json(), json!({"message": "Malformed request body: requestData is required"}));
}

#[test]
fn an_entity_is_answered_whole_in_a_list_of_one() {
    let (mock, token) = tenant();
    let id = demo::campaign_entity_ids()[0];
    let items = data(&api_get(&mock, &token, &format!("/search/entity/{id}")));
    assert_eq!(items.len(), 1);
    let entity = &items[0];
    assert_eq!(entity["entityInfo"]["entityId"], id);
    assert_eq!(entity["entityInfo"]["customerId"], "demo-tenant");
    assert_eq!(entity["entityInfo"]["saas"], "office365_emails");
    assert_eq!(entity["entityInfo"]["saasEntityType"], "office365_emails_email");
    assert_eq!(entity["entityPayload"]["fromEmail"], "payroll@evil.example");
    assert_eq!(entity["entityPayload"]["subject"], "Payroll update: action required");
    assert_eq!(entity["entityPayload"]["recipients"], json!(["alice@acme.example"]));
    assert_eq!(entity["entityPayload"]["isQuarantined"], false);
    assert_eq!(entity["entityPayload"]["isRestored"], false);
    assert_eq!(entity["entitySecurityResult"]["combinedVerdict"]["ap"], "phishing");
    assert_eq!(entity["entityActions"], json!([]));
    assert_eq!(entity["entityAvailableActions"], json!([{"entityActionName": "quarantine"}]));
    let received: jiff::Timestamp = entity["entityPayload"]["received"].as_str().unwrap().parse().unwrap();
    let age = jiff::Timestamp::now().duration_since(received).as_secs();
    assert!((55 * 60..55 * 60 + 10).contains(&age), "received {age} s ago");
}

#[test]
fn an_unknown_entity_is_an_empty_list_and_a_garbage_id_a_logical_failure() {
    let (mock, token) = tenant();
    let reply = api_get(&mock, &token, "/search/entity/00000000000000000000000000000000");
    assert_eq!(data(&reply), Vec::<Value>::new());
    assert_eq!(reply.json()["responseEnvelope"]["recordsNumber"], 0);
    assert_logical_failure(&api_get(&mock, &token, "/search/entity/not%20an%20id"), "invalid entity id");
}

#[test]
fn every_tenant_endpoint_needs_a_token_then_a_request_id() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let id = demo::campaign_entity_ids()[0];
    let event = demo::event_ids()[0];
    let endpoints = [
        ("GET", "/scopes".to_owned()),
        ("POST", "/search/query".to_owned()),
        ("GET", format!("/search/entity/{id}")),
        ("POST", "/action/entity".to_owned()),
        ("POST", "/event/query".to_owned()),
        ("GET", format!("/event/{event}")),
        ("POST", "/action/event".to_owned()),
    ];
    for (method, path) in endpoints {
        let url = format!("{}{API}{path}", mock.base_url());
        let send = |headers: &[(&str, &str)]| {
            let request = http::Request::builder().method(method).uri(&url);
            let request =
                headers.iter().fold(request, |request, (name, value)| request.header(*name, *value));
            read(agent().run(request.body(Vec::new()).unwrap()).unwrap()).unwrap()
        };
        let request_id = uuid::Uuid::new_v4().to_string();
        let unauthorized = send(&[("x-av-req-id", &request_id)]);
        assert_eq!(unauthorized.status, 401, "{method} {path}");
        assert_eq!(unauthorized.json(), json!({"message": "Authentication required"}), "{method} {path}");
        let bearer = format!("Bearer {token}");
        let without_id = send(&[("authorization", &bearer)]);
        assert_eq!(without_id.status, 400, "{method} {path}");
        assert_eq!(
            without_id.json(),
            json!({"message": "x-av-req-id header is required"}),
            "{method} {path}"
        );
        let bad_id = send(&[("authorization", &bearer), ("x-av-req-id", "1234")]);
        assert_eq!(bad_id.json(), json!({"message": "x-av-req-id must be a UUID"}), "{method} {path}");
    }
}

#[test]
fn a_wrong_method_gets_405_with_the_allowed_one() {
    let mock = MockGateway::start();
    let cases = [
        ("/scopes", "GET"),
        ("/search/query", "POST"),
        ("/action/entity", "POST"),
        ("/action/event", "POST"),
    ];
    for (path, allowed) in cases {
        let url = format!("{}{API}{path}", mock.base_url());
        let response = if allowed == "GET" {
            agent().post(url).send("").unwrap()
        } else {
            agent().get(url).call().unwrap()
        };
        assert_eq!(response.status(), 405, "{path}");
        assert_eq!(response.headers()["allow"], allowed, "{path}");
    }
}
