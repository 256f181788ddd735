//! `GET /app/hec-api/v1.0/task/{taskId}`: the action execution status.

use std::borrow::Cow;

use crate::endpoint::body::{Data, OneTask, TaskBody, Tasks, one_task};
use crate::endpoint::response::{detail_with, from_json, malformed, status_error};
use crate::endpoint::{Endpoint, with_request_id_text};
use serde_json::value::RawValue;

use crate::model::task::Task;
use crate::model::task_id::TaskId;
use crate::request_id::RequestId;
use crate::response_error::ResponseError;
use crate::wire::envelope::Envelope;

/// [`TASK_PATH`] as a literal, for the constants built from it.
macro_rules! task_path {
    () => {
        api_path!("/task/")
    };
}

/// The path of the task endpoint, below the gateway's base URL; the task id follows it.
pub const TASK_PATH: &str = task_path!();

/// One "action execution status" call (`GET /app/hec-api/v1.0/task/{taskId}`); see [`Endpoint`].
///
/// ```
/// use hec_proto::{AccessToken, Region, RequestId, TaskId};
/// use hec_proto::endpoint::{Endpoint, GetTask};
/// let call = GetTask::new("1691529376887109".parse::<TaskId>()?);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri(), "https://cloudinfra-gw.portal.checkpoint.com/app/hec-api/v1.0/task/1691529376887109");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetTask {
    task_id: TaskId,
}

/// A parsed task answer: the task, and the envelope it came in.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct TaskResponse {
    /// The envelope; `None` for the bare structure of the official documentation.
    pub envelope: Option<Envelope>,
    /// The task.
    pub task: Task,
}

impl GetTask {
    /// A call for this task.
    pub fn new(task_id: TaskId) -> Self {
        GetTask { task_id }
    }

    /// The task asked about.
    pub fn task_id(&self) -> &TaskId {
        &self.task_id
    }

    /// The path this call requests, below the base URL.
    pub fn path(&self) -> String {
        let mut path = String::with_capacity(TASK_PATH.len() + self.task_id.as_str().len());
        path.push_str(TASK_PATH);
        path.push_str(self.task_id.as_str());
        path
    }
}

impl Endpoint for GetTask {
    type Output = TaskResponse;
    const METHOD: http::Method = http::Method::GET;
    const PATH_TEMPLATE: &'static str = concat!(task_path!(), "{taskId}");

    /// `/app/hec-api/v1.0/task/{taskId}`; no body.
    fn request_path(&self) -> Cow<'_, str> {
        Cow::Owned(self.path())
    }

    /// This call's task.
    fn about_task(&self) -> Option<&TaskId> {
        Some(&self.task_id)
    }

    /// The HTTP status, then the envelope's `responseCode`, then the task.
    fn parse<B: AsRef<[u8]>>(
        &self,
        response: &http::Response<B>,
        request_id: RequestId,
    ) -> Result<TaskResponse, ResponseError> {
        with_request_id_text(request_id, |id| parse_task_response(response, Some(id))).map_err(|error| {
            match error {
                ResponseError::TaskNotFound { detail, .. } => {
                    ResponseError::TaskNotFound { task_id: Some(self.task_id.clone()), detail }
                }
                other => other,
            }
        })
    }
}

/// Reads a task answer: the HTTP status, then the envelope's `responseCode`, then the task.
/// `sent_request_id` is reported in errors when the body does not echo one.
///
/// The service saying it has no such task is [`ResponseError::TaskNotFound`] (without the id,
/// which only [`GetTask::parse`] knows): an envelope whose `responseCode` is 404 or 422 and no
/// task, in HTTP 2xx or 404. An HTTP 404 without the envelope is [`ResponseError::NotFound`].
///
/// The task keeps its JSON text exactly as sent ([`Task::raw`]). A success whose data holds no
/// task (`[]`, `null`, the send-action answer's `[{"entityId", "taskId"}]`, an object with neither
/// `id` nor `status`) is [`ResponseError::Malformed`].
pub fn parse_task_response<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<TaskResponse, ResponseError> {
    if let Some(error) = status_error(response, sent_request_id, false) {
        return Err(match error {
            ResponseError::NotFound(detail) if detail.response_code.is_some() => {
                ResponseError::TaskNotFound { task_id: None, detail }
            }
            other => other,
        });
    }
    let status = response.status();
    let body = response.body().as_ref();
    if let Some(answer) = one_pass(body) {
        return Ok(answer);
    }
    let parsed: TaskBody<&RawValue> =
        from_json(body).map_err(|(path, error)| malformed(&path, error, status, body, sent_request_id))?;
    let envelope = parsed.envelope;
    if let Some(failed) = envelope.as_ref().filter(|e| !e.is_success()) {
        let detail = detail_with(status, body, sent_request_id, Some(failed), None);
        let holds_no_task = match &parsed.data {
            Data::Absent | Data::Skipped => true,
            Data::Raw(data) => matches!(one_task(data), Ok(OneTask::Empty)),
            Data::Bare => false,
        };
        return Err(match failed.response_code {
            Some(404 | 422) if holds_no_task => ResponseError::TaskNotFound { task_id: None, detail },
            _ => ResponseError::Api(detail),
        });
    }
    let fail = |path: &str, reason: &str| ResponseError::Malformed {
        path: path.to_owned(),
        reason: reason.to_owned(),
        detail: detail_with(status, body, sent_request_id, envelope.as_ref(), None),
    };
    let no_task = "the answer reports success but holds no task";
    let (raw, at) = match parsed.data {
        Data::Raw(data) => match one_task(data) {
            Ok(OneTask::Found(raw, at)) => (raw, at),
            Ok(OneTask::Empty) => return Err(fail("responseData", no_task)),
            Err(reason) => return Err(fail("responseData", &reason)),
        },
        // The bare task is the whole body, which has just parsed as JSON.
        Data::Bare => match from_json::<&RawValue>(body) {
            Ok(raw) => (raw, ""),
            Err(_) => return Err(fail("", "the body is not UTF-8 JSON")),
        },
        Data::Absent | Data::Skipped => return Err(fail("responseData", no_task)),
    };
    let task = Task::from_raw_value(raw)
        .map_err(|(path, reason)| fail(&crate::model::raw::nest(at, &path), &reason))?;
    if !task.names_a_task() {
        let reason = format!("{no_task}: an object with neither `id` nor `status`");
        return Err(fail(if at.is_empty() { "" } else { at }, &reason));
    }
    Ok(TaskResponse { envelope, task })
}

/// The common answer, a success holding one task, read in one pass by hec-proto's reader (the
/// task's view as it is read, and one copy of its text). `None` for anything else (a failure,
/// no task or several, the bare structure, a body the reader declines): the general path of
/// [`parse_task_response`] reads those, and reports them.
fn one_pass(body: &[u8]) -> Option<TaskResponse> {
    let text = std::str::from_utf8(body).ok()?;
    let parsed: TaskBody<Tasks> = crate::wire::reader::from_str(text).ok()?;
    if parsed.envelope.as_ref().is_some_and(|envelope| !envelope.is_success()) {
        return None;
    }
    let Data::Raw(Tasks(tasks)) = parsed.data else {
        return None;
    };
    let [task] = <[Task; 1]>::try_from(tasks).ok()?;
    task.names_a_task().then_some(TaskResponse { envelope: parsed.envelope, task })
}
