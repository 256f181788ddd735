//! `SharedSecrets`: a driver's copy of the secrets to redact, readable by every caller at any
//! time without waiting for the token lock (which a driver holds across a token request).

use std::borrow::Cow;
use std::sync::{PoisonError, RwLock};

use crate::error::Error;
use crate::policy::token_cache::TokenCache;
use crate::policy::wait_set::WaitEvent;
use crate::redact::Secrets;

/// The secrets of a [`TokenCache`], copied out whenever it learns one
/// ([`SharedSecrets::publish`]), so that redacting never waits for a token fetch.
///
/// ```
/// use hec_proto::policy::{TokenCache, TokenSource};
/// use hec_proto::policy::SharedSecrets;
/// use hec_proto::Credentials;
/// let cache = TokenCache::new(TokenSource::Credentials(Credentials::new("id", "s3cr3t-key")));
/// let secrets = SharedSecrets::new(&cache);
/// assert_eq!(secrets.redact_text("key s3cr3t-key"), "key [redacted]");
/// ```
#[derive(Debug, Default)]
pub struct SharedSecrets(RwLock<Secrets>);

impl SharedSecrets {
    /// The secrets `tokens` knows now.
    pub fn new(tokens: &TokenCache) -> Self {
        SharedSecrets(RwLock::new(tokens.secrets().clone()))
    }

    /// Takes what `tokens` knows now (after it stored a new token).
    pub fn publish(&self, tokens: &TokenCache) {
        self.0.write().unwrap_or_else(PoisonError::into_inner).clone_from(tokens.secrets());
    }

    /// `error` without any of the secrets.
    pub fn redact(&self, error: Error) -> Error {
        error.redacted(&self.0.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// `text` without any of the secrets; borrowed when it holds none.
    pub fn redact_text<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.0.read().unwrap_or_else(PoisonError::into_inner).redact(text)
    }

    /// `event` with its error, if it has one, redacted.
    pub fn redact_event(&self, event: WaitEvent) -> WaitEvent {
        event.redacted(&self.0.read().unwrap_or_else(PoisonError::into_inner))
    }
}
