//! `hec anomaly-exception ...`: the anomaly exception rules: list them, add one (its fields are
//! not documented: given as `--rule NAME=VALUE` or as JSON), delete some by id.

use clap::{Args, Subcommand};
use hec_proto::endpoint::{CreateAnomalyException, DeleteAnomalyExceptions};
use hec_proto::model::{AnomalyExceptionDelete, AnomalyRuleId, NewAnomalyException};
use serde_json::{Map, Value};

use crate::commands::write::{self, Planned, WriteOptions};
use crate::connection::Connection;
use crate::echo::echo;
use crate::failure::Failure;
use crate::ids;
use crate::output::exit::Exit;
use crate::output::report::Report;
use crate::output::table;
use crate::output::written::Target;

/// `hec anomaly-exception ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum AnomalyExceptionCommand {
    /// List every rule: one row each (id, type, enabled, added by, inserted, expires, rule).
    List,
    /// Add a rule.
    Add(AddArgs),
    /// Delete rules by id, in one request; `-` reads ids from stdin.
    Delete(DeleteArgs),
}

/// The arguments of `hec anomaly-exception add`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// A field of the rule (requestJson), its value a text; repeat for more.
    #[arg(long = "rule", value_name = "NAME=VALUE", value_parser = rule_field, required_unless_present = "rule_json")]
    fields: Vec<(String, String)>,
    /// The whole rule (requestJson) as a JSON object, instead of --rule.
    #[arg(long, value_name = "JSON", conflicts_with = "fields")]
    rule_json: Option<String>,
    /// Who adds it (addedBy).
    #[arg(long, value_name = "ADDR")]
    added_by: Option<String>,
    #[command(flatten)]
    write: WriteOptions,
}

/// The arguments of `hec anomaly-exception delete`.
#[derive(Debug, Args)]
pub(crate) struct DeleteArgs {
    /// Rule ids; `-` reads ids from stdin, one per line (as `anomaly-exception list -o ids` prints them).
    #[arg(value_name = "RULE_ID", required = true)]
    ids: Vec<String>,
    #[command(flatten)]
    write: WriteOptions,
}

/// `--rule NAME=VALUE`.
fn rule_field(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_owned(), value.to_owned())),
        _ => Err("expected NAME=VALUE, e.g. eventId=3c5e7a9b".to_owned()),
    }
}

/// The longest `--rule-json` read.
const MAX_RULE_JSON_BYTES: usize = 64 * 1024;

impl AddArgs {
    /// The rule's fields: `--rule-json`'s object, or the `--rule` texts.
    fn rule(&self) -> Result<Map<String, Value>, Failure> {
        match &self.rule_json {
            Some(text) if text.len() > MAX_RULE_JSON_BYTES => {
                Err(Failure::Usage(format!("--rule-json holds more than {MAX_RULE_JSON_BYTES} bytes")))
            }
            Some(text) => match serde_json::from_str::<Value>(text) {
                Ok(Value::Object(rule)) => Ok(rule),
                Ok(_) => Err(Failure::Usage(format!("--rule-json is not a JSON object: {}", echo(text)))),
                Err(e) => Err(Failure::Usage(format!("--rule-json is not JSON ({e}): {}", echo(text)))),
            },
            None => Ok(self
                .fields
                .iter()
                .map(|(name, value)| (name.clone(), Value::String(value.clone())))
                .collect()),
        }
    }
}

/// How a person sees whether a write ran.
const CHECK: &str = "`hec anomaly-exception list` shows the rules as they are now";

/// Runs an anomaly-exception command: its arguments are checked before `connect`.
pub(crate) fn run(
    command: &AnomalyExceptionCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        AnomalyExceptionCommand::List => {
            Ok(table::print(connect()?.client.list_anomaly_exceptions(), report))
        }
        AnomalyExceptionCommand::Add(args) => {
            let mut rule =
                NewAnomalyException::new(args.rule()?).map_err(|e| Failure::Usage(e.to_string()))?;
            if let Some(address) = &args.added_by {
                rule = rule.added_by(address.as_str());
            }
            let target =
                Target { action: "add", done: "added", what: "a new anomaly exception".to_owned(), id: None };
            let call = CreateAnomalyException::new(rule);
            write::run(vec![Planned { call, target }], args.write, CHECK, connect, report)
        }
        AnomalyExceptionCommand::Delete(args) => {
            let ids: Vec<AnomalyRuleId> =
                ids::collect_as(&args.ids, std::io::stdin().lock(), "anomaly rule")?;
            let what = match ids.as_slice() {
                [one] => format!("anomaly exception {one}"),
                many => format!("{} anomaly exceptions", many.len()),
            };
            let id = (ids.len() == 1).then(|| ids[0].to_string());
            let delete = AnomalyExceptionDelete::new(ids).map_err(|e| Failure::Usage(e.to_string()))?;
            let target = Target { action: "delete", done: "deleted", what, id };
            let call = DeleteAnomalyExceptions::new(delete);
            write::run(vec![Planned { call, target }], args.write, CHECK, connect, report)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::parse;

    fn add(args: &[&str]) -> Result<AddArgs, clap::Error> {
        match parse::<AnomalyExceptionCommand>(&[&["hec", "anomaly-exception", "add"], args].concat())? {
            AnomalyExceptionCommand::Add(add) => Ok(add),
            other => panic!("not an add: {other:?}"),
        }
    }

    #[test]
    fn a_rule_comes_from_fields_or_from_json() {
        let fields = add(&["--rule", "eventId=3c5e", "--rule", "comment=a=b"]).unwrap().rule().unwrap();
        assert_eq!(Value::Object(fields), serde_json::json!({"eventId": "3c5e", "comment": "a=b"}));
        let json = add(&["--rule-json", r#"{"applyToPast": true}"#]).unwrap().rule().unwrap();
        assert_eq!(Value::Object(json), serde_json::json!({"applyToPast": true}));
        assert!(matches!(add(&["--rule-json", "[1]"]).unwrap().rule(), Err(Failure::Usage(_))));
        assert!(add(&["--added-by", "a@b.example"]).is_err(), "a rule is required");
        assert!(add(&["--rule", "x=1", "--rule-json", "{}"]).is_err());
        assert!(add(&["--rule", "=1"]).is_err());
    }
}
