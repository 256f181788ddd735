//! An action on many ids as a stream of answers, one batch of at most `MAX_ACTION_IDS` at a time.

use futures_util::Stream;
use hec_proto::{ActionResponse, Endpoint, Error};

use crate::Client;

/// The answers of `batches`, each batch sent when its answer is polled for; after a failed
/// batch (the last item) the later batches are not sent.
pub(crate) fn answers<E>(
    client: Client,
    batches: Vec<E>,
) -> impl Stream<Item = Result<ActionResponse, Error>> + Send + Unpin
where
    E: Endpoint<Output = ActionResponse> + Send + Sync + 'static,
{
    let state = (client, batches.into_iter());
    Box::pin(futures_util::stream::unfold(state, |(client, mut batches)| async move {
        let batch = batches.next()?;
        let answer = client.execute(&batch).await;
        if answer.is_err() {
            // Nothing after a failure is sent.
            batches = Vec::new().into_iter();
        }
        Some((answer, (client, batches)))
    }))
}
