//! `Held`: a permit of the [`Backpressure`](crate::policy::Backpressure) held while one request is
//! in flight, handed back exactly once: with how the request ended, or (dropped first, as a
//! cancelled future is) with nothing learnt. Every driver's gate hands out one.

use std::time::SystemTime;

use crate::policy::backpressure::{Answer, Permit};

/// What takes a permit back: a driver's gate, which passes it to
/// [`Backpressure::handle_release`](crate::policy::Backpressure::handle_release) and wakes its
/// waiters.
pub trait Release {
    /// Takes `permit` back, with how its request ended (`None`: dropped before it ended).
    fn release(&self, permit: Permit, answer: Option<Answer>);
}

/// A permit held for one request; see the module docs.
///
/// ```
/// use std::cell::RefCell;
/// use std::time::{Instant, SystemTime};
/// use hec_proto::policy::{Acquire, Answer, Backpressure, Held, Permit, Release};
///
/// struct Gate(RefCell<Backpressure>);
/// impl Release for &Gate {
///     fn release(&self, permit: Permit, answer: Option<Answer>) {
///         self.0.borrow_mut().handle_release(permit, answer, Instant::now());
///     }
/// }
/// let gate = Gate(RefCell::new(Backpressure::new(1)));
/// let Acquire::Go(permit) = gate.0.borrow_mut().poll_acquire(Instant::now()) else { panic!("a free slot") };
/// let held = Held::new(&gate, permit);
/// assert_eq!(gate.0.borrow().in_flight(), 1);
/// drop(held); // a cancelled request: the slot is free again
/// assert_eq!(gate.0.borrow().in_flight(), 0);
/// ```
#[derive(Debug)]
pub struct Held<R: Release> {
    releaser: R,
    permit: Option<Permit>,
}

impl<R: Release> Held<R> {
    /// `permit`, to be handed back to `releaser`.
    pub fn new(releaser: R, permit: Permit) -> Self {
        Held { releaser, permit: Some(permit) }
    }

    /// The request ended with `result` (at wall-clock `wall`, for a `Retry-After` date): the permit
    /// goes back with what the answer says of the service's load.
    pub fn finish<B, E>(self, result: &Result<http::Response<B>, E>, wall: SystemTime) {
        self.finish_with(Answer::of(result, wall));
    }

    /// The request ended with `answer`, taken earlier (a streamed download holds its permit
    /// until the body is read, and takes the answer from the response's head).
    pub fn finish_with(mut self, answer: Answer) {
        self.hand_back(Some(answer));
    }

    fn hand_back(&mut self, answer: Option<Answer>) {
        if let Some(permit) = self.permit.take() {
            self.releaser.release(permit, answer);
        }
    }
}

impl<R: Release> Drop for Held<R> {
    fn drop(&mut self) {
        self.hand_back(None);
    }
}
