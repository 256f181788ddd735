//! The fault matrix of hec-fixtures (the allow and block lists', the event feed's and the analyst's toolkit's scenarios too), run against the blocking driver.

use std::time::Duration;

use hec_blocking::{Client, EventFeed};
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

struct Blocking(Client);

impl ReadDriver for Blocking {
    fn build(config: ClientConfig) -> Result<Self, Error> {
        Client::from_config(config).map(Blocking)
    }

    fn scopes(&self) -> Result<Vec<String>, Error> {
        self.0.scopes()
    }

    fn search_entities(&self, query: EntityQuery) -> Box<dyn Iterator<Item = Result<Entity, Error>> + '_> {
        Box::new(self.0.search_entities(query))
    }

    fn get_entity(&self, id: &EntityId) -> Result<Entity, Error> {
        self.0.get_entity(id)
    }

    fn search_events(&self, query: EventQuery) -> Box<dyn Iterator<Item = Result<Event, Error>> + '_> {
        Box::new(self.0.search_events(query))
    }

    fn get_event(&self, id: &EventId) -> Result<Event, Error> {
        self.0.get_event(id)
    }
}

impl Driver for Blocking {
    const HTTP_LOG_TARGET: &'static str = "ureq";
    const LOG_CAPPED_AT_DEBUG: bool = cfg!(feature = "cap-log-at-debug");

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

    fn check_credentials(&self) -> Result<Duration, Error> {
        self.0.check_credentials()
    }
}

impl ExceptionDriver for Blocking {
    fn list_ap_exceptions(&self, list: ApExceptionType) -> Result<Vec<ApException>, Error> {
        self.0.list_ap_exceptions(list)
    }

    fn get_ap_exception(&self, list: ApExceptionType, id: &ExceptionId) -> Result<ApException, Error> {
        self.0.get_ap_exception(list, id)
    }

    fn create_ap_exception(
        &self,
        list: ApExceptionType,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error> {
        self.0.create_ap_exception(list, criteria)
    }

    fn modify_ap_exception(
        &self,
        list: ApExceptionType,
        id: &ExceptionId,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error> {
        self.0.modify_ap_exception(list, id, criteria)
    }

    fn delete_ap_exception(&self, list: ApExceptionType, id: &ExceptionId) -> Result<Written, Error> {
        self.0.delete_ap_exception(list, id)
    }

    fn get_tool_exception(
        &self,
        tool: SecTool,
        exception_type: &ToolExceptionType,
        key: &ToolExceptionKey,
    ) -> Result<ToolException, Error> {
        self.0.get_tool_exception(tool, exception_type, key)
    }

    fn create_tool_exception(&self, tool: SecTool, exception: &NewToolException) -> Result<Written, Error> {
        self.0.create_tool_exception(tool, exception)
    }

    fn update_tool_exception(&self, tool: SecTool, update: &ToolExceptionUpdate) -> Result<Written, Error> {
        self.0.update_tool_exception(tool, update)
    }

    fn delete_tool_exception(&self, tool: SecTool, delete: &ToolExceptionDelete) -> Result<Written, Error> {
        self.0.delete_tool_exception(tool, delete)
    }

    fn delete_tool_exceptions(
        &self,
        tool: SecTool,
        delete: &ToolExceptionBulkDelete,
    ) -> Result<Written, Error> {
        self.0.delete_tool_exceptions(tool, delete)
    }

    fn list_anomaly_exceptions(&self) -> Result<Vec<AnomalyException>, Error> {
        self.0.list_anomaly_exceptions()
    }

    fn create_anomaly_exception(&self, rule: &NewAnomalyException) -> Result<Written, Error> {
        self.0.create_anomaly_exception(rule)
    }

    fn delete_anomaly_exceptions(&self, delete: &AnomalyExceptionDelete) -> Result<Written, Error> {
        self.0.delete_anomaly_exceptions(delete)
    }

    fn list_ctp_lists(&self) -> Result<Vec<CtpListRow>, Error> {
        self.0.list_ctp_lists()
    }

    fn get_ctp_list(&self, id: &CtpListId) -> Result<Vec<CtpListRow>, Error> {
        self.0.get_ctp_list(id)
    }

    fn list_ctp_items(&self) -> Result<Vec<CtpItem>, Error> {
        self.0.list_ctp_items()
    }

    fn get_ctp_item(&self, id: &CtpItemId) -> Result<CtpItem, Error> {
        self.0.get_ctp_item(id)
    }

    fn create_ctp_item(&self, item: &CtpItemBody) -> Result<Written, Error> {
        self.0.create_ctp_item(item)
    }

    fn update_ctp_item(&self, id: &CtpItemId, item: &CtpItemBody) -> Result<Written, Error> {
        self.0.update_ctp_item(id, item)
    }

    fn delete_ctp_item(&self, id: &CtpItemId) -> Result<Written, Error> {
        self.0.delete_ctp_item(id)
    }

    fn delete_ctp_items(&self, delete: &CtpItemsDelete) -> Result<Written, Error> {
        self.0.delete_ctp_items(delete)
    }

    fn delete_all_ctp_lists(&self) -> Result<Written, Error> {
        self.0.delete_all_ctp_lists()
    }

    fn list_tool_exceptions(&self, query: ToolExceptionQuery) -> (Vec<Result<ToolException, Error>>, u32) {
        let mut search = self.0.list_tool_exceptions(query);
        let items = search.by_ref().collect();
        (items, search.pages())
    }
}

impl FeedDriver for Blocking {
    fn follow_events(
        &self,
        query: EventQuery,
        policy: FeedPolicy,
        until_caught_up: bool,
    ) -> Box<dyn DriverFeed + '_> {
        let feed = self.0.follow_events(query, policy);
        Box::new(BlockingFeed(if until_caught_up { feed.until_caught_up() } else { feed }))
    }

    fn resume_events(
        &self,
        query: EventQuery,
        policy: FeedPolicy,
        checkpoint: FeedCheckpoint,
        until_caught_up: bool,
    ) -> Result<Box<dyn DriverFeed + '_>, FeedError> {
        let feed = self.0.resume_events(query, policy, checkpoint)?;
        Ok(Box::new(BlockingFeed(if until_caught_up { feed.until_caught_up() } else { feed })))
    }

    fn feed_origin(&self) -> FeedOrigin {
        self.0.feed_origin()
    }
}

/// hec-blocking's feed: an iterator already.
struct BlockingFeed(EventFeed);

impl DriverFeed for BlockingFeed {
    fn next_item(&mut self) -> Option<Result<Event, Error>> {
        self.0.next()
    }

    fn step(&mut self) -> FeedStep {
        self.0.step()
    }

    fn checkpoint(&self) -> FeedCheckpoint {
        self.0.checkpoint()
    }

    fn put_back(&mut self, event: Event) {
        self.0.put_back(event);
    }

    fn buffered_events(&self) -> usize {
        self.0.buffered_events()
    }
}

impl ToolkitDriver for Blocking {
    fn download_entity(&self, id: &EntityId, original: bool, out: &mut Vec<u8>) -> Result<u64, Error> {
        self.0.download_entity(id, original, out)
    }

    fn notify(&self, id: &EntityId, emails: &[String]) -> Result<(), Error> {
        self.0.notify(id, emails)
    }

    fn report_misclassification(&self, report: &MisclassificationReport) -> Result<Written, Error> {
        self.0.report_misclassification(report)
    }

    fn decline_restore_requests(
        &self,
        saas: &str,
        ids: &[EntityId],
        reason: Option<&str>,
    ) -> Vec<Result<ActionResponse, Error>> {
        self.0.decline_restore_requests(saas, ids, reason).collect()
    }

    fn get_scan_results(&self, id: &EntityId) -> Result<Option<ScanResults>, Error> {
        self.0.get_scan_results(id)
    }
}

hec_fixtures::driver_matrix!(Blocking);
hec_fixtures::exception_matrix!(Blocking);
hec_fixtures::feed_matrix!(Blocking);
hec_fixtures::toolkit_matrix!(Blocking);
