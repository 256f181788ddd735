//! Adding durations to instants without overflow: policies take durations from configuration
//! and from the network, and an absurd one must mean "very late", never a panic.

use std::time::{Duration, Instant};

/// `now + duration`, or the latest instant this platform can represent on the way there.
pub(crate) fn saturating_add(now: Instant, duration: Duration) -> Instant {
    if let Some(later) = now.checked_add(duration) {
        return later;
    }
    // Halve the step until it fits; at most 64 rounds for a u64 of seconds.
    let mut later = now;
    let mut step = duration;
    while !step.is_zero() {
        match later.checked_add(step) {
            Some(next) => later = next,
            None => step /= 2,
        }
    }
    later
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unrepresentable_sum_saturates_far_in_the_future() {
        let now = Instant::now();
        let late = saturating_add(now, Duration::MAX);
        assert!(late > now + Duration::from_secs(100 * 365 * 86_400));
        assert_eq!(saturating_add(now, Duration::from_secs(5)), now + Duration::from_secs(5));
    }
}
