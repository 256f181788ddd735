//! The fault matrix of hec-fixtures, run against the blocking driver.

use hec_blocking::Client;
use hec_fixtures::matrix::Driver;
use hec_proto::endpoint::TaskResponse;
use hec_proto::policy::{WaitEvent, WaitUpdate};
use hec_proto::{
    ActionResponse, ClientConfig, Entity, EntityAction, EntityId, EntityQuery, Error, EventAction, EventId,
    Task, TaskId,
};

struct Blocking(Client);

impl Driver for Blocking {
    fn build(config: ClientConfig) -> Result<Self, Error> {
        Client::from_config(config).map(Blocking)
    }

    fn get_task(&self, id: &TaskId) -> Result<TaskResponse, Error> {
        self.0.get_task(id)
    }

    fn wait_for_task(&self, id: &TaskId, on_update: &mut dyn FnMut(&WaitUpdate)) -> Result<Task, Error> {
        self.0.wait_for_task(id, on_update)
    }

    fn get_tasks_concurrently(&self, ids: &[TaskId]) -> Vec<Result<TaskResponse, Error>> {
        // Each thread reports to the test's tracing subscriber, so its output is checked too.
        let dispatch = tracing::dispatcher::get_default(Clone::clone);
        let barrier = std::sync::Barrier::new(ids.len());
        std::thread::scope(|scope| {
            let handles: Vec<_> = ids
                .iter()
                .map(|id| {
                    let (client, dispatch, barrier) = (self.0.clone(), dispatch.clone(), &barrier);
                    scope.spawn(move || {
                        tracing::dispatcher::with_default(&dispatch, || {
                            barrier.wait();
                            client.get_task(id)
                        })
                    })
                })
                .collect();
            handles.into_iter().map(|handle| handle.join().expect("a caller thread panicked")).collect()
        })
    }

    fn act_on_entities(
        &self,
        action: EntityAction,
        saas: &str,
        ids: &[EntityId],
    ) -> Result<Vec<ActionResponse>, Error> {
        self.0.act_on_entities(action, saas, ids).collect()
    }

    fn act_on_events(&self, action: EventAction, ids: &[EventId]) -> Result<Vec<ActionResponse>, Error> {
        self.0.act_on_events(action, ids).collect()
    }

    fn wait_for_tasks(&self, ids: &[TaskId], on_event: &mut dyn FnMut(WaitEvent)) {
        self.0.wait_for_tasks(ids, on_event);
    }

    fn search_entities(&self, query: EntityQuery, max_items: usize) -> Vec<Result<Entity, Error>> {
        self.0.search_entities(query).take(max_items).collect()
    }
}

hec_fixtures::driver_matrix!(Blocking);
