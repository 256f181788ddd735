//! `-v`: one plain log line on stderr per request hec sends, as an access log reads (time,
//! method, path, host, status or error, how long it took, then the task, the attempt and the
//! request id), and one per thing the hec crates note (`warning: ...` for a warning). What it
//! prints comes from hec-blocking's `hec.request` spans and the crates' events, whose fields carry
//! no secret, so nothing here can print one; control characters are escaped.
//!
//! ```text
//! 2026-01-01T10:00:00.120Z POST /auth/external 127.0.0.1:4711 200 10ms attempt 1
//! 2026-01-01T10:00:00.150Z GET /app/hec-api/v1.0/task/{taskId} 127.0.0.1:4711 200 19ms task 42 attempt 1 request-id 64e26e03-6f41-4631-acb0-ba65f77b391d
//! 2026-01-01T10:00:00.151Z warning: the answer is for another task (asked 42, answered 99999)
//! ```

use std::fmt::Debug;
use std::io::Write;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::{LevelFilter, Targets};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use tracing_subscriber::util::SubscriberInitExt;

/// The span hec-blocking opens around each request.
const REQUEST_SPAN: &str = "hec.request";

/// Sends the plain log of the hec crates (debug level) to stderr, if `verbose`.
pub(crate) fn init(verbose: bool) {
    if !verbose {
        return;
    }
    let targets = Targets::new()
        .with_target("hec_blocking", LevelFilter::DEBUG)
        .with_target("hec_proto", LevelFilter::DEBUG)
        .with_target("hec_fixtures", LevelFilter::DEBUG)
        // The binary's own target is its name.
        .with_target("hec", LevelFilter::DEBUG);
    // Only fails if a subscriber is already set, which nothing else in the binary does.
    let _ = tracing_subscriber::registry().with(PlainLog).with(targets).try_init();
}

/// The layer that writes the plain lines.
struct PlainLog;

/// A span's or an event's fields as recorded, in order (a field recorded again is replaced).
#[derive(Debug, Default)]
struct Fields(Vec<(&'static str, String)>);

impl Fields {
    fn get(&self, name: &str) -> Option<&str> {
        self.0.iter().find(|(field, _)| *field == name).map(|(_, value)| value.as_str())
    }

    fn set(&mut self, name: &'static str, value: String) {
        match self.0.iter_mut().find(|(field, _)| *field == name) {
            Some(slot) => slot.1 = value,
            None => self.0.push((name, value)),
        }
    }
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.set(field.name(), escaped(value));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn Debug) {
        self.set(field.name(), escaped(&format!("{value:?}")));
    }
}

impl<S: Subscriber + for<'a> LookupSpan<'a>> Layer<S> for PlainLog {
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        let mut fields = Fields::default();
        attributes.record(&mut fields);
        if let Some(span) = context.span(id) {
            span.extensions_mut().insert(fields);
        }
    }

    fn on_record(&self, id: &Id, values: &Record<'_>, context: Context<'_, S>) {
        if let Some(span) = context.span(id)
            && let Some(fields) = span.extensions_mut().get_mut::<Fields>()
        {
            values.record(fields);
        }
    }

    fn on_close(&self, id: Id, context: Context<'_, S>) {
        if let Some(span) = context.span(&id)
            && span.name() == REQUEST_SPAN
            && let Some(fields) = span.extensions().get::<Fields>()
        {
            write_line(&request_line(fields));
        }
    }

    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        write_line(&event_line(*event.metadata().level(), &fields));
    }
}

/// A request's line: `POST /auth/external 127.0.0.1:4711 200 10ms attempt 1`, with `failed
/// (KIND)` for the status when it failed before an answer, then the task and request id if any.
fn request_line(fields: &Fields) -> String {
    let field = |name| fields.get(name).unwrap_or("-");
    let outcome = match (fields.get("status"), fields.get("error")) {
        (Some(status), _) => status.to_owned(),
        (None, Some(error)) => format!("failed ({error})"),
        (None, None) => "-".to_owned(),
    };
    let mut line = format!(
        "{} {} {} {outcome} {}ms",
        field("method"),
        field("path"),
        field("host"),
        field("elapsed_ms")
    );
    if let (Some(_), Some(error)) = (fields.get("status"), fields.get("error")) {
        line.push_str(&format!(" error {error}"));
    }
    for (name, label) in [("task", "task"), ("attempt", "attempt"), ("request_id", "request-id")] {
        if let Some(value) = fields.get(name) {
            line.push_str(&format!(" {label} {value}"));
        }
    }
    line
}

/// An event's line: its message, then its other fields in parentheses (`asked 42, answered
/// 99999`), after `warning: ` or `error: ` for those levels.
fn event_line(level: Level, fields: &Fields) -> String {
    let prefix = match level {
        Level::ERROR => "error: ",
        Level::WARN => "warning: ",
        _ => "",
    };
    let message = fields.get("message").unwrap_or_default();
    let rest: Vec<String> = fields
        .0
        .iter()
        .filter(|(name, _)| *name != "message")
        .map(|(name, value)| format!("{name} {value}"))
        .collect();
    if rest.is_empty() {
        format!("{prefix}{message}")
    } else {
        format!("{prefix}{message} ({})", rest.join(", "))
    }
}

/// `text` with its control characters escaped (`\n`, `\u{1b}`), so a line stays one line.
fn escaped(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { c.escape_default().to_string() } else { c.to_string() })
        .collect()
}

/// Writes `line` on stderr after the time in UTC, to the millisecond.
fn write_line(line: &str) {
    let now = humantime::format_rfc3339_millis(std::time::SystemTime::now());
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{now} {line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&'static str, &str)]) -> Fields {
        Fields(pairs.iter().map(|(name, value)| (*name, (*value).to_owned())).collect())
    }

    #[test]
    fn a_request_reads_as_an_access_log_line() {
        let answered = fields(&[
            ("method", "GET"),
            ("path", "/app/hec-api/v1.0/task/{taskId}"),
            ("task", "42"),
            ("host", "127.0.0.1:4711"),
            ("request_id", "r-1"),
            ("attempt", "1"),
            ("status", "200"),
            ("elapsed_ms", "19"),
        ]);
        assert_eq!(
            request_line(&answered),
            "GET /app/hec-api/v1.0/task/{taskId} 127.0.0.1:4711 200 19ms task 42 attempt 1 request-id r-1"
        );
        let refused = fields(&[
            ("method", "POST"),
            ("path", "/auth/external"),
            ("host", "127.0.0.1:9"),
            ("attempt", "2"),
            ("elapsed_ms", "4"),
            ("error", "connect"),
        ]);
        assert_eq!(request_line(&refused), "POST /auth/external 127.0.0.1:9 failed (connect) 4ms attempt 2");
    }

    #[test]
    fn an_event_reads_as_its_message_and_fields() {
        let event =
            fields(&[("message", "the answer is for another task"), ("asked", "42"), ("answered", "99")]);
        assert_eq!(
            event_line(Level::WARN, &event),
            "warning: the answer is for another task (asked 42, answered 99)"
        );
        assert_eq!(event_line(Level::DEBUG, &fields(&[("message", "a note")])), "a note");
    }

    #[test]
    fn control_characters_are_escaped() {
        assert_eq!(escaped("a\nb\u{1b}[2J"), "a\\nb\\u{1b}[2J");
    }
}
