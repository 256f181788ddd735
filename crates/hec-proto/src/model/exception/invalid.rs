//! `InvalidExceptionRequest`: why an exception request body was refused before it was sent.

/// Why an exception request body cannot be built: it would ask the service for nothing, or for
/// everything.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvalidExceptionRequest {
    /// An anti-phishing exception without a single matching criterion (sender, domain, subject,
    /// recipient, link domain, IP, attachment hash or mail) would match every message.
    #[error(
        "an exception needs at least one criterion (sender e-mail, sender name, sender domain, sender IP, sender client IP, recipient, subject, link domain, attachment MD5 or entity id)"
    )]
    NoCriteria,
    /// A change that changes nothing.
    #[error("nothing to change: set at least one of {0}")]
    NothingToChange(&'static str),
    /// A required text is empty.
    #[error("{0} must not be empty")]
    Empty(&'static str),
    /// A list of targets is empty.
    #[error("{0} must name at least one item")]
    NoItems(&'static str),
}
