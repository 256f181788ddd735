//! Proxies from the environment: never for a loopback gateway, whose traffic (plain http, with
//! the access key) must not leave the machine.

use hec_async::{Client, Credentials, RetryPolicy};
use hec_fixtures::mock::{DEMO_ACCESS_KEY, DEMO_CLIENT_ID, MockGateway, TaskScript, TaskStep};
use hec_fixtures::proxy_env;

const TEST: &str = "a_loopback_gateway_is_never_reached_through_a_proxy_from_the_environment";

#[test]
fn a_loopback_gateway_is_never_reached_through_a_proxy_from_the_environment() {
    if let Some(base_url) = proxy_env::child_base_url() {
        // The child, with every proxy variable set: one task request, no retries. Its outcome
        // does not matter; where its traffic went does.
        let client = Client::from_config(
            hec_async::ClientConfig::new()
                .base_url(base_url.parse().expect("a base URL"))
                .credentials(Credentials::new(DEMO_CLIENT_ID, DEMO_ACCESS_KEY))
                .retry(RetryPolicy::never()),
        )
        .expect("a client");
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
        let _ = runtime.block_on(client.get_task(&"7".parse().expect("an id")));
        return;
    }
    let proxy = MockGateway::start();
    let gateway = MockGateway::start();
    gateway.script_task("7", TaskScript::polls([TaskStep::new("completed")]));
    assert!(proxy_env::rerun(TEST, &proxy.base_url(), &gateway.base_url()));
    assert_eq!(gateway.requests().len(), 2, "the token and the task request reach the gateway");
    assert_eq!(proxy.connections_accepted(), 0, "the proxy saw the loopback traffic");

    // The variables are read: a gateway that is not loopback is reached through the proxy.
    assert!(proxy_env::rerun(TEST, &proxy.base_url(), "https://gw.example.invalid"));
    assert_eq!(proxy.connections_accepted(), 1);
}
