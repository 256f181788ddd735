//! `ClientBuilder`: a [`ClientConfig`] and, optionally, your own reqwest client.

use std::sync::Arc;

use hec_proto::config::ValidConfig;
use hec_proto::policy::SharedSecrets;
use hec_proto::{ClientConfig, ConfigError, Error};

use crate::Client;
use crate::client::Inner;
use crate::gate::Gate;
use crate::tls;

/// Builds a [`Client`] from a [`ClientConfig`] (the gateway, credentials, timeouts and
/// policies, set once in hec-proto for every driver) and, optionally, your own
/// `reqwest::Client`. Without one, [`Client::from_config`] is the same in one call.
#[derive(Debug)]
pub struct ClientBuilder {
    config: ClientConfig,
    client: Option<reqwest::Client>,
}

impl ClientBuilder {
    /// A builder of a client with this configuration.
    pub fn new(config: ClientConfig) -> Self {
        ClientBuilder { config, client: None }
    }

    /// Sends through this client (sharing its connection pool, proxy and TLS settings; the proxy
    /// is its own, so give a loopback gateway a client without one). hec still sets, per request, the request timeout and the user agent; the connect timeout and
    /// the redirect policy are the client's own (reqwest sets them per client), so build it with
    /// `redirect(reqwest::redirect::Policy::none())`: a response reached through a redirect it
    /// followed is refused as a transport error of kind `other`. hec keeps to `max_in_flight`
    /// requests at once; the client's pool keeps as many idle connections as it was built with
    /// (the default client keeps `max_in_flight` per host).
    ///
    /// Without reqwest's default features (hec-async does without them, to leave out aws-lc),
    /// reqwest has no crypto provider of its own: hand it a rustls configuration with
    /// `tls_backend_preconfigured`, or its `build` panics unless a process-wide rustls
    /// `CryptoProvider` was installed.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.client = Some(client);
        self
    }

    /// The client; fails if the gateway or the credentials are missing, or a timeout is zero (or,
    /// with the `os-certificates` feature, if the operating system's store cannot be read).
    pub fn build(self) -> Result<Client, Error> {
        let config = self.config.validate()?;
        let http = match self.client {
            Some(client) => client,
            None => default_client(&config)?,
        };
        let cache = config.token_cache();
        let secrets = SharedSecrets::new(&cache);
        let tokens = tokio::sync::Mutex::new(cache);
        let gate = Gate::new(config.backpressure());
        Ok(Client { inner: Arc::new(Inner { http, config, tokens, secrets, gate }) })
    }
}

/// A client with rustls (ring) and the bundled Mozilla roots, or the operating system's
/// certificate store with the `os-certificates` feature; HTTP/1.1, no redirects, the configured
/// timeouts and user agent; at most `max_in_flight` idle connections kept per host; proxies from
/// the environment (`HTTPS_PROXY`, `ALL_PROXY`, `NO_PROXY`, read when the client is built),
/// except for a loopback gateway (see
/// [`BaseUrl::may_use_proxy`](hec_proto::BaseUrl::may_use_proxy)).
fn default_client(valid: &ValidConfig) -> Result<reqwest::Client, Error> {
    let config = valid.config();
    let builder = reqwest::Client::builder();
    let builder = if valid.base_url().may_use_proxy() { builder } else { builder.no_proxy() };
    builder
        .tls_backend_preconfigured(tls::client_config()?)
        .http1_only()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(config.connect_timeout)
        .timeout(config.timeout)
        .user_agent(config.user_agent.as_str())
        .pool_max_idle_per_host(config.max_in_flight)
        .build()
        .map_err(|error| Error::Config(ConfigError::HttpClient(error.to_string())))
}
