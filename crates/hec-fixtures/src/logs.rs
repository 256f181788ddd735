//! Every `log` record made while a closure runs, at every level, so a test can check that no
//! dependency (ureq, reqwest, rustls...) logs a secret.
//!
//! `log` has one logger per process: the first [`capture`] installs this module's logger for
//! good and sets the maximum level to trace (a build may still cap it: hec-blocking's
//! `cap-log-at-debug` feature does). Captures run one at a time; records made by other threads
//! meanwhile (the mock gateway's, another test's) are captured too.
//!
//! ```
//! let records = hec_fixtures::logs::capture(|| log::debug!(target: "example", "hello {}", 42));
//! assert_eq!(records.len(), 1);
//! let record = &records[0];
//! assert_eq!(record.level, log::Level::Debug);
//! assert_eq!((record.target.as_str(), record.text.as_str()), ("example", "hello 42"));
//! ```

use std::sync::{Mutex, MutexGuard, OnceLock, PoisonError};

/// One `log` record.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LogRecord {
    /// Its level.
    pub level: log::Level,
    /// Its target (usually the module path, e.g. `ureq::pool`).
    pub target: String,
    /// The message, formatted.
    pub text: String,
}

/// The records of the capture in progress; `None` when none is.
static RECORDS: Mutex<Option<Vec<LogRecord>>> = Mutex::new(None);
/// Held for the length of a capture, so captures do not mix.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

struct Capture;

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        if let Some(records) = lock(&RECORDS).as_mut() {
            records.push(LogRecord {
                level: record.level(),
                target: record.target().to_owned(),
                text: record.args().to_string(),
            });
        }
    }

    fn flush(&self) {}
}

/// How long a piece of a secret [`leak`] looks for: a wire dump of 16 bytes per record (as
/// ureq-proto writes at trace level) never shows a secret whole, but always a piece this long of
/// a secret of 28 characters or more, and all of a shorter one that fits a record.
pub const PIECE_CHARS: usize = 12;

/// The first record that holds `secret`, or any piece of it [`PIECE_CHARS`] characters long.
///
/// ```
/// use hec_fixtures::logs::{capture, leak};
/// let dump = capture(|| {
///     log::debug!("61 2d 73 65 a-secret-tok");
///     log::debug!("65 6e 2d 76 en-value-12345");
/// });
/// let found = leak(&dump, "a-secret-token-value-12345").map(|record| record.text.as_str());
/// assert_eq!(found, Some("61 2d 73 65 a-secret-tok"));
/// assert_eq!(leak(&dump, "another-secret-of-some-length"), None);
/// ```
pub fn leak<'a>(records: &'a [LogRecord], secret: &str) -> Option<&'a LogRecord> {
    let chars: Vec<char> = secret.chars().collect();
    let pieces: Vec<String> = if chars.len() <= PIECE_CHARS {
        vec![secret.to_owned()]
    } else {
        chars.windows(PIECE_CHARS).map(|piece| piece.iter().collect()).collect()
    };
    records.iter().find(|record| pieces.iter().any(|piece| record.text.contains(piece.as_str())))
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Runs `body` and returns every `log` record made meanwhile, at every level the build allows.
///
/// # Panics
/// If another logger was installed in this process first.
pub fn capture(body: impl FnOnce()) -> Vec<LogRecord> {
    static INSTALLED: OnceLock<Result<(), String>> = OnceLock::new();
    let installed = INSTALLED.get_or_init(|| {
        static LOGGER: Capture = Capture;
        log::set_logger(&LOGGER).map_err(|e| e.to_string())?;
        log::set_max_level(log::LevelFilter::Trace);
        Ok(())
    });
    if let Err(error) = installed {
        panic!("cannot capture log records: {error}");
    }
    let _one = lock(&ONE_AT_A_TIME);
    *lock(&RECORDS) = Some(Vec::new());
    body();
    lock(&RECORDS).take().unwrap_or_default()
}
