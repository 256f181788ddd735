//! `SeenIds`: the ids of the items a paged query handed out, so that none is handed out twice,
//! in bounded memory.

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasher, RandomState};

/// How many of the newest item ids a [`Paging`](crate::policy::Paging) remembers (as 64-bit
/// digests: about 1.5 MiB at most) so as not to hand an item out twice. An id seen further back
/// is forgotten: a gateway that repeats it after this many others pages on, as through an
/// endless result.
pub const IDS_REMEMBERED: usize = 65_536;

/// The digests of the newest ids, oldest first, and the same as a set; at most
/// [`IDS_REMEMBERED`].
#[derive(Debug, Clone, Default)]
pub(crate) struct SeenIds {
    order: VecDeque<u64>,
    set: HashSet<u64>,
    /// Keyed at random, so that no gateway can make two ids share a digest on purpose.
    hasher: RandomState,
}

impl SeenIds {
    /// Remembers `id`; says whether it is new (not among the last [`IDS_REMEMBERED`]).
    pub(crate) fn insert(&mut self, id: &str) -> bool {
        let digest = self.hasher.hash_one(id);
        if !self.set.insert(digest) {
            return false;
        }
        if self.order.len() == IDS_REMEMBERED
            && let Some(oldest) = self.order.pop_front()
        {
            self.set.remove(&oldest);
        }
        self.order.push_back(digest);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_new_once() {
        let mut seen = SeenIds::default();
        assert!(seen.insert("a"));
        assert!(seen.insert("b"));
        assert!(!seen.insert("a"));
        assert!(!seen.insert("b"));
        assert!(seen.insert("c"));
    }

    #[test]
    fn the_oldest_id_is_forgotten_past_the_bound() {
        let mut seen = SeenIds::default();
        for n in 0..IDS_REMEMBERED {
            assert!(seen.insert(&n.to_string()));
        }
        assert!(!seen.insert("0"));
        assert!(seen.insert("new"));
        assert_eq!((seen.order.len(), seen.set.len()), (IDS_REMEMBERED, IDS_REMEMBERED));
        // "0" was the oldest: it made room for "new". "1" is still remembered.
        assert!(!seen.insert("1"));
        assert!(seen.insert("0"));
    }
}
