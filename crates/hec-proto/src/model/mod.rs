//! What the API sends and takes: typed, tolerant views of its objects and ids.

pub(crate) mod action;
pub(crate) mod action_name;
pub(crate) mod entity;
pub(crate) mod entity_query;
pub(crate) mod envelope;
pub(crate) mod event;
pub(crate) mod event_query;
pub(crate) mod filter;
pub(crate) mod id;
pub(crate) mod page;
pub(crate) mod raw;
pub(crate) mod status;
pub(crate) mod task;
pub(crate) mod task_id;
pub(crate) mod time;

pub use action::{ActionResponse, ActionTask};
pub use action_name::{EntityAction, EventAction};
pub use entity::Entity;
pub use entity_query::EntityQuery;
pub use envelope::Envelope;
pub use event::Event;
pub use event_query::EventQuery;
pub use filter::{Filter, FilterOp, InvalidFilter};
pub use id::{EntityId, EventId, InvalidEntityId, InvalidEventId};
pub use page::Page;
pub use raw::RawJson;
pub use status::{ActionStatus, TaskStatus};
pub use task::{Task, TaskAction};
pub use task_id::{InvalidTaskId, MAX_TASK_ID_LEN, TaskId};
pub use time::{HecTime, InvalidTime};
