//! Secrets: the API key's credentials and the access token. Neither prints its secret part.

use std::fmt;

/// An Infinity Portal API key: the client id and the secret access key.
///
/// `Debug` shows the client id and `[redacted]` for the key; there is no `Display`. The key is
/// read only through [`Credentials::access_key_secret`], named so that a reader sees the secret
/// leave.
///
/// ```
/// use hec_proto::Credentials;
/// let credentials = Credentials::new("my-client-id", "my-secret-key");
/// assert_eq!(format!("{credentials:?}"), r#"Credentials { client_id: "my-client-id", access_key: [redacted] }"#);
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    client_id: String,
    access_key: String,
}

impl Credentials {
    /// Credentials from a client id and an access key.
    pub fn new(client_id: impl Into<String>, access_key: impl Into<String>) -> Self {
        Credentials { client_id: client_id.into(), access_key: access_key.into() }
    }

    /// The client id (not a secret on its own).
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The secret access key. Never log or print it.
    pub fn access_key_secret(&self) -> &str {
        &self.access_key
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("access_key", &Redacted)
            .finish()
    }
}

/// A bearer token for the HEC API, as `POST /auth/external` issues it.
///
/// `Debug` prints `AccessToken([redacted])`; there is no `Display`. The text is read only
/// through [`AccessToken::secret`]; the `Authorization` header built from it is marked sensitive.
///
/// ```
/// use hec_proto::AccessToken;
/// let token = AccessToken::new("eyJ-made-up");
/// assert_eq!(format!("{token:?}"), "AccessToken([redacted])");
/// assert!(token.authorization().unwrap().is_sensitive());
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct AccessToken(String);

impl AccessToken {
    /// A token from its text.
    pub fn new(token: impl Into<String>) -> Self {
        AccessToken(token.into())
    }

    /// The token's text. Never log or print it.
    pub fn secret(&self) -> &str {
        &self.0
    }

    /// `Bearer <token>` as a header value marked sensitive (so HTTP libraries and `Debug` of the
    /// header map hide it). Fails if the token holds characters a header cannot carry.
    pub fn authorization(&self) -> Result<http::HeaderValue, http::header::InvalidHeaderValue> {
        let mut value = String::with_capacity(7 + self.0.len());
        value.push_str("Bearer ");
        value.push_str(&self.0);
        let mut header = http::HeaderValue::try_from(value)?;
        header.set_sensitive(true);
        Ok(header)
    }
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("AccessToken").field(&Redacted).finish()
    }
}

/// Prints `[redacted]` in place of a secret.
struct Redacted;

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A request that could not be built: the token holds characters a header cannot carry.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the access token cannot be sent in an HTTP header (it holds control or non-visible characters)")]
pub struct InvalidTokenHeader;
