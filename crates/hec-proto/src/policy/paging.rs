//! `Paging`: the items of a paged query one at a time, a page fetched when the last one's items
//! run out, none handed out twice. The refill loop every driver's search iterator or stream
//! needs, decided once here.
//!
//! ```text
//!   poll_item() ──┬──► Item(item)   (an item of the last page fed)
//!                 ├──► Send(call)   (send it, then handle_page(page) or handle_error())
//!                 └──► Done         (the pager ended, or a page failed)
//! ```

use std::collections::VecDeque;

use crate::endpoint::paged::{Paged, PagedQuery};
use crate::model::page::Page;
use crate::policy::pager::{Pager, PagerEnd};
use crate::policy::seen_ids::SeenIds;

/// What a driver does next for a paged query: see [`Paging::poll_item`].
#[derive(Debug)]
pub enum PagingNext<Q: PagedQuery> {
    /// The next item.
    Item(Q::Item),
    /// Send this page's request, then feed its answer back.
    Send(Paged<Q>),
    /// No more items.
    Done,
}

/// A [`Pager`] and the items of its last page not yet handed out.
///
/// An item whose id ([`PagedQuery::item_id`]) was handed out before, among the last
/// [`IDS_REMEMBERED`](crate::policy::IDS_REMEMBERED), is not handed out again: a gateway that
/// answers a page again (under the same cursor or a new one), or whose results shift between
/// two pages, shows each item once. A page whose every item was handed out before ends paging
/// ([`PagerEnd::RepeatedItems`]): it brought nothing, and a gateway that repeats it under new
/// cursors would otherwise keep a caller fetching without an item to stop on.
///
/// ```
/// use std::time::SystemTime;
/// use hec_proto::policy::{Paging, PagingNext};
/// use hec_proto::{EntityQuery, Page};
///
/// let mut paging = Paging::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH));
/// let PagingNext::Send(first) = paging.poll_item() else { panic!("the first page is asked for") };
/// assert_eq!(first.cursor, None);
/// paging.handle_page(Page::new(vec![serde_json::from_str("{}")?], Some(String::new())));
/// assert!(matches!(paging.poll_item(), PagingNext::Item(_)));
/// assert!(matches!(paging.poll_item(), PagingNext::Done));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug)]
pub struct Paging<Q: PagedQuery> {
    pager: Pager<Q>,
    items: VecDeque<Q::Item>,
    seen: SeenIds,
}

impl<Q: PagedQuery> Paging<Q> {
    /// The items of `query`, from its first page.
    pub fn new(query: Q) -> Self {
        Paging { pager: Pager::new(query), items: VecDeque::new(), seen: SeenIds::default() }
    }

    /// The next item if one is buffered; else the next page's request, or the end.
    pub fn poll_item(&mut self) -> PagingNext<Q> {
        if let Some(item) = self.items.pop_front() {
            return PagingNext::Item(item);
        }
        match self.pager.poll_call() {
            Some(call) => PagingNext::Send(call),
            None => PagingNext::Done,
        }
    }

    /// Feeds back the page the last request answered; its items come out of
    /// [`Paging::poll_item`] next, but for those handed out before.
    pub fn handle_page(&mut self, page: Page<Q::Item>) {
        self.pager.handle_page(&page);
        let fed = page.items.len();
        let seen = &mut self.seen;
        self.items =
            page.items.into_iter().filter(|item| Q::item_id(item).is_none_or(|id| seen.insert(id))).collect();
        if fed > 0 && self.items.is_empty() {
            self.pager.end_with(PagerEnd::RepeatedItems);
        }
    }

    /// The last request failed: paging ends (the driver hands the error out as the last item).
    pub fn handle_error(&mut self) {
        self.pager.stop();
    }

    /// How many pages have been read.
    pub fn pages(&self) -> u32 {
        self.pager.pages()
    }

    /// The pager, for why paging ended and the query.
    pub fn pager(&self) -> &Pager<Q> {
        &self.pager
    }

    /// How many items are buffered, not yet handed out.
    pub fn buffered(&self) -> usize {
        self.items.len()
    }
}
