//! `Filter` and `FilterOp` from text: `NAME:OP:VALUE`, split at the first two colons.

use hec_proto::model::InvalidFilter;
use hec_proto::{Filter, FilterOp};

#[test]
fn a_filter_splits_at_the_first_two_colons_only() {
    assert_eq!(
        "entityPayload.subject:contains:Re: a:b".parse::<Filter>(),
        Ok(Filter::new("entityPayload.subject", FilterOp::Contains, "Re: a:b"))
    );
    assert_eq!(
        "entityPayload.fromEmail:is:".parse::<Filter>(),
        Ok(Filter::new("entityPayload.fromEmail", FilterOp::Is, ""))
    );
}

#[test]
fn every_known_operator_parses_to_its_variant_and_back() {
    for (text, op) in [
        ("is", FilterOp::Is),
        ("isNot", FilterOp::IsNot),
        ("contains", FilterOp::Contains),
        ("greaterThan", FilterOp::GreaterThan),
        ("isEmpty", FilterOp::IsEmpty),
    ] {
        assert_eq!(text.parse::<FilterOp>().as_ref(), Ok(&op));
        assert_eq!(text.to_ascii_uppercase().parse::<FilterOp>().as_ref(), Ok(&op));
        assert_eq!(op.as_str(), text);
    }
    assert_eq!(FilterOp::Other("startsWith".into()).as_str(), "startsWith");
}

#[test]
fn is_empty_needs_no_value() {
    assert_eq!(
        "entityPayload.attachments:isEmpty".parse::<Filter>(),
        Ok(Filter::new("entityPayload.attachments", FilterOp::IsEmpty, ""))
    );
}

#[test]
fn malformed_filters_say_what_is_wrong() {
    let error = |text: &str| text.parse::<Filter>().unwrap_err();
    assert_eq!(error("subject"), InvalidFilter::Shape("subject".into()));
    assert_eq!(
        error("subject").to_string(),
        "invalid filter \"subject\": expected NAME:OP:VALUE, e.g. entityPayload.fromEmail:is:someone@example.com"
    );
    assert_eq!(
        error(":is:x").to_string(),
        "invalid filter \":is:x\": the attribute name before the first ':' is empty"
    );
    assert_eq!(
        error("entityPayload.subject:contains").to_string(),
        "invalid filter \"entityPayload.subject:contains\": the operator needs a value after a second ':'"
    );
    assert_eq!(
        error("entityPayload.subject:like:x").to_string(),
        "unknown filter operator \"like\" (use is, isNot, contains, greaterThan or isEmpty)"
    );
}
