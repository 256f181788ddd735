//! `ClientBuilder`: a [`ClientConfig`] and, optionally, your own ureq agent.

use std::sync::{Arc, Mutex};

use hec_proto::policy::SharedSecrets;
use hec_proto::{ClientConfig, Error};

use ureq::unversioned::transport::DefaultConnector;

use crate::Client;
use crate::client::Inner;
use crate::gate::Gate;
use crate::resolver::InlineResolver;

/// Builds a [`Client`] from a [`ClientConfig`] (the gateway, credentials, timeouts and
/// policies, set once in hec-proto for every driver) and, optionally, your own `ureq::Agent`.
/// Without one, [`Client::from_config`] is the same in one call.
#[derive(Debug)]
pub struct ClientBuilder {
    config: ClientConfig,
    agent: Option<ureq::Agent>,
}

impl ClientBuilder {
    /// A builder of a client with this configuration.
    pub fn new(config: ClientConfig) -> Self {
        ClientBuilder { config, agent: None }
    }

    /// Sends through this agent (sharing its connection pool, proxy and TLS settings). hec still
    /// sets, per request, its timeouts, `http_status_as_error(false)` and no redirects, and keeps
    /// to `max_in_flight`; the agent's pool keeps as many idle connections as it was built with
    /// (the default agent keeps `max_in_flight`). The agent's proxy is its own: give a loopback
    /// gateway an agent without one.
    ///
    /// Every request has a total timeout (the configured one, or the time left to the caller's
    /// deadline), and with one ureq's default resolver looks the host up on a new thread for
    /// every request; the client's own agent resolves on the calling thread instead.
    pub fn http_client(mut self, agent: ureq::Agent) -> Self {
        self.agent = Some(agent);
        self
    }

    /// The client; fails if the gateway or the credentials are missing, or a timeout is zero.
    pub fn build(self) -> Result<Client, Error> {
        let config = self.config.validate()?;
        let agent = self.agent.unwrap_or_else(|| {
            default_agent(config.base_url().may_use_proxy(), config.config().max_in_flight)
        });
        let cache = config.token_cache();
        let secrets = SharedSecrets::new(&cache);
        let tokens = Mutex::new(cache);
        let gate = Gate::new(config.backpressure());
        Ok(Client { inner: Arc::new(Inner { agent, config, tokens, secrets, gate }) })
    }
}

/// An agent with rustls (ring) and the bundled Mozilla roots, or the operating system's
/// certificate store with the `os-certificates` feature; a proxy from the environment
/// (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`) unless `proxy` is false (a loopback
/// gateway: see [`BaseUrl::may_use_proxy`](hec_proto::BaseUrl::may_use_proxy)); its pool keeps as
/// many idle connections as requests may be in flight, and host names are resolved on the
/// calling thread.
fn default_agent(proxy: bool, max_in_flight: usize) -> ureq::Agent {
    let roots = if cfg!(feature = "os-certificates") {
        ureq::tls::RootCerts::PlatformVerifier
    } else {
        ureq::tls::RootCerts::WebPki
    };
    let tls =
        ureq::tls::TlsConfig::builder().provider(ureq::tls::TlsProvider::Rustls).root_certs(roots).build();
    let config = ureq::Agent::config_builder()
        .tls_config(tls)
        .http_status_as_error(false)
        .max_redirects(0)
        .proxy(if proxy { ureq::Proxy::try_from_env() } else { None })
        .max_idle_connections(max_in_flight)
        .max_idle_connections_per_host(max_in_flight)
        .build();
    ureq::Agent::with_parts(config, DefaultConnector::new(), InlineResolver::default())
}
