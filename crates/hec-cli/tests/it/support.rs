//! Running the real `hec` binary against a mock gateway, and checking it never prints a secret.

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use hec_fixtures::mock::{DEMO_ACCESS_KEY, MockGateway, TOKEN_PREFIX};

/// The task endpoint's path prefix.
pub(crate) const TASK_PATH: &str = hec_proto::endpoint::TASK_PATH;

/// Polls every few milliseconds in a wait (`task wait`, an action's `--wait`).
pub(crate) const FAST: [&str; 2] = ["--interval", "10ms"];

/// A `hec` invocation being prepared: no `HEC_*` variable of the test's own environment leaks in.
pub(crate) struct Hec {
    command: Command,
    stdin: Option<String>,
    secrets: Vec<String>,
}

/// What a run of `hec` did.
#[derive(Debug)]
pub(crate) struct Run {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Run {
    /// The stdout lines, parsed as JSON.
    pub(crate) fn json_lines(&self) -> Vec<serde_json::Value> {
        self.stdout
            .lines()
            .map(|line| {
                serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line:?}\n{self:?}"))
            })
            .collect()
    }

    /// The stderr lines.
    pub(crate) fn stderr_lines(&self) -> Vec<&str> {
        self.stderr.lines().collect()
    }

    /// The lines of the progress log on stderr (all but the final `error: ...` report), each
    /// checked to start with the time in UTC (`2026-01-01T10:00:00Z `) and returned without it.
    pub(crate) fn progress_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| !line.starts_with("error: "))
            .map(|line| {
                let (time, rest) = line.split_at_checked(21).unwrap_or_else(|| panic!("no time: {line:?}"));
                let shape: String = time.chars().map(|c| if c.is_ascii_digit() { '0' } else { c }).collect();
                assert_eq!(shape, "0000-00-00T00:00:00Z ", "no time at the start of {line:?}");
                rest
            })
            .collect()
    }
}

/// `hec` with these arguments and a clean environment: no config file of the machine's is read
/// (the default one is looked for in a folder that does not exist).
pub(crate) fn hec(args: &[&str]) -> Hec {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hec"));
    for (name, _) in std::env::vars_os() {
        if name.to_string_lossy().starts_with("HEC_") {
            command.env_remove(name);
        }
    }
    command.env("XDG_CONFIG_HOME", std::env::temp_dir().join("hec-cli-test-no-config-home"));
    command.args(args);
    Hec { command, stdin: None, secrets: vec![DEMO_ACCESS_KEY.to_owned()] }
}

impl Hec {
    /// Points `hec` at the mock: `--base-url`, and its credentials in the environment.
    pub(crate) fn against(self, mock: &MockGateway) -> Hec {
        self.arg("--base-url")
            .arg(&mock.base_url())
            .env("HEC_CLIENT_ID", mock.client_id())
            .access_key(mock.access_key())
    }

    /// Another argument.
    pub(crate) fn arg(mut self, arg: &str) -> Hec {
        self.command.arg(arg);
        self
    }

    /// More arguments.
    pub(crate) fn args(mut self, args: &[&str]) -> Hec {
        self.command.args(args);
        self
    }

    /// An environment variable.
    pub(crate) fn env(mut self, name: &str, value: &str) -> Hec {
        self.command.env(name, value);
        self
    }

    /// `HEC_ACCESS_KEY`, remembered as a secret that no output may contain.
    pub(crate) fn access_key(mut self, key: &str) -> Hec {
        self.secrets.push(key.to_owned());
        self.env("HEC_ACCESS_KEY", key)
    }

    /// A secret that no output may contain.
    pub(crate) fn secret(mut self, secret: &str) -> Hec {
        self.secrets.push(secret.to_owned());
        self
    }

    /// Text for stdin (else stdin is empty).
    pub(crate) fn stdin(mut self, text: &str) -> Hec {
        self.stdin = Some(text.to_owned());
        self
    }

    /// Runs `hec` to its end, and checks that neither stdout nor stderr holds an access key or a
    /// token.
    pub(crate) fn run(mut self) -> Run {
        self.command.stdout(Stdio::piped());
        self.run_to_end()
    }

    /// Runs `hec` to its end with a stdout whose reader is gone (as `hec ... | head -1` leaves
    /// it once `head` has exited): every write to it fails. The run's `stdout` is empty.
    pub(crate) fn run_with_closed_stdout(mut self) -> Run {
        let (reader, writer) = std::io::pipe().expect("a pipe");
        drop(reader);
        self.command.stdout(writer);
        self.run_to_end()
    }

    /// The command as prepared, for a test that drives the process itself.
    pub(crate) fn into_command(self) -> Command {
        self.command
    }

    /// Starts `hec` and leaves it running, its stdout read line by line as it comes and its
    /// stderr kept; stdin is empty. See [`Running`].
    pub(crate) fn spawn(mut self) -> Running {
        self.command.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("hec starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let mut stderr = child.stderr.take().expect("stderr is piped");
        let (sender, lines) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)).map_while(Result::ok) {
                if sender.send(line).is_err() {
                    return;
                }
            }
        });
        let errors = std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
            text
        });
        Running { child, lines, reader, errors, secrets: self.secrets }
    }

    fn run_to_end(mut self) -> Run {
        self.command.stdin(Stdio::piped()).stderr(Stdio::piped());
        let mut child = self.command.spawn().expect("hec starts");
        let mut stdin = child.stdin.take().expect("stdin is piped");
        // hec may have exited without reading stdin.
        let _ = stdin.write_all(self.stdin.unwrap_or_default().as_bytes());
        drop(stdin);
        let output = child.wait_with_output().expect("hec runs");
        let run = Run {
            code: output.status.code().expect("hec exits with a code"),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        };
        for secret in self.secrets.iter().map(String::as_str).chain([TOKEN_PREFIX]) {
            assert!(!run.stdout.contains(secret), "stdout holds the secret {secret:?}:\n{run:?}");
            assert!(!run.stderr.contains(secret), "stderr holds the secret {secret:?}:\n{run:?}");
        }
        run
    }
}

/// A `hec` left running by [`Hec::spawn`].
pub(crate) struct Running {
    child: std::process::Child,
    lines: std::sync::mpsc::Receiver<String>,
    reader: std::thread::JoinHandle<()>,
    errors: std::thread::JoinHandle<String>,
    secrets: Vec<String>,
}

impl Running {
    /// The next `count` lines of stdout, each within `timeout` of the one before (fewer if
    /// stdout ends or a line is late).
    pub(crate) fn lines(&self, count: usize, timeout: std::time::Duration) -> Vec<String> {
        (0..count).map_while(|_| self.lines.recv_timeout(timeout).ok()).collect()
    }

    /// Sends the signal `name` (`TERM`, `INT`) to `hec`.
    pub(crate) fn signal(&self, name: &str) {
        let status = Command::new("kill")
            .args(["-s", name, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -s {name} failed");
    }

    /// Kills `hec` at once (SIGKILL: no handler runs) and reaps it.
    pub(crate) fn kill(mut self) {
        self.child.kill().expect("hec is killed");
        let _ = self.child.wait();
    }

    /// Waits at most `timeout` for `hec` to exit (else kills it and fails), then gives its exit
    /// code, the rest of its stdout and its stderr, checked for secrets as [`Hec::run`] does.
    pub(crate) fn wait(mut self, timeout: std::time::Duration) -> Run {
        let started = std::time::Instant::now();
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("hec can be waited for") {
                break status;
            }
            if started.elapsed() > timeout {
                let _ = self.child.kill();
                let _ = self.child.wait();
                panic!("hec did not exit within {timeout:?}");
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        };
        self.reader.join().expect("the stdout reader ends");
        let stdout: Vec<String> = self.lines.try_iter().collect();
        let run = Run {
            code: status.code().expect("hec exits with a code"),
            stdout: stdout.iter().map(|line| format!("{line}\n")).collect(),
            stderr: self.errors.join().expect("the stderr reader ends"),
        };
        for secret in self.secrets.iter().map(String::as_str).chain([TOKEN_PREFIX]) {
            assert!(
                !run.stdout.contains(secret) && !run.stderr.contains(secret),
                "output holds {secret:?}: {run:?}"
            );
        }
        run
    }
}

/// A loopback port nothing listens on (bound, then released).
pub(crate) fn closed_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    listener.local_addr().expect("its address").port()
}

/// A file in the temporary folder that is removed when dropped.
pub(crate) struct TempFile(pub(crate) std::path::PathBuf);

impl TempFile {
    /// A new file holding `text`.
    pub(crate) fn with(text: &str) -> TempFile {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let name = format!("hec-cli-test-{}-{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, text).expect("the temporary file is written");
        TempFile(path)
    }

    /// Its path as text.
    pub(crate) fn path(&self) -> &str {
        self.0.to_str().expect("a UTF-8 temporary path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}
