//! `GET /app/hec-api/v1.0/task/{taskId}`: the action execution status.

use crate::body::{Data, TaskBody};
use crate::response::{detail_with, from_json, malformed, status_error};
use crate::{AccessToken, BaseUrl, Envelope, Error, RequestId, Task, TaskId};

/// The path of the task endpoint, below the gateway's base URL.
pub const TASK_PATH: &str = "/app/hec-api/v1.0/task/";

/// One "action execution status" call: builds the request and parses its response.
///
/// Each call has its own [`RequestId`]; build a new `GetTask` for every attempt.
///
/// ```
/// use hec_proto::{AccessToken, GetTask, Region, TaskId};
/// let call = GetTask::new("1691529376887109".parse::<TaskId>()?);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"))?;
/// assert_eq!(request.uri(), "https://cloudinfra-gw.portal.checkpoint.com/app/hec-api/v1.0/task/1691529376887109");
/// assert_eq!(request.headers()["x-av-req-id"], call.request_id().to_string().as_str());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct GetTask {
    task_id: TaskId,
    request_id: RequestId,
}

/// A request that could not be built: the token holds characters a header cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the access token cannot be sent in an HTTP header (it holds control or non-visible characters)")]
pub struct InvalidToken;

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
    /// A call for this task, with a fresh request id.
    pub fn new(task_id: TaskId) -> Self {
        GetTask { task_id, request_id: RequestId::new() }
    }

    /// A call with a request id of the caller's choosing.
    pub fn with_request_id(task_id: TaskId, request_id: RequestId) -> Self {
        GetTask { task_id, request_id }
    }

    /// The task asked about.
    pub fn task_id(&self) -> &TaskId {
        &self.task_id
    }

    /// The `x-av-req-id` this call sends.
    pub fn request_id(&self) -> RequestId {
        self.request_id
    }

    /// The path this call requests, below the base URL.
    pub fn path(&self) -> String {
        let mut path = String::with_capacity(TASK_PATH.len() + self.task_id.as_str().len());
        path.push_str(TASK_PATH);
        path.push_str(self.task_id.as_str());
        path
    }

    /// `GET {base}/app/hec-api/v1.0/task/{taskId}` with `x-av-req-id`, a sensitive
    /// `Authorization: Bearer` header and `Accept: application/json`; no body.
    pub fn request(
        &self,
        base: &BaseUrl,
        token: &AccessToken,
    ) -> Result<http::Request<Vec<u8>>, InvalidToken> {
        let authorization = token.authorization().map_err(|_| InvalidToken)?;
        let mut request = http::Request::new(Vec::new());
        *request.method_mut() = http::Method::GET;
        // A TaskId holds only [A-Za-z0-9_-] and a BaseUrl is a checked absolute URL.
        *request.uri_mut() = http::Uri::try_from(base.join(&self.path()))
            .expect("a base URL and a validated task id always form a valid URI");
        let headers = request.headers_mut();
        headers.reserve(3);
        headers.insert("x-av-req-id", self.request_id.header_value());
        headers.insert(http::header::AUTHORIZATION, authorization);
        headers.insert(http::header::ACCEPT, http::HeaderValue::from_static("application/json"));
        Ok(request)
    }

    /// Reads the response: the HTTP status, then the envelope's `responseCode`, then the task.
    pub fn parse<B: AsRef<[u8]>>(&self, response: &http::Response<B>) -> Result<TaskResponse, Error> {
        // On the stack: the id is needed only if the answer is an error.
        let mut buffer = [0u8; uuid::fmt::Hyphenated::LENGTH];
        let request_id = self.request_id.as_uuid().hyphenated().encode_lower(&mut buffer);
        parse_task_response(response, Some(request_id))
    }
}

/// Reads a task answer: the HTTP status, then the envelope's `responseCode`, then the task.
/// `sent_request_id` is reported in errors when the body does not echo one.
pub fn parse_task_response<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<TaskResponse, Error> {
    if let Some(error) = status_error(response, sent_request_id, false) {
        return Err(error);
    }
    let status = response.status();
    let body = response.body().as_ref();
    let parsed: TaskBody =
        from_json(body).map_err(|(path, error)| malformed(&path, error, status, body, sent_request_id))?;
    if let Some(envelope) = parsed.envelope.as_ref().filter(|e| !e.is_success()) {
        return Err(Error::Api(detail_with(status, body, sent_request_id, Some(envelope), None)));
    }
    match parsed.data {
        Data::Task(task) => Ok(TaskResponse { envelope: parsed.envelope, task: *task }),
        Data::Empty | Data::Skipped => Err(Error::Malformed {
            path: "responseData".to_owned(),
            reason: "the answer reports success but holds no task".to_owned(),
            detail: detail_with(status, body, sent_request_id, parsed.envelope.as_ref(), None),
        }),
    }
}
