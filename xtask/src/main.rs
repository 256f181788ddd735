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
        about: "the performance table: every figure a ratio against a baseline in the same run",
        run: bench,
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
        Step::check("packages build from their .crate files", packaging::build_packaged).cold("about 5 min"),
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
/// measurement (hec-bench prints a Markdown table) and adds the footprint rows.
fn bench() -> Result<(), String> {
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
    let status = Command::new(target.join("release").join("hec-bench"))
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
