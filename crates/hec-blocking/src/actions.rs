//! `ActionBatches`: an action on many ids, sent as batches of at most `MAX_ACTION_IDS`.

use std::fmt;

use hec_proto::endpoint::Endpoint;
use hec_proto::policy::Batches;
use hec_proto::{ActionResponse, Error};

use crate::Client;

/// The answers of an action sent in batches (see [`Client::act_on_entities`] and
/// [`Client::act_on_events`]): one item per batch, each batch sent when its item is asked for.
/// After a failed batch (the last item) the later batches are not sent;
/// [`ActionBatches::unsent`] names them.
pub struct ActionBatches<E> {
    client: Client,
    batches: Batches<E>,
}

impl<E> ActionBatches<E> {
    pub(crate) fn new(client: Client, batches: Vec<E>) -> Self {
        ActionBatches { client, batches: Batches::new(batches) }
    }

    /// The batches not sent (yet, or ever, after a failure), in order.
    pub fn unsent(&self) -> impl ExactSizeIterator<Item = &E> {
        self.batches.unsent()
    }
}

impl<E: Endpoint<Output = ActionResponse>> Iterator for ActionBatches<E> {
    type Item = Result<ActionResponse, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let batch = self.batches.poll_batch()?;
        let answer = self.client.execute(&batch);
        if answer.is_err() {
            self.batches.handle_error();
        }
        Some(answer)
    }
}

impl<E> fmt::Debug for ActionBatches<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActionBatches")
            .field("unsent", &self.batches.unsent().len())
            .field("failed", &self.batches.failed())
            .finish_non_exhaustive()
    }
}
