//! `--access-key-file -`: the access key read from stdin (at most 64 KiB of it).

use hec_fixtures::mock::MockGateway;

use crate::support::hec;

#[test]
fn the_access_key_comes_from_stdin() {
    let mock = MockGateway::start();
    let run = hec(&["scopes", "--access-key-file", "-", "--base-url", &mock.base_url()])
        .env("HEC_CLIENT_ID", mock.client_id())
        .secret(mock.access_key())
        .stdin(&format!("{}\n", mock.access_key()))
        .run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    assert_eq!(mock.tokens_issued(), 1);
}

#[test]
fn an_empty_or_oversized_stdin_is_a_usage_error_before_any_request() {
    let mock = MockGateway::start();
    let huge = "k".repeat(64 * 1024 + 1);
    for (stdin, said) in [
        (
            "",
            "error: --access-key-file -: stdin holds no access key (it can bring the key or the ids of `-`, not both)\n",
        ),
        (huge.as_str(), "error: the access key file (stdin) is larger than 65536 bytes: not an access key\n"),
    ] {
        let run = hec(&["scopes", "--access-key-file", "-", "--base-url", &mock.base_url()])
            .env("HEC_CLIENT_ID", mock.client_id())
            .stdin(stdin)
            .run();
        assert_eq!((run.code, run.stderr.as_str()), (2, said), "{run:?}");
    }
    assert!(mock.requests().is_empty());
}
