//! Printing what a search or a read by id finds. A search prints while its pages arrive: one item
//! per line in the chosen output, up to `--limit`, stopping early when the reader of stdout goes
//! away; an error ends it with its code.

use hec_proto::Error;
use hec_proto::model::RawJson;

use crate::output::escape;
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::Report;

/// Something a search finds, as each output mode shows it on one line.
pub(crate) trait Found {
    /// Its id, for `-o ids` (`None` if the service sent none).
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
/// or its text view), or reports the error; the exit code either way. An answer about another
/// object than the `noun` asked for (another id, or none) is shown with a warning.
pub(crate) fn show<T: Found>(got: Result<T, Error>, noun: &str, asked: &str, report: Report) -> Exit {
    match got {
        Ok(item) => {
            match item.id() {
                Some(id) if id == asked => {}
                Some(other) => report
                    .warning(&format!("{noun} {asked}: the answer is for {noun} {}", escape::field(&other))),
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
        Err(error) => report.call_failed(error, None),
    }
}

/// Prints `items` as they come, each on its own line (text, JSON, or the id), and stops after
/// `limit` of them (no further page is fetched), when stdout is closed, or at the first error,
/// which is reported and gives the exit code. `plural` names the items in a note.
pub(crate) fn print<T: Found>(
    items: impl Iterator<Item = Result<T, Error>>,
    limit: Option<u64>,
    plural: &str,
    report: Report,
) -> Exit {
    let mut items = items;
    let mut printed: u64 = 0;
    let mut without_id: u64 = 0;
    let exit = loop {
        if limit.is_some_and(|limit| printed >= limit) {
            break Exit::Success;
        }
        let item = match items.next() {
            None => break Exit::Success,
            Some(Ok(item)) => item,
            Some(Err(error)) => break report.call_failed(error, None),
        };
        let Some(line) = line(&item, report) else {
            without_id += 1;
            continue;
        };
        if !report.print_streamed(&line) {
            break Exit::Success;
        }
        printed += 1;
    };
    if without_id > 0 {
        report.notice(&format!("note: {without_id} {plural} without an id in the answer were left out"));
    }
    exit
}
