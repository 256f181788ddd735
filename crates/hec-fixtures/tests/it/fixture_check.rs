//! `Fixture::check`, as a downstream parser uses it: an outcome that matches passes, and one
//! that does not is told apart field by field, naming the fixture, the field, what was expected
//! and what came.

use hec_fixtures::conformance::Outcome;
use hec_fixtures::corpus::{self, Fixture};
use hec_proto::RequestId;
use hec_proto::endpoint::{Endpoint, GetEntity, GetScopes};

fn fixture(name: &str) -> &'static Fixture {
    corpus::get(name).unwrap_or_else(|| panic!("no fixture {name}"))
}

/// `field: expected ..., got ...` of each mismatch `check` reports, or none.
fn fields(fixture: &Fixture, outcome: Outcome) -> Vec<String> {
    match fixture.check(outcome) {
        Ok(()) => Vec::new(),
        Err(mismatch) => {
            assert_eq!(mismatch.fixture, fixture.name, "the mismatch names its fixture");
            mismatch.fields.iter().map(ToString::to_string).collect()
        }
    }
}

#[test]
fn a_parse_that_reads_the_fixture_as_expected_passes() {
    let scopes = fixture("scopes-live");
    let parsed = GetScopes.parse(&scopes.response.to_http(), RequestId::new());
    assert_eq!(scopes.check(parsed.into()), Ok(()), "scopes-live read by GetScopes");
    let missing = fixture("entity-not-found-empty-list");
    let id = "ffffffffffffffffffffffffffffffff".parse().expect("an entity id");
    let parsed = GetEntity::new(id).parse(&missing.response.to_http(), RequestId::new());
    assert_eq!(missing.check(parsed.into()), Ok(()), "entity-not-found-empty-list read by GetEntity");
}

#[test]
fn a_field_read_wrong_is_named_with_what_was_expected_and_what_came() {
    let scopes = fixture("scopes-live");
    let mut parsed = GetScopes.parse(&scopes.response.to_http(), RequestId::new()).expect("the scopes");
    parsed.scopes.push("farm-9:another".to_owned());
    let mismatch = scopes.check(parsed.into()).expect_err("one scope too many");
    assert_eq!(
        mismatch.to_string(),
        r#"fixture scopes-live: scopes: expected ["farm-7:made-up-customer-7"], got ["farm-7:made-up-customer-7", "farm-9:another"]"#
    );
}

#[test]
fn an_outcome_of_another_kind_names_both() {
    let missing = fixture("entity-not-found-empty-list");
    let entity: hec_proto::Entity = serde_json::from_str("{}").expect("an empty entity reads");
    assert_eq!(
        fields(missing, Outcome::Entity(entity)),
        ["outcome: expected an error, got an entity"],
        "an entity where the fixture expects not_found"
    );
    let scopes = fixture("scopes-live");
    let refused = GetScopes.parse(&fixture("bad-request-400").response.to_http(), RequestId::new());
    let got = fields(scopes, refused.into());
    assert_eq!(got.len(), 1, "one mismatch: {got:?}");
    assert!(
        got[0].starts_with("outcome: expected scopes, got error http_status ("),
        "the error's kind named: {got:?}"
    );
}

#[test]
fn an_error_of_another_kind_is_named_by_its_kind_name() {
    let missing = fixture("entity-not-found-empty-list");
    let other = fixture("bad-request-400");
    let id = "ffffffffffffffffffffffffffffffff".parse().expect("an entity id");
    let refused = GetEntity::new(id).parse(&other.response.to_http(), RequestId::new());
    let kind = refused.as_ref().err().map(hec_proto::ResponseError::kind_name);
    let got = fields(missing, refused.into());
    assert_eq!(
        got.first().map(String::as_str),
        Some(format!(r#"kind: expected "not_found", got {:?}"#, kind.unwrap_or("none")).as_str()),
        "the first mismatch is the kind: {got:?}"
    );
}
