//! Entity, Event and ActionTask: the typed view of what users filter on, and the raw JSON kept
//! and written back unchanged.

use hec_proto::{ActionResponse, ActionTask, Entity, Event};

/// An entity in the live service's shape (the vendor capture's fields, made-up values), with
/// fields this version does not know at every level.
const ENTITY: &str = r#"{
  "entityInfo": {"entityId": "5f0e8d7c6b5a49382716f5e4d3c2b1a0", "customerId": "made-up-customer",
    "saas": "office365_emails", "saasEntityType": "office365_emails_email",
    "entityCreated": "2026-01-01T09:00:02.123456Z", "entityActionState": null},
  "entityPayload": {"internetMessageId": "<m1@mail.example.com>", "subject": "Payroll update",
    "received": "2026-01-01T09:00:00Z", "size": null, "attachments": [{"MD5": "00ff", "size": 2071}],
    "recipients": ["alex@example.com", "sam@example.com"], "fromEmail": "payroll@evil.example",
    "fromName": "", "isQuarantined": false, "isRestored": "true", "SpfResult": "pass"},
  "entitySecurityResult": {"combinedVerdict": {"ap": "phishing", "dlp": null, "av": "clean"},
    "ap": [{"verdict": "phishing", "score": "98.1"}]},
  "entityActions": [],
  "entityAvailableActions": [{"entityActionName": "quarantine", "entityActionParams": null}, "restore"],
  "futureField": {"nested": [1, 2.50, "x"]}
}"#;

#[test]
fn an_entity_reads_every_typed_field_from_its_nested_object() {
    let entity: Entity = serde_json::from_str(ENTITY).unwrap();
    assert_eq!(entity.entity_id.as_ref().unwrap().as_str(), "5f0e8d7c6b5a49382716f5e4d3c2b1a0");
    assert_eq!(entity.saas.as_deref(), Some("office365_emails"));
    assert_eq!(entity.entity_type.as_deref(), Some("office365_emails_email"));
    assert_eq!(entity.created.as_ref().unwrap().to_utc().unwrap().to_string(), "2026-01-01T09:00:02.123456Z");
    assert_eq!(entity.subject.as_deref(), Some("Payroll update"));
    assert_eq!(entity.from_email.as_deref(), Some("payroll@evil.example"));
    assert_eq!(entity.from_name.as_deref(), Some(""));
    assert_eq!(entity.recipients, Some(vec!["alex@example.com".to_owned(), "sam@example.com".to_owned()]));
    assert_eq!(entity.received.as_ref().unwrap().raw(), "2026-01-01T09:00:00Z");
    assert_eq!(entity.internet_message_id.as_deref(), Some("<m1@mail.example.com>"));
    assert_eq!(entity.is_quarantined, Some(false));
    assert_eq!(entity.is_restored, Some(true));
    let verdicts = entity.verdicts.as_ref().unwrap();
    assert_eq!(
        verdicts.iter().map(|(tool, verdict)| (tool.as_str(), verdict.as_deref())).collect::<Vec<_>>(),
        [("ap", Some("phishing")), ("av", Some("clean")), ("dlp", None)]
    );
    assert_eq!(entity.available_actions, ["quarantine", "restore"]);
}

#[test]
fn an_entity_serializes_to_exactly_the_text_it_came_from() {
    let entity: Entity = serde_json::from_str(ENTITY).unwrap();
    assert_eq!(entity.raw().get(), ENTITY);
    assert_eq!(serde_json::to_string(&entity).unwrap(), ENTITY);
}

#[test]
fn an_empty_entity_has_every_field_absent() {
    let entity: Entity = serde_json::from_str("{}").unwrap();
    assert_eq!(entity.entity_id, None);
    assert_eq!(entity.subject, None);
    assert_eq!(entity.recipients, None);
    assert_eq!(entity.verdicts, None);
    assert_eq!(entity.is_quarantined, None);
    assert!(entity.available_actions.is_empty());
    let nulls: Entity = serde_json::from_str(
        r#"{"entityInfo": null, "entityPayload": {"isQuarantined": null}, "entitySecurityResult": null,
            "entityAvailableActions": null}"#,
    )
    .unwrap();
    assert_eq!((nulls.entity_id, nulls.is_quarantined, nulls.verdicts), (None, None, None));
}

#[test]
fn to_recipients_is_read_when_recipients_is_absent() {
    let entity: Entity =
        serde_json::from_str(r#"{"entityPayload": {"toRecipients": ["a@example.com"]}}"#).unwrap();
    assert_eq!(entity.recipients, Some(vec!["a@example.com".to_owned()]));
    let both: Entity = serde_json::from_str(
        r#"{"entityPayload": {"toRecipients": ["a@example.com"], "recipients": ["b@example.com"]}}"#,
    )
    .unwrap();
    assert_eq!(both.recipients, Some(vec!["b@example.com".to_owned()]));
}

#[test]
fn a_wrongly_typed_field_names_its_path_inside_the_entity() {
    let error =
        serde_json::from_str::<Entity>(r#"{"entityPayload": {"isQuarantined": "maybe"}}"#).unwrap_err();
    assert_eq!(
        error.to_string(),
        "entityPayload.isQuarantined: invalid value: string \"maybe\", expected a boolean or the string \"true\" or \"false\""
    );
    let bad_id = serde_json::from_str::<Entity>(r#"{"entityInfo": {"entityId": "../x"}}"#).unwrap_err();
    assert!(
        bad_id.to_string().starts_with("entityInfo.entityId: invalid entity id: character '.'"),
        "{bad_id}"
    );
}

#[test]
fn event_severity_reads_from_a_number_or_a_numeric_string_and_nothing_else() {
    let severity = |json: &str| {
        let event: Event = serde_json::from_str(&format!(r#"{{"severity": {json}}}"#)).unwrap();
        event.severity
    };
    assert_eq!(severity(r#""3""#), Some(3));
    assert_eq!(severity(r#"" 5 ""#), Some(5));
    assert_eq!(severity("4"), Some(4));
    assert_eq!(severity(r#""high""#), None);
    assert_eq!(severity("3.5"), None);
    assert_eq!(severity("-1"), None);
    assert_eq!(severity("300"), None);
    assert_eq!(severity("null"), None);
    assert_eq!(severity(r#"[1]"#), None);
    assert_eq!(severity(r#"{"level": 2}"#), None);
    let kept: Event = serde_json::from_str(r#"{"severity": "high"}"#).unwrap();
    assert_eq!(serde_json::to_string(&kept).unwrap(), r#"{"severity": "high"}"#);
}

#[test]
fn an_event_reads_its_typed_fields_and_keeps_the_rest() {
    let text = r#"{"eventId": "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f", "customerId": "made-up",
        "saas": "office365_emails", "entityId": "5f0e8d7c6b5a49382716f5e4d3c2b1a0", "state": "detected",
        "type": "phishing", "confidenceIndicator": "phishing", "eventCreated": "2026-01-01T09:00:05.5+00:00",
        "severity": "5", "description": "Phishing from payroll@evil.example", "data": "x",
        "additionalData": null, "availableEventActions": [{"actionName": "dismiss"}, {"eventActionName": "exception"}, {"other": 1}, 7],
        "actions": []}"#;
    let event: Event = serde_json::from_str(text).unwrap();
    assert_eq!(event.event_id.as_ref().unwrap().as_str(), "9c1d7e2f4a6b8c0d1e3f5a7b9c2d4e6f");
    assert_eq!(event.event_type.as_deref(), Some("phishing"));
    assert_eq!(event.state.as_deref(), Some("detected"));
    assert_eq!(event.severity, Some(5));
    assert_eq!(event.description.as_deref(), Some("Phishing from payroll@evil.example"));
    assert_eq!(event.created.as_ref().unwrap().to_utc().unwrap().to_string(), "2026-01-01T09:00:05.5Z");
    assert_eq!(event.entity_id.as_ref().unwrap().as_str(), "5f0e8d7c6b5a49382716f5e4d3c2b1a0");
    assert_eq!(event.saas.as_deref(), Some("office365_emails"));
    assert_eq!(event.available_actions, ["dismiss", "exception"]);
    assert_eq!(serde_json::to_string(&event).unwrap(), text);
}

#[test]
fn available_event_actions_of_null_are_none() {
    let event: Event = serde_json::from_str(r#"{"availableEventActions": null}"#).unwrap();
    assert!(event.available_actions.is_empty());
}

#[test]
fn an_action_item_needs_its_task_id_and_keeps_the_rest() {
    let item: ActionTask =
        serde_json::from_str(r#"{"eventId": "ev1", "taskId": 1767225600001000, "note": "x"}"#).unwrap();
    assert_eq!(item.task_id.as_str(), "1767225600001000");
    assert_eq!(item.event_id.as_ref().unwrap().as_str(), "ev1");
    assert_eq!(item.entity_id, None);
    assert_eq!(
        serde_json::to_string(&item).unwrap(),
        r#"{"eventId": "ev1", "taskId": 1767225600001000, "note": "x"}"#
    );
    let error = serde_json::from_str::<ActionTask>(r#"{"entityId": "a"}"#).unwrap_err();
    assert_eq!(error.to_string(), "missing field `taskId`");
}

#[test]
fn task_ids_are_distinct_in_order_of_first_appearance() {
    let tasks: Vec<ActionTask> = serde_json::from_str(
        r#"[{"entityId": "a", "taskId": "9"}, {"entityId": "b", "taskId": "3"},
            {"entityId": "c", "taskId": "9"}, {"entityId": "d", "taskId": "3"}, {"entityId": "e", "taskId": "1"}]"#,
    )
    .unwrap();
    let ids = ActionResponse::new(None, tasks).task_ids();
    assert_eq!(ids.iter().map(|id| id.as_str()).collect::<Vec<_>>(), ["9", "3", "1"]);
    assert!(ActionResponse::new(None, Vec::new()).task_ids().is_empty());
}
