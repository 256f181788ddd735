//! `hec entity report ID... --as clean|spam|phishing|marketing [--confidence
//! not-so-sure|medium|very]`: tells Check Point its verdict was wrong (`POST
//! report/mis-classification`). A write: sent in batches of at most 100 ids, one after another,
//! none sent again once it may have run.

use clap::{Args, ValueEnum};
use hec_proto::EntityId;
use hec_proto::endpoint::{MAX_ACTION_IDS, ReportMisclassification, Written};
use hec_proto::model::{Classification, Confidence, MisclassificationReport};

use crate::commands::write::{self, Planned, WriteOptions};
use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output;
use crate::output::exit::Exit;
use crate::output::report::Report;
use crate::output::written::Target;

/// What the e-mail really is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum As {
    /// Clean mail (`clean`).
    Clean,
    /// Spam (`spam`).
    Spam,
    /// Phishing (`phishing`).
    Phishing,
    /// Legitimate marketing mail (`marketing_email`).
    Marketing,
}

impl From<As> for Classification {
    fn from(classification: As) -> Classification {
        match classification {
            As::Clean => Classification::Clean,
            As::Spam => Classification::Spam,
            As::Phishing => Classification::Phishing,
            As::Marketing => Classification::MarketingEmail,
        }
    }
}

/// How sure the reporter is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Level {
    /// `not_so_sure`.
    NotSoSure,
    /// `medium`.
    Medium,
    /// `very`.
    Very,
}

impl From<Level> for Confidence {
    fn from(level: Level) -> Confidence {
        match level {
            Level::NotSoSure => Confidence::NotSoSure,
            Level::Medium => Confidence::Medium,
            Level::Very => Confidence::Very,
        }
    }
}

/// The arguments of `hec entity report`.
#[derive(Debug, Args)]
pub(crate) struct ReportArgs {
    /// Entity ids; `-` reads ids from stdin, one per line (as `entity search -o ids` prints them), at most 100,000 ids in all.
    #[arg(value_name = "ENTITY_ID", required = true)]
    ids: Vec<String>,

    /// What the e-mail really is (sent as classification; marketing is marketing_email).
    #[arg(long = "as", value_enum, value_name = "CLASS")]
    classification: As,

    /// How sure you are (sent as confident; left out unless given).
    #[arg(long, value_enum, value_name = "LEVEL")]
    confidence: Option<Level>,

    #[command(flatten)]
    write: WriteOptions,
}

/// The reports to send: one per batch of at most [`MAX_ACTION_IDS`] ids.
fn planned(args: &ReportArgs, ids: &[EntityId]) -> Vec<Planned<ReportMisclassification>> {
    let classification = Classification::from(args.classification);
    let confidence = args.confidence.map(Confidence::from);
    ids.chunks(MAX_ACTION_IDS)
        .map(|batch| {
            let mut report = MisclassificationReport::new(batch.to_vec(), classification);
            if let Some(confidence) = confidence {
                report = report.confidence(confidence);
            }
            let what = match batch {
                [one] => format!("entity {one} as {classification}"),
                [first, .., last] => {
                    format!("{} entities ({first} ... {last}) as {classification}", batch.len())
                }
                [] => format!("no entity as {classification}"),
            };
            Planned {
                call: ReportMisclassification::new(report),
                target: Target { action: "report", done: "reported", what, id: None },
            }
        })
        .collect()
}

/// Checks the ids (stdin included) before `connect`, then sends the reports.
pub(crate) fn run(
    args: &ReportArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let ids: Vec<EntityId> = ids::collect_as(&args.ids, std::io::stdin().lock(), "entity")?;
    let check =
        "the service keeps no list of reports that hec can read; a report sent twice is reported twice";
    let print = |answer: &Written, write: &Planned<ReportMisclassification>, report| {
        output::reported::print(answer, write.call.target(), &write.target, report);
    };
    write::run_printing(planned(args, &ids), args.write, check, connect, report, print)
}
