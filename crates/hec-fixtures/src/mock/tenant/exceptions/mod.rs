//! The demo tenant's allow and block lists: every exception family of the API, served statefully
//! (what a request creates shows in the next list, what it deletes is gone) with the envelope
//! codes Check Point's own integration expects.
//!
//! | family | paths (below `/app/hec-api/v1.0`) |
//! |---|---|
//! | anti-phishing ([`anti_phishing`]) | `GET`/`POST exceptions/{excType}`, `GET`/`PUT exceptions/{excType}/{excId}`, `POST exceptions/{excType}/delete/{excId}` |
//! | security tools ([`tool`]) | `POST`/`PUT`/`DELETE sectool-exceptions/{sectool}`, `DELETE .../{sectool}/exceptions`, `GET .../{sectool}/exceptions/{excType}[/{excStr}]` |
//! | anomaly ([`anomaly`]) | `GET`/`POST`/`DELETE sectools/anomaly/exceptions` |
//! | click-time protection ([`click_time`]) | `GET`/`DELETE sectools/click_time_protection/exceptions`, `GET .../exceptions/{listId}`, `GET`/`POST`/`DELETE .../exceptions/items`, `GET`/`PUT`/`DELETE .../exceptions/items/{itemId}` |
//!
//! Every answer is HTTP 200 with the live envelope. Reads answer `responseCode` 200; creates 200
//! (anti-phishing) or 201 (tools, anomaly, click-time items); updates 200; deletes 204; writes
//! answer `responseData: []`. Whatever the live service would refuse gets its logical failure
//! (HTTP 200, `responseCode` 422, a `responseText` saying why, `responseData: []`) and changes
//! nothing; that includes a body that is not JSON or not `{"requestData": {...}}` (the tenant's
//! other endpoints answer those 400). Token and request id are checked first, as everywhere.
//!
//! # What the mock assumes where the facts are uncertain (docs/HEC-API.md part 2, section 1)
//!
//! - HTTP status: always 200, the envelope carrying 201/204 (Check Point's tests patch only the
//!   envelope). The live service may send HTTP 201/204; a client must accept both.
//! - Single reads: `exceptions/{excType}/{excId}` answers a list of one (Check Point's code reads
//!   `responseData[0]`); a tool exception by key and a click-time item by id answer a bare
//!   object (the item is captured so; Check Point's tests turn the tool capture into an object).
//!   An unknown id or key answers `[]`; an id of the wrong form the logical failure.
//! - Anti-phishing: a create or modify without a single criterion is refused (the reference marks
//!   every field optional; the mock refuses what would match all mail). The created record has
//!   every field, `null` when unset, `linkDomains` `false` when empty and a list otherwise,
//!   `matchOnlyFuture` / `quarantineAll` only when sent (as the strings sent), `updateTime` in RFC
//!   1123, `addedBy` / `editedBy` [`API_USER`]. The request's `entityId` (a mail) is accepted
//!   and not stored: the record's `entityId` is the new exception's id. A modify replaces every
//!   criterion. The create answer holds no id: list to find it. Ids count up from
//!   [`FIRST_NEW_EXCEPTION_ID`](seed::FIRST_NEW_EXCEPTION_ID).
//! - Tools: an exception is keyed by tool, type and `exceptionStr`; creating one that exists is
//!   refused, and so is a type the tool does not document. Records have the captured fields
//!   (`comment`, `created_by_email`, `exception_str`, `farm_customer_exception_type` =
//!   `mock-farm:demo-tenant:<sectool>:<type>`, `insert_time` RFC 3339 `Z`) and `exception_payload`
//!   when a condition was given; `entityType`, `entityId`, `fileName`, `isExclusive` are checked
//!   for type and not stored. The key in a get-one path is percent-decoded.
//! - Tool list paging (no capture is public): the list is sorted by `exception_str` (`sortDir`
//!   `asc` by default, `desc` reversed), `limit` items a page (default 100, at most 100);
//!   `lastEvaluatedKey` is an `exception_str`, the page starts after it in that order (it need
//!   not exist any more, as with DynamoDB); the next page's key is in `responseEnvelope.scrollId`
//!   (the last item's `exception_str`), `""` on the last page; `recordsNumber` counts every
//!   match. `filterIndex` + `filterStr` keep the records whose field contains the text, case
//!   aside (`insert_time`, `exception_str`, `created_by_email`, `comment`; `file_name` and
//!   `entity_type_id` match nothing, the mock stores neither); `insertTimeGte` must be a boolean
//!   and is ignored. The body is optional (a GET without one lists everything).
//! - Anomaly: `requestJson`'s fields are not documented; the new rule takes `anomaly_type` from
//!   `requestJson.anomalyType` (else `unknown`), `event_id` from `eventId`, `comments` from
//!   `comment`, and `exception_rule` is `requestJson` as JSON text; `enabled` true, times naive
//!   with microseconds. A delete names rule ids that all exist, or nothing is deleted.
//! - Click-time protection: lists `"0"` (`whitelist`) and `"1"` (`blacklist`); a row per item.
//!   `listId` may be a string or a number. Deleting several items needs every id to exist.
//!   `DELETE .../exceptions` (every list) empties both lists.

mod anomaly;
mod anti_phishing;
mod click_time;
mod read;
mod route;
pub(crate) mod seed;
mod tool;

use bytes::Bytes;
use http::{Response, StatusCode};
use serde::Serialize;
use serde_json::Value;

use crate::mock::{answer, api};

pub(crate) use route::Call;

/// Who the mock says made or changed an exception through the API.
pub(crate) const API_USER: &str = "hec-api@demo-tenant.example";

/// The tenant's exception lists, every family.
#[derive(Debug)]
pub(crate) struct Exceptions {
    anti_phishing: anti_phishing::Lists,
    tools: tool::Tools,
    anomaly: anomaly::Rules,
    click_time: click_time::Items,
}

impl Exceptions {
    /// The seeded lists, dated relative to `start`.
    pub(crate) fn new(start: jiff::Timestamp) -> Exceptions {
        Exceptions {
            anti_phishing: anti_phishing::Lists::seeded(start),
            tools: tool::Tools::seeded(start),
            anomaly: anomaly::Rules::seeded(start),
            click_time: click_time::Items::seeded(start),
        }
    }

    /// Answers one exception request (its token and request id already checked).
    pub(crate) fn handle(&mut self, call: Call<'_>, request_id: &str, body: &[u8]) -> Response<Bytes> {
        let now = jiff::Timestamp::now();
        let outcome = match call {
            Call::ApList(kind) => self.anti_phishing.list(kind),
            Call::ApGet(kind, id) => self.anti_phishing.get(kind, id),
            Call::ApCreate(kind) => self.anti_phishing.create(kind, body, now),
            Call::ApModify(kind, id) => self.anti_phishing.modify(kind, id, body, now),
            Call::ApDelete(kind, id) => self.anti_phishing.delete(kind, id),
            Call::ToolGet(tool, kind, key) => self.tools.get(tool, kind, key),
            Call::ToolList(tool, kind) => self.tools.list(tool, kind, body),
            Call::ToolCreate(tool) => self.tools.create(tool, body, now),
            Call::ToolUpdate(tool) => self.tools.update(tool, body),
            Call::ToolDelete(tool) => self.tools.delete(tool, body),
            Call::ToolDeleteMany(tool) => self.tools.delete_many(tool, body),
            Call::AnomalyList => Ok(Answer::list(self.anomaly.all())),
            Call::AnomalyCreate => self.anomaly.create(body, now),
            Call::AnomalyDelete => self.anomaly.delete(body),
            Call::CtpLists => Ok(self.click_time.rows(None)),
            Call::CtpList(list) => self.click_time.list(list),
            Call::CtpDeleteAll => Ok(self.click_time.delete_all()),
            Call::CtpItems => Ok(Answer::list(self.click_time.all())),
            Call::CtpItem(id) => self.click_time.get(id),
            Call::CtpItemCreate => self.click_time.create(body, now),
            Call::CtpItemUpdate(id) => self.click_time.update(id, body),
            Call::CtpItemDelete(id) => self.click_time.delete(id),
            Call::CtpItemsDelete => self.click_time.delete_many(body),
        };
        match outcome {
            Ok(answer) => answer.into_response(request_id),
            Err(why) => api::logical_failure(request_id, &why),
        }
    }
}

/// What an exception request answers when it succeeds.
#[derive(Debug)]
pub(super) enum Answer {
    /// `responseData` a list of these records; `recordsNumber` `total`, `scrollId` `scroll_id`.
    List { items: Vec<Value>, total: u64, scroll_id: String },
    /// `responseData` this one record, bare.
    Object(Value),
    /// A write: this envelope code (200, 201 or 204) and `responseData: []`.
    Written(u16),
}

impl Answer {
    /// Every one of `items`, on one page.
    fn list(items: Vec<Value>) -> Answer {
        let total = items.len() as u64;
        Answer::List { items, total, scroll_id: String::new() }
    }

    fn into_response(self, request_id: &str) -> Response<Bytes> {
        match self {
            Answer::List { items, total, scroll_id } => reply(request_id, 200, total, &scroll_id, &items),
            Answer::Object(item) => reply(request_id, 200, 1, "", &item),
            Answer::Written(code) => reply(request_id, code, 0, "", &[(); 0]),
        }
    }
}

/// HTTP 200 and the live envelope with this code around `data`.
fn reply(
    request_id: &str,
    code: u16,
    records: u64,
    scroll_id: &str,
    data: &impl Serialize,
) -> Response<Bytes> {
    let response_envelope = api::Envelope {
        request_id,
        response_code: code,
        response_text: "",
        records_number: records,
        scroll_id,
    };
    answer::json(StatusCode::OK, &api::Body { response_envelope, response_data: data })
}

/// The outcome of one request: an answer, or why the service refuses it.
type Outcome = Result<Answer, String>;
