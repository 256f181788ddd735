//! `Failure`: why a command did not do what it was asked. It depends on nothing else of hec, so
//! that every module can return one; its exit code is [`Exit::of_failure`](crate::output::exit::Exit::of_failure).

use std::fmt;

use hec_proto::{Error, ResponseDetail};

/// A command's failure: a problem with what was asked (found before any request), or a failed
/// call to the service.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Usage or configuration: a bad task id, an unknown region, missing credentials...
    Usage(String),
    /// The credentials could not be had: a profile's `access_key_command` failed or printed no
    /// key (exit 3, as a refused key).
    Credentials(String),
    /// A call to the service failed (or the configuration was refused by the client).
    Client(Error),
    /// A call to the service failed, told by `message` instead of the error's own words: what
    /// was asked (an id) and what to do next, around the error's text.
    Explained {
        /// The error, for its kind, exit code and response detail.
        error: Error,
        /// The whole message.
        message: String,
    },
}

impl Failure {
    /// A stable name for scripts: [`Error::kind_name`], or `config` for a usage problem.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Failure::Usage(_) => "config",
            Failure::Credentials(_) => "credentials",
            Failure::Client(error) | Failure::Explained { error, .. } => error.kind_name(),
        }
    }

    /// The response the failure came from, if the service answered.
    pub(crate) fn detail(&self) -> Option<&ResponseDetail> {
        match self {
            Failure::Usage(_) | Failure::Credentials(_) => None,
            Failure::Client(error) | Failure::Explained { error, .. } => {
                error.response_error().map(|e| e.detail())
            }
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) | Failure::Credentials(message) => f.write_str(message),
            Failure::Client(error) => error.fmt(f),
            Failure::Explained { message, .. } => f.write_str(message),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Client(error)
    }
}
