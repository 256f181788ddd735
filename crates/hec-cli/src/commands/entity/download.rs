//! `hec entity download ID [FILE] [--original]`: the message as an .eml file, byte for byte, to
//! FILE (default `ID.eml` in the current folder; a folder gets `ID.eml` in it; `-` is stdout),
//! through a temporary file renamed at the end (see [`download_file`](crate::download_file)).

use std::fs;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use clap::Args;
use hec_proto::EntityId;

use crate::connection::Connection;
use crate::download_file::Destination;
use crate::echo::echo;
use crate::failure::Failure;
use crate::ids;
use crate::output;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::interrupted;
use crate::output::report::Report;
use crate::stop::{Stop, StopReason};

/// The arguments of `hec entity download`.
#[derive(Debug, Args)]
pub(crate) struct DownloadArgs {
    /// The entity id (as `entity search` prints it).
    #[arg(value_name = "ENTITY_ID")]
    id: String,

    /// Where to write the message: a file (default ENTITY_ID.eml in the current folder), a
    /// folder (ENTITY_ID.eml in it), or - for stdout (not a terminal).
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,

    /// The message as it arrived, without the headers HEC adds (sent as original=true).
    #[arg(long)]
    original: bool,

    /// Replace FILE if it exists (without it, an existing file exits 2 before any request).
    #[arg(long)]
    force: bool,

    /// The largest message written (e.g. 500k, 64M, 1G; bytes without a unit): past it the
    /// download stops, exits 4 and leaves no file.
    #[arg(long, value_name = "SIZE", default_value = "64M", value_parser = size)]
    pub(crate) max_size: u64,
}

/// A size: a number of bytes, or of k, M or G (1024, 1024², 1024³ bytes), a `B` or `iB` after
/// the unit allowed; at least 1.
fn size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let shift = match unit.trim_end_matches("iB").trim_end_matches('B') {
        "" => 0,
        "k" | "K" => 10,
        "M" => 20,
        "G" => 30,
        _ => return Err("a size is a number of bytes, or of k, M or G (e.g. 500k, 64M)".to_owned()),
    };
    let number: u64 =
        number.parse().map_err(|_| "a size starts with a number (e.g. 500k, 64M)".to_owned())?;
    number
        .checked_mul(1 << shift)
        .filter(|bytes| *bytes > 0)
        .ok_or_else(|| "a size is at least 1 byte and at most 16 EiB".to_owned())
}

/// Checks the id and the destination (an existing file without `--force`, stdout on a
/// terminal) before `connect`, downloads, then prints where the message went.
pub(crate) fn run(
    args: &DownloadArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let id: EntityId = ids::parse_as(&args.id)?;
    let destination = Destination::new(args.file.as_deref(), &format!("{id}.eml"), args.force)?;
    if destination == Destination::Stdout && std::io::stdout().is_terminal() {
        return Err(Failure::Usage(
            "the message is not written to a terminal (its bytes may drive it): pipe it, or give a FILE"
                .to_owned(),
        ));
    }
    let connection = connect()?;
    let mut partial = destination.open()?;
    let interruptible = remove_at_interrupt(&id, &destination, partial.temporary());
    let downloaded = connection.client.download_entity(&id, args.original, &mut partial);
    // Held to the end: an interrupt from here on waits for the file to be in place or gone, and
    // changes nothing.
    let mut ended = interruptible.lock().unwrap_or_else(PoisonError::into_inner);
    *ended = true;
    match downloaded {
        Ok(bytes) => {
            partial.finish()?;
            if let Destination::File { path, .. } = &destination {
                output::download::print(&id, path, bytes, args.original, report);
            }
            Ok(Exit::Success)
        }
        // Dropped unfinished, the temporary file goes: no file is left.
        Err(error) => {
            drop(partial);
            Ok(found::read_failed(error, "entity", id.as_str(), report))
        }
    }
}

/// Answers Ctrl-C (SIGINT or SIGTERM) until the download has ended: the process would end
/// before [`Drop`] removes the temporary file, so a thread of its own removes `temporary`,
/// says so and exits 130. The flag it gives is set (and held while the file is put in place)
/// once the download has ended; an interrupt after that is ignored. Without a handler (the
/// system refused one) Ctrl-C ends the program as it ends any.
fn remove_at_interrupt(
    id: &EntityId,
    destination: &Destination,
    temporary: Option<PathBuf>,
) -> Arc<Mutex<bool>> {
    let ended = Arc::new(Mutex::new(false));
    let Ok(stop) = Stop::install() else { return ended };
    let message = match destination {
        Destination::File { path, .. } => {
            interrupted::download_message(id.as_str(), Some(&echo(&path.to_string_lossy())))
        }
        Destination::Stdout => interrupted::download_message(id.as_str(), None),
    };
    let held = Arc::clone(&ended);
    let answer = move || {
        // A closed stdout is not an interrupt: the next write fails, and the command ends with it.
        if stop.wait(Duration::MAX) != Some(StopReason::Signal) {
            return;
        }
        let ended = held.lock().unwrap_or_else(PoisonError::into_inner);
        if *ended {
            return;
        }
        if let Some(temporary) = &temporary {
            let _ = fs::remove_file(temporary);
        }
        interrupted::say(&message);
        std::process::exit(Exit::Interrupted.code().into());
    };
    let _ = std::thread::Builder::new().name("download-interrupt".to_owned()).spawn(answer);
    ended
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_binary_units() {
        assert_eq!(size("1"), Ok(1));
        assert_eq!(size("500k"), Ok(500 * 1024));
        assert_eq!(size("64M"), Ok(64 * 1024 * 1024));
        assert_eq!(size("64MiB"), Ok(64 * 1024 * 1024));
        assert_eq!(size("2GB"), Ok(2 * 1024 * 1024 * 1024));
        for bad in ["0", "", "M", "12T", "-1", "1.5M", "99999999999999999999", "17179869184G"] {
            assert!(size(bad).is_err(), "{bad:?}");
        }
    }
}
