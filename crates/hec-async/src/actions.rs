//! `ActionBatches`: an action on many ids as a stream of answers, one batch of at most
//! `MAX_ACTION_IDS` at a time.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use hec_proto::endpoint::Endpoint;
use hec_proto::policy::Batches;
use hec_proto::{ActionResponse, Error};

use crate::Client;

/// A batch's request on its way.
type BatchFuture = Pin<Box<dyn Future<Output = Result<ActionResponse, Error>> + Send>>;

/// The answers of an action sent in batches (see [`Client::act_on_entities`] and
/// [`Client::act_on_events`]): one item per batch, each batch sent when its item is polled for.
/// After a failed batch (the last item) the later batches are not sent;
/// [`ActionBatches::unsent`] names them.
pub struct ActionBatches<E> {
    client: Client,
    batches: Batches<E>,
    in_flight: Option<BatchFuture>,
}

impl<E> ActionBatches<E> {
    pub(crate) fn new(client: Client, batches: Vec<E>) -> Self {
        ActionBatches { client, batches: Batches::new(batches), in_flight: None }
    }

    /// The batches not sent (yet, or ever, after a failure), in order; a batch on its way is
    /// not among them.
    pub fn unsent(&self) -> impl ExactSizeIterator<Item = &E> {
        self.batches.unsent()
    }
}

impl<E> Stream for ActionBatches<E>
where
    E: Endpoint<Output = ActionResponse> + Send + Sync + Unpin + 'static,
{
    type Item = Result<ActionResponse, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        if this.in_flight.is_none() {
            let Some(batch) = this.batches.poll_batch() else { return Poll::Ready(None) };
            let client = this.client.clone();
            this.in_flight = Some(Box::pin(async move { client.execute(&batch).await }));
        }
        let Some(in_flight) = this.in_flight.as_mut() else { return Poll::Ready(None) };
        let answer = std::task::ready!(in_flight.as_mut().poll(cx));
        this.in_flight = None;
        if answer.is_err() {
            this.batches.handle_error();
        }
        Poll::Ready(Some(answer))
    }
}

impl<E> fmt::Debug for ActionBatches<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ActionBatches")
            .field("unsent", &self.batches.unsent().len())
            .field("failed", &self.batches.failed())
            .field("in_flight", &self.in_flight.is_some())
            .finish_non_exhaustive()
    }
}
