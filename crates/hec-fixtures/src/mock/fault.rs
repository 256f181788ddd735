//! Faults on demand: which requests get one ([`FaultRule`]) and what happens to them ([`Fault`]).

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Something that goes wrong with one response.
///
/// Faults that replace the answer ([`Fault::Status`], [`Fault::CloseConnection`],
/// [`Fault::OversizedBody`], [`Fault::NotJson`], [`Fault::Redirect`], [`Fault::Echo`],
/// [`Fault::NewCursorPage`]) have no
/// side effect: no token is issued, no task poll is counted and no action makes a task. Faults
/// that spoil the delivery of the normal answer
/// ([`Fault::DelayHeaders`], [`Fault::DripBody`], [`Fault::TruncateBody`]) let the request take
/// effect as usual.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Answer with this status, these headers (in order) and this body. Build it with
    /// [`Fault::status`].
    Status {
        /// The HTTP status.
        status: u16,
        /// Response headers, in order.
        headers: Vec<(String, String)>,
        /// The exact body.
        body: Vec<u8>,
    },
    /// Wait this long before sending the response headers, then give the normal answer.
    DelayHeaders(Duration),
    /// Give the normal answer (with its full `Content-Length`) but send its body `chunk` bytes at
    /// a time with `pause` between chunks.
    DripBody {
        /// Bytes per chunk (0 counts as 1).
        chunk: usize,
        /// The pause between two chunks.
        pause: Duration,
    },
    /// Close the connection without sending any response.
    CloseConnection,
    /// Send the normal answer's status and headers with its full `Content-Length`, then the first
    /// half of its body, then close the connection.
    TruncateBody,
    /// HTTP 200 with a JSON body of exactly this many bytes (a task envelope whose `responseData`
    /// holds one long padding string), generated while it is sent. Shorter than 136 bytes it is
    /// the start of that document and no longer valid JSON.
    OversizedBody(usize),
    /// HTTP 200 with an HTML body and `Content-Type: text/html`.
    NotJson,
    /// HTTP 200 with a page of one item (`{}`) whose `responseEnvelope.scrollId` is a cursor of
    /// this many bytes (at least 32) that no answer had before: 32 random hex digits, then `c`
    /// up to the length. On a search or event query `.always()`, a result that never ends.
    NewCursorPage(usize),
    /// A redirect: this status (301, 302, 307, ...) with `Location: location` and an empty body.
    Redirect {
        /// The HTTP status.
        status: u16,
        /// The `Location` header's value.
        location: String,
    },
    /// This status with a JSON body whose `message` repeats the request as text, as a careless
    /// gateway's error might: `{"message": "GET /path\n<name>: <value>\n...\n\n<body>"}`, the
    /// request line, every header (`Authorization` included) and the body (a token request's
    /// access key included).
    Echo(u16),
}

impl Fault {
    /// Starts a [`Fault::Status`]: `Fault::status(429).header("retry-after", "2")`.
    pub fn status(status: u16) -> StatusFault {
        StatusFault { status, headers: Vec::new(), body: Vec::new() }
    }

    /// A [`Fault::Echo`] with this status.
    pub fn echo(status: u16) -> Fault {
        Fault::Echo(status)
    }

    /// A [`Fault::Redirect`] to `location`.
    pub fn redirect(status: u16, location: impl Into<String>) -> Fault {
        Fault::Redirect { status, location: location.into() }
    }

    /// Why the mock could not send this fault, if it could not.
    pub(crate) fn invalid(&self) -> Option<String> {
        let status = |status: u16| {
            http::StatusCode::from_u16(status).err().map(|_| format!("{status} is not a valid HTTP status"))
        };
        match self {
            Fault::Status { status: code, headers, .. } => status(*code).or_else(|| {
                headers.iter().find_map(|(name, value)| {
                    let bad_name = http::HeaderName::from_bytes(name.as_bytes()).is_err();
                    let bad_value = http::HeaderValue::from_str(value).is_err();
                    (bad_name || bad_value).then(|| format!("invalid header {name:?}: {value:?}"))
                })
            }),
            Fault::Echo(code) => status(*code),
            Fault::Redirect { status: code, location } => status(*code).or_else(|| {
                http::HeaderValue::from_str(location)
                    .is_err()
                    .then(|| format!("invalid Location {location:?}"))
            }),
            _ => None,
        }
    }
}

/// A [`Fault::Status`] being built; pass it to [`FaultRuleBuilder::then`] as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusFault {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl StatusFault {
    /// Adds a response header.
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> StatusFault {
        self.headers.push((name.into(), value.into()));
        self
    }

    /// Sets the body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> StatusFault {
        self.body = body.into();
        self
    }

    /// Sets a JSON body (given as text) and `Content-Type: application/json`.
    pub fn json(self, json: impl Into<String>) -> StatusFault {
        self.header("content-type", "application/json").body(json.into())
    }

    /// Sets an HTML body and `Content-Type: text/html`.
    pub fn html(self, html: impl Into<String>) -> StatusFault {
        self.header("content-type", "text/html").body(html.into())
    }
}

impl From<StatusFault> for Fault {
    fn from(fault: StatusFault) -> Fault {
        Fault::Status { status: fault.status, headers: fault.headers, body: fault.body }
    }
}

/// Which requests get a fault, and which fault: `FaultRule::on_path("/auth/external").nth(2)
/// .then(Fault::CloseConnection)`.
///
/// A rule counts the requests that match its path, from the moment it is added to the mock. It
/// fires on the `nth` of them (1 unless set) and on the `times - 1` after it (`times` is 1 unless
/// set; [`always`](FaultRuleBuilder::always) means without end), or, as a rate limit
/// ([`past_rate`](FaultRuleBuilder::past_rate)), on every request past so many in a window. When
/// several rules fire on one request, the one added first wins; every rule counts the request all
/// the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    path_prefix: Option<String>,
    first: usize,
    times: Option<usize>,
    rate: Option<Rate>,
    fault: Fault,
    /// Matching requests seen so far.
    seen: usize,
}

/// A rate limit: at most `limit` matching requests let through in any `window`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Rate {
    limit: usize,
    window: Duration,
    /// When the requests let through in the last window arrived, oldest first.
    passed: VecDeque<Instant>,
}

/// A [`FaultRule`] without its fault yet; [`then`](FaultRuleBuilder::then) finishes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRuleBuilder {
    path_prefix: Option<String>,
    first: usize,
    times: Option<usize>,
    rate: Option<Rate>,
}

impl FaultRule {
    /// Matches the requests whose path (without query) starts with `prefix`, e.g.
    /// `/auth/external` or `/app/hec-api/v1.0/task/`.
    pub fn on_path(prefix: impl Into<String>) -> FaultRuleBuilder {
        FaultRuleBuilder { path_prefix: Some(prefix.into()), first: 1, times: Some(1), rate: None }
    }

    /// Matches every request.
    pub fn any_path() -> FaultRuleBuilder {
        FaultRuleBuilder { path_prefix: None, first: 1, times: Some(1), rate: None }
    }

    pub(crate) fn fault(&self) -> &Fault {
        &self.fault
    }

    /// Counts a request to `path`, arriving at `now`, and says whether the rule fires on it.
    fn fires(&mut self, path: &str, now: Instant) -> bool {
        if self.path_prefix.as_deref().is_some_and(|prefix| !path.starts_with(prefix)) {
            return false;
        }
        self.seen += 1;
        if let Some(rate) = &mut self.rate {
            while rate.passed.front().is_some_and(|at| now.saturating_duration_since(*at) >= rate.window) {
                rate.passed.pop_front();
            }
            if rate.passed.len() >= rate.limit {
                return true;
            }
            rate.passed.push_back(now);
            return false;
        }
        let after_first = self.seen.checked_sub(self.first);
        match (after_first, self.times) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(after_first), Some(times)) => after_first < times,
        }
    }
}

impl FaultRuleBuilder {
    /// Fires first on the `n`-th matching request (1-based), counted from when the rule is added.
    ///
    /// # Panics
    /// If `n` is 0.
    pub fn nth(mut self, n: usize) -> FaultRuleBuilder {
        assert!(n > 0, "requests are counted from 1");
        self.first = n;
        self
    }

    /// Fires on `k` matching requests in a row (from the `nth`, by default the next one).
    pub fn times(mut self, k: usize) -> FaultRuleBuilder {
        self.times = Some(k);
        self
    }

    /// Fires on every matching request (from the `nth`, by default the next one).
    pub fn always(mut self) -> FaultRuleBuilder {
        self.times = None;
        self
    }

    /// A rate limit instead of `nth`/`times`: lets `limit` matching requests through in any
    /// `window` (a sliding one), and fires on every matching request past them, without end.
    /// The requests it fires on do not count against the limit. `FaultRule::any_path()
    /// .past_rate(40, Duration::from_secs(1)).then(Fault::status(429).header("retry-after", "1"))`
    /// is a gateway that allows 40 requests a second.
    pub fn past_rate(mut self, limit: usize, window: Duration) -> FaultRuleBuilder {
        self.rate = Some(Rate { limit, window, passed: VecDeque::new() });
        self
    }

    /// The rule, with the fault it injects.
    pub fn then(self, fault: impl Into<Fault>) -> FaultRule {
        FaultRule {
            path_prefix: self.path_prefix,
            first: self.first,
            times: self.times,
            rate: self.rate,
            fault: fault.into(),
            seen: 0,
        }
    }
}

/// The rules in force, in the order they were added, and how often each rule ever added has
/// fired.
#[derive(Debug, Default)]
pub(crate) struct FaultBook {
    /// Each with its position in `fired`.
    rules: Vec<(usize, FaultRule)>,
    fired: Vec<usize>,
}

impl FaultBook {
    pub(crate) fn add(&mut self, rule: FaultRule) {
        self.rules.push((self.fired.len(), rule));
        self.fired.push(0);
    }

    /// How many requests each rule added so far has answered, in the order they were added.
    pub(crate) fn fired(&self) -> Vec<usize> {
        self.fired.clone()
    }

    /// Counts one request to `path`, arriving at `now`, against every rule; the fault of the
    /// first that fires.
    pub(crate) fn pick(&mut self, path: &str, now: Instant) -> Option<Fault> {
        let mut picked = None;
        for (position, rule) in &mut self.rules {
            if rule.fires(path, now) && picked.is_none() {
                picked = Some(rule.fault().clone());
                if let Some(fired) = self.fired.get_mut(*position) {
                    *fired += 1;
                }
            }
        }
        // Rules that can never fire again are dropped.
        self.rules.retain(|(_, rule)| {
            rule.rate.is_some()
                || rule.times.is_none_or(|times| rule.seen < (rule.first - 1).saturating_add(times))
        });
        picked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn firing(rule: FaultRuleBuilder, paths: &[&str]) -> Vec<bool> {
        let mut book = FaultBook::default();
        book.add(rule.then(Fault::CloseConnection));
        let now = Instant::now();
        paths.iter().map(|path| book.pick(path, now).is_some()).collect()
    }

    #[test]
    fn nth_fires_once_on_the_nth_matching_request() {
        let fired = firing(FaultRule::on_path("/a").nth(2), &["/a", "/b", "/a/x", "/a", "/a"]);
        assert_eq!(fired, [false, false, true, false, false]);
    }

    #[test]
    fn times_fires_on_the_next_k_requests() {
        let fired = firing(FaultRule::any_path().times(2), &["/a", "/b", "/c"]);
        assert_eq!(fired, [true, true, false]);
    }

    #[test]
    fn nth_and_always_fire_from_the_nth_on() {
        let fired = firing(FaultRule::any_path().nth(2).always(), &["/a", "/b", "/c", "/d"]);
        assert_eq!(fired, [false, true, true, true]);
    }

    #[test]
    fn the_rule_added_first_wins_and_both_count() {
        let mut book = FaultBook::default();
        book.add(FaultRule::any_path().then(Fault::NotJson));
        book.add(FaultRule::any_path().times(2).then(Fault::CloseConnection));
        let now = Instant::now();
        assert_eq!(book.pick("/", now), Some(Fault::NotJson));
        assert_eq!(book.pick("/", now), Some(Fault::CloseConnection));
        assert_eq!(book.pick("/", now), None);
        assert_eq!(book.fired(), [1, 1], "only the rule that answered counts a request as fired");
    }

    #[test]
    fn a_rate_limit_fires_past_the_limit_within_a_sliding_window() {
        let mut book = FaultBook::default();
        book.add(FaultRule::on_path("/a").past_rate(2, Duration::from_secs(1)).then(Fault::NotJson));
        let t0 = Instant::now();
        let ms = |millis| t0 + Duration::from_millis(millis);
        let fired: Vec<bool> = [
            (0, "/a"),
            (100, "/b"),
            (200, "/a"),
            (300, "/a"),
            (999, "/a"),
            (1_000, "/a"),
            (1_100, "/a"),
            (1_150, "/a"),
            (1_200, "/a"),
        ]
        .into_iter()
        .map(|(at, path)| book.pick(path, ms(at)).is_some())
        .collect();
        // Let through at 0 and 200 ms; at 1000 ms the first leaves the window, at 1200 the second.
        assert_eq!(fired, [false, false, false, true, true, false, true, true, false]);
    }
}
