//! What the API sends and takes: typed, tolerant views of its objects and ids.

pub(crate) mod action;
pub(crate) mod action_name;
pub(crate) mod detection;
pub(crate) mod entity;
pub(crate) mod entity_query;
pub(crate) mod event;
pub(crate) mod event_query;
pub(crate) mod exception;
pub(crate) mod filter;
pub(crate) mod id;
pub(crate) mod misclassification;
pub(crate) mod one_or_list;
pub(crate) mod page;
pub(crate) mod raw;
pub(crate) mod retry_after;
pub(crate) mod scan;
pub(crate) mod status;
pub(crate) mod task;
pub(crate) mod task_id;
pub(crate) mod time;

pub use crate::wire::envelope::Envelope;
pub use action::{ActionResponse, ActionTask};
pub use action_name::{EntityAction, EventAction};
pub use detection::{
    CpDetection, CpQuarantinedState, DetectionFilter, LogicOp, MsDetection, MsQuarantinedState,
    UnknownDetectionValue,
};
pub use entity::Entity;
pub use entity_query::EntityQuery;
pub use event::Event;
pub use event_query::EventQuery;
pub use exception::anomaly::{AnomalyException, AnomalyExceptionDelete, NewAnomalyException};
pub use exception::anti_phishing::ApException;
pub use exception::anti_phishing_criteria::{
    ApExceptionCriteria, ApExceptionCriteriaBuilder, ApExceptionType, DomainMatching, TextMatching,
    UnknownApExceptionType,
};
pub use exception::click_time::{CtpItem, CtpItemBody, CtpItemsDelete, CtpListRow};
pub use exception::id::{
    AnomalyRuleId, CtpItemId, CtpListId, ExceptionId, InvalidAnomalyRuleId, InvalidCtpItemId,
    InvalidCtpListId, InvalidExceptionId,
};
pub use exception::invalid::InvalidExceptionRequest;
pub use exception::tool::ToolException;
pub use exception::tool_key::{
    InvalidToolExceptionKey, InvalidToolExceptionType, MAX_TOOL_EXCEPTION_KEY_LEN, SecTool, ToolExceptionKey,
    ToolExceptionType, UnknownSecTool,
};
pub use exception::tool_request::{
    LinkCondition, NewToolException, SortDir, ToolExceptionBulkDelete, ToolExceptionDelete,
    ToolExceptionIndex, ToolExceptionQuery, ToolExceptionUpdate, ToolExceptionUpdateBuilder,
};
pub use filter::{Filter, FilterOp, InvalidFilter};
pub use id::{EntityId, EventId, InvalidEntityId, InvalidEventId};
pub use misclassification::{Classification, Confidence, MisclassificationReport, UnknownReportValue};
pub use page::Page;
pub use raw::RawJson;
pub use scan::{InvalidScanResults, Reason, ScanRecord, ScanResults, ScanTool, Score, ToolScan};
pub use status::{ActionStatus, TaskStatus};
pub use task::{Task, TaskAction};
pub use task_id::{InvalidTaskId, MAX_TASK_ID_LEN, TaskId};
pub use time::{HecTime, InvalidTime};
