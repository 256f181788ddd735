//! The workspace's tasks, run as `cargo xtask <task>`. Plain `std::process`: each task runs cargo.

use std::process::{Command, ExitCode};
use std::time::Instant;

/// A task: its name, what it does, and the function that runs it.
struct Task {
    name: &'static str,
    about: &'static str,
    run: fn() -> Result<(), String>,
}

const TASKS: &[Task] = &[Task {
    name: "test",
    about: "format check, clippy, every crate's tests, the fixture conformance run, property tests, packaging",
    run: test,
}];

fn main() -> ExitCode {
    let task = std::env::args().nth(1);
    let Some(task) = TASKS.iter().find(|t| Some(t.name) == task.as_deref()) else {
        eprintln!("usage: cargo xtask <task>\n\ntasks:");
        for task in TASKS {
            eprintln!("  {:<8} {}", task.name, task.about);
        }
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
    let steps: &[(&str, &[&str], &[(&str, &str)])] = &[
        ("format", &["fmt", "--all", "--", "--check"], &[]),
        ("clippy", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"], &[]),
        ("unit and integration tests", &["test", "--workspace", "--all-targets"], &[]),
        ("doc tests", &["test", "--workspace", "--doc"], &[]),
        ("fixture conformance", &["test", "-p", "hec-fixtures", "--test", "conformance"], &[]),
        (
            "property tests",
            &["test", "-p", "hec-proto", "--test", "properties"],
            &[("PROPTEST_CASES", &cases)],
        ),
    ];
    let started = Instant::now();
    for (name, args, env) in steps {
        cargo(name, args, env)?;
    }
    println!("xtask test: every step passed in {:.0?}", started.elapsed());
    Ok(())
}

/// Runs `cargo <args>` in the workspace root; fails on a non-zero exit.
fn cargo(step: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    println!("==> {step}: cargo {}", args.join(" "));
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let started = Instant::now();
    let status = Command::new(cargo)
        .args(args)
        .envs(env.iter().copied())
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("{step}: cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("{step} failed ({status})"));
    }
    println!("==> {step}: ok in {:.1?}", started.elapsed());
    Ok(())
}

fn workspace_root() -> std::path::PathBuf {
    // xtask/ lives directly under the workspace root.
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(ToOwned::to_owned).unwrap_or_default()
}
