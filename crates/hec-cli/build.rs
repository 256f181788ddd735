//! Names the commit `hec --version` was built from: `HEC_VERSION` is the package version, then the
//! commit in parentheses when it is known (`0.1.0 (1a2b3c4d5e6f)`): from `.cargo_vcs_info.json`
//! in a packaged crate, else from `git rev-parse` in a checkout. Without either (no git, not a
//! repository), the version alone; a build never fails for want of git.

use std::path::Path;
use std::process::Command;

/// How many hex digits of the commit are shown.
const COMMIT_DIGITS: usize = 12;

fn main() {
    let version = env!("CARGO_PKG_VERSION");
    let text = match commit() {
        Some(commit) => format!("{version} ({commit})"),
        None => version.to_owned(),
    };
    println!("cargo:rustc-env=HEC_VERSION={text}");
}

fn commit() -> Option<String> {
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").ok()?;
    let manifest_dir = Path::new(&manifest_dir);
    // A packaged crate (crates.io, `cargo package`) records the commit it was packaged from.
    let vcs_info = manifest_dir.join(".cargo_vcs_info.json");
    if let Ok(info) = std::fs::read_to_string(&vcs_info) {
        println!("cargo:rerun-if-changed={}", vcs_info.display());
        let sha = info.split("\"sha1\"").nth(1)?.split('"').nth(1)?;
        return hex_prefix(sha);
    }
    let git = |args: &[&str]| {
        let output = Command::new("git").args(args).current_dir(manifest_dir).output().ok()?;
        output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", &format!("--short={COMMIT_DIGITS}"), "HEAD"])?;
    // Rebuild when HEAD moves: HEAD itself, the branch it names, and the packed refs (each
    // watched only if it exists: cargo reruns a script whose watched file is missing every time).
    let branch = git(&["symbolic-ref", "-q", "HEAD"]);
    for name in ["HEAD", "packed-refs"].into_iter().chain(branch.as_deref()) {
        if let Some(path) = git(&["rev-parse", "--git-path", name]).map(|path| manifest_dir.join(path))
            && path.exists()
        {
            println!("cargo:rerun-if-changed={}", path.display());
        }
    }
    hex_prefix(&commit)
}

/// The first [`COMMIT_DIGITS`] characters, if the text is a hex commit id.
fn hex_prefix(text: &str) -> Option<String> {
    let prefix = text.get(..COMMIT_DIGITS)?;
    prefix.bytes().all(|b| b.is_ascii_hexdigit()).then(|| prefix.to_owned())
}
