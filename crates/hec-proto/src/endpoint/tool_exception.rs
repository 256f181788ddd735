//! The security-tool exceptions (`sectool-exceptions/{checkpoint2|avanan_url|avanan_dlp}`): one
//! by its key, a paged list (a `GET` that carries a JSON body), and a create, an update (`PUT`,
//! no id in the path), a delete of one and of many (`DELETE` with a JSON body).

use std::borrow::Cow;

use crate::endpoint::get::{Get, ReadById};
use crate::endpoint::paged::{CursorField, Paged, PagedQuery};
use crate::endpoint::write::{Write, WriteKind};
use crate::model::exception::tool::ToolException;
use crate::model::exception::tool_key::{SecTool, ToolExceptionKey, ToolExceptionType};
use crate::model::exception::tool_request::{
    NewToolException, ToolExceptionBulkDelete, ToolExceptionDelete, ToolExceptionQuery, ToolExceptionUpdate,
};
use crate::wire::request_data::request_data;

/// `/app/hec-api/v1.0/sectool-exceptions/{sectool}`.
fn tool_path(tool: SecTool) -> String {
    format!(concat!(api_path!("/sectool-exceptions/"), "{}"), tool.as_str())
}

/// One security-tool exception by its tool, type and key
/// (`GET /app/hec-api/v1.0/sectool-exceptions/{sectool}/exceptions/{excType}/{excStr}`); see
/// [`Get`](super::Get). The key is percent-encoded in the path
/// ([`ToolExceptionKey::path_segment`]); the answer is an object or a list of one.
///
/// ```
/// use hec_proto::endpoint::GetToolException;
/// use hec_proto::model::{SecTool, ToolExceptionKey, ToolExceptionType};
/// let key = ToolExceptionKey::new("https://payroll.evil.example/login")?;
/// let call = GetToolException::new((SecTool::UrlReputation, ToolExceptionType::BLOCK_URL, key));
/// assert_eq!(
///     call.path(),
///     "/app/hec-api/v1.0/sectool-exceptions/avanan_url/exceptions/block-url/https%3A%2F%2Fpayroll.evil.example%2Flogin"
/// );
/// # Ok::<(), hec_proto::model::InvalidToolExceptionKey>(())
/// ```
pub type GetToolException = Get<(SecTool, ToolExceptionType, ToolExceptionKey)>;

/// A tool exception is read by its tool, type and key.
impl ReadById for (SecTool, ToolExceptionType, ToolExceptionKey) {
    type Item = ToolException;
    const PATH_TEMPLATE: &'static str =
        api_path!("/sectool-exceptions/{sectool}/exceptions/{excType}/{excStr}");

    fn path(&self) -> String {
        format!("{}/exceptions/{}/{}", tool_path(self.0), self.1.as_str(), self.2.path_segment())
    }
}

/// One page of a tool's exceptions of one type
/// (`GET /app/hec-api/v1.0/sectool-exceptions/{sectool}/exceptions/{excType}` with the query as
/// `requestData`: a GET that carries a body); see [`Paged`](super::Paged). Each next page sends
/// the previous page's key as `lastEvaluatedKey`; where the answer puts it is not documented
/// ([`CursorField::LastEvaluatedKey`] says where it is looked for).
///
/// ```
/// use hec_proto::endpoint::{Endpoint, ListToolExceptions};
/// use hec_proto::model::{SecTool, ToolExceptionQuery, ToolExceptionType};
/// use hec_proto::{AccessToken, Region, RequestId};
/// let query = ToolExceptionQuery::new(SecTool::UrlReputation, ToolExceptionType::BLOCK_DOMAIN).limit(2);
/// let call = ListToolExceptions::at(query, Some("cdn.evil.example".to_owned()));
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.method(), "GET");
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/sectool-exceptions/avanan_url/exceptions/block-domain");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"lastEvaluatedKey":"cdn.evil.example","insertTimeGte":false,"limit":2}}"#
/// );
/// let answer = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200, "scrollId": ""},
///     "responseData": [{"exception_str": "payroll.evil.example"}], "lastEvaluatedKey": "payroll.evil.example"}"#.to_vec());
/// assert_eq!(call.parse(&answer, RequestId::new())?.cursor.as_deref(), Some("payroll.evil.example"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ListToolExceptions = Paged<ToolExceptionQuery>;

/// A tool exception list's pages are [`ListToolExceptions`] calls.
impl PagedQuery for ToolExceptionQuery {
    type Item = ToolException;
    const METHOD: http::Method = http::Method::GET;
    const PATH: &'static str = api_path!("/sectool-exceptions/{sectool}/exceptions/{excType}");
    const CURSOR: CursorField = CursorField::LastEvaluatedKey;

    /// `{"requestData": {...}}`, `lastEvaluatedKey` the cursor when there is one (else the
    /// query's own, if it starts after a key).
    fn request_body(&self, cursor: Option<&str>) -> Vec<u8> {
        match cursor {
            Some(cursor) => request_data(&self.clone().after(cursor)),
            None => request_data(self),
        }
    }

    fn path(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{}/exceptions/{}", tool_path(self.tool()), self.exception_type().as_str()))
    }
}

/// A new security-tool exception (`POST /app/hec-api/v1.0/sectool-exceptions/{sectool}`); see
/// [`Write`](super::Write): envelope code 201. Not idempotent.
///
/// ```
/// use hec_proto::endpoint::{CreateToolException, Endpoint};
/// use hec_proto::model::{NewToolException, SecTool, ToolExceptionKey, ToolExceptionType};
/// use hec_proto::{AccessToken, Region, RequestId};
/// let body = NewToolException::new(ToolExceptionType::FILE_TYPE, ToolExceptionKey::new(".iso")?);
/// let call = CreateToolException::new((SecTool::AntiMalware, body));
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/sectool-exceptions/checkpoint2");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"exceptionType":"file_type","exceptionStr":".iso","isExclusive":false}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type CreateToolException = Write<(SecTool, NewToolException)>;

impl WriteKind for (SecTool, NewToolException) {
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = api_path!("/sectool-exceptions/{sectool}");
    const SUCCESS_CODE: u16 = 201;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(tool_path(self.0))
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(&self.1))
    }
}

/// A security-tool exception changed (`PUT /app/hec-api/v1.0/sectool-exceptions/{sectool}`: no
/// id in the path, the body's type and key name the exception); see [`Write`](super::Write):
/// envelope code 200. Not idempotent.
pub type UpdateToolException = Write<(SecTool, ToolExceptionUpdate)>;

impl WriteKind for (SecTool, ToolExceptionUpdate) {
    const METHOD: http::Method = http::Method::PUT;
    const PATH_TEMPLATE: &'static str = api_path!("/sectool-exceptions/{sectool}");
    const SUCCESS_CODE: u16 = 200;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(tool_path(self.0))
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(&self.1))
    }
}

/// One security-tool exception deleted (`DELETE /app/hec-api/v1.0/sectool-exceptions/{sectool}`
/// with a JSON body naming it); see [`Write`](super::Write): envelope code 204. Not idempotent.
pub type DeleteToolException = Write<(SecTool, ToolExceptionDelete)>;

impl WriteKind for (SecTool, ToolExceptionDelete) {
    const METHOD: http::Method = http::Method::DELETE;
    const PATH_TEMPLATE: &'static str = api_path!("/sectool-exceptions/{sectool}");
    const SUCCESS_CODE: u16 = 204;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(tool_path(self.0))
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(&self.1))
    }
}

/// Several security-tool exceptions of one type deleted
/// (`DELETE /app/hec-api/v1.0/sectool-exceptions/{sectool}/exceptions` with `exceptionStrList`
/// in a JSON body); see [`Write`](super::Write): envelope code 204. Not idempotent.
pub type DeleteToolExceptions = Write<(SecTool, ToolExceptionBulkDelete)>;

impl WriteKind for (SecTool, ToolExceptionBulkDelete) {
    const METHOD: http::Method = http::Method::DELETE;
    const PATH_TEMPLATE: &'static str = api_path!("/sectool-exceptions/{sectool}/exceptions");
    const SUCCESS_CODE: u16 = 204;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(format!("{}/exceptions", tool_path(self.0)))
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(&self.1))
    }
}
