//! `Gate`: the client-wide limit on requests in flight. hec-proto's [`Backpressure`] decides; the
//! gate holds it behind a lock and makes callers wait (sleeping through a pause, or until a
//! request in flight ends), never past the caller's deadline.

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use hec_proto::TransportError;
use hec_proto::policy::{Acquire, Answer, Backpressure, Permit};

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
#[derive(Debug)]
pub(crate) struct Pass<'a> {
    gate: &'a Gate,
    permit: Option<Permit>,
}

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
                Acquire::Go(permit) => return Some(Pass { gate: self, permit: Some(permit) }),
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

    fn release(&self, permit: Permit, answer: Option<Answer>) {
        let mut state = self.lock();
        match answer {
            Some(answer) => state.handle_answer(permit, answer, Instant::now()),
            None => state.abandon(permit),
        }
        drop(state);
        self.released.notify_all();
    }
}

impl Pass<'_> {
    /// Hands the slot back with how the request ended.
    pub(crate) fn finish<T>(mut self, result: &Result<http::Response<T>, TransportError>) {
        if let Some(permit) = self.permit.take() {
            self.gate.release(permit, Some(Answer::of(result, SystemTime::now())));
        }
    }
}

impl Drop for Pass<'_> {
    fn drop(&mut self) {
        if let Some(permit) = self.permit.take() {
            self.gate.release(permit, None);
        }
    }
}
