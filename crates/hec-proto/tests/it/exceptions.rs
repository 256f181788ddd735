//! The exception families' models: every fixture shape and quirk parsed to exact values and
//! written back unchanged, the ids and keys that go into a path, and the request bodies.

use hec_proto::EntityId;
use hec_proto::model::{
    AnomalyException, AnomalyExceptionDelete, AnomalyRuleId, ApException, ApExceptionCriteria,
    ApExceptionType, CtpItem, CtpItemBody, CtpItemId, CtpItemsDelete, CtpListId, CtpListRow, DomainMatching,
    ExceptionId, InvalidCtpListId, InvalidExceptionId, InvalidExceptionRequest, InvalidToolExceptionKey,
    LinkCondition, NewAnomalyException, NewToolException, SecTool, SortDir, TextMatching, ToolException,
    ToolExceptionBulkDelete, ToolExceptionDelete, ToolExceptionIndex, ToolExceptionKey, ToolExceptionQuery,
    ToolExceptionType, ToolExceptionUpdate,
};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The items of a fixture's `responseData` (a list, or one object), each as the compact JSON text
/// the fixture's body holds.
fn fixture_items(name: &str) -> Vec<String> {
    let fixture = hec_fixtures::corpus::get(name).unwrap_or_else(|| panic!("no fixture {name}"));
    let body: Value = serde_json::from_slice(&fixture.response.body).expect("a JSON body");
    match &body["responseData"] {
        Value::Array(items) => items.iter().map(Value::to_string).collect(),
        object @ Value::Object(_) => vec![object.to_string()],
        other => panic!("fixture {name}: responseData is {other}"),
    }
}

/// Every item of the fixture parsed as `T`, after checking each writes back exactly its text.
fn parse_fixture<T: DeserializeOwned + serde::Serialize>(name: &str) -> Vec<T> {
    fixture_items(name)
        .into_iter()
        .map(|text| {
            let item: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(serde_json::to_string(&item).unwrap(), text, "{name}: written back");
            item
        })
        .collect()
}

fn utc(time: Option<&hec_proto::model::HecTime>) -> Option<String> {
    time.map(|time| time.to_utc().expect("a readable time").to_string())
}

// ---- anti-phishing exceptions ----

#[test]
fn the_live_anti_phishing_list_reads_every_field() {
    let list: Vec<ApException> = parse_fixture("exception-list-live");
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(first.id, Some(ExceptionId::new("700000101").unwrap()));
    assert_eq!(first.sender_email.as_deref(), Some("billing@partner.example"));
    assert_eq!(first.sender_email_matching.as_deref(), Some("exact"));
    assert_eq!(first.sender_name, None);
    assert_eq!(first.sender_domain, None);
    assert_eq!(first.subject, None);
    assert_eq!(first.recipient, None);
    assert_eq!(first.attachment_md5, None);
    assert_eq!(first.action_needed, None);
    assert!(first.link_domains.is_empty());
    assert_eq!(first.link_domain_matching, None);
    assert_eq!(first.ignoring_spf_check, Some(false));
    assert_eq!((first.match_only_future, first.quarantine_all), (None, None));
    assert_eq!(first.comment.as_deref(), Some("From Dashboard"));
    assert_eq!(first.added_by.as_deref(), Some("soc-admin@acme.example"));
    assert_eq!(first.edited_by, None);
    assert_eq!(first.updated.as_ref().unwrap().raw(), "Wed, 25 Sep 2024 16:41:35 GMT");
    assert_eq!(utc(first.updated.as_ref()).as_deref(), Some("2024-09-25T16:41:35Z"));
    let second = &list[1];
    assert_eq!(second.id.as_ref().unwrap().as_str(), "700000102");
    assert_eq!(second.sender_domain.as_deref(), Some("partner.example"));
    assert_eq!(second.sender_domain_matching.as_deref(), Some("ends_with"));
    assert_eq!(utc(second.updated.as_ref()).as_deref(), Some("2024-09-25T16:11:55Z"));
}

#[test]
fn one_exception_reads_the_same_as_an_object_or_as_a_list_of_one() {
    let from_list: Vec<ApException> = parse_fixture("exception-get-list-of-one");
    let from_object: Vec<ApException> = parse_fixture("exception-get-object");
    assert_eq!(from_list, from_object);
    assert_eq!(from_list[0].id.as_ref().unwrap().as_str(), "700000201");
    assert_eq!(from_list[0].action_needed.as_deref(), Some("phishing"));
    assert_eq!(from_list[0].edited_by.as_deref(), Some("soc-lead@acme.example"));
}

#[test]
fn the_official_sample_reads_its_string_booleans_and_its_string_link_domains() {
    let exception = parse_fixture::<ApException>("exception-get-official-sample").remove(0);
    assert_eq!(exception.id.as_ref().unwrap().as_str(), "126802091");
    assert_eq!(exception.ignoring_spf_check, Some(true));
    assert_eq!(exception.match_only_future, Some(false));
    assert_eq!(exception.quarantine_all, Some(true));
    assert_eq!(exception.link_domains, ["pay.evil.example", "cdn.evil.example"]);
    assert_eq!(exception.link_domain_matching.as_deref(), Some("exact"));
    assert_eq!(exception.subject.as_deref(), Some("Invoice"));
    assert_eq!(exception.subject_matching.as_deref(), Some("contains"));
    assert!(exception.raw().get().contains(r#""quarantineAll":"true""#));
}

#[test]
fn a_numeric_id_keeps_its_text_and_a_link_domain_list_is_read_as_it_is() {
    let list: Vec<ApException> = parse_fixture("exception-list-quirks");
    assert_eq!(list[0].link_domains, ["portal.evil.example", "login.evil.example"]);
    assert_eq!(list[0].link_domain_matching.as_deref(), Some("contains"));
    assert_eq!(list[1].id.as_ref().unwrap().as_str(), "700000302");
    assert!(list[1].raw().get().contains(r#""entityId":700000302"#));
    assert_eq!(list[1].sender_ip.as_deref(), Some("203.0.113.7"));
    assert_eq!(list[1].sender_client_ip.as_deref(), Some("198.51.100.23"));
    assert_eq!(list[1].recipient.as_deref(), Some("cfo@acme.example"));
    assert_eq!(list[1].attachment_md5.as_deref(), Some("9e107d9d372bb6826bd81d3542a419d6"));
}

#[test]
fn link_domains_read_from_every_shape_the_service_may_send() {
    let cases = [
        (r#"{"linkDomains": false}"#, vec![]),
        (r#"{"linkDomains": null}"#, vec![]),
        ("{}", vec![]),
        (r#"{"linkDomains": ""}"#, vec![]),
        (r#"{"linkDomains": "a.example"}"#, vec!["a.example"]),
        (r#"{"linkDomains": " a.example ,b.example,, "}"#, vec!["a.example", "b.example"]),
        (r#"{"linkDomains": ["a.example", null, "", "b.example"]}"#, vec!["a.example", "b.example"]),
    ];
    for (text, want) in cases {
        let exception: ApException = serde_json::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(exception.link_domains, want, "{text}");
    }
    let error = serde_json::from_str::<ApException>(r#"{"linkDomains": [7]}"#).unwrap_err();
    assert!(error.to_string().starts_with("linkDomains[0]: invalid type: integer `7`"), "{error}");
}

#[test]
fn an_exception_id_that_is_not_digits_fails_with_its_path() {
    let error = serde_json::from_str::<ApException>(r#"{"entityId": "12/../scopes"}"#).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("entityId: invalid exception id: character '/' at position 2 is not a digit"),
        "{error}"
    );
    let negative = serde_json::from_str::<ApException>(r#"{"entityId": -5}"#).unwrap_err();
    assert!(negative.to_string().starts_with("entityId: invalid value: integer `-5`"), "{negative}");
}

// ---- security-tool exceptions ----

#[test]
fn the_captured_tool_exception_reads_every_field_as_a_list_or_an_object() {
    let from_list = parse_fixture::<ToolException>("sectool-exception-get-live").remove(0);
    let from_object = parse_fixture::<ToolException>("sectool-exception-get-object").remove(0);
    assert_eq!(from_list, from_object);
    assert_eq!(from_list.exception_str.as_deref(), Some("9e107d9d372bb6826bd81d3542a419d6"));
    assert_eq!(from_list.comment.as_deref(), Some("README.md file"));
    assert_eq!(from_list.created_by_email.as_deref(), Some("soc-admin@acme.example"));
    assert_eq!(
        from_list.farm_customer_exception_type.as_deref(),
        Some("mock-farm:demo-tenant:checkpoint2:hash")
    );
    assert_eq!(from_list.inserted.as_ref().unwrap().raw(), "2024-09-26T20:00:31Z");
    assert_eq!(from_list.condition, None);
}

#[test]
fn a_url_key_and_its_condition_read_from_the_record() {
    let exception = parse_fixture::<ToolException>("sectool-exception-get-url-key").remove(0);
    assert_eq!(
        exception.exception_str.as_deref(),
        Some("https://payroll-portal.evil.example/login?next=/pay")
    );
    assert_eq!(exception.condition.as_deref(), Some("with_or_without_link"));
    let key = ToolExceptionKey::new(exception.exception_str.unwrap()).unwrap();
    let fixture = hec_fixtures::corpus::get("sectool-exception-get-url-key").unwrap();
    assert!(fixture.request.path.ends_with(&format!("/block-url/{}", key.path_segment())));
}

#[test]
fn a_page_of_tool_exceptions_reads_null_payloads_and_fractional_times() {
    let page: Vec<ToolException> = parse_fixture("sectool-exception-list-page");
    assert_eq!(page[0].condition.as_deref(), Some("with_link"));
    assert_eq!(page[1].comment, None);
    assert_eq!(page[1].condition, None);
    assert_eq!(utc(page[1].inserted.as_ref()).as_deref(), Some("2026-01-01T08:06:00.5Z"));
}

#[test]
fn a_payload_of_another_shape_leaves_the_condition_unset_and_is_kept() {
    for payload in [r#""with_link""#, "[1]", r#"{"condition": 3}"#, "{}"] {
        let text = format!(r#"{{"exception_str": "x", "exception_payload": {payload}}}"#);
        let exception: ToolException = serde_json::from_str(&text).unwrap();
        assert_eq!(exception.condition, None, "{payload}");
        assert_eq!(exception.raw().get(), text);
    }
}

// ---- anomaly exceptions ----

#[test]
fn the_captured_anomaly_rule_reads_every_field() {
    let rule = parse_fixture::<AnomalyException>("anomaly-exception-list-live").remove(0);
    assert_eq!(rule.id, Some(AnomalyRuleId::new("10001").unwrap()));
    assert_eq!(rule.anomaly_type.as_deref(), Some("superman_anomaly"));
    assert_eq!(rule.enabled, Some(true));
    assert_eq!(rule.event_id.as_ref().unwrap().as_str(), "3c5e7a9b1d2f4a6c8e0b2d4f6a8c0e2f");
    assert_eq!(
        rule.exception_rule.as_deref(),
        Some(
            "Apply for all past events: Yes\nWhitelist: Ignore all geo suspicious events from **traveller@acme.example**\n\nanomaly-comment:  travelling to the conference"
        )
    );
    assert_eq!(rule.added_by.as_deref(), Some("soc-admin@acme.example"));
    assert_eq!(rule.comments, None);
    assert_eq!(rule.customer_domain.as_deref(), Some("acme"));
    assert_eq!(rule.expires, None);
    assert_eq!(rule.inserted.as_ref().unwrap().raw(), "2024-10-08T13:15:15.283094");
    assert_eq!(utc(rule.inserted.as_ref()).as_deref(), Some("2024-10-08T13:15:15.283094Z"));
    assert_eq!(utc(rule.updated.as_ref()).as_deref(), Some("2024-10-08T13:15:15.283094Z"));
}

#[test]
fn an_anomaly_rule_reads_a_numeric_id_a_string_boolean_and_a_naive_expiry() {
    let rule = parse_fixture::<AnomalyException>("anomaly-exception-list-quirks").remove(0);
    assert_eq!(rule.id.as_ref().unwrap().as_str(), "10002");
    assert_eq!(rule.enabled, Some(false));
    assert_eq!(rule.event_id, None);
    assert_eq!(rule.comments.as_deref(), Some("until the audit ends"));
    assert_eq!(utc(rule.expires.as_ref()).as_deref(), Some("2026-03-31T00:00:00Z"));
    assert_eq!(utc(rule.updated.as_ref()).as_deref(), Some("2026-01-05T09:00:00.000001Z"));
}

// ---- click-time protection ----

#[test]
fn the_captured_lists_carry_one_item_each_with_its_own_raw_json() {
    let rows: Vec<CtpListRow> = parse_fixture("ctp-lists-live");
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].list_id, Some(CtpListId::allow()));
    assert_eq!(rows[0].list_name.as_deref(), Some("whitelist"));
    assert_eq!(rows[1].list_id, Some(CtpListId::block()));
    let item = &rows[0].items[..];
    assert_eq!(item.len(), 1);
    assert_eq!(item[0].id.as_ref().unwrap().as_str(), "4711000000000001");
    assert_eq!(item[0].name.as_deref(), Some("partner.example"));
    assert_eq!(item[0].list_id, Some(CtpListId::allow()));
    assert_eq!(item[0].created_by.as_deref(), Some("soc-admin@acme.example"));
    assert_eq!(utc(item[0].created.as_ref()).as_deref(), Some("2024-10-08T14:40:19.611763Z"));
    let embedded: Value = serde_json::from_str(rows[0].raw().get()).unwrap();
    assert_eq!(item[0].raw().get(), embedded["listitem"].to_string());
    assert_eq!(rows[1].items[0].name.as_deref(), Some("payroll-portal.evil.example"));
}

#[test]
fn one_list_and_every_item_read_their_rows_and_items() {
    let rows: Vec<CtpListRow> = parse_fixture("ctp-list-live");
    let names: Vec<_> =
        rows.iter().flat_map(|row| &row.items).map(|item| item.name.clone().unwrap()).collect();
    assert_eq!(names, ["partner.example", "docs.partner.example"]);
    let items: Vec<CtpItem> = parse_fixture("ctp-items-live");
    let ids: Vec<_> = items.iter().map(|item| item.id.clone().unwrap().to_string()).collect();
    assert_eq!(ids, ["4711000000000001", "4711000000000002"]);
    assert_eq!(items[1].list_name.as_deref(), Some("blacklist"));
}

#[test]
fn one_item_reads_the_same_as_an_object_or_as_a_list_of_one() {
    let object = parse_fixture::<CtpItem>("ctp-item-object-live");
    let list = parse_fixture::<CtpItem>("ctp-item-list-of-one");
    assert_eq!(object, list);
    assert_eq!(object[0].id.as_ref().unwrap().as_str(), "4711000000000001");
}

#[test]
fn an_embedded_item_may_be_a_list_or_null() {
    let row: CtpListRow = serde_json::from_str(
        r#"{"listid": 1, "listitem": [{"listitemid": "1"}, {"listitemid": 2}], "listname": "blacklist"}"#,
    )
    .unwrap();
    assert_eq!(row.list_id, Some(CtpListId::block()));
    let ids: Vec<_> = row.items.iter().map(|item| item.id.clone().unwrap().to_string()).collect();
    assert_eq!(ids, ["1", "2"]);
    assert_eq!(row.items[0].raw().get(), r#"{"listitemid": "1"}"#);
    let empty: CtpListRow = serde_json::from_str(r#"{"listid": "0", "listitem": null}"#).unwrap();
    assert!(empty.items.is_empty());
    let error = serde_json::from_str::<CtpListRow>(r#"{"listitem": "x"}"#).unwrap_err();
    assert!(error.to_string().starts_with("listitem: expected an object or a list of objects"), "{error}");
}

// ---- ids and keys that go into a path ----

#[test]
fn exception_ids_are_digits_with_their_leading_zeros() {
    assert_eq!(ExceptionId::new("000000001").unwrap().as_str(), "000000001");
    assert_eq!(serde_json::from_str::<ExceptionId>("126802091").unwrap().as_str(), "126802091");
    assert_eq!(serde_json::to_string(&ExceptionId::from(7u64)).unwrap(), r#""7""#);
    assert_eq!("".parse::<ExceptionId>(), Err(InvalidExceptionId::Empty));
    assert_eq!(
        "12a".parse::<ExceptionId>(),
        Err(InvalidExceptionId::NotADigit { character: 'a', position: 2 })
    );
    assert_eq!("1".repeat(129).parse::<ExceptionId>(), Err(InvalidExceptionId::TooLong(129)));
    assert!("1".repeat(128).parse::<ExceptionId>().is_ok());
    assert_eq!(
        " 1".parse::<ExceptionId>().unwrap_err().to_string(),
        "invalid exception id: character ' ' at position 0 is not a digit"
    );
}

#[test]
fn a_click_time_list_id_can_never_be_the_items_segment() {
    assert_eq!(
        "items".parse::<CtpListId>(),
        Err(InvalidCtpListId::NotADigit { character: 'i', position: 0 })
    );
    assert_eq!("0".parse::<CtpListId>(), Ok(CtpListId::allow()));
    assert_eq!(CtpListId::block().to_string(), "1");
    assert!("a/b".parse::<CtpItemId>().is_err());
    assert!("..".parse::<AnomalyRuleId>().is_err());
    assert_eq!(serde_json::to_string(&CtpItemId::from(42u64)).unwrap(), r#""42""#);
}

#[test]
fn a_tool_exception_key_is_percent_encoded_in_a_path() {
    let cases = [
        ("9e107d9d372bb6826bd81d3542a419d6", "9e107d9d372bb6826bd81d3542a419d6"),
        (".pdf", ".pdf"),
        ("cfo@acme.example", "cfo%40acme.example"),
        ("https://a.example/x?y=1#z", "https%3A%2F%2Fa.example%2Fx%3Fy%3D1%23z"),
        ("100% sure", "100%25%20sure"),
        ("café~_-", "caf%C3%A9~_-"),
        ("...x", "...x"),
    ];
    for (text, segment) in cases {
        let key = ToolExceptionKey::new(text).unwrap();
        assert_eq!(key.path_segment(), segment, "{text}");
        assert_eq!(key.as_str(), text);
        assert_eq!(serde_json::to_string(&key).unwrap(), serde_json::to_string(text).unwrap());
    }
}

#[test]
fn a_tool_exception_key_refuses_what_could_break_a_path_or_a_terminal() {
    assert_eq!(ToolExceptionKey::new(""), Err(InvalidToolExceptionKey::Empty));
    assert_eq!(ToolExceptionKey::new("."), Err(InvalidToolExceptionKey::OnlyDots));
    assert_eq!(ToolExceptionKey::new(".."), Err(InvalidToolExceptionKey::OnlyDots));
    assert_eq!(ToolExceptionKey::new("a\nb"), Err(InvalidToolExceptionKey::ControlCharacter(1)));
    assert_eq!(ToolExceptionKey::new("\u{1b}[31m"), Err(InvalidToolExceptionKey::ControlCharacter(0)));
    assert_eq!(ToolExceptionKey::new("é".repeat(2049)), Err(InvalidToolExceptionKey::TooLong(2049)));
    assert!(ToolExceptionKey::new("é".repeat(2048)).is_ok());
}

#[test]
fn tools_types_and_lists_parse_only_their_known_or_safe_names() {
    assert_eq!("checkpoint2".parse::<SecTool>(), Ok(SecTool::AntiMalware));
    assert_eq!("avanan_dlp".parse::<SecTool>(), Ok(SecTool::Dlp));
    assert_eq!(
        "avanan_url/../x".parse::<SecTool>().unwrap_err().to_string(),
        "unknown security tool \"avanan_url/../x\" (use checkpoint2, avanan_url or avanan_dlp)"
    );
    let types: Vec<&str> = SecTool::AntiMalware.exception_types().iter().map(|t| t.as_str()).collect();
    assert_eq!(types, ["hash", "macro_hash", "file_type", "ppat_sender_name"]);
    let types: Vec<&str> = SecTool::Dlp.exception_types().iter().map(|t| t.as_str()).collect();
    assert_eq!(types, ["hash", "text_content", "sender_email", "recipient_email"]);
    assert_eq!("allow-url".parse::<ToolExceptionType>(), Ok(ToolExceptionType::ALLOW_URL));
    assert_eq!("new_type-2".parse::<ToolExceptionType>().unwrap().as_str(), "new_type-2");
    for bad in ["", "a/b", "a b", "%2F", &"t".repeat(65)] {
        assert!(bad.parse::<ToolExceptionType>().is_err(), "{bad}");
    }
    assert_eq!("whitelist".parse::<ApExceptionType>(), Ok(ApExceptionType::Whitelist));
    assert!("Whitelist".parse::<ApExceptionType>().is_err());
}

// ---- request bodies ----

#[test]
fn anti_phishing_criteria_write_every_field_in_the_vendors_shape() {
    let criteria = ApExceptionCriteria::builder()
        .entity_id(EntityId::new("0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e").unwrap())
        .sender_email("payroll@evil.example")
        .sender_email_matching(TextMatching::Exact)
        .sender_name("Payroll Team")
        .sender_name_matching(TextMatching::Contains)
        .sender_domain("evil.example")
        .sender_domain_matching(DomainMatching::EndsWith)
        .sender_ip("203.0.113.7")
        .sender_client_ip("198.51.100.23")
        .recipient("cfo@acme.example")
        .recipient_matching(TextMatching::Matching)
        .subject("Payroll update")
        .subject_matching(TextMatching::Contains)
        .link_domain("portal.evil.example")
        .link_domain("")
        .link_domain("cdn.evil.example")
        .link_domain_matching(TextMatching::Exact)
        .attachment_md5("9e107d9d372bb6826bd81d3542a419d6")
        .action_needed("phishing")
        .comment("payroll campaign")
        .ignoring_spf_check(true)
        .match_only_future(false)
        .quarantine_all(true)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&criteria).unwrap(),
        json!({
            "entityId": "0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e",
            "senderEmail": "payroll@evil.example", "senderEmailMatching": "exact",
            "senderName": "Payroll Team", "senderNameMatching": "contains",
            "senderDomain": "evil.example", "senderDomainMatching": "ends_with",
            "senderIp": "203.0.113.7", "senderClientIp": "198.51.100.23",
            "recipient": "cfo@acme.example", "recipientMatching": "matching",
            "subject": "Payroll update", "subjectMatching": "contains",
            "linkDomains": ["portal.evil.example", "cdn.evil.example"], "linkDomainMatching": "exact",
            "attachmentMd5": "9e107d9d372bb6826bd81d3542a419d6", "actionNeeded": "phishing",
            "comment": "payroll campaign", "ignoringSpfCheck": true,
            "matchOnlyFuture": "false", "quarantineAll": "true",
        })
    );
    assert_eq!(criteria.link_domains(), ["portal.evil.example", "cdn.evil.example"]);
}

#[test]
fn anti_phishing_criteria_refuse_a_set_without_a_criterion() {
    let no_criterion = ApExceptionCriteria::builder()
        .comment("just a note")
        .action_needed("phishing")
        .sender_email_matching(TextMatching::Exact)
        .quarantine_all(true)
        .ignoring_spf_check(true)
        .sender_email("")
        .link_domain("");
    assert_eq!(no_criterion.build(), Err(InvalidExceptionRequest::NoCriteria));
    assert_eq!(ApExceptionCriteria::builder().build(), Err(InvalidExceptionRequest::NoCriteria));
    for one in [
        ApExceptionCriteria::builder().subject("x"),
        ApExceptionCriteria::builder().link_domain("x.example"),
        ApExceptionCriteria::builder().attachment_md5("9e107d9d372bb6826bd81d3542a419d6"),
        ApExceptionCriteria::builder().entity_id(EntityId::new("e1").unwrap()),
        ApExceptionCriteria::builder().sender_ip("203.0.113.7"),
    ] {
        assert!(one.build().is_ok());
    }
    let minimal = ApExceptionCriteria::builder().recipient("cfo@acme.example").build().unwrap();
    assert_eq!(
        serde_json::to_string(&minimal).unwrap(),
        r#"{"recipient":"cfo@acme.example","ignoringSpfCheck":false}"#
    );
}

#[test]
fn tool_exception_bodies_hold_their_type_and_key() {
    let key = ToolExceptionKey::new("9e107d9d372bb6826bd81d3542a419d6").unwrap();
    let entity = EntityId::new("0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e").unwrap();
    let create = NewToolException::new(ToolExceptionType::HASH, key.clone())
        .entity("office365_emails_email", entity.clone())
        .file_name("invoice.docm")
        .created_by_email("soc-admin@acme.example")
        .exclusive(true)
        .comment("signed macro")
        .condition(LinkCondition::WithoutLink);
    assert_eq!(
        serde_json::to_value(&create).unwrap(),
        json!({"exceptionType": "hash", "exceptionStr": "9e107d9d372bb6826bd81d3542a419d6",
               "entityType": "office365_emails_email", "entityId": "0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e",
               "fileName": "invoice.docm", "createdByEmail": "soc-admin@acme.example", "isExclusive": true,
               "comment": "signed macro", "exceptionPayload": {"condition": "without_link"}})
    );
    assert_eq!((create.exception_type(), create.key()), (&ToolExceptionType::HASH, &key));
    let update = ToolExceptionUpdate::builder(ToolExceptionType::HASH, key.clone())
        .condition(LinkCondition::WithOrWithoutLink)
        .build()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&update).unwrap(),
        r#"{"exceptionType":"hash","exceptionStr":"9e107d9d372bb6826bd81d3542a419d6","exceptionPayload":{"condition":"with_or_without_link"}}"#
    );
    let delete = ToolExceptionDelete::new(ToolExceptionType::HASH, key.clone())
        .entity("office365_emails_email", entity);
    assert_eq!(
        serde_json::to_string(&delete).unwrap(),
        r#"{"exceptionType":"hash","exceptionStr":"9e107d9d372bb6826bd81d3542a419d6","entityType":"office365_emails_email","entityId":"0f3c2a9e5b7d4c1f8a6e2b9d7c4f1a3e"}"#
    );
    let many = ToolExceptionBulkDelete::new(ToolExceptionType::HASH, [key.clone()]).unwrap();
    assert_eq!(many.keys(), [key]);
}

#[test]
fn the_tool_list_query_writes_every_field_and_pages_by_key() {
    let every = ToolExceptionQuery::new(SecTool::AntiMalware, ToolExceptionType::HASH);
    assert_eq!(serde_json::to_string(&every).unwrap(), r#"{"insertTimeGte":false}"#);
    let query = ToolExceptionQuery::new(SecTool::AntiMalware, ToolExceptionType::HASH)
        .filter(ToolExceptionIndex::CreatedByEmail, "soc-admin@")
        .sort(SortDir::Asc)
        .limit(2)
        .insert_time_gte(true)
        .after("cdn.evil.example");
    assert_eq!(
        serde_json::to_value(&query).unwrap(),
        json!({"filterStr": "soc-admin@", "filterIndex": "created_by_email", "sortDir": "asc",
               "lastEvaluatedKey": "cdn.evil.example", "insertTimeGte": true, "limit": 2})
    );
    assert_eq!((query.last_evaluated_key(), query.page_limit()), (Some("cdn.evil.example"), Some(2)));
    let indexes = [
        ToolExceptionIndex::InsertTime,
        ToolExceptionIndex::EntityTypeId,
        ToolExceptionIndex::ExceptionStr,
        ToolExceptionIndex::FileName,
        ToolExceptionIndex::Comment,
    ];
    let names: Vec<&str> = indexes.iter().map(|index| index.as_str()).collect();
    assert_eq!(names, ["insert_time", "entity_type_id", "exception_str", "file_name", "comment"]);
}

#[test]
fn anomaly_and_click_time_bodies_refuse_to_be_empty() {
    let mut rule = serde_json::Map::new();
    rule.insert("anomalyType".to_owned(), json!("superman_anomaly"));
    let create = NewAnomalyException::new(rule).unwrap();
    assert_eq!(
        serde_json::to_string(&create).unwrap(),
        r#"{"requestJson":{"anomalyType":"superman_anomaly"}}"#
    );
    let delete = AnomalyExceptionDelete::new(["10001".parse().unwrap()]).unwrap();
    assert_eq!(delete.rule_ids()[0].as_str(), "10001");
    assert_eq!(
        CtpItemBody::new(CtpListId::allow(), "partner.example", ""),
        Err(InvalidExceptionRequest::Empty("createdBy"))
    );
    assert_eq!(
        InvalidExceptionRequest::NoItems("listItemIds").to_string(),
        "listItemIds must name at least one item"
    );
    let items =
        CtpItemsDelete::new(["4711000000000001".parse().unwrap(), "4711000000000002".parse().unwrap()])
            .unwrap();
    assert_eq!(
        serde_json::to_string(&items).unwrap(),
        r#"{"listItemIds":["4711000000000001","4711000000000002"]}"#
    );
    assert_eq!(items.item_ids().len(), 2);
}
