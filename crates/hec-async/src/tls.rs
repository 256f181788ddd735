//! The rustls configuration of the default client: the ring provider, passed in rather than
//! installed process-wide, and the bundled Mozilla roots or the operating system's store.

use std::sync::Arc;

use hec_proto::{Error, TransportError, TransportErrorKind};

/// TLS 1.2 and 1.3 with ring, offering only HTTP/1.1 by ALPN.
///
/// rustls 0.23.48 deprecates its ring provider ("no support for post-quantum algorithms") in
/// favour of aws-lc-rs. hec keeps ring on purpose: one TLS stack in the build, no C toolchain
/// (aws-lc needs cmake, and nasm on some targets), and half the crypto build time; the cost is no
/// post-quantum key exchange, which the HEC gateways are not known to offer.
#[allow(deprecated)]
pub(crate) fn client_config() -> Result<rustls::ClientConfig, Error> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(tls_error)?;
    let builder = verifier(builder)?;
    let mut config = builder.with_no_client_auth();
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(config)
}

type WantsVerifier = rustls::ConfigBuilder<rustls::ClientConfig, rustls::WantsVerifier>;
type WantsClientCert = rustls::ConfigBuilder<rustls::ClientConfig, rustls::client::WantsClientCert>;

#[cfg(not(feature = "os-certificates"))]
fn verifier(builder: WantsVerifier) -> Result<WantsClientCert, Error> {
    let roots = rustls::RootCertStore { roots: webpki_roots::TLS_SERVER_ROOTS.to_vec() };
    Ok(builder.with_root_certificates(roots))
}

#[cfg(feature = "os-certificates")]
fn verifier(builder: WantsVerifier) -> Result<WantsClientCert, Error> {
    use rustls_platform_verifier::BuilderVerifierExt;
    builder.with_platform_verifier().map_err(tls_error)
}

fn tls_error(error: rustls::Error) -> Error {
    Error::Transport(TransportError::new(TransportErrorKind::Tls, format!("TLS setup failed: {error}")))
}
