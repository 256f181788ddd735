//! `report/mis-classification`: telling Check Point its verdict was wrong, a member of the write
//! family.

use std::borrow::Cow;

use crate::endpoint::write::{Write, WriteKind};
use crate::model::misclassification::MisclassificationReport;
use crate::wire::request_data::request_data;

/// The path of the report.
const REPORT_PATH: &str = api_path!("/report/mis-classification");

/// A mis-classification report (`POST /app/hec-api/v1.0/report/mis-classification`); see
/// [`Write`](super::Write): success is envelope code 200, and a report that may have reached the
/// service is never sent again.
///
/// ```
/// use hec_proto::endpoint::{Endpoint, ReportMisclassification};
/// use hec_proto::model::{Classification, Confidence, MisclassificationReport};
/// use hec_proto::{AccessToken, Region, RequestId, ResponseErrorKind};
/// let report = MisclassificationReport::new(vec!["0f3c2a9e".parse()?], Classification::MarketingEmail)
///     .confidence(Confidence::NotSoSure);
/// let call = ReportMisclassification::new(report);
/// let request = call.request(&Region::Eu.base_url(), &AccessToken::new("made-up"), RequestId::new())?;
/// assert_eq!(request.uri().path(), "/app/hec-api/v1.0/report/mis-classification");
/// assert_eq!(
///     std::str::from_utf8(request.body())?,
///     r#"{"requestData":{"entityIds":["0f3c2a9e"],"classification":"marketing_email","confident":"not_so_sure"}}"#
/// );
/// let refused = http::Response::new(br#"{"responseEnvelope": {"responseCode": 422}, "responseData": []}"#.to_vec());
/// assert_eq!(call.parse(&refused, RequestId::new()).unwrap_err().kind(), ResponseErrorKind::ApiError);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub type ReportMisclassification = Write<MisclassificationReport>;

impl WriteKind for MisclassificationReport {
    const METHOD: http::Method = http::Method::POST;
    const PATH_TEMPLATE: &'static str = REPORT_PATH;
    const SUCCESS_CODE: u16 = 200;

    fn path(&self) -> Cow<'static, str> {
        Cow::Borrowed(REPORT_PATH)
    }

    fn body(&self) -> Option<Vec<u8>> {
        Some(request_data(self))
    }
}
