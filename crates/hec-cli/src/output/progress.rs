//! What `hec task wait` shows on stderr while it waits: progress bars on a terminal (as many as
//! its rows hold, then one summary line for the rest), timestamped lines (one per change of
//! status or progress) anywhere else, or nothing with `--quiet`. A task's error shows as soon as
//! it happens. Everything the service sent is escaped first.

use std::io::IsTerminal;
use std::time::Duration;

use hec_proto::policy::WaitUpdate;
use hec_proto::{Error, Task, TaskId, TaskStatus};
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::output::escape;
use crate::output::report::{self, message_lines};
use crate::output::text::count;
use crate::output::wait_failure;

/// How often bars are redrawn (so their elapsed time moves) while nothing else happens.
const REDRAW: Duration = Duration::from_millis(200);

/// The progress display of a set of tasks, each known by its index in the order given.
#[derive(Debug)]
pub(crate) enum Progress {
    /// One bar per task (status, progress/total, elapsed) on an interactive stderr.
    Bars(Bars),
    /// One line per change, for logs and pipes.
    Lines(Lines),
    /// Nothing (`--quiet`).
    Quiet,
}

/// The bars: one per task for as many tasks as the terminal's rows hold, and a summary line
/// (`5 more: 2 completed, 3 in progress`) for the tasks beyond.
#[derive(Debug)]
pub(crate) struct Bars {
    multi: MultiProgress,
    ids: Vec<TaskId>,
    /// The bars of the first tasks.
    bars: Vec<ProgressBar>,
    /// The tasks beyond the bars, if any.
    rest: Option<Rest>,
}

/// The tasks that have no bar: one summary line, and how each of them stands.
#[derive(Debug)]
struct Rest {
    line: ProgressBar,
    /// Indexed by task index minus the number of bars.
    states: Vec<Standing>,
}

/// How a task without a bar stands, for the summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    InProgress,
    Completed,
    Failed,
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

    /// Nothing at all (`--quiet`).
    pub(crate) fn quiet() -> Progress {
        Progress::Quiet
    }

    /// Plain lines on stderr.
    pub(crate) fn lines(ids: &[TaskId]) -> Progress {
        Progress::Lines(Lines { ids: ids.to_vec(), last: vec![None; ids.len()] })
    }

    /// Bars on stderr, as many as the terminal's rows hold.
    pub(crate) fn bars(ids: &[TaskId]) -> Progress {
        let rows = console::Term::stderr().size().0;
        Progress::bars_on(ids, ProgressDrawTarget::stderr(), usize::from(rows))
    }

    /// Bars on `target`, a terminal of `rows` rows: one bar per task, each starting as
    /// `waiting`, or, with more tasks than rows, bars for the first `rows - 2` and a summary line.
    pub(crate) fn bars_on(ids: &[TaskId], target: ProgressDrawTarget, rows: usize) -> Progress {
        let multi = MultiProgress::with_draw_target(target);
        // One row stays free for the cursor.
        let free = rows.saturating_sub(1);
        let shown = if ids.len() <= free { ids.len() } else { free.saturating_sub(1) };
        let width = ids[..shown].iter().map(|id| id.as_str().len()).max().unwrap_or(0);
        let template =
            format!("{{prefix:<{width}}} [{{bar:30.cyan/blue}}] {{pos}}/{{len}} {{msg:<10}} {{elapsed}}");
        let style = ProgressStyle::with_template(&template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bars = ids[..shown]
            .iter()
            .map(|id| {
                let bar = multi.add(ProgressBar::no_length().with_style(style.clone()));
                bar.set_prefix(id.to_string());
                bar.set_message("waiting");
                bar
            })
            .collect();
        let rest = (shown < ids.len()).then(|| {
            let line = multi.add(ProgressBar::no_length().with_style(
                ProgressStyle::with_template("{msg}").unwrap_or_else(|_| ProgressStyle::default_bar()),
            ));
            let rest = Rest { line, states: vec![Standing::InProgress; ids.len() - shown] };
            rest.line.set_message(rest.summary());
            rest
        });
        Progress::Bars(Bars { multi, ids: ids.to_vec(), bars, rest })
    }

    /// Whether a task's error shows here as it happens (not with `--quiet`), so that the final
    /// report leaves it out: each error is printed once.
    pub(crate) fn shows_errors(&self) -> bool {
        !matches!(self, Progress::Quiet)
    }

    /// How long the waiting loop may sleep before [`Progress::redraw`] should run, if ever.
    pub(crate) fn redraw_every(&self) -> Option<Duration> {
        match self {
            Progress::Bars(_) => Some(REDRAW),
            Progress::Lines(_) | Progress::Quiet => None,
        }
    }

    /// Redraws the bars (their elapsed time) while nothing changes.
    pub(crate) fn redraw(&self) {
        if let Progress::Bars(bars) = self {
            bars.bars.iter().filter(|bar| !bar.is_finished()).for_each(ProgressBar::tick);
        }
    }

    /// Shows a change of task `index`.
    pub(crate) fn update(&mut self, index: usize, update: &WaitUpdate) {
        match self {
            Progress::Bars(bars) => bars.show(index, &update.task, false),
            Progress::Lines(lines) => lines.print(index, &update.task),
            Progress::Quiet => {}
        }
    }

    /// Ends the display at an interrupt: each bar still moving stops as `interrupted` (the
    /// cursor below them), so that what follows starts on a line of its own.
    pub(crate) fn interrupt(&mut self) {
        if let Progress::Bars(bars) = self {
            for bar in bars.bars.iter().filter(|bar| !bar.is_finished()) {
                bar.abandon_with_message("interrupted");
            }
            if let Some(rest) = &bars.rest {
                rest.line.abandon_with_message(format!("{}; interrupted", rest.summary()));
            }
        }
    }

    /// Shows how task `index` ended: a bar keeps its last state; an error shows at once, with
    /// its reason, above the bars or as a line.
    pub(crate) fn finish(&mut self, index: usize, outcome: &Result<Task, Error>) {
        match (self, outcome) {
            (Progress::Bars(bars), Ok(task)) => bars.show(index, task, true),
            (Progress::Bars(bars), Err(error)) => bars.fail(index, error),
            (Progress::Lines(lines), Err(error)) => lines.fail(index, error),
            (Progress::Lines(_) | Progress::Quiet, _) => {}
        }
    }
}

impl Bars {
    /// Shows task `index` as it stands, on its bar or in the summary.
    fn show(&mut self, index: usize, task: &Task, finished: bool) {
        if let Some(bar) = self.bars.get(index) {
            match task.total {
                Some(total) => bar.set_length(total),
                None => bar.unset_length(),
            }
            bar.set_position(task.progress.unwrap_or(0));
            bar.set_message(escape::field(task.status.as_ref().map_or("-", TaskStatus::as_str)).into_owned());
            if finished {
                bar.finish();
            }
        } else {
            let standing = match &task.status {
                Some(TaskStatus::Completed) => Standing::Completed,
                Some(TaskStatus::Failed | TaskStatus::Stopped) => Standing::Failed,
                _ => Standing::InProgress,
            };
            self.set_standing(index, standing);
        }
    }

    /// Shows that waiting for task `index` failed: the reason above the bars, at once, and the
    /// kind on its bar.
    fn fail(&mut self, index: usize, error: &Error) {
        if let Some(id) = self.ids.get(index) {
            let _ = self.multi.println(failure_line(id, error));
        }
        match self.bars.get(index) {
            Some(bar) => match error {
                Error::WaitTimedOut { .. } => bar.abandon_with_message("timed out"),
                error => bar.abandon_with_message(format!("error: {}", error.kind_name())),
            },
            None => self.set_standing(index, Standing::Failed),
        }
    }

    fn set_standing(&mut self, index: usize, standing: Standing) {
        let Some(rest) = &mut self.rest else { return };
        let Some(state) = index.checked_sub(self.bars.len()).and_then(|i| rest.states.get_mut(i)) else {
            return;
        };
        if *state != standing {
            *state = standing;
            rest.line.set_message(rest.summary());
        }
    }

    /// The summary line's text, for tests.
    #[cfg(test)]
    fn summary(&self) -> Option<String> {
        self.rest.as_ref().map(Rest::summary)
    }
}

impl Rest {
    /// `8 more: 2 completed, 5 in progress, 1 failed` (no `failed` part while none has).
    fn summary(&self) -> String {
        let count = |standing| self.states.iter().filter(|&&s| s == standing).count();
        let mut text = format!(
            "{} more: {} completed, {} in progress",
            self.states.len(),
            count(Standing::Completed),
            count(Standing::InProgress)
        );
        let failed = count(Standing::Failed);
        if failed > 0 {
            text.push_str(&format!(", {failed} failed"));
        }
        text
    }
}

impl Lines {
    /// Prints task `index`'s line if it differs from the last one printed for it.
    fn print(&mut self, index: usize, task: &Task) {
        let (Some(id), Some(last)) = (self.ids.get(index), self.last.get_mut(index)) else { return };
        let line = line(id, task);
        if last.as_deref() == Some(line.as_str()) {
            return;
        }
        write_line(&line);
        *last = Some(line);
    }

    /// Prints why waiting for task `index` failed.
    fn fail(&mut self, index: usize, error: &Error) {
        if let Some(id) = self.ids.get(index) {
            write_line(&failure_line(id, error));
        }
    }
}

/// Writes `line` to stderr after the time (`2026-01-01T10:00:00Z task 42: ...`).
fn write_line(line: &str) {
    report::stamped(line);
}

/// `error: task 42: <why>; <what to do next>`, escaped and cut like any error hec prints (the
/// wait reports it here only, at once: see [`Progress::shows_errors`]).
fn failure_line(id: &TaskId, error: &Error) -> String {
    let reason = message_lines(&wait_failure::failure(id, error.clone())).join(" ");
    format!("error: task {id}: {reason}")
}

/// The plain line of a task's state: `task 42: inprogress 1/3` (`-` for what is missing).
pub(crate) fn line(id: &TaskId, task: &Task) -> String {
    let status = escape::field(task.status.as_ref().map_or("-", |status| status.as_str()));
    format!("task {id}: {status} {}/{}", count(task.progress), count(task.total))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use hec_proto::{ResponseError, ResponseErrorKind};

    use super::*;

    fn task(status: &str, progress: u64, total: u64) -> Task {
        let mut task = Task::default();
        task.status = Some(TaskStatus::from_wire(status));
        task.progress = Some(progress);
        task.total = Some(total);
        task
    }

    /// The update a waiter reports on its first sight of `task`.
    fn update(task: Task) -> WaitUpdate {
        let now = std::time::Instant::now();
        let mut waiter = hec_proto::policy::Waiter::new(&hec_proto::policy::WaitPolicy::default(), now);
        waiter.handle_task(task, now).0.expect("a first sight is a change")
    }

    fn ids(n: usize) -> Vec<TaskId> {
        (1..=n).map(|i| format!("{i}").parse().expect("an id")).collect()
    }

    /// A terminal that keeps what is written to it.
    #[derive(Debug, Clone, Default)]
    struct Screen(Arc<Mutex<String>>);

    impl Screen {
        fn text(&self) -> String {
            self.0.lock().map(|text| text.clone()).unwrap_or_default()
        }
    }

    impl indicatif::TermLike for Screen {
        fn width(&self) -> u16 {
            200
        }
        fn height(&self) -> u16 {
            10
        }
        fn move_cursor_up(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_down(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_right(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn move_cursor_left(&self, _: usize) -> std::io::Result<()> {
            Ok(())
        }
        fn write_line(&self, line: &str) -> std::io::Result<()> {
            self.write_str(&format!("{line}\n"))
        }
        fn write_str(&self, text: &str) -> std::io::Result<()> {
            if let Ok(mut screen) = self.0.lock() {
                screen.push_str(text);
            }
            Ok(())
        }
        fn clear_line(&self) -> std::io::Result<()> {
            Ok(())
        }
        fn flush(&self) -> std::io::Result<()> {
            Ok(())
        }
    }

    fn on_screen(ids: &[TaskId], rows: usize) -> (Progress, Screen) {
        let screen = Screen::default();
        let target = ProgressDrawTarget::term_like(Box::new(screen.clone()));
        (Progress::bars_on(ids, target, rows), screen)
    }

    fn not_found(id: &str) -> Error {
        let response = hec_proto::http::Response::builder()
            .status(200)
            .body(br#"{"responseEnvelope":{"responseCode":422,"responseText":"Task not found"},"responseData":[]}"#.to_vec())
            .expect("a response");
        let call = hec_proto::endpoint::GetTask::new(id.parse().expect("an id"));
        let error: ResponseError =
            hec_proto::endpoint::Endpoint::parse(&call, &response, hec_proto::RequestId::new())
                .expect_err("not found");
        assert_eq!(error.kind(), ResponseErrorKind::TaskNotFound);
        Error::Response(error)
    }

    #[test]
    fn a_line_shows_status_and_progress_of_total() {
        let id: TaskId = "42".parse().unwrap();
        assert_eq!(line(&id, &task("paused", 1, 3)), "task 42: paused 1/3");
        assert_eq!(line(&id, &Task::default()), "task 42: - -/-");
    }

    #[test]
    fn a_status_from_the_service_is_escaped() {
        let id: TaskId = "42".parse().unwrap();
        assert_eq!(
            line(&id, &task("done\u{1b}[2J\nerror: x", 1, 1)),
            "task 42: done\\u{1b}[2J\\nerror: x 1/1"
        );
    }

    #[test]
    fn with_room_every_task_has_a_bar_and_there_is_no_summary() {
        let (progress, _) = on_screen(&ids(9), 10);
        let Progress::Bars(bars) = progress else { panic!("bars") };
        assert_eq!((bars.bars.len(), bars.summary()), (9, None));
    }

    #[test]
    fn tasks_beyond_the_rows_are_summed_up_on_one_line() {
        let (mut progress, _) = on_screen(&ids(20), 10);
        let Progress::Bars(bars) = &progress else { panic!("bars") };
        assert_eq!(bars.bars.len(), 8);
        assert_eq!(bars.summary().as_deref(), Some("12 more: 0 completed, 12 in progress"));

        progress.finish(9, &Ok(task("completed", 1, 1)));
        progress.finish(10, &Ok(task("stopped", 0, 1)));
        progress.update(11, &update(task("inprogress", 1, 2)));
        progress.finish(12, &Err(not_found("13")));
        progress.finish(0, &Ok(task("completed", 1, 1)));
        let Progress::Bars(bars) = &progress else { panic!("bars") };
        assert_eq!(bars.summary().as_deref(), Some("12 more: 1 completed, 9 in progress, 2 failed"));
    }

    #[test]
    fn an_error_shows_its_reason_at_once_above_the_bars() {
        let (mut progress, screen) = on_screen(&ids(3), 10);
        progress.finish(1, &Err(not_found("2")));
        let text = screen.text();
        assert!(
            text.contains(
                "error: task 2: task 2 not found (HTTP 200, responseCode 422, \"Task not found\", request id "
            ),
            "{text:?}"
        );
        assert!(
            text.contains("); check the id, and that the API key belongs to the tenant and region"),
            "{text:?}"
        );
        let Progress::Bars(bars) = &progress else { panic!("bars") };
        assert_eq!(bars.bars[1].message(), "error: task_not_found");
        assert!(!bars.bars[0].is_finished());
    }

    #[test]
    fn an_interrupt_stops_the_bars_still_moving() {
        let (mut progress, _) = on_screen(&ids(12), 10);
        progress.finish(0, &Ok(task("completed", 1, 1)));
        progress.interrupt();
        let Progress::Bars(bars) = &progress else { panic!("bars") };
        assert_eq!((bars.bars[0].message().as_str(), bars.bars[0].is_finished()), ("completed", true));
        assert!(bars.bars[1..].iter().all(|bar| bar.message() == "interrupted" && bar.is_finished()));
        let rest = bars.rest.as_ref().map(|rest| rest.line.message());
        assert_eq!(rest.as_deref(), Some("4 more: 0 completed, 4 in progress; interrupted"));
    }
}
