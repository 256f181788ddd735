//! The matrix run by a driver that only reads: the example driver (hec-proto over a plain
//! `ureq::Agent`, `examples/read_only_driver.rs`) implements [`ReadDriver`] alone, and
//! `read_matrix!` makes each read scenario a test for it, so the read half of the matrix asks
//! for nothing more than the read calls.
//!
//! [`ReadDriver`]: hec_fixtures::matrix::ReadDriver

use hec_fixtures::matrix::ReadDriver as _;

#[path = "../../examples/read_only_driver.rs"]
mod example;

hec_fixtures::read_matrix!(example::ReadOnly);

/// The example's `main` runs the same list, [`read_scenarios`], one scenario after the other;
/// here it is checked to name every read scenario, in order.
///
/// [`read_scenarios`]: hec_fixtures::matrix::reads::read_scenarios
#[test]
fn the_list_the_example_runs_names_every_read_scenario() {
    let listed: Vec<&str> = hec_fixtures::matrix::reads::read_scenarios::<example::ReadOnly>()
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        listed,
        hec_fixtures::matrix::READ_SCENARIOS,
        "the names read_scenarios() lists against READ_SCENARIOS"
    );
}

/// The example's `main` passes: every read scenario, one after the other, on the example driver.
#[test]
fn the_examples_main_runs_every_read_scenario() {
    example::main();
}

/// The panic message of `run` for the scenario `name`.
fn failure_of(name: &str, scenario: fn(&mut hec_fixtures::matrix::Harness<example::ReadOnly>)) -> String {
    let panic = std::panic::catch_unwind(|| hec_fixtures::matrix::run::<example::ReadOnly>(name, scenario))
        .expect_err("the scenario fails");
    panic.downcast_ref::<String>().cloned().unwrap_or_default()
}

/// A failed scenario is named in the failure, before what failed.
#[test]
fn a_failure_names_its_scenario() {
    let failure = failure_of("made_up_scenario", |h| {
        let scopes = h.client().scopes().map_err(|error| h.seen(error));
        assert_eq!(scopes.map(|s| s.len()), Ok(2), "the number of scopes");
    });
    assert!(
        failure
            .starts_with("scenario made_up_scenario: assertion `left == right` failed: the number of scopes"),
        "the failure: expected it to name the scenario and the field, got {failure}"
    );
}

/// A scenario in which the driver sends a request but traces nothing fails: the matrix asks every
/// driver for some tracing output.
#[test]
fn a_driver_that_traces_nothing_fails_the_scenario() {
    let failure = failure_of("silent", |h| {
        let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        let answer = agent.get(format!("{}/app/hec-api/v1.0/scopes", h.mock.base_url())).call();
        assert_eq!(
            answer.map(|r| r.status().as_u16()).ok(),
            Some(401),
            "an untraced request without a token"
        );
    });
    assert_eq!(
        failure, "scenario silent: the driver's tracing output: expected some, got none",
        "the failure"
    );
}
