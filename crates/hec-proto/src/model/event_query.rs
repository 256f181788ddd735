//! `EventQuery`: what `POST /event/query` looks for (dates, types, states, severities...).

use std::time::SystemTime;

use serde::Serialize;

use crate::model::id::EventId;
use crate::model::time::rfc3339_seconds;
use crate::wire::request_data::request_data;

/// A query for security events from a start date, narrowed by any of its lists (each list-valued
/// setter may be called several times, adding to its list; an empty list is left out of the
/// request). Paging is [`Pager`](crate::policy::Pager)'s; each page's request is a
/// [`SearchEvents`](crate::endpoint::SearchEvents).
///
/// On the wire (`requestData`): `startDate`, `endDate` (RFC 3339 UTC, whole seconds),
/// `eventTypes`, `eventStates`, `severities` (integers), `saas`, `eventIds`, `description`.
///
/// ```
/// use std::time::SystemTime;
/// use hec_proto::EventQuery;
/// let query = EventQuery::new(SystemTime::UNIX_EPOCH)
///     .event_type("phishing")
///     .event_type("malware")
///     .state("new")
///     .severity(5);
/// assert_eq!(query.event_types(), ["phishing", "malware"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventQuery {
    start: SystemTime,
    end: Option<SystemTime>,
    event_types: Vec<String>,
    states: Vec<String>,
    severities: Vec<u8>,
    saas: Vec<String>,
    event_ids: Vec<EventId>,
    description: Option<String>,
}

impl EventQuery {
    /// Events from `start` on.
    pub fn new(start: SystemTime) -> Self {
        EventQuery {
            start,
            end: None,
            event_types: Vec::new(),
            states: Vec::new(),
            severities: Vec::new(),
            saas: Vec::new(),
            event_ids: Vec::new(),
            description: None,
        }
    }

    /// Events up to `end`.
    pub fn end(mut self, end: SystemTime) -> Self {
        self.end = Some(end);
        self
    }

    /// Adds an event type (`eventTypes`): `phishing`, `suspicious_phishing`, `malware`, `dlp`, ...
    pub fn event_type(mut self, event_type: impl Into<String>) -> Self {
        self.event_types.push(event_type.into());
        self
    }

    /// Adds a state (`eventStates`): `new`, `detected`, `pending`, `remediated`, `dismissed`,
    /// `exception`.
    pub fn state(mut self, state: impl Into<String>) -> Self {
        self.states.push(state.into());
        self
    }

    /// Adds a severity (`severities`), 1 to 5 (5 = critical), sent as an integer.
    pub fn severity(mut self, severity: u8) -> Self {
        self.severities.push(severity);
        self
    }

    /// Adds a SaaS (`saas`), e.g. `office365_emails`.
    pub fn saas(mut self, saas: impl Into<String>) -> Self {
        self.saas.push(saas.into());
        self
    }

    /// Adds an event id (`eventIds`).
    pub fn event_id(mut self, id: EventId) -> Self {
        self.event_ids.push(id);
        self
    }

    /// Sets the `description` to look for (a second call replaces the first).
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The start of the window.
    pub fn start_time(&self) -> SystemTime {
        self.start
    }

    /// The end of the window, if set.
    pub fn end_time(&self) -> Option<SystemTime> {
        self.end
    }

    /// The event types asked for.
    pub fn event_types(&self) -> &[String] {
        &self.event_types
    }

    /// This query over the window `[start, end]` (what a [`Feed`](crate::policy::Feed) asks for).
    pub(crate) fn with_dates(&self, start: SystemTime, end: SystemTime) -> EventQuery {
        EventQuery { start, end: Some(end), ..self.clone() }
    }

    /// The query's filters, everything but its dates, as one canonical JSON object: the
    /// `requestData` fields with each list sorted and without repeats, so that the same filters
    /// given in any order are the same value (`{}` for none). A feed's checkpoint records it.
    pub(crate) fn filter_value(&self) -> serde_json::Value {
        fn canonical<T: Ord + Clone>(list: &[T]) -> Vec<T> {
            let mut list = list.to_vec();
            list.sort();
            list.dedup();
            list
        }
        #[derive(Serialize)]
        struct Filters<'a> {
            #[serde(rename = "eventTypes", skip_serializing_if = "Vec::is_empty")]
            event_types: Vec<String>,
            #[serde(rename = "eventStates", skip_serializing_if = "Vec::is_empty")]
            event_states: Vec<String>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            severities: Vec<u8>,
            #[serde(skip_serializing_if = "Vec::is_empty")]
            saas: Vec<String>,
            #[serde(rename = "eventIds", skip_serializing_if = "Vec::is_empty")]
            event_ids: Vec<EventId>,
            #[serde(skip_serializing_if = "Option::is_none")]
            description: Option<&'a str>,
        }
        let filters = Filters {
            event_types: canonical(&self.event_types),
            event_states: canonical(&self.states),
            severities: canonical(&self.severities),
            saas: canonical(&self.saas),
            event_ids: canonical(&self.event_ids),
            description: self.description.as_deref(),
        };
        // Strings, small integers and ids: always a JSON object.
        serde_json::to_value(&filters).unwrap_or_default()
    }

    /// The `POST /event/query` body for the page at `cursor` (`None` for the first).
    pub(crate) fn body_at(&self, cursor: Option<&str>) -> Vec<u8> {
        #[derive(Serialize)]
        struct Data<'a> {
            #[serde(rename = "startDate")]
            start_date: String,
            #[serde(rename = "endDate", skip_serializing_if = "Option::is_none")]
            end_date: Option<String>,
            #[serde(rename = "eventTypes", skip_serializing_if = "<[_]>::is_empty")]
            event_types: &'a [String],
            #[serde(rename = "eventStates", skip_serializing_if = "<[_]>::is_empty")]
            event_states: &'a [String],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            severities: &'a [u8],
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            saas: &'a [String],
            #[serde(rename = "eventIds", skip_serializing_if = "<[_]>::is_empty")]
            event_ids: &'a [EventId],
            #[serde(skip_serializing_if = "Option::is_none")]
            description: Option<&'a str>,
            #[serde(rename = "scrollId", skip_serializing_if = "Option::is_none")]
            scroll_id: Option<&'a str>,
        }
        request_data(&Data {
            start_date: rfc3339_seconds(self.start),
            end_date: self.end.map(rfc3339_seconds),
            event_types: &self.event_types,
            event_states: &self.states,
            severities: &self.severities,
            saas: &self.saas,
            event_ids: &self.event_ids,
            description: self.description.as_deref(),
            scroll_id: cursor,
        })
    }
}
