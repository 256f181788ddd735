//! hec-blocking's `get_task` on loopback (one thread, keep-alive) against a raw ureq GET of the
//! same URL plus a `Value` parse, both against the same mock gateway: by throughput against raw
//! ureq as configured by default, and by the calling thread's CPU per request against raw ureq
//! given the same timeouts as hec's; and the gateway's own ceiling, from two raw clients at once.

use std::time::{Duration, Instant};

use hec_fixtures::mock::{MockGateway, TaskScript, TaskStep};

use crate::measure::{Variant, compare, keep};
use crate::report::{Row, Target};

/// The task every loopback request asks for.
pub(crate) const TASK_ID: &str = "1691529376887109";

/// A mock that answers every task as completed and records nothing.
pub(crate) fn mock(worker_threads: usize) -> MockGateway {
    MockGateway::builder()
        .default_script(TaskScript::polls([TaskStep::new("completed").progress(1).total(1)]))
        .record_requests(false)
        .worker_threads(worker_threads)
        .start()
}

/// A token from the mock, fetched with a plain POST (for the baselines).
pub(crate) fn raw_token(agent: &ureq::Agent, mock: &MockGateway) -> String {
    let body = format!(r#"{{"clientId":"{}","accessKey":"{}"}}"#, mock.client_id(), mock.access_key());
    let mut response = agent
        .post(format!("{}/auth/external", mock.base_url()))
        .header("content-type", "application/json")
        .send(body.as_str())
        .expect("the mock issues a token");
    let bytes = response.body_mut().read_to_vec().expect("a token answer");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("a JSON token answer");
    value["data"]["token"].as_str().expect("a token").to_owned()
}

/// One raw GET of the task, read and parsed into a `Value`.
pub(crate) fn raw_get(agent: &ureq::Agent, url: &str, bearer: &str) -> serde_json::Value {
    let mut response = agent
        .get(url)
        .header("x-av-req-id", hec_proto::RequestId::new().to_string())
        .header("authorization", bearer)
        .header("accept", "application/json")
        .call()
        .expect("the mock answers");
    let bytes = response.body_mut().read_to_vec().expect("a body");
    serde_json::from_slice(&bytes).expect("a JSON answer")
}

pub(crate) fn agent() -> ureq::Agent {
    ureq::Agent::config_builder().http_status_as_error(false).build().into()
}

/// A raw agent given hec's default timeouts (to connect, and for the whole exchange) and, as
/// hec's agent does, host names resolved on the calling thread: with a total timeout, ureq's
/// default resolver would start a thread per request.
fn timed_agent() -> ureq::Agent {
    let defaults = hec_proto::ClientConfig::default();
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .timeout_connect(Some(defaults.connect_timeout))
        .timeout_per_call(Some(defaults.timeout))
        .build();
    ureq::Agent::with_parts(config, ureq::unversioned::transport::DefaultConnector::new(), InlineResolver)
}

/// ureq's default resolver, asked for no timeout, so it runs on the calling thread.
#[derive(Debug)]
struct InlineResolver;

impl ureq::unversioned::resolver::Resolver for InlineResolver {
    fn resolve(
        &self,
        uri: &http::Uri,
        config: &ureq::config::Config,
        _timeout: ureq::unversioned::transport::NextTimeout,
    ) -> Result<ureq::unversioned::resolver::ResolvedSocketAddrs, ureq::Error> {
        use ureq::unversioned::resolver::DefaultResolver;
        DefaultResolver::default().resolve(uri, config, ureq::unversioned::transport::NextTimeout::default())
    }
}

/// What both loopback clients need: hec's client and the raw client's agent, token and URL.
struct Setup {
    client: hec_blocking::Client,
    id: hec_proto::TaskId,
    agent: ureq::Agent,
    /// The raw agent with hec's timeouts.
    timed: ureq::Agent,
    bearer: String,
    url: String,
}

fn setup(mock: &MockGateway) -> Setup {
    let client = hec_blocking::Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(mock.base_url().parse().expect("a loopback URL"))
            .credentials(hec_proto::Credentials::new(mock.client_id(), mock.access_key())),
    )
    .expect("a valid configuration");
    let agent = agent();
    let bearer = format!("Bearer {}", raw_token(&agent, mock));
    let url = format!("{}{}{TASK_ID}", mock.base_url(), hec_proto::endpoint::TASK_PATH);
    Setup { client, id: TASK_ID.parse().expect("a valid id"), agent, timed: timed_agent(), bearer, url }
}

/// The rows: hec against raw ureq (throughput, and CPU per request with the same timeouts), the
/// server's ceiling, and hec against Python.
pub(crate) fn rows(rounds: usize) -> Vec<Row> {
    let mock = mock(1);
    let Setup { client, id, agent, timed, bearer, url } = setup(&mock);
    let mut variants = [
        Variant::new(|| keep(client.get_task(&id).expect("the mock answers"))),
        Variant::new(|| keep(raw_get(&agent, &url, &bearer))),
        Variant::new(|| keep(raw_get(&timed, &url, &bearer))),
    ];
    let times = compare(&mut variants, rounds, Duration::from_millis(100));
    let (hec, raw) = (1e9 / times[0].wall, 1e9 / times[1].wall);
    let ceiling = ceiling(&url, &bearer);
    let rows = vec![
        Row::ratio(
            "hec-blocking get_task, loopback, keep-alive, 1 thread",
            (hec, "req/s"),
            (raw, "req/s"),
            Target::AtLeast(0.9),
        ),
        Row::ratio(
            "hec-blocking get_task, loopback: CPU per request, raw ureq given hec's timeouts",
            (times[0].cpu, "cpu"),
            (times[2].cpu, "cpu"),
            Target::AtMost(1.05),
        ),
        Row::note(
            "mock gateway ceiling (2 raw client threads, 1 server thread)",
            format!("{ceiling:.0} req/s"),
            "reported",
        ),
        crate::python::row(|| keep(client.get_task(&id).expect("the mock answers")), &url, &bearer),
    ];
    drop(mock);
    rows
}

/// Requests per second two raw client threads get from the mock in one second.
fn ceiling(url: &str, bearer: &str) -> f64 {
    let window = Duration::from_secs(1);
    let started = Instant::now();
    let total: u64 = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    let agent = agent();
                    let mut count = 0u64;
                    while started.elapsed() < window {
                        keep(raw_get(&agent, url, bearer));
                        count += 1;
                    }
                    count
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().expect("a client thread")).sum()
    });
    total as f64 / started.elapsed().as_secs_f64()
}

/// `times` requests by hec (`which == "hec"`), raw ureq given hec's timeouts (`timed`) or raw
/// ureq as configured by default, for a profiler.
pub(crate) fn profile(which: &str, times: usize) {
    let mock = mock(1);
    let Setup { client, id, agent, timed, bearer, url } = setup(&mock);
    for _ in 0..times {
        match which {
            "hec" => keep(client.get_task(&id).expect("the mock answers")),
            "timed" => keep(raw_get(&timed, &url, &bearer)),
            _ => keep(raw_get(&agent, &url, &bearer)),
        }
    }
}
