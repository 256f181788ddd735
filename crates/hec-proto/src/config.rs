//! `ClientConfig`: what every driver is configured with, and the builder methods they share.

use std::time::Duration;

use crate::{BaseUrl, DEFAULT_TOKEN_SKEW, RetryPolicy, TokenSource, WaitPolicy};

/// The default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The default timeout of one request, from connecting to the last byte of the body.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The default largest response body accepted.
pub const DEFAULT_BODY_LIMIT: u64 = 16 * 1024 * 1024;

/// The user agent the drivers send: `hec/<version>`.
pub const USER_AGENT: &str = concat!("hec/", env!("CARGO_PKG_VERSION"));

/// A driver's configuration: where, who, and how patiently.
///
/// Drivers' builders set it through the same methods (see `hec_blocking::ClientBuilder` and
/// `hec_async::ClientBuilder`); [`ClientConfig::validate`] says what is missing.
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
    /// `max_elapsed`) comes sooner: see [`Call::request_timeout`](crate::Call::request_timeout).
    pub timeout: Duration,
    /// Retries of failed requests.
    pub retry: RetryPolicy,
    /// How `wait_for_task` polls.
    pub wait: WaitPolicy,
    /// The largest response body read (default 16 MiB); a larger one is an error.
    pub body_limit: u64,
    /// The `User-Agent` header (default `hec/<version>`).
    pub user_agent: String,
    /// How long before expiry a token is renewed (default 60 s).
    pub token_skew: Duration,
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
            user_agent: USER_AGENT.to_owned(),
            token_skew: DEFAULT_TOKEN_SKEW,
        }
    }
}

/// A configuration that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// Neither a region nor a base URL was given.
    #[error("no gateway: set a region (us, eu, ca, au, uk, uae, in) or a base URL")]
    MissingBaseUrl,
    /// Neither credentials nor a token were given.
    #[error("no credentials: set a client id and access key, or a static access token")]
    MissingAuth,
    /// The user agent holds characters an HTTP header cannot carry.
    #[error("the user agent cannot be sent in an HTTP header (it holds control or non-visible characters)")]
    InvalidUserAgent,
    /// A timeout of zero.
    #[error("the {0} timeout must be longer than zero")]
    ZeroTimeout(&'static str),
    /// An environment variable is missing.
    #[error("{0} is not set")]
    MissingVariable(&'static str),
    /// Two variables that each choose the gateway are both set.
    #[error("both {0} and {1} are set: unset one")]
    Conflicting(&'static str, &'static str),
    /// `HEC_REGION` names no region.
    #[error(transparent)]
    Region(#[from] crate::UnknownRegion),
    /// `HEC_BASE_URL` is not a usable gateway URL.
    #[error(transparent)]
    BaseUrl(#[from] crate::InvalidBaseUrl),
}

/// The environment variable naming the region.
pub const ENV_REGION: &str = "HEC_REGION";
/// The environment variable holding a gateway URL (it wins over the region).
pub const ENV_BASE_URL: &str = "HEC_BASE_URL";
/// The environment variable holding the API key's client id.
pub const ENV_CLIENT_ID: &str = "HEC_CLIENT_ID";
/// The environment variable holding the API key's secret access key.
pub const ENV_ACCESS_KEY: &str = "HEC_ACCESS_KEY";

/// A validated configuration: the parts a driver needs, all present.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ValidConfig {
    /// The gateway.
    pub base_url: BaseUrl,
    /// Where tokens come from.
    pub auth: TokenSource,
    /// The `User-Agent` header, checked once.
    pub user_agent: http::HeaderValue,
    /// The rest, as given.
    pub config: ClientConfig,
}

impl ClientConfig {
    /// The default configuration with the gateway and credentials read through `lookup` (pass
    /// `|name| std::env::var(name).ok()`): `HEC_BASE_URL` or `HEC_REGION` (not both),
    /// `HEC_CLIENT_ID` and `HEC_ACCESS_KEY`. hec-proto reads no environment itself.
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
    /// assert_eq!(config.base_url.as_str(), "https://cloudinfra-gw.portal.checkpoint.com");
    /// assert_eq!(ClientConfig::from_env_vars(|_| None).unwrap_err().to_string(), "HEC_REGION is not set");
    /// let both = |name: &str| name.starts_with("HEC_").then(|| "eu".to_owned());
    /// assert_eq!(
    ///     ClientConfig::from_env_vars(both).unwrap_err().to_string(),
    ///     "both HEC_BASE_URL and HEC_REGION are set: unset one"
    /// );
    /// # Ok::<(), hec_proto::ConfigError>(())
    /// ```
    pub fn from_env_vars(lookup: impl Fn(&str) -> Option<String>) -> Result<ClientConfig, ConfigError> {
        let set = |name| lookup(name).filter(|value| !value.trim().is_empty());
        let base_url = match (set(ENV_BASE_URL), set(ENV_REGION)) {
            (Some(_), Some(_)) => return Err(ConfigError::Conflicting(ENV_BASE_URL, ENV_REGION)),
            (Some(url), None) => url.parse::<BaseUrl>()?,
            (None, Some(region)) => region.parse::<crate::Region>()?.base_url(),
            (None, None) => return Err(ConfigError::MissingVariable(ENV_REGION)),
        };
        let client_id = lookup(ENV_CLIENT_ID).ok_or(ConfigError::MissingVariable(ENV_CLIENT_ID))?;
        let access_key = lookup(ENV_ACCESS_KEY).ok_or(ConfigError::MissingVariable(ENV_ACCESS_KEY))?;
        Ok(ClientConfig {
            base_url: Some(base_url),
            auth: Some(TokenSource::Credentials(crate::Credentials::new(client_id, access_key))),
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
        let user_agent =
            http::HeaderValue::from_str(&self.user_agent).map_err(|_| ConfigError::InvalidUserAgent)?;
        Ok(ValidConfig { base_url, auth, user_agent, config: self })
    }
}

impl ValidConfig {
    /// A token cache for this configuration.
    pub fn token_cache(&self) -> crate::TokenCache {
        crate::TokenCache::new(self.auth.clone()).with_skew(self.config.token_skew)
    }
}

/// Defines a driver builder's configuration setters, the same in every driver. The builder must
/// have a field `config: ClientConfig`.
#[macro_export]
#[doc(hidden)]
macro_rules! config_setters {
    () => {
        /// The gateway of a region.
        pub fn region(mut self, region: $crate::Region) -> Self {
            self.config.base_url = Some(region.base_url());
            self
        }

        /// Any gateway URL (https, or http to a loopback host).
        pub fn base_url(mut self, base_url: $crate::BaseUrl) -> Self {
            self.config.base_url = Some(base_url);
            self
        }

        /// An API key: tokens are fetched, cached and renewed from it.
        pub fn credentials(mut self, credentials: $crate::Credentials) -> Self {
            self.config.auth = Some($crate::TokenSource::Credentials(credentials));
            self
        }

        /// A token the caller manages instead of credentials; it is never renewed.
        pub fn static_token(mut self, token: $crate::AccessToken) -> Self {
            self.config.auth = Some($crate::TokenSource::Static(token));
            self
        }

        /// How long connecting may take (default 10 s).
        pub fn connect_timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.config.connect_timeout = timeout;
            self
        }

        /// How long one request may take in all (default 30 s).
        pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
            self.config.timeout = timeout;
            self
        }

        /// Retries of failed requests (default: 4 attempts, 250 ms base, 30 s cap).
        pub fn retry(mut self, retry: $crate::RetryPolicy) -> Self {
            self.config.retry = retry;
            self
        }

        /// How `wait_for_task` polls (default: 1 s growing 1.5x to 15 s, 10 min in all).
        pub fn wait(mut self, wait: $crate::WaitPolicy) -> Self {
            self.config.wait = wait;
            self
        }

        /// The largest response body read (default 16 MiB).
        pub fn body_limit(mut self, bytes: u64) -> Self {
            self.config.body_limit = bytes;
            self
        }

        /// The `User-Agent` header (default `hec/<version>`).
        pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
            self.config.user_agent = user_agent.into();
            self
        }

        /// How long before expiry a token is renewed (default 60 s).
        pub fn token_skew(mut self, skew: ::std::time::Duration) -> Self {
            self.config.token_skew = skew;
            self
        }

        /// The whole configuration at once.
        pub fn config(mut self, config: $crate::ClientConfig) -> Self {
            self.config = config;
            self
        }
    };
}
