//! The fixture conformance run: every scenario under `fixtures/` gives its expected outcome.

use hec_fixtures::{conformance, corpus};

#[test]
fn every_fixture_file_is_a_valid_scenario() {
    let all = corpus::try_all().unwrap_or_else(|error| panic!("{error}"));
    assert!(all.len() >= 25, "the corpus holds {} scenarios, fewer than 25", all.len());
}

#[test]
fn every_fixture_gives_its_expected_outcome() {
    let mut failures = Vec::new();
    for fixture in corpus::all() {
        for line in conformance::check(fixture) {
            failures.push(format!("{}: {line}", fixture.name));
        }
    }
    println!("{} fixtures checked, {} mismatches", corpus::all().len(), failures.len());
    assert!(failures.is_empty(), "mismatches:\n{}", failures.join("\n"));
}
