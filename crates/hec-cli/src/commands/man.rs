//! `hec man`: the man page (roff) of the whole command line, made by clap_mangen from the same
//! definition as `--help`; `hec man > ~/.local/share/man/man1/hec.1` installs it for `man hec`.

use crate::output::exit::Exit;
use crate::output::report;

/// Prints the man page of `command`, the top-level parser: its options (the global ones among
/// them), its commands, the exit codes, the version.
pub(crate) fn run(command: clap::Command) -> Exit {
    let mut page = Vec::new();
    // Rendering into memory does not fail; an error would leave a shorter page.
    let _ = clap_mangen::Man::new(command).render(&mut page);
    report::stdout(&String::from_utf8_lossy(&page));
    Exit::Success
}
