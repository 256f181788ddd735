//! `Client`: token handling, retries and waiting over ureq, each decision taken by hec-proto.

use std::borrow::Cow;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use hec_proto::config::ValidConfig;
use hec_proto::endpoint::{
    ActOnEntities, ActOnEvents, Endpoint, GetEntity, GetEvent, GetScopes, GetTask, TaskResponse,
    parse_token_response, token_request,
};
use hec_proto::policy::SharedSecrets;
use hec_proto::policy::{Next, TokenCache, TokenNext, WaitEvent};
use hec_proto::{
    AccessToken, BaseUrl, Entity, EntityAction, EntityId, EntityQuery, Error, Event, EventAction, EventId,
    EventQuery, RequestId, TaskId,
};

use crate::ClientBuilder;
use crate::actions::ActionBatches;
use crate::gate::{Gate, Pass};
use crate::paging::{EntitySearch, EventSearch, Search};
use crate::transport::{self, Limits};
use hec_proto::ClientConfig;

/// A blocking HEC client. Cheap to clone; clones share the connection pool and the token, and
/// it is `Send + Sync`, so threads can share one.
#[derive(Debug, Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) agent: ureq::Agent,
    pub(crate) config: ValidConfig,
    /// Held while a token is fetched, so concurrent callers cause one token request.
    pub(crate) tokens: Mutex<TokenCache>,
    /// The secrets to redact, copied from the token cache whenever it learns one: never behind
    /// the token lock, which is held across a token request.
    pub(crate) secrets: SharedSecrets,
    /// The limit on requests in flight, and the pause after a 429 or 503, for every caller.
    pub(crate) gate: Gate,
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Client {
    /// A client with this configuration: see [`ClientConfig`] (fails if the gateway or the
    /// credentials are missing, or a timeout is zero).
    ///
    /// ```
    /// use hec_blocking::{Client, ClientConfig, Credentials, Region};
    /// let client = Client::from_config(
    ///     ClientConfig::new().region(Region::Eu).credentials(Credentials::new("client-id", "access-key")),
    /// )?;
    /// assert_eq!(client.base_url().as_str(), "https://cloudinfra-gw.portal.checkpoint.com");
    /// # Ok::<(), hec_blocking::Error>(())
    /// ```
    pub fn from_config(config: ClientConfig) -> Result<Client, Error> {
        ClientBuilder::new(config).build()
    }

    /// A builder, for a client with this configuration that sends through your own HTTP client;
    /// see [`ClientBuilder`].
    pub fn builder(config: ClientConfig) -> ClientBuilder {
        ClientBuilder::new(config)
    }

    /// The gateway this client talks to.
    pub fn base_url(&self) -> &BaseUrl {
        self.inner.config.base_url()
    }

    /// The status of a task (`GET /app/hec-api/v1.0/task/{taskId}`), with a token fetched or
    /// renewed as needed and transient failures retried.
    pub fn get_task(&self, id: &TaskId) -> Result<TaskResponse, Error> {
        self.get_task_until(id, None)
    }

    /// [`Client::get_task`], with no retry wait allowed past `deadline`.
    pub fn get_task_until(&self, id: &TaskId, deadline: Option<Instant>) -> Result<TaskResponse, Error> {
        self.poll_task(id, deadline).0
    }

    /// [`Client::get_task_until`], and how many requests for the task it sent (retries included;
    /// none if it never got past the gate), for a wait's count of polls.
    pub(crate) fn poll_task(
        &self,
        id: &TaskId,
        deadline: Option<Instant>,
    ) -> (Result<TaskResponse, Error>, u32) {
        let mut sent = 0;
        let answer =
            self.attempts(&GetTask::new(id.clone()), deadline, &mut sent).map_err(|e| self.redact(e));
        if let Ok(answer) = &answer {
            warn_if_other_task(id, answer);
        }
        (answer, sent)
    }

    /// The scopes (`<farm>:<customer>`) the API key may act in (`GET /app/hec-api/v1.0/scopes`):
    /// a cheap check that the key works against this gateway.
    pub fn scopes(&self) -> Result<Vec<String>, Error> {
        self.execute(&GetScopes).map(|answer| answer.scopes)
    }

    /// The entities `query` finds (`POST /app/hec-api/v1.0/search/query`), page after page as
    /// the iterator is read; nothing is sent before the first item is asked for. A failed page
    /// ends the iterator with its error.
    pub fn search_entities(&self, query: EntityQuery) -> EntitySearch {
        Search::new(self.clone(), query)
    }

    /// One entity by id (`GET /app/hec-api/v1.0/search/entity/{entityId}`); an unknown id is a
    /// `not_found` error.
    pub fn get_entity(&self, id: &EntityId) -> Result<Entity, Error> {
        self.execute(&GetEntity::new(id.clone()))
    }

    /// Acts on entities of `saas` (`POST /app/hec-api/v1.0/action/entity`): one request per
    /// batch of at most [`MAX_ACTION_IDS`](hec_proto::endpoint::MAX_ACTION_IDS) ids (the service's own
    /// limit is undocumented), each sent when its answer is asked for. An action is never
    /// resent once it may have run: a timeout or a 5xx ends the iterator with
    /// [`Error::ActionOutcomeUnknown`], and later batches are not sent. No ids, no requests.
    pub fn act_on_entities(
        &self,
        action: EntityAction,
        saas: &str,
        ids: &[EntityId],
    ) -> ActionBatches<ActOnEntities> {
        ActionBatches::new(self.clone(), ActOnEntities::new(action, saas, ids.to_vec()).into_batches())
    }

    /// The security events `query` finds (`POST /app/hec-api/v1.0/event/query`), paged like
    /// [`Client::search_entities`].
    pub fn search_events(&self, query: EventQuery) -> EventSearch {
        Search::new(self.clone(), query)
    }

    /// One security event by id (`GET /app/hec-api/v1.0/event/{eventId}`); an unknown id is a
    /// `not_found` error.
    pub fn get_event(&self, id: &EventId) -> Result<Event, Error> {
        self.execute(&GetEvent::new(id.clone()))
    }

    /// Acts on security events (`POST /app/hec-api/v1.0/action/event`), in batches like
    /// [`Client::act_on_entities`].
    pub fn act_on_events(&self, action: EventAction, ids: &[EventId]) -> ActionBatches<ActOnEvents> {
        ActionBatches::new(self.clone(), ActOnEvents::new(action, ids.to_vec()).into_batches())
    }

    /// Sends any [`Endpoint`] the way every method of this client does: a token fetched or
    /// renewed as needed, one refresh on a 401, and transient failures retried as hec-proto's
    /// [`Call`](hec_proto::policy::Call) decides (never an action that may have run).
    pub fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.execute_until(endpoint, None)
    }

    /// [`Client::execute`], with no retry wait allowed past `deadline`, and no request in flight
    /// past it either: each request may take its configured timeout or the time left, whichever
    /// is shorter.
    pub fn execute_until<E: Endpoint>(
        &self,
        endpoint: &E,
        deadline: Option<Instant>,
    ) -> Result<E::Output, Error> {
        self.attempts(endpoint, deadline, &mut 0).map_err(|error| self.redact(error))
    }

    /// The loop of [`Client::execute_until`], before its error is redacted; `sent` counts the
    /// requests for `endpoint` it sent (token requests aside).
    fn attempts<E: Endpoint>(
        &self,
        endpoint: &E,
        deadline: Option<Instant>,
        sent: &mut u32,
    ) -> Result<E::Output, Error> {
        let mut call = lock(&self.inner.tokens).api_call(self.retry(), Instant::now(), deadline);
        if !E::IDEMPOTENT {
            call = call.not_idempotent();
        }
        loop {
            let token = self.token(call.deadline())?;
            let Some(pass) = self.inner.gate.enter(call.deadline()) else {
                return Err(call.deadline_passed(Instant::now()));
            };
            // Once through the gate: the wait there has used some of the time left.
            let timeout = call.request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let request_id = RequestId::new();
            let outcome = self.exchange(endpoint, request_id, call.attempt(), || {
                let request = endpoint.request(self.base_url(), &token, request_id).map_err(Error::from)?;
                let response = self.send(pass, request, timeout)?;
                Ok(endpoint.parse(&response, request_id)?)
            });
            let next = call.handle_outcome(outcome, Instant::now(), SystemTime::now());
            *sent = call.attempts();
            match next {
                Next::Done(answer) => return Ok(answer),
                Next::RefreshToken => {
                    lock(&self.inner.tokens).invalidate(&token);
                }
                Next::Retry { after } => thread::sleep(after),
                Next::Fail(error) => return Err(error),
            }
        }
    }

    /// Fetches a new token now (even if one is cached) and returns how long it lasts: a check
    /// that the credentials work. The token itself stays inside the client.
    pub fn check_credentials(&self) -> Result<Duration, Error> {
        let mut tokens = lock(&self.inner.tokens);
        let fetched = self.fetch_token(&mut tokens, None);
        drop(tokens);
        fetched.map(|(_, lifetime)| lifetime).map_err(|error| self.redact(error))
    }

    /// `error` without any secret this client holds (its access key or static token, and the
    /// newest tokens it fetched), as every error this client returns already is: for errors made
    /// outside it, such as the [`Error::WaitTimedOut`] of a caller's own [`Waiter`](hec_proto::policy::Waiter).
    pub fn redact(&self, error: Error) -> Error {
        self.inner.secrets.redact(error)
    }

    /// `text` without any secret this client holds (see [`Client::redact`]): for what the
    /// service sent that a caller shows, such as a task's name or status, which a successful
    /// call returns as it came. Borrowed, not copied, when it holds no secret.
    ///
    /// ```
    /// let client = hec_blocking::Client::from_config(hec_blocking::ClientConfig::new()
    ///     .base_url("http://127.0.0.1:9".parse()?)
    ///     .credentials(hec_blocking::Credentials::new("client-id", "s3cr3t-key")))?;
    /// assert_eq!(client.redact_text(r#"{"name": "s3cr3t-key"}"#), r#"{"name": "[redacted]"}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.inner.secrets.redact_text(text)
    }

    /// `event` with its error, if it has one, redacted (see [`WaitEvent::redacted`]).
    pub(crate) fn redact_event(&self, event: WaitEvent) -> WaitEvent {
        self.inner.secrets.redact_event(event)
    }

    pub(crate) fn retry(&self) -> &hec_proto::policy::RetryPolicy {
        &self.inner.config.config().retry
    }

    /// A fresh token: the cached one, or one fetched while holding the cache's lock (or the
    /// failure of the fetch another caller made while this one waited for the lock).
    pub(crate) fn token(&self, deadline: Instant) -> Result<AccessToken, Error> {
        let waiting_since = Instant::now();
        let mut tokens = lock(&self.inner.tokens);
        if let Some(token) = tokens.fresh(Instant::now()) {
            return Ok(token);
        }
        if let Some(error) = tokens.failure_since(waiting_since) {
            return Err(error);
        }
        self.fetch_token(&mut tokens, Some(deadline)).map(|(token, _)| token)
    }

    fn fetch_token(
        &self,
        tokens: &mut TokenCache,
        deadline: Option<Instant>,
    ) -> Result<(AccessToken, Duration), Error> {
        let (credentials, mut call) = tokens.token_call(self.retry(), Instant::now(), deadline)?;
        loop {
            let Some(pass) = self.inner.gate.enter(call.deadline()) else {
                return Err(call.deadline_passed(Instant::now()));
            };
            let timeout = call.request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let outcome = self.exchange_token(call.attempt(), || {
                let response = self.send(pass, token_request(self.base_url(), &credentials), timeout)?;
                Ok(parse_token_response(&response, SystemTime::now())?)
            });
            match call.handle_outcome(outcome, Instant::now(), SystemTime::now()) {
                TokenNext::Done(grant) => {
                    let token = grant.token.clone();
                    let lifetime = grant.lifetime;
                    tokens.handle_grant(grant, Instant::now());
                    self.inner.secrets.publish(tokens);
                    return Ok((token, lifetime));
                }
                TokenNext::Retry { after } => thread::sleep(after),
                TokenNext::Fail(error) => {
                    tokens.handle_fetch_error(&error, Instant::now());
                    return Err(error);
                }
            }
        }
    }

    /// The per-request settings of one request that may take `timeout` in all.
    pub(crate) fn limits(&self, timeout: Duration) -> Limits<'_> {
        let config = self.inner.config.config();
        Limits {
            connect_timeout: config.connect_timeout,
            timeout,
            body_limit: config.body_limit,
            user_agent: self.inner.config.user_agent(),
        }
    }

    /// Sends one request that may take `timeout` in all, on the slot `pass` holds at the gate.
    fn send(
        &self,
        pass: Pass<'_>,
        request: http::Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let result = transport::send(&self.inner.agent, request, &self.limits(timeout));
        pass.finish(&result, SystemTime::now());
        let response = result?;
        tracing::Span::current().record("status", response.status().as_u16());
        Ok(response)
    }

    /// Runs one API request inside its tracing span.
    fn exchange<E: Endpoint, T>(
        &self,
        endpoint: &E,
        request_id: RequestId,
        attempt: u32,
        body: impl FnOnce() -> Result<T, Error>,
    ) -> Result<T, Error> {
        let span = tracing::debug_span!("hec.request", method = E::METHOD.as_str(), path = E::PATH_TEMPLATE,
            task = tracing::field::Empty, host = self.base_url().authority(), request_id = %request_id, attempt,
            status = tracing::field::Empty, error = tracing::field::Empty, elapsed_ms = tracing::field::Empty);
        if let Some(task) = endpoint.about_task() {
            span.record("task", task.as_str());
        }
        traced(&span, body)
    }

    /// Runs one token request inside its tracing span.
    fn exchange_token<T>(&self, attempt: u32, body: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
        let span = tracing::debug_span!(
            "hec.request",
            method = "POST",
            path = hec_proto::endpoint::AUTH_PATH,
            host = self.base_url().authority(),
            attempt,
            status = tracing::field::Empty,
            error = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty
        );
        traced(&span, body)
    }
}

/// Logs a warning when the service answered about another task than `asked`.
fn warn_if_other_task(asked: &TaskId, answer: &TaskResponse) {
    if let Some(other) = answer.task.mismatched_id(asked) {
        tracing::warn!(asked = %asked, answered = %other, "the answer is for another task");
    }
}

/// Runs `body` in `span` and records how long it took and, on failure, the error's kind (the
/// HTTP status is recorded by `send` as soon as the response arrives).
pub(crate) fn traced<T>(span: &tracing::Span, body: impl FnOnce() -> Result<T, Error>) -> Result<T, Error> {
    let started = Instant::now();
    let outcome = span.in_scope(body);
    span.record("elapsed_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    if let Err(error) = &outcome {
        span.record("error", error.kind_name());
    }
    outcome
}
