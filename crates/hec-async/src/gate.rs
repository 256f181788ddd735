//! `Gate`: the client-wide limit on requests in flight. A semaphore holds the configured maximum
//! (a fair queue however many futures wait); hec-proto's [`Backpressure`] decides the rest (the
//! pause after a 429 or 503, a lower limit while the service is pushing back, and that no wait
//! passes the caller's deadline).

use std::pin::pin;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::{Instant, SystemTime};

use hec_proto::TransportError;
use hec_proto::policy::{Acquire, Answer, Backpressure, Held, Permit, Release};
use tokio::sync::{Notify, Semaphore, SemaphorePermit};

/// Every request of a client passes here, token requests included.
#[derive(Debug)]
pub(crate) struct Gate {
    slots: Semaphore,
    /// Never held across an await.
    state: Mutex<Backpressure>,
    released: Notify,
}

/// The right to have one request in flight; handed back when the request ends, or when the
/// pass is dropped (a cancelled request).
#[derive(Debug)]
pub(crate) struct Pass<'a> {
    held: Held<&'a Gate>,
    /// The semaphore is never closed, so this is always `Some`.
    _slot: Option<SemaphorePermit<'a>>,
}

impl Gate {
    pub(crate) fn new(backpressure: Backpressure) -> Gate {
        Gate {
            slots: Semaphore::new(backpressure.max_in_flight()),
            state: Mutex::new(backpressure),
            released: Notify::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Backpressure> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits until a request may be sent: a pass, or `None` once `deadline` has come (hec-proto's
    /// [`Backpressure::poll_acquire_by`] decides; no wait here passes the deadline).
    pub(crate) async fn enter(&self, deadline: Instant) -> Option<Pass<'_>> {
        let until = tokio::time::Instant::from_std(deadline);
        let slot = match self.slots.try_acquire() {
            Ok(slot) => Some(slot),
            // Every slot is taken: rare enough that the timer is boxed rather than carried by
            // every request.
            Err(_) => Box::pin(tokio::time::timeout_at(until, self.slots.acquire())).await.ok()?.ok(),
        };
        loop {
            let step = self.lock().poll_acquire_by(Instant::now(), deadline);
            let permit = match step {
                Acquire::Go(permit) => permit,
                // A pause is rare: its timer is boxed rather than carried by every request.
                Acquire::WaitUntil(at) => {
                    Box::pin(sleep_until(at)).await;
                    continue;
                }
                Acquire::WaitForRelease => {
                    // Registered before asking again, so a release in between is not missed.
                    let mut released = pin!(self.released.notified());
                    released.as_mut().enable();
                    let again = self.lock().poll_acquire_by(Instant::now(), deadline);
                    match again {
                        Acquire::Go(permit) => permit,
                        Acquire::WaitForRelease => {
                            // A release, or the deadline (asked again above, it gives up).
                            let _ = Box::pin(tokio::time::timeout_at(until, released)).await;
                            continue;
                        }
                        // Asked again at the top of the loop: a pause is waited out there, and
                        // the deadline ends the wait.
                        Acquire::WaitUntil(_) | Acquire::DeadlinePassed => continue,
                    }
                }
                Acquire::DeadlinePassed => return None,
            };
            return Some(Pass { held: Held::new(self, permit), _slot: slot });
        }
    }
}

impl Pass<'_> {
    /// Hands the slot back with how the request ended.
    pub(crate) fn finish<T>(self, result: &Result<http::Response<T>, TransportError>) {
        self.held.finish(result, SystemTime::now());
    }

    /// Hands the slot back with the answer taken earlier (a download holds its slot until its
    /// body is read, and takes the answer from the response's head).
    pub(crate) fn finish_with(self, answer: Answer) {
        self.held.finish_with(answer);
    }
}

impl Release for &Gate {
    fn release(&self, permit: Permit, answer: Option<Answer>) {
        self.lock().handle_release(permit, answer, Instant::now());
        self.released.notify_waiters();
    }
}

/// Sleeps until `at` (at once if it has passed).
pub(crate) async fn sleep_until(at: Instant) {
    tokio::time::sleep(at.saturating_duration_since(Instant::now())).await;
}
