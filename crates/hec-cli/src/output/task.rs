//! A task as `hec` prints it: its text for people (every field the service sent escaped, see
//! [`escape`](crate::output::escape), so none can add a line or drive the terminal), its JSON as
//! sent, or its id; and the tasks a wait ended with.

use std::fmt::Write;

use hec_proto::{Error, Task, TaskId};

use crate::output::escape::field;
use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::Report;
use crate::output::text::{View, count, time};
use crate::output::wait_failure;

/// A task as `hec task get` prints it: status, progress, counts, times, and each action.
///
/// ```text
/// task 1767225600000042  Office365 Emails Manual Action
///   status     completed
///   progress   3 of 3
///   succeeded  3
///   failed     0
///   created    2026-01-01T10:00:00.123456Z
///   updated    2026-01-01T10:00:04.5Z
///   actions    1
///     completed  Quarantine 1767225600000042: Message was quarantined
/// ```
pub(crate) fn task(id: &TaskId, task: &Task) -> String {
    let shown_id = task.id.as_ref().unwrap_or(id);
    let mut heading = format!("task {shown_id}");
    if let Some(name) = task.name.as_deref().filter(|name| !name.is_empty()) {
        let _ = write!(heading, "  {}", field(name));
    }
    let mut view = View::new(&heading, 10);
    view.field("status", &field(task.status.as_ref().map_or("-", |status| status.as_str())));
    view.field("progress", &format!("{} of {}", count(task.progress), count(task.total)));
    view.field("succeeded", &count(task.succeed));
    view.field("failed", &count(task.failed));
    view.field("created", &time(task.created.as_ref()));
    view.field("updated", &time(task.updated.as_ref()));
    let actions = task.actions();
    view.field("actions", &actions.len().to_string());
    for action in actions {
        let status = field(action.status.as_ref().map_or("-", |status| status.as_str()));
        let name = field(action.name.as_deref().or(action.id.as_deref()).unwrap_or("-"));
        let mut line = format!("    {status:<10} {name}");
        if let Some(message) = action.message.as_deref().filter(|message| !message.is_empty()) {
            let _ = write!(line, ": {}", field(message));
        }
        view.line(&line);
    }
    view.into_text()
}

/// What the output mode prints of a task: its JSON exactly as the API sent it (one line), its id,
/// or its text.
pub(crate) fn printed(id: &TaskId, task: &Task, report: Report) -> String {
    if report.json() {
        json::task(task)
    } else if report.ids() {
        id.to_string()
    } else {
        self::task(id, task)
    }
}

/// What [`print_finals`] prints of the tasks a wait ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Finals {
    /// Each final task (or its id, with `-o ids`), as `hec task get` does.
    Print,
    /// Failures only: the tasks' ids were printed already (an action's `-o ids` with `--wait`).
    FailuresOnly,
}

/// Where the outcomes [`print_finals`] prints come from, which says how their errors read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// One status request (`hec task get`): an error as it is.
    Get,
    /// A wait: an error says what to do next (see [`wait_failure`]), and goes to stderr only if
    /// the progress display has not shown it already (`errors_shown`), so it is printed once.
    Wait {
        /// Whether the progress display showed each error as it happened.
        errors_shown: bool,
    },
}

/// Prints how each task of `ids` ended (`outcomes`, in the same order) as `finals` says: in JSON a
/// line per task, text and ids all at once at the end; reports each failure as `source` says;
/// and gives the largest of the tasks' exit codes.
pub(crate) fn print_finals(
    ids: &[TaskId],
    outcomes: Vec<Result<Task, Error>>,
    finals: Finals,
    source: Source,
    report: Report,
) -> Exit {
    let mut texts = Vec::new();
    let mut exit = Exit::Success;
    for (id, outcome) in ids.iter().zip(outcomes) {
        let code = match outcome {
            Ok(task) => {
                warn_if_other_task(id, &task, report);
                if finals == Finals::Print {
                    let text = printed(id, &task, report);
                    if report.json() {
                        report.print(&text);
                    } else {
                        texts.push(text);
                    }
                }
                Exit::of_task(&task)
            }
            Err(error) => match source {
                Source::Get => report.call_failed(error, Some(id)),
                Source::Wait { errors_shown } => {
                    let failure = wait_failure::failure(id, error);
                    if errors_shown {
                        report.failure_in_json(&failure, Some(id));
                    } else {
                        report.failure(&failure, Some(id));
                    }
                    Exit::of_failure(&failure)
                }
            },
        };
        exit = exit.max(code);
    }
    if !texts.is_empty() {
        report.print(&texts.join("\n"));
    }
    exit
}

/// Warns on stderr when the service answered about another task than the one asked for. Not an
/// error: the official documentation's own sample answers a 32-hex id with a numeric one.
fn warn_if_other_task(asked: &TaskId, task: &Task, report: Report) {
    if let Some(other) = task.mismatched_id(asked) {
        report.warning(&format!("task {asked}: the answer is for task {}", field(other.as_str())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_task_shows_every_field_a_person_needs() {
        let task: Task = serde_json::from_str(
            r#"{"actions": [{"action_created": "2023-08-08 21:16:16.947618", "action_id": "Restore_a2c6",
                "action_message": "Message is not quarantined", "action_name": "Restore a2c6",
                "action_status": "completed"}],
                "created": "2023-08-08 21:16:16.887115", "failed": 0, "id": 1691529376887109,
                "name": "Office365 Emails Manual Action", "progress": 1, "status": "completed",
                "succeed": 1, "total": 1, "updated": "2023-08-08 21:16:17.761625"}"#,
        )
        .unwrap();
        let id: TaskId = "1691529376887109".parse().unwrap();
        assert_eq!(
            super::task(&id, &task),
            "task 1691529376887109  Office365 Emails Manual Action\n\
             \x20 status     completed\n\
             \x20 progress   1 of 1\n\
             \x20 succeeded  1\n\
             \x20 failed     0\n\
             \x20 created    2023-08-08T21:16:16.887115Z\n\
             \x20 updated    2023-08-08T21:16:17.761625Z\n\
             \x20 actions    1\n\
             \x20   completed  Restore a2c6: Message is not quarantined\n"
        );
    }

    #[test]
    fn what_the_service_sent_cannot_add_lines_or_drive_the_terminal() {
        let task: Task = serde_json::from_str(
            r#"{"name": "n\u001b]0;title\u0007", "status": "done\nerror: forged",
                "created": "\u001b[2J", "actions": [{"action_status": "x\u0000",
                "action_name": "a\r", "action_message": "m\u009b1m"}]}"#,
        )
        .unwrap();
        let id: TaskId = "42".parse().unwrap();
        let text = super::task(&id, &task);
        assert_eq!(text.lines().count(), 9, "{text}");
        assert!(
            text.starts_with("task 42  n\\u{1b}]0;title\\u{7}\n  status     done\\nerror: forged\n"),
            "{text}"
        );
        assert!(text.contains("  created    \\u{1b}[2J\n"), "{text}");
        assert!(text.ends_with("    x\\u{0}     a\\r: m\\u{9b}1m\n"), "{text}");
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{text:?}");
    }

    #[test]
    fn missing_fields_show_as_dashes() {
        let id: TaskId = "42".parse().unwrap();
        let text = super::task(&id, &Task::default());
        assert!(text.starts_with("task 42\n  status     -\n  progress   - of -\n"), "{text}");
    }
}
