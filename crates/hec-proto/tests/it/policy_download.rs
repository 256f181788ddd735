//! `Download`: the .eml download's decisions on a virtual clock (nothing sleeps, nothing is
//! sent): a failure before the first byte is retried, one after it never; the legacy answer's
//! URL is followed once, without token refresh; the message and a JSON answer are bounded.

use std::time::Instant;

use crate::support::{response, transport, wall0};
use hec_proto::endpoint::{DOWNLOAD_PATH_TEMPLATE, DownloadAnswer, DownloadEntity};
use hec_proto::policy::{Call, Download, DownloadNext, DownloadTarget, Jitter, RetryPolicy};
use hec_proto::{AccessToken, ConfigError, Error, Region, RequestId, ResponseErrorKind, TransportErrorKind};

const ID: &str = "7e21aa0000000000000000000000c0de";
const URL: &str = "https://files.made-up.example/m.eml?sig=1";

/// The retry policy of the tests: a seeded jitter, so that the first backoff is known.
fn policy() -> RetryPolicy {
    RetryPolicy::default().with_jitter_seed(7)
}

/// A download of `ID` started at `t0`, its message allowed 100 bytes and a JSON answer 64.
fn download(t0: Instant) -> Download {
    Download::new(DownloadEntity::new(ID.parse().unwrap()), Call::new(&policy(), t0), 100, 64)
}

/// Feeds `outcome` back at `now`.
fn outcome(download: &mut Download, outcome: Result<(), Error>, now: Instant) -> DownloadNext {
    download.handle_outcome(outcome, now, wall0())
}

/// The legacy answer naming `URL`, read from the API: the next request goes there.
fn follow(download: &mut Download, now: Instant) {
    let legacy = response(200, &[], &format!(r#"{{"responseData": {{"url": "{URL}"}}}}"#));
    let read = download.handle_json(&legacy, RequestId::new());
    assert!(matches!(outcome(download, read, now), DownloadNext::Follow));
}

#[test]
fn a_failure_before_the_first_byte_is_retried_and_the_bytes_are_counted() {
    let t0 = Instant::now();
    let mut download = download(t0);
    let next = outcome(&mut download, Err(transport(TransportErrorKind::Connect)), t0);
    let first_backoff = policy().backoff(1, Jitter::from_seed(7).next_fraction());
    assert!(matches!(next, DownloadNext::Retry { after } if after == first_backoff), "{next:?}");
    assert_eq!(download.call().attempt(), 2);
    download.handle_chunk(60).unwrap();
    download.handle_chunk(40).unwrap();
    assert_eq!(download.written(), 100);
    assert!(matches!(outcome(&mut download, Ok(()), t0), DownloadNext::Done(100)));
}

#[test]
fn a_failure_after_the_first_byte_is_never_retried() {
    let t0 = Instant::now();
    let mut download = download(t0);
    download.handle_chunk(1).unwrap();
    let next = outcome(&mut download, Err(transport(TransportErrorKind::Interrupted)), t0);
    let DownloadNext::Fail(error) = next else { panic!("expected a failure, got {next:?}") };
    assert_eq!(error.transport_error().map(|e| e.kind()), Some(TransportErrorKind::Interrupted));
}

#[test]
fn a_401_from_the_api_refreshes_the_token_once() {
    let t0 = Instant::now();
    let mut download = download(t0);
    let refused =
        download.handle_json(&response(401, &[], r#"{"message": "Unauthorized"}"#), RequestId::new());
    assert!(matches!(outcome(&mut download, refused, t0), DownloadNext::RefreshToken));
    assert!(matches!(download.target(), DownloadTarget::Api(_)));
}

#[test]
fn the_legacy_url_is_followed_once_without_the_token() {
    let t0 = Instant::now();
    let base = Region::Eu.base_url();
    let mut download = download(t0);
    assert_eq!((download.path_template(), download.host(&base)), (DOWNLOAD_PATH_TEMPLATE, base.authority()));
    let token = AccessToken::new("made-up");
    assert!(download.needs_token());
    let api = download.request(&base, Some(&token), RequestId::new()).unwrap();
    assert_eq!(
        api.uri().to_string(),
        format!(
            "{}/app/hec-api/v1.0/download/entity/{ID}?original=false",
            base.as_str().trim_end_matches('/')
        )
    );
    assert!(api.headers().contains_key("authorization"));
    let missing = download.request(&base, None, RequestId::new()).unwrap_err();
    assert!(matches!(missing, Error::Config(ConfigError::MissingAuth)), "{missing:?}");
    follow(&mut download, t0);
    let DownloadTarget::Url(url) = download.target() else { panic!("the URL is next") };
    assert_eq!(url.as_str(), URL);
    assert!(!download.needs_token());
    let plain = download.request(&base, Some(&token), RequestId::new()).unwrap();
    assert_eq!(plain.uri().to_string(), URL);
    assert_eq!(plain.headers().keys().map(|name| name.as_str()).collect::<Vec<_>>(), ["accept"]);
    assert_eq!((download.path_template(), download.host(&base)), ("{download url}", "files.made-up.example"));
    // A call of its own: the first attempt, and a 401 there is a refusal, not a token to renew.
    assert_eq!(download.call().attempt(), 1);
    let head = response(200, &[("content-type", "application/json")], "");
    assert_eq!(download.answer_kind(head.status(), head.headers(), b"{"), DownloadAnswer::Message);
    let refused = download.handle_json(&response(401, &[], ""), RequestId::new());
    let next = outcome(&mut download, refused, t0);
    let DownloadNext::Fail(error) = next else { panic!("expected a failure, got {next:?}") };
    assert_eq!(error.response_error().map(|e| e.kind()), Some(ResponseErrorKind::Unauthorized));
}

#[test]
fn a_followed_url_answers_the_message_or_an_error_never_another_url() {
    let t0 = Instant::now();
    let mut download = download(t0);
    follow(&mut download, t0);
    let busy = response(503, &[], "<h1>busy</h1>");
    assert_eq!(download.answer_kind(busy.status(), busy.headers(), b"<h1>"), DownloadAnswer::Json);
    let failed = download.handle_json(&busy, RequestId::new());
    assert_eq!(
        failed.as_ref().map_err(|e| e.response_error().map(|e| e.kind())),
        Err(Some(ResponseErrorKind::ServerError))
    );
    assert!(matches!(outcome(&mut download, failed, t0), DownloadNext::Retry { .. }));
    let again = response(200, &[], &format!(r#"{{"responseData": {{"url": "{URL}"}}}}"#));
    let read = download.handle_json(&again, RequestId::new());
    let transport = read.as_ref().err().and_then(Error::transport_error).map(|e| (e.kind(), e.to_string()));
    assert_eq!(
        transport,
        Some((TransportErrorKind::Other, "other error: the download URL failed".to_owned()))
    );
    assert!(matches!(download.target(), DownloadTarget::Url(_)));
}

#[test]
fn the_message_and_a_json_answer_are_bounded() {
    let mut download = download(Instant::now());
    download.handle_chunk(100).unwrap();
    let past = download.handle_chunk(1).unwrap_err();
    assert_eq!(past.kind(), TransportErrorKind::BodyTooLarge);
    assert_eq!(download.written(), 100);
    assert_eq!(download.json_limit(), 64);
    assert_eq!(download.handle_json_bytes(64), Ok(()));
    let json = download.handle_json_bytes(65).unwrap_err();
    assert_eq!(json.kind(), TransportErrorKind::BodyTooLarge);
    assert!(json.to_string().contains("body limit of 64 bytes"), "{json}");
}
