//! Where results and failures go: results to stdout (text or JSON), failures to stderr, and in
//! JSON mode also to stdout as `{"error": {...}}`.

use std::io::{self, Write};

use hec_proto::TaskId;

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

    /// Writes `text` to stdout, ending it with a newline if it has none, and flushes. A closed
    /// pipe (`hec ... | head -1`) is not an error worth a message.
    pub(crate) fn print(self, text: &str) {
        let mut stdout = io::stdout().lock();
        let newline = if text.ends_with('\n') { "" } else { "\n" };
        let written = write!(stdout, "{text}{newline}").and_then(|()| stdout.flush());
        if let Err(error) = written
            && error.kind() != io::ErrorKind::BrokenPipe
        {
            eprintln!("error: cannot write to stdout: {error}");
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
}
