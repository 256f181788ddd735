//! `EmittedIds`: the event ids a feed has emitted, each with the time it counts as created, so
//! that an id is known exactly as long as a window can return it again.

use std::collections::{BTreeSet, HashMap};

use jiff::Timestamp;

use crate::model::id::EventId;

/// The emitted ids, by id (to skip one seen again) and by creation time (to forget the oldest
/// first). Both hold the same ids.
#[derive(Debug, Clone, Default)]
pub(crate) struct EmittedIds {
    created: HashMap<EventId, Timestamp>,
    by_time: BTreeSet<(Timestamp, EventId)>,
}

impl EmittedIds {
    /// Records `id`, created at `created`, as emitted; `false` if it already was (its time is
    /// left as first recorded).
    pub(crate) fn insert(&mut self, id: EventId, created: Timestamp) -> bool {
        if self.created.contains_key(&id) {
            return false;
        }
        self.created.insert(id.clone(), created);
        self.by_time.insert((created, id));
        true
    }

    /// Forgets every id created before `before`.
    pub(crate) fn forget_before(&mut self, before: Timestamp) {
        while self.by_time.first().is_some_and(|(created, _)| *created < before) {
            self.pop_oldest();
        }
    }

    /// Forgets the oldest ids (by creation time, then id) until at most `max` are left.
    pub(crate) fn keep_newest(&mut self, max: usize) {
        while self.by_time.len() > max {
            self.pop_oldest();
        }
    }

    fn pop_oldest(&mut self) {
        if let Some((_, id)) = self.by_time.pop_first() {
            self.created.remove(&id);
        }
    }

    /// How many ids are known.
    pub(crate) fn len(&self) -> usize {
        self.by_time.len()
    }

    /// The ids and their times, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &(Timestamp, EventId)> {
        self.by_time.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(second).expect("a small second")
    }

    fn id(text: &str) -> EventId {
        text.parse().expect("a valid id")
    }

    fn held(ids: &EmittedIds) -> Vec<(i64, &str)> {
        ids.iter().map(|(created, id)| (created.as_second(), id.as_str())).collect()
    }

    #[test]
    fn an_id_is_recorded_once_with_its_first_time() {
        let mut ids = EmittedIds::default();
        assert!(ids.insert(id("a"), at(5)));
        assert!(!ids.insert(id("a"), at(9)));
        assert_eq!(held(&ids), [(5, "a")]);
    }

    #[test]
    fn forgetting_drops_exactly_the_ids_created_before_the_limit() {
        let mut ids = EmittedIds::default();
        for (name, second) in [("c", 30), ("a", 10), ("b", 20), ("d", 20)] {
            ids.insert(id(name), at(second));
        }
        ids.forget_before(at(20));
        assert_eq!(held(&ids), [(20, "b"), (20, "d"), (30, "c")]);
        assert!(ids.insert(id("a"), at(40)), "a forgotten id is new again");
    }

    #[test]
    fn the_cap_keeps_the_newest() {
        let mut ids = EmittedIds::default();
        for (name, second) in [("c", 30), ("a", 10), ("b", 20)] {
            ids.insert(id(name), at(second));
        }
        ids.keep_newest(2);
        assert_eq!((ids.len(), held(&ids)), (2, vec![(20, "b"), (30, "c")]));
    }
}
