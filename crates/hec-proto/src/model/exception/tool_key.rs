//! What names a security-tool exception: the tool (`SecTool`), the exception type
//! (`ToolExceptionType`) and the exception's own text (`ToolExceptionKey`), each checked so that
//! none can change a request's path.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use serde::{Serialize, Serializer};

/// The security tool an exception belongs to: the `{sectool}` of `sectool-exceptions/{sectool}`.
///
/// ```
/// use hec_proto::model::SecTool;
/// let tool: SecTool = "avanan_url".parse()?;
/// assert_eq!(tool, SecTool::UrlReputation);
/// assert_eq!(tool.exception_types().iter().map(|t| t.as_str()).collect::<Vec<_>>(),
///            ["allow-url", "allow-domain", "block-url", "block-domain"]);
/// # Ok::<(), hec_proto::model::UnknownSecTool>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecTool {
    /// `checkpoint2`: anti-malware.
    AntiMalware,
    /// `avanan_url`: URL reputation.
    UrlReputation,
    /// `avanan_dlp`: data leak prevention.
    Dlp,
}

/// A tool name that is none of [`SecTool`]'s.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown security tool {0:?} (use checkpoint2, avanan_url or avanan_dlp)")]
pub struct UnknownSecTool(pub String);

impl SecTool {
    /// Every tool, in the order the API reference lists them.
    pub const ALL: [SecTool; 3] = [SecTool::AntiMalware, SecTool::UrlReputation, SecTool::Dlp];

    /// The wire name: `checkpoint2`, `avanan_url` or `avanan_dlp`.
    pub fn as_str(self) -> &'static str {
        match self {
            SecTool::AntiMalware => "checkpoint2",
            SecTool::UrlReputation => "avanan_url",
            SecTool::Dlp => "avanan_dlp",
        }
    }

    /// The exception types the tool documents (Check Point's integration offers these).
    pub fn exception_types(self) -> &'static [ToolExceptionType] {
        match self {
            SecTool::AntiMalware => &[
                ToolExceptionType::HASH,
                ToolExceptionType::MACRO_HASH,
                ToolExceptionType::FILE_TYPE,
                ToolExceptionType::PPAT_SENDER_NAME,
            ],
            SecTool::UrlReputation => &[
                ToolExceptionType::ALLOW_URL,
                ToolExceptionType::ALLOW_DOMAIN,
                ToolExceptionType::BLOCK_URL,
                ToolExceptionType::BLOCK_DOMAIN,
            ],
            SecTool::Dlp => &[
                ToolExceptionType::HASH,
                ToolExceptionType::TEXT_CONTENT,
                ToolExceptionType::SENDER_EMAIL,
                ToolExceptionType::RECIPIENT_EMAIL,
            ],
        }
    }
}

impl fmt::Display for SecTool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for SecTool {
    type Err = UnknownSecTool;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        SecTool::ALL
            .into_iter()
            .find(|tool| tool.as_str() == text)
            .ok_or_else(|| UnknownSecTool(text.to_owned()))
    }
}

/// The type of a security-tool exception (`exceptionType`, and the `{excType}` segment of
/// `sectool-exceptions/{sectool}/exceptions/{excType}`): `hash`, `allow-url`, `sender_email`...
///
/// The documented types are constants; [`ToolExceptionType::new`] accepts any other text of 1
/// to 64 characters of `A-Z a-z 0-9 _ -` (for a type this version does not know), so the type
/// can never change a request's path.
///
/// ```
/// use hec_proto::model::ToolExceptionType;
/// assert_eq!(ToolExceptionType::BLOCK_DOMAIN.as_str(), "block-domain");
/// assert_eq!("macro_hash".parse::<ToolExceptionType>()?, ToolExceptionType::MACRO_HASH);
/// assert!("allow url".parse::<ToolExceptionType>().is_err());
/// # Ok::<(), hec_proto::model::InvalidToolExceptionType>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ToolExceptionType(Cow<'static, str>);

/// Why a text is not a tool exception type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid tool exception type {0:?}: use 1 to 64 characters of A-Z, a-z, 0-9, '_' and '-'")]
pub struct InvalidToolExceptionType(pub String);

impl ToolExceptionType {
    /// `hash` (anti-malware, DLP): a file's hash.
    pub const HASH: ToolExceptionType = ToolExceptionType(Cow::Borrowed("hash"));
    /// `macro_hash` (anti-malware): a macro's hash.
    pub const MACRO_HASH: ToolExceptionType = ToolExceptionType(Cow::Borrowed("macro_hash"));
    /// `file_type` (anti-malware): a file type such as `.pdf`.
    pub const FILE_TYPE: ToolExceptionType = ToolExceptionType(Cow::Borrowed("file_type"));
    /// `ppat_sender_name` (anti-malware): an impersonation sender name.
    pub const PPAT_SENDER_NAME: ToolExceptionType = ToolExceptionType(Cow::Borrowed("ppat_sender_name"));
    /// `allow-url` (URL reputation).
    pub const ALLOW_URL: ToolExceptionType = ToolExceptionType(Cow::Borrowed("allow-url"));
    /// `allow-domain` (URL reputation).
    pub const ALLOW_DOMAIN: ToolExceptionType = ToolExceptionType(Cow::Borrowed("allow-domain"));
    /// `block-url` (URL reputation).
    pub const BLOCK_URL: ToolExceptionType = ToolExceptionType(Cow::Borrowed("block-url"));
    /// `block-domain` (URL reputation).
    pub const BLOCK_DOMAIN: ToolExceptionType = ToolExceptionType(Cow::Borrowed("block-domain"));
    /// `text_content` (DLP).
    pub const TEXT_CONTENT: ToolExceptionType = ToolExceptionType(Cow::Borrowed("text_content"));
    /// `sender_email` (DLP).
    pub const SENDER_EMAIL: ToolExceptionType = ToolExceptionType(Cow::Borrowed("sender_email"));
    /// `recipient_email` (DLP).
    pub const RECIPIENT_EMAIL: ToolExceptionType = ToolExceptionType(Cow::Borrowed("recipient_email"));

    /// Checks a type's text: 1 to 64 characters of `A-Z a-z 0-9 _ -`.
    pub fn new(text: impl Into<String>) -> Result<Self, InvalidToolExceptionType> {
        let text = text.into();
        let valid = (1..=64).contains(&text.len())
            && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if valid { Ok(ToolExceptionType(Cow::Owned(text))) } else { Err(InvalidToolExceptionType(text)) }
    }

    /// The wire text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ToolExceptionType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ToolExceptionType {
    type Err = InvalidToolExceptionType;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ToolExceptionType::new(text)
    }
}

impl Serialize for ToolExceptionType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// The most characters a [`ToolExceptionKey`] holds: room for a long URL.
pub const MAX_TOOL_EXCEPTION_KEY_LEN: usize = 2048;

/// The text a security-tool exception is about (`exceptionStr`, answered as `exception_str`): a
/// hash, a file type such as `.pdf`, a URL, a domain, an e-mail address, a phrase. With the tool
/// and the type it is the exception's key: get-one puts it in the path, update and delete send
/// it in the body.
///
/// Any text of 1 to 2048 characters without control characters, except one made only of dots
/// (`.` and `..` would be read as path steps). In a path it is percent-encoded
/// ([`ToolExceptionKey::path_segment`]): every byte but `A-Z a-z 0-9 - . _ ~`, so `/`, `?`, `#`
/// and `%` can never change the path. How the live service decodes an encoded `/` is not known.
///
/// ```
/// use hec_proto::model::ToolExceptionKey;
/// let key = ToolExceptionKey::new("https://payroll.evil.example/login?x=1")?;
/// assert_eq!(key.path_segment(), "https%3A%2F%2Fpayroll.evil.example%2Flogin%3Fx%3D1");
/// assert_eq!(ToolExceptionKey::new(".pdf")?.path_segment(), ".pdf");
/// assert!(ToolExceptionKey::new("..").is_err());
/// # Ok::<(), hec_proto::model::InvalidToolExceptionKey>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ToolExceptionKey(String);

/// Why a text is not a [`ToolExceptionKey`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidToolExceptionKey {
    /// The text is empty.
    #[error("invalid tool exception key: it is empty")]
    Empty,
    /// The text is longer than [`MAX_TOOL_EXCEPTION_KEY_LEN`] characters.
    #[error("invalid tool exception key: it has {0} characters, at most 2048 are allowed")]
    TooLong(usize),
    /// The text holds a control character.
    #[error("invalid tool exception key: a control character at position {0}")]
    ControlCharacter(usize),
    /// The text is only dots (`.`, `..`), which a path would read as a step.
    #[error("invalid tool exception key: a text of only dots is not allowed")]
    OnlyDots,
}

impl ToolExceptionKey {
    /// Checks a key's text.
    pub fn new(text: impl Into<String>) -> Result<Self, InvalidToolExceptionKey> {
        let text = text.into();
        if text.is_empty() {
            return Err(InvalidToolExceptionKey::Empty);
        }
        if let Some(position) = text.chars().position(char::is_control) {
            return Err(InvalidToolExceptionKey::ControlCharacter(position));
        }
        let length = text.chars().count();
        if length > MAX_TOOL_EXCEPTION_KEY_LEN {
            return Err(InvalidToolExceptionKey::TooLong(length));
        }
        if text.bytes().all(|b| b == b'.') {
            return Err(InvalidToolExceptionKey::OnlyDots);
        }
        Ok(ToolExceptionKey(text))
    }

    /// The key's text, as the body sends it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key as one path segment: percent-encoded (upper-case hex) but for `A-Z a-z 0-9 - . _ ~`.
    pub fn path_segment(&self) -> String {
        crate::wire::percent::percent_encode(&self.0, b"0123456789ABCDEF")
    }
}

impl fmt::Display for ToolExceptionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for ToolExceptionKey {
    type Err = InvalidToolExceptionKey;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        ToolExceptionKey::new(text)
    }
}

impl AsRef<str> for ToolExceptionKey {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Serialize for ToolExceptionKey {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
