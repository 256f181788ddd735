//! The measurements behind `cargo xtask bench`. Every figure is a ratio against a baseline
//! measured in the same run, variants interleaved round by round; the output is a Markdown table.

mod allocs;
mod loopback;
mod measure;
mod parse;
mod python;
mod report;

fn main() {
    // `hec-bench profile-parse N`: only the typed parse of a 5,000-action body, N times (for
    // valgrind's callgrind).
    if std::env::args().nth(1).as_deref() == Some("profile-parse") {
        let times: usize = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(10);
        let response = http::Response::new(parse::live_body(5_000));
        for _ in 0..times {
            measure::keep(hec_proto::parse_task_response(&response, None));
        }
        return;
    }
    // `hec-bench profile-loopback hec|raw N`: N task requests one way (for callgrind).
    if std::env::args().nth(1).as_deref() == Some("profile-loopback") {
        let which = std::env::args().nth(2).unwrap_or_default();
        let times: usize = std::env::args().nth(3).and_then(|n| n.parse().ok()).unwrap_or(1000);
        loopback::profile(&which, times);
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("count-parse") {
        for actions in [1, 5_000] {
            let body = parse::live_body(actions);
            let response = http::Response::new(body.clone());
            let typed = allocs::count(|| measure::keep(hec_proto::parse_task_response(&response, None)));
            let value = allocs::count(|| measure::keep(serde_json::from_slice::<serde_json::Value>(&body)));
            println!("{actions} actions: typed {typed} allocations, Value {value}");
        }
        return;
    }
    let rounds: usize = std::env::var("HEC_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok()).unwrap_or(15);
    let only = std::env::var("HEC_BENCH_ONLY").unwrap_or_default();
    let mut rows = Vec::new();
    if only.is_empty() || only == "parse" {
        // Allocation counting first, while no other thread runs.
        rows.push(allocs::row());
        for actions in [1, 5_000] {
            rows.extend(parse::rows(actions, rounds));
        }
    }
    let (loopback_rows, hec_rate, mock) = loopback::rows(rounds);
    rows.extend(loopback_rows);
    let agent = loopback::agent();
    let bearer = format!("Bearer {}", loopback::raw_token(&agent, &mock));
    let url = format!("{}{}{}", mock.base_url(), hec_proto::TASK_PATH, loopback::TASK_ID);
    rows.push(python::row(hec_rate, &url, &bearer));
    report::print(&rows);
}
