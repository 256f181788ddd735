//! `Gate`: the client-wide limit on requests in flight. hec-proto's [`Backpressure`] decides; the
//! gate holds it behind a lock and makes callers wait (sleeping through a pause, or until a
//! request in flight ends), never past the caller's deadline.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use hec_proto::policy::{Acquire, Answer, Backpressure, Held, Permit, Release};

/// How long a caller waiting for a release sleeps at most before it asks again (a safety net:
/// every release wakes the waiters).
const RECHECK: Duration = Duration::from_millis(100);

/// Every request of a client passes here, token requests included.
#[derive(Debug)]
pub(crate) struct Gate {
    state: Mutex<Backpressure>,
    released: Condvar,
}

/// The right to have one request in flight; handed back when the request ends (or when the pass
/// is dropped, if it never ended).
pub(crate) type Pass<'a> = Held<&'a Gate>;

impl Gate {
    pub(crate) fn new(backpressure: Backpressure) -> Gate {
        Gate { state: Mutex::new(backpressure), released: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, Backpressure> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a request may be sent: a pass, or `None` once `deadline` has come (hec-proto's
    /// [`Backpressure::poll_acquire_by`] decides; no wait here passes the deadline).
    pub(crate) fn enter(&self, deadline: Instant) -> Option<Pass<'_>> {
        let mut state = self.lock();
        loop {
            let now = Instant::now();
            match state.poll_acquire_by(now, deadline) {
                Acquire::Go(permit) => return Some(Held::new(self, permit)),
                Acquire::WaitUntil(at) => {
                    drop(state);
                    thread::sleep(at.saturating_duration_since(now));
                    state = self.lock();
                }
                Acquire::WaitForRelease => {
                    let wait = RECHECK.min(deadline.saturating_duration_since(now));
                    state = self
                        .released
                        .wait_timeout(state, wait)
                        .map_or_else(|poisoned| poisoned.into_inner().0, |(state, _)| state);
                }
                Acquire::DeadlinePassed => return None,
            }
        }
    }
}

impl Release for &Gate {
    fn release(&self, permit: Permit, answer: Option<Answer>) {
        self.lock().handle_release(permit, answer, Instant::now());
        self.released.notify_all();
    }
}
