//! The exception endpoints (anti-phishing, security tools, anomaly, click-time protection): the
//! exact request each builds, how each reads the captured answers and their quirks (an object or
//! a list of one, a 201/204 envelope inside HTTP 200, a bare 204, a logical failure), and the
//! paging of the tool list by `lastEvaluatedKey`.

use hec_proto::endpoint::{
    AllAnomalyExceptions, AllCtpItems, AllCtpLists, CreateAnomalyException, CreateApException, CreateCtpItem,
    CreateToolException, CursorField, DeleteAnomalyExceptions, DeleteApException, DeleteCtpItem,
    DeleteCtpItems, DeleteCtpLists, DeleteToolException, DeleteToolExceptions, Endpoint, GetApException,
    GetCtpItem, GetCtpList, GetToolException, ListAnomalyExceptions, ListApExceptions, ListCtpItems,
    ListCtpLists, ListToolExceptions, MAX_CURSOR_BYTES, ModifyApException, PagedQuery, UpdateCtpItem,
    UpdateToolException, WriteKind,
};
use hec_proto::model::{
    AnomalyExceptionDelete, ApExceptionCriteria, ApExceptionType, CtpItemBody, CtpItemsDelete, CtpListId,
    DomainMatching, LinkCondition, NewAnomalyException, NewToolException, SecTool, SortDir,
    ToolExceptionBulkDelete, ToolExceptionDelete, ToolExceptionIndex, ToolExceptionKey, ToolExceptionQuery,
    ToolExceptionType, ToolExceptionUpdate,
};
use hec_proto::policy::{Pager, PagerEnd};
use hec_proto::{AccessToken, BaseUrl, EntityId, ResponseError, ResponseErrorKind};
use serde_json::{Value, json};

const REQUEST_ID: &str = "3b241101-e2bb-4255-8caf-4136c566a962";

fn base() -> BaseUrl {
    "https://gw.example.com".parse().unwrap()
}

fn request<E: Endpoint>(endpoint: &E) -> http::Request<Vec<u8>> {
    endpoint.request(&base(), &AccessToken::new("tok-1"), REQUEST_ID.parse().unwrap()).unwrap()
}

/// The method, the path and the body (parsed, `Null` for none) of the request `endpoint` builds,
/// after checking its headers: a body comes with `content-type`, and only then.
fn sent<E: Endpoint>(endpoint: &E) -> (String, String, Value) {
    let request = request(endpoint);
    let names: Vec<&str> = request.headers().keys().map(|name| name.as_str()).collect();
    let mut want = vec!["x-av-req-id", "authorization", "accept"];
    let body = if request.body().is_empty() {
        Value::Null
    } else {
        want.push("content-type");
        serde_json::from_slice(request.body()).expect("a JSON body")
    };
    assert_eq!(names, want, "{} {}", request.method(), request.uri().path());
    assert_eq!(request.headers()["authorization"], "Bearer tok-1");
    assert_eq!(request.uri().host(), Some("gw.example.com"));
    (request.method().to_string(), request.uri().path().to_owned(), body)
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

fn parse<E: Endpoint>(endpoint: &E, status: u16, body: &str) -> Result<E::Output, ResponseError> {
    endpoint.parse(&response(status, body), REQUEST_ID.parse().unwrap())
}

/// The answer of a fixture, parsed by `endpoint`.
fn parse_fixture<E: Endpoint>(endpoint: &E, name: &str) -> Result<E::Output, ResponseError> {
    let fixture = hec_fixtures::corpus::get(name).unwrap_or_else(|| panic!("no fixture {name}"));
    endpoint.parse(&fixture.response.to_http(), REQUEST_ID.parse().unwrap())
}

const API: &str = "/app/hec-api/v1.0";

fn path(rest: &str) -> String {
    format!("{API}{rest}")
}

fn key(text: &str) -> ToolExceptionKey {
    ToolExceptionKey::new(text).unwrap()
}

fn criteria() -> ApExceptionCriteria {
    ApExceptionCriteria::builder()
        .sender_domain("evil.example")
        .sender_domain_matching(DomainMatching::EndsWith)
        .link_domain("pay.evil.example")
        .comment("payroll campaign")
        .build()
        .unwrap()
}

// ---- anti-phishing ------------------------------------------------------------------------

#[test]
fn anti_phishing_requests_have_their_methods_paths_and_bodies() {
    let id = || "700000101".parse().unwrap();
    let body = json!({"requestData": {"senderDomain": "evil.example", "senderDomainMatching": "ends_with",
        "linkDomains": ["pay.evil.example"], "comment": "payroll campaign", "ignoringSpfCheck": false}});
    let cases = [
        (
            sent(&ListApExceptions::new(ApExceptionType::Whitelist)),
            ("GET", "/exceptions/whitelist", Value::Null),
        ),
        (
            sent(&GetApException::new((ApExceptionType::SpamWhitelist, id()))),
            ("GET", "/exceptions/spam_whitelist/700000101", Value::Null),
        ),
        (
            sent(&CreateApException::new((ApExceptionType::Blacklist, criteria()))),
            ("POST", "/exceptions/blacklist", body.clone()),
        ),
        (
            sent(&ModifyApException::new((ApExceptionType::Blacklist, id(), criteria()))),
            ("PUT", "/exceptions/blacklist/700000101", body),
        ),
        (
            sent(&DeleteApException::new((ApExceptionType::Whitelist, id()))),
            ("POST", "/exceptions/whitelist/delete/700000101", Value::Null),
        ),
    ];
    for ((method, got_path, got_body), (want_method, want_path, want_body)) in cases {
        assert_eq!((method.as_str(), got_path, got_body), (want_method, path(want_path), want_body));
    }
}

#[test]
fn anti_phishing_writes_are_not_idempotent_and_name_their_templates_and_codes() {
    assert_eq!(
        [CreateApException::IDEMPOTENT, ModifyApException::IDEMPOTENT, DeleteApException::IDEMPOTENT],
        [false; 3]
    );
    assert_eq!([ListApExceptions::IDEMPOTENT, GetApException::IDEMPOTENT], [true; 2]);
    assert_eq!(ListApExceptions::PATH_TEMPLATE, path("/exceptions/{excType}"));
    assert_eq!(GetApException::PATH_TEMPLATE, path("/exceptions/{excType}/{excId}"));
    assert_eq!(DeleteApException::PATH_TEMPLATE, path("/exceptions/{excType}/delete/{excId}"));
    let codes = [
        <(ApExceptionType, ApExceptionCriteria) as WriteKind>::SUCCESS_CODE,
        <(ApExceptionType, hec_proto::model::ExceptionId, ApExceptionCriteria) as WriteKind>::SUCCESS_CODE,
        <(ApExceptionType, hec_proto::model::ExceptionId) as WriteKind>::SUCCESS_CODE,
    ];
    assert_eq!(codes, [200, 200, 204]);
}

#[test]
fn the_anti_phishing_list_reads_the_live_answer_and_its_quirks() {
    let list =
        parse_fixture(&ListApExceptions::new(ApExceptionType::Whitelist), "exception-list-live").unwrap();
    let ids: Vec<&str> = list.iter().map(|e| e.id.as_ref().unwrap().as_str()).collect();
    assert_eq!(ids, ["700000101", "700000102"]);
    assert!(list[0].link_domains.is_empty(), "linkDomains: false is no domains");
    assert!(list[0].raw().get().contains(r#""linkDomains":false"#), "and is kept as sent");
    let quirks =
        parse_fixture(&ListApExceptions::new(ApExceptionType::Blacklist), "exception-list-quirks").unwrap();
    assert_eq!(quirks[0].link_domains, ["portal.evil.example", "login.evil.example"]);
    assert_eq!(quirks[1].id.as_ref().unwrap().as_str(), "700000302");
    assert!(quirks[1].raw().get().contains(r#""entityId":700000302"#));
    let empty = parse_fixture(&ListApExceptions::new(ApExceptionType::SpamWhitelist), "exception-list-empty");
    assert_eq!(empty.unwrap(), []);
}

#[test]
fn one_anti_phishing_exception_reads_from_a_list_of_one_or_an_object() {
    let call = GetApException::new((ApExceptionType::Blacklist, "700000201".parse().unwrap()));
    let from_list = parse_fixture(&call, "exception-get-list-of-one").unwrap();
    let from_object = parse_fixture(&call, "exception-get-object").unwrap();
    assert_eq!(from_list, from_object);
    assert_eq!(from_list.sender_email.as_deref(), Some("payroll@evil.example"));
    let sample = GetApException::new((ApExceptionType::Blacklist, "126802091".parse().unwrap()));
    let sample = parse_fixture(&sample, "exception-get-official-sample").unwrap();
    assert_eq!(
        (sample.match_only_future, sample.quarantine_all, sample.ignoring_spf_check),
        (Some(false), Some(true), Some(true))
    );
}

#[test]
fn an_unknown_anti_phishing_id_is_not_found_with_the_answers_status() {
    let call = GetApException::new((ApExceptionType::Whitelist, "1".parse().unwrap()));
    let error =
        parse(&call, 200, r#"{"responseEnvelope":{"responseCode":200},"responseData":[]}"#).unwrap_err();
    assert_eq!((error.kind(), error.status().as_u16()), (ResponseErrorKind::NotFound, 200));
    let error =
        parse(&call, 200, r#"{"responseEnvelope":{"responseCode":200},"responseData":null}"#).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::NotFound);
}

#[test]
fn anti_phishing_writes_read_their_envelope_codes() {
    let create = CreateApException::new((ApExceptionType::Whitelist, criteria()));
    let written = parse_fixture(&create, "exception-create-200").unwrap();
    assert_eq!((written.response_code(), written.is_documented_code()), (Some(200), true));
    assert_eq!(written.request_id(), Some("6a1f0c2e-8b3d-4e5f-9a7b-1c2d3e4f5a66"));
    let modify =
        ModifyApException::new((ApExceptionType::Whitelist, "700000101".parse().unwrap(), criteria()));
    assert_eq!(parse_fixture(&modify, "exception-modify-200").unwrap().response_code(), Some(200));
    let delete = DeleteApException::new((ApExceptionType::Whitelist, "700000101".parse().unwrap()));
    let written = parse_fixture(&delete, "exception-delete-204-in-200").unwrap();
    assert_eq!(
        (written.status.as_u16(), written.response_code(), written.is_documented_code()),
        (200, Some(204), true)
    );
}

#[test]
fn a_bare_http_204_is_a_delete_done_without_an_envelope() {
    let delete = DeleteApException::new((ApExceptionType::Blacklist, "700000201".parse().unwrap()));
    let written = parse_fixture(&delete, "exception-delete-http-204-empty").unwrap();
    assert_eq!(
        (written.status.as_u16(), written.envelope.clone(), written.is_documented_code()),
        (204, None, true)
    );
    assert_eq!(parse(&delete, 200, " \n").unwrap().envelope, None);
}

#[test]
fn a_refused_write_is_an_api_error_with_the_services_words() {
    let create = CreateApException::new((ApExceptionType::Blacklist, criteria()));
    let error = parse_fixture(&create, "exception-create-422-in-200").unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::ApiError);
    let detail = error.detail();
    assert_eq!((detail.status.as_u16(), detail.response_code), (200, Some(422)));
    assert_eq!(detail.response_text.as_deref(), Some("Exception already exists"));
    assert_eq!(detail.request_id.as_deref(), Some("6a1f0c2e-8b3d-4e5f-9a7b-1c2d3e4f5a69"));
}

#[test]
fn a_write_answered_with_another_success_code_is_done_but_says_so() {
    let delete = DeleteApException::new((ApExceptionType::Whitelist, "700000101".parse().unwrap()));
    let written =
        parse(&delete, 200, r#"{"responseEnvelope":{"responseCode":200},"responseData":[{"x":1}]}"#).unwrap();
    assert_eq!(
        (written.response_code(), written.documented_code, written.is_documented_code()),
        (Some(200), 204, false)
    );
}

#[test]
fn a_write_answer_that_does_not_say_it_was_done_is_malformed() {
    let delete = DeleteApException::new((ApExceptionType::Whitelist, "700000101".parse().unwrap()));
    for body in ["<html>ok</html>", "[]", r#"{"ok": true}"#, "null", r#"{"responseEnvelope": "#] {
        let error = parse(&delete, 200, body).unwrap_err();
        assert_eq!(error.kind(), ResponseErrorKind::Malformed, "{body}");
    }
    let error = parse(&delete, 503, "").unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::ServerError);
}

// ---- security tools -----------------------------------------------------------------------

#[test]
fn tool_requests_have_their_methods_paths_and_bodies() {
    let url = || key("https://payroll.evil.example/login?next=/pay");
    let entity: EntityId = "0f3c5e7a".parse().unwrap();
    let new = NewToolException::new(ToolExceptionType::BLOCK_URL, url())
        .entity("office365_emails_email", entity.clone())
        .file_name("invoice.html")
        .created_by_email("soc@acme.example")
        .exclusive(true)
        .comment("campaign")
        .condition(LinkCondition::WithLink);
    let update = ToolExceptionUpdate::builder(ToolExceptionType::BLOCK_URL, url())
        .condition(LinkCondition::WithoutLink)
        .build()
        .unwrap();
    let delete = ToolExceptionDelete::new(ToolExceptionType::HASH, key("9e107d9d"))
        .entity("office365_emails_email", entity);
    let many = ToolExceptionBulkDelete::new(
        ToolExceptionType::SENDER_EMAIL,
        [key("a@x.example"), key("b@x.example")],
    )
    .unwrap();
    let cases = [
        (
            sent(&GetToolException::new((SecTool::UrlReputation, ToolExceptionType::BLOCK_URL, url()))),
            (
                "GET",
                "/sectool-exceptions/avanan_url/exceptions/block-url/https%3A%2F%2Fpayroll.evil.example%2Flogin%3Fnext%3D%2Fpay",
                Value::Null,
            ),
        ),
        (
            sent(&CreateToolException::new((SecTool::UrlReputation, new))),
            (
                "POST",
                "/sectool-exceptions/avanan_url",
                json!({"requestData": {"exceptionType": "block-url", "exceptionStr": "https://payroll.evil.example/login?next=/pay",
                    "entityType": "office365_emails_email", "entityId": "0f3c5e7a", "fileName": "invoice.html",
                    "createdByEmail": "soc@acme.example", "isExclusive": true, "comment": "campaign",
                    "exceptionPayload": {"condition": "with_link"}}}),
            ),
        ),
        (
            sent(&UpdateToolException::new((SecTool::UrlReputation, update))),
            (
                "PUT",
                "/sectool-exceptions/avanan_url",
                json!({"requestData": {"exceptionType": "block-url", "exceptionStr": "https://payroll.evil.example/login?next=/pay",
                    "exceptionPayload": {"condition": "without_link"}}}),
            ),
        ),
        (
            sent(&DeleteToolException::new((SecTool::AntiMalware, delete))),
            (
                "DELETE",
                "/sectool-exceptions/checkpoint2",
                json!({"requestData": {"exceptionType": "hash", "exceptionStr": "9e107d9d",
                    "entityType": "office365_emails_email", "entityId": "0f3c5e7a"}}),
            ),
        ),
        (
            sent(&DeleteToolExceptions::new((SecTool::Dlp, many))),
            (
                "DELETE",
                "/sectool-exceptions/avanan_dlp/exceptions",
                json!({"requestData": {"exceptionType": "sender_email", "exceptionStrList": ["a@x.example", "b@x.example"]}}),
            ),
        ),
    ];
    for ((method, got_path, got_body), (want_method, want_path, want_body)) in cases {
        assert_eq!((method.as_str(), got_path, got_body), (want_method, path(want_path), want_body));
    }
    let idempotent = [
        CreateToolException::IDEMPOTENT,
        UpdateToolException::IDEMPOTENT,
        DeleteToolException::IDEMPOTENT,
        DeleteToolExceptions::IDEMPOTENT,
    ];
    assert_eq!(idempotent, [false; 4]);
    assert_eq!(
        [
            <(SecTool, NewToolException) as WriteKind>::SUCCESS_CODE,
            <(SecTool, ToolExceptionUpdate) as WriteKind>::SUCCESS_CODE,
            <(SecTool, ToolExceptionDelete) as WriteKind>::SUCCESS_CODE,
            <(SecTool, ToolExceptionBulkDelete) as WriteKind>::SUCCESS_CODE,
        ],
        [201, 200, 204, 204]
    );
}

#[test]
fn the_tool_list_is_a_get_with_a_body_and_the_cursor_as_last_evaluated_key() {
    let query = ToolExceptionQuery::new(SecTool::UrlReputation, ToolExceptionType::BLOCK_DOMAIN)
        .filter(ToolExceptionIndex::Comment, "payroll")
        .sort(SortDir::Desc)
        .limit(2);
    let first = sent(&ListToolExceptions::new(query.clone()));
    assert_eq!(
        first,
        (
            "GET".to_owned(),
            path("/sectool-exceptions/avanan_url/exceptions/block-domain"),
            json!({"requestData": {"filterStr": "payroll", "filterIndex": "comment", "sortDir": "desc",
                "insertTimeGte": false, "limit": 2}})
        )
    );
    let (_, _, next) = sent(&ListToolExceptions::at(query.clone(), Some("cdn.evil.example".to_owned())));
    assert_eq!(next["requestData"]["lastEvaluatedKey"], "cdn.evil.example");
    // A query that starts after a key sends it on its first page; the cursor replaces it after.
    let (_, _, started) = sent(&ListToolExceptions::new(query.clone().after("a.example")));
    assert_eq!(started["requestData"]["lastEvaluatedKey"], "a.example");
    let (_, _, later) = sent(&ListToolExceptions::at(query.after("a.example"), Some("c.example".to_owned())));
    assert_eq!(later["requestData"]["lastEvaluatedKey"], "c.example");
    assert_eq!(ListToolExceptions::PATH_TEMPLATE, path("/sectool-exceptions/{sectool}/exceptions/{excType}"));
    assert_eq!(<ToolExceptionQuery as PagedQuery>::CURSOR, CursorField::LastEvaluatedKey);
}

#[test]
fn the_tool_lists_next_key_is_read_where_the_answer_puts_it() {
    let call = ListToolExceptions::new(ToolExceptionQuery::new(
        SecTool::UrlReputation,
        ToolExceptionType::BLOCK_DOMAIN,
    ));
    let page = parse_fixture(&call, "sectool-exception-list-page").unwrap();
    assert_eq!(page.cursor.as_deref(), Some("payroll-portal.evil.example"));
    let keys: Vec<&str> = page.items.iter().map(|e| e.exception_str.as_deref().unwrap()).collect();
    assert_eq!(keys, ["cdn.evil.example", "payroll-portal.evil.example"]);
    let cursor = |body: &str| parse(&call, 200, body).unwrap().cursor;
    let data = r#""responseData":[{"exception_str":"a"}]"#;
    assert_eq!(
        cursor(&format!(r#"{{"responseEnvelope":{{"scrollId":""}},{data},"lastEvaluatedKey":"top"}}"#))
            .as_deref(),
        Some("top")
    );
    assert_eq!(
        cursor(&format!(r#"{{"responseEnvelope":{{"scrollId":"s","lastEvaluatedKey":"inner"}},{data}}}"#))
            .as_deref(),
        Some("inner")
    );
    // DynamoDB's own key is an object: it is not a text to send back, so it is not read.
    assert_eq!(
        cursor(&format!(
            r#"{{"responseEnvelope":{{"scrollId":""}},{data},"lastEvaluatedKey":{{"exception_str":"a"}}}}"#
        ))
        .as_deref(),
        Some("")
    );
    assert_eq!(cursor(&format!(r#"{{"responseEnvelope":{{"lastEvaluatedKey":null}},{data}}}"#)), None);
}

#[test]
fn a_tool_list_key_past_the_cursor_cap_is_malformed_at_the_field_it_came_from() {
    let call = ListToolExceptions::new(ToolExceptionQuery::new(
        SecTool::UrlReputation,
        ToolExceptionType::BLOCK_DOMAIN,
    ));
    let data = r#""responseData":[{"exception_str":"a"}]"#;
    let at_cap = "k".repeat(MAX_CURSOR_BYTES);
    let page = parse(&call, 200, &format!(r#"{{{data},"lastEvaluatedKey":"{at_cap}"}}"#)).unwrap();
    assert_eq!(page.cursor.as_ref().map(String::len), Some(MAX_CURSOR_BYTES));
    let over = "k".repeat(MAX_CURSOR_BYTES + 1);
    let answers = [
        (format!(r#"{{{data},"lastEvaluatedKey":"{over}"}}"#), "lastEvaluatedKey"),
        (
            format!(r#"{{"responseEnvelope":{{"scrollId":"s","lastEvaluatedKey":"{over}"}},{data}}}"#),
            "responseEnvelope.lastEvaluatedKey",
        ),
        (format!(r#"{{"responseEnvelope":{{"scrollId":"{over}"}},{data}}}"#), "responseEnvelope.scrollId"),
    ];
    for (body, field) in answers {
        let error = parse(&call, 200, &body).unwrap_err();
        let ResponseError::Malformed { path, reason, .. } = &error else { panic!("{error:?}") };
        assert_eq!(path, field);
        assert_eq!(
            reason,
            "the cursor has 65537 bytes, more than the 65536 bytes (64 KiB) a cursor may have"
        );
        assert!(error.to_string().len() < 600, "{error}");
    }
}

#[test]
fn the_tool_list_pages_until_the_key_runs_out() {
    let mut pager =
        Pager::new(ToolExceptionQuery::new(SecTool::AntiMalware, ToolExceptionType::HASH).limit(1));
    let answers = [
        r#"{"responseEnvelope":{"responseCode":200,"scrollId":"a"},"responseData":[{"exception_str":"a"}]}"#,
        r#"{"responseData":[{"exception_str":"b"}],"lastEvaluatedKey":"b"}"#,
        r#"{"responseEnvelope":{"responseCode":200,"scrollId":""},"responseData":[{"exception_str":"c"}]}"#,
    ];
    let mut keys_sent = Vec::new();
    for answer in answers {
        let call = pager.poll_call().expect("another page");
        let (_, _, body) = sent(&call);
        keys_sent.push(body["requestData"].get("lastEvaluatedKey").cloned());
        pager.handle_page(&parse(&call, 200, answer).unwrap());
    }
    assert_eq!(keys_sent, [None, Some(json!("a")), Some(json!("b"))]);
    assert!(pager.poll_call().is_none());
    assert_eq!(pager.end(), Some(PagerEnd::EmptyCursor));
}

#[test]
fn one_tool_exception_reads_from_a_list_of_one_or_an_object() {
    let call = GetToolException::new((
        SecTool::AntiMalware,
        ToolExceptionType::HASH,
        key("9e107d9d372bb6826bd81d3542a419d6"),
    ));
    let live = parse_fixture(&call, "sectool-exception-get-live").unwrap();
    let object = parse_fixture(&call, "sectool-exception-get-object").unwrap();
    assert_eq!(live, object);
    assert_eq!(live.created_by_email.as_deref(), Some("soc-admin@acme.example"));
    let url = GetToolException::new((
        SecTool::UrlReputation,
        ToolExceptionType::BLOCK_URL,
        key("https://payroll-portal.evil.example/login?next=/pay"),
    ));
    let fixture = hec_fixtures::corpus::get("sectool-exception-get-url-key").unwrap();
    assert_eq!(url.path(), fixture.request.path, "the key is encoded as the fixture's request has it");
    assert_eq!(
        parse_fixture(&url, "sectool-exception-get-url-key").unwrap().condition.as_deref(),
        Some("with_or_without_link")
    );
    let error =
        parse(&call, 200, r#"{"responseEnvelope":{"responseCode":200},"responseData":[]}"#).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::NotFound);
}

#[test]
fn tool_writes_read_201_and_204_inside_http_200_and_refusals() {
    let create =
        CreateToolException::new((SecTool::Dlp, NewToolException::new(ToolExceptionType::HASH, key("x"))));
    let written = parse_fixture(&create, "sectool-exception-create-201").unwrap();
    assert_eq!((written.response_code(), written.is_documented_code()), (Some(201), true));
    let error = parse_fixture(&create, "sectool-exception-create-422-in-200").unwrap_err();
    assert_eq!(
        (error.kind(), error.detail().response_text.as_deref()),
        (ResponseErrorKind::ApiError, Some("exception already exists: 9e107d9d372bb6826bd81d3542a419d6"))
    );
    let update = UpdateToolException::new((
        SecTool::UrlReputation,
        ToolExceptionUpdate::builder(ToolExceptionType::BLOCK_URL, key("x")).comment("c").build().unwrap(),
    ));
    assert!(parse_fixture(&update, "sectool-exception-update-200").unwrap().is_documented_code());
    let delete = DeleteToolException::new((
        SecTool::AntiMalware,
        ToolExceptionDelete::new(ToolExceptionType::HASH, key("x")),
    ));
    assert!(parse_fixture(&delete, "sectool-exception-delete-204-in-200").unwrap().is_documented_code());
    let many = DeleteToolExceptions::new((
        SecTool::UrlReputation,
        ToolExceptionBulkDelete::new(ToolExceptionType::BLOCK_DOMAIN, [key("x")]).unwrap(),
    ));
    assert!(parse_fixture(&many, "sectool-exception-delete-many-204-in-200").unwrap().is_documented_code());
}

// ---- anomaly --------------------------------------------------------------------------------

#[test]
fn anomaly_requests_and_answers() {
    let mut rule = serde_json::Map::new();
    rule.insert("eventId".to_owned(), json!("3c5e7a9b"));
    let create =
        CreateAnomalyException::new(NewAnomalyException::new(rule).unwrap().added_by("soc@acme.example"));
    let delete = DeleteAnomalyExceptions::new(
        AnomalyExceptionDelete::new(["10001".parse().unwrap(), "10002".parse().unwrap()]).unwrap(),
    );
    let anomaly = path("/sectools/anomaly/exceptions");
    assert_eq!(
        sent(&ListAnomalyExceptions::new(AllAnomalyExceptions)),
        ("GET".to_owned(), anomaly.clone(), Value::Null)
    );
    assert_eq!(
        sent(&create),
        (
            "POST".to_owned(),
            anomaly.clone(),
            json!({"requestData": {"requestJson": {"eventId": "3c5e7a9b"}, "addedBy": "soc@acme.example"}})
        )
    );
    assert_eq!(
        sent(&delete),
        ("DELETE".to_owned(), anomaly, json!({"requestData": {"ruleId": ["10001", "10002"]}}))
    );
    let rules = parse_fixture(&ListAnomalyExceptions::default(), "anomaly-exception-list-live").unwrap();
    assert_eq!(rules[0].anomaly_type.as_deref(), Some("superman_anomaly"));
    let quirks = parse_fixture(&ListAnomalyExceptions::default(), "anomaly-exception-list-quirks").unwrap();
    assert_eq!((quirks[0].id.as_ref().unwrap().as_str(), quirks[0].enabled), ("10002", Some(false)));
    assert_eq!(parse_fixture(&create, "anomaly-exception-create-201").unwrap().response_code(), Some(201));
    assert!(parse_fixture(&delete, "anomaly-exception-delete-204-in-200").unwrap().is_documented_code());
    let error = parse_fixture(&delete, "anomaly-exception-delete-422-in-200").unwrap_err();
    assert_eq!(error.detail().response_text.as_deref(), Some("rule not found: 99999"));
}

// ---- click-time protection ---------------------------------------------------------------

#[test]
fn click_time_requests_have_their_methods_paths_and_bodies() {
    let item = || "4711000000000001".parse().unwrap();
    let body = || CtpItemBody::new(CtpListId::block(), "payroll.evil.example", "soc@acme.example").unwrap();
    let body_json = json!({"requestData": {"listId": "1", "listItemName": "payroll.evil.example", "createdBy": "soc@acme.example"}});
    let lists = "/sectools/click_time_protection/exceptions";
    let cases = [
        (sent(&ListCtpLists::new(AllCtpLists)), ("GET", lists.to_owned(), Value::Null)),
        (sent(&GetCtpList::new(CtpListId::allow())), ("GET", format!("{lists}/0"), Value::Null)),
        (sent(&ListCtpItems::new(AllCtpItems)), ("GET", format!("{lists}/items"), Value::Null)),
        (sent(&GetCtpItem::new(item())), ("GET", format!("{lists}/items/4711000000000001"), Value::Null)),
        (sent(&CreateCtpItem::new(body())), ("POST", format!("{lists}/items"), body_json.clone())),
        (
            sent(&UpdateCtpItem::new((item(), body()))),
            ("PUT", format!("{lists}/items/4711000000000001"), body_json),
        ),
        (
            sent(&DeleteCtpItem::new(item())),
            ("DELETE", format!("{lists}/items/4711000000000001"), Value::Null),
        ),
        (
            sent(&DeleteCtpItems::new(CtpItemsDelete::new([item()]).unwrap())),
            (
                "DELETE",
                format!("{lists}/items"),
                json!({"requestData": {"listItemIds": ["4711000000000001"]}}),
            ),
        ),
        (sent(&DeleteCtpLists::new(AllCtpLists)), ("DELETE", lists.to_owned(), Value::Null)),
    ];
    for ((method, got_path, got_body), (want_method, want_path, want_body)) in cases {
        assert_eq!((method.as_str(), got_path, got_body), (want_method, path(&want_path), want_body));
    }
    assert_eq!(
        [
            <CtpItemBody as WriteKind>::SUCCESS_CODE,
            <(hec_proto::model::CtpItemId, CtpItemBody) as WriteKind>::SUCCESS_CODE,
            <hec_proto::model::CtpItemId as WriteKind>::SUCCESS_CODE,
            <CtpItemsDelete as WriteKind>::SUCCESS_CODE,
            <AllCtpLists as WriteKind>::SUCCESS_CODE,
        ],
        [201, 200, 204, 204, 204]
    );
}

#[test]
fn click_time_reads_rows_items_and_one_item_as_an_object() {
    let rows = parse_fixture(&ListCtpLists::default(), "ctp-lists-live").unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].items[0].name.as_deref(), Some("payroll-portal.evil.example"));
    let allow = parse_fixture(&GetCtpList::new(CtpListId::allow()), "ctp-list-live").unwrap();
    assert!(allow.iter().all(|row| row.list_id == Some(CtpListId::allow())));
    let items = parse_fixture(&ListCtpItems::default(), "ctp-items-live").unwrap();
    assert_eq!(items.len(), 2);
    let one = GetCtpItem::new("4711000000000001".parse().unwrap());
    let object = parse_fixture(&one, "ctp-item-object-live").unwrap();
    let listed = parse_fixture(&one, "ctp-item-list-of-one").unwrap();
    assert_eq!(object, listed);
    assert_eq!(object.raw(), items[0].raw(), "the same item, kept exactly as sent");
}

#[test]
fn click_time_writes_accept_201_as_the_http_status_too() {
    let create =
        CreateCtpItem::new(CtpItemBody::new(CtpListId::allow(), "a.example", "soc@acme.example").unwrap());
    assert_eq!(parse_fixture(&create, "ctp-item-create-201").unwrap().status.as_u16(), 200);
    let written = parse_fixture(&create, "ctp-item-create-http-201").unwrap();
    assert_eq!(
        (written.status.as_u16(), written.response_code(), written.is_documented_code()),
        (201, Some(201), true)
    );
    let error = parse_fixture(&create, "ctp-item-create-422-in-200").unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::ApiError);
    let item = || "4711000000000002".parse().unwrap();
    let update = UpdateCtpItem::new((
        item(),
        CtpItemBody::new(CtpListId::block(), "b.example", "soc@acme.example").unwrap(),
    ));
    assert!(parse_fixture(&update, "ctp-item-update-200").unwrap().is_documented_code());
    assert!(
        parse_fixture(&DeleteCtpItem::new(item()), "ctp-item-delete-204-in-200")
            .unwrap()
            .is_documented_code()
    );
    let many = DeleteCtpItems::new(CtpItemsDelete::new([item()]).unwrap());
    assert!(parse_fixture(&many, "ctp-items-delete-204-in-200").unwrap().is_documented_code());
}

// ---- the families' shared reading -----------------------------------------------------------

#[test]
fn a_read_by_id_names_the_json_path_that_did_not_fit() {
    let call = GetCtpItem::new("1".parse().unwrap());
    let error =
        parse(&call, 200, r#"{"responseEnvelope":{"responseCode":200},"responseData":{"listid":"x/y"}}"#)
            .unwrap_err();
    match error {
        ResponseError::Malformed { path, reason, .. } => {
            assert_eq!(path, "responseData");
            assert!(reason.starts_with("listid: invalid click-time-protection list id"), "{reason}");
        }
        other => panic!("not malformed: {other:?}"),
    }
    let error = parse(
        &call,
        200,
        r#"{"responseEnvelope":{"responseCode":200},"responseData":[{}, {"listid":"x/y"}]}"#,
    )
    .unwrap_err();
    match error {
        ResponseError::Malformed { path, reason, .. } => {
            assert_eq!(path, "responseData[1]");
            assert!(reason.starts_with("listid: "), "{reason}");
        }
        other => panic!("not malformed: {other:?}"),
    }
    let error =
        parse(&call, 200, r#"{"responseEnvelope":{"responseCode":200},"responseData":"item"}"#).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::Malformed);
    let error = parse(&call, 200, r#"{"unrelated": 1}"#).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::Malformed);
}

#[test]
fn a_read_by_id_takes_a_bare_list_and_refuses_a_failed_envelope_whatever_its_data() {
    let call = GetCtpItem::new("1".parse().unwrap());
    assert_eq!(
        parse(&call, 200, r#"[{"listitemname":"a.example"}]"#).unwrap().name.as_deref(),
        Some("a.example")
    );
    let error = parse(&call, 200, r#"{"responseEnvelope":{"responseCode":422,"responseText":"no"},"responseData":{"listitemname":"a"}}"#).unwrap_err();
    assert_eq!((error.kind(), error.detail().response_code), (ResponseErrorKind::ApiError, Some(422)));
}

#[test]
fn a_list_takes_null_data_as_none_and_reports_a_failure() {
    assert_eq!(
        parse(
            &ListCtpItems::default(),
            200,
            r#"{"responseEnvelope":{"responseCode":200},"responseData":null}"#
        )
        .unwrap(),
        []
    );
    let error = parse(
        &ListApExceptions::new(ApExceptionType::Whitelist),
        200,
        r#"{"responseEnvelope":{"responseCode":500},"responseData":[]}"#,
    )
    .unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::ApiError);
    let error = parse(&ListApExceptions::new(ApExceptionType::Whitelist), 404, "not here").unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::NotFound);
}
