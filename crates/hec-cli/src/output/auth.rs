//! What `hec auth check` prints of credentials that work: the region, the gateway, the token's
//! lifetime and the scopes, as text or as one JSON object; never the token. With
//! `--all-profiles`, one line per profile, of credentials that work or of the failure.

use std::time::Duration;

use serde_json::{Value, json};

use crate::connection::Gateway;
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::{Report, message_lines};
use crate::output::text::joined;

/// The report of credentials accepted by `gateway` (at `url`) for a token of `lifetime` that
/// reaches `scopes`: one JSON object, or text for people.
pub(crate) fn checked(
    gateway: Gateway,
    url: &str,
    lifetime: Duration,
    scopes: &[String],
    report: Report,
) -> String {
    if report.json() {
        return json_object(gateway, url, lifetime, scopes).to_string();
    }
    format!(
        "credentials accepted\n  region          {}\n  gateway         {url}\n  token lifetime  {}\n  scopes          {}",
        region_text(gateway),
        lifetime_text(lifetime),
        scopes_text(scopes)
    )
}

/// One profile's line of `auth check --all-profiles` for credentials that work (the profile's
/// name is put before it when printed): `ok`, region, gateway, token lifetime and scopes,
/// tab-separated; or the JSON object of [`checked`].
pub(crate) fn checked_line(
    gateway: Gateway,
    url: &str,
    lifetime: Duration,
    scopes: &[String],
    report: Report,
) -> String {
    if report.json() {
        return json_object(gateway, url, lifetime, scopes).to_string();
    }
    format!("ok\t{}\t{url}\t{}\t{}", region_text(gateway), lifetime_text(lifetime), scopes_text(scopes))
}

/// One profile's line of `auth check --all-profiles` for a failure: `failed (exit N)` and the
/// message, tab-separated, with `note` after it; or the JSON error object (with `note`).
pub(crate) fn failed_line(failure: &Failure, note: Option<&str>, report: Report) -> String {
    let code = Exit::of_failure(failure).code();
    if report.json() {
        let mut value = json::error(failure, None);
        if let (Some(note), Some(error)) = (note, value.get_mut("error").and_then(Value::as_object_mut)) {
            error.insert("note".to_owned(), Value::from(note));
        }
        return value.to_string();
    }
    let mut message = message_lines(failure).join("; ");
    if let Some(note) = note {
        message = format!("{note}: {message}");
    }
    format!("failed (exit {code})\t{message}")
}

/// The JSON object of credentials that work.
fn json_object(gateway: Gateway, url: &str, lifetime: Duration, scopes: &[String]) -> Value {
    let region = match gateway {
        Gateway::Region(region) => Some(region.code()),
        Gateway::Custom | Gateway::Mock => None,
    };
    json!({ "region": region, "baseUrl": url, "expiresIn": lifetime.as_secs(), "scopes": json::texts(scopes.iter().map(String::as_str)) })
}

/// `eu (Europe)`, or what stands for no region.
fn region_text(gateway: Gateway) -> String {
    match gateway {
        Gateway::Region(region) => format!("{} ({})", region.code(), region.name()),
        Gateway::Custom => "none (a custom gateway URL)".to_owned(),
        Gateway::Mock => "none (the embedded mock gateway)".to_owned(),
    }
}

/// The scopes, comma-separated, or `none`.
fn scopes_text(scopes: &[String]) -> String {
    if scopes.is_empty() { "none".to_owned() } else { joined(scopes.iter().map(String::as_str), ", ") }
}

/// `30m (1800 s)`.
fn lifetime_text(lifetime: Duration) -> String {
    let rounded = Duration::from_secs(lifetime.as_secs());
    format!("{} ({} s)", humantime::format_duration(rounded), lifetime.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lifetime_reads_as_minutes_and_seconds() {
        assert_eq!(lifetime_text(Duration::from_secs(1800)), "30m (1800 s)");
    }
}
