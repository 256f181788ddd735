//! What `hec profiles` prints of a profile: its name, its gateway (region or base URL), its
//! client id, where its key comes from (`file PATH`, or `command`: the command itself may hold
//! what should stay private) and whether it is the default; never a key.

use serde_json::json;

use crate::config_file::{KeySource, Profile, ProfileGateway};
use crate::output::escape;
use crate::output::report::Report;

/// `profile` as one line: tab-separated text (`-o ids`: the name alone), or one JSON object.
pub(crate) fn line(profile: &Profile, default: bool, report: Report) -> String {
    let (region, base_url) = match &profile.gateway {
        ProfileGateway::Region(region) => (Some(region.as_str()), None),
        ProfileGateway::BaseUrl(url) => (None, Some(url.as_str())),
    };
    let key_file = match &profile.key {
        KeySource::File(path) => Some(path.to_string_lossy()),
        KeySource::Command(_) => None,
    };
    if report.json() {
        let source = if key_file.is_some() { "file" } else { "command" };
        return json!({
            "name": profile.name, "region": region, "baseUrl": base_url, "clientId": profile.client_id,
            "keySource": source, "keyFile": key_file, "default": default,
        })
        .to_string();
    }
    if report.ids() {
        return profile.name.clone();
    }
    let field = |text: &str| escape::field(text).into_owned();
    let gateway = field(region.or(base_url).unwrap_or_default());
    let key = key_file.map_or_else(|| "command".to_owned(), |path| format!("file {}", field(&path)));
    let default = if default { "default" } else { "-" };
    format!("{}\t{gateway}\t{}\t{key}\t{default}", profile.name, field(&profile.client_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::report::Output;

    fn report(output: Output) -> Report {
        Report { output, quiet: false, profile: None }
    }

    #[test]
    fn a_profile_shows_where_its_key_is_but_never_the_command() {
        let acme = Profile {
            name: "acme".into(),
            gateway: ProfileGateway::Region("eu".into()),
            client_id: "acme-id".into(),
            key: KeySource::File("/k/acme".into()),
        };
        assert_eq!(line(&acme, true, report(Output::Text)), "acme\teu\tacme-id\tfile /k/acme\tdefault");
        let beta = Profile {
            name: "beta".into(),
            gateway: ProfileGateway::BaseUrl("http://127.0.0.1:1".into()),
            client_id: "beta\u{1b}id".into(),
            key: KeySource::Command("echo s3cr3t".into()),
        };
        let text = line(&beta, false, report(Output::Text));
        assert_eq!(text, "beta\thttp://127.0.0.1:1\tbeta\\u{1b}id\tcommand\t-");
        let json: serde_json::Value =
            serde_json::from_str(&line(&beta, false, report(Output::Json))).unwrap();
        assert_eq!(
            json,
            json!({"name": "beta", "region": null, "baseUrl": "http://127.0.0.1:1", "clientId": "beta\u{1b}id",
                   "keySource": "command", "keyFile": null, "default": false})
        );
        assert_eq!(line(&beta, false, report(Output::Ids)), "beta");
    }
}
