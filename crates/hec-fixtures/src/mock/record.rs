//! What the mock saw: every request, in arrival order, faulted or not, within the log's bounds.

use std::collections::VecDeque;

/// One request as the mock received it.
///
/// Recorded when the request (head and body) has arrived, before any fault or answer, so a
/// request that was answered with a fault or a closed connection is in the log too.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RecordedRequest {
    /// The request method.
    pub method: http::Method,
    /// The path with its query, if any: `/app/hec-api/v1.0/task/42?scope=farm:customer`.
    pub path: String,
    /// Every request header, as received.
    pub headers: http::HeaderMap,
    /// The body bytes (empty when the request had none, or when it exceeded the mock's limit of
    /// [`MAX_REQUEST_BODY`] bytes and was answered with 413). At most the log's body budget
    /// ([`MockBuilder::max_recorded_body_bytes`](super::MockBuilder::max_recorded_body_bytes)):
    /// a longer body is kept cut to it, and [`body_truncated`](Self::body_truncated) says so.
    pub body: Vec<u8>,
    /// Whether [`body`](Self::body) was cut to the log's body budget.
    pub body_truncated: bool,
}

/// The largest request body the mock reads; a larger one gets HTTP 413.
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// How many requests a mock's log keeps unless configured
/// ([`MockBuilder::max_recorded_requests`](super::MockBuilder::max_recorded_requests)).
pub const DEFAULT_MAX_RECORDED_REQUESTS: usize = 10_000;

/// How many body bytes, all recorded requests together, a mock's log keeps unless configured
/// ([`MockBuilder::max_recorded_body_bytes`](super::MockBuilder::max_recorded_body_bytes)).
pub const DEFAULT_MAX_RECORDED_BODY_BYTES: usize = 16 * 1024 * 1024;

impl RecordedRequest {
    /// The value of header `name` (case-insensitive) as text, if it is present and is visible
    /// ASCII. With several values, the first one.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }
}

/// The mock's request log: the most recent requests, at most `max_requests` of them holding at
/// most `max_body_bytes` of bodies together; the oldest make room for new ones.
#[derive(Debug)]
pub(crate) struct RequestLog {
    recording: bool,
    max_requests: usize,
    max_body_bytes: usize,
    requests: VecDeque<RecordedRequest>,
    body_bytes: usize,
    dropped: usize,
}

impl RequestLog {
    pub(crate) fn new(recording: bool, max_requests: usize, max_body_bytes: usize) -> RequestLog {
        RequestLog {
            recording,
            max_requests,
            max_body_bytes,
            requests: VecDeque::new(),
            body_bytes: 0,
            dropped: 0,
        }
    }

    /// Whether requests are recorded at all.
    pub(crate) fn is_recording(&self) -> bool {
        self.recording
    }

    /// Records a request (if recording), dropping the oldest ones until both bounds hold.
    pub(crate) fn record(
        &mut self,
        method: &http::Method,
        path: &str,
        headers: &http::HeaderMap,
        body: &[u8],
    ) {
        if !self.recording {
            return;
        }
        if self.max_requests == 0 {
            self.dropped += 1;
            return;
        }
        let kept = body.len().min(self.max_body_bytes);
        while self.requests.len() >= self.max_requests || self.body_bytes + kept > self.max_body_bytes {
            let Some(oldest) = self.requests.pop_front() else { break };
            self.body_bytes -= oldest.body.len();
            self.dropped += 1;
        }
        self.body_bytes += kept;
        self.requests.push_back(RecordedRequest {
            method: method.clone(),
            path: path.to_owned(),
            headers: headers.clone(),
            body: body[..kept].to_vec(),
            body_truncated: kept < body.len(),
        });
    }

    /// The requests kept, oldest first.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &RecordedRequest> {
        self.requests.iter()
    }

    /// How many requests were dropped (or never kept) to hold the bounds.
    pub(crate) fn dropped(&self) -> usize {
        self.dropped
    }

    /// Forgets every request and the count of dropped ones.
    pub(crate) fn clear(&mut self) {
        self.requests.clear();
        self.body_bytes = 0;
        self.dropped = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(log: &mut RequestLog, path: &str, body: &[u8]) {
        log.record(&http::Method::POST, path, &http::HeaderMap::new(), body);
    }

    fn paths(log: &RequestLog) -> Vec<&str> {
        log.iter().map(|request| request.path.as_str()).collect()
    }

    #[test]
    fn the_request_cap_keeps_the_most_recent_requests() {
        let mut log = RequestLog::new(true, 2, 100);
        for path in ["/1", "/2", "/3"] {
            record(&mut log, path, b"");
        }
        assert_eq!(paths(&log), ["/2", "/3"]);
        assert_eq!(log.dropped(), 1);
    }

    #[test]
    fn the_body_budget_drops_the_oldest_until_the_new_body_fits() {
        let mut log = RequestLog::new(true, 10, 10);
        record(&mut log, "/1", b"aaaa");
        record(&mut log, "/2", b"bbbb");
        record(&mut log, "/3", b"cccc");
        assert_eq!(paths(&log), ["/2", "/3"]);
        assert_eq!(log.body_bytes, 8);
        assert_eq!(log.dropped(), 1);
    }

    #[test]
    fn a_body_longer_than_the_budget_is_kept_cut_to_it() {
        let mut log = RequestLog::new(true, 10, 3);
        record(&mut log, "/1", b"ab");
        record(&mut log, "/2", b"abcdef");
        assert_eq!(paths(&log), ["/2"]);
        let kept = log.iter().next().unwrap();
        assert_eq!((kept.body.as_slice(), kept.body_truncated), (&b"abc"[..], true));
    }

    #[test]
    fn a_log_that_is_not_recording_keeps_nothing_and_counts_nothing() {
        let mut log = RequestLog::new(false, 10, 10);
        record(&mut log, "/1", b"a");
        assert_eq!(paths(&log), Vec::<&str>::new());
        assert_eq!(log.dropped(), 0);
    }

    #[test]
    fn clear_forgets_requests_bytes_and_drops() {
        let mut log = RequestLog::new(true, 1, 10);
        record(&mut log, "/1", b"a");
        record(&mut log, "/2", b"b");
        log.clear();
        assert_eq!((log.iter().count(), log.body_bytes, log.dropped()), (0, 0, 0));
    }
}
