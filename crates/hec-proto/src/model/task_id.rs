//! `TaskId`: the opaque id of a HEC task, validated so that it can never change a request's path.

use crate::model::id::{MAX_ID_LEN, opaque_id};

opaque_id!(
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
    TaskId,
    InvalidTaskId,
    "task"
);

/// The longest task id accepted (entity and event ids share the limit).
pub const MAX_TASK_ID_LEN: usize = MAX_ID_LEN;

impl serde::Serialize for TaskId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Keep the wire's shape for the common numeric case: live responses send a number.
        match self.as_str().parse::<u64>() {
            Ok(number) if number.to_string() == self.as_str() => serializer.serialize_u64(number),
            _ => serializer.serialize_str(self.as_str()),
        }
    }
}
