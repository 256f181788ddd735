//! `Search`: the items of a paged query (entities, events) as a stream, one page at a time as
//! it is read.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_util::Stream;
use hec_proto::endpoint::PagedQuery;
use hec_proto::policy::{Paging, PagingNext};
use hec_proto::{EntityQuery, Error, EventQuery, Page};

use crate::Client;

/// The entities a search finds: see [`Client::search_entities`].
pub type EntitySearch = Search<EntityQuery>;

/// The events a query finds: see [`Client::search_events`].
pub type EventSearch = Search<EventQuery>;

/// A page's request on its way.
type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Page<T>, Error>> + Send>>;

/// The items of a paged query, as a stream that fetches a page when the items read so far run
/// out. Nothing is sent before the first poll. Paging ends as hec-proto's
/// [`Pager`](hec_proto::policy::Pager) decides (an empty page, or a cursor that is `""`, `null`,
/// absent or repeated); a failed page is the last item, as an `Err`.
pub struct Search<Q: PagedQuery> {
    client: Client,
    paging: Paging<Q>,
    /// The page being fetched, boxed: it exists only while a request is out.
    in_flight: Option<PageFuture<Q::Item>>,
}

impl<Q: PagedQuery> Search<Q> {
    pub(crate) fn new(client: Client, query: Q) -> Self {
        Search { client, paging: Paging::new(query), in_flight: None }
    }

    /// How many pages have been read so far.
    pub fn pages(&self) -> u32 {
        self.paging.pages()
    }
}

impl<Q> Stream for Search<Q>
where
    Q: PagedQuery + Send + Sync + Unpin + 'static,
    Q::Item: Send + Unpin + 'static,
{
    type Item = Result<Q::Item, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = &mut *self;
        loop {
            if let Some(in_flight) = this.in_flight.as_mut() {
                let answer = std::task::ready!(in_flight.as_mut().poll(cx));
                this.in_flight = None;
                match answer {
                    Ok(page) => this.paging.handle_page(page),
                    Err(error) => {
                        this.paging.handle_error();
                        return Poll::Ready(Some(Err(error)));
                    }
                }
            }
            match this.paging.poll_item() {
                PagingNext::Item(item) => return Poll::Ready(Some(Ok(item))),
                PagingNext::Done => return Poll::Ready(None),
                PagingNext::Send(call) => {
                    let client = this.client.clone();
                    this.in_flight = Some(Box::pin(async move { client.execute(&call).await }));
                }
            }
        }
    }
}

impl<Q: PagedQuery + fmt::Debug> fmt::Debug for Search<Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Search")
            .field("query", self.paging.pager().query())
            .field("pages", &self.paging.pages())
            .field("done", &self.paging.pager().is_done())
            .field("buffered", &self.paging.buffered())
            .finish_non_exhaustive()
    }
}
