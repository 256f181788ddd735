//! `hec auth check`: fetch a token to prove the credentials work; report where, for how long,
//! and which scopes they reach, never the token.

use std::time::Duration;

use serde_json::json;

use crate::connection::{Connection, Gateway};
use crate::failure::Failure;
use crate::output::escape;
use crate::output::exit::Exit;
use crate::output::report::Report;

/// Fetches a token, lists the scopes with it (`GET /scopes`, the API's own connectivity test),
/// and reports the region, the gateway URL, the token's lifetime and the scopes.
pub(crate) fn check(connection: &Connection, report: Report) -> Exit {
    let lifetime = match connection.client.check_credentials() {
        Ok(lifetime) => lifetime,
        Err(error) => {
            let failure = Failure::from(error);
            report.failure(&failure, None);
            return failure.exit();
        }
    };
    let scopes = match connection.client.scopes() {
        Ok(scopes) => scopes,
        Err(error) => {
            let failure = Failure::from(error);
            let note =
                "the credentials were accepted, but listing their scopes (GET /scopes) failed".to_owned();
            report.failure_with(&failure, &[note], Vec::new());
            return failure.exit();
        }
    };
    let url = connection.client.base_url().to_string();
    let (region, region_name) = match connection.gateway {
        Gateway::Region(region) => (Some(region.code()), region.name()),
        Gateway::Custom => (None, "none (a custom gateway URL)"),
        Gateway::Mock => (None, "none (the embedded mock gateway)"),
    };
    if report.json() {
        let value =
            json!({ "region": region, "baseUrl": url, "expiresIn": lifetime.as_secs(), "scopes": scopes });
        report.print(&value.to_string());
    } else {
        let region = region.map_or_else(|| region_name.to_owned(), |code| format!("{code} ({region_name})"));
        let scopes = if scopes.is_empty() {
            "none".to_owned()
        } else {
            scopes.iter().map(|scope| escape::field(scope).into_owned()).collect::<Vec<_>>().join(", ")
        };
        report.print(&format!(
            "credentials accepted\n  region          {region}\n  gateway         {url}\n  token lifetime  {}\n  scopes          {scopes}",
            lifetime_text(lifetime)
        ));
    }
    Exit::Success
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
