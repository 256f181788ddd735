//! `Page`: one page of a paged answer (search, event query) and its cursor.

use crate::wire::envelope::Envelope;

/// One page of results and the cursor to the next, as `responseEnvelope.scrollId` gave it.
///
/// The cursor is kept as sent: `Some("")` and `None` (`null` or absent) both mean the last page;
/// [`Pager`](crate::policy::Pager) reads them.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Page<T> {
    /// The envelope, when the answer had one.
    pub envelope: Option<Envelope>,
    /// The page's items, in order.
    pub items: Vec<T>,
    /// `responseEnvelope.scrollId`, as sent.
    pub cursor: Option<String>,
}

impl<T> Page<T> {
    /// A page of these items with this cursor and no envelope (for tests and mocks).
    pub fn new(items: Vec<T>, cursor: Option<String>) -> Self {
        Page { envelope: None, items, cursor }
    }
}
