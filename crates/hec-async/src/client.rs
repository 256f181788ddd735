//! `Client`: token handling, retries and waiting over reqwest, each decision taken by hec-proto.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use futures_util::Stream;
use hec_proto::{
    AccessToken, ActOnEntities, ActOnEvents, ActionResponse, BaseUrl, Endpoint, Entity, EntityAction,
    EntityId, EntityQuery, Error, Event, EventAction, EventId, EventQuery, GetEntity, GetEvent, GetScopes,
    GetTask, Next, RequestId, Task, TaskId, TaskResponse, TokenCache, TokenNext, ValidConfig, WaitNext,
    WaitUpdate, Waiter, parse_token_response, token_request,
};
use tracing::Instrument;

use crate::ClientBuilder;
use crate::transport::{self, Limits};
use crate::{actions, paging};

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
}

/// Sleeps until `at` (at once if it has passed).
async fn sleep_until(at: Instant) {
    tokio::time::sleep(at.saturating_duration_since(Instant::now())).await;
}

impl Client {
    /// A builder; see [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
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
        let answer = self.execute_until(&GetTask::new(id.clone()), deadline).await?;
        warn_if_other_task(id, &answer);
        Ok(answer)
    }

    /// The scopes (`<farm>:<customer>`) the API key may act in (`GET /app/hec-api/v1.0/scopes`):
    /// a cheap check that the key works against this gateway.
    pub async fn scopes(&self) -> Result<Vec<String>, Error> {
        self.execute(&GetScopes).await.map(|answer| answer.scopes)
    }

    /// The entities `query` finds (`POST /app/hec-api/v1.0/search/query`), page after page as
    /// the stream is polled; nothing is sent before the first poll. A failed page ends the
    /// stream with its error. The stream owns a clone of the client and is `Send` and `Unpin`.
    pub fn search_entities(
        &self,
        query: EntityQuery,
    ) -> impl Stream<Item = Result<Entity, Error>> + Send + Unpin + use<> {
        paging::items(self.clone(), query)
    }

    /// One entity by id (`GET /app/hec-api/v1.0/search/entity/{entityId}`); an unknown id is a
    /// `not_found` error.
    pub async fn get_entity(&self, id: &EntityId) -> Result<Entity, Error> {
        self.execute(&GetEntity::new(id.clone())).await
    }

    /// Acts on entities of `saas` (`POST /app/hec-api/v1.0/action/entity`): one request per
    /// batch of at most [`MAX_ACTION_IDS`](hec_proto::MAX_ACTION_IDS) ids (the service's own
    /// limit is undocumented), each sent when its answer is polled for. An action is never
    /// resent once it may have run: a timeout or a 5xx ends the stream with
    /// [`Error::ActionOutcomeUnknown`], and later batches are not sent. No ids, no requests.
    pub fn act_on_entities(
        &self,
        action: EntityAction,
        saas: &str,
        ids: &[EntityId],
    ) -> impl Stream<Item = Result<ActionResponse, Error>> + Send + Unpin + use<> {
        actions::answers(self.clone(), ActOnEntities::new(action, saas, ids.to_vec()).into_batches())
    }

    /// The security events `query` finds (`POST /app/hec-api/v1.0/event/query`), paged like
    /// [`Client::search_entities`].
    pub fn search_events(
        &self,
        query: EventQuery,
    ) -> impl Stream<Item = Result<Event, Error>> + Send + Unpin + use<> {
        paging::items(self.clone(), query)
    }

    /// One security event by id (`GET /app/hec-api/v1.0/event/{eventId}`); an unknown id is a
    /// `not_found` error.
    pub async fn get_event(&self, id: &EventId) -> Result<Event, Error> {
        self.execute(&GetEvent::new(id.clone())).await
    }

    /// Acts on security events (`POST /app/hec-api/v1.0/action/event`), in batches like
    /// [`Client::act_on_entities`].
    pub fn act_on_events(
        &self,
        action: EventAction,
        ids: &[EventId],
    ) -> impl Stream<Item = Result<ActionResponse, Error>> + Send + Unpin + use<> {
        actions::answers(self.clone(), ActOnEvents::new(action, ids.to_vec()).into_batches())
    }

    /// Sends any [`Endpoint`] the way every method of this client does: a token fetched or
    /// renewed as needed, one refresh on a 401, and transient failures retried as hec-proto's
    /// [`Call`](hec_proto::Call) decides (never an action that may have run).
    pub async fn execute<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.execute_until(endpoint, None).await
    }

    /// [`Client::execute`], with no retry wait allowed past `deadline`, and no request in flight
    /// past it either: each request may take its configured timeout or the time left, whichever
    /// is shorter.
    pub async fn execute_until<E: Endpoint + Sync>(
        &self,
        endpoint: &E,
        deadline: Option<Instant>,
    ) -> Result<E::Output, Error> {
        match self.attempts(endpoint, deadline).await {
            Ok(answer) => Ok(answer),
            Err(error) => Err(self.redact(error).await),
        }
    }

    /// The loop of [`Client::execute_until`], before its error is redacted.
    async fn attempts<E: Endpoint + Sync>(
        &self,
        endpoint: &E,
        deadline: Option<Instant>,
    ) -> Result<E::Output, Error> {
        let mut call = self.inner.tokens.lock().await.api_call(self.retry(), Instant::now(), deadline);
        if !E::IDEMPOTENT {
            call = call.not_idempotent();
        }
        loop {
            let token = self.token(call.deadline()).await?;
            let timeout = call.request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let request_id = RequestId::new();
            let outcome = self
                .exchange(endpoint, request_id, call.attempt(), async {
                    let request = endpoint
                        .request(self.base_url(), &token, request_id)
                        .map_err(|e| Error::Config(e.to_string()))?;
                    let response = self.send(request, timeout).await?;
                    Ok(endpoint.parse(&response, request_id)?)
                })
                .await;
            match call.on_outcome(outcome, Instant::now(), SystemTime::now()) {
                Next::Done(answer) => return Ok(answer),
                Next::RefreshToken => {
                    self.inner.tokens.lock().await.invalidate(&token);
                }
                Next::Retry { after } => tokio::time::sleep(after).await,
                Next::Fail(error) => return Err(error),
            }
        }
    }

    /// Polls the task until it is `completed`, `failed` or `stopped`, calling `on_update` with
    /// every change of status or progress (`paused` and unknown states included), and returns
    /// the final task. Ends with [`Error::WaitTimedOut`] at the wait policy's timeout, also
    /// when a request in flight is cut short by it.
    pub async fn wait_for_task(
        &self,
        id: &TaskId,
        mut on_update: impl FnMut(&WaitUpdate),
    ) -> Result<Task, Error> {
        let mut waiter = Waiter::new(&self.inner.config.config().wait, Instant::now());
        loop {
            let answer = match self.get_task_until(id, Some(waiter.deadline())).await {
                Ok(answer) => answer,
                Err(error) => return Err(self.redact(waiter.on_error(error, Instant::now())).await),
            };
            let (update, next) = waiter.on_task(answer.task, Instant::now());
            if let Some(update) = &update {
                on_update(update);
            }
            match next {
                WaitNext::PollAt(at) => sleep_until(at).await,
                WaitNext::Finished(task) => return Ok(*task),
                WaitNext::TimedOut(error) => return Err(self.redact(error).await),
            }
        }
    }

    /// [`Client::wait_for_task`] as a stream: every change of status or progress as it is seen.
    /// The update with the terminal state (`completed`, `failed` or `stopped`) is the last item;
    /// a failed poll or [`Error::WaitTimedOut`] is the last item as an `Err`. Nothing is
    /// sent until the stream is polled, and dropping it stops the wait.
    ///
    /// The stream owns a clone of the client and of the id, and is `Send` and `Unpin`.
    ///
    /// ```
    /// use futures_util::StreamExt;
    /// use hec_async::{Client, Credentials, TaskStatus, WaitPolicy};
    /// use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};
    ///
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let mock = MockGateway::start();
    /// mock.script_task("42", TaskScript::polls([TaskStep::new("inprogress"), TaskStep::new("completed")]));
    /// let client = Client::builder()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key()))
    ///     .wait(WaitPolicy::default().with_first_interval(std::time::Duration::from_millis(10)))
    ///     .build()?;
    ///
    /// let mut updates = client.wait_for_task_stream(&"42".parse()?);
    /// let mut seen = Vec::new();
    /// while let Some(update) = updates.next().await {
    ///     seen.push(update?.task.status);
    /// }
    /// assert_eq!(seen, [Some(TaskStatus::InProgress), Some(TaskStatus::Completed)]);
    /// # Ok(())
    /// # }
    /// ```
    pub fn wait_for_task_stream(
        &self,
        id: &TaskId,
    ) -> impl Stream<Item = Result<WaitUpdate, Error>> + Send + Unpin + use<> {
        let state = WaitStream::start(self.clone(), id.clone());
        Box::pin(futures_util::stream::unfold(state, WaitStream::next))
    }

    /// Fetches a new token now (even if one is cached) and returns how long it lasts: a check
    /// that the credentials work. The token itself stays inside the client.
    pub async fn check_credentials(&self) -> Result<Duration, Error> {
        let mut tokens = self.inner.tokens.lock().await;
        let fetched = self.fetch_token(&mut tokens, None).await;
        fetched.map(|(_, lifetime)| lifetime).map_err(|error| tokens.redact(error))
    }

    /// `error` without any secret this client holds (its access key or static token, and the
    /// newest tokens it fetched), as every error this client returns already is: for errors made
    /// outside it, such as the [`Error::WaitTimedOut`] of a caller's own [`Waiter`].
    pub async fn redact(&self, error: Error) -> Error {
        self.inner.tokens.lock().await.redact(error)
    }

    fn retry(&self) -> &hec_proto::RetryPolicy {
        &self.inner.config.config().retry
    }

    /// A fresh token: the cached one, or one fetched while holding the cache's lock.
    async fn token(&self, deadline: Instant) -> Result<AccessToken, Error> {
        let mut tokens = self.inner.tokens.lock().await;
        if let Some(token) = tokens.fresh(Instant::now()) {
            return Ok(token);
        }
        self.fetch_token(&mut tokens, Some(deadline)).await.map(|(token, _)| token)
    }

    async fn fetch_token(
        &self,
        tokens: &mut TokenCache,
        deadline: Option<Instant>,
    ) -> Result<(AccessToken, Duration), Error> {
        let (credentials, mut call) = tokens.token_call(self.retry(), Instant::now(), deadline)?;
        loop {
            let timeout = call.request_timeout(Instant::now(), self.inner.config.config().timeout)?;
            let outcome = self
                .exchange_token(call.attempt(), async {
                    let response = self.send(token_request(self.base_url(), &credentials), timeout).await?;
                    Ok(parse_token_response(&response, SystemTime::now())?)
                })
                .await;
            match call.on_outcome(outcome, Instant::now(), SystemTime::now()) {
                TokenNext::Done(grant) => {
                    let token = grant.token.clone();
                    let lifetime = grant.lifetime;
                    tokens.store(grant, Instant::now());
                    return Ok((token, lifetime));
                }
                TokenNext::Retry { after } => tokio::time::sleep(after).await,
                TokenNext::Fail(error) => return Err(error),
            }
        }
    }

    /// Sends one request that may take `timeout` in all.
    async fn send(
        &self,
        request: http::Request<Vec<u8>>,
        timeout: Duration,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let config = self.inner.config.config();
        let limits =
            Limits { timeout, body_limit: config.body_limit, user_agent: self.inner.config.user_agent() };
        let response = transport::send(&self.inner.http, request, &limits).await?;
        tracing::Span::current().record("status", response.status().as_u16());
        Ok(response)
    }

    /// Runs one API request inside its tracing span.
    async fn exchange<E: Endpoint, T>(
        &self,
        endpoint: &E,
        request_id: RequestId,
        attempt: u32,
        body: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let span = tracing::debug_span!("hec.request", method = E::METHOD.as_str(), path = E::PATH_TEMPLATE,
            task = tracing::field::Empty, host = self.base_url().authority(), request_id = %request_id, attempt,
            status = tracing::field::Empty, error = tracing::field::Empty, elapsed_ms = tracing::field::Empty);
        if let Some(task) = endpoint.about_task() {
            span.record("task", task.as_str());
        }
        traced(span, body).await
    }

    /// Runs one token request inside its tracing span.
    async fn exchange_token<T>(
        &self,
        attempt: u32,
        body: impl Future<Output = Result<T, Error>>,
    ) -> Result<T, Error> {
        let span = tracing::debug_span!(
            "hec.request",
            method = "POST",
            path = hec_proto::AUTH_PATH,
            host = self.base_url().authority(),
            attempt,
            status = tracing::field::Empty,
            error = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty
        );
        traced(span, body).await
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
async fn traced<T>(span: tracing::Span, body: impl Future<Output = Result<T, Error>>) -> Result<T, Error> {
    let started = Instant::now();
    let outcome = body.instrument(span.clone()).await;
    span.record("elapsed_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    if let Err(error) = &outcome {
        span.record("error", error.kind_name());
    }
    outcome
}

/// The state of [`Client::wait_for_task_stream`] between two items.
enum WaitStream {
    /// Waiting goes on.
    Polling(Box<Polling>),
    /// The last update was yielded; this error is the last item.
    Failing(Error),
    /// The end.
    Ended,
}

/// Waiting that goes on: the same loop as [`Client::wait_for_task`], yielding instead of calling.
struct Polling {
    client: Client,
    id: TaskId,
    /// Started at the first poll, not when the stream is made.
    waiter: Option<Waiter>,
    /// When the next poll is due (at once if `None`).
    due: Option<Instant>,
}

type Item = Result<WaitUpdate, Error>;

impl WaitStream {
    fn start(client: Client, id: TaskId) -> Self {
        WaitStream::Polling(Box::new(Polling { client, id, waiter: None, due: None }))
    }

    /// The next item, and the state after it.
    async fn next(self) -> Option<(Item, WaitStream)> {
        match self {
            WaitStream::Polling(polling) => polling.next().await,
            WaitStream::Failing(error) => Some((Err(error), WaitStream::Ended)),
            WaitStream::Ended => None,
        }
    }
}

impl Polling {
    /// Polls until the task changes, finishes or the wait ends.
    async fn next(mut self: Box<Self>) -> Option<(Item, WaitStream)> {
        loop {
            if let Some(at) = self.due {
                sleep_until(at).await;
            }
            let policy = &self.client.inner.config.config().wait;
            let waiter = self.waiter.get_or_insert_with(|| Waiter::new(policy, Instant::now()));
            let answer = match self.client.get_task_until(&self.id, Some(waiter.deadline())).await {
                Ok(answer) => answer,
                Err(error) => {
                    let error = self.client.redact(waiter.on_error(error, Instant::now())).await;
                    return Some((Err(error), WaitStream::Ended));
                }
            };
            match waiter.on_task(answer.task, Instant::now()) {
                (update, WaitNext::PollAt(at)) => {
                    self.due = Some(at);
                    if let Some(update) = update {
                        return Some((Ok(update), WaitStream::Polling(self)));
                    }
                }
                // The terminal state always differs from the last one seen, so it is an update.
                (Some(update), WaitNext::Finished(_)) => return Some((Ok(update), WaitStream::Ended)),
                (None, WaitNext::Finished(_)) => return None,
                (Some(update), WaitNext::TimedOut(error)) => {
                    return Some((Ok(update), WaitStream::Failing(self.client.redact(error).await)));
                }
                (None, WaitNext::TimedOut(error)) => {
                    return Some((Err(self.client.redact(error).await), WaitStream::Ended));
                }
            }
        }
    }
}
