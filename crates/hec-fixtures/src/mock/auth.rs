//! `POST /auth/external` and `POST /v2/auth/external`: API keys in, bearer tokens out; and the
//! check of those tokens.
//!
//! v1 takes `{"clientId", "accessKey"}`; v2 (TheHive's responder) takes the client id in the
//! `cloudinfra-external-client-id` header and `{"accessKey"}` as the body. Both answer the same
//! `{"success": true, "data": {"token", "csrf", "expires", "expiresIn"}}`, 401 for wrong
//! credentials (a missing v2 header included) and 400 for a body that is not the object.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::{HeaderMap, Response, StatusCode};
use serde::{Deserialize, Serialize};

use super::answer;

/// The credentials the mock accepts and the tokens it has issued.
#[derive(Debug)]
pub(crate) struct TokenStore {
    client_id: String,
    access_key: String,
    lifetime: Duration,
    /// Every live token and when it expires.
    live: HashMap<String, Instant>,
    issued: usize,
}

impl TokenStore {
    pub(crate) fn new(client_id: String, access_key: String, lifetime: Duration) -> TokenStore {
        TokenStore { client_id, access_key, lifetime, live: HashMap::new(), issued: 0 }
    }

    /// How many tokens the mock has issued.
    pub(crate) fn issued(&self) -> usize {
        self.issued
    }

    /// Makes every token issued so far invalid.
    pub(crate) fn revoke_all(&mut self) {
        self.live.clear();
    }

    /// Makes one token invalid.
    pub(crate) fn revoke(&mut self, token: &str) {
        self.live.remove(token);
    }

    /// Whether `token` was issued, is not revoked and has not expired at `now`.
    pub(crate) fn is_valid(&self, token: &str, now: Instant) -> bool {
        self.live.get(token).is_some_and(|expires| now < *expires)
    }

    fn issue(&mut self, now: Instant) -> TokenData {
        self.issued += 1;
        // Forget expired tokens so a long run does not grow the map.
        self.live.retain(|_, expires| now < *expires);
        let token = format!("{}{}-{}", super::TOKEN_PREFIX, self.issued, random_hex());
        self.live.insert(token.clone(), now + self.lifetime);
        let expires = jiff::SignedDuration::try_from(self.lifetime)
            .ok()
            .and_then(|lifetime| jiff::Timestamp::now().checked_add(lifetime).ok())
            .unwrap_or(jiff::Timestamp::MAX);
        TokenData {
            token,
            // The live service's csrf is a UUID (one SDK sends it back as `x-av-req-id`).
            csrf: uuid::Uuid::new_v4().to_string(),
            expires: jiff::fmt::rfc2822::DateTimePrinter::new()
                .timestamp_to_rfc9110_string(&expires)
                .unwrap_or_default(),
            expires_in: self.lifetime.as_secs(),
        }
    }
}

/// 16 random hexadecimal digits.
fn random_hex() -> String {
    let mut hex = uuid::Uuid::new_v4().simple().to_string();
    hex.truncate(16);
    hex
}

/// The path of the v2 token endpoint (the client id in a header).
pub(crate) const AUTH_V2_PATH: &str = "/v2/auth/external";

/// The header that carries the client id to the v2 token endpoint.
pub(crate) const CLIENT_ID_HEADER: &str = "cloudinfra-external-client-id";

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Credentials {
    client_id: String,
    access_key: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct AccessKey {
    access_key: String,
}

#[derive(Serialize)]
struct Issued {
    success: bool,
    data: TokenData,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TokenData {
    token: String,
    csrf: String,
    expires: String,
    expires_in: u64,
}

#[derive(Serialize)]
struct Refused<'a> {
    success: bool,
    message: &'a str,
}

/// Answers `POST /auth/external` with a fresh token, 401 for wrong credentials, 400 for a body
/// that is not the credentials object.
pub(crate) fn token_endpoint(store: &mut TokenStore, body: &[u8], now: Instant) -> Response<Bytes> {
    match serde_json::from_slice::<Credentials>(body) {
        Ok(credentials) => answer_token(store, &credentials.client_id, &credentials.access_key, now),
        Err(error) => malformed(&error),
    }
}

/// Answers `POST /v2/auth/external`: the client id from its header, the access key from the
/// body; as [`token_endpoint`] otherwise.
pub(crate) fn token_endpoint_v2(
    store: &mut TokenStore,
    headers: &HeaderMap,
    body: &[u8],
    now: Instant,
) -> Response<Bytes> {
    let access_key = match serde_json::from_slice::<AccessKey>(body) {
        Ok(body) => body.access_key,
        Err(error) => return malformed(&error),
    };
    let client_id = headers.get(CLIENT_ID_HEADER).and_then(|value| value.to_str().ok()).unwrap_or_default();
    answer_token(store, client_id.trim(), &access_key, now)
}

fn malformed(error: &serde_json::Error) -> Response<Bytes> {
    let message = format!("Malformed request body: {error}");
    answer::json(StatusCode::BAD_REQUEST, &Refused { success: false, message: &message })
}

/// A fresh token for the right credentials, else 401.
fn answer_token(store: &mut TokenStore, client_id: &str, access_key: &str, now: Instant) -> Response<Bytes> {
    if client_id != store.client_id || access_key != store.access_key {
        return answer::json(
            StatusCode::UNAUTHORIZED,
            &Refused { success: false, message: "Authentication failed" },
        );
    }
    let data = store.issue(now);
    answer::json(StatusCode::OK, &Issued { success: true, data })
}

/// Whether the request carries `Authorization: Bearer <token>` with a live token.
pub(crate) fn is_authorized(store: &TokenStore, headers: &HeaderMap, now: Instant) -> bool {
    headers
        .get(http::header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .is_some_and(|(_, token)| store.is_valid(token.trim(), now))
}

/// The answer to a request without a live token: 401 `{"message": "Authentication required"}`.
pub(crate) fn authentication_required() -> Response<Bytes> {
    answer::message(StatusCode::UNAUTHORIZED, "Authentication required")
}
