//! A caller's own `reqwest::Client`.

use std::sync::Arc;

use hec_async::{Client, TaskStatus};
use hec_fixtures::matrix::test_config;
use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep};
use hec_proto::TransportErrorKind;

const ID: &str = "1691529376887109";

/// A client with ring and no process-wide provider (reqwest's own rustls setup would want one).
#[allow(deprecated)] // ring, as hec-async uses it: see its tls.rs
fn reqwest_client(redirect: reqwest::redirect::Policy) -> reqwest::Client {
    let tls = rustls::ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("ring supports TLS 1.2 and 1.3")
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    reqwest::Client::builder().tls_backend_preconfigured(tls).redirect(redirect).build().expect("a client")
}

fn hec_client(mock: &MockGateway, http: reqwest::Client) -> Client {
    Client::builder(test_config(mock)).http_client(http).build().expect("a client")
}

#[tokio::test(flavor = "current_thread")]
async fn requests_go_through_the_callers_client_with_hecs_user_agent() {
    let mock = MockGateway::start();
    mock.script_task(ID, TaskScript::polls([TaskStep::new("completed")]));
    let client = hec_client(&mock, reqwest_client(reqwest::redirect::Policy::none()));
    let answer = client.get_task(&ID.parse().expect("an id")).await.expect("the task");
    assert_eq!(answer.task.status, Some(TaskStatus::Completed));
    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.header("user-agent") == Some(hec_proto::config::USER_AGENT)));
}

#[tokio::test(flavor = "current_thread")]
async fn a_redirect_the_callers_client_followed_is_refused() {
    let mock = MockGateway::start();
    let elsewhere = MockGateway::start();
    mock.script_task(ID, TaskScript::polls([TaskStep::new("completed")]));
    let target = format!("{}{}{ID}", elsewhere.base_url(), hec_proto::endpoint::TASK_PATH);
    mock.fault(
        FaultRule::on_path(hec_proto::endpoint::TASK_PATH).always().then(Fault::redirect(302, target)),
    );
    let client = hec_client(&mock, reqwest_client(reqwest::redirect::Policy::default()));
    let error = client.get_task(&ID.parse().expect("an id")).await.expect_err("a refused redirect");
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Other), "{error:?}");
    // reqwest drops the Authorization header when it follows a redirect to another host.
    let seen = elsewhere.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].header("authorization"), None);
}

#[tokio::test(flavor = "current_thread")]
async fn check_credentials_reports_the_token_lifetime() {
    let mock = MockGateway::start();
    let client = hec_client(&mock, reqwest_client(reqwest::redirect::Policy::none()));
    let lifetime = client.check_credentials().await.expect("valid credentials");
    assert_eq!(lifetime, hec_fixtures::mock::DEFAULT_TOKEN_LIFETIME);
    assert_eq!(mock.tokens_issued(), 1);
}
