//! What `hec auth check` prints of credentials that work: the region, the gateway, the token's
//! lifetime and the scopes, as text or as one JSON object; never the token.

use std::time::Duration;

use serde_json::json;

use crate::connection::Gateway;
use crate::output::json;
use crate::output::report::Report;
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
    let (region, region_name) = match gateway {
        Gateway::Region(region) => (Some(region.code()), region.name()),
        Gateway::Custom => (None, "none (a custom gateway URL)"),
        Gateway::Mock => (None, "none (the embedded mock gateway)"),
    };
    if report.json() {
        let value = json!({ "region": region, "baseUrl": url, "expiresIn": lifetime.as_secs(), "scopes": json::texts(scopes.iter().map(String::as_str)) });
        return value.to_string();
    }
    let region = region.map_or_else(|| region_name.to_owned(), |code| format!("{code} ({region_name})"));
    let scopes =
        if scopes.is_empty() { "none".to_owned() } else { joined(scopes.iter().map(String::as_str), ", ") };
    format!(
        "credentials accepted\n  region          {region}\n  gateway         {url}\n  token lifetime  {}\n  scopes          {scopes}",
        lifetime_text(lifetime)
    )
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
