//! The allow and block lists: every exception endpoint of hec-proto as a method of [`Client`],
//! the same names as in hec-blocking. Reads are retried like every read; writes (create,
//! update, delete) are not idempotent, so one that may have reached the service is never sent
//! again ([`Error::ActionOutcomeUnknown`]). The request bodies are hec-proto's typed ones, whose
//! builders refuse an empty criteria set before anything is sent.

use hec_proto::Error;
use hec_proto::endpoint::{
    AllAnomalyExceptions, AllCtpItems, AllCtpLists, CreateAnomalyException, CreateApException, CreateCtpItem,
    CreateToolException, DeleteAnomalyExceptions, DeleteApException, DeleteCtpItem, DeleteCtpItems,
    DeleteCtpLists, DeleteToolException, DeleteToolExceptions, GetApException, GetCtpItem, GetCtpList,
    GetToolException, ListAnomalyExceptions, ListApExceptions, ListCtpItems, ListCtpLists, ModifyApException,
    UpdateCtpItem, UpdateToolException, Written,
};
use hec_proto::model::{
    AnomalyException, AnomalyExceptionDelete, ApException, ApExceptionCriteria, ApExceptionType, CtpItem,
    CtpItemBody, CtpItemId, CtpItemsDelete, CtpListId, CtpListRow, ExceptionId, NewAnomalyException,
    NewToolException, SecTool, ToolException, ToolExceptionBulkDelete, ToolExceptionDelete, ToolExceptionKey,
    ToolExceptionQuery, ToolExceptionType, ToolExceptionUpdate,
};

use crate::Client;
use crate::paging::Search;

/// The security-tool exceptions a list finds: see [`Client::list_tool_exceptions`].
pub type ToolExceptionSearch = Search<ToolExceptionQuery>;

impl Client {
    /// Every exception of an anti-phishing list (`GET exceptions/{excType}`).
    pub async fn list_ap_exceptions(&self, list: ApExceptionType) -> Result<Vec<ApException>, Error> {
        self.execute(&ListApExceptions::new(list)).await
    }

    /// One anti-phishing exception (`GET exceptions/{excType}/{excId}`); an unknown id is a
    /// `not_found` error.
    pub async fn get_ap_exception(
        &self,
        list: ApExceptionType,
        id: &ExceptionId,
    ) -> Result<ApException, Error> {
        self.execute(&GetApException::new((list, id.clone()))).await
    }

    /// A new anti-phishing exception (`POST exceptions/{excType}`); the answer holds no id (list
    /// the exceptions to find it). Not sent again once it may have run.
    pub async fn create_ap_exception(
        &self,
        list: ApExceptionType,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error> {
        self.execute(&CreateApException::new((list, criteria.clone()))).await
    }

    /// An anti-phishing exception's criteria replaced (`PUT exceptions/{excType}/{excId}`). Not
    /// sent again once it may have run.
    pub async fn modify_ap_exception(
        &self,
        list: ApExceptionType,
        id: &ExceptionId,
        criteria: &ApExceptionCriteria,
    ) -> Result<Written, Error> {
        self.execute(&ModifyApException::new((list, id.clone(), criteria.clone()))).await
    }

    /// An anti-phishing exception deleted (`POST exceptions/{excType}/delete/{excId}`). Not sent
    /// again once it may have run.
    pub async fn delete_ap_exception(
        &self,
        list: ApExceptionType,
        id: &ExceptionId,
    ) -> Result<Written, Error> {
        self.execute(&DeleteApException::new((list, id.clone()))).await
    }

    /// One security-tool exception by its tool, type and key
    /// (`GET sectool-exceptions/{sectool}/exceptions/{excType}/{excStr}`); an unknown key is a
    /// `not_found` error.
    pub async fn get_tool_exception(
        &self,
        tool: SecTool,
        exception_type: &ToolExceptionType,
        key: &ToolExceptionKey,
    ) -> Result<ToolException, Error> {
        self.execute(&GetToolException::new((tool, exception_type.clone(), key.clone()))).await
    }

    /// One tool's exceptions of one type (`GET sectool-exceptions/{sectool}/exceptions/{excType}`
    /// with the query as its body), page after page (each next one after the last key) as the
    /// stream is polled; nothing is sent before the first item is asked for. A failed page ends
    /// it with its error.
    pub fn list_tool_exceptions(&self, query: ToolExceptionQuery) -> ToolExceptionSearch {
        Search::new(self.clone(), query)
    }

    /// A new security-tool exception (`POST sectool-exceptions/{sectool}`). Not sent again once it
    /// may have run.
    pub async fn create_tool_exception(
        &self,
        tool: SecTool,
        exception: &NewToolException,
    ) -> Result<Written, Error> {
        self.execute(&CreateToolException::new((tool, exception.clone()))).await
    }

    /// A security-tool exception's comment or condition changed (`PUT sectool-exceptions/{sectool}`).
    /// Not sent again once it may have run.
    pub async fn update_tool_exception(
        &self,
        tool: SecTool,
        update: &ToolExceptionUpdate,
    ) -> Result<Written, Error> {
        self.execute(&UpdateToolException::new((tool, update.clone()))).await
    }

    /// One security-tool exception deleted (`DELETE sectool-exceptions/{sectool}` with a body).
    /// Not sent again once it may have run.
    pub async fn delete_tool_exception(
        &self,
        tool: SecTool,
        delete: &ToolExceptionDelete,
    ) -> Result<Written, Error> {
        self.execute(&DeleteToolException::new((tool, delete.clone()))).await
    }

    /// Several security-tool exceptions of one type deleted
    /// (`DELETE sectool-exceptions/{sectool}/exceptions` with a body). Not sent again once it may
    /// have run.
    pub async fn delete_tool_exceptions(
        &self,
        tool: SecTool,
        delete: &ToolExceptionBulkDelete,
    ) -> Result<Written, Error> {
        self.execute(&DeleteToolExceptions::new((tool, delete.clone()))).await
    }

    /// Every anomaly exception rule (`GET sectools/anomaly/exceptions`).
    pub async fn list_anomaly_exceptions(&self) -> Result<Vec<AnomalyException>, Error> {
        self.execute(&ListAnomalyExceptions::new(AllAnomalyExceptions)).await
    }

    /// A new anomaly exception rule (`POST sectools/anomaly/exceptions`). Not sent again once it
    /// may have run.
    pub async fn create_anomaly_exception(&self, rule: &NewAnomalyException) -> Result<Written, Error> {
        self.execute(&CreateAnomalyException::new(rule.clone())).await
    }

    /// Anomaly exception rules deleted (`DELETE sectools/anomaly/exceptions` with a body). Not sent
    /// again once it may have run.
    pub async fn delete_anomaly_exceptions(&self, delete: &AnomalyExceptionDelete) -> Result<Written, Error> {
        self.execute(&DeleteAnomalyExceptions::new(delete.clone())).await
    }

    /// Every click-time-protection list, a row per item
    /// (`GET sectools/click_time_protection/exceptions`).
    pub async fn list_ctp_lists(&self) -> Result<Vec<CtpListRow>, Error> {
        self.execute(&ListCtpLists::new(AllCtpLists)).await
    }

    /// One click-time-protection list, a row per item (`GET .../exceptions/{listId}`).
    pub async fn get_ctp_list(&self, id: &CtpListId) -> Result<Vec<CtpListRow>, Error> {
        self.execute(&GetCtpList::new(id.clone())).await
    }

    /// Every item of every click-time-protection list (`GET .../exceptions/items`).
    pub async fn list_ctp_items(&self) -> Result<Vec<CtpItem>, Error> {
        self.execute(&ListCtpItems::new(AllCtpItems)).await
    }

    /// One click-time-protection item (`GET .../exceptions/items/{itemId}`); an unknown id is a
    /// `not_found` error.
    pub async fn get_ctp_item(&self, id: &CtpItemId) -> Result<CtpItem, Error> {
        self.execute(&GetCtpItem::new(id.clone())).await
    }

    /// A new click-time-protection item (`POST .../exceptions/items`). Not sent again once it may
    /// have run.
    pub async fn create_ctp_item(&self, item: &CtpItemBody) -> Result<Written, Error> {
        self.execute(&CreateCtpItem::new(item.clone())).await
    }

    /// A click-time-protection item changed (`PUT .../exceptions/items/{itemId}`). Not sent again
    /// once it may have run.
    pub async fn update_ctp_item(&self, id: &CtpItemId, item: &CtpItemBody) -> Result<Written, Error> {
        self.execute(&UpdateCtpItem::new((id.clone(), item.clone()))).await
    }

    /// A click-time-protection item deleted (`DELETE .../exceptions/items/{itemId}`). Not sent
    /// again once it may have run.
    pub async fn delete_ctp_item(&self, id: &CtpItemId) -> Result<Written, Error> {
        self.execute(&DeleteCtpItem::new(id.clone())).await
    }

    /// Several click-time-protection items deleted (`DELETE .../exceptions/items` with a body). Not
    /// sent again once it may have run.
    pub async fn delete_ctp_items(&self, delete: &CtpItemsDelete) -> Result<Written, Error> {
        self.execute(&DeleteCtpItems::new(delete.clone())).await
    }

    /// Every item of every click-time-protection list deleted
    /// (`DELETE sectools/click_time_protection/exceptions`): destructive. Not sent again once it
    /// may have run.
    pub async fn delete_all_ctp_lists(&self) -> Result<Written, Error> {
        self.execute(&DeleteCtpLists::new(AllCtpLists)).await
    }
}
