//! The measurements behind `cargo xtask bench`. Every figure is a ratio against a baseline
//! measured in the same run, variants interleaved round by round; the output is a Markdown table.
//!
//! `hec-bench` runs them all; `HEC_BENCH_ONLY=parse|loopback|async|memory|campaign|follow` one
//! group; `HEC_BENCH_ROUNDS` sets the rounds (default 15, 31 for the parse group; the async group runs at most 3, the
//! follow group at most 5, the campaign group, which needs the release `hec` beside hec-bench,
//! once).
//! Internal subcommands: `async-serve` and `async-client` (the processes of the async group),
//! `memory-client` (the client process of the memory group), `follow-baseline` (the raw client
//! process of the follow group),
//! `future-sizes` (the size of a waiting future, hec's and the raw loop's),
//! `profile-parse typed|value|ignored N [task|entities|events [ITEMS]]` (N parses of a task of
//! 5,000 actions, or of the body named with ITEMS items; a page holds 100 by default),
//! `profile-loopback hec|timed|raw N` and `count-parse` (for callgrind and allocation counts).
//! `cargo xtask bench GROUP` runs one group (it sets `HEC_BENCH_ONLY`).

mod allocs;
mod async_wait;
mod campaign;
mod follow;
mod loopback;
mod measure;
mod memory;
mod parse;
mod python;
mod report;
mod rss;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |n: usize| args.get(n).map(String::as_str).unwrap_or_default();
    let number = |n: usize, default: u64| args.get(n).and_then(|a| a.parse().ok()).unwrap_or(default);
    match arg(0) {
        "async-serve" => return async_wait::serve(),
        "async-client" => return async_wait::client(arg(1), arg(2), number(3, 1)),
        "future-sizes" => return async_wait::print_future_sizes(),
        "profile-parse" => {
            let body = arg(3);
            let default = if body.is_empty() || body == "task" { 5_000 } else { 100 };
            let body = parse::Body::named(body, number(4, default) as usize);
            return parse::profile(arg(1), number(2, 10) as usize, body);
        }
        "profile-loopback" => return loopback::profile(arg(1), number(2, 1000) as usize),
        "count-parse" => return parse::count(),
        "memory-client" => return memory::client(arg(1), arg(2), arg(3), arg(4)),
        "follow-baseline" => return follow::baseline(arg(1), arg(2), arg(3)),
        _ => {}
    }
    let set_rounds: Option<usize> = std::env::var("HEC_BENCH_ROUNDS").ok().and_then(|r| r.parse().ok());
    let rounds = set_rounds.unwrap_or(15);
    let only = std::env::var("HEC_BENCH_ONLY").unwrap_or_default();
    let run = |group: &str| only.is_empty() || only == group;
    let mut rows = Vec::new();
    if run("parse") {
        // Allocation counting first, while no other thread runs.
        rows.push(allocs::row());
        // The parse measures are short and many: 31 rounds, for a steadier median.
        for body in parse::BODIES {
            rows.extend(parse::rows(body, set_rounds.unwrap_or(31)));
        }
    }
    if run("loopback") {
        rows.extend(loopback::rows(rounds));
    }
    if run("async") {
        rows.extend(async_wait::rows(rounds.min(3)));
    }
    if run("memory") {
        rows.extend(memory::rows());
    }
    if run("campaign") {
        rows.extend(campaign::rows());
    }
    if run("follow") {
        rows.extend(follow::rows(rounds.min(5)));
    }
    report::print(&rows);
}
