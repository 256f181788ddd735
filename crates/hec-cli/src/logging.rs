//! `-v`: hec's tracing (one line per request, with method, path, request id, attempt, status and
//! timing) on stderr. The spans carry no secret, so nothing here can print one.

use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::fmt::format::FmtSpan;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// Sends debug-level tracing of the hec crates to stderr, if `verbose`.
pub(crate) fn init(verbose: bool) {
    if !verbose {
        return;
    }
    let targets = Targets::new()
        .with_target("hec_blocking", LevelFilter::DEBUG)
        .with_target("hec_proto", LevelFilter::DEBUG)
        .with_target("hec_fixtures", LevelFilter::DEBUG)
        // The binary's own target is its name.
        .with_target("hec", LevelFilter::DEBUG);
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .with_target(false);
    // Only fails if a subscriber is already set, which nothing else in the binary does.
    let _ = tracing_subscriber::registry().with(layer).with(targets).try_init();
}
