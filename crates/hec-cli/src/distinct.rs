//! Values in the order first seen, each kept once, in linear time: the ids a user gave (repeats
//! dropped) and the task ids of an action's answers (a task named twice is waited for once).

use std::collections::HashSet;
use std::hash::Hash;

/// Values in the order first seen, without repeats; a hash set answers whether one was seen.
#[derive(Debug)]
pub(crate) struct Distinct<T> {
    seen: HashSet<T>,
    order: Vec<T>,
}

impl<T: Hash + Eq + Clone> Distinct<T> {
    /// An empty set with room for `capacity` values.
    pub(crate) fn with_capacity(capacity: usize) -> Distinct<T> {
        Distinct { seen: HashSet::with_capacity(capacity), order: Vec::with_capacity(capacity) }
    }

    /// Adds `value` unless it was seen; says whether it is new.
    pub(crate) fn insert(&mut self, value: T) -> bool {
        if self.seen.contains(&value) {
            return false;
        }
        self.seen.insert(value.clone());
        self.order.push(value);
        true
    }

    /// Whether no value was added.
    pub(crate) fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The values in the order first seen.
    pub(crate) fn as_slice(&self) -> &[T] {
        &self.order
    }

    /// The values in the order first seen.
    pub(crate) fn into_vec(self) -> Vec<T> {
        self.order
    }
}

impl<T: Hash + Eq + Clone> Default for Distinct<T> {
    fn default() -> Distinct<T> {
        Distinct::with_capacity(0)
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::hash::Hasher;

    use super::*;

    thread_local! {
        static COMPARISONS: Cell<u64> = const { Cell::new(0) };
    }

    /// A value that counts how often it is compared with another.
    #[derive(Debug, Clone)]
    struct Counted(u64);

    impl PartialEq for Counted {
        fn eq(&self, other: &Counted) -> bool {
            COMPARISONS.with(|count| count.set(count.get() + 1));
            self.0 == other.0
        }
    }

    impl Eq for Counted {}

    impl Hash for Counted {
        fn hash<H: Hasher>(&self, state: &mut H) {
            self.0.hash(state);
        }
    }

    #[test]
    fn values_keep_their_first_order_without_repeats() {
        let mut set = Distinct::default();
        let new: Vec<bool> = [3, 1, 3, 2, 1].into_iter().map(|n| set.insert(n)).collect();
        assert_eq!(new, [true, true, false, true, false]);
        assert_eq!(set.as_slice(), [3, 1, 2]);
        assert_eq!(set.into_vec(), [3, 1, 2]);
        assert!(Distinct::<u8>::default().is_empty());
    }

    #[test]
    fn each_value_is_compared_a_bounded_number_of_times() {
        // 20,000 distinct values, then a repeat of each: a search through a vector makes about
        // 3 * 10^8 comparisons; a hash set one per repeat (and next to none for a new value).
        let n = 20_000;
        let mut set = Distinct::with_capacity(n as usize);
        COMPARISONS.with(|count| count.set(0));
        for value in (0..n).chain(0..n) {
            set.insert(Counted(value));
        }
        let comparisons = COMPARISONS.with(Cell::get);
        assert_eq!(set.as_slice().len(), n as usize);
        assert!(comparisons >= n && comparisons <= 2 * n, "{comparisons} comparisons for {} values", 2 * n);
    }
}
