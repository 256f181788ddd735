//! The fault matrix of hec-fixtures, run against the async driver.

use futures_util::{StreamExt, TryStreamExt};
use hec_async::Client;
use hec_fixtures::matrix::Driver;
use hec_proto::endpoint::TaskResponse;
use hec_proto::policy::{WaitEvent, WaitUpdate};
use hec_proto::{
    ActionResponse, ClientConfig, Entity, EntityAction, EntityId, EntityQuery, Error, EventAction, EventId,
    Task, TaskId,
};
use tokio::runtime::Runtime;

/// A client and the single-threaded runtime its calls are blocked on. `block_on` runs every
/// future on the test's thread, so the test's tracing subscriber sees all of them.
struct Async {
    client: Client,
    runtime: Runtime,
}

impl Driver for Async {
    fn build(config: ClientConfig) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread tokio runtime");
        let client = Client::from_config(config)?;
        Ok(Async { client, runtime })
    }

    fn get_task(&self, id: &TaskId) -> Result<TaskResponse, Error> {
        self.runtime.block_on(self.client.get_task(id))
    }

    fn wait_for_task(&self, id: &TaskId, on_update: &mut dyn FnMut(&WaitUpdate)) -> Result<Task, Error> {
        self.runtime.block_on(self.client.wait_for_task(id, on_update))
    }

    fn get_tasks_concurrently(&self, ids: &[TaskId]) -> Vec<Result<TaskResponse, Error>> {
        // One future per id, all polled together on this thread: none has a token at first.
        let calls = ids.iter().map(|id| self.client.get_task(id));
        self.runtime.block_on(futures_util::future::join_all(calls))
    }

    fn act_on_entities(
        &self,
        action: EntityAction,
        saas: &str,
        ids: &[EntityId],
    ) -> Result<Vec<ActionResponse>, Error> {
        self.runtime.block_on(self.client.act_on_entities(action, saas, ids).try_collect())
    }

    fn act_on_events(&self, action: EventAction, ids: &[EventId]) -> Result<Vec<ActionResponse>, Error> {
        self.runtime.block_on(self.client.act_on_events(action, ids).try_collect())
    }

    fn wait_for_tasks(&self, ids: &[TaskId], on_event: &mut dyn FnMut(WaitEvent)) {
        let events = self.client.wait_for_tasks_stream(ids);
        self.runtime.block_on(events.for_each(|event| {
            on_event(event);
            std::future::ready(())
        }));
    }

    fn search_entities(&self, query: EntityQuery, max_items: usize) -> Vec<Result<Entity, Error>> {
        self.runtime.block_on(self.client.search_entities(query).take(max_items).collect())
    }
}

hec_fixtures::driver_matrix!(Async);

/// The client's futures can be spawned on a multi-threaded runtime.
#[test]
fn futures_and_the_stream_are_send() {
    fn send<T: Send>(_: &T) {}
    let client = Client::from_config(
        hec_async::ClientConfig::new()
            .base_url("http://127.0.0.1:9".parse().expect("a loopback URL"))
            .credentials(hec_proto::Credentials::new("id", "key")),
    )
    .expect("a client");
    let id = TaskId::from(1);
    send(&client.get_task(&id));
    send(&client.wait_for_task(&id, |_| {}));
    send(&client.check_credentials());
    send(&client.wait_for_task_stream(&id));
    send(&client.wait_for_tasks_stream(std::slice::from_ref(&id)));
}
