//! Why a long-running command (`hec event follow`, a wait for tasks) stops early: SIGINT or SIGTERM, or a stdout
//! whose reader went away (`hec ... | head`) even while nothing is being written. A wait on
//! [`Stop`] ends at once when either happens.

use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::failure::Failure;

/// What stopped the command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum StopReason {
    /// SIGINT or SIGTERM (Ctrl-C, `kill`, a service manager).
    Signal,
    /// The reader of stdout went away.
    StdoutClosed,
}

/// The first reason to stop, shared by the signal handler, the stdout watcher and the command.
#[derive(Debug, Clone, Default)]
pub(crate) struct Stop {
    state: Arc<(Mutex<Option<StopReason>>, Condvar)>,
}

impl Stop {
    /// Handles SIGINT and SIGTERM from now on (once per process), and watches stdout for its
    /// reader going away (on Unix).
    pub(crate) fn install() -> Result<Stop, Failure> {
        let stop = Stop::default();
        let on_signal = stop.clone();
        ctrlc::set_handler(move || on_signal.set(StopReason::Signal))
            .map_err(|e| Failure::Usage(format!("cannot handle interrupts: {e}")))?;
        #[cfg(unix)]
        watch_stdout(stop.clone());
        Ok(stop)
    }

    /// Records `reason`, unless there is one already, and wakes a wait.
    pub(crate) fn set(&self, reason: StopReason) {
        let (state, wake) = &*self.state;
        let mut stopped = state.lock().unwrap_or_else(PoisonError::into_inner);
        stopped.get_or_insert(reason);
        wake.notify_all();
    }

    /// Why the command must stop, if it must.
    pub(crate) fn reason(&self) -> Option<StopReason> {
        *self.state.0.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits `wait`, or until a reason to stop comes; the reason, if one came.
    pub(crate) fn wait(&self, wait: Duration) -> Option<StopReason> {
        let (state, wake) = &*self.state;
        // A wait too long for the clock to hold is a wait until stopped, an hour at a time.
        let deadline = Instant::now().checked_add(wait);
        let mut stopped = state.lock().unwrap_or_else(PoisonError::into_inner);
        while stopped.is_none() {
            let left =
                deadline.map_or(Duration::from_secs(3600), |at| at.saturating_duration_since(Instant::now()));
            if left.is_zero() {
                break;
            }
            stopped = wake.wait_timeout(stopped, left).unwrap_or_else(PoisonError::into_inner).0;
        }
        *stopped
    }
}

/// Watches stdout on a thread of its own: a pipe whose reader is gone reports an error to
/// `poll` with no events asked for (a file or a terminal that stays reports nothing, and the
/// thread waits as long as the process runs).
#[cfg(unix)]
fn watch_stdout(stop: Stop) {
    use std::os::fd::AsFd;

    use nix::errno::Errno;
    use nix::poll::{PollFd, PollFlags, PollTimeout, poll};

    let watch = move || {
        let stdout = std::io::stdout();
        loop {
            let mut fds = [PollFd::new(stdout.as_fd(), PollFlags::empty())];
            match poll(&mut fds, PollTimeout::NONE) {
                Ok(_) => {
                    let gone = PollFlags::POLLERR | PollFlags::POLLHUP | PollFlags::POLLNVAL;
                    if fds[0].revents().is_some_and(|events| events.intersects(gone)) {
                        stop.set(StopReason::StdoutClosed);
                        return;
                    }
                    // Nothing asked for came: never busy-loop on it.
                    std::thread::sleep(Duration::from_millis(100));
                }
                Err(Errno::EINTR) => {}
                Err(_) => return,
            }
        }
    };
    // Without the thread, a closed stdout is still seen at the next write.
    let _ = std::thread::Builder::new().name("stdout-watch".to_owned()).spawn(watch);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_ends_at_its_time_or_at_the_first_reason() {
        let stop = Stop::default();
        assert_eq!(stop.wait(Duration::from_millis(5)), None);
        let setter = stop.clone();
        let started = Instant::now();
        let thread = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            setter.set(StopReason::StdoutClosed);
            setter.set(StopReason::Signal);
        });
        assert_eq!(stop.wait(Duration::from_secs(60)), Some(StopReason::StdoutClosed));
        assert!(started.elapsed() < Duration::from_secs(30));
        thread.join().expect("the setter ends");
        assert_eq!(
            (stop.reason(), stop.wait(Duration::MAX)),
            (Some(StopReason::StdoutClosed), Some(StopReason::StdoutClosed))
        );
    }
}
