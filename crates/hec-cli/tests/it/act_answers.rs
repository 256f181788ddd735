//! What an action prints about an answer the service shaped oddly: many tasks in one answer
//! (printed in linear time, each task id once), and items about ids that were not sent.

use hec_fixtures::mock::MockGateway;

use crate::acts_support::{ACT_ON_ENTITIES, answer, hex_id, script};
use crate::support::hec;

/// The answer to an action: one item per `(entity id, task id)`.
fn items(pairs: &[(String, String)]) -> String {
    let items: Vec<String> = pairs
        .iter()
        .map(|(entity, task)| format!(r#"{{"entityId":"{entity}","taskId":"{task}"}}"#))
        .collect();
    format!("[{}]", items.join(","))
}

#[test]
fn an_answer_with_many_tasks_prints_each_task_id_once_in_order() {
    // 20,000 tasks, then the first 100 again: each task id is printed once, in the order of the
    // answer (the de-duplication is a hash set; distinct.rs counts its comparisons).
    let mock = MockGateway::start();
    let sent = hex_id(1);
    let pairs: Vec<(String, String)> =
        (0..20_000).chain(0..100).map(|n| (sent.clone(), format!("{}", 1_000_000 + n))).collect();
    script(&mock, ACT_ON_ENTITIES, vec![answer(&items(&pairs), None)]);
    let run = hec(&["entity", "quarantine", &sent, "-o", "ids"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    let expected: String = (0..20_000).map(|n| format!("{}\n", 1_000_000 + n)).collect();
    assert_eq!(run.stdout, expected);
}

#[test]
fn an_answer_about_entities_not_sent_is_shown_with_a_warning_naming_them_and_the_sent_ids_without_a_task() {
    let mock = MockGateway::start();
    let (a, b, other) = (hex_id(1), hex_id(2), hex_id(9));
    let pairs = [(a.clone(), "7".to_owned()), (other.clone(), "8".to_owned())];
    script(&mock, ACT_ON_ENTITIES, vec![answer(&items(&pairs), None)]);
    let run = hec(&["entity", "quarantine", &a, &b]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout, format!("{a} task 7\n{other} task 8\n"));
    assert_eq!(
        run.stderr_lines(),
        [
            format!(
                "warning: the answer to the quarantine request is about 1 entity that was not sent: {other}"
            ),
            format!("warning: the answer to the quarantine request has no task for 1 entity sent: {b}"),
        ]
    );
}

#[test]
fn an_answer_about_exactly_the_ids_sent_warns_of_nothing() {
    let mock = MockGateway::start();
    let (a, b) = (hex_id(1), hex_id(2));
    let pairs = [(b.clone(), "7".to_owned()), (a.clone(), "7".to_owned())];
    script(&mock, ACT_ON_ENTITIES, vec![answer(&items(&pairs), None)]);
    let run = hec(&["entity", "quarantine", &a, &b, "-o", "ids"]).against(&mock).run();
    assert_eq!((run.code, run.stdout.as_str(), run.stderr.as_str()), (0, "7\n", ""), "{run:?}");
}

#[test]
fn a_warning_names_ten_ids_and_counts_the_rest() {
    let mock = MockGateway::start();
    let sent = hex_id(1);
    let others: Vec<String> = (100..112).map(hex_id).collect();
    let mut pairs: Vec<(String, String)> = vec![(sent.clone(), "5".to_owned())];
    pairs.extend(others.iter().map(|id| (id.clone(), "5".to_owned())));
    script(&mock, ACT_ON_ENTITIES, vec![answer(&items(&pairs), None)]);
    let run = hec(&["entity", "quarantine", &sent, "-o", "ids"]).against(&mock).run();
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr_lines(),
        [format!(
            "warning: the answer to the quarantine request is about 12 entities that were not sent: {} and 2 more",
            others[..10].join(", ")
        )]
    );
}
