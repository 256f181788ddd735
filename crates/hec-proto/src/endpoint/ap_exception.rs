//! The anti-phishing exceptions (the allow and block lists, `exceptions/{excType}`): every
//! exception of a list, one by id, and a create, a modify and a delete (a `POST` to
//! `.../delete/{excId}`).

use std::borrow::Cow;

use crate::endpoint::collection::{Collection, ReadList};
use crate::endpoint::get::{Get, ReadById};
use crate::endpoint::write::{Write, WriteKind};
use crate::model::exception::anti_phishing::ApException;
use crate::model::exception::anti_phishing_criteria::{ApExceptionCriteria, ApExceptionType};
use crate::model::exception::id::ExceptionId;
use crate::wire::request_data::request_data;

/// Every exception of an anti-phishing list (`GET /app/hec-api/v1.0/exceptions/{excType}`); see
/// [`Collection`](super::Collection). Each keeps its raw JSON (`linkDomains: false`, RFC 1123 times...).
///
/// ```
/// use hec_proto::endpoint::{Endpoint, ListApExceptions};
/// use hec_proto::model::ApExceptionType;
/// use hec_proto::RequestId;
/// let call = ListApExceptions::new(ApExceptionType::SpamWhitelist);
/// assert_eq!(call.path(), "/app/hec-api/v1.0/exceptions/spam_whitelist");
/// let answer = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200},
///     "responseData": [{"entityId": "700000301", "linkDomains": false}]}"#.to_vec());
/// let list = call.parse(&answer, RequestId::new())?;
/// assert_eq!(list[0].id.as_ref().map(|id| id.as_str()), Some("700000301"));
/// # Ok::<(), hec_proto::ResponseError>(())
/// ```
pub type ListApExceptions = Collection<ApExceptionType>;

/// An anti-phishing list is read whole.
impl ReadList for ApExceptionType {
    type Item = ApException;
    const PATH_TEMPLATE: &'static str = api_path!("/exceptions/{excType}");

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(format!(concat!(api_path!("/exceptions/"), "{}"), self.as_str()))
    }
}

/// One anti-phishing exception (`GET /app/hec-api/v1.0/exceptions/{excType}/{excId}`); see
/// [`Get`](super::Get). Check Point's integration reads the answer as a list of one; an object
/// is read too. An unknown id answers `[]`: [`ResponseError::NotFound`](crate::ResponseError::NotFound).
///
/// ```
/// use hec_proto::endpoint::GetApException;
/// use hec_proto::model::ApExceptionType;
/// let call = GetApException::new((ApExceptionType::Blacklist, "700000201".parse()?));
/// assert_eq!(call.path(), "/app/hec-api/v1.0/exceptions/blacklist/700000201");
/// # Ok::<(), hec_proto::model::InvalidExceptionId>(())
/// ```
pub type GetApException = Get<(ApExceptionType, ExceptionId)>;

/// An anti-phishing exception is read by its list and id.
impl ReadById for (ApExceptionType, ExceptionId) {
    type Item = ApException;
    const PATH_TEMPLATE: &'static str = api_path!("/exceptions/{excType}/{excId}");

    fn path(&self) -> String {
        one_path(self.0, &self.1)
    }
}

/// `/app/hec-api/v1.0/exceptions/{excType}/{excId}`.
fn one_path(list: ApExceptionType, id: &ExceptionId) -> String {
    format!(concat!(api_path!("/exceptions/"), "{}/{}"), list.as_str(), id.as_str())
}

/// A new anti-phishing exception (`POST /app/hec-api/v1.0/exceptions/{excType}` with the
/// criteria as `requestData`); see [`Write`](super::Write): envelope code 200, and the answer
/// holds no id (list the exceptions to find it). Not idempotent.
///
/// ```
/// use hec_proto::endpoint::{CreateApException, Endpoint};
/// use hec_proto::model::{ApExceptionCriteria, ApExceptionType, TextMatching};
/// use hec_proto::{AccessToken, Region, RequestId};
/// let criteria = ApExceptionCriteria::builder()
///     .sender_email("billing@partner.example")
///     .sender_email_matching(TextMatching::Exact)
///     .build()?;
/// let call = CreateApException::new((ApExceptionType::Whitelist, criteria));
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!((request.method().as_str(), request.uri().path()), ("POST", "/app/hec-api/v1.0/exceptions/whitelist"));
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"senderEmail":"billing@partner.example","senderEmailMatching":"exact","ignoringSpfCheck":false}}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type CreateApException = Write<(ApExceptionType, ApExceptionCriteria)>;

/// A create names the list and the criteria.
impl WriteKind for (ApExceptionType, ApExceptionCriteria) {
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = api_path!("/exceptions/{excType}");
    const SUCCESS_CODE: u16 = 200;

    fn path(&self) -> Cow<'static, str> {
        ReadList::path(&self.0)
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(&self.1))
    }
}

/// An anti-phishing exception changed (`PUT /app/hec-api/v1.0/exceptions/{excType}/{excId}`
/// with the whole criteria as `requestData`: a modify replaces every criterion); see
/// [`Write`](super::Write): envelope code 200. Not idempotent.
pub type ModifyApException = Write<(ApExceptionType, ExceptionId, ApExceptionCriteria)>;

/// A modify names the list, the id and the new criteria.
impl WriteKind for (ApExceptionType, ExceptionId, ApExceptionCriteria) {
    const METHOD: http::Method = http::Method::PUT;
    const PATH_TEMPLATE: &'static str = api_path!("/exceptions/{excType}/{excId}");
    const SUCCESS_CODE: u16 = 200;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(one_path(self.0, &self.1))
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(&self.2))
    }
}

/// An anti-phishing exception deleted (`POST /app/hec-api/v1.0/exceptions/{excType}/delete/{excId}`,
/// no body: the delete is a `POST` with a `/delete/` segment); see [`Write`](super::Write):
/// envelope code 204. Not idempotent.
///
/// ```
/// use hec_proto::endpoint::{DeleteApException, Endpoint};
/// use hec_proto::model::ApExceptionType;
/// let call = DeleteApException::new((ApExceptionType::Whitelist, "700000101".parse()?));
/// assert_eq!(call.path(), "/app/hec-api/v1.0/exceptions/whitelist/delete/700000101");
/// assert_eq!(DeleteApException::METHOD, "POST");
/// # Ok::<(), hec_proto::model::InvalidExceptionId>(())
/// ```
pub type DeleteApException = Write<(ApExceptionType, ExceptionId)>;

/// A delete names the list and the id.
impl WriteKind for (ApExceptionType, ExceptionId) {
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = api_path!("/exceptions/{excType}/delete/{excId}");
    const SUCCESS_CODE: u16 = 204;

    fn path(&self) -> Cow<'static, str> {
        Cow::Owned(format!(
            concat!(api_path!("/exceptions/"), "{}/delete/{}"),
            self.0.as_str(),
            self.1.as_str()
        ))
    }

    fn body(&self) -> Option<Vec<u8>> {
        None
    }
}
