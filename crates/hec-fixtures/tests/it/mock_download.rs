//! `GET /download/entity/{id}?original=true|false`: the e-mail as raw RFC 822 bytes.

use crate::support::{API, agent, read, token};
use hec_fixtures::mock::{MockGateway, demo};

fn download(mock: &MockGateway, token: &str, id: &str, query: &str) -> crate::support::Reply {
    let response = agent()
        .get(format!("{}{API}/download/entity/{id}{query}", mock.base_url()))
        .header("authorization", format!("Bearer {token}"))
        .header("x-av-req-id", uuid::Uuid::new_v4().to_string())
        .call()
        .expect("the mock answers");
    read(response).expect("the body arrives")
}

#[test]
fn the_original_is_the_raw_message_and_the_copy_has_one_more_header() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let id = demo::CAMPAIGN_ENTITY_IDS[0];
    let original = download(&mock, &token, id, "?original=true");
    assert_eq!(original.status, 200);
    assert_eq!(original.header("content-type"), Some("message/rfc822"));
    assert_eq!(
        original.header("content-disposition"),
        Some(format!("attachment; filename=\"{id}.eml\"").as_str())
    );
    let text = original.text();
    assert!(text.starts_with("Received: from mail.evil.example (["), "{text}");
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert!(lines.contains(&"Message-ID: <980fe57cd26d.5eead308@mail.evil.example>"), "{text}");
    assert!(lines.contains(&"From: \"Payroll Team\" <payroll@evil.example>"), "{text}");
    assert!(lines.contains(&"To: alice@acme.example"), "{text}");
    assert!(lines.contains(&"Subject: Payroll update: action required"), "{text}");
    assert!(lines.contains(&"See https://payroll-portal.evil.example/login"), "{text}");
    assert!(text.ends_with("\r\n") && !text.replace("\r\n", "").contains('\n'), "CRLF line ends only");

    let copy = download(&mock, &token, id, "?original=false");
    assert_eq!(copy.status, 200);
    let added = "X-CLOUD-SEC-AV-Info: mock-farm,office365_emails,inline\r\n";
    assert_eq!(copy.body, [added.as_bytes(), &original.body].concat());
    assert_eq!(download(&mock, &token, id, "").body, copy.body, "the copy is the default");
    assert_eq!(download(&mock, &token, id, "?original=True").body, original.body);
}

#[test]
fn an_attachment_comes_as_a_base64_part_and_the_same_mail_downloads_the_same_bytes() {
    let mock = MockGateway::start();
    let token = token(&mock);
    let id = "52cb13f84a7b17a4f0c6842f442681d2";
    let first = download(&mock, &token, id, "?original=true");
    let text = first.text();
    assert!(text.contains("Content-Type: multipart/mixed; boundary=\"=_mock_52cb13f84a7b17a4\""), "{text}");
    assert!(text.contains("Content-Disposition: attachment; filename=\"scan_0042.pdf.exe\"\r\n"), "{text}");
    use base64::Engine;
    let part = format!("mock attachment scan_0042.pdf.exe of {id}");
    let encoded = base64::engine::general_purpose::STANDARD.encode(part);
    assert!(text.contains(&format!("\r\n\r\n{encoded}\r\n--=_mock_52cb13f84a7b17a4--\r\n")), "{text}");
    assert_eq!(download(&mock, &token, id, "?original=true").body, first.body);
}

#[test]
fn an_unknown_entity_is_a_404_json_error_and_a_bad_original_a_400() {
    let mock = MockGateway::start();
    let token = token(&mock);
    for id in ["00000000000000000000000000000000", "not..an-id"] {
        let missing = download(&mock, &token, id, "?original=true");
        assert_eq!(
            (missing.status, missing.json()),
            (404, serde_json::json!({"message": "Entity not found"})),
            "{id}"
        );
    }
    let bad = download(&mock, &token, demo::CAMPAIGN_ENTITY_IDS[0], "?original=maybe");
    assert_eq!(
        (bad.status, bad.json()),
        (400, serde_json::json!({"message": "original must be true or false, not \"maybe\""}))
    );
    let anonymous = agent()
        .get(format!("{}{API}/download/entity/{}", mock.base_url(), demo::CAMPAIGN_ENTITY_IDS[0]))
        .call()
        .expect("the mock answers");
    assert_eq!(anonymous.status(), 401);
}
