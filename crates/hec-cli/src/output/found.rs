//! Printing what a search or a read by id finds. A search prints while its pages arrive: one item
//! per line in the chosen output (text: tab-separated in a pipe, aligned under a header on a
//! terminal, see [`Columns`]), up to `--limit`, stopping early when the reader of stdout goes
//! away; an error ends it with its code.

use std::io::IsTerminal;

use hec_proto::model::RawJson;
use hec_proto::{Error, ResponseErrorKind};

use crate::failure::Failure;
use crate::output::columns::Columns;
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::{Output, Report};

/// Something a search finds, as each output mode shows it on one line.
pub(crate) trait Found {
    /// The names of its text line's tab-separated columns, for the header a search shows on a
    /// terminal (none: no header, tabs there too).
    const HEADER: &'static [&'static str] = &[];
    /// Its id, for `-o ids`, made safe for a line as
    /// [`escape::field`](crate::output::escape::field) does (`None` if the
    /// service sent none).
    fn id(&self) -> Option<String>;
    /// Its JSON exactly as the service sent it, for `-o json`.
    fn raw(&self) -> &RawJson;
    /// Its text line, for people.
    fn line(&self) -> String;
    /// Its whole text view, for people (`hec entity get`, `hec event get`).
    fn view(&self) -> String;
}

/// `item` as its line in the chosen output: its JSON as sent, its id (`None` if it has none),
/// or its text line (escaped when printed).
pub(crate) fn line<T: Found>(item: &T, report: Report) -> Option<String> {
    if report.json() {
        Some(json::raw_line(item.raw()))
    } else if report.ids() {
        item.id()
    } else {
        Some(item.line())
    }
}

/// Prints one object a read by id (`asked`) got, in the chosen output (its JSON as sent, its id,
/// or its text view), or reports the error (one the service has not found names the id and what
/// to check, see [`not_found`]); the exit code either way. An answer about another object than
/// the `noun` asked for (another id, or none) is shown with a warning.
pub(crate) fn show<T: Found>(got: Result<T, Error>, noun: &str, asked: &str, report: Report) -> Exit {
    match got {
        Ok(item) => {
            match item.id() {
                Some(id) if id == asked => {}
                Some(other) => report.warning(&format!("{noun} {asked}: the answer is for {noun} {other}")),
                None => report.warning(&format!("{noun} {asked}: the answer names no {noun} id")),
            }
            report.print(&if report.json() {
                json::raw_line(item.raw())
            } else if report.ids() {
                item.id().unwrap_or_else(|| asked.to_owned())
            } else {
                item.view()
            });
            Exit::Success
        }
        Err(error) => read_failed(error, noun, asked, report),
    }
}

/// Reports the error of a read by id (`asked`, a `noun`) as [`show`] does (one the service has
/// not found names the id and what to check, see [`not_found`]); its exit code.
pub(crate) fn read_failed(error: Error, noun: &str, asked: &str, report: Report) -> Exit {
    let failure = not_found(error, noun, asked);
    report.failure(&failure, None);
    Exit::of_failure(&failure)
}

/// What to check when the service knows no object of an id: the id may be of another tenant or
/// region than the API key's (a key sees only its own tenant's objects).
pub(crate) const CHECK_TENANT: &str = "that the API key belongs to the tenant and region that holds it";

/// A read by id's error as reported: "not found" names the `noun` and id asked for and what to
/// check, as a task not found does (`entity 42 not found (HTTP 200, ...); check the id, and that
/// the API key belongs to the tenant and region that holds it`); any other error as it is.
fn not_found(error: Error, noun: &str, asked: &str) -> Failure {
    match error.response_error().map(|e| (e.kind(), e.detail())) {
        Some((ResponseErrorKind::NotFound, detail)) => Failure::Explained {
            message: format!("{noun} {asked} not found ({detail}); check the id, and {CHECK_TENANT}"),
            error,
        },
        _ => Failure::Client(error),
    }
}

/// Prints `items` as they come, each on its own line (text, JSON, or the id), and stops after
/// `limit` of them (no further page is fetched), when stdout is closed, or at the first error,
/// which is reported and gives the exit code. `plural` names the items in a note; in text, a
/// search that finds nothing says so on stderr (`note: no entities found`; stdout stays empty,
/// and in JSON or ids nothing is said).
pub(crate) fn print<T: Found>(
    items: impl Iterator<Item = Result<T, Error>>,
    limit: Option<u64>,
    plural: &str,
    report: Report,
) -> Exit {
    let mut items = items;
    // On a terminal, text lines up in columns under a header; in a pipe it stays tab-separated.
    let mut columns =
        (report.output == Output::Text && !T::HEADER.is_empty() && std::io::stdout().is_terminal())
            .then(|| Columns::new(T::HEADER));
    let mut printed: u64 = 0;
    let mut without_id: u64 = 0;
    let mut found_any = false;
    let exit = loop {
        if limit.is_some_and(|limit| printed >= limit) {
            break Exit::Success;
        }
        let item = match items.next() {
            None => break Exit::Success,
            Some(Ok(item)) => item,
            Some(Err(error)) => break report.call_failed(error, None),
        };
        found_any = true;
        let Some(line) = line(&item, report) else {
            without_id += 1;
            continue;
        };
        let shown = match &mut columns {
            Some(columns) => columns.push(line.split('\t').map(str::to_owned).collect()),
            None => Some(line),
        };
        if shown.is_some_and(|text| !report.print_streamed(&text)) {
            break Exit::Success;
        }
        printed += 1;
    };
    if let Some(text) = columns.as_mut().and_then(Columns::finish) {
        report.print(&text);
    }
    if without_id > 0 {
        report.notice(&format!("note: {without_id} {plural} without an id in the answer were left out"));
    }
    if exit == Exit::Success && !found_any && !report.json() && !report.ids() {
        report.notice(&format!("note: no {plural} found"));
    }
    exit
}
