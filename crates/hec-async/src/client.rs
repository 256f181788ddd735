//! `Client`: token handling, retries and waiting over reqwest, each decision taken by hec-proto.

use std::borrow::Cow;
use std::sync::Arc;
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
use tracing::Instrument;

use crate::ClientBuilder;
use crate::actions::ActionBatches;
use crate::gate::{Gate, Pass};
use crate::paging::{EntitySearch, EventSearch, Search};
use crate::transport::{self, Limits};
use hec_proto::ClientConfig;

/// An async HEC client. Cheap to clone; clones share the connection pool and the token, and it
/// is `Send + Sync`, so tasks can share one. Its futures are `Send`.
#[derive(Debug, Clone)]
pub struct Client {
    pub(crate) inner: Arc<Inner>,
}

#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) http: reqwest::Client,
    pub(crate) config: ValidConfig,
    /// Held while a token is fetched, so concurrent callers cause one token request.
    pub(crate) tokens: tokio::sync::Mutex<TokenCache>,
    /// The secrets to redact, copied from the token cache whenever it learns one: never behind
    /// the token lock, which is held across a token request.
    pub(crate) secrets: SharedSecrets,
    /// The limit on requests in flight, and the pause after a 429 or 503, for every caller.
    pub(crate) gate: Gate,
}

impl Client {
    /// A client with this configuration: see [`ClientConfig`] (fails if the gateway or the
    /// credentials are missing, or a timeout is zero).
    ///
    /// ```
    /// use hec_async::{Client, ClientConfig, Credentials, Region};
    /// let client = Client::from_config(
    ///     ClientConfig::new().region(Region::Eu).credentials(Credentials::new("client-id", "access-key")),
    /// )?;
    /// assert_eq!(client.base_url().as_str(), "https://cloudinfra-gw.portal.checkpoint.com");
    /// # Ok::<(), hec_async::Error>(())
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
    pub async fn get_task(&self, id: &TaskId) -> Result<TaskResponse, Error> {
        self.get_task_until(id, None).await
    }

    /// [`Client::get_task`], with no retry wait allowed past `deadline`.
    pub async fn get_task_until(
        &self,
        id: &TaskId,
        deadline: Option<Instant>,
    ) -> Result<TaskResponse, Error> {
        self.poll_task(id, deadline).await.0
    }

    /// [`Client::get_task_until`], and how many requests for the task it sent (retries included;
    /// none if it never got past the gate), for a wait's count of polls.
    pub(crate) async fn poll_task(
        &self,
        id: &TaskId,
        deadline: Option<Instant>,
    ) -> (Result<TaskResponse, Error>, u32) {
        let mut sent = 0;
        let answer = match self.attempts(&GetTask::new(id.clone()), deadline, &mut sent).await {
            Ok(answer) => {
                warn_if_other_task(id, &answer);
                Ok(answer)
            }
            Err(error) => Err(self.redact(error)),
        };
        (answer, sent)
    }

    /// The scopes (`<farm>:<customer>`) the API key may act in (`GET /app/hec-api/v1.0/scopes`):
    /// a cheap check that the key works against this gateway.
    pub async fn scopes(&self) -> Result<Vec<String>, Error> {
        self.execute(&GetScopes).await.map(|answer| answer.scopes)
    }

    /// The entities `query` finds (`POST /app/hec-api/v1.0/search/query`), page after page as
    /// the stream is polled; nothing is sent before the first poll. A failed page ends the
    /// stream with its error. The stream owns a clone of the client and is `Send` and `Unpin`.
    pub fn search_entities(&self, query: EntityQuery) -> EntitySearch {
        Search::new(self.clone(), query)
    }

    /// One entity by id (`GET /app/hec-api/v1.0/search/entity/{entityId}`); an unknown id is a
    /// `not_found` error.
    pub async fn get_entity(&self, id: &EntityId) -> Result<Entity, Error> {
        self.execute(&GetEntity::new(id.clone())).await
    }

    /// Acts on entities of `saas` (`POST /app/hec-api/v1.0/action/entity`): one request per
    /// batch of at most [`MAX_ACTION_IDS`](hec_proto::endpoint::MAX_ACTION_IDS) ids (the service's own
    /// limit is undocumented), each sent when its answer is polled for. An action is never
    /// resent once it may have run: a timeout or a 5xx ends the stream with
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
    pub async fn get_event(&self, id: &EventId) -> Result<Event, Error> {
        self.execute(&GetEvent::new(id.clone())).await
    }

    /// Acts on security events (`POST /app/hec-api/v1.0/action/event`), in batches like
    /// [`Client::act_on_entities`].
    pub fn act_on_events(&self, action: EventAction, ids: &[EventId]) -> ActionBatches<ActOnEvents> {
        ActionBatches::new(self.clone(), ActOnEvents::new(action, ids.to_vec()).into_batches())
    }

    /// Sends any [`Endpoint`] the way every method of this client does: a token fetched or
    /// renewed as needed, one refresh on a 401, and transient failures retried as hec-proto's
    /// [`Call`](hec_proto::policy::Call) decides (never an action that may have run).
    pub async fn execute<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.execute_until(endpoint, None).await
    }

    /// [`Client::execute`], with no retry wait allowed past `deadline`, and no request in flight
    /// past it either: each request may take its configured timeout or the time left, whichever
    /// is shorter.
    pub async fn execute_until<E: Endpoint>(
        &self,
        endpoint: &E,
        deadline: Option<Instant>,
    ) -> Result<E::Output, Error> {
        match self.attempts(endpoint, deadline, &mut 0).await {
            Ok(answer) => Ok(answer),
            Err(error) => Err(self.redact(error)),
        }
    }

    /// The loop of [`Client::execute_until`], before its error is redacted; `sent` counts the
    /// requests for `endpoint` it sent (token requests aside).
    async fn attempts<E: Endpoint>(
        &self,
        endpoint: &E,
        deadline: Option<Instant>,
        sent: &mut u32,
    ) -> Result<E::Output, Error> {
        let mut call = self.inner.tokens.lock().await.api_call(self.retry(), Instant::now(), deadline);
        if !E::IDEMPOTENT {
            call = call.not_idempotent();
        }
        loop {
            let token = self.token(call.deadline()).await?;
            let Some(pass) = self.inner.gate.enter(call.deadline()).await else {
                return Err(call.deadline_passed(Instant::now()));
            };
            // Once through the gate: the wait there has used some of the time left.
            let timeout = call.request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            // In a block of its own: the answer (hundreds of bytes) is not kept across the
            // awaits below, so a call waiting to retry, or waiting at the gate, is smaller.
            let retry_after = {
                let request_id = RequestId::new();
                let span = self.request_span(endpoint, request_id, call.attempt());
                let started = Instant::now();
                // Built and awaited in place: a future handed to a wrapper would be stored twice.
                let outcome = async {
                    let request =
                        || endpoint.request(self.base_url(), &token, request_id).map_err(Error::from);
                    let response = self.send(pass, request, timeout).await?;
                    Ok(endpoint.parse(&response, request_id)?)
                }
                .instrument(span.clone())
                .await;
                record(&span, started, &outcome);
                let next = call.handle_outcome(outcome, Instant::now(), SystemTime::now());
                *sent = call.attempts();
                match next {
                    Next::Done(answer) => return Ok(answer),
                    Next::Fail(error) => return Err(error),
                    Next::RefreshToken => None,
                    Next::Retry { after } => Some(after),
                }
            };
            match retry_after {
                None => {
                    self.inner.tokens.lock().await.invalidate(&token);
                }
                // Retries are rare: the timer is boxed rather than carried by every call.
                Some(after) => Box::pin(tokio::time::sleep(after)).await,
            }
        }
    }

    /// Fetches a new token now (even if one is cached) and returns how long it lasts: a check
    /// that the credentials work. The token itself stays inside the client.
    pub async fn check_credentials(&self) -> Result<Duration, Error> {
        let mut tokens = self.inner.tokens.lock().await;
        let fetched = self.fetch_token(&mut tokens, None).await;
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
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let client = hec_async::Client::from_config(hec_async::ClientConfig::new()
    ///     .base_url("http://127.0.0.1:9".parse()?)
    ///     .credentials(hec_async::Credentials::new("client-id", "s3cr3t-key")))?;
    /// assert_eq!(client.redact_text(r#"{"name": "s3cr3t-key"}"#), r#"{"name": "[redacted]"}"#);
    /// # Ok(())
    /// # }
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
    pub(crate) async fn token(&self, deadline: Instant) -> Result<AccessToken, Error> {
        let waiting_since = Instant::now();
        let mut tokens = self.inner.tokens.lock().await;
        if let Some(token) = tokens.fresh(Instant::now()) {
            return Ok(token);
        }
        if let Some(error) = tokens.failure_since(waiting_since) {
            return Err(error);
        }
        // Fetching is rare (once per token lifetime): boxed rather than carried by every call.
        Box::pin(self.fetch_token(&mut tokens, Some(deadline))).await.map(|(token, _)| token)
    }

    async fn fetch_token(
        &self,
        tokens: &mut TokenCache,
        deadline: Option<Instant>,
    ) -> Result<(AccessToken, Duration), Error> {
        let (credentials, mut call) = tokens.token_call(self.retry(), Instant::now(), deadline)?;
        loop {
            let Some(pass) = self.inner.gate.enter(call.deadline()).await else {
                return Err(call.deadline_passed(Instant::now()));
            };
            let timeout = call.request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let span = self.token_span(call.attempt());
            let started = Instant::now();
            let outcome = async {
                let response =
                    self.send(pass, || Ok(token_request(self.base_url(), &credentials)), timeout).await?;
                Ok(parse_token_response(&response, SystemTime::now())?)
            }
            .instrument(span.clone())
            .await;
            record(&span, started, &outcome);
            match call.handle_outcome(outcome, Instant::now(), SystemTime::now()) {
                TokenNext::Done(grant) => {
                    let token = grant.token.clone();
                    let lifetime = grant.lifetime;
                    tokens.handle_grant(grant, Instant::now());
                    self.inner.secrets.publish(tokens);
                    return Ok((token, lifetime));
                }
                TokenNext::Retry { after } => tokio::time::sleep(after).await,
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
        Limits { timeout, body_limit: config.body_limit, user_agent: self.inner.config.user_agent() }
    }

    /// Sends the request `build` makes, which may take `timeout` in all, on the slot `pass` holds
    /// at the gate (built only once through it, so that a call waiting at the gate holds no
    /// request).
    async fn send(
        &self,
        pass: Pass<'_>,
        build: impl FnOnce() -> Result<http::Request<Vec<u8>>, Error>,
        timeout: Duration,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let limits = self.limits(timeout);
        let request = build()?;
        // Boxed: the exchange's state (reqwest's future, the body being read) exists only while
        // the request is in flight, so a call waiting at the gate does not carry it.
        let result = Box::pin(transport::send(&self.inner.http, request, &limits)).await;
        pass.finish(&result);
        let response = result?;
        tracing::Span::current().record("status", response.status().as_u16());
        Ok(response)
    }

    /// The span of one API request.
    fn request_span<E: Endpoint>(&self, endpoint: &E, request_id: RequestId, attempt: u32) -> tracing::Span {
        let span = tracing::debug_span!("hec.request", method = E::METHOD.as_str(), path = E::PATH_TEMPLATE,
            task = tracing::field::Empty, host = self.base_url().authority(), request_id = %request_id, attempt,
            status = tracing::field::Empty, error = tracing::field::Empty, elapsed_ms = tracing::field::Empty);
        if let Some(task) = endpoint.about_task() {
            span.record("task", task.as_str());
        }
        span
    }

    /// The span of one token request.
    fn token_span(&self, attempt: u32) -> tracing::Span {
        tracing::debug_span!(
            "hec.request",
            method = "POST",
            path = hec_proto::endpoint::AUTH_PATH,
            host = self.base_url().authority(),
            attempt,
            status = tracing::field::Empty,
            error = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty
        )
    }
}

/// Logs a warning when the service answered about another task than `asked`.
fn warn_if_other_task(asked: &TaskId, answer: &TaskResponse) {
    if let Some(other) = answer.task.mismatched_id(asked) {
        tracing::warn!(asked = %asked, answered = %other, "the answer is for another task");
    }
}

/// Records in a request's span how long it took and, on failure, the error's kind (the HTTP
/// status is recorded by `send` as soon as the response arrives).
pub(crate) fn record<T>(span: &tracing::Span, started: Instant, outcome: &Result<T, Error>) {
    span.record("elapsed_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    if let Err(error) = outcome {
        span.record("error", error.kind_name());
    }
}
