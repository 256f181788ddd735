//! `TaskId`: the opaque id of a HEC task, validated so that it can never change a request's path.

use std::fmt;
use std::str::FromStr;

/// The id of a task, as `POST /action/entity` returns it and `GET /task/{taskId}` takes it.
///
/// An opaque token: live responses carry a number (`1691529376887109`), action responses a string
/// (`"1691525788820900"`), the official example 32 hex characters. Whatever the wire had, the id
/// keeps its text. It is 1 to 128 characters of `A-Z a-z 0-9 _ -`, so it can never add a path
/// segment, a query or a fragment to a URL.
///
/// ```
/// use hec_proto::TaskId;
/// let id: TaskId = "1691529376887109".parse().unwrap();
/// assert_eq!(id.as_str(), "1691529376887109");
/// let err = "../scopes".parse::<TaskId>().unwrap_err();
/// assert_eq!(err.to_string(), "invalid task id: character '.' at position 0 is not allowed (use A-Z, a-z, 0-9, '_' and '-')");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(String);

/// The longest task id accepted.
pub const MAX_TASK_ID_LEN: usize = 128;

/// Why a text is not a task id.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidTaskId {
    /// The text is empty.
    #[error("invalid task id: it is empty")]
    Empty,
    /// The text is longer than [`MAX_TASK_ID_LEN`] characters.
    #[error("invalid task id: it has {0} characters, at most 128 are allowed")]
    TooLong(usize),
    /// The text holds a character outside `A-Z a-z 0-9 _ -`.
    #[error(
        "invalid task id: character {character:?} at position {position} is not allowed (use A-Z, a-z, 0-9, '_' and '-')"
    )]
    BadCharacter {
        /// The first character that is not allowed.
        character: char,
        /// Its position, counted in characters from 0.
        position: usize,
    },
}

impl TaskId {
    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Checks a text and makes it a task id.
    pub fn new(text: impl Into<String>) -> Result<Self, InvalidTaskId> {
        let text = text.into();
        validate(&text)?;
        Ok(TaskId(text))
    }
}

fn validate(text: &str) -> Result<(), InvalidTaskId> {
    if text.is_empty() {
        return Err(InvalidTaskId::Empty);
    }
    if let Some((position, character)) =
        text.chars().enumerate().find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
    {
        return Err(InvalidTaskId::BadCharacter { character, position });
    }
    // Every accepted character is ASCII, so bytes and characters agree from here on.
    if text.len() > MAX_TASK_ID_LEN {
        return Err(InvalidTaskId::TooLong(text.len()));
    }
    Ok(())
}

impl FromStr for TaskId {
    type Err = InvalidTaskId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        TaskId::new(text)
    }
}

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for TaskId {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<u64> for TaskId {
    fn from(number: u64) -> Self {
        TaskId(number.to_string())
    }
}

impl serde::Serialize for TaskId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Keep the wire's shape for the common numeric case: live responses send a number.
        match self.0.parse::<u64>() {
            Ok(number) if number.to_string() == self.0 => serializer.serialize_u64(number),
            _ => serializer.serialize_str(&self.0),
        }
    }
}

impl<'de> serde::Deserialize<'de> for TaskId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = TaskId;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a task id (a string or an integer)")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<TaskId, E> {
                TaskId::new(text).map_err(E::custom)
            }

            fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<TaskId, E> {
                Ok(TaskId::from(number))
            }

            fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<TaskId, E> {
                u64::try_from(number)
                    .map(TaskId::from)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(number), &self))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}
