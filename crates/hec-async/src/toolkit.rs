//! The analyst's toolkit beside search and actions: an entity's scan results, notifying the
//! people exposed to it, reporting a wrong verdict, and declining restore requests; the same
//! names as in hec-blocking. The .eml download is in `download.rs`.

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
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use hec_async::{Client, ClientConfig, Credentials};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/search/entity/").then(Fault::status(200).json(
    ///     r#"{"responseEnvelope": {"responseCode": 200}, "responseData": [{"entityInfo": {"entityId": "5ca17e5ca17e"},
    ///        "entitySecurityResult": {"combinedVerdict": {"ap": "clean", "av": "malicious"},
    ///          "av": [{"entityId": "a77ac4a77ac4", "entityType": "office365_emails_attachment", "score": "100",
    ///                  "verdict": "malicious", "payload": {"scan_details": ["Made-up detection"]}}]}}]}"#)));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let scan = client.get_scan_results(&"5ca17e5ca17e".parse()?).await?.expect("scan results");
    /// assert_eq!(scan.verdict("av"), Some("malicious"));
    /// let av = scan.tool("av").expect("anti-malware records");
    /// assert_eq!(av.records[0].entity_id.as_deref(), Some("a77ac4a77ac4"));
    /// assert_eq!(av.records[0].payload.as_ref().map(|p| p.get()), Some(r#"{"scan_details": ["Made-up detection"]}"#));
    /// # Ok(())
    /// # }
    /// ```
    pub async fn get_scan_results(&self, id: &EntityId) -> Result<Option<ScanResults>, Error> {
        let entity = self.get_entity(id).await?;
        entity.scan_results().map_err(|invalid| Error::Response(ResponseError::from(invalid)))
    }

    /// Tells `emails` that they were exposed to the entity `id` (`POST soar/notify`). The
    /// answer `{"ok": false}` is an `api_error`. Not sent again once it may have run.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use hec_async::{Client, ClientConfig, Credentials, ResponseErrorKind};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/soar/notify").then(Fault::status(200).json(r#"{"ok": false}"#)));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let refused = client.notify(&"5ca17e5ca17e".parse()?, &["soc@example.com".to_owned()]).await;
    /// assert_eq!(refused.unwrap_err().response_error().map(|e| e.kind()), Some(ResponseErrorKind::ApiError));
    /// # Ok(())
    /// # }
    /// ```
    pub async fn notify(&self, id: &EntityId, emails: &[String]) -> Result<(), Error> {
        self.execute(&Notify::new(id.clone(), emails.iter().cloned())).await
    }

    /// Reports that Check Point classified entities wrongly (`POST report/mis-classification`);
    /// success is envelope code 200. Not sent again once it may have run.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")]
    /// # async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// use hec_async::{Client, ClientConfig, Credentials};
    /// use hec_async::hec_proto::model::{Classification, MisclassificationReport};
    /// use hec_fixtures::mock::{Fault, FaultRule, MockGateway};
    /// let mock = MockGateway::start();
    /// mock.fault(FaultRule::on_path("/app/hec-api/v1.0/report/mis-classification")
    ///     .then(Fault::status(200).json(r#"{"responseEnvelope": {"responseCode": 200}, "responseData": []}"#)));
    /// let client = Client::from_config(ClientConfig::new()
    ///     .base_url(mock.base_url().parse()?)
    ///     .credentials(Credentials::new(mock.client_id(), mock.access_key())))?;
    /// let report = MisclassificationReport::new(vec!["5ca17e5ca17e".parse()?], Classification::Spam);
    /// assert_eq!(client.report_misclassification(&report).await?.response_code(), Some(200));
    /// # Ok(())
    /// # }
    /// ```
    pub async fn report_misclassification(&self, report: &MisclassificationReport) -> Result<Written, Error> {
        self.execute(&ReportMisclassification::new(report.clone())).await
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
