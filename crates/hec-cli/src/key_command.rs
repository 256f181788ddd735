//! A profile's `access_key_command`: run by the shell (`sh -c`), like git's credential helpers
//! and aws's `credential_process`; its stdout, trimmed, is the access key. Its stdin is empty,
//! its stderr is captured and dropped (it may hold the key), its stdout is read up to
//! [`MAX_OUTPUT_BYTES`], and it has [`DEADLINE`] to finish. A failure is reported with the
//! profile's name and how the command ended, never with what it wrote.

use std::io::Read;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::echo::echo;
use crate::failure::Failure;

/// How long an `access_key_command` may take.
pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

/// The most bytes read from its stdout (keys are tens of characters).
pub(crate) const MAX_OUTPUT_BYTES: u64 = 64 * 1024;

/// How often the command's end is looked for once its stdout is closed.
const POLL: Duration = Duration::from_millis(5);

/// The key `command` prints (profile `profile`), within `deadline`.
///
/// Exit 2 (configuration) when it cannot be started, outlives the deadline, prints more than
/// [`MAX_OUTPUT_BYTES`] or prints what is not UTF-8; exit 3 (authentication) when it ends with a
/// failure status or prints nothing but whitespace (the helper had no key to give).
pub(crate) fn run(profile: &str, command: &str, deadline: Duration) -> Result<String, Failure> {
    let what = format!("profile {}: access_key_command", echo(profile));
    let mut shell = Command::new("sh");
    shell.arg("-c").arg(command).stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
    // Its own process group, so that a timeout ends whatever it started too.
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut shell, 0);
    let mut child = shell.spawn().map_err(|e| Failure::Usage(format!("{what} cannot be started: {e}")))?;
    let started = Instant::now();
    let (Some(mut stdout), Some(mut stderr)) = (child.stdout.take(), child.stderr.take()) else {
        end(&mut child);
        return Err(Failure::Usage(format!("{what} cannot be started: no pipes")));
    };
    // Its stderr is read to the end and dropped, so that the command never blocks on it.
    std::thread::spawn(move || std::io::copy(&mut stderr, &mut std::io::sink()));
    let (sender, output) = mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let read = (&mut stdout).take(MAX_OUTPUT_BYTES + 1).read_to_end(&mut bytes).map(|_| bytes);
        let _ = sender.send(read);
    });
    let timed_out = || Failure::Usage(format!("{what} did not finish within {deadline:?} and was stopped"));
    let bytes = match output.recv_timeout(deadline) {
        Ok(Ok(bytes)) => bytes,
        Ok(Err(error)) => {
            end(&mut child);
            return Err(Failure::Usage(format!("{what}: its output cannot be read: {error}")));
        }
        Err(_) => {
            end(&mut child);
            return Err(timed_out());
        }
    };
    if bytes.len() as u64 > MAX_OUTPUT_BYTES {
        end(&mut child);
        return Err(Failure::Usage(format!(
            "{what} printed more than {MAX_OUTPUT_BYTES} bytes: not an access key (its output is not shown)"
        )));
    }
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() < deadline => std::thread::sleep(POLL),
            Ok(None) => {
                end(&mut child);
                return Err(timed_out());
            }
            Err(error) => return Err(Failure::Usage(format!("{what}: cannot learn how it ended: {error}"))),
        }
    };
    if !status.success() {
        return Err(Failure::Credentials(format!(
            "{what} failed ({}); its output is not shown",
            ended(status)
        )));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::Usage(format!("{what} printed what is not UTF-8 text (its output is not shown)"))
    })?;
    let key = text.trim();
    if key.is_empty() {
        return Err(Failure::Credentials(format!(
            "{what} printed no key (it exited 0 with an empty output)"
        )));
    }
    Ok(key.to_owned())
}

/// How the command ended: `exit status 1`, or the signal that ended it.
fn ended(status: ExitStatus) -> String {
    match status.code() {
        Some(code) => format!("exit status {code}"),
        None => status.to_string(),
    }
}

/// Ends the command and whatever it started (its process group), and reaps it.
fn end(child: &mut Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        let _ = nix::sys::signal::killpg(nix::unistd::Pid::from_raw(pid), nix::sys::signal::Signal::SIGKILL);
    }
    let _ = child.kill();
    let _ = child.wait();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_sh(command: &str) -> Result<String, (String, &'static str)> {
        run("acme", command, Duration::from_secs(10)).map_err(|failure| (failure.to_string(), failure.kind()))
    }

    #[test]
    fn its_stdout_trimmed_is_the_key() {
        assert_eq!(run_sh("printf '  key-123\\n\\n'"), Ok("key-123".to_owned()));
        assert_eq!(run_sh("echo ignored >&2; echo key-456"), Ok("key-456".to_owned()));
    }

    #[test]
    fn a_failing_command_names_the_profile_and_status_but_not_its_output() {
        let (message, kind) = run_sh("echo fake-key-789; echo err-fake-key-789 >&2; exit 7").unwrap_err();
        assert_eq!(
            message,
            "profile \"acme\": access_key_command failed (exit status 7); its output is not shown"
        );
        assert_eq!(kind, "credentials");
        let (message, kind) = run_sh("true").unwrap_err();
        assert_eq!(
            message,
            "profile \"acme\": access_key_command printed no key (it exited 0 with an empty output)"
        );
        assert_eq!(kind, "credentials");
    }

    #[test]
    fn bad_output_is_a_configuration_error() {
        let (message, kind) = run_sh("printf '\\377\\376'").unwrap_err();
        assert_eq!(
            message,
            "profile \"acme\": access_key_command printed what is not UTF-8 text (its output is not shown)"
        );
        assert_eq!(kind, "config");
        let (message, _) = run_sh("head -c 70000 /dev/zero | tr '\\0' k").unwrap_err();
        assert_eq!(
            message,
            "profile \"acme\": access_key_command printed more than 65536 bytes: not an access key (its output is not shown)"
        );
    }

    #[test]
    fn a_command_past_its_deadline_is_stopped() {
        let started = Instant::now();
        let failure = run("acme", "echo partial; sleep 5", Duration::from_millis(200)).unwrap_err();
        assert_eq!(
            failure.to_string(),
            "profile \"acme\": access_key_command did not finish within 200ms and was stopped"
        );
        assert_eq!(failure.kind(), "config");
        assert!(started.elapsed() < Duration::from_secs(4), "{:?}", started.elapsed());
    }
}
