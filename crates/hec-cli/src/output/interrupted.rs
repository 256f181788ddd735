//! What a wait interrupted by Ctrl-C says on stderr: which tasks are still running, and how to
//! go on waiting for them.

use std::io::Write;

use hec_proto::TaskId;

/// The most ids written on the `resume with` line itself; more are listed one per line, to be
/// given back on stdin.
const MAX_IDS_ON_ONE_LINE: usize = 10;

/// The message for tasks `running` (none if every task had ended).
///
/// ```text
/// interrupted: 2 tasks still running: 11 12
/// resume with: hec task wait 11 12
/// ```
pub(crate) fn message(running: &[TaskId]) -> String {
    let count = match running.len() {
        0 => return "interrupted: every task had ended\n".to_owned(),
        1 => "1 task".to_owned(),
        n => format!("{n} tasks"),
    };
    let ids: Vec<&str> = running.iter().map(TaskId::as_str).collect();
    if ids.len() <= MAX_IDS_ON_ONE_LINE {
        let ids = ids.join(" ");
        format!("interrupted: {count} still running: {ids}\nresume with: hec task wait {ids}\n")
    } else {
        format!(
            "interrupted: {count} still running:\n{}\nresume with: hec task wait - < FILE (these ids, one per line)\n",
            ids.join("\n")
        )
    }
}

/// Writes [`message`] on stderr (with `--quiet` too: it answers the interrupt).
pub(crate) fn report(running: &[TaskId]) {
    let mut stderr = std::io::stderr().lock();
    let _ = stderr.write_all(message(running).as_bytes()).and_then(|()| stderr.flush());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(n: usize) -> Vec<TaskId> {
        (1..=n).map(|i| i.to_string().parse().expect("an id")).collect()
    }

    #[test]
    fn a_few_tasks_are_named_on_the_resume_line() {
        assert_eq!(message(&ids(1)), "interrupted: 1 task still running: 1\nresume with: hec task wait 1\n");
        assert_eq!(
            message(&ids(2)),
            "interrupted: 2 tasks still running: 1 2\nresume with: hec task wait 1 2\n"
        );
        assert_eq!(message(&[]), "interrupted: every task had ended\n");
    }

    #[test]
    fn many_tasks_are_listed_one_per_line_for_stdin() {
        let text = message(&ids(11));
        assert_eq!(text.lines().count(), 13, "{text}");
        assert!(text.starts_with("interrupted: 11 tasks still running:\n1\n2\n"), "{text}");
        assert!(
            text.ends_with("\n11\nresume with: hec task wait - < FILE (these ids, one per line)\n"),
            "{text}"
        );
    }
}
