//! The blocking client beyond the fault matrix: its builder, a caller's own agent, and the
//! credentials check.

use std::time::Duration;

use hec_blocking::ConfigError;
use hec_blocking::{Client, Credentials, Error};
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};

fn completed(mock: &MockGateway) {
    mock.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
}

fn credentials(mock: &MockGateway) -> Credentials {
    Credentials::new(mock.client_id(), mock.access_key())
}

#[test]
fn a_builder_without_a_gateway_or_credentials_says_which_is_missing() {
    let no_gateway =
        Client::from_config(hec_blocking::ClientConfig::new().credentials(Credentials::new("id", "key")))
            .unwrap_err();
    assert_eq!(no_gateway, Error::Config(ConfigError::MissingBaseUrl));
    let no_auth =
        Client::from_config(hec_blocking::ClientConfig::new().region(hec_blocking::Region::Eu)).unwrap_err();
    assert_eq!(no_auth, Error::Config(ConfigError::MissingAuth));
}

#[test]
fn a_zero_timeout_is_refused() {
    let error = Client::from_config(
        hec_blocking::ClientConfig::new()
            .region(hec_blocking::Region::Us)
            .credentials(Credentials::new("id", "key"))
            .timeout(Duration::ZERO),
    )
    .unwrap_err();
    assert_eq!(error, Error::Config(ConfigError::ZeroTimeout("request")));
}

#[test]
fn check_credentials_fetches_a_new_token_and_reports_its_lifetime() {
    let mock = MockGateway::builder().token_lifetime(Duration::from_secs(900)).start();
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(mock.base_url().parse().unwrap())
            .credentials(credentials(&mock)),
    )
    .unwrap();
    assert_eq!(client.check_credentials(), Ok(Duration::from_secs(900)));
    assert_eq!(client.check_credentials(), Ok(Duration::from_secs(900)));
    assert_eq!(mock.tokens_issued(), 2);
}

#[test]
fn a_callers_agent_still_gets_statuses_as_answers_and_no_redirects() {
    let mock = MockGateway::start();
    completed(&mock);
    // An agent that would turn statuses into errors and follow redirects.
    let agent: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(true).max_redirects(5).build().into();
    let config = hec_blocking::ClientConfig::new()
        .base_url(mock.base_url().parse().unwrap())
        .credentials(credentials(&mock));
    let client = Client::builder(config).http_client(agent).build().unwrap();
    let elsewhere = MockGateway::start();
    mock.fault(
        FaultRule::on_path(hec_proto::endpoint::TASK_PATH).then(Fault::redirect(307, elsewhere.base_url())),
    );
    let error = client.get_task(&"7".parse().unwrap()).unwrap_err();
    assert_eq!(error.kind_name(), "redirect");
    assert!(elsewhere.requests().is_empty());
    mock.fault(
        FaultRule::on_path(hec_proto::endpoint::TASK_PATH)
            .then(Fault::status(404).json(r#"{"message":"no"}"#)),
    );
    assert_eq!(client.get_task(&"7".parse().unwrap()).unwrap_err().kind_name(), "not_found");
    assert_eq!(client.get_task(&"7".parse().unwrap()).map(|a| a.task.is_terminal()), Ok(true));
}

#[test]
fn requests_carry_the_configured_user_agent() {
    let mock = MockGateway::start();
    completed(&mock);
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(mock.base_url().parse().unwrap())
            .credentials(credentials(&mock))
            .user_agent("soar-playbook/2.1"),
    )
    .unwrap();
    client.get_task(&"7".parse().unwrap()).unwrap();
    let agents: Vec<_> = mock.requests().iter().map(|r| r.header("user-agent").map(str::to_owned)).collect();
    assert_eq!(agents, [Some("soar-playbook/2.1".to_owned()), Some("soar-playbook/2.1".to_owned())]);
}

#[test]
fn a_keep_alive_connection_is_reused_across_calls() {
    // Regression: a per-request user agent made ureq open a connection per request.
    let mock = MockGateway::start();
    completed(&mock);
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(mock.base_url().parse().unwrap())
            .credentials(credentials(&mock)),
    )
    .unwrap();
    for _ in 0..20 {
        client.get_task(&"7".parse().unwrap()).unwrap();
    }
    assert_eq!(mock.connections_accepted(), 1);
}

#[test]
fn a_tls_handshake_failure_is_reported_as_tls_and_not_retried() {
    // https to a port that speaks plain HTTP: the handshake fails.
    let mock = MockGateway::start();
    let base = format!("https://127.0.0.1:{}", mock.addr().port());
    let client = Client::from_config(
        hec_blocking::ClientConfig::new().base_url(base.parse().unwrap()).credentials(credentials(&mock)),
    )
    .unwrap();
    let error = client.get_task(&"7".parse().unwrap()).unwrap_err();
    assert_eq!(error.kind_name(), "tls", "{error:?}");
    assert_eq!(mock.connections_accepted(), 1);
}

#[test]
fn a_refused_connection_is_a_connect_error_after_the_retries() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).unwrap().port();
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(format!("http://127.0.0.1:{port}").parse().unwrap())
            .credentials(Credentials::new("id", "key"))
            .retry(
                hec_blocking::RetryPolicy::default()
                    .with_backoff(Duration::from_millis(1), Duration::from_millis(2)),
            ),
    )
    .unwrap();
    let error = client.get_task(&"7".parse().unwrap()).unwrap_err();
    assert_eq!(error.kind_name(), "connect", "{error:?}");
    assert!(matches!(error, Error::GaveUp { attempts: 4, .. }), "{error:?}");
}

#[test]
fn a_user_agent_that_no_header_can_carry_is_refused_at_build() {
    let error = Client::from_config(
        hec_blocking::ClientConfig::new()
            .region(hec_blocking::Region::Eu)
            .credentials(Credentials::new("id", "key"))
            .user_agent("line\nbreak"),
    )
    .unwrap_err();
    assert_eq!(error, Error::Config(ConfigError::InvalidUserAgent));
}

#[test]
fn a_transport_error_keeps_ureqs_error_as_its_source() {
    use std::error::Error as _;
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).unwrap().port();
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(format!("http://127.0.0.1:{port}").parse().unwrap())
            .credentials(Credentials::new("id", "key"))
            .retry(hec_blocking::RetryPolicy::never()),
    )
    .unwrap();
    let error = client.get_task(&"7".parse().unwrap()).unwrap_err();
    let transport = error.transport_error().expect("a transport error");
    let source = transport.source().expect("the library's error is kept");
    assert!(source.is::<ureq::Error>(), "{source:?}");
    assert_eq!(transport.to_string(), format!("connect error: 127.0.0.1:{port}: {source}"));
}

#[test]
fn connect_and_tls_errors_name_the_host() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).unwrap().port();
    let refused = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(format!("http://127.0.0.1:{port}").parse().unwrap())
            .credentials(Credentials::new("id", "key"))
            .retry(hec_blocking::RetryPolicy::never()),
    )
    .unwrap()
    .get_task(&"7".parse().unwrap())
    .unwrap_err();
    let message = refused.transport_error().map(|e| e.message().to_owned()).unwrap_or_default();
    assert!(message.starts_with(&format!("127.0.0.1:{port}: ")), "{refused}");

    let mock = MockGateway::start();
    let base = format!("https://localhost:{}", mock.addr().port());
    let tls = Client::from_config(
        hec_blocking::ClientConfig::new().base_url(base.parse().unwrap()).credentials(credentials(&mock)),
    )
    .unwrap()
    .get_task(&"7".parse().unwrap())
    .unwrap_err();
    assert_eq!(tls.kind_name(), "tls", "{tls:?}");
    assert!(tls.to_string().starts_with(&format!("tls error: localhost:{}: ", mock.addr().port())), "{tls}");
}
