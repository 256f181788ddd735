//! Testing how a driver treats proxies from the environment (`HTTPS_PROXY`, `HTTP_PROXY`,
//! `ALL_PROXY`) without changing the test process's own environment: the test runs itself again
//! in a child process whose environment points every proxy variable at a mock.
//!
//! ```no_run
//! use hec_fixtures::mock::MockGateway;
//! use hec_fixtures::proxy_env;
//!
//! #[test]
//! fn my_driver_never_proxies_loopback() {
//!     if let Some(base_url) = proxy_env::child_base_url() {
//!         // The child: build the client for `base_url` and send one request.
//!         return;
//!     }
//!     let (proxy, gateway) = (MockGateway::start(), MockGateway::start());
//!     assert!(proxy_env::rerun("my_driver_never_proxies_loopback", &proxy.base_url(), &gateway.base_url()));
//!     assert_eq!(proxy.connections_accepted(), 0);
//! }
//! ```

use std::process::{Command, Stdio};

/// The variable that tells the child which gateway to use (and that it is the child).
const CHILD_BASE_URL: &str = "HEC_PROXY_ENV_CHILD_BASE_URL";

/// The proxy variables the HTTP libraries read, in both spellings.
const PROXY_VARS: [&str; 6] =
    ["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "https_proxy", "http_proxy", "all_proxy"];

/// In the child started by [`rerun`]: the gateway URL to use. `None` in the parent.
pub fn child_base_url() -> Option<String> {
    std::env::var(CHILD_BASE_URL).ok()
}

/// Runs the test named `test` of the current test binary in a child process whose every proxy
/// variable is `proxy_url` (and `NO_PROXY` unset), telling it to use `base_url`; returns whether
/// the child's test passed. The child's output is discarded.
///
/// # Panics
/// If the test binary cannot be found or started.
pub fn rerun(test: &str, proxy_url: &str, base_url: &str) -> bool {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut command = Command::new(exe);
    command.args([test, "--exact", "--test-threads=1"]).env(CHILD_BASE_URL, base_url);
    for name in PROXY_VARS {
        command.env(name, proxy_url);
    }
    command.env_remove("NO_PROXY").env_remove("no_proxy");
    let status = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the test binary runs again");
    status.success()
}
