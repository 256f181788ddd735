//! The search's `entityDetectionResolutionFilter`: Check Point's and Microsoft's detections and
//! quarantine states, each pair joined by AND or OR.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// Declares a wire enum: its named variants and their texts, `Other(String)` for a text this
/// version does not know, `as_str`, `Display`, `Serialize` (the text) and a `FromStr` that takes
/// the known texts only (case aside), so a typo is caught before it is sent.
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        $name:ident, $what:literal { $( $(#[$vmeta:meta])* $variant:ident = $text:literal, )+ }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value this version does not know, sent as written.
            Other(String),
        }

        impl $name {
            /// Every named value, in the documented order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire text.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(text) => text,
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        /// A named value from its wire text, case aside; any other text is an error naming
        /// the known ones (use the `Other` variant to send an unknown one on purpose).
        impl FromStr for $name {
            type Err = UnknownDetectionValue;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .find(|known| known.as_str().eq_ignore_ascii_case(text))
                    .cloned()
                    .ok_or_else(|| UnknownDetectionValue {
                        what: $what,
                        value: text.to_owned(),
                        known: Self::ALL.iter().map(|known| known.as_str()).collect::<Vec<_>>().join(", "),
                    })
            }
        }
    };
}

/// A text that names none of a detection filter's known values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (use one of: {known})")]
pub struct UnknownDetectionValue {
    /// What the text was meant to name (`Check Point detection`, ...).
    pub what: &'static str,
    /// The text.
    pub value: String,
    /// The known values, comma-separated.
    pub known: String,
}

wire_enum! {
    /// What Check Point detected (`cpDetection`).
    ///
    /// ```
    /// use hec_proto::model::CpDetection;
    /// assert_eq!("cp_phishing".parse::<CpDetection>(), Ok(CpDetection::Phishing));
    /// assert_eq!(CpDetection::Other("cp_new".to_owned()).as_str(), "cp_new");
    /// assert!("cp_phish".parse::<CpDetection>().unwrap_err().to_string().contains("cp_malicious_url_click"));
    /// ```
    CpDetection, "Check Point detection" {
        /// `cp_phishing`.
        Phishing = "cp_phishing",
        /// `cp_ap_suspicious`: suspected phishing.
        SuspiciousPhishing = "cp_ap_suspicious",
        /// `cp_malicious`: malware.
        Malicious = "cp_malicious",
        /// `cp_av_suspicious`: suspected malware.
        SuspiciousMalware = "cp_av_suspicious",
        /// `cp_spam`.
        Spam = "cp_spam",
        /// `cp_clean`.
        Clean = "cp_clean",
        /// `cp_leak`: data leak (DLP).
        Leak = "cp_leak",
        /// `cp_malicious_url_click`: a malicious link was clicked.
        MaliciousUrlClick = "cp_malicious_url_click",
        /// `cp_malicious_url`: a malicious link.
        MaliciousUrl = "cp_malicious_url",
    }
}

wire_enum! {
    /// What Microsoft detected (`msDetection`).
    ///
    /// ```
    /// use hec_proto::model::MsDetection;
    /// assert_eq!("MS_SPAM".parse::<MsDetection>(), Ok(MsDetection::Spam));
    /// assert_eq!(MsDetection::HighConfidencePhishing.as_str(), "ms_high_confidence_phishing");
    /// ```
    MsDetection, "Microsoft detection" {
        /// `ms_malware`.
        Malware = "ms_malware",
        /// `ms_high_confidence_phishing`.
        HighConfidencePhishing = "ms_high_confidence_phishing",
        /// `ms_phishing`.
        Phishing = "ms_phishing",
        /// `ms_high_confidence_spam`.
        HighConfidenceSpam = "ms_high_confidence_spam",
        /// `ms_spam`.
        Spam = "ms_spam",
        /// `ms_bulk`: bulk mail.
        Bulk = "ms_bulk",
        /// `ms_clean`.
        Clean = "ms_clean",
    }
}

wire_enum! {
    /// Whether and by whom Check Point quarantined the mail (`cpQuarantinedState`).
    CpQuarantinedState, "Check Point quarantine state" {
        /// `all`: any state.
        All = "all",
        /// `cp_not_quarantined`.
        NotQuarantined = "cp_not_quarantined",
        /// `cp_quarantined_by_cp`: by Check Point's own verdict.
        QuarantinedByCheckPoint = "cp_quarantined_by_cp",
        /// `cp_quarantined_by_analyst`.
        QuarantinedByAnalyst = "cp_quarantined_by_analyst",
        /// `cp_quarantined_by_admin`.
        QuarantinedByAdmin = "cp_quarantined_by_admin",
    }
}

wire_enum! {
    /// Where Microsoft put the mail (`msQuarantinedState`).
    MsQuarantinedState, "Microsoft quarantine state" {
        /// `ms_quarantined`.
        Quarantined = "ms_quarantined",
        /// `ms_not_quarantined`.
        NotQuarantined = "ms_not_quarantined",
        /// `ms_delivered_inbox`.
        DeliveredInbox = "ms_delivered_inbox",
        /// `ms_delivered_junk`.
        DeliveredJunk = "ms_delivered_junk",
    }
}

/// How two conditions of a detection filter combine (`detectionOp`, `quarantinedStateOp`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LogicOp {
    /// `OR`: either holds (the default).
    #[default]
    Or,
    /// `AND`: both hold.
    And,
}

impl LogicOp {
    /// `OR` or `AND`.
    pub fn as_str(self) -> &'static str {
        match self {
            LogicOp::Or => "OR",
            LogicOp::And => "AND",
        }
    }
}

impl Serialize for LogicOp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The search's `entityDetectionResolutionFilter`: set through
/// [`EntityQuery`](crate::EntityQuery)'s `cp_detection`, `ms_detection`, `detection_op`,
/// `cp_quarantined_state`, `ms_quarantined_state` and `quarantined_state_op`.
///
/// On the wire each list or state is sent only when set, `detectionOp` only when both
/// detection lists are set, `quarantinedStateOp` only when both states are; the whole object
/// only when something in it is set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DetectionFilter {
    /// `cpDetection`.
    pub cp_detection: Vec<CpDetection>,
    /// `msDetection`.
    pub ms_detection: Vec<MsDetection>,
    /// `detectionOp`.
    pub detection_op: LogicOp,
    /// `cpQuarantinedState`.
    pub cp_quarantined_state: Option<CpQuarantinedState>,
    /// `msQuarantinedState`.
    pub ms_quarantined_state: Option<MsQuarantinedState>,
    /// `quarantinedStateOp`.
    pub quarantined_state_op: LogicOp,
}

impl DetectionFilter {
    /// Whether nothing is set (the object is then not sent).
    pub fn is_empty(&self) -> bool {
        self.cp_detection.is_empty()
            && self.ms_detection.is_empty()
            && self.cp_quarantined_state.is_none()
            && self.ms_quarantined_state.is_none()
    }
}

impl Serialize for DetectionFilter {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let both_detections = !self.cp_detection.is_empty() && !self.ms_detection.is_empty();
        let both_states = self.cp_quarantined_state.is_some() && self.ms_quarantined_state.is_some();
        let mut map = serializer.serialize_map(None)?;
        if !self.cp_detection.is_empty() {
            map.serialize_entry("cpDetection", &self.cp_detection)?;
        }
        if !self.ms_detection.is_empty() {
            map.serialize_entry("msDetection", &self.ms_detection)?;
        }
        if both_detections {
            map.serialize_entry("detectionOp", &self.detection_op)?;
        }
        if let Some(state) = &self.cp_quarantined_state {
            map.serialize_entry("cpQuarantinedState", state)?;
        }
        if let Some(state) = &self.ms_quarantined_state {
            map.serialize_entry("msQuarantinedState", state)?;
        }
        if both_states {
            map.serialize_entry("quarantinedStateOp", &self.quarantined_state_op)?;
        }
        map.end()
    }
}
