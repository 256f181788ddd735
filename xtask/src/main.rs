//! The workspace's tasks, run as `cargo xtask <task>`. Plain `std::process`: each task runs cargo.
//! Nothing here reads or writes outside the repository and its target directory.

mod packaging;
mod steps;

use std::process::{Command, ExitCode};

use steps::{Step, Timings};

/// A task: its name, what it does, and the function that runs it.
struct Task {
    name: &'static str,
    about: &'static str,
    run: fn() -> Result<(), String>,
}

const TASKS: &[Task] = &[
    Task {
        name: "test",
        about: "format, clippy, every crate's tests, docs, the fixture conformance run, property tests, \
                the rust-version check, packaging",
        run: test,
    },
    Task {
        name: "bench",
        about: "[GROUP] the performance table: every figure a ratio against a baseline in the same run; \
                GROUP (parse, loopback, async, memory, campaign) runs one group",
        run: bench,
    },
    Task {
        name: "fuzz",
        about: "[--time S] [--keep-going] [TARGET..] each cargo-fuzz target for S s (default 60), then cmin",
        run: fuzz,
    },
];

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let Some(task) = TASKS.iter().find(|t| Some(t.name) == task.as_deref()) else {
        eprintln!("usage: cargo xtask <task>\n\ntasks:");
        for task in TASKS {
            eprintln!("  {:<8} {}", task.name, task.about);
        }
        eprintln!("\nThe quick path for everyday work is plain `cargo test`.");
        return if task.is_none() { ExitCode::SUCCESS } else { ExitCode::from(2) };
    };
    match (task.run)() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask {}: {message}", task.name);
            ExitCode::FAILURE
        }
    }
}

/// The default property-test case count when `PROPTEST_CASES` is not set: enough to find
/// regressions, small enough for a 2-core CI.
const DEFAULT_PROPTEST_CASES: &str = "256";

fn test() -> Result<(), String> {
    let cases = std::env::var("PROPTEST_CASES").unwrap_or_else(|_| DEFAULT_PROPTEST_CASES.to_owned());
    let steps = [
        Step::cargo("format", &["fmt", "--all", "--", "--check"]),
        Step::cargo("clippy", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"])
            .cold("several minutes"),
        Step::cargo("unit and integration tests", &["test", "--workspace", "--all-targets"])
            .cold("several minutes"),
        Step::cargo("doc tests (the README's examples included)", &["test", "--workspace", "--doc"]),
        Step::cargo("docs build without warnings", &["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings".to_owned()),
        Step::cargo("fixture conformance", &["test", "-p", "hec-fixtures", "--test", "conformance"]),
        Step::cargo("property tests", &["test", "-p", "hec-proto", "--test", "properties"])
            .env("PROPTEST_CASES", cases),
        Step::check("dependencies within rust-version", steps::rust_version_covers_dependencies),
        Step::check("package contents", packaging::contents),
        // Its own target directory: every dependency is built once more, the first time.
        Step::check(
            "packages pass clippy from their .crate files, dependencies resolved afresh",
            packaging::check_packaged,
        )
        .cold("about 4 min"),
    ];
    let mut timings = Timings::load();
    let started = std::time::Instant::now();
    for step in &steps {
        let outcome = step.run(&mut timings);
        timings.save();
        outcome?;
    }
    println!("xtask test: every step passed in {:.0?}", started.elapsed());
    Ok(())
}

/// Builds the benchmarks and the `hec` binary in release mode, prints the machine, runs every
/// measurement (hec-bench prints a Markdown table) and adds the footprint rows. `cargo xtask bench
/// GROUP` runs only that group's measurements (hec-bench's `HEC_BENCH_ONLY`).
fn bench() -> Result<(), String> {
    const GROUPS: [&str; 5] = ["parse", "loopback", "async", "memory", "campaign"];
    let group = std::env::args().nth(2);
    if let Some(group) = group.as_deref().filter(|g| !GROUPS.contains(g)) {
        return Err(format!("no bench group `{group}`; the groups are {}", GROUPS.join(", ")));
    }
    let mut timings = Timings::load();
    Step::cargo("release build", &["build", "--release", "-p", "hec-bench", "-p", "hec-cli"])
        .run(&mut timings)?;
    timings.save();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name").map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = steps::output(Command::new("rustc").arg("--version")).unwrap_or_default();
    println!("machine: {cpu}, {cores} cores; {}", rustc.trim());
    println!();
    let target = steps::target_dir();
    let mut command = Command::new(target.join("release").join("hec-bench"));
    if let Some(group) = &group {
        command.env("HEC_BENCH_ONLY", group);
    }
    let status = command
        .current_dir(steps::workspace_root())
        .status()
        .map_err(|e| format!("cannot run hec-bench: {e}"))?;
    if !status.success() {
        return Err(format!("hec-bench failed ({status})"));
    }
    let tree = steps::output(Command::new(steps::cargo_program()).args([
        "tree",
        "-p",
        "hec-proto",
        "-e",
        "normal",
        "--prefix",
        "none",
    ]))?;
    let crates: std::collections::BTreeSet<&str> =
        tree.lines().filter(|line| !line.ends_with("(*)") && !line.trim().is_empty()).collect();
    let met = if crates.len() <= 20 { "yes" } else { "NO" };
    println!(
        "| footprint: `cargo tree -p hec-proto -e normal` | {} crates (hec-proto included) | | | <= 20 | {met} |",
        crates.len()
    );
    let size = std::fs::metadata(target.join("release").join("hec"))
        .map_err(|e| format!("no release hec: {e}"))?
        .len();
    println!(
        "| footprint: release size of `hec` | {:.1} MiB ({size} bytes) | | | report | |",
        size as f64 / 1_048_576.0
    );
    Ok(())
}

/// How long each fuzz target runs unless `--time S` says otherwise.
const DEFAULT_FUZZ_SECONDS: u64 = 60;

/// Runs every target under `fuzz/fuzz_targets/` (or those named) for `--time` seconds
/// (libFuzzer, no sanitizer), growing its corpus under `fuzz/corpus/<target>/`, then minimizes
/// that corpus to the inputs that reach a new edge (`cargo fuzz cmin`, hit counters off), and
/// prints each target's executions, time and corpus size. A target stops at its first failure
/// (saved under `fuzz/artifacts/<target>/`) unless `--keep-going` runs it in libFuzzer's fork
/// mode, which saves each failure and goes on. Needs cargo-fuzz (`cargo install cargo-fuzz`) and
/// a nightly toolchain (`cargo +nightly`); without one, stable is asked to accept nightly flags
/// (`RUSTC_BOOTSTRAP=1`). hec-proto's `fuzz_corpus` test replays the corpora on stable.
fn fuzz() -> Result<(), String> {
    let (seconds, keep_going, chosen) = fuzz_options(std::env::args().skip(2))?;
    let fuzz_dir = steps::workspace_root().join("fuzz");
    let mut targets: Vec<String> = std::fs::read_dir(fuzz_dir.join("fuzz_targets"))
        .map_err(|e| format!("no fuzz targets: {e}"))?
        .filter_map(|entry| Some(entry.ok()?.path().file_stem()?.to_str()?.to_owned()))
        .collect();
    targets.sort();
    if let Some(unknown) = chosen.iter().find(|name| !targets.contains(name)) {
        return Err(format!("no fuzz target {unknown:?}; the targets are {targets:?}"));
    }
    if !chosen.is_empty() {
        targets.retain(|target| chosen.contains(target));
    }
    let nightly = Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output()
        .is_ok_and(|out| out.status.success());
    let fuzz_command = |args: &[&str]| {
        let mut command = Command::new("cargo");
        if nightly {
            command.arg("+nightly");
        } else {
            command.env("RUSTC_BOOTSTRAP", "1");
        }
        command.env_remove("RUSTUP_TOOLCHAIN").args(["fuzz"]).args(args).current_dir(steps::workspace_root());
        command
    };
    println!(
        "==> fuzz: {} targets, {seconds} s each, {}",
        targets.len(),
        if nightly { "nightly" } else { "stable with RUSTC_BOOTSTRAP=1" }
    );
    let mut rows = Vec::new();
    let mut failed = Vec::new();
    for target in &targets {
        let corpus = fuzz_dir.join("corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
        println!("==> fuzz {target}: {seconds} s");
        let time = format!("-max_total_time={seconds}");
        let mut args = vec!["run", target.as_str(), "--sanitizer", "none", "--", &time];
        if keep_going {
            args.extend(["-fork=1", "-ignore_crashes=1"]);
        }
        let run = fuzz_command(&args)
            .output()
            .map_err(|e| format!("cannot run cargo fuzz (cargo install cargo-fuzz): {e}"))?;
        let log = String::from_utf8_lossy(&run.stderr);
        let done = fuzz_summary(&log);
        if !run.status.success() {
            let tail: Vec<&str> = log.lines().rev().take(40).collect();
            eprintln!("{}", tail.into_iter().rev().collect::<Vec<_>>().join("\n"));
            failed.push(target.clone());
        }
        // Edges only (no hit counters): the smallest corpus that still reaches every edge.
        let cmin = fuzz_command(&["cmin", target, "--sanitizer", "none", "--", "-use_counters=0"])
            .output()
            .map_err(|e| format!("cannot run cargo fuzz cmin: {e}"))?;
        if !cmin.status.success() {
            return Err(format!(
                "minimizing the corpus of {target} failed: {}",
                String::from_utf8_lossy(&cmin.stderr)
            ));
        }
        let (files, bytes) = std::fs::read_dir(&corpus)
            .map_err(|e| format!("{}: {e}", corpus.display()))?
            .filter_map(|entry| entry.ok()?.metadata().ok())
            .fold((0u64, 0u64), |(files, bytes), meta| (files + 1, bytes + meta.len()));
        let result = if run.status.success() { "ok" } else { "FAILED (see fuzz/artifacts)" };
        let artifacts = std::fs::read_dir(fuzz_dir.join("artifacts").join(target)).map_or(0, Iterator::count);
        rows.push(format!("| {target} | {done} | {files} files, {bytes} bytes | {artifacts} | {result} |"));
    }
    println!("\n| target | libFuzzer | minimized corpus | artifacts | result |\n|---|---|---|---|---|");
    for row in rows {
        println!("{row}");
    }
    if failed.is_empty() { Ok(()) } else { Err(format!("targets that found a failure: {failed:?}")) }
}

/// The seconds of `--time S` (or `--time=S`, else [`DEFAULT_FUZZ_SECONDS`]), whether
/// `--keep-going` was given, and the targets named (none: all).
fn fuzz_options(mut args: impl Iterator<Item = String>) -> Result<(u64, bool, Vec<String>), String> {
    let (mut seconds, mut keep_going, mut targets) = (DEFAULT_FUZZ_SECONDS, false, Vec::new());
    while let Some(arg) = args.next() {
        if arg == "--keep-going" {
            keep_going = true;
            continue;
        }
        if !arg.starts_with('-') {
            targets.push(arg);
            continue;
        }
        let value = match arg.strip_prefix("--time") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('=').map(str::to_owned),
            None => None,
        };
        seconds =
            value.and_then(|value| value.parse().ok()).filter(|&seconds| seconds > 0).ok_or_else(|| {
                format!("usage: cargo xtask fuzz [--time SECONDS] [--keep-going] [TARGET...]; got {arg:?}")
            })?;
    }
    Ok((seconds, keep_going, targets))
}

/// What libFuzzer said it did: its closing "Done N runs in T second(s)", or in fork mode its last
/// status line ("#N: cov: ... oom/timeout/crash: 0/0/2 time: 61s ...").
fn fuzz_summary(log: &str) -> String {
    if let Some(done) = log.lines().rev().find_map(|line| line.strip_prefix("Done ")) {
        return done.to_owned();
    }
    let Some(status) = log.lines().rev().find(|line| line.starts_with('#') && line.contains(" time: "))
    else {
        return "no summary".to_owned();
    };
    let words: Vec<&str> = status.split_whitespace().collect();
    let after =
        |key: &str| words.iter().position(|word| *word == key).and_then(|at| words.get(at + 1)).copied();
    let runs = words.first().map_or("?", |word| word.trim_start_matches('#').trim_end_matches(':'));
    format!(
        "{runs} runs in {} (fork mode; oom/timeout/crash {})",
        after("time:").unwrap_or("?"),
        after("oom/timeout/crash:").unwrap_or("?")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> impl Iterator<Item = String> {
        text.split_whitespace().map(str::to_owned).collect::<Vec<_>>().into_iter()
    }

    #[test]
    fn fuzz_options_read_the_time_the_keep_going_flag_and_targets() {
        assert_eq!(fuzz_options(args("")), Ok((60, false, vec![])));
        assert_eq!(
            fuzz_options(args("--time 300 task token")),
            Ok((300, false, vec!["task".into(), "token".into()]))
        );
        assert_eq!(fuzz_options(args("--time=5 --keep-going")), Ok((5, true, vec![])));
        assert!(fuzz_options(args("--time 0")).is_err());
        assert!(fuzz_options(args("--time")).is_err());
        assert!(fuzz_options(args("--jobs 2")).is_err());
    }

    #[test]
    fn the_fuzz_summary_is_libfuzzers_last_word() {
        assert_eq!(
            fuzz_summary("#1 INITED\nDone 945550 runs in 61 second(s)\n"),
            "945550 runs in 61 second(s)"
        );
        let fork = "#748585: cov: 278 ft: 519 corp: 202 exec/s: 155980 oom/timeout/crash: 0/0/0 time: 5s job: 2\n\
                    #4400022: cov: 301 ft: 640 corp: 242 exec/s: 73333 oom/timeout/crash: 0/0/9 time: 60s job: 9\n\
                    INFO: exiting: 0 time: 61s";
        assert_eq!(fuzz_summary(fork), "4400022 runs in 60s (fork mode; oom/timeout/crash 0/0/9)");
        assert_eq!(fuzz_summary("error: no such target"), "no summary");
    }
}
