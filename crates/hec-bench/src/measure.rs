//! Interleaved timing: every variant of a comparison runs once per round, in turn, so the
//! machine's drift touches them all alike; the result is each variant's median over the rounds.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// One thing to time: one call of it.
pub(crate) struct Variant<'a> {
    pub(crate) call: Box<dyn FnMut() + 'a>,
}

impl<'a> Variant<'a> {
    pub(crate) fn new(call: impl FnMut() + 'a) -> Self {
        Variant { call: Box::new(call) }
    }
}

/// Median nanoseconds per call of each variant, over `rounds` rounds of samples lasting about
/// `sample` each (the number of calls per sample is calibrated per variant first).
pub(crate) fn compare(variants: &mut [Variant<'_>], rounds: usize, sample: Duration) -> Vec<f64> {
    let iterations: Vec<u64> = variants.iter_mut().map(|v| calibrate(&mut v.call, sample)).collect();
    let mut samples = vec![Vec::with_capacity(rounds); variants.len()];
    for _ in 0..rounds {
        for (index, variant) in variants.iter_mut().enumerate() {
            let started = Instant::now();
            for _ in 0..iterations[index] {
                (variant.call)();
            }
            samples[index].push(started.elapsed().as_nanos() as f64 / iterations[index] as f64);
        }
    }
    samples.into_iter().map(median).collect()
}

/// How many calls fill one sample.
fn calibrate(call: &mut dyn FnMut(), sample: Duration) -> u64 {
    let mut iterations = 1u64;
    loop {
        let started = Instant::now();
        for _ in 0..iterations {
            call();
        }
        let elapsed = started.elapsed();
        if elapsed >= sample / 2 || iterations >= 1 << 30 {
            let per_call = elapsed.as_nanos().max(1) as f64 / iterations as f64;
            return ((sample.as_nanos() as f64 / per_call).ceil() as u64).max(1);
        }
        iterations *= 2;
    }
}

pub(crate) fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    match values.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => values[n / 2],
        n => (values[n / 2 - 1] + values[n / 2]) / 2.0,
    }
}

/// Keeps a value from being optimised away.
pub(crate) fn keep<T>(value: T) {
    black_box(value);
}
