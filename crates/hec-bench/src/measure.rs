//! Interleaved timing: every variant of a comparison runs once per round, in turn, so the
//! machine's drift touches them all alike; the result is each variant's median over the rounds,
//! by the clock and by the calling thread's CPU time (which time spent descheduled by other
//! processes on a shared machine does not inflate).

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

/// What one variant measured: median nanoseconds per call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Timing {
    /// By the clock.
    pub(crate) wall: f64,
    /// By the calling thread's CPU time.
    pub(crate) cpu: f64,
}

/// Median nanoseconds per call of each variant, over `rounds` rounds of samples lasting about
/// `sample` each (the number of calls per sample is calibrated per variant first).
pub(crate) fn compare(variants: &mut [Variant<'_>], rounds: usize, sample: Duration) -> Vec<Timing> {
    let iterations: Vec<u64> = variants.iter_mut().map(|v| calibrate(&mut v.call, sample)).collect();
    let mut walls = vec![Vec::with_capacity(rounds); variants.len()];
    let mut cpus = vec![Vec::with_capacity(rounds); variants.len()];
    for _ in 0..rounds {
        for (index, variant) in variants.iter_mut().enumerate() {
            let calls = iterations[index] as f64;
            let (started, cpu_started) = (Instant::now(), thread_cpu());
            for _ in 0..iterations[index] {
                (variant.call)();
            }
            cpus[index].push((thread_cpu() - cpu_started).as_nanos() as f64 / calls);
            walls[index].push(started.elapsed().as_nanos() as f64 / calls);
        }
    }
    walls.into_iter().zip(cpus).map(|(wall, cpu)| Timing { wall: median(wall), cpu: median(cpu) }).collect()
}

/// The CPU time the calling thread has used.
pub(crate) fn thread_cpu() -> Duration {
    use nix::time::{ClockId, clock_gettime};
    let spec = clock_gettime(ClockId::CLOCK_THREAD_CPUTIME_ID).expect("Linux has a thread CPU clock");
    Duration::from(spec)
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
