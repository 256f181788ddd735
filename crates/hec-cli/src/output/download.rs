//! What `hec entity download` prints once the message is in its file: text
//! `wrote ID.eml (12345 bytes)`, a JSON object (`entityId`, `file`, `bytes`, `original`), or the
//! entity id. (With `-` the message itself is stdout, and nothing else is printed there.)

use std::path::Path;

use hec_proto::EntityId;
use serde_json::json;

use crate::output::escape::field;
use crate::output::report::Report;

/// The line of a written download in the chosen output.
pub(crate) fn line(id: &EntityId, file: &Path, bytes: u64, original: bool, report: Report) -> String {
    let name = file.to_string_lossy();
    if report.json() {
        json!({ "entityId": id.as_str(), "file": name, "bytes": bytes, "original": original }).to_string()
    } else if report.ids() {
        id.to_string()
    } else {
        format!("wrote {} ({bytes} bytes)", field(&name))
    }
}

/// Prints [`line()`].
pub(crate) fn print(id: &EntityId, file: &Path, bytes: u64, original: bool, report: Report) {
    report.print(&line(id, file, bytes, original, report));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::report::Output;

    fn line_in(output: Output, file: &str) -> String {
        let id: EntityId = "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e".parse().expect("an id");
        line(&id, Path::new(file), 2048, true, Report { output, quiet: false, profile: None })
    }

    #[test]
    fn each_output_names_the_file_or_the_entity() {
        assert_eq!(line_in(Output::Text, "mail/m.eml"), "wrote mail/m.eml (2048 bytes)");
        assert_eq!(line_in(Output::Text, "m\n.eml"), "wrote m\\n.eml (2048 bytes)");
        let json: serde_json::Value = serde_json::from_str(&line_in(Output::Json, "m.eml")).expect("JSON");
        assert_eq!(
            json,
            json!({"entityId": "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e", "file": "m.eml", "bytes": 2048, "original": true})
        );
        assert_eq!(line_in(Output::Ids, "m.eml"), "0f3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e");
    }
}
