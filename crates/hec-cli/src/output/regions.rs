//! What `hec regions` prints: the seven regional gateways and their URLs.

use hec_proto::Region;
use serde_json::json;

use crate::output::report::Report;

/// The regions as text (`code  name  URL`, one a line), their codes (`-o ids`), or one JSON
/// array.
pub(crate) fn list(report: Report) -> String {
    if report.ids() {
        return Region::ALL.into_iter().map(|region| format!("{}\n", region.code())).collect();
    }
    if report.json() {
        let regions: Vec<_> = Region::ALL
            .into_iter()
            .map(|region| json!({ "region": region.code(), "name": region.name(), "baseUrl": region.url() }))
            .collect();
        return serde_json::Value::Array(regions).to_string();
    }
    let width = Region::ALL.into_iter().map(|region| region.name().len()).max().unwrap_or(0);
    Region::ALL
        .into_iter()
        .map(|region| format!("{:<4} {:<width$}  {}\n", region.code(), region.name(), region.url()))
        .collect()
}
