//! Heap allocations of building a get-task request, counted by the global allocator.

use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

use crate::report::Row;

#[global_allocator]
static GLOBAL: &StatsAlloc<std::alloc::System> = &INSTRUMENTED_SYSTEM;

/// Allocations made by `body`, on a quiet process (call before any server thread starts).
pub(crate) fn count(body: impl FnOnce()) -> usize {
    let region = Region::new(GLOBAL);
    body();
    region.change().allocations
}

/// The row: allocations of `GetTask::new` + `request()`, against the target of 12.
pub(crate) fn row() -> Row {
    let base: hec_proto::BaseUrl =
        "https://cloudinfra-gw.portal.checkpoint.com".parse().expect("a valid URL");
    let token = hec_proto::AccessToken::new("made-up-token-of-a-realistic-length-0123456789abcdef");
    let id: hec_proto::TaskId = "1691529376887109".parse().expect("a valid id");
    // Warm up once (lazy statics, thread-locals).
    use hec_proto::endpoint::Endpoint as _;
    let _ = hec_proto::endpoint::GetTask::new(id.clone()).request(&base, &token, hec_proto::RequestId::new());
    let allocations = count(|| {
        let call = hec_proto::endpoint::GetTask::new(id.clone());
        crate::measure::keep(call.request(&base, &token, hec_proto::RequestId::new()));
    });
    let met = allocations <= 12;
    Row {
        met: Some(met),
        ..Row::note(
            "building a get-task request (GetTask::new + request)",
            format!("{allocations} allocs"),
            "counting global allocator",
        )
    }
    .with_target("<= 12 allocs")
}
