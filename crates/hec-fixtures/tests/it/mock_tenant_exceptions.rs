//! The demo tenant's allow and block lists: every exception family served statefully, with the
//! envelope codes of the live service, its logical failure for bad bodies, and paging of the
//! security-tool list by `lastEvaluatedKey`.

use crate::support::{API, Reply, agent, assert_logical_failure, read, token};
use hec_fixtures::mock::MockGateway;
use hec_proto::model::{AnomalyException, ApException, CtpItem, CtpListRow, ToolException};
use serde_json::{Value, json};

const TOOL_URL: &str = "/sectool-exceptions/avanan_url";
const BLOCK_DOMAINS: &str = "/sectool-exceptions/avanan_url/exceptions/block-domain";
const ANOMALY: &str = "/sectools/anomaly/exceptions";
const CTP: &str = "/sectools/click_time_protection/exceptions";

fn tenant() -> (MockGateway, String) {
    let mock = MockGateway::start();
    let token = token(&mock);
    (mock, token)
}

/// `method {API}{path}` with `token`, a fresh request id and, when given, `{"requestData": data}`
/// as the body (a GET and a DELETE carry it too, as the service expects).
fn call(mock: &MockGateway, token: &str, method: &str, path: &str, data: Option<Value>) -> Reply {
    raw_call(mock, token, method, path, data.map(|data| json!({ "requestData": data }).to_string()))
}

/// [`call`] with any body text.
fn raw_call(mock: &MockGateway, token: &str, method: &str, path: &str, body: Option<String>) -> Reply {
    let url = format!("{}{API}{path}", mock.base_url());
    let agent = agent();
    let with_headers = |builder: ureq::RequestBuilder<ureq::typestate::WithBody>| {
        builder
            .header("authorization", format!("Bearer {token}"))
            .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
            .header("accept", "application/json")
            .header("content-type", "application/json")
    };
    let builder = match method {
        "GET" => agent.get(url).force_send_body(),
        "DELETE" => agent.delete(url).force_send_body(),
        "POST" => agent.post(url),
        "PUT" => agent.put(url),
        other => panic!("no such method in these tests: {other}"),
    };
    let response = match body {
        Some(body) => with_headers(builder).send(body.as_str()),
        None => with_headers(builder).send_empty(),
    };
    read(response.expect("the mock answers")).expect("the body arrives")
}

/// The envelope's `responseCode` after checking HTTP 200.
fn code(reply: &Reply) -> i64 {
    assert_eq!(reply.status, 200, "{}", reply.text());
    reply.json()["responseEnvelope"]["responseCode"].as_i64().expect("a responseCode")
}

/// A write's answer: HTTP 200, this envelope code, `responseData: []`.
fn assert_written(reply: &Reply, want: i64) {
    assert_eq!(code(reply), want, "{}", reply.text());
    assert_eq!(reply.json()["responseData"], json!([]), "{}", reply.text());
}

/// `responseData` after checking HTTP 200 and `responseCode` 200.
fn data(reply: &Reply) -> Value {
    assert_eq!(code(reply), 200, "{}", reply.text());
    reply.json()["responseData"].clone()
}

/// The values of `field` in a list answer's items.
fn column(reply: &Reply, field: &str) -> Vec<String> {
    let items = data(reply);
    let items = items.as_array().expect("responseData is a list");
    items.iter().map(|item| item[field].as_str().expect("a text field").to_owned()).collect()
}

/// Every item of a list answer, read with hec-proto's model (each writes back its own text).
fn models<T: serde::de::DeserializeOwned + serde::Serialize>(reply: &Reply) -> Vec<T> {
    let items = data(reply);
    items
        .as_array()
        .expect("responseData is a list")
        .iter()
        .map(|item| {
            let model: T = serde_json::from_str(&item.to_string()).expect("the model reads the mock's item");
            assert_eq!(serde_json::to_value(&model).unwrap(), *item);
            model
        })
        .collect()
}

// ---- anti-phishing ----

#[test]
fn the_demo_tenant_has_a_few_entries_in_every_anti_phishing_list() {
    let (mock, token) = tenant();
    let ids =
        |kind: &str| column(&call(&mock, &token, "GET", &format!("/exceptions/{kind}"), None), "entityId");
    assert_eq!(ids("whitelist"), ["700000101", "700000102"]);
    assert_eq!(ids("blacklist"), ["700000201", "700000202"]);
    assert_eq!(ids("spam_whitelist"), ["700000301"]);
    let blacklist: Vec<ApException> = models(&call(&mock, &token, "GET", "/exceptions/blacklist", None));
    assert_eq!(blacklist[0].sender_email.as_deref(), Some("payroll@evil.example"));
    assert_eq!(blacklist[0].action_needed.as_deref(), Some("phishing"));
    assert!(blacklist[0].link_domains.is_empty());
    assert!(blacklist[0].raw().get().contains(r#""linkDomains":false"#));
    assert_eq!(blacklist[1].link_domains, ["payroll-portal.evil.example"]);
    assert!(blacklist[1].updated.as_ref().unwrap().raw().ends_with(" GMT"));
}

#[test]
fn an_anti_phishing_exception_created_shows_in_the_next_list_and_by_its_id() {
    let (mock, token) = tenant();
    let criteria = json!({"senderDomain": "invoices.evil.example", "senderDomainMatching": "ends_with",
                          "linkDomains": ["pay.evil.example"], "comment": "fake invoices", "ignoringSpfCheck": false,
                          "quarantineAll": "true"});
    assert_written(&call(&mock, &token, "POST", "/exceptions/blacklist", Some(criteria)), 200);
    let list = call(&mock, &token, "GET", "/exceptions/blacklist", None);
    assert_eq!(column(&list, "entityId"), ["700000201", "700000202", "700000401"]);
    let one = call(&mock, &token, "GET", "/exceptions/blacklist/700000401", None);
    let created: Vec<ApException> = models(&one);
    assert_eq!(created.len(), 1, "a list of one");
    let created = &created[0];
    assert_eq!(created.sender_domain.as_deref(), Some("invoices.evil.example"));
    assert_eq!(created.sender_domain_matching.as_deref(), Some("ends_with"));
    assert_eq!(created.link_domains, ["pay.evil.example"]);
    assert_eq!(created.quarantine_all, Some(true));
    assert_eq!(created.match_only_future, None);
    assert_eq!(created.sender_email, None);
    assert_eq!(created.added_by.as_deref(), Some("hec-api@demo-tenant.example"));
    assert_eq!(created.edited_by, None);
    assert!(created.updated.as_ref().unwrap().to_utc().is_ok());
    let other_list = call(&mock, &token, "GET", "/exceptions/whitelist", None);
    assert_eq!(column(&other_list, "entityId"), ["700000101", "700000102"]);
}

#[test]
fn a_modify_replaces_the_criteria_and_names_the_editor() {
    let (mock, token) = tenant();
    let change = json!({"senderEmail": "billing@partner.example", "senderEmailMatching": "contains", "comment": "changed"});
    assert_written(&call(&mock, &token, "PUT", "/exceptions/whitelist/700000102", Some(change)), 200);
    let changed =
        models::<ApException>(&call(&mock, &token, "GET", "/exceptions/whitelist/700000102", None)).remove(0);
    assert_eq!(changed.sender_email.as_deref(), Some("billing@partner.example"));
    assert_eq!(changed.sender_email_matching.as_deref(), Some("contains"));
    assert_eq!(changed.sender_domain, None, "a modify replaces every criterion");
    assert_eq!(changed.comment.as_deref(), Some("changed"));
    assert_eq!(changed.added_by.as_deref(), Some("soc-admin@acme.example"));
    assert_eq!(changed.edited_by.as_deref(), Some("hec-api@demo-tenant.example"));
}

#[test]
fn a_modify_that_names_no_criterion_keeps_them_and_changes_the_comment() {
    // Check Point's XSOAR client and the Travis SDK send only what changes: here, the comment.
    let (mock, token) = tenant();
    let before =
        models::<ApException>(&call(&mock, &token, "GET", "/exceptions/blacklist/700000201", None)).remove(0);
    let change = json!({"comment": "Still the campaign", "ignoringSpfCheck": false});
    assert_written(&call(&mock, &token, "PUT", "/exceptions/blacklist/700000201", Some(change)), 200);
    let after =
        models::<ApException>(&call(&mock, &token, "GET", "/exceptions/blacklist/700000201", None)).remove(0);
    assert_eq!(after.sender_email, before.sender_email);
    assert_eq!(after.sender_email.as_deref(), Some("payroll@evil.example"));
    assert_eq!(after.sender_email_matching, before.sender_email_matching);
    assert_eq!(after.comment.as_deref(), Some("Still the campaign"));
    assert_eq!(after.edited_by.as_deref(), Some("hec-api@demo-tenant.example"));
}

#[test]
fn the_sdks_match_and_endswith_spellings_are_taken_as_the_references() {
    let (mock, token) = tenant();
    let create = json!({"senderEmail": "billing@evil.example", "recipient": "bob@acme.example",
                        "senderDomain": "evil.example", "recipientMatching": "match", "senderDomainMatching": "endswith"});
    assert_written(&call(&mock, &token, "POST", "/exceptions/blacklist", Some(create)), 200);
    let created = models::<ApException>(&call(&mock, &token, "GET", "/exceptions/blacklist", None))
        .into_iter()
        .find(|exception| exception.sender_email.as_deref() == Some("billing@evil.example"))
        .expect("the new exception");
    assert_eq!(created.recipient_matching.as_deref(), Some("matching"));
    assert_eq!(created.sender_domain_matching.as_deref(), Some("ends_with"));
}

#[test]
fn an_anti_phishing_exception_deleted_is_gone() {
    let (mock, token) = tenant();
    assert_written(&call(&mock, &token, "POST", "/exceptions/whitelist/delete/700000101", None), 204);
    assert_eq!(column(&call(&mock, &token, "GET", "/exceptions/whitelist", None), "entityId"), ["700000102"]);
    assert_eq!(data(&call(&mock, &token, "GET", "/exceptions/whitelist/700000101", None)), json!([]));
    let again = call(&mock, &token, "POST", "/exceptions/whitelist/delete/700000101", None);
    assert_logical_failure(&again, "exception not found: 700000101");
    // A delete names its list: the id is not on the blacklist.
    let elsewhere = call(&mock, &token, "POST", "/exceptions/blacklist/delete/700000102", None);
    assert_logical_failure(&elsewhere, "exception not found: 700000102");
}

#[test]
fn anti_phishing_requests_the_service_refuses_get_its_logical_failure_and_change_nothing() {
    let (mock, token) = tenant();
    let no_criterion = call(&mock, &token, "POST", "/exceptions/whitelist", Some(json!({"comment": "x"})));
    assert_logical_failure(&no_criterion, "at least one criterion is required");
    let bad_matching = call(
        &mock,
        &token,
        "POST",
        "/exceptions/whitelist",
        Some(json!({"subject": "x", "subjectMatching": "like"})),
    );
    assert_logical_failure(
        &bad_matching,
        "requestData.subjectMatching must be one of matching, contains, exact",
    );
    let bad_type = call(&mock, &token, "POST", "/exceptions/whitelist", Some(json!({"senderEmail": 7})));
    assert_logical_failure(&bad_type, "requestData.senderEmail must be a string");
    let unknown_list = call(&mock, &token, "GET", "/exceptions/greylist", None);
    assert_logical_failure(
        &unknown_list,
        "unknown exception type \"greylist\" (use whitelist, blacklist or spam_whitelist)",
    );
    assert_logical_failure(
        &call(&mock, &token, "GET", "/exceptions/whitelist/12a", None),
        "invalid exception id",
    );
    let unknown = call(&mock, &token, "PUT", "/exceptions/whitelist/999", Some(json!({"subject": "x"})));
    assert_logical_failure(&unknown, "exception not found: 999");
    assert_eq!(
        column(&call(&mock, &token, "GET", "/exceptions/whitelist", None), "entityId"),
        ["700000101", "700000102"]
    );
}

#[test]
fn a_body_that_is_not_request_data_gets_a_200_with_the_error_envelope() {
    let (mock, token) = tenant();
    let not_json = raw_call(&mock, &token, "POST", "/exceptions/whitelist", Some("not json".to_owned()));
    assert_logical_failure(&not_json, "Malformed request body: expected ident at line 1 column 2");
    let no_data = raw_call(&mock, &token, "POST", "/sectools/anomaly/exceptions", Some("{}".to_owned()));
    assert_logical_failure(&no_data, "Malformed request body: requestData is required");
    let empty = raw_call(&mock, &token, "DELETE", TOOL_URL, None);
    assert_logical_failure(&empty, "Malformed request body: EOF while parsing a value at line 1 column 0");
    let list_data =
        raw_call(&mock, &token, "POST", &format!("{CTP}/items"), Some(r#"{"requestData": []}"#.to_owned()));
    assert_logical_failure(&list_data, "Malformed request body: requestData must be an object");
}

#[test]
fn a_method_a_path_does_not_take_gets_405_with_the_ones_it_does() {
    let (mock, token) = tenant();
    let reply = call(&mock, &token, "DELETE", "/exceptions/whitelist", None);
    assert_eq!(reply.status, 405);
    assert_eq!(reply.header("allow"), Some("GET, POST"));
    let reply = call(&mock, &token, "PUT", ANOMALY, None);
    assert_eq!((reply.status, reply.header("allow")), (405, Some("GET, POST, DELETE")));
}

#[test]
fn exception_requests_need_a_live_token() {
    let (mock, _) = tenant();
    let reply = call(&mock, "not-a-token", "GET", "/exceptions/whitelist", None);
    assert_eq!(reply.status, 401);
    assert_eq!(reply.json(), json!({"message": "Authentication required"}));
}

// ---- security tools ----

#[test]
fn a_tool_exception_is_read_by_its_percent_encoded_key_as_an_object() {
    let (mock, token) = tenant();
    let reply = call(
        &mock,
        &token,
        "GET",
        "/sectool-exceptions/checkpoint2/exceptions/hash/9e107d9d372bb6826bd81d3542a419d6",
        None,
    );
    let record = data(&reply);
    assert_eq!(record["exception_str"], "9e107d9d372bb6826bd81d3542a419d6");
    assert_eq!(record["farm_customer_exception_type"], "mock-farm:demo-tenant:checkpoint2:hash");
    assert_eq!(record["created_by_email"], "soc-admin@acme.example");
    let url = "/sectool-exceptions/avanan_url/exceptions/allow-url/https%3A%2F%2Fpartner.example%2Finvoices";
    let exception: ToolException =
        serde_json::from_value(data(&call(&mock, &token, "GET", url, None))).unwrap();
    assert_eq!(exception.exception_str.as_deref(), Some("https://partner.example/invoices"));
    assert_eq!(exception.condition.as_deref(), Some("with_link"));
    let unknown = call(&mock, &token, "GET", "/sectool-exceptions/checkpoint2/exceptions/hash/00ff", None);
    assert_eq!(data(&unknown), json!([]));
    let wrong_type =
        call(&mock, &token, "GET", "/sectool-exceptions/checkpoint2/exceptions/allow-url/x", None);
    assert_logical_failure(
        &wrong_type,
        "unknown exception type \"allow-url\" for checkpoint2 (use hash, macro_hash, file_type, ppat_sender_name)",
    );
    let bad_escape = call(&mock, &token, "GET", "/sectool-exceptions/checkpoint2/exceptions/hash/%zz", None);
    assert_logical_failure(&bad_escape, "invalid exception key");
}

#[test]
fn a_tool_exception_created_shows_when_read_and_updated_and_deleted_is_gone() {
    let (mock, token) = tenant();
    let key_path = "/sectool-exceptions/avanan_dlp/exceptions/sender_email/cfo%40acme.example";
    let create = json!({"exceptionType": "sender_email", "exceptionStr": "cfo@acme.example", "isExclusive": false,
                        "comment": "board reports", "createdByEmail": "soc-lead@acme.example"});
    assert_written(&call(&mock, &token, "POST", "/sectool-exceptions/avanan_dlp", Some(create.clone())), 201);
    let created = data(&call(&mock, &token, "GET", key_path, None));
    assert_eq!(created["comment"], "board reports");
    assert_eq!(created["created_by_email"], "soc-lead@acme.example");
    assert_eq!(created["farm_customer_exception_type"], "mock-farm:demo-tenant:avanan_dlp:sender_email");
    assert_eq!(created.get("exception_payload"), None);
    let again = call(&mock, &token, "POST", "/sectool-exceptions/avanan_dlp", Some(create));
    assert_logical_failure(&again, "exception already exists: cfo@acme.example");
    let update = json!({"exceptionType": "sender_email", "exceptionStr": "cfo@acme.example", "comment": "board packs",
                        "exceptionPayload": {"condition": "without_link"}});
    assert_written(&call(&mock, &token, "PUT", "/sectool-exceptions/avanan_dlp", Some(update)), 200);
    let updated = data(&call(&mock, &token, "GET", key_path, None));
    assert_eq!(
        (updated["comment"].clone(), updated["exception_payload"].clone()),
        (json!("board packs"), json!({"condition": "without_link"}))
    );
    let delete = json!({"exceptionType": "sender_email", "exceptionStr": "cfo@acme.example"});
    assert_written(
        &call(&mock, &token, "DELETE", "/sectool-exceptions/avanan_dlp", Some(delete.clone())),
        204,
    );
    assert_eq!(data(&call(&mock, &token, "GET", key_path, None)), json!([]));
    assert_logical_failure(
        &call(&mock, &token, "DELETE", "/sectool-exceptions/avanan_dlp", Some(delete)),
        "exception not found: cfo@acme.example",
    );
}

#[test]
fn tool_requests_the_service_refuses_get_its_logical_failure() {
    let (mock, token) = tenant();
    let missing = call(
        &mock,
        &token,
        "POST",
        "/sectool-exceptions/checkpoint2",
        Some(json!({"exceptionType": "hash"})),
    );
    assert_logical_failure(&missing, "requestData.exceptionStr is required");
    let unknown_tool =
        call(&mock, &token, "POST", "/sectool-exceptions/avanan_av", Some(json!({"exceptionType": "hash"})));
    assert_logical_failure(
        &unknown_tool,
        "unknown sectool \"avanan_av\" (use checkpoint2, avanan_url or avanan_dlp)",
    );
    let bad_condition = json!({"exceptionType": "block-url", "exceptionStr": "https://x.example",
                               "exceptionPayload": {"condition": "sometimes"}});
    assert_logical_failure(
        &call(&mock, &token, "POST", TOOL_URL, Some(bad_condition)),
        "requestData.exceptionPayload.condition must be one of with_or_without_link, with_link, without_link",
    );
    let nothing = json!({"exceptionType": "block-domain", "exceptionStr": "cdn.evil.example"});
    assert_logical_failure(
        &call(&mock, &token, "PUT", TOOL_URL, Some(nothing)),
        "nothing to change: set comment or exceptionPayload",
    );
}

/// Every page of the block-domain list with this query, following `scrollId` as
/// `lastEvaluatedKey` (at most 10 pages): each page's keys, `scrollId` and `recordsNumber`.
fn block_domain_pages(mock: &MockGateway, token: &str, query: Value) -> Vec<(Vec<String>, String, u64)> {
    let mut pages = Vec::new();
    let mut query = query;
    for _ in 0..10 {
        let reply = call(mock, token, "GET", BLOCK_DOMAINS, Some(query.clone()));
        let envelope = reply.json()["responseEnvelope"].clone();
        let scroll_id = envelope["scrollId"].as_str().expect("a scrollId").to_owned();
        let records = envelope["recordsNumber"].as_u64().expect("a recordsNumber");
        pages.push((column(&reply, "exception_str"), scroll_id.clone(), records));
        if scroll_id.is_empty() {
            return pages;
        }
        query["lastEvaluatedKey"] = json!(scroll_id);
    }
    panic!("more than 10 pages");
}

#[test]
fn the_tool_list_pages_by_last_evaluated_key() {
    let (mock, token) = tenant();
    let pages = block_domain_pages(&mock, &token, json!({"limit": 2, "insertTimeGte": false}));
    let page = |keys: &[&str], next: &str| {
        (keys.iter().map(|k| (*k).to_owned()).collect::<Vec<_>>(), next.to_owned(), 5)
    };
    assert_eq!(
        pages,
        [
            page(&["cdn.evil.example", "files.evil.example"], "files.evil.example"),
            page(&["login.evil.example", "payroll-portal.evil.example"], "payroll-portal.evil.example"),
            page(&["tracker.evil.example"], ""),
        ]
    );
    let descending = block_domain_pages(&mock, &token, json!({"limit": 3, "sortDir": "desc"}));
    assert_eq!(
        descending,
        [
            page(
                &["tracker.evil.example", "payroll-portal.evil.example", "login.evil.example"],
                "login.evil.example"
            ),
            page(&["files.evil.example", "cdn.evil.example"], ""),
        ]
    );
}

#[test]
fn the_tool_list_filters_and_lists_everything_without_a_body() {
    let (mock, token) = tenant();
    let campaign =
        block_domain_pages(&mock, &token, json!({"filterIndex": "comment", "filterStr": "PAYROLL campaign"}));
    let keys = vec![
        "cdn.evil.example".to_owned(),
        "payroll-portal.evil.example".to_owned(),
        "tracker.evil.example".to_owned(),
    ];
    assert_eq!(campaign, [(keys, String::new(), 3)]);
    let everything = raw_call(&mock, &token, "GET", BLOCK_DOMAINS, None);
    let listed: Vec<ToolException> = models(&everything);
    assert_eq!(listed.len(), 5);
    assert_eq!(everything.json()["responseEnvelope"]["scrollId"], "");
    let bad_limit = call(&mock, &token, "GET", BLOCK_DOMAINS, Some(json!({"limit": 0})));
    assert_logical_failure(&bad_limit, "requestData.limit must be a whole number from 1");
    let bad_index =
        call(&mock, &token, "GET", BLOCK_DOMAINS, Some(json!({"filterIndex": "owner", "filterStr": "x"})));
    assert_logical_failure(
        &bad_index,
        "requestData.filterIndex must be one of insert_time, entity_type_id, exception_str, file_name, created_by_email, comment",
    );
}

#[test]
fn deleting_several_tool_exceptions_needs_every_key_to_exist() {
    let (mock, token) = tenant();
    let some_unknown =
        json!({"exceptionType": "block-domain", "exceptionStrList": ["cdn.evil.example", "nope.example"]});
    assert_logical_failure(
        &call(&mock, &token, "DELETE", &format!("{TOOL_URL}/exceptions"), Some(some_unknown)),
        "exception not found: nope.example",
    );
    assert_eq!(block_domain_pages(&mock, &token, json!({}))[0].0.len(), 5, "nothing was deleted");
    let both = json!({"exceptionType": "block-domain", "exceptionStrList": ["cdn.evil.example", "files.evil.example"]});
    assert_written(&call(&mock, &token, "DELETE", &format!("{TOOL_URL}/exceptions"), Some(both)), 204);
    let left = block_domain_pages(&mock, &token, json!({})).remove(0).0;
    assert_eq!(left, ["login.evil.example", "payroll-portal.evil.example", "tracker.evil.example"]);
}

// ---- anomaly ----

#[test]
fn an_anomaly_rule_created_shows_in_the_list_and_deleted_is_gone() {
    let (mock, token) = tenant();
    assert_eq!(column(&call(&mock, &token, "GET", ANOMALY, None), "id"), ["10001", "10002"]);
    let rule = json!({"requestJson": {"anomalyType": "superman_anomaly", "eventId": "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f",
                                      "comment": "conference trip"}, "addedBy": "soc-lead@acme.example"});
    assert_written(&call(&mock, &token, "POST", ANOMALY, Some(rule)), 201);
    let rules: Vec<AnomalyException> = models(&call(&mock, &token, "GET", ANOMALY, None));
    let ids: Vec<&str> = rules.iter().map(|rule| rule.id.as_ref().unwrap().as_str()).collect();
    assert_eq!(ids, ["10001", "10002", "10003"]);
    let created = &rules[2];
    assert_eq!(created.anomaly_type.as_deref(), Some("superman_anomaly"));
    assert_eq!(created.event_id.as_ref().unwrap().as_str(), "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f");
    assert_eq!(created.comments.as_deref(), Some("conference trip"));
    assert_eq!(created.added_by.as_deref(), Some("soc-lead@acme.example"));
    assert_eq!(created.enabled, Some(true));
    assert!(!created.inserted.as_ref().unwrap().raw().ends_with('Z'), "naive, as the live service sends it");
    assert!(created.inserted.as_ref().unwrap().to_utc().is_ok());
    assert_written(&call(&mock, &token, "DELETE", ANOMALY, Some(json!({"ruleId": ["10001", "10003"]}))), 204);
    assert_eq!(column(&call(&mock, &token, "GET", ANOMALY, None), "id"), ["10002"]);
}

#[test]
fn anomaly_requests_the_service_refuses_get_its_logical_failure_and_change_nothing() {
    let (mock, token) = tenant();
    let unknown = call(&mock, &token, "DELETE", ANOMALY, Some(json!({"ruleId": ["10002", "99999"]})));
    assert_logical_failure(&unknown, "rule not found: 99999");
    let not_a_list = call(&mock, &token, "DELETE", ANOMALY, Some(json!({"ruleId": "10002"})));
    assert_logical_failure(&not_a_list, "requestData.ruleId must be a list");
    let empty = call(&mock, &token, "POST", ANOMALY, Some(json!({"requestJson": {}})));
    assert_logical_failure(&empty, "requestData.requestJson is empty");
    assert_eq!(column(&call(&mock, &token, "GET", ANOMALY, None), "id"), ["10001", "10002"]);
}

// ---- click-time protection ----

/// The `(listid, listitemname)` of every row of a lists answer.
fn rows(reply: &Reply) -> Vec<(String, String)> {
    let rows: Vec<CtpListRow> = models(reply);
    rows.iter()
        .map(|row| {
            assert_eq!(row.items.len(), 1, "one item a row");
            (row.list_id.as_ref().unwrap().to_string(), row.items[0].name.clone().unwrap())
        })
        .collect()
}

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs.iter().map(|(list, name)| ((*list).to_owned(), (*name).to_owned())).collect()
}

#[test]
fn the_click_time_lists_answer_a_row_per_item_and_one_item_as_an_object() {
    let (mock, token) = tenant();
    assert_eq!(
        rows(&call(&mock, &token, "GET", CTP, None)),
        pairs(&[
            ("0", "partner.example"),
            ("1", "payroll-portal.evil.example"),
            ("0", "docs.partner.example")
        ])
    );
    assert_eq!(
        rows(&call(&mock, &token, "GET", &format!("{CTP}/0"), None)),
        pairs(&[("0", "partner.example"), ("0", "docs.partner.example")])
    );
    assert_eq!(rows(&call(&mock, &token, "GET", &format!("{CTP}/7"), None)), []);
    let items: Vec<CtpItem> = models(&call(&mock, &token, "GET", &format!("{CTP}/items"), None));
    assert_eq!(items.len(), 3);
    let one = data(&call(&mock, &token, "GET", &format!("{CTP}/items/4711000000000002"), None));
    let item: CtpItem = serde_json::from_value(one).unwrap();
    assert_eq!(item.list_name.as_deref(), Some("blacklist"));
    assert_eq!(item.name.as_deref(), Some("payroll-portal.evil.example"));
    assert_eq!(data(&call(&mock, &token, "GET", &format!("{CTP}/items/4711000000009999"), None)), json!([]));
    assert_logical_failure(&call(&mock, &token, "GET", &format!("{CTP}/x1"), None), "invalid list id");
}

#[test]
fn a_click_time_item_created_updated_and_deleted_shows_each_change() {
    let (mock, token) = tenant();
    let item =
        json!({"listId": "1", "listItemName": "cdn.evil.example", "createdBy": "soc-lead@acme.example"});
    assert_written(&call(&mock, &token, "POST", &format!("{CTP}/items"), Some(item)), 201);
    let path = format!("{CTP}/items/4711000000000101");
    let created: CtpItem = serde_json::from_value(data(&call(&mock, &token, "GET", &path, None))).unwrap();
    assert_eq!(created.list_id.as_ref().unwrap().as_str(), "1");
    assert_eq!(created.created_by.as_deref(), Some("soc-lead@acme.example"));
    assert_eq!(
        rows(&call(&mock, &token, "GET", &format!("{CTP}/1"), None)),
        pairs(&[("1", "payroll-portal.evil.example"), ("1", "cdn.evil.example")])
    );
    let moved =
        json!({"listId": 0, "listItemName": "cdn.partner.example", "createdBy": "soc-lead@acme.example"});
    assert_written(&call(&mock, &token, "PUT", &path, Some(moved)), 200);
    let updated = data(&call(&mock, &token, "GET", &path, None));
    assert_eq!((updated["listid"].clone(), updated["listname"].clone()), (json!("0"), json!("whitelist")));
    assert_eq!(updated["listitemname"], "cdn.partner.example");
    assert_written(&call(&mock, &token, "DELETE", &path, None), 204);
    assert_eq!(data(&call(&mock, &token, "GET", &path, None)), json!([]));
    assert_logical_failure(&call(&mock, &token, "DELETE", &path, None), "item not found: 4711000000000101");
}

#[test]
fn several_click_time_items_or_every_list_are_deleted_at_once() {
    let (mock, token) = tenant();
    let some_unknown = json!({"listItemIds": ["4711000000000001", "4711000000009999"]});
    assert_logical_failure(
        &call(&mock, &token, "DELETE", &format!("{CTP}/items"), Some(some_unknown)),
        "item not found: 4711000000009999",
    );
    let two = json!({"listItemIds": ["4711000000000001", "4711000000000002"]});
    assert_written(&call(&mock, &token, "DELETE", &format!("{CTP}/items"), Some(two)), 204);
    assert_eq!(rows(&call(&mock, &token, "GET", CTP, None)), pairs(&[("0", "docs.partner.example")]));
    assert_written(&call(&mock, &token, "DELETE", CTP, None), 204);
    assert_eq!(data(&call(&mock, &token, "GET", &format!("{CTP}/items"), None)), json!([]));
}

#[test]
fn click_time_requests_the_service_refuses_get_its_logical_failure() {
    let (mock, token) = tenant();
    let unknown_list =
        json!({"listId": "2", "listItemName": "x.example", "createdBy": "soc-lead@acme.example"});
    assert_logical_failure(
        &call(&mock, &token, "POST", &format!("{CTP}/items"), Some(unknown_list)),
        "unknown list id \"2\" (use 0 or 1)",
    );
    let no_author = json!({"listId": "0", "listItemName": "x.example"});
    assert_logical_failure(
        &call(&mock, &token, "POST", &format!("{CTP}/items"), Some(no_author)),
        "requestData.createdBy is required",
    );
    assert_logical_failure(
        &call(&mock, &token, "GET", &format!("{CTP}/items/a%2Fb"), None),
        "invalid item id",
    );
    assert_eq!(
        data(&call(&mock, &token, "GET", &format!("{CTP}/items"), None)).as_array().map(Vec::len),
        Some(3)
    );
}
