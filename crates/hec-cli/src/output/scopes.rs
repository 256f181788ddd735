//! What `hec scopes` prints: one scope per line (text and `-o ids`), or with `-o json` the API's
//! `responseData` as one JSON line (for one profile of `--all-profiles`, an object
//! `{"scopes": [...]}` that gains its `"profile"` field when printed).

use serde_json::json;

use crate::output::json as json_out;
use crate::output::report::Report;
use crate::output::text::joined;

/// The scopes in the output mode: `None` (nothing printed) for text without scopes.
pub(crate) fn printed(scopes: &[String], report: Report) -> Option<String> {
    if report.json() && report.profile.is_some() {
        Some(json!({ "scopes": json_line_value(scopes) }).to_string())
    } else if report.json() {
        Some(json_line(scopes))
    } else {
        (!scopes.is_empty()).then(|| text(scopes))
    }
}

/// One scope per line, each escaped (they come from the server).
fn text(scopes: &[String]) -> String {
    joined(scopes.iter().map(String::as_str), "\n")
}

/// The scopes as one JSON array (without the run's secrets), on one line.
fn json_line(scopes: &[String]) -> String {
    json_line_value(scopes).to_string()
}

/// The scopes as a JSON array, without the run's secrets.
fn json_line_value(scopes: &[String]) -> serde_json::Value {
    json_out::texts(scopes.iter().map(String::as_str))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes_are_one_per_line_or_one_json_array() {
        let scopes = ["mt-prod-3:prod-3-con-lab44".to_owned(), "a:b\u{1b}".to_owned()];
        assert_eq!(text(&scopes), "mt-prod-3:prod-3-con-lab44\na:b\\u{1b}");
        assert_eq!(json_line(&scopes), r#"["mt-prod-3:prod-3-con-lab44","a:b\u001b"]"#);
    }
}
