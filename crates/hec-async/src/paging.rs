//! The items of a paged query (entities, events) as a stream, one page at a time as it is read.

use futures_util::Stream;
use hec_proto::{Endpoint, Error, Page, PagedQuery, Pager};

use crate::Client;

/// What the stream keeps between two items: the client, the pager, the items of the last page
/// not yet yielded.
struct Paging<Q: PagedQuery> {
    client: Client,
    pager: Pager<Q>,
    items: std::vec::IntoIter<Q::Item>,
}

/// The items `query` finds: a page is fetched when the items read so far run out, nothing is
/// sent before the first poll, paging ends as hec-proto's [`Pager`] decides, and a failed page is
/// the last item, as an `Err`.
pub(crate) fn items<Q>(client: Client, query: Q) -> impl Stream<Item = Result<Q::Item, Error>> + Send + Unpin
where
    Q: PagedQuery + Send + Sync + 'static,
    Q::Item: Send + 'static,
    Q::Call: Endpoint<Output = Page<Q::Item>> + Send + Sync,
{
    let state = Paging { client, pager: Pager::new(query), items: Vec::new().into_iter() };
    Box::pin(futures_util::stream::unfold(state, |mut state| async move {
        loop {
            if let Some(item) = state.items.next() {
                return Some((Ok(item), state));
            }
            let call = state.pager.poll_call()?;
            match state.client.execute(&call).await {
                Ok(page) => {
                    state.pager.handle_page(&page);
                    state.items = page.items.into_iter();
                }
                Err(error) => {
                    state.pager.stop();
                    return Some((Err(error), state));
                }
            }
        }
    }))
}
