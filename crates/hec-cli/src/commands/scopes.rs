//! `hec scopes`: the scopes (`farm:customer`) the credentials reach, as `GET /scopes` lists them.

use serde_json::Value;

use crate::connection::Connection;
use crate::failure::Failure;
use crate::output::escape;
use crate::output::exit::Exit;
use crate::output::report::Report;

/// Prints the scopes: one per line (text and `-o ids`), or with `-o json` the API's
/// `responseData` as one JSON line.
pub(crate) fn list(connection: &Connection, report: Report) -> Exit {
    match connection.client.scopes() {
        Ok(scopes) => {
            if report.json() {
                report.print(&json_line(&scopes));
            } else if !scopes.is_empty() {
                report.print(&text(&scopes));
            }
            Exit::Success
        }
        Err(error) => {
            let failure = Failure::from(error);
            report.failure(&failure, None);
            failure.exit()
        }
    }
}

/// One scope per line, each escaped (they come from the server).
fn text(scopes: &[String]) -> String {
    scopes.iter().map(|scope| escape::field(scope).into_owned()).collect::<Vec<_>>().join("\n")
}

/// The scopes as one JSON array, on one line.
pub(crate) fn json_line(scopes: &[String]) -> String {
    Value::from(scopes.to_vec()).to_string()
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
