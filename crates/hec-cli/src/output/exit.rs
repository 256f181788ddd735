//! Exit codes: what a script can rely on.

use hec_proto::{Error, ErrorCategory, Task, TaskStatus};

use crate::failure::Failure;

/// How `hec` ends. Ordered so that, for several tasks, the largest code wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Exit {
    /// 0: success (for `task wait`: the task completed).
    Success = 0,
    /// 1: the task ended `failed` or `stopped`.
    TaskFailed = 1,
    /// 2: usage or configuration error.
    Usage = 2,
    /// 3: authentication failed.
    Auth = 3,
    /// 4: the API answered, but not with success, or with an answer hec refuses (one that
    /// does not parse, a download past `--max-size`).
    Api = 4,
    /// 5: the service could not be reached, or kept failing.
    Unavailable = 5,
    /// 6: waiting timed out.
    WaitTimeout = 6,
    /// 130 (128 + SIGINT, as shells report it): a wait or a download was interrupted (Ctrl-C).
    Interrupted = 130,
}

impl Exit {
    /// The code for a task as it stands: 1 if it ended `failed` or `stopped`, else 0.
    pub(crate) fn of_task(task: &Task) -> Exit {
        match task.status {
            Some(TaskStatus::Failed | TaskStatus::Stopped) => Exit::TaskFailed,
            _ => Exit::Success,
        }
    }

    /// The code for a failed call, from its category.
    pub(crate) fn of_error(error: &Error) -> Exit {
        match error.category() {
            ErrorCategory::Auth => Exit::Auth,
            ErrorCategory::Api => Exit::Api,
            ErrorCategory::Unavailable => Exit::Unavailable,
            ErrorCategory::WaitTimeout => Exit::WaitTimeout,
            ErrorCategory::Config => Exit::Usage,
            // A category added later: the service answered something this version cannot use.
            _ => Exit::Api,
        }
    }

    /// The code for a command's failure: 2 for a usage problem, 3 for credentials that could not
    /// be had, else its call's.
    pub(crate) fn of_failure(failure: &Failure) -> Exit {
        match failure {
            Failure::Usage(_) => Exit::Usage,
            Failure::Credentials(_) => Exit::Auth,
            Failure::Client(error) | Failure::Explained { error, .. } => Exit::of_error(error),
        }
    }

    /// The process exit code.
    pub(crate) fn code(self) -> u8 {
        self as u8
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit.code())
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn task(status: &str) -> Task {
        let mut task = Task::default();
        task.status = Some(TaskStatus::from_wire(status));
        task
    }

    #[test]
    fn only_failed_and_stopped_tasks_exit_1() {
        assert_eq!(Exit::of_task(&task("completed")), Exit::Success);
        assert_eq!(Exit::of_task(&task("inprogress")), Exit::Success);
        assert_eq!(Exit::of_task(&task("failed")), Exit::TaskFailed);
        assert_eq!(Exit::of_task(&task("stopped")), Exit::TaskFailed);
    }

    #[test]
    fn error_categories_map_to_their_codes() {
        let timeout = Error::WaitTimedOut { last_task: None, elapsed: Duration::ZERO, polls: 0 };
        assert_eq!(Exit::of_error(&timeout).code(), 6);
        assert_eq!(Exit::of_error(&Error::Config(hec_proto::ConfigError::MissingBaseUrl)).code(), 2);
    }

    #[test]
    fn the_largest_code_wins() {
        let codes = [Exit::Success, Exit::WaitTimeout, Exit::TaskFailed];
        assert_eq!(codes.into_iter().max(), Some(Exit::WaitTimeout));
    }
}
