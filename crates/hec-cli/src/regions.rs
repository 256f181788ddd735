//! `hec regions`: the seven regional gateways and their URLs.

use hec_proto::Region;
use serde_json::json;

use crate::report::Report;

/// The regions as text (`code  name  URL`, one a line) or as one JSON array.
pub(crate) fn list(report: Report) -> String {
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
