//! What the commands that change the allow and block lists share: `--dry-run`, and sending
//! their writes one after another, each printed as it is answered. A write is not idempotent: one
//! that may have run is never sent again, and the writes after a failed one are not sent.

use clap::Args;
use hec_proto::endpoint::{Endpoint, Written};

use crate::commands::act;
use crate::connection::Connection;
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::report::Report;
use crate::output::written::{self, Target};

/// The option every write takes.
#[derive(Debug, Clone, Copy, Args)]
pub(crate) struct WriteOptions {
    /// Print the requests that would be sent (method, path, JSON body) and send nothing, not
    /// even a token request.
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// One write to send, and how messages name it.
pub(crate) struct Planned<E> {
    /// The call.
    pub(crate) call: E,
    /// What it writes.
    pub(crate) target: Target,
}

/// Sends `writes` in order (or with `--dry-run` prints them), once the arguments are checked:
/// `connect` is called only now. `check` tells a person how to see whether a write that may
/// have run did. Each done write is printed as [`written::print`] does.
pub(crate) fn run<E: Endpoint<Output = Written>>(
    writes: Vec<Planned<E>>,
    options: WriteOptions,
    check: &str,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let print = |answer: &Written, write: &Planned<E>, report| written::print(answer, &write.target, report);
    run_printing(writes, options, check, connect, report, print)
}

/// [`run`], each done write printed by `print` (given the answer and the write sent).
pub(crate) fn run_printing<E: Endpoint<Output = Written>>(
    writes: Vec<Planned<E>>,
    options: WriteOptions,
    check: &str,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
    print: impl Fn(&Written, &Planned<E>, Report),
) -> Result<Exit, Failure> {
    let connection = connect()?;
    if options.dry_run {
        return act::dry_run(&connection, writes.iter().map(|write| &write.call), report);
    }
    let mut writes = writes.into_iter();
    while let Some(write) = writes.next() {
        match connection.client.execute(&write.call) {
            Ok(answer) => print(&answer, &write, report),
            Err(error) => {
                let not_sent: Vec<Target> = writes.map(|write| write.target).collect();
                return Ok(written::failed(error.into(), &write.target, &not_sent, check, report));
            }
        }
    }
    Ok(Exit::Success)
}
