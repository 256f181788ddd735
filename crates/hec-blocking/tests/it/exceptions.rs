//! The allow and block lists through the blocking client, against the mock's demo tenant (which
//! serves every exception family statefully): each method's request, what it reads back, the
//! tool list's paging by `lastEvaluatedKey` (a GET with a body), and the write rule: a write
//! that may have run is never sent again, while a read is retried.

use hec_blocking::{Client, Error, ResponseErrorKind};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
use hec_proto::model::{
    AnomalyExceptionDelete, ApExceptionCriteria, ApExceptionType, CtpItemBody, CtpItemsDelete, CtpListId,
    LinkCondition, NewAnomalyException, NewToolException, SecTool, SortDir, TextMatching,
    ToolExceptionBulkDelete, ToolExceptionDelete, ToolExceptionKey, ToolExceptionQuery, ToolExceptionType,
    ToolExceptionUpdate,
};
use serde_json::{Value, json};

const API: &str = "/app/hec-api/v1.0";

fn client(mock: &MockGateway) -> Client {
    Client::from_config(test_config(mock)).expect("a client")
}

/// The method and JSON body (`Null` for none) of each request sent to exactly `path`.
fn sent(mock: &MockGateway, path: &str) -> Vec<(String, Value)> {
    let path = format!("{API}{path}");
    mock.requests_to(&path)
        .into_iter()
        .filter(|request| request.path == path)
        .map(|request| {
            let body = if request.body.is_empty() {
                Value::Null
            } else {
                serde_json::from_slice(&request.body).unwrap()
            };
            (request.method.to_string(), body)
        })
        .collect()
}

fn key(text: &str) -> ToolExceptionKey {
    ToolExceptionKey::new(text).unwrap()
}

fn ap_ids(exceptions: &[hec_proto::model::ApException]) -> Vec<String> {
    exceptions.iter().map(|e| e.id.as_ref().expect("an id").to_string()).collect()
}

#[test]
fn an_anti_phishing_exception_is_created_found_modified_and_deleted() {
    let mock = MockGateway::start();
    let client = client(&mock);
    assert_eq!(
        ap_ids(&client.list_ap_exceptions(ApExceptionType::Whitelist).unwrap()),
        ["700000101", "700000102"]
    );
    let criteria = ApExceptionCriteria::builder()
        .sender_email("billing@vendor.example")
        .sender_email_matching(TextMatching::Exact)
        .comment("new supplier")
        .build()
        .unwrap();
    let written = client.create_ap_exception(ApExceptionType::Whitelist, &criteria).unwrap();
    assert_eq!((written.response_code(), written.is_documented_code()), (Some(200), true));
    assert_eq!(
        sent(&mock, "/exceptions/whitelist"),
        [
            ("GET".to_owned(), Value::Null),
            (
                "POST".to_owned(),
                json!({"requestData": {"senderEmail": "billing@vendor.example", "senderEmailMatching": "exact",
                    "comment": "new supplier", "ignoringSpfCheck": false}})
            ),
        ]
    );
    let listed = client.list_ap_exceptions(ApExceptionType::Whitelist).unwrap();
    assert_eq!(ap_ids(&listed), ["700000101", "700000102", "700000401"]);
    let id = listed[2].id.clone().unwrap();
    let got = client.get_ap_exception(ApExceptionType::Whitelist, &id).unwrap();
    assert_eq!(
        (got.sender_email.as_deref(), got.comment.as_deref()),
        (Some("billing@vendor.example"), Some("new supplier"))
    );

    let changed = ApExceptionCriteria::builder().sender_domain("vendor.example").build().unwrap();
    assert!(
        client.modify_ap_exception(ApExceptionType::Whitelist, &id, &changed).unwrap().is_documented_code()
    );
    let got = client.get_ap_exception(ApExceptionType::Whitelist, &id).unwrap();
    assert_eq!((got.sender_email, got.sender_domain.as_deref()), (None, Some("vendor.example")));

    let deleted = client.delete_ap_exception(ApExceptionType::Whitelist, &id).unwrap();
    assert_eq!((deleted.response_code(), deleted.is_documented_code()), (Some(204), true));
    assert_eq!(sent(&mock, "/exceptions/whitelist/delete/700000401"), [("POST".to_owned(), Value::Null)]);
    let gone = client.get_ap_exception(ApExceptionType::Whitelist, &id).unwrap_err();
    assert_eq!(gone.response_error().map(|e| e.kind()), Some(ResponseErrorKind::NotFound));
}

#[test]
fn a_refused_write_is_an_api_error_sent_once() {
    let mock = MockGateway::start();
    let id = "999999999".parse().unwrap();
    let error = client(&mock).delete_ap_exception(ApExceptionType::Blacklist, &id).unwrap_err();
    let detail = error.response_error().expect("the service answered").detail();
    assert_eq!(
        (detail.response_code, detail.response_text.as_deref()),
        (Some(422), Some("exception not found: 999999999"))
    );
    assert_eq!(sent(&mock, "/exceptions/blacklist/delete/999999999").len(), 1);
}

#[test]
fn a_write_that_may_have_run_is_not_sent_again() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(format!("{API}/sectool-exceptions/checkpoint2")).always().then(Fault::status(503)),
    );
    let body = NewToolException::new(ToolExceptionType::HASH, key("0cc175b9c0f1b6a831c399e269772661"));
    let error = client(&mock).create_tool_exception(SecTool::AntiMalware, &body).unwrap_err();
    match &error {
        Error::ActionOutcomeUnknown { last } => assert_eq!(last.kind_name(), "server_error"),
        other => panic!("not an unknown outcome: {other:?}"),
    }
    assert_eq!(sent(&mock, "/sectool-exceptions/checkpoint2").len(), 1, "never sent again");
}

#[test]
fn a_read_is_retried_after_a_503() {
    let mock = MockGateway::start();
    mock.fault(
        FaultRule::on_path(format!("{API}/sectools/anomaly/exceptions")).nth(1).then(Fault::status(503)),
    );
    let rules = client(&mock).list_anomaly_exceptions().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(sent(&mock, "/sectools/anomaly/exceptions").len(), 2);
}

#[test]
fn the_tool_list_pages_with_a_get_body_and_the_last_key() {
    let mock = MockGateway::start();
    let query = ToolExceptionQuery::new(SecTool::UrlReputation, ToolExceptionType::BLOCK_DOMAIN)
        .sort(SortDir::Asc)
        .limit(2);
    let mut search = client(&mock).list_tool_exceptions(query);
    let keys: Vec<String> =
        search.by_ref().map(|exception| exception.unwrap().exception_str.expect("a key")).collect();
    assert_eq!(
        keys,
        [
            "cdn.evil.example",
            "files.evil.example",
            "login.evil.example",
            "payroll-portal.evil.example",
            "tracker.evil.example"
        ]
    );
    assert_eq!(search.pages(), 3);
    let bodies = sent(&mock, "/sectool-exceptions/avanan_url/exceptions/block-domain");
    let methods: Vec<&str> = bodies.iter().map(|(method, _)| method.as_str()).collect();
    assert_eq!(methods, ["GET", "GET", "GET"]);
    let keys_sent: Vec<Option<&Value>> =
        bodies.iter().map(|(_, body)| body["requestData"].get("lastEvaluatedKey")).collect();
    assert_eq!(
        keys_sent,
        [None, Some(&json!("files.evil.example")), Some(&json!("payroll-portal.evil.example"))]
    );
    assert_eq!(bodies[0].1, json!({"requestData": {"sortDir": "asc", "insertTimeGte": false, "limit": 2}}));
}

#[test]
fn a_tool_exception_is_created_read_by_its_url_key_updated_and_deleted() {
    let mock = MockGateway::start();
    let client = client(&mock);
    let url = key("https://payroll-portal.evil.example/login?next=/pay");
    let new = NewToolException::new(ToolExceptionType::BLOCK_URL, url.clone()).comment("landing page");
    assert_eq!(
        client.create_tool_exception(SecTool::UrlReputation, &new).unwrap().response_code(),
        Some(201)
    );
    let got = client.get_tool_exception(SecTool::UrlReputation, &ToolExceptionType::BLOCK_URL, &url).unwrap();
    assert_eq!(
        (got.exception_str.as_deref(), got.comment.as_deref()),
        (Some(url.as_str()), Some("landing page"))
    );
    let asked = mock.requests_to(&format!("{API}/sectool-exceptions/avanan_url/exceptions/block-url/"));
    assert_eq!(
        asked[0].path,
        format!(
            "{API}/sectool-exceptions/avanan_url/exceptions/block-url/https%3A%2F%2Fpayroll-portal.evil.example%2Flogin%3Fnext%3D%2Fpay"
        )
    );
    let update = ToolExceptionUpdate::builder(ToolExceptionType::BLOCK_URL, url.clone())
        .condition(LinkCondition::WithLink)
        .build()
        .unwrap();
    assert!(client.update_tool_exception(SecTool::UrlReputation, &update).unwrap().is_documented_code());
    let got = client.get_tool_exception(SecTool::UrlReputation, &ToolExceptionType::BLOCK_URL, &url).unwrap();
    assert_eq!(got.condition.as_deref(), Some("with_link"));
    let delete = ToolExceptionDelete::new(ToolExceptionType::BLOCK_URL, url.clone());
    assert_eq!(
        client.delete_tool_exception(SecTool::UrlReputation, &delete).unwrap().response_code(),
        Some(204)
    );
    assert_eq!(
        sent(&mock, "/sectool-exceptions/avanan_url"),
        [
            (
                "POST".to_owned(),
                json!({"requestData": {"exceptionType": "block-url", "exceptionStr": url.as_str(), "isExclusive": false, "comment": "landing page"}})
            ),
            (
                "PUT".to_owned(),
                json!({"requestData": {"exceptionType": "block-url", "exceptionStr": url.as_str(), "exceptionPayload": {"condition": "with_link"}}})
            ),
            (
                "DELETE".to_owned(),
                json!({"requestData": {"exceptionType": "block-url", "exceptionStr": url.as_str()}})
            ),
        ]
    );
    let gone =
        client.get_tool_exception(SecTool::UrlReputation, &ToolExceptionType::BLOCK_URL, &url).unwrap_err();
    assert_eq!(gone.response_error().map(|e| e.kind()), Some(ResponseErrorKind::NotFound));
    let many = ToolExceptionBulkDelete::new(
        ToolExceptionType::HASH,
        [key("9e107d9d372bb6826bd81d3542a419d6"), key("e4d909c290d0fb1ca068ffaddf22cbd0")],
    )
    .unwrap();
    assert!(client.delete_tool_exceptions(SecTool::AntiMalware, &many).unwrap().is_documented_code());
    let left =
        client.list_tool_exceptions(ToolExceptionQuery::new(SecTool::AntiMalware, ToolExceptionType::HASH));
    assert_eq!(left.count(), 0);
}

#[test]
fn anomaly_rules_are_created_and_deleted_by_id() {
    let mock = MockGateway::start();
    let client = client(&mock);
    let mut rule = serde_json::Map::new();
    rule.insert("anomalyType".to_owned(), json!("superman_anomaly"));
    let new = NewAnomalyException::new(rule).unwrap().added_by("soc@acme.example");
    assert_eq!(client.create_anomaly_exception(&new).unwrap().response_code(), Some(201));
    let ids: Vec<String> =
        client.list_anomaly_exceptions().unwrap().iter().map(|r| r.id.clone().unwrap().to_string()).collect();
    assert_eq!(ids, ["10001", "10002", "10003"]);
    let delete = AnomalyExceptionDelete::new(["10001".parse().unwrap(), "10003".parse().unwrap()]).unwrap();
    assert_eq!(client.delete_anomaly_exceptions(&delete).unwrap().response_code(), Some(204));
    assert_eq!(
        sent(&mock, "/sectools/anomaly/exceptions"),
        [
            (
                "POST".to_owned(),
                json!({"requestData": {"requestJson": {"anomalyType": "superman_anomaly"}, "addedBy": "soc@acme.example"}})
            ),
            ("GET".to_owned(), Value::Null),
            ("DELETE".to_owned(), json!({"requestData": {"ruleId": ["10001", "10003"]}})),
        ]
    );
    let left: Vec<String> =
        client.list_anomaly_exceptions().unwrap().iter().map(|r| r.id.clone().unwrap().to_string()).collect();
    assert_eq!(left, ["10002"]);
}

#[test]
fn click_time_items_move_between_the_lists() {
    let mock = MockGateway::start();
    let client = client(&mock);
    assert_eq!(client.list_ctp_lists().unwrap().len(), 3);
    assert_eq!(client.get_ctp_list(&CtpListId::block()).unwrap().len(), 1);
    let body = CtpItemBody::new(CtpListId::block(), "cdn.evil.example", "soc@acme.example").unwrap();
    assert_eq!(client.create_ctp_item(&body).unwrap().response_code(), Some(201));
    let items = client.list_ctp_items().unwrap();
    let new = items.last().and_then(|item| item.id.clone()).expect("the new item");
    assert_eq!(new.as_str(), "4711000000000101");
    let moved = CtpItemBody::new(CtpListId::allow(), "cdn.partner.example", "soc@acme.example").unwrap();
    assert!(client.update_ctp_item(&new, &moved).unwrap().is_documented_code());
    let got = client.get_ctp_item(&new).unwrap();
    assert_eq!((got.list_id, got.name.as_deref()), (Some(CtpListId::allow()), Some("cdn.partner.example")));
    assert_eq!(client.delete_ctp_item(&new).unwrap().response_code(), Some(204));
    let gone = client.get_ctp_item(&new).unwrap_err();
    assert_eq!(gone.response_error().map(|e| e.kind()), Some(ResponseErrorKind::NotFound));
    let two = CtpItemsDelete::new(["4711000000000001".parse().unwrap(), "4711000000000002".parse().unwrap()])
        .unwrap();
    assert!(client.delete_ctp_items(&two).unwrap().is_documented_code());
    assert_eq!(client.list_ctp_items().unwrap().len(), 1);
    assert!(client.delete_all_ctp_lists().unwrap().is_documented_code());
    assert_eq!(client.list_ctp_lists().unwrap(), []);
    let deletes: Vec<(String, Value)> = sent(&mock, "/sectools/click_time_protection/exceptions")
        .into_iter()
        .filter(|(method, _)| method == "DELETE")
        .collect();
    assert_eq!(deletes, [("DELETE".to_owned(), Value::Null)]);
}
