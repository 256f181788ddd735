//! `Secrets`: the secrets a client holds, and the one redactor that removes them from every text
//! the server sent before it reaches an error.
//!
//! The excerpt of a body already hides the values of secret-looking JSON keys (`token`,
//! `accessKey`, ...), but a gateway can echo a secret under any key, in a message, in a redirect's
//! `Location`, JSON-escaped, percent-encoded or in base64. Only a redactor that knows the live
//! secrets can find them all: the [`TokenCache`](crate::policy::TokenCache) fills one with the
//! access key (or the static token) and every token it stores, and a driver passes each error
//! through [`Error::redacted`] before returning it.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::fmt;

use crate::config_error::ConfigError;
use crate::endpoint::auth::{MIN_TOKEN_CHARS, is_token_char};
use crate::error::Error;
use crate::model::status::TaskStatus;
use crate::model::task::Task;
use crate::response_error::{ResponseDetail, ResponseError};
use crate::transport::TransportError;
use crate::wire::base64::{self, STANDARD, URL_SAFE};
use crate::wire::percent::percent_encode;

/// What stands in for a secret in a redacted text.
pub const REDACTED: &str = "[redacted]";

/// How many fetched tokens a [`Secrets`] remembers (the newest ones). A client holds one token at
/// a time; the few before it are kept because a late answer may still echo them.
pub(crate) const TOKENS_KEPT: usize = 8;

/// What replaces a whole text in which a secret survived redaction (a secret that overlaps its
/// own replacement, say). It is never searched for secrets itself: a text is never emptied.
const WITHHELD: &str = "[text withheld: it held a secret]";

/// The shortest start of a secret that is redacted where an excerpt cuts a text short.
const MIN_CUT_CHARS: usize = 4;

/// The secrets a client holds, and the redactor that removes them from any text.
///
/// Each secret is searched for as it is and as a server may spell it back: JSON-escaped (once or
/// twice, with `/` as `\/` or not, non-ASCII as `\uXXXX` or not), percent-encoded (upper- or
/// lower-case hex) and base64-encoded (standard and URL-safe alphabets, with and without
/// padding). A secret cut short where an excerpt ends (`…`) is redacted too, from its fourth
/// character on. `Debug` shows how many secrets are held, never one of them.
///
/// A secret of [`MIN_TOKEN_CHARS`] characters or more is redacted wherever it appears: a text
/// holding it holds the secret, even inside a longer word (`?t=<token>`). A shorter one (a
/// user's short access key, a caller's short static token; the auth endpoint never issues one)
/// is redacted only where it stands whole: where it is not part of a longer run of the
/// characters a secret is made of (letters, digits and `-._~+/=`). So a key `0042` leaves the id
/// `entity-00421` as it is, and a key `e` leaves every word and all JSON syntax alone.
///
/// ```
/// use hec_proto::redact::Secrets;
/// let mut secrets = Secrets::new();
/// secrets.add("key/with+slash-0123");
/// assert_eq!(secrets.redact(r#"{"seen": "key\/with+slash-0123"}"#), r#"{"seen": "[redacted]"}"#);
/// assert_eq!(secrets.redact("/auth?k=key%2Fwith%2Bslash-0123"), "/auth?k=[redacted]");
/// assert_eq!(secrets.redact("basic a2V5L3dpdGgrc2xhc2gtMDEyMw=="), "basic [redacted]");
/// assert_eq!(secrets.redact("nothing to hide"), "nothing to hide");
/// assert_eq!(format!("{secrets:?}"), "Secrets { held: 1 }");
///
/// let mut short = Secrets::new();
/// short.add("0042");
/// assert_eq!(short.redact(r#"{"id": "entity-00421", "key": "0042"}"#), r#"{"id": "entity-00421", "key": "[redacted]"}"#);
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

    /// Whether `text` holds any spelling of a secret where it would be redacted (a short secret
    /// only where it stands whole; never inside a [`REDACTED`] already there).
    pub fn holds_secret(&self, text: &str) -> bool {
        !self.is_empty() && !self.found(text, &markers(text)).is_empty()
    }

    /// `text` with every spelling of every secret replaced by [`REDACTED`]; borrowed, not
    /// copied, when it holds none (the common case, for a caller that redacts all it shows).
    pub fn redact<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match self.redacted(text) {
            Some(redacted) => Cow::Owned(redacted),
            None => Cow::Borrowed(text),
        }
    }

    /// Redacts `text` where it is; a text without a secret is left untouched (and not copied).
    pub fn redact_in_place(&self, text: &mut String) {
        if let Some(redacted) = self.redacted(text) {
            *text = redacted;
        }
    }

    /// `text` with its secrets replaced, or `None` if it holds none. Overlapping spellings are
    /// replaced as one. If a secret still stands in the result (one that overlaps its own
    /// replacement, say), the whole text is [`WITHHELD`]: never an empty text.
    fn redacted(&self, text: &str) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut found = self.found(text, &markers(text));
        if let Some(head) = text.strip_suffix('…')
            && let Some(cut) = self.cut_secret(head)
        {
            found.push((head.len() - cut, head.len()));
        }
        if found.is_empty() {
            return None;
        }
        found.sort_unstable();
        let mut out = String::with_capacity(text.len());
        let mut copied = 0;
        for (start, end) in found {
            if start < copied {
                // Overlaps the span just replaced: that one replacement covers it too.
                copied = copied.max(end);
                continue;
            }
            out.push_str(&text[copied..start]);
            out.push_str(REDACTED);
            copied = end;
        }
        out.push_str(&text[copied..]);
        if self.holds_secret(&out) { Some(WITHHELD.to_owned()) } else { Some(out) }
    }

    /// Where a spelling of a secret stands in `text` (start and end, in bytes; in no particular
    /// order, possibly overlapping): anywhere for a long secret, only whole for a short one, and
    /// never inside one of the `opaque` spans.
    fn found(&self, text: &str, opaque: &[(usize, usize)]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for secret in self.all() {
            for spelling in &secret.spellings {
                for (start, _) in text.match_indices(spelling.as_str()) {
                    let end = start + spelling.len();
                    let inside = opaque.iter().any(|&(from, to)| from <= start && end <= to);
                    if !inside && (!secret.whole_only || stands_whole(text, start, end)) {
                        found.push((start, end));
                    }
                }
            }
        }
        found
    }

    /// The length in bytes of the longest end of `head` that is the start (at least
    /// [`MIN_CUT_CHARS`] characters) of a secret's spelling (for a short secret, one that starts
    /// a word).
    fn cut_secret(&self, head: &str) -> Option<usize> {
        self.all()
            .flat_map(|secret| secret.spellings.iter().map(move |spelling| (secret.whole_only, spelling)))
            .filter_map(|(whole_only, spelling)| {
                spelling
                    .char_indices()
                    .map(|(at, _)| at)
                    .skip(MIN_CUT_CHARS)
                    .filter(|&end| head.ends_with(&spelling[..end]))
                    .filter(|&end| !whole_only || stands_whole(head, head.len() - end, head.len()))
                    .max()
            })
            .max()
    }

    fn all(&self) -> impl Iterator<Item = &Spellings> {
        self.pinned.iter().chain(&self.tokens)
    }
}

/// Whether `text[start..end]` stands whole: the characters on either side of it, if any, are
/// not ones a secret is made of.
fn stands_whole(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_token_char) && !after.is_some_and(is_token_char)
}

/// Where [`REDACTED`] already stands in `text`: what an earlier redaction put there is not
/// redacted again (a secret spelled `redacted` would grow brackets at every pass).
fn markers(text: &str) -> Vec<(usize, usize)> {
    text.match_indices(REDACTED).map(|(at, _)| (at, at + REDACTED.len())).collect()
}

impl fmt::Debug for Secrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secrets").field("held", &self.len()).finish()
    }
}

/// Every spelling of one secret a server may send back, without duplicates, and whether it is
/// short enough to be redacted only where it stands whole.
#[derive(Clone)]
struct Spellings {
    spellings: Vec<String>,
    whole_only: bool,
}

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
        // Base64 in both alphabets, with and without padding; the standard one JSON-escaped too.
        for (alphabet, pad) in [(STANDARD, true), (STANDARD, false), (URL_SAFE, true), (URL_SAFE, false)] {
            let encoded = base64::encode(secret.as_bytes(), alphabet, pad);
            all.push(encoded.replace('/', "\\/"));
            all.push(encoded);
        }
        let mut unique: Vec<String> = Vec::with_capacity(all.len());
        for spelling in all {
            if !unique.contains(&spelling) {
                unique.push(spelling);
            }
        }
        let whole_only = secret.chars().count() < MIN_TOKEN_CHARS;
        Some(Spellings { spellings: unique, whole_only })
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
        let secrets = holding("a b/c 0123456789");
        assert_eq!(
            secrets.redact("?t=a%20b%2Fc%200123456789&u=a%20b%2fc%200123456789"),
            "?t=[redacted]&u=[redacted]"
        );
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
        // The second "a [" stands whole and is replaced; then the first, which stood before an
        // "a", stands before the marker's "[".
        assert_eq!(holding("a [").redact("a [a ["), WITHHELD);
        // Part of a word after the replacement (after the marker's "d"), "]]" does not stand.
        assert_eq!(holding("]]").redact("]]]"), "[redacted]]");
    }

    #[test]
    fn a_short_secret_is_redacted_only_where_it_stands_whole() {
        let secrets = holding("e");
        assert_eq!(
            secrets.redact(r#"no secret here: e, (e) and "e""#),
            r#"no secret here: [redacted], ([redacted]) and "[redacted]""#
        );
        assert_eq!(secrets.redact("every word keeps its e"), "every word keeps its [redacted]");
        assert_eq!(holding("d").redact("%5dw"), "%5dw");
        assert_eq!(holding("0").redact(r#"{"id": "10203", "n": 0}"#), r#"{"id": "10203", "n": [redacted]}"#);
        // Inside a longer run of the characters a secret is made of, it is part of another word.
        for text in ["x=e", "e/x", "e.x", "e-x", "e_x", "e~x", "e+x", "ee", "Ze", "e9"] {
            assert_eq!(secrets.redact(text), text);
        }
    }

    #[test]
    fn a_long_secret_is_redacted_even_inside_a_longer_word() {
        let secrets = holding("tok-0123456789abcdef");
        assert_eq!(
            secrets.redact("https://x.example/steal/tok-0123456789abcdef?t=tok-0123456789abcdefXYZ"),
            "https://x.example/steal/[redacted]?t=[redacted]XYZ"
        );
    }

    #[test]
    fn a_text_already_redacted_is_left_as_it_is() {
        let secrets = holding("redacted");
        assert_eq!(secrets.redact("key: redacted"), "key: [redacted]");
        assert_eq!(secrets.redact("key: [redacted]"), "key: [redacted]");
        assert!(!secrets.holds_secret("key: [redacted]"));
    }

    #[test]
    fn overlapping_secrets_are_replaced_as_one() {
        let mut secrets = holding("token-aaaa-bbbb-cccc");
        secrets.add("bbbb-cccc-dddd-eeee");
        assert_eq!(secrets.redact("x token-aaaa-bbbb-cccc-dddd-eeee y"), "x [redacted] y");
    }

    #[test]
    fn base64_of_a_secret_in_either_alphabet_with_or_without_padding_is_redacted() {
        // Its standard base64 holds '/' and '+', its URL-safe one '_' and '-'.
        let secrets = holding("\u{ff}\u{ff}\u{fe}-0123456789abcdef");
        for encoded in [
            "w7/Dv8O+LTAxMjM0NTY3ODlhYmNkZWY=",
            "w7/Dv8O+LTAxMjM0NTY3ODlhYmNkZWY",
            "w7_Dv8O-LTAxMjM0NTY3ODlhYmNkZWY=",
            "w7_Dv8O-LTAxMjM0NTY3ODlhYmNkZWY",
            r"w7\/Dv8O+LTAxMjM0NTY3ODlhYmNkZWY=",
        ] {
            let text = format!(r#"{{"b": "{encoded}"}}"#);
            assert_eq!(secrets.redact(&text), r#"{"b": "[redacted]"}"#, "{encoded}");
        }
        let short = holding("k/y?");
        for encoded in ["ay95Pw==", "ay95Pw"] {
            assert_eq!(short.redact(&format!("Basic {encoded}")), "Basic [redacted]", "{encoded}");
        }
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
