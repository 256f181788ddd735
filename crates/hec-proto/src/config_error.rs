//! `ConfigError`: why a configuration cannot work.

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
    /// A limit of zero requests in flight.
    #[error("the limit of requests in flight must be at least 1")]
    ZeroInFlight,
    /// Environment variables (or the settings standing for them) are missing.
    #[error("{} not set", unset_text(.0))]
    MissingVariables(Vec<&'static str>),
    /// Two variables that each choose the gateway are both set.
    #[error("both {0} and {1} are set: unset one")]
    Conflicting(&'static str, &'static str),
    /// `HEC_REGION` names no region.
    #[error(transparent)]
    Region(#[from] crate::region::UnknownRegion),
    /// `HEC_BASE_URL` is not a usable gateway URL.
    #[error(transparent)]
    BaseUrl(#[from] crate::base_url::InvalidBaseUrl),
    /// A static access token holds characters an HTTP header cannot carry.
    #[error(transparent)]
    TokenHeader(#[from] crate::secret::InvalidTokenHeader),
    /// A new token is needed, and a static access token has no credentials to fetch one with.
    #[error("a static access token has no credentials to fetch a token with")]
    NoCredentials,
    /// The driver's HTTP client cannot be built (the text is the HTTP library's).
    #[error("the HTTP client cannot be built: {0}")]
    HttpClient(String),
}

/// `A is` or `A and B are`.
fn unset_text(names: &[&str]) -> String {
    match names {
        [one] => format!("{one} is"),
        [init @ .., last] => format!("{} and {last} are", init.join(", ")),
        [] => "nothing is".to_owned(),
    }
}
