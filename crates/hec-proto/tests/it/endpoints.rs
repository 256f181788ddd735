//! The endpoints around tasks (scopes, search, entity, events, actions): the exact requests
//! they build, and how they read answers under the one success rule.

use std::time::{Duration, SystemTime};

use hec_proto::endpoint::{
    ActOnEntities, ActOnEvents, Endpoint, GetEntity, GetEvent, GetScopes, SearchEntities, SearchEvents,
};
use hec_proto::{
    AccessToken, BaseUrl, EntityAction, EntityId, EntityQuery, EventAction, EventId, EventQuery, Filter,
    FilterOp, ResponseError, ResponseErrorKind,
};

const REQUEST_ID: &str = "3b241101-e2bb-4255-8caf-4136c566a962";

fn base() -> BaseUrl {
    "https://gw.example.com/prefix".parse().unwrap()
}

/// 2026-11-21T10:00:00Z plus `seconds`.
fn at(seconds: u64) -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_255_200 + seconds)
}

fn request<E: Endpoint>(endpoint: &E) -> http::Request<Vec<u8>> {
    endpoint.request(&base(), &AccessToken::new("tok-1"), REQUEST_ID.parse().unwrap()).unwrap()
}

fn headers(request: &http::Request<Vec<u8>>) -> Vec<(String, String)> {
    request.headers().iter().map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap().to_owned())).collect()
}

fn body(request: &http::Request<Vec<u8>>) -> &str {
    std::str::from_utf8(request.body()).unwrap()
}

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder().status(status).body(body.as_bytes().to_vec()).unwrap()
}

fn parse<E: Endpoint>(endpoint: &E, status: u16, body: &str) -> Result<E::Output, ResponseError> {
    endpoint.parse(&response(status, body), REQUEST_ID.parse().unwrap())
}

fn entity_ids(texts: &[&str]) -> Vec<EntityId> {
    texts.iter().map(|text| text.parse().unwrap()).collect()
}

const POST_HEADERS: [(&str, &str); 4] = [
    ("x-av-req-id", REQUEST_ID),
    ("authorization", "Bearer tok-1"),
    ("accept", "application/json"),
    ("content-type", "application/json"),
];

fn post_headers() -> Vec<(String, String)> {
    POST_HEADERS.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

// --- Requests ------------------------------------------------------------------------------------

#[test]
fn get_requests_carry_three_headers_no_body_and_their_path() {
    let cases: [(http::Request<Vec<u8>>, &str); 3] = [
        (request(&GetScopes), "/prefix/app/hec-api/v1.0/scopes"),
        (
            request(&GetEntity::new("0f3c2a9e5b7d4c1f".parse().unwrap())),
            "/prefix/app/hec-api/v1.0/search/entity/0f3c2a9e5b7d4c1f",
        ),
        (request(&GetEvent::new("9c1d7e2f".parse().unwrap())), "/prefix/app/hec-api/v1.0/event/9c1d7e2f"),
    ];
    for (request, path) in cases {
        assert_eq!(request.method(), http::Method::GET);
        assert_eq!(request.uri().path(), path);
        assert_eq!(request.uri().host(), Some("gw.example.com"));
        assert_eq!(headers(&request), post_headers()[..3].to_vec());
        assert!(request.body().is_empty());
    }
}

#[test]
fn a_search_sends_its_filter_dates_filters_and_cursor_in_request_data() {
    let query = EntityQuery::new("office365_emails", at(0))
        .end(at(3600))
        .from_is("payroll@evil.example")
        .subject_contains("Payroll \"update\"")
        .recipient_contains("alex@example.com")
        .message_id_is("<m1@mail.example.com>")
        .filter(Filter::new("entityPayload.isQuarantined", FilterOp::Is, "false"));
    let call = SearchEntities { query, cursor: Some("9c4e7ee4".to_owned()) };
    let request = request(&call);
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().path(), "/prefix/app/hec-api/v1.0/search/query");
    assert_eq!(headers(&request), post_headers());
    assert_eq!(
        body(&request),
        concat!(
            r#"{"requestData":{"entityFilter":{"saas":"office365_emails","saasEntity":"office365_emails_email","#,
            r#""startDate":"2026-11-21T10:00:00Z","endDate":"2026-11-21T11:00:00Z"},"entityExtendedFilter":["#,
            r#"{"saasAttrName":"entityPayload.fromEmail","saasAttrOp":"is","saasAttrValue":"payroll@evil.example"},"#,
            r#"{"saasAttrName":"entityPayload.subject","saasAttrOp":"contains","saasAttrValue":"Payroll \"update\""},"#,
            r#"{"saasAttrName":"entityPayload.recipients","saasAttrOp":"contains","saasAttrValue":"alex@example.com"},"#,
            r#"{"saasAttrName":"entityPayload.internetMessageId","saasAttrOp":"is","saasAttrValue":"<m1@mail.example.com>"},"#,
            r#"{"saasAttrName":"entityPayload.isQuarantined","saasAttrOp":"is","saasAttrValue":"false"}],"#,
            r#""scrollId":"9c4e7ee4"}}"#
        )
    );
}

#[test]
fn a_search_without_filters_or_end_leaves_them_out_and_dates_drop_subseconds() {
    let call = SearchEntities::new(EntityQuery::new("google_mail", at(0) + Duration::from_millis(999)));
    assert_eq!(
        body(&request(&call)),
        r#"{"requestData":{"entityFilter":{"saas":"google_mail","saasEntity":"google_mail_email","startDate":"2026-11-21T10:00:00Z"}}}"#
    );
}

#[test]
fn a_search_of_another_saas_can_name_its_entity_type() {
    let query = EntityQuery::new("office365_onedrive", at(0)).saas_entity("office365_onedrive_file");
    assert_eq!(query.saas_entity_type(), "office365_onedrive_file");
    assert!(
        body(&request(&SearchEntities::new(query))).contains(r#""saasEntity":"office365_onedrive_file""#)
    );
}

#[test]
fn an_event_query_sends_every_list_it_was_given_and_its_cursor() {
    let query = EventQuery::new(at(0))
        .end(at(60))
        .event_type("phishing")
        .event_type("malware")
        .state("new")
        .state("detected")
        .severity(5)
        .severity(4)
        .saas("office365_emails")
        .event_id("9c1d7e2f".parse::<EventId>().unwrap())
        .description("payroll");
    let call = SearchEvents { query, cursor: Some("30b609a3".to_owned()) };
    let request = request(&call);
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().path(), "/prefix/app/hec-api/v1.0/event/query");
    assert_eq!(headers(&request), post_headers());
    assert_eq!(
        body(&request),
        concat!(
            r#"{"requestData":{"startDate":"2026-11-21T10:00:00Z","endDate":"2026-11-21T10:01:00Z","#,
            r#""eventTypes":["phishing","malware"],"eventStates":["new","detected"],"severities":[5,4],"#,
            r#""saas":["office365_emails"],"eventIds":["9c1d7e2f"],"description":"payroll","scrollId":"30b609a3"}}"#
        )
    );
    assert_eq!(
        body(&self::request(&SearchEvents::new(EventQuery::new(at(0))))),
        r#"{"requestData":{"startDate":"2026-11-21T10:00:00Z"}}"#
    );
}

#[test]
fn an_entity_action_sends_ids_type_and_name_as_a_string() {
    let call = ActOnEntities::new(EntityAction::Restore, "google_mail", entity_ids(&["a1", "b2"]))
        .param(serde_json::json!({"reason": "false positive"}));
    let request = request(&call);
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.uri().path(), "/prefix/app/hec-api/v1.0/action/entity");
    assert_eq!(headers(&request), post_headers());
    assert_eq!(
        body(&request),
        r#"{"requestData":{"entityIds":["a1","b2"],"entityType":"google_mail_email","entityActionName":"restore","entityActionParam":{"reason":"false positive"}}}"#
    );
    let other = ActOnEntities::new(EntityAction::Other("delete".into()), "box", entity_ids(&["f1"]))
        .with_entity_type("box_file");
    assert_eq!(
        body(&self::request(&other)),
        r#"{"requestData":{"entityIds":["f1"],"entityType":"box_file","entityActionName":"delete"}}"#
    );
}

#[test]
fn an_event_action_sends_ids_and_name() {
    let call = ActOnEvents::new(EventAction::Dismiss, vec!["e1".parse().unwrap(), "e2".parse().unwrap()])
        .param(serde_json::json!(7));
    let request = request(&call);
    assert_eq!(request.uri().path(), "/prefix/app/hec-api/v1.0/action/event");
    assert_eq!(headers(&request), post_headers());
    assert_eq!(
        body(&request),
        r#"{"requestData":{"eventIds":["e1","e2"],"eventActionName":"dismiss","eventActionParam":7}}"#
    );
}

#[test]
fn only_actions_are_not_idempotent() {
    let idempotent = [
        ActOnEntities::IDEMPOTENT,
        ActOnEvents::IDEMPOTENT,
        GetScopes::IDEMPOTENT,
        SearchEntities::IDEMPOTENT,
        GetEntity::IDEMPOTENT,
        SearchEvents::IDEMPOTENT,
        GetEvent::IDEMPOTENT,
    ];
    assert_eq!(idempotent, [false, false, true, true, true, true, true]);
}

#[test]
fn action_names_read_from_their_wire_text() {
    assert_eq!(EntityAction::from_wire("Quarantine"), EntityAction::Quarantine);
    assert_eq!(EntityAction::from_wire("restore"), EntityAction::Restore);
    assert_eq!(EntityAction::from_wire("delete"), EntityAction::Other("delete".to_owned()));
    assert_eq!(EventAction::from_wire("DISMISS").as_str(), "dismiss");
    assert_eq!(EventAction::from_wire("exception"), EventAction::Other("exception".to_owned()));
}

#[test]
fn batches_hold_at_most_100_ids_in_order_and_keep_the_action() {
    let ids: Vec<EntityId> = (0..250u64).map(EntityId::from).collect();
    let batches = ActOnEntities::new(EntityAction::Quarantine, "office365_emails", ids.clone())
        .param(serde_json::json!(1))
        .into_batches();
    assert_eq!(batches.iter().map(|batch| batch.ids().len()).collect::<Vec<_>>(), [100, 100, 50]);
    let rejoined: Vec<EntityId> = batches.iter().flat_map(|batch| batch.ids().to_vec()).collect();
    assert_eq!(rejoined, ids);
    assert!(batches.iter().all(|batch| batch.action() == &EntityAction::Quarantine
        && batch.entity_type() == "office365_emails_email"
        && body(&request(batch)).ends_with(r#""entityActionParam":1}}"#)));
    assert!(ActOnEntities::new(EntityAction::Quarantine, "x", Vec::new()).into_batches().is_empty());
    let events: Vec<EventId> = (0..100u64).map(EventId::from).collect();
    assert_eq!(ActOnEvents::new(EventAction::Dismiss, events).into_batches().len(), 1);
}

// --- Answers -------------------------------------------------------------------------------------

const ENVELOPE_OK: &str = r#""responseEnvelope": {"requestId": "r-1", "responseCode": 200, "responseText": "",
    "additionalText": "", "recordsNumber": 2, "scrollId": ""}"#;

#[test]
fn scopes_are_the_list_of_strings() {
    let answer =
        parse(&GetScopes, 200, &format!(r#"{{{ENVELOPE_OK}, "responseData": ["farm-1:customer-1"]}}"#))
            .unwrap();
    assert_eq!(answer.scopes, ["farm-1:customer-1"]);
    assert_eq!(answer.envelope.unwrap().records_number, Some(2));
}

#[test]
fn a_422_inside_a_200_is_an_api_error_for_every_list_endpoint() {
    let failure = r#"{"responseEnvelope": {"requestId": "r-9", "responseCode": 422, "responseText": "bad"},
        "responseData": []}"#;
    let errors = [
        parse(&GetScopes, 200, failure).unwrap_err(),
        parse(&SearchEntities::new(EntityQuery::new("google_mail", at(0))), 200, failure).unwrap_err(),
        parse(&GetEntity::new("a".parse().unwrap()), 200, failure).unwrap_err(),
        parse(&ActOnEntities::new(EntityAction::Quarantine, "google_mail", Vec::new()), 200, failure)
            .unwrap_err(),
        parse(&SearchEvents::new(EventQuery::new(at(0))), 200, failure).unwrap_err(),
        parse(&GetEvent::new("e".parse().unwrap()), 200, failure).unwrap_err(),
        parse(&ActOnEvents::new(EventAction::Dismiss, Vec::new()), 200, failure).unwrap_err(),
    ];
    for error in errors {
        assert_eq!(error.kind(), ResponseErrorKind::ApiError);
        let detail = error.detail();
        assert_eq!(
            (detail.status.as_u16(), detail.response_code, detail.response_text.as_deref()),
            (200, Some(422), Some("bad"))
        );
        assert_eq!(detail.request_id.as_deref(), Some("r-9"));
    }
}

#[test]
fn a_failed_envelope_is_reported_even_when_its_data_is_not_a_list() {
    let error =
        parse(&GetScopes, 200, r#"{"responseEnvelope": {"responseCode": 500}, "responseData": {"x": 1}}"#)
            .unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::ApiError);
}

#[test]
fn success_codes_0_201_204_and_none_are_all_success() {
    for envelope in [r#"{"responseCode": 0}"#, r#"{"responseCode": 201}"#, r#"{"responseCode": 204}"#, "{}"] {
        let body = format!(r#"{{"responseEnvelope": {envelope}, "responseData": ["s"]}}"#);
        assert_eq!(parse(&GetScopes, 200, &body).unwrap().scopes, ["s"], "{envelope}");
    }
}

#[test]
fn http_errors_keep_their_kinds_and_the_sent_request_id() {
    let unauthorized = parse(&GetScopes, 401, r#"{"message": "Authentication required"}"#).unwrap_err();
    assert_eq!(unauthorized.kind(), ResponseErrorKind::Unauthorized);
    assert_eq!(unauthorized.detail().request_id.as_deref(), Some(REQUEST_ID));
    assert_eq!(
        parse(&GetScopes, 503, "<html>busy</html>").unwrap_err().kind(),
        ResponseErrorKind::ServerError
    );
    assert_eq!(parse(&GetScopes, 429, "").unwrap_err().kind(), ResponseErrorKind::RateLimited);
}

#[test]
fn null_or_absent_data_is_an_empty_list_and_a_bare_array_is_the_list() {
    let query = || SearchEntities::new(EntityQuery::new("google_mail", at(0)));
    let null = parse(&query(), 200, r#"{"responseEnvelope": {"responseCode": 200}, "responseData": null}"#);
    assert!(null.unwrap().items.is_empty());
    let absent =
        parse(&query(), 200, r#"{"responseEnvelope": {"responseCode": 200, "scrollId": "c"}}"#).unwrap();
    assert!(absent.items.is_empty());
    assert_eq!(absent.cursor.as_deref(), Some("c"));
    let bare = parse(&GetScopes, 200, r#"["f:c"]"#).unwrap();
    assert_eq!((bare.envelope, bare.scopes), (None, vec!["f:c".to_owned()]));
}

#[test]
fn a_body_without_envelope_or_data_is_malformed() {
    let error = parse(&GetScopes, 200, r#"{"message": "hello"}"#).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::Malformed);
    assert!(error.to_string().contains("the body has neither responseEnvelope nor responseData"), "{error}");
}

#[test]
fn data_that_is_not_a_list_is_malformed_at_response_data() {
    let error =
        parse(&GetScopes, 200, r#"{"responseEnvelope": {"responseCode": 200}, "responseData": {"a": 1}}"#)
            .unwrap_err();
    match error {
        ResponseError::Malformed { path, reason, .. } => {
            assert_eq!(path, "responseData");
            assert_eq!(reason, "invalid type: map, expected a sequence at line 1 column 60");
        }
        other => panic!("expected malformed, got {other:?}"),
    }
}

#[test]
fn a_wrongly_typed_entity_field_is_malformed_at_its_item() {
    let body = r#"{"responseEnvelope": {"responseCode": 200}, "responseData": [{}, {"entityPayload": {"subject": 5}}]}"#;
    let error = parse(&SearchEntities::new(EntityQuery::new("google_mail", at(0))), 200, body).unwrap_err();
    match error {
        ResponseError::Malformed { path, reason, .. } => {
            assert_eq!(path, "responseData[1]");
            assert_eq!(
                reason,
                "entityPayload.subject: invalid type: integer `5`, expected a string at line 1 column 99"
            );
        }
        other => panic!("expected malformed, got {other:?}"),
    }
}

#[test]
fn a_search_page_carries_its_items_and_cursor_as_sent() {
    let query = || SearchEntities::new(EntityQuery::new("google_mail", at(0)));
    let page = |scroll: &str| {
        let body = format!(
            r#"{{"responseEnvelope": {{"responseCode": 200{scroll}}}, "responseData": [{{"entityInfo": {{"entityId": "a1"}}}}, {{"entityInfo": {{"entityId": "b2"}}}}]}}"#
        );
        parse(&query(), 200, &body).unwrap()
    };
    let next = page(r#", "scrollId": "c-2""#);
    assert_eq!(
        next.items.iter().map(|e| e.entity_id.as_ref().unwrap().as_str()).collect::<Vec<_>>(),
        ["a1", "b2"]
    );
    assert_eq!(next.cursor.as_deref(), Some("c-2"));
    assert_eq!(page(r#", "scrollId": """#).cursor.as_deref(), Some(""));
    assert_eq!(page(r#", "scrollId": null"#).cursor, None);
    assert_eq!(page("").cursor, None);
}

#[test]
fn an_unknown_entity_or_event_is_not_found_with_status_200() {
    let empty = r#"{"responseEnvelope": {"requestId": "r-5", "responseCode": 200, "recordsNumber": 0}, "responseData": []}"#;
    for error in [
        parse(&GetEntity::new("a".parse().unwrap()), 200, empty).unwrap_err(),
        parse(&GetEvent::new("e".parse().unwrap()), 200, empty).unwrap_err(),
    ] {
        assert_eq!(error.kind(), ResponseErrorKind::NotFound);
        assert_eq!(error.status(), http::StatusCode::OK);
        assert_eq!(error.detail().request_id.as_deref(), Some("r-5"));
        assert_eq!(
            error.to_string(),
            r#"not found (HTTP 200, responseCode 200, request id r-5, body: {"responseEnvelope": {"requestId": "r-5", "responseCode": 200, "recordsNumber": 0}, "responseData": []})"#
        );
    }
}

#[test]
fn a_lookup_answering_several_items_gives_the_first() {
    let body = r#"{"responseData": [{"eventId": "e1", "severity": 1}, {"eventId": "e2"}]}"#;
    let event = parse(&GetEvent::new("e1".parse().unwrap()), 200, body).unwrap();
    assert_eq!(event.event_id.unwrap().as_str(), "e1");
}

#[test]
fn an_action_answer_lists_one_task_per_entity_and_its_distinct_tasks() {
    let body = format!(
        r#"{{{ENVELOPE_OK}, "responseData": [{{"entityId": "a1", "taskId": "1767225600001000"}},
            {{"entityId": "b2", "taskId": "1767225600001000"}}, {{"entityId": "c3", "taskId": "1767225600001001"}}]}}"#
    );
    let call =
        ActOnEntities::new(EntityAction::Quarantine, "office365_emails", entity_ids(&["a1", "b2", "c3"]));
    let answer = parse(&call, 200, &body).unwrap();
    assert_eq!(
        answer
            .tasks
            .iter()
            .map(|t| (t.entity_id.as_ref().unwrap().as_str(), t.task_id.as_str()))
            .collect::<Vec<_>>(),
        [("a1", "1767225600001000"), ("b2", "1767225600001000"), ("c3", "1767225600001001")]
    );
    assert_eq!(
        answer.task_ids().iter().map(|id| id.as_str()).collect::<Vec<_>>(),
        ["1767225600001000", "1767225600001001"]
    );
}

#[test]
fn an_action_item_without_a_task_id_is_malformed() {
    let body = r#"{"responseData": [{"eventId": "e1"}]}"#;
    let error = parse(&ActOnEvents::new(EventAction::Dismiss, Vec::new()), 200, body).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::Malformed);
    assert!(error.to_string().contains("missing field `taskId`"), "{error}");
}
