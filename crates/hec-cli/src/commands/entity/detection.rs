//! The detection flags of `hec entity search`: `--detection` and `--quarantined-state`, sent in
//! the search's `entityDetectionResolutionFilter` (a `cp_*` value as Check Point's, a `ms_*`
//! value as Microsoft's), with the operators that join the two families.

use clap::{Args, ValueEnum};
use hec_proto::EntityQuery;
use hec_proto::model::{CpDetection, CpQuarantinedState, LogicOp, MsDetection, MsQuarantinedState};

use crate::failure::Failure;

/// A `--detection` value: Check Point's (`cp_*`) or Microsoft's (`ms_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Detection {
    CheckPoint(CpDetection),
    Microsoft(MsDetection),
}

/// `--detection NAME`: one of the known values of its family (the prefix says which).
fn detection(text: &str) -> Result<Detection, String> {
    if text.get(..3).is_some_and(|prefix| prefix.eq_ignore_ascii_case("ms_")) {
        text.parse().map(Detection::Microsoft).map_err(|e| e.to_string())
    } else {
        text.parse().map(Detection::CheckPoint).map_err(|e| e.to_string())
    }
}

/// A `--quarantined-state` value: Check Point's (`cp_*`, `all`) or Microsoft's (`ms_*`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum State {
    CheckPoint(CpQuarantinedState),
    Microsoft(MsQuarantinedState),
}

/// `--quarantined-state STATE`: one of the known values of its family.
fn state(text: &str) -> Result<State, String> {
    if text.get(..3).is_some_and(|prefix| prefix.eq_ignore_ascii_case("ms_")) {
        text.parse().map(State::Microsoft).map_err(|e| e.to_string())
    } else {
        text.parse().map(State::CheckPoint).map_err(|e| e.to_string())
    }
}

/// How the two families' conditions are joined when both are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Join {
    /// Both must hold (`AND`).
    And,
    /// Either may hold (`OR`, the default).
    Or,
}

impl From<Join> for LogicOp {
    fn from(join: Join) -> LogicOp {
        match join {
            Join::And => LogicOp::And,
            Join::Or => LogicOp::Or,
        }
    }
}

/// The detection flags.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct DetectionFilters {
    /// Only mail with this verdict; repeat for more (any of them). Check Point's: cp_phishing,
    /// cp_ap_suspicious, cp_malicious, cp_av_suspicious, cp_spam, cp_clean, cp_leak,
    /// cp_malicious_url_click, cp_malicious_url; Microsoft's: ms_malware,
    /// ms_high_confidence_phishing, ms_phishing, ms_high_confidence_spam, ms_spam, ms_bulk,
    /// ms_clean.
    #[arg(long = "detection", value_name = "NAME", value_parser = detection)]
    detections: Vec<Detection>,

    /// With both Check Point's and Microsoft's --detection: whether both must match (and) or
    /// either (or, the default).
    #[arg(long, value_enum, value_name = "OP", requires = "detections")]
    detection_op: Option<Join>,

    /// Only mail in this quarantine state, at most one of each family. Check Point's:
    /// cp_not_quarantined, cp_quarantined_by_cp, cp_quarantined_by_analyst,
    /// cp_quarantined_by_admin, or all (quarantined by anyone); Microsoft's: ms_quarantined,
    /// ms_not_quarantined, ms_delivered_inbox, ms_delivered_junk.
    #[arg(long = "quarantined-state", value_name = "STATE", value_parser = state)]
    states: Vec<State>,

    /// With a Check Point and a Microsoft --quarantined-state: whether both must hold (and) or
    /// either (or, the default).
    #[arg(long, value_enum, value_name = "OP", requires = "states")]
    quarantined_state_op: Option<Join>,
}

impl DetectionFilters {
    /// `query` with the detection filters the flags ask for; two quarantine states of one family
    /// are a usage error.
    pub(crate) fn apply(&self, mut query: EntityQuery) -> Result<EntityQuery, Failure> {
        for detection in &self.detections {
            query = match detection {
                Detection::CheckPoint(detection) => query.cp_detection(detection.clone()),
                Detection::Microsoft(detection) => query.ms_detection(detection.clone()),
            };
        }
        if let Some(op) = self.detection_op {
            query = query.detection_op(op.into());
        }
        let (mut check_point, mut microsoft) = (None, None);
        for state in &self.states {
            let (slot, family) = match state {
                State::CheckPoint(_) => (&mut check_point, "Check Point"),
                State::Microsoft(_) => (&mut microsoft, "Microsoft"),
            };
            if slot.replace(state).is_some() {
                return Err(Failure::Usage(format!(
                    "--quarantined-state: give at most one {family} state (the search takes one of each)"
                )));
            }
        }
        if let Some(State::CheckPoint(state)) = check_point {
            query = query.cp_quarantined_state(state.clone());
        }
        if let Some(State::Microsoft(state)) = microsoft {
            query = query.ms_quarantined_state(state.clone());
        }
        if let Some(op) = self.quarantined_state_op {
            query = query.quarantined_state_op(op.into());
        }
        Ok(query)
    }
}
