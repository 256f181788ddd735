//! A mock Check Point HEC gateway: a real HTTP/1.1 server on 127.0.0.1 for tests and demos.
//!
//! [`MockGateway`] listens on an ephemeral loopback port, on its own thread with its own tokio
//! runtime, so blocking and async tests use it alike; dropping the handle stops it. It speaks:
//!
//! - `POST /auth/external`: checks the client id and access key it was configured with and
//!   issues a distinct bearer token (`{"success": true, "data": {"token", "csrf", "expires",
//!   "expiresIn"}}`); wrong credentials get 401, a malformed body 400. Tokens expire after their
//!   lifetime and can be revoked to simulate expiry. `POST /v2/auth/external` (TheHive's
//!   responder) does the same with the client id in the `cloudinfra-external-client-id` header
//!   and `{"accessKey"}` as the body.
//! - `GET /app/hec-api/v1.0/task/{id}`: checks the bearer token (401 `{"message":
//!   "Authentication required"}`) and that `x-av-req-id` is a UUID (400), then answers from the
//!   task's [`TaskScript`]: live-shaped task states that advance per poll or with time, or corpus
//!   fixtures byte for byte. A task without a script gets the live service's logical failure:
//!   HTTP 200 with envelope `responseCode` 422, `responseText` "Task not found", `responseData` `[]`.
//!   An id a demo tenant's action made (see below) answers that action's task.
//! - The demo tenant ([`demo`]), the same in every mock and every run, under
//!   `/app/hec-api/v1.0`: `GET /scopes` (one scope), `POST /search/query` and
//!   `GET /search/entity/{id}` (30 e-mails in `office365_emails` and `google_mail`, a phishing
//!   campaign among them, each with per-tool scan results; extended and detection filters and
//!   dates, with or without an offset, really filter, pages of 4; a scroll leaves out what arrives
//!   after its first page), `GET /download/entity/{id}?original=true|false` (the raw `.eml`),
//!   `POST /soar/notify` (a bare `{"ok": bool}`), `POST /report/mis-classification`,
//!   `POST /event/query` and
//!   `GET /event/{id}` (7 security events, and with [`MockBuilder::live_events`] a new one every
//!   3 seconds), `POST /action/entity` (`quarantine`, `restore`, `decline_restore_request`) and
//!   `POST /action/event` (`dismiss`, and `quarantine` / `restore` of the events' mail), whose
//!   tasks progress over polls and change the mail or event when they complete. Each checks the token and request id as the task endpoint does,
//!   echoes the request id, and answers what the live service refuses with its logical failure
//!   (HTTP 200, `responseCode` 422, `responseData: []`). The tenant's allow and block lists
//!   answer every exception family (`exceptions/...`, `sectool-exceptions/...`,
//!   `sectools/anomaly/exceptions`, `sectools/click_time_protection/exceptions...`) statefully,
//!   with the envelope codes 200, 201 and 204. Paging cursors (`scrollId`) expire a minute after
//!   they are handed out ([`MockBuilder::scroll_lifetime`], [`MockGateway::expire_scrolls`]): an
//!   old one gets 400 `{"detail": "Invalid scroll"}`.
//! - Anything else: 404 with a JSON message; a wrong method, 405.
//!
//! On top of that it injects [`Fault`]s on chosen requests ([`FaultRule`]; a rule can also be a
//! rate limit) and records the requests it sees ([`RecordedRequest`]), faulted ones included,
//! and the most it handled at once, so a test asserts on the traffic; the log is bounded
//! ([`MockBuilder::max_recorded_requests`], [`MockBuilder::max_recorded_body_bytes`]) and can
//! be off ([`MockBuilder::record_requests`]). It never talks to the real service and never
//! listens beyond the loopback interface.
//!
//! ```
//! use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};
//!
//! let mock = MockGateway::start();
//! mock.script_task("42", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
//!
//! let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
//! let credentials = format!(
//!     r#"{{"clientId": "{}", "accessKey": "{}"}}"#,
//!     mock.client_id(),
//!     mock.access_key()
//! );
//! let response = agent
//!     .post(format!("{}/auth/external", mock.base_url()))
//!     .header("content-type", "application/json")
//!     .send(&credentials)
//!     .unwrap();
//! assert_eq!(response.status(), 200);
//!
//! assert_eq!(mock.tokens_issued(), 1);
//! let seen = mock.requests();
//! assert_eq!(seen.len(), 1);
//! assert_eq!(seen[0].method, "POST");
//! assert_eq!(seen[0].path, "/auth/external");
//! assert_eq!(seen[0].body, credentials.as_bytes());
//! ```

mod answer;
mod api;
mod auth;
mod body;
pub mod demo;
mod fault;
mod handler;
mod record;
mod script;
mod server;
mod state;
mod task;
mod tenant;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

pub use demo::demo_script;
pub use fault::{Fault, FaultRule, FaultRuleBuilder, StatusFault};
pub use record::{
    DEFAULT_MAX_RECORDED_BODY_BYTES, DEFAULT_MAX_RECORDED_REQUESTS, MAX_REQUEST_BODY, RecordedRequest,
};
pub use script::{TaskScript, TaskStep};
pub use tenant::live::{
    LIVE_EVENT_EPOCH, LIVE_EVENT_HISTORY, LIVE_EVENT_PERIOD, live_event_created, live_event_id,
    live_event_slot,
};

use auth::TokenStore;
use record::RequestLog;
use script::TaskBook;
use server::Server;
use state::Shared;
use tenant::{Tenant, TenantOptions};

/// The client id of the demo credentials (made up), accepted by [`MockGateway::start`] and
/// [`MockGateway::demo`].
pub const DEMO_CLIENT_ID: &str = "hec-demo-client-0001";
/// The access key of the demo credentials (made up).
pub const DEMO_ACCESS_KEY: &str = "hec-demo-access-key-not-a-secret";
/// The task that [`MockGateway::demo`] runs (a made-up id in the live service's numeric form);
/// the same as [`demo::TASK_COMPLETES`].
pub const DEMO_TASK_ID: &str = demo::TASK_COMPLETES;
/// How every token the mock issues begins, so a test can search output for any of them.
pub const TOKEN_PREFIX: &str = "mock-token-";
/// The lifetime of the mock's tokens unless configured: 1800 s, as the live service says.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(1800);
/// How long a connection may take to send a whole request head, unless configured: 5 s. The
/// clock starts when the connection opens or its previous answer was sent, so a client that
/// keeps a connection idle (or drips a request a byte at a time) loses it after this long.
pub const DEFAULT_HEADER_READ_TIMEOUT: Duration = Duration::from_secs(5);

/// A running mock gateway. Dropping it stops the server: open connections get a short grace
/// (about 100 ms) to finish, then are closed, and the port is released.
pub struct MockGateway {
    shared: Arc<Shared>,
    client_id: String,
    access_key: String,
    server: Server,
}

impl std::fmt::Debug for MockGateway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockGateway")
            .field("addr", &self.server.addr())
            .field("client_id", &self.client_id)
            .finish_non_exhaustive()
    }
}

impl MockGateway {
    /// A mock with the demo credentials, 1800-second tokens, the demo tenant ([`demo`]) and no
    /// task scripts.
    ///
    /// # Panics
    /// If it cannot bind a loopback port or start its thread (see [`MockBuilder::try_start`]).
    pub fn start() -> MockGateway {
        MockGateway::builder().start()
    }

    /// A builder, to choose credentials, token lifetime, scripts and threads.
    pub fn builder() -> MockBuilder {
        MockBuilder::default()
    }

    /// The demo scenario for a CLI's `--mock` mode: the demo credentials, the demo tenant with its
    /// live events ([`MockBuilder::live_events`]: a new event every 3 seconds), and the
    /// demo tasks of [`MockBuilder::demo`]: task [`DEMO_TASK_ID`] that is `init` at its first
    /// poll, `inprogress` with progress 1 of 3 from one second after it, progress 2 of 3 from two
    /// seconds, and `completed` (3 of 3 succeeded) from 3.5 seconds on, and one task for each
    /// other ending of a wait ([`demo::demo_tasks`]). Requests are recorded as by default.
    ///
    /// # Panics
    /// As [`MockGateway::start`].
    pub fn demo() -> MockGateway {
        MockGateway::builder().demo().live_events(true).start()
    }

    /// The base URL, e.g. `http://127.0.0.1:40123` (no trailing slash).
    pub fn base_url(&self) -> String {
        format!("http://{}", self.server.addr())
    }

    /// The address the mock listens on.
    pub fn addr(&self) -> SocketAddr {
        self.server.addr()
    }

    /// The client id the mock accepts.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The access key the mock accepts.
    pub fn access_key(&self) -> &str {
        &self.access_key
    }

    /// Gives task `id` a script, replacing any it had; the task starts afresh (its next poll is
    /// poll 1, and a timed script's clock starts at it).
    pub fn script_task(&self, id: &str, script: TaskScript) {
        self.shared.lock().tasks.set_script(id, script);
    }

    /// Adds a fault rule. Rules fire in the order they were added; see [`FaultRule`].
    ///
    /// # Panics
    /// If the fault cannot be sent: a status outside 100-999, or an invalid header name or value.
    pub fn fault(&self, rule: FaultRule) {
        if let Some(reason) = rule.fault().invalid() {
            panic!("invalid fault: {reason}");
        }
        self.shared.lock().faults.add(rule);
    }

    /// How many requests each fault rule answered (when several fired on one request, the one
    /// that answered it), in the order the rules were added: a test's count of the 429s a rate
    /// limit sent, say.
    pub fn faults_fired(&self) -> Vec<usize> {
        self.shared.lock().faults.fired()
    }

    /// Makes every token issued so far invalid, as if they had all expired.
    pub fn revoke_tokens(&self) {
        self.shared.lock().tokens.revoke_all();
    }

    /// Makes one token invalid, as if it had expired.
    pub fn revoke_token(&self, token: &str) {
        self.shared.lock().tokens.revoke(token);
    }

    /// How many tokens the mock has issued.
    pub fn tokens_issued(&self) -> usize {
        self.shared.lock().tokens.issued()
    }

    /// Every request the mock has seen (since the last [`clear_requests`](Self::clear_requests)),
    /// in arrival order; within the log's bounds, the most recent ones (see
    /// [`MockBuilder::max_recorded_requests`]). Empty if recording is off
    /// ([`MockBuilder::record_requests`]).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().log.iter().cloned().collect()
    }

    /// The requests whose path starts with `path_prefix`, in arrival order.
    pub fn requests_to(&self, path_prefix: &str) -> Vec<RecordedRequest> {
        let state = self.shared.lock();
        state.log.iter().filter(|request| request.path.starts_with(path_prefix)).cloned().collect()
    }

    /// How many requests the log has dropped (the oldest first) to stay within its bounds, since
    /// the start or the last [`clear_requests`](Self::clear_requests). Always 0 when recording is
    /// off.
    pub fn requests_dropped(&self) -> usize {
        self.shared.lock().log.dropped()
    }

    /// Whether the mock records requests.
    pub fn is_recording(&self) -> bool {
        self.shared.lock().log.is_recording()
    }

    /// How many TCP connections the mock has accepted (a client that keeps connections alive
    /// opens one for many requests).
    pub fn connections_accepted(&self) -> usize {
        self.shared.lock().connections
    }

    /// The most requests the mock has been handling at once, each counted from its arrival until
    /// its answer's headers were ready (a delay fault included): how many requests a client had
    /// in flight, at most.
    pub fn max_concurrent_requests(&self) -> usize {
        self.shared.lock().max_in_flight
    }

    /// Forgets the requests recorded so far (and the count of dropped ones).
    pub fn clear_requests(&self) {
        self.shared.lock().log.clear();
    }

    /// Adds security events to the tenant, as the service would show them from now on: each a
    /// JSON object as `POST /event/query` answers it, found by its `eventCreated` (RFC 3339,
    /// with or without an offset) and listed with the others newest first. An event created
    /// in the past and added now is one the service shows late.
    pub fn add_events(&self, events: impl IntoIterator<Item = serde_json::Value>) {
        self.shared.lock().tenant.add_events(events);
    }

    /// Makes every paging cursor (`scrollId`) handed out so far invalid, as if it had expired:
    /// sent again, it gets 400 `{"detail": "Invalid scroll"}`.
    pub fn expire_scrolls(&self) {
        self.shared.lock().tenant.expire_scrolls();
    }
}

/// Configures a [`MockGateway`] before it starts.
#[derive(Debug, Clone)]
pub struct MockBuilder {
    client_id: String,
    access_key: String,
    token_lifetime: Duration,
    default_script: Option<TaskScript>,
    tasks: Vec<(String, TaskScript)>,
    worker_threads: usize,
    port: u16,
    recording: bool,
    max_recorded_requests: usize,
    max_recorded_body_bytes: usize,
    header_read_timeout: Duration,
    tenant: TenantOptions,
}

impl Default for MockBuilder {
    fn default() -> MockBuilder {
        MockBuilder {
            client_id: DEMO_CLIENT_ID.to_owned(),
            access_key: DEMO_ACCESS_KEY.to_owned(),
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
            default_script: None,
            tasks: Vec::new(),
            worker_threads: 1,
            port: 0,
            recording: true,
            max_recorded_requests: DEFAULT_MAX_RECORDED_REQUESTS,
            max_recorded_body_bytes: DEFAULT_MAX_RECORDED_BODY_BYTES,
            header_read_timeout: DEFAULT_HEADER_READ_TIMEOUT,
            tenant: TenantOptions::default(),
        }
    }
}

impl MockBuilder {
    /// The credentials `POST /auth/external` accepts (default: [`DEMO_CLIENT_ID`],
    /// [`DEMO_ACCESS_KEY`]).
    pub fn credentials(mut self, client_id: impl Into<String>, access_key: impl Into<String>) -> Self {
        self.client_id = client_id.into();
        self.access_key = access_key.into();
        self
    }

    /// How long an issued token stays valid (default 1800 s). The token response's `expiresIn`
    /// is this in whole seconds.
    pub fn token_lifetime(mut self, lifetime: Duration) -> Self {
        self.token_lifetime = lifetime;
        self
    }

    /// The script of every task that has none of its own; each task id keeps its own poll count
    /// and clock. Without it, such a task gets the 422 "Task not found" envelope.
    pub fn default_script(mut self, script: TaskScript) -> Self {
        self.default_script = Some(script);
        self
    }

    /// Gives every demo task ([`demo::demo_tasks`]: [`DEMO_TASK_ID`] and one task for each other
    /// ending of a wait) its script, as [`MockGateway::demo`] does; for a demo on a chosen port:
    /// `MockGateway::builder().demo().port(port).record_requests(false).try_start()`.
    pub fn demo(mut self) -> Self {
        for (id, script) in demo::demo_tasks() {
            self.tasks.push((id.to_owned(), script));
        }
        self
    }

    /// Gives task `id` a script from the start (as [`MockGateway::script_task`]).
    pub fn task(mut self, id: impl Into<String>, script: TaskScript) -> Self {
        self.tasks.push((id.into(), script));
        self
    }

    /// How many runtime threads serve requests (default 1; more for benchmarks).
    pub fn worker_threads(mut self, threads: usize) -> Self {
        self.worker_threads = threads.max(1);
        self
    }

    /// The loopback port to listen on (default 0: an ephemeral port chosen by the system).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Whether to record requests (default true). Off, [`MockGateway::requests`] stays empty and
    /// memory stays flat however many requests arrive: for benchmarks and for a long-running
    /// server (`hec mock serve` records nothing unless asked).
    pub fn record_requests(mut self, recording: bool) -> Self {
        self.recording = recording;
        self
    }

    /// The most requests the log keeps (default [`DEFAULT_MAX_RECORDED_REQUESTS`]). When it is
    /// full the oldest request is dropped for each new one, and
    /// [`MockGateway::requests_dropped`] counts them. 0 keeps none.
    pub fn max_recorded_requests(mut self, requests: usize) -> Self {
        self.max_recorded_requests = requests;
        self
    }

    /// The most body bytes the log keeps, all recorded requests together (default
    /// [`DEFAULT_MAX_RECORDED_BODY_BYTES`]). The oldest requests are dropped until a new body
    /// fits; a body longer than the whole budget is kept cut to it
    /// ([`RecordedRequest::body_truncated`]). Headers are not counted: hyper bounds them per
    /// request. With both bounds, the log's memory is at most about `requests` × (headers) +
    /// `body_bytes`.
    pub fn max_recorded_body_bytes(mut self, bytes: usize) -> Self {
        self.max_recorded_body_bytes = bytes;
        self
    }

    /// How long a connection may take to send a whole request head (default
    /// [`DEFAULT_HEADER_READ_TIMEOUT`]), counted from its opening or from the end of its previous
    /// answer; then the mock closes it without an answer. A slowloris client, which opens
    /// connections and sends their requests a byte at a time, holds none for longer. At least
    /// one millisecond.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.header_read_timeout = timeout.max(Duration::from_millis(1));
        self
    }

    /// Whether the tenant's events keep arriving while the mock serves (default false; on in
    /// [`MockGateway::demo`]): one every [`LIVE_EVENT_PERIOD`], derived from the wall clock and
    /// a fixed seed, so that every mock agrees on which exist at a given time. The tenant holds
    /// those created in the last [`LIVE_EVENT_HISTORY`], from before the mock started too; each
    /// is `new` and can be read and dismissed like the fixed ones (see [`live_event_id`]).
    pub fn live_events(mut self, live: bool) -> Self {
        self.tenant.live_events = live;
        self
    }

    /// How many results a page of a search or an event query holds (default 4; at least 1).
    pub fn page_size(mut self, results: usize) -> Self {
        self.tenant.page_size = results.max(1);
        self
    }

    /// How long a paging cursor stays valid after the page that carried it (default 60 s); past
    /// it, it gets 400 `{"detail": "Invalid scroll"}`.
    pub fn scroll_lifetime(mut self, lifetime: Duration) -> Self {
        self.tenant.scroll_lifetime = lifetime;
        self
    }

    /// Starts the mock.
    ///
    /// # Panics
    /// If it cannot bind a loopback port or start its thread; [`try_start`](Self::try_start)
    /// returns the error instead.
    pub fn start(self) -> MockGateway {
        match self.try_start() {
            Ok(mock) => mock,
            Err(error) => panic!("cannot start the mock HEC gateway: {error}"),
        }
    }

    /// Starts the mock, or says why it could not.
    pub fn try_start(self) -> std::io::Result<MockGateway> {
        let tokens = TokenStore::new(self.client_id.clone(), self.access_key.clone(), self.token_lifetime);
        let mut tasks = TaskBook::new(self.default_script);
        for (id, script) in self.tasks {
            tasks.set_script(&id, script);
        }
        let log = RequestLog::new(self.recording, self.max_recorded_requests, self.max_recorded_body_bytes);
        let tenant = Tenant::new(jiff::Timestamp::now(), self.tenant);
        let shared = Arc::new(Shared::new(tokens, tasks, log, tenant));
        let server =
            Server::start(Arc::clone(&shared), self.worker_threads, self.port, self.header_read_timeout)?;
        Ok(MockGateway { shared, client_id: self.client_id, access_key: self.access_key, server })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use script::StepKind;

    #[test]
    fn the_demo_task_rises_from_init_to_completed_in_three_and_a_half_seconds() {
        let script = demo_script();
        let at = |millis| match script.step_at(1, Duration::from_millis(millis)).kind() {
            StepKind::State(state) => (state.status.clone(), state.progress, state.succeed),
            StepKind::Canned(_) => unreachable!("the demo has no canned steps"),
        };
        assert_eq!(at(0), ("init".to_owned(), 0, 0));
        assert_eq!(at(1500), ("inprogress".to_owned(), 1, 0));
        assert_eq!(at(2500), ("inprogress".to_owned(), 2, 0));
        assert_eq!(at(3499), ("inprogress".to_owned(), 2, 0));
        assert_eq!(at(3500), ("completed".to_owned(), 3, 3));
    }
}
