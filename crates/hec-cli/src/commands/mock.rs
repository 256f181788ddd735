//! `hec mock serve`: the mock gateway of hec-fixtures as a standalone server on 127.0.0.1, so
//! code in any language can be tested against a local HEC; with `--detach`, in the background.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use clap::{Args, Subcommand};
use hec_fixtures::mock::{DEMO_TASK_ID, MockGateway};

use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::report;

/// How many lines a server prints on stdout before it serves.
const ANNOUNCEMENT_LINES: usize = 4;

/// How long `--detach` waits for the background server to announce itself.
const DETACH_WAIT: Duration = Duration::from_secs(10);

/// `hec mock ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum MockCommand {
    /// Serve the mock gateway with its demo task on 127.0.0.1 until interrupted; the first four
    /// lines on stdout are shell exports of its URL and credentials, then the demo task id.
    /// In the background: eval "$(hec mock serve --detach)", and later kill $HEC_MOCK_PID.
    Serve(ServeArgs),
}

/// The arguments of `hec mock serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The port (default: one the system chooses).
    #[arg(long)]
    port: Option<u16>,

    /// Serve in the background: print the exports, HEC_MOCK_PID and how to stop it, then return.
    #[arg(long)]
    detach: bool,

    /// Set by --detach on the background server it starts.
    #[arg(long, hide = true, conflicts_with = "detach")]
    detached: bool,
}

/// Runs a mock command; `quiet` (`--quiet`) keeps its notice off stderr.
pub(crate) fn run(command: &MockCommand, quiet: bool) -> Result<Exit, Failure> {
    match command {
        MockCommand::Serve(args) => serve_or_detach(args, quiet),
    }
}

/// `hec mock serve [--port N] [--detach]`.
fn serve_or_detach(args: &ServeArgs, quiet: bool) -> Result<Exit, Failure> {
    let port = args.port.unwrap_or(0);
    if args.detach { detach(port) } else { serve(port, quiet || args.detached) }
}

/// Starts the mock with the demo task on `port` (0: an ephemeral one), prints the four lines a
/// shell or a test harness reads, and serves until SIGINT or SIGTERM.
fn serve(port: u16, quiet: bool) -> Result<Exit, Failure> {
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| Failure::Usage(format!("cannot handle interrupts: {e}")))?;

    let mock = MockGateway::builder()
        .port(port)
        .demo()
        .live_events(true)
        .record_requests(false)
        .try_start()
        .map_err(|e| Failure::Usage(format!("cannot listen on 127.0.0.1:{port}: {e}")))?;
    let mut stdout = std::io::stdout().lock();
    let printed = write!(
        stdout,
        "export HEC_BASE_URL={}\nexport HEC_CLIENT_ID={}\nexport HEC_ACCESS_KEY={}\n# demo task: {DEMO_TASK_ID}\n",
        mock.base_url(),
        mock.client_id(),
        mock.access_key(),
    )
    .and_then(|()| stdout.flush());
    drop(stdout);
    if let Err(error) = printed {
        // Nobody can learn the address: serving would be pointless.
        return Err(Failure::Usage(format!("cannot write to stdout: {error}")));
    }
    if !quiet {
        let _ = writeln!(
            std::io::stderr(),
            "hec: mock HEC gateway on {} (demo credentials); Ctrl-C to stop",
            mock.base_url()
        );
    }

    // Until a signal arrives (or the handler is gone, which cannot happen while it is set).
    let _ = stopped.recv();
    drop(mock);
    Ok(Exit::Success)
}

/// Starts the server as a background process of its own (this binary again, in its own process
/// group, with no terminal streams), waits for its four lines, and prints them with its pid and
/// how to stop it; then exits, leaving it serving. `eval "$(hec mock serve --detach)"` loads the
/// variables: the server holds neither the caller's stdout nor its stderr.
fn detach(port: u16) -> Result<Exit, Failure> {
    let failed = |why: String| Failure::Usage(format!("the background mock gateway did not start: {why}"));
    let exe = std::env::current_exe().map_err(|e| failed(format!("cannot find this program: {e}")))?;
    let mut command = Command::new(exe);
    command
        .args(["mock", "serve", "--detached", "--port", &port.to_string()])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let mut child = command.spawn().map_err(|e| failed(e.to_string()))?;
    let pid = child.id();
    let Some(stdout) = child.stdout.take() else {
        return Err(failed("no pipe to read its address from".to_owned()));
    };
    let (lines_sender, lines) = mpsc::channel();
    std::thread::spawn(move || {
        let lines: Vec<String> =
            BufReader::new(stdout).lines().take(ANNOUNCEMENT_LINES).map_while(Result::ok).collect();
        let _ = lines_sender.send(lines);
    });
    let announced = match lines.recv_timeout(DETACH_WAIT) {
        Ok(lines) if lines.len() == ANNOUNCEMENT_LINES => lines,
        outcome => {
            let _ = child.kill();
            let status = child.wait().map(|status| status.to_string()).unwrap_or_default();
            let why = match outcome {
                Ok(_) => format!("it ended ({status}); `hec mock serve --port {port}` shows why"),
                Err(_) => format!("it said nothing within {DETACH_WAIT:?}"),
            };
            return Err(failed(why));
        }
    };
    let mut text = announced.join("\n");
    text.push_str(&format!("\nexport HEC_MOCK_PID={pid}\n# stop it with: kill {pid}\n"));
    report::stdout(&text);
    Ok(Exit::Success)
}
