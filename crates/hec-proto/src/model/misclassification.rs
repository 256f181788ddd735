//! `MisclassificationReport`: the body of `report/mis-classification`, telling Check Point its
//! verdict on some entities was wrong.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

use crate::model::id::EntityId;

/// What the reported mail really is (`classification`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Classification {
    /// `clean`.
    Clean,
    /// `spam`.
    Spam,
    /// `phishing`.
    Phishing,
    /// `marketing_email`.
    MarketingEmail,
}

impl Classification {
    /// Every value, in the documented order.
    pub const ALL: [Classification; 4] = [
        Classification::Clean,
        Classification::Spam,
        Classification::Phishing,
        Classification::MarketingEmail,
    ];

    /// The wire text: `clean`, `spam`, `phishing` or `marketing_email`.
    pub fn as_str(self) -> &'static str {
        match self {
            Classification::Clean => "clean",
            Classification::Spam => "spam",
            Classification::Phishing => "phishing",
            Classification::MarketingEmail => "marketing_email",
        }
    }
}

/// How sure the reporter is (`confident`, spelled so on the wire).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Confidence {
    /// `not_so_sure`.
    NotSoSure,
    /// `medium`.
    Medium,
    /// `very`.
    Very,
}

impl Confidence {
    /// Every value, in the documented order.
    pub const ALL: [Confidence; 3] = [Confidence::NotSoSure, Confidence::Medium, Confidence::Very];

    /// The wire text: `not_so_sure`, `medium` or `very`.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::NotSoSure => "not_so_sure",
            Confidence::Medium => "medium",
            Confidence::Very => "very",
        }
    }
}

/// A text that is none of the values of a [`Classification`] or [`Confidence`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (use one of: {known})")]
pub struct UnknownReportValue {
    /// `classification` or `confidence`.
    pub what: &'static str,
    /// The text.
    pub value: String,
    /// The known values, comma-separated.
    pub known: &'static str,
}

/// A known value from its wire text, case aside.
///
/// ```
/// use hec_proto::model::Classification;
/// assert_eq!("marketing_email".parse::<Classification>(), Ok(Classification::MarketingEmail));
/// assert!("ham".parse::<Classification>().is_err());
/// ```
impl FromStr for Classification {
    type Err = UnknownReportValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Classification::ALL.into_iter().find(|value| value.as_str().eq_ignore_ascii_case(text)).ok_or_else(
            || UnknownReportValue {
                what: "classification",
                value: text.to_owned(),
                known: "clean, spam, phishing, marketing_email",
            },
        )
    }
}

/// A known value from its wire text, case aside.
impl FromStr for Confidence {
    type Err = UnknownReportValue;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Confidence::ALL.into_iter().find(|value| value.as_str().eq_ignore_ascii_case(text)).ok_or_else(|| {
            UnknownReportValue {
                what: "confidence",
                value: text.to_owned(),
                known: "not_so_sure, medium, very",
            }
        })
    }
}

impl fmt::Display for Classification {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Confidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Classification {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for Confidence {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A report that Check Point classified some entities wrongly (`requestData` of `POST
/// report/mis-classification`): `entityIds`, `classification` and, when given, `confident`.
/// Sent by [`ReportMisclassification`](crate::endpoint::ReportMisclassification).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MisclassificationReport {
    #[serde(rename = "entityIds")]
    entity_ids: Vec<EntityId>,
    classification: Classification,
    #[serde(rename = "confident", skip_serializing_if = "Option::is_none")]
    confidence: Option<Confidence>,
}

impl MisclassificationReport {
    /// The entities `entity_ids` are really `classification`.
    pub fn new(entity_ids: Vec<EntityId>, classification: Classification) -> Self {
        MisclassificationReport { entity_ids, classification, confidence: None }
    }

    /// How sure the reporter is (`confident`; left out unless set).
    pub fn confidence(mut self, confidence: Confidence) -> Self {
        self.confidence = Some(confidence);
        self
    }

    /// The entities reported.
    pub fn entity_ids(&self) -> &[EntityId] {
        &self.entity_ids
    }

    /// What they really are.
    pub fn classification(&self) -> Classification {
        self.classification
    }

    /// How sure the reporter is, if said.
    pub fn confidence_level(&self) -> Option<Confidence> {
        self.confidence
    }
}
