//! The workspace's tasks, run as `cargo xtask <task>`. Plain `std::process`: each task runs cargo.

use std::process::{Command, ExitCode};
use std::time::Instant;

/// A task: its name, what it does, and the function that runs it.
struct Task {
    name: &'static str,
    about: &'static str,
    run: fn() -> Result<(), String>,
}

const TASKS: &[Task] = &[
    Task {
        name: "test",
        about: "format, clippy, every crate's tests, docs, the fixture conformance run, property tests, packaging",
        run: test,
    },
    Task {
        name: "bench",
        about: "the performance table: every figure a ratio against a baseline in the same run",
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

/// One step of a task: a cargo command and the environment it needs.
struct Step<'a> {
    name: &'a str,
    args: &'a [&'a str],
    env: Vec<(&'a str, String)>,
}

impl<'a> Step<'a> {
    fn new(name: &'a str, args: &'a [&'a str]) -> Self {
        Step { name, args, env: Vec::new() }
    }

    fn env(mut self, key: &'a str, value: String) -> Self {
        self.env.push((key, value));
        self
    }
}

fn test() -> Result<(), String> {
    let cases = std::env::var("PROPTEST_CASES").unwrap_or_else(|_| DEFAULT_PROPTEST_CASES.to_owned());
    let steps = [
        Step::new("format", &["fmt", "--all", "--", "--check"]),
        Step::new("clippy", &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"]),
        Step::new("unit and integration tests", &["test", "--workspace", "--all-targets"]),
        Step::new("doc tests", &["test", "--workspace", "--doc"]),
        Step::new("docs build without warnings", &["doc", "--workspace", "--no-deps"])
            .env("RUSTDOCFLAGS", "-D warnings".to_owned()),
        Step::new("fixture conformance", &["test", "-p", "hec-fixtures", "--test", "conformance"]),
        Step::new("property tests", &["test", "-p", "hec-proto", "--test", "properties"])
            .env("PROPTEST_CASES", cases),
    ];
    let started = Instant::now();
    for step in &steps {
        cargo(step)?;
    }
    packaged_fixtures()?;
    forget_verified_packages(&["hec-proto", "hec-fixtures"]);
    let target_dir = verify_target_dir().to_string_lossy().into_owned();
    let verify =
        ["package", "-p", "hec-proto", "-p", "hec-fixtures", "--allow-dirty", "--target-dir", &target_dir];
    cargo(&Step::new("package verification", &verify))?;
    println!("xtask test: every step passed in {:.0?}", started.elapsed());
    Ok(())
}

/// Builds the benchmarks and the `hec` binary in release mode, prints the machine, runs every
/// measurement (hec-bench prints a Markdown table) and adds the footprint rows.
fn bench() -> Result<(), String> {
    cargo(&Step::new("release build", &["build", "--release", "-p", "hec-bench", "-p", "hec-cli"]))?;
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name").map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".to_owned());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let rustc = output(Command::new("rustc").arg("--version")).unwrap_or_default();
    println!("machine: {cpu}, {cores} cores; {}", rustc.trim());
    println!();
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    let status = Command::new(target.join("release").join("hec-bench"))
        .current_dir(workspace_root())
        .status()
        .map_err(|e| format!("cannot run hec-bench: {e}"))?;
    if !status.success() {
        return Err(format!("hec-bench failed ({status})"));
    }
    let tree = output(Command::new(cargo_program()).args([
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
    let fuzz_dir = workspace_root().join("fuzz");
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
        command.env_remove("RUSTUP_TOOLCHAIN").args(["fuzz"]).args(args).current_dir(workspace_root());
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

/// Runs a command and returns its standard output.
fn output(command: &mut Command) -> Result<String, String> {
    let out = command.output().map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{command:?} failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Proves that the published hec-fixtures carries every scenario under the top-level `fixtures/`
/// (the crate reaches them through a link, which packaging must resolve to real files).
fn packaged_fixtures() -> Result<(), String> {
    println!("==> packaged fixtures: cargo package -p hec-fixtures --list");
    let output = Command::new(cargo_program())
        .args(["package", "-p", "hec-fixtures", "--list", "--allow-dirty", "--quiet"])
        .current_dir(workspace_root())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo package --list failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let listed = String::from_utf8_lossy(&output.stdout);
    let dir = workspace_root().join("fixtures");
    let mut missing = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            count += 1;
            let packaged = format!("fixtures/{name}");
            if !listed.lines().any(|line| line == packaged) {
                missing.push(packaged);
            }
        }
    }
    if count == 0 || !missing.is_empty() {
        return Err(format!(
            "the hec-fixtures package lacks {} of {count} fixtures: {missing:?}",
            missing.len()
        ));
    }
    println!("==> packaged fixtures: all {count} scenario files are in the package");
    Ok(())
}

/// Where package verification builds, kept apart from the workspace's own builds.
fn verify_target_dir() -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target"));
    target.join("package-verify")
}

/// Makes package verification build our packages' current sources. Cargo treats a package from a
/// registry as immutable: it reuses an unpacked copy (`$CARGO_HOME/registry/src/-<hash>/`) and a
/// compiled artifact of the same name and version, so a second verification would build the
/// first one's stale sources. This removes both, for our packages only: unpacked copies in local
/// registries' folders (whose names start with `-`), and our artifacts in the verification's
/// own target folder (its dependencies stay cached).
fn forget_verified_packages(packages: &[&str]) {
    let ours = |name: &str| {
        packages.iter().any(|package| {
            let stem = package.replace('-', "_");
            [package.to_string(), stem.clone(), format!("lib{stem}")].iter().any(|prefix| {
                name.strip_prefix(prefix.as_str()).is_some_and(|rest| rest.starts_with(['-', '.']))
            })
        })
    };
    let remove_ours = |dir: &std::path::Path| {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            if ours(&entry.file_name().to_string_lossy()) {
                let path = entry.path();
                let _ =
                    if path.is_dir() { std::fs::remove_dir_all(&path) } else { std::fs::remove_file(&path) };
            }
        }
    };
    let home = std::env::var_os("CARGO_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| std::path::Path::new(&home).join(".cargo")));
    if let Some(sources) = home.map(|home| home.join("registry").join("src")) {
        for registry in std::fs::read_dir(sources).into_iter().flatten().flatten() {
            if registry.file_name().to_string_lossy().starts_with('-') {
                remove_ours(&registry.path());
            }
        }
    }
    let debug = verify_target_dir().join("debug");
    for dir in [".fingerprint", "deps", "build"] {
        remove_ours(&debug.join(dir));
    }
}

fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// Runs `cargo <args>` in the workspace root; fails on a non-zero exit.
fn cargo(Step { name: step, args, env }: &Step) -> Result<(), String> {
    println!("==> {step}: cargo {}", args.join(" "));
    let started = Instant::now();
    let status = Command::new(cargo_program())
        .args(*args)
        .envs(env.iter().map(|(key, value)| (key, value)))
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
