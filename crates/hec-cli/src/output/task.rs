//! The text of a task, for people. Every field the service sent is escaped (see
//! [`escape`](crate::output::escape)), so none can add a line or drive the terminal.

use std::fmt::Write;

use hec_proto::{HecTime, Task, TaskId};

use crate::output::escape::field;

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
    let mut text = String::new();
    let shown_id = task.id.as_ref().unwrap_or(id);
    let _ = write!(text, "task {shown_id}");
    if let Some(name) = task.name.as_deref().filter(|name| !name.is_empty()) {
        let _ = write!(text, "  {}", field(name));
    }
    text.push('\n');
    let mut line = |label: &str, value: String| {
        let _ = writeln!(text, "  {label:<10} {value}");
    };
    line("status", field(task.status.as_ref().map_or("-", |status| status.as_str())).into_owned());
    line("progress", format!("{} of {}", count(task.progress), count(task.total)));
    line("succeeded", count(task.succeed));
    line("failed", count(task.failed));
    line("created", time(task.created.as_ref()));
    line("updated", time(task.updated.as_ref()));
    let actions = task.actions();
    line("actions", actions.len().to_string());
    for action in actions {
        let status = field(action.status.as_ref().map_or("-", |status| status.as_str()));
        let name = field(action.name.as_deref().or(action.id.as_deref()).unwrap_or("-"));
        let _ = write!(text, "    {status:<10} {name}");
        if let Some(message) = action.message.as_deref().filter(|message| !message.is_empty()) {
            let _ = write!(text, ": {}", field(message));
        }
        text.push('\n');
    }
    text
}

fn count(value: Option<u64>) -> String {
    value.map_or_else(|| "-".to_owned(), |value| value.to_string())
}

/// A timestamp in UTC (RFC 3339), or as received if it does not parse.
fn time(value: Option<&HecTime>) -> String {
    value.map_or_else(
        || "-".to_owned(),
        |time| time.to_utc().map_or_else(|_| field(time.raw()).into_owned(), |utc| utc.to_string()),
    )
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
