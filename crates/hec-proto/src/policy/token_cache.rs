//! `TokenCache`: when to fetch a token, when it is stale, and which token a 401 condemns.

use std::time::{Duration, Instant};

use crate::config_error::ConfigError;
use crate::endpoint::auth::TokenGrant;
use crate::error::Error;
use crate::policy::call::{Call, TokenCall};
use crate::policy::retry::RetryPolicy;
use crate::redact::Secrets;
use crate::secret::{AccessToken, Credentials};

/// The default margin before expiry at which a token is renewed (peers use 60 s).
pub const DEFAULT_TOKEN_SKEW: Duration = Duration::from_secs(60);

/// Where tokens come from.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum TokenSource {
    /// An API key: tokens are fetched from `POST /auth/external` and renewed before they expire.
    Credentials(Credentials),
    /// A token the caller manages; it is never renewed.
    Static(AccessToken),
}

/// The token a client holds, and the rules for renewing it.
///
/// A driver keeps one behind a lock shared by every clone of the client, and holds the lock while
/// it fetches, so that concurrent callers without a token cause exactly one token request.
///
/// ```
/// use std::time::{Duration, Instant};
/// use hec_proto::{AccessToken, Credentials};
/// use hec_proto::endpoint::TokenGrant;
/// use hec_proto::policy::{TokenCache, TokenSource};
/// # fn grant(token: &str, secs: u64) -> TokenGrant {
/// #     let response = http::Response::new(format!(r#"{{"success":true,"data":{{"token":"{token}","expiresIn":{secs}}}}}"#).into_bytes());
/// #     hec_proto::endpoint::parse_token_response(&response, std::time::SystemTime::now()).unwrap()
/// # }
/// let start = Instant::now();
/// let mut cache = TokenCache::new(TokenSource::Credentials(Credentials::new("id", "key")));
/// assert!(cache.fresh(start).is_none()); // no token yet: fetch one
/// cache.handle_grant(grant("made-up-token-0001", 1800), start);
/// let fresh = cache.fresh(start + Duration::from_secs(1739));
/// assert_eq!(fresh.map(|t| t.secret().to_owned()), Some("made-up-token-0001".into()));
/// assert!(cache.fresh(start + Duration::from_secs(1741)).is_none()); // within 60 s of expiry
/// ```
#[derive(Debug, Clone)]
pub struct TokenCache {
    source: TokenSource,
    skew: Duration,
    current: Option<(AccessToken, Instant)>,
    /// The last fetch's failure and when it ended, until a token is stored.
    failed: Option<(Error, Instant)>,
    secrets: Secrets,
}

impl TokenCache {
    /// A cache with no token yet and the default skew.
    pub fn new(source: TokenSource) -> Self {
        let mut secrets = Secrets::new();
        match &source {
            TokenSource::Credentials(credentials) => secrets.add(credentials.access_key_secret()),
            TokenSource::Static(token) => secrets.add(token.secret()),
        }
        TokenCache { source, skew: DEFAULT_TOKEN_SKEW, current: None, failed: None, secrets }
    }

    /// Sets how long before expiry a token counts as stale.
    pub fn with_skew(mut self, skew: Duration) -> Self {
        self.skew = skew;
        self
    }

    /// The token to send at `now`, or `None` if one must be fetched first.
    pub fn fresh(&self, now: Instant) -> Option<AccessToken> {
        match &self.source {
            TokenSource::Static(token) => Some(token.clone()),
            TokenSource::Credentials(_) => {
                let (token, stale_at) = self.current.as_ref()?;
                (now < *stale_at).then(|| token.clone())
            }
        }
    }

    /// The credentials to fetch a token with; `None` for a static token.
    pub fn credentials(&self) -> Option<&Credentials> {
        match &self.source {
            TokenSource::Credentials(credentials) => Some(credentials),
            TokenSource::Static(_) => None,
        }
    }

    /// Whether a refused token can be replaced (false for a static token).
    pub fn can_refresh(&self) -> bool {
        matches!(self.source, TokenSource::Credentials(_))
    }

    /// Keeps a newly fetched token; `received_at` is when its response arrived. A token that
    /// lives less than twice the skew is renewed at half its life instead.
    pub fn handle_grant(&mut self, grant: TokenGrant, received_at: Instant) {
        let margin = self.skew.min(grant.lifetime / 2);
        let stale_at = crate::instant::saturating_add(received_at, grant.lifetime.saturating_sub(margin));
        self.secrets.add_token(&grant.token);
        self.current = Some((grant.token, stale_at));
        self.failed = None;
    }

    /// Remembers that a token fetch failed at `now`, for the callers that were waiting for it
    /// (see [`TokenCache::failure_since`]).
    pub fn handle_fetch_error(&mut self, error: &Error, now: Instant) {
        self.failed = Some((error.clone(), now));
    }

    /// The failure of a token fetch that ended at or after `waiting_since`, when a caller began
    /// waiting for the cache's lock: concurrent callers share one token request whatever its
    /// outcome, so refused credentials cost one request, not one per caller. A caller that comes
    /// later fetches again.
    pub fn failure_since(&self, waiting_since: Instant) -> Option<Error> {
        self.failed.as_ref().filter(|(_, at)| *at >= waiting_since).map(|(error, _)| error.clone())
    }

    /// The secrets this cache has held: the access key (or the static token) and the newest
    /// tokens it stored. Pass errors through [`Error::redacted`] with them before they leave a
    /// driver.
    pub fn secrets(&self) -> &Secrets {
        &self.secrets
    }

    /// `error` with every secret this cache has held removed (see [`Error::redacted`]).
    pub fn redact(&self, error: Error) -> Error {
        error.redacted(&self.secrets)
    }

    /// Forgets `rejected` after the API refused it (401), unless another caller has already
    /// replaced it; returns whether it was forgotten.
    pub fn invalidate(&mut self, rejected: &AccessToken) -> bool {
        let matches = self.current.as_ref().is_some_and(|(token, _)| token == rejected);
        if matches {
            self.current = None;
        }
        matches
    }

    /// The [`Call`] of an API request sent at `now` with tokens from this cache: one refresh on
    /// a 401 when the token can be replaced, none for a static token. `deadline` (a waiter's,
    /// say) can only make the call's own deadline earlier.
    pub fn api_call(&self, policy: &RetryPolicy, now: Instant, deadline: Option<Instant>) -> Call {
        with_deadline(Call::new(policy, now), deadline).with_token_refresh(self.can_refresh())
    }

    /// The credentials and the [`TokenCall`] to fetch a token with at `now` (the auth
    /// endpoint's own 401 is a refusal, never a reason to refresh); a configuration error for a
    /// static token, which has no credentials to fetch with.
    pub fn token_call(
        &self,
        policy: &RetryPolicy,
        now: Instant,
        deadline: Option<Instant>,
    ) -> Result<(Credentials, TokenCall), Error> {
        let credentials = self.credentials().cloned().ok_or(Error::Config(ConfigError::NoCredentials))?;
        Ok((credentials, TokenCall::new(policy, now, deadline)))
    }

    /// When the current token becomes stale, if there is one.
    pub fn stale_at(&self) -> Option<Instant> {
        self.current.as_ref().map(|(_, at)| *at)
    }
}

fn with_deadline(call: Call, deadline: Option<Instant>) -> Call {
    match deadline {
        Some(deadline) => call.with_deadline(deadline),
        None => call,
    }
}
