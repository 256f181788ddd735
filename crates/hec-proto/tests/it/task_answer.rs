//! The task answer's shapes and what the task keeps of them: the raw text of the object as sent,
//! in every shape, and the paths of what does not fit.

use hec_proto::endpoint::parse_task_response;
use hec_proto::{ResponseError, ResponseErrorKind};

fn parse(body: &str) -> Result<hec_proto::endpoint::TaskResponse, ResponseError> {
    parse_task_response(&http::Response::new(body.as_bytes().to_vec()), None)
}

fn malformed_path(body: &str) -> (String, String) {
    match parse(body) {
        Err(ResponseError::Malformed { path, reason, .. }) => (path, reason),
        other => panic!("expected Malformed, got {other:?}"),
    }
}

#[test]
fn a_bare_task_keeps_the_whole_body_as_its_raw_text() {
    let body = r#"{"id": "1691529376887109", "status": "completed", "owner": null, "sequential": "false"}"#;
    let answer = parse(&format!("  {body}\n")).expect("a bare task");
    assert_eq!(answer.envelope, None);
    assert_eq!(answer.task.raw().get(), body);
    assert_eq!(serde_json::to_string(&answer.task).expect("serializes"), body);
}

#[test]
fn an_enveloped_task_keeps_the_text_of_its_data() {
    let data = r#"{"id":7000000000000007, "status":"inprogress", "progress":1.0, "later":{"a":[1,2]}}"#;
    let answer = parse(&format!(r#"{{"responseEnvelope":{{"responseCode":200}},"responseData":{data}}}"#))
        .expect("a task");
    assert_eq!(answer.task.raw().get(), data);
    assert_eq!(answer.task.progress, Some(1));
}

#[test]
fn a_one_element_array_keeps_the_text_of_its_element() {
    let data = r#"{"status":"init","id":"abc"}"#;
    let answer = parse(&format!(r#"{{"responseData":[ {data} ],"responseEnvelope":{{"responseCode":0}}}}"#))
        .expect("a task");
    assert_eq!(answer.task.raw().get(), data);
}

#[test]
fn a_bad_field_inside_an_array_element_is_named_by_its_full_path() {
    let (path, reason) = malformed_path(
        r#"{"responseEnvelope":{"responseCode":200},"responseData":[{"id":1,"actions":[{"action_status":5}]}]}"#,
    );
    assert_eq!(path, "responseData[0].actions[0].action_status");
    assert!(!reason.contains("line 1"), "no position inside the element: {reason}");
}

#[test]
fn a_bad_field_of_a_bare_task_is_named_by_its_path() {
    assert_eq!(malformed_path(r#"{"id":1,"total":-3}"#).0, "total");
}

#[test]
fn two_tasks_in_the_data_are_malformed() {
    let (path, reason) = malformed_path(r#"{"responseData":[{"id":1},{"id":2}]}"#);
    assert_eq!(path, "responseData");
    assert!(reason.starts_with("responseData holds more than one task"), "{reason}");
}

#[test]
fn data_that_is_not_an_object_or_an_array_is_malformed() {
    let (path, reason) = malformed_path(r#"{"responseData":"done"}"#);
    assert_eq!(
        (path.as_str(), reason.as_str()),
        ("responseData", "expected a task object or an array holding one task")
    );
}

#[test]
fn unknown_fields_of_any_size_are_skipped_outside_the_task_and_kept_inside_it() {
    let zeros = format!("[{}0]", "0,".repeat(100_000));
    let data = format!(r#"{{"id":1,"status":"completed","unknown":{zeros}}}"#);
    let body = format!(
        r#"{{"responseEnvelope":{{"responseCode":200,"extra":{zeros}}},"top":{zeros},"responseData":{data}}}"#
    );
    let answer = parse(&body).expect("a task");
    assert_eq!(answer.task.raw().get(), data);
    assert_eq!(answer.envelope.and_then(|e| e.response_code), Some(200));
}

#[test]
fn a_response_code_as_a_numeric_string_decides_success() {
    let error = parse(r#"{"responseEnvelope":{"responseCode":"400"},"responseData":[]}"#).unwrap_err();
    assert_eq!((error.kind(), error.detail().response_code), (ResponseErrorKind::ApiError, Some(400)));
}

#[test]
fn counts_as_whole_floats_or_numeric_strings_are_read_and_fractions_are_not() {
    let answer =
        parse(r#"{"id":1,"status":"inprogress","progress":"2","total":3.0,"succeed":" 1 ","failed":0}"#)
            .expect("a task");
    let task = answer.task;
    assert_eq!((task.progress, task.total, task.succeed, task.failed), (Some(2), Some(3), Some(1), Some(0)));
    for bad in [r#""1.5""#, "1.5", r#""two""#, "-1", r#""NaN""#, "1e400"] {
        let (path, _) = malformed_path(&format!(r#"{{"id":1,"progress":{bad}}}"#));
        assert_eq!(path, "progress", "{bad}");
    }
}
