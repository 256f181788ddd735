//! `Secrets`: the secrets a client holds, and the one redactor that removes them from every text
//! the server sent before it reaches an error.
//!
//! The excerpt of a body already hides the values of secret-looking JSON keys (`token`,
//! `accessKey`, ...), but a gateway can echo a secret under any key, in a message, in a redirect's
//! `Location`, JSON-escaped or percent-encoded. Only a redactor that knows the live secrets can
//! find them all: the [`TokenCache`](crate::policy::TokenCache) fills one with the access key (or the
//! static token) and every token it stores, and a driver passes each error through
//! [`Error::redacted`] before returning it.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;

use crate::config_error::ConfigError;
use crate::error::Error;
use crate::model::status::TaskStatus;
use crate::model::task::Task;
use crate::response_error::{ResponseDetail, ResponseError};
use crate::transport::TransportError;
use crate::wire::percent::percent_encode;

/// What stands in for a secret in a redacted text.
pub const REDACTED: &str = "[redacted]";

/// How many fetched tokens a [`Secrets`] remembers (the newest ones). A client holds one token at
/// a time; the few before it are kept because a late answer may still echo them.
pub(crate) const TOKENS_KEPT: usize = 8;

/// What replaces a whole text in which a secret survived redaction (a secret that overlaps its
/// own replacement, say); an empty text replaces it if the secret is inside this one too.
const WITHHELD: &str = "[text withheld: it held a secret]";

/// The shortest start of a secret that is redacted where an excerpt cuts a text short.
const MIN_CUT_CHARS: usize = 4;

/// The secrets a client holds, and the redactor that removes them from any text.
///
/// Each secret is searched for as it is and as a server may spell it back: JSON-escaped (once or
/// twice, with `/` as `\/` or not, non-ASCII as `\uXXXX` or not) and percent-encoded (upper- or
/// lower-case hex). A secret cut short where an excerpt ends (`…`) is redacted too, from its
/// fourth character on. `Debug` shows how many secrets are held, never one of them.
///
/// ```
/// use hec_proto::redact::Secrets;
/// let mut secrets = Secrets::new();
/// secrets.add("key/with+slash");
/// assert_eq!(secrets.redact(r#"{"seen": "key\/with+slash"}"#), r#"{"seen": "[redacted]"}"#);
/// assert_eq!(secrets.redact("/auth?k=key%2Fwith%2Bslash"), "/auth?k=[redacted]");
/// assert_eq!(secrets.redact("nothing to hide"), "nothing to hide");
/// assert_eq!(format!("{secrets:?}"), "Secrets { held: 1 }");
/// ```
#[derive(Clone, Default)]
pub struct Secrets {
    /// Kept for the client's life: the access key, a static token.
    pinned: Vec<Spellings>,
    /// Fetched tokens, the newest last; at most [`TOKENS_KEPT`].
    tokens: VecDeque<Spellings>,
}

impl Secrets {
    /// A redactor that knows no secret yet (it changes nothing).
    pub fn new() -> Self {
        Secrets::default()
    }

    /// Adds a secret kept for the client's life: an access key or a static token. An empty text
    /// is ignored.
    pub fn add(&mut self, secret: &str) {
        if let Some(spellings) = Spellings::of(secret) {
            self.pinned.push(spellings);
        }
    }

    /// Adds a fetched token; only the newest eight are kept.
    pub fn add_token(&mut self, token: &crate::secret::AccessToken) {
        if let Some(spellings) = Spellings::of(token.secret()) {
            if self.tokens.len() == TOKENS_KEPT {
                self.tokens.pop_front();
            }
            self.tokens.push_back(spellings);
        }
    }

    /// How many secrets are held.
    pub fn len(&self) -> usize {
        self.pinned.len() + self.tokens.len()
    }

    /// Whether no secret is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether `text` holds any spelling of a secret.
    pub fn holds_secret(&self, text: &str) -> bool {
        self.spellings().any(|spelling| text.contains(spelling))
    }

    /// `text` with every spelling of every secret replaced by [`REDACTED`]; borrowed, not
    /// copied, when it holds none (the common case, for a caller that redacts all it shows).
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.is_empty() || !(text.ends_with('…') || self.holds_secret(text)) {
            return Cow::Borrowed(text);
        }
        let mut redacted = text.to_owned();
        self.redact_in_place(&mut redacted);
        if redacted == text { Cow::Borrowed(text) } else { Cow::Owned(redacted) }
    }

    /// Redacts `text` where it is; a text without a secret is left untouched (and not copied).
    pub fn redact_in_place(&self, text: &mut String) {
        if self.is_empty() {
            return;
        }
        let mut changed = false;
        // Longest first, so that a spelling holding another is removed whole.
        let mut spellings: Vec<&str> = self.spellings().collect();
        spellings.sort_by_key(|spelling| std::cmp::Reverse(spelling.len()));
        for spelling in spellings {
            if text.contains(spelling) {
                *text = text.replace(spelling, REDACTED);
                changed = true;
            }
        }
        if let Some(head) = text.strip_suffix('…')
            && let Some(cut) = self.cut_secret(head)
        {
            let keep = head.len() - cut;
            text.truncate(keep);
            text.push_str(REDACTED);
            text.push('…');
            changed = true;
        }
        if changed && self.holds_secret(text) {
            // A secret inside the replacement itself (a one-letter one, say) leaves nothing.
            *text = if self.holds_secret(WITHHELD) { String::new() } else { WITHHELD.to_owned() };
        }
    }

    /// The length in bytes of the longest end of `head` that is the start (at least
    /// [`MIN_CUT_CHARS`] characters) of a secret's spelling.
    fn cut_secret(&self, head: &str) -> Option<usize> {
        self.spellings()
            .filter_map(|spelling| {
                spelling
                    .char_indices()
                    .map(|(at, _)| at)
                    .skip(MIN_CUT_CHARS)
                    .filter(|&end| head.ends_with(&spelling[..end]))
                    .max()
            })
            .max()
    }

    fn spellings(&self) -> impl Iterator<Item = &str> {
        self.pinned.iter().chain(&self.tokens).flat_map(|s| s.0.iter().map(String::as_str))
    }
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secrets").field("held", &self.len()).finish()
    }
}

/// Every spelling of one secret a server may send back, without duplicates.
#[derive(Clone)]
struct Spellings(Vec<String>);

impl Spellings {
    fn of(secret: &str) -> Option<Spellings> {
        if secret.is_empty() {
            return None;
        }
        let escaped = json_escape(secret);
        let slashed = escaped.replace('/', "\\/");
        let once = [secret.to_owned(), ascii_escape(&escaped), ascii_escape(&slashed), escaped, slashed];
        // Inside a JSON string that is itself inside JSON (an echoed request body, say).
        let twice: Vec<String> = once[1..]
            .iter()
            .map(|spelling| json_escape(spelling))
            .flat_map(|spelling| [spelling.replace('/', "\\/"), spelling])
            .collect();
        let mut all: Vec<String> = once.into_iter().chain(twice).collect();
        all.push(percent_encode(secret, b"0123456789ABCDEF"));
        all.push(percent_encode(secret, b"0123456789abcdef"));
        let mut unique: Vec<String> = Vec::with_capacity(all.len());
        for spelling in all {
            if !unique.contains(&spelling) {
                unique.push(spelling);
            }
        }
        Some(Spellings(unique))
    }
}

/// The text as it appears inside a JSON string (without the quotes), escaped as serde_json does.
fn json_escape(text: &str) -> String {
    let quoted = serde_json::Value::String(text.to_owned()).to_string();
    quoted[1..quoted.len() - 1].to_owned()
}

/// JSON-escaped text with every non-ASCII character as `\uXXXX` (surrogate pairs beyond the BMP).
fn ascii_escape(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len());
    for c in escaped.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    out
}

impl Error {
    /// This error with every secret `secrets` holds removed from the texts the server sent (and
    /// from the transport's and the configuration's messages): excerpts, response and additional
    /// texts, request ids, a malformed response's path and reason, a redirect's location, and the
    /// last task a timed-out wait saw. Drivers apply it to every error they return.
    ///
    /// ```
    /// use hec_proto::{Error, TransportError, TransportErrorKind};
    /// use hec_proto::redact::Secrets;
    /// let mut secrets = Secrets::new();
    /// secrets.add("s3cr3t-key");
    /// let error = Error::from(TransportError::new(TransportErrorKind::Other, "proxy said: s3cr3t-key"));
    /// assert_eq!(error.redacted(&secrets).to_string(), "other error: proxy said: [redacted]");
    /// ```
    pub fn redacted(self, secrets: &Secrets) -> Error {
        if secrets.is_empty() {
            return self;
        }
        match self {
            Error::Response(error) => Error::Response(error.redacted(secrets)),
            Error::Transport(error) => Error::Transport(error.redacted(secrets)),
            Error::GaveUp { attempts, elapsed, deadline_reached, last } => {
                Error::GaveUp { attempts, elapsed, deadline_reached, last: Box::new(last.redacted(secrets)) }
            }
            Error::ActionOutcomeUnknown { last } => {
                Error::ActionOutcomeUnknown { last: Box::new(last.redacted(secrets)) }
            }
            Error::WaitTimedOut { last_task, elapsed, polls } => Error::WaitTimedOut {
                last_task: last_task.and_then(|task| redacted_task(*task, secrets)).map(Box::new),
                elapsed,
                polls,
            },
            Error::Config(ConfigError::HttpClient(mut message)) => {
                secrets.redact_in_place(&mut message);
                Error::Config(ConfigError::HttpClient(message))
            }
            Error::Config(error) => Error::Config(error),
        }
    }
}

impl ResponseError {
    /// This error with every secret `secrets` holds removed from what the server sent (see
    /// [`Error::redacted`]).
    pub fn redacted(mut self, secrets: &Secrets) -> ResponseError {
        match &mut self {
            ResponseError::Redirect { location, detail } => {
                if let Some(location) = location {
                    secrets.redact_in_place(location);
                }
                detail.redact(secrets);
            }
            ResponseError::Malformed { path, reason, detail } => {
                secrets.redact_in_place(path);
                secrets.redact_in_place(reason);
                detail.redact(secrets);
            }
            ResponseError::Unauthorized(detail)
            | ResponseError::Forbidden(detail)
            | ResponseError::NotFound(detail)
            | ResponseError::RateLimited(detail)
            | ResponseError::Server(detail)
            | ResponseError::HttpStatus(detail)
            | ResponseError::Api(detail)
            | ResponseError::BadCredentials(detail)
            | ResponseError::TaskNotFound { detail, .. } => detail.redact(secrets),
        }
        self
    }
}

impl ResponseDetail {
    fn redact(&mut self, secrets: &Secrets) {
        let texts = [&mut self.request_id, &mut self.response_text, &mut self.additional_text];
        for text in texts.into_iter().flatten() {
            secrets.redact_in_place(text);
        }
        secrets.redact_in_place(&mut self.excerpt);
    }
}

impl TransportError {
    /// This error with every secret `secrets` holds removed from its message; its kind, its host
    /// prefix (see [`TransportError::at_host`]) and its `source()` are kept.
    fn redacted(mut self, secrets: &Secrets) -> TransportError {
        secrets.redact_in_place(self.message_mut());
        self
    }
}

/// The task with its secrets redacted: in its status (all a task a [`Waiter`](crate::policy::Waiter)
/// made from the status and counts it kept can hold), then through its JSON form (whatever
/// fields it has); `None` if the redacted form no longer reads as a task, or if a secret is in a
/// typed field its JSON form does not hold.
fn redacted_task(mut task: Task, secrets: &Secrets) -> Option<Task> {
    if !secrets.holds_secret(&format!("{task:?}")) {
        return Some(task);
    }
    if let Some(TaskStatus::Unknown(status)) = &mut task.status {
        secrets.redact_in_place(status);
        if !secrets.holds_secret(&format!("{task:?}")) {
            return Some(task);
        }
    }
    let text = serde_json::to_string(&task).ok()?;
    let redacted: Task = serde_json::from_str(&secrets.redact(&text)).ok()?;
    (!secrets.holds_secret(&format!("{redacted:?}"))).then_some(redacted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn holding(secret: &str) -> Secrets {
        let mut secrets = Secrets::new();
        secrets.add(secret);
        secrets
    }

    #[test]
    fn a_plain_secret_is_redacted_wherever_it_appears() {
        let secrets = holding("tok-123456");
        assert_eq!(secrets.redact("a tok-123456 b tok-123456"), "a [redacted] b [redacted]");
    }

    #[test]
    fn json_escapes_of_quotes_backslashes_and_slashes_are_redacted() {
        let secrets = holding(r#"a"b\c/d"#);
        assert_eq!(secrets.redact(r#"{"x":"a\"b\\c/d"}"#), r#"{"x":"[redacted]"}"#);
        assert_eq!(secrets.redact(r#"{"x":"a\"b\\c\/d"}"#), r#"{"x":"[redacted]"}"#);
    }

    #[test]
    fn a_secret_escaped_twice_inside_a_json_string_is_redacted() {
        let secrets = holding("k/1");
        assert_eq!(
            secrets.redact(r#"{"data":"{\"accessKey\":\"k\\\/1\"}"}"#),
            r#"{"data":"{\"accessKey\":\"[redacted]\"}"}"#
        );
    }

    #[test]
    fn non_ascii_as_unicode_escapes_is_redacted() {
        let secrets = holding("clé🔑");
        assert_eq!(secrets.redact(r#""cl\u00e9\ud83d\udd11""#), r#""[redacted]""#);
    }

    #[test]
    fn percent_encoding_in_either_case_is_redacted() {
        let secrets = holding("a b/c");
        assert_eq!(secrets.redact("?t=a%20b%2Fc&u=a%20b%2fc"), "?t=[redacted]&u=[redacted]");
    }

    #[test]
    fn a_secret_cut_by_an_excerpt_is_redacted_from_its_fourth_character() {
        let secrets = holding("mock-token-1-abcdef");
        assert_eq!(secrets.redact("Bearer mock-tok…"), "Bearer [redacted]…");
        assert_eq!(secrets.redact("Bearer moc…"), "Bearer moc…");
        assert_eq!(secrets.redact("Bearer mock-tok"), "Bearer mock-tok");
    }

    #[test]
    fn a_secret_that_survives_its_replacement_withholds_the_text() {
        let secrets = holding("d]x");
        assert_eq!(secrets.redact("d]xx"), WITHHELD);
    }

    #[test]
    fn a_secret_inside_every_replacement_leaves_an_empty_text() {
        assert_eq!(holding("d").redact("%5dw"), "");
        assert_eq!(holding("e").redact("no secret letter here? yes: e"), "");
    }

    #[test]
    fn only_the_newest_tokens_are_kept_and_pinned_secrets_stay() {
        let mut secrets = holding("the-access-key");
        for n in 0..=TOKENS_KEPT {
            secrets.add_token(&crate::secret::AccessToken::new(format!("token-number-{n}")));
        }
        assert_eq!(secrets.len(), TOKENS_KEPT + 1);
        assert_eq!(secrets.redact("token-number-0"), "token-number-0");
        assert_eq!(secrets.redact("token-number-1 the-access-key"), "[redacted] [redacted]");
    }

    #[test]
    fn an_empty_secret_is_ignored() {
        let mut secrets = Secrets::new();
        secrets.add("");
        assert!(secrets.is_empty());
        assert_eq!(secrets.redact("text"), "text");
    }
}
