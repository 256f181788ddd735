//! Randomness without a dependency: the standard library's per-process random SipHash keys,
//! applied to a counter. Unpredictable enough for request ids and backoff jitter; not for
//! secrets.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// 64 random-looking bits, different on every call.
pub(crate) fn random_u64() -> u64 {
    static KEYS: OnceLock<RandomState> = OnceLock::new();
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = KEYS.get_or_init(RandomState::new).build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.finish()
}

#[cfg(test)]
mod tests {
    #[test]
    fn successive_values_differ() {
        let values: std::collections::HashSet<u64> = (0..10_000).map(|_| super::random_u64()).collect();
        assert_eq!(values.len(), 10_000);
    }
}
