//! `ClientConfig`: what every driver is configured with, and the builder methods they share.

use std::time::Duration;

use crate::base_url::BaseUrl;
pub use crate::config_error::ConfigError;
use crate::policy::backpressure::DEFAULT_MAX_IN_FLIGHT;
use crate::policy::retry::RetryPolicy;
use crate::policy::token_cache::{DEFAULT_TOKEN_SKEW, TokenSource};
use crate::policy::wait::WaitPolicy;
use crate::region::Region;
use crate::secret::{AccessToken, Credentials};

/// The default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default timeout of one request, from connecting to the last byte of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default largest response body accepted.
pub const DEFAULT_BODY_LIMIT: u64 = 16 * 1024 * 1024;

/// The default largest message a download accepts (`ClientConfig::download_limit`): 64 MiB.
/// Mail servers commonly refuse messages past 25 to 50 MiB, and a message's attachments grow by a
/// third in MIME's base64, so 64 MiB holds every message a mailbox will deliver.
pub const DEFAULT_DOWNLOAD_LIMIT: u64 = 64 * 1024 * 1024;
/// The user agent the drivers send: `hec/<version>`.
pub const USER_AGENT: &str = concat!("hec/", env!("CARGO_PKG_VERSION"));

/// A driver's configuration: where, who, and how patiently.
///
/// Built with its setters ([`ClientConfig::new`], then [`ClientConfig::region`],
/// [`ClientConfig::credentials`], ...) or by its public fields, and handed whole to a driver
/// (`hec_blocking::Client::from_config`, `hec_async::Client::from_config`);
/// [`ClientConfig::validate`] says what is missing.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ClientConfig {
    /// The gateway (no default: choose a region or a URL).
    pub base_url: Option<BaseUrl>,
    /// Where tokens come from (no default: credentials or a static token).
    pub auth: Option<TokenSource>,
    /// How long connecting may take (default 10 s).
    pub connect_timeout: Duration,
    /// How long one request may take in all, from connecting to the last byte of the body
    /// (default 30 s); less when its call's deadline (a wait's timeout, the retry policy's
    /// `max_elapsed`) comes sooner: see [`Call::request_timeout`](crate::policy::Call::request_timeout).
    pub timeout: Duration,
    /// Retries of failed requests.
    pub retry: RetryPolicy,
    /// How `wait_for_task` polls.
    pub wait: WaitPolicy,
    /// The largest response body read (default 16 MiB); a larger one is an error.
    pub body_limit: u64,
    /// The largest message a download (`download_entity`) writes (default
    /// [`DEFAULT_DOWNLOAD_LIMIT`], 64 MiB); past it the download stops with a `body_too_large`
    /// transport error. The message is streamed, never held whole in memory.
    pub download_limit: u64,
    /// The `User-Agent` header (default `hec/<version>`).
    pub user_agent: String,
    /// How long before expiry a token is renewed (default 60 s).
    pub token_skew: Duration,
    /// The most requests the client has in flight at once, token requests included, across every
    /// clone and caller (default 16). Fewer while the service answers 429 or 503: see
    /// [`Backpressure`](crate::policy::Backpressure).
    pub max_in_flight: usize,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: None,
            auth: None,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            retry: RetryPolicy::default(),
            wait: WaitPolicy::default(),
            body_limit: DEFAULT_BODY_LIMIT,
            download_limit: DEFAULT_DOWNLOAD_LIMIT,
            user_agent: USER_AGENT.to_owned(),
            token_skew: DEFAULT_TOKEN_SKEW,
            max_in_flight: DEFAULT_MAX_IN_FLIGHT,
        }
    }
}

/// The environment variable naming the region.
pub const ENV_REGION: &str = "HEC_REGION";
/// The environment variable holding a gateway URL (it wins over the region).
pub const ENV_BASE_URL: &str = "HEC_BASE_URL";
/// The environment variable holding the API key's client id.
pub const ENV_CLIENT_ID: &str = "HEC_CLIENT_ID";
/// The environment variable holding the API key's secret access key.
pub const ENV_ACCESS_KEY: &str = "HEC_ACCESS_KEY";

/// A validated configuration: the parts a driver needs, all present. Made only by
/// [`ClientConfig::validate`], so it cannot hold a missing gateway or a bad header, and read
/// through accessors:
///
/// ```compile_fail
/// # fn change(mut valid: hec_proto::config::ValidConfig) {
/// valid.config.retry = hec_proto::policy::RetryPolicy::never();
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct ValidConfig {
    base_url: BaseUrl,
    auth: TokenSource,
    user_agent: http::HeaderValue,
    config: ClientConfig,
}

impl ClientConfig {
    /// The default configuration: no gateway and no credentials yet (set them with
    /// [`ClientConfig::region`] or [`ClientConfig::base_url`], and [`ClientConfig::credentials`]
    /// or [`ClientConfig::static_token`]), the default timeouts and policies.
    ///
    /// ```
    /// use std::time::Duration;
    /// use hec_proto::{ClientConfig, Credentials, Region};
    /// let config = ClientConfig::new()
    ///     .region(Region::Eu)
    ///     .credentials(Credentials::new("client-id", "access-key"))
    ///     .timeout(Duration::from_secs(10))
    ///     .validate()?;
    /// assert_eq!(config.base_url().as_str(), "https://cloudinfra-gw.portal.checkpoint.com");
    /// assert_eq!(config.config().timeout, Duration::from_secs(10));
    /// # Ok::<(), hec_proto::ConfigError>(())
    /// ```
    pub fn new() -> Self {
        ClientConfig::default()
    }

    /// The gateway of a region.
    pub fn region(mut self, region: Region) -> Self {
        self.base_url = Some(region.base_url());
        self
    }

    /// Any gateway URL (https, or http to a loopback host).
    pub fn base_url(mut self, base_url: BaseUrl) -> Self {
        self.base_url = Some(base_url);
        self
    }

    /// An API key: tokens are fetched, cached and renewed from it.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.auth = Some(TokenSource::Credentials(credentials));
        self
    }

    /// A token the caller manages instead of credentials; it is never renewed.
    pub fn static_token(mut self, token: AccessToken) -> Self {
        self.auth = Some(TokenSource::Static(token));
        self
    }

    /// How long connecting may take (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// How long one request may take in all (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Retries of failed requests (default: 4 attempts, 250 ms base, 30 s cap).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How a wait for tasks polls (default: 1 s growing 1.5x to 15 s, 10 min in all).
    pub fn wait(mut self, wait: WaitPolicy) -> Self {
        self.wait = wait;
        self
    }

    /// The largest response body read (default 16 MiB).
    pub fn body_limit(mut self, bytes: u64) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The largest message a download writes (default [`DEFAULT_DOWNLOAD_LIMIT`], 64 MiB).
    pub fn download_limit(mut self, bytes: u64) -> Self {
        self.download_limit = bytes;
        self
    }

    /// The `User-Agent` header (default `hec/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// How long before expiry a token is renewed (default 60 s).
    pub fn token_skew(mut self, skew: Duration) -> Self {
        self.token_skew = skew;
        self
    }

    /// The most requests in flight at once, token requests included, across every clone and
    /// caller of a client (default 16; fewer for a while after a 429 or 503).
    pub fn max_in_flight(mut self, requests: usize) -> Self {
        self.max_in_flight = requests;
        self
    }
}

impl ClientConfig {
    /// The default configuration with the gateway and credentials read through `lookup` (pass
    /// `|name| std::env::var(name).ok()`): [`BaseUrl::from_env_vars`] and
    /// [`Credentials::from_env_vars`]. hec-proto reads no environment itself.
    ///
    /// ```
    /// use hec_proto::ClientConfig;
    /// let env = |name: &str| match name {
    ///     "HEC_REGION" => Some("eu".to_owned()),
    ///     "HEC_CLIENT_ID" => Some("id".to_owned()),
    ///     "HEC_ACCESS_KEY" => Some("key".to_owned()),
    ///     _ => None,
    /// };
    /// let config = ClientConfig::from_env_vars(env)?.validate()?;
    /// assert_eq!(config.base_url().as_str(), "https://cloudinfra-gw.portal.checkpoint.com");
    /// assert_eq!(ClientConfig::from_env_vars(|_| None).unwrap_err().to_string(), "HEC_REGION is not set");
    /// let both = |name: &str| name.starts_with("HEC_").then(|| "eu".to_owned());
    /// assert_eq!(
    ///     ClientConfig::from_env_vars(both).unwrap_err().to_string(),
    ///     "both HEC_REGION and HEC_BASE_URL are set: unset one"
    /// );
    /// # Ok::<(), hec_proto::ConfigError>(())
    /// ```
    pub fn from_env_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<ClientConfig, ConfigError> {
        let base_url = BaseUrl::from_env_vars(&lookup)?;
        let credentials = Credentials::from_env_vars(&lookup)?;
        Ok(ClientConfig {
            base_url: Some(base_url),
            auth: Some(TokenSource::Credentials(credentials)),
            ..ClientConfig::default()
        })
    }

    /// Checks that the configuration can work.
    pub fn validate(self) -> Result<ValidConfig, ConfigError> {
        let base_url = self.base_url.clone().ok_or(ConfigError::MissingBaseUrl)?;
        let auth = self.auth.clone().ok_or(ConfigError::MissingAuth)?;
        if self.connect_timeout.is_zero() {
            return Err(ConfigError::ZeroTimeout("connect"));
        }
        if self.timeout.is_zero() {
            return Err(ConfigError::ZeroTimeout("request"));
        }
        if self.max_in_flight == 0 {
            return Err(ConfigError::ZeroInFlight);
        }
        let user_agent =
            http::HeaderValue::from_str(&self.user_agent).map_err(|_| ConfigError::InvalidUserAgent)?;
        Ok(ValidConfig { base_url, auth, user_agent, config: self })
    }
}

impl ValidConfig {
    /// The gateway.
    pub fn base_url(&self) -> &BaseUrl {
        &self.base_url
    }

    /// Where tokens come from.
    pub fn auth(&self) -> &TokenSource {
        &self.auth
    }

    /// The `User-Agent` header, checked once.
    pub fn user_agent(&self) -> &http::HeaderValue {
        &self.user_agent
    }

    /// The whole configuration, as given.
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// A token cache for this configuration.
    pub fn token_cache(&self) -> crate::policy::token_cache::TokenCache {
        crate::policy::token_cache::TokenCache::new(self.auth.clone()).with_skew(self.config.token_skew)
    }

    /// The client-wide backpressure for this configuration: at most `max_in_flight` requests at
    /// once; a 429 or 503 without `Retry-After` pauses every caller for the retry policy's
    /// `base`, and no `Retry-After` pauses them for longer than its `cap`.
    pub fn backpressure(&self) -> crate::policy::backpressure::Backpressure {
        let retry = &self.config.retry;
        crate::policy::backpressure::Backpressure::new(self.config.max_in_flight)
            .with_pauses(retry.base(), retry.cap())
    }
}

/// A setting that is unset when absent, empty or only whitespace; else its trimmed text.
fn setting(lookup: &impl Fn(&str) -> Option<String>, name: &str) -> Option<String> {
    lookup(name).map(|value| value.trim().to_owned()).filter(|value| !value.is_empty())
}

impl BaseUrl {
    /// The gateway named by `HEC_BASE_URL` or `HEC_REGION`, read through `lookup` (the
    /// environment, or a command line's options standing for it): one of them, not both; a
    /// value that is empty or only whitespace counts as unset.
    ///
    /// ```
    /// use hec_proto::BaseUrl;
    /// use hec_proto::config::{ENV_BASE_URL, ENV_REGION};
    /// let region = |name: &str| (name == ENV_REGION).then(|| " UK ".to_owned());
    /// assert_eq!(BaseUrl::from_env_vars(region)?.as_str(), "https://cloudinfra-gw.uk.portal.checkpoint.com");
    /// let url = |name: &str| (name == ENV_BASE_URL).then(|| "http://127.0.0.1:8080".to_owned());
    /// assert_eq!(BaseUrl::from_env_vars(url)?.as_str(), "http://127.0.0.1:8080");
    /// # Ok::<(), hec_proto::ConfigError>(())
    /// ```
    pub fn from_env_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<BaseUrl, ConfigError> {
        match (setting(&lookup, ENV_REGION), setting(&lookup, ENV_BASE_URL)) {
            (Some(_), Some(_)) => Err(ConfigError::Conflicting(ENV_REGION, ENV_BASE_URL)),
            (None, Some(url)) => Ok(url.parse::<BaseUrl>()?),
            (Some(region), None) => Ok(region.parse::<Region>()?.base_url()),
            (None, None) => Err(ConfigError::MissingVariables(vec![ENV_REGION])),
        }
    }
}

impl Credentials {
    /// The API key from `HEC_CLIENT_ID` and `HEC_ACCESS_KEY`, read through `lookup` (the
    /// environment, or the settings standing for it), each trimmed; the error names every one
    /// that is missing, empty or only whitespace.
    ///
    /// ```
    /// use hec_proto::{ConfigError, Credentials};
    /// use hec_proto::config::{ENV_ACCESS_KEY, ENV_CLIENT_ID};
    /// let only_id = |name: &str| (name == ENV_CLIENT_ID).then(|| "id".to_owned());
    /// assert_eq!(Credentials::from_env_vars(only_id).unwrap_err(), ConfigError::MissingVariables(vec![ENV_ACCESS_KEY]));
    /// assert_eq!(
    ///     Credentials::from_env_vars(|_| Some(" ".to_owned())).unwrap_err().to_string(),
    ///     "HEC_CLIENT_ID and HEC_ACCESS_KEY are not set"
    /// );
    /// ```
    pub fn from_env_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<Credentials, ConfigError> {
        match (setting(&lookup, ENV_CLIENT_ID), setting(&lookup, ENV_ACCESS_KEY)) {
            (Some(client_id), Some(access_key)) => Ok(Credentials::new(client_id, access_key)),
            (client_id, access_key) => Err(ConfigError::MissingVariables(
                [
                    client_id.is_none().then_some(ENV_CLIENT_ID),
                    access_key.is_none().then_some(ENV_ACCESS_KEY),
                ]
                .into_iter()
                .flatten()
                .collect(),
            )),
        }
    }
}

/// A feed's origin is its client's gateway and client id (defined here, above the policies, so
/// the policy layer never reads a configuration).
impl crate::policy::feed::FeedOrigin {
    /// The origin of the events a client with `config` reads: its gateway and its API key's
    /// client id (empty for a static token, which names no client).
    pub fn of(config: &ValidConfig) -> Self {
        let client_id = match config.auth() {
            TokenSource::Credentials(credentials) => credentials.client_id(),
            _ => "",
        };
        Self::new(config.base_url(), client_id)
    }
}
