//! Where results and failures go: results to stdout (text or JSON), failures to stderr, and in
//! JSON mode also to stdout as `{"error": {...}}`.

use std::io::{self, Write};

use hec_proto::TaskId;
use serde_json::Value;

use crate::cli::Output;
use crate::failure::Failure;
use crate::json;

/// Prints results and failures in the chosen output mode.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Report {
    /// Text or JSON.
    pub(crate) output: Output,
}

impl Report {
    /// Whether results are JSON.
    pub(crate) fn json(self) -> bool {
        self.output == Output::Json
    }

    /// Whether results are ids, one per line.
    pub(crate) fn ids(self) -> bool {
        self.output == Output::Ids
    }

    /// Writes `text` to stdout, ending it with a newline if it has none, and flushes. A closed
    /// pipe (`hec ... | head -1`) is not an error worth a message.
    pub(crate) fn print(self, text: &str) {
        let _ = self.print_streamed(text);
    }

    /// [`Report::print`], saying whether stdout is still open: `false` once the reader went away
    /// (`hec entity search ... | head -1`), so that a listing stops fetching pages.
    pub(crate) fn print_streamed(self, text: &str) -> bool {
        let mut stdout = io::stdout().lock();
        let newline = if text.ends_with('\n') { "" } else { "\n" };
        match write!(stdout, "{text}{newline}").and_then(|()| stdout.flush()) {
            Ok(()) => true,
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => false,
            Err(error) => {
                eprintln!("error: cannot write to stdout: {error}");
                false
            }
        }
    }

    /// Reports a failure (of the task `task_id`, if it belongs to one): its message on stderr, and
    /// in JSON mode its object on stdout.
    pub(crate) fn failure(self, failure: &Failure, task_id: Option<&TaskId>) {
        let text = failure.to_string();
        let mut stderr = io::stderr().lock();
        for line in text.lines() {
            let _ = match task_id {
                Some(id) => writeln!(stderr, "error: task {id}: {line}"),
                None => writeln!(stderr, "error: {line}"),
            };
        }
        if self.json() {
            self.print(&json::error_line(failure, task_id));
        }
    }

    /// Reports a failure as [`Report::failure`] does, followed on stderr by `notes` (one
    /// `error: ` line each); in JSON mode the error object also carries `fields`.
    pub(crate) fn failure_with(self, failure: &Failure, notes: &[String], fields: Vec<(&str, Value)>) {
        let mut stderr = io::stderr().lock();
        for line in failure.to_string().lines().chain(notes.iter().flat_map(|note| note.lines())) {
            let _ = writeln!(stderr, "error: {line}");
        }
        drop(stderr);
        if self.json() {
            let mut value = json::error(failure, None);
            if let Some(error) = value.get_mut("error").and_then(Value::as_object_mut) {
                for (name, field) in fields {
                    error.insert(name.to_owned(), field);
                }
            }
            self.print(&value.to_string());
        }
    }
}
