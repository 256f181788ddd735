//! A security-tool exception as `hec` prints it: a line of `hec tool-exception list` (its key,
//! comment, link condition, author and time; tab-separated, as pages arrive), the whole view of
//! `hec tool-exception get`, its JSON as sent, or its key. Every value the server sent is
//! escaped.

use hec_proto::model::{RawJson, ToolException};

use crate::output::escape::field;
use crate::output::found::Found;
use crate::output::text::{View, or_dash, time_to_second};

/// The columns of a list line: key, comment, condition, created by, inserted.
fn cells(exception: &ToolException) -> [String; 5] {
    [
        or_dash(exception.exception_str.as_deref()).into_owned(),
        or_dash(exception.comment.as_deref()).into_owned(),
        or_dash(exception.condition.as_deref()).into_owned(),
        or_dash(exception.created_by_email.as_deref()).into_owned(),
        time_to_second(exception.inserted.as_ref()),
    ]
}

/// The view of `hec tool-exception get`:
///
/// ```text
/// tool exception 9e107d9d372bb6826bd81d3542a419d6
///   kind        mock-farm:demo-tenant:checkpoint2:hash
///   comment     Signed invoice macro
///   condition   -
///   created by  soc-admin@acme.example
///   inserted    2026-01-01T08:00:00Z
/// ```
pub(crate) fn view(exception: &ToolException) -> String {
    let key = or_dash(exception.exception_str.as_deref());
    let mut view = View::new(&format!("tool exception {key}"), 11);
    view.field("kind", &or_dash(exception.farm_customer_exception_type.as_deref()));
    view.field("comment", &or_dash(exception.comment.as_deref()));
    view.field("condition", &or_dash(exception.condition.as_deref()));
    view.field("created by", &or_dash(exception.created_by_email.as_deref()));
    view.field("inserted", &time_to_second(exception.inserted.as_ref()));
    view.into_text()
}

impl Found for ToolException {
    /// The key (`exception_str`): what `get`, `update` and `delete` take. Its control
    /// characters are escaped (a key never holds one), so that one key is always one line.
    fn id(&self) -> Option<String> {
        self.exception_str.as_deref().map(|key| field(key).into_owned())
    }

    fn raw(&self) -> &RawJson {
        ToolException::raw(self)
    }

    fn line(&self) -> String {
        cells(self).join("\t")
    }

    fn view(&self) -> String {
        view(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exception(json: &str) -> ToolException {
        serde_json::from_str(json).expect("a tool exception")
    }

    const URL: &str = r#"{"comment": "landing\tpage", "created_by_email": "soc-admin@acme.example",
        "exception_payload": {"condition": "with_link"}, "exception_str": "https://evil.example/a?b=1",
        "farm_customer_exception_type": "mock-farm:demo-tenant:avanan_url:block-url",
        "insert_time": "2026-01-01T08:00:00.25Z"}"#;

    #[test]
    fn a_line_has_five_tab_separated_columns() {
        assert_eq!(
            exception(URL).line(),
            "https://evil.example/a?b=1\tlanding\\tpage\twith_link\tsoc-admin@acme.example\t2026-01-01T08:00:00Z"
        );
        assert_eq!(exception("{}").line(), "-\t-\t-\t-\t-");
    }

    #[test]
    fn a_key_is_one_line_of_ids_whatever_the_service_sent() {
        let forged = exception(r#"{"exception_str": "a.example\nevil.example"}"#);
        assert_eq!(forged.id().as_deref(), Some("a.example\\nevil.example"));
    }

    #[test]
    fn the_view_names_the_key_and_its_kind() {
        assert_eq!(
            view(&exception(URL)),
            "tool exception https://evil.example/a?b=1\n\
             \x20 kind        mock-farm:demo-tenant:avanan_url:block-url\n\
             \x20 comment     landing\\tpage\n\
             \x20 condition   with_link\n\
             \x20 created by  soc-admin@acme.example\n\
             \x20 inserted    2026-01-01T08:00:00Z\n"
        );
    }
}
