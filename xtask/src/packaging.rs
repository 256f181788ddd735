//! The published packages as crates.io would get them: what each `.crate` holds, and that the
//! packages pass clippy from their `.crate` files alone, their dependencies resolved afresh.
//! Everything happens in the target directory (`target/package-verify/`); cargo's own caches are
//! never touched.

use std::path::Path;
use std::process::Command;

use crate::steps::{cargo_program, output, target_dir, workspace_root};

/// The packages published to crates.io, in dependency order.
const PUBLISHED: [&str; 5] = ["hec-proto", "hec-fixtures", "hec-blocking", "hec-async", "hec-cli"];

/// Files every published package carries.
const EVERY_PACKAGE_HAS: [&str; 3] = ["README.md", "LICENSE-MIT", "LICENSE-APACHE"];

/// Checks `cargo package --list` of every published package: its README and both licence files
/// (which `license = "MIT OR Apache-2.0"` promises), and for hec-fixtures every scenario under
/// the top-level `fixtures/` (the crate reaches them through a link, which packaging must
/// resolve to real files).
pub(crate) fn contents() -> Result<(), String> {
    for package in PUBLISHED {
        let listed = output(
            Command::new(cargo_program())
                .args(["package", "-p", package, "--list", "--allow-dirty", "--quiet"])
                .current_dir(workspace_root()),
        )?;
        let missing: Vec<&str> =
            EVERY_PACKAGE_HAS.into_iter().filter(|file| !listed.lines().any(|line| line == *file)).collect();
        if !missing.is_empty() {
            return Err(format!("the {package} package lacks {missing:?}"));
        }
        if package == "hec-fixtures" {
            let count = fixtures_listed(&listed)?;
            println!("    {package}: {} and all {count} scenario files", EVERY_PACKAGE_HAS.join(", "));
        } else {
            println!("    {package}: {}", EVERY_PACKAGE_HAS.join(", "));
        }
    }
    Ok(())
}

/// How many scenario files the hec-fixtures package lists; fails if one is missing.
fn fixtures_listed(listed: &str) -> Result<usize, String> {
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
    Ok(count)
}

/// Packages every published crate without cargo's own verification (`--no-verify`), unpacks
/// the `.crate` files under `target/package-verify/unpacked/`, and builds them there as a
/// workspace of their own, each depending on the others' unpacked copies (a
/// `[patch.crates-io]`), with a fresh resolution of their dependencies (no `Cargo.lock`: what a
/// crates.io user gets, and what `cargo update` would give this repository), checked with clippy
/// and `-D warnings`. What fails here would fail for a crates.io user, or for this repository's
/// CI after the next `cargo update` (a dependency's patch release deprecating a function we
/// call, say).
///
/// Cargo's own verification builds a package as if it came from a registry, and a registry
/// package of the same name and version is never rebuilt: a second run would build the first
/// run's stale sources unless cargo's shared cache were cleaned. Path dependencies are rebuilt
/// when they change, so nothing outside the target directory needs touching.
pub(crate) fn check_packaged() -> Result<(), String> {
    let root = target_dir().join("package-verify");
    let packaged = root.join("package");
    let unpacked = root.join("unpacked");
    for dir in [&packaged, &unpacked] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    std::fs::create_dir_all(&unpacked).map_err(|e| format!("{}: {e}", unpacked.display()))?;

    let mut package = Command::new(cargo_program());
    package.args(["package", "--no-verify", "--allow-dirty", "--quiet", "--target-dir"]).arg(&root);
    for name in PUBLISHED {
        package.args(["-p", name]);
    }
    output(package.current_dir(workspace_root()))?;

    let mut members = Vec::new();
    for entry in std::fs::read_dir(&packaged).map_err(|e| format!("{}: {e}", packaged.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let Some(stem) = path.file_name().and_then(|n| n.to_str()).and_then(|n| n.strip_suffix(".crate"))
        else {
            continue;
        };
        // `-m`: the files get the time of unpacking, not the fixed time cargo packs them with,
        // so a build of an earlier unpacking is never taken for this one.
        output(Command::new("tar").arg("-xzmf").arg(&path).arg("-C").arg(&unpacked))?;
        let name = PUBLISHED
            .into_iter()
            .find(|name| stem.strip_prefix(name).is_some_and(|version| version.starts_with('-')))
            .ok_or_else(|| format!("{stem}.crate is no published package"))?;
        members.push((name, stem.to_owned()));
    }
    if members.len() != PUBLISHED.len() {
        return Err(format!("expected {} .crate files, found {}", PUBLISHED.len(), members.len()));
    }
    members.sort();
    write_workspace(&unpacked, &members)?;

    // No Cargo.lock: cargo resolves every dependency afresh, to the newest compatible release.
    let manifest = unpacked.join("Cargo.toml");
    let status = Command::new(cargo_program())
        .args(["clippy", "--workspace", "--manifest-path"])
        .arg(&manifest)
        .arg("--target-dir")
        .arg(root.join("target"))
        .args(["--", "-D", "warnings"])
        .current_dir(&unpacked)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!(
            "the unpacked packages, with their dependencies resolved afresh, do not pass clippy -D warnings ({status}); see {}",
            unpacked.display()
        ));
    }
    println!(
        "    {} packages checked from their .crate files, dependencies resolved afresh, in {}",
        members.len(),
        unpacked.display()
    );
    Ok(())
}

/// The workspace of the unpacked packages: each one a member, and each one what the others get
/// for its name.
fn write_workspace(dir: &Path, members: &[(&str, String)]) -> Result<(), String> {
    let mut manifest = String::from(
        "# Written by `cargo xtask test`: the published packages, unpacked from their .crate files.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\n",
    );
    for (_, folder) in members {
        manifest.push_str(&format!("    \"{folder}\",\n"));
    }
    manifest.push_str("]\n\n[patch.crates-io]\n");
    for (name, folder) in members {
        manifest.push_str(&format!("{name} = {{ path = \"{folder}\" }}\n"));
    }
    std::fs::write(dir.join("Cargo.toml"), manifest).map_err(|e| format!("{}: {e}", dir.display()))
}
