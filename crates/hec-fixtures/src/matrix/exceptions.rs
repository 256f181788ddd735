//! The allow and block lists in the matrix: [`ExceptionDriver`], the calls a driver offers for
//! them, and their scenarios, one function each, against the mock's demo tenant (which serves
//! every exception family statefully): each method's request, what it reads back, the tool
//! list's paging by `lastEvaluatedKey` (a GET with a body), and the write rule: a write that may
//! have run is never sent again, while a read is retried. Instantiated by
//! [`exception_matrix!`](crate::exception_matrix).

use hec_proto::endpoint::Written;
use hec_proto::model::{
    AnomalyException, AnomalyExceptionDelete, ApException, ApExceptionCriteria, ApExceptionType, CtpItem,
    CtpItemBody, CtpItemId, CtpItemsDelete, CtpListId, CtpListRow, ExceptionId, LinkCondition,
    NewAnomalyException, NewToolException, SecTool, SortDir, TextMatching, ToolException,
    ToolExceptionBulkDelete, ToolExceptionDelete, ToolExceptionKey, ToolExceptionQuery, ToolExceptionType,
    ToolExceptionUpdate,
};
use hec_proto::{Error, ResponseErrorKind};
use serde_json::{Value, json};

use super::{Harness, ReadDriver};
use crate::mock::{Fault, FaultRule, MockGateway};

/// The allow- and block-list calls of `hec-blocking` and `hec-async`, made synchronous (an async
/// driver blocks on its runtime), each the client's method of the same name.
pub trait ExceptionDriver: ReadDriver {
    /// Every anti-phishing exception of `list`.
    fn list_ap_exceptions(&self, list: ApExceptionType) -> Result<Vec<ApException>, Error>;
    /// One anti-phishing exception.
    fn get_ap_exception(&self, list: ApExceptionType, id: &ExceptionId) -> Result<ApException, Error>;
    /// A new anti-phishing exception.
    fn create_ap_exception(
        &self,
        list: ApExceptionType,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error>;
    /// An anti-phishing exception changed.
    fn modify_ap_exception(
        &self,
        list: ApExceptionType,
        id: &ExceptionId,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error>;
    /// An anti-phishing exception deleted.
    fn delete_ap_exception(&self, list: ApExceptionType, id: &ExceptionId) -> Result<Written, Error>;
    /// One security-tool exception, by its type and key.
    fn get_tool_exception(
        &self,
        tool: SecTool,
        exception_type: &ToolExceptionType,
        key: &ToolExceptionKey,
    ) -> Result<ToolException, Error>;
    /// Every item of the tool list `query` pages through (a failed page is the last item), and
    /// how many pages were read.
    fn list_tool_exceptions(&self, query: ToolExceptionQuery) -> (Vec<Result<ToolException, Error>>, u32);
    /// A new security-tool exception.
    fn create_tool_exception(&self, tool: SecTool, exception: &NewToolException) -> Result<Written, Error>;
    /// A security-tool exception changed.
    fn update_tool_exception(&self, tool: SecTool, update: &ToolExceptionUpdate) -> Result<Written, Error>;
    /// A security-tool exception deleted.
    fn delete_tool_exception(&self, tool: SecTool, delete: &ToolExceptionDelete) -> Result<Written, Error>;
    /// Several security-tool exceptions deleted.
    fn delete_tool_exceptions(
        &self,
        tool: SecTool,
        delete: &ToolExceptionBulkDelete,
    ) -> Result<Written, Error>;
    /// Every anomaly rule.
    fn list_anomaly_exceptions(&self) -> Result<Vec<AnomalyException>, Error>;
    /// A new anomaly rule.
    fn create_anomaly_exception(&self, rule: &NewAnomalyException) -> Result<Written, Error>;
    /// Anomaly rules deleted.
    fn delete_anomaly_exceptions(&self, delete: &AnomalyExceptionDelete) -> Result<Written, Error>;
    /// Every click-time-protection list, a row per item.
    fn list_ctp_lists(&self) -> Result<Vec<CtpListRow>, Error>;
    /// One click-time-protection list.
    fn get_ctp_list(&self, id: &CtpListId) -> Result<Vec<CtpListRow>, Error>;
    /// Every click-time-protection item.
    fn list_ctp_items(&self) -> Result<Vec<CtpItem>, Error>;
    /// One click-time-protection item.
    fn get_ctp_item(&self, id: &CtpItemId) -> Result<CtpItem, Error>;
    /// A new click-time-protection item.
    fn create_ctp_item(&self, item: &CtpItemBody) -> Result<Written, Error>;
    /// A click-time-protection item changed.
    fn update_ctp_item(&self, id: &CtpItemId, item: &CtpItemBody) -> Result<Written, Error>;
    /// A click-time-protection item deleted.
    fn delete_ctp_item(&self, id: &CtpItemId) -> Result<Written, Error>;
    /// Several click-time-protection items deleted.
    fn delete_ctp_items(&self, delete: &CtpItemsDelete) -> Result<Written, Error>;
    /// Every click-time-protection list emptied.
    fn delete_all_ctp_lists(&self) -> Result<Written, Error>;
}

/// The names of every exception scenario, in order (from
/// [`for_each_exception_scenario!`](crate::for_each_exception_scenario), the list
/// [`exception_matrix!`](crate::exception_matrix) instantiates).
pub const EXCEPTION_SCENARIOS: &[&str] = crate::for_each_exception_scenario!([scenario_names]);

const API: &str = "/app/hec-api/v1.0";

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
                serde_json::from_slice(&request.body).expect("the driver sends JSON bodies")
            };
            (request.method.to_string(), body)
        })
        .collect()
}

fn key(text: &str) -> ToolExceptionKey {
    ToolExceptionKey::new(text).expect("a valid tool exception key")
}

/// The value of `result`, or a panic naming `what` and the error (kept for the secrets check).
fn ok<D, T>(h: &mut Harness<D>, what: &str, result: Result<T, Error>) -> T {
    result.unwrap_or_else(|error| panic!("{what}: expected an answer, got {}", h.seen(error)))
}

/// The error of `result` (kept for the secrets check), or a panic naming `what` and the answer.
fn err<D, T: std::fmt::Debug>(h: &mut Harness<D>, what: &str, result: Result<T, Error>) -> Error {
    match result {
        Ok(answer) => panic!("{what}: expected an error, got {answer:?}"),
        Err(error) => h.seen(error),
    }
}

fn ap_ids(exceptions: &[ApException]) -> Vec<String> {
    exceptions.iter().map(|e| e.id.as_ref().map(ToString::to_string).unwrap_or_default()).collect()
}

/// An anti-phishing exception is listed, created (its body as sent), read back, modified,
/// deleted (a POST to `.../delete/{id}`), and then not found.
pub fn an_anti_phishing_exception_is_created_found_modified_and_deleted<D: ExceptionDriver>(
    h: &mut Harness<D>,
) {
    let client = h.client();
    let before = ok(h, "the allow list", client.list_ap_exceptions(ApExceptionType::Whitelist));
    check_eq!(ap_ids(&before), ["700000101", "700000102"], "the allow list's ids");
    let criteria = ApExceptionCriteria::builder()
        .sender_email("billing@vendor.example")
        .sender_email_matching(TextMatching::Exact)
        .comment("new supplier")
        .build()
        .expect("valid criteria");
    let written = ok(h, "the creation", client.create_ap_exception(ApExceptionType::Whitelist, &criteria));
    check_eq!(
        (written.response_code(), written.is_documented_code()),
        (Some(200), true),
        "the creation's code"
    );
    check_eq!(
        sent(&h.mock, "/exceptions/whitelist"),
        [
            ("GET".to_owned(), Value::Null),
            (
                "POST".to_owned(),
                json!({"requestData": {"senderEmail": "billing@vendor.example", "senderEmailMatching": "exact",
                    "comment": "new supplier", "ignoringSpfCheck": false}})
            ),
        ],
        "the requests to the allow list"
    );
    let listed = ok(h, "the allow list after", client.list_ap_exceptions(ApExceptionType::Whitelist));
    check_eq!(ap_ids(&listed), ["700000101", "700000102", "700000401"], "the allow list's ids after");
    let id = listed[2].id.clone().expect("the new exception's id");
    let got = ok(h, "the new exception", client.get_ap_exception(ApExceptionType::Whitelist, &id));
    check_eq!(
        (got.sender_email.as_deref(), got.comment.as_deref()),
        (Some("billing@vendor.example"), Some("new supplier")),
        "the new exception's sender and comment"
    );

    let changed = ApExceptionCriteria::builder().sender_domain("vendor.example").build().expect("valid");
    let modified = ok(h, "the change", client.modify_ap_exception(ApExceptionType::Whitelist, &id, &changed));
    check_eq!(modified.is_documented_code(), true, "the change's code ({:?})", modified.response_code());
    let got = ok(h, "the changed exception", client.get_ap_exception(ApExceptionType::Whitelist, &id));
    check_eq!(
        (got.sender_email, got.sender_domain.as_deref()),
        (None, Some("vendor.example")),
        "the changed exception's sender and domain"
    );

    let deleted = ok(h, "the deletion", client.delete_ap_exception(ApExceptionType::Whitelist, &id));
    check_eq!(
        (deleted.response_code(), deleted.is_documented_code()),
        (Some(204), true),
        "the deletion's code"
    );
    check_eq!(
        sent(&h.mock, "/exceptions/whitelist/delete/700000401"),
        [("POST".to_owned(), Value::Null)],
        "the deletion's request"
    );
    let gone = err(h, "the deleted exception", client.get_ap_exception(ApExceptionType::Whitelist, &id));
    check_eq!(gone.response_error().map(|e| e.kind()), Some(ResponseErrorKind::NotFound), "the deleted one");
}

/// A write the service refuses (responseCode 422 inside HTTP 200) is an API error with the
/// service's text, sent once.
pub fn a_refused_write_is_an_api_error_sent_once<D: ExceptionDriver>(h: &mut Harness<D>) {
    let id = "999999999".parse().expect("a valid exception id");
    let result = h.client().delete_ap_exception(ApExceptionType::Blacklist, &id);
    let error = err(h, "the deletion of an unknown exception", result);
    let detail = error.response_error().map(|e| e.detail().clone());
    check_eq!(
        detail.as_ref().map(|d| (d.response_code, d.response_text.as_deref())),
        Some((Some(422), Some("exception not found: 999999999"))),
        "the refusal's code and text"
    );
    check_eq!(sent(&h.mock, "/exceptions/blacklist/delete/999999999").len(), 1, "the deletions sent");
}

/// A write answered 503 may have run: it is an unknown outcome, never sent again.
pub fn a_write_that_may_have_run_is_not_sent_again<D: ExceptionDriver>(h: &mut Harness<D>) {
    h.mock.fault(
        FaultRule::on_path(format!("{API}/sectool-exceptions/checkpoint2")).always().then(Fault::status(503)),
    );
    let body = NewToolException::new(ToolExceptionType::HASH, key("0cc175b9c0f1b6a831c399e269772661"));
    let result = h.client().create_tool_exception(SecTool::AntiMalware, &body);
    let error = err(h, "a creation answered 503", result);
    match &error {
        Error::ActionOutcomeUnknown { last } => {
            check_eq!(last.kind_name(), "server_error", "the last attempt")
        }
        other => panic!("expected an unknown outcome, got {other:?}"),
    }
    check_eq!(sent(&h.mock, "/sectool-exceptions/checkpoint2").len(), 1, "the creations sent (never again)");
}

/// A read answered 503 is retried, and then reads the list.
pub fn a_read_is_retried_after_a_503<D: ExceptionDriver>(h: &mut Harness<D>) {
    h.mock.fault(
        FaultRule::on_path(format!("{API}/sectools/anomaly/exceptions")).nth(1).then(Fault::status(503)),
    );
    let result = h.client().list_anomaly_exceptions();
    let rules = ok(h, "the anomaly rules", result);
    check_eq!(rules.len(), 2, "the anomaly rules read");
    check_eq!(sent(&h.mock, "/sectools/anomaly/exceptions").len(), 2, "the reads sent (one retry)");
}

/// The tool list pages with a GET carrying a body, each page's request the last key of the page
/// before, until a page comes without one.
pub fn the_tool_list_pages_with_a_get_body_and_the_last_key<D: ExceptionDriver>(h: &mut Harness<D>) {
    let query = ToolExceptionQuery::new(SecTool::UrlReputation, ToolExceptionType::BLOCK_DOMAIN)
        .sort(SortDir::Asc)
        .limit(2);
    let (items, pages) = h.client().list_tool_exceptions(query);
    let keys: Vec<String> = items
        .into_iter()
        .map(|item| ok(h, "a tool exception", item).exception_str.unwrap_or_default())
        .collect();
    check_eq!(
        keys,
        [
            "cdn.evil.example",
            "files.evil.example",
            "login.evil.example",
            "payroll-portal.evil.example",
            "tracker.evil.example"
        ],
        "the keys listed"
    );
    check_eq!(pages, 3, "the pages read");
    let bodies = sent(&h.mock, "/sectool-exceptions/avanan_url/exceptions/block-domain");
    let methods: Vec<&str> = bodies.iter().map(|(method, _)| method.as_str()).collect();
    check_eq!(methods, ["GET", "GET", "GET"], "the methods of the page requests");
    let keys_sent: Vec<Option<&Value>> =
        bodies.iter().map(|(_, body)| body["requestData"].get("lastEvaluatedKey")).collect();
    check_eq!(
        keys_sent,
        [None, Some(&json!("files.evil.example")), Some(&json!("payroll-portal.evil.example"))],
        "the last keys sent"
    );
    check_eq!(
        bodies[0].1,
        json!({"requestData": {"sortDir": "asc", "insertTimeGte": false, "limit": 2}}),
        "the first page's body"
    );
}

/// A tool exception keyed by a URL is created, read back by its percent-encoded key, updated and
/// deleted; then several are deleted at once and none is left.
pub fn a_tool_exception_is_created_read_by_its_url_key_updated_and_deleted<D: ExceptionDriver>(
    h: &mut Harness<D>,
) {
    let client = h.client();
    let url = key("https://payroll-portal.evil.example/login?next=/pay");
    let new = NewToolException::new(ToolExceptionType::BLOCK_URL, url.clone()).comment("landing page");
    let created = ok(h, "the creation", client.create_tool_exception(SecTool::UrlReputation, &new));
    check_eq!(created.response_code(), Some(201), "the creation's code");
    let read = |h: &mut Harness<D>| {
        ok(
            h,
            "the new exception",
            client.get_tool_exception(SecTool::UrlReputation, &ToolExceptionType::BLOCK_URL, &url),
        )
    };
    let got = read(h);
    check_eq!(
        (got.exception_str.as_deref(), got.comment.as_deref()),
        (Some(url.as_str()), Some("landing page")),
        "the new exception's key and comment"
    );
    let asked = h.mock.requests_to(&format!("{API}/sectool-exceptions/avanan_url/exceptions/block-url/"));
    check_eq!(
        asked.first().map(|request| request.path.clone()),
        Some(format!(
            "{API}/sectool-exceptions/avanan_url/exceptions/block-url/https%3A%2F%2Fpayroll-portal.evil.example%2Flogin%3Fnext%3D%2Fpay"
        )),
        "the read's path"
    );
    let update = ToolExceptionUpdate::builder(ToolExceptionType::BLOCK_URL, url.clone())
        .condition(LinkCondition::WithLink)
        .build()
        .expect("a valid update");
    let updated = ok(h, "the update", client.update_tool_exception(SecTool::UrlReputation, &update));
    check_eq!(updated.is_documented_code(), true, "the update's code ({:?})", updated.response_code());
    check_eq!(read(h).condition.as_deref(), Some("with_link"), "the updated condition");
    let delete = ToolExceptionDelete::new(ToolExceptionType::BLOCK_URL, url.clone());
    let deleted = ok(h, "the deletion", client.delete_tool_exception(SecTool::UrlReputation, &delete));
    check_eq!(deleted.response_code(), Some(204), "the deletion's code");
    check_eq!(
        sent(&h.mock, "/sectool-exceptions/avanan_url"),
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
        ],
        "the writes sent"
    );
    let gone = client.get_tool_exception(SecTool::UrlReputation, &ToolExceptionType::BLOCK_URL, &url);
    let gone = err(h, "the deleted exception", gone);
    check_eq!(gone.response_error().map(|e| e.kind()), Some(ResponseErrorKind::NotFound), "the deleted one");
    let many = ToolExceptionBulkDelete::new(
        ToolExceptionType::HASH,
        [key("9e107d9d372bb6826bd81d3542a419d6"), key("e4d909c290d0fb1ca068ffaddf22cbd0")],
    )
    .expect("a valid bulk delete");
    let bulk = ok(h, "the bulk deletion", client.delete_tool_exceptions(SecTool::AntiMalware, &many));
    check_eq!(bulk.is_documented_code(), true, "the bulk deletion's code ({:?})", bulk.response_code());
    let (left, _) =
        client.list_tool_exceptions(ToolExceptionQuery::new(SecTool::AntiMalware, ToolExceptionType::HASH));
    check_eq!(left.len(), 0, "the hash exceptions left");
}

/// An anomaly rule is created (its body as sent), listed, and two are deleted by id.
pub fn anomaly_rules_are_created_and_deleted_by_id<D: ExceptionDriver>(h: &mut Harness<D>) {
    let client = h.client();
    let mut rule = serde_json::Map::new();
    rule.insert("anomalyType".to_owned(), json!("superman_anomaly"));
    let new = NewAnomalyException::new(rule).expect("a valid rule").added_by("soc@acme.example");
    let created = ok(h, "the creation", client.create_anomaly_exception(&new));
    check_eq!(created.response_code(), Some(201), "the creation's code");
    let ids = |h: &mut Harness<D>| -> Vec<String> {
        let rules = ok(h, "the anomaly rules", client.list_anomaly_exceptions());
        rules.iter().map(|r| r.id.as_ref().map(ToString::to_string).unwrap_or_default()).collect()
    };
    check_eq!(ids(h), ["10001", "10002", "10003"], "the rules' ids");
    let delete =
        AnomalyExceptionDelete::new(["10001".parse().expect("an id"), "10003".parse().expect("an id")])
            .expect("a valid deletion");
    let deleted = ok(h, "the deletion", client.delete_anomaly_exceptions(&delete));
    check_eq!(deleted.response_code(), Some(204), "the deletion's code");
    check_eq!(
        sent(&h.mock, "/sectools/anomaly/exceptions"),
        [
            (
                "POST".to_owned(),
                json!({"requestData": {"requestJson": {"anomalyType": "superman_anomaly"}, "addedBy": "soc@acme.example"}})
            ),
            ("GET".to_owned(), Value::Null),
            ("DELETE".to_owned(), json!({"requestData": {"ruleId": ["10001", "10003"]}})),
        ],
        "the requests to the anomaly rules"
    );
    check_eq!(ids(h), ["10002"], "the rules' ids after the deletion");
}

/// Click-time-protection items are created, moved from the block list to the allow list, read,
/// deleted one and two at a time, and every list is emptied with one DELETE.
pub fn click_time_items_move_between_the_lists<D: ExceptionDriver>(h: &mut Harness<D>) {
    let client = h.client();
    check_eq!(ok(h, "the lists", client.list_ctp_lists()).len(), 3, "the list rows");
    check_eq!(
        ok(h, "the block list", client.get_ctp_list(&CtpListId::block())).len(),
        1,
        "the block list rows"
    );
    let body =
        CtpItemBody::new(CtpListId::block(), "cdn.evil.example", "soc@acme.example").expect("a valid item");
    let created = ok(h, "the creation", client.create_ctp_item(&body));
    check_eq!(created.response_code(), Some(201), "the creation's code");
    let items = ok(h, "the items", client.list_ctp_items());
    let new = items.last().and_then(|item| item.id.clone()).expect("the new item");
    check_eq!(new.as_str(), "4711000000000101", "the new item's id");
    let moved = CtpItemBody::new(CtpListId::allow(), "cdn.partner.example", "soc@acme.example")
        .expect("a valid item");
    let updated = ok(h, "the move", client.update_ctp_item(&new, &moved));
    check_eq!(updated.is_documented_code(), true, "the move's code ({:?})", updated.response_code());
    let got = ok(h, "the moved item", client.get_ctp_item(&new));
    check_eq!(
        (got.list_id, got.name.as_deref()),
        (Some(CtpListId::allow()), Some("cdn.partner.example")),
        "the moved item's list and name"
    );
    let deleted = ok(h, "the deletion", client.delete_ctp_item(&new));
    check_eq!(deleted.response_code(), Some(204), "the deletion's code");
    let gone = err(h, "the deleted item", client.get_ctp_item(&new));
    check_eq!(gone.response_error().map(|e| e.kind()), Some(ResponseErrorKind::NotFound), "the deleted one");
    let two = CtpItemsDelete::new([
        "4711000000000001".parse().expect("an id"),
        "4711000000000002".parse().expect("an id"),
    ])
    .expect("a valid deletion");
    let both = ok(h, "the deletion of two", client.delete_ctp_items(&two));
    check_eq!(both.is_documented_code(), true, "the deletion of two's code ({:?})", both.response_code());
    check_eq!(ok(h, "the items after", client.list_ctp_items()).len(), 1, "the items left");
    let emptied = ok(h, "the emptying", client.delete_all_ctp_lists());
    check_eq!(emptied.is_documented_code(), true, "the emptying's code ({:?})", emptied.response_code());
    check_eq!(ok(h, "the lists after", client.list_ctp_lists()), [], "the lists after the emptying");
    let deletes: Vec<(String, Value)> = sent(&h.mock, "/sectools/click_time_protection/exceptions")
        .into_iter()
        .filter(|(method, _)| method == "DELETE")
        .collect();
    check_eq!(deletes, [("DELETE".to_owned(), Value::Null)], "the emptying's request");
}
