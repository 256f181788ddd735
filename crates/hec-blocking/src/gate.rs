//! `Gate`: the client-wide limit on requests in flight. hec-proto's [`Backpressure`] decides; the
//! gate holds it behind a lock and makes callers wait (sleeping through a pause, or until a
//! request in flight ends).

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use hec_proto::TransportError;
use hec_proto::policy::{Acquire, Answer, Backpressure, Permit};

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
#[derive(Debug)]
pub(crate) struct Pass<'a> {
    gate: &'a Gate,
    permit: Option<Permit>,
}

impl Gate {
    pub(crate) fn new(backpressure: Backpressure) -> Gate {
        Gate { state: Mutex::new(State { backpressure, waiting: 0 }), released: Condvar::new() }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a request may be sent.
    pub(crate) fn enter(&self) -> Pass<'_> {
        let mut state = self.lock();
        loop {
            match state.backpressure.poll_acquire(Instant::now()) {
                Acquire::Go(permit) => return Pass { gate: self, permit: Some(permit) },
                Acquire::WaitUntil(at) => {
                    drop(state);
                    thread::sleep(at.saturating_duration_since(Instant::now()));
                    state = self.lock();
                }
                Acquire::WaitForRelease => {
                    // Counted under the lock, before it is let go to wait: a release that comes
                    // after sees it.
                    state.waiting += 1;
                    state = self
                        .released
                        .wait_timeout(state, RECHECK)
                        .map_or_else(|poisoned| poisoned.into_inner().0, |(state, _)| state);
                    state.waiting -= 1;
                }
            }
        }
    }

    fn release(&self, permit: Permit, answer: Option<Answer>) {
        let mut state = self.lock();
        match answer {
            Some(answer) => state.backpressure.handle_answer(permit, answer, Instant::now()),
            None => state.backpressure.abandon(permit),
        }
        let wake = state.waiting > 0;
        drop(state);
        if wake {
            self.released.notify_all();
        }
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

#[cfg(test)]
mod tests {
    use std::sync::{Arc, mpsc};
    use std::time::Duration;

    use hec_proto::policy::Backpressure;

    use super::{Gate, Pass};

    fn ok() -> Result<http::Response<()>, hec_proto::TransportError> {
        Ok(http::Response::new(()))
    }

    /// A second caller waits at a gate of one slot while the first holds it, and passes once
    /// `release` hands it back (the recheck is an hour away in tests, so only the release's wake
    /// can let it through; if that wake were lost, the waiting thread is left behind, never
    /// joined, and the test fails after 10 s).
    fn second_caller_passes_after(release: impl FnOnce(Pass<'_>)) {
        let gate = Arc::new(Gate::new(Backpressure::new(1)));
        let first = gate.enter();
        let (passed, passes) = mpsc::channel();
        let waiting = {
            let gate = Arc::clone(&gate);
            std::thread::spawn(move || {
                let second = gate.enter();
                passed.send(()).expect("the test waits for it");
                second.finish(&ok());
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
        second_caller_passes_after(|pass| pass.finish(&ok()));
    }

    #[test]
    fn a_dropped_pass_wakes_a_waiting_caller_too() {
        second_caller_passes_after(|pass| drop(pass));
    }
}
