//! `Pager`: walking the pages of a search or an event query, ending on every form of "last page".
//!
//! ```text
//!   new ──► poll_call() ──► (driver sends it) ──► handle_page(page) ──┬──► poll_call() with the cursor
//!                                                                      └──► done: poll_call() is None
//!   done when the page is empty, or its cursor is "", null, absent, or one of the newest seen
//! ```
//!
//! The service pages with `responseEnvelope.scrollId`, sent back as `requestData.scrollId` with
//! the same query. Its last page has been seen to say so with `""` (live captures) and `null`
//! (a peer's mock); a peer also stops on a repeated cursor and on an empty page. A pager ends on
//! all of them, so a cursor that never says "last" cannot make a client loop over the same pages.
//!
//! A pager's memory does not grow with the pages: it keeps the last cursor (at most
//! [`MAX_CURSOR_BYTES`](crate::endpoint::MAX_CURSOR_BYTES); a page with a longer one is a
//! malformed answer) and, to tell a repeat, a 64-bit digest of each of the last
//! [`CURSORS_REMEMBERED`] cursors. A gateway that sends a
//! new cursor with every page can keep a search going (nothing tells an endless result from a
//! huge one: a caller stops it by taking fewer items), but cannot make it hold more.

use std::collections::VecDeque;
use std::hash::{BuildHasher, RandomState};

use crate::endpoint::paged::cursor_too_long;
use crate::endpoint::{Paged, PagedQuery};
use crate::model::page::Page;

/// How many of the newest cursors a [`Pager`] remembers to tell a repeat (as 64-bit digests:
/// 32 KiB at most). A cursor seen further back is forgotten: a gateway cycling through more
/// cursors than this pages on, as through an endless result.
pub const CURSORS_REMEMBERED: usize = 4096;

/// Why a [`Pager`] ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PagerEnd {
    /// The page's cursor was `""`.
    EmptyCursor,
    /// The page's cursor was `null` or absent.
    NoCursor,
    /// The page's cursor had been seen before.
    RepeatedCursor,
    /// The page held no items.
    EmptyPage,
    /// The page's cursor was longer than [`MAX_CURSOR_BYTES`](crate::endpoint::MAX_CURSOR_BYTES)
    /// (a driver never feeds such a page: parsing it fails first).
    CursorTooLong,
    /// [`Pager::stop`] ended it (a driver does so after a failed page).
    Stopped,
    /// Every item of the page had been handed out before (a gateway that answered a page again):
    /// a [`Paging`](crate::policy::Paging) ends so.
    RepeatedItems,
}

/// The paging state machine of one query: the next request to send, and when to stop.
///
/// ```
/// use std::time::SystemTime;
/// use hec_proto::policy::{Pager, PagerEnd};
/// use hec_proto::{Entity, EntityQuery, Page};
///
/// let entity: Entity = serde_json::from_str("{}")?;
/// let mut pager = Pager::new(EntityQuery::new("office365_emails", SystemTime::UNIX_EPOCH));
///
/// let first = pager.poll_call().expect("the first page is always asked for");
/// assert_eq!(first.cursor, None);
/// pager.handle_page(&Page::new(vec![entity.clone()], Some("c1".to_owned())));
///
/// let second = pager.poll_call().expect("a new cursor asks for one more page");
/// assert_eq!(second.cursor.as_deref(), Some("c1"));
/// pager.handle_page(&Page::new(vec![entity], Some(String::new())));
///
/// assert!(pager.poll_call().is_none());
/// assert_eq!((pager.pages(), pager.end()), (2, Some(PagerEnd::EmptyCursor)));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Pager<Q: PagedQuery> {
    query: Q,
    /// The last page's cursor: the next request carries it.
    cursor: Option<String>,
    /// The digests of the newest cursors, oldest first; at most [`CURSORS_REMEMBERED`].
    seen: VecDeque<u64>,
    /// Keyed at random per pager, so that no gateway can make two cursors share a digest on
    /// purpose.
    hasher: RandomState,
    pages: u32,
    end: Option<PagerEnd>,
}

impl<Q: PagedQuery> Pager<Q> {
    /// A pager at the first page of `query`.
    pub fn new(query: Q) -> Self {
        Pager { query, cursor: None, seen: VecDeque::new(), hasher: RandomState::new(), pages: 0, end: None }
    }

    /// The request for the next page, or `None` once paging has ended. Until
    /// [`Pager::handle_page`] is fed, it is the same request each time (for a caller that must
    /// ask again).
    pub fn poll_call(&mut self) -> Option<Paged<Q>> {
        match self.end {
            Some(_) => None,
            None => Some(Paged::at(self.query.clone(), self.cursor.clone())),
        }
    }

    /// Feeds back the page the last request answered. Paging ends on an empty page, or a cursor
    /// that is `""`, `null`/absent, one of the last [`CURSORS_REMEMBERED`] (a digest match), or
    /// longer than [`MAX_CURSOR_BYTES`](crate::endpoint::MAX_CURSOR_BYTES); otherwise the next
    /// request carries the page's cursor. A page fed after the end is ignored.
    pub fn handle_page(&mut self, page: &Page<Q::Item>) {
        if self.end.is_some() {
            return;
        }
        self.pages = self.pages.saturating_add(1);
        let end = match page.cursor.as_deref() {
            _ if page.items.is_empty() => Some(PagerEnd::EmptyPage),
            None => Some(PagerEnd::NoCursor),
            Some("") => Some(PagerEnd::EmptyCursor),
            Some(cursor) if cursor_too_long(cursor).is_some() => Some(PagerEnd::CursorTooLong),
            Some(cursor) => {
                let digest = self.hasher.hash_one(cursor);
                if self.seen.contains(&digest) {
                    Some(PagerEnd::RepeatedCursor)
                } else {
                    if self.seen.len() == CURSORS_REMEMBERED {
                        self.seen.pop_front();
                    }
                    self.seen.push_back(digest);
                    // The last cursor's buffer is reused: a pager allocates for a longer one only.
                    let kept = self.cursor.get_or_insert_with(String::new);
                    kept.clear();
                    kept.push_str(cursor);
                    None
                }
            }
        };
        self.end = end;
    }

    /// Ends paging now (after a failed page, or when the caller has had enough).
    pub fn stop(&mut self) {
        self.end_with(PagerEnd::Stopped);
    }

    /// Ends paging now for `end`, unless it has ended already.
    pub(crate) fn end_with(&mut self, end: PagerEnd) {
        self.end.get_or_insert(end);
    }

    /// Whether paging has ended.
    pub fn is_done(&self) -> bool {
        self.end.is_some()
    }

    /// Why paging ended, once it has.
    pub fn end(&self) -> Option<PagerEnd> {
        self.end
    }

    /// How many pages have been fed back.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// The query being paged.
    pub fn query(&self) -> &Q {
        &self.query
    }
}
