//! The fault matrix of hec-fixtures (the allow and block lists', the event feed's and the analyst's toolkit's scenarios too), run against the async driver.

use std::time::Duration;

use futures_util::{Stream, StreamExt, TryStreamExt};
use hec_async::{Client, EventFeed};
use hec_fixtures::matrix::{Driver, DriverFeed, ExceptionDriver, FeedDriver, ReadDriver, ToolkitDriver};
use hec_proto::endpoint::Written;
use hec_proto::model::{
    AnomalyException, AnomalyExceptionDelete, ApException, ApExceptionCriteria, ApExceptionType, CtpItem,
    CtpItemBody, CtpItemId, CtpItemsDelete, CtpListId, CtpListRow, ExceptionId, MisclassificationReport,
    NewAnomalyException, NewToolException, ScanResults, SecTool, ToolException, ToolExceptionBulkDelete,
    ToolExceptionDelete, ToolExceptionKey, ToolExceptionQuery, ToolExceptionType, ToolExceptionUpdate,
};

use hec_proto::endpoint::TaskResponse;
use hec_proto::policy::{FeedCheckpoint, FeedError, FeedOrigin, FeedPolicy, FeedStep, WaitEvent, WaitUpdate};
use hec_proto::{
    ActionResponse, ClientConfig, Entity, EntityAction, EntityId, EntityQuery, Error, Event, EventAction,
    EventId, EventQuery, Task, TaskId,
};
use tokio::runtime::Runtime;

/// A client and the single-threaded runtime its calls are blocked on. `block_on` runs every
/// future on the test's thread, so the test's tracing subscriber sees all of them.
struct Async {
    client: Client,
    runtime: Runtime,
}

impl Async {
    /// The items of `stream` as an iterator that blocks on the runtime for each: an item is
    /// polled for only when it is asked for.
    fn blocking_iter<'a, S: Stream + Unpin + 'a>(
        &'a self,
        mut stream: S,
    ) -> Box<dyn Iterator<Item = S::Item> + 'a> {
        Box::new(std::iter::from_fn(move || self.runtime.block_on(stream.next())))
    }
}

impl ReadDriver for Async {
    fn build(config: ClientConfig) -> Result<Self, Error> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a current-thread tokio runtime");
        let client = Client::from_config(config)?;
        Ok(Async { client, runtime })
    }

    fn scopes(&self) -> Result<Vec<String>, Error> {
        self.runtime.block_on(self.client.scopes())
    }

    fn search_entities(&self, query: EntityQuery) -> Box<dyn Iterator<Item = Result<Entity, Error>> + '_> {
        self.blocking_iter(self.client.search_entities(query))
    }

    fn get_entity(&self, id: &EntityId) -> Result<Entity, Error> {
        self.runtime.block_on(self.client.get_entity(id))
    }

    fn search_events(&self, query: EventQuery) -> Box<dyn Iterator<Item = Result<Event, Error>> + '_> {
        self.blocking_iter(self.client.search_events(query))
    }

    fn get_event(&self, id: &EventId) -> Result<Event, Error> {
        self.runtime.block_on(self.client.get_event(id))
    }
}

impl Driver for Async {
    const HTTP_LOG_TARGET: &'static str = "reqwest";
    const LOG_CAPPED_AT_DEBUG: bool = false;

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

    fn check_credentials(&self) -> Result<Duration, Error> {
        self.runtime.block_on(self.client.check_credentials())
    }
}

impl ExceptionDriver for Async {
    fn list_ap_exceptions(&self, list: ApExceptionType) -> Result<Vec<ApException>, Error> {
        self.runtime.block_on(self.client.list_ap_exceptions(list))
    }

    fn get_ap_exception(&self, list: ApExceptionType, id: &ExceptionId) -> Result<ApException, Error> {
        self.runtime.block_on(self.client.get_ap_exception(list, id))
    }

    fn create_ap_exception(
        &self,
        list: ApExceptionType,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error> {
        self.runtime.block_on(self.client.create_ap_exception(list, criteria))
    }

    fn modify_ap_exception(
        &self,
        list: ApExceptionType,
        id: &ExceptionId,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error> {
        self.runtime.block_on(self.client.modify_ap_exception(list, id, criteria))
    }

    fn delete_ap_exception(&self, list: ApExceptionType, id: &ExceptionId) -> Result<Written, Error> {
        self.runtime.block_on(self.client.delete_ap_exception(list, id))
    }

    fn get_tool_exception(
        &self,
        tool: SecTool,
        exception_type: &ToolExceptionType,
        key: &ToolExceptionKey,
    ) -> Result<ToolException, Error> {
        self.runtime.block_on(self.client.get_tool_exception(tool, exception_type, key))
    }

    fn create_tool_exception(&self, tool: SecTool, exception: &NewToolException) -> Result<Written, Error> {
        self.runtime.block_on(self.client.create_tool_exception(tool, exception))
    }

    fn update_tool_exception(&self, tool: SecTool, update: &ToolExceptionUpdate) -> Result<Written, Error> {
        self.runtime.block_on(self.client.update_tool_exception(tool, update))
    }

    fn delete_tool_exception(&self, tool: SecTool, delete: &ToolExceptionDelete) -> Result<Written, Error> {
        self.runtime.block_on(self.client.delete_tool_exception(tool, delete))
    }

    fn delete_tool_exceptions(
        &self,
        tool: SecTool,
        delete: &ToolExceptionBulkDelete,
    ) -> Result<Written, Error> {
        self.runtime.block_on(self.client.delete_tool_exceptions(tool, delete))
    }

    fn list_anomaly_exceptions(&self) -> Result<Vec<AnomalyException>, Error> {
        self.runtime.block_on(self.client.list_anomaly_exceptions())
    }

    fn create_anomaly_exception(&self, rule: &NewAnomalyException) -> Result<Written, Error> {
        self.runtime.block_on(self.client.create_anomaly_exception(rule))
    }

    fn delete_anomaly_exceptions(&self, delete: &AnomalyExceptionDelete) -> Result<Written, Error> {
        self.runtime.block_on(self.client.delete_anomaly_exceptions(delete))
    }

    fn list_ctp_lists(&self) -> Result<Vec<CtpListRow>, Error> {
        self.runtime.block_on(self.client.list_ctp_lists())
    }

    fn get_ctp_list(&self, id: &CtpListId) -> Result<Vec<CtpListRow>, Error> {
        self.runtime.block_on(self.client.get_ctp_list(id))
    }

    fn list_ctp_items(&self) -> Result<Vec<CtpItem>, Error> {
        self.runtime.block_on(self.client.list_ctp_items())
    }

    fn get_ctp_item(&self, id: &CtpItemId) -> Result<CtpItem, Error> {
        self.runtime.block_on(self.client.get_ctp_item(id))
    }

    fn create_ctp_item(&self, item: &CtpItemBody) -> Result<Written, Error> {
        self.runtime.block_on(self.client.create_ctp_item(item))
    }

    fn update_ctp_item(&self, id: &CtpItemId, item: &CtpItemBody) -> Result<Written, Error> {
        self.runtime.block_on(self.client.update_ctp_item(id, item))
    }

    fn delete_ctp_item(&self, id: &CtpItemId) -> Result<Written, Error> {
        self.runtime.block_on(self.client.delete_ctp_item(id))
    }

    fn delete_ctp_items(&self, delete: &CtpItemsDelete) -> Result<Written, Error> {
        self.runtime.block_on(self.client.delete_ctp_items(delete))
    }

    fn delete_all_ctp_lists(&self) -> Result<Written, Error> {
        self.runtime.block_on(self.client.delete_all_ctp_lists())
    }

    fn list_tool_exceptions(&self, query: ToolExceptionQuery) -> (Vec<Result<ToolException, Error>>, u32) {
        let mut search = self.client.list_tool_exceptions(query);
        let items = self.runtime.block_on(search.by_ref().collect());
        (items, search.pages())
    }
}

impl FeedDriver for Async {
    fn follow_events(
        &self,
        query: EventQuery,
        policy: FeedPolicy,
        until_caught_up: bool,
    ) -> Box<dyn DriverFeed + '_> {
        let feed = self.client.follow_events(query, policy);
        let feed = if until_caught_up { feed.until_caught_up() } else { feed };
        Box::new(AsyncFeed { feed, runtime: &self.runtime })
    }

    fn resume_events(
        &self,
        query: EventQuery,
        policy: FeedPolicy,
        checkpoint: FeedCheckpoint,
        until_caught_up: bool,
    ) -> Result<Box<dyn DriverFeed + '_>, FeedError> {
        let feed = self.client.resume_events(query, policy, checkpoint)?;
        let feed = if until_caught_up { feed.until_caught_up() } else { feed };
        Ok(Box::new(AsyncFeed { feed, runtime: &self.runtime }))
    }

    fn feed_origin(&self) -> FeedOrigin {
        self.client.feed_origin()
    }
}

/// hec-async's feed and the runtime its steps are blocked on.
struct AsyncFeed<'a> {
    feed: EventFeed,
    runtime: &'a Runtime,
}

impl DriverFeed for AsyncFeed<'_> {
    fn next_item(&mut self) -> Option<Result<Event, Error>> {
        self.runtime.block_on(self.feed.next())
    }

    fn step(&mut self) -> FeedStep {
        self.runtime.block_on(self.feed.step())
    }

    fn checkpoint(&self) -> FeedCheckpoint {
        self.feed.checkpoint()
    }

    fn put_back(&mut self, event: Event) {
        self.feed.put_back(event);
    }

    fn buffered_events(&self) -> usize {
        self.feed.buffered_events()
    }
}

hec_fixtures::driver_matrix!(Async);
impl ToolkitDriver for Async {
    fn download_entity(&self, id: &EntityId, original: bool, out: &mut Vec<u8>) -> Result<u64, Error> {
        self.runtime.block_on(self.client.download_entity(id, original, out))
    }

    fn notify(&self, id: &EntityId, emails: &[String]) -> Result<(), Error> {
        self.runtime.block_on(self.client.notify(id, emails))
    }

    fn report_misclassification(&self, report: &MisclassificationReport) -> Result<Written, Error> {
        self.runtime.block_on(self.client.report_misclassification(report))
    }

    fn decline_restore_requests(
        &self,
        saas: &str,
        ids: &[EntityId],
        reason: Option<&str>,
    ) -> Vec<Result<ActionResponse, Error>> {
        self.runtime.block_on(self.client.decline_restore_requests(saas, ids, reason).collect())
    }

    fn get_scan_results(&self, id: &EntityId) -> Result<Option<ScanResults>, Error> {
        self.runtime.block_on(self.client.get_scan_results(id))
    }
}

hec_fixtures::exception_matrix!(Async);
hec_fixtures::feed_matrix!(Async);
hec_fixtures::toolkit_matrix!(Async);

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
