//! `ResponseError`: every way a HEC response can fail to be the answer asked for.

use std::fmt;

use crate::model::retry_after::RetryAfter;
use crate::model::task_id::TaskId;

/// What a person needs to act on a failed response: the HTTP status, the envelope's code and
/// texts, the request id, and a short excerpt of the body that never holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResponseDetail {
    /// The HTTP status.
    pub status: http::StatusCode,
    /// The request id: the envelope's echo when the body had one, else the id the request was sent
    /// with (if known).
    pub request_id: Option<String>,
    /// The envelope's `responseCode`.
    pub response_code: Option<i64>,
    /// The envelope's `responseText`, or a top-level `message`.
    pub response_text: Option<String>,
    /// The envelope's `additionalText`.
    pub additional_text: Option<String>,
    /// The `Retry-After` header, when the response carried a usable one.
    pub retry_after: Option<RetryAfter>,
    /// The start of the body (at most 200 characters), secrets redacted.
    pub excerpt: String,
}

impl fmt::Display for ResponseDetail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "HTTP {}", self.status.as_u16())?;
        if let Some(code) = self.response_code {
            write!(f, ", responseCode {code}")?;
        }
        for text in [&self.response_text, &self.additional_text].into_iter().flatten() {
            if !text.is_empty() {
                write!(f, ", {text:?}")?;
            }
        }
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        if !self.excerpt.is_empty() && self.response_text.as_deref().is_none_or(str::is_empty) {
            write!(f, ", body: {}", self.excerpt)?;
        }
        Ok(())
    }
}

/// A response that is not the answer asked for.
///
/// Variants follow what a caller does next: refresh the token, fix the request, wait and retry,
/// or report. Every variant carries a [`ResponseDetail`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ResponseError {
    /// HTTP 401 from the API: the token is missing, expired or revoked.
    #[error("unauthorized: the access token was refused ({0})")]
    Unauthorized(Box<ResponseDetail>),
    /// HTTP 403: the key may not do this.
    #[error("forbidden: the API key is not allowed to do this ({0})")]
    Forbidden(Box<ResponseDetail>),
    /// HTTP 404 without the API's envelope: the gateway knows no such path (check the base
    /// URL's path prefix).
    #[error("not found ({0})")]
    NotFound(Box<ResponseDetail>),
    /// The task endpoint says it has no such task: its envelope's `responseCode` is 404 or 422
    /// and it holds no task (the live service answers an unknown id with HTTP 200, `responseCode`
    /// 422 and `responseData: []`), or an HTTP 404 that carries the envelope. The id may be
    /// wrong, or the API key may belong to another tenant or region than the action that made
    /// the task.
    #[error(
        "task {}not found ({detail}); check the id, and that the API key belongs to the tenant and region where the action ran",
        task_id.as_ref().map(|id| format!("{id} ")).unwrap_or_default()
    )]
    TaskNotFound {
        /// The task asked about, when the parser knew it ([`GetTask`](crate::endpoint::GetTask) does).
        task_id: Option<TaskId>,
        /// The response.
        detail: Box<ResponseDetail>,
    },
    /// HTTP 429; [`ResponseError::retry_after`] says how long the service asked to wait.
    #[error("rate limited{retry} ({0})", retry = retry_after_text(&.0.retry_after))]
    RateLimited(Box<ResponseDetail>),
    /// HTTP 5xx.
    #[error("server error ({0})")]
    Server(Box<ResponseDetail>),
    /// HTTP 3xx: the gateway sent the request elsewhere. hec never follows a redirect (the token
    /// must not reach another host); the error names the target.
    #[error("the gateway redirected to {} and redirects are not followed ({detail})", location.as_deref().unwrap_or("an unnamed location"))]
    Redirect {
        /// The `Location` header, if any.
        location: Option<String>,
        /// The response.
        detail: Box<ResponseDetail>,
    },
    /// Any other HTTP status that is not 2xx.
    #[error("unexpected HTTP status ({0})")]
    HttpStatus(Box<ResponseDetail>),
    /// HTTP 2xx, but the envelope's `responseCode` is not 0 or 2xx (a logical failure).
    #[error("the API reported a failure ({0})")]
    Api(Box<ResponseDetail>),
    /// The body is not what the endpoint sends.
    #[error("malformed response at {}: {reason} ({detail})", if path.is_empty() { "the top level" } else { path.as_str() })]
    Malformed {
        /// The JSON path that did not fit (`responseData.progress`), empty for the top level.
        path: String,
        /// What did not fit.
        reason: String,
        /// The response.
        detail: Box<ResponseDetail>,
    },
    /// The auth endpoint refused the credentials: a wrong client id or access key, an expired
    /// key, or a key of another region.
    #[error(
        "authentication failed: the client id or access key was refused (wrong, expired, or for another region) ({0})"
    )]
    BadCredentials(Box<ResponseDetail>),
}

fn retry_after_text(retry_after: &Option<RetryAfter>) -> String {
    match retry_after {
        Some(RetryAfter::Seconds(seconds)) => format!(", retry after {seconds} s"),
        Some(RetryAfter::At(at)) => format!(", retry after {at}"),
        Some(RetryAfter::FarFuture) => ", retry after a date past the year 9999".to_owned(),
        None => String::new(),
    }
}

/// The kind of an [`ResponseError`], as a stable name for scripts and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResponseErrorKind {
    /// [`ResponseError::Unauthorized`].
    Unauthorized,
    /// [`ResponseError::Forbidden`].
    Forbidden,
    /// [`ResponseError::NotFound`].
    NotFound,
    /// [`ResponseError::TaskNotFound`].
    TaskNotFound,
    /// [`ResponseError::RateLimited`].
    RateLimited,
    /// [`ResponseError::Server`].
    ServerError,
    /// [`ResponseError::Redirect`].
    Redirect,
    /// [`ResponseError::HttpStatus`].
    HttpStatus,
    /// [`ResponseError::Api`].
    ApiError,
    /// [`ResponseError::Malformed`].
    Malformed,
    /// [`ResponseError::BadCredentials`].
    BadCredentials,
}

impl ResponseErrorKind {
    /// The kind's name: `unauthorized`, `forbidden`, `not_found`, `task_not_found`, `rate_limited`, `server_error`,
    /// `redirect`, `http_status`, `api_error`, `malformed` or `bad_credentials`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ResponseErrorKind::Unauthorized => "unauthorized",
            ResponseErrorKind::Forbidden => "forbidden",
            ResponseErrorKind::NotFound => "not_found",
            ResponseErrorKind::TaskNotFound => "task_not_found",
            ResponseErrorKind::RateLimited => "rate_limited",
            ResponseErrorKind::ServerError => "server_error",
            ResponseErrorKind::Redirect => "redirect",
            ResponseErrorKind::HttpStatus => "http_status",
            ResponseErrorKind::ApiError => "api_error",
            ResponseErrorKind::Malformed => "malformed",
            ResponseErrorKind::BadCredentials => "bad_credentials",
        }
    }
}

impl fmt::Display for ResponseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ResponseError {
    /// The kind, for matching on a name.
    pub fn kind(&self) -> ResponseErrorKind {
        match self {
            ResponseError::Unauthorized(_) => ResponseErrorKind::Unauthorized,
            ResponseError::Forbidden(_) => ResponseErrorKind::Forbidden,
            ResponseError::NotFound(_) => ResponseErrorKind::NotFound,
            ResponseError::TaskNotFound { .. } => ResponseErrorKind::TaskNotFound,
            ResponseError::RateLimited(_) => ResponseErrorKind::RateLimited,
            ResponseError::Server(_) => ResponseErrorKind::ServerError,
            ResponseError::Redirect { .. } => ResponseErrorKind::Redirect,
            ResponseError::HttpStatus(_) => ResponseErrorKind::HttpStatus,
            ResponseError::Api(_) => ResponseErrorKind::ApiError,
            ResponseError::Malformed { .. } => ResponseErrorKind::Malformed,
            ResponseError::BadCredentials(_) => ResponseErrorKind::BadCredentials,
        }
    }

    /// The kind's stable name (`not_found`, `rate_limited`, ...: [`ResponseErrorKind::as_str`]),
    /// the same accessor as [`Error::kind_name`](crate::error::Error::kind_name) and
    /// [`TransportError::kind_name`](crate::transport::TransportError::kind_name), so that a
    /// caller names any of the three errors one way.
    pub fn kind_name(&self) -> &'static str {
        self.kind().as_str()
    }

    /// The response the error came from.
    pub fn detail(&self) -> &ResponseDetail {
        match self {
            ResponseError::Unauthorized(detail)
            | ResponseError::Forbidden(detail)
            | ResponseError::NotFound(detail)
            | ResponseError::Server(detail)
            | ResponseError::HttpStatus(detail)
            | ResponseError::Api(detail)
            | ResponseError::BadCredentials(detail)
            | ResponseError::RateLimited(detail)
            | ResponseError::Redirect { detail, .. }
            | ResponseError::TaskNotFound { detail, .. }
            | ResponseError::Malformed { detail, .. } => detail,
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> http::StatusCode {
        self.detail().status
    }

    /// The `Retry-After` the response carried (on a 429, or a 503), if any.
    pub fn retry_after(&self) -> Option<RetryAfter> {
        self.detail().retry_after
    }
}
