//! `Jitter`: the randomness that spreads retries out, as a seedable generator so that tests of the
//! retry policy are exact.

/// A small pseudo-random generator (SplitMix64) for backoff jitter. Not for anything secret.
///
/// ```
/// use hec_proto::policy::Jitter;
/// let mut a = Jitter::from_seed(7);
/// let mut b = Jitter::from_seed(7);
/// assert_eq!(a.next_fraction(), b.next_fraction());
/// assert!((0.0..1.0).contains(&a.next_fraction()));
/// ```
#[derive(Debug, Clone)]
pub struct Jitter {
    state: u64,
}

impl Jitter {
    /// A generator with a fixed seed: the same sequence every time.
    pub const fn from_seed(seed: u64) -> Self {
        Jitter { state: seed }
    }

    /// A generator with a random seed.
    pub fn random() -> Self {
        Jitter { state: crate::entropy::random_u64() }
    }

    /// The next value in `[0, 1)`.
    pub fn next_fraction(&mut self) -> f64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        // The top 53 bits, as a fraction of 2^53.
        (z >> 11) as f64 / (1u64 << 53) as f64
    }
}

impl Default for Jitter {
    fn default() -> Self {
        Jitter::random()
    }
}
