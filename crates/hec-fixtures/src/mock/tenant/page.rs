//! Paging: results come 4 at a time (unless the mock is built with another
//! [`page_size`](crate::mock::MockBuilder::page_size)); `scrollId` carries an opaque cursor to the
//! next page and is `""` on the last one. A cursor expires (see [`Scrolls`](super::scrolls::Scrolls)).
//!
//! The cursor is 32 hexadecimal digits that bind the query (everything in `requestData` but
//! `scrollId`) to the offset of the next page, so the same query always gets the same cursors
//! (two mocks agree), and a cursor sent with another query, or made up, is refused.

use serde_json::{Map, Value};

/// How many results a page holds unless the mock is built with another size.
pub(crate) const PAGE_SIZE: usize = 4;

/// Where a request's page starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cursor {
    query: u64,
    offset: usize,
}

/// One page of results.
#[derive(Debug)]
pub(crate) struct Page<T> {
    pub(crate) items: Vec<T>,
    /// All results of the query, on every page.
    pub(crate) total: usize,
    /// The next page's cursor, or `""` on the last page.
    pub(crate) scroll_id: String,
}

impl Cursor {
    /// The cursor of the request `data`: its first page when `scrollId` is missing, null or
    /// `""`; else the page its cursor points at, if the cursor belongs to this query.
    pub(crate) fn of(data: &Map<String, Value>) -> Result<Cursor, String> {
        let query = query_key(data);
        let offset = match data.get("scrollId") {
            None | Some(Value::Null) => 0,
            Some(Value::String(text)) if text.is_empty() => 0,
            Some(Value::String(text)) => decode(text, query).ok_or("invalid scrollId")?,
            Some(_) => return Err("scrollId must be a string".to_owned()),
        };
        Ok(Cursor { query, offset })
    }

    /// Whether it points past the first page (it came as a `scrollId`).
    pub(crate) fn is_continuation(self) -> bool {
        self.offset > 0
    }

    /// The page of `results` this cursor points at, `size` results at most.
    pub(crate) fn page<T>(self, results: Vec<T>, size: usize) -> Page<T> {
        let total = results.len();
        let size = size.max(1);
        let next = self.offset.saturating_add(size);
        let scroll_id = if next < total { encode(self.query, next) } else { String::new() };
        let items = results.into_iter().skip(self.offset).take(size).collect();
        Page { items, total, scroll_id }
    }
}

/// FNV-1a over the query's JSON text without its cursor: stable across runs and processes.
fn query_key(data: &Map<String, Value>) -> u64 {
    let mut query = data.clone();
    query.remove("scrollId");
    let text = Value::Object(query).to_string();
    text.bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// The offset, masked so that cursors look unrelated to each other.
fn mask(query: u64) -> u64 {
    query.rotate_left(29) ^ 0x5bd1_e995_9e37_79b9
}

fn encode(query: u64, offset: usize) -> String {
    format!("{query:016x}{:016x}", offset as u64 ^ mask(query))
}

fn decode(cursor: &str, query: u64) -> Option<usize> {
    if cursor.len() != 32 || !cursor.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let (key, offset) = cursor.split_at(16);
    if u64::from_str_radix(key, 16).ok()? != query {
        return None;
    }
    usize::try_from(u64::from_str_radix(offset, 16).ok()? ^ mask(query)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn data(value: Value) -> Map<String, Value> {
        value.as_object().unwrap().clone()
    }

    #[test]
    fn pages_of_four_follow_each_other_and_the_last_says_empty() {
        let query = json!({"startDate": "2026-01-01T00:00:00Z"});
        let first = Cursor::of(&data(query.clone())).unwrap().page((0..10).collect(), PAGE_SIZE);
        assert_eq!((first.items.clone(), first.total), (vec![0, 1, 2, 3], 10));
        let mut next = data(query.clone());
        next.insert("scrollId".to_owned(), json!(first.scroll_id));
        let second = Cursor::of(&next).unwrap().page((0..10).collect(), PAGE_SIZE);
        assert_eq!(second.items, [4, 5, 6, 7]);
        next.insert("scrollId".to_owned(), json!(second.scroll_id));
        let third = Cursor::of(&next).unwrap().page((0..10).collect(), PAGE_SIZE);
        assert_eq!((third.items, third.scroll_id.as_str()), (vec![8, 9], ""));
    }

    #[test]
    fn a_page_that_ends_exactly_at_the_last_result_is_the_last_page() {
        let page = Cursor::of(&data(json!({}))).unwrap().page((0..4).collect(), PAGE_SIZE);
        assert_eq!((page.items, page.scroll_id.as_str()), (vec![0, 1, 2, 3], ""));
    }

    #[test]
    fn the_same_query_gets_the_same_cursor() {
        let one = Cursor::of(&data(json!({"a": 1}))).unwrap().page((0..9).collect::<Vec<_>>(), PAGE_SIZE);
        let two = Cursor::of(&data(json!({"a": 1}))).unwrap().page((0..9).collect::<Vec<_>>(), PAGE_SIZE);
        assert_eq!(one.scroll_id, two.scroll_id);
        assert_eq!(one.scroll_id.len(), 32);
    }

    #[test]
    fn a_cursor_of_another_query_or_a_made_up_one_is_refused() {
        let page = Cursor::of(&data(json!({"a": 1}))).unwrap().page((0..9).collect::<Vec<_>>(), PAGE_SIZE);
        let other = data(json!({"a": 2, "scrollId": page.scroll_id}));
        assert_eq!(Cursor::of(&other).unwrap_err(), "invalid scrollId");
        for made_up in ["x", "0123456789abcdef0123456789abcdef", "../../etc"] {
            assert_eq!(
                Cursor::of(&data(json!({"a": 1, "scrollId": made_up}))).unwrap_err(),
                "invalid scrollId"
            );
        }
        assert_eq!(Cursor::of(&data(json!({"scrollId": 5}))).unwrap_err(), "scrollId must be a string");
    }
}
