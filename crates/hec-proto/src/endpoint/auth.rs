//! `POST /auth/external`: trading an API key for an access token.

use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use crate::base_url::BaseUrl;
use crate::endpoint::response::{detail, detail_with, from_json, malformed, status_error};
use crate::response_error::ResponseError;
use crate::secret::{AccessToken, Credentials};

pub use crate::base_url::AUTH_PATH;

/// The fewest characters a token the auth endpoint issues may have. Live HEC tokens are long
/// JWT-like strings (hundreds of characters); the corpus' crafted ones have 18
/// (`tok-test-0001-AAAA`) and the mock's about 30. A shorter "token" (`"`, `0`, `e`) is not one:
/// redacting it would rewrite every text that holds it, so the answer is refused as malformed.
pub const MIN_TOKEN_CHARS: usize = 16;

/// Whether `c` may be part of a bearer token: a character of RFC 6750's `b64token` (letters,
/// digits, `-._~+/` and `=`). A token goes into `Authorization: Bearer <token>`, whose syntax this
/// is; the redactor also reads runs of these characters as the words a secret can stand in.
pub(crate) fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '+' | '/' | '=')
}

/// Why `token` cannot be a token the auth endpoint issued, if it cannot: too short, or a
/// character a bearer token does not hold (non-ASCII, a space, a quote, a control character).
/// The reason never repeats the token.
fn token_problem(token: &str) -> Option<String> {
    let chars = token.chars().count();
    if chars < MIN_TOKEN_CHARS {
        let plural = if chars == 1 { "" } else { "s" };
        return Some(format!(
            "the token has {chars} character{plural}, fewer than the {MIN_TOKEN_CHARS} a token has at least"
        ));
    }
    if let Some(at) = token.chars().position(|c| !is_token_char(c)) {
        return Some(format!(
            "the token's character {} is not one a bearer token holds (letters, digits, -._~+/ and =)",
            at + 1
        ));
    }
    None
}

/// An access token and how long it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct TokenGrant {
    /// The bearer token.
    pub token: AccessToken,
    /// How long it lasts from when the response arrived: `expiresIn`, or else `expires` minus now.
    pub lifetime: Duration,
}

/// `POST {base}/auth/external` with `{"clientId", "accessKey"}` as JSON.
///
/// The request's body holds the access key: do not log it.
///
/// ```
/// use hec_proto::{Credentials, Region};
/// use hec_proto::endpoint::token_request;
/// let request = token_request(&Region::Us.base_url(), &Credentials::new("id", "key"));
/// assert_eq!(request.uri(), "https://cloudinfra-gw-us.portal.checkpoint.com/auth/external");
/// assert_eq!(request.body(), br#"{"clientId":"id","accessKey":"key"}"#);
/// ```
pub fn token_request(base: &BaseUrl, credentials: &Credentials) -> http::Request<Vec<u8>> {
    #[derive(Serialize)]
    struct Body<'a> {
        #[serde(rename = "clientId")]
        client_id: &'a str,
        #[serde(rename = "accessKey")]
        access_key: &'a str,
    }
    let body = serde_json::to_vec(&Body {
        client_id: credentials.client_id(),
        access_key: credentials.access_key_secret(),
    })
    .expect("two strings always serialize");
    let mut request = http::Request::new(body);
    *request.method_mut() = http::Method::POST;
    *request.uri_mut() =
        http::Uri::try_from(base.join(AUTH_PATH)).expect("a base URL plus a fixed path is a valid URI");
    let headers = request.headers_mut();
    headers.insert(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/json"));
    headers.insert(http::header::ACCEPT, http::HeaderValue::from_static("application/json"));
    request
}

#[derive(Deserialize)]
struct TokenBody {
    #[serde(default, deserialize_with = "crate::wire::flexible::bool_or_string")]
    success: Option<bool>,
    message: Option<String>,
    data: Option<TokenData>,
}

#[derive(Deserialize)]
struct TokenData {
    token: Option<String>,
    #[serde(rename = "expiresIn", default, deserialize_with = "crate::wire::flexible::count")]
    expires_in: Option<u64>,
    expires: Option<String>,
}

/// Reads the auth endpoint's answer into a token and its lifetime. `now` is the wall-clock time
/// the response arrived, used only when the lifetime must come from the `expires` date.
///
/// A 401 or 403, or `"success": false`, is [`ResponseError::BadCredentials`]. A token shorter
/// than [`MIN_TOKEN_CHARS`], or holding a character a bearer token does not (anything but
/// letters, digits and `-._~+/=`: non-ASCII, spaces, quotes), is [`ResponseError::Malformed`] at
/// `data.token`: whatever the gateway meant, it cannot be sent back, nor told apart from the
/// text around it.
pub fn parse_token_response<B: AsRef<[u8]>>(
    response: &http::Response<B>,
    now: SystemTime,
) -> Result<TokenGrant, ResponseError> {
    if let Some(error) = status_error(response, None, true) {
        return Err(error);
    }
    let status = response.status();
    let body = response.body().as_ref();
    let parsed: TokenBody =
        from_json(body).map_err(|(path, error)| malformed(&path, error, status, body, None))?;
    if parsed.success == Some(false) {
        return Err(ResponseError::BadCredentials(detail_with(status, body, None, None, parsed.message)));
    }
    let missing = |path: &str, reason: &str| ResponseError::Malformed {
        path: path.to_owned(),
        reason: reason.to_owned(),
        detail: detail(status, body, None),
    };
    let data = parsed.data.ok_or_else(|| missing("data", "missing field `data`"))?;
    let token = data.token.ok_or_else(|| missing("data.token", "missing field `token`"))?;
    let lifetime = match (data.expires_in, data.expires.as_deref()) {
        (Some(seconds), _) => Duration::from_secs(seconds),
        (None, Some(expires)) => {
            match crate::model::time::parse_http_date(expires) {
                Some(crate::model::time::HttpDate::At(at)) => crate::model::time::duration_until(at, now),
                // Past the year 9999: it outlives any deadline.
                Some(crate::model::time::HttpDate::FarFuture) => Duration::MAX,
                None => return Err(missing("data.expires", "not an RFC 1123 date")),
            }
        }
        (None, None) => {
            return Err(missing("data.expiresIn", "neither `expiresIn` nor `expires` is present"));
        }
    };
    if let Some(problem) = token_problem(&token) {
        return Err(missing("data.token", &problem));
    }
    Ok(TokenGrant { token: AccessToken::new(token), lifetime })
}
