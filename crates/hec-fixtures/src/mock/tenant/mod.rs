//! The demo tenant: fixed mail and security events, the endpoints that read them and act on them,
//! and the tasks those actions leave.
//!
//! Every endpoint checks the bearer token (401) and the request id (400) as the task endpoint
//! does, echoes `x-av-req-id` as `requestId`, and answers what the live service would refuse
//! with its logical failure (HTTP 200, `responseCode` 422, `responseData: []`); a body that is
//! not `{"requestData": {...}}` gets 400, a wrong method 405. The whole tenant is built in memory
//! when the mock starts (30 e-mails, 7 events: a few dozen kilobytes), plus, when the mock is
//! built with them, the [`live`] events of the last ten minutes, kept up to date with the clock
//! at each request. Paged answers follow [`reads`]; their cursors expire ([`scrolls`]). Its allow and block lists
//! (every exception family) are in [`exceptions`]; those answer a bad body with the logical
//! failure, not 400 (docs/HEC-API.md part 2: logical failures arrive as HTTP 200).

mod actions;
pub(crate) mod data;
mod detection;
mod download;
mod effects;
mod events;
mod exceptions;
mod filter;
pub(crate) mod live;
mod notify;
mod page;
mod reads;
mod report;
mod scan;
mod scrolls;
mod search;
mod tasks;
mod window;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, Method, Response};
use serde_json::Value;

use super::answer;
use super::api::{self, API_BASE};
use super::state::Shared;
use super::task::Task;

/// The tenant's records and the tasks its actions made.
#[derive(Debug)]
pub(crate) struct Tenant {
    records: Records,
    tasks: tasks::ActionTasks,
    exceptions: exceptions::Exceptions,
    paging: reads::Paging,
    /// The live events, if the mock serves them.
    live: Option<live::LiveEvents>,
}

/// How a tenant is built: see [`MockBuilder`](super::MockBuilder).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TenantOptions {
    /// Results per page.
    pub(crate) page_size: usize,
    /// How long a paging cursor stays valid.
    pub(crate) scroll_lifetime: Duration,
    /// Whether events arrive while the mock serves ([`live`]).
    pub(crate) live_events: bool,
}

impl Default for TenantOptions {
    fn default() -> TenantOptions {
        TenantOptions {
            page_size: page::PAGE_SIZE,
            scroll_lifetime: DEFAULT_SCROLL_LIFETIME,
            live_events: false,
        }
    }
}

/// How long a paging cursor stays valid unless the mock is built with another lifetime.
pub(crate) const DEFAULT_SCROLL_LIFETIME: Duration = Duration::from_secs(60);

/// The tenant's mail (entities) and security events, newest first, as the live service's JSON;
/// each event with its `eventCreated`, read once (a query of many events reads no date), and the
/// moment it arrived in the tenant (a scroll leaves out what arrived after its first page).
#[derive(Debug)]
pub(crate) struct Records {
    mails: Vec<Value>,
    events: Vec<EventRecord>,
    /// The mail an action has quarantined (and not restored since): "by analyst".
    quarantined_by_analyst: HashSet<String>,
}

/// One security event of the tenant.
#[derive(Debug)]
pub(crate) struct EventRecord {
    created: Option<jiff::Timestamp>,
    arrived: jiff::Timestamp,
    event: Value,
}

impl Records {
    fn mail(&self, id: &str) -> Option<&Value> {
        self.mails.iter().find(|mail| mail["entityInfo"]["entityId"] == id)
    }

    fn mail_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.mails.iter_mut().find(|mail| mail["entityInfo"]["entityId"] == id)
    }

    fn event(&self, id: &str) -> Option<&Value> {
        self.events.iter().map(|record| &record.event).find(|event| event["eventId"] == id)
    }

    fn event_mut(&mut self, id: &str) -> Option<&mut Value> {
        self.events.iter_mut().map(|record| &mut record.event).find(|event| event["eventId"] == id)
    }

    /// Adds events that arrive at `arrived` and puts every event back in order, newest first (by
    /// `eventCreated`; one without a readable time last); events of the same time keep their
    /// order.
    fn add_events(&mut self, events: impl IntoIterator<Item = Value>, arrived: jiff::Timestamp) {
        self.events.extend(events.into_iter().map(|event| EventRecord {
            created: event.get("eventCreated").and_then(window::date),
            arrived,
            event,
        }));
        self.events.sort_by_key(|record| std::cmp::Reverse(record.created));
    }
}

impl Tenant {
    /// The tenant as it is when a mock starts at `start`: every date is relative to it.
    pub(crate) fn new(start: jiff::Timestamp, options: TenantOptions) -> Tenant {
        // Whole seconds, so `received` is exactly `start` minus its age.
        let start = jiff::Timestamp::from_second(start.as_second()).unwrap_or(start);
        let mails = data::MAIL.iter().enumerate().map(|(index, mail)| mail.entity(start, index)).collect();
        let mut records = Records { mails, events: Vec::new(), quarantined_by_analyst: HashSet::new() };
        records.add_events(
            data::EVENTS.iter().enumerate().map(|(index, event)| event.event(start, index)),
            start,
        );
        Tenant {
            records,
            tasks: tasks::ActionTasks::default(),
            exceptions: exceptions::Exceptions::new(start),
            paging: reads::Paging {
                page_size: options.page_size,
                scrolls: scrolls::Scrolls::new(options.scroll_lifetime),
            },
            live: options.live_events.then(live::LiveEvents::default),
        }
    }

    /// Brings the live events (if any) up to `now`: those created since are added, those past
    /// the history removed.
    pub(crate) fn catch_up(&mut self, now: jiff::Timestamp) {
        let Some(live) = &mut self.live else { return };
        let changes = live.catch_up(now);
        if !changes.expired.is_empty() {
            self.records.events.retain(|record| {
                !record.event["eventId"]
                    .as_str()
                    .is_some_and(|id| changes.expired.iter().any(|gone| gone == id))
            });
        }
        if !changes.added.is_empty() {
            self.records.add_events(changes.added, now);
        }
    }

    /// Adds security events, shown from now on (see [`MockGateway::add_events`](super::MockGateway::add_events)).
    pub(crate) fn add_events(&mut self, events: impl IntoIterator<Item = Value>) {
        self.records.add_events(events, jiff::Timestamp::now());
    }

    /// Makes every paging cursor handed out so far invalid.
    pub(crate) fn expire_scrolls(&mut self) {
        self.paging.scrolls.expire_all();
    }

    /// One poll of task `id`, if an action made it (see [`tasks`]).
    pub(crate) fn poll_task(&mut self, id: &str) -> Option<Task> {
        self.tasks.poll(id, &mut self.records, jiff::Timestamp::now())
    }
}

/// The tenant's endpoints under [`API_BASE`], with the method each takes.
enum Endpoint<'p> {
    Scopes,
    Search,
    GetEntity(&'p str),
    ActOnEntities,
    SearchEvents,
    GetEvent(&'p str),
    ActOnEvents,
    Download(&'p str),
    Notify,
    ReportMisclassification,
}

impl<'p> Endpoint<'p> {
    fn of(path: &'p str) -> Option<Endpoint<'p>> {
        let rest = path.strip_prefix(API_BASE)?;
        let one_segment =
            |prefix: &str| rest.strip_prefix(prefix).filter(|id| !id.is_empty() && !id.contains('/'));
        Some(match rest {
            "/scopes" => Endpoint::Scopes,
            "/search/query" => Endpoint::Search,
            "/action/entity" => Endpoint::ActOnEntities,
            "/event/query" => Endpoint::SearchEvents,
            "/action/event" => Endpoint::ActOnEvents,
            "/soar/notify" => Endpoint::Notify,
            "/report/mis-classification" => Endpoint::ReportMisclassification,
            _ => {
                // `soar/entity/{id}`: the e-mail as Check Point's XSOAR client reads it (its
                // get_email), the same entity as `search/entity/{id}`.
                if let Some(id) = one_segment("/search/entity/").or_else(|| one_segment("/soar/entity/")) {
                    Endpoint::GetEntity(id)
                } else if let Some(id) = one_segment("/download/entity/") {
                    Endpoint::Download(id)
                } else {
                    Endpoint::GetEvent(one_segment("/event/")?)
                }
            }
        })
    }

    fn method(&self) -> Method {
        match self {
            Endpoint::Scopes | Endpoint::GetEntity(_) | Endpoint::GetEvent(_) | Endpoint::Download(_) => {
                Method::GET
            }
            _ => Method::POST,
        }
    }
}

/// The answer of the tenant endpoint at `path` (with its `query` string, if any), or `None` if
/// `path` is none of them.
pub(crate) fn route(
    shared: &Shared,
    method: &Method,
    (path, query): (&str, Option<&str>),
    headers: &HeaderMap,
    body: &[u8],
    now: Instant,
) -> Option<Response<Bytes>> {
    // The exception paths take several methods each; every other endpoint takes one.
    let exception = match exceptions::Call::of(method, path) {
        Some(Ok(call)) => Some(call),
        Some(Err(allow)) => return Some(answer::not_allowed(allow)),
        None => None,
    };
    let endpoint = match exception {
        Some(_) => None,
        None => Some(Endpoint::of(path)?),
    };
    if let Some(endpoint) = &endpoint
        && *method != endpoint.method()
    {
        return Some(answer::not_allowed(endpoint.method().as_str()));
    }
    let mut guard = shared.lock();
    let state = &mut *guard;
    let request_id = match api::check(&state.tokens, headers, now) {
        Ok(request_id) => request_id,
        Err(refusal) => return Some(*refusal),
    };
    let tenant = &mut state.tenant;
    let wall = jiff::Timestamp::now();
    tenant.catch_up(wall);
    let Some(endpoint) = endpoint else {
        return exception.map(|call| tenant.exceptions.handle(call, request_id, body));
    };
    Some(match endpoint {
        Endpoint::Scopes => api::success(request_id, 1, "", &[super::demo::SCOPE]),
        Endpoint::Search => {
            search::search(&tenant.records, &mut tenant.paging, (now, wall), (request_id, body))
        }
        Endpoint::GetEntity(id) => search::get_entity(&tenant.records, request_id, id),
        Endpoint::ActOnEntities => actions::act_on_entities(tenant, request_id, body),
        Endpoint::SearchEvents => {
            events::query_events(&tenant.records, &mut tenant.paging, (now, wall), (request_id, body))
        }
        Endpoint::GetEvent(id) => events::get_event(&tenant.records, request_id, id),
        Endpoint::ActOnEvents => actions::act_on_events(tenant, request_id, body),
        Endpoint::Download(id) => download::download(&tenant.records, id, query),
        Endpoint::Notify => notify::notify(&mut tenant.records, body, wall),
        Endpoint::ReportMisclassification => report::report(&mut tenant.records, request_id, body, wall),
    })
}
