//! Where results and failures go, in the output mode `-o` chose: results to stdout (text, JSON
//! or ids), failures to stderr, and in JSON mode also to stdout as `{"error": {...}}`. Text mode
//! escapes control characters (see [`escape`]); no write to a closed pipe is an error worth a
//! message or a panic. The run's secrets are removed where the service's values are made into
//! lines ([`escape::field`], [`json`]), not here: hec's own words are printed as they are.

use std::io::{self, Write};

use clap::ValueEnum;
use hec_proto::{Error, TaskId};
use serde_json::Value;

use crate::failure::Failure;
use crate::output::escape::{self, MAX_MESSAGE_CHARS};
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::tag;

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    /// Text for people.
    Text,
    /// JSON: one object per line, exactly as the API shapes them.
    Json,
    /// Ids only, one per line: entity ids from `entity search`, event ids from `event search`,
    /// task ids from actions (quarantine, restore, dismiss) and from `task get`/`task wait`.
    Ids,
}

/// Prints results and failures in the chosen output mode.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Report {
    /// Text, JSON or ids.
    pub(crate) output: Output,
    /// `--quiet`: no progress, notices or warnings on stderr, only errors.
    pub(crate) quiet: bool,
    /// With `--all-profiles`, the profile whose results these are: every result line is marked
    /// with it (see [`tag`]), and every message on stderr names it.
    pub(crate) profile: Option<&'static str>,
}

impl Report {
    /// This report for the results of `profile` (`--all-profiles`).
    pub(crate) fn for_profile(self, profile: &'static str) -> Report {
        Report { profile: Some(profile), ..self }
    }

    /// Whether results are JSON.
    pub(crate) fn json(self) -> bool {
        self.output == Output::Json
    }

    /// Whether results are ids, one per line.
    pub(crate) fn ids(self) -> bool {
        self.output == Output::Ids
    }

    /// Writes `text` to stdout, ending it with a newline if it has none, and flushes; in text mode
    /// with control characters other than line feeds and tabs escaped. Its values from the
    /// service were redacted when it was made. A closed pipe (`hec ... | head -1`) is not an
    /// error worth a message.
    pub(crate) fn print(self, text: &str) {
        let _ = self.print_streamed(text);
    }

    /// [`Report::print`], saying whether stdout is still open: `false` once the reader went away
    /// (`hec entity search ... | head -1`), so that a listing stops fetching pages.
    pub(crate) fn print_streamed(self, text: &str) -> bool {
        if let Some(profile) = self.profile {
            let tagged = tag::tagged(profile, text, self.output);
            return Report { profile: None, ..self }.print_streamed(&tagged);
        }
        if self.json() { write_stdout(text) } else { write_stdout(&escape::lines(text)) }
    }

    /// Writes a notice (`note: ...`, `dry run: ...`) on stderr, unless `--quiet`.
    pub(crate) fn notice(self, text: &str) {
        if !self.quiet {
            let text = escape::lines(text);
            let _ = match self.profile {
                Some(profile) => writeln!(io::stderr(), "profile {profile}: {text}"),
                None => writeln!(io::stderr(), "{text}"),
            };
        }
    }

    /// Writes `warning: <text>` on stderr, unless `--quiet`: something the service did that is
    /// not an error but worth a look (an answer about another task, an action answered without
    /// a task).
    pub(crate) fn warning(self, text: &str) {
        self.notice(&format!("warning: {text}"));
    }

    /// Reports a failure (of the task `task_id`, if it belongs to one): its message on stderr, and
    /// in JSON mode its object on stdout.
    pub(crate) fn failure(self, failure: &Failure, task_id: Option<&TaskId>) {
        let mut stderr = io::stderr().lock();
        let profile = self.profile.map_or_else(String::new, |profile| format!("profile {profile}: "));
        for line in message_lines(failure) {
            let _ = match task_id {
                Some(id) => writeln!(stderr, "error: {profile}task {id}: {line}"),
                None => writeln!(stderr, "error: {profile}{line}"),
            };
        }
        drop(stderr);
        self.failure_in_json(failure, task_id);
    }

    /// In JSON mode, prints a failure's object on stdout (and nothing on stderr): for a failure
    /// whose message was shown on stderr already (a wait's, by its progress display).
    pub(crate) fn failure_in_json(self, failure: &Failure, task_id: Option<&TaskId>) {
        if self.json() {
            self.print(&json::error_line(failure, task_id));
        }
    }

    /// Reports a failed call (of the task `task_id`, if it belongs to one) as [`Report::failure`]
    /// does, and gives its exit code.
    pub(crate) fn call_failed(self, error: Error, task_id: Option<&TaskId>) -> Exit {
        let failure = Failure::from(error);
        self.failure(&failure, task_id);
        Exit::of_failure(&failure)
    }

    /// Reports a failure as [`Report::failure`] does, followed on stderr by `notes` (one
    /// `error: ` line each, escaped); in JSON mode the error object also carries `fields`.
    pub(crate) fn failure_with(self, failure: &Failure, notes: &[String], fields: Vec<(&str, Value)>) {
        let mut stderr = io::stderr().lock();
        let notes = notes.iter().flat_map(|note| note.lines()).map(|line| escape::own(line).into_owned());
        let profile = self.profile.map_or_else(String::new, |profile| format!("profile {profile}: "));
        for line in message_lines(failure).into_iter().chain(notes) {
            let _ = writeln!(stderr, "error: {profile}{line}");
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

/// Writes `line` to stderr after the time in UTC (`2026-01-01T10:00:00Z task 42: ...`), and
/// flushes: the log of a long-running command.
pub(crate) fn stamped(line: &str) {
    let now = humantime::format_rfc3339_seconds(std::time::SystemTime::now());
    let mut stderr = io::stderr().lock();
    let _ = writeln!(stderr, "{now} {line}").and_then(|()| stderr.flush());
}

/// Writes `text` to stdout as it is, ending it with a newline if it has none, and flushes. A
/// closed pipe (`hec ... | head -1`) is not an error worth a message.
pub(crate) fn stdout(text: &str) {
    let _ = write_stdout(text);
}

/// [`stdout`], saying whether stdout is still open (`false` after any failed write).
fn write_stdout(text: &str) -> bool {
    let mut stdout = io::stdout().lock();
    let newline = if text.ends_with('\n') { "" } else { "\n" };
    match write!(stdout, "{text}{newline}").and_then(|()| stdout.flush()) {
        Ok(()) => true,
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => false,
        Err(error) => {
            let _ = writeln!(io::stderr(), "error: cannot write to stdout: {error}");
            false
        }
    }
}

/// A failure's message as the lines stderr shows, cut to [`MAX_MESSAGE_CHARS`] and escaped (not
/// redacted: a usage message is hec's, and a failed call's error was redacted by the driver). A
/// failed call is one line, whatever the service put in it; a usage message may have several.
pub(crate) fn message_lines(failure: &Failure) -> Vec<String> {
    let text = failure.to_string();
    let text = escape::cap(&text, MAX_MESSAGE_CHARS);
    match failure {
        Failure::Usage(_) | Failure::Credentials(_) => {
            text.lines().map(|line| escape::own(line).into_owned()).collect()
        }
        Failure::Client(_) | Failure::Explained { .. } => vec![escape::own(&text).into_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_call_is_one_escaped_line_whatever_the_service_sent() {
        let error = hec_proto::Error::Config(hec_proto::ConfigError::HttpClient(
            "bad\nerror: task 43: forged\u{1b}[2J".to_owned(),
        ));
        assert_eq!(
            message_lines(&Failure::Client(error)),
            [
                "invalid configuration: the HTTP client cannot be built: bad\\nerror: task 43: forged\\u{1b}[2J"
            ]
        );
    }

    #[test]
    fn a_usage_message_keeps_its_lines_and_is_cut_when_long() {
        assert_eq!(message_lines(&Failure::Usage("one\ntwo\u{7}".to_owned())), ["one", "two\\u{7}"]);
        let long = message_lines(&Failure::Usage("x".repeat(MAX_MESSAGE_CHARS + 5)));
        assert_eq!(long, [format!("{}… (5 more characters)", "x".repeat(MAX_MESSAGE_CHARS))]);
    }
}
