//! The tasks that actions leave: ids in arrival order, progress over polls, and the task object
//! `GET /task/{id}` shows.
//!
//! A task of `n` targets (entities or events) moves `init` -> `inprogress` -> `completed`, one
//! action per target, progress counting up: at its first poll it shows `init` with progress 0;
//! poll `p` after that has done `min(n, (p - 1) * ceil(n / 3))` targets, but at most `n - 1` at
//! the second poll, so every task shows `inprogress` at least once. A target's action turns
//! `completed` with its message, and takes effect on the mail or event, at the poll that does it;
//! the task is `completed` (progress, total and succeed all `n`) once all are done: at the third
//! poll for one or two targets, the fourth at the latest. A fault that replaces a poll's answer
//! does not count as a poll.

use std::collections::{HashMap, VecDeque};

use jiff::Timestamp;

use super::Records;
use super::effects::ActionKind;
use crate::mock::demo::{self, CUSTOMER_ID, MAX_ACTION_TASKS};
use crate::mock::task::{self, Action, OWNER, Task};

/// Every action task, by id.
#[derive(Debug, Default)]
pub(crate) struct ActionTasks {
    /// How many action requests have made a task (the next task's number).
    made: u64,
    tasks: HashMap<String, ActionTask>,
    /// Task ids, oldest first, to forget the oldest beyond [`MAX_ACTION_TASKS`].
    order: VecDeque<String>,
}

#[derive(Debug)]
struct ActionTask {
    kind: ActionKind,
    /// The SaaS of the targets (`None` for events): names the task.
    saas: Option<String>,
    /// The request's reason (a decline's `restoreDeclineReason`).
    reason: Option<String>,
    /// Each target, with its action's message once it has run.
    targets: Vec<(String, Option<&'static str>)>,
    polls: usize,
    created: Timestamp,
    updated: Timestamp,
}

impl ActionTasks {
    /// Makes the next task: `kind` (with the request's `reason`, if any) on `targets` (distinct,
    /// known ids); its id.
    pub(crate) fn create(
        &mut self,
        (kind, reason): (ActionKind, Option<String>),
        saas: Option<String>,
        targets: Vec<String>,
        now: Timestamp,
    ) -> String {
        let id = demo::action_task_id(self.made);
        self.made += 1;
        if self.order.len() >= MAX_ACTION_TASKS
            && let Some(oldest) = self.order.pop_front()
        {
            self.tasks.remove(&oldest);
        }
        let targets = targets.into_iter().map(|target| (target, None)).collect();
        let task = ActionTask { kind, saas, reason, targets, polls: 0, created: now, updated: now };
        self.tasks.insert(id.clone(), task);
        self.order.push_back(id.clone());
        id
    }

    /// Counts one poll of task `id`, runs the actions whose turn it is, and shows the task; `None`
    /// if no action made a task of that id.
    pub(crate) fn poll(&mut self, id: &str, records: &mut Records, now: Timestamp) -> Option<Task> {
        let task = self.tasks.get_mut(id)?;
        task.polls += 1;
        let total = task.targets.len();
        let step = total.div_ceil(3);
        let done = match task.polls {
            1 => 0,
            2 => step.min(total.saturating_sub(1)),
            polls => (polls - 1).saturating_mul(step).min(total),
        };
        for (target, message) in &mut task.targets[..done] {
            if message.is_none() {
                *message = Some(task.kind.apply(target, task.reason.as_deref(), records, now));
                task.updated = now;
            }
        }
        Some(task.show(id, done))
    }
}

impl ActionTask {
    fn show(&self, id: &str, done: usize) -> Task {
        let status = match done {
            _ if self.polls <= 1 => "init",
            done if done < self.targets.len() => "inprogress",
            _ => "completed",
        };
        let (name, task_type) = match (self.kind, self.saas.as_deref()) {
            (ActionKind::Dismiss, _) => ("Security Events Manual Action", "security_events_manual_action"),
            (_, Some("google_mail")) => ("Google Mail Manual Action", "google_mail_manual_action"),
            _ => ("Office365 Emails Manual Action", "office365_emails_manual_action"),
        };
        let created = task::task_time(self.created);
        let updated = task::task_time(self.updated);
        let label = self.kind.label();
        let actions = self
            .targets
            .iter()
            .map(|(target, message)| Action {
                action_created: created.clone(),
                action_id: format!("{label}_{target}"),
                action_message: message.unwrap_or(""),
                action_name: format!("{label} {target}"),
                action_status: match (message, status) {
                    (Some(_), _) => "completed",
                    (None, "init") => "init",
                    (None, _) => "inprogress",
                }
                .to_owned(),
                action_type: format!("{label}_{target}"),
                action_updated: updated.clone(),
                hash_key: format!("mock-farm##{CUSTOMER_ID}##{id}"),
            })
            .collect();
        let done = done as u64;
        Task {
            actions,
            created,
            customer: CUSTOMER_ID,
            failed: 0,
            id: task::id_value(id),
            name,
            owner: OWNER,
            progress: done,
            sequential: false,
            status: status.to_owned(),
            succeed: done,
            total: self.targets.len() as u64,
            task_type,
            updated,
        }
    }
}
