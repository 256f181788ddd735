//! What `--all-profiles` prints: each result line marked with the profile it came from. Text
//! lines start with the profile's name and a tab; `-o ids` lines are `PROFILE<TAB>ID`; a JSON
//! object gains a first field `"profile"` (its other fields exactly as they were).

use serde_json::Value;

use crate::output::report::Output;

/// `text` (one or more lines) marked with `profile` for `output`.
pub(crate) fn tagged(profile: &str, text: &str, output: Output) -> String {
    let body = text.strip_suffix('\n').unwrap_or(text);
    let lines = body.split('\n').map(|line| match output {
        Output::Json => json_line(profile, line),
        Output::Text | Output::Ids => format!("{profile}\t{line}"),
    });
    lines.collect::<Vec<_>>().join("\n")
}

/// A JSON object line with `"profile"` as its first field; any other line as it is.
fn json_line(profile: &str, line: &str) -> String {
    let Some(rest) = line.trim_start().strip_prefix('{') else { return line.to_owned() };
    let name = Value::from(profile).to_string();
    if rest.trim_start().starts_with('}') {
        format!("{{\"profile\":{name}{}", rest.trim_start())
    } else {
        format!("{{\"profile\":{name},{rest}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_output_is_marked_with_the_profile() {
        assert_eq!(tagged("acme", "1\tfirst\n2\tsecond\n", Output::Text), "acme\t1\tfirst\nacme\t2\tsecond");
        assert_eq!(tagged("acme", "e1", Output::Ids), "acme\te1");
        assert_eq!(
            tagged("acme", r#"{"entityInfo":{"entityId":"e1"},"n":1.50}"#, Output::Json),
            r#"{"profile":"acme","entityInfo":{"entityId":"e1"},"n":1.50}"#
        );
        assert_eq!(tagged("acme", "{}", Output::Json), r#"{"profile":"acme"}"#);
    }
}
