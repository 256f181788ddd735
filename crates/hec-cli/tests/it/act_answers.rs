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
