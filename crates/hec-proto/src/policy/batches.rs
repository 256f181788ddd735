//! `Batches`: an action on many ids sent as batches, one at a time, none after a failure. The
//! rule every driver's batch iterator or stream needs, decided once here.

use std::collections::VecDeque;

/// The batches of an action not yet sent, in order: [`Batches::poll_batch`] gives the next one
/// to send; after [`Batches::handle_error`] none is given, and [`Batches::unsent`] names those
/// never sent.
///
/// ```
/// use hec_proto::policy::Batches;
/// let mut batches = Batches::new(vec!["a", "b", "c"]);
/// assert_eq!(batches.poll_batch(), Some("a"));
/// batches.handle_error();
/// assert_eq!(batches.poll_batch(), None);
/// assert_eq!(batches.unsent().collect::<Vec<_>>(), [&"b", &"c"]);
/// ```
#[derive(Debug, Clone)]
pub struct Batches<E> {
    unsent: VecDeque<E>,
    failed: bool,
}

impl<E> Batches<E> {
    /// These batches, to be sent in order.
    pub fn new(batches: Vec<E>) -> Self {
        Batches { unsent: batches.into(), failed: false }
    }

    /// The next batch to send, or `None` when all were sent or one failed.
    pub fn poll_batch(&mut self) -> Option<E> {
        if self.failed { None } else { self.unsent.pop_front() }
    }

    /// The last batch sent failed: no more are sent.
    pub fn handle_error(&mut self) {
        self.failed = true;
    }

    /// Whether a batch failed.
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// The batches not sent (yet, or ever, after a failure), in order.
    pub fn unsent(&self) -> impl ExactSizeIterator<Item = &E> {
        self.unsent.iter()
    }
}
