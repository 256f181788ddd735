//! `Client`: token handling, retries and waiting over reqwest, each decision taken by hec-proto.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant, SystemTime};

use hec_proto::{
    AccessToken, BaseUrl, Call, Endpoint, Error, GetTask, Jitter, Next, RequestId, TaskId, TaskResponse,
    TokenCache, ValidConfig, parse_token_response, token_request,
};
use tracing::Instrument;

use crate::ClientBuilder;
use crate::gate::Gate;
use crate::transport::{self, Limits};

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
    /// Never held across an await.
    pub(crate) jitter: Mutex<Jitter>,
    /// The limit on requests in flight, and the pause after a 429 or 503, for every caller.
    pub(crate) gate: Gate,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Sleeps until `at` (at once if it has passed).
pub(crate) async fn sleep_until(at: Instant) {
    tokio::time::sleep(at.saturating_duration_since(Instant::now())).await;
}

impl Client {
    /// A builder; see [`ClientBuilder`].
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The gateway this client talks to.
    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.config.base_url
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
        self.execute_until(&GetTask::new(id.clone()), deadline).await
    }

    /// Sends any [`Endpoint`] the way every method of this client does: a token fetched or
    /// renewed as needed, one refresh on a 401, and transient failures retried as hec-proto's
    /// [`Call`] decides (never an action that may have run).
    pub async fn execute<E: Endpoint + Sync>(&self, endpoint: &E) -> Result<E::Output, Error> {
        self.execute_until(endpoint, None).await
    }

    /// [`Client::execute`], with no retry wait allowed past `deadline`.
    pub async fn execute_until<E: Endpoint + Sync>(
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
            // In a block of its own: the answer (hundreds of bytes) is not kept across the
            // awaits below, so a call waiting to retry, or waiting at the gate, is smaller.
            let retry_after = {
                let request_id = RequestId::new();
                let span = request_span::<E>(request_id, call.attempt());
                let started = Instant::now();
                // Built and awaited in place: a future handed to a wrapper would be stored twice.
                let outcome = async {
                    let request = || {
                        endpoint
                            .request(self.base_url(), &token, request_id)
                            .map_err(|e| Error::Config(e.to_string()))
                    };
                    let response = self.send(request).await?;
                    Ok(endpoint.parse(&response, request_id)?)
                }
                .instrument(span.clone())
                .await;
                record(&span, started, &outcome);
                match self.decide(&mut call, outcome) {
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
        self.fetch_token(&mut tokens, None).await.map(|(_, lifetime)| lifetime)
    }

    fn retry(&self) -> &hec_proto::RetryPolicy {
        &self.inner.config.config.retry
    }

    fn decide<T>(&self, call: &mut Call, outcome: Result<T, Error>) -> Next<T> {
        call.on_outcome(outcome, Instant::now(), SystemTime::now(), &mut lock(&self.inner.jitter))
    }

    /// A fresh token: the cached one, or one fetched while holding the cache's lock (or the
    /// failure of the fetch another caller made while this one waited for the lock).
    async fn token(&self, deadline: Instant) -> Result<AccessToken, Error> {
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
            let span = token_span(call.attempt());
            let started = Instant::now();
            let outcome = async {
                let response = self.send(|| Ok(token_request(self.base_url(), &credentials))).await?;
                Ok(parse_token_response(&response, SystemTime::now())?)
            }
            .instrument(span.clone())
            .await;
            record(&span, started, &outcome);
            match self.decide(&mut call, outcome) {
                Next::Done(grant) => {
                    let token = grant.token.clone();
                    let lifetime = grant.lifetime;
                    tokens.store(grant, Instant::now());
                    return Ok((token, lifetime));
                }
                Next::Retry { after } => tokio::time::sleep(after).await,
                Next::RefreshToken => {}
                Next::Fail(error) => {
                    tokens.fetch_failed(&error, Instant::now());
                    return Err(error);
                }
            }
        }
    }

    /// Sends the request `build` makes once the gate lets it through (built only then, so that a
    /// call waiting at the gate holds no request).
    async fn send(
        &self,
        build: impl FnOnce() -> Result<http::Request<Vec<u8>>, Error>,
    ) -> Result<http::Response<Vec<u8>>, Error> {
        let config = &self.inner.config.config;
        let limits = Limits {
            timeout: config.timeout,
            body_limit: config.body_limit,
            user_agent: &self.inner.config.user_agent,
        };
        let pass = self.inner.gate.enter().await;
        let request = build()?;
        // Boxed: the exchange's state (reqwest's future, the body being read) exists only while
        // the request is in flight, so a call waiting at the gate does not carry it.
        let result = Box::pin(transport::send(&self.inner.http, request, &limits)).await;
        pass.finish(&result);
        let response = result?;
        tracing::Span::current().record("status", response.status().as_u16());
        Ok(response)
    }
}

/// The span of one API request.
fn request_span<E: Endpoint>(request_id: RequestId, attempt: u32) -> tracing::Span {
    tracing::debug_span!("hec.request", method = E::METHOD.as_str(), path = E::PATH_TEMPLATE,
        request_id = %request_id, attempt, status = tracing::field::Empty, error = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty)
}

/// The span of one token request.
fn token_span(attempt: u32) -> tracing::Span {
    tracing::debug_span!(
        "hec.request",
        method = "POST",
        path = hec_proto::AUTH_PATH,
        attempt,
        status = tracing::field::Empty,
        error = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty
    )
}

/// Records in a request's span how long it took and, on failure, the error's kind (the HTTP
/// status is recorded by `send` as soon as the response arrives).
fn record<T>(span: &tracing::Span, started: Instant, outcome: &Result<T, Error>) {
    span.record("elapsed_ms", u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX));
    if let Err(error) = outcome {
        span.record("error", error.kind_name());
    }
}
