//! The whole flow against the mock's demo tenant: search for a phishing campaign's mail,
//! quarantine what is not quarantined yet, wait for the tasks, then search again to see it.
//!
//! ```text
//! cargo run -p hec-blocking --example act_and_wait
//! ```
//!
//! Against a real tenant, build the client from `ClientConfig::from_env_vars` instead (see the
//! `wait_for_task` example) and choose the sender with care: quarantine acts on real mail.

use std::error::Error;
use std::time::{Duration, SystemTime};

use hec_blocking::{Client, Credentials, EntityAction, EntityId, EntityQuery, TaskId};
use hec_fixtures::mock::MockGateway;

/// The demo tenant's phishing campaign comes from this sender.
const SENDER: &str = "payroll@evil.example";
const SAAS: &str = "office365_emails";

fn main() -> Result<(), Box<dyn Error>> {
    let mock = MockGateway::demo();
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(mock.base_url().parse()?)
            .credentials(Credentials::new(mock.client_id(), mock.access_key())),
    )?;
    let query =
        EntityQuery::new(SAAS, SystemTime::now() - Duration::from_secs(7 * 24 * 3600)).from_is(SENDER);

    // 1. Search: every page, read lazily.
    let mut to_quarantine: Vec<EntityId> = Vec::new();
    for entity in client.search_entities(query.clone()) {
        let entity = entity?;
        let quarantined = entity.is_quarantined == Some(true);
        println!(
            "{}  {}  quarantined: {quarantined}",
            entity.entity_id.as_ref().map_or("-", |id| id.as_str()),
            entity.subject.as_deref().unwrap_or("")
        );
        if let (Some(id), false) = (entity.entity_id, quarantined) {
            to_quarantine.push(id);
        }
    }

    // 2. Quarantine, in batches of at most 100 ids; never resent once it may have run.
    let mut tasks: Vec<TaskId> = Vec::new();
    for answer in client.act_on_entities(EntityAction::Quarantine, SAAS, &to_quarantine) {
        for task in answer?.task_ids() {
            if !tasks.contains(&task) {
                tasks.push(task);
            }
        }
    }
    println!("quarantining {} messages in {} task(s)", to_quarantine.len(), tasks.len());

    // 3. Wait for every task.
    for task in &tasks {
        let done = client.wait_for_task(task, |update| {
            let status = update.task.status.as_ref().map_or("unknown", |status| status.as_str());
            println!("task {task}: {status}");
        })?;
        println!("task {task} ended: {}", done.status.as_ref().map_or("unknown", |status| status.as_str()));
    }

    // 4. Search again: the campaign is quarantined.
    let mut quarantined = 0;
    let mut total = 0;
    for entity in client.search_entities(query) {
        total += 1;
        quarantined += usize::from(entity?.is_quarantined == Some(true));
    }
    println!("{quarantined} of {total} messages from {SENDER} are quarantined");
    Ok(())
}
