//! Steps of a task: each runs cargo (or a check written here), prints how long the previous
//! run took before it starts and how long it took when it ends, and remembers that time in the
//! target directory for the next run.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

/// One step: a cargo command with the environment it needs, or a check written in Rust.
pub(crate) struct Step<'a> {
    name: &'a str,
    work: Work<'a>,
    /// What the step takes on two cores with nothing built, said before it when no run of it
    /// was recorded.
    cold: Option<&'a str>,
}

enum Work<'a> {
    Cargo { args: &'a [&'a str], env: Vec<(&'a str, String)> },
    Check(fn() -> Result<(), String>),
}

impl<'a> Step<'a> {
    /// `cargo <args>` in the workspace root.
    pub(crate) fn cargo(name: &'a str, args: &'a [&'a str]) -> Self {
        Step { name, work: Work::Cargo { args, env: Vec::new() }, cold: None }
    }

    /// A check written in Rust.
    pub(crate) fn check(name: &'a str, check: fn() -> Result<(), String>) -> Self {
        Step { name, work: Work::Check(check), cold: None }
    }

    /// An environment variable for the cargo command.
    pub(crate) fn env(mut self, key: &'a str, value: String) -> Self {
        if let Work::Cargo { env, .. } = &mut self.work {
            env.push((key, value));
        }
        self
    }

    /// What the step takes on two cores with nothing built yet (`about 5 min`), said before it
    /// runs when no earlier run of it was recorded.
    pub(crate) fn cold(mut self, estimate: &'a str) -> Self {
        self.cold = Some(estimate);
        self
    }

    /// Runs the step, saying before it how long it took last time (or, the first time, how long
    /// it takes cold) and after it how long it took now; fails on a non-zero exit or a failed
    /// check.
    pub(crate) fn run(&self, timings: &mut Timings) -> Result<(), String> {
        let step = self.name;
        let last = match (timings.last(step), self.cold) {
            (Some(last), _) => format!(" (last run: {})", seconds(last)),
            (None, Some(cold)) => format!(" (with nothing built, {cold} on two cores)"),
            (None, None) => String::new(),
        };
        match &self.work {
            Work::Cargo { args, .. } => println!("==> {step}{last}: cargo {}", args.join(" ")),
            Work::Check(_) => println!("==> {step}{last}"),
        }
        let started = Instant::now();
        match &self.work {
            Work::Cargo { args, env } => {
                let status = Command::new(cargo_program())
                    .args(*args)
                    .envs(env.iter().map(|(key, value)| (key, value)))
                    .current_dir(workspace_root())
                    .status()
                    .map_err(|e| format!("{step}: cannot run cargo: {e}"))?;
                if !status.success() {
                    return Err(format!("{step} failed ({status}) after {}", seconds(started.elapsed())));
                }
            }
            Work::Check(check) => check().map_err(|e| format!("{step}: {e}"))?,
        }
        let elapsed = started.elapsed();
        timings.record(step, elapsed);
        println!("==> {step}: ok in {}", seconds(elapsed));
        Ok(())
    }
}

/// `4.2s`, or `3m 05s` from a minute on.
fn seconds(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        format!("{}m {:02}s", secs as u64 / 60, secs as u64 % 60)
    }
}

/// How long each step took when it last passed, kept in `target/xtask-timings.txt` (one
/// `milliseconds<TAB>step` line each).
pub(crate) struct Timings {
    steps: BTreeMap<String, Duration>,
}

impl Timings {
    fn path() -> PathBuf {
        target_dir().join("xtask-timings.txt")
    }

    /// The times of the last run (none if there was none).
    pub(crate) fn load() -> Timings {
        let text = std::fs::read_to_string(Timings::path()).unwrap_or_default();
        let steps = text
            .lines()
            .filter_map(|line| {
                let (millis, step) = line.split_once('\t')?;
                Some((step.to_owned(), Duration::from_millis(millis.parse().ok()?)))
            })
            .collect();
        Timings { steps }
    }

    fn last(&self, step: &str) -> Option<Duration> {
        self.steps.get(step).copied()
    }

    fn record(&mut self, step: &str, elapsed: Duration) {
        self.steps.insert(step.to_owned(), elapsed);
    }

    /// Writes the times down (a failure to is not worth failing a task for).
    pub(crate) fn save(&self) {
        let text: String =
            self.steps.iter().map(|(step, elapsed)| format!("{}\t{step}\n", elapsed.as_millis())).collect();
        let path = Timings::path();
        if let Some(dir) = path.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = std::fs::write(path, text);
    }
}

/// Fails if a package in `Cargo.lock` declares a newer `rust-version` than the workspace's:
/// with clippy's `incompatible_msrv` lint (our own use of the standard library), this is how the
/// claim is checked where only the stable toolchain is installed.
pub(crate) fn rust_version_covers_dependencies() -> Result<(), String> {
    let manifest = std::fs::read_to_string(workspace_root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let claimed = manifest
        .lines()
        .find_map(|line| line.trim().strip_prefix("rust-version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .ok_or("the workspace's Cargo.toml has no rust-version")?;
    let claimed_version =
        version(claimed).ok_or_else(|| format!("rust-version {claimed:?} is not a version"))?;
    let metadata =
        output(Command::new(cargo_program()).args(["metadata", "--format-version", "1", "--locked"]))?;
    // Each package's `manifest_path` comes before its `rust_version` in cargo's JSON.
    let mut newer = Vec::new();
    let mut checked = 0;
    for package in metadata.split("\"manifest_path\":\"").skip(1) {
        let path = package.split('"').next().unwrap_or_default();
        let Some(declared) = package.split("\"rust_version\":").nth(1) else { continue };
        checked += 1;
        let Some(declared) = declared.strip_prefix('"').and_then(|rest| rest.split('"').next()) else {
            continue;
        };
        if version(declared).is_some_and(|v| v > claimed_version) {
            newer.push(format!("{path} needs {declared}"));
        }
    }
    if checked == 0 {
        return Err("cargo metadata listed no package".to_owned());
    }
    if !newer.is_empty() {
        return Err(format!("rust-version is {claimed}, but {}", newer.join("; ")));
    }
    println!("    {checked} packages, none declaring a rust-version newer than {claimed}");
    Ok(())
}

/// `1.89` or `1.89.0` as (major, minor, patch).
fn version(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts = text.split('.').map(str::parse::<u32>);
    let major = parts.next()?.ok()?;
    let minor = parts.next().unwrap_or(Ok(0)).ok()?;
    let patch = parts.next().unwrap_or(Ok(0)).ok()?;
    Some((major, minor, patch))
}

/// Runs a command and returns its standard output.
pub(crate) fn output(command: &mut Command) -> Result<String, String> {
    let out = command.output().map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!("{command:?} failed: {}", String::from_utf8_lossy(&out.stderr)));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

pub(crate) fn cargo_program() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned())
}

/// The target directory: `CARGO_TARGET_DIR`, else `target/` in the workspace.
pub(crate) fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| workspace_root().join("target"))
}

pub(crate) fn workspace_root() -> PathBuf {
    // xtask/ lives directly under the workspace root.
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(ToOwned::to_owned).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_as_numbers() {
        assert!(version("1.100").unwrap() > version("1.89.0").unwrap());
        assert_eq!(version("1.89"), version("1.89.0"));
        assert_eq!(version("x"), None);
    }

    #[test]
    fn durations_read_as_seconds_or_minutes() {
        assert_eq!(seconds(Duration::from_millis(4200)), "4.2s");
        assert_eq!(seconds(Duration::from_secs(185)), "3m 05s");
    }
}
