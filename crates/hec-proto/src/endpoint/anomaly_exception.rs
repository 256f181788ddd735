//! The anomaly exceptions (`sectools/anomaly/exceptions`): every rule, a create, and a delete
//! of rules by id (a `DELETE` with a JSON body).

use std::borrow::Cow;

use crate::endpoint::collection::{Collection, ReadList};
use crate::endpoint::write::{Write, WriteKind};
use crate::model::exception::anomaly::{AnomalyException, AnomalyExceptionDelete, NewAnomalyException};
use crate::wire::request_data::request_data;

/// The path of every anomaly exception call.
const ANOMALY_PATH: &str = api_path!("/sectools/anomaly/exceptions");

/// Every anomaly exception rule: what [`ListAnomalyExceptions`] reads.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct AllAnomalyExceptions;

/// Every anomaly exception rule (`GET /app/hec-api/v1.0/sectools/anomaly/exceptions`); see
/// [`Collection`](super::Collection).
///
/// ```
/// use hec_proto::endpoint::{Endpoint, ListAnomalyExceptions};
/// use hec_proto::RequestId;
/// let call = ListAnomalyExceptions::default();
/// assert_eq!(call.path(), "/app/hec-api/v1.0/sectools/anomaly/exceptions");
/// let answer = http::Response::new(br#"{"responseEnvelope": {"responseCode": 200},
///     "responseData": [{"id": 10002, "enabled": "false"}]}"#.to_vec());
/// let rules = call.parse(&answer, RequestId::new())?;
/// assert_eq!((rules[0].id.as_ref().map(|id| id.as_str()), rules[0].enabled), (Some("10002"), Some(false)));
/// # Ok::<(), hec_proto::ResponseError>(())
/// ```
pub type ListAnomalyExceptions = Collection<AllAnomalyExceptions>;

impl ReadList for AllAnomalyExceptions {
    type Item = AnomalyException;
    const PATH_TEMPLATE: &'static str = ANOMALY_PATH;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(ANOMALY_PATH)
    }
}

/// A new anomaly exception rule (`POST /app/hec-api/v1.0/sectools/anomaly/exceptions` with
/// `requestJson` and `addedBy`); see [`Write`](super::Write): envelope code 201. Not idempotent.
pub type CreateAnomalyException = Write<NewAnomalyException>;

impl WriteKind for NewAnomalyException {
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = ANOMALY_PATH;
    const SUCCESS_CODE: u16 = 201;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(ANOMALY_PATH)
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(self))
    }
}

/// Anomaly exception rules deleted (`DELETE /app/hec-api/v1.0/sectools/anomaly/exceptions`
/// with `ruleId`, a list, in a JSON body); see [`Write`](super::Write): envelope code 204. Not
/// idempotent.
///
/// ```
/// use hec_proto::endpoint::{DeleteAnomalyExceptions, Endpoint};
/// use hec_proto::model::AnomalyExceptionDelete;
/// use hec_proto::{AccessToken, Region, RequestId};
/// let call = DeleteAnomalyExceptions::new(AnomalyExceptionDelete::new(["10001".parse()?])?);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.method(), "DELETE");
/// assert_eq!(std::str::from_utf8(request.body())?, r#"{"requestData":{"ruleId":["10001"]}}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type DeleteAnomalyExceptions = Write<AnomalyExceptionDelete>;

impl WriteKind for AnomalyExceptionDelete {
    const METHOD: http::Method = http::Method::DELETE;
    const PATH_TEMPLATE: &'static str = ANOMALY_PATH;
    const SUCCESS_CODE: u16 = 204;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(ANOMALY_PATH)
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(self))
    }
}
