//! `FeedCheckpoint`: what a feed needs to go on after a restart, as a versioned serde value;
//! `FeedOrigin`: what it was made for; `FeedError`: why a checkpoint is refused.

use std::collections::HashSet;
use std::time::SystemTime;

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::base_url::BaseUrl;
use crate::model::id::EventId;
use crate::model::time::system_time;

/// The checkpoint format this version writes and reads.
pub const FEED_CHECKPOINT_VERSION: u32 = 1;

/// Where a feed's events come from: the gateway and the API client id (never the access key).
/// A checkpoint made for another origin, or for other filters, is refused: its cursor and ids
/// mean nothing there.
///
/// ```
/// use hec_proto::BaseUrl;
/// use hec_proto::policy::FeedOrigin;
/// let base: BaseUrl = "https://gw.example.com/".parse()?;
/// let origin = FeedOrigin::new(&base, "made-up-client");
/// assert_eq!((origin.gateway(), origin.client_id()), ("https://gw.example.com", "made-up-client"));
/// # Ok::<(), hec_proto::InvalidBaseUrl>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedOrigin {
    gateway: String,
    #[serde(rename = "clientId")]
    client_id: String,
}

impl FeedOrigin {
    /// The origin of events read from `gateway` with the API key of `client_id`.
    pub fn new(gateway: &BaseUrl, client_id: impl Into<String>) -> Self {
        FeedOrigin { gateway: gateway.as_str().to_owned(), client_id: client_id.into() }
    }

    /// The gateway's URL, in [`BaseUrl`]'s canonical form.
    pub fn gateway(&self) -> &str {
        &self.gateway
    }

    /// The API client id.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }
}

/// A feed's state between two runs: a serde value with a `version`, written by
/// [`Feed::checkpoint`](crate::policy::Feed::checkpoint) and taken by
/// [`Feed::resume`](crate::policy::Feed::resume).
///
/// It holds the origin and the canonical filters it was made for, the feed's start, the cursor
/// (the end of the last window read to its end), the window in progress (its dates only: a
/// scroll is never kept, a resumed window is read again from its first page) and the ids emitted
/// inside the lookback with their `eventCreated`. Never a token or a key. Its size is bounded by
/// the events inside the lookback plus one window, never by history, and by
/// [`FeedPolicy::max_ids`](crate::policy::FeedPolicy::max_ids).
///
/// In JSON (times RFC 3339 in UTC; ids oldest first):
///
/// ```text
/// {"version":1,"origin":{"gateway":"https://gw.example.com","clientId":"made-up-client"},
///  "filter":{"eventTypes":["phishing"]},"start":"2026-01-01T00:00:00Z",
///  "cursor":"2026-01-01T00:16:40Z",
///  "window":{"start":"2026-01-01T00:06:40Z","end":"2026-01-01T00:17:40Z"},
///  "emitted":[{"id":"e1","created":"2026-01-01T00:10:00.5Z"}]}
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedCheckpoint {
    pub(super) version: u32,
    pub(super) origin: FeedOrigin,
    pub(super) filter: serde_json::Value,
    pub(super) start: Time,
    pub(super) cursor: Option<Time>,
    pub(super) window: Option<WindowDates>,
    pub(super) emitted: Vec<Emitted>,
}

/// The dates of the window in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WindowDates {
    pub(super) start: Time,
    pub(super) end: Time,
}

/// An emitted id and the time it counts as created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Emitted {
    pub(super) id: EventId,
    pub(super) created: Time,
}

/// A checkpoint's JSON written straight from a feed's state, nothing copied: the same fields in
/// the same order as [`FeedCheckpoint`]'s, so the same text as [`FeedCheckpoint::to_json`].
#[derive(Serialize)]
#[serde(bound = "EmittedView<I>: Serialize")]
pub(super) struct CheckpointView<'a, I> {
    pub(super) version: u32,
    pub(super) origin: &'a FeedOrigin,
    pub(super) filter: &'a serde_json::Value,
    pub(super) start: Time,
    pub(super) cursor: Option<Time>,
    pub(super) window: Option<WindowDates>,
    pub(super) emitted: EmittedView<I>,
}

/// The emitted ids of a [`CheckpointView`], serialized from an iterator (taken once).
pub(super) struct EmittedView<I>(std::cell::Cell<Option<I>>);

impl<I> EmittedView<I> {
    pub(super) fn new(ids: I) -> Self {
        EmittedView(std::cell::Cell::new(Some(ids)))
    }
}

impl<'a, I: Iterator<Item = &'a (Timestamp, EventId)>> Serialize for EmittedView<I> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct EmittedRef<'a> {
            id: &'a EventId,
            created: Time,
        }
        let ids = self.0.take().into_iter().flatten();
        serializer.collect_seq(ids.map(|(created, id)| EmittedRef { id, created: Time(*created) }))
    }
}

/// A timestamp written as RFC 3339 in UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Time(pub(super) Timestamp);

impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse::<Timestamp>()
            .map(Time)
            .map_err(|_| serde::de::Error::custom(format!("{text:?} is not an RFC 3339 time")))
    }
}

/// Why a checkpoint cannot be resumed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FeedError {
    /// It is of another format version.
    #[error("the checkpoint is of version {found}; this version of hec reads version {supported} only")]
    Version {
        /// The checkpoint's version.
        found: u64,
        /// The version this code reads ([`FEED_CHECKPOINT_VERSION`]).
        supported: u32,
    },
    /// It was made for another gateway, client id or set of filters.
    #[error(
        "the checkpoint was made for {what} {checkpoint:?}, not {expected:?}; use another checkpoint file"
    )]
    Origin {
        /// What differs: `gateway`, `client id` or `filters`.
        what: &'static str,
        /// What the checkpoint was made for (the filters as compact JSON).
        checkpoint: String,
        /// What this feed reads.
        expected: String,
    },
    /// It is not a checkpoint: not JSON, a field missing or of the wrong type, a window that
    /// ends before it starts, an id listed twice.
    #[error("the checkpoint is corrupt: {0}")]
    Corrupt(String),
}

impl FeedCheckpoint {
    /// Reads a checkpoint from its JSON. Its version is read first, so that one of another
    /// version is refused as such ([`FeedError::Version`]) whatever its other fields; anything
    /// else that does not fit is [`FeedError::Corrupt`], naming the field.
    ///
    /// ```
    /// use hec_proto::policy::{FeedCheckpoint, FeedError};
    /// let error = FeedCheckpoint::from_json(br#"{"version": 2, "cursors": []}"#).unwrap_err();
    /// assert_eq!(error, FeedError::Version { found: 2, supported: 1 });
    /// let error = FeedCheckpoint::from_json(br#"{"version": 1}"#).unwrap_err();
    /// assert_eq!(error.to_string(), "the checkpoint is corrupt: at .: missing field `origin` at line 1 column 14");
    /// ```
    pub fn from_json(json: &[u8]) -> Result<FeedCheckpoint, FeedError> {
        #[derive(Deserialize)]
        struct Versioned {
            version: u64,
        }
        let versioned: Versioned =
            serde_json::from_slice(json).map_err(|error| FeedError::Corrupt(error.to_string()))?;
        check_version(versioned.version)?;
        let checkpoint: FeedCheckpoint =
            serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_slice(json))
                .map_err(|error| FeedError::Corrupt(format!("at {}: {}", error.path(), error.inner())))?;
        checkpoint.check()?;
        Ok(checkpoint)
    }

    /// The checkpoint as compact JSON.
    pub fn to_json(&self) -> Vec<u8> {
        // Strings, numbers and a JSON value: it always serializes.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Refuses a checkpoint of another version, or one no feed could have written.
    pub(super) fn check(&self) -> Result<(), FeedError> {
        check_version(u64::from(self.version))?;
        if let Some(window) = self.window
            && window.end.0 <= window.start.0
        {
            return Err(FeedError::Corrupt(format!(
                "the window ends at {} before it starts at {}",
                window.end.0, window.start.0
            )));
        }
        let mut ids = HashSet::with_capacity(self.emitted.len());
        if let Some(twice) = self.emitted.iter().find(|emitted| !ids.insert(&emitted.id)) {
            return Err(FeedError::Corrupt(format!("the id {} is listed twice", twice.id)));
        }
        Ok(())
    }

    /// The format version.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// Where the feed read from.
    pub fn origin(&self) -> &FeedOrigin {
        &self.origin
    }

    /// The feed's filters, canonical: the query's `requestData` fields but its dates, each list
    /// sorted and without repeats (`{}` for none).
    pub fn filter(&self) -> &serde_json::Value {
        &self.filter
    }

    /// Where the feed started (no window starts before it).
    pub fn start(&self) -> SystemTime {
        system_time(self.start.0)
    }

    /// The end of the last window read to its end; `None` before the first.
    pub fn cursor(&self) -> Option<SystemTime> {
        self.cursor.map(|cursor| system_time(cursor.0))
    }

    /// The start and end of the window in progress, if one is.
    pub fn window(&self) -> Option<(SystemTime, SystemTime)> {
        self.window.map(|window| (system_time(window.start.0), system_time(window.end.0)))
    }

    /// How many emitted ids it holds.
    pub fn emitted_count(&self) -> usize {
        self.emitted.len()
    }
}

fn check_version(found: u64) -> Result<(), FeedError> {
    if found == u64::from(FEED_CHECKPOINT_VERSION) {
        Ok(())
    } else {
        Err(FeedError::Version { found, supported: FEED_CHECKPOINT_VERSION })
    }
}
