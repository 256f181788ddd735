//! `Search`: the items of a paged query (entities, events), one page at a time as they are read.

use std::fmt;

use hec_proto::{Endpoint, EntityQuery, Error, EventQuery, Page, PagedQuery, Pager};

use crate::Client;

/// The entities a search finds: see [`Client::search_entities`].
pub type EntitySearch = Search<EntityQuery>;

/// The events a query finds: see [`Client::search_events`].
pub type EventSearch = Search<EventQuery>;

/// The items of a paged query, as an iterator that fetches a page when the items read so far
/// run out. Nothing is sent before the first `next`. Paging ends as hec-proto's [`Pager`]
/// decides (an empty page, or a cursor that is `""`, `null`, absent or repeated); a failed page
/// is the last item, as an `Err`.
pub struct Search<Q: PagedQuery> {
    client: Client,
    pager: Pager<Q>,
    items: std::vec::IntoIter<Q::Item>,
}

impl<Q: PagedQuery> Search<Q> {
    pub(crate) fn new(client: Client, query: Q) -> Self {
        Search { client, pager: Pager::new(query), items: Vec::new().into_iter() }
    }

    /// How many pages have been read so far.
    pub fn pages(&self) -> u32 {
        self.pager.pages()
    }
}

impl<Q> Iterator for Search<Q>
where
    Q: PagedQuery,
    Q::Call: Endpoint<Output = Page<Q::Item>>,
{
    type Item = Result<Q::Item, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.items.next() {
                return Some(Ok(item));
            }
            let call = self.pager.poll_call()?;
            match self.client.execute(&call) {
                Ok(page) => {
                    self.pager.handle_page(&page);
                    self.items = page.items.into_iter();
                }
                Err(error) => {
                    self.pager.stop();
                    return Some(Err(error));
                }
            }
        }
    }
}

impl<Q: PagedQuery + fmt::Debug> fmt::Debug for Search<Q> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Search")
            .field("query", self.pager.query())
            .field("pages", &self.pager.pages())
            .field("done", &self.pager.is_done())
            .field("buffered", &self.items.len())
            .finish_non_exhaustive()
    }
}
