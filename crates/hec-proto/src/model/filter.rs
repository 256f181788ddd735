//! `Filter` and `FilterOp`: one condition of a search's `entityExtendedFilter`.

use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// How a [`Filter`] compares an attribute with its value (`saasAttrOp`).
///
/// The operators seen on the wire are the named variants; [`FilterOp::Other`] sends any other
/// text as it is, for an operator this version does not know. Parsing (`FromStr`) accepts only
/// the known ones, so a typo is caught before it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum FilterOp {
    /// `is`: equal.
    Is,
    /// `isNot`: not equal.
    IsNot,
    /// `contains`: holds the value as a substring (or, for a list, as an item).
    Contains,
    /// `greaterThan`.
    GreaterThan,
    /// `isEmpty`: the attribute has no value (the filter's value is not used).
    IsEmpty,
    /// Any other operator, sent as written.
    Other(String),
}

const KNOWN_OPS: [(&str, FilterOp); 5] = [
    ("is", FilterOp::Is),
    ("isNot", FilterOp::IsNot),
    ("contains", FilterOp::Contains),
    ("greaterThan", FilterOp::GreaterThan),
    ("isEmpty", FilterOp::IsEmpty),
];

impl FilterOp {
    /// The wire text: `is`, `isNot`, `contains`, `greaterThan`, `isEmpty`, or the other text.
    pub fn as_str(&self) -> &str {
        match self {
            FilterOp::Is => "is",
            FilterOp::IsNot => "isNot",
            FilterOp::Contains => "contains",
            FilterOp::GreaterThan => "greaterThan",
            FilterOp::IsEmpty => "isEmpty",
            FilterOp::Other(text) => text,
        }
    }
}

impl fmt::Display for FilterOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A known operator from its wire text, case aside (`isnot` is `isNot`).
///
/// ```
/// use hec_proto::FilterOp;
/// assert_eq!("isNot".parse::<FilterOp>(), Ok(FilterOp::IsNot));
/// assert_eq!("greaterthan".parse::<FilterOp>(), Ok(FilterOp::GreaterThan));
/// assert_eq!(
///     "equals".parse::<FilterOp>().unwrap_err().to_string(),
///     "unknown filter operator \"equals\" (use is, isNot, contains, greaterThan or isEmpty)"
/// );
/// ```
impl FromStr for FilterOp {
    type Err = InvalidFilter;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        KNOWN_OPS
            .into_iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(text))
            .map(|(_, op)| op)
            .ok_or_else(|| InvalidFilter::UnknownOp(text.to_owned()))
    }
}

impl Serialize for FilterOp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One condition on an entity attribute: `{"saasAttrName", "saasAttrOp", "saasAttrValue"}` in a
/// search's `entityExtendedFilter`.
///
/// `name` is the attribute's path as the API spells it, e.g. `entityPayload.fromEmail`,
/// `entityPayload.subject`, `entityPayload.recipients`, `entityPayload.isQuarantined`.
///
/// ```
/// use hec_proto::{Filter, FilterOp};
/// let filter: Filter = "entityPayload.subject:contains:Re: invoice".parse()?;
/// assert_eq!(filter, Filter::new("entityPayload.subject", FilterOp::Contains, "Re: invoice"));
/// assert_eq!(
///     serde_json::to_string(&filter)?,
///     r#"{"saasAttrName":"entityPayload.subject","saasAttrOp":"contains","saasAttrValue":"Re: invoice"}"#
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Filter {
    /// `saasAttrName`: the attribute, e.g. `entityPayload.fromEmail`.
    #[serde(rename = "saasAttrName")]
    pub name: String,
    /// `saasAttrOp`.
    #[serde(rename = "saasAttrOp")]
    pub op: FilterOp,
    /// `saasAttrValue` (empty for [`FilterOp::IsEmpty`]).
    #[serde(rename = "saasAttrValue")]
    pub value: String,
}

impl Filter {
    /// A condition: `name` compared by `op` with `value`.
    pub fn new(name: impl Into<String>, op: FilterOp, value: impl Into<String>) -> Self {
        Filter { name: name.into(), op, value: value.into() }
    }
}

/// `NAME:OP:VALUE`, split at the first two colons (the value may hold colons). `NAME:isEmpty`
/// needs no value. The name must not be empty and the operator must be a known one.
impl FromStr for Filter {
    type Err = InvalidFilter;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut parts = text.splitn(3, ':');
        let name = parts.next().unwrap_or_default();
        let (Some(op), value) = (parts.next(), parts.next()) else {
            return Err(InvalidFilter::Shape(text.to_owned()));
        };
        if name.is_empty() {
            return Err(InvalidFilter::EmptyName(text.to_owned()));
        }
        let op: FilterOp = op.parse()?;
        let value = match (value, &op) {
            (Some(value), _) => value,
            (None, FilterOp::IsEmpty) => "",
            (None, _) => return Err(InvalidFilter::MissingValue(text.to_owned())),
        };
        Ok(Filter::new(name, op, value))
    }
}

/// Why a text is not a [`Filter`] or a [`FilterOp`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidFilter {
    /// The text is not `NAME:OP:VALUE`.
    #[error(
        "invalid filter {0:?}: expected NAME:OP:VALUE, e.g. entityPayload.fromEmail:is:someone@example.com"
    )]
    Shape(String),
    /// The attribute name is empty.
    #[error("invalid filter {0:?}: the attribute name before the first ':' is empty")]
    EmptyName(String),
    /// An operator other than `isEmpty` without a value.
    #[error("invalid filter {0:?}: the operator needs a value after a second ':'")]
    MissingValue(String),
    /// The operator is not one of the known ones.
    #[error("unknown filter operator {0:?} (use is, isNot, contains, greaterThan or isEmpty)")]
    UnknownOp(String),
}
