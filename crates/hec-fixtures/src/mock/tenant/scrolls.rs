//! `Scrolls`: the paging cursors a tenant has handed out, and when each stops being valid.
//!
//! A cursor is valid for the scroll lifetime after the page that carried it was answered (each
//! time the same query reaches the same offset, its cursor is valid again from then). Past it,
//! or after [`MockGateway::expire_scrolls`](crate::mock::MockGateway::expire_scrolls), the
//! service's refusal of an old scroll: HTTP 400 `{"detail": "Invalid scroll"}`, as a peer's
//! tests show it. The book holds at most [`MAX_SCROLLS`] cursors: past it the expired ones are
//! dropped, then the oldest, so a long-running mock stays small.
//!
//! Each cursor also remembers its scroll's query time: when the scroll's first page was
//! answered. The pages after it show only the records that had arrived by then, so an event
//! created while a client pages (a live event) neither shifts the pages nor shows twice: it is
//! left out of that scroll, and the next query from its first page finds it. The same query
//! reaching the same offset again hands out the same cursor with the newer scroll's time.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The most cursors remembered.
pub(crate) const MAX_SCROLLS: usize = 10_000;

/// The cursors handed out, each with the moment it was last handed out and its scroll's query
/// time.
#[derive(Debug)]
pub(crate) struct Scrolls {
    lifetime: Duration,
    issued: HashMap<String, (Instant, jiff::Timestamp)>,
}

impl Scrolls {
    /// No cursor yet; each will be valid for `lifetime`.
    pub(crate) fn new(lifetime: Duration) -> Scrolls {
        Scrolls { lifetime, issued: HashMap::new() }
    }

    /// Records `cursor` as handed out at `now` by a scroll whose first page was answered at
    /// `as_of` (an empty cursor, the last page's, is not a cursor).
    pub(crate) fn issue(&mut self, cursor: &str, now: Instant, as_of: jiff::Timestamp) {
        if cursor.is_empty() {
            return;
        }
        if self.issued.len() >= MAX_SCROLLS && !self.issued.contains_key(cursor) {
            let lifetime = self.lifetime;
            self.issued.retain(|_, (at, _)| now.saturating_duration_since(*at) <= lifetime);
            if self.issued.len() >= MAX_SCROLLS
                && let Some(oldest) =
                    self.issued.iter().min_by_key(|(_, (at, _))| *at).map(|(c, _)| c.clone())
            {
                self.issued.remove(&oldest);
            }
        }
        self.issued.insert(cursor.to_owned(), (now, as_of));
    }

    /// The query time of `cursor`'s scroll, if the cursor was handed out no longer than the
    /// lifetime before `now`; `None` if it is not valid.
    pub(crate) fn as_of(&self, cursor: &str, now: Instant) -> Option<jiff::Timestamp> {
        self.issued
            .get(cursor)
            .filter(|(at, _)| now.saturating_duration_since(*at) <= self.lifetime)
            .map(|(_, as_of)| *as_of)
    }

    /// Whether `cursor` was handed out no longer than the lifetime before `now`.
    #[cfg(test)]
    fn is_valid(&self, cursor: &str, now: Instant) -> bool {
        self.as_of(cursor, now).is_some()
    }

    /// Makes every cursor handed out so far invalid.
    pub(crate) fn expire_all(&mut self) {
        self.issued.clear();
    }

    /// How many cursors are remembered.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.issued.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: jiff::Timestamp = jiff::Timestamp::UNIX_EPOCH;

    #[test]
    fn a_cursor_keeps_its_scrolls_query_time_until_the_same_cursor_is_issued_again() {
        let start = Instant::now();
        let later = jiff::Timestamp::from_second(60).unwrap();
        let mut scrolls = Scrolls::new(Duration::from_secs(60));
        scrolls.issue("c1", start, T0);
        assert_eq!(scrolls.as_of("c1", start + Duration::from_secs(1)), Some(T0));
        scrolls.issue("c1", start + Duration::from_secs(2), later);
        assert_eq!(scrolls.as_of("c1", start + Duration::from_secs(3)), Some(later));
        assert_eq!(scrolls.as_of("c1", start + Duration::from_secs(63)), None);
    }

    #[test]
    fn a_cursor_is_valid_for_its_lifetime_from_its_last_issue() {
        let start = Instant::now();
        let mut scrolls = Scrolls::new(Duration::from_secs(60));
        assert!(!scrolls.is_valid("c1", start), "never handed out");
        scrolls.issue("c1", start, T0);
        assert!(scrolls.is_valid("c1", start + Duration::from_secs(60)));
        assert!(!scrolls.is_valid("c1", start + Duration::from_secs(61)));
        scrolls.issue("c1", start + Duration::from_secs(61), T0);
        assert!(scrolls.is_valid("c1", start + Duration::from_secs(100)));
        scrolls.expire_all();
        assert!(!scrolls.is_valid("c1", start + Duration::from_secs(100)));
        scrolls.issue("", start, T0);
        assert_eq!(scrolls.len(), 0);
    }

    #[test]
    fn the_book_keeps_at_most_its_limit_dropping_the_expired_then_the_oldest() {
        let start = Instant::now();
        let mut scrolls = Scrolls::new(Duration::from_secs(1));
        for n in 0..MAX_SCROLLS {
            scrolls.issue(&format!("c{n}"), start + Duration::from_millis(n as u64), T0);
        }
        let later = start + Duration::from_millis(MAX_SCROLLS as u64);
        scrolls.issue("new", later, T0);
        // Those older than a second are gone; the newest stay.
        assert_eq!(scrolls.len(), 1001);
        assert!(scrolls.is_valid("new", later) && scrolls.is_valid(&format!("c{}", MAX_SCROLLS - 1), later));
        let mut scrolls = Scrolls::new(Duration::from_secs(3600));
        for n in 0..=MAX_SCROLLS {
            scrolls.issue(&format!("c{n}"), start + Duration::from_millis(n as u64), T0);
        }
        assert_eq!(scrolls.len(), MAX_SCROLLS);
        assert!(!scrolls.is_valid("c0", start) && scrolls.is_valid("c1", start + Duration::from_millis(1)));
    }
}
