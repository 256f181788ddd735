//! `hec mock serve`: the mock gateway of hec-fixtures as a standalone server on 127.0.0.1, so
//! code in any language can be tested against a local HEC.

use std::io::Write;
use std::sync::mpsc;

use hec_fixtures::mock::{DEMO_TASK_ID, MockGateway, demo_script};

use crate::exit::Exit;
use crate::failure::Failure;

/// Starts the mock with the demo task on `port` (0: an ephemeral one), prints the four lines a
/// shell or a test harness reads, and serves until SIGINT or SIGTERM.
pub(crate) fn serve(port: u16) -> Result<Exit, Failure> {
    let (stop, stopped) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })
    .map_err(|e| Failure::Usage(format!("cannot handle interrupts: {e}")))?;

    let mock = MockGateway::builder()
        .port(port)
        .task(DEMO_TASK_ID, demo_script())
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
    eprintln!("hec: mock HEC gateway on {} (demo credentials); Ctrl-C to stop", mock.base_url());

    // Until a signal arrives (or the handler is gone, which cannot happen while it is set).
    let _ = stopped.recv();
    drop(mock);
    Ok(Exit::Success)
}
