//! How a wait for a task that did not end is reported: the error, then what to do next, since
//! the task itself may still be running (wait longer with `--timeout`, or later with
//! `hec task wait ID`).

use hec_proto::{Error, ErrorCategory, TaskId};

use crate::failure::Failure;

/// Waiting for task `id` ended with `error`: a timeout or an unreachable service says how to go
/// on waiting; any other error (a task not found, refused credentials) says what it says.
pub(crate) fn failure(id: &TaskId, error: Error) -> Failure {
    let next = match error.category() {
        ErrorCategory::WaitTimeout => {
            format!("it may still finish: wait longer with --timeout, or later with `hec task wait {id}`")
        }
        ErrorCategory::Unavailable => format!("the task may still be running: re-run `hec task wait {id}`"),
        _ => return Failure::Client(error),
    };
    Failure::Explained { message: format!("{error}; {next}"), error }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn a_timeout_says_how_to_wait_longer_and_keeps_its_kind() {
        let id: TaskId = "42".parse().expect("an id");
        let error = Error::WaitTimedOut { last_task: None, elapsed: Duration::from_secs(1), polls: 3 };
        let said = error.to_string();
        let failure = failure(&id, error);
        assert_eq!(
            failure.to_string(),
            format!(
                "{said}; it may still finish: wait longer with --timeout, or later with `hec task wait 42`"
            )
        );
        assert_eq!(failure.kind(), "wait_timeout");
    }

    #[test]
    fn a_configuration_error_is_left_as_it_is() {
        let id: TaskId = "42".parse().expect("an id");
        let failure = failure(&id, Error::Config(hec_proto::ConfigError::MissingBaseUrl));
        assert!(matches!(failure, Failure::Client(_)), "{failure:?}");
    }
}
