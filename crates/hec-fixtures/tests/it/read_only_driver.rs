//! The matrix run by a driver that only reads: the example driver (hec-proto over a plain
//! `ureq::Agent`, `examples/read_only_driver.rs`) implements [`ReadDriver`] alone, and
//! `read_matrix!` makes each read scenario a test for it, so the read half of the matrix asks
//! for nothing more than the read calls.
//!
//! [`ReadDriver`]: hec_fixtures::matrix::ReadDriver

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
