//! The analyst's toolkit beside search and actions: an entity's scan results, notifying the
//! people exposed to it, reporting a wrong verdict, and declining restore requests; the same
//! names as in hec-async. The .eml download is in `download.rs`.

use hec_proto::endpoint::{ActOnEntities, Notify, ReportMisclassification, Written};
use hec_proto::model::{MisclassificationReport, ScanResults};
use hec_proto::{EntityId, Error, ResponseError};

use crate::Client;
use crate::actions::ActionBatches;

impl Client {
    /// The scan results of one entity: its `entitySecurityResult` (each tool's verdict and
    /// records, the raw JSON kept), read from [`Client::get_entity`]'s answer (no other
    /// request); `None` when the entity has none. An object that does not fit is a `malformed`
    /// error naming where.
    ///
    /// ```
    /// use hec_blocking::{Client, ClientConfig, Credentials};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/search/entity/").then(Fault::status(200).json(
    ///     r#"{"responseEnvelope": {"responseCode": 200}, "responseData": [{"entityInfo": {"entityId": "5ca17e5ca17e"},
    ///        "entitySecurityResult": {"combinedVerdict": {"ap": "phishing", "av": null},
    ///          "ap": [{"entityId": "5ca17e5ca17e", "score": "91.5", "verdict": "phishing", "payload": {"reasons": ["Lookalike domain"]}}],
    ///          "av": null}}]}"#)));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let scan = client.get_scan_results(&"5ca17e5ca17e".parse()?)?.expect("scan results");
    /// assert_eq!(scan.verdict("ap"), Some("phishing"));
    /// let ap = scan.tool("ap").expect("anti-phishing records");
    /// assert_eq!(ap.records[0].score.as_ref().and_then(|score| score.value()), Some(91.5));
    /// assert_eq!(ap.records[0].reasons, ["Lookalike domain"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn get_scan_results(&self, id: &EntityId) -> Result<Option<ScanResults>, Error> {
        let entity = self.get_entity(id)?;
        entity.scan_results().map_err(|invalid| Error::Response(ResponseError::from(invalid)))
    }

    /// Tells `emails` that they were exposed to the entity `id` (`POST soar/notify`). The
    /// answer `{"ok": false}` is an `api_error`. Not sent again once it may have run.
    ///
    /// ```
    /// use hec_blocking::{Client, ClientConfig, Credentials};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/soar/notify").then(Fault::status(200).json(r#"{"ok": true}"#)));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// client.notify(&"5ca17e5ca17e".parse()?, &["soc@example.com".to_owned()])?;
    /// let sent = mock.requests_to("/app/hec-api/v1.0/soar/notify");
    /// assert_eq!(std::str::from_utf8(&sent[0].body)?, r#"{"requestData":{"entityId":"5ca17e5ca17e","emails":["soc@example.com"]}}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn notify(&self, id: &EntityId, emails: &[String]) -> Result<(), Error> {
        self.execute(&Notify::new(id.clone(), emails.iter().cloned()))
    }

    /// Reports that Check Point classified entities wrongly (`POST report/mis-classification`);
    /// success is envelope code 200. Not sent again once it may have run.
    ///
    /// ```
    /// use hec_blocking::{Client, ClientConfig, Credentials};
    /// use hec_blocking::hec_proto::model::{Classification, Confidence, MisclassificationReport};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/report/mis-classification")
    ///     .then(Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 200}, "responseData": []}"#)));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let report = MisclassificationReport::new(vec!["5ca17e5ca17e".parse()?], Classification::Clean)
    ///     .confidence(Confidence::Very);
    /// assert!(client.report_misclassification(&report)?.is_documented_code());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report_misclassification(&self, report: &MisclassificationReport) -> Result<Written, Error> {
        self.execute(&ReportMisclassification::new(report.clone()))
    }

    /// Declines the restore requests of entities of `saas` (`POST action/entity` with
    /// `decline_restore_request` and, when given, `restoreDeclineReason`), in batches like
    /// [`Client::act_on_entities`]: each answer names the tasks to wait for.
    pub fn decline_restore_requests(
        &self,
        saas: &str,
        ids: &[EntityId],
        reason: Option<&str>,
    ) -> ActionBatches<ActOnEntities> {
        let call = ActOnEntities::decline_restore_requests(saas, ids.to_vec(), reason);
        ActionBatches::new(self.clone(), call.into_batches())
    }
}
