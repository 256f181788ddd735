//! `Search`: the items of a paged query (entities, events), one page at a time as they are read.

use std::fmt;

use hec_proto::endpoint::PagedQuery;
use hec_proto::policy::{Paging, PagingNext};
use hec_proto::{EntityQuery, Error, EventQuery};

use crate::Client;

/// The entities a search finds: see [`Client::search_entities`].
pub type EntitySearch = Search<EntityQuery>;

/// The events a query finds: see [`Client::search_events`].
pub type EventSearch = Search<EventQuery>;

/// The items of a paged query, as an iterator that fetches a page when the items read so far
/// run out. Nothing is sent before the first `next`. Paging ends as hec-proto's
/// [`Pager`](hec_proto::policy::Pager) decides (an empty page, or a cursor that is `""`, `null`,
/// absent or repeated); a failed page is the last item, as an `Err`.
pub struct Search<Q: PagedQuery> {
    client: Client,
    paging: Paging<Q>,
}

impl<Q: PagedQuery> Search<Q> {
    pub(crate) fn new(client: Client, query: Q) -> Self {
        Search { client, paging: Paging::new(query) }
    }

    /// How many pages have been read so far.
    pub fn pages(&self) -> u32 {
        self.paging.pages()
    }
}

impl<Q: PagedQuery> Iterator for Search<Q> {
    type Item = Result<Q::Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match self.paging.poll_item() {
                PagingNext::Item(item) => return Some(Ok(item)),
                PagingNext::Done => return None,
                PagingNext::Send(call) => match self.client.execute(&call) {
                    Ok(page) => self.paging.handle_page(page),
                    Err(error) => {
                        self.paging.handle_error();
                        return Some(Err(error));
                    }
                },
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
