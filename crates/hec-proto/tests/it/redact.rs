//! `Error::redacted`: every text the server sent, in every error variant, loses the secrets a
//! client holds; nothing else changes.

use std::time::Duration;

use crate::support::{response, wall0};
use hec_proto::endpoint::{parse_task_response, parse_token_response};
use hec_proto::redact::Secrets;
use hec_proto::{
    Error, ResponseError, ResponseErrorKind, Task, TaskStatus, TransportError, TransportErrorKind,
};

const TOKEN: &str = "eyJ0eXAi.tok/en+1==";
const KEY: &str = "access-key-9f8e7d";

fn secrets() -> Secrets {
    let mut secrets = Secrets::new();
    secrets.add(KEY);
    secrets.add_token(&hec_proto::AccessToken::new(TOKEN));
    secrets
}

/// Display and Debug of `error` after redaction: neither holds a spelling of the secrets.
fn printed(error: Error) -> (String, String) {
    let error = error.redacted(&secrets());
    let (display, debug) = (error.to_string(), format!("{error:?}"));
    for text in [&display, &debug] {
        for spelling in [TOKEN, r"eyJ0eXAi.tok\/en+1==", "eyJ0eXAi.tok%2Fen%2B1%3D%3D", KEY] {
            assert!(!text.contains(spelling), "{spelling:?} in {text}");
        }
    }
    (display, debug)
}

fn task_error(status: u16, headers: &[(&str, &str)], body: &str) -> Error {
    Error::Response(parse_task_response(&response(status, headers, body), Some("sent-1")).unwrap_err())
}

#[test]
fn an_envelopes_texts_and_request_id_are_redacted() {
    let body = format!(
        r#"{{"responseEnvelope":{{"requestId":"{TOKEN}","responseCode":422,"responseText":"key {KEY} expired",
            "additionalText":"Bearer {TOKEN}"}},"responseData":[]}}"#
    );
    let (display, _) = printed(task_error(200, &[], &body));
    assert_eq!(
        display,
        r#"task not found (HTTP 200, responseCode 422, "key [redacted] expired", "Bearer [redacted]", request id [redacted]); check the id, and that the API key belongs to the tenant and region where the action ran"#
    );
}

#[test]
fn a_body_excerpt_is_redacted_whatever_the_key_and_escaping() {
    let body = format!(r#"{{"seen":"Bearer eyJ0eXAi.tok\/en+1==","echo":"{TOKEN}"}}"#);
    let (display, _) = printed(task_error(500, &[], &body));
    assert_eq!(
        display,
        r#"server error (HTTP 500, request id sent-1, body: {"seen":"Bearer [redacted]","echo":"[redacted]"})"#
    );
}

#[test]
fn a_token_cut_by_the_excerpts_end_is_redacted() {
    // 193 characters before the token: the excerpt's 200 end 7 characters into it.
    let body = format!("{}Bearer {TOKEN}", "x".repeat(186));
    let (display, _) = printed(task_error(502, &[], &body));
    assert!(display.ends_with(&format!(" body: {}Bearer [redacted]…)", "x".repeat(186))), "{display}");
}

#[test]
fn a_malformed_fields_reason_is_redacted() {
    let body =
        format!(r#"{{"responseEnvelope":{{"responseCode":200}},"responseData":{{"id":1,"total":"{KEY}"}}}}"#);
    let (display, _) = printed(task_error(200, &[], &body));
    assert!(
        display.starts_with(
            r#"malformed response at responseData.total: invalid value: string "[redacted]", expected a whole number (an integer, a whole-number float or a numeric string)"#
        ),
        "{display}"
    );
}

#[test]
fn a_redirects_location_is_redacted() {
    let error =
        task_error(302, &[("location", "https://elsewhere.example/?t=eyJ0eXAi.tok%2Fen%2B1%3D%3D")], "");
    let (display, _) = printed(error);
    assert!(
        display.starts_with("the gateway redirected to https://elsewhere.example/?t=[redacted] and"),
        "{display}"
    );
}

#[test]
fn a_refused_key_echoed_by_the_token_endpoint_is_redacted() {
    let error = parse_token_response(&response(401, &[], &format!("access-key {KEY} is not valid")), wall0())
        .unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::BadCredentials);
    let (_, debug) = printed(Error::Response(error));
    assert!(debug.contains(r#"excerpt: "access-key [redacted] is not valid""#), "{debug}");
}

#[test]
fn a_transport_and_a_configuration_message_are_redacted() {
    let transport =
        Error::Transport(TransportError::new(TransportErrorKind::Other, format!("proxy echoed {TOKEN}")));
    assert_eq!(printed(transport).0, "other error: proxy echoed [redacted]");
    assert_eq!(
        printed(Error::Config(hec_proto::ConfigError::HttpClient(format!("bad key {KEY}")))).0,
        "invalid configuration: the HTTP client cannot be built: bad key [redacted]"
    );
}

#[test]
fn the_last_failure_behind_giving_up_is_redacted() {
    let last = task_error(503, &[], &format!(r#"{{"seen":"{TOKEN}"}}"#));
    let gave_up = Error::GaveUp {
        attempts: 4,
        elapsed: Duration::from_secs(3),
        deadline_reached: false,
        last: Box::new(last),
    };
    let (display, _) = printed(gave_up);
    assert_eq!(
        display,
        r#"gave up after 4 attempts in 3.0s: server error (HTTP 503, request id sent-1, body: {"seen":"[redacted]"})"#
    );
}

#[test]
fn a_timed_out_waits_last_task_keeps_its_fields_with_the_secret_redacted() {
    let task: Task = serde_json::from_str(&format!(
        r#"{{"id":7,"name":"echo {TOKEN}","status":"inprogress","progress":1,"newField":"{KEY}"}}"#
    ))
    .unwrap();
    let timed_out =
        Error::WaitTimedOut { last_task: Some(Box::new(task)), elapsed: Duration::from_secs(5), polls: 3 };
    let Error::WaitTimedOut { last_task: Some(task), polls: 3, .. } = timed_out.redacted(&secrets()) else {
        panic!("the variant and its counts are kept");
    };
    assert_eq!(task.name.as_deref(), Some("echo [redacted]"));
    assert_eq!((task.status.clone(), task.progress), (Some(TaskStatus::InProgress), Some(1)));
    assert_eq!(
        task.raw().get(),
        r#"{"id":7,"name":"echo [redacted]","status":"inprogress","progress":1,"newField":"[redacted]"}"#
    );
    assert_eq!(task.id.map(|id| id.to_string()), Some("7".to_owned()));
}

#[test]
fn an_error_without_a_secret_is_unchanged() {
    let error = task_error(404, &[], r#"{"message":"no such task"}"#);
    assert_eq!(error.clone().redacted(&secrets()), error);
    let error = ResponseError::NotFound(match error {
        Error::Response(ResponseError::NotFound(detail)) => detail,
        other => panic!("{other:?}"),
    });
    assert_eq!(error.clone().redacted(&secrets()), error);
}

#[test]
fn an_action_whose_outcome_is_unknown_has_its_last_failure_redacted() {
    let last = task_error(500, &[], &format!(r#"{{"seen":"Bearer {TOKEN}"}}"#));
    let unknown = Error::ActionOutcomeUnknown { last: Box::new(last) };
    let Error::ActionOutcomeUnknown { last } = unknown.redacted(&secrets()) else {
        panic!("the variant is kept");
    };
    assert_eq!(
        last.to_string(),
        r#"server error (HTTP 500, request id sent-1, body: {"seen":"Bearer [redacted]"})"#
    );
}

#[test]
fn a_transport_error_keeps_its_kind_host_and_source() {
    let io = std::io::Error::new(std::io::ErrorKind::ConnectionRefused, "refused");
    let error = TransportError::new(TransportErrorKind::Connect, format!("proxy said {KEY}"))
        .with_source(io)
        .at_host("gw.example.com:8443");
    let Error::Transport(redacted) = Error::Transport(error).redacted(&secrets()) else {
        panic!("the variant is kept");
    };
    assert_eq!(redacted.to_string(), "connect error: gw.example.com:8443: proxy said [redacted]");
    assert_eq!(redacted.kind(), TransportErrorKind::Connect);
    let source = std::error::Error::source(&redacted).expect("the source is kept");
    assert_eq!(source.to_string(), "refused");
}

/// A redactor holding a user's short access key (the auth endpoint never issues a short token).
fn short_key(key: &str) -> Secrets {
    let mut secrets = Secrets::new();
    secrets.add(key);
    secrets
}

#[test]
fn an_id_holding_a_short_keys_digits_is_printed_intact() {
    let secrets = short_key("4242");
    let entity = r#"{"entityId":"a4242b","id":"42424242","ref":"x-4242","seen":"4242","n":4242}"#;
    assert_eq!(
        secrets.redact(entity),
        r#"{"entityId":"a4242b","id":"42424242","ref":"x-4242","seen":"[redacted]","n":[redacted]}"#
    );
}

#[test]
fn a_one_letter_key_leaves_words_json_and_messages_as_they_are() {
    let secrets = short_key("e");
    for text in [
        r#"{"status":"completed","name":"release mail"}"#,
        "the task did not finish within 5.0s (3 polls; last status: inprogress)",
        "",
    ] {
        assert_eq!(secrets.redact(text), text);
    }
    let error = Error::Config(hec_proto::ConfigError::HttpClient("the key e was refused".to_owned()))
        .redacted(&secrets);
    assert_eq!(
        error.to_string(),
        "invalid configuration: the HTTP client cannot be built: the key [redacted] was refused"
    );
}

#[test]
fn a_short_keys_base64_is_redacted_where_it_stands_whole() {
    // "4242" is "NDI0Mg==" in base64 (both alphabets agree on it).
    let secrets = short_key("4242");
    let error = task_error(500, &[], r#"{"basic":"NDI0Mg==","unpadded":"NDI0Mg","longer":"NDI0MgXY"}"#);
    let printed = error.redacted(&secrets).to_string();
    assert!(
        printed.ends_with(r#"body: {"basic":"[redacted]","unpadded":"[redacted]","longer":"NDI0MgXY"})"#),
        "{printed}"
    );
}

#[test]
fn the_key_and_a_token_echoed_in_base64_are_redacted() {
    // TOKEN and KEY in standard base64 with padding, and in URL-safe base64 without.
    let body = r#"{"a":"ZXlKMGVYQWkudG9rL2VuKzE9PQ==","b":"ZXlKMGVYQWkudG9rL2VuKzE9PQ","c":"YWNjZXNzLWtleS05ZjhlN2Q=","d":"YWNjZXNzLWtleS05ZjhlN2Q"}"#;
    let (display, _) = printed(task_error(500, &[], body));
    assert_eq!(
        display,
        r#"server error (HTTP 500, request id sent-1, body: {"a":"[redacted]","b":"[redacted]","c":"[redacted]","d":"[redacted]"})"#
    );
}
