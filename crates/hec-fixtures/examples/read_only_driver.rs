//! A driver of the fault matrix as a downstream crate writes one: hec-proto's endpoints and
//! paging over a plain `ureq::Agent`, implementing only
//! [`ReadDriver`](hec_fixtures::matrix::ReadDriver) (no retries, no token refresh, no actions,
//! no waits), so it runs the read scenarios alone.
//!
//! What it does because the matrix checks it: it sends the configured `User-Agent` (hec-proto's
//! requests already carry the `x-av-req-id` request id and the bearer token), follows no
//! redirect, reads at most `body_limit` bytes, traces each answer through `tracing` (method,
//! path, status: never a header, never a body), and redacts the access key and every token from
//! its errors with hec-proto's [`Secrets`].
//!
//! In a test file, `hec_fixtures::read_matrix!(ReadOnly);` makes each read scenario a `#[test]`
//! (hec-fixtures' own tests do that with this file); `cargo run -p hec-fixtures --example
//! read_only_driver` runs them one after the other from `main`, as a harness of its own would.

use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use hec_fixtures::matrix::ReadDriver;
use hec_proto::endpoint::{
    Endpoint, GetEntity, GetEvent, GetScopes, PagedQuery, parse_token_response, token_request,
};
use hec_proto::policy::{Paging, PagingNext, TokenSource};
use hec_proto::redact::Secrets;
use hec_proto::{
    AccessToken, BaseUrl, ClientConfig, Credentials, Entity, EntityId, EntityQuery, Error, Event, EventId,
    EventQuery, RequestId, TransportError, TransportErrorKind,
};

/// The read-only driver: an agent, where to send, the key, the token once fetched, and every
/// secret its errors must not show.
pub(crate) struct ReadOnly {
    agent: ureq::Agent,
    base: BaseUrl,
    credentials: Credentials,
    user_agent: http::HeaderValue,
    body_limit: u64,
    token: Mutex<Option<AccessToken>>,
    secrets: Mutex<Secrets>,
}

/// A ureq failure as a transport error (the matrix compares kinds, never ureq's types).
fn transport(error: ureq::Error) -> Error {
    let kind = match &error {
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::Io(io) => TransportErrorKind::of_io_error(io),
        ureq::Error::ConnectionFailed | ureq::Error::HostNotFound => TransportErrorKind::Connect,
        ureq::Error::BodyExceedsLimit(_) => TransportErrorKind::BodyTooLarge,
        _ => TransportErrorKind::Other,
    };
    Error::Transport(TransportError::new(kind, error.to_string()))
}

impl ReadOnly {
    /// Sends one request with the user agent, reads at most the body limit, and traces the
    /// method, path and status (never a header: the authorization header holds the token).
    fn send(&self, mut request: http::Request<Vec<u8>>) -> Result<http::Response<Vec<u8>>, Error> {
        request.headers_mut().insert(http::header::USER_AGENT, self.user_agent.clone());
        let (method, path) = (request.method().clone(), request.uri().path().to_owned());
        let response = self.agent.run(request).map_err(transport)?;
        tracing::debug!(%method, %path, status = response.status().as_u16(), "answered");
        let (parts, body) = response.into_parts();
        let bytes = body.into_with_config().limit(self.body_limit).read_to_vec().map_err(transport)?;
        Ok(http::Response::from_parts(parts, bytes))
    }

    /// The token held, or a new one from the credentials.
    fn token(&self) -> Result<AccessToken, Error> {
        let mut held = self.token.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(token) = held.as_ref() {
            return Ok(token.clone());
        }
        let answer = self.send(token_request(&self.base, &self.credentials))?;
        let grant = parse_token_response(&answer, SystemTime::now())?;
        self.secrets.lock().unwrap_or_else(PoisonError::into_inner).add_token(&grant.token);
        *held = Some(grant.token.clone());
        Ok(grant.token)
    }

    /// One call of `endpoint`, its error redacted of the key and the token.
    fn call<E: Endpoint>(&self, endpoint: &E) -> Result<E::Output, Error> {
        let result = self.token().and_then(|token| {
            let id = RequestId::new();
            let answer = self.send(endpoint.request(&self.base, &token, id)?)?;
            Ok(endpoint.parse(&answer, id)?)
        });
        result.map_err(|error: Error| {
            error.redacted(&self.secrets.lock().unwrap_or_else(PoisonError::into_inner))
        })
    }

    /// The items of `query`'s pages, a page fetched when its first item is asked for, as
    /// hec-proto's [`Paging`] decides (when paging ends; no item handed out twice); a failed
    /// page is the last item.
    fn search<Q: PagedQuery + 'static>(&self, query: Q) -> impl Iterator<Item = Result<Q::Item, Error>> + '_ {
        let mut paging = Paging::new(query);
        std::iter::from_fn(move || {
            loop {
                match paging.poll_item() {
                    PagingNext::Item(item) => return Some(Ok(item)),
                    PagingNext::Done => return None,
                    PagingNext::Send(call) => match self.call(&call) {
                        Ok(page) => paging.handle_page(page),
                        Err(error) => {
                            paging.handle_error();
                            return Some(Err(error));
                        }
                    },
                }
            }
        })
    }
}

impl ReadDriver for ReadOnly {
    fn build(config: ClientConfig) -> Result<Self, Error> {
        let config = config.validate()?;
        let TokenSource::Credentials(credentials) = config.auth().clone() else {
            panic!("the matrix configures credentials, never a static token");
        };
        let mut secrets = Secrets::new();
        secrets.add(credentials.access_key_secret());
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .timeout_global(Some(config.config().timeout))
            .build()
            .into();
        Ok(ReadOnly {
            agent,
            base: config.base_url().clone(),
            credentials,
            user_agent: config.user_agent().clone(),
            body_limit: config.config().body_limit,
            token: Mutex::new(None),
            secrets: Mutex::new(secrets),
        })
    }

    fn scopes(&self) -> Result<Vec<String>, Error> {
        self.call(&GetScopes).map(|answer| answer.scopes)
    }

    fn search_entities(&self, query: EntityQuery) -> Box<dyn Iterator<Item = Result<Entity, Error>> + '_> {
        Box::new(self.search(query))
    }

    fn get_entity(&self, id: &EntityId) -> Result<Entity, Error> {
        self.call(&GetEntity::new(id.clone()))
    }

    fn search_events(&self, query: EventQuery) -> Box<dyn Iterator<Item = Result<Event, Error>> + '_> {
        Box::new(self.search(query))
    }

    fn get_event(&self, id: &EventId) -> Result<Event, Error> {
        self.call(&GetEvent::new(id.clone()))
    }
}

/// Runs every read scenario against [`ReadOnly`], each on a fresh mock gateway, and names each
/// as it passes (a failed one panics with what was expected and what came).
pub(crate) fn main() {
    for (name, scenario) in hec_fixtures::matrix::reads::read_scenarios::<ReadOnly>() {
        hec_fixtures::matrix::run::<ReadOnly>(name, scenario);
        println!("ok: {name}");
    }
}
