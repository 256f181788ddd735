//! Error messages: what a person reads, and what never appears in it.

use std::time::Duration;

use hec_proto::endpoint::{Endpoint, GetTask, parse_task_response, parse_token_response};
use hec_proto::{Error, RequestId, ResponseError, ResponseErrorKind, TransportError, TransportErrorKind};

fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::new(body.as_bytes().to_vec());
    *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
    response
}

#[test]
fn a_logical_failure_names_code_text_and_request_id() {
    let body = r#"{"responseEnvelope":{"requestId":"r-1","responseCode":400,"responseText":"Bad request"},"responseData":[]}"#;
    let error = parse_task_response(&response(200, body), Some("sent-1")).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::ApiError);
    assert_eq!(
        error.to_string(),
        r#"the API reported a failure (HTTP 200, responseCode 400, "Bad request", request id r-1)"#
    );
}

#[test]
fn an_unknown_task_is_task_not_found_with_its_id_and_a_hint() {
    let body = r#"{"responseEnvelope":{"requestId":"r-1","responseCode":422,"responseText":"Task not found"},"responseData":[]}"#;
    let call = GetTask::new("42".parse().unwrap());
    let error = call.parse(&response(200, body), RequestId::new()).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::TaskNotFound);
    assert_eq!(error.kind().as_str(), "task_not_found");
    assert_eq!(
        error.to_string(),
        r#"task 42 not found (HTTP 200, responseCode 422, "Task not found", request id r-1); check the id, and that the API key belongs to the tenant and region where the action ran"#
    );
    // The same from an HTTP 404 that carries the envelope, with the data before the envelope.
    let body = r#"{"responseData":[],"responseEnvelope":{"responseCode":404}}"#;
    assert_eq!(
        call.parse(&response(404, body), RequestId::new()).unwrap_err().kind(),
        ResponseErrorKind::TaskNotFound
    );
    let body = r#"{"responseData":[],"responseEnvelope":{"responseCode":422}}"#;
    assert_eq!(
        call.parse(&response(200, body), RequestId::new()).unwrap_err().kind(),
        ResponseErrorKind::TaskNotFound
    );
    // Without the id, from the plain parser.
    let error = parse_task_response(&response(200, body), None).unwrap_err();
    assert!(error.to_string().starts_with("task not found (HTTP 200, responseCode 422"), "{error}");
}

#[test]
fn a_404_without_the_envelope_is_not_found_a_path_the_gateway_does_not_know() {
    let error = parse_task_response(&response(404, r#"{"message":"Not Found"}"#), None).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::NotFound);
    let error = parse_task_response(&response(404, "<html>404</html>"), None).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::NotFound);
}

#[test]
fn an_html_error_page_is_excerpted_with_the_sent_request_id() {
    let error = parse_task_response(&response(502, "<html><h1>502 Bad Gateway</h1></html>"), Some("sent-1"))
        .unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::ServerError);
    assert_eq!(
        error.to_string(),
        "server error (HTTP 502, request id sent-1, body: <html><h1>502 Bad Gateway</h1></html>)"
    );
}

#[test]
fn a_malformed_field_is_named_by_its_path() {
    let body = r#"{"responseEnvelope":{"responseCode":200},"responseData":{"id":1,"total":"three"}}"#;
    let error = parse_task_response(&response(200, body), None).unwrap_err();
    match &error {
        hec_proto::ResponseError::Malformed { path, reason, .. } => {
            assert_eq!(path, "responseData.total");
            assert_eq!(
                reason,
                "invalid value: string \"three\", expected a whole number (an integer, a whole-number float or a numeric string)"
            );
        }
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn trailing_bytes_after_the_json_are_malformed() {
    let body = r#"{"responseEnvelope":{"responseCode":200},"responseData":{"id":1}} trailing"#;
    let error = parse_task_response(&response(200, body), None).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::Malformed);
}

#[test]
fn more_than_one_task_in_response_data_is_malformed() {
    let body = r#"{"responseEnvelope":{"responseCode":200},"responseData":[{"id":1},{"id":2}]}"#;
    let error = parse_task_response(&response(200, body), None).unwrap_err();
    assert!(error.to_string().contains("more than one task"), "{error}");
}

#[test]
fn an_empty_object_is_not_a_task() {
    assert_eq!(
        parse_task_response(&response(200, "{}"), None).unwrap_err().kind(),
        ResponseErrorKind::Malformed
    );
}

#[test]
fn a_malformed_token_answer_never_shows_the_token() {
    let body = r#"{"success":true,"data":{"token":"tok-secret-5","expiresIn":"soon"}}"#;
    let error = parse_token_response(&response(200, body), std::time::SystemTime::UNIX_EPOCH).unwrap_err();
    assert_eq!(error.kind(), ResponseErrorKind::Malformed);
    let printed = format!("{error} {error:?}");
    assert!(!printed.contains("tok-secret-5"), "{printed}");
    assert!(printed.contains("[redacted]"), "{printed}");
}

/// The error a token answer holding `token` (as JSON text) gets.
fn token_answer(token_json: &str) -> Result<hec_proto::endpoint::TokenGrant, ResponseError> {
    let body = format!(r#"{{"success":true,"data":{{"token":{token_json},"expiresIn":1800}}}}"#);
    parse_token_response(&response(200, &body), std::time::SystemTime::UNIX_EPOCH)
}

#[test]
fn a_token_shorter_than_the_minimum_cannot_be_issued() {
    for token in [r#""\"""#, r#""0""#, r#""e""#, r#""tok-0123456789a""#] {
        let error = token_answer(token).unwrap_err();
        assert_eq!(error.kind(), ResponseErrorKind::Malformed, "{token}");
        let chars = match serde_json::from_str::<String>(token).unwrap().chars().count() {
            1 => "1 character".to_owned(),
            n => format!("{n} characters"),
        };
        assert_eq!(
            error.to_string(),
            format!(
                "malformed response at data.token: the token has {chars}, fewer than the 16 a token has at least (HTTP 200, body: {{\"data\":{{\"expiresIn\":1800,\"token\":\"[redacted]\"}},\"success\":true}})"
            )
        );
    }
    assert_eq!(hec_proto::endpoint::MIN_TOKEN_CHARS, 16);
    let shortest = token_answer(r#""tok-0123456789ab""#).unwrap();
    assert_eq!(shortest.token.secret(), "tok-0123456789ab");
}

#[test]
fn a_token_with_a_character_no_bearer_token_holds_is_a_malformed_answer() {
    for (token, at) in [
        (r#""tok-0123456789abcdé""#, 19),
        (r#""tok 0123456789abcdef""#, 4),
        (r#""tok-0123456789abcdef\"""#, 21),
        (r#""tok-0123456789abcdef\n""#, 21),
        (r#""tok-0123456789:bcdef""#, 15),
    ] {
        let error = token_answer(token).unwrap_err();
        assert_eq!(error.kind(), ResponseErrorKind::Malformed, "{token}");
        let ResponseError::Malformed { path, reason, .. } = &error else {
            unreachable!("the kind is malformed")
        };
        assert_eq!(path, "data.token");
        assert_eq!(
            reason,
            &format!(
                "the token's character {at} is not one a bearer token holds (letters, digits, -._~+/ and =)"
            )
        );
        assert!(!format!("{error} {error:?}").contains("0123456789"), "{error:?}");
    }
    let b64token = token_answer(r#""eyJ0eXAi.tok/en+1_~-==""#).unwrap();
    assert_eq!(b64token.token.secret(), "eyJ0eXAi.tok/en+1_~-==");
}

#[test]
fn a_wait_timeout_says_how_many_polls_were_sent() {
    let timed_out = |polls| hec_proto::Error::WaitTimedOut {
        last_task: None,
        elapsed: std::time::Duration::from_secs(5),
        polls,
    };
    assert_eq!(timed_out(1).to_string(), "the task did not finish within 5.0s (1 poll; last status: none)");
    assert_eq!(timed_out(0).to_string(), "the task did not finish within 5.0s (0 polls; last status: none)");
    assert_eq!(timed_out(3).to_string(), "the task did not finish within 5.0s (3 polls; last status: none)");
}

#[test]
fn response_transport_and_driver_errors_name_their_kind_one_way() {
    let not_found = parse_task_response(&response(404, r#"{"message":"Not Found"}"#), None).unwrap_err();
    assert_eq!(not_found.kind_name(), "not_found", "a 404's ResponseError kind name");
    assert_eq!(not_found.kind_name(), not_found.kind().as_str(), "kind_name is the kind's as_str");
    let refused = TransportError::new(TransportErrorKind::Connect, "refused");
    assert_eq!(refused.kind_name(), "connect", "a refused connection's TransportError kind name");
    let wrapped = [
        (Error::Response(not_found.clone()), "not_found"),
        (Error::Transport(refused.clone()), "connect"),
        (
            Error::GaveUp {
                attempts: 3,
                elapsed: Duration::from_secs(1),
                deadline_reached: false,
                last: Box::new(Error::Response(not_found)),
            },
            "not_found",
        ),
        (Error::ActionOutcomeUnknown { last: Box::new(Error::Transport(refused)) }, "connect"),
    ];
    for (error, expected) in wrapped {
        assert_eq!(error.kind_name(), expected, "the kind name of {error:?}");
    }
}
