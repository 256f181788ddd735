//! `TaskStatus`: where a task (or one of its actions) stands.

use std::fmt;

/// The state of a task or of one of its actions.
///
/// The official values are `init`, `inprogress`, `completed`, `failed`, `stopped` and `paused`;
/// they are matched without regard to case. Anything else parses as [`TaskStatus::Unknown`] with
/// its text, so a state the service adds later never breaks parsing.
///
/// ```
/// use hec_proto::TaskStatus;
/// let status: TaskStatus = serde_json::from_str(r#""inprogress""#).unwrap();
/// assert_eq!(status, TaskStatus::InProgress);
/// assert!(!status.is_terminal());
/// assert!(TaskStatus::from_wire("stopped").is_terminal());
/// assert_eq!(TaskStatus::from_wire("archived"), TaskStatus::Unknown("archived".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TaskStatus {
    /// `init`: created, not started.
    Init,
    /// `inprogress`: running.
    InProgress,
    /// `completed`: finished (terminal).
    Completed,
    /// `failed`: finished with a failure (terminal).
    Failed,
    /// `stopped`: stopped before finishing (terminal).
    Stopped,
    /// `paused`: not running, not finished; waiting will not end on its own until it resumes.
    Paused,
    /// A state this version does not know, with the text the service sent.
    Unknown(String),
}

/// The status of one action inside a task: the same states as a task's.
pub type ActionStatus = TaskStatus;

impl TaskStatus {
    /// The status for a wire text.
    pub fn from_wire(text: &str) -> Self {
        const KNOWN: [(&str, TaskStatus); 6] = [
            ("init", TaskStatus::Init),
            ("inprogress", TaskStatus::InProgress),
            ("completed", TaskStatus::Completed),
            ("failed", TaskStatus::Failed),
            ("stopped", TaskStatus::Stopped),
            ("paused", TaskStatus::Paused),
        ];
        // The service's own spelling first (a length and a few bytes to compare), then any case.
        let known = KNOWN.iter().find(|(name, _)| *name == text);
        known
            .or_else(|| KNOWN.iter().find(|(name, _)| name.eq_ignore_ascii_case(text)))
            .map_or_else(|| TaskStatus::Unknown(text.to_owned()), |(_, status)| status.clone())
    }

    /// The text the service uses (`inprogress`, ...), or the unknown text as received.
    pub fn as_str(&self) -> &str {
        match self {
            TaskStatus::Init => "init",
            TaskStatus::InProgress => "inprogress",
            TaskStatus::Completed => "completed",
            TaskStatus::Failed => "failed",
            TaskStatus::Stopped => "stopped",
            TaskStatus::Paused => "paused",
            TaskStatus::Unknown(text) => text,
        }
    }

    /// Whether the task has finished for good: `completed`, `failed` or `stopped`.
    pub fn is_terminal(&self) -> bool {
        matches!(self, TaskStatus::Completed | TaskStatus::Failed | TaskStatus::Stopped)
    }
}

impl fmt::Display for TaskStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for TaskStatus {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for TaskStatus {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = TaskStatus;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a task status string")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<TaskStatus, E> {
                Ok(TaskStatus::from_wire(text))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}
