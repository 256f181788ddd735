//! `Gate`: the client-wide limit on requests in flight. hec-proto's [`Backpressure`] decides; the
//! gate holds it behind a lock and makes callers wait (sleeping through a pause, or until a
//! request in flight ends), never past the caller's deadline.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use hec_proto::policy::{Acquire, Answer, Backpressure, Held, Permit, Release};

/// How long a caller waiting for a release sleeps at most before it asks again (a safety net:
/// every release wakes the waiters). The unit tests remove the net, so that they see the wake
/// itself.
const RECHECK: Duration = if cfg!(test) { Duration::from_secs(3600) } else { Duration::from_millis(100) };

/// Every request of a client passes here, token requests included.
#[derive(Debug)]
pub(crate) struct Gate {
    state: Mutex<State>,
    released: Condvar,
}

/// What the gate's lock guards.
#[derive(Debug)]
struct State {
    backpressure: Backpressure,
    /// Callers waiting for a release: a release wakes them only if there are any (waking no one
    /// still costs a system call, on every request).
    waiting: usize,
}

/// The right to have one request in flight; handed back when the request ends (or when the pass
/// is dropped, if it never ended).
pub(crate) type Pass<'a> = Held<&'a Gate>;

impl Gate {
    pub(crate) fn new(backpressure: Backpressure) -> Gate {
        Gate { state: Mutex::new(State { backpressure, waiting: 0 }), released: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a request may be sent: a pass, or `None` once `deadline` has come (hec-proto's
    /// [`Backpressure::poll_acquire_by`] decides; no wait here passes the deadline).
    pub(crate) fn enter(&self, deadline: Instant) -> Option<Pass<'_>> {
        let mut state = self.lock();
        loop {
            let now = Instant::now();
            match state.backpressure.poll_acquire_by(now, deadline) {
                Acquire::Go(permit) => return Some(Held::new(self, permit)),
                Acquire::WaitUntil(at) => {
                    drop(state);
                    thread::sleep(at.saturating_duration_since(now));
                    state = self.lock();
                }
                Acquire::WaitForRelease => {
                    let wait = RECHECK.min(deadline.saturating_duration_since(now));
                    // Counted under the lock, before it is let go to wait: a release that comes
                    // after sees it.
                    state.waiting += 1;
                    state = self
                        .released
                        .wait_timeout(state, wait)
                        .map_or_else(|poisoned| poisoned.into_inner().0, |(state, _)| state);
                    state.waiting -= 1;
                }
                Acquire::DeadlinePassed => return None,
            }
        }
    }
}

impl Release for &Gate {
    fn release(&self, permit: Permit, answer: Option<Answer>) {
        let mut state = self.lock();
        state.backpressure.handle_release(permit, answer, Instant::now());
        let wake = state.waiting > 0;
        drop(state);
        if wake {
            self.released.notify_all();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, mpsc};
    use std::time::{Duration, Instant, SystemTime};

    use hec_proto::policy::Backpressure;

    use super::{Gate, Pass};

    fn ok() -> Result<http::Response<()>, hec_proto::TransportError> {
        Ok(http::Response::new(()))
    }

    /// A second caller waits at a gate of one slot while the first holds it, and passes once
    /// `release` hands it back (the recheck is an hour away in tests, so only the release's wake
    /// can let it through; if that wake were lost, the second caller would wait until its
    /// deadline, a minute away, and the test fails after 10 s).
    fn second_caller_passes_after(release: impl FnOnce(Pass<'_>)) {
        let gate = Arc::new(Gate::new(Backpressure::new(1)));
        let deadline = || Instant::now() + Duration::from_secs(60);
        let first = gate.enter(deadline()).expect("a free slot");
        let (passed, passes) = mpsc::channel();
        let waiting = {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || {
                let second = gate.enter(deadline()).expect("the slot, once released");
                passed.send(()).expect("the test waits for it");
                second.finish(&ok(), SystemTime::now());
            })
        };
        assert_eq!(passes.recv_timeout(Duration::from_millis(50)), Err(mpsc::RecvTimeoutError::Timeout));
        release(first);
        assert_eq!(passes.recv_timeout(Duration::from_secs(10)), Ok(()));
        waiting.join().expect("the second caller");
        let state = gate.lock();
        assert_eq!((state.waiting, state.backpressure.in_flight()), (0, 0));
    }

    #[test]
    fn a_caller_waiting_for_a_release_is_woken_by_it() {
        second_caller_passes_after(|pass| pass.finish(&ok(), SystemTime::now()));
    }

    #[test]
    fn a_dropped_pass_wakes_a_waiting_caller_too() {
        #[allow(clippy::redundant_closure)] // `drop` itself is not general over the pass's lifetime
        second_caller_passes_after(|pass| drop(pass));
    }
}
