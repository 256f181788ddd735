//! The READMEs' examples of the acting commands (`scopes`, `entity`, `event`, the exception
//! lists) run as written:
//! each carries `--mock`, and each (pipelines and `$(...)` included) exits 0 with output, run by
//! `sh` with this build's `hec` first on the PATH. They need the demo tenant of `--mock`.

use std::path::Path;
use std::process::Command;

use hec_fixtures::mock::{DEMO_ACCESS_KEY, TOKEN_PREFIX};

/// The lines of the READMEs' code blocks (the workspace's, then this crate's) that run `hec`
/// with an acting command, each once (a line both show runs once).
fn examples() -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for readme in ["../../README.md", "README.md"] {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(readme))
            .expect("the README is readable");
        for line in acting_lines(&text) {
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
    lines
}

/// The lines of `readme`'s code blocks that run `hec` with an acting command.
fn acting_lines(readme: &str) -> Vec<String> {
    let mut in_block = false;
    let mut lines = Vec::new();
    for line in readme.lines() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        let acting = [
            "hec entity ",
            "hec event ",
            "hec scopes",
            "hec --mock entity ",
            "hec --mock event ",
            "hec --mock scopes",
            "hec --mock auth ",
            "hec --mock exception ",
            "hec --mock tool-exception ",
            "hec --mock anomaly-exception ",
            "hec --mock click-time ",
        ];
        if in_block && acting.iter().any(|command| line.contains(command)) {
            lines.push(line.trim().to_owned());
        }
    }
    lines
}

/// Runs one README line with `sh`, this build's `hec` first on the PATH and no `HEC_*` variable.
fn run(line: &str) -> (i32, String, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_hec")).parent().expect("the binary's folder").to_owned();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("a PATH");
    let mut command = Command::new("sh");
    command.arg("-c").arg(line).env("PATH", path);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("HEC_") {
            command.env_remove(name);
        }
    }
    let output = command.output().expect("sh runs");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    for secret in [DEMO_ACCESS_KEY, TOKEN_PREFIX] {
        assert!(!stdout.contains(secret) && !stderr.contains(secret), "{line}: output holds {secret:?}");
    }
    (output.status.code().unwrap_or(-1), stdout, stderr)
}

#[test]
fn every_example_of_the_acting_commands_uses_mock() {
    let examples = examples();
    assert!(examples.len() >= 12, "the README's examples were not found: {examples:?}");
    for line in &examples {
        let invocations = line.matches("hec ").count();
        assert_eq!(line.matches("hec --mock ").count(), invocations, "not every hec in {line:?} has --mock");
    }
}

#[test]
fn every_example_of_the_acting_commands_runs_as_written() {
    let examples = examples();
    assert!(examples.len() >= 12, "the README's examples were not found: {examples:?}");
    for line in &examples {
        let (code, stdout, stderr) = run(line);
        assert_eq!(code, 0, "{line}\nstdout: {stdout}\nstderr: {stderr}");
        assert!(!stdout.is_empty(), "{line} printed nothing\nstderr: {stderr}");
    }
}

#[test]
fn the_campaign_pipeline_quarantines_the_six_messages() {
    let pipeline = "hec --mock entity search --since 7d --from payroll@evil.example -o ids | hec --mock entity quarantine - --wait";
    assert!(examples().iter().any(|line| line == pipeline), "the README shows the pipeline");
    let (code, stdout, stderr) = run(pipeline);
    assert_eq!(code, 0, "stdout: {stdout}\nstderr: {stderr}");
    let answers: Vec<&str> = stdout.lines().filter(|line| line.contains(" task ")).collect();
    assert_eq!(answers.len(), 6, "{stdout}");
    assert!(stdout.contains("\n  status     completed\n"), "{stdout}");
}
