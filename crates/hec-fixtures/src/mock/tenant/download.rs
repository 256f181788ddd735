//! `GET /download/entity/{id}?original=true|false`: the e-mail as a raw RFC 822 message
//! (docs/HEC-API.md part 2, section 4).
//!
//! The answer is the message's bytes, not JSON: `Content-Type: message/rfc822`,
//! `Content-Disposition: attachment; filename="<id>.eml"`, CRLF line ends. `original=true`
//! gives the message as it arrived; `original=false` (the default) the copy the service keeps,
//! which has one more header first (`X-CLOUD-SEC-AV-Info`), as the service adds its own headers.
//! The message is made from the entity as the tenant holds it (sender, recipients, subject,
//! date, message id, links in the text, each attachment as a base64 part), so the same mail
//! always downloads byte for byte the same. An entity the tenant does not have, or an id of the
//! wrong form, gets 404 `{"message": "Entity not found"}`; an `original` other than
//! `true` / `false` (any case) or `1` / `0`, 400 `{"message": ...}`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use bytes::Bytes;
use http::header::CONTENT_DISPOSITION;
use http::{HeaderValue, Response, StatusCode};
use serde_json::Value;

use super::Records;
use crate::mock::{answer, api};

/// The header the kept copy has and the original has not.
pub(crate) const ADDED_HEADER: &str = "X-CLOUD-SEC-AV-Info";

/// Answers `GET /download/entity/{id}` with its query string.
pub(super) fn download(records: &Records, id: &str, query: Option<&str>) -> Response<Bytes> {
    let original = match original(query) {
        Ok(original) => original,
        Err(why) => return answer::message(StatusCode::BAD_REQUEST, &why),
    };
    let Some(mail) = api::is_id(id).then(|| records.mail(id)).flatten() else {
        return answer::message(StatusCode::NOT_FOUND, "Entity not found");
    };
    let mut response = answer::with_type(StatusCode::OK, "message/rfc822", message(mail, original));
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{id}.eml\"")) {
        response.headers_mut().insert(CONTENT_DISPOSITION, disposition);
    }
    response
}

/// The `original` parameter of a query string (default false).
fn original(query: Option<&str>) -> Result<bool, String> {
    let value = query
        .into_iter()
        .flat_map(|query| query.split('&'))
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .filter(|(name, _)| *name == "original")
        .map(|(_, value)| value)
        .next_back();
    match value {
        None => Ok(false),
        Some(value) if value.eq_ignore_ascii_case("true") || value == "1" => Ok(true),
        Some(value) if value.eq_ignore_ascii_case("false") || value == "0" => Ok(false),
        Some(value) => Err(format!("original must be true or false, not {:?}", api::clip(value))),
    }
}

/// The message of `mail`: the original, or the copy with the service's header.
pub(crate) fn message(mail: &Value, original: bool) -> Vec<u8> {
    let info = &mail["entityInfo"];
    let payload = &mail["entityPayload"];
    let text = |value: &Value| value.as_str().unwrap_or_default().to_owned();
    let id = text(&info["entityId"]);
    let list = |value: &Value| {
        value.as_array().into_iter().flatten().filter_map(Value::as_str).collect::<Vec<_>>().join(", ")
    };
    let date = payload["received"]
        .as_str()
        .and_then(|received| received.parse::<jiff::Timestamp>().ok())
        .and_then(|at| jiff::fmt::rfc2822::DateTimePrinter::new().timestamp_to_string(&at).ok())
        .unwrap_or_default();
    let boundary = format!("=_mock_{}", &id[..id.len().min(16)]);
    let mut lines: Vec<String> = Vec::new();
    if !original {
        lines.push(format!("{ADDED_HEADER}: mock-farm,{},inline", text(&info["saas"])));
    }
    lines.push(format!(
        "Received: from mail.{domain} ([{ip}]) by mx.acme.example; {date}",
        domain = text(&payload["fromDomain"]),
        ip = text(&payload["senderServerIp"]),
    ));
    lines.push(format!("Message-ID: {}", text(&payload["internetMessageId"])));
    lines.push(format!("Date: {date}"));
    lines.push(format!("From: \"{}\" <{}>", text(&payload["fromName"]), text(&payload["fromEmail"])));
    lines.push(format!("To: {}", list(&payload["to"])));
    lines.push(format!("Subject: {}", text(&payload["subject"])));
    lines.push("MIME-Version: 1.0".to_owned());
    let attachments = payload["attachments"].as_array().cloned().unwrap_or_default();
    let mut body = vec!["Hello,".to_owned(), String::new(), text(&payload["subject"]).to_owned() + "."];
    for link in payload["emailLinks"].as_array().into_iter().flatten().filter_map(Value::as_str) {
        body.push(format!("See {link}"));
    }
    if attachments.is_empty() {
        lines.push("Content-Type: text/plain; charset=\"utf-8\"".to_owned());
        lines.push("Content-Transfer-Encoding: 7bit".to_owned());
        lines.push(String::new());
        lines.extend(body);
    } else {
        lines.push(format!("Content-Type: multipart/mixed; boundary=\"{boundary}\""));
        lines.push(String::new());
        lines.push(format!("--{boundary}"));
        lines.push("Content-Type: text/plain; charset=\"utf-8\"".to_owned());
        lines.push("Content-Transfer-Encoding: 7bit".to_owned());
        lines.push(String::new());
        lines.extend(body);
        for attachment in &attachments {
            let name = text(&attachment["name"]);
            lines.push(format!("--{boundary}"));
            lines.push(format!("Content-Type: {}; name=\"{name}\"", text(&attachment["mimetype"])));
            lines.push(format!("Content-Disposition: attachment; filename=\"{name}\""));
            lines.push("Content-Transfer-Encoding: base64".to_owned());
            lines.push(String::new());
            lines.push(STANDARD.encode(format!("mock attachment {name} of {id}")));
        }
        lines.push(format!("--{boundary}--"));
    }
    let mut message = lines.join("\r\n");
    message.push_str("\r\n");
    message.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn original_is_read_from_the_query_and_defaults_to_false() {
        assert_eq!(original(None), Ok(false));
        assert_eq!(original(Some("original=true")), Ok(true));
        assert_eq!(original(Some("a=1&original=True")), Ok(true));
        assert_eq!(original(Some("original=0")), Ok(false));
        assert_eq!(
            original(Some("original=maybe")),
            Err("original must be true or false, not \"maybe\"".to_owned())
        );
    }
}
