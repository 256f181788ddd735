//! What `hec task wait` shows on stderr while it waits: progress bars on a terminal, plain lines
//! (one per change of status or progress) anywhere else.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use hec_proto::{Error, Task, TaskId, WaitUpdate};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How often bars are redrawn (so their elapsed time moves) while nothing else happens.
const REDRAW: Duration = Duration::from_millis(200);

/// The progress display of a set of tasks, each known by its index in the order given.
#[derive(Debug)]
pub(crate) enum Progress {
    /// One bar per task (status, progress/total, elapsed) on an interactive stderr.
    Bars(Vec<ProgressBar>),
    /// One line per change, for logs and pipes.
    Lines(Lines),
}

/// The plain-line display: the ids, and the last line printed for each (to print changes only).
#[derive(Debug)]
pub(crate) struct Lines {
    ids: Vec<TaskId>,
    last: Vec<Option<String>>,
}

impl Progress {
    /// Bars if stderr is a terminal, else lines.
    pub(crate) fn for_stderr(ids: &[TaskId]) -> Progress {
        if std::io::stderr().is_terminal() { Progress::bars(ids) } else { Progress::lines(ids) }
    }

    /// Plain lines on stderr.
    pub(crate) fn lines(ids: &[TaskId]) -> Progress {
        Progress::Lines(Lines { ids: ids.to_vec(), last: vec![None; ids.len()] })
    }

    /// One bar per task on stderr, each starting as `waiting`.
    pub(crate) fn bars(ids: &[TaskId]) -> Progress {
        let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
        let width = ids.iter().map(|id| id.as_str().len()).max().unwrap_or(0);
        let template =
            format!("{{prefix:<{width}}} [{{bar:30.cyan/blue}}] {{pos}}/{{len}} {{msg:<10}} {{elapsed}}");
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bars = ids
            .iter()
            .map(|id| {
                let bar = multi.add(ProgressBar::no_length().with_style(style.clone()));
                bar.set_prefix(id.to_string());
                bar.set_message("waiting");
                bar
            })
            .collect();
        Progress::Bars(bars)
    }

    /// How long the waiting loop may sleep before [`Progress::redraw`] should run, if ever.
    pub(crate) fn redraw_every(&self) -> Option<Duration> {
        match self {
            Progress::Bars(_) => Some(REDRAW),
            Progress::Lines(_) => None,
        }
    }

    /// Redraws the bars (their elapsed time) while nothing changes.
    pub(crate) fn redraw(&self) {
        if let Progress::Bars(bars) = self {
            bars.iter().filter(|bar| !bar.is_finished()).for_each(ProgressBar::tick);
        }
    }

    /// Shows a change of task `index`.
    pub(crate) fn update(&mut self, index: usize, update: &WaitUpdate) {
        match self {
            Progress::Bars(bars) => {
                if let Some(bar) = bars.get(index) {
                    show_on_bar(bar, &update.task);
                }
            }
            Progress::Lines(lines) => lines.print(index, &update.task),
        }
    }

    /// Shows how task `index` ended (a bar keeps its last state; lines were printed already).
    pub(crate) fn finish(&mut self, index: usize, outcome: &Result<Task, Error>) {
        let Progress::Bars(bars) = self else { return };
        let Some(bar) = bars.get(index) else { return };
        match outcome {
            Ok(task) => {
                show_on_bar(bar, task);
                bar.finish();
            }
            Err(Error::WaitTimedOut { .. }) => bar.abandon_with_message("timed out"),
            Err(error) => bar.abandon_with_message(format!("error: {}", error.kind_name())),
        }
    }
}

fn show_on_bar(bar: &ProgressBar, task: &Task) {
    match task.total {
        Some(total) => bar.set_length(total),
        None => bar.unset_length(),
    }
    bar.set_position(task.progress.unwrap_or(0));
    bar.set_message(task.status.as_ref().map_or_else(|| "-".to_owned(), ToString::to_string));
}

impl Lines {
    /// Prints task `index`'s line if it differs from the last one printed for it.
    fn print(&mut self, index: usize, task: &Task) {
        let (Some(id), Some(last)) = (self.ids.get(index), self.last.get_mut(index)) else { return };
        let line = line(id, task);
        if last.as_deref() == Some(line.as_str()) {
            return;
        }
        let mut stderr = std::io::stderr().lock();
        let _ = writeln!(stderr, "{line}").and_then(|()| stderr.flush());
        *last = Some(line);
    }
}

/// The plain line of a task's state: `task 42: inprogress 1/3` (`-` for what is missing).
pub(crate) fn line(id: &TaskId, task: &Task) -> String {
    let status = task.status.as_ref().map_or("-", |status| status.as_str());
    let count = |value: Option<u64>| value.map_or_else(|| "-".to_owned(), |value| value.to_string());
    format!("task {id}: {status} {}/{}", count(task.progress), count(task.total))
}

#[cfg(test)]
mod tests {
    use hec_proto::TaskStatus;

    use super::*;

    #[test]
    fn a_line_shows_status_and_progress_of_total() {
        let mut task = Task::default();
        task.status = Some(TaskStatus::Paused);
        task.progress = Some(1);
        task.total = Some(3);
        let id: TaskId = "42".parse().unwrap();
        assert_eq!(line(&id, &task), "task 42: paused 1/3");
        assert_eq!(line(&id, &Task::default()), "task 42: - -/-");
    }
}
