//! `EntityQuery`: what `POST /search/query` looks for (SaaS, dates, filters).

use std::time::SystemTime;

use serde::Serialize;

use crate::model::detection::{
    CpDetection, CpQuarantinedState, DetectionFilter, LogicOp, MsDetection, MsQuarantinedState,
};
use crate::model::filter::{Filter, FilterOp};
use crate::model::time::rfc3339_seconds;
use crate::wire::request_data::request_data;

/// A search for entities: one SaaS, a date window, and any number of [`Filter`]s (all must
/// hold). Paging is [`Pager`](crate::policy::Pager)'s; each page's request is a
/// [`SearchEntities`](crate::endpoint::SearchEntities).
///
/// On the wire (`requestData`): `entityFilter` holds `saas`, `saasEntity` (`<saas>_email` unless
/// set with [`EntityQuery::saas_entity`]), `startDate` and `endDate` as RFC 3339 UTC in whole
/// seconds; `entityExtendedFilter` holds the filters (left out when there are none);
/// `entityDetectionResolutionFilter` holds the detection and quarantine-state conditions (see
/// [`DetectionFilter`]; left out when none is set).
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use hec_proto::EntityQuery;
/// let start = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_255_200); // 2026-11-21T10:00:00Z
/// let query = EntityQuery::new("office365_emails", start)
///     .from_is("payroll@evil.example")
///     .subject_contains("Payroll");
/// assert_eq!(query.saas_entity_type(), "office365_emails_email");
/// assert_eq!(query.filters().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityQuery {
    saas: String,
    saas_entity: Option<String>,
    start: SystemTime,
    end: Option<SystemTime>,
    filters: Vec<Filter>,
    detection: DetectionFilter,
}

impl EntityQuery {
    /// Entities of `saas` (`office365_emails`, `google_mail`, ...) from `start` on.
    pub fn new(saas: impl Into<String>, start: SystemTime) -> Self {
        EntityQuery {
            saas: saas.into(),
            saas_entity: None,
            start,
            end: None,
            filters: Vec::new(),
            detection: DetectionFilter::default(),
        }
    }

    /// Entities up to `end` (without it the service decides; Check Point's own code often sends
    /// none).
    pub fn end(mut self, end: SystemTime) -> Self {
        self.end = Some(end);
        self
    }

    /// The entity type searched (`saasEntity`), for a SaaS whose type is not `<saas>_email`
    /// (those of the file and chat SaaS are not documented).
    pub fn saas_entity(mut self, entity_type: impl Into<String>) -> Self {
        self.saas_entity = Some(entity_type.into());
        self
    }

    /// Adds a condition.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filters.push(filter);
        self
    }

    /// Adds `entityPayload.fromEmail is address`.
    pub fn from_is(self, address: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.fromEmail", FilterOp::Is, address))
    }

    /// Adds `entityPayload.subject contains text`.
    pub fn subject_contains(self, text: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.subject", FilterOp::Contains, text))
    }

    /// Adds `entityPayload.recipients contains address`.
    pub fn recipient_contains(self, address: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.recipients", FilterOp::Contains, address))
    }

    /// Adds `entityPayload.internetMessageId is id`.
    pub fn message_id_is(self, id: impl Into<String>) -> Self {
        self.filter(Filter::new("entityPayload.internetMessageId", FilterOp::Is, id))
    }

    /// Adds a Check Point detection to `cpDetection` (mail Check Point found to be any of
    /// them).
    ///
    /// ```
    /// use std::time::SystemTime;
    /// use hec_proto::EntityQuery;
    /// use hec_proto::model::{CpDetection, LogicOp, MsDetection, MsQuarantinedState};
    /// let query = EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH)
    ///     .cp_detection(CpDetection::Phishing)
    ///     .ms_detection(MsDetection::Other("ms_new_verdict".to_owned()))
    ///     .detection_op(LogicOp::And)
    ///     .ms_quarantined_state(MsQuarantinedState::DeliveredInbox);
    /// assert_eq!(
    ///     serde_json::to_string(query.detection_filter())?,
    ///     r#"{"cpDetection":["cp_phishing"],"msDetection":["ms_new_verdict"],"detectionOp":"AND","msQuarantinedState":"ms_delivered_inbox"}"#
    /// );
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn cp_detection(mut self, detection: CpDetection) -> Self {
        self.detection.cp_detection.push(detection);
        self
    }

    /// Adds a Microsoft detection to `msDetection`.
    pub fn ms_detection(mut self, detection: MsDetection) -> Self {
        self.detection.ms_detection.push(detection);
        self
    }

    /// How the two detection lists combine (`detectionOp`, default `OR`; sent only when both
    /// lists are set).
    pub fn detection_op(mut self, op: LogicOp) -> Self {
        self.detection.detection_op = op;
        self
    }

    /// The Check Point quarantine state (`cpQuarantinedState`; one, the last set wins).
    pub fn cp_quarantined_state(mut self, state: CpQuarantinedState) -> Self {
        self.detection.cp_quarantined_state = Some(state);
        self
    }

    /// The Microsoft quarantine state (`msQuarantinedState`; one, the last set wins).
    pub fn ms_quarantined_state(mut self, state: MsQuarantinedState) -> Self {
        self.detection.ms_quarantined_state = Some(state);
        self
    }

    /// How the two quarantine states combine (`quarantinedStateOp`, default `OR`; sent only
    /// when both states are set).
    pub fn quarantined_state_op(mut self, op: LogicOp) -> Self {
        self.detection.quarantined_state_op = op;
        self
    }

    /// The detection and quarantine-state conditions.
    pub fn detection_filter(&self) -> &DetectionFilter {
        &self.detection
    }

    /// The SaaS searched.
    pub fn saas(&self) -> &str {
        &self.saas
    }

    /// The entity type sent as `saasEntity`: the one set, or `<saas>_email`.
    pub fn saas_entity_type(&self) -> String {
        self.saas_entity.clone().unwrap_or_else(|| mail_entity_type(&self.saas))
    }

    /// The start of the window.
    pub fn start_time(&self) -> SystemTime {
        self.start
    }

    /// The end of the window, if set.
    pub fn end_time(&self) -> Option<SystemTime> {
        self.end
    }

    /// The conditions, in the order added.
    pub fn filters(&self) -> &[Filter] {
        &self.filters
    }

    /// The `POST /search/query` body for the page at `cursor` (`None` for the first).
    pub(crate) fn body_at(&self, cursor: Option<&str>) -> Vec<u8> {
        #[derive(Serialize)]
        struct Data<'a> {
            #[serde(rename = "entityFilter")]
            entity_filter: EntityFilter<'a>,
            #[serde(rename = "entityExtendedFilter", skip_serializing_if = "<[_]>::is_empty")]
            extended_filter: &'a [Filter],
            #[serde(rename = "entityDetectionResolutionFilter", skip_serializing_if = "no_detection")]
            detection: &'a DetectionFilter,
            #[serde(rename = "scrollId", skip_serializing_if = "Option::is_none")]
            scroll_id: Option<&'a str>,
        }
        #[derive(Serialize)]
        struct EntityFilter<'a> {
            saas: &'a str,
            #[serde(rename = "saasEntity")]
            saas_entity: String,
            #[serde(rename = "startDate")]
            start_date: String,
            #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
            end_date: Option<String>,
        }
        request_data(&Data {
            entity_filter: EntityFilter {
                saas: &self.saas,
                saas_entity: self.saas_entity_type(),
                start_date: rfc3339_seconds(self.start),
                end_date: self.end.map(rfc3339_seconds),
            },
            extended_filter: &self.filters,
            detection: &self.detection,
            scroll_id: cursor,
        })
    }
}

/// Whether a query's detection filter is empty (then it is not sent).
fn no_detection(filter: &&DetectionFilter) -> bool {
    filter.is_empty()
}

/// The e-mail entity type of a mail SaaS: `office365_emails` -> `office365_emails_email`. Shared
/// by search (`saasEntity`) and entity actions (`entityType`).
pub(crate) fn mail_entity_type(saas: &str) -> String {
    let mut entity_type = String::with_capacity(saas.len() + 6);
    entity_type.push_str(saas);
    entity_type.push_str("_email");
    entity_type
}
