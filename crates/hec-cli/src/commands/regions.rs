//! `hec regions`: the seven regional gateways and their URLs (no request is sent).

use crate::output;
use crate::output::exit::Exit;
use crate::output::report::Report;

/// Prints the regions (see [`output::regions::list`]).
pub(crate) fn run(report: Report) -> Exit {
    report.print(&output::regions::list(report));
    Exit::Success
}
