//! The README's "Several tenants (profiles)" session runs as written: its shell block, taken
//! from README.md, run by `sh -e` in a folder of its own with this build's `hec` first on the
//! PATH, against the two `hec mock serve --detach` tenants it starts. HOME and XDG_CONFIG_HOME
//! point into that folder (no config file of the machine's is read or written), the run is
//! bounded in time, and the mocks it starts are stopped whatever happens (see [`Cleanup`]).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hec_fixtures::mock::demo::{CAMPAIGN_ENTITY_IDS, SCOPE};
use hec_fixtures::mock::{DEMO_ACCESS_KEY, DEMO_CLIENT_ID, TOKEN_PREFIX, live_event_slot};

/// The heading of the README's section.
const SECTION: &str = "## Several tenants (profiles)";

/// How long the whole session may take (eight `hec` runs, one of them a feed pass over a minute
/// of events; seconds on an idle machine).
const SESSION_TIMEOUT: Duration = Duration::from_secs(120);

/// The environment variable that marks every process the session starts (the detached mocks
/// included, which inherit it), so that [`Cleanup`] finds them.
const MARKER: &str = "HEC_CLI_TEST_README_SESSION";

/// The first `sh` block of the README's section [`SECTION`].
fn session() -> String {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
        .expect("the README is readable");
    let section = readme.split_once(SECTION).map(|(_, rest)| rest).expect("the README has the section");
    let section = section.split("\n## ").next().unwrap_or_default();
    let block = section.split_once("\n```sh\n").map(|(_, rest)| rest).expect("the section has a sh block");
    block.split_once("\n```").map(|(block, _)| block).expect("the block ends").to_owned()
}

/// The session's folder, and what stops the processes the session left: every process whose
/// environment holds [`MARKER`] with this folder is sent SIGTERM, then the folder is removed.
/// It runs when the test ends, passed or failed (Linux: the processes are found in /proc).
struct Cleanup(PathBuf);

impl Cleanup {
    /// The ids of the processes still running with this session's marker.
    fn left(&self) -> Vec<String> {
        let marker = format!("{MARKER}={}", self.0.display());
        let Ok(entries) = std::fs::read_dir("/proc") else { return Vec::new() };
        entries
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let pid = entry.file_name().to_str()?.to_owned();
                pid.bytes().all(|b| b.is_ascii_digit()).then_some(pid)
            })
            .filter(|pid| {
                std::fs::read(format!("/proc/{pid}/environ"))
                    .is_ok_and(|environ| environ.split(|b| *b == 0).any(|entry| entry == marker.as_bytes()))
            })
            .collect()
    }

    /// Waits at most `timeout` for every marked process to end; the ids of those still running.
    fn ended_within(&self, timeout: Duration) -> Vec<String> {
        let started = Instant::now();
        loop {
            let left = self.left();
            if left.is_empty() || started.elapsed() > timeout {
                return left;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Cleanup {
    fn drop(&mut self) {
        for pid in self.left() {
            let _ = Command::new("kill").arg(&pid).status();
        }
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// What the session printed, and how it ended.
struct Session {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

/// Runs `script` with `sh -e` in `folder`, with this build's `hec` first on the PATH, HOME and
/// XDG_CONFIG_HOME inside `folder`, no `HEC_*` variable of the test's own, and [`MARKER`]; at
/// most [`SESSION_TIMEOUT`], then it is killed.
fn run(script: &str, folder: &Path) -> Session {
    let bin = Path::new(env!("CARGO_BIN_EXE_hec")).parent().expect("the binary's folder").to_owned();
    let path = std::env::join_paths(
        std::iter::once(bin).chain(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())),
    )
    .expect("a PATH");
    let mut command = Command::new("sh");
    command.arg("-e").arg("-c").arg(script).current_dir(folder);
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("HEC_") {
            command.env_remove(name);
        }
    }
    command
        .env("PATH", path)
        .env("HOME", folder)
        .env("XDG_CONFIG_HOME", folder.join(".config"))
        .env(MARKER, folder)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("sh starts");
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut text = String::new();
            if let Some(mut pipe) = pipe {
                let _ = pipe.read_to_string(&mut text);
            }
            text
        })
    };
    let stdout = read(child.stdout.take().map(|pipe| Box::new(pipe) as Box<dyn std::io::Read + Send>));
    let stderr = read(child.stderr.take().map(|pipe| Box::new(pipe) as Box<dyn std::io::Read + Send>));
    let started = Instant::now();
    let code = loop {
        if let Some(status) = child.try_wait().expect("sh can be waited for") {
            break status.code();
        }
        if started.elapsed() > SESSION_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    // A process the session left (a mock) holds no copy of the pipes: they end with `sh`.
    Session {
        code,
        stdout: stdout.join().expect("the stdout reader ends"),
        stderr: stderr.join().expect("the stderr reader ends"),
    }
}

/// `acme\thttp://127.0.0.1:PORT\t...`: the profile's gateway URL in a line of `hec profiles`.
fn gateway(line: &str) -> &str {
    let url = line.split('\t').nth(1).unwrap_or_default();
    let port = url.strip_prefix("http://127.0.0.1:").unwrap_or_default();
    assert!(!port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()), "no mock's URL in {line:?}");
    url
}

#[test]
fn the_profiles_session_runs_as_written_against_two_detached_mocks() {
    let script = session();
    assert!(script.starts_with("eval \"$(hec mock serve --detach)\""), "{script}");
    let folder = std::env::temp_dir().join(format!("hec-cli-test-readme-profiles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).expect("the session's folder");
    let cleanup = Cleanup(folder.clone());

    let session = run(&script, &folder);
    let Session { code, stdout, stderr } = &session;
    assert_eq!(
        *code,
        Some(0),
        "the session failed (None: it outlived {SESSION_TIMEOUT:?})\n{stdout}\n{stderr}"
    );
    assert_eq!(stderr, "", "{stdout}");
    for secret in [DEMO_ACCESS_KEY, TOKEN_PREFIX] {
        assert!(!stdout.contains(secret), "the output holds {secret:?}");
    }

    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.len() > 17, "{stdout}");
    // hec profiles
    let (acme, beta) = (gateway(lines[0]), gateway(lines[1]));
    assert_ne!(acme, beta, "two tenants");
    let key_file = folder.join("demo-access-key");
    assert_eq!(lines[0], format!("acme\t{acme}\t{DEMO_CLIENT_ID}\tfile {}\tdefault", key_file.display()));
    assert_eq!(lines[1], format!("beta\t{beta}\t{DEMO_CLIENT_ID}\tcommand\t-"));
    // hec auth check --all-profiles
    let ok = |name: &str, url: &str| {
        format!("{name}\tok\tnone (a custom gateway URL)\t{url}\t30m (1800 s)\t{SCOPE}")
    };
    assert_eq!(lines[2..4], [ok("acme", acme), ok("beta", beta)]);
    // hec --profile beta scopes
    assert_eq!(lines[4], SCOPE);
    // the campaign in every tenant, each id after its profile
    let found: Vec<String> = ["acme", "beta"]
        .into_iter()
        .flat_map(|profile| CAMPAIGN_ENTITY_IDS.map(|id| format!("{profile}\t{id}")))
        .collect();
    assert_eq!(lines[5..17], found);
    // beta's feed: one pass over the last minute of the mock's live events (one every 3 s),
    // each event once, and its checkpoint
    let mut slots: Vec<u64> = lines[17..]
        .iter()
        .map(|id| live_event_slot(id).unwrap_or_else(|| panic!("not a live event's id: {id:?}")))
        .collect();
    slots.sort_unstable();
    assert!((19..=21).contains(&slots.len()), "a minute of events: {slots:?}");
    assert!(slots.windows(2).all(|pair| pair[1] == pair[0] + 1), "one after the other: {slots:?}");
    assert!(folder.join("beta.json").is_file(), "beta's checkpoint");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_file).expect("the key file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the key file is its owner's alone");
    }
    // The session's last line stops both mocks.
    assert_eq!(cleanup.ended_within(Duration::from_secs(10)), Vec::<String>::new(), "mocks left running");
}
